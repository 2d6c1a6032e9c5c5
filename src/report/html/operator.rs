//! operators/<id>.html, the coaching page of one operator for the month: score and compliance beside
//! the team's, strengths, the criteria to work on first (fail rate × weight) with up to three example
//! calls each (quote, moment in the recording, reason), the month's calls and the trend across months.

use std::collections::HashMap;

use maud::{Markup, html};

use super::super::Report;
use super::super::aggregate::{CallRow, Failure};
use super::super::charts::{self, Bars, Trend};
use super::super::figures::OperatorLine;
use super::super::stats::{decimal, decimal_or_dash, percent, percent_or_dash, pp_change};
use super::{ChartFiles, month_name, page, short_time};

/// Criteria to work on that get example calls.
const FOCUS: usize = 3;
/// Example calls per criterion to work on.
const EXAMPLES: usize = 3;

/// A criterion the operator failed at least once, with its priority.
struct Focus<'a> {
    criterion: &'a crate::rubric::Criterion,
    fail_rate: f64,
    fails: u64,
    applied: u64,
    priority: f64,
}

pub fn render(report: &Report, op: &OperatorLine, charts: &mut ChartFiles) -> String {
    let month = report.month.as_str();
    let title = format!("Coaching de {} ({}): {}", op.name, op.id, month_name(month));
    let team = report.month_scores(month);
    let mine: Vec<&crate::report::aggregate::CallRow> = report
        .month_calls()
        .filter(|c| c.operator_id == op.id)
        .collect();
    let by_channel: std::collections::BTreeMap<String, crate::report::stats::Counts> = report
        .data
        .by_operator_channel
        .iter()
        .filter(|((m, o, _), _)| m == month && o == &op.id)
        .map(|((_, _, c), counts)| (c.clone(), *counts))
        .collect();
    let body = html! {
        nav { a href="../index.html" { "← Informe del mes" } " · " a href="../criteria.html" { "Qué mide cada criterio" } " · " a href="../revisar.html" { "Cola de revisión" } }
        h1 { (title) }
        p.note { "Turno: " (op.team) ". Página para revisar con el operador las llamadas del mes." }
        section.first id="resumen" {
            h2 { "Resumen" }
            table { tbody {
                tr { th { "Llamadas calificadas" } td.n { (op.scores.scored) } }
                tr { th { "Puntaje promedio" } td.n { (decimal_or_dash(op.mean)) } }
                tr { th { "Intervalo de confianza del 95 %" } td.n {
                    (op.interval.map_or("—".to_string(), |(l, h)| format!("{} – {}", decimal(l), decimal(h))))
                } }
                tr { th { "Puntaje promedio del equipo" } td.n { (decimal_or_dash(team.mean())) } }
                tr { th { "Llamadas con un criterio crítico incumplido" } td.n { (op.scores.critical_failed) } }
            } }
            h3 { "Por canal" }
            (super::channel_table(&mine, &by_channel))
            @if !op.sufficient {
                p.warn {
                    "Muestra insuficiente: " (op.scores.scored) " llamadas calificadas en el mes. Con tan pocas llamadas el "
                    "intervalo es demasiado ancho para comparar con justicia; úsese para conversar sobre llamadas concretas."
                }
            }
        }
        (super::channels::render_operator(report, &op.id))
        (compliance(report, op, charts))
        (focus(report, op))
        (calls(report, op))
        (trend(report, op, charts))
    };
    page(&title, body)
}

fn compliance(report: &Report, op: &OperatorLine, charts: &mut ChartFiles) -> Markup {
    let month = report.month.as_str();
    let criteria = &report.rubric.criteria;
    let own: Vec<Option<f64>> = criteria
        .iter()
        .map(|c| report.operator_counts(month, &op.id, &c.id).compliance())
        .collect();
    let team: Vec<Option<f64>> = criteria
        .iter()
        .map(|c| report.criterion_counts(month, &c.id).compliance())
        .collect();
    let labels: Vec<String> = criteria.iter().map(|c| c.title.clone()).collect();
    let series = vec![
        (op.id.clone(), own.clone()),
        ("Equipo".to_string(), team.clone()),
    ];
    let title = format!("Cumplimiento de {} frente al equipo, {month}", op.id);
    let chart = charts::bars(&Bars {
        name: &format!("{}_criterios", op.file),
        title: &title,
        x_label: "cumplimiento",
        labels: &labels,
        series: &series,
    });
    html! {
        section id="cumplimiento" {
            h2 { "Cumplimiento frente al equipo" }
            (charts.figure(chart, "../", &title))
            table {
                thead { tr {
                    th { "Criterio" } th { "Título" } th.n { "Peso" } th.n { "Cumple / aplica" }
                    th.n { (op.id) } th.n { "Equipo" } th.n { "Diferencia" }
                } }
                tbody {
                    @for (i, c) in criteria.iter().enumerate() {
                        @let counts = report.operator_counts(month, &op.id, &c.id);
                        tr {
                            td { (c.id) }
                            td { (c.title) @if c.critical { " (crítico)" } }
                            td.n { (decimal(c.weight)) }
                            td.n { (counts.pass) " / " (counts.pass + counts.fail) }
                            td.n { (percent_or_dash(own[i])) }
                            td.n { (percent_or_dash(team[i])) }
                            td.n { (match (team[i], own[i]) { (Some(t), Some(o)) => pp_change(t, o), _ => "—".to_string() }) }
                        }
                    }
                }
            }
            p.note { "«—»: el criterio no aplicó a ninguna de sus llamadas. Diferencia: el operador menos el equipo, en puntos porcentuales." }
        }
    }
}

fn focus(report: &Report, op: &OperatorLine) -> Markup {
    let month = report.month.as_str();
    let mut strengths = Vec::new();
    let mut work: Vec<Focus> = Vec::new();
    for criterion in &report.rubric.criteria {
        let counts = report.operator_counts(month, &op.id, &criterion.id);
        let applied = counts.pass + counts.fail;
        if counts.fail == 0 && applied > 0 {
            strengths.push((criterion, applied));
        } else if counts.fail > 0 {
            let fail_rate = counts.fail_rate();
            work.push(Focus {
                criterion,
                fail_rate,
                fails: counts.fail,
                applied,
                priority: fail_rate * criterion.weight,
            });
        }
    }
    // Highest priority first; ties in rubric order (the sort is stable).
    work.sort_by(|a, b| b.priority.total_cmp(&a.priority));
    let calls: HashMap<&str, &CallRow> = report
        .month_calls()
        .filter(|c| c.operator_id == op.id)
        .map(|c| (c.call_id.as_str(), c))
        .collect();
    let examples = |criterion: &str| -> Vec<&Failure> {
        let mut rows: Vec<&Failure> = report
            .data
            .failures
            .iter()
            .filter(|f| f.month == month && f.operator_id == op.id && f.criterion == criterion)
            .collect();
        let start = |f: &Failure| {
            calls
                .get(f.call_id.as_str())
                .map_or("", |c| c.started_at.as_str())
        };
        // Calls with a quote first, then by start time.
        rows.sort_by(|a, b| {
            (a.evidence.is_empty(), start(a), &a.call_id).cmp(&(
                b.evidence.is_empty(),
                start(b),
                &b.call_id,
            ))
        });
        rows.truncate(EXAMPLES);
        rows
    };
    html! {
        section id="fortalezas" {
            h2 { "Fortalezas" }
            @if strengths.is_empty() {
                p { "Ningún criterio cumplido en todas las llamadas en que aplicaba." }
            } @else {
                p { "Criterios cumplidos en todas las llamadas en que aplicaban:" }
                ul { @for (c, n) in &strengths { li { (c.title) " (" (n) " de " (n) ")" } } }
            }
        }
        section id="trabajar" {
            h2 { "Qué trabajar primero" }
            p {
                "Los criterios se ordenan por tasa de incumplimiento × peso del criterio, es decir, por los puntos que "
                "cada uno resta en promedio a sus llamadas: primero lo que más baja su puntaje."
            }
            @if work.is_empty() {
                p { "Ningún criterio incumplido en el mes." }
            } @else {
                table {
                    thead { tr { th.n { "Orden" } th { "Criterio" } th.n { "Incumplido" } th.n { "Tasa de incumplimiento" } th.n { "Peso" } th.n { "Prioridad" } } }
                    tbody {
                        @for (i, w) in work.iter().enumerate() {
                            tr {
                                td.n { (i + 1) }
                                td { (w.criterion.title) " (" (w.criterion.id) ")" }
                                td.n { (w.fails) " de " (w.applied) }
                                td.n { (percent(w.fail_rate)) }
                                td.n { (decimal(w.criterion.weight)) }
                                td.n { (decimal(w.priority)) }
                            }
                        }
                    }
                }
                @for w in work.iter().take(FOCUS) {
                    h3 { (w.criterion.title) }
                    p.note { (w.criterion.description) }
                    ol.examples {
                        @for f in examples(&w.criterion.id) {
                            @let call = calls.get(f.call_id.as_str());
                            li {
                                "Llamada " strong { (f.call_id) }
                                @if let Some(call) = call { ", " (short_time(&call.started_at)) ", archivo " code { (call.source_file) } }
                                @if !f.at.is_empty() { ", en " strong { (f.at) } " de la grabación" }
                                ":"
                                @if f.evidence.is_empty() {
                                    p.note { "(sin cita: el criterio falló por lo que no se dijo)" }
                                } @else {
                                    blockquote { (f.evidence) }
                                }
                                p { "Motivo: " (f.reason) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn calls(report: &Report, op: &OperatorLine) -> Markup {
    let calls: Vec<&CallRow> = report
        .month_calls()
        .filter(|c| c.operator_id == op.id)
        .collect();
    html! {
        section id="llamadas" {
            h2 { "Llamadas del mes" }
            table {
                thead { tr { th { "Fecha" } th { "Llamada" } th.n { "Puntaje" } th { "Criterios incumplidos" } th { "Archivo" } } }
                tbody {
                    @for c in &calls {
                        tr {
                            td { (short_time(&c.started_at)) }
                            td { (c.call_id) }
                            td.n { (decimal_or_dash(c.score)) }
                            td {
                                @for (i, id) in c.failed.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    @if c.critical_failed.split(';').any(|x| x == id) { span.bad { (id) " (crítico)" } } @else { (id) }
                                }
                            }
                            td { code { (c.source_file) } }
                        }
                    }
                }
            }
        }
    }
}

fn trend(report: &Report, op: &OperatorLine, charts: &mut ChartFiles) -> Markup {
    if report.months.len() < 2 {
        return html! {};
    }
    let months = &report.months;
    let series = vec![
        (
            op.id.clone(),
            months
                .iter()
                .map(|m| report.operator_scores(m, &op.id).mean().map(|s| s / 100.0))
                .collect(),
        ),
        (
            "Equipo".to_string(),
            months
                .iter()
                .map(|m| report.month_scores(m).mean().map(|s| s / 100.0))
                .collect(),
        ),
    ];
    let title = format!("Puntaje promedio de {} y del equipo por mes", op.id);
    let chart = charts::trend(&Trend {
        name: &format!("{}_tendencia", op.file),
        title: &title,
        y_label: "puntaje (% del máximo)",
        periods: months,
        series: &series,
    });
    html! {
        section id="evolucion" {
            h2 { "Evolución mensual" }
            (charts.figure(chart, "../", &title))
            table {
                thead { tr { th { "Mes" } th.n { "Llamadas" } th.n { "Puntaje promedio" } th.n { "Equipo" } } }
                tbody {
                    @for m in months {
                        @let own = report.operator_scores(m, &op.id);
                        tr {
                            td { (m) } td.n { (own.scored) } td.n { (decimal_or_dash(own.mean())) }
                            td.n { (decimal_or_dash(report.month_scores(m).mean())) }
                        }
                    }
                }
            }
        }
    }
}

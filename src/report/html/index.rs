//! index.html, the management report of the month: headline figures with the change against the
//! previous month, the operator ranking with 95 % intervals, compliance per operator and criterion,
//! the distribution of scores, the monthly trend, the daily line review and the data quality.

use maud::{Markup, html};

use super::super::Report;
use super::super::charts::{self, Bars, Heatmap, Histogram, Trend};
use super::super::stats::{
    MIN_CALLS, decimal, decimal_or_dash, percent_or_dash, points_change, pp_change,
};
use super::{ChartFiles, lines, month_name, page, quality};

pub fn render(report: &Report, charts: &mut ChartFiles) -> String {
    let title = format!("Calidad de atención SIAGIE: {}", month_name(&report.month));
    let body = html! {
        nav {
            a href="#resumen" { "Resumen" } " · "
            a href="#canales" { "Canales" } " · "
            a href="#ranking" { "Operadores" } " · "
            a href="#criterios" { "Criterios" } " · "
            a href="#puntajes" { "Puntajes" } " · "
            a href="#evolucion" { "Evolución" } " · "
            a href="#lineas" { "Líneas" } " · "
            a href="#calidad-datos" { "Calidad de los datos" } " · "
            a href="criteria.html" { "Qué mide cada criterio" } " · "
            a href="revisar.html" { "Cola de revisión" }
            @if report.month_folders.iter().any(|&i| report.folders[i].has_evaluations) {
                " · " a href="calibracion.html" { "Calibración con los supervisores" }
            }
        }
        h1 { (title) }
        p.note {
            "Auditoría de las llamadas de la Central de Atención del SIAGIE frente al protocolo de atención ("
            (report.rubric.title) ", versión " (report.rubric.version) "). Mes del informe: "
            (report.month) "; meses en los datos: " (report.months.join(", ")) "."
        }
        @for note in &report.rubric_notes { p.warn { (note) } }
        (summary(report))
        (super::channels::render_index(report, charts))
        (ranking(report))
        (criteria(report, charts))
        (scores(report, charts))
        (trend(report, charts))
        (lines::render(report, charts))
        (quality::render(report))
    };
    page(&title, body)
}

/// One line of the headline table: the month's value, the previous month's and the change.
struct Headline {
    label: String,
    current: String,
    previous: Option<String>,
    change: Option<String>,
}

fn headlines(report: &Report) -> Vec<Headline> {
    let month = report.month.as_str();
    let prev = report.previous.as_deref();
    let since = |change: String| format!("{change} respecto de {}", prev.unwrap_or_default());
    let share_line = |label: String, value: &dyn Fn(&str) -> Option<f64>| {
        let current = value(month);
        let before = prev.and_then(value);
        Headline {
            label,
            current: percent_or_dash(current),
            previous: prev.map(|_| percent_or_dash(before)),
            change: match (before, current) {
                (Some(b), Some(c)) => Some(since(pp_change(b, c))),
                _ => None,
            },
        }
    };
    let mut out = Vec::new();
    let calls = |m: &str| report.month_scores(m).calls;
    out.push(Headline {
        label: "Atenciones auditadas (todos los canales)".into(),
        current: calls(month).to_string(),
        previous: prev.map(|p| calls(p).to_string()),
        change: prev.map(|p| since(format!("{:+}", calls(month) as i64 - calls(p) as i64))),
    });
    let mean = |m: &str| report.month_scores(m).mean();
    out.push(Headline {
        label: "Puntaje promedio (0 a 100)".into(),
        current: decimal_or_dash(mean(month)),
        previous: prev.map(|p| decimal_or_dash(mean(p))),
        change: match (prev.and_then(mean), mean(month)) {
            (Some(b), Some(c)) => Some(since(points_change(b, c))),
            _ => None,
        },
    });
    out.push(share_line(
        "Atenciones con un criterio crítico incumplido".into(),
        &|m| report.month_scores(m).critical_share(),
    ));
    out.push(share_line(
        "Cumplimiento de todos los criterios".into(),
        &|m| report.data.by_month.get(m).and_then(|c| c.compliance()),
    ));
    for section in &report.rubric.sections {
        out.push(share_line(
            format!("Cumplimiento: {}", section.title),
            &|m| report.section_counts(m, &section.id).compliance(),
        ));
    }
    out.push(share_line("Tasa de llamadas perdidas".into(), &|m| {
        report.lines.get(m).and_then(|l| l.totals.lost_rate())
    }));
    out.push(share_line(
        "Nivel de servicio (atendidas en 20 s o menos)".into(),
        &|m| report.lines.get(m).and_then(|l| l.totals.service_level()),
    ));
    out
}

fn summary(report: &Report) -> Markup {
    let lines = headlines(report);
    let calls: Vec<&crate::report::aggregate::CallRow> = report.month_calls().collect();
    let by_channel: std::collections::BTreeMap<String, crate::report::stats::Counts> = report
        .data
        .by_channel
        .iter()
        .filter(|((m, _), _)| m == &report.month)
        .map(|((_, c), counts)| (c.clone(), *counts))
        .collect();
    let evaluated = report
        .month_folders
        .iter()
        .any(|&i| report.folders[i].has_evaluations);
    let review: usize = report
        .month_folders
        .iter()
        .map(|&i| report.folders[i].review_count)
        .sum();
    html! {
        section.first id="resumen" {
            h2 { "Resumen del mes" }
            table {
                thead { tr {
                    th { "Indicador" }
                    th.n { (report.month) }
                    @if let Some(prev) = &report.previous {
                        th.n { (prev) }
                        th { "Cambio" }
                    }
                } }
                tbody {
                    @for line in &lines {
                        tr {
                            td { (line.label) }
                            td.n { (line.current) }
                            @if report.previous.is_some() {
                                td.n { (line.previous.as_deref().unwrap_or("—")) }
                                td { (line.change.as_deref().unwrap_or("—")) }
                            }
                        }
                    }
                }
            }
            p.note {
                "Cumplimiento = cumple / (cumple + no cumple): los criterios que no aplican a una llamada no cuentan. "
                "El puntaje de una llamada pondera los criterios que aplican. Los cambios en porcentajes se dan en "
                "puntos porcentuales (pp)."
                @if report.previous.is_none() { " No hay un mes anterior en los datos para comparar." }
                @if report.month_lines().is_none() {
                    " Sin datos de la central telefónica para este mes: la tasa de pérdidas y el nivel de servicio no se pueden calcular."
                }
            }
            h3 { "Cumplimiento por canal" }
            (super::channel_table(&calls, &by_channel))
            p.note {
                "callqa califica las llamadas grabadas; la atención presencial (y las llamadas sin grabación) la califican los "
                "supervisores con los pesos de la rúbrica del canal, y cuenta en todas las cifras de este informe."
                @if evaluated {
                    " Donde un supervisor evaluó una llamada, manda su veredicto (el motivo lo dice); la "
                    a href="calibracion.html" { "calibración" } " compara callqa con los supervisores."
                }
                " " (review) " veredictos de callqa tienen confianza baja: ver la " a href="revisar.html" { "cola de revisión" } "."
            }
        }
    }
}

fn ranking(report: &Report) -> Markup {
    let prev = report.previous.as_deref();
    html! {
        section id="ranking" {
            h2 { "Ranking de operadores" }
            p.note {
                "Ordenado por puntaje promedio del mes. El intervalo de confianza del 95 % es media ± t·s/√n "
                "(t de Student con n − 1 grados de libertad; 1,96 desde 30 llamadas). Con menos de "
                (MIN_CALLS) " llamadas en el mes el intervalo es demasiado ancho para comparar operadores con "
                "justicia: esos operadores llevan la marca «muestra insuficiente» y su puesto es solo orientativo."
            }
            table {
                thead { tr {
                    th.n { "Puesto" } th { "Operador" } th { "Nombre" } th { "Turno" }
                    th.n { "Llamadas calificadas" } th.n { "Puntaje promedio" } th.n { "IC 95 %" }
                    th.n { "Con crítico incumplido" } th { "Muestra" }
                    @if let Some(prev) = prev { th { "Cambio respecto de " (prev) } }
                } }
                tbody {
                    @for (rank, op) in report.ranking.iter().enumerate() {
                        tr {
                            td.n { (rank + 1) }
                            td { a href=(format!("operators/{}.html", op.file)) { (op.id) } }
                            td { (op.name) }
                            td { (op.team) }
                            td.n { (op.scores.scored) }
                            td.n { (decimal_or_dash(op.mean)) }
                            td.n { (op.interval.map_or("—".to_string(), |(l, h)| format!("{} – {}", decimal(l), decimal(h)))) }
                            td.n { (op.scores.critical_failed) }
                            td { @if op.sufficient { "suficiente" } @else { span.warn { "muestra insuficiente" } } }
                            @if let Some(prev) = prev {
                                td { (match (report.operator_scores(prev, &op.id).mean(), op.mean) {
                                    (Some(b), Some(c)) => points_change(b, c),
                                    _ => "—".to_string(),
                                }) }
                            }
                        }
                    }
                }
            }
            @let unidentified = report.unidentified_calls();
            @if unidentified > 0 {
                p.warn { (unidentified) " llamada(s) del mes sin operador identificado: cuentan en las cifras del equipo, no en el ranking." }
            }
        }
    }
}

fn criteria(report: &Report, charts: &mut ChartFiles) -> Markup {
    let month = report.month.as_str();
    let ids: Vec<String> = report
        .rubric
        .criteria
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let titles: Vec<String> = report
        .rubric
        .criteria
        .iter()
        .map(|c| c.title.clone())
        .collect();
    let rows: Vec<String> = report.ranking.iter().map(|o| o.id.clone()).collect();
    let values: Vec<Vec<Option<f64>>> = report
        .ranking
        .iter()
        .map(|o| {
            ids.iter()
                .map(|c| report.operator_counts(month, &o.id, c).compliance())
                .collect()
        })
        .collect();
    let team: Vec<Option<f64>> = ids
        .iter()
        .map(|c| report.criterion_counts(month, c).compliance())
        .collect();
    let heat_title = format!("Cumplimiento por operador y criterio, {month}");
    let heatmap = charts::heatmap(&Heatmap {
        name: "heatmap",
        title: &heat_title,
        rows: &rows,
        columns: &ids,
        values: &values,
    });
    let bars_title = format!("Cumplimiento del equipo por criterio, {month}");
    let series = vec![("Equipo".to_string(), team.clone())];
    let bars = charts::bars(&Bars {
        name: "criterios",
        title: &bars_title,
        x_label: "cumplimiento",
        labels: &titles,
        series: &series,
    });
    html! {
        section id="criterios" {
            h2 { "Cumplimiento por operador y criterio" }
            (charts.figure(heatmap, "", &heat_title))
            (charts.figure(bars, "", &bars_title))
            table {
                thead { tr {
                    th { "Criterio" } th { "Título" }
                    @for op in &report.ranking { th.n { a href=(format!("operators/{}.html", op.file)) { (op.id) } } }
                    th.n { "Equipo" }
                } }
                tbody {
                    @for (i, criterion) in report.rubric.criteria.iter().enumerate() {
                        tr {
                            td { (criterion.id) }
                            td { (criterion.title) @if criterion.critical { " (crítico)" } }
                            @for row in &values { td.n { (percent_or_dash(row[i])) } }
                            td.n { (percent_or_dash(team[i])) }
                        }
                    }
                }
            }
            p.note { "«—»: el criterio no aplicó a ninguna llamada. Qué verifica cada criterio: " a href="criteria.html" { "criteria.html" } "." }
        }
    }
}

fn scores(report: &Report, charts: &mut ChartFiles) -> Markup {
    let mut values: Vec<f64> = report.month_calls().filter_map(|c| c.score).collect();
    values.sort_by(f64::total_cmp);
    let title = format!("Distribución del puntaje por llamada, {}", report.month);
    let chart = charts::histogram(&Histogram {
        name: "puntajes",
        title: &title,
        x_label: "puntaje de la llamada",
        y_label: "llamadas",
        values: &values,
    });
    let median = match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[n / 2]),
        n => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    };
    html! {
        section id="puntajes" {
            h2 { "Distribución de los puntajes" }
            (charts.figure(chart, "", &title))
            p {
                (values.len()) " llamadas con puntaje; mínimo " (decimal_or_dash(values.first().copied()))
                ", mediana " (decimal_or_dash(median)) ", máximo " (decimal_or_dash(values.last().copied())) "."
            }
        }
    }
}

fn trend(report: &Report, charts: &mut ChartFiles) -> Markup {
    if report.months.len() < 2 {
        return html! {
            section id="evolucion" {
                h2 { "Evolución mensual" }
                p { "Los datos tienen un solo mes (" (report.month) "): la evolución aparece cuando el informe recibe carpetas de resultados de varios meses." }
            }
        };
    }
    let months = &report.months;
    let score_series = vec![
        (
            "Puntaje promedio".to_string(),
            months
                .iter()
                .map(|m| report.month_scores(m).mean().map(|s| s / 100.0))
                .collect(),
        ),
        (
            "Cumplimiento total".to_string(),
            months
                .iter()
                .map(|m| report.data.by_month.get(m).and_then(|c| c.compliance()))
                .collect(),
        ),
    ];
    let score_title = "Puntaje promedio y cumplimiento por mes".to_string();
    let score_chart = charts::trend(&Trend {
        name: "tendencia_puntaje",
        title: &score_title,
        y_label: "puntaje (% del máximo) y cumplimiento",
        periods: months,
        series: &score_series,
    });
    let section_series: Vec<(String, Vec<Option<f64>>)> = report
        .rubric
        .sections
        .iter()
        .map(|s| {
            (
                s.title.clone(),
                months
                    .iter()
                    .map(|m| report.section_counts(m, &s.id).compliance())
                    .collect(),
            )
        })
        .collect();
    let section_title = "Cumplimiento por sección del protocolo y mes".to_string();
    let section_chart = charts::trend(&Trend {
        name: "tendencia_secciones",
        title: &section_title,
        y_label: "cumplimiento",
        periods: months,
        series: &section_series,
    });
    html! {
        section id="evolucion" {
            h2 { "Evolución mensual" }
            (charts.figure(score_chart, "", &score_title))
            (charts.figure(section_chart, "", &section_title))
            table {
                thead { tr {
                    th { "Mes" } th.n { "Llamadas" } th.n { "Puntaje promedio" } th.n { "Con crítico incumplido" }
                    @for s in &report.rubric.sections { th.n { (s.title) } }
                } }
                tbody {
                    @for m in months {
                        @let scores = report.month_scores(m);
                        tr {
                            td { (m) }
                            td.n { (scores.calls) }
                            td.n { (decimal_or_dash(scores.mean())) }
                            td.n { (percent_or_dash(scores.critical_share())) }
                            @for s in &report.rubric.sections { td.n { (percent_or_dash(report.section_counts(m, &s.id).compliance())) } }
                        }
                    }
                }
            }
            p.note { "El puntaje se dibuja como porcentaje del máximo (87,5 puntos = 87,5 %)." }
        }
    }
}

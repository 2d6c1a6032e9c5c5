//! calibracion.html: what a calibration meeting walks through. The agreement of callqa with each
//! supervisor and of the supervisors with each other (per criterion, kappa with its interval), the
//! confusion matrices, Fleiss' kappa when three or more raters scored the same verdicts, and every
//! verdict where callqa and a supervisor disagree: callqa's quote, time and reason beside the
//! supervisor's verdict and comment, grouped by criterion.

use maud::{Markup, html};

use super::page;
use crate::calibrate::kappa::{Agreement, CATEGORIES, Confusion};
use crate::calibrate::{ALL, CALLQA, PairRow, Statistic};
use crate::evaluation::apply::outcome_word;
use crate::report::calibration::Calibrated;

fn title_of(calibrated: &Calibrated, id: &str) -> String {
    if id == ALL {
        return "Todos los criterios".into();
    }
    calibrated
        .catalog
        .spec(id)
        .map_or(id.to_string(), |s| s.title.clone())
}

fn number(x: Option<f64>, digits: usize) -> String {
    x.filter(|v| v.is_finite())
        .map_or("—".into(), |v| format!("{v:.digits$}").replace('.', ","))
}

fn percent(x: f64) -> String {
    format!("{:.1} %", x * 100.0).replace('.', ",")
}

/// Landis & Koch's words for a kappa.
fn strength(kappa: Option<f64>) -> &'static str {
    match kappa {
        None => "indefinido",
        Some(k) if k < 0.0 => "peor que el azar",
        Some(k) if k <= 0.20 => "leve",
        Some(k) if k <= 0.40 => "aceptable",
        Some(k) if k <= 0.60 => "moderado",
        Some(k) if k <= 0.80 => "considerable",
        Some(_) => "casi perfecto",
    }
}

fn figures(a: &Agreement) -> Markup {
    html! {
        td.n { (a.n) }
        td.n { (percent(a.agreement)) }
        td.n { (number(a.kappa, 3)) }
        td.n {
            @if let (Some(low), Some(high)) = (a.low, a.high) {
                (number(Some(low), 3)) " – " (number(Some(high), 3))
            } @else { "—" }
        }
        td { (strength(a.kappa)) }
    }
}

fn pair_label(row: &PairRow) -> String {
    if row.statistic == Statistic::Fleiss {
        row.rater_a.clone()
    } else {
        format!("{} y {}", row.rater_a, row.rater_b)
    }
}

fn confusion(row: &PairRow, matrix: &Confusion) -> Markup {
    html! {
        table {
            caption { (pair_label(row)) ": filas " (row.rater_a) ", columnas " (row.rater_b) }
            tr {
                th { }
                @for b in CATEGORIES { th { (row.rater_b) ": " (outcome_word(b)) } }
            }
            @for a in CATEGORIES {
                tr {
                    th { (row.rater_a) ": " (outcome_word(a)) }
                    @for b in CATEGORIES {
                        td.n { (matrix.get(a, b)) }
                    }
                }
            }
        }
    }
}

/// The page.
pub fn render(calibrated: &Calibrated) -> String {
    let c = &calibrated.calibration;
    let overall: Vec<&PairRow> = c.rows.iter().filter(|r| r.criterion == ALL).collect();
    let body = html! {
        nav { a href="index.html" { "← Informe mensual" } " · " a href="revisar.html" { "Cola de revisión" } }
        h1 { "Calibración: callqa y los supervisores" }
        p.note {
            "Supervisores: " (c.evaluators.join(", ")) ". Cada par se compara en los veredictos que "
            "ambos dieron (mismo criterio, misma atención). Acuerdo: porcentaje de veredictos iguales "
            "(cumple, no cumple, no aplica). Kappa de Cohen: el acuerdo descontado el que se daría por "
            "azar (1 = total, 0 = el del azar), con su intervalo de 95 %. Con tres o más evaluadores, "
            "kappa de Fleiss sobre los veredictos que dieron todos."
        }
        section.first {
            h2 { "Acuerdo general" }
            table {
                tr { th { "Par" } th { "Veredictos" } th { "Acuerdo" } th { "Kappa" } th { "IC 95 %" } th { "Fuerza" } }
                @for row in &overall {
                    tr { td { (pair_label(row)) } (figures(&row.agreement)) }
                }
            }
            @for row in overall.iter().filter(|r| r.statistic == Statistic::Cohen) {
                @if let Some(matrix) = &row.confusion { (confusion(row, matrix)) }
            }
        }
        section {
            h2 { "Acuerdo por criterio" }
            table {
                tr { th { "Criterio" } th { "Par" } th { "Veredictos" } th { "Acuerdo" } th { "Kappa" } th { "IC 95 %" } th { "Fuerza" } }
                @for criterion in &c.criteria {
                    @for row in c.rows.iter().filter(|r| &r.criterion == criterion) {
                        tr {
                            td { (title_of(calibrated, criterion)) " (" (criterion) ")" }
                            td { (pair_label(row)) }
                            (figures(&row.agreement))
                        }
                    }
                }
            }
        }
        section {
            h2 { "Desacuerdos de callqa con los supervisores" }
            p.note { (c.disagreements.len()) " veredictos en los que callqa y un supervisor no coinciden, por criterio. En los informes manda el del supervisor." }
            @for criterion in &c.criteria {
                @let list: Vec<_> = c.disagreements.iter().filter(|d| &d.callqa.criterion == criterion).collect();
                @if !list.is_empty() {
                    h3 { (title_of(calibrated, criterion)) " (" (criterion) "): " (list.len()) }
                    table {
                        tr { th { "Llamada" } th { "callqa" } th { "Lo que oyó callqa" } th { "Supervisor" } th { "Comentario" } }
                        @for d in list {
                            tr {
                                td { (d.callqa.call_id) br; span.note { (d.callqa.operator_id) } }
                                td {
                                    (outcome_word(d.callqa.outcome))
                                    @if d.callqa.confidence == "low" { br; span.warn { "confianza baja" } }
                                }
                                td {
                                    @if !d.callqa.evidence.is_empty() {
                                        blockquote { (d.callqa.at) "  «" (d.callqa.evidence) "»" }
                                    }
                                    (d.callqa.reason)
                                }
                                td { (d.evaluation.evaluator) ": " strong { (outcome_word(d.evaluation.outcome)) }
                                     @if !d.evaluation.evaluated_at.is_empty() { br; span.note { (d.evaluation.evaluated_at) } } }
                                td { (d.evaluation.comment) }
                            }
                        }
                    }
                }
            }
        }
        @if !calibrated.evaluations.bad.is_empty() {
            section {
                h2 { "Filas de evaluación no leídas" }
                table {
                    tr { th { "Archivo" } th { "Fila" } th { "Motivo" } }
                    @for bad in &calibrated.evaluations.bad {
                        tr { td { (bad.source_file) } td.n { (bad.row.map(|r| r.to_string()).unwrap_or_default()) } td { (bad.reason) } }
                    }
                }
            }
        }
        p.note { "Los veredictos de callqa son los de criteria.csv (" (CALLQA) "); calibration.csv trae las mismas cifras." }
    };
    page("Calibración callqa – supervisores", body)
}

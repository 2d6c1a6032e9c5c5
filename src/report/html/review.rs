//! revisar.html: the review queue. callqa's low-confidence verdicts of the report month, most
//! score-changing first, with what makes each doubtful (roles uncertain, a match only through a
//! misspelling, a hold at the threshold, unpunctuated speech-to-text, the PBX contradicting the words),
//! the quote and the reason: the calls a supervisor's hour should go to.

use std::collections::BTreeSet;

use maud::html;

use super::page;
use crate::report::figures::Report;
use crate::report::load::REVIEW_SHOWN;

/// How many verdicts the page lists (the CSV in the results folder has them all).
const SHOWN: usize = REVIEW_SHOWN;

pub fn render(report: &Report) -> String {
    // Each folder's head of the queue; a verdict in two folders of the month counts once, from the
    // last folder.
    let mut items = Vec::new();
    let mut total = 0;
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for &i in report.month_folders.iter().rev() {
        let folder = &report.folders[i];
        total += folder.review_count;
        for item in &folder.review {
            if seen.insert((item.call_id.clone(), item.criterion.clone())) {
                items.push(item);
            } else {
                total -= 1;
            }
        }
    }
    // The order of revisar.csv (a stable sort keeps each call's verdicts in rubric order).
    items.sort_by(|a, b| a.queue_order(b));
    let title = |id: &str| {
        report
            .rubric
            .criterion(id)
            .map_or(id.to_string(), |c| c.title.clone())
    };
    let body = html! {
        nav { a href="index.html" { "← Informe del mes" } " · " a href="criteria.html" { "Qué mide cada criterio" } }
        h1 { "Cola de revisión: veredictos de confianza baja" }
        p.note {
            (total) " veredictos de callqa con confianza baja en el mes, los que más moverían el puntaje "
            "de su llamada primero (puntos que cambiaría el puntaje si el veredicto fuera el contrario). Confianza baja: "
            "roles inciertos, una coincidencia hallada solo por escritura aproximada, un hecho en el umbral de la "
            "rúbrica, una transcripción sin puntuación o la central contradiciendo la transcripción. "
            "Para corregir un veredicto, anótelo en las evaluaciones de supervisión (DATA/evaluations/): "
            "su evaluación reemplaza la de callqa en todos los informes."
        }
        @if total > SHOWN { p.note { "Se muestran los primeros " (SHOWN) "; la lista completa está en revisar.csv de la carpeta de resultados." } }
        table {
            thead { tr { th { "#" } th { "Llamada" } th { "Criterio" } th { "callqa" } th.n { "Impacto" } th { "Por qué dudar" } th { "Lo que oyó callqa" } } }
            tbody {
                @for (n, item) in items.iter().take(SHOWN).enumerate() {
                    tr {
                        td.n { (n + 1) }
                        td { (item.call_id) br; span.note { (item.operator_id) } }
                        td { (title(&item.criterion)) @if item.critical { " " span.warn { "(crítico)" } } }
                        td { (match item.outcome.as_str() { "pass" => "cumple", "fail" => "no cumple", _ => "no aplica" }) }
                        td.n { (format!("{:.1}", item.score_impact).replace('.', ",")) }
                        td { (item.doubts) }
                        td {
                            @if !item.evidence.is_empty() { blockquote { (item.at) "  «" (item.evidence) "»" } }
                            (item.reason)
                        }
                    }
                }
            }
        }
    };
    page("Cola de revisión", body)
}

//! criteria.html: what each criterion of the rubric checks (title, description, section, weight,
//! critical, detector), grouped by section of the protocol, with the team's pass / fail / na counts
//! and compliance for the report month.

use maud::html;

use super::super::Report;
use super::super::stats::{decimal, percent_or_dash};
use super::{month_name, page, yes_no};

pub fn render(report: &Report) -> String {
    let month = report.month.as_str();
    let rubric = &report.rubric;
    let title = format!("Criterios de la auditoría: {}", month_name(month));
    let body = html! {
        nav { a href="index.html" { "← Informe del mes" } }
        h1 { (title) }
        p.note {
            "Rúbrica «" (rubric.title) "» (" (rubric.id) ", versión " (rubric.version) "): "
            (rubric.criteria.len()) " criterios en " (rubric.sections.len()) " secciones. El puntaje de una llamada "
            "pondera los criterios que le aplican por su peso; un criterio crítico incumplido se informa aparte. "
            "Cumplimiento = cumple / (cumple + no cumple), llamadas del equipo en " (month) "."
        }
        @for (i, section) in rubric.sections.iter().enumerate() {
            @let criteria: Vec<_> = rubric.criteria.iter().filter(|c| c.section == section.id).collect();
            section class=[(i == 0).then_some("first")] id=(section.id) {
                h2 { (section.title) }
                @let counts = report.section_counts(month, &section.id);
                p { "Cumplimiento de la sección: " (percent_or_dash(counts.compliance())) "." }
                table {
                    thead { tr {
                        th { "Criterio" } th { "Qué verifica" } th.n { "Peso" } th { "Crítico" } th { "Detector" }
                        th.n { "Cumple" } th.n { "No cumple" } th.n { "No aplica" } th.n { "Cumplimiento" }
                    } }
                    tbody {
                        @for c in &criteria {
                            @let counts = report.criterion_counts(month, &c.id);
                            tr {
                                td { strong { (c.title) } br; code { (c.id) } }
                                td { (c.description) }
                                td.n { (decimal(c.weight)) }
                                td { (yes_no(c.critical)) }
                                td { code { (c.detector_kind) } }
                                td.n { (counts.pass) } td.n { (counts.fail) } td.n { (counts.na) }
                                td.n { (percent_or_dash(counts.compliance())) }
                            }
                        }
                    }
                }
            }
        }
    };
    page(&title, body)
}

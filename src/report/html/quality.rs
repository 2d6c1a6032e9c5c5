//! The data-quality section of index.html: what the figures leave out or rest on weakly. Files
//! rejected and why; transcripts without PBX data and PBX calls without a transcript; calls whose
//! speaker roles were uncertain; calls where the greeting named another operator than the PBX.

use maud::{Markup, html};

use super::super::Report;
use super::super::stats::{decimal2, month_of};
use super::short_time;

/// Below this role confidence a call's operator/caller split may be wrong.
const UNCERTAIN_ROLES: f64 = crate::link::CERTAIN_ROLES;

/// A PBX call's outcome in pbx_unmatched.csv, in Spanish.
fn outcome(outcome: &str) -> &str {
    match outcome {
        "answered" => "atendida",
        "lost" => "perdida",
        "outbound" => "saliente",
        "internal" => "interna",
        "consultation" => "consulta de transferencia",
        other => other,
    }
}

pub fn render(report: &Report) -> Markup {
    let several = report.month_folders.len() > 1;
    let in_month = |started_at: &str| month_of(started_at).is_none_or(|m| m == report.month);
    let folders: Vec<_> = report
        .month_folders
        .iter()
        .map(|&i| &report.folders[i])
        .collect();
    let rejected: Vec<_> = folders
        .iter()
        .flat_map(|f| {
            f.rejected
                .iter()
                .map(move |r| (f.path.display().to_string(), r))
        })
        .collect();
    let unmatched = |side: &str| -> Vec<_> {
        folders
            .iter()
            .flat_map(|f| f.unmatched.iter())
            .filter(|u| u.side == side && in_month(&u.started_at))
            .collect()
    };
    let without_pbx = unmatched("transcript_without_pbx");
    let without_transcript = unmatched("pbx_without_transcript");
    let has_unmatched_file = folders
        .iter()
        .any(|f| f.lines.is_some() || !f.unmatched.is_empty());
    let uncertain: Vec<_> = report
        .month_calls()
        .filter(|c| c.role_confidence.is_some_and(|r| r < UNCERTAIN_ROLES))
        .collect();
    let mismatched: Vec<_> = report
        .month_calls()
        .filter(|c| !c.operator_mismatch.is_empty())
        .collect();
    html! {
        section id="calidad-datos" {
            h2 { "Calidad de los datos" }
            h3 { "Archivos rechazados" }
            @if rejected.is_empty() {
                p { "Ningún archivo rechazado." }
            } @else {
                p { (rejected.len()) " archivo(s), línea(s) o entrada(s) no se calificaron; lo que contenían no está en las cifras." }
                table {
                    thead { tr {
                        @if several { th { "Carpeta" } }
                        th { "Archivo" } th.n { "Línea" } th { "Alcance" } th { "Motivo" } th { "Código" }
                    } }
                    tbody {
                        @for (folder, r) in &rejected {
                            tr {
                                @if several { td { (folder) } }
                                td { (r.source_file) }
                                td.n { (r.line.map_or(String::new(), |l| l.to_string())) }
                                td { (match r.scope.as_str() { "line" => "una línea", "file" => "archivo entero", "skipped" => "no leído", "row" => "una fila de evaluación", "sheet" => "columna u hoja de evaluación", other => other }) }
                                td { (r.reason) }
                                td { code { (r.code) } }
                            }
                        }
                    }
                }
            }
            h3 { "Transcripciones sin datos de la central" }
            @if !has_unmatched_file {
                p { "Sin datos de la central telefónica: no se pudo cruzar transcripciones con llamadas." }
            } @else if without_pbx.is_empty() {
                p { "Todas las transcripciones del mes tienen su llamada en la central." }
            } @else {
                p { (without_pbx.len()) " transcripción(es) sin llamada en los registros de la central: su anexo, cola y espera no se conocen." }
                table {
                    thead { tr { th { "Llamada" } th { "Inicio" } th { "Archivo" } } }
                    tbody {
                        @for u in &without_pbx {
                            tr { td { (u.call_id) } td { (short_time(&u.started_at)) } td { (u.source_file) } }
                        }
                    }
                }
            }
            h3 { "Llamadas de la central sin transcripción" }
            @if !has_unmatched_file {
                p { "Sin datos de la central telefónica." }
            } @else if without_transcript.is_empty() {
                p { "Todas las llamadas de la central tienen transcripción." }
            } @else {
                p {
                    (without_transcript.len()) " llamada(s) de la central sin transcripción ("
                    (without_transcript.iter().filter(|u| u.outcome == "answered").count()) " atendidas, "
                    (without_transcript.iter().filter(|u| u.outcome == "lost").count()) " perdidas): "
                    "las atendidas no se pudieron auditar."
                }
                table {
                    thead { tr { th { "Llamada" } th { "Inicio" } th { "Cola" } th { "Anexo" } th { "Resultado" } } }
                    tbody {
                        @for u in &without_transcript {
                            tr {
                                td { (u.call_id) } td { (short_time(&u.started_at)) } td { (u.queue) } td { (u.extension) }
                                td { (outcome(&u.outcome)) }
                            }
                        }
                    }
                }
            }
            h3 { "Llamadas con roles inciertos" }
            @if uncertain.is_empty() {
                p { "En todas las llamadas se identificó con seguridad quién es el operador (confianza de 0,7 o más)." }
            } @else {
                p { (uncertain.len()) " llamada(s) con confianza menor que 0,7 al decidir quién es el operador: revise sus veredictos antes de usarlos en coaching." }
                table {
                    thead { tr { th { "Llamada" } th { "Operador" } th.n { "Confianza" } th { "Detalle" } } }
                    tbody {
                        @for c in &uncertain {
                            tr { td { (c.call_id) } td { (c.operator_id) } td.n { (c.role_confidence.map_or(String::new(), decimal2)) } td { (c.role_detail) } }
                        }
                    }
                }
            }
            h3 { "Saludo con otro operador que el de la central" }
            @if mismatched.is_empty() {
                p { "En ninguna llamada el saludo nombró a un operador distinto del que registra la central." }
            } @else {
                p { (mismatched.len()) " llamada(s) en que el operador que se presentó no es el del anexo que registra la central." }
                table {
                    thead { tr { th { "Llamada" } th { "Operador asignado" } th { "Discrepancia" } th { "Archivo" } } }
                    tbody {
                        @for c in &mismatched {
                            tr { td { (c.call_id) } td { (c.operator_id) } td { (c.operator_mismatch) } td { (c.source_file) } }
                        }
                    }
                }
            }
            @let unidentified = report.unidentified_calls();
            @if unidentified > 0 {
                h3 { "Llamadas sin operador identificado" }
                p { (unidentified) " llamada(s) sin operador identificado: cuentan en las cifras del equipo, no en las de ningún operador." }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ReportOptions;
    use crate::report::aggregate::{Aggregates, CallRow};

    fn call(id: &str, confidence: f64, mismatch: &str) -> CallRow {
        CallRow {
            month: "2026-11".into(),
            folder: 0,
            call_id: id.into(),
            operator_id: "op01".into(),
            operator_name: "Rosa Quispe Mamani".into(),
            team: "Mañana".into(),
            started_at: "2026-11-02T09:12:07-05:00".into(),
            score: Some(90.0),
            critical_failed: String::new(),
            source_file: format!("transcripts/{id}.vtt"),
            role_confidence: Some(confidence),
            role_detail: "SPEAKER_00 usa 2 frases propias del operador frente a 1".into(),
            operator_mismatch: mismatch.into(),
            channel: "telefono".into(),
            failed: Vec::new(),
        }
    }

    #[test]
    fn uncertain_roles_and_operator_mismatches_are_listed() {
        let data = Aggregates {
            months: vec!["2026-11".into()],
            calls: vec![
                call("1.1", 0.55, ""),
                call("1.2", 0.95, "el saludo nombra a <b>Carlos</b>"),
            ],
            ..Aggregates::default()
        };
        let report = Report::build(vec![], vec![], data, &ReportOptions::default()).unwrap();
        let html = render(&report).into_string();
        assert!(html.contains("1 llamada(s) con confianza menor que 0,7"));
        assert!(html.contains("<td class=\"n\">0,55</td>"));
        assert!(
            html.contains("1 llamada(s) en que el operador que se presentó no es el del anexo")
        );
        assert!(html.contains("el saludo nombra a &lt;b&gt;Carlos&lt;/b&gt;"));
        assert!(html.contains("Sin datos de la central telefónica"));
    }
}

//! The daily line review of index.html, as the protocol asks ("revisar las líneas diariamente"): per
//! day calls offered, answered and lost (at entry, at the extension), lost-call rate, service level
//! and waits; lost calls per day by cause (stacked chart); the suspect extensions with their
//! evidence; the lost calls with the caller number masked but for its last three digits; and how many
//! internal calls were left out of the figures.

use maud::{Markup, html};

use crate::pbx::lines::{LostCause, Suspect};

use super::super::Report;
use super::super::charts::{self, Stacked};
use super::super::stats::{decimal_or_dash, mask_caller, percent_or_dash};
use super::{ChartFiles, short_time};

fn cause(cause: &str) -> &str {
    LostCause::parse(cause).map_or(cause, |c| c.label())
}

fn suspect(suspect: &str) -> &str {
    Suspect::parse(suspect).map_or(suspect, |s| s.label())
}

pub fn render(report: &Report, charts: &mut ChartFiles) -> Markup {
    let Some(lines) = report.month_lines() else {
        return html! {
            section id="lineas" {
                h2 { "Revisión diaria de las líneas" }
                p {
                    "Sin datos de la central telefónica (PBX) para " (report.month) ": las carpetas de resultados "
                    "no traen la revisión de líneas (lines_daily.parquet). Se obtiene calificando con los registros "
                    "de la central en DATA/pbx/."
                }
            }
        };
    };
    let periods: Vec<String> = lines.days.iter().map(|d| d.date.clone()).collect();
    let series = vec![
        (
            "Perdidas en la entrada".to_string(),
            lines.days.iter().map(|d| d.lost_at_entry as f64).collect(),
        ),
        (
            "Perdidas en el anexo".to_string(),
            lines
                .days
                .iter()
                .map(|d| d.lost_at_extension as f64)
                .collect(),
        ),
    ];
    let title = format!("Llamadas perdidas por día y causa, {}", report.month);
    let chart = charts::stacked(&Stacked {
        name: "perdidas_diarias",
        title: &title,
        y_label: "llamadas perdidas",
        periods: &periods,
        series: &series,
    });
    let totals = &lines.totals;
    let suspects: Vec<_> = lines
        .extensions
        .iter()
        .filter(|e| !e.suspect.is_empty())
        .collect();
    html! {
        section id="lineas" {
            h2 { "Revisión diaria de las líneas" }
            p.note {
                "Ofrecidas: llamadas que entraron a la cola. Perdidas en la entrada: colgaron o salieron de la cola "
                "sin que sonara ningún anexo; en el anexo: sonó al menos un anexo y nadie contestó. Nivel de servicio: "
                "atendidas en 20 s o menos sobre el total de atendidas. Esperas en segundos, de las llamadas atendidas."
            }
            table {
                thead { tr {
                    th { "Día" } th.n { "Ofrecidas" } th.n { "Atendidas" } th.n { "Perdidas en la entrada" }
                    th.n { "Perdidas en el anexo" } th.n { "Tasa de pérdida" } th.n { "Nivel de servicio" }
                    th.n { "Espera promedio (s)" } th.n { "Espera p90 (s)" } th.n { "Atención promedio (s)" }
                } }
                tbody {
                    @for day in &lines.days {
                        tr {
                            td { (day.date) }
                            td.n { (day.offered) } td.n { (day.answered) }
                            td.n { (day.lost_at_entry) } td.n { (day.lost_at_extension) }
                            td.n { (percent_or_dash(day.lost_rate)) } td.n { (percent_or_dash(day.service_level)) }
                            td.n { (decimal_or_dash(day.avg_wait_s)) } td.n { (decimal_or_dash(day.p90_wait_s)) }
                            td.n { (decimal_or_dash(day.avg_handle_s)) }
                        }
                    }
                    tr.total {
                        td { "Mes" }
                        td.n { (totals.offered) } td.n { (totals.answered) }
                        td.n { (totals.lost_at_entry) } td.n { (totals.lost_at_extension) }
                        td.n { (percent_or_dash(totals.lost_rate())) } td.n { (percent_or_dash(totals.service_level())) }
                        td.n { "—" } td.n { "—" } td.n { "—" }
                    }
                }
            }
            @if totals.internal_calls > 0 {
                p.note {
                    "Tráfico interno: " (totals.internal_calls) " llamada(s) de anexos de la central a la IVR, el buzón "
                    "de voz, la prueba de eco, una conferencia u otro anexo, o de consulta al transferir a otra cola. "
                    "No cuentan como ofrecidas; la lista está en internal_calls.csv."
                }
            }
            (charts.figure(chart, "", &title))
            h3 { "Anexos sospechosos" }
            @if suspects.is_empty() {
                p { "Ningún anexo parece mal colgado ni averiado (" (lines.extensions.len()) " anexos revisados)." }
            } @else {
                p { (suspects.len()) " de " (lines.extensions.len()) " anexos revisados parecen mal colgados o averiados." }
                table {
                    thead { tr {
                        th { "Anexo" } th { "Sospecha" } th { "Evidencia" } th.n { "Timbres sin respuesta" }
                        th.n { "Ocupado" } th.n { "Fallidos" } th.n { "Atendidas" }
                    } }
                    tbody {
                        @for e in &suspects {
                            tr {
                                td { (e.extension) } td { (suspect(&e.suspect)) } td { (e.evidence) }
                                td.n { (e.rings_unanswered) } td.n { (e.busy) } td.n { (e.failed) } td.n { (e.handled) }
                            }
                        }
                    }
                }
            }
            h3 { "Llamadas perdidas" }
            p.note { "Para devolver las llamadas use lost_calls.csv de la carpeta de resultados; aquí el número se muestra enmascarado (solo los tres últimos dígitos)." }
            @if lines.lost_calls.is_empty() {
                p { "Ninguna llamada perdida en el mes." }
            } @else {
                table {
                    thead { tr {
                        th { "Fecha y hora" } th { "Llamada" } th { "Cola" } th.n { "Espera (s)" } th { "Número" }
                        th { "Perdida" } th { "Evento final" } th { "Anexos que sonaron" }
                    } }
                    tbody {
                        @for call in &lines.lost_calls {
                            tr {
                                td { (short_time(&call.started_at)) } td { (call.call_id) } td { (call.queue) }
                                td.n { (decimal_or_dash(call.wait_s)) } td { (mask_caller(&call.caller)) }
                                td { (cause(&call.cause)) } td { (call.end_event) } td { (call.rang.replace(';', ", ")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

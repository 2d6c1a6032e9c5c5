//! The channels in the pages: on index.html, compliance per channel (teléfono, correo, Facebook), the
//! distribution of the written replies' response times in business hours (a stacked column per
//! channel and its table), and the backlog, oldest first; on each coaching page, the operator's
//! compliance per channel beside the team's.

use maud::{Markup, html};

use super::super::Report;
use super::super::channels::{BANDS, banded, channel_title, percentile};
use super::super::charts::{self, Stacked};
use super::super::stats::{decimal, decimal_or_dash, percent_or_dash};
use super::ChartFiles;

/// index.html's section on the written channels: response times, written criteria, backlog.
pub fn render_index(report: &Report, charts: &mut ChartFiles) -> Markup {
    let month = report.month.as_str();
    let figures = &report.channels;
    let written = figures.written_channels(month);
    let periods: Vec<String> = written
        .iter()
        .map(|c| channel_title(c).to_string())
        .collect();
    let series: Vec<(String, Vec<f64>)> = BANDS
        .iter()
        .enumerate()
        .map(|(band, (_, label))| {
            let values = written
                .iter()
                .map(|c| banded(figures.hours(month, c))[band] as f64)
                .collect();
            (label.to_string(), values)
        })
        .collect();
    let title = format!("Tiempo de respuesta por canal en horas hábiles, {month}");
    let chart = (!written.is_empty()).then(|| {
        charts.figure(
            charts::stacked(&Stacked {
                name: "tiempo_respuesta_canal",
                title: &title,
                y_label: "respuestas",
                periods: &periods,
                series: &series,
            }),
            "",
            &title,
        )
    });
    html! {
        section id="canales" {
            h2 { "Canales escritos: correo electrónico y Facebook" }
            p.note {
                "Cada respuesta de la Mesa de Ayuda por correo electrónico o Facebook es una atención calificada por "
                "callqa con la rúbrica escrita; su cumplimiento por canal está en el resumen del mes."
            }
            @if written.is_empty() {
                p { "Los datos del mes no traen respuestas escritas." }
            } @else {
                h3 { "Tiempo de respuesta" }
                p.note {
                    "Desde el mensaje más antiguo del usuario que la respuesta atiende hasta la respuesta, contando "
                    "solo el horario de atención (lunes a sábado de 8:00 a 18:00, hora de Lima, sin feriados)."
                }
                @if let Some(chart) = chart { (chart) }
                table {
                    thead { tr {
                        th { "Canal" } th.n { "Respuestas" }
                        @for (_, label) in BANDS { th.n { (label) } }
                        th.n { "Mediana (h)" } th.n { "Percentil 90 (h)" }
                    } }
                    tbody {
                        @for channel in &written {
                            @let hours = figures.hours(month, channel);
                            tr {
                                td { (channel_title(channel)) }
                                td.n { (hours.len()) }
                                @for count in banded(hours) { td.n { (count) } }
                                td.n { (decimal_or_dash(percentile(hours, 50.0))) }
                                td.n { (decimal_or_dash(percentile(hours, 90.0))) }
                            }
                        }
                    }
                }
            }
            (written_criteria(report, None))
            (backlog(report))
        }
    }
}

/// The written criteria, one column per written channel: the team's compliance, or the operator's
/// beside the team's.
fn written_criteria(report: &Report, operator: Option<&str>) -> Markup {
    let month = report.month.as_str();
    let figures = &report.channels;
    let channels: Vec<String> = ["email", "facebook"]
        .into_iter()
        .filter(|c| {
            figures
                .written_criteria
                .keys()
                .any(|(m, ch, _)| m == month && ch == c)
        })
        .map(str::to_string)
        .collect();
    if channels.is_empty() {
        return html! {};
    }
    let team = |channel: &str, criterion: &str| {
        figures
            .written_criteria
            .get(&(
                month.to_string(),
                channel.to_string(),
                criterion.to_string(),
            ))
            .and_then(|c| c.compliance())
    };
    let mine = |channel: &str, criterion: &str| {
        operator.and_then(|op| {
            figures
                .operator_written_criteria
                .get(&(
                    month.to_string(),
                    op.to_string(),
                    channel.to_string(),
                    criterion.to_string(),
                ))
                .and_then(|c| c.compliance())
        })
    };
    html! {
        h3 { "Criterios de las respuestas escritas" }
        table {
            thead { tr {
                th { "Criterio" } th { "Título" }
                @for channel in &channels {
                    @if operator.is_some() {
                        th.n { (channel_title(channel)) ": operador" }
                        th.n { (channel_title(channel)) ": equipo" }
                    } @else {
                        th.n { (channel_title(channel)) }
                    }
                }
            } }
            tbody {
                @for (id, title, applies) in &figures.written_titles {
                    tr {
                        td { code { (id) } }
                        td { (title) }
                        @for channel in &channels {
                            @if !applies.contains(channel) {
                                @if operator.is_some() { td.n { "" } }
                                td.n { "" }
                            } @else {
                                @if operator.is_some() { td.n { (percent_or_dash(mine(channel, id))) } }
                                td.n { (percent_or_dash(team(channel, id))) }
                            }
                        }
                    }
                }
            }
        }
        p.note { "Vacío: el criterio no es de ese canal. «—»: no aplicó a ninguna respuesta." }
    }
}

/// The threads still waiting at the end of the period, oldest first.
fn backlog(report: &Report) -> Markup {
    let backlog = &report.channels.backlog;
    html! {
        h3 id="pendientes" { "Mensajes sin respuesta al cierre del periodo" }
        @if backlog.is_empty() {
            p { "Ningún hilo de correo ni conversación de Facebook quedó esperando respuesta." }
        } @else {
            p.note {
                (backlog.len()) " hilos esperan respuesta de la Mesa de Ayuda, del más antiguo al más reciente. "
                "Antigüedad en horas hábiles hasta el fin del periodo."
            }
            table {
                thead { tr {
                    th { "Canal" } th { "Hilo" } th { "Esperando desde" } th.n { "Antigüedad (h hábiles)" }
                    th.n { "Mensajes" } th { "Asunto" }
                } }
                tbody {
                    @for pending in backlog {
                        tr {
                            td { (channel_title(&pending.channel)) }
                            td { code { (pending.thread_id) } }
                            td { (pending.waiting_since.replace('T', " ").get(..16).unwrap_or(&pending.waiting_since)) }
                            td.n { (decimal(pending.age_business_h)) }
                            td.n { (pending.messages) }
                            td { (pending.subject) }
                        }
                    }
                }
            }
        }
    }
}

/// The coaching page's section: the operator's compliance per written criterion beside the team's.
pub fn render_operator(report: &Report, operator: &str) -> Markup {
    let month = report.month.as_str();
    let wrote = report
        .channels
        .operator_written_criteria
        .keys()
        .any(|(m, op, _, _)| m == month && op == operator);
    if !wrote {
        return html! {};
    }
    html! {
        section id="canales-escritos" {
            h2 { "Respuestas escritas" }
            (written_criteria(report, Some(operator)))
        }
    }
}

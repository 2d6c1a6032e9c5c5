//! The pages, rendered with maud (every text is escaped, so a tag in a transcript quote shows as text).
//! This file holds what every page shares: the page shell with its inline CSS (no external files,
//! fonts or scripts; prints to PDF with a page break between sections), the chart figure (SVG inline,
//! PNG collected for charts/ with a "descargar PNG" link, or "gráfico no disponible" when a chart
//! could not be drawn) and small formatting helpers.

pub mod calibration;
mod channels;
pub mod criteria;
pub mod index;
mod lines;
pub mod operator;
mod quality;
pub mod review;

use std::collections::BTreeMap;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::charts::{Chart, ChartError};
use super::stats::sanitise_id;

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1a1a1a; background: #fff;
  max-width: 1150px; margin: 0 auto; padding: 1.5rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #2b5c8a; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
nav { font-size: .9rem; margin-bottom: 1rem; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .88rem; }
th, td { border: 1px solid #c8c8c8; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #888; }
.note { color: #444; font-size: .9rem; }
.warn { color: #8a4b00; font-weight: bold; }
.bad { color: #a11; }
figure.chart { margin: 1rem 0; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart.missing { border: 1px dashed #999; padding: .6rem; color: #555; }
figcaption { font-size: .85rem; color: #444; }
blockquote { margin: .3rem 0 .3rem 1rem; padding: .3rem .6rem; border-left: 3px solid #2b5c8a;
  background: #f6f8fa; white-space: pre-wrap; }
ol.examples > li { margin-bottom: .6rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  section { break-before: page; }
  section.first { break-before: auto; }
  tr, figure, blockquote { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  th, blockquote { background: #fff; }
}
"#;

/// A whole page: `<html lang="es">`, UTF-8, inline CSS, the given body.
pub fn page(title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="es" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body { (body) }
        }
    }
    .into_string()
}

/// The PNGs of the charts drawn so far, by file stem, written to charts/ at the end.
#[derive(Debug, Default)]
pub struct ChartFiles {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl ChartFiles {
    /// A chart as a figure: the SVG inline and a link to its PNG (`prefix` leads from the page to
    /// the report folder: "" or "../"). A chart that could not be drawn leaves a note and the page
    /// goes on; the tables beside each chart hold the same figures.
    pub fn figure(
        &mut self,
        chart: Result<Chart, ChartError>,
        prefix: &str,
        title: &str,
    ) -> Markup {
        match chart {
            Ok(chart) => {
                let name = sanitise_id(&chart.name);
                let link = format!("{prefix}charts/{name}.png");
                self.files.insert(name, chart.png);
                html! {
                    figure.chart {
                        (PreEscaped(chart.svg))
                        figcaption { (title) ". " a href=(link) { "descargar PNG" } }
                    }
                }
            }
            Err(_) => html! {
                figure.chart.missing {
                    p { "Gráfico no disponible: " (title) ". Las cifras están en la tabla de esta sección." }
                }
            },
        }
    }
}

/// "2026-11-02T09:12:07-05:00" -> "2026-11-02 09:12" (other texts unchanged).
pub fn short_time(started_at: &str) -> String {
    match (started_at.get(..10), started_at.get(11..16)) {
        (Some(date), Some(time)) if started_at.as_bytes().get(10) == Some(&b'T') => {
            format!("{date} {time}")
        }
        _ => started_at.to_string(),
    }
}

/// The channel's name in a page, from the name the results write (`telefono`, `presencial`).
pub fn channel_title(channel: &str) -> String {
    crate::model::Channel::parse(channel).map_or(channel.to_string(), |c| c.title().to_string())
}

/// Per channel: the interactions of the month, their compliance and average score, for the calls
/// given (the team's or one operator's) and the counts given.
pub fn channel_table(
    calls: &[&super::aggregate::CallRow],
    counts: &BTreeMap<String, super::stats::Counts>,
) -> Markup {
    let mut channels: Vec<&String> = counts.keys().collect();
    channels.sort_by_key(|c| crate::model::Channel::parse(c).map_or(9, |c| c as usize));
    html! {
        table {
            thead { tr { th { "Canal" } th.n { "Atenciones" } th.n { "Cumplimiento" } th.n { "Puntaje promedio" } th { "Quién califica" } } }
            tbody {
                @for channel in channels {
                    @let mine: Vec<&&super::aggregate::CallRow> = calls.iter().filter(|c| &c.channel == channel).collect();
                    @let scores: Vec<f64> = mine.iter().filter_map(|c| c.score).collect();
                    tr {
                        td { (channel_title(channel)) }
                        td.n { (mine.len()) }
                        td.n { (counts[channel].compliance().map_or("—".to_string(), |c| format!("{:.1} %", c * 100.0).replace('.', ","))) }
                        td.n { (if scores.is_empty() { "—".to_string() } else { format!("{:.1}", scores.iter().sum::<f64>() / scores.len() as f64).replace('.', ",") }) }
                        td { (match channel.as_str() {
                            "telefono" => "callqa (grabaciones) y supervisores",
                            "email" | "facebook" => "callqa (mensajes) y supervisores",
                            _ => "supervisores",
                        }) }
                    }
                }
            }
        }
    }
}

/// "2026-11" -> "noviembre de 2026".
pub fn month_name(month: &str) -> String {
    const NAMES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    match (
        month.get(..4),
        month.get(5..7).and_then(|m| m.parse::<usize>().ok()),
    ) {
        (Some(year), Some(m @ 1..=12)) => format!("{} de {year}", NAMES[m - 1]),
        _ => month.to_string(),
    }
}

/// "Sí" / "No".
pub fn yes_no(value: bool) -> &'static str {
    if value { "Sí" } else { "No" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_months_read_in_spanish() {
        assert_eq!(short_time("2026-11-02T09:12:07-05:00"), "2026-11-02 09:12");
        assert_eq!(short_time(""), "");
        assert_eq!(month_name("2026-11"), "noviembre de 2026");
        assert_eq!(month_name("2026-13"), "2026-13");
    }

    #[test]
    fn a_missing_chart_leaves_a_note() {
        let mut files = ChartFiles::default();
        let error = ChartError {
            name: "x".into(),
            message: "no".into(),
        };
        let markup = files.figure(Err(error), "", "Cumplimiento").into_string();
        assert!(markup.contains("Gráfico no disponible"));
        assert!(files.files.is_empty());
    }

    #[test]
    fn text_is_escaped() {
        let body = html! { p { ("<script>alert(1)</script>") } };
        let out = page("t", body);
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!out.contains("<script>"));
        assert!(out.starts_with("<!DOCTYPE html><html lang=\"es\">"));
    }
}

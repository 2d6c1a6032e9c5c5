//! Charts for the reports, drawn with plotters: each function takes plain figures and returns the
//! chart as SVG (inlined in the HTML) and PNG (written beside it, for slides); the same input gives
//! the same bytes. This file owns the public types and the look shared by every chart kind: the
//! embedded DejaVu Sans font, the colour-blind-safe palette, text clean-up (NFC, truncation) and
//! number formats. `frame.rs` draws the title, legend, axes and the "Sin datos" placeholder,
//! `text.rs` places text (glyph by glyph in the PNG), `render.rs` turns a figure into SVG and PNG,
//! and each chart kind has its own file.

mod bars;
mod frame;
mod heatmap;
mod histogram;
mod render;
mod stacked;
#[cfg(test)]
mod tests_support;
mod text;
mod trend;

use std::sync::OnceLock;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use unicode_normalization::UnicodeNormalization;

use frame::{Axis, Marker, draw_axes, draw_legend, draw_no_data, draw_title, legend_height};

/// A drawn chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// File stem for the PNG (`heatmap`, `criteria`, ...).
    pub name: String,
    /// Alt text / caption, in Spanish.
    pub title: String,
    pub svg: String,
    pub png: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
#[error("chart {name}: {message}")]
pub struct ChartError {
    pub name: String,
    pub message: String,
}

/// Operators x criteria compliance (0..=1, None = no applicable call).
pub struct Heatmap<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub rows: &'a [String],
    pub columns: &'a [String],
    pub values: &'a [Vec<Option<f64>>],
}

/// Horizontal bars with values 0..=1 shown as percentages (compliance per criterion).
pub struct Bars<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub x_label: &'a str,
    pub labels: &'a [String],
    /// One or more series (e.g. the operator and the team), each with one value per label.
    pub series: &'a [(String, Vec<Option<f64>>)],
}

/// Distribution of call scores 0..=100 in bins of 10.
pub struct Histogram<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub values: &'a [f64],
}

/// Lines over periods (months), one per series.
pub struct Trend<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub y_label: &'a str,
    pub periods: &'a [String],
    pub series: &'a [(String, Vec<Option<f64>>)],
}

/// Stacked columns per period (lost calls per day, split by cause).
pub struct Stacked<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub y_label: &'a str,
    pub periods: &'a [String],
    pub series: &'a [(String, Vec<f64>)],
}

/// Operators x criteria grid, one cell per pair with the percentage written in it.
pub fn heatmap(chart: &Heatmap) -> Result<Chart, ChartError> {
    fonts(chart.name)?;
    let plot = heatmap::HeatmapPlot::new(chart).map_err(|message| error(chart.name, message))?;
    render::render(chart.name, &plot.title, &plot)
}

/// Horizontal bars, one group per label, one bar per series.
pub fn bars(chart: &Bars) -> Result<Chart, ChartError> {
    fonts(chart.name)?;
    let plot = bars::BarsPlot::new(chart).map_err(|message| error(chart.name, message))?;
    render::render(chart.name, &plot.title, &plot)
}

/// Score distribution in ten bins (0–10, …, 90–100; a score of 100 counts in the last bin).
pub fn histogram(chart: &Histogram) -> Result<Chart, ChartError> {
    fonts(chart.name)?;
    let plot = histogram::HistogramPlot::new(chart);
    render::render(chart.name, &plot.title, &plot)
}

/// One line with points per series over the periods.
pub fn trend(chart: &Trend) -> Result<Chart, ChartError> {
    fonts(chart.name)?;
    let plot = trend::TrendPlot::new(chart).map_err(|message| error(chart.name, message))?;
    render::render(chart.name, &plot.title, &plot)
}

/// One column per period, the series stacked in the order given (first at the bottom).
pub fn stacked(chart: &Stacked) -> Result<Chart, ChartError> {
    fonts(chart.name)?;
    let plot = stacked::StackedPlot::new(chart).map_err(|message| error(chart.name, message))?;
    render::render(chart.name, &plot.title, &plot)
}

fn error(name: &str, message: impl Into<String>) -> ChartError {
    ChartError {
        name: name.to_string(),
        message: message.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Fonts

/// The family every text uses. It is both the key the font is registered under for the bitmap
/// and the SVG `font-family` attribute, hence the CSS fallback list: browsers without DejaVu Sans
/// use Verdana (close metrics) or their sans-serif.
const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

/// Registers DejaVu Sans (regular and bold) once per process, under [`FAMILY`] and under
/// plotters' default `sans-serif`, so no text can fall back to a missing system font.
fn fonts(chart: &str) -> Result<(), ChartError> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    let registered = REGISTERED.get_or_init(|| {
        for family in [FAMILY, "sans-serif"] {
            for (style, bytes) in [
                (FontStyle::Normal, dejavu::sans::regular()),
                (FontStyle::Bold, dejavu::sans::bold()),
            ] {
                plotters::style::register_font(family, style, bytes).map_err(|_| {
                    format!(
                        "the embedded DejaVu Sans ({}) is not a valid font",
                        style.as_str()
                    )
                })?;
            }
        }
        Ok(())
    });
    registered.clone().map_err(|message| error(chart, message))
}

// plotters font sizes (the SVG font-size is size / 1.24). Even sizes keep glyph rows exact.
const TITLE_SIZE: f64 = 24.0;
const LABEL_SIZE: f64 = 18.0;
const TICK_SIZE: f64 = 16.0;
const VALUE_SIZE: f64 = 14.0;

/// Height of the band at the top that holds the title.
const TITLE_HEIGHT: u32 = 46;
/// Space kept free at the outer edges.
const MARGIN: i32 = 16;
/// Size of every chart except the heatmap, whose size follows its rows and columns.
const WIDTH: u32 = 900;
const HEIGHT: u32 = 500;
const EMPTY_HEIGHT: u32 = 300;

const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const AXIS: RGBColor = RGBColor(0x66, 0x66, 0x66);
const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
const MUTED: RGBColor = RGBColor(0x88, 0x88, 0x88);

fn text_style(size: f64, bold: bool) -> TextStyle<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::Name(FAMILY), size, style).color(&INK)
}

fn anchored<'a>(style: TextStyle<'a>, h: HPos, v: VPos) -> TextStyle<'a> {
    style.pos(Pos::new(h, v))
}

/// Width in pixels of `text` drawn at `size` (the same metrics both backends use for layout).
fn text_width(text: &str, size: f64, bold: bool) -> i32 {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::Name(FAMILY), size, style)
        .box_size(text)
        .map(|(width, _)| width as i32)
        // Only reachable if the font failed to register, which `fonts` reports first.
        .unwrap_or((text.chars().count() as f64 * size * 0.6) as i32)
}

// ---------------------------------------------------------------------------------------------
// Colours

/// Okabe-Ito: the categorical palette that stays distinct under every colour-vision deficiency.
const OKABE_ITO: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // green
    RGBColor(0xCC, 0x79, 0xA7), // purple
    RGBColor(0x56, 0xB4, 0xE9), // sky
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0xF0, 0xE4, 0x42), // yellow
    RGBColor(0x00, 0x00, 0x00), // black
];

fn series_color(index: usize) -> RGBColor {
    OKABE_ITO[index % OKABE_ITO.len()]
}

/// Relative luminance (WCAG) of an sRGB colour.
fn luminance(color: RGBColor) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.0) + 0.7152 * channel(color.1) + 0.0722 * channel(color.2)
}

/// Black or white, whichever contrasts more with `background`.
fn ink_on(background: RGBColor) -> RGBColor {
    let l = luminance(background);
    // Contrast with white is 1.05 / (l + 0.05); with black (l + 0.05) / 0.05.
    if 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 {
        WHITE
    } else {
        BLACK
    }
}

// ---------------------------------------------------------------------------------------------
// Text and numbers

/// NFC, control characters as spaces, runs of white space collapsed: what every drawn string
/// goes through, so "Compan\u{303}i\u{301}a" and "Compañía" draw the same glyphs.
fn clean(text: &str) -> String {
    let nfc: String = text
        .nfc()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cuts `text` to at most `max_chars` characters, ending in "…" when something was cut.
fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Cuts `text` until it fits `max_width` pixels at `size`, ending in "…".
fn fit_width(text: &str, size: f64, bold: bool, max_width: i32) -> String {
    let mut chars = text.chars().count();
    let mut fitted = text.to_string();
    while chars > 1 && text_width(&fitted, size, bold) > max_width {
        chars -= 1;
        fitted = truncate(text, chars);
    }
    fitted
}

/// A share 0..=1 as a Spanish percentage: "87 %".
fn percent(share: f64) -> String {
    format!("{} %", (share * 100.0).round() as i64)
}

/// A share as given by the caller: finite values clamped to 0..=1, anything else missing.
fn share(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite()).map(|v| v.clamp(0.0, 1.0))
}

/// Axis top and tick positions for counts up to `max`: integer steps of 1, 2 or 5 × 10ⁿ, at most
/// about eight ticks, with room above the highest value.
fn count_ticks(max: f64) -> (f64, Vec<f64>) {
    if !(max.is_finite() && max > 0.0) {
        return (1.0, vec![0.0, 1.0]);
    }
    let mut step = 1.0;
    'search: for magnitude in 0..12 {
        for base in [1.0, 2.0, 5.0] {
            step = base * 10f64.powi(magnitude);
            if max / step <= 7.0 {
                break 'search;
            }
        }
    }
    let top = ((max * 1.08) / step).ceil().max(1.0) * step;
    let ticks = (0..)
        .map(|i| f64::from(i) * step)
        .take_while(|t| *t <= top + step / 2.0)
        .collect();
    (top, ticks)
}

/// "2026-11-02" -> "02/11"; anything else unchanged.
fn short_period(period: &str) -> String {
    let bytes = period.as_bytes();
    let is_day = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if is_day {
        format!("{}/{}", &period[8..10], &period[5..7])
    } else {
        period.to_string()
    }
}

/// Which of `count` evenly spaced labels to write so that labels `label_width` wide do not
/// overlap on an axis `axis_width` long: every n-th, starting with the first.
fn label_stride(count: usize, label_width: i32, axis_width: i32) -> usize {
    if count == 0 {
        return 1;
    }
    let slot = f64::from(axis_width.max(1)) / count as f64;
    ((f64::from(label_width + 12) / slot).ceil() as usize).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_composes_accents_and_collapses_space() {
        assert_eq!(
            clean("Compan\u{303}i\u{301}a\n  A\u{301}rea\t"),
            "Compañía Área"
        );
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("Código modular", 40), "Código modular");
        assert_eq!(
            truncate("Saluda con el nombre de la institución", 10),
            "Saluda co…"
        );
        assert_eq!(truncate("Saluda con", 7), "Saluda…");
    }

    #[test]
    fn percentages_are_spanish_style() {
        assert_eq!(percent(0.8660), "87 %");
        assert_eq!(percent(1.0), "100 %");
        assert_eq!(percent(0.0), "0 %");
        assert_eq!(share(Some(f64::NAN)), None);
        assert_eq!(share(Some(1.4)), Some(1.0));
    }

    #[test]
    fn count_ticks_are_integers_above_the_maximum() {
        assert_eq!(count_ticks(0.0), (1.0, vec![0.0, 1.0]));
        let (top, ticks) = count_ticks(3.0);
        assert!(top >= 3.0 && ticks.iter().all(|t| t.fract() == 0.0));
        let (top, ticks) = count_ticks(137.0);
        assert!(top >= 137.0 && ticks.len() <= 10, "{top} {ticks:?}");
        assert!(ticks.iter().all(|t| t.fract() == 0.0));
    }

    #[test]
    fn days_are_shortened() {
        assert_eq!(short_period("2026-11-02"), "02/11");
        assert_eq!(short_period("2026-11"), "2026-11");
        assert_eq!(short_period("semana 3"), "semana 3");
    }

    #[test]
    fn text_contrast_follows_the_background() {
        assert_eq!(ink_on(RGBColor(0x44, 0x01, 0x54)), WHITE);
        assert_eq!(ink_on(RGBColor(0xFD, 0xE7, 0x25)), BLACK);
    }
}

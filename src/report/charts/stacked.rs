//! Stacked columns per period (lost calls per day split by cause): one column per period, the
//! series stacked in the order given (first at the bottom), the total written above each column
//! when there is room, an integer y axis and a legend. Days ("2026-11-02") are labelled "02/11";
//! labels are thinned when they would overlap. Negative or non-finite counts count as zero.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::render::{DrawError, Figure};
use super::text::{TextBackend, draw_text};
use super::{
    Axis, EMPTY_HEIGHT, HEIGHT, MARGIN, Marker, Stacked, TICK_SIZE, VALUE_SIZE, WIDTH, anchored,
    clean, count_ticks, draw_axes, draw_legend, draw_no_data, draw_title, label_stride,
    series_color, short_period, text_style, text_width,
};

const Y_AXIS_AREA: u32 = 78;
/// Totals are written above columns at least this wide in pixels.
const MIN_WIDTH_FOR_TOTALS: i32 = 24;

/// Validated stacked columns.
pub(super) struct StackedPlot {
    pub(super) title: String,
    y_label: String,
    periods: Vec<String>,
    names: Vec<String>,
    counts: Vec<Vec<f64>>,
}

impl StackedPlot {
    pub(super) fn new(chart: &Stacked) -> Result<StackedPlot, String> {
        for (name, values) in chart.series {
            if values.len() != chart.periods.len() {
                return Err(format!(
                    "series {name:?} has {} values for {} periods",
                    values.len(),
                    chart.periods.len()
                ));
            }
        }
        let count = |v: &f64| if v.is_finite() && *v > 0.0 { *v } else { 0.0 };
        Ok(StackedPlot {
            title: clean(chart.title),
            y_label: clean(chart.y_label),
            periods: chart
                .periods
                .iter()
                .map(|p| short_period(&clean(p)))
                .collect(),
            names: chart.series.iter().map(|(name, _)| clean(name)).collect(),
            counts: chart
                .series
                .iter()
                .map(|(_, values)| values.iter().map(count).collect())
                .collect(),
        })
    }

    fn is_empty(&self) -> bool {
        self.periods.is_empty() || self.names.is_empty()
    }

    fn total(&self, period: usize) -> f64 {
        self.counts.iter().map(|series| series[period]).sum()
    }
}

/// A total as written above its column: integers without decimals.
fn format_count(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

impl Figure for StackedPlot {
    fn size(&self) -> (u32, u32) {
        if self.is_empty() {
            (WIDTH, EMPTY_HEIGHT)
        } else {
            (WIDTH, HEIGHT)
        }
    }

    fn draw<DB: TextBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let body = draw_title(root, &self.title)?;
        if self.is_empty() {
            return draw_no_data(&body);
        }
        let body = draw_legend(&body, &self.names, Marker::Box)?;
        let count = self.periods.len();
        let highest = (0..count).map(|p| self.total(p)).fold(0.0, f64::max);
        let (top, ticks) = count_ticks(highest);
        let widest = self
            .periods
            .iter()
            .map(|p| text_width(p, TICK_SIZE, false))
            .max()
            .unwrap_or(0);
        let axis_width = WIDTH as i32 - Y_AXIS_AREA as i32 - 3 * MARGIN;
        let stride = label_stride(count, widest, axis_width);
        let x_ticks: Vec<(f64, String)> = (0..count)
            .step_by(stride)
            .map(|i| (i as f64, self.periods[i].clone()))
            .collect();
        let mut chart = ChartBuilder::on(&body)
            .margin_left(MARGIN as u32)
            .margin_right(2 * MARGIN as u32)
            .margin_top(8)
            .margin_bottom(8)
            .x_label_area_size(40)
            .y_label_area_size(Y_AXIS_AREA)
            .build_cartesian_2d(
                Axis::new(
                    -0.5..count as f64 - 0.5,
                    x_ticks.iter().map(|(x, _)| *x).collect(),
                ),
                Axis::new(0.0..top, ticks.clone()),
            )?;
        let y_labels: Vec<(f64, String)> = ticks.iter().map(|&t| (t, format!("{t:.0}"))).collect();
        draw_axes(
            root,
            &mut chart,
            &x_ticks,
            &y_labels,
            ("", &self.y_label),
            (false, true),
        )?;

        let plot = chart.plotting_area();
        let column_pixels = axis_width / count as i32;
        let half = if column_pixels >= 12 { 0.34 } else { 0.45 };
        for period in 0..count {
            let x = period as f64;
            let mut base = 0.0;
            for (index, series) in self.counts.iter().enumerate() {
                let value = series[period];
                if value > 0.0 {
                    plot.draw(&Rectangle::new(
                        [(x - half, base + value), (x + half, base)],
                        series_color(index).filled(),
                    ))?;
                    base += value;
                }
            }
            if column_pixels >= MIN_WIDTH_FOR_TOTALS {
                let style = anchored(text_style(VALUE_SIZE, false), HPos::Center, VPos::Bottom);
                let (px, py) = chart.backend_coord(&(x, base));
                draw_text(root, &format_count(base), (px, py - 4), &style)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::*;
    use super::super::{Stacked, stacked};

    #[test]
    fn renders_lost_calls_per_day() {
        let periods: Vec<String> = (2..=15).map(|d| format!("2026-11-{d:02}")).collect();
        let series = vec![
            (
                "Abandonada en cola".to_string(),
                (0..14).map(|i| f64::from((i * 7) % 9)).collect(),
            ),
            (
                "Sin agentes".to_string(),
                (0..14).map(|i| f64::from((i * 5) % 4)).collect(),
            ),
            (
                "Fuera de horario".to_string(),
                (0..14).map(|i| f64::from(i % 3)).collect(),
            ),
        ];
        let input = Stacked {
            name: "lost",
            title: "Llamadas perdidas por día y causa",
            y_label: "Llamadas",
            periods: &periods,
            series: &series,
        };
        let chart = stacked(&input).unwrap();
        assert_chart(&chart, "Llamadas perdidas por día y causa");
        assert!(chart.svg.contains("02/11") && chart.svg.contains("Sin agentes"));
        assert!(!chart.svg.contains("2026-11-02"));
        assert_eq!(chart, stacked(&input).unwrap(), "same input, same bytes");
        save_for_inspection(&chart);
    }

    #[test]
    fn a_month_of_days_thins_the_labels() {
        let periods: Vec<String> = (1..=31).map(|d| format!("2026-12-{d:02}")).collect();
        let series = vec![("Sin agentes".to_string(), (0..31).map(f64::from).collect())];
        let chart = stacked(&Stacked {
            name: "lost",
            title: "Llamadas perdidas",
            y_label: "Llamadas",
            periods: &periods,
            series: &series,
        })
        .unwrap();
        assert_chart(&chart, "Llamadas perdidas");
        let labels = chart.svg.matches("/12\n</text>").count();
        assert!(
            chart.svg.contains(">\n01/12\n<"),
            "the first day is labelled"
        );
        assert!((8..=16).contains(&labels), "{labels} of 31 days labelled");
    }

    #[test]
    fn all_zero_still_draws_axes() {
        let periods = vec!["2026-11-02".to_string()];
        let series = vec![("Sin agentes".to_string(), vec![0.0])];
        let chart = stacked(&Stacked {
            name: "lost",
            title: "Llamadas perdidas",
            y_label: "Llamadas",
            periods: &periods,
            series: &series,
        })
        .unwrap();
        assert_chart(&chart, "Llamadas perdidas");
        assert!(!chart.svg.contains("Sin datos"));
    }

    #[test]
    fn no_periods_says_sin_datos() {
        let chart = stacked(&Stacked {
            name: "lost",
            title: "Llamadas perdidas",
            y_label: "Llamadas",
            periods: &[],
            series: &[],
        })
        .unwrap();
        assert!(chart.svg.contains("Sin datos"));
        assert_png(&chart.png);
    }
}

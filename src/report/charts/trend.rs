//! Trend over periods: the x axis holds the periods as categories ("2026-10", "2026-11", …), the
//! y axis 0–100 %, and each series is a line with a point on every period that has a value. A
//! missing value breaks the line; a single period (or an isolated value) shows as a point. A
//! legend appears when there are several series; period labels are thinned when they would
//! overlap.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::render::{DrawError, Figure};
use super::text::TextBackend;
use super::{
    Axis, EMPTY_HEIGHT, HEIGHT, MARGIN, Marker, TICK_SIZE, Trend, WIDTH, clean, draw_axes,
    draw_legend, draw_no_data, draw_title, label_stride, percent, series_color, share,
    short_period, text_width,
};

const Y_AXIS_AREA: u32 = 86;

/// A validated trend chart.
pub(super) struct TrendPlot {
    pub(super) title: String,
    y_label: String,
    periods: Vec<String>,
    names: Vec<String>,
    values: Vec<Vec<Option<f64>>>,
}

impl TrendPlot {
    pub(super) fn new(chart: &Trend) -> Result<TrendPlot, String> {
        for (name, values) in chart.series {
            if values.len() != chart.periods.len() {
                return Err(format!(
                    "series {name:?} has {} values for {} periods",
                    values.len(),
                    chart.periods.len()
                ));
            }
        }
        Ok(TrendPlot {
            title: clean(chart.title),
            y_label: clean(chart.y_label),
            periods: chart
                .periods
                .iter()
                .map(|p| short_period(&clean(p)))
                .collect(),
            names: chart.series.iter().map(|(name, _)| clean(name)).collect(),
            values: chart
                .series
                .iter()
                .map(|(_, values)| values.iter().map(|v| share(*v)).collect())
                .collect(),
        })
    }

    fn is_empty(&self) -> bool {
        self.periods.is_empty() || self.names.is_empty()
    }
}

impl Figure for TrendPlot {
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
        let body = draw_legend(&body, &self.names, Marker::LineAndPoint)?;
        let count = self.periods.len();
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
        let y_ticks: Vec<f64> = (0..=5).map(|i| f64::from(i) * 20.0).collect();
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
                Axis::new(0.0..100.0, y_ticks.clone()),
            )?;
        let y_labels: Vec<(f64, String)> =
            y_ticks.iter().map(|&t| (t, percent(t / 100.0))).collect();
        draw_axes(
            root,
            &mut chart,
            &x_ticks,
            &y_labels,
            ("", &self.y_label),
            (false, true),
        )?;

        for (index, values) in self.values.iter().enumerate() {
            let color = series_color(index);
            let points: Vec<Option<(f64, f64)>> = values
                .iter()
                .enumerate()
                .map(|(period, v)| v.map(|share| (period as f64, share * 100.0)))
                .collect();
            // Consecutive periods with values are joined; a gap breaks the line.
            for run in points.split(|p| p.is_none()).filter(|run| run.len() > 1) {
                chart.draw_series(LineSeries::new(
                    run.iter().flatten().copied(),
                    color.stroke_width(3),
                ))?;
            }
            chart.draw_series(
                points
                    .iter()
                    .flatten()
                    .map(|&point| Circle::new(point, 5, color.filled())),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::*;
    use super::super::{Trend, trend};

    #[test]
    fn renders_monthly_lines_with_gaps() {
        let periods: Vec<String> = [
            "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let series = vec![
            (
                "Ana Quispe".to_string(),
                vec![
                    Some(0.62),
                    Some(0.7),
                    None,
                    Some(0.81),
                    Some(0.86),
                    Some(0.9),
                ],
            ),
            (
                "Equipo".to_string(),
                vec![
                    Some(0.7),
                    Some(0.72),
                    Some(0.74),
                    Some(0.73),
                    Some(0.78),
                    Some(0.8),
                ],
            ),
            (
                "Compañía".to_string(),
                vec![None, Some(0.5), Some(0.55), None, Some(0.6), None],
            ),
        ];
        let input = Trend {
            name: "trend",
            title: "Evolución del cumplimiento",
            y_label: "Cumplimiento",
            periods: &periods,
            series: &series,
        };
        let chart = trend(&input).unwrap();
        assert_chart(&chart, "Evolución del cumplimiento");
        assert!(chart.svg.contains("2026-11") && chart.svg.contains("Compañía"));
        assert!(chart.svg.contains("<circle"));
        assert_eq!(chart, trend(&input).unwrap(), "same input, same bytes");
        save_for_inspection(&chart);
    }

    #[test]
    fn a_single_period_draws_points() {
        let periods = vec!["2026-11".to_string()];
        let series = vec![("Equipo".to_string(), vec![Some(0.8)])];
        let chart = trend(&Trend {
            name: "trend",
            title: "Evolución",
            y_label: "Cumplimiento",
            periods: &periods,
            series: &series,
        })
        .unwrap();
        assert_chart(&chart, "Evolución");
        assert!(chart.svg.contains("<circle"));
        assert!(chart.svg.contains("2026-11"));
    }

    #[test]
    fn no_periods_says_sin_datos() {
        let chart = trend(&Trend {
            name: "trend",
            title: "Evolución",
            y_label: "Cumplimiento",
            periods: &[],
            series: &[],
        })
        .unwrap();
        assert!(chart.svg.contains("Sin datos"));
        assert_png(&chart.png);
    }
}

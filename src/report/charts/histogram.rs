//! Distribution of call scores: ten bins 0–10, 10–20, …, 90–100 (a bin holds its lower bound; a
//! score of 100 counts in the last bin), call counts on an integer y axis, the count written on
//! each column. Scores outside 0..=100 are clamped into the end bins; NaN and infinities are
//! skipped.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::render::{DrawError, Figure};
use super::text::{TextBackend, draw_text};
use super::{
    Axis, EMPTY_HEIGHT, HEIGHT, Histogram, MARGIN, VALUE_SIZE, WIDTH, anchored, clean, count_ticks,
    draw_axes, draw_no_data, draw_title, series_color, text_style,
};

const BINS: usize = 10;

/// Counts per bin of scores 0..=100.
fn bin_counts(scores: &[f64]) -> [u64; BINS] {
    let mut counts = [0; BINS];
    for score in scores.iter().filter(|s| s.is_finite()) {
        let bin = ((score.clamp(0.0, 100.0) / 10.0).floor() as usize).min(BINS - 1);
        counts[bin] += 1;
    }
    counts
}

/// Binned scores with their axis texts.
pub(super) struct HistogramPlot {
    pub(super) title: String,
    x_label: String,
    y_label: String,
    counts: [u64; BINS],
}

impl HistogramPlot {
    pub(super) fn new(chart: &Histogram) -> HistogramPlot {
        HistogramPlot {
            title: clean(chart.title),
            x_label: clean(chart.x_label),
            y_label: clean(chart.y_label),
            counts: bin_counts(chart.values),
        }
    }

    fn is_empty(&self) -> bool {
        self.counts.iter().all(|&c| c == 0)
    }
}

impl Figure for HistogramPlot {
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
        let highest = self.counts.iter().copied().max().unwrap_or(0) as f64;
        let (top, y_ticks) = count_ticks(highest);
        let x_ticks: Vec<f64> = (0..=10).map(|i| f64::from(i) * 10.0).collect();
        let mut chart = ChartBuilder::on(&body)
            .margin_left(MARGIN as u32)
            .margin_right(MARGIN as u32 + 10)
            .margin_top(8)
            .margin_bottom(8)
            .x_label_area_size(62)
            .y_label_area_size(80)
            .build_cartesian_2d(
                Axis::new(0.0..100.0, x_ticks.clone()),
                Axis::new(0.0..top, y_ticks.clone()),
            )?;
        let label = |ticks: &[f64]| {
            ticks
                .iter()
                .map(|&t| (t, format!("{t:.0}")))
                .collect::<Vec<_>>()
        };
        draw_axes(
            root,
            &mut chart,
            &label(&x_ticks),
            &label(&y_ticks),
            (&self.x_label, &self.y_label),
            (false, true),
        )?;

        let color = series_color(0);
        let count_style = anchored(text_style(VALUE_SIZE, false), HPos::Center, VPos::Bottom);
        for (bin, &count) in self.counts.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let low = bin as f64 * 10.0;
            chart.plotting_area().draw(&Rectangle::new(
                [(low + 0.6, count as f64), (low + 9.4, 0.0)],
                color.filled(),
            ))?;
            let (x, y) = chart.backend_coord(&(low + 5.0, count as f64));
            draw_text(root, &count.to_string(), (x, y - 4), &count_style)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::*;
    use super::super::{Histogram, histogram};
    use super::*;

    #[test]
    fn bins_hold_their_lower_bound_and_100_goes_last() {
        let counts = bin_counts(&[0.0, 9.99, 10.0, 55.0, 90.0, 100.0, 130.0, -3.0, f64::NAN]);
        assert_eq!(counts, [3, 1, 0, 0, 0, 1, 0, 0, 0, 3]);
    }

    #[test]
    fn renders_score_distribution() {
        let scores: Vec<f64> = (0..240)
            .map(|i| f64::from((i * 37 + 11) % 61 + 40))
            .collect();
        let input = Histogram {
            name: "scores",
            title: "Distribución de puntajes por llamada",
            x_label: "Puntaje",
            y_label: "Llamadas",
            values: &scores,
        };
        let chart = histogram(&input).unwrap();
        assert_chart(&chart, "Distribución de puntajes por llamada");
        assert!(chart.svg.contains("Puntaje") && chart.svg.contains("Llamadas"));
        assert_eq!(chart, histogram(&input).unwrap(), "same input, same bytes");
        save_for_inspection(&chart);
    }

    #[test]
    fn no_scores_says_sin_datos() {
        let chart = histogram(&Histogram {
            name: "scores",
            title: "Distribución de puntajes",
            x_label: "Puntaje",
            y_label: "Llamadas",
            values: &[],
        })
        .unwrap();
        assert!(chart.svg.contains("Sin datos"));
        assert_png(&chart.png);
    }
}

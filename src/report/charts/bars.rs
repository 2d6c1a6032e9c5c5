//! Horizontal bars: one group per label (a criterion), one bar per series (the operator, the
//! team, …) side by side, values 0–100 % with the percentage written at the end of each bar and
//! "—" where a series has no value. Labels sit on the left, cut with "…" beyond 40 characters;
//! the canvas grows in height with the number of labels and series.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::render::{DrawError, Figure};
use super::text::{TextBackend, draw_text};
use super::{
    Axis, Bars, EMPTY_HEIGHT, HEIGHT, MARGIN, MUTED, Marker, TICK_SIZE, TITLE_HEIGHT, VALUE_SIZE,
    WIDTH, anchored, clean, draw_axes, draw_legend, draw_no_data, draw_title, legend_height,
    percent, series_color, share, text_style, text_width, truncate,
};

const LABEL_CHARS: usize = 40;
/// Room on the right of the plot for "100 %" written after a full bar.
const VALUE_ROOM: u32 = 58;
const X_AXIS_AREA: u32 = 58;
const BAR_THICKNESS: i32 = 16;

/// Validated bars with their layout.
pub(super) struct BarsPlot {
    pub(super) title: String,
    x_label: String,
    labels: Vec<String>,
    names: Vec<String>,
    values: Vec<Vec<Option<f64>>>,
    label_width: u32,
    size: (u32, u32),
}

impl BarsPlot {
    pub(super) fn new(chart: &Bars) -> Result<BarsPlot, String> {
        for (name, values) in chart.series {
            if values.len() != chart.labels.len() {
                return Err(format!(
                    "series {name:?} has {} values for {} labels",
                    values.len(),
                    chart.labels.len()
                ));
            }
        }
        let labels: Vec<String> = chart
            .labels
            .iter()
            .map(|l| truncate(&clean(l), LABEL_CHARS))
            .collect();
        let names: Vec<String> = chart.series.iter().map(|(name, _)| clean(name)).collect();
        let values = chart
            .series
            .iter()
            .map(|(_, values)| values.iter().map(|v| share(*v)).collect())
            .collect();
        let label_width = labels
            .iter()
            .map(|l| text_width(l, TICK_SIZE, false))
            .max()
            .unwrap_or(0)
            .clamp(60, 420) as u32
            + 14;
        let empty = labels.is_empty() || names.is_empty();
        let height = if empty {
            EMPTY_HEIGHT
        } else {
            let group = Self::group_height(names.len());
            let plot = (labels.len() as i32 * group) as u32 + 12;
            (TITLE_HEIGHT + legend_height(&names, WIDTH as i32) + plot + X_AXIS_AREA + 8)
                .max(HEIGHT)
        };
        Ok(BarsPlot {
            title: clean(chart.title),
            x_label: clean(chart.x_label),
            labels,
            names,
            values,
            label_width,
            size: (WIDTH, height),
        })
    }

    /// Pixels per label: the series' bars plus a gap.
    fn group_height(series: usize) -> i32 {
        series as i32 * BAR_THICKNESS + 14
    }
}

impl Figure for BarsPlot {
    fn size(&self) -> (u32, u32) {
        self.size
    }

    fn draw<DB: TextBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let body = draw_title(root, &self.title)?;
        if self.labels.is_empty() || self.names.is_empty() {
            return draw_no_data(&body);
        }
        let body = draw_legend(&body, &self.names, Marker::Box)?;
        let groups = self.labels.len() as f64;
        let ticks: Vec<f64> = (0..=5).map(|i| f64::from(i) * 20.0).collect();
        let mut chart = ChartBuilder::on(&body)
            .margin_left(MARGIN as u32)
            .margin_right(VALUE_ROOM)
            .margin_top(4)
            .margin_bottom(8)
            .x_label_area_size(X_AXIS_AREA)
            .y_label_area_size(self.label_width)
            .build_cartesian_2d(
                Axis::new(0.0..100.0, ticks.clone()),
                Axis::new(0.0..groups, Vec::new()),
            )?;
        let x_ticks: Vec<(f64, String)> = ticks.iter().map(|&t| (t, percent(t / 100.0))).collect();
        draw_axes(
            root,
            &mut chart,
            &x_ticks,
            &[],
            (&self.x_label, ""),
            (true, false),
        )?;

        let (_, y_pixels) = chart.plotting_area().get_pixel_range();
        // Bars have a fixed thickness in pixels; convert it to y units.
        let units_per_pixel = groups / f64::from((y_pixels.end - y_pixels.start).max(1));
        let thickness = f64::from(BAR_THICKNESS) * units_per_pixel;
        let series = self.names.len() as f64;
        let label_style = anchored(text_style(TICK_SIZE, false), HPos::Right, VPos::Center);
        let value_style = anchored(text_style(VALUE_SIZE, false), HPos::Left, VPos::Center);
        let missing_style = value_style.color(&MUTED);
        for (group, label) in self.labels.iter().enumerate() {
            // The first label at the top.
            let middle = groups - group as f64 - 0.5;
            let (x, y) = chart.backend_coord(&(0.0, middle));
            draw_text(root, label, (x - 10, y), &label_style)?;
            let first_top = middle + thickness * series / 2.0;
            for (index, values) in self.values.iter().enumerate() {
                let top = first_top - thickness * index as f64;
                let bottom = top - thickness + units_per_pixel * 2.0;
                let (_, bar_middle) = chart.backend_coord(&(0.0, (top + bottom) / 2.0));
                match values[group] {
                    Some(share) => {
                        let end = share * 100.0;
                        chart.plotting_area().draw(&Rectangle::new(
                            [(0.0, top), (end, bottom)],
                            series_color(index).filled(),
                        ))?;
                        let (x, _) = chart.backend_coord(&(end, 0.0));
                        draw_text(root, &percent(share), (x + 5, bar_middle), &value_style)?;
                    }
                    None => draw_text(root, "—", (x + 5, bar_middle), &missing_style)?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::*;
    use super::super::{Bars, bars};

    fn criteria() -> Vec<String> {
        [
            "Saludo institucional",
            "Solicita el código modular de la institución educativa (Área de Gestión)",
            "Solicita el DNI",
            "Pide permiso antes de poner en espera",
            "Verifica la comprensión",
            "Despedida con el nombre",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn renders_two_series_with_legend() {
        let labels = criteria();
        let series = vec![
            (
                "Rosa Huamán".to_string(),
                vec![
                    Some(0.87),
                    Some(0.5),
                    None,
                    Some(1.0),
                    Some(0.0),
                    Some(0.66),
                ],
            ),
            (
                "Equipo".to_string(),
                vec![
                    Some(0.9),
                    Some(0.72),
                    Some(0.95),
                    Some(0.81),
                    Some(0.4),
                    Some(0.7),
                ],
            ),
        ];
        let input = Bars {
            name: "criteria",
            title: "Cumplimiento por criterio",
            x_label: "Cumplimiento",
            labels: &labels,
            series: &series,
        };
        let chart = bars(&input).unwrap();
        assert_chart(&chart, "Cumplimiento por criterio");
        assert!(chart.svg.contains("87 %"));
        assert!(
            chart.svg.contains("Rosa Huamán") && chart.svg.contains("Equipo"),
            "legend"
        );
        assert!(
            chart
                .svg
                .contains("Solicita el código modular de la instit…")
        );
        assert_eq!(chart, bars(&input).unwrap(), "same input, same bytes");
        save_for_inspection(&chart);
    }

    #[test]
    fn many_criteria_grow_the_canvas() {
        let labels: Vec<String> = (1..=18).map(|i| format!("Criterio número {i}")).collect();
        let series = vec![(
            "Equipo".to_string(),
            (1..=18).map(|i| Some(f64::from(i) / 18.0)).collect(),
        )];
        let chart = bars(&Bars {
            name: "criteria",
            title: "Cumplimiento",
            x_label: "Cumplimiento",
            labels: &labels,
            series: &series,
        })
        .unwrap();
        assert_chart(&chart, "Cumplimiento");
        let (_, height) = png_size(&chart.png);
        assert!(height > 500, "{height}");
    }

    #[test]
    fn no_labels_says_sin_datos() {
        let chart = bars(&Bars {
            name: "criteria",
            title: "Cumplimiento",
            x_label: "Cumplimiento",
            labels: &[],
            series: &[],
        })
        .unwrap();
        assert!(chart.svg.contains("Sin datos"));
        assert_png(&chart.png);
    }

    #[test]
    fn short_series_is_an_error() {
        let labels = criteria();
        let series = vec![("Equipo".to_string(), vec![Some(0.5)])];
        let error = bars(&Bars {
            name: "criteria",
            title: "Cumplimiento",
            x_label: "Cumplimiento",
            labels: &labels,
            series: &series,
        })
        .unwrap_err();
        assert_eq!(error.name, "criteria");
        assert!(
            error
                .message
                .contains("\"Equipo\" has 1 values for 6 labels"),
            "{error}"
        );
    }
}

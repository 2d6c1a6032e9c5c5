//! The operators x criteria heatmap: one cell per pair coloured on the viridis scale (dark = low
//! compliance, yellow = high; perceptually uniform and colour-blind safe) with the percentage
//! written in it in black or white, whichever contrasts more. A pair without applicable calls is a
//! grey cell with "—". Row labels sit on the left, column labels above the grid rotated to read
//! upwards, and a colour scale with the "—" key sits below. The canvas grows with the grid.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::render::{DrawError, Figure};
use super::text::{TextBackend, draw_text};
use super::{
    EMPTY_HEIGHT, Heatmap, MARGIN, TICK_SIZE, TITLE_HEIGHT, TITLE_SIZE, VALUE_SIZE, WIDTH,
    anchored, clean, draw_no_data, draw_title, ink_on, percent, share, text_style, text_width,
    truncate,
};

const CELL_WIDTH: i32 = 58;
const CELL_HEIGHT: i32 = 30;
/// Longer row or column labels are cut with "…".
const LABEL_CHARS: usize = 40;
/// Height of the colour scale band below the grid.
const SCALE_BAND: i32 = 74;
const SCALE_WIDTH: i32 = 260;
const MISSING: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
const MISSING_INK: RGBColor = RGBColor(0x55, 0x55, 0x55);
const MISSING_LABEL: &str = "Sin llamadas aplicables";
const MIN_WIDTH: i32 = 640;
/// The canvas does not widen beyond this for the title alone (a longer title is cut with "…").
const MAX_TITLE_WIDTH: i32 = 1400;

/// Viridis at 0, 0.1, …, 1 (matplotlib's values); colours in between are interpolated.
const VIRIDIS: [(u8, u8, u8); 11] = [
    (0x44, 0x01, 0x54),
    (0x48, 0x24, 0x75),
    (0x41, 0x44, 0x87),
    (0x35, 0x5F, 0x8D),
    (0x2A, 0x78, 0x8E),
    (0x21, 0x91, 0x8C),
    (0x22, 0xA8, 0x84),
    (0x44, 0xBF, 0x70),
    (0x7A, 0xD1, 0x51),
    (0xBD, 0xDF, 0x26),
    (0xFD, 0xE7, 0x25),
];

/// The colour of a share 0..=1 on the viridis scale.
fn viridis(share: f64) -> RGBColor {
    let position = share.clamp(0.0, 1.0) * 10.0;
    let index = (position.floor() as usize).min(9);
    let fraction = position - index as f64;
    let (a, b) = (VIRIDIS[index], VIRIDIS[index + 1]);
    let mix =
        |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * fraction).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// A validated heatmap with its layout.
pub(super) struct HeatmapPlot {
    pub(super) title: String,
    rows: Vec<String>,
    columns: Vec<String>,
    values: Vec<Vec<Option<f64>>>,
    /// Left edge of the grid.
    grid_left: i32,
    /// Height of the band above the grid holding the column labels.
    header_height: i32,
    size: (u32, u32),
}

impl HeatmapPlot {
    pub(super) fn new(chart: &Heatmap) -> Result<HeatmapPlot, String> {
        if chart.values.len() != chart.rows.len() {
            return Err(format!(
                "{} rows of values for {} row labels",
                chart.values.len(),
                chart.rows.len()
            ));
        }
        for (row, values) in chart.rows.iter().zip(chart.values) {
            if values.len() != chart.columns.len() {
                return Err(format!(
                    "row {row:?} has {} values for {} columns",
                    values.len(),
                    chart.columns.len()
                ));
            }
        }
        let label = |text: &String| truncate(&clean(text), LABEL_CHARS);
        let rows: Vec<String> = chart.rows.iter().map(label).collect();
        let columns: Vec<String> = chart.columns.iter().map(label).collect();
        let values = chart
            .values
            .iter()
            .map(|row| row.iter().map(|v| share(*v)).collect())
            .collect();
        let title = clean(chart.title);
        if rows.is_empty() || columns.is_empty() {
            let size = (WIDTH, EMPTY_HEIGHT);
            return Ok(HeatmapPlot {
                title,
                rows,
                columns,
                values,
                grid_left: 0,
                header_height: 0,
                size,
            });
        }

        let widest = |labels: &[String]| {
            labels
                .iter()
                .map(|l| text_width(l, TICK_SIZE, false))
                .max()
                .unwrap_or(0)
        };
        let grid_left = MARGIN + widest(&rows).max(40) + 12;
        let header_height = widest(&columns).max(30) + 16;
        let grid_right = grid_left + columns.len() as i32 * CELL_WIDTH;
        let scale_right =
            grid_left + SCALE_WIDTH + 40 + 30 + text_width(MISSING_LABEL, TICK_SIZE, false);
        // Wide enough for the grid, the scale and, within reason, the title.
        let title_right = (text_width(&title, TITLE_SIZE, true) + MARGIN).min(MAX_TITLE_WIDTH);
        let width = (grid_right.max(scale_right).max(title_right) + MARGIN).max(MIN_WIDTH);
        let height =
            TITLE_HEIGHT as i32 + header_height + rows.len() as i32 * CELL_HEIGHT + SCALE_BAND;
        Ok(HeatmapPlot {
            title,
            rows,
            columns,
            values,
            grid_left,
            header_height,
            size: (width as u32, height as u32),
        })
    }

    fn draw_labels<DB: TextBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let column_style = anchored(text_style(TICK_SIZE, false), HPos::Left, VPos::Center)
            .transform(FontTransform::Rotate270);
        for (index, column) in self.columns.iter().enumerate() {
            let x = self.grid_left + index as i32 * CELL_WIDTH + CELL_WIDTH / 2;
            draw_text(area, column, (x, self.header_height - 8), &column_style)?;
        }
        let row_style = anchored(text_style(TICK_SIZE, false), HPos::Right, VPos::Center);
        for (index, row) in self.rows.iter().enumerate() {
            let y = self.header_height + index as i32 * CELL_HEIGHT + CELL_HEIGHT / 2;
            draw_text(area, row, (self.grid_left - 10, y), &row_style)?;
        }
        Ok(())
    }

    fn draw_cells<DB: TextBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        for (row_index, row) in self.values.iter().enumerate() {
            let top = self.header_height + row_index as i32 * CELL_HEIGHT;
            for (column_index, value) in row.iter().enumerate() {
                let left = self.grid_left + column_index as i32 * CELL_WIDTH;
                let (fill, text, ink) = match value {
                    Some(share) => {
                        let fill = viridis(*share);
                        (fill, percent(*share), ink_on(fill))
                    }
                    None => (MISSING, "—".to_string(), MISSING_INK),
                };
                area.draw(&Rectangle::new(
                    [
                        (left + 1, top + 1),
                        (left + CELL_WIDTH - 1, top + CELL_HEIGHT - 1),
                    ],
                    fill.filled(),
                ))?;
                let style = anchored(
                    text_style(VALUE_SIZE, false).color(&ink),
                    HPos::Center,
                    VPos::Center,
                );
                draw_text(
                    area,
                    &text,
                    (left + CELL_WIDTH / 2, top + CELL_HEIGHT / 2),
                    &style,
                )?;
            }
        }
        Ok(())
    }

    /// The colour scale (0 % to 100 %) and the key for "—", below the grid.
    fn draw_scale<DB: TextBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let top = self.header_height + self.rows.len() as i32 * CELL_HEIGHT + 20;
        let left = self.grid_left;
        let slices = 52;
        let slice_width = SCALE_WIDTH / slices;
        for slice in 0..slices {
            let x = left + slice * slice_width;
            let color = viridis(f64::from(slice) / f64::from(slices - 1));
            area.draw(&Rectangle::new(
                [(x, top), (x + slice_width, top + 16)],
                color.filled(),
            ))?;
        }
        let tick_style = anchored(text_style(TICK_SIZE, false), HPos::Center, VPos::Top);
        for (share, x) in [
            (0.0, left),
            (0.5, left + SCALE_WIDTH / 2),
            (1.0, left + SCALE_WIDTH),
        ] {
            draw_text(area, &percent(share), (x, top + 22), &tick_style)?;
        }
        let key_left = left + SCALE_WIDTH + 40;
        area.draw(&Rectangle::new(
            [(key_left, top - 6), (key_left + 30, top + 22)],
            MISSING.filled(),
        ))?;
        let dash_style = anchored(
            text_style(VALUE_SIZE, false).color(&MISSING_INK),
            HPos::Center,
            VPos::Center,
        );
        draw_text(area, "—", (key_left + 15, top + 8), &dash_style)?;
        let key_style = anchored(text_style(TICK_SIZE, false), HPos::Left, VPos::Center);
        draw_text(area, MISSING_LABEL, (key_left + 38, top + 8), &key_style)?;
        Ok(())
    }
}

impl Figure for HeatmapPlot {
    fn size(&self) -> (u32, u32) {
        self.size
    }

    fn draw<DB: TextBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let body = draw_title(root, &self.title)?;
        if self.rows.is_empty() || self.columns.is_empty() {
            return draw_no_data(&body);
        }
        self.draw_labels(&body)?;
        self.draw_cells(&body)?;
        self.draw_scale(&body)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::*;
    use super::*;

    fn operators() -> Vec<String> {
        [
            "Ana Quispe",
            "Luis Mamani",
            "Rosa Huamán",
            "José Ñahui",
            "María Peña",
            "Carlos Díaz",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn criteria() -> Vec<String> {
        [
            "Saludo institucional",
            "Se identifica con su nombre",
            "Solicita el DNI del usuario",
            "Solicita el código modular de la institución educativa",
            "Solicita el nombre",
            "Resume la consulta",
            "Pide permiso antes de poner en espera",
            "Explica el motivo de la espera",
            "Retoma la llamada dentro del tiempo",
            "Agradece la espera",
            "Lenguaje claro, sin tecnicismos",
            "Lenguaje positivo",
            "No interrumpe",
            "Verifica la comprensión",
            "Ofrece ayuda adicional",
            "Despedida con el nombre",
            "Transferencia atendida",
            "Área y compañía correctas",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn values() -> Vec<Vec<Option<f64>>> {
        (0..6)
            .map(|row| {
                (0..18)
                    .map(|column| {
                        if (row + column) % 7 == 3 {
                            None
                        } else {
                            Some(f64::from((row * 37 + column * 13) % 101) / 100.0)
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn renders_operators_by_criteria() {
        let (rows, columns, values) = (operators(), criteria(), values());
        let input = Heatmap {
            name: "heatmap",
            title: "Cumplimiento por operador y criterio",
            rows: &rows,
            columns: &columns,
            values: &values,
        };
        let chart = heatmap_chart(&input);
        assert_chart(&chart, "Cumplimiento por operador y criterio");
        assert!(chart.svg.contains("José Ñahui"));
        assert!(chart.svg.contains("—"));
        assert!(
            chart.svg.contains(" %\n</text>"),
            "percentages are written in the cells"
        );
        assert!(
            chart
                .svg
                .contains("Solicita el código modular de la instit…")
        );
        let again = heatmap_chart(&input);
        assert_eq!(chart, again, "same input, same bytes");
        save_for_inspection(&chart);
    }

    fn heatmap_chart(input: &Heatmap) -> super::super::Chart {
        super::super::heatmap(input).expect("heatmap renders")
    }

    #[test]
    fn empty_grid_says_sin_datos() {
        let chart = super::super::heatmap(&Heatmap {
            name: "heatmap",
            title: "Cumplimiento",
            rows: &[],
            columns: &[],
            values: &[],
        })
        .unwrap();
        assert!(chart.svg.contains("Sin datos"));
        assert_png(&chart.png);
    }

    #[test]
    fn ragged_values_are_an_error() {
        let rows = vec!["Ana".to_string()];
        let columns = vec!["Saludo".to_string(), "DNI".to_string()];
        let error = super::super::heatmap(&Heatmap {
            name: "heatmap",
            title: "Cumplimiento",
            rows: &rows,
            columns: &columns,
            values: &[vec![Some(0.5)]],
        })
        .unwrap_err();
        assert!(
            error.to_string().contains("has 1 values for 2 columns"),
            "{error}"
        );
    }

    #[test]
    fn viridis_runs_dark_to_yellow() {
        assert_eq!(viridis(0.0), RGBColor(0x44, 0x01, 0x54));
        assert_eq!(viridis(1.0), RGBColor(0xFD, 0xE7, 0x25));
        assert_eq!(viridis(0.05), RGBColor(0x46, 0x13, 0x65));
    }
}

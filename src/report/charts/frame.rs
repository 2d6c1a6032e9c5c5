//! The frame around every chart: the title band, the legend (only with several series), the
//! "Sin datos" placeholder, and the axes of the charts built on plotters' `ChartBuilder` — an
//! `Axis` range whose ticks are exactly the ones asked for, and `draw_axes`, which lets plotters
//! draw grid lines and tick marks but writes tick labels and axis titles itself through
//! `draw_text`, so they are placed right in the PNG as well as in the SVG.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::render::DrawError;
use super::text::{TextBackend, draw_text};
use super::{
    AXIS, GRID, LABEL_SIZE, MARGIN, MUTED, TICK_SIZE, TITLE_HEIGHT, TITLE_SIZE, anchored,
    fit_width, series_color, text_style, text_width,
};

/// A linear axis whose ticks (and grid lines) are exactly the given values; `draw_axes` writes
/// their labels. (plotters' own `with_key_points` on `f64` cannot be used with its mesh.)
#[derive(Clone)]
pub(super) struct Axis {
    range: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Axis {
    pub(super) fn new(range: Range<f64>, ticks: Vec<f64>) -> Axis {
        Axis {
            range: range.into(),
            ticks,
        }
    }
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.range.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Only bold lines: light grid lines would only add clutter.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.range.range()
    }
}

/// Writes the title in the band at the top and returns the area below it. The band is kept even
/// for an empty title so charts line up.
pub(super) fn draw_title<DB: TextBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
) -> Result<DrawingArea<DB, Shift>, DrawError> {
    let (width, _) = root.dim_in_pixel();
    if !title.is_empty() {
        let text = fit_width(title, TITLE_SIZE, true, width as i32 - 2 * MARGIN);
        let style = anchored(text_style(TITLE_SIZE, true), HPos::Center, VPos::Top);
        draw_text(root, &text, (width as i32 / 2, 14), &style)?;
    }
    Ok(root.split_vertically(TITLE_HEIGHT).1)
}

/// The placeholder drawn instead of an empty chart.
pub(super) fn draw_no_data<DB: TextBackend>(
    area: &DrawingArea<DB, Shift>,
) -> Result<(), DrawError> {
    let (width, height) = area.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    area.draw(&Rectangle::new(
        [(MARGIN, 4), (width - MARGIN, height - MARGIN)],
        ShapeStyle::from(&GRID).stroke_width(2),
    ))?;
    let style = anchored(
        text_style(22.0, false).color(&MUTED),
        HPos::Center,
        VPos::Center,
    );
    draw_text(area, "Sin datos", (width / 2, height / 2), &style)?;
    Ok(())
}

/// How a legend entry shows its series.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Marker {
    Box,
    LineAndPoint,
}

const LEGEND_ROW: i32 = 26;
const LEGEND_SWATCH: i32 = 22;

/// Positions (x, row) of legend entries flowing left to right, wrapped to `width`, each row
/// centred. Used for both sizing and drawing so they agree.
pub(super) fn legend_layout(names: &[String], width: i32) -> Vec<(i32, i32)> {
    let entry_width = |name: &str| LEGEND_SWATCH + 6 + text_width(name, LABEL_SIZE, false) + 22;
    let available = width - 2 * MARGIN;
    let mut rows: Vec<Vec<(usize, i32)>> = vec![Vec::new()];
    let mut used = 0;
    for (index, name) in names.iter().enumerate() {
        let w = entry_width(name);
        if used > 0 && used + w > available {
            rows.push(Vec::new());
            used = 0;
        }
        if let Some(row) = rows.last_mut() {
            row.push((index, used));
        }
        used += w;
    }
    let mut positions = vec![(0, 0); names.len()];
    for (row_index, row) in rows.iter().enumerate() {
        let row_width = row
            .last()
            .map_or(0, |&(i, x)| x + entry_width(&names[i]) - 22);
        let left = (width - row_width) / 2;
        for &(index, x) in row {
            positions[index] = (left + x, row_index as i32);
        }
    }
    positions
}

pub(super) fn legend_height(names: &[String], width: i32) -> u32 {
    if names.len() < 2 {
        return 0;
    }
    let rows = legend_layout(names, width)
        .iter()
        .map(|&(_, row)| row + 1)
        .max()
        .unwrap_or(0);
    (rows * LEGEND_ROW + 6) as u32
}

/// Draws the legend (only when there are several series) at the top of `area` and returns the
/// area below it.
pub(super) fn draw_legend<DB: TextBackend>(
    area: &DrawingArea<DB, Shift>,
    names: &[String],
    marker: Marker,
) -> Result<DrawingArea<DB, Shift>, DrawError> {
    let (width, _) = area.dim_in_pixel();
    let height = legend_height(names, width as i32);
    if height == 0 {
        return Ok(area.clone());
    }
    for (index, (name, &(x, row))) in names
        .iter()
        .zip(legend_layout(names, width as i32).iter())
        .enumerate()
    {
        let color = series_color(index);
        let middle = row * LEGEND_ROW + LEGEND_ROW / 2;
        match marker {
            Marker::Box => area.draw(&Rectangle::new(
                [(x + 3, middle - 7), (x + LEGEND_SWATCH - 3, middle + 7)],
                color.filled(),
            ))?,
            Marker::LineAndPoint => {
                area.draw(&PathElement::new(
                    vec![(x, middle), (x + LEGEND_SWATCH, middle)],
                    color.stroke_width(3),
                ))?;
                area.draw(&Circle::new(
                    (x + LEGEND_SWATCH / 2, middle),
                    4,
                    color.filled(),
                ))?;
            }
        }
        let style = anchored(text_style(LABEL_SIZE, false), HPos::Left, VPos::Center);
        draw_text(area, name, (x + LEGEND_SWATCH + 6, middle), &style)?;
    }
    Ok(area.split_vertically(height).1)
}

/// A chart on two [`Axis`] ranges.
type AxisChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// Draws the grid, the axis lines and tick marks with plotters' mesh, whose own labels are made
/// invisible: tick labels and axis titles are drawn with [`draw_text`] so they sit right in the
/// PNG too. `x_ticks`/`y_ticks` are (position, label); `x_grid`/`y_grid` ask for grid lines.
pub(super) fn draw_axes<DB: TextBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut AxisChart<'_, DB>,
    x_ticks: &[(f64, String)],
    y_ticks: &[(f64, String)],
    (x_title, y_title): (&str, &str),
    (x_grid, y_grid): (bool, bool),
) -> Result<(), DrawError> {
    {
        let mut mesh = chart.configure_mesh();
        mesh.label_style(text_style(TICK_SIZE, false).color(&TRANSPARENT))
            .bold_line_style(GRID.stroke_width(1))
            .axis_style(AXIS.stroke_width(1));
        if !x_grid {
            mesh.disable_x_mesh();
        }
        if !y_grid {
            mesh.disable_y_mesh();
        }
        mesh.draw()?;
    }
    let (x_range, y_range) = chart.plotting_area().get_pixel_range();
    let (x_bottom, y_left) = (chart.y_range().start, chart.x_range().start);
    let x_style = anchored(text_style(TICK_SIZE, false), HPos::Center, VPos::Top);
    for (x, label) in x_ticks {
        let (px, _) = chart.backend_coord(&(*x, x_bottom));
        draw_text(root, label, (px, y_range.end + 8), &x_style)?;
    }
    let y_style = anchored(text_style(TICK_SIZE, false), HPos::Right, VPos::Center);
    for (y, label) in y_ticks {
        let (_, py) = chart.backend_coord(&(y_left, *y));
        draw_text(root, label, (x_range.start - 9, py), &y_style)?;
    }
    let title_style = anchored(text_style(LABEL_SIZE, false), HPos::Center, VPos::Top);
    if !x_title.is_empty() {
        let middle = (x_range.start + x_range.end) / 2;
        let text = fit_width(x_title, LABEL_SIZE, false, x_range.end - x_range.start);
        draw_text(root, &text, (middle, y_range.end + 34), &title_style)?;
    }
    if !y_title.is_empty() {
        let widest = y_ticks
            .iter()
            .map(|(_, l)| text_width(l, TICK_SIZE, false))
            .max()
            .unwrap_or(0);
        let x = x_range.start - 9 - widest - 14;
        let middle = (y_range.start + y_range.end) / 2;
        let style = anchored(text_style(LABEL_SIZE, false), HPos::Center, VPos::Bottom)
            .transform(FontTransform::Rotate270);
        let text = fit_width(y_title, LABEL_SIZE, false, y_range.end - y_range.start);
        draw_text(root, &text, (x, middle), &style)?;
    }
    Ok(())
}

//! The drawing pipeline every chart kind goes through: a prepared figure is drawn twice, once on
//! plotters' SVG backend (into a string) and once on the bitmap backend (into an in-memory RGB
//! buffer), and the RGB buffer is encoded as PNG.
//!
//! PNG encoding: plotters encodes PNG only through its file target (`BitMapBackend::new(path)`,
//! which uses the `image` crate behind the `bitmap_encoder` feature), and `image` is not a direct
//! dependency we may call. So the figure is drawn once into memory, the finished pixels are
//! blitted onto a file-backed bitmap backend in a private scratch directory (created fresh with
//! `create_dir`, mode 0700 on Unix, removed on drop), `present()` writes the PNG, and its bytes
//! are read back. The same pixels always give the same PNG bytes.

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use plotters::backend::{BitMapBackend, DrawingBackend, RGBPixel, SVGBackend};
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::style::WHITE;

use super::text::TextBackend;
use super::{Chart, ChartError};

/// Refuse absurd canvases (a heatmap with thousands of rows) instead of allocating gigabytes.
const MAX_PIXELS: u64 = 40_000_000;

/// A chart whose input has been validated and laid out, ready to draw on any backend.
pub(super) trait Figure {
    /// Canvas size in pixels (width, height).
    fn size(&self) -> (u32, u32);
    /// Draws the whole chart, title included, on a white canvas.
    fn draw<DB: TextBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), DrawError>;
}

/// A drawing failure from either backend, as text.
#[derive(Debug)]
pub(super) struct DrawError(pub(super) String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        DrawError(error.to_string())
    }
}

/// Draws `figure` as SVG and PNG.
pub(super) fn render<F: Figure>(name: &str, title: &str, figure: &F) -> Result<Chart, ChartError> {
    let fail = |message: String| ChartError {
        name: name.to_string(),
        message,
    };
    let size = figure.size();
    if size.0 == 0 || size.1 == 0 || u64::from(size.0) * u64::from(size.1) > MAX_PIXELS {
        return Err(fail(format!(
            "canvas of {}x{} pixels is not drawable",
            size.0, size.1
        )));
    }
    let svg = svg(figure, title).map_err(|e| fail(format!("drawing the SVG: {}", e.0)))?;
    let rgb = rgb(figure).map_err(|e| fail(format!("drawing the PNG: {}", e.0)))?;
    let png = encode_png(&rgb, size).map_err(fail)?;
    Ok(Chart {
        name: name.to_string(),
        title: title.to_string(),
        svg,
        png,
    })
}

/// The SVG document, with a `<title>` (the accessible name) right after the opening tag.
pub(super) fn svg<F: Figure>(figure: &F, title: &str) -> Result<String, DrawError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, figure.size()).into_drawing_area();
        root.fill(&WHITE)?;
        figure.draw(&root)?;
        root.present()?;
    }
    if !title.is_empty() {
        let mut escaped = String::with_capacity(title.len());
        for c in title.chars() {
            match c {
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                '&' => escaped.push_str("&amp;"),
                other => escaped.push(other),
            }
        }
        // plotters' opening tag has no '>' inside its attributes.
        svg = svg.replacen('>', &format!("><title>{escaped}</title>"), 1);
    }
    Ok(svg)
}

/// The raw RGB pixels (3 bytes per pixel, rows top to bottom) that the PNG encodes.
pub(super) fn rgb<F: Figure>(figure: &F) -> Result<Vec<u8>, DrawError> {
    let (width, height) = figure.size();
    let mut pixels = vec![0u8; width as usize * height as usize * 3];
    {
        let backend =
            BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut pixels, (width, height))
                .map_err(|e| DrawError(e.to_string()))?;
        let root = backend.into_drawing_area();
        root.fill(&WHITE)?;
        figure.draw(&root)?;
        root.present()?;
    }
    Ok(pixels)
}

/// RGB pixels -> PNG bytes, through plotters' own encoder (see the module comment).
fn encode_png(pixels: &[u8], (width, height): (u32, u32)) -> Result<Vec<u8>, String> {
    let scratch = ScratchDir::create()?;
    let path = scratch.0.join("chart.png");
    {
        let mut backend = BitMapBackend::new(&path, (width, height));
        backend
            .blit_bitmap((0, 0), (width, height), pixels)
            .map_err(|e| format!("copying the pixels for PNG encoding: {e}"))?;
        backend
            .present()
            .map_err(|e| format!("encoding PNG {}: {e}", path.display()))?;
    }
    fs::read(&path).map_err(|e| format!("reading back PNG {}: {e}", path.display()))
}

/// A directory only this call uses, removed with everything in it when dropped.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn create() -> Result<ScratchDir, String> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let base = std::env::temp_dir();
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        let mut last_error = None;
        for _ in 0..64 {
            let serial = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = base.join(format!("callqa-chart-{}-{serial}", std::process::id()));
            match builder.create(&path) {
                Ok(()) => return Ok(ScratchDir(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last_error = Some(e),
                Err(e) => {
                    return Err(format!(
                        "creating scratch directory {}: {e}",
                        path.display()
                    ));
                }
            }
        }
        Err(format!(
            "creating scratch directory in {}: {}",
            base.display(),
            last_error.map_or_else(|| "no free name".to_string(), |e| e.to_string())
        ))
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, VPos};

    use super::super::tests_support::*;
    use super::super::text::draw_text;
    use super::super::{Bars, anchored, bars::BarsPlot, fonts, text_style};
    use super::*;

    /// One line of text at (20, 20), 40 px high.
    struct Line(&'static str);

    impl Figure for Line {
        fn size(&self) -> (u32, u32) {
            (420, 60)
        }
        fn draw<DB: TextBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
            let style = anchored(text_style(28.0, false), HPos::Left, VPos::Top);
            draw_text(root, self.0, (20, 20), &style)
        }
    }

    fn line_pixels(text: &'static str) -> Vec<u8> {
        fonts("test").unwrap();
        rgb(&Line(text)).unwrap()
    }

    #[test]
    fn title_is_drawn_as_glyphs() {
        fonts("test").unwrap();
        let labels = vec!["Saludo institucional".to_string()];
        let series = vec![("Equipo".to_string(), vec![Some(0.8)])];
        let chart = |title| Bars {
            name: "t",
            title,
            x_label: "Cumplimiento",
            labels: &labels,
            series: &series,
        };
        let titled =
            rgb(&BarsPlot::new(&chart("Cumplimiento por criterio — Área de Atención")).unwrap())
                .unwrap();
        let untitled = rgb(&BarsPlot::new(&chart("")).unwrap()).unwrap();
        let band = (0, 0, 900, 46);
        let ink = dark_pixels(&titled, 900, band);
        assert!(ink > 1500, "only {ink} dark pixels in the title band");
        assert_eq!(dark_pixels(&untitled, 900, band), 0);
        assert_eq!(
            &titled[900 * 46 * 3..],
            &untitled[900 * 46 * 3..],
            "only the title band differs"
        );
    }

    #[test]
    fn accents_and_enie_have_ink_of_their_own() {
        let accented = line_pixels("Año, compañía, código");
        let plain = line_pixels("Ano, compania, codigo");
        let whole = (0, 0, 420, 60);
        let (accented_ink, plain_ink) = (
            dark_pixels(&accented, 420, whole),
            dark_pixels(&plain, 420, whole),
        );
        let changed = accented
            .chunks(3)
            .zip(plain.chunks(3))
            .filter(|(a, p)| a != p)
            .count();
        assert!(accented_ink > 600, "the line has ink: {accented_ink}");
        // Two tildes and two acutes (one replacing the dot of an i) add ink and change pixels.
        assert!(
            accented_ink > plain_ink + 20,
            "{accented_ink} vs {plain_ink}"
        );
        assert!(changed > 60, "{changed}");
        // A glyph DejaVu lacks draws the "missing" box; ñ must not look like it.
        assert_ne!(line_pixels("ñ"), line_pixels("\u{E000}"));
        assert_ne!(line_pixels("ñ"), line_pixels("n"));
    }

    #[test]
    fn decomposed_text_draws_like_composed() {
        fonts("test").unwrap();
        let labels = vec!["Compañía".to_string()];
        let decomposed = vec!["Compan\u{303}i\u{301}a".to_string()];
        let series = vec![("Área".to_string(), vec![Some(0.5)])];
        let draw = |labels| {
            rgb(&BarsPlot::new(&Bars {
                name: "t",
                title: "Área",
                x_label: "",
                labels,
                series: &series,
            })
            .unwrap())
            .unwrap()
        };
        assert_eq!(draw(&labels), draw(&decomposed));
    }

    #[test]
    fn png_holds_the_drawn_pixels_size() {
        fonts("test").unwrap();
        let chart = render("line", "", &Line("Año, compañía, código")).unwrap();
        assert_png(&chart.png);
        save_for_inspection(&chart);
        assert_eq!(png_size(&chart.png), (420, 60));
        assert_eq!(
            chart.png,
            render("line", "", &Line("Año, compañía, código"))
                .unwrap()
                .png
        );
    }

    #[test]
    fn oversized_canvas_is_an_error() {
        struct Huge;
        impl Figure for Huge {
            fn size(&self) -> (u32, u32) {
                (100_000, 100_000)
            }
            fn draw<DB: TextBackend>(&self, _: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
                Ok(())
            }
        }
        let error = render("huge", "", &Huge).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("chart huge: canvas of 100000x100000"),
            "{error}"
        );
    }
}

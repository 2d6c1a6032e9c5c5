//! Checks shared by the chart tests: PNG signature and size, the SVG/PNG agreement, counting ink
//! in an RGB buffer, and saving charts for a look (set `CALLQA_CHART_DIR` to a folder).

use super::Chart;

pub(super) const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

pub(super) fn assert_png(png: &[u8]) {
    assert!(png.starts_with(PNG_SIGNATURE), "PNG signature");
    assert!(
        png.len() > 1000,
        "PNG of {} bytes is too small to hold a chart",
        png.len()
    );
}

/// Width and height from the PNG's IHDR chunk.
pub(super) fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[12..16], b"IHDR");
    let number = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    (number(16), number(20))
}

/// A drawn chart: SVG with the title as text and the same size as the PNG.
pub(super) fn assert_chart(chart: &Chart, title: &str) {
    assert!(
        chart.svg.starts_with("<svg "),
        "{}",
        &chart.svg[..chart.svg.len().min(80)]
    );
    assert!(chart.svg.trim_end().ends_with("</svg>"));
    assert!(
        chart.svg.contains(&format!(">\n{title}\n</text>")),
        "title drawn as text in {}",
        chart.svg
    );
    assert!(
        chart.svg.contains(&format!("<title>{title}</title>")),
        "accessible name"
    );
    assert_eq!(chart.title, title);
    assert_png(&chart.png);
    let (width, height) = png_size(&chart.png);
    assert!(
        chart
            .svg
            .contains(&format!("width=\"{width}\" height=\"{height}\""))
    );
}

/// Pixels darker than mid-grey in the rectangle [x0, x1) x [y0, y1) of an RGB buffer.
pub(super) fn dark_pixels(rgb: &[u8], width: u32, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> usize {
    let mut dark = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let at = ((y * width + x) * 3) as usize;
            let luma = (u32::from(rgb[at]) * 299
                + u32::from(rgb[at + 1]) * 587
                + u32::from(rgb[at + 2]) * 114)
                / 1000;
            if luma < 128 {
                dark += 1;
            }
        }
    }
    dark
}

pub(super) fn save_for_inspection(chart: &Chart) {
    if let Some(dir) = std::env::var_os("CALLQA_CHART_DIR") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{}.png", chart.name)), &chart.png).unwrap();
        std::fs::write(dir.join(format!("{}.svg", chart.name)), &chart.svg).unwrap();
    }
}

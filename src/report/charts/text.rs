//! Drawing text, and placing it right in the PNG. plotters' ab_glyph text path draws every glyph
//! at the pen position without its left side bearing (so "la" and "Huamán" come out unevenly
//! spaced) and puts the baseline half a font size below the anchor whatever the anchor says (so
//! centred labels sit above their tick). On the bitmap backend `draw_text` therefore draws text
//! glyph by glyph: plotters still rasterises each glyph, but pen positions, bearings and kerning
//! come from the DejaVu tables read here (the same metrics ab_glyph uses) and the baseline goes
//! where the SVG's `dy` puts it, so PNG and SVG agree. On the SVG backend text stays one `<text>`
//! element per string. All chart text, axis labels included, goes through `draw_text`.

use std::sync::OnceLock;

use plotters::backend::{BitMapBackend, DrawingBackend, RGBPixel, SVGBackend};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::render::DrawError;

/// The metrics of one DejaVu face that text placement needs, read from its TrueType tables.
pub(super) struct Face {
    units_per_em: f64,
    /// Ascender minus descender (hhea), in font units: ab_glyph scales a font size to this.
    height: f64,
    /// Top of the "x" glyph, in font units.
    x_height: f64,
    /// (character, glyph id), sorted by character.
    cmap: Vec<(u32, u16)>,
    advances: Vec<u16>,
    /// Left edge of each glyph's outline, in font units.
    x_mins: Vec<i16>,
    /// ((left glyph << 16) | right glyph, kerning), sorted by pair.
    kerning: Vec<(u32, i16)>,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    bytes
        .get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn i16_at(bytes: &[u8], at: usize) -> Option<i16> {
    u16_at(bytes, at).map(|v| v as i16)
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let count = usize::from(u16_at(font, 4)?);
    (0..count).find_map(|index| {
        let record = 12 + 16 * index;
        if font.get(record..record + 4)? != tag {
            return None;
        }
        let offset = u32_at(font, record + 8)? as usize;
        let length = u32_at(font, record + 12)? as usize;
        font.get(offset..offset.checked_add(length)?)
    })
}

impl Face {
    pub(super) fn parse(font: &[u8]) -> Option<Face> {
        let head = table(font, b"head")?;
        let hhea = table(font, b"hhea")?;
        let glyph_count = usize::from(u16_at(table(font, b"maxp")?, 4)?);
        let height = f64::from(i16_at(hhea, 4)?) - f64::from(i16_at(hhea, 6)?);
        let metric_count = usize::from(u16_at(hhea, 34)?).max(1);
        let hmtx = table(font, b"hmtx")?;
        let advances = (0..glyph_count)
            .map(|glyph| u16_at(hmtx, 4 * glyph.min(metric_count - 1)))
            .collect::<Option<Vec<u16>>>()?;

        let long_offsets = i16_at(head, 50)? == 1;
        let loca = table(font, b"loca")?;
        let glyf = table(font, b"glyf")?;
        let glyph_offset = |glyph: usize| {
            if long_offsets {
                u32_at(loca, 4 * glyph).map(|o| o as usize)
            } else {
                u16_at(loca, 2 * glyph).map(|o| 2 * usize::from(o))
            }
        };
        let glyph_box = |glyph: usize, field: usize| -> Option<i16> {
            let (start, end) = (glyph_offset(glyph)?, glyph_offset(glyph + 1)?);
            if end <= start {
                Some(0)
            } else {
                i16_at(glyf, start + field)
            }
        };
        let x_mins = (0..glyph_count)
            .map(|glyph| glyph_box(glyph, 2))
            .collect::<Option<Vec<i16>>>()?;

        let cmap = parse_cmap(table(font, b"cmap")?)?;
        let x_glyph = cmap
            .binary_search_by_key(&u32::from('x'), |&(c, _)| c)
            .ok()?;
        let x_height = f64::from(glyph_box(usize::from(cmap[x_glyph].1), 8)?);
        let kerning = table(font, b"kern").map(parse_kern).unwrap_or_default();
        let units_per_em = f64::from(u16_at(head, 18)?);
        Some(Face {
            units_per_em,
            height,
            x_height,
            cmap,
            advances,
            x_mins,
            kerning,
        })
    }

    fn glyph(&self, c: char) -> u16 {
        self.cmap
            .binary_search_by_key(&u32::from(c), |&(code, _)| code)
            .map_or(0, |index| self.cmap[index].1)
    }

    fn advance(&self, glyph: u16) -> f64 {
        self.advances
            .get(usize::from(glyph))
            .map_or(0.0, |&a| f64::from(a))
    }

    fn x_min(&self, glyph: u16) -> f64 {
        self.x_mins
            .get(usize::from(glyph))
            .map_or(0.0, |&x| f64::from(x))
    }

    fn kern(&self, left: u16, right: u16) -> f64 {
        let pair = (u32::from(left) << 16) | u32::from(right);
        self.kerning
            .binary_search_by_key(&pair, |&(p, _)| p)
            .map_or(0.0, |index| f64::from(self.kerning[index].1))
    }

    /// Where each character's glyph box goes and the total advance, in pixels at plotters `size`.
    fn layout(&self, text: &str, size: f64) -> (Vec<(char, f64)>, f64) {
        let scale = size / self.height;
        let mut pen = 0.0;
        let mut previous = None;
        let mut placed = Vec::new();
        for c in text.chars() {
            let glyph = self.glyph(c);
            if let Some(previous) = previous {
                pen += self.kern(previous, glyph) * scale;
            }
            // ab_glyph rasterises the outline into a box starting at the whole pixel below its
            // left edge; place that box, so the outline lands at pen + bearing.
            placed.push((c, pen + (self.x_min(glyph) * scale).floor()));
            pen += self.advance(glyph) * scale;
            previous = Some(glyph);
        }
        (placed, pen)
    }
}

/// Character -> glyph pairs from the Windows Unicode BMP subtable (format 4).
fn parse_cmap(cmap: &[u8]) -> Option<Vec<(u32, u16)>> {
    let count = usize::from(u16_at(cmap, 2)?);
    let subtable = (0..count).find_map(|index| {
        let record = 4 + 8 * index;
        let (platform, encoding) = (u16_at(cmap, record)?, u16_at(cmap, record + 2)?);
        let offset = u32_at(cmap, record + 4)? as usize;
        (platform == 3 && encoding == 1 && u16_at(cmap, offset)? == 4).then_some(offset)
    })?;
    let data = cmap.get(subtable..)?;
    let segments = usize::from(u16_at(data, 6)? / 2);
    let (ends, starts) = (14, 16 + 2 * segments);
    let (deltas, range_offsets) = (starts + 2 * segments, starts + 4 * segments);
    let mut pairs = Vec::new();
    for segment in 0..segments {
        let end = u16_at(data, ends + 2 * segment)?;
        let start = u16_at(data, starts + 2 * segment)?;
        let delta = u16_at(data, deltas + 2 * segment)?;
        let range_offset = usize::from(u16_at(data, range_offsets + 2 * segment)?);
        for code in start..=end.min(0xFFFE) {
            let glyph = if range_offset == 0 {
                code.wrapping_add(delta)
            } else {
                let at = range_offsets + 2 * segment + range_offset + 2 * usize::from(code - start);
                match u16_at(data, at)? {
                    0 => 0,
                    glyph => glyph.wrapping_add(delta),
                }
            };
            if glyph != 0 {
                pairs.push((u32::from(code), glyph));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup_by_key(|&mut (code, _)| code);
    Some(pairs)
}

/// Kerning pairs from the horizontal format-0 subtables of a version-0 `kern` table; the first
/// subtable holding a pair wins, as in ttf-parser.
fn parse_kern(kern: &[u8]) -> Vec<(u32, i16)> {
    let mut pairs = Vec::new();
    let (Some(0), Some(count)) = (u16_at(kern, 0), u16_at(kern, 2)) else {
        return pairs;
    };
    let mut offset = 4;
    for _ in 0..count {
        let (Some(length), Some(coverage)) = (u16_at(kern, offset + 2), u16_at(kern, offset + 4))
        else {
            break;
        };
        let horizontal = coverage & 0x1 != 0 && coverage & 0x4 == 0;
        if horizontal && coverage >> 8 == 0 {
            let n = usize::from(u16_at(kern, offset + 6).unwrap_or(0));
            for index in 0..n {
                let at = offset + 14 + 6 * index;
                if let (Some(left), Some(right), Some(value)) =
                    (u16_at(kern, at), u16_at(kern, at + 2), i16_at(kern, at + 4))
                {
                    pairs.push(((u32::from(left) << 16) | u32::from(right), value));
                }
            }
        }
        offset += usize::from(length);
    }
    // Stable sort keeps the first subtable's value first; dedup keeps it.
    pairs.sort_by_key(|&(pair, _)| pair);
    pairs.dedup_by_key(|&mut (pair, _)| pair);
    pairs
}

/// The regular and bold faces, parsed once (None if the tables could not be read).
fn faces() -> Option<&'static (Face, Face)> {
    static FACES: OnceLock<Option<(Face, Face)>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some((
                Face::parse(dejavu::sans::regular())?,
                Face::parse(dejavu::sans::bold())?,
            ))
        })
        .as_ref()
}

/// What a backend needs from text drawing: whole strings (SVG, where the browser lays out the
/// `<text>`) or glyph by glyph (the bitmap).
pub(super) trait TextBackend: DrawingBackend {
    const PER_GLYPH: bool;
}

impl TextBackend for SVGBackend<'_> {
    const PER_GLYPH: bool = false;
}

impl TextBackend for BitMapBackend<'_, RGBPixel> {
    const PER_GLYPH: bool = true;
}

/// Draws `text` at `pos` (pixels in `area`) anchored and rotated as `style` says. Every text of
/// every chart goes through here.
pub(super) fn draw_text<DB: TextBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    pos: (i32, i32),
    style: &TextStyle,
) -> Result<(), DrawError> {
    let face = faces().map(|(regular, bold)| match style.font.get_style() {
        FontStyle::Bold => bold,
        _ => regular,
    });
    let (Some(face), true) = (face, DB::PER_GLYPH) else {
        area.draw(&Text::new(text.to_string(), pos, style.clone()))?;
        return Ok(());
    };
    let size = style.font.get_size();
    let (placed, width) = face.layout(text, size);
    let dx = match style.pos.h_pos {
        HPos::Left => 0.0,
        HPos::Center => -width / 2.0,
        HPos::Right => -width,
    };
    // The SVG backend sets the baseline with dy = 0.76em (top), 0.5ex (centre) or -0.5ex
    // (bottom) at a font size of size / 1.24; do the same.
    let svg_em = size / 1.24;
    let half_ex = 0.5 * svg_em * face.x_height / face.units_per_em;
    let baseline = match style.pos.v_pos {
        VPos::Top => 0.76 * svg_em,
        VPos::Center => half_ex,
        VPos::Bottom => -half_ex,
    };
    // Drawn alone with a top-left anchor, a glyph has its outline's left edge at the given x
    // (plotters drops the bearing) and its baseline `size / 2` below the given y.
    let dy = (baseline - size / 2.0).round() as i32;
    let transform = style.font.get_transform();
    let glyph_style = style.pos(Pos::new(HPos::Left, VPos::Top));
    for (c, x) in placed {
        let (ox, oy) = transform.transform((dx + x).round() as i32, dy);
        area.draw(&Text::new(
            c.to_string(),
            (pos.0 + ox, pos.1 + oy),
            glyph_style.clone(),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{fonts, text_width};
    use super::*;

    #[test]
    fn dejavu_tables_read() {
        let (regular, bold) = faces().expect("DejaVu tables");
        assert_eq!(regular.height, 2384.0);
        assert!(
            regular.x_height > 1000.0 && regular.x_height < 1200.0,
            "{}",
            regular.x_height
        );
        for c in "Añoíóú—…%".chars() {
            assert_ne!(regular.glyph(c), 0, "{c}");
            assert_ne!(bold.glyph(c), 0, "{c}");
        }
        assert_eq!(regular.glyph('\u{E000}'), 0);
        assert!(!regular.kerning.is_empty());
    }

    #[test]
    fn layout_matches_plotters_measurement() {
        fonts("test").unwrap();
        let (regular, bold) = faces().unwrap();
        for text in [
            "Solicita el código modular de la institución",
            "Rosa Huamán",
            "AVATAR, Tý",
        ] {
            for (face, is_bold) in [(regular, false), (bold, true)] {
                let (_, width) = face.layout(text, 16.0);
                let measured = text_width(text, 16.0, is_bold);
                assert!(
                    (width - f64::from(measured)).abs() <= 1.0,
                    "{text}: {width} vs {measured}"
                );
            }
        }
    }
}

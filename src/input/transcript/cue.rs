//! What WebVTT and SRT share: blocks separated by blank lines, cue timing lines
//! (`00:01:02.345 --> 00:01:04.000 settings`, hours optional, `.` or `,` before the milliseconds),
//! cue text with markup (voice tags `<v Name>`, `<c>`, `<i>`, inline timestamps, `{\an8}`, entities),
//! and turning cues into turns: the speaker comes from a voice tag or a speaker prefix (see
//! `speaker.rs`); a cue without one continues the previous speaker; consecutive cues of one speaker
//! stay separate turns.

use crate::input::speaker::{self, SpeakerLabels};
use crate::input::{ParseError, clean_text};
use crate::model::{Role, Turn};

/// Lines between blank lines, with the 1-based number of the first.
pub(in crate::input) struct Block<'a> {
    pub first_line: usize,
    pub lines: Vec<&'a str>,
}

pub(in crate::input) fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut current: Option<Block<'_>> = None;
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            blocks.extend(current.take());
        } else {
            current
                .get_or_insert_with(|| Block {
                    first_line: index + 1,
                    lines: Vec::new(),
                })
                .lines
                .push(line);
        }
    }
    blocks.extend(current);
    blocks
}

/// One cue as read: where its timing line is, its times and its raw text lines joined by newlines.
pub(in crate::input) struct Cue {
    pub line: usize,
    pub start: f64,
    pub end: f64,
    pub text: String,
}

/// Cues from blocks: an optional id line, a timing line, text lines. A block without a timing line
/// continues the previous cue's text (writers that put blank lines inside cue text); before the first
/// cue it is an error. `skip` says which blocks to ignore (WebVTT NOTE/STYLE/REGION).
pub(in crate::input) fn cues(
    blocks: &[Block<'_>],
    skip: impl Fn(&Block<'_>) -> bool,
) -> Result<Vec<Cue>, ParseError> {
    let mut cues: Vec<Cue> = Vec::new();
    for block in blocks.iter().filter(|b| !skip(b)) {
        let timing = block.lines.iter().take(2).position(|l| l.contains("-->"));
        match timing {
            Some(at) => {
                let line = block.first_line + at;
                let (start, end) = parse_timing(block.lines[at], line)?;
                let text = block.lines[at + 1..].join("\n");
                cues.push(Cue {
                    line,
                    start,
                    end,
                    text,
                });
            }
            None => match cues.last_mut() {
                Some(previous) => {
                    previous.text.push('\n');
                    previous.text.push_str(&block.lines.join("\n"));
                }
                None => {
                    return Err(ParseError::at(
                        Some(block.first_line),
                        "se esperaba un subtítulo: una línea opcional con su número y luego `start --> end` \
                         (p. ej. `00:00:01.000 --> 00:00:04.200`)",
                    ));
                }
            },
        }
    }
    Ok(cues)
}

/// `start --> end [settings]` -> seconds. An error is a bad time (`Problem::BadTime`).
pub(in crate::input) fn parse_timing(line: &str, line_no: usize) -> Result<(f64, f64), ParseError> {
    let bad = || {
        ParseError::time(
            Some(line_no),
            format!(
                "tiempos del subtítulo no válidos: `{}`; se esperaba `HH:MM:SS.mmm --> HH:MM:SS.mmm`",
                line.trim()
            ),
        )
    };
    let (left, right) = line.split_once("-->").ok_or_else(bad)?;
    let start = parse_time(left.trim()).ok_or_else(bad)?;
    let end = parse_time(right.split_whitespace().next().unwrap_or_default()).ok_or_else(bad)?;
    Ok((start, end))
}

/// `HH:MM:SS.mmm`, `MM:SS.mmm` (also with `,`, or without the fraction) -> seconds.
pub(in crate::input) fn parse_time(text: &str) -> Option<f64> {
    let digits = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
    let (clock, fraction) = match text.find(['.', ',']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    if !fraction.is_empty() && !digits(fraction) {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    if !parts.iter().all(|p| digits(p)) {
        return None;
    }
    let number = |s: &str| s.parse::<u64>().ok();
    let (hours, minutes, seconds) = match parts.as_slice() {
        [m, s] => (0, number(m)?, number(s)?),
        [h, m, s] => (number(h)?, number(m)?, number(s)?),
        _ => return None,
    };
    if minutes >= 60
        || seconds >= 60
        || (parts.len() == 3 && parts[1].len() != 2)
        || parts.last()?.len() != 2
    {
        return None;
    }
    let fraction = if fraction.is_empty() {
        0.0
    } else {
        format!("0.{fraction}").parse::<f64>().ok()?
    };
    Some((hours * 3600 + minutes * 60 + seconds) as f64 + fraction)
}

/// True when one of the first lines holding `-->` is a cue timing line (for sniffing).
pub(in crate::input) fn has_timing_lines(text: &str) -> bool {
    text.lines()
        .filter(|l| l.contains("-->"))
        .take(3)
        .any(|l| parse_timing(l, 0).is_ok())
}

/// Cues -> turns. Speakers from voice tags are taken as written; text prefixes pass `SpeakerLabels`.
pub(in crate::input) fn turns(cues: &[Cue]) -> Vec<Turn> {
    let pieces: Vec<Vec<Piece>> = cues.iter().map(|cue| split_voices(&cue.text)).collect();
    let labels = SpeakerLabels::from_texts(
        pieces
            .iter()
            .flatten()
            .filter(|p| p.voice.is_none())
            .map(|p| p.text.as_str()),
    );
    let mut turns = Vec::new();
    let mut current: (String, Role) = (String::new(), Role::Unknown);
    for (cue, pieces) in cues.iter().zip(&pieces) {
        for piece in pieces {
            let text = match (&piece.voice, labels.speaker(&piece.text)) {
                (Some(voice), _) => {
                    current = (voice.clone(), speaker::role_of_label(voice));
                    piece.text.as_str()
                }
                (None, Some(prefix)) => {
                    current = (
                        prefix.label.to_string(),
                        speaker::role_of_label(prefix.label),
                    );
                    prefix.rest
                }
                (None, None) => piece.text.as_str(),
            };
            turns.push(Turn {
                speaker: current.0.clone(),
                role: current.1,
                start: Some(cue.start),
                end: Some(cue.end),
                text: text.to_string(),
                line: Some(cue.line),
            });
        }
    }
    turns
}

/// A stretch of cue text under one voice tag (or none), with markup removed.
struct Piece {
    voice: Option<String>,
    text: String,
}

/// Split cue text at `<v Name>` / `<v.class Name>` tags; strip all other markup.
fn split_voices(raw: &str) -> Vec<Piece> {
    let mut pieces = vec![Piece {
        voice: None,
        text: String::new(),
    }];
    let mut rest = raw;
    while let Some(open) = rest.find('<') {
        push_text(&mut pieces, &rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            // A lone `<` is text.
            push_text(&mut pieces, &rest[open..]);
            rest = "";
            break;
        };
        let tag = &after[..close];
        if let Some(voice) = voice_name(tag) {
            pieces.push(Piece {
                voice: Some(voice.to_string()),
                text: String::new(),
            });
        }
        rest = &after[close + 1..];
    }
    push_text(&mut pieces, rest);
    pieces
        .into_iter()
        .map(|p| Piece {
            voice: p.voice.filter(|v| !v.is_empty()),
            text: clean_text(&p.text),
        })
        .filter(|p| !p.text.is_empty() || p.voice.is_some())
        .collect()
}

fn push_text(pieces: &mut [Piece], text: &str) {
    if let Some(last) = pieces.last_mut() {
        last.text.push_str(&decode_entities(&strip_ass_tags(text)));
    }
}

/// `v Name`, `v.loud Name`, `v.a.b Name` -> `Name`.
fn voice_name(tag: &str) -> Option<&str> {
    let rest = tag.strip_prefix('v')?;
    if !(rest.is_empty() || rest.starts_with(['.', ' ', '\t'])) {
        return None;
    }
    let name = match rest.find(char::is_whitespace) {
        Some(at) => &rest[at..],
        None => "",
    };
    Some(name.trim())
}

/// SRT files from some tools carry `{\an8}`-style positioning tags.
fn strip_ass_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{\\") {
        out.push_str(&rest[..open]);
        match rest[open..].find('}') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let entity = after
            .find(';')
            .filter(|&semi| semi <= 10)
            .map(|semi| (&after[..semi], &after[semi + 1..]));
        let decoded = entity.and_then(|(name, tail)| entity_char(name).map(|c| (c, tail)));
        match decoded {
            Some((c, tail)) => {
                if let Some(c) = c {
                    out.push(c);
                }
                rest = tail;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity stands for; Some(None) for marks that vanish (&lrm;, &rlm;).
fn entity_char(name: &str) -> Option<Option<char>> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "lrm" | "rlm" => return Some(None),
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse::<u32>().ok()?
                };
            char::from_u32(code)?
        }
    };
    Some(Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_time("00:01:02.345"), Some(62.345));
        assert_eq!(parse_time("01:02.5"), Some(62.5));
        assert_eq!(parse_time("1:00:00,000"), Some(3600.0));
        assert_eq!(parse_time("100:00:00.000"), Some(360000.0));
        assert_eq!(parse_time("00:00:07"), Some(7.0));
        assert_eq!(parse_time("00:61.000"), None);
        assert_eq!(parse_time("00:1.000"), None);
        assert_eq!(parse_time("-0:01.000"), None);
        assert_eq!(parse_time("00:01.+5"), None);
        assert_eq!(parse_time(""), None);
        assert_eq!(parse_time("1"), None);
    }

    #[test]
    fn timing_lines_with_settings() {
        assert_eq!(
            parse_timing("00:00:01.000 --> 00:00:02.500 align:start position:10%", 3),
            Ok((1.0, 2.5))
        );
        assert_eq!(
            parse_timing("00:00:01,000 --> 00:00:02,500  X1:40 X2:600", 3),
            Ok((1.0, 2.5))
        );
        let err = parse_timing("00:01 --> ", 7).unwrap_err();
        assert_eq!(
            (err.line, err.code),
            (Some(7), crate::model::Problem::BadTime)
        );
    }

    #[test]
    fn voices_and_markup() {
        let pieces = split_voices(
            "<v.loud Rosa Quispe>Buenos <i>dí</i>as</v>\n<v SPEAKER_01>hola &amp; <00:00:01.000><c>adiós</c>",
        );
        let got: Vec<_> = pieces
            .iter()
            .map(|p| (p.voice.as_deref(), p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("Rosa Quispe"), "Buenos días"),
                (Some("SPEAKER_01"), "hola & adiós")
            ]
        );
        let pieces = split_voices("{\\an8}a < b &lrm;&#241;&#xF1;&bogus; &");
        assert_eq!(pieces[0].text, "a < b ññ&bogus; &");
        assert_eq!(split_voices("<v>sin nombre</v>")[0].voice, None);
    }

    #[test]
    fn blank_lines_inside_cue_text_continue_the_cue() {
        let text = "1\n00:00:01,000 --> 00:00:02,000\nprimera\n\nsegunda\n";
        let cues = cues(&blocks(text), |_| false).unwrap();
        assert_eq!(cues.len(), 1);
        assert_eq!(cues[0].text, "primera\nsegunda");
        let err = super::cues(
            &blocks("texto suelto\n\n1\n00:00:01,000 --> 00:00:02,000\nx\n"),
            |_| false,
        );
        let err = err.err().unwrap();
        assert_eq!(
            (err.line, err.code),
            (Some(1), crate::model::Problem::Malformed)
        );
        assert!(
            err.reason.starts_with("se esperaba un subtítulo"),
            "{}",
            err.reason
        );
    }
}

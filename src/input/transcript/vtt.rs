//! WebVTT transcripts: the `WEBVTT` header (and any header lines such as `Kind:`/`Language:`), NOTE,
//! STYLE and REGION blocks skipped, cues read by `cue.rs`. Speakers come from voice tags
//! (`<v SPEAKER_00>`, `<v.loud Rosa Quispe>`) or from text prefixes (`Rosa Quispe: ...` as Zoom writes,
//! `[SPEAKER_00]: ...` as WhisperX writes), accepted by the rules in `speaker.rs`.

use crate::input::ParseError;
use crate::input::cue::{self, Block};
use crate::model::{Format, Transcript};

/// True when the text starts with the `WEBVTT` signature (alone or followed by a space or tab).
pub(in crate::input) fn has_header(body: &str) -> bool {
    body.strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r']))
}

pub(in crate::input) fn parse(text: &str) -> Result<Transcript, ParseError> {
    let mut blocks = cue::blocks(text);
    if let Some(first) = blocks.first_mut()
        && first
            .lines
            .first()
            .is_some_and(|l| has_header(l.trim_start_matches('\u{feff}')))
    {
        // Header lines run to the first blank line; a writer that left the blank line out has its first
        // cue in the same block, which keeps its (ignored) id line.
        match first.lines.iter().position(|l| l.contains("-->")) {
            Some(timing) => {
                let from = timing.saturating_sub(1).max(1);
                first.first_line += from;
                first.lines.drain(..from);
            }
            None => {
                blocks.remove(0);
            }
        }
    }
    let cues = cue::cues(&blocks, is_skipped_block)?;
    Ok(Transcript::new(Format::Vtt, cue::turns(&cues)))
}

fn is_skipped_block(block: &Block<'_>) -> bool {
    let first = block.lines.first().copied().unwrap_or_default();
    ["NOTE", "STYLE", "REGION"].iter().any(|keyword| {
        first
            .strip_prefix(keyword)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

#[cfg(test)]
mod tests {
    use crate::input::{fixture, parse_transcript, read_transcript};
    use crate::model::{Format, Role};

    fn parse(text: &str) -> crate::model::Transcript {
        parse_transcript(text, Format::Vtt).unwrap()
    }

    #[test]
    fn voice_tags_notes_and_styles() {
        let text = "WEBVTT - llamada\nKind: captions\nLanguage: es\n\nNOTE revisado\npor QA\n\nSTYLE\n::cue { color: red }\n\n\
                    intro\n00:00:01.000 --> 00:00:04.200 align:start\n<v Rosa Quispe>Buenos días, le saluda\nRosa.</v>\n\n\
                    00:04.500 --> 00:06.000\n<v.loud SPEAKER_01>Hola, <i>señorita</i>\n\n\
                    3\n00:00:06.000 --> 00:00:07.000\ncontinúa sin voz\n";
        let t = parse(text);
        assert_eq!(t.format, Format::Vtt);
        let got: Vec<_> = t
            .turns
            .iter()
            .map(|t| (t.speaker.as_str(), t.text.as_str(), t.start, t.line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Rosa Quispe",
                    "Buenos días, le saluda Rosa.",
                    Some(1.0),
                    Some(12)
                ),
                ("SPEAKER_01", "Hola, señorita", Some(4.5), Some(16)),
                ("SPEAKER_01", "continúa sin voz", Some(6.0), Some(20)),
            ]
        );
        assert_eq!(t.turns[0].end, Some(4.2));
    }

    #[test]
    fn text_prefixes_and_ordinary_colons() {
        let text = "WEBVTT\n\n00:01.000 --> 00:02.000\n[SPEAKER_00]: Buenos días.\n\n\
                    00:02.000 --> 00:03.000\n[SPEAKER_01] Hola.\n\n\
                    00:03.000 --> 00:04.000\nMire: es que no puedo entrar.\n\n\
                    00:04.000 --> 00:05.000\nOperadora: Le explico.\n\n\
                    00:05.000 --> 00:06.000\nJuan Pérez: Gracias.\n";
        let t = parse(text);
        let got: Vec<_> = t
            .turns
            .iter()
            .map(|t| (t.speaker.as_str(), t.role, t.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("SPEAKER_00", Role::Unknown, "Buenos días."),
                ("SPEAKER_01", Role::Unknown, "Hola."),
                ("SPEAKER_01", Role::Unknown, "Mire: es que no puedo entrar."),
                ("Operadora", Role::Operator, "Le explico."),
                ("Juan Pérez", Role::Unknown, "Gracias."),
            ]
        );
    }

    #[test]
    fn consecutive_cues_of_one_speaker_stay_separate() {
        let text =
            "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>uno\n\n00:02.000 --> 00:03.000\n<v A>dos\n";
        assert_eq!(parse(text).turns.len(), 2);
    }

    #[test]
    fn first_cue_without_speaker_has_empty_speaker() {
        let t = parse("WEBVTT\n\n00:01.000 --> 00:02.000\nhola\n");
        assert_eq!(
            (t.turns[0].speaker.as_str(), t.turns[0].role),
            ("", Role::Unknown)
        );
    }

    #[test]
    fn bom_crlf_and_missing_blank_after_header() {
        let t = parse("\u{feff}WEBVTT\r\n00:00:01.000 --> 00:00:02.000\r\n<v Ana Ruiz>hola\r\n");
        assert_eq!(t.turns[0].speaker, "Ana Ruiz");
        assert_eq!(t.turns[0].line, Some(2));
    }

    #[test]
    fn errors_carry_lines() {
        let err =
            parse_transcript("WEBVTT\n\n00:01.000 --> 00:0x.000\nhola\n", Format::Vtt).unwrap_err();
        assert_eq!(err.line, Some(3));
        let err = parse_transcript("WEBVTT\n\n00:01.000 --> 00:02.000\n", Format::Vtt).unwrap_err();
        assert_eq!(err.code, crate::model::Problem::NoSpeech);
    }

    #[test]
    fn zoom_sample_from_real_data() {
        let t =
            read_transcript(&fixture("realdata/zoom_style_speaker_prefixed_Caleob.vtt")).unwrap();
        assert_eq!(t.format, Format::Vtt);
        assert_eq!(t.turns.len(), 264);
        assert!(t.turns.iter().all(|turn| turn.speaker == "Caleob King"));
        let first = &t.turns[0];
        assert!(
            first
                .text
                .starts_with("Hello, everybody, I hope you're doing all right."),
            "{}",
            first.text
        );
        assert_eq!(
            (first.start, first.end, first.line),
            (Some(4.16), Some(15.37), Some(4))
        );
        let last = t.turns.last().unwrap();
        assert_eq!(
            (last.text.as_str(), last.start),
            ("Yep, bye.", Some(1873.34))
        );
    }
}

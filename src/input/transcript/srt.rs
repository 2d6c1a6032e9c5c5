//! SubRip (SRT) transcripts: numbered cues with `HH:MM:SS,mmm --> HH:MM:SS,mmm` timing lines (a `.`
//! before the milliseconds and missing numbers are tolerated), read by `cue.rs` with the same speaker
//! prefixes as WebVTT (`Rosa Quispe: ...`, `[SPEAKER_00]: ...`, `<v Name>`).

use crate::input::ParseError;
use crate::input::cue;
use crate::model::{Format, Transcript};

pub(in crate::input) fn parse(text: &str) -> Result<Transcript, ParseError> {
    let cues = cue::cues(&cue::blocks(text), |_| false)?;
    Ok(Transcript::new(Format::Srt, cue::turns(&cues)))
}

#[cfg(test)]
mod tests {
    use crate::input::{parse_transcript, sniff};
    use crate::model::{Format, Role};

    #[test]
    fn numbered_cues_with_speakers() {
        let text = "1\n00:00:00,500 --> 00:00:03,250\nOperador: Buenos días, SIAGIE,\nle atiende Carlos.\n\n\
                    2\n00:00:03,400 --> 00:00:05,000\nUsuaria: Buenos días.\n\n\
                    3\n00:00:05,100 --> 00:00:06,000\nEs sobre las notas.\n";
        assert_eq!(sniff(text, Some("srt")), Some(Format::Srt));
        let t = parse_transcript(text, Format::Srt).unwrap();
        let got: Vec<_> = t
            .turns
            .iter()
            .map(|t| (t.speaker.as_str(), t.role, t.text.as_str(), t.start, t.line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Operador",
                    Role::Operator,
                    "Buenos días, SIAGIE, le atiende Carlos.",
                    Some(0.5),
                    Some(2)
                ),
                ("Usuaria", Role::Caller, "Buenos días.", Some(3.4), Some(7)),
                (
                    "Usuaria",
                    Role::Caller,
                    "Es sobre las notas.",
                    Some(5.1),
                    Some(11)
                ),
            ]
        );
        assert_eq!(t.turns[0].end, Some(3.25));
    }

    #[test]
    fn whisperx_writer_prefixes_and_font_tags() {
        let text = "1\n00:00:01,000 --> 00:00:02,000\n[SPEAKER_00]: <font color=\"#fff\">Aló</font>\n\n\
                    2\n00:00:02,000 --> 00:00:03,000\n[SPEAKER_01]: {\\an8}Sí, dígame.\n";
        let t = parse_transcript(text, Format::Srt).unwrap();
        let got: Vec<_> = t
            .turns
            .iter()
            .map(|t| (t.speaker.as_str(), t.text.as_str()))
            .collect();
        assert_eq!(got, [("SPEAKER_00", "Aló"), ("SPEAKER_01", "Sí, dígame.")]);
    }

    #[test]
    fn crlf_windows_1252_and_dot_milliseconds() {
        let bytes =
            b"1\r\n00:00:01.000 --> 00:00:02.000\r\nOperadora: Se\xF1ora, buenas tardes.\r\n\r\n";
        let text = crate::input::decode(bytes);
        let t = parse_transcript(&text, Format::Srt).unwrap();
        assert_eq!(t.turns[0].text, "Señora, buenas tardes.");
        assert_eq!(t.turns[0].start, Some(1.0));
    }

    #[test]
    fn bad_timing_names_its_line() {
        let text =
            "1\n00:00:01,000 --> 00:00:02,000\nhola\n\n2\n00:00:0x,000 --> 00:00:03,000\nchau\n";
        let err = parse_transcript(text, Format::Srt).unwrap_err();
        assert_eq!(
            (err.line, err.code),
            (Some(6), crate::model::Problem::BadTime)
        );
        assert!(
            err.reason.contains("`00:00:0x,000 --> 00:00:03,000`"),
            "{}",
            err.reason
        );
    }

    #[test]
    fn out_of_order_cues_are_sorted() {
        let text = "2\n00:00:05,000 --> 00:00:06,000\n<v B>segundo\n\n1\n00:00:01,000 --> 00:00:02,000\n<v A>primero\n";
        let t = parse_transcript(text, Format::Srt).unwrap();
        assert_eq!(t.turns[0].text, "primero");
    }
}

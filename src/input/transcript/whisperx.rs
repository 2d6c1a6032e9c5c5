//! WhisperX / whisper-diarization JSON: `segments[]` with `start` and `end` (numbers or numeric
//! strings), `text` and an optional `speaker`; `words[]` and other keys are ignored. Plain Whisper JSON
//! (no `speaker`) parses too, with speaker "" and Role::Unknown; a later stage rejects it for lack of
//! speakers. A bare array of segments and the JS-module form (`export const data = {...};`, trailing
//! commas) are accepted.

use serde_json::Value;

use crate::input::json::{self, Doc};
use crate::input::{ParseError, speaker};
use crate::model::{Format, Role, Transcript, Turn};

pub(in crate::input) fn parse(text: &str) -> Result<Transcript, ParseError> {
    let doc = Doc::parse(text)?;
    let (segments, base) = match &doc.value {
        Value::Object(map) => match map.get("segments") {
            Some(Value::Array(segments)) => (segments, "/segments"),
            _ => {
                return Err(ParseError::at(
                    doc.line(""),
                    "se esperaba una lista `segments`",
                ));
            }
        },
        Value::Array(segments) => (segments, ""),
        _ => {
            return Err(ParseError::at(
                doc.line(""),
                "se esperaba un objeto JSON con `segments`",
            ));
        }
    };
    let mut turns = Vec::with_capacity(segments.len());
    for (index, segment) in segments.iter().enumerate() {
        let pointer = format!("{base}/{index}");
        let line = doc.line(&pointer);
        let field_line = |key: &str| doc.line_or_parent(&format!("{pointer}/{key}"), &pointer);
        let Value::Object(fields) = segment else {
            return Err(ParseError::at(
                line,
                format!("el segmento {index} no es un objeto JSON"),
            ));
        };
        let start = json::seconds(fields.get("start"), field_line("start"), "start")?;
        let end = json::seconds(fields.get("end"), field_line("end"), "end")?;
        let text = json::string(fields.get("text"), field_line("text"), "text")?
            .ok_or_else(|| ParseError::at(line, format!("al segmento {index} le falta `text`")))?;
        let speaker = json::string(fields.get("speaker"), field_line("speaker"), "speaker")?
            .unwrap_or_default();
        let role = if speaker.is_empty() {
            Role::Unknown
        } else {
            speaker::role_of_label(speaker)
        };
        turns.push(Turn {
            speaker: speaker.trim().to_string(),
            role,
            start,
            end,
            text: crate::input::clean_text(text),
            line,
        });
    }
    Ok(Transcript::new(Format::WhisperX, turns))
}

#[cfg(test)]
mod tests {
    use crate::input::{fixture, parse_transcript, read_transcript, sniff};
    use crate::model::{Format, Role};

    #[test]
    fn numbers_strings_and_missing_speaker() {
        let text = r#"{"language": "es", "segments": [
            {"start": 0.5, "end": 2.0, "text": " Buenos días.", "speaker": "SPEAKER_00", "words": [{"word": "Buenos"}]},
            {"start": "2.1", "end": "3", "text": "Hola."}
        ]}"#;
        let t = parse_transcript(text, Format::WhisperX).unwrap();
        let got: Vec<_> = t
            .turns
            .iter()
            .map(|t| {
                (
                    t.speaker.as_str(),
                    t.role,
                    t.start,
                    t.end,
                    t.text.as_str(),
                    t.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "SPEAKER_00",
                    Role::Unknown,
                    Some(0.5),
                    Some(2.0),
                    "Buenos días.",
                    Some(2)
                ),
                ("", Role::Unknown, Some(2.1), Some(3.0), "Hola.", Some(3)),
            ]
        );
    }

    #[test]
    fn bare_array_of_segments() {
        let text = r#"[{"start": 1, "end": 2, "text": "hola", "speaker": "Operadora"}]"#;
        assert_eq!(sniff(text, None), Some(Format::WhisperX));
        let t = parse_transcript(text, Format::WhisperX).unwrap();
        assert_eq!(t.turns[0].role, Role::Operator);
    }

    #[test]
    fn bad_values_name_their_line() {
        let text = "{\"segments\": [\n  {\"start\": 1, \"end\": 2, \"text\": \"a\"},\n  {\"start\": \"x\", \"end\": 3, \"text\": \"b\"}\n]}";
        let err = parse_transcript(text, Format::WhisperX).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.reason.contains("`start`"), "{}", err.reason);

        let text = "{\"segments\": [\n  {\"start\": -1, \"end\": 2, \"text\": \"a\"}\n]}";
        assert_eq!(
            parse_transcript(text, Format::WhisperX).unwrap_err().line,
            Some(2)
        );

        let text = "{\"segments\": [\n  {\"start\": 3,\n   \"end\": 2, \"text\": \"a\"}\n]}";
        let err = parse_transcript(text, Format::WhisperX).unwrap_err();
        assert_eq!(
            (err.line, err.code),
            (Some(2), crate::model::Problem::BadTime)
        );

        let text = "{\"segments\": [\n  {\"start\": 1, \"end\": 2}\n]}";
        assert!(
            parse_transcript(text, Format::WhisperX)
                .unwrap_err()
                .reason
                .contains("le falta `text`")
        );

        let text = "{\"segments\": {}}";
        assert!(
            parse_transcript(text, Format::WhisperX)
                .unwrap_err()
                .reason
                .contains("lista `segments`")
        );
    }

    #[test]
    fn truncated_json_reports_the_line() {
        let text = "{\"segments\": [\n  {\"start\": 1, \"end\": 2, \"text\": \"a\"},\n  {\"start\": 3, \"en";
        let err = parse_transcript(text, Format::WhisperX).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert_eq!(err.code, crate::model::Problem::Malformed);
        assert!(err.reason.starts_with("JSON inválido: "), "{}", err.reason);
    }

    fn check_spanish_sample(t: &crate::model::Transcript) {
        assert_eq!(t.format, Format::WhisperX);
        assert_eq!(t.turns.len(), 34);
        let mut speakers: Vec<_> = t.turns.iter().map(|t| t.speaker.as_str()).collect();
        speakers.sort();
        speakers.dedup();
        assert_eq!(speakers, ["SPEAKER_00", "SPEAKER_01", "SPEAKER_02"]);
        let first = &t.turns[0];
        assert_eq!(
            (first.speaker.as_str(), first.text.as_str()),
            ("SPEAKER_02", "Eh, ¿aló?")
        );
        assert_eq!((first.start, first.end), (Some(12.8), Some(13.6)));
        assert_eq!(
            t.turns[1].text,
            "Buenos días, ¿usted es el titular de la línea?"
        );
        let last = t.turns.last().unwrap();
        assert_eq!(
            (last.speaker.as_str(), last.start, last.end),
            ("SPEAKER_00", Some(189.46), Some(212.52))
        );
    }

    #[test]
    fn spanish_sample_as_js_module() {
        let t = read_transcript(&fixture(
            "realdata/es_telemarketing_whisper_diarization_lluisagusti.js",
        ))
        .unwrap();
        check_spanish_sample(&t);
        // Lines survive the JS-to-JSON rewrite: the first segment opens on line 4 of the .js file.
        assert_eq!(t.turns[0].line, Some(4));
    }

    #[test]
    fn spanish_sample_as_json() {
        let t = read_transcript(&fixture(
            "realdata/es_telemarketing_whisper_diarization_lluisagusti.derived.json",
        ))
        .unwrap();
        check_spanish_sample(&t);
    }
}

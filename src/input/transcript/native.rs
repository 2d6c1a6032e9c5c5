//! callqa's own transcript JSON, for transcripts written by hand or converted by other tools:
//! `{"format": "callqa-transcript", "version": 1, "call_id": "...", "channel": "phone",
//! "started_at": "2026-11-03T10:15:02-05:00", "turns": [{"speaker", "role", "start", "end", "text"}]}`.
//! Roles are operator/caller/other (absent -> Unknown); times are optional. Unknown keys are errors
//! that name the key; a version other than 1 is an error (`Problem::UnsupportedVersion`). The call id
//! and start time are kept.

use serde::Deserialize;

use crate::input::json::{self, Doc};
use crate::input::{ParseError, clean_text, speaker};
use crate::model::{Channel, Format, Problem, Role, Transcript, Turn};

pub(in crate::input) const FORMAT_NAME: &str = "callqa-transcript";
const VERSION: u64 = 1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NativeFile {
    format: String,
    version: u64,
    #[serde(default)]
    call_id: Option<String>,
    #[serde(default)]
    #[allow(dead_code)] // Validated only: a transcript is a recorded phone call.
    channel: Option<Channel>,
    #[serde(default)]
    started_at: Option<String>,
    turns: Vec<NativeTurn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NativeTurn {
    #[serde(default)]
    speaker: String,
    #[serde(default)]
    role: Option<NativeRole>,
    #[serde(default)]
    start: Option<f64>,
    #[serde(default)]
    end: Option<f64>,
    text: String,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum NativeRole {
    Operator,
    Caller,
    Other,
}

pub(in crate::input) fn parse(text: &str) -> Result<Transcript, ParseError> {
    let json_text = json::to_json_text(text);
    let file: NativeFile = serde_json::from_str(&json_text).map_err(json::syntax_error)?;
    let doc_lines = Doc::parse(&json_text)?;
    if file.format != FORMAT_NAME {
        return Err(ParseError::at(
            doc_lines.line("/format"),
            format!("`format` es `{}`; se esperaba `{FORMAT_NAME}`", file.format),
        ));
    }
    if file.version != VERSION {
        return Err(ParseError::at(
            doc_lines.line("/version"),
            format!(
                "versión {} no admitida (esta versión de callqa lee la versión {VERSION})",
                file.version
            ),
        )
        .with_code(Problem::UnsupportedVersion));
    }
    let started_at = match file
        .started_at
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => Some(s.parse::<jiff::Timestamp>().map_err(|_| {
            ParseError::time(
                doc_lines.line("/started_at"),
                format!(
                    "`started_at` `{s}` no es una fecha y hora RFC 3339 con su desfase de UTC \
                     (p. ej. `2026-11-03T10:15:02-05:00`)"
                ),
            )
        })?),
    };
    let turns = file
        .turns
        .into_iter()
        .enumerate()
        .map(|(index, turn)| {
            let role = match turn.role {
                Some(NativeRole::Operator) => Role::Operator,
                Some(NativeRole::Caller) => Role::Caller,
                Some(NativeRole::Other) => Role::Other,
                None => speaker::role_of_label(&turn.speaker),
            };
            Turn {
                speaker: turn.speaker.trim().to_string(),
                role,
                start: turn.start,
                end: turn.end,
                text: clean_text(&turn.text),
                line: doc_lines.line(&format!("/turns/{index}")),
            }
        })
        .collect();
    let mut transcript = Transcript::new(Format::Native, turns);
    transcript.call_id = file
        .call_id
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty());
    transcript.started_at = started_at;
    Ok(transcript)
}

#[cfg(test)]
mod tests {
    use crate::input::{fixture, parse_transcript, read_transcript};
    use crate::model::{Format, Problem, Role};

    #[test]
    fn fixture_with_call_id_and_start() {
        let t = read_transcript(&fixture("input/native_siagie.json")).unwrap();
        assert_eq!(t.format, Format::Native);
        assert_eq!(t.call_id.as_deref(), Some("1793632502.1187"));
        assert_eq!(t.started_at, Some("2026-11-03T15:15:02Z".parse().unwrap()));
        let got: Vec<_> = t
            .turns
            .iter()
            .map(|t| (t.speaker.as_str(), t.role, t.start, t.line))
            .collect();
        assert_eq!(
            got,
            [
                ("Rosa Quispe", Role::Operator, Some(0.0), Some(7)),
                ("", Role::Caller, Some(4.5), Some(8)),
                ("Mesa de Ayuda Nivel 2", Role::Other, Some(9.0), Some(9)),
                ("SPEAKER_03", Role::Unknown, Some(12.0), Some(10)),
            ]
        );
    }

    #[test]
    fn untimed_turns_keep_their_order() {
        let text = r#"{"format": "callqa-transcript", "version": 1, "turns": [
            {"speaker": "Operadora", "text": "Buenos días"}, {"speaker": "Usuario", "text": "Hola"}]}"#;
        let t = parse_transcript(text, Format::Native).unwrap();
        assert!(!t.is_timed());
        assert_eq!(
            (t.turns[0].role, t.turns[1].role),
            (Role::Operator, Role::Caller)
        );
        assert_eq!(t.call_id, None);
    }

    #[test]
    fn unknown_keys_name_the_key_and_line() {
        let text = "{\"format\": \"callqa-transcript\", \"version\": 1,\n \"turns\": [\n  {\"speaker\": \"A\", \"txt\": \"hola\"}]}";
        let err = parse_transcript(text, Format::Native).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert_eq!(err.code, Problem::Malformed);
        assert!(
            err.reason.contains("campo desconocido `txt`"),
            "{}",
            err.reason
        );
        let text =
            "{\"format\": \"callqa-transcript\", \"version\": 1, \"agent\": \"x\", \"turns\": []}";
        assert!(
            parse_transcript(text, Format::Native)
                .unwrap_err()
                .reason
                .contains("campo desconocido `agent`")
        );
    }

    #[test]
    fn version_role_and_time_errors() {
        let text = "{\"format\": \"callqa-transcript\",\n \"version\": 2, \"turns\": []}";
        let err = parse_transcript(text, Format::Native).unwrap_err();
        assert_eq!((err.line, err.code), (Some(2), Problem::UnsupportedVersion));
        assert!(
            err.reason.contains("versión 2 no admitida"),
            "{}",
            err.reason
        );

        let text = "{\"format\": \"callqa-transcript\", \"version\": 1, \"turns\": [\n {\"role\": \"boss\", \"text\": \"x\"}]}";
        let err = parse_transcript(text, Format::Native).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.reason.contains("valor `boss` no admitido"),
            "{}",
            err.reason
        );

        let text = "{\"format\": \"callqa-transcript\", \"version\": 1,\n \"started_at\": \"2026-11-03 10:15\", \"turns\": []}";
        let err = parse_transcript(text, Format::Native).unwrap_err();
        assert_eq!((err.line, err.code), (Some(2), Problem::BadTime));
        assert!(err.reason.contains("RFC 3339"), "{}", err.reason);

        let text = "{\"format\": \"callqa-transcript\", \"version\": 1, \"turns\": [\n {\"start\": -1, \"text\": \"x\"}]}";
        assert_eq!(
            parse_transcript(text, Format::Native).unwrap_err().line,
            Some(2)
        );
    }
}

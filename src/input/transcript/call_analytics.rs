//! Amazon Transcribe Call Analytics (post-call) JSON: top-level `Transcript[]` turns with
//! `ParticipantRole` (AGENT -> Role::Operator, CUSTOMER -> Role::Caller; the speaker is the role as
//! written), `BeginOffsetMillis`, `EndOffsetMillis` and `Content`; from `ConversationCharacteristics`,
//! `NonTalkTime.Instances[]` become `Transcript::non_talk` and
//! `Interruptions.InterruptionsByInterrupter.{AGENT,CUSTOMER}[]` become `reported_interruptions`
//! (seconds). Sentiment, loudness, categories and per-word `Items` are not read. `JobName` is not a call
//! id: the call id comes from the recording's file name.

use serde_json::Value;

use crate::input::json::{self, Doc};
use crate::input::{ParseError, clean_text};
use crate::model::{Format, Role, Span, Transcript, Turn};

pub(in crate::input) fn parse(text: &str) -> Result<Transcript, ParseError> {
    let doc = Doc::parse(text)?;
    let entries = match doc.value.get("Transcript") {
        Some(Value::Array(entries)) => entries,
        _ => {
            return Err(ParseError::at(
                doc.line(""),
                "se esperaba una lista `Transcript` (salida de Call Analytics)",
            ));
        }
    };
    let mut turns = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let pointer = format!("/Transcript/{index}");
        let line = doc.line(&pointer);
        let field = |key: &str| doc.line_or_parent(&format!("{pointer}/{key}"), &pointer);
        let participant = json::string(
            entry.get("ParticipantRole"),
            field("ParticipantRole"),
            "ParticipantRole",
        )?
        .ok_or_else(|| {
            ParseError::at(
                line,
                format!("a la entrada {index} de `Transcript` le falta `ParticipantRole`"),
            )
        })?;
        let content =
            json::string(entry.get("Content"), field("Content"), "Content")?.unwrap_or_default();
        let start = millis(entry, "BeginOffsetMillis", field("BeginOffsetMillis"))?;
        let end = millis(entry, "EndOffsetMillis", field("EndOffsetMillis"))?;
        turns.push(Turn {
            speaker: participant.to_string(),
            role: role_of_participant(participant),
            start,
            end,
            text: clean_text(content),
            line,
        });
    }
    let mut transcript = Transcript::new(Format::CallAnalytics, turns);
    let base = "/ConversationCharacteristics";
    let characteristics = doc.value.get("ConversationCharacteristics");
    let non_talk = characteristics
        .and_then(|c| c.get("NonTalkTime"))
        .and_then(|n| n.get("Instances"));
    transcript.non_talk = spans(&doc, non_talk, &format!("{base}/NonTalkTime/Instances"))?;
    let by_interrupter = characteristics
        .and_then(|c| c.get("Interruptions"))
        .and_then(|i| i.get("InterruptionsByInterrupter"))
        .and_then(Value::as_object);
    for (participant, list) in by_interrupter.into_iter().flatten() {
        let pointer = format!("{base}/Interruptions/InterruptionsByInterrupter/{participant}");
        let role = role_of_participant(participant);
        for span in spans(&doc, Some(list), &pointer)? {
            transcript.reported_interruptions.push((role, span));
        }
    }
    transcript
        .reported_interruptions
        .sort_by(|a, b| a.1.start.total_cmp(&b.1.start).then(a.0.cmp(&b.0)));
    Ok(transcript)
}

fn role_of_participant(participant: &str) -> Role {
    match participant {
        "AGENT" => Role::Operator,
        "CUSTOMER" => Role::Caller,
        _ => Role::Unknown,
    }
}

/// A `...Millis` field as seconds.
fn millis(object: &Value, key: &str, line: Option<usize>) -> Result<Option<f64>, ParseError> {
    Ok(json::seconds(object.get(key), line, key)?.map(|ms| ms / 1000.0))
}

/// `[{BeginOffsetMillis, EndOffsetMillis | DurationMillis}]` -> spans in seconds, checked.
fn spans(doc: &Doc, list: Option<&Value>, base: &str) -> Result<Vec<Span>, ParseError> {
    let mut spans = Vec::new();
    for (index, item) in json::array(list, doc.line(base), base.rsplit('/').next().unwrap_or(""))?
        .iter()
        .enumerate()
    {
        let pointer = format!("{base}/{index}");
        let line = doc.line(&pointer);
        let start = millis(item, "BeginOffsetMillis", line)?;
        let end = millis(item, "EndOffsetMillis", line)?;
        let duration = millis(item, "DurationMillis", line)?;
        let (Some(start), Some(end)) = (start, end.or(duration.map(|d| start.unwrap_or(0.0) + d)))
        else {
            return Err(ParseError::at(
                line,
                "se esperaban `BeginOffsetMillis` y `EndOffsetMillis` (o `DurationMillis`)",
            ));
        };
        if end < start {
            return Err(ParseError::time(
                line,
                format!("el fin ({end} s) es anterior al inicio ({start} s)"),
            ));
        }
        spans.push(Span { start, end });
    }
    Ok(spans)
}

#[cfg(test)]
mod tests {
    use crate::input::{fixture, parse_transcript, read_transcript, sniff};
    use crate::model::{Format, Role, Span};

    #[test]
    fn siagie_call_fixture() {
        let t = read_transcript(&fixture("input/call_analytics_siagie.json")).unwrap();
        assert_eq!(t.format, Format::CallAnalytics);
        assert_eq!(t.call_id, None);
        assert_eq!(t.turns.len(), 13);
        let first = &t.turns[0];
        assert_eq!(
            (first.speaker.as_str(), first.role),
            ("AGENT", Role::Operator)
        );
        assert_eq!((first.start, first.end), (Some(0.48), Some(6.2)));
        assert!(
            first.text.starts_with(
                "Buenos días, gracias por comunicarse con la mesa de ayuda del SIAGIE"
            )
        );
        assert_eq!(t.turns[1].role, Role::Caller);
        assert_eq!(t.turns[3].text, "Sí, claro, es [PII].");
        assert_eq!(
            t.non_talk,
            [Span {
                start: 38.6,
                end: 52.4
            }]
        );
        assert_eq!(
            t.reported_interruptions,
            [
                (
                    Role::Operator,
                    Span {
                        start: 31.9,
                        end: 33.8
                    }
                ),
                (
                    Role::Caller,
                    Span {
                        start: 60.4,
                        end: 61.0
                    }
                )
            ]
        );
    }

    #[test]
    fn duration_instead_of_end_and_other_participants() {
        let text = r#"{"Transcript": [
            {"ParticipantRole": "CUSTOMER", "BeginOffsetMillis": "1500", "EndOffsetMillis": 2500, "Content": "Aló"},
            {"ParticipantRole": "SUPERVISOR", "BeginOffsetMillis": 100, "EndOffsetMillis": 900, "Content": "x"}
          ],
          "ConversationCharacteristics": {"NonTalkTime": {"Instances": [{"BeginOffsetMillis": 3000, "DurationMillis": 2000}]}}}"#;
        assert_eq!(sniff(text, None), Some(Format::CallAnalytics));
        let t = parse_transcript(text, Format::CallAnalytics).unwrap();
        assert_eq!(
            (t.turns[0].role, t.turns[0].start),
            (Role::Unknown, Some(0.1))
        );
        assert_eq!(
            (t.turns[1].role, t.turns[1].start, t.turns[1].end),
            (Role::Caller, Some(1.5), Some(2.5))
        );
        assert_eq!(
            t.non_talk,
            [Span {
                start: 3.0,
                end: 5.0
            }]
        );
    }

    #[test]
    fn errors_name_the_line() {
        let text = "{\"Transcript\": [\n  {\"ParticipantRole\": \"AGENT\", \"BeginOffsetMillis\": 0, \"EndOffsetMillis\": 900, \"Content\": \"a\"},\n  {\"BeginOffsetMillis\": 1000, \"Content\": \"b\"}\n]}";
        let err = parse_transcript(text, Format::CallAnalytics).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.reason.contains("ParticipantRole"), "{}", err.reason);

        let text = "{\"Transcript\": [{\"ParticipantRole\": \"AGENT\", \"BeginOffsetMillis\": 0, \"EndOffsetMillis\": 900, \"Content\": \"a\"}],\n \"ConversationCharacteristics\": {\"NonTalkTime\": {\"Instances\": [\n  {\"BeginOffsetMillis\": 5000, \"EndOffsetMillis\": 4000}]}}}";
        let err = parse_transcript(text, Format::CallAnalytics).unwrap_err();
        assert_eq!(
            (err.line, err.code),
            (Some(3), crate::model::Problem::BadTime)
        );
        assert!(err.reason.contains("anterior al inicio"), "{}", err.reason);

        let err = parse_transcript("{\"Transcript\": {}}", Format::CallAnalytics).unwrap_err();
        assert!(err.reason.contains("lista `Transcript`"), "{}", err.reason);
    }
}

//! Amazon Transcribe batch JSON (`results.items[]`, `results.speaker_labels`, `results.channel_labels`).
//!
//! Words are `pronunciation` items (`start_time`, `end_time` as strings, `alternatives[0].content`);
//! `punctuation` items have no times and attach to the previous word of the same speaker with no space.
//! With speaker labels, each `speaker_labels.segments[]` entry is one turn (segments are kept as they
//! are, not merged). Items of the newer layout carry `speaker_label`; the older layout does not, so each
//! word goes to the segment whose time range holds its start (preferring the segment of the item's own
//! label, else the nearest one). Without speaker labels but with channel identification, the channel
//! (`ch_0`, `ch_1`) is the speaker; without either, the speaker is "". In those two cases a turn is a run
//! of words of one speaker, and a pause longer than `PAUSE_SPLIT_S` starts a new turn so that silences
//! stay visible between turns.

use serde_json::Value;

use crate::input::json::{self, Doc};
use crate::input::{ParseError, clean_text, speaker};
use crate::model::{Format, Transcript, Turn};

/// Pause (seconds) after which words of the same speaker start a new turn when there are no segments.
const PAUSE_SPLIT_S: f64 = 1.0;
/// Slack (seconds) when testing whether a word lies inside a segment.
const SLACK_S: f64 = 0.01;

pub(in crate::input) fn parse(text: &str) -> Result<Transcript, ParseError> {
    let doc = Doc::parse(text)?;
    let results = doc
        .value
        .get("results")
        .filter(|r| r.is_object())
        .ok_or_else(|| {
            ParseError::at(
                doc.line(""),
                "se esperaba un objeto `results` (salida de Amazon Transcribe)",
            )
        })?;
    let mut words = read_items(&doc, results.get("items"), "/results/items", None)?;
    let segments = read_segments(&doc, results)?;
    if words.is_empty() {
        words = channel_items(&doc, results)?;
    }
    let turns = if segments.is_empty() {
        runs_of_words(words)
    } else {
        fill_segments(segments, &words)
    };
    Ok(Transcript::new(Format::Transcribe, turns))
}

/// A word (or a punctuation mark, with no times) as Transcribe gives it.
struct Word {
    start: Option<f64>,
    end: Option<f64>,
    content: String,
    speaker: Option<String>,
    line: Option<usize>,
}

/// A speaker_labels segment, becoming one turn.
struct Segment {
    speaker: String,
    start: f64,
    end: f64,
    line: Option<usize>,
    text: String,
}

fn read_items(
    doc: &Doc,
    items: Option<&Value>,
    base: &str,
    channel: Option<&str>,
) -> Result<Vec<Word>, ParseError> {
    let items = json::array(
        items,
        doc.line(base),
        base.rsplit('/').next().unwrap_or("items"),
    )?;
    let mut words = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let pointer = format!("{base}/{index}");
        let line = doc.line(&pointer);
        let field = |key: &str| doc.line_or_parent(&format!("{pointer}/{key}"), &pointer);
        let kind =
            json::string(item.get("type"), field("type"), "type")?.unwrap_or("pronunciation");
        let content = item
            .get("alternatives")
            .and_then(|a| a.get(0))
            .and_then(|a| a.get("content"))
            .and_then(Value::as_str)
            .ok_or_else(|| {
                ParseError::at(
                    line,
                    format!("al elemento {index} le falta `alternatives[0].content`"),
                )
            })?;
        let start = json::seconds(item.get("start_time"), field("start_time"), "start_time")?;
        let end = json::seconds(item.get("end_time"), field("end_time"), "end_time")?;
        let timed = match kind {
            "pronunciation" => true,
            "punctuation" => false,
            other => {
                return Err(ParseError::at(
                    field("type"),
                    format!(
                        "tipo de elemento `{other}` no admitido; se esperaba `pronunciation` o `punctuation`"
                    ),
                ));
            }
        };
        if timed && (start.is_none() || end.is_none()) {
            return Err(ParseError::at(
                line,
                format!("al elemento {index} (`pronunciation`) le falta `start_time` o `end_time`"),
            ));
        }
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            return Err(ParseError::time(
                line,
                format!("`end_time` ({e} s) es anterior a `start_time` ({s} s)"),
            ));
        }
        let label = json::string(
            item.get("speaker_label"),
            field("speaker_label"),
            "speaker_label",
        )?
        .or(json::string(
            item.get("channel_label"),
            field("channel_label"),
            "channel_label",
        )?)
        .or(channel);
        words.push(Word {
            start: if timed { start } else { None },
            end: if timed { end } else { None },
            content: content.to_string(),
            speaker: label.map(str::to_string),
            line,
        });
    }
    Ok(words)
}

fn read_segments(doc: &Doc, results: &Value) -> Result<Vec<Segment>, ParseError> {
    let base = "/results/speaker_labels/segments";
    let list = results
        .get("speaker_labels")
        .and_then(|s| s.get("segments"));
    let mut segments = Vec::new();
    for (index, segment) in json::array(list, doc.line(base), "segments")?
        .iter()
        .enumerate()
    {
        let pointer = format!("{base}/{index}");
        let line = doc.line(&pointer);
        let field = |key: &str| doc.line_or_parent(&format!("{pointer}/{key}"), &pointer);
        let speaker = json::string(
            segment.get("speaker_label"),
            field("speaker_label"),
            "speaker_label",
        )?
        .ok_or_else(|| {
            ParseError::at(
                line,
                format!("al segmento de hablante {index} le falta `speaker_label`"),
            )
        })?;
        let start = json::seconds(segment.get("start_time"), field("start_time"), "start_time")?;
        let end = json::seconds(segment.get("end_time"), field("end_time"), "end_time")?;
        let (Some(start), Some(end)) = (start, end) else {
            return Err(ParseError::at(
                line,
                format!("al segmento de hablante {index} le falta `start_time` o `end_time`"),
            ));
        };
        segments.push(Segment {
            speaker: speaker.to_string(),
            start,
            end,
            line,
            text: String::new(),
        });
    }
    Ok(segments)
}

/// Channel identification output without `channel_label` on `results.items`: the words are under
/// `results.channel_labels.channels[].items`, one list per channel.
fn channel_items(doc: &Doc, results: &Value) -> Result<Vec<Word>, ParseError> {
    let base = "/results/channel_labels/channels";
    let channels = results
        .get("channel_labels")
        .and_then(|c| c.get("channels"));
    let mut words = Vec::new();
    for (index, channel) in json::array(channels, doc.line(base), "channels")?
        .iter()
        .enumerate()
    {
        let pointer = format!("{base}/{index}");
        let label = channel
            .get("channel_label")
            .and_then(Value::as_str)
            .unwrap_or("");
        let channel_label = if label.is_empty() {
            format!("ch_{index}")
        } else {
            label.to_string()
        };
        words.extend(read_items(
            doc,
            channel.get("items"),
            &format!("{pointer}/items"),
            Some(&channel_label),
        )?);
    }
    // Each channel's words are in time order; punctuation stays right after its word when sorting
    // because it inherits the previous word's start.
    let mut keyed: Vec<(f64, Word)> = Vec::with_capacity(words.len());
    let mut last_start = 0.0;
    for word in words {
        last_start = word.start.unwrap_or(last_start);
        keyed.push((last_start, word));
    }
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(keyed.into_iter().map(|(_, w)| w).collect())
}

/// Put each word into its segment; punctuation follows the previous word of the same speaker.
fn fill_segments(mut segments: Vec<Segment>, words: &[Word]) -> Vec<Turn> {
    let mut last_of_speaker: Vec<(Option<&str>, usize)> = Vec::new();
    let mut last_any: Option<usize> = None;
    for word in words {
        match word.start {
            Some(start) => {
                let index = segment_for(&segments, start, word.speaker.as_deref());
                let text = &mut segments[index].text;
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&word.content);
                last_any = Some(index);
                match last_of_speaker
                    .iter_mut()
                    .find(|(s, _)| *s == word.speaker.as_deref())
                {
                    Some(entry) => entry.1 = index,
                    None => last_of_speaker.push((word.speaker.as_deref(), index)),
                }
            }
            None => {
                let own = last_of_speaker
                    .iter()
                    .find(|(s, _)| *s == word.speaker.as_deref())
                    .map(|(_, i)| *i);
                if let Some(index) = own.or(last_any) {
                    segments[index].text.push_str(&word.content);
                }
            }
        }
    }
    segments
        .into_iter()
        .map(|s| Turn {
            role: speaker::role_of_label(&s.speaker),
            speaker: s.speaker,
            start: Some(s.start),
            end: Some(s.end),
            text: clean_text(&s.text),
            line: s.line,
        })
        .collect()
}

/// The segment a word starting at `start` belongs to: one whose range holds it (of the word's own
/// speaker when it has one; first exactly, as `[start, end)`, then with `SLACK_S`), else the nearest (again preferring the word's speaker). `segments` is
/// not empty.
fn segment_for(segments: &[Segment], start: f64, speaker: Option<&str>) -> usize {
    let same_speaker = |s: &Segment| speaker.is_none_or(|label| s.speaker == label);
    let inside = |s: &Segment| s.start <= start && start < s.end;
    let holds = |s: &Segment| s.start - SLACK_S <= start && start <= s.end + SLACK_S;
    let distance = |s: &Segment| {
        if start < s.start {
            s.start - start
        } else {
            (start - s.end).max(0.0)
        }
    };
    let nearest = |filter: &dyn Fn(&Segment) -> bool| {
        segments
            .iter()
            .enumerate()
            .filter(|(_, s)| filter(s))
            .min_by(|(_, a), (_, b)| distance(a).total_cmp(&distance(b)))
            .map(|(i, _)| i)
    };
    segments
        .iter()
        .position(|s| inside(s) && same_speaker(s))
        .or_else(|| segments.iter().position(|s| holds(s) && same_speaker(s)))
        .or_else(|| segments.iter().position(holds))
        .or_else(|| nearest(&same_speaker))
        .or_else(|| nearest(&|_| true))
        .unwrap_or(0)
}

/// Turns as runs of words of one speaker, split at pauses longer than `PAUSE_SPLIT_S`.
fn runs_of_words(words: Vec<Word>) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    for word in words {
        let speaker = word.speaker.unwrap_or_default();
        let Some(start) = word.start else {
            // Punctuation: glue to the latest turn of this speaker.
            if let Some(turn) = turns.iter_mut().rev().find(|t| t.speaker == speaker) {
                turn.text.push_str(&word.content);
            }
            continue;
        };
        let continues = turns.last().is_some_and(|t| {
            t.speaker == speaker && t.end.is_some_and(|end| start - end <= PAUSE_SPLIT_S)
        });
        match turns.last_mut() {
            Some(turn) if continues => {
                turn.text.push(' ');
                turn.text.push_str(&word.content);
                turn.end = match (turn.end, word.end) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
            _ => turns.push(Turn {
                role: speaker::role_of_label(&speaker),
                speaker,
                start: Some(start),
                end: word.end,
                text: word.content,
                line: word.line,
            }),
        }
    }
    turns
}

#[cfg(test)]
mod tests {

    use crate::input::{fixture, parse_transcript, read_transcript, sniff};
    use crate::model::{Format, Role};

    fn turns_of(t: &crate::model::Transcript) -> Vec<(&str, Option<f64>, Option<f64>, &str)> {
        t.turns
            .iter()
            .map(|t| (t.speaker.as_str(), t.start, t.end, t.text.as_str()))
            .collect()
    }

    #[test]
    fn newer_layout_from_the_aws_docs() {
        let path = fixture("realdata/aws_transcribe_diarization_example_awsdocs.json");
        let t = read_transcript(&path).unwrap();
        assert_eq!(t.format, Format::Transcribe);
        assert_eq!(
            turns_of(&t),
            [
                (
                    "spk_0",
                    Some(4.87),
                    Some(6.88),
                    "I've been on hold for an hour."
                ),
                ("spk_1", Some(8.49), Some(9.24), "Sorry about that."),
            ]
        );
        assert!(t.turns.iter().all(|turn| turn.role == Role::Unknown));
        assert_eq!(t.turns[0].line, Some(14));
    }

    #[test]
    fn older_layout_call_center_sample() {
        // No licence was found for this file, so it is read in place, not copied into the repo.
        let Some(dir) = crate::input::realdata_dir() else {
            return;
        };
        let t =
            read_transcript(&dir.join("aws_transcribe_speaker_labels_callcenter_technothink.json"))
                .unwrap();
        assert_eq!(t.format, Format::Transcribe);
        // 11 speaker segments; the last (58.89-58.98 s) holds no word and is dropped.
        assert_eq!(t.turns.len(), 10);
        let mut speakers: Vec<_> = t.turns.iter().map(|t| t.speaker.as_str()).collect();
        speakers.sort();
        speakers.dedup();
        assert_eq!(speakers, ["spk_0", "spk_1", "spk_2"]);
        let first = &t.turns[0];
        assert_eq!(
            (first.speaker.as_str(), first.start, first.end),
            ("spk_1", Some(0.0), Some(10.48))
        );
        assert!(
            first
                .text
                .starts_with("You have reached as himself far gone. This is donna, i'll be"),
            "{}",
            first.text
        );
        assert_eq!(
            t.turns[1].text,
            "How may i help you? Um, well, i bought all right. I got this from essence of oregon oil"
        );
        assert_eq!(
            (t.turns[2].speaker.as_str(), t.turns[2].text.as_str()),
            ("spk_0", "for")
        );
        assert_eq!(t.turns[9].text, "skirt.");
    }

    const CHANNELS: &str = r#"{"jobName": "x", "results": {
      "transcripts": [{"transcript": "Hola. Buenas tardes."}],
      "channel_labels": {"number_of_channels": 2, "channels": [
        {"channel_label": "ch_0", "items": [
          {"start_time": "0.5", "end_time": "0.9", "type": "pronunciation", "alternatives": [{"content": "Hola"}]},
          {"type": "punctuation", "alternatives": [{"content": "."}]},
          {"start_time": "4.0", "end_time": "4.5", "type": "pronunciation", "alternatives": [{"content": "Dígame"}]}
        ]},
        {"channel_label": "ch_1", "items": [
          {"start_time": "1.0", "end_time": "1.4", "type": "pronunciation", "alternatives": [{"content": "Buenas"}]},
          {"start_time": "1.4", "end_time": "1.9", "type": "pronunciation", "alternatives": [{"content": "tardes"}]},
          {"type": "punctuation", "alternatives": [{"content": "."}]}
        ]}
      ]},
      "items": []
    }}"#;

    #[test]
    fn channels_are_speakers_when_there_are_no_speaker_labels() {
        assert_eq!(sniff(CHANNELS, Some("json")), Some(Format::Transcribe));
        let t = parse_transcript(CHANNELS, Format::Transcribe).unwrap();
        assert_eq!(
            turns_of(&t),
            [
                ("ch_0", Some(0.5), Some(0.9), "Hola."),
                ("ch_1", Some(1.0), Some(1.9), "Buenas tardes."),
                ("ch_0", Some(4.0), Some(4.5), "Dígame"),
            ]
        );
    }

    #[test]
    fn no_diarization_splits_at_pauses() {
        let text = r#"{"results": {"items": [
          {"start_time": "0.0", "end_time": "0.4", "type": "pronunciation", "alternatives": [{"content": "uno"}]},
          {"start_time": "0.5", "end_time": "0.9", "type": "pronunciation", "alternatives": [{"content": "dos"}]},
          {"type": "punctuation", "alternatives": [{"content": ","}]},
          {"start_time": "3.0", "end_time": "3.4", "type": "pronunciation", "alternatives": [{"content": "tres"}]}
        ]}}"#;
        let t = parse_transcript(text, Format::Transcribe).unwrap();
        assert_eq!(
            turns_of(&t),
            [
                ("", Some(0.0), Some(0.9), "uno dos,"),
                ("", Some(3.0), Some(3.4), "tres")
            ]
        );
    }

    #[test]
    fn item_labels_pick_between_overlapping_segments() {
        let text = r#"{"results": {
          "speaker_labels": {"speakers": 2, "segments": [
            {"speaker_label": "spk_0", "start_time": "0.0", "end_time": "3.0", "items": []},
            {"speaker_label": "spk_1", "start_time": "1.0", "end_time": "2.0", "items": []}
          ]},
          "items": [
            {"start_time": "0.2", "end_time": "0.6", "speaker_label": "spk_0", "type": "pronunciation", "alternatives": [{"content": "Hola"}]},
            {"start_time": "1.2", "end_time": "1.6", "speaker_label": "spk_1", "type": "pronunciation", "alternatives": [{"content": "Sí"}]},
            {"speaker_label": "spk_1", "type": "punctuation", "alternatives": [{"content": "?"}]},
            {"start_time": "1.3", "end_time": "2.5", "speaker_label": "spk_0", "type": "pronunciation", "alternatives": [{"content": "señor"}]},
            {"speaker_label": "spk_0", "type": "punctuation", "alternatives": [{"content": "."}]}
          ]}}"#;
        let t = parse_transcript(text, Format::Transcribe).unwrap();
        assert_eq!(
            turns_of(&t),
            [
                ("spk_0", Some(0.0), Some(3.0), "Hola señor."),
                ("spk_1", Some(1.0), Some(2.0), "Sí?")
            ]
        );
    }

    #[test]
    fn errors_name_the_item_line() {
        let text = "{\"results\": {\"items\": [\n  {\"start_time\": \"0.0\", \"end_time\": \"0.4\", \"type\": \"pronunciation\", \"alternatives\": [{\"content\": \"a\"}]},\n  {\"start_time\": \"0.5\", \"type\": \"pronunciation\", \"alternatives\": [{\"content\": \"b\"}]}\n]}}";
        let err = parse_transcript(text, Format::Transcribe).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(
            err.reason.contains("le falta `start_time` o `end_time`"),
            "{}",
            err.reason
        );

        let text = "{\"results\": {\"items\": [\n  {\"start_time\": \"abc\", \"end_time\": \"0.4\", \"type\": \"pronunciation\", \"alternatives\": [{\"content\": \"a\"}]}\n]}}";
        assert_eq!(
            parse_transcript(text, Format::Transcribe).unwrap_err().line,
            Some(2)
        );

        let text = "{\"results\": {\"items\": [\n  {\"type\": \"pronunciation\", \"start_time\": \"1\", \"end_time\": \"2\"}\n]}}";
        assert!(
            parse_transcript(text, Format::Transcribe)
                .unwrap_err()
                .reason
                .contains("alternatives[0].content")
        );

        let err = parse_transcript("{\"results\": 3}", Format::Transcribe).unwrap_err();
        assert!(err.reason.contains("objeto `results`"), "{}", err.reason);
    }
}

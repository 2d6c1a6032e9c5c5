//! The shared vocabulary of callqa: what a transcript is once parsed (`Transcript`, `Turn`), what a call is
//! once its speakers have roles and its holds and transfers are known (`Interaction`), and what scoring
//! produces (`Verdict`, `Outcome`). Every other module speaks in these types.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The channel an interaction came through. Only phone calls are scored today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
        }
    }
}

/// Who a speaker is in the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Operator,
    Caller,
    /// A third party, such as the target of an attended transfer.
    Other,
    /// Not decided yet (diarization labels such as SPEAKER_00).
    Unknown,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Caller => "caller",
            Role::Other => "other",
            Role::Unknown => "unknown",
        }
    }
}

/// The transcript formats callqa reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Vtt,
    Srt,
    WhisperX,
    Transcribe,
    CallAnalytics,
    Native,
    Plain,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::WhisperX => "whisperx",
            Format::Transcribe => "transcribe",
            Format::CallAnalytics => "call_analytics",
            Format::Native => "native",
            Format::Plain => "plain",
        }
    }
}

/// One stretch of speech by one speaker, as the transcript gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    /// The speaker label as written in the file ("SPEAKER_00", "Rosa Quispe", "spk_1", "Operador").
    pub speaker: String,
    /// The role when the file states it (Call Analytics, native, plain-text labels); otherwise Unknown
    /// until roles are decided.
    pub role: Role,
    /// Seconds from the start of the recording; None for formats without times.
    pub start: Option<f64>,
    pub end: Option<f64>,
    pub text: String,
    /// 1-based line in the source file where the turn starts, when the format has lines.
    pub line: Option<usize>,
}

/// A stretch in which nobody spoke, as reported by the transcriber (Call Analytics NonTalkTime).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub start: f64,
    pub end: f64,
}

impl Span {
    pub fn duration(&self) -> f64 {
        self.end - self.start
    }
}

/// A transcript file once parsed: turns in time order, with whatever the format says about the call.
#[derive(Debug, Clone, PartialEq)]
pub struct Transcript {
    pub format: Format,
    /// Call id from the file's own fields (native, Call Analytics job name), if any.
    pub call_id: Option<String>,
    /// Start time from the file's own fields, if any.
    pub started_at: Option<jiff::Timestamp>,
    pub turns: Vec<Turn>,
    /// Silences reported by the transcriber (Call Analytics NonTalkTime instances).
    pub non_talk: Vec<Span>,
    /// Interruptions reported by the transcriber (Call Analytics), by role of the interrupter.
    pub reported_interruptions: Vec<(Role, Span)>,
}

impl Transcript {
    pub fn new(format: Format, turns: Vec<Turn>) -> Self {
        Transcript {
            format,
            call_id: None,
            started_at: None,
            turns,
            non_talk: Vec::new(),
            reported_interruptions: Vec::new(),
        }
    }

    /// True when every turn has a start and an end time.
    pub fn is_timed(&self) -> bool {
        !self.turns.is_empty() && self.turns.iter().all(|t| t.start.is_some() && t.end.is_some())
    }
}

/// Which witness a fact or verdict rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Transcript,
    QueueLog,
    Cel,
    Ami,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Transcript => "transcript",
            Source::QueueLog => "queue_log",
            Source::Cel => "cel",
            Source::Ami => "ami",
        }
    }
}

/// An interval in which the caller waits without the operator.
#[derive(Debug, Clone, PartialEq)]
pub struct Hold {
    pub start: f64,
    pub end: f64,
    /// Index of the operator turn that announced the hold, when known.
    pub announced_by: Option<usize>,
    /// Index of the operator's first turn back, when known.
    pub returned_at: Option<usize>,
    pub source: Source,
}

impl Hold {
    pub fn duration(&self) -> f64 {
        self.end - self.start
    }
}

/// How a transfer was carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferKind {
    /// The operator stayed until the target answered.
    Attended,
    /// The operator left before the target answered.
    Blind,
}

/// A transfer of the call to someone else.
#[derive(Debug, Clone, PartialEq)]
pub struct Transfer {
    /// Seconds from the start of the recording (or the turn's position for untimed transcripts).
    pub at: Option<f64>,
    pub kind: TransferKind,
    /// The operator turn that announced the transfer, when known.
    pub announced_by: Option<usize>,
    /// The first turn of the transfer target, when the target is heard.
    pub target_turn: Option<usize>,
    pub source: Source,
}

/// How the operator's speaker was decided.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleDecision {
    /// "file" (the format states roles), "roster_voice" (a voice name matches the roster), "cues"
    /// (who greets, introduces themself and asks for the DNI).
    pub method: &'static str,
    /// 0.0 to 1.0.
    pub confidence: f64,
    /// Plain-words account of the decision, for the data-quality part of reports.
    pub detail: String,
}

/// An operator from the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub id: String,
    pub name: String,
    pub extensions: Vec<String>,
    pub team: String,
}

/// One call, ready to score: turns with roles, holds and transfers, who the operator is.
#[derive(Debug, Clone)]
pub struct Interaction {
    pub call_id: String,
    pub channel: Channel,
    pub source_file: PathBuf,
    pub format: Format,
    pub started_at: Option<jiff::Timestamp>,
    pub turns: Vec<Turn>,
    pub timed: bool,
    pub roles: RoleDecision,
    pub operator: Option<Operator>,
    /// How the operator was identified ("greeting", "voice_name", "pbx", "file").
    pub operator_source: Option<&'static str>,
    pub holds: Vec<Hold>,
    pub transfer: Option<Transfer>,
    /// Interruptions reported by the transcriber, kept for metrics and for untimed checks.
    pub reported_interruptions: Vec<(Role, Span)>,
}

impl Interaction {
    /// Duration of the recording in seconds: the last turn's end, when turns have times.
    pub fn duration_s(&self) -> Option<f64> {
        self.turns.iter().filter_map(|t| t.end).fold(None, |acc, e| Some(acc.map_or(e, |a: f64| a.max(e))))
    }

    /// Indices of the operator's turns, in order.
    pub fn operator_turns(&self) -> impl Iterator<Item = usize> + '_ {
        self.turns_of(Role::Operator)
    }

    pub fn turns_of(&self, role: Role) -> impl Iterator<Item = usize> + '_ {
        self.turns.iter().enumerate().filter(move |(_, t)| t.role == role).map(|(i, _)| i)
    }
}

/// A criterion's outcome for one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Fail,
    Na,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Na => "na",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        match s {
            "pass" => Some(Outcome::Pass),
            "fail" => Some(Outcome::Fail),
            "na" => Some(Outcome::Na),
            _ => None,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A criterion's verdict for one call, with what it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub criterion: String,
    pub outcome: Outcome,
    /// Seconds into the recording of the moment the verdict rests on.
    pub at_s: Option<f64>,
    /// Index of the turn the verdict rests on, if any.
    pub turn: Option<usize>,
    /// Short quote (masked before it is written anywhere).
    pub evidence: String,
    /// Why, in plain words; always set for fail and na, and for a pass that was not quoted.
    pub reason: String,
    pub source: Source,
}

impl Operator {
    /// Folded given names: every word of the name but the surnames.
    pub fn given_names(&self) -> Vec<String> {
        let words = name_words(&self.name);
        let surnames = surname_count(words.len());
        words[..words.len() - surnames].to_vec()
    }

    /// Folded surnames: the last two words of a name of three or more words, else the last word.
    pub fn surnames(&self) -> Vec<String> {
        let words = name_words(&self.name);
        let surnames = surname_count(words.len());
        words[words.len() - surnames..].to_vec()
    }
}

fn name_words(name: &str) -> Vec<String> {
    crate::text::tokenize(name).into_iter().map(|t| t.text).collect()
}

fn surname_count(words: usize) -> usize {
    match words {
        0 => 0,
        1 | 2 => 1,
        _ => 2,
    }
}

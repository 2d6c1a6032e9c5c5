//! The shared vocabulary of callqa: what a transcript is once parsed (`Transcript`, `Turn`), what a call is
//! once its speakers have roles and its holds and transfers are known (`Interaction`), and what scoring
//! produces (`Verdict`, `Outcome`). Every other module speaks in these types.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// An enum whose values are written as fixed English words in the results (`as_str`, `parse`):
/// the words are the columns' contract with scripts, the variants what the code matches on.
macro_rules! named_enum {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$variant_meta:meta])* $variant:ident = $text:literal,)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use named_enum;

/// The channel an interaction came through. callqa scores recorded phone calls itself; the other
/// channels (and phone calls without a recording) reach the reports through supervisors' evaluations.
/// The names are the protocol's Spanish ones, as reports and rubrics write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[serde(alias = "phone")]
    Telefono,
    Presencial,
    Email,
    Facebook,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Telefono,
        Channel::Presencial,
        Channel::Email,
        Channel::Facebook,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Telefono => "telefono",
            Channel::Presencial => "presencial",
            Channel::Email => "email",
            Channel::Facebook => "facebook",
        }
    }

    /// The channel's name in a report ("Teléfono", "Presencial").
    pub fn title(self) -> &'static str {
        match self {
            Channel::Telefono => "Teléfono",
            Channel::Presencial => "Presencial",
            Channel::Email => "Correo electrónico",
            Channel::Facebook => "Facebook",
        }
    }

    /// Reads a channel as people write it: case- and accent-blind, Spanish or English
    /// ("Teléfono", "phone", "cara a cara", "correo").
    pub fn parse(text: &str) -> Option<Channel> {
        let folded = crate::text::fold(text);
        match folded.trim() {
            "telefono" | "phone" | "telefonica" | "llamada" | "call" => Some(Channel::Telefono),
            "presencial" | "cara a cara" | "face to face" | "in person" | "ventanilla" => {
                Some(Channel::Presencial)
            }
            "email" | "e mail" | "correo" | "correo electronico" | "mail" => Some(Channel::Email),
            "facebook" | "fb" | "messenger" => Some(Channel::Facebook),
            _ => None,
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
    /// Whether files of this format are JSON (often one long line).
    pub fn is_json(self) -> bool {
        matches!(
            self,
            Format::WhisperX | Format::Transcribe | Format::CallAnalytics | Format::Native
        )
    }

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
        !self.turns.is_empty()
            && self
                .turns
                .iter()
                .all(|t| t.start.is_some() && t.end.is_some())
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
    /// A supervisor's evaluation (it overrides callqa's verdict, or scores what callqa cannot hear).
    Supervisor,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Transcript => "transcript",
            Source::QueueLog => "queue_log",
            Source::Cel => "cel",
            Source::Ami => "ami",
            Source::Supervisor => "supervisor",
        }
    }
}

/// An interval in which the caller waits without the operator.
#[derive(Debug, Clone, PartialEq)]
pub struct Hold {
    pub start: f64,
    pub end: f64,
    /// Index of the operator turn that announced the hold, when known.
    pub announce_turn: Option<usize>,
    /// Index of the operator's first turn back, when known.
    pub return_turn: Option<usize>,
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
    /// Index of the operator turn that announced the transfer, when known.
    pub announce_turn: Option<usize>,
    /// The first turn of the transfer target, when the target is heard.
    pub target_turn: Option<usize>,
    pub source: Source,
}

named_enum! {
    /// How the operator's speaker was decided.
    pub enum RoleMethod {
        /// The format states the roles.
        File = "file",
        /// A voice name matches the roster.
        RosterVoice = "roster_voice",
        /// Who greets, introduces themself and asks for the DNI.
        Cues = "cues",
    }
}

named_enum! {
    /// How the operator of a call was identified.
    pub enum OperatorSource {
        /// The name the operator gave in the greeting.
        Greeting = "greeting",
        /// The transcriber's voice name.
        VoiceName = "voice_name",
        /// The extension that answered, in the PBX logs.
        Pbx = "pbx",
        /// The file says who the operator is.
        File = "file",
    }
}

/// How the operator's speaker was decided.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleDecision {
    pub method: RoleMethod,
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
    pub operator_source: Option<OperatorSource>,
    pub holds: Vec<Hold>,
    pub transfer: Option<Transfer>,
    /// Interruptions reported by the transcriber, kept for metrics and for untimed checks.
    pub reported_interruptions: Vec<(Role, Span)>,
    /// What the PBX adds, when the call was found in its logs.
    pub pbx: Option<PbxLink>,
    /// Each turn's text analysed once by the link stage (same indices as `turns`), reused by the
    /// detectors; empty for an interaction made by hand (the detectors then analyse the turns).
    pub analyses: Vec<crate::text::Analyzed>,
}

/// How a transcript was joined to the PBX's records of the call.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PbxLink {
    /// The operator's extension as the PBX logged it.
    pub extension: Option<String>,
    pub queue: Option<String>,
    /// Seconds the caller waited in the queue.
    pub wait_s: Option<f64>,
    /// Which logs mention the call (queue_log, cdr, cel, ami).
    pub logs: Vec<PbxLogKind>,
    /// When the greeting names another operator than the PBX: what each says.
    pub operator_mismatch: Option<String>,
}

impl Interaction {
    /// Duration of the recording in seconds: the last turn's end, when turns have times.
    pub fn duration_s(&self) -> Option<f64> {
        self.turns
            .iter()
            .filter_map(|t| t.end)
            .fold(None, |acc, e| Some(acc.map_or(e, |a: f64| a.max(e))))
    }

    /// Indices of the operator's turns, in order.
    pub fn operator_turns(&self) -> impl Iterator<Item = usize> + '_ {
        self.turns_of(Role::Operator)
    }

    pub fn turns_of(&self, role: Role) -> impl Iterator<Item = usize> + '_ {
        self.turns
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.role == role)
            .map(|(i, _)| i)
    }
}

/// Why an input was left out: a stable English code for scripts (the `code` column of rejected.csv),
/// while the reason beside it speaks Spanish to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// The file could not be opened or read (permissions, I/O error).
    Unreadable,
    /// Nothing but white space.
    Empty,
    /// Over the size limit for one transcript (`--max-file-mb`).
    TooLarge,
    /// A line over the length limit (`--max-line-kb`).
    LineTooLong,
    /// Not a transcript of any format callqa reads.
    NotTranscript,
    /// Not a PBX log of any kind callqa reads.
    NotPbx,
    /// Recognised, but its structure is broken (invalid JSON, a missing field, text before the first cue).
    Malformed,
    /// A time that cannot be read (a cue timing, `started_at`) or is not a finite, non-negative number,
    /// or an end before its start.
    BadTime,
    /// A format version this callqa does not read.
    UnsupportedVersion,
    /// Read, but no turn with speech.
    NoSpeech,
    /// A second file of a call already scored.
    DuplicateCall,
    /// One line of a log or roster that is not a record.
    BadLine,
    /// A hidden file or folder (name starting with a dot): not read.
    Hidden,
    /// A symbolic link that leads back into a folder being walked, or nowhere.
    BrokenLink,
    /// The same file reached a second time through a link: read once.
    SameFile,
    /// Not a regular file (a device, a pipe, a socket).
    NotRegular,
    /// An entry of the data folder callqa has no use for.
    NotInput,
    /// Under email/ or facebook/, not a message of any format callqa reads.
    NotMessage,
    /// Written channels without DATA/helpdesk.toml: the help desk's side cannot be told.
    NoHelpDesk,
    /// A row, column or sheet of a supervisor's evaluation callqa cannot use (no evaluator, an unknown
    /// criterion or outcome, an interaction without its operator or date).
    BadEvaluation,
    /// A second verdict of one evaluator on the same criterion of the same interaction.
    DuplicateEvaluation,
    /// An evaluation of a call whose transcript was rejected: no verdict of callqa's to replace.
    UnscoredCall,
}

impl Problem {
    pub fn as_str(self) -> &'static str {
        match self {
            Problem::Unreadable => "unreadable",
            Problem::Empty => "empty",
            Problem::TooLarge => "too_large",
            Problem::LineTooLong => "line_too_long",
            Problem::NotTranscript => "not_transcript",
            Problem::NotPbx => "not_pbx",
            Problem::Malformed => "malformed",
            Problem::BadTime => "bad_time",
            Problem::UnsupportedVersion => "unsupported_version",
            Problem::NoSpeech => "no_speech",
            Problem::DuplicateCall => "duplicate_call",
            Problem::BadLine => "bad_line",
            Problem::Hidden => "hidden",
            Problem::BrokenLink => "broken_link",
            Problem::SameFile => "same_file",
            Problem::NotRegular => "not_regular",
            Problem::NotInput => "not_input",
            Problem::NotMessage => "not_message",
            Problem::NoHelpDesk => "no_helpdesk",
            Problem::BadEvaluation => "bad_evaluation",
            Problem::DuplicateEvaluation => "duplicate_evaluation",
            Problem::UnscoredCall => "unscored_call",
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
    /// What makes the verdict doubtful; empty when callqa is confident (see `Doubt`).
    pub doubts: Vec<Doubt>,
}

impl Verdict {
    pub fn confidence(&self) -> Confidence {
        if self.doubts.is_empty() {
            Confidence::High
        } else {
            Confidence::Low
        }
    }
}

/// How far a verdict can be trusted without a person's look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    Low,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Low => "low",
        }
    }
}

/// Something callqa knows that makes a verdict doubtful.
#[derive(Debug, Clone, PartialEq)]
pub enum Doubt {
    /// Who is the operator rests on weak or contradicting evidence (role confidence below 0.7).
    RolesUncertain { confidence: f64 },
    /// The words the verdict rests on matched only through the misspelling tolerance.
    Misspelling { words: Vec<String> },
    /// A measured fact sits at a rubric threshold (a silence just long enough to be a hold).
    Threshold { what: String },
    /// The turn the verdict rests on (or most of the operator's turns) came without punctuation, so
    /// questions cannot be told from statements.
    Unpunctuated,
    /// The PBX contradicts the transcript (another operator, a hold or transfer the words do not show).
    PbxContradiction { what: String },
}

impl Doubt {
    /// A stable code for the CSV (`roles_uncertain`, `misspelling`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            Doubt::RolesUncertain { .. } => "roles_uncertain",
            Doubt::Misspelling { .. } => "misspelling",
            Doubt::Threshold { .. } => "threshold",
            Doubt::Unpunctuated => "unpunctuated",
            Doubt::PbxContradiction { .. } => "pbx_contradiction",
        }
    }

    /// In Spanish, for the supervisor.
    pub fn describe(&self) -> String {
        match self {
            Doubt::RolesUncertain { confidence } => {
                format!("roles inciertos (confianza {confidence:.2})")
            }
            Doubt::Misspelling { words } => format!(
                "coincidencia solo por escritura aproximada: «{}»",
                words.join("», «")
            ),
            Doubt::Threshold { what } => format!("en el umbral: {what}"),
            Doubt::Unpunctuated => "transcripción sin puntuación".into(),
            Doubt::PbxContradiction { what } => {
                format!("la central contradice la transcripción: {what}")
            }
        }
    }
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
    crate::text::tokenize(name)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

fn surname_count(words: usize) -> usize {
    match words {
        0 => 0,
        1 | 2 => 1,
        _ => 2,
    }
}

/// Which log a PBX record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PbxLogKind {
    QueueLog,
    Cdr,
    Cel,
    Ami,
}

impl PbxLogKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PbxLogKind::QueueLog => "queue_log",
            PbxLogKind::Cdr => "cdr",
            PbxLogKind::Cel => "cel",
            PbxLogKind::Ami => "ami",
        }
    }
}

//! The raw records of Asterisk's logs as the readers hand them on (queue_log events, CDR legs, CEL
//! events, AMI event blocks), one `PbxLog` per file or batch, before `crate::pbx` groups them into
//! calls. Times are instants: the readers convert local times with the configured zone (`--tz`).

use serde::Serialize;

use crate::model::PbxLogKind;

/// One queue_log line: `epoch|callid|queue|agent|EVENT|data1|data2|...` or a row of its table export.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueEvent {
    pub time: jiff::Timestamp,
    /// The caller channel's uniqueid, "NONE" for agent events.
    pub call_id: String,
    pub queue: String,
    /// `PJSIP/201`, `SIP/201`, `Local/201@from-queue/n`, `Agent/201`, a member name, or "NONE".
    pub agent: String,
    /// Upper case as logged: ENTERQUEUE, CONNECT, ABANDON, ... (vendor events kept as they are).
    pub event: String,
    pub data: Vec<String>,
    pub line: usize,
}

/// How a CDR leg ended.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Disposition {
    Answered,
    NoAnswer,
    Busy,
    Failed,
    Congestion,
    Cancel,
    Other(String),
}

/// One CDR row: one leg of a call.
#[derive(Debug, Clone, PartialEq)]
pub struct CdrLeg {
    pub uniqueid: String,
    /// Asterisk 12+ (or newcdrcolumns); None in older layouts.
    pub linkedid: Option<String>,
    pub clid_name: String,
    /// The caller number (`src`).
    pub src: String,
    pub dst: String,
    pub dcontext: String,
    pub channel: String,
    pub dstchannel: String,
    pub lastapp: String,
    pub lastdata: String,
    pub start: jiff::Timestamp,
    pub answer: Option<jiff::Timestamp>,
    pub end: jiff::Timestamp,
    pub duration_s: f64,
    pub billsec_s: f64,
    pub disposition: Disposition,
    pub userfield: String,
    pub line: usize,
}

/// One CEL event.
#[derive(Debug, Clone, PartialEq)]
pub struct CelEvent {
    /// CHAN_START, ANSWER, HANGUP, BRIDGE_ENTER, BLINDTRANSFER, ATTENDEDTRANSFER, LINKEDID_END, ... and the
    /// pre-12 names BRIDGE_START, BRIDGE_END, TRANSFER.
    pub event: String,
    pub time: jiff::Timestamp,
    pub cid_name: String,
    pub cid_num: String,
    pub exten: String,
    pub context: String,
    pub channel: String,
    pub app: String,
    pub appdata: String,
    pub uniqueid: String,
    pub linkedid: String,
    pub peer: String,
    /// The `extra` field as logged (JSON since Asterisk 12 for transfers and hangups).
    pub extra: String,
    pub line: usize,
}

/// One AMI event block (`Key: Value` lines).
#[derive(Debug, Clone, PartialEq)]
pub struct AmiEvent {
    /// The `Event:` value (Hold, Unhold, Newchannel, ...).
    pub event: String,
    /// From `Timestamp:` (epoch with fraction), when the listener logged it.
    pub time: Option<jiff::Timestamp>,
    pub channel: String,
    pub uniqueid: String,
    pub linkedid: String,
    /// Every field of the block in order, for events read only where useful.
    pub fields: Vec<(String, String)>,
    pub line: usize,
}

/// Everything read from one PBX log file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PbxLog {
    pub kind: Option<PbxLogKind>,
    pub queue: Vec<QueueEvent>,
    pub cdr: Vec<CdrLeg>,
    pub cel: Vec<CelEvent>,
    pub ami: Vec<AmiEvent>,
    /// Events kept but not understood (vendor or unknown), with how often each occurred.
    pub unknown_events: std::collections::BTreeMap<String, usize>,
    /// Lines over the length limit, skipped unread (1-based).
    pub long_lines: Vec<usize>,
    /// Lines that could not be read: (1-based line, reason). Never fatal for the file.
    pub bad_lines: Vec<(usize, String)>,
    /// How the file's written times compared with its uniqueids (CDR and CEL), when it had rows to
    /// compare.
    pub clock: Option<ClockCheck>,
    /// NUL and other control characters (left by a crash or a log rotation) dropped before reading.
    pub control_chars_removed: usize,
}

/// A CDR or CEL file's clock, checked against the epoch second every Asterisk uniqueid starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ClockCheck {
    /// Rows whose time was written without a zone and whose uniqueid carries an epoch.
    pub rows_checked: usize,
    /// Rows within a few minutes of `offset_s`.
    pub rows_agreeing: usize,
    /// How far the written times, read in the PBX's zone, ran ahead of the uniqueids' clock: a whole
    /// number of hours (0 when the clocks agree).
    pub offset_s: i64,
    /// The times were moved back by `offset_s` (more than half the rows checked agreed on it).
    pub corrected: bool,
}

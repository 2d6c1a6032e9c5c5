//! The written channels: the help desk's mailbox (`DATA/email/`) and its Facebook Page inbox
//! (`DATA/facebook/`). This module owns reading them into threads of messages, telling the help desk's
//! side from the user's, cutting each thread into replies, scoring each reply against the written
//! rubric (`rubrics/siagie-escrito.toml`) and measuring response times in business hours.
//!
//! - `email.rs`: `.eml` files and mbox mailboxes, parsed with mail-parser; quoted history stripped;
//!   threads by Message-ID / In-Reply-To / References, the subject as a fallback.
//! - `facebook.rs`: Graph API conversation pages and Meta's "Download your information" export, with
//!   its mojibake repaired.
//! - `helpdesk.rs`: which addresses and Page are the help desk's (`DATA/helpdesk.toml`).
//! - `business_hours.rs`: the calendar of open hours and holidays.
//! - `rubric.rs` and `criteria.rs`: the written rubric and its detectors.
//! - `score.rs`: threads -> replies -> verdicts, and the backlog of unanswered messages.

pub mod business_hours;
pub mod criteria;
pub mod email;
pub mod facebook;
pub mod helpdesk;
pub mod rubric;
pub mod score;

use std::path::PathBuf;

pub use business_hours::BusinessCalendar;
pub use helpdesk::HelpDesk;
pub use rubric::{DEFAULT_WRITTEN_RUBRIC, DEFAULT_WRITTEN_RUBRIC_NAME, WrittenRubric};

/// The channel of a thread: `Channel::Email` or `Channel::Facebook` (the results' channel notion).
pub use crate::model::Channel;

/// The prefix of a reply's id in the results (`em-…`, `fb-…`).
fn id_prefix(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "em",
        Channel::Facebook => "fb",
        Channel::Telefono => "tel",
        Channel::Presencial => "pre",
    }
}

/// The file formats of the written channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WrittenFormat {
    /// One message per file (`.eml`).
    Eml,
    /// A mailbox of messages, each after a `From ` line (Thunderbird, Gmail Takeout).
    Mbox,
    /// Graph API `/{page-id}/conversations?fields=messages{message,from,created_time}` pages.
    GraphApi,
    /// Meta's "Download your information" inbox export (`messages/inbox/<thread>/message_N.json`).
    MetaExport,
}

impl WrittenFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            WrittenFormat::Eml => "eml",
            WrittenFormat::Mbox => "mbox",
            WrittenFormat::GraphApi => "graph_api",
            WrittenFormat::MetaExport => "meta_export",
        }
    }
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    HelpDesk,
    User,
}

/// One message of a thread, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Message-ID (e-mail) or the message id (Facebook); made from the file and position when absent.
    pub id: String,
    pub sent_at: jiff::Timestamp,
    pub side: Side,
    /// The sender's display name and address (e-mail address, Facebook user or Page id).
    pub from_name: String,
    pub from_address: String,
    /// The first addressee (e-mail) or the other participant (Facebook): the user of a help-desk
    /// message.
    pub to_address: String,
    pub subject: String,
    /// The writer's own words: quoted history and the quoted text of earlier messages removed.
    pub text: String,
    /// The file the message came from and the 1-based line where it starts (mbox, JSON).
    pub source_file: PathBuf,
    pub line: Option<usize>,
    pub format: WrittenFormat,
    /// E-mail threading headers (Message-IDs without angle brackets).
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
}

/// A conversation between a user and the help desk, messages in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    pub channel: Channel,
    /// Stable key: the first message's id (e-mail) or the conversation id (Facebook).
    pub key: String,
    pub messages: Vec<Message>,
}

/// A file that could not be read, or a part of one that was skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadProblem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub code: crate::model::Problem,
    /// In Spanish, for people.
    pub reason: String,
    /// The whole file was left out (else one message or one page of it).
    pub whole_file: bool,
}

/// FNV-1a 64 of a thread key, as 12 hex digits: the stable part of a reply's id.
pub(crate) fn short_hash(key: &str) -> String {
    format!("{:012x}", crate::batch::call_hash(key) & 0xffff_ffff_ffff)
}

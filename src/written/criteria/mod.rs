//! Detectors of the written rubric: the code behind its criteria, one kind per check, registered in
//! `KINDS`. A criterion names a kind and gives it its phrases and thresholds (`[criterion.params]`);
//! `build` checks them and compiles the phrase lists once per run. Detectors are pure: a `Reply` in, a
//! `Finding` out (the phone detectors' type: outcome, the byte range of the reply's text to quote, the
//! reason in Spanish).
//!
//! - `template.rs`: `salutation` (buenos días / tardes / noches by the send time in Lima), `phrase` (a
//!   template line in the opening, the closing or anywhere: the e-mail welcome, "Estimado usuario",
//!   Facebook's thanks), `signature` (the operator's first name and surname after the closing),
//!   `footer` (every piece of the institutional footer, the missing ones named);
//! - `content.rs`: `answer` (the reply answers the query, not a template alone), `identification`
//!   (asks for the DNI / código modular when the query needs the user's record and they were not
//!   given), `lexicon` (jargon, negative phrases);
//! - `response_time.rs`: `response_time` (within the SLA in business hours).

mod content;
mod response_time;
mod template;

use serde::de::DeserializeOwned;

use super::{BusinessCalendar, Channel, Message};
use crate::criteria::Finding;
use crate::model::Operator;
use crate::text::{Analyzed, PhraseSet};

/// One reply of the help desk in its thread: what the detectors judge.
pub struct Reply<'a> {
    pub channel: Channel,
    /// The reply's messages (consecutive help-desk messages joined), their texts joined by a blank line.
    pub text: String,
    pub analyzed: Analyzed,
    /// When the reply was sent (its first message).
    pub sent_at: jiff::Timestamp,
    /// The user's messages this reply answers (since the help desk's previous reply), in order.
    pub answers: Vec<&'a Message>,
    /// Every user message of the thread before the reply.
    pub earlier_user: Vec<&'a Message>,
    /// 1 for the first reply of the thread.
    pub number: usize,
    pub operator: Option<&'a Operator>,
    pub calendar: &'a BusinessCalendar,
}

impl Reply<'_> {
    /// The user's words this reply answers, joined.
    pub fn query(&self) -> String {
        join(self.answers.iter().map(|m| m.text.as_str()))
    }

    /// Everything the user wrote before the reply, joined.
    pub fn user_so_far(&self) -> String {
        join(self.earlier_user.iter().map(|m| m.text.as_str()))
    }
}

pub(crate) fn join<'t>(texts: impl Iterator<Item = &'t str>) -> String {
    texts.collect::<Vec<_>>().join("\n\n")
}

/// A time in the help desk's zone, as `05/11/2026 10:12` (the `at` column of the results).
pub fn local(at: jiff::Timestamp, calendar: &BusinessCalendar) -> String {
    at.to_zoned_datetime(calendar.time_zone.clone())
        .strftime("%d/%m/%Y %H:%M")
        .to_string()
}

/// A time in the help desk's zone for a reason, as `5 nov 2026 a las 10:12`: words between the
/// numbers, so that no run of digits in a reason can be read as a personal number.
pub fn local_words(at: jiff::Timestamp, calendar: &BusinessCalendar) -> String {
    const MONTHS: [&str; 12] = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "set", "oct", "nov", "dic",
    ];
    let local = at.to_zoned_datetime(calendar.time_zone.clone());
    format!(
        "{} {} {} a las {:02}:{:02}",
        local.day(),
        MONTHS[(local.month() - 1) as usize],
        local.year(),
        local.hour(),
        local.minute()
    )
}

/// A compiled written detector.
pub trait WrittenDetector: Send + Sync {
    fn evaluate(&self, reply: &Reply) -> Finding;
}

type Builder = fn(toml::Table) -> Result<Box<dyn WrittenDetector>, String>;

/// A detector kind as the written rubric names it.
pub struct Kind {
    pub name: &'static str,
    pub build: Builder,
    pub summary: &'static str,
}

/// Every written detector kind.
pub const KINDS: &[Kind] = &[
    Kind {
        name: "salutation",
        build: template::build_salutation,
        summary: "The reply opens with the salutation that fits its send time in Lima",
    },
    Kind {
        name: "phrase",
        build: template::build_phrase,
        summary: "A template line (welcome, \"Estimado usuario\", thanks) in the opening, closing or anywhere",
    },
    Kind {
        name: "signature",
        build: template::build_signature,
        summary: "The reply is signed with the operator's first name and surname",
    },
    Kind {
        name: "footer",
        build: template::build_footer,
        summary: "Every piece of the institutional footer is there; the missing ones are named",
    },
    Kind {
        name: "answer",
        build: content::build_answer,
        summary: "The reply answers the query: content beyond the template that meets the query",
    },
    Kind {
        name: "identification",
        build: content::build_identification,
        summary: "Asks for the DNI / código modular when the query needs the record and they were not given",
    },
    Kind {
        name: "lexicon",
        build: content::build_lexicon,
        summary: "The reply uses at most max_distinct terms from a lexicon",
    },
    Kind {
        name: "response_time",
        build: response_time::build,
        summary: "The reply came within the SLA, counted in business hours",
    },
];

/// Builds the written detector `kind` from its rubric parameters.
pub fn build(kind: &str, params: toml::Table) -> Result<Box<dyn WrittenDetector>, String> {
    let known = KINDS.iter().find(|k| k.name == kind).ok_or_else(|| {
        let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        format!("unknown detector {kind:?} (known: {})", names.join(", "))
    })?;
    (known.build)(params)
}

fn params<T: DeserializeOwned>(table: toml::Table) -> Result<T, String> {
    crate::criteria::params(table)
}

fn phrases(list: &[String], key: &str) -> Result<PhraseSet, String> {
    crate::criteria::phrases(list, key)
}

/// A finding that quotes bytes of the reply's text.
fn pass_at(bytes: (usize, usize), reason: impl Into<String>) -> Finding {
    Finding::pass(0, Some(bytes), reason)
}

/// A fail quoting the reply's opening (or the given bytes).
fn fail_at(bytes: Option<(usize, usize)>, reason: impl Into<String>) -> Finding {
    let mut finding = Finding::fail(Some(0), reason);
    finding.bytes = bytes;
    finding
}

/// Token index range -> byte range of the analyzed text.
fn token_bytes(text: &Analyzed, start: usize, end: usize) -> (usize, usize) {
    match (
        text.tokens.get(start),
        text.tokens.get(end.saturating_sub(1)),
    ) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => (0, 0),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Replies made by hand for the detectors' tests, with detectors built from the embedded written
    //! rubric's parameters.
    use super::*;
    use crate::written::{Side, WrittenFormat};

    pub fn detector(id: &str) -> Box<dyn WrittenDetector> {
        let rubric: toml::Table =
            toml::from_str(crate::written::DEFAULT_WRITTEN_RUBRIC).expect("TOML");
        let criterion = rubric["criterion"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c.as_table())
            .find(|c| c.get("id").and_then(|v| v.as_str()) == Some(id))
            .unwrap_or_else(|| panic!("no criterion {id}"));
        let kind = criterion["detector"].as_str().unwrap();
        let params = criterion
            .get("params")
            .and_then(|p| p.as_table())
            .cloned()
            .unwrap_or_default();
        build(kind, params).unwrap_or_else(|e| panic!("{id}: {e}"))
    }

    pub fn calendar() -> &'static BusinessCalendar {
        static CALENDAR: std::sync::LazyLock<BusinessCalendar> =
            std::sync::LazyLock::new(|| BusinessCalendar::siagie([]));
        &CALENDAR
    }

    pub fn lima(text: &str) -> jiff::Timestamp {
        let dt: jiff::civil::DateTime = text.replace(' ', "T").parse().unwrap();
        dt.to_zoned_datetime(calendar().time_zone.clone())
            .unwrap()
            .timestamp()
    }

    pub fn user_message(at: &str, text: &str) -> Message {
        Message {
            id: format!("u-{at}"),
            sent_at: lima(at),
            side: Side::User,
            from_name: "Ana".into(),
            from_address: "ana@gmail.com".into(),
            to_address: String::new(),
            subject: String::new(),
            text: text.into(),
            source_file: Default::default(),
            line: None,
            format: WrittenFormat::Eml,
            in_reply_to: Vec::new(),
            references: Vec::new(),
        }
    }

    pub fn reply<'a>(channel: Channel, at: &str, text: &str, user: &'a [Message]) -> Reply<'a> {
        Reply {
            channel,
            text: text.to_string(),
            analyzed: Analyzed::new(text),
            sent_at: lima(at),
            answers: user.iter().collect(),
            earlier_user: user.iter().collect(),
            number: 1,
            operator: None,
            calendar: calendar(),
        }
    }
}

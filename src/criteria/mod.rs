//! Detectors: the code behind the rubric's criteria, one file per detector kind, all registered in
//! `KINDS` below. A rubric criterion names a kind and gives it parameters (phrases, windows,
//! thresholds); `build` checks those parameters and compiles the detector once per run. Detectors are
//! pure: a `Call` in, a `Finding` out.
//!
//! Adding a detector kind: write `src/criteria/<kind>.rs` with a doc comment in the fixed headings
//! (What it checks / Why it matters / Parameters / Example), a `Params` struct with
//! `#[serde(deny_unknown_fields)]`, a `build` function and unit tests; add it to `KINDS`; add fixtures
//! under `tests/fixtures/<criterion>/` for pass, fail and na; use it from `rubrics/siagie.toml`.

mod call;
mod checked_understanding;
mod closing_by_name;
mod greeting;
mod hold_callback;
mod hold_checkins;
mod hold_explained;
mod hold_permission;
mod hold_thanks;
mod interruption;
mod lexicon;
mod open_question;
mod request;
mod restatement;
#[cfg(test)]
mod testing;
mod transfer_answered;
mod transfer_explained;

pub use call::{Call, CallerName};

use serde::de::DeserializeOwned;

use crate::model::{Outcome, Source};
use crate::text::PhraseSet;

/// What a detector concluded about one call.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub outcome: Outcome,
    /// The turn the finding rests on (its time and a quote become the evidence).
    pub turn: Option<usize>,
    /// Byte range in that turn's text to centre the quote on.
    pub bytes: Option<(usize, usize)>,
    /// The moment, when it is not the turn's start (a hold's start, say).
    pub at_s: Option<f64>,
    /// Why, in Spanish, for the supervisor: always for fail and na; for a pass, what was found.
    pub reason: String,
    pub source: Source,
}

impl Finding {
    pub fn pass(turn: usize, bytes: Option<(usize, usize)>, reason: impl Into<String>) -> Finding {
        Finding {
            outcome: Outcome::Pass,
            turn: Some(turn),
            bytes,
            at_s: None,
            reason: reason.into(),
            source: Source::Transcript,
        }
    }

    pub fn fail(turn: Option<usize>, reason: impl Into<String>) -> Finding {
        Finding {
            outcome: Outcome::Fail,
            turn,
            bytes: None,
            at_s: None,
            reason: reason.into(),
            source: Source::Transcript,
        }
    }

    pub fn na(reason: impl Into<String>) -> Finding {
        Finding {
            outcome: Outcome::Na,
            turn: None,
            bytes: None,
            at_s: None,
            reason: reason.into(),
            source: Source::Transcript,
        }
    }

    /// Same finding, centred on a byte range of its turn.
    pub fn quoting(mut self, bytes: (usize, usize)) -> Finding {
        self.bytes = Some(bytes);
        self
    }

    /// Same finding, at a given moment of the recording.
    pub fn at(mut self, seconds: f64) -> Finding {
        self.at_s = Some(seconds);
        self
    }

    /// Same finding, resting on another witness.
    pub fn from_source(mut self, source: Source) -> Finding {
        self.source = source;
        self
    }
}

/// The fact of a call a detector's verdict rests on, so the verdict can name its witness (a hold the
/// PBX logged is witnessed by AMI, a transfer by queue_log or CEL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    Speech,
    Holds,
    Transfer,
}

/// A compiled detector.
pub trait Detector: Send + Sync {
    fn evaluate(&self, call: &Call) -> Finding;

    fn rests_on(&self) -> Fact {
        Fact::Speech
    }
}

type Builder = fn(toml::Table) -> Result<Box<dyn Detector>, String>;

/// A detector kind as the rubric names it.
pub struct Kind {
    pub name: &'static str,
    pub build: Builder,
    /// One line on what the kind checks, for `callqa rubric show`.
    pub summary: &'static str,
}

/// Every detector kind callqa knows.
pub const KINDS: &[Kind] = &[
    Kind {
        name: "greeting",
        build: greeting::build,
        summary: "Operator's opening: salutation, welcome naming SIAGIE, operator's name and surname",
    },
    Kind {
        name: "request",
        build: request::build,
        summary: "The operator asks for an item (name, DNI, código modular) or the caller gave it unprompted",
    },
    Kind {
        name: "open_question",
        build: open_question::build,
        summary: "The operator offers help with an open question or lets the caller state the query",
    },
    Kind {
        name: "interruption",
        build: interruption::build,
        summary: "No operator turn starts over a running caller turn by the overlap threshold",
    },
    Kind {
        name: "restatement",
        build: restatement::build,
        summary: "The operator restates or confirms the query before answering",
    },
    Kind {
        name: "hold_explained",
        build: hold_explained::build,
        summary: "Before the first hold, the operator gives a reason and an approximate time",
    },
    Kind {
        name: "hold_permission",
        build: hold_permission::build,
        summary: "Before each hold, the operator asks permission and the caller agrees",
    },
    Kind {
        name: "hold_thanks",
        build: hold_thanks::build,
        summary: "The operator's first turn back from each hold thanks the caller for waiting",
    },
    Kind {
        name: "hold_checkins",
        build: hold_checkins::build,
        summary: "In long waiting episodes, no stretch on hold exceeds the limit",
    },
    Kind {
        name: "hold_callback",
        build: hold_callback::build,
        summary: "In very long waiting episodes, the operator offers a call-back and takes the number",
    },
    Kind {
        name: "transfer_explained",
        build: transfer_explained::build,
        summary: "Before a transfer, the operator says why or to whom",
    },
    Kind {
        name: "transfer_answered",
        build: transfer_answered::build,
        summary: "The operator stays on the line until the transfer target answers",
    },
    Kind {
        name: "closing_by_name",
        build: closing_by_name::build,
        summary: "The operator's last turns address the caller by the name they gave",
    },
    Kind {
        name: "checked_understanding",
        build: checked_understanding::build,
        summary: "Near the end, the operator checks understanding or remaining doubts",
    },
    Kind {
        name: "lexicon",
        build: lexicon::build,
        summary: "The operator uses at most max_distinct terms from a lexicon",
    },
];

/// Builds the detector `kind` from its rubric parameters.
pub fn build(kind: &str, params: toml::Table) -> Result<Box<dyn Detector>, String> {
    let known = KINDS.iter().find(|k| k.name == kind).ok_or_else(|| {
        let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        format!("unknown detector {kind:?} (known: {})", names.join(", "))
    })?;
    (known.build)(params)
}

/// Deserializes a detector's parameters, naming the offending key on error.
pub fn params<T: DeserializeOwned>(table: toml::Table) -> Result<T, String> {
    toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| e.message().to_string())
}

/// Compiles one of a detector's phrase lists, naming the parameter on error.
pub fn phrases(list: &[String], key: &str) -> Result<PhraseSet, String> {
    if list.is_empty() {
        return Err(format!("{key} must list at least one phrase"));
    }
    PhraseSet::compile(list).map_err(|e| format!("{key}: {e}"))
}

/// Compiles a list of function words and verb forms, where one letter changes the meaning ("necesita"
/// is what the caller needs, "necesito" what the operator will do; "primer" is no "primero"): words
/// match by spelling or sound, never one letter off.
pub fn strict_phrases(list: &[String], key: &str) -> Result<PhraseSet, String> {
    if list.is_empty() {
        return Err(format!("{key} must list at least one phrase"));
    }
    PhraseSet::compile_strict(list).map_err(|e| format!("{key}: {e}"))
}

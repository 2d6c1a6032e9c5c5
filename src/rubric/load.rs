//! Rubric file -> validated `Rubric`. Unknown keys, unknown detectors, bad patterns, duplicate ids and
//! criteria naming a missing section are errors that name the rubric file and line.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::{CallFacts, Criterion, Rubric, Section};
use crate::criteria;
use crate::model::Channel;
use crate::text::{PhraseError, PhraseSet, fold};

#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {reason}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct RubricError {
    pub file: String,
    pub line: Option<usize>,
    pub reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    rubric: RawHeader,
    #[serde(default)]
    section: Vec<Section>,
    roles: RawRoles,
    language: RawLanguage,
    query: RawQuery,
    holds: RawHolds,
    transfers: RawTransfers,
    names: RawNames,
    #[serde(default)]
    criterion: Vec<Spanned<RawCriterion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    version: String,
    title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoles {
    operator_cues: Spanned<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    stop_words: Vec<String>,
    backchannels: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuery {
    min_content_words: usize,
    min_content_words_in_answer: usize,
    identification_questions: Spanned<Vec<String>>,
    help_offers: Spanned<Vec<String>>,
    markers: Spanned<Vec<String>>,
    identification_words: Vec<String>,
    school_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHolds {
    min_silence_s: f64,
    announcements: Spanned<Vec<String>>,
    hallucinations: Spanned<Vec<String>>,
    announcement_turns: usize,
    fillers: Vec<String>,
    noise_max_words: usize,
    waiting_calls: Vec<String>,
    waiting_call_max_words: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTransfers {
    announcements: Spanned<Vec<String>>,
    conditionals: Vec<String>,
    offers: Vec<String>,
    takes_up: Vec<String>,
    tentative_words: usize,
    tail_turns: usize,
    tail_turn_max_words: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNames {
    introductions: Spanned<Vec<String>>,
    questions: Spanned<Vec<String>>,
    answer_lead_ins: Vec<String>,
    skipped: Vec<String>,
    third_parties: Vec<String>,
    titles: Vec<String>,
    stopwords: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: String,
    section: String,
    title: String,
    description: String,
    weight: f64,
    #[serde(default)]
    critical: bool,
    /// Where the criterion applies; `["telefono"]` when absent.
    #[serde(default)]
    channels: Option<Vec<String>>,
    detector: String,
    #[serde(default)]
    params: Option<Spanned<toml::Table>>,
}

/// Loads a rubric file.
pub fn load_file(path: &Path) -> Result<Rubric, RubricError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| RubricError {
        file: file.clone(),
        line: None,
        reason: format!("cannot read: {e}"),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| RubricError {
        file: file.clone(),
        line: None,
        reason: "not valid UTF-8".into(),
    })?;
    load_str(&text, &file)
}

/// Loads a rubric from its text; `file` names it in errors.
pub fn load_str(text: &str, file: &str) -> Result<Rubric, RubricError> {
    let error = |span: Option<Range<usize>>, reason: String| RubricError {
        file: file.to_string(),
        line: span.map(|s| line_of(text, s.start)),
        reason,
    };
    let raw: RawRubric =
        toml::from_str(text).map_err(|e| error(e.span(), e.message().to_string()))?;
    let phrases = |list: &Spanned<Vec<String>>, what: &str| {
        PhraseSet::compile(list.get_ref())
            .map_err(|e: PhraseError| error(Some(list.span()), format!("{what}: {e}")))
    };
    let facts = CallFacts {
        time_zone: jiff::tz::TimeZone::get("America/Lima")
            .unwrap_or_else(|_| jiff::tz::TimeZone::fixed(jiff::tz::offset(-5))),
        operator_cues: phrases(&raw.roles.operator_cues, "roles.operator_cues")?,
        stop_words: words(&raw.language.stop_words),
        backchannels: words(&raw.language.backchannels),
        query_min_content_words: raw.query.min_content_words,
        query_min_content_words_in_answer: raw.query.min_content_words_in_answer,
        identification_questions: phrases(
            &raw.query.identification_questions,
            "query.identification_questions",
        )?,
        help_offers: phrases(&raw.query.help_offers, "query.help_offers")?,
        query_markers: phrases(&raw.query.markers, "query.markers")?,
        identification_words: words(&raw.query.identification_words),
        school_words: words(&raw.query.school_words),
        hold_min_silence_s: raw.holds.min_silence_s,
        hold_announcements: phrases(&raw.holds.announcements, "holds.announcements")?,
        hallucinations: phrases(&raw.holds.hallucinations, "holds.hallucinations")?,
        hold_announcement_turns: raw.holds.announcement_turns.max(1),
        hold_fillers: words(&raw.holds.fillers),
        hold_noise_max_words: raw.holds.noise_max_words,
        hold_waiting_calls: words(&raw.holds.waiting_calls),
        hold_waiting_call_max_words: raw.holds.waiting_call_max_words,
        transfer_announcements: phrases(&raw.transfers.announcements, "transfers.announcements")?,
        transfer_conditionals: words(&raw.transfers.conditionals),
        transfer_offers: words(&raw.transfers.offers),
        transfer_takes_up: words(&raw.transfers.takes_up),
        transfer_tentative_words: raw.transfers.tentative_words,
        transfer_tail_turns: raw.transfers.tail_turns,
        transfer_tail_turn_max_words: raw.transfers.tail_turn_max_words,
        name_introductions: phrases(&raw.names.introductions, "names.introductions")?,
        name_questions: phrases(&raw.names.questions, "names.questions")?,
        name_lead_ins: raw.names.answer_lead_ins.iter().map(|t| fold(t)).collect(),
        name_third_parties: words(&raw.names.third_parties),
        name_skipped: words(&raw.names.skipped),
        name_titles: raw.names.titles.iter().map(|t| fold(t)).collect(),
        name_stopwords: raw.names.stopwords.iter().map(|t| fold(t)).collect(),
    };
    if !(facts.hold_min_silence_s > 0.0) {
        return Err(error(
            None,
            "holds.min_silence_s must be a positive number of seconds".into(),
        ));
    }

    let mut sections = Vec::new();
    for s in raw.section {
        if sections.iter().any(|known: &Section| known.id == s.id) {
            return Err(error(None, format!("section {:?} is defined twice", s.id)));
        }
        sections.push(s);
    }

    let mut criteria = Vec::new();
    let mut seen = HashSet::new();
    for spanned in raw.criterion {
        let span = spanned.span();
        let c = spanned.into_inner();
        let at = |reason: String| {
            error(
                Some(span.clone()),
                format!("criterion {:?}: {reason}", c.id),
            )
        };
        if c.id.is_empty()
            || !c
                .id
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        {
            return Err(at("id must be lower-case letters, digits and _".into()));
        }
        if !seen.insert(c.id.clone()) {
            return Err(at("defined twice".into()));
        }
        if !sections.iter().any(|s| s.id == c.section) {
            return Err(at(format!(
                "section {:?} is not defined in a [[section]]",
                c.section
            )));
        }
        if !(c.weight.is_finite() && c.weight > 0.0) {
            return Err(at(format!(
                "weight must be a positive number, not {}",
                c.weight
            )));
        }
        let channels = parse_channels(c.channels.as_deref()).map_err(&at)?;
        if !channels.contains(&Channel::Telefono) {
            return Err(at(
                "this rubric scores recorded phone calls: its criteria's channels must include \
                 \"telefono\" (criteria for other channels go in a channel rubric, \
                 --channel-rubric)"
                    .into(),
            ));
        }
        let (params, params_span) = match c.params {
            Some(p) => {
                let span = p.span();
                (p.into_inner(), Some(span))
            }
            None => (toml::Table::new(), None),
        };
        let detector = criteria::build(&c.detector, params).map_err(|reason| {
            error(
                params_span.or(Some(span.clone())),
                format!("criterion {:?} (detector {:?}): {reason}", c.id, c.detector),
            )
        })?;
        criteria.push(Criterion {
            id: c.id,
            section: c.section,
            title: c.title,
            description: c.description,
            weight: c.weight,
            critical: c.critical,
            channels,
            detector_kind: c.detector,
            detector,
        });
    }
    if criteria.is_empty() {
        return Err(error(None, "the rubric has no [[criterion]]".into()));
    }

    Ok(Rubric {
        id: raw.rubric.id,
        version: raw.rubric.version,
        title: raw.rubric.title,
        sha256: hex(&Sha256::digest(text.as_bytes())),
        text: text.to_string(),
        sections,
        criteria,
        facts,
    })
}

/// A criterion's `channels` list (`["telefono"]` when absent), each name as reports write it.
pub(super) fn parse_channels(list: Option<&[String]>) -> Result<Vec<Channel>, String> {
    let Some(list) = list else {
        return Ok(vec![Channel::Telefono]);
    };
    if list.is_empty() {
        return Err("channels must list at least one channel".into());
    }
    let mut channels = Vec::new();
    for name in list {
        let channel = Channel::ALL
            .into_iter()
            .find(|c| c.as_str() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
                format!("unknown channel {name:?} (known: {})", known.join(", "))
            })?;
        if !channels.contains(&channel) {
            channels.push(channel);
        }
    }
    Ok(channels)
}

/// A word list, folded, for membership tests.
fn words(list: &[String]) -> rustc_hash::FxHashSet<String> {
    list.iter()
        .map(|w| fold(w))
        .filter(|w| !w.is_empty())
        .collect()
}

pub(super) fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::DEFAULT_RUBRIC;

    const IDS: [&str; 18] = [
        "greeting",
        "asked_name",
        "asked_dni",
        "asked_modular_code",
        "offered_help",
        "no_interruption",
        "summarized_query",
        "hold_explained",
        "hold_permission",
        "hold_thanks",
        "hold_checkins",
        "hold_callback",
        "transfer_explained",
        "transfer_answered",
        "closing_by_name",
        "checked_understanding",
        "plain_language",
        "positive_language",
    ];

    #[test]
    fn the_embedded_rubric_has_the_fixed_criteria() {
        let rubric = load_str(DEFAULT_RUBRIC, "siagie.toml").unwrap();
        let ids: Vec<&str> = rubric.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, IDS);
        assert_eq!(rubric.sha256.len(), 64);
        assert!(
            rubric
                .criteria
                .iter()
                .all(|c| !c.title.is_empty() && !c.description.is_empty())
        );
        assert!(rubric.criterion("transfer_answered").unwrap().critical);
    }

    fn error_of(text: &str) -> RubricError {
        match load_str(text, "r.toml") {
            Ok(_) => panic!("accepted"),
            Err(e) => e,
        }
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let unknown_detector =
            DEFAULT_RUBRIC.replacen("detector = \"greeting\"", "detector = \"gretting\"", 1);
        let e = error_of(&unknown_detector);
        let line = DEFAULT_RUBRIC
            .lines()
            .position(|l| l.starts_with("id = \"greeting\""))
            .unwrap()
            + 1;
        assert_eq!(e.file, "r.toml");
        assert!(
            e.line.is_some_and(|l| l >= line - 1 && l <= line + 8),
            "{e} (criterion near line {line})"
        );
        assert!(e.reason.contains("unknown detector \"gretting\""), "{e}");

        let bad_pattern =
            DEFAULT_RUBRIC.replacen("\"mesa de ayuda\",", "\"mesa de ayuda\", \"* ¿?\",", 1);
        let e = error_of(&bad_pattern);
        assert!(
            e.line.is_some() && e.reason.contains("invalid phrase pattern"),
            "{e}"
        );

        let typo = DEFAULT_RUBRIC.replacen("weight = 8", "wieght = 8", 1);
        let e = error_of(&typo);
        assert!(e.line.is_some() && e.reason.contains("wieght"), "{e}");

        let missing_section =
            DEFAULT_RUBRIC.replacen("section = \"cierre\"", "section = \"despedida\"", 1);
        assert!(
            error_of(&missing_section)
                .reason
                .contains("\"despedida\" is not defined")
        );

        let twice = DEFAULT_RUBRIC.replacen("id = \"asked_name\"", "id = \"greeting\"", 1);
        assert!(error_of(&twice).reason.contains("defined twice"));

        let zero = DEFAULT_RUBRIC.replacen("weight = 8", "weight = 0", 1);
        assert!(
            error_of(&zero)
                .reason
                .contains("weight must be a positive number")
        );
    }
}

//! Scorecards -> tables: the columns of criteria, interactions and rejected, with their types, in the
//! order they are written. Every text that comes from a transcript is already masked here.

use std::path::Path;

use super::Rejection;
use crate::input::mask_file_name;
use crate::rubric::Rubric;
use crate::score::Scorecard;
use crate::text::{clock, mask};

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Float(Option<f64>),
    Int(Option<i64>),
    Bool(bool),
}

/// Named, typed columns and their rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_text(s: Option<impl Into<String>>) -> Cell {
    Cell::Text(s.map(Into::into).unwrap_or_default())
}

fn int(n: usize) -> Cell {
    Cell::Int(Some(n as i64))
}

pub const CRITERIA_COLUMNS: &[&str] = &[
    "call_id",
    "operator_id",
    "channel",
    "criterion",
    "section",
    "outcome",
    "critical",
    "weight",
    "at_s",
    "at",
    "evidence",
    "reason",
    "source",
    "confidence",
    "doubts",
];

/// A call's rows of criteria.csv: one per criterion, in rubric order.
pub fn criteria_rows(card: &Scorecard, rubric: &Rubric) -> Vec<Vec<Cell>> {
    let call = &card.interaction;
    rubric
        .criteria
        .iter()
        .zip(&card.verdicts)
        .map(|(criterion, verdict)| {
            vec![
                text(&call.call_id),
                opt_text(call.operator.as_ref().map(|o| o.id.clone())),
                text(call.channel.as_str()),
                text(&verdict.criterion),
                text(&criterion.section),
                text(verdict.outcome.as_str()),
                Cell::Bool(criterion.critical),
                Cell::Float(Some(criterion.weight)),
                Cell::Float(verdict.at_s.map(|s| (s * 10.0).round() / 10.0)),
                opt_text(verdict.at_s.map(clock)),
                text(&verdict.evidence),
                text(&verdict.reason),
                text(verdict.source.as_str()),
                text(verdict.confidence().as_str()),
                text(
                    verdict
                        .doubts
                        .iter()
                        .map(|d| d.describe())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            ]
        })
        .collect()
}

pub const INTERACTION_COLUMNS: &[&str] = &[
    "call_id",
    "operator_id",
    "operator_name",
    "team",
    "operator_source",
    "channel",
    "started_at",
    "duration_s",
    "score",
    "critical_failed",
    "n_pass",
    "n_fail",
    "n_na",
    "format",
    "source_file",
    "role_method",
    "role_confidence",
    "roles_uncertain",
    "role_detail",
    "turns",
    "operator_talk_s",
    "caller_talk_s",
    "operator_talk_ratio",
    "hold_s",
    "holds",
    "longest_operator_monologue_s",
    "interruptions",
    "transferred",
    "pbx_linked",
    "extension",
    "queue_wait_s",
    "operator_mismatch",
    "hold_source",
    "transfer_source",
];

/// A call's row of interactions.csv.
pub fn interaction_row(card: &Scorecard, data_dir: &Path) -> Vec<Cell> {
    let call = &card.interaction;
    let m = &card.metrics;
    let operator = call.operator.as_ref();
    vec![
        text(&call.call_id),
        opt_text(operator.map(|o| o.id.clone())),
        opt_text(operator.map(|o| o.name.clone())),
        opt_text(operator.map(|o| o.team.clone())),
        opt_text(call.operator_source),
        text(call.channel.as_str()),
        opt_text(call.started_at.map(lima_iso)),
        Cell::Float(call.duration_s().map(|d| (d * 10.0).round() / 10.0)),
        Cell::Float(card.score),
        text(card.critical_failed.join(";")),
        int(card.count(crate::model::Outcome::Pass)),
        int(card.count(crate::model::Outcome::Fail)),
        int(card.count(crate::model::Outcome::Na)),
        text(call.format.as_str()),
        text(relative_masked(&call.source_file, data_dir)),
        text(call.roles.method),
        Cell::Float(Some(call.roles.confidence)),
        Cell::Bool(call.roles.confidence < crate::link::CERTAIN_ROLES),
        text(crate::text::mask(&call.roles.detail)),
        int(m.turns),
        Cell::Float(m.operator_talk_s),
        Cell::Float(m.caller_talk_s),
        Cell::Float(m.operator_talk_ratio),
        Cell::Float(Some(m.hold_s)),
        int(m.holds),
        Cell::Float(m.longest_operator_monologue_s),
        Cell::Int(m.interruptions.map(|n| n as i64)),
        Cell::Bool(call.transfer.is_some()),
        Cell::Bool(call.pbx.is_some()),
        opt_text(call.pbx.as_ref().and_then(|p| p.extension.clone())),
        Cell::Float(call.pbx.as_ref().and_then(|p| p.wait_s)),
        opt_text(call.pbx.as_ref().and_then(|p| p.operator_mismatch.clone())),
        opt_text(call.holds.first().map(|h| h.source.as_str())),
        opt_text(call.transfer.as_ref().map(|t| t.source.as_str())),
    ]
}

pub fn rejected_table(rejected: &[Rejection]) -> Table {
    Table {
        columns: &["source_file", "line", "scope", "reason"],
        rows: rejected
            .iter()
            .map(|r| {
                vec![
                    text(&r.source_file),
                    Cell::Int(r.line.map(|l| l as i64)),
                    text(r.scope),
                    text(mask(&r.reason)),
                ]
            })
            .collect(),
    }
}

/// ISO 8601 in Lima time: `2026-11-03T10:15:02-05:00`.
pub fn lima_iso(at: jiff::Timestamp) -> String {
    match jiff::tz::TimeZone::get("America/Lima") {
        Ok(tz) => lima_iso_in(at, &tz),
        Err(_) => at.to_string(),
    }
}

/// ISO 8601 in the given time zone.
pub fn lima_iso_in(at: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    at.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// A source path relative to the data folder, with `/` separators and the caller number masked.
pub fn relative_masked(path: &Path, data_dir: &Path) -> String {
    let relative = path.strip_prefix(data_dir).unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.split_last() {
        Some((name, dirs)) => {
            let mut out: Vec<String> = dirs.to_vec();
            out.push(mask_file_name(name));
            out.join("/")
        }
        None => String::new(),
    }
}

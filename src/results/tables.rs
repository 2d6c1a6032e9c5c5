//! Scorecards -> rows of the results tables: criteria, interactions, rejected and pbx_unmatched, each
//! one struct (`output_row!`) that the writers and every reader share. reviewed_criteria and
//! reviewed_interactions (supervisors' verdicts, `crate::evaluation::apply`) have the schemas of
//! criteria and interactions and are written with the same structs. Every text that comes from a
//! transcript is already masked here.

use std::path::Path;

use super::Rejection;
use super::row::output_row;
use crate::input::mask_file_name;
use crate::rubric::Rubric;
use crate::score::Scorecard;
use crate::text::{clock, mask};

output_row! {
    /// One row of criteria.csv / criteria.parquet: one call and criterion.
    pub struct CriterionRow {
        pub call_id: String,
        pub operator_id: String,
        pub channel: String,
        pub criterion: String,
        pub section: String,
        /// `pass`, `fail` or `na`.
        pub outcome: String,
        pub critical: bool,
        pub weight: f64,
        /// Seconds from the start of the recording, one decimal.
        pub at_s: Option<f64>,
        /// The same moment as `mm:ss`.
        pub at: String,
        pub evidence: String,
        pub reason: String,
        /// The witness: transcript, queue_log, cel, ami; `supervisor` in reviewed_criteria.
        pub source: String,
        /// `high`, or `low` when something callqa knows makes the verdict doubtful (see `doubts`).
        pub confidence: String,
        /// What makes the verdict doubtful, in Spanish, `; `-separated; empty when confident.
        pub doubts: String,
    }
}

/// A call's rows of criteria.csv: one per criterion, in rubric order.
pub fn criteria_rows(card: &Scorecard, rubric: &Rubric) -> Vec<CriterionRow> {
    let call = &card.interaction;
    let operator_id = call
        .operator
        .as_ref()
        .map(|o| o.id.clone())
        .unwrap_or_default();
    rubric
        .criteria
        .iter()
        .zip(&card.verdicts)
        .map(|(criterion, verdict)| CriterionRow {
            call_id: call.call_id.clone(),
            operator_id: operator_id.clone(),
            channel: call.channel.as_str().to_string(),
            criterion: verdict.criterion.clone(),
            section: criterion.section.clone(),
            outcome: verdict.outcome.as_str().to_string(),
            critical: criterion.critical,
            weight: criterion.weight,
            at_s: verdict.at_s.map(|s| (s * 10.0).round() / 10.0),
            at: verdict.at_s.map(clock).unwrap_or_default(),
            evidence: verdict.evidence.clone(),
            reason: verdict.reason.clone(),
            source: verdict.source.as_str().to_string(),
            confidence: verdict.confidence().as_str().to_string(),
            doubts: verdict
                .doubts
                .iter()
                .map(|d| d.describe())
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect()
}

output_row! {
    /// One row of interactions.csv / interactions.parquet: one call.
    pub struct InteractionRow {
        pub call_id: String,
        pub operator_id: String,
        pub operator_name: String,
        pub team: String,
        pub operator_source: String,
        pub channel: String,
        /// ISO 8601 in Lima time, empty when unknown.
        pub started_at: String,
        pub duration_s: Option<f64>,
        pub score: Option<f64>,
        /// Failed critical criteria, `;`-separated.
        pub critical_failed: String,
        pub n_pass: usize,
        pub n_fail: usize,
        pub n_na: usize,
        pub format: String,
        pub source_file: String,
        pub role_method: String,
        /// Empty for an interaction callqa did not hear (a supervisor's evaluation alone).
        pub role_confidence: Option<f64>,
        /// The operator choice rests on weak or contradicting evidence (see `link::CERTAIN_ROLES`).
        pub roles_uncertain: bool,
        pub role_detail: String,
        /// Measures of the recording (turns to interruptions): empty for an interaction callqa did not
        /// hear.
        pub turns: Option<usize>,
        pub operator_talk_s: Option<f64>,
        pub caller_talk_s: Option<f64>,
        pub operator_talk_ratio: Option<f64>,
        pub hold_s: Option<f64>,
        pub holds: Option<usize>,
        pub longest_operator_monologue_s: Option<f64>,
        pub interruptions: Option<usize>,
        pub transferred: bool,
        pub pbx_linked: bool,
        pub extension: String,
        pub queue_wait_s: Option<f64>,
        pub operator_mismatch: String,
        pub hold_source: String,
        pub transfer_source: String,
        /// Written channels: the thread a reply belongs to (`em-20261105-1a2b3c4d`), empty for calls.
        pub thread_id: String,
        /// Written channels: the reply's number in its thread (1 = first reply).
        pub reply_number: Option<usize>,
        /// Written channels: when the oldest user message the reply answers was sent (ISO, Lima).
        pub waiting_since: String,
        /// Written channels: business hours from `waiting_since` to the reply.
        pub response_business_h: Option<f64>,
    }
}

impl InteractionRow {
    /// The month of the call (`2026-11`, the first seven characters of `started_at`): the partition
    /// of the dataset and the month the report counts the call in. None without a start time.
    pub fn month(&self) -> Option<&str> {
        let month = self.started_at.get(..7)?;
        let bytes = month.as_bytes();
        let ok = bytes[..4].iter().all(u8::is_ascii_digit)
            && bytes[4] == b'-'
            && matches!(month[5..].parse::<u8>(), Ok(1..=12));
        ok.then_some(month)
    }
}

/// A call's row of interactions.csv.
pub fn interaction_row(
    card: &Scorecard,
    data_dir: &Path,
    tz: &jiff::tz::TimeZone,
) -> InteractionRow {
    let call = &card.interaction;
    let m = &card.metrics;
    let operator = call.operator.as_ref();
    let pbx = call.pbx.as_ref();
    InteractionRow {
        call_id: call.call_id.clone(),
        operator_id: operator.map(|o| o.id.clone()).unwrap_or_default(),
        operator_name: operator.map(|o| o.name.clone()).unwrap_or_default(),
        team: operator.map(|o| o.team.clone()).unwrap_or_default(),
        operator_source: call
            .operator_source
            .map(|s| s.as_str())
            .unwrap_or_default()
            .to_string(),
        channel: call.channel.as_str().to_string(),
        started_at: call.started_at.map(|t| iso_in(t, tz)).unwrap_or_default(),
        duration_s: call.duration_s().map(|d| (d * 10.0).round() / 10.0),
        score: card.score,
        critical_failed: card.critical_failed.join(";"),
        n_pass: card.count(crate::model::Outcome::Pass),
        n_fail: card.count(crate::model::Outcome::Fail),
        n_na: card.count(crate::model::Outcome::Na),
        format: call.format.as_str().to_string(),
        source_file: relative_masked(&call.source_file, data_dir),
        role_method: call.roles.method.to_string(),
        role_confidence: Some(call.roles.confidence),
        roles_uncertain: call.roles.confidence < crate::link::CERTAIN_ROLES,
        role_detail: crate::text::mask(&call.roles.detail),
        turns: Some(m.turns),
        operator_talk_s: m.operator_talk_s,
        caller_talk_s: m.caller_talk_s,
        operator_talk_ratio: m.operator_talk_ratio,
        hold_s: Some(m.hold_s),
        holds: Some(m.holds),
        longest_operator_monologue_s: m.longest_operator_monologue_s,
        interruptions: m.interruptions,
        transferred: call.transfer.is_some(),
        pbx_linked: pbx.is_some(),
        extension: pbx.and_then(|p| p.extension.clone()).unwrap_or_default(),
        queue_wait_s: pbx.and_then(|p| p.wait_s),
        operator_mismatch: pbx
            .and_then(|p| p.operator_mismatch.clone())
            .unwrap_or_default(),
        hold_source: call
            .holds
            .first()
            .map(|h| h.source.as_str().to_string())
            .unwrap_or_default(),
        transfer_source: call
            .transfer
            .as_ref()
            .map(|t| t.source.as_str().to_string())
            .unwrap_or_default(),
        ..InteractionRow::default()
    }
}

output_row! {
    /// One row of rejected.csv: an input (a whole file, one line of a PBX log or roster, one row or
    /// column of a supervisor's evaluation sheet, or an entry not read) left out.
    pub struct RejectedRow {
        /// Relative to the data folder, caller number masked.
        pub source_file: String,
        /// The line of a file, or the row of a sheet.
        pub line: Option<u64>,
        /// `file`, `line`, `skipped`, `row` or `sheet` (`results::Scope`).
        pub scope: String,
        /// Stable, in English, for scripts (`model::Problem`).
        pub code: String,
        /// In Spanish, masked.
        pub reason: String,
    }
}

pub fn rejected_rows(rejected: &[Rejection]) -> Vec<RejectedRow> {
    rejected
        .iter()
        .map(|r| RejectedRow {
            source_file: r.source_file.clone(),
            line: r.line.map(|l| l as u64),
            scope: r.scope.as_str().to_string(),
            code: r.code.as_str().to_string(),
            reason: mask(&r.reason),
        })
        .collect()
}

output_row! {
    /// One row of pbx_unmatched.csv: a transcript the PBX has no record of, or a PBX call nobody
    /// transcribed.
    pub struct UnmatchedRow {
        pub call_id: String,
        /// `transcript_without_pbx` or `pbx_without_transcript`.
        pub side: String,
        pub started_at: String,
        pub queue: String,
        pub extension: String,
        /// For PBX calls: `answered`, `lost` or `outbound`.
        pub outcome: String,
        pub source_file: String,
    }
}

pub const TRANSCRIPT_ONLY: &str = "transcript_without_pbx";
pub const PBX_ONLY: &str = "pbx_without_transcript";

impl UnmatchedRow {
    /// Transcript-only rows first, then PBX-only ones, each by call id: the order the file is written
    /// in, and the order shards' rows are merged back into.
    pub fn sort_key(&self) -> (bool, &str) {
        (self.side != TRANSCRIPT_ONLY, &self.call_id)
    }
}

/// ISO 8601 in the given time zone (`--tz`): `2026-11-03T10:15:02-05:00` in Lima.
pub fn iso_in(at: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
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

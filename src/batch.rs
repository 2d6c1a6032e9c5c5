//! One scoring run over a data folder: list the transcript files, then read, link and score them in
//! parallel (rayon), keeping only each call's result rows so a month never sits in memory as
//! transcripts. Every file ends up scored or rejected with a reason; a duplicate call id is rejected.

use std::path::{Path, PathBuf};

use indicatif::ProgressBar;
use rayon::prelude::*;
use walkdir::WalkDir;

use std::collections::BTreeMap;

use crate::input::{PbxReadOptions, read_pbx, read_transcript};
use crate::link::{Roster, apply_pbx, build_interaction};
use crate::model::Outcome;
use crate::model::PbxLog;
use crate::pbx::{Members, PbxCall};
use crate::results::{
    Cell, ClockCheckRun, PbxRunInfo, Rejection, criteria_rows, interaction_row, relative_masked,
};
use crate::rubric::Rubric;
use crate::score::score;

/// The little of each call the terminal summary needs.
#[derive(Debug, Clone)]
pub struct CallSummary {
    pub call_id: String,
    /// Relative to the data folder, caller number masked.
    pub source_file: String,
    pub started_at: Option<jiff::Timestamp>,
    pub operator_id: Option<String>,
    pub operator_name: Option<String>,
    pub score: Option<f64>,
    /// Outcomes in rubric order.
    pub outcomes: Vec<Outcome>,
    pub critical_failed: bool,
}

/// A scored call's rows.
struct Scored {
    call_id: String,
    source: String,
    criteria: Vec<Vec<Cell>>,
    interaction: Vec<Cell>,
    summary: CallSummary,
}

/// Everything one run produced, rows in their final order.
pub struct Batch {
    pub criteria_rows: Vec<Vec<Cell>>,
    pub interaction_rows: Vec<Vec<Cell>>,
    pub summaries: Vec<CallSummary>,
    pub rejected: Vec<Rejection>,
    pub files_read: usize,
}

/// Every regular file under `folder`, in path order.
pub fn list_files(folder: &Path) -> Result<Vec<PathBuf>, walkdir::Error> {
    let mut files = Vec::new();
    for entry in WalkDir::new(folder).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Scores `files` (found under `data`) against the rubric.
pub fn run(
    files: &[PathBuf],
    data: &Path,
    rubric: &Rubric,
    roster: &Roster,
    pbx: &BTreeMap<String, PbxCall>,
    progress: &ProgressBar,
) -> Batch {
    let results: Vec<Result<Scored, Rejection>> = files
        .par_iter()
        .map(|path| {
            let result = score_file(path, data, rubric, roster, pbx);
            progress.inc(1);
            result
        })
        .collect();

    let mut scored = Vec::new();
    let mut rejected = Vec::new();
    for result in results {
        match result {
            Ok(s) => scored.push(s),
            Err(r) => rejected.push(r),
        }
    }
    scored.sort_by(|a, b| (&a.call_id, &a.source).cmp(&(&b.call_id, &b.source)));
    let mut batch = Batch {
        criteria_rows: Vec::new(),
        interaction_rows: Vec::new(),
        summaries: Vec::new(),
        rejected,
        files_read: files.len(),
    };
    let mut previous: Option<(String, String)> = None;
    for s in scored {
        if let Some((id, first)) = &previous {
            if *id == s.call_id {
                batch.rejected.push(Rejection::file(
                    s.source,
                    None,
                    format!("duplicate call id {id}: already scored from {first}"),
                ));
                continue;
            }
        }
        previous = Some((s.call_id.clone(), s.source.clone()));
        batch.criteria_rows.extend(s.criteria);
        batch.interaction_rows.push(s.interaction);
        batch.summaries.push(s.summary);
    }
    batch.rejected.sort();
    batch
}

fn score_file(
    path: &Path,
    data: &Path,
    rubric: &Rubric,
    roster: &Roster,
    pbx: &BTreeMap<String, PbxCall>,
) -> Result<Scored, Rejection> {
    let source = relative_masked(path, data);
    let transcript =
        read_transcript(path).map_err(|e| Rejection::file(source.clone(), e.line, e.reason))?;
    let mut interaction = build_interaction(transcript, path, roster, &rubric.facts)
        .map_err(|e| Rejection::file(source.clone(), None, e.0))?;
    if let Some(call) = pbx.get(&interaction.call_id) {
        apply_pbx(&mut interaction, call, roster);
    }
    let card = score(interaction, rubric);
    let summary = CallSummary {
        call_id: card.interaction.call_id.clone(),
        source_file: source.clone(),
        started_at: card.interaction.started_at,
        operator_id: card.interaction.operator.as_ref().map(|o| o.id.clone()),
        operator_name: card.interaction.operator.as_ref().map(|o| o.name.clone()),
        score: card.score,
        outcomes: card.verdicts.iter().map(|v| v.outcome).collect(),
        critical_failed: !card.critical_failed.is_empty(),
    };
    Ok(Scored {
        call_id: card.interaction.call_id.clone(),
        criteria: criteria_rows(&card, rubric),
        interaction: interaction_row(&card, data),
        summary,
        source,
    })
}

/// Everything read from DATA/pbx/.
#[derive(Default)]
pub struct PbxData {
    pub calls: BTreeMap<String, PbxCall>,
    pub rejected: Vec<Rejection>,
    pub files_read: usize,
    pub lines_skipped: usize,
    pub unknown_events: BTreeMap<String, usize>,
    pub control_chars_removed: usize,
    pub clock_checks: Vec<ClockCheckRun>,
    /// `--cdr-utc` was given.
    pub cdr_utc: bool,
}

impl PbxData {
    /// Calls that really reached the PBX (records of other legs alone are not calls).
    pub fn real_calls(&self) -> impl Iterator<Item = &PbxCall> {
        self.calls.values().filter(|c| c.direction.is_some())
    }

    /// What run.json records of the PBX logs.
    pub fn run_info(&self) -> PbxRunInfo {
        PbxRunInfo {
            pbx_files_read: self.files_read,
            pbx_lines_skipped: self.lines_skipped,
            pbx_calls: self.real_calls().count(),
            pbx_internal_calls: self.real_calls().filter(|c| c.internal_traffic()).count(),
            pbx_unknown_events: self.unknown_events.clone(),
            pbx_control_chars_removed: self.control_chars_removed,
            pbx_cdr_utc: self.cdr_utc,
            pbx_clock_checks: self.clock_checks.clone(),
        }
    }
}

/// Reads every PBX log under DATA/pbx/ in parallel and gathers the calls. Absent folder: no PBX data.
/// `members` gives the extension of a queue member logged by name (see `Roster::member_extension`).
pub fn load_pbx(
    data: &Path,
    options: &PbxReadOptions,
    members: Members,
) -> Result<PbxData, walkdir::Error> {
    let folder = data.join("pbx");
    if !folder.is_dir() {
        return Ok(PbxData::default());
    }
    let files = list_files(&folder)?;
    let read: Vec<(String, Result<PbxLog, Rejection>)> = files
        .par_iter()
        .map(|path| {
            let source = relative_masked(path, data);
            let log = read_pbx(path, options)
                .map_err(|e| Rejection::file(source.clone(), e.line, e.reason));
            (source, log)
        })
        .collect();
    let mut pbx = PbxData {
        files_read: files.len(),
        cdr_utc: options.cdr_times_utc,
        ..PbxData::default()
    };
    let mut logs = Vec::new();
    for (source, log) in read {
        match log {
            Ok(log) => {
                for (line, reason) in &log.bad_lines {
                    pbx.rejected.push(Rejection {
                        source_file: source.clone(),
                        line: Some(*line),
                        reason: reason.clone(),
                        scope: "line",
                    });
                }
                pbx.lines_skipped += log.bad_lines.len();
                for (event, n) in &log.unknown_events {
                    *pbx.unknown_events.entry(event.clone()).or_default() += n;
                }
                pbx.control_chars_removed += log.control_chars_removed;
                if let (Some(check), Some(kind)) = (log.clock, log.kind) {
                    pbx.clock_checks.push(ClockCheckRun {
                        file: source.clone(),
                        log: kind,
                        check,
                    });
                }
                logs.push(log);
            }
            Err(rejection) => pbx.rejected.push(rejection),
        }
    }
    pbx.calls = crate::pbx::index(&logs, members);
    Ok(pbx)
}

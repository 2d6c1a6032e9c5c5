//! A results folder's calibration: callqa's verdicts (criteria.csv), the rubrics the run used
//! (rubric.toml and the channel rubrics `rubric.<id>.toml`) and the supervisors' evaluations (the
//! folder's evaluations.csv, or files given on the command line), handed to `crate::calibrate`.
//! Shared by `callqa calibrate` and the monthly report, which links calibracion.html when the folder
//! has evaluations.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::ReportError;
use crate::calibrate::{Calibration, CallqaVerdict, calibrate};
use crate::evaluation::{BadRow, Context, Evaluations, interpret};
use crate::input::evaluations::read_all;
use crate::link::Roster;
use crate::model::Outcome;
use crate::results::{
    CriterionRow, EvaluationRow, InteractionRow, read_rows, read_rows_where, result_folders,
};
use crate::rubric::{self, Catalog, ChannelRubric, Rubric};
use crate::text::clock;

/// The file callqa keeps a run's evaluations in.
pub const EVALUATIONS_FILE: &str = "evaluations.csv";

/// Everything a calibration page needs.
pub struct Calibrated {
    pub calibration: Calibration,
    pub evaluations: Evaluations,
    pub catalog: Catalog,
    /// Evaluation files read.
    pub files_read: usize,
}

fn read_error(path: &Path, e: impl std::fmt::Display) -> ReportError {
    ReportError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Does the results folder (or one of its shards) hold supervisors' evaluations?
pub fn has_evaluations(results: &Path) -> bool {
    result_folders(results)
        .iter()
        .any(|part| part.join(EVALUATIONS_FILE).is_file())
}

/// The run's catalogue: rubric.toml (else the embedded rubric) and every `rubric.<id>.toml` beside it
/// (else the embedded face-to-face rubric), in the folder or its first shard.
pub fn folder_catalog(results: &Path) -> Result<Catalog, ReportError> {
    let results = result_folders(results).swap_remove(0);
    let results = results.as_path();
    let path = results.join("rubric.toml");
    let scoring = match std::fs::read_to_string(&path) {
        Ok(text) => rubric::load_str(&text, &path.display().to_string())
            .map_err(|e| read_error(&path, e))?,
        Err(_) => Rubric::default_rubric(),
    };
    let mut channel_rubrics = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(results)
        .map_err(|e| read_error(results, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.starts_with("rubric.") && name.ends_with(".toml") && name != "rubric.toml"
        })
        .collect();
    names.sort();
    for path in names {
        channel_rubrics.push(
            crate::written::rubric::load_any_channel_file(&path)
                .map_err(|e| read_error(&path, e))?,
        );
    }
    if channel_rubrics.is_empty() {
        channel_rubrics.push(ChannelRubric::default_presencial());
    }
    Catalog::new(&scoring, &channel_rubrics).map_err(|e| read_error(results, e))
}

/// Calibrates a results folder against `files` (evaluation files or folders), or against the
/// evaluations the folder holds (every shard's evaluations.csv) when `files` is empty. callqa's
/// verdicts are read for the recorded calls evaluated only, so a large folder is streamed through.
pub fn calibrate_folder(results: &Path, files: &[PathBuf]) -> Result<Calibrated, ReportError> {
    let parts = result_folders(results);
    let catalog = folder_catalog(results)?;
    let (evaluations, files_read) = if files.is_empty() {
        own_evaluations(results, &parts)?
    } else {
        sheet_evaluations(&parts, files, &catalog)?
    };
    let evaluated: BTreeSet<&str> = evaluations
        .rows
        .iter()
        .filter(|e| e.recorded)
        .map(|e| e.interaction_id.as_str())
        .collect();
    let mut callqa = Vec::new();
    for part in &parts {
        let path = part.join("criteria.csv");
        let rows = read_rows_where(&path, |r: &CriterionRow| {
            evaluated.contains(r.call_id.as_str())
        })
        .map_err(|e| read_error(&path, e))?;
        callqa.extend(rows.into_iter().map(|r| CallqaVerdict {
            outcome: Outcome::parse(&r.outcome).unwrap_or(Outcome::Na),
            at: r.at_s.map(clock).unwrap_or_default(),
            call_id: r.call_id,
            operator_id: r.operator_id,
            criterion: r.criterion,
            evidence: r.evidence,
            reason: r.reason,
            confidence: r.confidence,
        }));
    }
    let calibration = calibrate(&callqa, &evaluations, &catalog.ids());
    Ok(Calibrated {
        calibration,
        evaluations,
        catalog,
        files_read,
    })
}

/// The evaluations a scoring run kept: every part's evaluations.csv, read with its row struct.
fn own_evaluations(results: &Path, parts: &[PathBuf]) -> Result<(Evaluations, usize), ReportError> {
    let mut files = Vec::new();
    for part in parts {
        let path = part.join(EVALUATIONS_FILE);
        if path.is_file() {
            let rows = read_rows::<EvaluationRow>(&path).map_err(|e| read_error(&path, e))?;
            files.push((path.display().to_string(), rows));
        }
    }
    if files.is_empty() {
        return Err(ReportError::Data(format!(
            "{}: no evaluations.csv; give the evaluation files (CSV or Excel) after the results folder",
            results.display()
        )));
    }
    let read = files.len();
    Ok((Evaluations::from_rows(files), read))
}

/// Evaluation files given on the command line, understood against the calls the folder holds.
fn sheet_evaluations(
    parts: &[PathBuf],
    files: &[PathBuf],
    catalog: &Catalog,
) -> Result<(Evaluations, usize), ReportError> {
    let mut scored = BTreeSet::new();
    for part in parts {
        let path = part.join("interactions.csv");
        read_rows_where(&path, |r: &InteractionRow| {
            scored.insert(r.call_id.clone());
            false
        })
        .map_err(|e| read_error(&path, e))?;
    }
    let read = read_all(files, None);
    let roster = Roster::new(Vec::new());
    let context = Context {
        catalog,
        roster: &roster,
        scored_calls: &scored,
    };
    let mut evaluations = interpret(&read.sheets, &context);
    // Files that could not be read and entries not read are named like bad sheets.
    for (source_file, e) in read.failed.into_iter().chain(read.skipped) {
        evaluations.bad.push(BadRow {
            source_file,
            row: None,
            reason: e.reason,
            code: e.code,
        });
    }
    evaluations.bad.sort();
    Ok((evaluations, read.files_read))
}

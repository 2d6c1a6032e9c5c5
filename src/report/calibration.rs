//! A results folder's calibration: callqa's verdicts (criteria.csv), the rubrics the run used
//! (rubric.toml and the channel rubrics `rubric.<id>.toml`) and the supervisors' evaluations (the
//! folder's evaluations.csv, or files given on the command line), handed to `crate::calibrate`.
//! Shared by `callqa calibrate` and the monthly report, which links calibracion.html when the folder
//! has evaluations.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::ReportError;
use crate::calibrate::{CallqaVerdict, Calibration, calibrate};
use crate::evaluation::{BadRow, Context, Evaluations, interpret};
use crate::input::evaluations::read_all;
use crate::link::Roster;
use crate::model::Outcome;
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

/// Does the results folder hold supervisors' evaluations?
pub fn has_evaluations(results: &Path) -> bool {
    results.join(EVALUATIONS_FILE).is_file()
}

/// The run's catalogue: rubric.toml (else the embedded rubric) and every `rubric.<id>.toml` beside it
/// (else the embedded face-to-face rubric).
pub fn folder_catalog(results: &Path) -> Result<Catalog, ReportError> {
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
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            name.starts_with("rubric.") && name.ends_with(".toml") && name != "rubric.toml"
        })
        .collect();
    names.sort();
    for path in names {
        channel_rubrics.push(rubric::load_channel_file(&path).map_err(|e| read_error(&path, e))?);
    }
    if channel_rubrics.is_empty() {
        channel_rubrics.push(ChannelRubric::default_presencial());
    }
    Catalog::new(&scoring, &channel_rubrics).map_err(|e| read_error(results, e))
}

/// Calibrates a results folder against `files` (evaluation files or folders), or against the
/// evaluations the folder holds when `files` is empty.
pub fn calibrate_folder(results: &Path, files: &[PathBuf]) -> Result<Calibrated, ReportError> {
    let criteria_path = results.join("criteria.csv");
    let records =
        crate::results::read_criteria(results).map_err(|e| read_error(&criteria_path, e))?;
    let catalog = folder_catalog(results)?;
    let scored: BTreeSet<String> = records.iter().map(|r| r.call_id.clone()).collect();
    let (sheets, failed, files_read) = if files.is_empty() {
        let own = results.join(EVALUATIONS_FILE);
        if !own.is_file() {
            return Err(ReportError::Data(format!(
                "{}: no evaluations.csv; give the evaluation files (CSV or Excel) after the results \
                 folder",
                results.display()
            )));
        }
        read_all(&[own], Some(results))
    } else {
        read_all(files, None)
    };
    let roster = Roster::new(Vec::new());
    let context = Context {
        catalog: &catalog,
        roster: &roster,
        scored_calls: &scored,
    };
    let mut evaluations = interpret(&sheets, &context);
    for (source_file, e) in failed {
        evaluations.bad.push(BadRow {
            source_file,
            row: None,
            reason: e.reason,
        });
    }
    evaluations.bad.sort();
    let callqa: Vec<CallqaVerdict> = records
        .into_iter()
        .map(|r| CallqaVerdict {
            outcome: Outcome::parse(&r.outcome).unwrap_or(Outcome::Na),
            at: r.at_s.map(clock).unwrap_or_default(),
            call_id: r.call_id,
            operator_id: r.operator_id,
            criterion: r.criterion,
            evidence: r.evidence,
            reason: r.reason,
            confidence: r.confidence,
        })
        .collect();
    let calibration = calibrate(&callqa, &evaluations, &catalog.ids());
    Ok(Calibrated {
        calibration,
        evaluations,
        catalog,
        files_read,
    })
}

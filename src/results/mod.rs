//! The results folder: what `score` writes and `explain` and `report` read.
//!
//! ```text
//! criteria.csv / .parquet      one row per call and criterion
//! interactions.csv / .parquet  one row per call
//! rejected.csv                 every input that could not be scored, with the reason
//! run.json                     tool and rubric version, rubric sha256, counts
//! rubric.toml                  the rubric the run used, byte for byte
//! ```
//!
//! Rows become a `Table` once; each format (`csv`, `parquet`) only turns a table into bytes. The folder
//! is created and checked before any work starts, so a bad path fails early.

mod csv_out;
pub mod lines;
mod parquet_out;
mod read;
mod tables;

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use read::{CriterionRecord, InteractionRecord, read_criteria, read_interactions};
pub use tables::{
    CRITERIA_COLUMNS, Cell, INTERACTION_COLUMNS, Table, criteria_rows, interaction_row, lima_iso,
    lima_iso_in, rejected_table, relative_masked,
};

#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> ResultsError {
    ResultsError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// An input that could not be scored.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rejection {
    /// Path relative to the data folder.
    pub source_file: String,
    pub line: Option<usize>,
    pub reason: String,
    /// "file" when the whole file was left out, "line" when one line of a PBX log was skipped.
    pub scope: &'static str,
}

impl Rejection {
    pub fn file(
        source_file: impl Into<String>,
        line: Option<usize>,
        reason: impl Into<String>,
    ) -> Rejection {
        Rejection {
            source_file: source_file.into(),
            line,
            reason: reason.into(),
            scope: "file",
        }
    }
}

/// What run.json records.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    pub tool: &'static str,
    pub tool_version: &'static str,
    pub rubric_id: String,
    pub rubric_version: String,
    pub rubric_sha256: String,
    pub rubric_file: String,
    pub data: String,
    pub files_read: usize,
    pub calls_scored: usize,
    pub files_rejected: usize,
    pub roster_operators: usize,
    #[serde(flatten)]
    pub pbx: PbxRunInfo,
    pub transcripts_without_pbx: usize,
    pub pbx_calls_without_transcript: usize,
    /// Supervisors' evaluations read from DATA/evaluations/ and what they changed.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub evaluations: Option<crate::evaluation::EvaluationRunInfo>,
    pub started_at: String,
    pub elapsed_s: f64,
}

/// What run.json records of the PBX logs, for `score` and `lines` alike.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PbxRunInfo {
    pub pbx_files_read: usize,
    /// PBX log lines skipped (each listed in rejected.csv).
    pub pbx_lines_skipped: usize,
    /// Calls the logs mention (offered, outbound and internal).
    pub pbx_calls: usize,
    /// Internal calls and transfer consultations, not offered.
    pub pbx_internal_calls: usize,
    /// Events the PBX logs carried that callqa keeps but does not interpret, with their counts.
    pub pbx_unknown_events: std::collections::BTreeMap<String, usize>,
    /// NUL and other control characters dropped from the logs before reading.
    pub pbx_control_chars_removed: usize,
    /// The CDR's times were read as UTC because `--cdr-utc` said so (no clock check on the CDR).
    pub pbx_cdr_utc: bool,
    /// Per CDR or CEL file, its written times against the epoch in its uniqueids.
    pub pbx_clock_checks: Vec<ClockCheckRun>,
}

/// One file's clock check (see `model::ClockCheck`).
#[derive(Debug, Clone, Serialize)]
pub struct ClockCheckRun {
    pub file: String,
    pub log: crate::model::PbxLogKind,
    #[serde(flatten)]
    pub check: crate::model::ClockCheck,
}

/// What run.json records for `callqa lines`.
#[derive(Debug, Clone, Serialize)]
pub struct LinesRunInfo {
    pub tool: &'static str,
    pub tool_version: &'static str,
    pub command: &'static str,
    pub data: String,
    /// PBX logs read, plus operators.csv when present.
    pub files_read: usize,
    pub files_rejected: usize,
    pub roster_operators: usize,
    #[serde(flatten)]
    pub pbx: PbxRunInfo,
    pub offered: usize,
    pub answered: usize,
    pub lost: usize,
    pub started_at: String,
    pub elapsed_s: f64,
}

/// A results folder, created and checked up front.
pub struct ResultsDir {
    pub path: PathBuf,
}

impl ResultsDir {
    /// Creates the folder (and parents) and checks that it can be written.
    pub fn create(path: &Path) -> Result<ResultsDir, ResultsError> {
        fs::create_dir_all(path)
            .map_err(|e| io_error(path, format!("cannot create the results folder: {e}")))?;
        let probe = path.join(".callqa-write-check");
        fs::write(&probe, b"")
            .map_err(|e| io_error(path, format!("cannot write in the results folder: {e}")))?;
        let _ = fs::remove_file(&probe);
        Ok(ResultsDir {
            path: path.to_path_buf(),
        })
    }

    /// Writes every file of the folder. Rows must already be in their final order.
    pub fn write(
        &self,
        criteria: &Table,
        interactions: &Table,
        rubric: &crate::rubric::Rubric,
        rejected: &[Rejection],
        run: &RunInfo,
    ) -> Result<(), ResultsError> {
        for (name, table) in [("criteria", criteria), ("interactions", interactions)] {
            self.put(&format!("{name}.csv"), &csv_out::to_bytes(table))?;
            let parquet = parquet_out::to_bytes(table)
                .map_err(|e| io_error(&self.path.join(format!("{name}.parquet")), e))?;
            self.put(&format!("{name}.parquet"), &parquet)?;
        }
        self.put(
            "rejected.csv",
            &csv_out::to_bytes(&tables::rejected_table(rejected)),
        )?;
        let json =
            serde_json::to_vec_pretty(run).map_err(|e| io_error(&self.path.join("run.json"), e))?;
        self.put("run.json", &json)?;
        self.put("rubric.toml", rubric.text.as_bytes())?;
        Ok(())
    }

    /// Writes `NAME.csv`, and `NAME.parquet` when asked.
    pub fn put_table(&self, name: &str, table: &Table, parquet: bool) -> Result<(), ResultsError> {
        self.put(&format!("{name}.csv"), &csv_out::to_bytes(table))?;
        if parquet {
            let path = self.path.join(format!("{name}.parquet"));
            let bytes = parquet_out::to_bytes(table).map_err(|e| io_error(&path, e))?;
            self.put(&format!("{name}.parquet"), &bytes)?;
        }
        Ok(())
    }

    /// Writes the line review's five tables (CSV and Parquet).
    pub fn write_lines(
        &self,
        review: &crate::pbx::lines::LineReview,
        tz: &jiff::tz::TimeZone,
    ) -> Result<(), ResultsError> {
        self.put_table("lines_daily", &lines::daily_table(review), true)?;
        self.put_table("lines_hourly", &lines::hourly_table(review), true)?;
        self.put_table("extensions", &lines::extensions_table(review), true)?;
        self.put_table("lost_calls", &lines::lost_calls_table(review, tz), true)?;
        self.put_table(
            "internal_calls",
            &lines::internal_calls_table(review, tz),
            true,
        )
    }

    /// Writes run.json for a `lines` run.
    pub fn write_lines_run(&self, run: &LinesRunInfo) -> Result<(), ResultsError> {
        let json =
            serde_json::to_vec_pretty(run).map_err(|e| io_error(&self.path.join("run.json"), e))?;
        self.put("run.json", &json)
    }

    fn put(&self, name: &str, bytes: &[u8]) -> Result<(), ResultsError> {
        let path = self.path.join(name);
        fs::write(&path, bytes).map_err(|e| io_error(&path, e))
    }
}

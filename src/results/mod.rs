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
    pub pbx_files_read: usize,
    pub pbx_lines_skipped: usize,
    pub pbx_calls: usize,
    pub transcripts_without_pbx: usize,
    pub pbx_calls_without_transcript: usize,
    /// Events the PBX logs carried that callqa keeps but does not interpret, with their counts.
    pub pbx_unknown_events: std::collections::BTreeMap<String, usize>,
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

    /// Writes the line review's four tables (CSV and Parquet).
    pub fn write_lines(
        &self,
        review: &crate::pbx::lines::LineReview,
        tz: &jiff::tz::TimeZone,
    ) -> Result<(), ResultsError> {
        self.put_table("lines_daily", &lines::daily_table(review), true)?;
        self.put_table("lines_hourly", &lines::hourly_table(review), true)?;
        self.put_table("extensions", &lines::extensions_table(review), true)?;
        self.put_table("lost_calls", &lines::lost_calls_table(review, tz), true)
    }

    fn put(&self, name: &str, bytes: &[u8]) -> Result<(), ResultsError> {
        let path = self.path.join(name);
        fs::write(&path, bytes).map_err(|e| io_error(&path, e))
    }
}

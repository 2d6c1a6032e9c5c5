//! The results folder: what `score` writes and `explain` and `report` read.
//!
//! ```text
//! criteria.csv / .parquet      one row per call and criterion (with each verdict's confidence)
//! interactions.csv / .parquet  one row per call
//! revisar.csv                  the review queue: low-confidence verdicts, most score-changing first
//! rejected.csv                 every input that could not be scored, with the reason
//! run.json                     tool and rubric version, rubric sha256, counts
//! rubric.toml                  the rubric the run used, byte for byte
//! rubric.<id>.toml             the channel rubrics (face to face) supervisors' evaluations used
//! evaluations.csv              supervisors' verdicts read from DATA/evaluations/ (when there are any)
//! reviewed_criteria / reviewed_interactions (.csv, .parquet)
//!                              the rows supervisors' verdicts replace or add (same schemas)
//! ```
//!
//! A results folder also holds criteria and interactions as Hive-partitioned Parquet datasets
//! (`criteria/month=YYYY-MM/part-KKKKK-of-NNNNN.parquet`, `interactions/...`); a sharded run (`--shard
//! K/N`) writes its part of them into the shared folder and its own files into `shards/K-of-N/`.
//!
//! Each table is one row struct (`row.rs`, `tables.rs`, `lines.rs`, `supervision.rs`) that the
//! streaming writers (`writer.rs`) and every reader share. The folder is created and checked before
//! any work starts, so a bad path fails early.

pub mod lines;
mod read;
pub mod row;
mod staging;
pub mod supervision;
mod tables;
pub mod writer;
pub mod written;

use std::fs;
use std::path::{Path, PathBuf};

use crate::input::InputError;
use crate::model::Problem;
use serde::Serialize;

pub use read::{read_rows, read_rows_where};
pub use row::Row;
pub(crate) use row::output_row;
pub use staging::Staging;
pub use supervision::{CalibrationRow, EvaluationRow, ReviewQueue, ReviewRow};
pub use tables::{
    CriterionRow, InteractionRow, PBX_ONLY, RejectedRow, TRANSCRIPT_ONLY, UnmatchedRow,
    criteria_rows, interaction_row, iso_in, rejected_rows, relative_masked,
};
pub use writer::{DatasetWriter, Part, TableWriter};

/// The folders of the partitioned datasets inside a results folder.
pub const CRITERIA_DATASET: &str = "criteria";
pub const INTERACTIONS_DATASET: &str = "interactions";
/// Where each shard of a sharded run keeps its own files.
pub const SHARDS_DIR: &str = "shards";

/// The folder a run's own files go to: the results folder itself, or `shards/K-of-N/` in it.
pub fn part_folder(root: &Path, part: Part) -> PathBuf {
    if part.count <= 1 {
        root.to_path_buf()
    } else {
        root.join(SHARDS_DIR)
            .join(format!("{:05}-of-{:05}", part.index, part.count))
    }
}

/// The folders of a results folder that hold a run's own files (run.json, the CSV tables): the folder
/// itself when it has them, then its shards in order. The folder alone when none has them, so a
/// reader's error names it.
pub fn result_folders(root: &Path) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    if root.join("run.json").exists() || root.join("interactions.csv").exists() {
        folders.push(root.to_path_buf());
    }
    if let Ok(entries) = fs::read_dir(root.join(SHARDS_DIR)) {
        let mut shards: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join("run.json").exists())
            .collect();
        shards.sort();
        folders.extend(shards);
    }
    if folders.is_empty() {
        folders.push(root.to_path_buf());
    }
    folders
}

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

/// How much of an input a rejection leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The whole file was read and left out.
    File,
    /// One line of a log or roster was skipped; the rest of the file was kept.
    Line,
    /// The entry was not read at all (hidden, a link already followed, a loop).
    Skipped,
    /// One row of a supervisor's evaluation sheet was left out; the other rows were read.
    Row,
    /// A column of an evaluation sheet was ignored, or the whole sheet left out.
    Sheet,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::File => "file",
            Scope::Line => "line",
            Scope::Skipped => "skipped",
            Scope::Row => "row",
            Scope::Sheet => "sheet",
        }
    }
}

/// An input, or part of one, that was not scored: `code` for scripts, `reason` in Spanish for people.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rejection {
    /// Path relative to the data folder.
    pub source_file: String,
    pub line: Option<usize>,
    pub scope: Scope,
    pub code: Problem,
    pub reason: String,
}

impl Rejection {
    /// The whole file left out, for `error`'s reason.
    pub fn file(source_file: impl Into<String>, error: InputError) -> Rejection {
        Rejection {
            source_file: source_file.into(),
            line: error.line,
            scope: Scope::File,
            code: error.code,
            reason: error.reason,
        }
    }

    /// The whole file left out, for a reason found after reading it.
    pub fn whole(
        source_file: impl Into<String>,
        code: Problem,
        reason: impl Into<String>,
    ) -> Rejection {
        Rejection {
            source_file: source_file.into(),
            line: None,
            scope: Scope::File,
            code,
            reason: reason.into(),
        }
    }

    /// One line skipped, the rest of the file kept.
    pub fn line(
        source_file: impl Into<String>,
        line: Option<usize>,
        code: Problem,
        reason: impl Into<String>,
    ) -> Rejection {
        Rejection {
            source_file: source_file.into(),
            line,
            scope: Scope::Line,
            code,
            reason: reason.into(),
        }
    }

    /// An entry not read.
    pub fn skipped(
        source_file: impl Into<String>,
        code: Problem,
        reason: impl Into<String>,
    ) -> Rejection {
        Rejection {
            source_file: source_file.into(),
            line: None,
            scope: Scope::Skipped,
            code,
            reason: reason.into(),
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
    /// Files left out whole (rejected.csv, scope `file`).
    pub files_rejected: usize,
    /// Lines of PBX logs and of the roster skipped, the rest of their files kept (scope `line`).
    pub lines_rejected: usize,
    /// Entries not read: hidden, links already followed or looping, not callqa's (scope `skipped`).
    pub entries_skipped: usize,
    pub roster_operators: usize,
    #[serde(flatten)]
    pub pbx: PbxRunInfo,
    pub transcripts_without_pbx: usize,
    pub pbx_calls_without_transcript: usize,
    /// Supervisors' evaluations read from DATA/evaluations/ and what they changed (this shard's part of
    /// them in a sharded run).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub evaluations: Option<crate::evaluation::EvaluationRunInfo>,
    /// Which shard of the calls this run scored (0-based) and how many there are: 0 and 1 unsharded.
    pub shard_index: u32,
    pub shard_count: u32,
    /// The written channels (e-mail, Facebook): their rubric, files, threads, replies and backlog.
    #[serde(flatten)]
    pub written: written::WrittenRunInfo,
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
    /// Per CDR or CEL file (per batch of 65,536 rows of a streamed CDR), its written times against the
    /// epoch in its uniqueids.
    pub pbx_clock_checks: Vec<ClockCheckRun>,
}

/// One file's clock check (see `model::ClockCheck`).
#[derive(Debug, Clone, Serialize)]
pub struct ClockCheckRun {
    pub file: String,
    pub log: crate::model::PbxLogKind,
    #[serde(flatten)]
    pub check: crate::input::ClockCheck,
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
    pub lines_rejected: usize,
    pub entries_skipped: usize,
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

    /// Writes the files that close a run: rejected.csv, run.json and rubric.toml.
    pub fn write_run(
        &self,
        rubric: &crate::rubric::Rubric,
        rejected: &[Rejection],
        run: &RunInfo,
    ) -> Result<(), ResultsError> {
        self.put_rows("rejected", &tables::rejected_rows(rejected), false)?;
        let json =
            serde_json::to_vec_pretty(run).map_err(|e| io_error(&self.path.join("run.json"), e))?;
        self.put("run.json", &json)?;
        self.put("rubric.toml", rubric.text.as_bytes())
    }

    /// Writes `NAME.csv`, and `NAME.parquet` when asked.
    pub fn put_rows<R: Row>(
        &self,
        name: &str,
        rows: &[R],
        parquet: bool,
    ) -> Result<(), ResultsError> {
        TableWriter::create(&self.path, name, parquet)?.write_all(rows)
    }

    /// Writes the line review's five tables (CSV and Parquet).
    pub fn write_lines(
        &self,
        review: &crate::pbx::lines::LineReview,
        tz: &jiff::tz::TimeZone,
    ) -> Result<(), ResultsError> {
        self.put_rows("lines_daily", &lines::daily_rows(review), true)?;
        self.put_rows("lines_hourly", &lines::hourly_rows(review), true)?;
        self.put_rows("extensions", &lines::extension_rows(review), true)?;
        self.put_rows("lost_calls", &lines::lost_call_rows(review, tz), true)?;
        self.put_rows(
            "internal_calls",
            &lines::internal_call_rows(review, tz),
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

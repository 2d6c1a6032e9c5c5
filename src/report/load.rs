//! Reading what a results folder holds besides the verdicts: run.json, rubric.toml, rejected.csv,
//! pbx_unmatched.csv, the review queue (revisar.csv), whether supervisors' evaluations are there, and
//! the line review (lines_daily, extensions and lost_calls, read from their Parquet files with
//! polars), each into the row struct its writer uses. Every file but the verdicts is optional: a folder scored without PBX
//! logs has no line review, and the report says so. Errors name the file and, for CSV, the line.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::ReportError;
use super::scan::read_rows;

/// The parts of run.json the report shows.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RunSummary {
    pub tool_version: String,
    pub rubric_id: String,
    pub rubric_version: String,
    pub rubric_sha256: String,
    pub data: String,
    pub files_read: u64,
    pub calls_scored: u64,
    pub files_rejected: u64,
    pub pbx_files_read: u64,
    pub pbx_calls: u64,
}

/// A rejected input, as rejected.csv holds it.
pub type Rejected = crate::results::RejectedRow;
/// A row of pbx_unmatched.csv.
pub type Unmatched = crate::results::UnmatchedRow;
/// One day of the line review.
pub type Day = crate::results::lines::DailyRow;
pub type Extension = crate::results::lines::ExtensionRow;
pub type LostCall = crate::results::lines::LostCallRow;
/// One verdict of the review queue (revisar.csv).
pub type ReviewItem = crate::results::ReviewRow;

/// The line review of one folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lines {
    /// Days only (the period's total row of lines_daily is left out).
    pub days: Vec<Day>,
    pub extensions: Vec<Extension>,
    pub lost_calls: Vec<LostCall>,
}

/// One results folder's side files.
#[derive(Debug, Clone)]
pub struct Folder {
    pub path: PathBuf,
    pub run: Option<RunSummary>,
    pub rubric_text: Option<String>,
    pub rejected: Vec<Rejected>,
    pub unmatched: Vec<Unmatched>,
    pub lines: Option<Lines>,
    /// The head of the review queue: its first `REVIEW_SHOWN` low-confidence verdicts, most
    /// score-changing first (empty in older folders).
    pub review: Vec<ReviewItem>,
    /// How many verdicts the whole queue holds (every shard's).
    pub review_count: usize,
    /// The folder holds supervisors' evaluations (evaluations.csv).
    pub has_evaluations: bool,
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> ReportError {
    ReportError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Reads a results folder's side files. A folder that sharded runs wrote into has them once per shard
/// (`shards/K-of-N/`): their counts are added up, their rejections and unmatched calls put back into
/// the order one unsharded run writes them (the review queue too), and the line review is the one
/// shard 0 wrote.
pub fn load_folder(path: &Path) -> Result<Folder, ReportError> {
    if !path.is_dir() {
        return Err(io_error(
            path,
            "not a folder (expected a callqa results folder)",
        ));
    }
    let parts = crate::results::result_folders(path);
    let mut folder = Folder {
        path: path.to_path_buf(),
        run: None,
        rubric_text: None,
        rejected: Vec::new(),
        unmatched: Vec::new(),
        lines: None,
        review: Vec::new(),
        review_count: 0,
        has_evaluations: false,
    };
    for part in &parts {
        let run_path = part.join("run.json");
        if let Some(text) = optional_text(&run_path)? {
            let run: RunSummary =
                serde_json::from_str(&text).map_err(|e| io_error(&run_path, e))?;
            folder.run = Some(match folder.run.take() {
                Some(sum) => sum.plus(&run),
                None => run,
            });
        }
        let rubric_path = part.join("rubric.toml");
        if let Some(text) = optional_text(&rubric_path)? {
            match &folder.rubric_text {
                Some(first) if *first != text => {
                    return Err(io_error(
                        &rubric_path,
                        "this shard was scored with another rubric than the others",
                    ));
                }
                Some(_) => {}
                None => folder.rubric_text = Some(text),
            }
        }
        folder
            .rejected
            .extend(optional_csv::<Rejected>(&part.join("rejected.csv"))?);
        folder
            .unmatched
            .extend(optional_csv::<Unmatched>(&part.join("pbx_unmatched.csv"))?);
        let (head, count) = review_head(&part.join("revisar.csv"))?;
        folder.review.extend(head);
        folder.review_count += count;
        folder.has_evaluations |= super::calibration::has_evaluations(part);
        if folder.lines.is_none() {
            folder.lines = read_lines(part)?;
        }
    }
    if parts.len() > 1 {
        folder.rejected.sort_by(|a, b| {
            (&a.source_file, a.line, &a.reason).cmp(&(&b.source_file, b.line, &b.reason))
        });
        folder
            .unmatched
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        // A call's verdicts are all in one shard, in their order: a stable sort merges the queues.
        folder.review.sort_by(ReviewItem::queue_order);
        folder.review.truncate(REVIEW_SHOWN);
    }
    Ok(folder)
}

impl RunSummary {
    /// Two shards' summaries as one run's: counts added, the rest from the first.
    fn plus(mut self, other: &RunSummary) -> RunSummary {
        self.files_read += other.files_read;
        self.calls_scored += other.calls_scored;
        self.files_rejected += other.files_rejected;
        self.pbx_files_read += other.pbx_files_read;
        self.pbx_calls += other.pbx_calls;
        self
    }
}

/// How many verdicts of the review queue the report lists (the CSV in the results folder has them all).
pub const REVIEW_SHOWN: usize = 200;

/// The first `REVIEW_SHOWN` rows of a revisar.csv (written in queue order) and how many it has: the
/// rest is counted, not kept.
fn review_head(path: &Path) -> Result<(Vec<ReviewItem>, usize), ReportError> {
    if !path.exists() {
        return Ok((Vec::new(), 0));
    }
    let mut count = 0;
    let head = crate::results::read_rows_where(path, |_: &ReviewItem| {
        count += 1;
        count <= REVIEW_SHOWN
    })
    .map_err(|e| ReportError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok((head, count))
}

fn optional_text(path: &Path) -> Result<Option<String>, ReportError> {
    if !path.exists() {
        return Ok(None);
    }
    fs::read_to_string(path)
        .map(Some)
        .map_err(|e| io_error(path, e))
}

fn optional_csv<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, ReportError> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut reader = csv::Reader::from_path(path).map_err(|e| io_error(path, e))?;
    let mut rows = Vec::new();
    for (index, row) in reader.deserialize().enumerate() {
        // Line 1 is the header.
        rows.push(row.map_err(|e| io_error(path, format!("line {}: {e}", index + 2)))?);
    }
    Ok(rows)
}

/// The line review, when the folder has one (lines_daily.parquet present).
fn read_lines(folder: &Path) -> Result<Option<Lines>, ReportError> {
    let daily = folder.join("lines_daily.parquet");
    if !daily.exists() {
        return Ok(None);
    }
    let days: Vec<Day> = read_rows::<Day>(
        &daily,
        &[
            "date",
            "offered",
            "answered",
            "lost",
            "lost_at_entry",
            "lost_at_extension",
            "lost_rate",
            "service_level",
        ],
    )?
    .into_iter()
    // The last row sums the period ("2026-11" or "first/last"): days have ten characters.
    .filter(|day| day.date.len() == 10)
    .collect();
    let path = folder.join("extensions.parquet");
    let extensions = if path.exists() {
        read_rows::<Extension>(
            &path,
            &[
                "extension",
                "rings_unanswered",
                "busy",
                "failed",
                "handled",
                "suspect",
                "evidence",
            ],
        )?
    } else {
        Vec::new()
    };
    let path = folder.join("lost_calls.parquet");
    let lost_calls = if path.exists() {
        read_rows::<LostCall>(&path, &["call_id", "started_at", "caller", "cause"])?
    } else {
        Vec::new()
    };
    Ok(Some(Lines {
        days,
        extensions,
        lost_calls,
    }))
}

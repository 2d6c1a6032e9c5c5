//! Reading what a results folder holds besides the verdicts: run.json, rubric.toml, rejected.csv,
//! pbx_unmatched.csv and the line review (lines_daily, extensions and lost_calls, read from their
//! Parquet files with polars). Every file but the verdicts is optional: a folder scored without PBX
//! logs has no line review, and the report says so. Errors name the file and, for CSV, the line.

use std::fs;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use serde::Deserialize;

use super::ReportError;
use super::scan::{floats, ints, read_typed, strings};

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

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Rejected {
    pub source_file: String,
    pub line: Option<u64>,
    pub scope: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Unmatched {
    pub call_id: String,
    /// `transcript_without_pbx` or `pbx_without_transcript`.
    pub side: String,
    pub started_at: String,
    pub queue: String,
    pub extension: String,
    pub outcome: String,
    pub source_file: String,
}

/// One verdict of the review queue (revisar.csv).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ReviewItem {
    pub call_id: String,
    pub operator_id: String,
    pub channel: String,
    pub criterion: String,
    pub outcome: String,
    pub critical: bool,
    pub score_impact: Option<f64>,
    pub at: String,
    pub evidence: String,
    pub reason: String,
    pub doubts: String,
}

/// One day of the line review.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Day {
    pub date: String,
    pub offered: u64,
    pub answered: u64,
    pub lost: u64,
    pub lost_at_entry: u64,
    pub lost_at_extension: u64,
    pub lost_rate: Option<f64>,
    pub service_level: Option<f64>,
    pub avg_wait_s: Option<f64>,
    pub p90_wait_s: Option<f64>,
    pub avg_handle_s: Option<f64>,
    /// Internal traffic that day (0 in folders written before the column existed).
    pub internal_calls: u64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extension {
    pub extension: String,
    pub rings_unanswered: u64,
    pub busy: u64,
    pub failed: u64,
    pub handled: u64,
    pub suspect: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LostCall {
    pub call_id: String,
    pub started_at: String,
    pub queue: String,
    pub wait_s: Option<f64>,
    /// The whole number as the results folder keeps it; masked before any page shows it.
    pub caller: String,
    pub cause: String,
    pub end_event: String,
    pub rang: String,
}

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
    /// The low-confidence verdicts, most score-changing first (empty in older folders).
    pub review: Vec<ReviewItem>,
    /// The folder holds supervisors' evaluations (evaluations.csv).
    pub has_evaluations: bool,
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> ReportError {
    ReportError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

pub fn load_folder(path: &Path) -> Result<Folder, ReportError> {
    if !path.is_dir() {
        return Err(io_error(
            path,
            "not a folder (expected a callqa results folder)",
        ));
    }
    let run_path = path.join("run.json");
    let run = match optional_text(&run_path)? {
        Some(text) => Some(serde_json::from_str(&text).map_err(|e| io_error(&run_path, e))?),
        None => None,
    };
    Ok(Folder {
        path: path.to_path_buf(),
        run,
        rubric_text: optional_text(&path.join("rubric.toml"))?,
        rejected: optional_csv(&path.join("rejected.csv"))?,
        unmatched: optional_csv(&path.join("pbx_unmatched.csv"))?,
        lines: read_lines(path)?,
        review: optional_csv(&path.join("revisar.csv"))?,
        has_evaluations: super::calibration::has_evaluations(path),
    })
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

const DAY_COLUMNS: &[(&str, DataType, bool)] = &[
    ("date", DataType::String, true),
    ("offered", DataType::Int64, true),
    ("answered", DataType::Int64, true),
    ("lost", DataType::Int64, true),
    ("lost_at_entry", DataType::Int64, true),
    ("lost_at_extension", DataType::Int64, true),
    ("lost_rate", DataType::Float64, true),
    ("service_level", DataType::Float64, true),
    ("avg_wait_s", DataType::Float64, false),
    ("p90_wait_s", DataType::Float64, false),
    ("avg_handle_s", DataType::Float64, false),
    ("internal_calls", DataType::Int64, false),
];

const EXTENSION_COLUMNS: &[(&str, DataType, bool)] = &[
    ("extension", DataType::String, true),
    ("rings_unanswered", DataType::Int64, true),
    ("busy", DataType::Int64, true),
    ("failed", DataType::Int64, true),
    ("handled", DataType::Int64, true),
    ("suspect", DataType::String, true),
    ("evidence", DataType::String, true),
];

const LOST_COLUMNS: &[(&str, DataType, bool)] = &[
    ("call_id", DataType::String, true),
    ("started_at", DataType::String, true),
    ("queue", DataType::String, false),
    ("wait_s", DataType::Float64, false),
    ("caller", DataType::String, true),
    ("cause", DataType::String, true),
    ("end_event", DataType::String, false),
    ("rang", DataType::String, false),
];

/// The line review, when the folder has one (lines_daily.parquet present).
fn read_lines(folder: &Path) -> Result<Option<Lines>, ReportError> {
    let daily = folder.join("lines_daily.parquet");
    if !daily.exists() {
        return Ok(None);
    }
    let df = read_typed(&daily, DAY_COLUMNS)?;
    let days = day_rows(&df).map_err(|e| io_error(&daily, e))?;
    let path = folder.join("extensions.parquet");
    let extensions = if path.exists() {
        let df = read_typed(&path, EXTENSION_COLUMNS)?;
        extension_rows(&df).map_err(|e| io_error(&path, e))?
    } else {
        Vec::new()
    };
    let path = folder.join("lost_calls.parquet");
    let lost_calls = if path.exists() {
        let df = read_typed(&path, LOST_COLUMNS)?;
        lost_rows(&df).map_err(|e| io_error(&path, e))?
    } else {
        Vec::new()
    };
    Ok(Some(Lines {
        days,
        extensions,
        lost_calls,
    }))
}

fn day_rows(df: &DataFrame) -> PolarsResult<Vec<Day>> {
    let date = strings(df, "date")?;
    let [offered, answered, lost, entry, extension] = [
        "offered",
        "answered",
        "lost",
        "lost_at_entry",
        "lost_at_extension",
    ]
    .map(|c| ints(df, c));
    let (offered, answered, lost, entry, extension) =
        (offered?, answered?, lost?, entry?, extension?);
    let [lost_rate, service, wait, p90, handle] = [
        "lost_rate",
        "service_level",
        "avg_wait_s",
        "p90_wait_s",
        "avg_handle_s",
    ]
    .map(|c| floats(df, c));
    let (lost_rate, service, wait, p90, handle) = (lost_rate?, service?, wait?, p90?, handle?);
    let internal = ints(df, "internal_calls")?;
    Ok((0..df.height())
        // The last row sums the period ("2026-11" or "first/last"): days have ten characters.
        .filter(|&i| date[i].len() == 10)
        .map(|i| Day {
            date: date[i].clone(),
            offered: offered[i],
            answered: answered[i],
            lost: lost[i],
            lost_at_entry: entry[i],
            lost_at_extension: extension[i],
            lost_rate: lost_rate[i],
            service_level: service[i],
            avg_wait_s: wait[i],
            p90_wait_s: p90[i],
            avg_handle_s: handle[i],
            internal_calls: internal[i],
        })
        .collect())
}

fn extension_rows(df: &DataFrame) -> PolarsResult<Vec<Extension>> {
    let [extension, suspect, evidence] =
        ["extension", "suspect", "evidence"].map(|c| strings(df, c));
    let (extension, suspect, evidence) = (extension?, suspect?, evidence?);
    let [rings, busy, failed, handled] =
        ["rings_unanswered", "busy", "failed", "handled"].map(|c| ints(df, c));
    let (rings, busy, failed, handled) = (rings?, busy?, failed?, handled?);
    Ok((0..df.height())
        .map(|i| Extension {
            extension: extension[i].clone(),
            rings_unanswered: rings[i],
            busy: busy[i],
            failed: failed[i],
            handled: handled[i],
            suspect: suspect[i].clone(),
            evidence: evidence[i].clone(),
        })
        .collect())
}

fn lost_rows(df: &DataFrame) -> PolarsResult<Vec<LostCall>> {
    let [call, started, queue, caller, cause, end, rang] = [
        "call_id",
        "started_at",
        "queue",
        "caller",
        "cause",
        "end_event",
        "rang",
    ]
    .map(|c| strings(df, c));
    let (call, started, queue, caller) = (call?, started?, queue?, caller?);
    let (cause, end, rang) = (cause?, end?, rang?);
    let wait = floats(df, "wait_s")?;
    Ok((0..df.height())
        .map(|i| LostCall {
            call_id: call[i].clone(),
            started_at: started[i].clone(),
            queue: queue[i].clone(),
            wait_s: wait[i],
            caller: caller[i].clone(),
            cause: cause[i].clone(),
            end_event: end[i].clone(),
            rang: rang[i].clone(),
        })
        .collect())
}

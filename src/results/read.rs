//! Reading a results folder back (for `explain`): the CSV files, with errors naming file and line.

use std::path::Path;

use serde::Deserialize;

use super::{ResultsError, io_error};

#[derive(Debug, Clone, Deserialize)]
pub struct CriterionRecord {
    pub call_id: String,
    pub operator_id: String,
    pub criterion: String,
    pub section: String,
    pub outcome: String,
    pub critical: bool,
    pub weight: f64,
    pub at_s: Option<f64>,
    pub evidence: String,
    pub reason: String,
    pub source: String,
    /// `high` or `low`; empty in folders written before verdicts carried a confidence.
    #[serde(default)]
    pub confidence: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InteractionRecord {
    pub call_id: String,
    pub operator_id: String,
    pub operator_name: String,
    pub started_at: String,
    pub duration_s: Option<f64>,
    pub score: Option<f64>,
    pub critical_failed: String,
    pub n_pass: usize,
    pub n_fail: usize,
    pub n_na: usize,
    pub format: String,
    pub source_file: String,
    pub role_method: String,
    pub role_confidence: f64,
    pub role_detail: String,
    pub hold_s: f64,
    pub interruptions: Option<usize>,
    pub transferred: bool,
}

fn read_csv<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, ResultsError> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| io_error(path, e))?;
    let mut records = Vec::new();
    for (index, record) in reader.deserialize().enumerate() {
        // Line 1 is the header.
        let record = record.map_err(|e| io_error(path, format!("line {}: {e}", index + 2)))?;
        records.push(record);
    }
    Ok(records)
}

pub fn read_criteria(results: &Path) -> Result<Vec<CriterionRecord>, ResultsError> {
    read_csv(&results.join("criteria.csv"))
}

pub fn read_interactions(results: &Path) -> Result<Vec<InteractionRecord>, ResultsError> {
    read_csv(&results.join("interactions.csv"))
}

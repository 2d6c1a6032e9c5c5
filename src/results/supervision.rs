//! The tables of the supervisors' side of a run, each one row struct (`output_row!`) that its writer
//! and every reader share: evaluations.csv (the supervisors' verdicts as callqa understood them),
//! revisar.csv (the review queue: callqa's low-confidence verdicts, most score-changing first) and
//! calibration.csv (agreement between callqa and the supervisors, written by `calibrate` and the
//! report). reviewed_criteria and reviewed_interactions have the schemas of criteria and interactions
//! and use their structs (`tables.rs`).
//!
//! The review queue is the one table written in an order other than the calls': its rows (only the
//! low-confidence verdicts, a few per hundred) go to a spill file as they come and are copied into
//! revisar.csv sorted when the run ends (`ReviewQueue`).

use std::cmp::Ordering;
use std::fs::{self, File};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::row::{Row, output_row};
use super::{ResultsError, io_error};

output_row! {
    /// One row of evaluations.csv: one supervisor's verdict on one criterion of one interaction.
    pub struct EvaluationRow {
        /// The call id of a recorded call; the interaction's id for one callqa did not hear.
        pub call_id: String,
        /// `telefono`, `presencial`, `email`, `facebook`.
        pub channel: String,
        pub criterion: String,
        /// `pass`, `fail` or `na`.
        pub outcome: String,
        /// Masked.
        pub evaluator: String,
        /// As the sheet wrote it, ISO 8601 where it was a date.
        pub evaluated_at: String,
        /// Masked.
        pub comment: String,
        pub operator_id: String,
        /// For interactions callqa did not hear: when they took place (ISO 8601); empty otherwise.
        pub started_at: String,
        /// callqa scored this interaction (a recorded phone call).
        pub recorded: bool,
        /// The evaluation file, relative to the data folder, and its row.
        pub source_file: String,
        pub source_row: u64,
    }
}

output_row! {
    /// One row of revisar.csv: a verdict of callqa's with low confidence.
    pub struct ReviewRow {
        pub call_id: String,
        pub operator_id: String,
        pub channel: String,
        pub criterion: String,
        /// callqa's verdict: `pass`, `fail` or `na`.
        pub outcome: String,
        pub critical: bool,
        /// Points (0-100) the call's score would move were the verdict judged the other way.
        pub score_impact: f64,
        pub at: String,
        pub evidence: String,
        pub reason: String,
        /// What makes it doubtful (criteria's `doubts`).
        pub doubts: String,
    }
}

impl ReviewRow {
    /// A critical criterion that could still turn to fail.
    pub fn critical_at_risk(&self) -> bool {
        self.critical && self.outcome != "fail"
    }

    /// The queue's order: most score-changing first, then critical criteria at risk, then by call.
    /// Rows of one call keep the order they came in (rubric order) under a stable sort, so one run's
    /// queue and the shards' queues merged come out the same.
    pub fn queue_order(&self, other: &ReviewRow) -> Ordering {
        other
            .score_impact
            .total_cmp(&self.score_impact)
            .then_with(|| other.critical_at_risk().cmp(&self.critical_at_risk()))
            .then_with(|| self.call_id.cmp(&other.call_id))
    }
}

/// revisar.csv, created up front and written sorted when the run ends. Memory stays flat: each row is
/// written as it comes, as CSV, to `revisar.csv.unsorted` beside it, and only its sort key and where
/// its bytes are (24 bytes a row) are kept; at the end the keys are sorted and the rows copied into
/// revisar.csv in that order, and the unsorted file is removed.
pub struct ReviewQueue {
    path: PathBuf,
    spill_path: PathBuf,
    spill: BufWriter<File>,
    /// Bytes written to the spill file so far.
    spilled: u64,
    keys: Vec<QueueKey>,
}

/// Where a row sits in the queue and in the spill file.
struct QueueKey {
    score_impact: f64,
    critical_at_risk: bool,
    /// Offset and length of its CSV record in the spill file; rows came in call-id order, so the
    /// offset orders them as `queue_order`'s last key does.
    offset: u64,
    len: u32,
}

/// `fields` as one CSV record, quoted as the table writers quote.
fn csv_record<'a>(fields: impl IntoIterator<Item = &'a [u8]>) -> std::io::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .buffer_capacity(512)
        .from_writer(Vec::with_capacity(512));
    writer.write_record(fields)?;
    writer.into_inner().map_err(|e| e.into_error())
}

impl ReviewQueue {
    pub fn create(folder: &Path) -> Result<ReviewQueue, ResultsError> {
        let path = folder.join("revisar.csv");
        // Created now, so a folder that cannot take it fails before any work.
        File::create(&path).map_err(|e| io_error(&path, e))?;
        let spill_path = folder.join("revisar.csv.unsorted");
        let spill = File::create(&spill_path).map_err(|e| io_error(&spill_path, e))?;
        Ok(ReviewQueue {
            path,
            spill_path,
            spill: BufWriter::new(spill),
            spilled: 0,
            keys: Vec::new(),
        })
    }

    /// Adds a call's low-confidence verdicts (calls come in call-id order).
    pub fn extend(&mut self, rows: &[ReviewRow]) -> Result<(), ResultsError> {
        for row in rows {
            let fields = row.csv_fields();
            let record = csv_record(fields.iter().map(|f| f.as_bytes()))
                .map_err(|e| io_error(&self.spill_path, e))?;
            self.spill
                .write_all(&record)
                .map_err(|e| io_error(&self.spill_path, e))?;
            self.keys.push(QueueKey {
                score_impact: row.score_impact,
                critical_at_risk: row.critical_at_risk(),
                offset: self.spilled,
                len: record.len() as u32,
            });
            self.spilled += record.len() as u64;
        }
        Ok(())
    }

    /// Writes revisar.csv in `ReviewRow::queue_order` and removes the spill file.
    pub fn finish(mut self) -> Result<(), ResultsError> {
        let spill_error = |e: std::io::Error| io_error(&self.spill_path, e);
        self.spill.flush().map_err(spill_error)?;
        drop(self.spill);
        self.keys.sort_by(|a, b| {
            b.score_impact
                .total_cmp(&a.score_impact)
                .then_with(|| b.critical_at_risk.cmp(&a.critical_at_risk))
                .then_with(|| a.offset.cmp(&b.offset))
        });
        let mut spill = File::open(&self.spill_path).map_err(spill_error)?;
        let out_error = |e: std::io::Error| io_error(&self.path, e);
        let mut out = BufWriter::new(File::create(&self.path).map_err(out_error)?);
        let header =
            csv_record(ReviewRow::COLUMNS.iter().map(|c| c.as_bytes())).map_err(out_error)?;
        out.write_all(&header).map_err(out_error)?;
        let mut record = Vec::new();
        for key in &self.keys {
            record.resize(key.len as usize, 0);
            spill
                .seek(SeekFrom::Start(key.offset))
                .map_err(spill_error)?;
            spill.read_exact(&mut record).map_err(spill_error)?;
            out.write_all(&record).map_err(out_error)?;
        }
        out.flush().map_err(out_error)?;
        drop(spill);
        fs::remove_file(&self.spill_path).map_err(spill_error)
    }
}

output_row! {
    /// One row of calibration.csv: a pair of raters (or, for Fleiss' kappa, every rater) on one
    /// criterion or on all of them (`ALL`). Rates and kappas with 4 decimals; the confusion matrix with
    /// rater A's verdict first (Cohen rows only).
    pub struct CalibrationRow {
        pub rater_a: String,
        /// Empty on Fleiss' rows (`rater_a` lists every rater then).
        pub rater_b: String,
        pub criterion: String,
        pub n: u64,
        pub agreement: Option<f64>,
        pub kappa: Option<f64>,
        pub kappa_low: Option<f64>,
        pub kappa_high: Option<f64>,
        /// `cohen` or `fleiss`.
        pub statistic: String,
        pub pass_pass: Option<u64>,
        pub pass_fail: Option<u64>,
        pub pass_na: Option<u64>,
        pub fail_pass: Option<u64>,
        pub fail_fail: Option<u64>,
        pub fail_na: Option<u64>,
        pub na_pass: Option<u64>,
        pub na_fail: Option<u64>,
        pub na_na: Option<u64>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(call: &str, criterion: &str, impact: f64, critical: bool, outcome: &str) -> ReviewRow {
        ReviewRow {
            call_id: call.into(),
            criterion: criterion.into(),
            score_impact: impact,
            critical,
            outcome: outcome.into(),
            ..ReviewRow::default()
        }
    }

    #[test]
    fn the_queue_file_is_written_in_queue_order_and_the_spill_file_removed() {
        let dir = tempfile::tempdir().unwrap();
        let rows = vec![
            item("1", "asked_dni", 5.0, false, "pass"),
            item("1", "greeting", 12.5, false, "fail"),
            item("2", "positive_language", 5.0, true, "pass"),
            item("3", "asked_name", 30.0, false, "=1+1"),
        ];
        let mut queue = ReviewQueue::create(dir.path()).unwrap();
        queue.extend(&rows[..2]).unwrap();
        queue.extend(&rows[2..]).unwrap();
        queue.finish().unwrap();
        let back: Vec<ReviewRow> =
            crate::results::read_rows(&dir.path().join("revisar.csv")).unwrap();
        let mut want = rows.clone();
        want.sort_by(ReviewRow::queue_order);
        // The formula is neutralised on the way out, as every table writer does.
        want[0].outcome = "'=1+1".into();
        assert_eq!(back, want);
        assert!(!dir.path().join("revisar.csv.unsorted").exists());
    }

    #[test]
    fn the_queue_puts_impact_first_then_critical_at_risk_then_calls_in_order() {
        let mut rows = vec![
            item("2", "greeting", 5.0, false, "pass"),
            item("2", "positive_language", 5.0, true, "pass"),
            item("1", "asked_dni", 5.0, false, "pass"),
            item("1", "greeting", 5.0, false, "fail"),
            item("3", "transfer_answered", 5.0, true, "fail"),
            item("3", "asked_name", 9.0, false, "pass"),
        ];
        rows.sort_by(ReviewRow::queue_order);
        let order: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r.call_id.as_str(), r.criterion.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                ("3", "asked_name"),
                ("2", "positive_language"),
                ("1", "asked_dni"),
                ("1", "greeting"),
                ("2", "greeting"),
                // A critical criterion already failed is no risk.
                ("3", "transfer_answered"),
            ]
        );
    }
}

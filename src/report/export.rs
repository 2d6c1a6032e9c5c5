//! The spreadsheet exports, every month in the data: operators (one row per month and operator, with
//! the 95 % interval), criteria_summary (month x criterion counts and compliance) and monthly (per
//! month one `total` row and one row per section of the protocol). One row struct each, written as
//! CSV and Parquet by the results folder's table writer, so cells a spreadsheet would run as formulas
//! get a leading `'`. Plain machine numbers: rates 0..=1 with 4 decimals, scores with 1.

use super::ReportError;
use super::figures::{Report, ranking};
use super::stats::round;
use crate::results::{ResultsDir, output_row};

fn rate(x: Option<f64>) -> Option<f64> {
    x.map(|x| round(x, 4))
}

fn score(x: Option<f64>) -> Option<f64> {
    x.map(|x| round(x, 1))
}

output_row! {
    /// One row of operators.csv: an operator in a month, ranked.
    pub struct OperatorExportRow {
        pub month: String,
        pub rank: u64,
        pub operator_id: String,
        pub operator_name: String,
        pub team: String,
        pub calls: u64,
        pub scored: u64,
        pub avg_score: Option<f64>,
        pub ci95_low: Option<f64>,
        pub ci95_high: Option<f64>,
        pub sufficient_sample: bool,
        pub critical_failed_calls: u64,
    }
}

output_row! {
    /// One row of criteria_summary.csv: a criterion in a month.
    pub struct CriterionSummaryRow {
        pub month: String,
        pub criterion: String,
        pub title: String,
        pub section: String,
        pub weight: f64,
        pub critical: bool,
        pub pass: u64,
        pub fail: u64,
        pub na: u64,
        pub compliance: Option<f64>,
    }
}

output_row! {
    /// One row of monthly.csv: a month's `total`, or one section of the protocol in a month.
    pub struct MonthlyRow {
        pub month: String,
        pub scope: String,
        pub scope_title: String,
        pub calls: Option<u64>,
        pub avg_score: Option<f64>,
        pub critical_failed_share: Option<f64>,
        pub pass: u64,
        pub fail: u64,
        pub na: u64,
        pub compliance: Option<f64>,
        pub offered: Option<u64>,
        pub lost: Option<u64>,
        pub lost_rate: Option<f64>,
        pub service_level: Option<f64>,
    }
}

pub fn write_exports(report: &Report, out: &ResultsDir) -> Result<(), ReportError> {
    let error = |name: &str, e: crate::results::ResultsError| ReportError::Write {
        path: out.path.join(format!("{name}.csv")),
        message: e.to_string(),
    };
    out.put_rows("operators", &operators(report), true)
        .map_err(|e| error("operators", e))?;
    out.put_rows("criteria_summary", &criteria_summary(report), true)
        .map_err(|e| error("criteria_summary", e))?;
    out.put_rows("monthly", &monthly(report), true)
        .map_err(|e| error("monthly", e))
}

pub fn operators(report: &Report) -> Vec<OperatorExportRow> {
    let mut rows = Vec::new();
    for month in &report.months {
        for (rank, op) in ranking(&report.data, month).iter().enumerate() {
            rows.push(OperatorExportRow {
                month: month.clone(),
                rank: rank as u64 + 1,
                operator_id: op.id.clone(),
                operator_name: op.name.clone(),
                team: op.team.clone(),
                calls: op.scores.calls,
                scored: op.scores.scored,
                avg_score: score(op.mean),
                ci95_low: score(op.interval.map(|i| i.0)),
                ci95_high: score(op.interval.map(|i| i.1)),
                sufficient_sample: op.sufficient,
                critical_failed_calls: op.scores.critical_failed,
            });
        }
    }
    rows
}

pub fn criteria_summary(report: &Report) -> Vec<CriterionSummaryRow> {
    let mut rows = Vec::new();
    for month in &report.months {
        for c in &report.rubric.criteria {
            let counts = report.criterion_counts(month, &c.id);
            rows.push(CriterionSummaryRow {
                month: month.clone(),
                criterion: c.id.clone(),
                title: c.title.clone(),
                section: c.section.clone(),
                weight: c.weight,
                critical: c.critical,
                pass: counts.pass,
                fail: counts.fail,
                na: counts.na,
                compliance: rate(counts.compliance()),
            });
        }
    }
    rows
}

pub fn monthly(report: &Report) -> Vec<MonthlyRow> {
    let mut rows = Vec::new();
    for month in &report.months {
        let scores = report.month_scores(month);
        let counts = report.data.by_month.get(month).copied().unwrap_or_default();
        let lines = report.lines.get(month).map(|l| l.totals);
        rows.push(MonthlyRow {
            month: month.clone(),
            scope: "total".into(),
            scope_title: "Todos los criterios".into(),
            calls: Some(scores.calls),
            avg_score: score(scores.mean()),
            critical_failed_share: rate(scores.critical_share()),
            pass: counts.pass,
            fail: counts.fail,
            na: counts.na,
            compliance: rate(counts.compliance()),
            offered: lines.map(|l| l.offered),
            lost: lines.map(|l| l.lost),
            lost_rate: rate(lines.and_then(|l| l.lost_rate())),
            service_level: rate(lines.and_then(|l| l.service_level())),
        });
        for section in &report.rubric.sections {
            let counts = report.section_counts(month, &section.id);
            rows.push(MonthlyRow {
                month: month.clone(),
                scope: section.id.clone(),
                scope_title: section.title.clone(),
                pass: counts.pass,
                fail: counts.fail,
                na: counts.na,
                compliance: rate(counts.compliance()),
                ..MonthlyRow::default()
            });
        }
    }
    rows
}

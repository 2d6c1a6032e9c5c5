//! The spreadsheet exports, every month in the data: operators (one row per month and operator, with
//! the 95 % interval), criteria_summary (month x criterion counts and compliance) and monthly (per
//! month one `total` row and one row per section of the protocol). Written as CSV and Parquet by the
//! results folder's table writers, so cells a spreadsheet would run as formulas get a leading `'`.
//! Plain machine numbers: rates 0..=1 with 4 decimals, scores with 1.

use super::ReportError;
use super::figures::{Report, ranking};
use super::stats::round;
use crate::results::{Cell, ResultsDir, Table};

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn int(n: u64) -> Cell {
    Cell::Int(Some(n as i64))
}

fn rate(x: Option<f64>) -> Cell {
    Cell::Float(x.map(|x| round(x, 4)))
}

fn score(x: Option<f64>) -> Cell {
    Cell::Float(x.map(|x| round(x, 1)))
}

pub fn write_exports(report: &Report, out: &ResultsDir) -> Result<(), ReportError> {
    for (name, table) in [
        ("operators", operators(report)),
        ("criteria_summary", criteria_summary(report)),
        ("monthly", monthly(report)),
    ] {
        out.put_table(name, &table, true)
            .map_err(|e| ReportError::Write {
                path: out.path.join(format!("{name}.csv")),
                message: e.to_string(),
            })?;
    }
    Ok(())
}

pub fn operators(report: &Report) -> Table {
    let mut rows = Vec::new();
    for month in &report.months {
        for (rank, op) in ranking(&report.data, month).iter().enumerate() {
            rows.push(vec![
                text(month),
                int(rank as u64 + 1),
                text(&op.id),
                text(&op.name),
                text(&op.team),
                int(op.scores.calls),
                int(op.scores.scored),
                score(op.mean),
                score(op.interval.map(|i| i.0)),
                score(op.interval.map(|i| i.1)),
                Cell::Bool(op.sufficient),
                int(op.scores.critical_failed),
            ]);
        }
    }
    Table {
        columns: &[
            "month",
            "rank",
            "operator_id",
            "operator_name",
            "team",
            "calls",
            "scored",
            "avg_score",
            "ci95_low",
            "ci95_high",
            "sufficient_sample",
            "critical_failed_calls",
        ],
        rows,
    }
}

pub fn criteria_summary(report: &Report) -> Table {
    let mut rows = Vec::new();
    for month in &report.months {
        for c in &report.rubric.criteria {
            let counts = report.criterion_counts(month, &c.id);
            rows.push(vec![
                text(month),
                text(&c.id),
                text(&c.title),
                text(&c.section),
                Cell::Float(Some(c.weight)),
                Cell::Bool(c.critical),
                int(counts.pass),
                int(counts.fail),
                int(counts.na),
                rate(counts.compliance()),
            ]);
        }
    }
    Table {
        columns: &[
            "month",
            "criterion",
            "title",
            "section",
            "weight",
            "critical",
            "pass",
            "fail",
            "na",
            "compliance",
        ],
        rows,
    }
}

pub fn monthly(report: &Report) -> Table {
    let mut rows = Vec::new();
    for month in &report.months {
        let scores = report.month_scores(month);
        let counts = report.data.by_month.get(month).copied().unwrap_or_default();
        let lines = report.lines.get(month).map(|l| l.totals);
        rows.push(vec![
            text(month),
            text("total"),
            text("Todos los criterios"),
            int(scores.calls),
            score(scores.mean()),
            rate(scores.critical_share()),
            int(counts.pass),
            int(counts.fail),
            int(counts.na),
            rate(counts.compliance()),
            Cell::Int(lines.map(|l| l.offered as i64)),
            Cell::Int(lines.map(|l| l.lost as i64)),
            rate(lines.and_then(|l| l.lost_rate())),
            rate(lines.and_then(|l| l.service_level())),
        ]);
        for section in &report.rubric.sections {
            let counts = report.section_counts(month, &section.id);
            rows.push(vec![
                text(month),
                text(&section.id),
                text(&section.title),
                Cell::Int(None),
                Cell::Float(None),
                Cell::Float(None),
                int(counts.pass),
                int(counts.fail),
                int(counts.na),
                rate(counts.compliance()),
                Cell::Int(None),
                Cell::Int(None),
                Cell::Float(None),
                Cell::Float(None),
            ]);
        }
    }
    Table {
        columns: &[
            "month",
            "scope",
            "scope_title",
            "calls",
            "avg_score",
            "critical_failed_share",
            "pass",
            "fail",
            "na",
            "compliance",
            "offered",
            "lost",
            "lost_rate",
            "service_level",
        ],
        rows,
    }
}

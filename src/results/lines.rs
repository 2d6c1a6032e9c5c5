//! The line review as tables: lines_daily, lines_hourly, extensions, lost_calls and internal_calls.
//! The caller number is whole in lost_calls (the file is meant for call-backs) and masked everywhere
//! else.

use super::tables::lima_iso_in;
use super::{Cell, Table};
use crate::pbx::lines::{Figures, LineReview};

pub const FIGURE_COLUMNS: &[&str] = &[
    "date",
    "offered",
    "answered",
    "lost",
    "lost_at_entry",
    "lost_at_extension",
    "lost_rate",
    "service_level",
    "avg_wait_s",
    "p90_wait_s",
    "avg_handle_s",
    "internal_calls",
];

pub const HOURLY_COLUMNS: &[&str] = &[
    "hour",
    "offered",
    "answered",
    "lost",
    "lost_at_entry",
    "lost_at_extension",
    "lost_rate",
    "service_level",
    "avg_wait_s",
    "p90_wait_s",
    "avg_handle_s",
    "internal_calls",
];

fn count(n: usize) -> Cell {
    Cell::Int(Some(n as i64))
}

fn figure_row(f: &Figures) -> Vec<Cell> {
    vec![
        Cell::Text(f.period.clone()),
        count(f.offered),
        count(f.answered),
        count(f.lost),
        count(f.lost_at_entry),
        count(f.lost_at_extension),
        Cell::Float(f.lost_rate),
        Cell::Float(f.service_level),
        Cell::Float(f.avg_wait_s),
        Cell::Float(f.p90_wait_s),
        Cell::Float(f.avg_handle_s),
        count(f.internal_calls),
    ]
}

/// Daily rows, then one row for the whole period.
pub fn daily_table(review: &LineReview) -> Table {
    let mut rows: Vec<Vec<Cell>> = review.daily.iter().map(figure_row).collect();
    if !review.daily.is_empty() {
        rows.push(figure_row(&review.total));
    }
    Table {
        columns: FIGURE_COLUMNS,
        rows,
    }
}

pub fn hourly_table(review: &LineReview) -> Table {
    Table {
        columns: HOURLY_COLUMNS,
        rows: review.hourly.iter().map(figure_row).collect(),
    }
}

pub fn extensions_table(review: &LineReview) -> Table {
    Table {
        columns: &[
            "extension",
            "rings_unanswered",
            "busy",
            "failed",
            "handled",
            "suspect",
            "evidence",
        ],
        rows: review
            .extensions
            .iter()
            .map(|e| {
                vec![
                    Cell::Text(e.extension.clone()),
                    count(e.rings_unanswered),
                    count(e.busy),
                    count(e.failed),
                    count(e.handled),
                    Cell::Text(e.suspect.clone()),
                    Cell::Text(e.evidence.clone()),
                ]
            })
            .collect(),
    }
}

pub fn lost_calls_table(review: &LineReview, tz: &jiff::tz::TimeZone) -> Table {
    Table {
        columns: &[
            "call_id",
            "started_at",
            "queue",
            "wait_s",
            "caller",
            "cause",
            "end_event",
            "rang",
        ],
        rows: review
            .lost_calls
            .iter()
            .map(|l| {
                vec![
                    Cell::Text(l.call_id.clone()),
                    Cell::Text(lima_iso_in(l.at, tz)),
                    Cell::Text(l.queue.clone()),
                    Cell::Float(l.wait_s.map(|w| (w * 10.0).round() / 10.0)),
                    Cell::Text(l.caller.clone()),
                    Cell::Text(l.cause.to_string()),
                    Cell::Text(l.end_event.clone()),
                    Cell::Text(l.rang.join(";")),
                ]
            })
            .collect(),
    }
}

/// Internal traffic, apart from the offered calls: who placed each call and what it reached.
pub fn internal_calls_table(review: &LineReview, tz: &jiff::tz::TimeZone) -> Table {
    Table {
        columns: &[
            "call_id",
            "started_at",
            "from",
            "to",
            "target",
            "answered",
            "duration_s",
        ],
        rows: review
            .internal_calls
            .iter()
            .map(|c| {
                vec![
                    Cell::Text(c.call_id.clone()),
                    Cell::Text(lima_iso_in(c.at, tz)),
                    Cell::Text(c.from.clone()),
                    Cell::Text(c.to.clone()),
                    Cell::Text(c.target.to_string()),
                    Cell::Bool(c.answered),
                    Cell::Float(c.duration_s),
                ]
            })
            .collect(),
    }
}

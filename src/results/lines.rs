//! The line review as tables: lines_daily, lines_hourly, extensions, lost_calls and internal_calls,
//! one row struct each (shared with the report's reader). The caller number is whole in lost_calls (the
//! file is meant for call-backs) and masked everywhere else.

use super::row::output_row;
use super::tables::iso_in;
use crate::pbx::lines::{Figures, LineReview};

output_row! {
    /// One row of lines_daily: a day (`2026-11-03`), or the whole period in the last row.
    pub struct DailyRow {
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
        /// Internal calls and transfer consultations, not offered.
        pub internal_calls: u64,
    }
}

output_row! {
    /// One row of lines_hourly: an hour of a day.
    pub struct HourlyRow {
        pub hour: String,
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
        /// Internal calls and transfer consultations, not offered.
        pub internal_calls: u64,
    }
}

output_row! {
    /// One row of extensions: an extension's record over the period.
    pub struct ExtensionRow {
        pub extension: String,
        pub rings_unanswered: u64,
        pub busy: u64,
        pub failed: u64,
        pub handled: u64,
        /// `off_hook`, `faulty` or empty.
        pub suspect: String,
        /// Why it is suspect, in Spanish.
        pub evidence: String,
    }
}

output_row! {
    /// One row of lost_calls: a call offered and never answered.
    pub struct LostCallRow {
        pub call_id: String,
        pub started_at: String,
        pub queue: String,
        pub wait_s: Option<f64>,
        /// The whole number as the results folder keeps it; masked before any page shows it.
        pub caller: String,
        /// `entry` or `extension`.
        pub cause: String,
        pub end_event: String,
        /// Extensions that rang without answering, `;`-separated.
        pub rang: String,
    }
}

fn daily_row(f: &Figures) -> DailyRow {
    DailyRow {
        date: f.period.clone(),
        offered: f.offered as u64,
        answered: f.answered as u64,
        lost: f.lost as u64,
        lost_at_entry: f.lost_at_entry as u64,
        lost_at_extension: f.lost_at_extension as u64,
        lost_rate: f.lost_rate,
        service_level: f.service_level,
        avg_wait_s: f.avg_wait_s,
        p90_wait_s: f.p90_wait_s,
        avg_handle_s: f.avg_handle_s,
        internal_calls: f.internal_calls as u64,
    }
}

/// Daily rows, then one row for the whole period.
pub fn daily_rows(review: &LineReview) -> Vec<DailyRow> {
    let mut rows: Vec<DailyRow> = review.daily.iter().map(daily_row).collect();
    if !review.daily.is_empty() {
        rows.push(daily_row(&review.total));
    }
    rows
}

pub fn hourly_rows(review: &LineReview) -> Vec<HourlyRow> {
    review
        .hourly
        .iter()
        .map(|f| {
            let d = daily_row(f);
            HourlyRow {
                hour: d.date,
                offered: d.offered,
                answered: d.answered,
                lost: d.lost,
                lost_at_entry: d.lost_at_entry,
                lost_at_extension: d.lost_at_extension,
                lost_rate: d.lost_rate,
                service_level: d.service_level,
                avg_wait_s: d.avg_wait_s,
                p90_wait_s: d.p90_wait_s,
                avg_handle_s: d.avg_handle_s,
                internal_calls: d.internal_calls,
            }
        })
        .collect()
}

pub fn extension_rows(review: &LineReview) -> Vec<ExtensionRow> {
    review
        .extensions
        .iter()
        .map(|e| ExtensionRow {
            extension: e.extension.clone(),
            rings_unanswered: e.rings_unanswered as u64,
            busy: e.busy as u64,
            failed: e.failed as u64,
            handled: e.handled as u64,
            suspect: e
                .suspect
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            evidence: e.evidence.clone(),
        })
        .collect()
}

pub fn lost_call_rows(review: &LineReview, tz: &jiff::tz::TimeZone) -> Vec<LostCallRow> {
    review
        .lost_calls
        .iter()
        .map(|l| LostCallRow {
            call_id: l.call_id.clone(),
            started_at: iso_in(l.at, tz),
            queue: l.queue.clone(),
            wait_s: l.wait_s.map(|w| (w * 10.0).round() / 10.0),
            caller: l.caller.clone(),
            cause: l.cause.as_str().to_string(),
            end_event: l.end_event.clone(),
            rang: l.rang.join(";"),
        })
        .collect()
}

output_row! {
    /// One row of internal_calls: traffic between the help desk's own extensions (or to an IVR,
    /// voicemail, an echo test), apart from the offered calls.
    pub struct InternalCallRow {
        pub call_id: String,
        pub started_at: String,
        pub from: String,
        pub to: String,
        pub target: String,
        pub answered: bool,
        pub duration_s: Option<f64>,
    }
}

/// Internal traffic, apart from the offered calls: who placed each call and what it reached.
pub fn internal_call_rows(review: &LineReview, tz: &jiff::tz::TimeZone) -> Vec<InternalCallRow> {
    review
        .internal_calls
        .iter()
        .map(|c| InternalCallRow {
            call_id: c.call_id.clone(),
            started_at: iso_in(c.at, tz),
            from: c.from.clone(),
            to: c.to.clone(),
            target: c.target.to_string(),
            answered: c.answered,
            duration_s: c.duration_s,
        })
        .collect()
}

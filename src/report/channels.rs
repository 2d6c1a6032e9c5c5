//! The written channels in the reports (the compliance per channel is `aggregate`'s): per month and
//! written channel (`email`, `facebook`) the replies' response times in business hours, the written
//! criteria per channel (and per operator), and the backlog (threads still waiting at the end of the
//! period, from each folder's backlog.csv).
//!
//! The interactions and the criteria are filtered to the written channels before they are collected
//! (a month's replies are few beside its calls' verdicts). A reply found in several folders for one
//! month counts once, from the last folder, as in `aggregate`. The written criteria's titles come from
//! the written rubric the run copied beside rubric.toml (`rubric.<id>.toml` with `[business_hours]`),
//! else the embedded one.

use std::collections::BTreeMap;
use std::path::PathBuf;

use polars::prelude::*;

use super::ReportError;
use super::scan::{columns_of, floats, polars_error, scan_table, strings, typed};
use super::stats::Counts;
use super::stats::month_of;
use crate::results::written::BacklogRow;
use crate::results::{
    CRITERIA_DATASET, CriterionRow, INTERACTIONS_DATASET, InteractionRow, read_rows, result_folders,
};
use crate::written::WrittenRubric;

/// The written channels (their criteria are tabled per channel).
const WRITTEN: [&str; 2] = ["email", "facebook"];

/// What the channel figures read of interactions (column, required).
const COLUMNS: &[(&str, bool)] = &[
    ("call_id", true),
    ("channel", false),
    ("started_at", true),
    ("response_business_h", false),
];

/// The channel figures of every month in the folders.
#[derive(Debug, Clone, Default)]
pub struct ChannelFigures {
    /// (month, channel) -> response times of the replies in business hours, ascending.
    pub response_hours: BTreeMap<(String, String), Vec<f64>>,
    /// The backlog of the last folder that has one (all its shards), oldest first.
    pub backlog: Vec<BacklogRow>,
    /// (month, channel, criterion) -> counts, written channels only.
    pub written_criteria: BTreeMap<(String, String, String), Counts>,
    /// (month, operator_id, channel, criterion) -> counts, written channels only.
    pub operator_written_criteria: BTreeMap<(String, String, String, String), Counts>,
    /// The written rubric's criteria, in rubric order: id, title, the channels they apply to.
    pub written_titles: Vec<(String, String, Vec<String>)>,
}

impl ChannelFigures {
    /// The written channels with replies in the month, e-mail first.
    pub fn written_channels(&self, month: &str) -> Vec<String> {
        let mut channels: Vec<String> = self
            .response_hours
            .keys()
            .filter(|(m, _)| m == month)
            .map(|(_, c)| c.clone())
            .collect();
        channels.sort_by_key(|c| (channel_rank(c), c.clone()));
        channels
    }

    /// The month's response times of a channel, ascending (empty when none).
    pub fn hours(&self, month: &str, channel: &str) -> &[f64] {
        self.response_hours
            .get(&(month.to_string(), channel.to_string()))
            .map_or(&[], Vec::as_slice)
    }
}

/// Phone first, then face to face, e-mail, Facebook, then the rest.
fn channel_rank(channel: &str) -> u8 {
    match channel {
        "telefono" | "phone" | "" => 0,
        "presencial" => 1,
        "email" => 2,
        "facebook" => 3,
        _ => 4,
    }
}

/// A channel's name in a report.
pub fn channel_title(channel: &str) -> &str {
    match channel {
        "telefono" | "phone" | "" => "Teléfono",
        "presencial" => "Presencial",
        "email" => "Correo electrónico",
        "facebook" => "Facebook",
        other => other,
    }
}

/// Reads the written replies' interactions and verdicts (and backlog.csv) of the folders.
pub fn channel_figures(folders: &[PathBuf]) -> Result<ChannelFigures, ReportError> {
    let columns = columns_of::<InteractionRow>(COLUMNS);
    let mut out = ChannelFigures::default();
    // (month, call_id) -> (channel, response time), the last folder's copy.
    let mut replies: BTreeMap<(String, String), (String, Option<f64>)> = BTreeMap::new();
    // (folder, call_id) -> month, for the criteria rows of the written replies.
    let mut months: BTreeMap<(usize, String), String> = BTreeMap::new();
    let mut written_rubric: Option<String> = None;
    for (index, folder) in folders.iter().enumerate() {
        let (path, frame, _) = scan_table(folder, INTERACTIONS_DATASET)?;
        let df = typed(&path, frame, None, &columns)?
            .filter(written_channels())
            .collect()
            .map_err(|e| polars_error(&path, e))?;
        let read = |e: PolarsError| polars_error(&path, e);
        let ids = strings(&df, "call_id").map_err(read)?;
        let channels = strings(&df, "channel").map_err(read)?;
        let starts = strings(&df, "started_at").map_err(read)?;
        let hours = floats(&df, "response_business_h").map_err(read)?;
        for i in 0..df.height() {
            let Some(month) = month_of(&starts[i]) else {
                continue;
            };
            months.insert((index, ids[i].clone()), month.clone());
            replies.insert((month, ids[i].clone()), (channels[i].clone(), hours[i]));
        }
        // A sharded folder's backlog is shard 0's; the other shards write an empty one.
        let mut backlog: Option<Vec<BacklogRow>> = None;
        for part in result_folders(folder) {
            if let Some(text) = written_rubric_text(&part) {
                written_rubric = Some(text);
            }
            let path = part.join("backlog.csv");
            if path.is_file() {
                let rows: Vec<BacklogRow> = read_rows(&path).map_err(|e| ReportError::Read {
                    path: path.clone(),
                    message: e.to_string(),
                })?;
                backlog.get_or_insert_with(Vec::new).extend(rows);
            }
        }
        if let Some(backlog) = backlog {
            out.backlog = backlog;
        }
    }
    let last_folder: BTreeMap<(String, String), usize> = months
        .iter()
        .map(|((folder, id), month)| ((month.clone(), id.clone()), *folder))
        .collect();
    for (index, folder) in folders.iter().enumerate() {
        written_criteria(index, folder, &months, &last_folder, &mut out)?;
    }
    let rubric = written_rubric
        .and_then(|text| crate::written::rubric::load_written_str(&text, "rubric").ok())
        .unwrap_or_else(WrittenRubric::default_rubric);
    out.written_titles = rubric
        .criteria
        .iter()
        .map(|c| {
            let channels = c
                .channels
                .iter()
                .map(|ch| ch.as_str().to_string())
                .collect();
            (c.id.clone(), c.title.clone(), channels)
        })
        .collect();
    for ((month, _), (channel, hours)) in replies {
        if let Some(h) = hours {
            out.response_hours
                .entry((month, channel))
                .or_default()
                .push(h);
        }
    }
    for hours in out.response_hours.values_mut() {
        hours.sort_by(f64::total_cmp);
    }
    out.backlog
        .sort_by(|a, b| (&a.waiting_since, &a.thread_id).cmp(&(&b.waiting_since, &b.thread_id)));
    Ok(out)
}

/// Rows of the written channels.
fn written_channels() -> Expr {
    WRITTEN
        .iter()
        .map(|c| col("channel").eq(lit(*c)))
        .reduce(|a, b| a.or(b))
        .expect("two channels")
}

/// The text of the written rubric a results folder holds (`rubric.<id>.toml` with [business_hours]).
fn written_rubric_text(folder: &std::path::Path) -> Option<String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with("rubric.") && n.ends_with(".toml") && n != "rubric.toml"
            })
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .find(|text| text.contains("[business_hours]"))
}

/// What the written criteria tables read of criteria (column, required).
const CRITERIA_COLUMNS: &[(&str, bool)] = &[
    ("call_id", true),
    ("operator_id", true),
    ("channel", false),
    ("criterion", true),
    ("outcome", true),
];

/// The written replies' verdicts of one folder, counted per channel and criterion (and operator).
fn written_criteria(
    index: usize,
    folder: &std::path::Path,
    months: &BTreeMap<(usize, String), String>,
    last_folder: &BTreeMap<(String, String), usize>,
    out: &mut ChannelFigures,
) -> Result<(), ReportError> {
    let columns = columns_of::<CriterionRow>(CRITERIA_COLUMNS);
    let (path, frame, _) = scan_table(folder, CRITERIA_DATASET)?;
    let df = typed(&path, frame, None, &columns)?
        .filter(written_channels())
        .collect()
        .map_err(|e| polars_error(&path, e))?;
    let read = |e: PolarsError| polars_error(&path, e);
    let ids = strings(&df, "call_id").map_err(read)?;
    let operators = strings(&df, "operator_id").map_err(read)?;
    let channels = strings(&df, "channel").map_err(read)?;
    let criteria = strings(&df, "criterion").map_err(read)?;
    let outcomes = strings(&df, "outcome").map_err(read)?;
    for i in 0..df.height() {
        let Some(month) = months.get(&(index, ids[i].clone())) else {
            continue;
        };
        if last_folder.get(&(month.clone(), ids[i].clone())) != Some(&index) {
            continue;
        }
        let add = |counts: &mut Counts| match outcomes[i].as_str() {
            "pass" => counts.pass += 1,
            "fail" => counts.fail += 1,
            _ => counts.na += 1,
        };
        add(out
            .written_criteria
            .entry((month.clone(), channels[i].clone(), criteria[i].clone()))
            .or_default());
        add(out
            .operator_written_criteria
            .entry((
                month.clone(),
                operators[i].clone(),
                channels[i].clone(),
                criteria[i].clone(),
            ))
            .or_default());
    }
    Ok(())
}

/// Upper bounds (business hours) of the response-time bands, and their labels; the last band is open.
pub const BANDS: &[(f64, &str)] = &[
    (1.0, "hasta 1 h"),
    (4.0, "1 a 4 h"),
    (8.0, "4 a 8 h"),
    (24.0, "8 a 24 h"),
    (f64::INFINITY, "más de 24 h"),
];

/// How many of `hours` fall in each band.
pub fn banded(hours: &[f64]) -> Vec<u64> {
    let mut counts = vec![0; BANDS.len()];
    for h in hours {
        if let Some(band) = BANDS.iter().position(|(upper, _)| *h <= *upper) {
            counts[band] += 1;
        }
    }
    counts
}

/// The nearest-rank percentile `p` (0..=100) of ascending values.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_and_percentiles() {
        assert_eq!(
            banded(&[0.5, 1.0, 3.9, 4.0, 8.5, 30.0]),
            vec![2, 2, 0, 1, 1]
        );
        let sorted = [0.5, 1.0, 2.0, 3.0, 10.0];
        assert_eq!(percentile(&sorted, 50.0), Some(2.0));
        assert_eq!(percentile(&sorted, 90.0), Some(10.0));
        assert_eq!(percentile(&[], 50.0), None);
    }

    #[test]
    fn written_channels_are_listed_email_first() {
        let mut figures = ChannelFigures::default();
        for channel in ["facebook", "email"] {
            figures
                .response_hours
                .insert(("2026-11".into(), channel.into()), vec![1.0]);
        }
        assert_eq!(figures.written_channels("2026-11"), ["email", "facebook"]);
        assert!(figures.hours("2026-10", "email").is_empty());
        assert_eq!(channel_title("email"), "Correo electrónico");
    }
}

//! The figures of the reports, computed with polars over the results folders' Parquet files (lazy
//! scans of every folder's criteria.parquet and interactions.parquet, concatenated) and handed to the
//! pages as plain Rust values in sorted maps, so the pages never depend on polars' row order.
//!
//! The month of a call is the first seven characters of its `started_at` (`2026-11`). The polars
//! build has no string functions, so the months are derived in Rust: a lazy select of `call_id` and
//! `started_at` per folder is collected, each call gets its month (a call without a usable start takes
//! its folder's most common month), and that small (folder, call_id, month) frame is joined back onto
//! both scans. A call found in several folders for the same month counts once, from the last folder.
//!
//! A folder's criteria and interactions are its partitioned datasets (`criteria/month=YYYY-MM/...`)
//! when it has them, else its single Parquet files. Counts and scores read only the few columns they
//! group (projection pushdown); the failed verdicts with their quotes are read for the report month
//! only, which prunes the other months' partitions (predicate pushdown).
//!
//! Supervisors' verdicts (a folder's reviewed_criteria and reviewed_interactions, `reviewed`) take the
//! place of callqa's rows with the same key before anything is counted, and add the interactions only
//! supervisors scored (face to face), so every figure counts them; counts per channel come with the
//! rest.
//!
//! Scores are summed in integer tenths (they carry one decimal), so averages and spreads do not depend
//! on the order in which polars adds the rows.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use polars::prelude::*;

use super::ReportError;
use super::reviewed;
use super::scan::{PARTITION, columns_of, floats, ints, polars_error, scan_table, strings, typed};
use super::stats::{Counts, Scores, month_of};
use crate::results::{CRITERIA_DATASET, CriterionRow, INTERACTIONS_DATASET, InteractionRow};

/// One scored call.
#[derive(Debug, Clone, PartialEq)]
pub struct CallRow {
    pub month: String,
    pub folder: usize,
    pub call_id: String,
    pub operator_id: String,
    pub operator_name: String,
    pub team: String,
    pub started_at: String,
    pub score: Option<f64>,
    pub critical_failed: String,
    pub source_file: String,
    pub role_confidence: Option<f64>,
    pub role_detail: String,
    pub operator_mismatch: String,
    /// `telefono`, `presencial`, ...
    pub channel: String,
    /// Criteria failed in this call, in rubric order of the rows.
    pub failed: Vec<String>,
}

/// One failed verdict, with what the coaching page quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub month: String,
    pub call_id: String,
    pub operator_id: String,
    pub criterion: String,
    pub at: String,
    pub evidence: String,
    pub reason: String,
}

/// Everything the pages and exports need, over every month in the folders.
#[derive(Debug, Clone, Default)]
pub struct Aggregates {
    /// Months present, ascending.
    pub months: Vec<String>,
    /// (month, criterion) -> counts, the whole team.
    pub by_criterion: BTreeMap<(String, String), Counts>,
    /// (month, operator_id, criterion) -> counts.
    pub by_operator_criterion: BTreeMap<(String, String, String), Counts>,
    /// (month, section) -> counts.
    pub by_section: BTreeMap<(String, String), Counts>,
    /// month -> counts over every criterion.
    pub by_month: BTreeMap<String, Counts>,
    /// month -> scores of every call.
    pub scores: BTreeMap<String, Scores>,
    /// (month, operator_id) -> scores.
    pub operator_scores: BTreeMap<(String, String), Scores>,
    /// Every call, by month, start time and id.
    pub calls: Vec<CallRow>,
    /// Every failed verdict, by month, call id and criterion.
    pub failures: Vec<Failure>,
    /// (month, channel) -> counts; the channel as the results write it (`telefono`, `presencial`).
    pub by_channel: BTreeMap<(String, String), Counts>,
    /// (month, operator_id, channel) -> counts.
    pub by_operator_channel: BTreeMap<(String, String, String), Counts>,
    /// Folders (indexes) that hold calls of each month.
    pub folders_of_month: BTreeMap<String, Vec<usize>>,
}

/// What the report reads of interactions (column, required), typed by `InteractionRow`.
const INTERACTION_COLUMNS: &[(&str, bool)] = &[
    ("call_id", true),
    ("operator_id", true),
    ("operator_name", false),
    ("team", false),
    ("started_at", true),
    ("score", true),
    ("critical_failed", true),
    ("source_file", false),
    ("role_confidence", false),
    ("role_detail", false),
    ("operator_mismatch", false),
    ("channel", false),
];

/// What the report reads of criteria (column, required), typed by `CriterionRow`.
const CRITERIA_COLUMNS: &[(&str, bool)] = &[
    ("call_id", true),
    ("operator_id", true),
    ("criterion", true),
    ("section", true),
    ("outcome", true),
    ("at", false),
    ("evidence", false),
    ("reason", false),
    ("channel", false),
];

/// Reads and aggregates the folders' criteria and interactions. `criterion_order` (the rubric's ids)
/// orders a call's failed criteria; ids it does not know go last, by name. Counts and scores cover
/// every month; the failed verdicts (with their quotes, the bulk of the data) only `report_month`
/// (default: the latest), read from that month's partitions alone when a folder is partitioned.
pub fn aggregate(
    folders: &[PathBuf],
    criterion_order: &[String],
    report_month: Option<&str>,
) -> Result<Aggregates, ReportError> {
    let interaction_columns = columns_of::<InteractionRow>(INTERACTION_COLUMNS);
    let criteria_columns = columns_of::<CriterionRow>(CRITERIA_COLUMNS);
    let mut interactions = Vec::new();
    let mut criteria = Vec::new();
    // Per folder: the criteria scan, and whether it is partitioned by month.
    let mut criteria_scans = Vec::new();
    // Supervisors' verdicts replace callqa's rows with the same key and add the interactions only
    // they scored (`reviewed`).
    let review_interactions = |index: usize, frame: LazyFrame| {
        let folder = &folders[index];
        let keys = ["call_id"];
        reviewed::merge(
            folder,
            index,
            "reviewed_interactions",
            frame,
            &keys,
            &interaction_columns,
        )
    };
    let review_criteria = |index: usize, frame: LazyFrame| {
        let folder = &folders[index];
        let keys = ["call_id", "criterion"];
        reviewed::merge(
            folder,
            index,
            "reviewed_criteria",
            frame,
            &keys,
            &criteria_columns,
        )
    };
    for (index, folder) in folders.iter().enumerate() {
        let (path, frame, _) = scan_table(folder, INTERACTIONS_DATASET)?;
        let frame = typed(&path, frame, Some(index), &interaction_columns)?;
        interactions.push(review_interactions(index, frame)?);
        let (path, frame, partitioned) = scan_table(folder, CRITERIA_DATASET)?;
        let typed_frame = typed(&path, frame.clone(), Some(index), &criteria_columns)?;
        criteria.push(review_criteria(index, typed_frame)?);
        criteria_scans.push((path, frame, partitioned));
    }
    let keys = month_keys(folders, &interactions)?;
    let month = match report_month {
        Some(month) => Some(month.to_string()),
        None => latest_month(&keys).map_err(|e| polars_error(&folders_label(folders), e))?,
    };
    // The report month's criteria: partitions of other months are never opened (a call without a
    // start time is in the null partition and may belong to any month: it is read too).
    let mut month_criteria = Vec::new();
    for (index, (path, frame, partitioned)) in criteria_scans.into_iter().enumerate() {
        let frame = match (&month, partitioned) {
            (Some(month), true) => frame.filter(
                col(PARTITION)
                    .eq(lit(month.as_str()))
                    .or(col(PARTITION).is_null()),
            ),
            _ => frame,
        };
        let frame = typed(&path, frame, Some(index), &criteria_columns)?;
        month_criteria.push(review_criteria(index, frame)?);
    }
    let join = |frames: Vec<LazyFrame>| -> PolarsResult<LazyFrame> {
        let frame = concat(frames, UnionArgs::default())?;
        Ok(frame
            .join(
                keys.clone().lazy(),
                [col("folder"), col("call_id")],
                [col("folder"), col("call_id")],
                JoinArgs::new(JoinType::Inner),
            )
            .cache())
    };
    let all = folders_label(folders);
    let wrap = |e: PolarsError| polars_error(&all, e);
    let interactions = join(interactions).map_err(wrap)?;
    let criteria = join(criteria).map_err(wrap)?;
    let month_criteria = join(month_criteria).map_err(wrap)?;

    let mut out = Aggregates::default();
    count_verdicts(&criteria, &mut out).map_err(wrap)?;
    sum_scores(&interactions, &mut out).map_err(wrap)?;
    out.failures = match &month {
        Some(month) => failures(
            &month_criteria.filter(col("month").eq(lit(month.as_str()))),
            criterion_order,
        )
        .map_err(wrap)?,
        None => Vec::new(),
    };
    out.calls = calls(&interactions, &out.failures).map_err(wrap)?;
    for call in &out.calls {
        let folders = out.folders_of_month.entry(call.month.clone()).or_default();
        if !folders.contains(&call.folder) {
            folders.push(call.folder);
        }
    }
    for folders in out.folders_of_month.values_mut() {
        folders.sort_unstable();
    }
    out.months = out.folders_of_month.keys().cloned().collect();
    Ok(out)
}

/// The latest month of the (folder, call_id, month) frame.
fn latest_month(keys: &DataFrame) -> PolarsResult<Option<String>> {
    Ok(strings(keys, "month")?.into_iter().max())
}

fn folders_label(folders: &[PathBuf]) -> PathBuf {
    let names: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
    PathBuf::from(names.join(", "))
}

/// The (folder, call_id, month) frame: every call's month, each (month, call) once.
fn month_keys(folders: &[PathBuf], interactions: &[LazyFrame]) -> Result<DataFrame, ReportError> {
    let mut folder_col: Vec<u32> = Vec::new();
    let mut call_col: Vec<String> = Vec::new();
    let mut month_col: Vec<String> = Vec::new();
    let mut last_folder: HashMap<(String, String), usize> = HashMap::new();
    for (index, frame) in interactions.iter().enumerate() {
        let path = folders[index].join("interactions.parquet");
        let df = frame
            .clone()
            .select([col("call_id"), col("started_at")])
            .collect()
            .map_err(|e| polars_error(&path, e))?;
        let ids = strings(&df, "call_id").map_err(|e| polars_error(&path, e))?;
        let starts = strings(&df, "started_at").map_err(|e| polars_error(&path, e))?;
        let months: Vec<Option<String>> = starts.iter().map(|s| month_of(s)).collect();
        let fallback = most_common(months.iter().flatten());
        for (id, month) in ids.into_iter().zip(months) {
            let Some(month) = month.or_else(|| fallback.clone()) else {
                continue;
            };
            last_folder.insert((month.clone(), id.clone()), index);
            folder_col.push(index as u32);
            call_col.push(id);
            month_col.push(month);
        }
    }
    // Keep only the last folder's copy of a call seen twice in one month.
    let keep: Vec<bool> = (0..call_col.len())
        .map(|i| {
            last_folder[&(month_col[i].clone(), call_col[i].clone())] == folder_col[i] as usize
        })
        .collect();
    let pick = |values: Vec<String>| -> Vec<String> {
        values
            .into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(v, _)| v)
            .collect()
    };
    let folder_col: Vec<u32> = folder_col
        .into_iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(v, _)| v)
        .collect();
    let (call_col, month_col) = (pick(call_col), pick(month_col));
    let height = folder_col.len();
    DataFrame::new(
        height,
        vec![
            Column::new("folder".into(), folder_col),
            Column::new("call_id".into(), call_col),
            Column::new("month".into(), month_col),
        ],
    )
    .map_err(|e| polars_error(&folders_label(folders), e))
}

fn most_common<'a>(months: impl Iterator<Item = &'a String>) -> Option<String> {
    let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
    for month in months {
        *counts.entry(month).or_default() += 1;
    }
    // Ties go to the later month (max_by_key keeps the last maximum of the ascending map).
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(m, _)| m.clone())
}

fn outcome_count(outcome: &str) -> Expr {
    col("outcome")
        .eq(lit(outcome))
        .cast(DataType::Int64)
        .sum()
        .alias(outcome)
}

fn count_verdicts(criteria: &LazyFrame, out: &mut Aggregates) -> PolarsResult<()> {
    let counts = [
        outcome_count("pass"),
        outcome_count("fail"),
        outcome_count("na"),
    ];
    let group = |keys: &[&str]| -> PolarsResult<(Vec<Vec<String>>, Vec<Counts>)> {
        let by: Vec<Expr> = keys.iter().map(|k| col(*k)).collect();
        let df = criteria
            .clone()
            .group_by(by)
            .agg(counts.clone())
            .collect()?;
        let keys = keys
            .iter()
            .map(|k| strings(&df, k))
            .collect::<PolarsResult<Vec<_>>>()?;
        let (pass, fail, na) = (ints(&df, "pass")?, ints(&df, "fail")?, ints(&df, "na")?);
        let counts = (0..df.height())
            .map(|i| Counts {
                pass: pass[i],
                fail: fail[i],
                na: na[i],
            })
            .collect();
        Ok((keys, counts))
    };
    let (keys, counts) = group(&["month", "criterion"])?;
    for (i, c) in counts.into_iter().enumerate() {
        out.by_criterion
            .insert((keys[0][i].clone(), keys[1][i].clone()), c);
    }
    let (keys, counts) = group(&["month", "operator_id", "criterion"])?;
    for (i, c) in counts.into_iter().enumerate() {
        let key = (keys[0][i].clone(), keys[1][i].clone(), keys[2][i].clone());
        out.by_operator_criterion.insert(key, c);
    }
    // Added up: an older folder's `phone` and a newer one's `telefono` are one channel.
    let (keys, counts) = group(&["month", "channel"])?;
    for (i, c) in counts.into_iter().enumerate() {
        let key = (keys[0][i].clone(), channel_name(&keys[1][i]));
        out.by_channel.entry(key).or_default().add(c);
    }
    let (keys, counts) = group(&["month", "operator_id", "channel"])?;
    for (i, c) in counts.into_iter().enumerate() {
        let key = (
            keys[0][i].clone(),
            keys[1][i].clone(),
            channel_name(&keys[2][i]),
        );
        out.by_operator_channel.entry(key).or_default().add(c);
    }
    let (keys, counts) = group(&["month", "section"])?;
    for (i, c) in counts.into_iter().enumerate() {
        out.by_section
            .insert((keys[0][i].clone(), keys[1][i].clone()), c);
    }
    let (keys, counts) = group(&["month"])?;
    for (i, c) in counts.into_iter().enumerate() {
        out.by_month.insert(keys[0][i].clone(), c);
    }
    Ok(())
}

/// The channel a results folder wrote: older folders say `phone`, or nothing.
pub fn channel_name(written: &str) -> String {
    match written {
        "" | "phone" => "telefono".into(),
        other => other.into(),
    }
}

fn sum_scores(interactions: &LazyFrame, out: &mut Aggregates) -> PolarsResult<()> {
    // Scores carry one decimal: x * 10 + 0.5 truncated is the exact number of tenths (x >= 0).
    let tenths = (col("score") * lit(10.0) + lit(0.5)).cast(DataType::Int64);
    let aggs = [
        len().cast(DataType::Int64).alias("calls"),
        col("score")
            .is_not_null()
            .cast(DataType::Int64)
            .sum()
            .alias("scored"),
        tenths.clone().sum().alias("sum_tenths"),
        (tenths.clone() * tenths).sum().alias("sum_sq_tenths"),
        col("critical_failed")
            .neq(lit(""))
            .cast(DataType::Int64)
            .sum()
            .alias("critical"),
    ];
    let group = |keys: &[&str]| -> PolarsResult<(Vec<Vec<String>>, Vec<Scores>)> {
        let by: Vec<Expr> = keys.iter().map(|k| col(*k)).collect();
        let df = interactions
            .clone()
            .group_by(by)
            .agg(aggs.clone())
            .collect()?;
        let keys = keys
            .iter()
            .map(|k| strings(&df, k))
            .collect::<PolarsResult<Vec<_>>>()?;
        let calls = ints(&df, "calls")?;
        let scored = ints(&df, "scored")?;
        let sums = ints(&df, "sum_tenths")?;
        let squares = ints(&df, "sum_sq_tenths")?;
        let critical = ints(&df, "critical")?;
        let scores = (0..df.height())
            .map(|i| Scores {
                calls: calls[i],
                scored: scored[i],
                sum_tenths: sums[i] as i64,
                sum_sq_tenths: squares[i] as i64,
                critical_failed: critical[i],
            })
            .collect();
        Ok((keys, scores))
    };
    let (keys, scores) = group(&["month"])?;
    for (i, s) in scores.into_iter().enumerate() {
        out.scores.insert(keys[0][i].clone(), s);
    }
    let (keys, scores) = group(&["month", "operator_id"])?;
    for (i, s) in scores.into_iter().enumerate() {
        out.operator_scores
            .insert((keys[0][i].clone(), keys[1][i].clone()), s);
    }
    Ok(())
}

fn failures(criteria: &LazyFrame, criterion_order: &[String]) -> PolarsResult<Vec<Failure>> {
    let df = criteria
        .clone()
        .filter(col("outcome").eq(lit("fail")))
        .collect()?;
    let [month, call, operator, criterion, at, evidence, reason] = [
        "month",
        "call_id",
        "operator_id",
        "criterion",
        "at",
        "evidence",
        "reason",
    ]
    .map(|name| strings(&df, name));
    let (month, call, operator, criterion) = (month?, call?, operator?, criterion?);
    let (at, evidence, reason) = (at?, evidence?, reason?);
    let mut rows: Vec<Failure> = (0..df.height())
        .map(|i| Failure {
            month: month[i].clone(),
            call_id: call[i].clone(),
            operator_id: operator[i].clone(),
            criterion: criterion[i].clone(),
            at: at[i].clone(),
            evidence: evidence[i].clone(),
            reason: reason[i].clone(),
        })
        .collect();
    let rank = |id: &str| {
        criterion_order
            .iter()
            .position(|c| c == id)
            .unwrap_or(criterion_order.len())
    };
    rows.sort_by(|a, b| {
        (&a.month, &a.call_id, rank(&a.criterion), &a.criterion).cmp(&(
            &b.month,
            &b.call_id,
            rank(&b.criterion),
            &b.criterion,
        ))
    });
    Ok(rows)
}

fn calls(interactions: &LazyFrame, failures: &[Failure]) -> PolarsResult<Vec<CallRow>> {
    let df = interactions.clone().collect()?;
    let text = |name: &str| strings(&df, name);
    let (month, call, operator, name, team) = (
        text("month")?,
        text("call_id")?,
        text("operator_id")?,
        text("operator_name")?,
        text("team")?,
    );
    let (started, critical, source) = (
        text("started_at")?,
        text("critical_failed")?,
        text("source_file")?,
    );
    let (detail, mismatch) = (text("role_detail")?, text("operator_mismatch")?);
    let channel = text("channel")?;
    let score = floats(&df, "score")?;
    let confidence = floats(&df, "role_confidence")?;
    let folder: Vec<u32> = df
        .column("folder")?
        .u32()?
        .iter()
        .map(|v| v.unwrap_or(0))
        .collect();
    let mut failed: BTreeMap<(&str, &str), Vec<String>> = BTreeMap::new();
    for f in failures {
        failed
            .entry((&f.month, &f.call_id))
            .or_default()
            .push(f.criterion.clone());
    }
    let mut rows: Vec<CallRow> = (0..df.height())
        .map(|i| CallRow {
            month: month[i].clone(),
            folder: folder[i] as usize,
            call_id: call[i].clone(),
            operator_id: operator[i].clone(),
            operator_name: name[i].clone(),
            team: team[i].clone(),
            started_at: started[i].clone(),
            score: score[i],
            critical_failed: critical[i].clone(),
            source_file: source[i].clone(),
            role_confidence: confidence[i],
            role_detail: detail[i].clone(),
            operator_mismatch: mismatch[i].clone(),
            channel: channel_name(&channel[i]),
            failed: failed
                .get(&(month[i].as_str(), call[i].as_str()))
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    rows.sort_by(|a, b| {
        (&a.month, &a.started_at, &a.call_id).cmp(&(&b.month, &b.started_at, &b.call_id))
    });
    Ok(rows)
}

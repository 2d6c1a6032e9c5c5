//! Supervisors' evaluations in the reports: a results folder's `reviewed_criteria` and
//! `reviewed_interactions` (written by `score` from DATA/evaluations/, see `crate::evaluation::apply`)
//! replace callqa's rows with the same key and add the interactions only a supervisor scored, so every
//! page and export shows the supervisor's verdict where there is one (its reason says so) and counts
//! face-to-face attention in the same figures. Lazy: a left join marks the replaced rows, a filter
//! drops them, a concatenation adds the reviewed ones.
//!
//! The reviewed tables are flat files beside each run's own files (the folder itself, or each shard's
//! `shards/K-of-N/`): supervisors evaluate a few hundred interactions a month, so they are not
//! partitioned; the datasets' month filter applies to them after the merge, through the calls' months.

use std::path::Path;

use polars::prelude::*;

use super::ReportError;
use super::scan::{Columns, polars_error, scan, typed};
use crate::results::result_folders;

const MARK: &str = "__reviewed";

/// `frame` (the folder's typed table) with the rows of `NAME.parquet` (the folder's, or every shard's)
/// in place of those with the same `keys`; `frame` unchanged when the folder has no such file.
pub fn merge(
    folder: &Path,
    index: usize,
    name: &str,
    frame: LazyFrame,
    keys: &[&str],
    columns: Columns,
) -> Result<LazyFrame, ReportError> {
    let mut parts = Vec::new();
    for part in result_folders(folder) {
        let path = part.join(format!("{name}.parquet"));
        if path.is_file() {
            parts.push(typed(&path, scan(&path)?, Some(index), columns)?);
        }
    }
    if parts.is_empty() {
        return Ok(frame);
    }
    let path = folder.join(name);
    let reviewed = concat(parts, UnionArgs::default()).map_err(|e| polars_error(&path, e))?;
    let key_exprs: Vec<Expr> = keys.iter().map(|k| col(*k)).collect();
    let marks = reviewed
        .clone()
        .select(
            key_exprs
                .iter()
                .cloned()
                .chain([lit(true).alias(MARK)])
                .collect::<Vec<_>>(),
        )
        .unique(None, UniqueKeepStrategy::First);
    let mut names: Vec<Expr> = vec![col("folder")];
    names.extend(columns.iter().map(|(n, _, _)| col(*n)));
    let kept = frame
        .join(
            marks,
            key_exprs.clone(),
            key_exprs,
            JoinArgs::new(JoinType::Left),
        )
        .filter(col(MARK).is_null())
        .select(names);
    concat([kept, reviewed], UnionArgs::default()).map_err(|e| polars_error(&path, e))
}

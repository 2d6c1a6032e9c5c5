//! Reading Parquet with polars for the report: a lazy scan of one file, its columns selected with
//! fixed types (an optional column an older results folder lacks becomes nulls; a required one
//! missing is an error naming the file), and the collected columns turned into Rust vectors.

use std::path::Path;

use polars::prelude::*;

use super::ReportError;

/// (column, type, required)
pub type Columns<'a> = &'a [(&'a str, DataType, bool)];

pub fn polars_error(path: &Path, e: PolarsError) -> ReportError {
    ReportError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

pub fn scan(path: &Path) -> Result<LazyFrame, ReportError> {
    if !path.is_file() {
        return Err(ReportError::Read {
            path: path.to_path_buf(),
            message: "missing: is this a callqa results folder?".into(),
        });
    }
    let source = PlRefPath::try_from_path(path).map_err(|e| polars_error(path, e))?;
    LazyFrame::scan_parquet(source, ScanArgsParquet::default()).map_err(|e| polars_error(path, e))
}

/// Selects `columns` with fixed types; optional columns missing from an older file become nulls,
/// required ones are an error naming the file.
pub fn typed(
    path: &Path,
    mut frame: LazyFrame,
    folder: Option<usize>,
    columns: Columns,
) -> Result<LazyFrame, ReportError> {
    let schema = frame.collect_schema().map_err(|e| polars_error(path, e))?;
    let mut exprs: Vec<Expr> = folder
        .map(|f| lit(f as u32).cast(DataType::UInt32).alias("folder"))
        .into_iter()
        .collect();
    for (name, dtype, required) in columns {
        if schema.contains(name) {
            exprs.push(col(*name).cast(dtype.clone()));
        } else if *required {
            return Err(ReportError::Read {
                path: path.to_path_buf(),
                message: format!("no column `{name}`"),
            });
        } else {
            exprs.push(lit(NULL).cast(dtype.clone()).alias(*name));
        }
    }
    Ok(frame.select(exprs))
}

/// One Parquet file's `columns`, typed as `typed` does, collected.
pub fn read_typed(path: &Path, columns: Columns) -> Result<DataFrame, ReportError> {
    typed(path, scan(path)?, None, columns)?
        .collect()
        .map_err(|e| polars_error(path, e))
}

/// A text column as Strings (null -> "").
pub fn strings(df: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|v| v.unwrap_or("").to_string())
        .collect())
}

/// A float column.
pub fn floats(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    Ok(df.column(name)?.f64()?.iter().collect())
}

/// A non-negative integer column (null -> 0).
pub fn ints(df: &DataFrame, name: &str) -> PolarsResult<Vec<u64>> {
    Ok(df
        .column(name)?
        .i64()?
        .iter()
        .map(|v| v.unwrap_or(0).max(0) as u64)
        .collect())
}

//! Reading Parquet with polars for the report: a lazy scan of one file or of a Hive-partitioned
//! dataset (`TABLE/month=YYYY-MM/part-*.parquet`, the `month` partition read as text and pushed down
//! into the scan by filters on it), columns selected with the types of the table's row struct (an
//! optional column an older results folder lacks becomes nulls; a required one missing is an error
//! naming the file), and collected columns or whole row structs back as Rust values.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

use super::ReportError;
use crate::results::Row;

/// (column, type, required)
pub type Columns<'a> = &'a [(&'a str, DataType, bool)];

/// The typed column list `typed` takes, for `wanted` (column, required) of the table `R`. The types
/// are the row struct's; a name the table does not have is a programming error.
pub fn columns_of<R: Row>(wanted: &[(&'static str, bool)]) -> Vec<(&'static str, DataType, bool)> {
    wanted
        .iter()
        .map(|(name, required)| {
            let dtype =
                R::dtype_of(name).unwrap_or_else(|| panic!("the table has no column {name}"));
            (*name, dtype, *required)
        })
        .collect()
}

/// The name of the Hive partition column of the datasets.
pub const PARTITION: &str = "month";

/// A table of a results folder: the partitioned dataset `FOLDER/NAME/` when there is one (Some path
/// of it, with the partition column `month`), else the single file `FOLDER/NAME.parquet`.
pub fn scan_table(folder: &Path, name: &str) -> Result<(PathBuf, LazyFrame, bool), ReportError> {
    let dataset = folder.join(name);
    if !dataset.is_dir() {
        let path = folder.join(format!("{name}.parquet"));
        let frame = scan(&path)?;
        return Ok((path, frame, false));
    }
    let source = PlRefPath::try_from_path(&dataset).map_err(|e| polars_error(&dataset, e))?;
    let mut hive = HiveOptions::new_enabled();
    hive.schema = Some(Arc::new(Schema::from_iter([(
        PlSmallStr::from(PARTITION),
        DataType::String,
    )])));
    hive.try_parse_dates = false;
    let args = ScanArgsParquet {
        hive_options: hive,
        ..ScanArgsParquet::default()
    };
    let frame = LazyFrame::scan_parquet(source, args).map_err(|e| polars_error(&dataset, e))?;
    Ok((dataset, frame, true))
}

/// Every row of the Parquet table at `path` as `R`; the `required` columns must be there.
pub fn read_rows<R: Row>(path: &Path, required: &[&str]) -> Result<Vec<R>, ReportError> {
    let mut frame = scan(path)?;
    let schema = frame.collect_schema().map_err(|e| polars_error(path, e))?;
    if let Some(name) = required.iter().find(|name| !schema.contains(name)) {
        return Err(ReportError::Read {
            path: path.to_path_buf(),
            message: format!("no column `{name}`"),
        });
    }
    let df = frame.collect().map_err(|e| polars_error(path, e))?;
    R::from_frame(&df).map_err(|e| polars_error(path, e))
}

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

//! Reading a results table back from its CSV file into its row struct (for `explain`), with errors
//! naming the file and line. `read_rows_where` keeps only the rows a test accepts, so a large month is
//! streamed through rather than held.

use std::path::Path;

use super::row::Row;
use super::{ResultsError, io_error};

/// Every row of the CSV table at `path`.
pub fn read_rows<R: Row>(path: &Path) -> Result<Vec<R>, ResultsError> {
    read_rows_where(path, |_: &R| true)
}

/// The rows of the CSV table at `path` that `keep` accepts, in file order.
pub fn read_rows_where<R: Row>(
    path: &Path,
    mut keep: impl FnMut(&R) -> bool,
) -> Result<Vec<R>, ResultsError> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| io_error(path, e))?;
    let mut rows = Vec::new();
    for (index, row) in reader.deserialize::<R>().enumerate() {
        // Line 1 is the header.
        let row = row.map_err(|e| io_error(path, format!("line {}: {e}", index + 2)))?;
        if keep(&row) {
            rows.push(row);
        }
    }
    Ok(rows)
}

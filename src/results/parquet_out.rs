//! Table -> Parquet bytes, through a polars DataFrame with typed columns.

use std::io::Cursor;

use polars::prelude::*;

use super::{Cell, Table};

pub fn to_bytes(table: &Table) -> PolarsResult<Vec<u8>> {
    let height = table.rows.len();
    let mut columns = Vec::with_capacity(table.columns.len());
    for (index, name) in table.columns.iter().enumerate() {
        let cells = table.rows.iter().map(|row| &row[index]);
        // The first row decides the type; an empty table writes text columns.
        let column = match table.rows.first().map(|r| &r[index]) {
            Some(Cell::Float(_)) => Column::new(
                (*name).into(),
                cells
                    .map(|c| match c {
                        Cell::Float(x) => *x,
                        _ => None,
                    })
                    .collect::<Vec<Option<f64>>>(),
            ),
            Some(Cell::Int(_)) => Column::new(
                (*name).into(),
                cells
                    .map(|c| match c {
                        Cell::Int(n) => *n,
                        _ => None,
                    })
                    .collect::<Vec<Option<i64>>>(),
            ),
            Some(Cell::Bool(_)) => Column::new(
                (*name).into(),
                cells
                    .map(|c| matches!(c, Cell::Bool(true)))
                    .collect::<Vec<bool>>(),
            ),
            _ => Column::new(
                (*name).into(),
                cells
                    .map(|c| match c {
                        Cell::Text(s) => s.clone(),
                        _ => String::new(),
                    })
                    .collect::<Vec<String>>(),
            ),
        };
        columns.push(column);
    }
    let mut frame = DataFrame::new(height, columns)?;
    let mut bytes = Cursor::new(Vec::new());
    ParquetWriter::new(&mut bytes).finish(&mut frame)?;
    Ok(bytes.into_inner())
}

//! Table -> CSV bytes. Cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab
//! or carriage return) are prefixed with an apostrophe.

use super::{Cell, Table};

pub fn to_bytes(table: &Table) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_record(table.columns);
    for row in &table.rows {
        let _ = writer.write_record(row.iter().map(render));
    }
    writer.into_inner().unwrap_or_default()
}

fn render(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => neutralise(s),
        Cell::Float(Some(x)) => format_float(*x),
        Cell::Int(Some(n)) => n.to_string(),
        Cell::Float(None) | Cell::Int(None) => String::new(),
        Cell::Bool(b) => b.to_string(),
    }
}

/// Shortest exact form: 12, 12.5, 0.833.
fn format_float(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

pub fn neutralise(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        let table = Table {
            columns: &["a", "b", "c"],
            rows: vec![vec![
                Cell::Text("=cmd|' /C calc'!A0".into()),
                Cell::Float(Some(12.0)),
                Cell::Int(None),
            ]],
        };
        let out = String::from_utf8(to_bytes(&table)).unwrap();
        assert_eq!(out, "a,b,c\n'=cmd|' /C calc'!A0,12,\n");
    }
}

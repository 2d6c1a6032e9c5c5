//! Supervisors' evaluation files as they keep them: CSV (UTF-8 or Windows-1252, comma or semicolon
//! separated, as Excel in a Spanish locale saves it) and Excel workbooks (.xlsx, .xlsm, .xls, .ods,
//! read with calamine; every sheet with a header row). A file becomes `Sheet`s of text cells with
//! their row numbers as the spreadsheet shows them; what the columns mean (long or wide layout, which
//! column is which criterion) is decided in `crate::evaluation`, which knows the rubrics.
//!
//! Cells are text: numbers are written as the shortest decimal that reads back the same (a call id
//! typed as a number, 1793632502.1187, stays as written unless it ended in zeros), dates as
//! `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`, booleans as `true`/`false`, Excel errors as empty.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::{decode, list_files};
use crate::model::{Outcome, Problem};
use crate::text::fold;

/// One table of a file: its header row and the rows below it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The file (relative to the data folder when read from one), with `#sheet` for a workbook of
    /// several sheets.
    pub source: String,
    pub header: Vec<String>,
    pub rows: Vec<SheetRow>,
}

/// A row below the header.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// 1-based row number as the spreadsheet shows it (the CSV line, the Excel row).
    pub row: usize,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{reason}")]
pub struct SheetError {
    pub code: Problem,
    pub reason: String,
}

/// Is this a file of evaluations callqa reads (by extension)?
pub fn is_evaluation_file(path: &Path) -> bool {
    matches!(
        extension(path).as_deref(),
        Some("csv" | "tsv" | "txt" | "xlsx" | "xlsm" | "xls" | "ods")
    )
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Reads every table of an evaluation file. `source` names it in the sheets.
pub fn read_sheets(path: &Path, source: &str) -> Result<Vec<Sheet>, SheetError> {
    match extension(path).as_deref() {
        Some("xlsx" | "xlsm" | "xls" | "ods") => read_workbook(path, source),
        _ => {
            let bytes = std::fs::read(path).map_err(|e| SheetError {
                code: Problem::Unreadable,
                reason: format!("no se puede leer: {}", super::io_error(&e)),
            })?;
            read_delimited(&decode(&bytes), source).map(|s| vec![s])
        }
    }
}

/// What `read_all` found.
#[derive(Debug, Default)]
pub struct SheetsRead {
    pub sheets: Vec<Sheet>,
    /// Files that could not be read, by name, with why.
    pub failed: Vec<(String, SheetError)>,
    /// Entries of the folders that were not read (hidden, a link to a file already read, not an
    /// evaluation file), by name, with why.
    pub skipped: Vec<(String, SheetError)>,
    pub files_read: usize,
}

/// Every evaluation file under `paths` (files, or folders listed as `input::list_files` lists them:
/// links followed, each file once, in path order), read; `base` makes the names relative. Files that
/// cannot be read and entries not read come back with their reason.
pub fn read_all(paths: &[std::path::PathBuf], base: Option<&Path>) -> SheetsRead {
    let name_of = |file: &Path| {
        base.and_then(|b| file.strip_prefix(b).ok())
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut out = SheetsRead::default();
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let listing = list_files(path);
        for skipped in listing.skipped {
            let error = SheetError {
                code: skipped.code,
                reason: skipped.reason,
            };
            out.skipped.push((name_of(&skipped.path), error));
        }
        for file in listing.files {
            if is_evaluation_file(&file) {
                files.push(file);
            } else {
                let error = SheetError {
                    code: Problem::NotInput,
                    reason: "no es un archivo de evaluaciones (CSV, TSV, TXT, XLSX, XLSM, XLS u \
                             ODS): no se leyó"
                        .into(),
                };
                out.skipped.push((name_of(&file), error));
            }
        }
    }
    for file in &files {
        let name = name_of(file);
        match read_sheets(file, &name) {
            Ok(mut found) => out.sheets.append(&mut found),
            Err(e) => out.failed.push((name, e)),
        }
    }
    out.files_read = files.len();
    out
}

/// A CSV text: the delimiter is the one of `,`, `;` and tab the header line has most of.
pub fn read_delimited(text: &str, source: &str) -> Result<Sheet, SheetError> {
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SheetError {
            code: Problem::Malformed,
            reason: format!(
                "{}CSV no válido: {}",
                e.position()
                    .map(|p| format!("línea {}: ", p.line()))
                    .unwrap_or_default(),
                super::csv_error(&e)
            ),
        })?;
        // The line from the byte offset: the reader's own line count skips blank lines.
        let mut byte = record.position().map_or(0, |p| p.byte() as usize);
        while matches!(text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        let line = 1 + text.as_bytes()[..byte.min(text.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        match header {
            None => header = Some(cells),
            Some(_) => rows.push(SheetRow { row: line, cells }),
        }
    }
    let header = header.ok_or_else(|| SheetError {
        code: Problem::Empty,
        reason: "archivo vacío: no tiene fila de encabezados".into(),
    })?;
    Ok(Sheet {
        source: source.to_string(),
        header,
        rows,
    })
}

fn read_workbook(path: &Path, source: &str) -> Result<Vec<Sheet>, SheetError> {
    let mut workbook = open_workbook_auto(path).map_err(|e| SheetError {
        code: Problem::Malformed,
        reason: format!("no es una hoja de cálculo legible: `{e}`"),
    })?;
    let names = workbook.sheet_names();
    let several = names.len() > 1;
    let mut sheets = Vec::new();
    for name in names {
        let range = workbook.worksheet_range(&name).map_err(|e| SheetError {
            code: Problem::Malformed,
            reason: format!("hoja `{name}`: `{e}`"),
        })?;
        let Some((first_row, _)) = range.start() else {
            continue; // an empty sheet
        };
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for (index, row) in range.rows().enumerate() {
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            if cells.iter().all(String::is_empty) {
                continue;
            }
            let number = first_row as usize + index + 1;
            match header {
                None => header = Some(cells),
                Some(_) => rows.push(SheetRow { row: number, cells }),
            }
        }
        if let Some(header) = header {
            sheets.push(Sheet {
                source: if several {
                    format!("{source}#{name}")
                } else {
                    source.to_string()
                },
                header,
                rows,
            });
        }
    }
    if sheets.is_empty() {
        return Err(SheetError {
            code: Problem::Empty,
            reason: "ninguna hoja tiene fila de encabezados".into(),
        });
    }
    Ok(sheets)
}

/// A spreadsheet cell as text.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) => float_text(*x),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()).unwrap_or_else(|| float_text(dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

fn float_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// An Excel serial date (days since 1899-12-30, the time as the fraction) as ISO 8601 without zone:
/// `2026-11-20` for a whole day, `2026-11-20T15:30:00` otherwise.
pub fn excel_date(serial: f64) -> Option<String> {
    if !(serial.is_finite() && (1.0..2_958_466.0).contains(&serial)) {
        return None;
    }
    let days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    let date = jiff::civil::date(1899, 12, 30)
        .checked_add(jiff::Span::new().days(days))
        .ok()?;
    if seconds == 0 {
        return Some(date.to_string());
    }
    let time = jiff::civil::Time::midnight()
        .checked_add(jiff::Span::new().seconds(seconds.min(86_399)))
        .ok()?;
    Some(format!("{date}T{}", time.strftime("%H:%M:%S")))
}

/// A verdict as supervisors write it, case-, accent- and punctuation-blind: Sí / Cumple / pass / ✓,
/// No / No cumple / fail / ✗, N.A. / No aplica / na. None for anything else (an empty cell is not a
/// verdict either).
pub fn parse_outcome(text: &str) -> Option<Outcome> {
    let trimmed = text.trim();
    match trimmed {
        "✓" | "✔" | "☑" => return Some(Outcome::Pass),
        "✗" | "✘" | "☒" => return Some(Outcome::Fail),
        _ => {}
    }
    match fold(trimmed).as_str() {
        "si" | "s" | "cumple" | "pass" | "passed" | "yes" | "y" | "ok" | "1" | "true"
        | "verdadero" | "aprobado" | "conforme" => Some(Outcome::Pass),
        "no" | "n" | "no cumple" | "incumple" | "fail" | "failed" | "0" | "false" | "falso"
        | "desaprobado" | "no conforme" => Some(Outcome::Fail),
        "n a" | "na" | "no aplica" | "n a a" | "not applicable" | "no corresponde" | "nc" => {
            Some(Outcome::Na)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_of_evaluations_accounts_for_every_entry() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("evaluations");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(
            folder.join("ana.csv"),
            "call_id,criterion,outcome,evaluator\n1.1,greeting,Sí,Ana\n",
        )
        .unwrap();
        std::fs::write(folder.join(".~lock.ana.csv#"), "").unwrap();
        std::fs::write(folder.join("acta.pdf"), "%PDF").unwrap();
        std::fs::write(folder.join("vacio.csv"), "").unwrap();
        let read = read_all(&[folder], Some(dir.path()));
        assert_eq!(read.files_read, 2);
        assert_eq!(read.sheets.len(), 1);
        assert_eq!(read.sheets[0].source, "evaluations/ana.csv");
        let failed: Vec<(&str, Problem)> = read
            .failed
            .iter()
            .map(|(f, e)| (f.as_str(), e.code))
            .collect();
        assert_eq!(failed, [("evaluations/vacio.csv", Problem::Empty)]);
        let skipped: Vec<(&str, Problem)> = read
            .skipped
            .iter()
            .map(|(f, e)| (f.as_str(), e.code))
            .collect();
        assert_eq!(
            skipped,
            [
                ("evaluations/.~lock.ana.csv#", Problem::Hidden),
                ("evaluations/acta.pdf", Problem::NotInput)
            ]
        );
    }

    #[test]
    fn outcomes_as_supervisors_write_them() {
        for pass in [
            "Sí", "SI", "si", "Cumple", "CUMPLE", "pass", "Pass", "✔", " sí ",
        ] {
            assert_eq!(parse_outcome(pass), Some(Outcome::Pass), "{pass}");
        }
        for fail in ["No", "NO", "No cumple", "NO CUMPLE", "fail", "✗"] {
            assert_eq!(parse_outcome(fail), Some(Outcome::Fail), "{fail}");
        }
        for na in [
            "N.A.",
            "n.a.",
            "N/A",
            "NA",
            "na",
            "No aplica",
            "NO APLICA",
            "No Aplica.",
        ] {
            assert_eq!(parse_outcome(na), Some(Outcome::Na), "{na}");
        }
        for other in ["", "parcial", "tal vez", "-", "2"] {
            assert_eq!(parse_outcome(other), None, "{other}");
        }
    }

    #[test]
    fn csv_with_semicolons_and_blank_lines_keeps_line_numbers() {
        let text = "Llamada;Criterio;Resultado\n1793632502.1187;greeting;Sí\n\n1793632502.1188;asked_dni;No\n";
        let sheet = read_delimited(text, "e.csv").unwrap();
        assert_eq!(sheet.header, ["Llamada", "Criterio", "Resultado"]);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0].row, 2);
        assert_eq!(sheet.rows[1].row, 4);
        assert_eq!(sheet.rows[1].cells[2], "No");
    }

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_date(46346.0).as_deref(), Some("2026-11-20"));
        assert_eq!(excel_date(46346.5).as_deref(), Some("2026-11-20T12:00:00"));
        assert_eq!(excel_date(-3.0), None);
        assert_eq!(float_text(1793632502.1187), "1793632502.1187");
        assert_eq!(float_text(8.0), "8");
    }
}

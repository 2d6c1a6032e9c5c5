//! Reports: one or more results folders -> the management report (index.html), a coaching page per
//! operator (operators/<id>.html), criteria.html, charts (SVG inline, PNG in charts/) and spreadsheet
//! exports (operators, criteria_summary, monthly; CSV and Parquet). Several folders (several months)
//! give trends and the change against the previous month.
//!
//! The pipeline: `load` reads each folder's side files (run.json, rubric.toml, rejected.csv,
//! pbx_unmatched.csv, revisar.csv, the line review), `aggregate` computes the figures with polars
//! (the only place polars is used, with `scan` reading Parquet for it and for `load`'s line review;
//! `reviewed` puts supervisors' verdicts in place of callqa's), `figures` picks the report month's
//! view of them, `html/` renders the pages with maud (auto-escaped), `calibration` compares callqa
//! with the supervisors, and `export` writes the tables through the results folder's writers. Same
//! input, byte-identical output: no clock, sorted rows, one number format (`stats`).

mod aggregate;
pub mod calibration;
mod channels;
pub mod charts;
mod export;
mod figures;
mod html;
mod load;
mod reviewed;
mod scan;
mod stats;

use std::fs;
use std::path::{Path, PathBuf};

use figures::Report;

/// What the report is about.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// "2026-11": the month the report is about; by default the latest month in the data.
    pub month: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A results folder or one of its files could not be read.
    #[error("{path}: {message}")]
    Read { path: PathBuf, message: String },
    /// The report folder could not be written.
    #[error("{path}: {message}")]
    Write { path: PathBuf, message: String },
    /// The request does not fit the data (no folder, no calls, a month not in the data).
    #[error("{0}")]
    Data(String),
}

/// calibracion.html for a calibration (see `calibration::calibrate_folder`).
pub fn calibration_page(calibrated: &calibration::Calibrated) -> String {
    html::calibration::render(calibrated)
}

/// Reads one or several results folders (several months give trends; a folder may be the root that
/// sharded runs wrote into) and writes OUT: index.html,
/// criteria.html, revisar.html, operators/<sanitised operator_id>.html, charts/*.png, operators.csv,
/// criteria_summary.csv, monthly.csv (+ .parquet); calibracion.html and calibration.csv when the report
/// month's folder holds supervisors' evaluations. Returns the path of index.html. Errors name the
/// folder or file.
pub fn write_report(
    results: &[PathBuf],
    out: &Path,
    options: &ReportOptions,
) -> Result<PathBuf, ReportError> {
    if results.is_empty() {
        return Err(ReportError::Data("no results folder given".into()));
    }
    // The output folder is checked before any work, so a bad path fails early.
    let target = crate::results::ResultsDir::create(out).map_err(|e| ReportError::Write {
        path: out.to_path_buf(),
        message: e.to_string(),
    })?;
    let folders = results
        .iter()
        .map(|path| load::load_folder(path))
        .collect::<Result<Vec<_>, _>>()?;
    let rubrics = figures::folder_rubrics(&folders)?;
    let order = figures::criterion_order(&rubrics);
    let aggregates = aggregate::aggregate(results, &order, options.month.as_deref())?;
    let mut report = Report::build(folders, rubrics, aggregates, options)?;
    report.channels = channels::channel_figures(results)?;

    let mut charts = html::ChartFiles::default();
    let mut pages: Vec<(PathBuf, String)> = vec![
        (
            PathBuf::from("index.html"),
            html::index::render(&report, &mut charts),
        ),
        (
            PathBuf::from("criteria.html"),
            html::criteria::render(&report),
        ),
    ];
    pages.push((PathBuf::from("revisar.html"), html::review::render(&report)));
    // The calibration of the report month's last folder with evaluations.
    let evaluated = report
        .month_folders
        .iter()
        .rev()
        .map(|&i| &report.folders[i])
        .find(|f| f.has_evaluations);
    if let Some(folder) = evaluated {
        let calibrated = calibration::calibrate_folder(&folder.path, &[])?;
        pages.push((
            PathBuf::from("calibracion.html"),
            html::calibration::render(&calibrated),
        ));
        target
            .put_rows(
                "calibration",
                &crate::calibrate::calibration_rows(&calibrated.calibration),
                false,
            )
            .map_err(|e| ReportError::Write {
                path: out.join("calibration.csv"),
                message: e.to_string(),
            })?;
    }
    for operator in &report.ranking {
        let page = html::operator::render(&report, operator, &mut charts);
        pages.push((
            Path::new("operators").join(format!("{}.html", operator.file)),
            page,
        ));
    }

    for dir in ["operators", "charts"] {
        let path = out.join(dir);
        fs::create_dir_all(&path).map_err(|e| write_error(&path, e))?;
    }
    for (name, png) in &charts.files {
        let path = out.join("charts").join(format!("{name}.png"));
        fs::write(&path, png).map_err(|e| write_error(&path, e))?;
    }
    for (relative, text) in &pages {
        let path = out.join(relative);
        fs::write(&path, text).map_err(|e| write_error(&path, e))?;
    }
    export::write_exports(&report, &target)?;
    Ok(out.join("index.html"))
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> ReportError {
    ReportError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

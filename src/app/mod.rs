//! One short function per subcommand: the pipeline it runs (`pipeline`), where its results go
//! (atomically, see `results::Staging`) and what it prints (`terminal`). One exit-code policy for every
//! command (`AppError::exit_code`): 2 for usage, rubric, input and output-folder errors, a report
//! error included, whichever command wrote the report; 1 when the run itself failed (a calibration
//! below the bar, an I/O error on the terminal); 0 on a closed pipe.

mod pipeline;
mod terminal;

use crate::cli::{PbxArgs, RunArgs};
use crate::report::ReportOptions;
use crate::results::{
    CriterionRow, InteractionRow, ResultsDir, ResultsError, Staging, read_rows_where,
};
use crate::rubric::{self, RubricError};
use std::io::{self, Write};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Usage(String),
    #[error("rubric error: {0}")]
    Rubric(#[from] RubricError),
    #[error("results folder: {0}")]
    Output(ResultsError),
    #[error("report: {0}")]
    Report(#[from] crate::report::ReportError),
    #[error("{0}")]
    Failed(String),
    #[error("broken pipe")]
    BrokenPipe,
}

impl AppError {
    pub fn exit_code(&self) -> u8 {
        match self {
            AppError::Usage(_)
            | AppError::Rubric(_)
            | AppError::Output(_)
            | AppError::Report(_) => 2,
            AppError::Failed(_) => 1,
            AppError::BrokenPipe => 0,
        }
    }
}

impl From<io::Error> for AppError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            AppError::BrokenPipe
        } else {
            AppError::Failed(e.to_string())
        }
    }
}

/// `callqa score DATA --out RESULTS`: score every transcript, join the PBX logs, apply the
/// supervisors' evaluations (DATA/evaluations/), write the results folder (with the line review when
/// there are PBX logs). With a shard (`K/N`), only the calls whose id hashes to K are scored: their
/// part of the datasets goes into RESULTS with the other shards', the rest of the folder into
/// RESULTS/shards/K-of-N/. Every shard reads the evaluations whole and keeps those of its own
/// interactions (a recorded call's go with the call; an interaction only a supervisor scored goes to
/// the shard its id hashes to). Shard 0 also writes the line review and the rejections of the roster,
/// PBX logs and evaluation sheets, which belong to no call.
pub fn score(data: &Path, out: &Path, args: &RunArgs) -> Result<(), AppError> {
    let part = pipeline::parse_shard(args.shard.as_deref())?;
    if part.count > 1 {
        // Shards share the folder: each writes its own part files and shards/K-of-N in place.
        let run = pipeline::score(data, out, args)?;
        terminal::print_scored(&run, &crate::results::part_folder(out, part));
        return Ok(());
    }
    let staging = Staging::begin(out).map_err(AppError::Output)?;
    let run = pipeline::score(data, staging.path(), args)?;
    let out = staging.commit().map_err(AppError::Output)?;
    terminal::print_scored(&run, &out);
    Ok(())
}

/// `callqa audit DATA --out DIR`: score into DIR/results, summarise on the terminal, then write the
/// reports into DIR and print the path of index.html.
pub fn audit(data: &Path, out: &Path, args: &RunArgs) -> Result<(), AppError> {
    if args.shard.is_some() {
        return Err(AppError::Usage(
            "--shard is for `callqa score`; `callqa report` then reads the shards' folder".into(),
        ));
    }
    // Results and reports are written beside OUT and swapped in together at the end.
    let staging = Staging::begin(out).map_err(AppError::Output)?;
    let results = staging.path().join("results");
    let run = pipeline::score(data, &results, args)?;
    crate::report::write_report(&[results], staging.path(), &ReportOptions::default())?;
    let out = staging.commit().map_err(AppError::Output)?;
    terminal::print_scored(&run, &out.join("results"));
    let mut stdout = io::stdout().lock();
    terminal::write_summary(&mut stdout, &run)?;
    writeln!(stdout, "\nResultados: {}", out.join("results").display())?;
    writeln!(stdout, "Informe: {}", out.join("index.html").display())?;
    Ok(())
}

/// `callqa lines DATA --out DIR`: the daily line review alone, with run.json and rejected.csv.
pub fn lines(data: &Path, out: &Path, args: &PbxArgs) -> Result<(), AppError> {
    let staging = Staging::begin(out).map_err(AppError::Output)?;
    let review = pipeline::lines(data, staging.path(), args)?;
    let out = staging.commit().map_err(AppError::Output)?;
    let mut stdout = io::stdout().lock();
    terminal::write_line_review(&mut stdout, &review)?;
    writeln!(stdout, "\nRevisión de líneas: {}", out.display())?;
    Ok(())
}

/// `callqa report RESULTS... --out DIR`: the reports from one or more results folders.
pub fn report(
    results: &[std::path::PathBuf],
    out: &Path,
    month: Option<String>,
) -> Result<(), AppError> {
    let index = crate::report::write_report(results, out, &ReportOptions { month })?;
    writeln!(io::stdout().lock(), "Informe: {}", index.display())?;
    Ok(())
}

/// `callqa explain RESULTS CALL_ID`: one call's scorecard.
pub fn explain(results: &Path, call_id: &str) -> Result<(), AppError> {
    let read = |e: ResultsError| AppError::Usage(e.to_string());
    let Some((folder, call)) = crate::results::result_folders(results)
        .into_iter()
        .find_map(|folder| {
            let path = folder.join("interactions.csv");
            let found = read_rows_where(&path, |c: &InteractionRow| c.call_id == call_id);
            match found {
                Ok(mut calls) if !calls.is_empty() => Some(Ok((folder, calls.remove(0)))),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            }
        })
        .transpose()
        .map_err(read)?
    else {
        return Err(AppError::Usage(format!(
            "call {call_id} is not in {}",
            results.display()
        )));
    };
    let verdicts = read_rows_where(&folder.join("criteria.csv"), |v: &CriterionRow| {
        v.call_id == call_id
    })
    .map_err(read)?;
    let results = folder.as_path();
    // Titles come from the rubric the run used: absent (an old folder), the criteria ids stand in;
    // present but broken, the folder was altered and explain says so.
    let rubric_file = results.join("rubric.toml");
    let rubric = match std::fs::read_to_string(&rubric_file) {
        Ok(text) => Some(rubric::load_str(&text, &rubric_file.display().to_string())?),
        Err(_) => None,
    };

    // A written reply's titles come from the written rubric the run copied beside it.
    let written = matches!(call.channel.as_str(), "email" | "facebook").then(|| {
        let rubric = crate::written::WrittenRubric::default_rubric();
        let name = format!("rubric.{}.toml", rubric.id);
        std::fs::read_to_string(results.join(&name))
            .ok()
            .and_then(|text| crate::written::rubric::load_written_str(&text, &name).ok())
            .unwrap_or(rubric)
    });

    let mut out = io::stdout().lock();
    terminal::write_explain(
        &mut out,
        &call,
        &verdicts,
        rubric.as_ref(),
        written.as_ref(),
    )?;
    Ok(())
}

/// `callqa calibrate RESULTS [EVALUATIONS...]`: agreement of callqa with the supervisors and of the
/// supervisors with each other; calibration.csv and calibracion.html; exit 1 below the bar.
pub fn calibrate(
    results: &Path,
    evaluations: &[std::path::PathBuf],
    out: Option<&Path>,
    bar: crate::calibrate::Bar,
) -> Result<(), AppError> {
    let calibrated = crate::report::calibration::calibrate_folder(results, evaluations)
        .map_err(|e| AppError::Usage(e.to_string()))?;
    let out = out.unwrap_or(results);
    let target = ResultsDir::create(out).map_err(AppError::Output)?;
    target
        .put_rows(
            "calibration",
            &crate::calibrate::calibration_rows(&calibrated.calibration),
            false,
        )
        .map_err(AppError::Output)?;
    let page = out.join("calibracion.html");
    std::fs::write(&page, crate::report::calibration_page(&calibrated)).map_err(|e| {
        AppError::Output(ResultsError::Io {
            path: page.clone(),
            message: e.to_string(),
        })
    })?;
    for bad in &calibrated.evaluations.bad {
        let row = bad.row.map(|r| format!(":{r}")).unwrap_or_default();
        eprintln!("callqa: {}{row}: {}", bad.source_file, bad.reason);
    }
    let mut stdout = io::stdout().lock();
    terminal::write_calibration(&mut stdout, &calibrated.calibration)?;
    writeln!(stdout, "\nCalibración: {}", page.display())?;
    let below = crate::calibrate::below_bar(&calibrated.calibration, bar);
    if !below.is_empty() {
        return Err(AppError::Failed(format!(
            "criteria below the bar:\n  {}",
            below.join("\n  ")
        )));
    }
    Ok(())
}

/// `callqa rubric check FILE`.
pub fn rubric_check(file: &Path) -> Result<(), AppError> {
    // The written rubric (e-mail, Facebook) is checked as strictly, with its own loader.
    if std::fs::read_to_string(file).is_ok_and(|t| crate::written::rubric::is_written_rubric(&t)) {
        let written = crate::written::rubric::load_written_file(file)?;
        let mut out = io::stdout().lock();
        writeln!(
            out,
            "{}: valid written rubric {} version {} (sha256 {})",
            file.display(),
            written.id,
            written.version,
            written.sha256
        )?;
        for c in &written.criteria {
            let channels: Vec<&str> = c.channels.iter().map(|ch| ch.as_str()).collect();
            writeln!(
                out,
                "  {:<22} {:<10} weight {:>4}{}  [{}]  {}",
                c.id,
                c.section,
                c.weight,
                if c.critical { " critical" } else { "" },
                channels.join(", "),
                c.title
            )?;
        }
        return Ok(());
    }
    let rubric = rubric::load_file(file)?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{}: valid rubric {} version {} (sha256 {})",
        file.display(),
        rubric.id,
        rubric.version,
        rubric.sha256
    )?;
    terminal::print_criteria(&mut out, &rubric)?;
    Ok(())
}

/// `callqa rubric show`.
pub fn rubric_show() -> Result<(), AppError> {
    io::stdout()
        .lock()
        .write_all(rubric::DEFAULT_RUBRIC.as_bytes())?;
    Ok(())
}

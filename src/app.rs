//! One function per subcommand, each reading as its pipeline. Errors carry their exit code.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::Path;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::batch::{self, PbxData, Tally};
use crate::cli::{PbxArgs, RunArgs};
use crate::evaluation;
use crate::input::PbxReadOptions;
use crate::input::read_roster;
use crate::link::Roster;
use crate::model::Outcome;
use crate::pbx::lines::{self, LineReview, LineSettings};
use crate::report::ReportOptions;
use crate::results::{
    CRITERIA_DATASET, CriterionRow, DatasetWriter, INTERACTIONS_DATASET, InteractionRow,
    LinesRunInfo, Part, Rejection, ResultsDir, ResultsError, ReviewQueue, RunInfo, Scope, Staging,
    TableWriter, read_rows_where,
};
use crate::rubric::{self, Rubric, RubricError};
use crate::text::clock;
use crate::text::mask::mask;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Usage(String),
    #[error("rubric error: {0}")]
    Rubric(#[from] RubricError),
    #[error("results folder: {0}")]
    Output(ResultsError),
    #[error("{0}")]
    Failed(String),
    #[error("broken pipe")]
    BrokenPipe,
}

impl AppError {
    pub fn exit_code(&self) -> u8 {
        match self {
            AppError::Usage(_) | AppError::Rubric(_) | AppError::Output(_) => 2,
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

/// What a scoring run left behind: running tallies, not rows.
pub struct ScoreRun {
    pub tally: Tally,
    pub rubric: Rubric,
    pub written_rubric: crate::written::WrittenRubric,
    pub written: batch::WrittenRun,
    pub review: Option<LineReview>,
    pub run: RunInfo,
    pub counts: batch::Accounting,
}

/// `callqa score DATA --out RESULTS`: score every transcript, join the PBX logs, apply the
/// supervisors' evaluations (DATA/evaluations/), write the results folder (with the line review when
/// there are PBX logs). With a shard (`K/N`), only the calls whose id hashes to K are scored: their
/// part of the datasets goes into RESULTS with the other shards', the rest of the folder into
/// RESULTS/shards/K-of-N/. Every shard reads the evaluations whole and keeps those of its own
/// interactions (a recorded call's go with the call; an interaction only a supervisor scored goes to
/// the shard its id hashes to). Shard 0 also writes the line review and the rejections of the roster,
/// PBX logs and evaluation sheets, which belong to no call.
pub fn score(data: &Path, out: &Path, args: &RunArgs) -> Result<ScoreRun, AppError> {
    let part = parse_shard(args.shard.as_deref())?;
    if part.count > 1 {
        // Shards share the folder: each writes its own part files and shards/K-of-N in place.
        let run = score_into(data, out, args)?;
        print_scored(&run, &crate::results::part_folder(out, part));
        return Ok(run);
    }
    let staging = Staging::begin(out).map_err(AppError::Output)?;
    let run = score_into(data, staging.path(), args)?;
    let out = staging.commit().map_err(AppError::Output)?;
    print_scored(&run, &out);
    Ok(run)
}

fn print_scored(run: &ScoreRun, folder: &Path) {
    let replies = |channel: &str| run.written.replies.get(channel).map_or(0, |r| r.0);
    let written = match replies("email") + replies("facebook") {
        0 => String::new(),
        n => format!(
            " {n} written replies ({} e-mail, {} Facebook),",
            replies("email"),
            replies("facebook")
        ),
    };
    eprintln!(
        "callqa: {} calls scored,{written} {} -> {}",
        run.tally.calls,
        run.counts.summary(run.run.elapsed_s),
        folder.display()
    );
}

/// `score` writing into `out` as it goes (the caller makes that atomic).
fn score_into(data: &Path, out: &Path, args: &RunArgs) -> Result<ScoreRun, AppError> {
    let started = Instant::now();
    let started_at = jiff::Timestamp::now();
    let mut rubric = load_rubric(args)?;
    let written_rubric = load_written_rubric(args)?;
    let mut channel_rubrics = load_channel_rubrics(args)?;
    channel_rubrics.push(written_rubric.channel_rubric());
    let catalog = rubric::Catalog::new(&rubric, &channel_rubrics)?;
    let settings = line_settings(&args.pbx)?;
    rubric.facts.time_zone = settings.tz.clone();
    let part = parse_shard(args.shard.as_deref())?;
    let transcripts = data.join("transcripts");
    if !transcripts.is_dir() {
        return Err(AppError::Usage(format!(
            "{}: no transcripts/ folder (expected DATA/transcripts/ with one file per call)",
            data.display()
        )));
    }
    let results = ResultsDir::create(&crate::results::part_folder(out, part))
        .map_err(AppError::Output)?;
    let evaluated = data.join(batch::EVALUATIONS_DIR).is_dir();
    let mut outputs = open_outputs(out, &results, part, evaluated).map_err(AppError::Output)?;
    let (roster, roster_rejections) = load_roster(data);
    let mut pbx = load_pbx(data, &args.pbx, &settings, &roster);
    let limits = args.pbx.limits();
    let listing = crate::input::list_files(&transcripts);
    let skipped = batch::skipped(&listing, data);
    let calls = batch::call_files(listing.files, limits);
    // Read against every shard's calls, so every shard understands a sheet the same way.
    let evaluations = evaluated.then(|| {
        let ids: BTreeSet<String> = calls.iter().map(|c| c.call_id.clone()).collect();
        read_evaluations(data, &catalog, &roster, &ids, part)
    });
    let files = batch::plan(calls, data, part);
    // Shard 0 (or the only run) writes what belongs to no call.
    let owns_global = part.index == 0;
    // Calls of other shards are left out; the line review (shard 0) needs them all first.
    let review = (owns_global && pbx.files_read > 0)
        .then(|| lines::review(pbx.real_calls(), &settings));
    if part.count > 1 {
        pbx.calls.retain(|id, _| part.holds(id));
    }
    if let (Some(supervision), Some(read)) = (&mut outputs.supervision, &evaluations) {
        supervision.applier = evaluation::Applier::new(read.own.iter().cloned());
    }

    let progress = progress_bar(files.len() as u64, args.quiet);
    let context = batch::Context {
        data,
        rubric: &rubric,
        roster: &roster,
        pbx: &pbx.calls,
        tz: &settings.tz,
        limits,
    };
    let mut tally =
        batch::run(&files, &context, &mut outputs, &progress).map_err(AppError::Output)?;
    for row in &tally.pbx_only {
        outputs.unmatched.write(row).map_err(AppError::Output)?;
    }
    let written = batch::run_written(data, &written_rubric, &roster, part, &mut outputs)
        .map_err(AppError::Output)?;
    let supervised = outputs
        .supervision
        .take()
        .map(|s| s.finish(&catalog, &roster))
        .transpose()
        .map_err(AppError::Output)?;
    outputs.finish().map_err(AppError::Output)?;
    progress.finish_and_clear();
    if owns_global {
        tally.rejected.extend(skipped);
        tally.rejected.extend(batch::unused_entries(data));
        tally.rejected.extend(roster_rejections);
        tally.rejected.extend(pbx.rejected.iter().cloned());
        tally.rejected.extend(written.rejected.iter().cloned());
        if let Some(read) = &evaluations {
            tally.rejected.extend(read.rejections.iter().cloned());
        }
    }
    if let Some(supervised) = &supervised {
        tally.rejected.extend(supervised.unscored.iter().map(bad_row_rejection));
    }
    tally.rejected.sort();
    let counts = batch::Accounting::of(&tally.rejected);

    let global = |n: usize| if owns_global { n } else { 0 };
    let run = RunInfo {
        tool: "callqa",
        tool_version: env!("CARGO_PKG_VERSION"),
        rubric_id: rubric.id.clone(),
        rubric_version: rubric.version.clone(),
        rubric_sha256: rubric.sha256.clone(),
        rubric_file: args
            .rubric
            .as_ref()
            .map_or(rubric::DEFAULT_RUBRIC_NAME.to_string(), |p| {
                p.display().to_string()
            }),
        data: data.display().to_string(),
        files_read: files.len()
            + global(
                pbx.files_read
                    + usize::from(data.join("operators.csv").exists())
                    + written.info.email_files_read
                    + written.info.facebook_files_read
                    + usize::from(data.join(crate::written::score::HELPDESK_FILE).is_file()),
            ),
        calls_scored: tally.calls,
        files_rejected: counts.files,
        lines_rejected: counts.lines,
        entries_skipped: counts.skipped,
        roster_operators: roster.operators.len(),
        pbx: if owns_global {
            pbx.run_info()
        } else {
            Default::default()
        },
        transcripts_without_pbx: tally.without_pbx,
        pbx_calls_without_transcript: tally.pbx_only.len(),
        evaluations: evaluations
            .as_ref()
            .zip(supervised.as_ref())
            .map(|(read, supervised)| read.run_info(supervised, counts.rows, owns_global)),
        shard_index: part.index,
        shard_count: part.count,
        written: written.info.clone(),
        started_at: started_at.to_string(),
        elapsed_s: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    };
    results
        .write_run(&rubric, &tally.rejected, &run)
        .map_err(AppError::Output)?;
    for channel_rubric in &channel_rubrics {
        let path = results.path.join(channel_rubric.file_name());
        std::fs::write(&path, &channel_rubric.text)
            .map_err(|e| AppError::Output(ResultsError::Io { path, message: e.to_string() }))?;
    }
    if let Some(read) = &evaluations {
        results
            .put_rows("evaluations", &evaluation::evaluation_rows(&read.own), false)
            .map_err(AppError::Output)?;
    }
    if let Some(review) = &review {
        results
            .write_lines(review, &settings.tz)
            .map_err(AppError::Output)?;
    }
    results
        .write_written(&written.backlog)
        .map_err(AppError::Output)?;

    Ok(ScoreRun {
        tally,
        rubric,
        written_rubric,
        written,
        review,
        run,
        counts,
    })
}

/// DATA/evaluations/, read and understood.
struct EvaluationRead {
    /// The evaluations of this part's interactions (all of them unsharded).
    own: Vec<evaluation::Evaluation>,
    /// Bad rows, columns and sheets, unreadable files and entries not read, as rejections (shard 0
    /// writes them).
    rejections: Vec<Rejection>,
    files_read: usize,
}

impl EvaluationRead {
    /// What run.json records of this part's evaluations, with `rows_rejected` the rejections of
    /// scope row and sheet this part wrote; the files count in shard 0's.
    fn run_info(
        &self,
        supervised: &evaluation::Supervised,
        rows_rejected: usize,
        owns_global: bool,
    ) -> evaluation::EvaluationRunInfo {
        let global = |n: usize| if owns_global { n } else { 0 };
        let evaluators: BTreeSet<&str> = self.own.iter().map(|e| e.evaluator.as_str()).collect();
        evaluation::EvaluationRunInfo {
            evaluation_files_read: global(self.files_read),
            evaluations: self.own.len(),
            evaluation_rows_rejected: rows_rejected,
            evaluators: evaluators.into_iter().map(String::from).collect(),
            overrides: supervised.overrides,
            overrides_confirming: supervised.confirmed,
            reviewed_calls: supervised.reviewed_calls,
            manual_interactions: supervised
                .manual_interactions
                .iter()
                .map(|(channel, n)| (channel.as_str().to_string(), *n))
                .collect(),
        }
    }
}

/// The supervisors' evaluations under DATA/evaluations/, read against `calls` (the call ids under
/// DATA/transcripts/, every shard's), keeping those of `part`'s interactions.
fn read_evaluations(
    data: &Path,
    catalog: &rubric::Catalog,
    roster: &Roster,
    calls: &BTreeSet<String>,
    part: Part,
) -> EvaluationRead {
    let folder = data.join(batch::EVALUATIONS_DIR);
    let read = crate::input::evaluations::read_all(&[folder], Some(data));
    let context = evaluation::Context {
        catalog,
        roster,
        scored_calls: calls,
    };
    let evaluations = evaluation::interpret(&read.sheets, &context);
    let mut rejections: Vec<Rejection> = evaluations.bad.iter().map(bad_row_rejection).collect();
    rejections.extend(
        read.failed
            .into_iter()
            .map(|(file, e)| Rejection::whole(file, e.code, e.reason)),
    );
    rejections.extend(
        read.skipped
            .into_iter()
            .map(|(entry, e)| Rejection::skipped(entry, e.code, e.reason)),
    );
    let mut own = evaluations.rows;
    own.retain(|e| part.holds(&e.interaction_id));
    EvaluationRead {
        own,
        rejections,
        files_read: read.files_read,
    }
}

/// A row (or a column or sheet) of an evaluation file left out, as rejected.csv lists it.
fn bad_row_rejection(bad: &evaluation::BadRow) -> Rejection {
    Rejection {
        source_file: bad.source_file.clone(),
        line: bad.row,
        scope: if bad.row.is_some() { Scope::Row } else { Scope::Sheet },
        code: bad.code,
        reason: bad.reason.clone(),
    }
}

/// `K/N` -> the part of the calls to score (0 <= K < N); none given: all of them.
fn parse_shard(shard: Option<&str>) -> Result<Part, AppError> {
    let Some(text) = shard else {
        return Ok(Part::WHOLE);
    };
    let usage = || {
        AppError::Usage(format!(
            "--shard {text}: expected K/N with 0 <= K < N, e.g. --shard 0/3"
        ))
    };
    let (index, count) = text.split_once('/').ok_or_else(usage)?;
    let index: u32 = index.trim().parse().map_err(|_| usage())?;
    let count: u32 = count.trim().parse().map_err(|_| usage())?;
    if count == 0 || index >= count {
        return Err(usage());
    }
    Ok(Part { index, count })
}

/// The streaming writers of a run, created before any work so a bad folder fails early; the tables of
/// supervisors' verdicts when the data folder has evaluations.
fn open_outputs(
    root: &Path,
    results: &ResultsDir,
    part: Part,
    evaluated: bool,
) -> Result<batch::Outputs, ResultsError> {
    let supervision = if evaluated {
        Some(batch::Supervision {
            applier: evaluation::Applier::default(),
            criteria: TableWriter::create(&results.path, "reviewed_criteria", true)?,
            interactions: TableWriter::create(&results.path, "reviewed_interactions", true)?,
        })
    } else {
        None
    };
    Ok(batch::Outputs {
        criteria: TableWriter::create(&results.path, "criteria", true)?,
        interactions: TableWriter::create(&results.path, "interactions", true)?,
        unmatched: TableWriter::create(&results.path, "pbx_unmatched", false)?,
        criteria_dataset: DatasetWriter::create(&root.join(CRITERIA_DATASET), part)?,
        interactions_dataset: DatasetWriter::create(&root.join(INTERACTIONS_DATASET), part)?,
        review: ReviewQueue::create(&results.path)?,
        supervision,
    })
}

/// `callqa lines DATA --out DIR`: the daily line review alone, with run.json and rejected.csv.
pub fn lines(data: &Path, out: &Path, args: &PbxArgs) -> Result<(), AppError> {
    let started = Instant::now();
    let started_at = jiff::Timestamp::now();
    let settings = line_settings(args)?;
    if !data.join("pbx").is_dir() {
        return Err(AppError::Usage(format!(
            "{}: no pbx/ folder (expected DATA/pbx/ with Asterisk logs)",
            data.display()
        )));
    }
    let staging = Staging::begin(out).map_err(AppError::Output)?;
    let results = ResultsDir::create(staging.path()).map_err(AppError::Output)?;
    let (roster, roster_rejections) = load_roster(data);
    let pbx = load_pbx(data, args, &settings, &roster);
    let review = lines::review(pbx.real_calls(), &settings);
    let mut rejected = pbx.rejected.clone();
    rejected.extend(roster_rejections);
    rejected.sort();
    let counts = batch::Accounting::of(&rejected);
    let run = LinesRunInfo {
        tool: "callqa",
        tool_version: env!("CARGO_PKG_VERSION"),
        command: "lines",
        data: data.display().to_string(),
        files_read: pbx.files_read + usize::from(data.join("operators.csv").exists()),
        files_rejected: counts.files,
        lines_rejected: counts.lines,
        entries_skipped: counts.skipped,
        roster_operators: roster.operators.len(),
        pbx: pbx.run_info(),
        offered: review.total.offered,
        answered: review.total.answered,
        lost: review.total.lost,
        started_at: started_at.to_string(),
        elapsed_s: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    };
    results
        .write_lines(&review, &settings.tz)
        .map_err(AppError::Output)?;
    results
        .put_rows(
            "rejected",
            &crate::results::rejected_rows(&rejected),
            false,
        )
        .map_err(AppError::Output)?;
    results.write_lines_run(&run).map_err(AppError::Output)?;
    let out = staging.commit().map_err(AppError::Output)?;
    let mut stdout = io::stdout().lock();
    write_line_review(&mut stdout, &review)?;
    writeln!(stdout, "\nRevisión de líneas: {}", out.display())?;
    Ok(())
}

fn line_settings(args: &PbxArgs) -> Result<LineSettings, AppError> {
    let tz = jiff::tz::TimeZone::get(&args.tz)
        .map_err(|e| AppError::Usage(format!("--tz {}: {e}", args.tz)))?;
    if !(args.service_level_s.is_finite() && args.service_level_s >= 0.0) {
        return Err(AppError::Usage(
            "--service-level-s must be a number of seconds".into(),
        ));
    }
    Ok(LineSettings {
        tz,
        service_level_s: args.service_level_s,
        ..LineSettings::default()
    })
}

fn load_pbx(
    data: &Path,
    args: &PbxArgs,
    settings: &LineSettings,
    roster: &Roster,
) -> PbxData {
    let options = PbxReadOptions {
        tz: settings.tz.clone(),
        cdr_times_utc: args.cdr_utc,
        limits: args.limits(),
    };
    let members = |name: &str| roster.member_extension(name);
    batch::load_pbx(data, &options, &members)
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
    let run = score_into(data, &results, args)?;
    crate::report::write_report(&[results], staging.path(), &ReportOptions::default())
        .map_err(|e| AppError::Failed(format!("report: {e}")))?;
    let out = staging.commit().map_err(AppError::Output)?;
    print_scored(&run, &out.join("results"));
    let mut stdout = io::stdout().lock();
    write_summary(&mut stdout, &run)?;
    writeln!(stdout, "\nResultados: {}", out.join("results").display())?;
    writeln!(stdout, "Informe: {}", out.join("index.html").display())?;
    Ok(())
}

/// `callqa report RESULTS... --out DIR`: the reports from one or more results folders.
pub fn report(
    results: &[std::path::PathBuf],
    out: &Path,
    month: Option<String>,
) -> Result<(), AppError> {
    let index = crate::report::write_report(results, out, &ReportOptions { month })
        .map_err(|e| AppError::Usage(format!("report: {e}")))?;
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
    // Titles come from the rubric the run used.
    let rubric = std::fs::read_to_string(results.join("rubric.toml"))
        .ok()
        .and_then(|text| rubric::load_str(&text, "rubric.toml").ok());
    // A written reply's titles come from the written rubric the run copied beside it.
    let written = matches!(call.channel.as_str(), "email" | "facebook");
    let written_rubric = written
        .then(|| {
            let name = format!("rubric.{}.toml", crate::written::WrittenRubric::default_rubric().id);
            std::fs::read_to_string(results.join(&name))
                .ok()
                .and_then(|text| crate::written::rubric::load_written_str(&text, &name).ok())
        })
        .flatten();

    let mut out = io::stdout().lock();
    let operator = if call.operator_id.is_empty() {
        "operador no identificado".to_string()
    } else {
        format!("{} ({})", call.operator_name, call.operator_id)
    };
    if written {
        write_written_header(&mut out, &call, &operator)?;
    } else {
        writeln!(out, "Llamada {} — {}", call.call_id, operator)?;
        writeln!(
            out,
            "Inicio: {}   Duración: {}   Puntaje: {}   Críticos incumplidos: {}",
            if call.started_at.is_empty() {
                "desconocido"
            } else {
                &call.started_at
            },
            call.duration_s.map_or("sin tiempos".to_string(), clock),
            call.score
                .map_or("sin criterios aplicables".to_string(), |s| format!(
                    "{s}/100"
                )),
            if call.critical_failed.is_empty() {
                "ninguno".to_string()
            } else {
                call.critical_failed.replace(';', ", ")
            },
        )?;
        writeln!(
            out,
            "Archivo: {} ({})   Roles: {} (confianza {:.2}): {}",
            call.source_file,
            call.format,
            call.role_method,
            call.role_confidence.unwrap_or_default(),
            call.role_detail
        )?;
    }
    if call
        .role_confidence
        .is_some_and(|c| c < crate::link::CERTAIN_ROLES)
    {
        writeln!(
            out,
            "⚠ Roles inciertos: revise quién es el operador antes de usar estos veredictos en coaching."
        )?;
    }
    writeln!(
        out,
        "Cumple {} · No cumple {} · No aplica {}",
        call.n_pass, call.n_fail, call.n_na
    )?;
    let mut section = String::new();
    for v in &verdicts {
        let written_titles = written_rubric.as_ref().map(|r| {
            let title = r
                .criteria
                .iter()
                .find(|c| c.id == v.criterion)
                .map_or(v.criterion.clone(), |c| c.title.clone());
            let section = r
                .sections
                .iter()
                .find(|s| s.id == v.section)
                .map_or(v.section.clone(), |s| s.title.clone());
            (title, section)
        });
        let (title, section_title) = match (&rubric, written_titles) {
            (_, Some(titles)) => titles,
            (Some(r), None) => (
                r.criterion(&v.criterion)
                    .map_or(v.criterion.clone(), |c| c.title.clone()),
                r.section_title(&v.section).to_string(),
            ),
            (None, None) => (v.criterion.clone(), v.section.clone()),
        };
        if section != v.section {
            section = v.section.clone();
            writeln!(out, "\n{section_title}")?;
        }
        let mark = match Outcome::parse(&v.outcome) {
            Some(Outcome::Pass) => "✔ CUMPLE   ",
            Some(Outcome::Fail) => "✘ NO CUMPLE",
            _ => "– NO APLICA",
        };
        let critical = if v.critical { " [crítico]" } else { "" };
        writeln!(out, "  {mark}  {title} ({}){critical}", v.criterion)?;
        let at = match (v.at_s, v.at.as_str()) {
            (Some(s), _) => clock(s),
            (None, "") => "--:--".into(),
            // A written reply: its local send time.
            (None, at) => at.to_string(),
        };
        if !v.evidence.is_empty() {
            writeln!(out, "      {at}  «{}»", v.evidence)?;
        }
        if !v.reason.is_empty() {
            writeln!(
                out,
                "      {}{}",
                v.reason,
                if v.source != "transcript" {
                    format!(" (fuente: {})", v.source)
                } else {
                    String::new()
                }
            )?;
        }
    }
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
    write_calibration(&mut stdout, &calibrated.calibration)?;
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

/// The calibration on the terminal: one line per pair and criterion.
fn write_calibration(
    out: &mut impl Write,
    calibration: &crate::calibrate::Calibration,
) -> io::Result<()> {
    let figure = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{v:.3}"));
    writeln!(
        out,
        "{:<34} {:<22} {:>5} {:>8} {:>7}  {}",
        "par", "criterio", "n", "acuerdo", "kappa", "IC 95 %"
    )?;
    for row in &calibration.rows {
        let pair = if row.rater_b.is_empty() {
            format!("{} (Fleiss)", row.rater_a)
        } else {
            format!("{} / {}", row.rater_a, row.rater_b)
        };
        let a = &row.agreement;
        writeln!(
            out,
            "{:<34} {:<22} {:>5} {:>7.1}% {:>7}  {}",
            pair,
            row.criterion,
            a.n,
            a.agreement * 100.0,
            figure(a.kappa),
            match (a.low, a.high) {
                (Some(l), Some(h)) => format!("{l:.3} – {h:.3}"),
                _ => "—".into(),
            }
        )?;
    }
    writeln!(
        out,
        "{} desacuerdos de callqa con los supervisores",
        calibration.disagreements.len()
    )
}

/// `callqa rubric check FILE`.
pub fn rubric_check(file: &Path) -> Result<(), AppError> {
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
    print_criteria(&mut out, &rubric)?;
    Ok(())
}

/// `callqa rubric show`.
pub fn rubric_show() -> Result<(), AppError> {
    io::stdout()
        .lock()
        .write_all(rubric::DEFAULT_RUBRIC.as_bytes())?;
    Ok(())
}

fn print_criteria(out: &mut impl Write, rubric: &Rubric) -> io::Result<()> {
    let total: f64 = rubric.criteria.iter().map(|c| c.weight).sum();
    writeln!(
        out,
        "{:<22} {:<14} {:>6} {:>8}  {:<22} title",
        "criterion", "section", "weight", "critical", "detector"
    )?;
    for c in &rubric.criteria {
        writeln!(
            out,
            "{:<22} {:<14} {:>6} {:>8}  {:<22} {}",
            c.id,
            c.section,
            c.weight,
            if c.critical { "yes" } else { "no" },
            c.detector_kind,
            c.title
        )?;
    }
    writeln!(
        out,
        "{} criteria, total weight {total}",
        rubric.criteria.len()
    )
}

fn load_channel_rubrics(args: &RunArgs) -> Result<Vec<rubric::ChannelRubric>, AppError> {
    if args.channel_rubrics.is_empty() {
        return Ok(vec![rubric::ChannelRubric::default_presencial()]);
    }
    Ok(args
        .channel_rubrics
        .iter()
        .map(|path| rubric::load_channel_file(path))
        .collect::<Result<_, _>>()?)
}

fn load_rubric(args: &RunArgs) -> Result<Rubric, AppError> {
    Ok(match &args.rubric {
        Some(path) => rubric::load_file(path)?,
        None => rubric::load_str(rubric::DEFAULT_RUBRIC, rubric::DEFAULT_RUBRIC_NAME)?,
    })
}

/// The written channels' rubric: `--written-rubric FILE`, else the embedded one.
fn load_written_rubric(args: &RunArgs) -> Result<crate::written::WrittenRubric, AppError> {
    use crate::written::rubric::{load_written_file, load_written_str};
    use crate::written::{DEFAULT_WRITTEN_RUBRIC, DEFAULT_WRITTEN_RUBRIC_NAME};
    Ok(match &args.written_rubric {
        Some(path) => load_written_file(path)?,
        None => load_written_str(DEFAULT_WRITTEN_RUBRIC, DEFAULT_WRITTEN_RUBRIC_NAME)?,
    })
}

/// The roster if DATA/operators.csv exists; its bad lines become rejections.
fn load_roster(data: &Path) -> (Roster, Vec<Rejection>) {
    let path = data.join("operators.csv");
    if !path.exists() {
        return (Roster::new(Vec::new()), Vec::new());
    }
    match read_roster(&path) {
        Ok((operators, errors)) => (
            Roster::new(operators),
            errors
                .into_iter()
                .map(|e| Rejection::line("operators.csv", e.line, e.code, e.reason))
                .collect(),
        ),
        Err(e) => (Roster::new(Vec::new()), vec![Rejection::file("operators.csv", e)]),
    }
}

fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} scoring {pos}/{len} files [{bar:30}] {elapsed_precise} eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The terminal summary of a run: per criterion and per operator, from the run's tallies.
fn write_summary(out: &mut impl Write, run: &ScoreRun) -> io::Result<()> {
    let tally = &run.tally;
    let mut counts = format!(
        "Auditoría: {} llamadas calificadas, {} archivos rechazados",
        tally.calls, run.run.files_rejected
    );
    if run.run.lines_rejected > 0 {
        counts += &format!(", {} líneas omitidas", run.run.lines_rejected);
    }
    if run.run.entries_skipped > 0 {
        counts += &format!(", {} entradas no leídas", run.run.entries_skipped);
    }
    writeln!(out, "{counts}")?;
    if let Some(evaluations) = &run.run.evaluations {
        writeln!(
            out,
            "Evaluaciones de supervisión: {} veredictos de {} ({} filas no leídas); {} veredictos de \
             callqa corregidos, {} atenciones calificadas solo por supervisores",
            evaluations.evaluations,
            evaluations.evaluators.join(", "),
            evaluations.evaluation_rows_rejected,
            evaluations.overrides,
            evaluations.manual_interactions.values().sum::<usize>()
        )?;
    }
    writeln!(
        out,
        "\n{:<22} {:>7} {:>9} {:>9}  {}",
        "criterio", "cumple", "no cumple", "no aplica", "cumplimiento"
    )?;
    for (i, criterion) in run.rubric.criteria.iter().enumerate() {
        let [pass, fail, na] = tally.outcomes.get(i).copied().unwrap_or_default();
        let rate = if pass + fail > 0 {
            format!("{:.0} %", 100.0 * pass as f64 / (pass + fail) as f64)
        } else {
            "—".into()
        };
        writeln!(
            out,
            "{:<22} {:>7} {:>9} {:>9}  {}",
            criterion.id, pass, fail, na, rate
        )?;
    }
    writeln!(
        out,
        "\n{:<8} {:<30} {:>8} {:>9} {:>15}",
        "operador", "nombre", "llamadas", "puntaje", "crítico fallado"
    )?;
    for (id, operator) in &tally.operators {
        let mean = if operator.scored == 0 {
            "—".into()
        } else {
            format!("{:.1}", operator.score_sum / operator.scored as f64)
        };
        for name in &operator.names {
            let (id, name) = if id.is_empty() {
                ("?", "(sin identificar)")
            } else {
                (id.as_str(), name.as_str())
            };
            writeln!(
                out,
                "{:<8} {:<30} {:>8} {:>9} {:>15}",
                id, name, operator.calls, mean, operator.critical_failed
            )?;
        }
    }
    write_written_summary(out, run)?;
    if let Some(review) = &run.review {
        writeln!(out)?;
        write_line_review(out, review)?;
    }
    if !tally.rejected.is_empty() {
        writeln!(out, "\nNo calificado (detalle en rejected.csv):")?;
        for r in &tally.rejected {
            let line = r.line.map(|l| format!(":{l}")).unwrap_or_default();
            writeln!(out, "  {}{line}: [{}] {}", r.source_file, r.code, mask(&r.reason))?;
        }
    }
    Ok(())
}

/// The head of a written reply's scorecard: channel, thread, when it was sent and how long the user
/// waited for it.
fn write_written_header(out: &mut impl Write, call: &InteractionRow, operator: &str) -> io::Result<()> {
    let channel = if call.channel == "email" { "correo electrónico" } else { "Facebook" };
    writeln!(out, "Respuesta {} ({channel}) — {operator}", call.call_id)?;
    writeln!(
        out,
        "Enviada: {}   Mensaje más antiguo que atiende: {}   Tiempo de respuesta: {}   Puntaje: {}   Críticos incumplidos: {}",
        call.started_at,
        if call.waiting_since.is_empty() { "ninguno" } else { &call.waiting_since },
        call.response_business_h
            .map_or("—".to_string(), |h| {
                format!("{} h hábiles", crate::results::row::format_float(h).replace('.', ","))
            }),
        call.score
            .map_or("sin criterios aplicables".to_string(), |s| format!("{s}/100")),
        if call.critical_failed.is_empty() {
            "ninguno".to_string()
        } else {
            call.critical_failed.replace(';', ", ")
        },
    )?;
    writeln!(
        out,
        "Archivo: {} ({})   Hilo: {}, respuesta n.º {}   Operador según: {}",
        call.source_file,
        call.format,
        call.thread_id,
        call.reply_number.unwrap_or_default(),
        if call.operator_source.is_empty() { "—" } else { &call.operator_source }
    )
}

/// The written channels on the terminal: per channel, replies and threads, then each criterion.
fn write_written_summary(out: &mut impl Write, run: &ScoreRun) -> io::Result<()> {
    let written = &run.written;
    for (channel, title, threads) in [
        ("email", "Correo electrónico", written.info.email_threads),
        ("facebook", "Facebook", written.info.facebook_conversations),
    ] {
        let Some(&(replies, score_sum)) = written.replies.get(channel) else {
            continue;
        };
        writeln!(
            out,
            "\n{title}: {replies} respuestas en {threads} hilos, puntaje medio {:.1}",
            score_sum / replies.max(1) as f64
        )?;
        for criterion in run.written_rubric.criteria.iter() {
            let Some([pass, fail, na]) = written.outcomes.get(&(channel, criterion.id.clone())) else {
                continue;
            };
            let rate = if pass + fail > 0 {
                format!("{:.0} %", 100.0 * *pass as f64 / (pass + fail) as f64)
            } else {
                "—".into()
            };
            writeln!(out, "{:<22} {:>7} {:>9} {:>9}  {}", criterion.id, pass, fail, na, rate)?;
        }
    }
    if !written.backlog.is_empty() {
        writeln!(
            out,
            "\nSin respuesta al cierre del periodo: {} hilos (backlog.csv)",
            written.backlog.len()
        )?;
    }
    Ok(())
}

/// The line review on the terminal: per day, the period, and suspect extensions.
fn write_line_review(out: &mut impl Write, review: &LineReview) -> io::Result<()> {
    let pct = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{:.1} %", v * 100.0));
    writeln!(
        out,
        "{:<10} {:>8} {:>9} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "día", "ofrecid.", "atendid.", "perdid.", "entrada", "anexo", "% perd.", "nivel 20s"
    )?;
    for f in review.daily.iter().chain(std::iter::once(&review.total)) {
        writeln!(
            out,
            "{:<10} {:>8} {:>9} {:>8} {:>8} {:>8} {:>8} {:>9}",
            f.period,
            f.offered,
            f.answered,
            f.lost,
            f.lost_at_entry,
            f.lost_at_extension,
            pct(f.lost_rate),
            pct(f.service_level)
        )?;
    }
    if review.total.internal_calls > 0 {
        writeln!(
            out,
            "Tráfico interno (no cuenta como ofrecidas): {} llamadas; ver internal_calls.csv",
            review.total.internal_calls
        )?;
    }
    for e in &review.extensions {
        if let Some(suspect) = e.suspect {
            writeln!(out, "Anexo {}: {}: {}", e.extension, suspect.label(), e.evidence)?;
        }
    }
    Ok(())
}

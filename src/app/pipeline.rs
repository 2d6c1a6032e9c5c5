//! The pipelines behind the commands: load the rubric, roster, PBX logs and evaluations, score the
//! calls a window at a time (`batch`), and write the results folder; the daily line review alone.
//! Nothing here prints: the terminal is `terminal.rs`'s.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use super::AppError;
use crate::batch::{self, PbxData, Tally};
use crate::cli::{PbxArgs, RunArgs};
use crate::evaluation;
use crate::input::PbxReadOptions;
use crate::input::read_roster;
use crate::link::Roster;
use crate::pbx::lines::{self, LineReview, LineSettings};
use crate::results::{
    CRITERIA_DATASET, DatasetWriter, INTERACTIONS_DATASET, LinesRunInfo, Part, Rejection,
    ResultsDir, ResultsError, ReviewQueue, RunInfo, Scope, TableWriter,
};
use crate::rubric::{self, Rubric};

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

/// `callqa score` writing into `out` as it goes (the caller makes that atomic).
pub(super) fn score(data: &Path, out: &Path, args: &RunArgs) -> Result<ScoreRun, AppError> {
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
    let results =
        ResultsDir::create(&crate::results::part_folder(out, part)).map_err(AppError::Output)?;
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
    let review =
        (owns_global && pbx.files_read > 0).then(|| lines::review(pbx.real_calls(), &settings));
    if part.count > 1 {
        pbx.calls.retain(|id, _| part.holds(id));
    }
    if let (Some(supervision), Some(read)) = (&mut outputs.supervision, &evaluations) {
        supervision.applier = evaluation::Applier::new(read.own.iter().cloned());
    }

    let progress = super::terminal::progress_bar(files.len() as u64, args.quiet);
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
        tally
            .rejected
            .extend(supervised.unscored.iter().map(bad_row_rejection));
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
        std::fs::write(&path, &channel_rubric.text).map_err(|e| {
            AppError::Output(ResultsError::Io {
                path,
                message: e.to_string(),
            })
        })?;
    }
    if let Some(read) = &evaluations {
        results
            .put_rows(
                "evaluations",
                &evaluation::evaluation_rows(&read.own),
                false,
            )
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
        scope: if bad.row.is_some() {
            Scope::Row
        } else {
            Scope::Sheet
        },
        code: bad.code,
        reason: bad.reason.clone(),
    }
}

/// `K/N` -> the part of the calls to score (0 <= K < N); none given: all of them.
pub(super) fn parse_shard(shard: Option<&str>) -> Result<Part, AppError> {
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

fn load_pbx(data: &Path, args: &PbxArgs, settings: &LineSettings, roster: &Roster) -> PbxData {
    let options = PbxReadOptions {
        tz: settings.tz.clone(),
        cdr_times_utc: args.cdr_utc,
        limits: args.limits(),
    };
    let members = |name: &str| roster.member_extension(name);
    batch::load_pbx(data, &options, &members)
}

fn load_channel_rubrics(args: &RunArgs) -> Result<Vec<rubric::ChannelRubric>, AppError> {
    if args.channel_rubrics.is_empty() {
        return Ok(vec![rubric::ChannelRubric::default_presencial()]);
    }
    Ok(args
        .channel_rubrics
        .iter()
        .map(|path| crate::written::rubric::load_any_channel_file(path))
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
        Err(e) => (
            Roster::new(Vec::new()),
            vec![Rejection::file("operators.csv", e)],
        ),
    }
}

/// The daily line review alone, written into `folder` with run.json and rejected.csv.
pub(super) fn lines(data: &Path, folder: &Path, args: &PbxArgs) -> Result<LineReview, AppError> {
    let started = Instant::now();
    let started_at = jiff::Timestamp::now();
    let settings = line_settings(args)?;
    if !data.join("pbx").is_dir() {
        return Err(AppError::Usage(format!(
            "{}: no pbx/ folder (expected DATA/pbx/ with Asterisk logs)",
            data.display()
        )));
    }
    let results = ResultsDir::create(folder).map_err(AppError::Output)?;
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
        .put_rows("rejected", &crate::results::rejected_rows(&rejected), false)
        .map_err(AppError::Output)?;
    results.write_lines_run(&run).map_err(AppError::Output)?;
    Ok(review)
}

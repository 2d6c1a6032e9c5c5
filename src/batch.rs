//! One scoring run over a data folder, streamed: list the transcript files, put them in call-id order,
//! keep this shard's, then read, link and score them in parallel (rayon) a window at a time and hand
//! each window's rows to the writers in order. Memory holds one window of calls, one Parquet row group
//! per open file and the running tallies of the terminal summary, whatever the size of the month.
//!
//! Order: rows are written by call id, then source file, as the results folder promises. Most call ids
//! are in the file name (FreePBX recording names, a bare uniqueid); the few files whose id is only
//! inside them (callqa JSON) are read once beforehand for it. Every file ends up scored or rejected
//! with a reason; of files with the same call id the first in that order is scored and the others are
//! rejected as duplicates.
//!
//! Each call's low-confidence verdicts go to the review queue (revisar.csv, written sorted at the end),
//! and when supervisors evaluated the call, its rows with their verdicts in place go to
//! reviewed_criteria and reviewed_interactions as it is written (`evaluation::Applier`).
//!
//! Shards: `--shard K/N` keeps the calls whose id hashes to K: FNV-1a (64-bit) of the call id's UTF-8
//! bytes, modulo N. The hash is fixed (not Rust's randomised hasher), so every machine and every
//! version of callqa puts a call in the same shard.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::evaluation::{Applier, Supervised};
use crate::input::PbxLog;
use crate::input::{
    Limits, Listing, PbxReadOptions, call_id_from_file_name, list_files, read_pbx_stream,
    read_transcript_into,
};
use crate::link::{PbxMatch, Roster, apply_pbx, build_interaction};
use crate::model::{Outcome, Problem};
use crate::pbx::{Members, PbxCall};
use crate::results::{
    ClockCheckRun, CriterionRow, DatasetWriter, InteractionRow, Part, PbxRunInfo, Rejection,
    ResultsError, ReviewQueue, ReviewRow, Scope, TRANSCRIPT_ONLY, TableWriter, UnmatchedRow,
    criteria_rows, interaction_row, iso_in, relative_masked,
};
use crate::rubric::Rubric;
use crate::score::score;

/// Calls scored per worker thread in one window: the bound of the reordering buffer.
const WINDOW_PER_THREAD: usize = 64;

/// FNV-1a, 64-bit, of `call_id`'s bytes: the shard hash (documented in the README; never change it,
/// or shards written by different versions stop fitting together).
pub fn call_hash(call_id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in call_id.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

impl Part {
    /// Whether `call_id` belongs to this shard.
    pub fn holds(self, call_id: &str) -> bool {
        self.count <= 1 || call_hash(call_id) % u64::from(self.count) == u64::from(self.index)
    }
}

/// The entries of `listing` left unread, as rejections of scope `skipped`.
pub fn skipped(listing: &Listing, data: &Path) -> Vec<Rejection> {
    listing
        .skipped
        .iter()
        .map(|s| Rejection::skipped(relative_masked(&s.path, data), s.code, s.reason.clone()))
        .collect()
}

/// The entries of a data folder callqa reads; anything else at its top is listed as not read.
pub const DATA_ENTRIES: &[&str] = &[
    "transcripts",
    "pbx",
    "operators.csv",
    EVALUATIONS_DIR,
    "email",
    "facebook",
    crate::written::score::HELPDESK_FILE,
];

/// Where supervisors' evaluations are kept in a data folder.
pub const EVALUATIONS_DIR: &str = "evaluations";

/// The top-level entries of `data` that are not callqa's inputs, as rejections of scope `skipped`
/// (hidden ones too: a `.DS_Store` is accounted for like the rest).
pub fn unused_entries(data: &Path) -> Vec<Rejection> {
    let Ok(entries) = std::fs::read_dir(data) else {
        return Vec::new();
    };
    let mut unused: Vec<Rejection> = entries
        .filter_map(Result::ok)
        .filter(|e| !DATA_ENTRIES.contains(&e.file_name().to_string_lossy().as_ref()))
        .map(|e| {
            Rejection::skipped(
                relative_masked(&e.path(), data),
                Problem::NotInput,
                format!(
                    "no es una entrada de callqa (lee {}): no se leyó",
                    DATA_ENTRIES.join(", ")
                ),
            )
        })
        .collect();
    unused.sort();
    unused
}

/// How many rejections of each scope: the counts run.json and the terminal give.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accounting {
    pub files: usize,
    pub lines: usize,
    pub skipped: usize,
    /// Rows, columns and sheets of supervisors' evaluations left out (scopes `row` and `sheet`).
    pub rows: usize,
}

impl Accounting {
    pub fn of(rejected: &[Rejection]) -> Accounting {
        let mut counts = Accounting::default();
        for r in rejected {
            match r.scope {
                Scope::File => counts.files += 1,
                Scope::Line => counts.lines += 1,
                Scope::Skipped => counts.skipped += 1,
                Scope::Row | Scope::Sheet => counts.rows += 1,
            }
        }
        counts
    }

    /// "3 files rejected, 2 lines skipped, 1 entry not read, 3 evaluation rows left out, 0.4 s" (empty
    /// counts left out).
    pub fn summary(&self, seconds: f64) -> String {
        let mut parts = vec![format!("{} files rejected", self.files)];
        if self.lines > 0 {
            parts.push(format!("{} lines skipped", self.lines));
        }
        if self.skipped > 0 {
            parts.push(format!("{} entries not read", self.skipped));
        }
        if self.rows > 0 {
            parts.push(format!("{} evaluation rows left out", self.rows));
        }
        parts.push(format!("{seconds:.1} s"));
        parts.join(", ")
    }
}

/// A transcript file and the call id it will be scored under.
#[derive(Debug, Clone)]
pub struct CallFile {
    pub call_id: String,
    pub path: PathBuf,
}

/// Every transcript file with the call id it will be scored under, in no particular order: the calls
/// of every shard.
pub fn call_files(files: Vec<PathBuf>, limits: Limits) -> Vec<CallFile> {
    let (named, unnamed): (Vec<_>, Vec<_>) = files
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Only the id is wanted here: the zone of the time in the name does not matter.
            let id = call_id_from_file_name(&name, &jiff::tz::TimeZone::UTC).map(|(id, _)| id);
            (path, id)
        })
        .partition(|(_, id)| id.is_some());
    let mut calls: Vec<CallFile> = named
        .into_iter()
        .filter_map(|(path, id)| id.map(|call_id| CallFile { call_id, path }))
        .collect();
    // The id is inside the file (or is the file's stem): read these few once for it.
    calls.par_extend(unnamed.into_par_iter().map(|(path, _)| {
        let call_id = read_transcript_into(&path, &mut Vec::new(), &limits)
            .ok()
            .and_then(|t| t.call_id)
            .unwrap_or_else(|| {
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
        CallFile { call_id, path }
    }));
    calls
}

/// This shard's files of `files` (see `call_files`) in scoring order: call id, then masked source path.
pub fn plan(mut plan: Vec<CallFile>, data: &Path, part: Part) -> Vec<CallFile> {
    plan.retain(|f| part.holds(&f.call_id));
    plan.par_sort_by(|a, b| {
        a.call_id
            .cmp(&b.call_id)
            .then_with(|| relative_masked(&a.path, data).cmp(&relative_masked(&b.path, data)))
    });
    plan
}

/// What a run writes: the flat tables and this part of the partitioned datasets.
pub struct Outputs {
    pub criteria: TableWriter<CriterionRow>,
    pub interactions: TableWriter<InteractionRow>,
    /// pbx_unmatched.csv: transcripts without PBX records as they are scored, then (`run`'s caller
    /// adds them) the PBX calls nobody transcribed.
    pub unmatched: TableWriter<UnmatchedRow>,
    pub criteria_dataset: DatasetWriter<CriterionRow>,
    pub interactions_dataset: DatasetWriter<InteractionRow>,
    /// revisar.csv: the low-confidence verdicts, written sorted when the run ends.
    pub review: ReviewQueue,
    /// The supervisors' evaluations of this part's interactions, applied as their calls come; None
    /// without DATA/evaluations/.
    pub supervision: Option<Supervision>,
}

/// The supervisors' verdicts in a run: the applier and the tables it fills.
pub struct Supervision {
    pub applier: Applier,
    /// reviewed_criteria: callqa's rows a supervisor's verdict replaces, and the rows of interactions
    /// only supervisors scored.
    pub criteria: TableWriter<CriterionRow>,
    /// reviewed_interactions: the calls those verdicts rescore, and the interactions only supervisors
    /// scored.
    pub interactions: TableWriter<InteractionRow>,
}

impl Supervision {
    /// Writes the interactions only supervisors scored and closes the tables.
    pub fn finish(
        mut self,
        catalog: &crate::rubric::Catalog,
        roster: &Roster,
    ) -> Result<Supervised, ResultsError> {
        let supervised = self.applier.finish(catalog, roster);
        for (criteria, interaction) in &supervised.manual {
            for row in criteria {
                self.criteria.write(row)?;
            }
            self.interactions.write(interaction)?;
        }
        self.criteria.finish()?;
        self.interactions.finish()?;
        Ok(supervised)
    }
}

impl Outputs {
    fn write(&mut self, call: &Scored) -> Result<(), ResultsError> {
        let month = call.interaction.month();
        for row in &call.criteria {
            self.criteria.write(row)?;
            self.criteria_dataset.write(month, row)?;
        }
        self.interactions.write(&call.interaction)?;
        self.interactions_dataset.write(month, &call.interaction)?;
        self.review.extend(&call.review)?;
        if let Some(supervision) = &mut self.supervision
            && let Some((criteria, interaction)) =
                supervision.applier.call(&call.criteria, &call.interaction)
        {
            for row in &criteria {
                supervision.criteria.write(row)?;
            }
            supervision.interactions.write(&interaction)?;
        }
        Ok(())
    }

    /// Writes one interaction's rows (a written reply's) to every table.
    pub fn write_rows(
        &mut self,
        criteria: &[CriterionRow],
        interaction: &InteractionRow,
    ) -> Result<(), ResultsError> {
        let month = interaction.month();
        for row in criteria {
            self.criteria.write(row)?;
            self.criteria_dataset.write(month, row)?;
        }
        self.interactions.write(interaction)?;
        self.interactions_dataset.write(month, interaction)?;
        // A supervisor may have evaluated a written reply too.
        if let Some(supervision) = &mut self.supervision
            && let Some((criteria, interaction)) = supervision.applier.call(criteria, interaction)
        {
            for row in &criteria {
                supervision.criteria.write(row)?;
            }
            supervision.interactions.write(&interaction)?;
        }
        Ok(())
    }

    /// Closes the tables; the supervision (when there is one) is left to finish on its own.
    pub fn finish(self) -> Result<(), ResultsError> {
        self.criteria.finish()?;
        self.interactions.finish()?;
        self.unmatched.finish()?;
        self.criteria_dataset.finish()?;
        self.interactions_dataset.finish()?;
        self.review.finish()
    }
}

/// An operator's running figures for the terminal summary.
#[derive(Debug, Clone, Default)]
pub struct OperatorTally {
    /// Every name the operator id was seen with.
    pub names: BTreeSet<String>,
    pub calls: usize,
    pub score_sum: f64,
    pub scored: usize,
    pub critical_failed: usize,
}

/// The running aggregates of a run: what the terminal summary and run.json need, never the rows.
#[derive(Debug, Default)]
pub struct Tally {
    pub calls: usize,
    /// Per criterion in rubric order: pass, fail, na.
    pub outcomes: Vec<[usize; 3]>,
    /// By operator id ("" for calls without an identified operator).
    pub operators: BTreeMap<String, OperatorTally>,
    /// Scored calls the PBX has no record of (their rows are written as they come).
    pub without_pbx: usize,
    /// The PBX's calls (this shard's) that no scored transcript has, by call id.
    pub pbx_only: Vec<UnmatchedRow>,
    pub rejected: Vec<Rejection>,
}

impl Tally {
    fn add(&mut self, call: &Scored) {
        self.calls += 1;
        if self.outcomes.len() < call.outcomes.len() {
            self.outcomes.resize(call.outcomes.len(), [0; 3]);
        }
        for (counts, outcome) in self.outcomes.iter_mut().zip(&call.outcomes) {
            let slot = match outcome {
                Outcome::Pass => 0,
                Outcome::Fail => 1,
                Outcome::Na => 2,
            };
            counts[slot] += 1;
        }
        let row = &call.interaction;
        let operator = self.operators.entry(row.operator_id.clone()).or_default();
        operator.names.insert(row.operator_name.clone());
        operator.calls += 1;
        if let Some(score) = row.score {
            operator.score_sum += score;
            operator.scored += 1;
        }
        operator.critical_failed += usize::from(!row.critical_failed.is_empty());
    }
}

/// A scored call's rows.
struct Scored {
    source: String,
    started_at: Option<jiff::Timestamp>,
    outcomes: Vec<Outcome>,
    criteria: Vec<CriterionRow>,
    interaction: InteractionRow,
    /// The call's rows of revisar.csv.
    review: Vec<ReviewRow>,
}

/// What scoring needs besides the files.
pub struct Context<'a> {
    pub data: &'a Path,
    pub rubric: &'a Rubric,
    pub roster: &'a Roster,
    pub pbx: &'a BTreeMap<String, PbxCall>,
    pub tz: &'a jiff::tz::TimeZone,
    pub limits: Limits,
}

/// Scores `files` (in plan order) and writes their rows to `out` as each window finishes.
pub fn run(
    files: &[CallFile],
    context: &Context,
    out: &mut Outputs,
    progress: &ProgressBar,
) -> Result<Tally, ResultsError> {
    let mut tally = Tally::default();
    let mut pbx = PbxMatch::new(context.pbx, context.tz);
    let window = WINDOW_PER_THREAD * rayon::current_num_threads().max(1);
    let mut previous: Option<(String, String)> = None;
    for files in files.chunks(window) {
        let results: Vec<Result<Scored, Rejection>> = files
            .par_iter()
            .map_init(Vec::new, |buffer, file| {
                let result = score_file(&file.path, context, buffer);
                progress.inc(1);
                result
            })
            .collect();
        for result in results {
            let call = match result {
                Ok(call) => call,
                Err(rejection) => {
                    tally.rejected.push(rejection);
                    continue;
                }
            };
            if let Some((id, first)) = &previous
                && *id == call.interaction.call_id
            {
                tally.rejected.push(Rejection::whole(
                    call.source,
                    Problem::DuplicateCall,
                    format!("llamada {id} repetida: ya se calificó desde {first}"),
                ));
                continue;
            }
            previous = Some((call.interaction.call_id.clone(), call.source.clone()));
            out.write(&call)?;
            tally.add(&call);
            if !pbx.knows(&call.interaction.call_id) {
                tally.without_pbx += 1;
                out.unmatched.write(&UnmatchedRow {
                    call_id: call.interaction.call_id.clone(),
                    side: TRANSCRIPT_ONLY.into(),
                    started_at: call
                        .started_at
                        .map(|t| iso_in(t, context.tz))
                        .unwrap_or_default(),
                    source_file: call.source.clone(),
                    ..UnmatchedRow::default()
                })?;
            }
        }
    }
    tally.pbx_only = pbx.finish();
    tally.rejected.sort();
    Ok(tally)
}

fn score_file(path: &Path, context: &Context, buffer: &mut Vec<u8>) -> Result<Scored, Rejection> {
    let source = relative_masked(path, context.data);
    let transcript = read_transcript_into(path, buffer, &context.limits)
        .map_err(|e| Rejection::file(source.clone(), e))?;
    let mut interaction =
        build_interaction(transcript, path, context.roster, &context.rubric.facts)
            .map_err(|e| Rejection::whole(source.clone(), Problem::NoSpeech, e.0))?;
    if let Some(call) = context.pbx.get(&interaction.call_id) {
        apply_pbx(&mut interaction, call, context.roster);
    }
    let card = score(interaction, context.rubric);
    let criteria = criteria_rows(&card, context.rubric);
    Ok(Scored {
        started_at: card.interaction.started_at,
        outcomes: card.verdicts.iter().map(|v| v.outcome).collect(),
        review: crate::review::review_rows(&criteria),
        criteria,
        interaction: interaction_row(&card, context.data, context.tz),
        source,
    })
}

/// What scoring the written channels left: the figures of run.json and the terminal, the backlog and
/// the rejections. Rows went to the writers as they were made.
#[derive(Debug, Default)]
pub struct WrittenRun {
    pub info: crate::results::written::WrittenRunInfo,
    pub backlog: Vec<crate::results::written::BacklogRow>,
    pub rejected: Vec<Rejection>,
    /// Per channel and criterion (rubric order): pass, fail, na.
    pub outcomes: BTreeMap<(&'static str, String), [usize; 3]>,
    /// Per channel: replies scored and the sum of their scores.
    pub replies: BTreeMap<&'static str, (usize, f64)>,
}

/// Reads and scores the written channels (DATA/email/, DATA/facebook/, DATA/helpdesk.toml) after the
/// calls, and writes the replies of this shard (a thread's replies stay in one shard: the thread id
/// is hashed) in id order. The backlog and the rejections belong to shard 0.
pub fn run_written(
    data: &Path,
    rubric: &crate::written::WrittenRubric,
    roster: &Roster,
    part: Part,
    out: &mut Outputs,
) -> Result<WrittenRun, ResultsError> {
    use crate::results::written::{backlog_rows, thread_id_of, written_rejections, written_rows};
    let written = crate::written::score::read_written(data);
    let (replies, backlog) =
        crate::written::score::score_threads(&written.threads, rubric, roster, &written.desk);
    let mut run = WrittenRun {
        info: crate::results::written::WrittenRunInfo::new(
            rubric,
            &written,
            &replies,
            backlog.len(),
        ),
        ..WrittenRun::default()
    };
    for reply in replies.iter().filter(|r| part.holds(thread_id_of(&r.id))) {
        let (criteria, interaction) = written_rows(reply, rubric, data);
        out.write_rows(&criteria, &interaction)?;
        let channel = reply.channel.as_str();
        let replies = run.replies.entry(channel).or_default();
        replies.0 += 1;
        replies.1 += reply.score.unwrap_or_default();
        for row in &criteria {
            let slot = match Outcome::parse(&row.outcome) {
                Some(Outcome::Pass) => 0,
                Some(Outcome::Fail) => 1,
                _ => 2,
            };
            run.outcomes
                .entry((channel, row.criterion.clone()))
                .or_default()[slot] += 1;
        }
    }
    if part.index == 0 {
        run.backlog = backlog_rows(&backlog, rubric, data);
        run.rejected = written_rejections(&written, data);
    }
    Ok(run)
}

/// Everything read from DATA/pbx/.
#[derive(Default)]
pub struct PbxData {
    pub calls: BTreeMap<String, PbxCall>,
    pub rejected: Vec<Rejection>,
    pub files_read: usize,
    pub lines_skipped: usize,
    pub unknown_events: BTreeMap<String, usize>,
    pub control_chars_removed: usize,
    pub clock_checks: Vec<ClockCheckRun>,
    /// `--cdr-utc` was given.
    pub cdr_utc: bool,
}

impl PbxData {
    /// Calls that really reached the PBX (records of other legs alone are not calls).
    pub fn real_calls(&self) -> impl Iterator<Item = &PbxCall> {
        self.calls.values().filter(|c| c.direction.is_some())
    }

    /// What run.json records of the PBX logs.
    pub fn run_info(&self) -> PbxRunInfo {
        PbxRunInfo {
            pbx_files_read: self.files_read,
            pbx_lines_skipped: self.lines_skipped,
            pbx_calls: self.real_calls().count(),
            pbx_internal_calls: self.real_calls().filter(|c| c.internal_traffic()).count(),
            pbx_unknown_events: self.unknown_events.clone(),
            pbx_control_chars_removed: self.control_chars_removed,
            pbx_cdr_utc: self.cdr_utc,
            pbx_clock_checks: self.clock_checks.clone(),
        }
    }
}

/// Reads every PBX log under DATA/pbx/ and gathers the calls. Absent folder: no PBX data. One thread
/// reads and parses the logs, in file order, and hands them on in parts (a large queue_log in batches
/// of lines; of an AMI log only the events the index reads) through a short queue. The call index then
/// gathers every log's records of each call (a call seen in several logs is one call, each fact from
/// its closest witness). `members` gives the extension of a queue member logged by name (see
/// `Roster::member_extension`).
pub fn load_pbx(data: &Path, options: &PbxReadOptions, members: Members) -> PbxData {
    let folder = data.join("pbx");
    if !folder.is_dir() {
        return PbxData::default();
    }
    let listing = list_files(&folder);
    let files = &listing.files;
    let mut pbx = PbxData {
        files_read: files.len(),
        cdr_utc: options.cdr_times_utc,
        rejected: skipped(&listing, data),
        ..PbxData::default()
    };
    let (sender, receiver) =
        std::sync::mpsc::sync_channel::<Result<(String, PbxLog), Rejection>>(2);
    let logs = std::thread::scope(|scope| {
        scope.spawn(move || {
            for path in files {
                let source = relative_masked(path, data);
                let ami_events = Some(crate::pbx::AMI_EVENTS_INDEXED);
                let read = read_pbx_stream(path, options, ami_events, |log| {
                    let _ = sender.send(Ok((source.clone(), log)));
                });
                if let Err(e) = read {
                    let _ = sender.send(Err(Rejection::file(source, e)));
                }
            }
        });
        let parts = receiver.iter().filter_map(|part| match part {
            Ok((source, log)) => {
                for (line, reason) in &log.bad_lines {
                    pbx.rejected.push(Rejection::line(
                        source.clone(),
                        Some(*line),
                        Problem::BadLine,
                        reason.clone(),
                    ));
                }
                for line in &log.long_lines {
                    pbx.rejected.push(Rejection::line(
                        source.clone(),
                        Some(*line),
                        Problem::LineTooLong,
                        format!(
                            "línea de más de {} (--max-line-kb): no se leyó",
                            crate::input::size_text(options.limits.max_line_bytes as u64)
                        ),
                    ));
                }
                pbx.lines_skipped += log.bad_lines.len() + log.long_lines.len();
                for (event, n) in &log.unknown_events {
                    *pbx.unknown_events.entry(event.clone()).or_default() += n;
                }
                pbx.control_chars_removed += log.control_chars_removed;
                if let (Some(check), Some(kind)) = (log.clock, log.kind) {
                    pbx.clock_checks.push(ClockCheckRun {
                        file: source.clone(),
                        log: kind,
                        check,
                    });
                }
                Some(log)
            }
            Err(rejection) => {
                pbx.rejected.push(rejection);
                None
            }
        });
        parts.collect::<Vec<PbxLog>>()
    });
    pbx.calls = crate::pbx::index(&logs, members);
    pbx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shard_hash_is_fnv1a_64() {
        // Reference values of FNV-1a 64 (the empty string is the offset basis).
        assert_eq!(call_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(call_hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(call_hash("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn every_call_is_in_exactly_one_shard() {
        for id in ["1793632502.1187", "1794413112.3358", "x", ""] {
            let parts = (0..3)
                .filter(|&index| Part { index, count: 3 }.holds(id))
                .count();
            assert_eq!(parts, 1, "{id}");
            assert!(Part::WHOLE.holds(id));
        }
    }
}

//! Command-line definitions (clap derive) and nothing else: what the user typed, as plain data.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Audits SIAGIE help-desk calls against the service protocol.
///
/// callqa reads call transcripts (and, later, PBX logs), scores every call against a rubric kept as
/// data, and writes per-criterion verdicts with the moment and words behind each one.
#[derive(Debug, Parser)]
#[command(name = "callqa", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score every call under DATA and write a results folder.
    ///
    /// DATA holds transcripts/ (one file per call, sub-folders allowed), optionally pbx/ and
    /// operators.csv (operator_id,name,extension,team).
    ///
    /// Example: callqa score sample-data --out results/2026-11
    ///
    /// Sharded over three machines (same --out on shared storage):
    /// callqa score DATA --out national --shard 0/3   (and 1/3, 2/3)
    Score {
        /// The data folder.
        data: PathBuf,
        /// Where to write the results folder.
        #[arg(long, short)]
        out: PathBuf,
        #[command(flatten)]
        run: RunArgs,
    },
    /// The main job: score DATA, review the lines, and write results and reports under --out; ends by
    /// printing the path of index.html.
    ///
    /// Example: callqa audit sample-data
    Audit {
        /// The data folder.
        data: PathBuf,
        /// Where to write reports (results go to OUT/results).
        #[arg(long, short, default_value = "reports")]
        out: PathBuf,
        #[command(flatten)]
        run: RunArgs,
    },
    /// The daily line review from the PBX logs under DATA/pbx/: lost calls (at entry or at the
    /// extension), service level, waits, suspect extensions, the lost calls to call back.
    ///
    /// Example: callqa lines sample-data --out reports/lines
    Lines {
        /// The data folder.
        data: PathBuf,
        /// Where to write lines_daily.csv, lines_hourly.csv, extensions.csv and lost_calls.csv.
        #[arg(long, short)]
        out: PathBuf,
        #[command(flatten)]
        pbx: PbxArgs,
    },
    /// Write the reports from one or more results folders (several months give trends): index.html
    /// (management), operators/<id>.html (coaching), criteria.html, charts and spreadsheet exports.
    ///
    /// Example: callqa report results/2026-10 results/2026-11 --out reports --month 2026-11
    ///
    /// A results folder that sharded runs wrote into (or one that holds a year) is read as a
    /// partitioned dataset: only the report month's partitions are read in full.
    Report {
        /// Results folders written by `score` or `audit` (sharded or not).
        #[arg(required = true)]
        results: Vec<PathBuf>,
        /// Where to write the reports.
        #[arg(long, short)]
        out: PathBuf,
        /// The month the report is about (YYYY-MM); by default the latest in the data.
        #[arg(long)]
        month: Option<String>,
    },
    /// Print one call's scorecard: each criterion, its verdict, the evidence and its time.
    ///
    /// Example: callqa explain reports/results 1793632502.1187
    Explain {
        /// A results folder written by `score` or `audit`.
        results: PathBuf,
        /// The call id (the Asterisk uniqueid, e.g. 1793632502.1187).
        call_id: String,
    },
    /// Compare callqa's verdicts with supervisors' evaluations: agreement and Cohen's kappa per pair of
    /// raters and criterion, the confusion matrices, Fleiss' kappa for three or more raters, and every
    /// disagreement. Writes calibration.csv and calibracion.html into --out (default: RESULTS).
    ///
    /// With --min-kappa or --min-agreement, exits 1 naming the criteria where callqa falls below the
    /// bar against any supervisor: a golden set that guards rubric edits.
    ///
    /// Example: callqa calibrate reports/results sample-data/evaluations --min-kappa 0.6
    Calibrate {
        /// A results folder written by `score` or `audit`.
        results: PathBuf,
        /// Evaluation files (CSV, .xlsx) or folders of them; default: the folder's evaluations.csv.
        evaluations: Vec<PathBuf>,
        /// Where to write calibration.csv and calibracion.html (default: RESULTS).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Fail when callqa's kappa with a supervisor on a criterion (or overall) is below this.
        #[arg(long)]
        min_kappa: Option<f64>,
        /// Fail when callqa's agreement (0-1) with a supervisor on a criterion is below this.
        #[arg(long)]
        min_agreement: Option<f64>,
    },
    /// Validate or show a rubric.
    Rubric {
        #[command(subcommand)]
        action: RubricAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum RubricAction {
    /// Validate a rubric file and print its criteria.
    Check {
        /// The rubric file (TOML).
        file: PathBuf,
    },
    /// Print the embedded default rubric (rubrics/siagie.toml).
    Show,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Rubric file to score with (default: the embedded SIAGIE rubric).
    #[arg(long)]
    pub rubric: Option<PathBuf>,
    /// Rubric file for the written channels, e-mail and Facebook (default: the embedded
    /// rubrics/siagie-escrito.toml).
    #[arg(long, value_name = "FILE")]
    pub written_rubric: Option<PathBuf>,
    /// Rubric of a channel callqa cannot hear, for supervisors' evaluations (repeatable; default: the
    /// embedded face-to-face rubric, rubrics/siagie-presencial.toml).
    #[arg(long = "channel-rubric")]
    pub channel_rubrics: Vec<PathBuf>,
    /// Hide the progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Score only shard K of N (0 <= K < N): the calls whose id hashes there (FNV-1a 64 of the call
    /// id, modulo N). Every shard writes into the same --out: its part of the criteria/ and
    /// interactions/ datasets, and its own files in shards/K-of-N/. `score` only.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    #[command(flatten)]
    pub pbx: PbxArgs,
}

#[derive(Debug, Clone, clap::Args)]
pub struct PbxArgs {
    /// Time zone of the PBX's local times and of the daily review.
    #[arg(long, default_value = "America/Lima")]
    pub tz: String,
    /// The CDR's times are UTC (cdr.conf usegmtime=yes).
    #[arg(long)]
    pub cdr_utc: bool,
    /// Seconds within which an answered call counts toward the service level.
    #[arg(long, default_value_t = 20.0)]
    pub service_level_s: f64,
    /// A transcript file larger than this (MiB) is rejected unread.
    #[arg(long, default_value_t = 32, value_name = "MIB")]
    pub max_file_mb: u64,
    /// A line longer than this (KiB) rejects its transcript (JSON excepted) or is skipped in a PBX log.
    #[arg(long, default_value_t = 256, value_name = "KIB")]
    pub max_line_kb: usize,
}

impl PbxArgs {
    pub fn limits(&self) -> crate::input::Limits {
        crate::input::Limits {
            max_file_bytes: self.max_file_mb.saturating_mul(1 << 20),
            max_line_bytes: self.max_line_kb.saturating_mul(1 << 10),
        }
    }
}

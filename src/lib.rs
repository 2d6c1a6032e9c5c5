//! callqa: audits SIAGIE help-desk calls against the service protocol. The library holds the whole
//! pipeline (input -> link -> score -> results); `main.rs` only parses arguments and dispatches.
//!
//! The library's interface is what the binary, the integration tests and the fuzz targets use:
//! reading inputs (`input`), linking a transcript into a call (`link`), the rubric and its facts,
//! scoring (`score`, `criteria`), the text helpers, the reports and the commands (`app`, `cli`).
//! The rest (the batch, its results writers, the PBX index, evaluations, metrics, the review queue)
//! is the crate's own.

pub mod app;
pub(crate) mod batch;
pub mod calibrate;
pub mod cli;
pub mod criteria;
pub(crate) mod evaluation;
pub mod facts;
pub mod input;
pub mod link;
pub(crate) mod metrics;
pub mod model;
pub(crate) mod pbx;
pub mod report;
pub(crate) mod results;
pub(crate) mod review;
pub mod rubric;
pub mod score;
pub mod text;
pub mod written;

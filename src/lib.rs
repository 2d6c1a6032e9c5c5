//! callqa: audits SIAGIE help-desk calls against the service protocol. The library holds the whole
//! pipeline (input -> link -> score -> results); `main.rs` only parses arguments and dispatches.

pub mod app;
pub mod calibrate;
pub mod batch;
pub mod cli;
pub mod criteria;
pub mod evaluation;
pub mod facts;
pub mod input;
pub mod link;
pub mod metrics;
pub mod model;
pub mod pbx;
pub mod report;
pub mod results;
pub mod review;
pub mod rubric;
pub mod score;
pub mod text;
pub mod written;

//! callqa: audits SIAGIE help-desk calls against the service protocol. The library holds the whole
//! pipeline (input -> link -> score -> results); `main.rs` only parses arguments and dispatches.

pub mod model;
pub mod input;
pub mod text;
pub mod rubric;
pub mod criteria;
pub mod link;
pub mod metrics;
pub mod score;
pub mod results;
pub mod batch;
pub mod cli;
pub mod app;

//! The rubric: which criteria a call is scored on, how much each weighs, and which detector decides it
//! with which phrases and thresholds. Rubrics are data (`rubrics/siagie.toml`, embedded as the default);
//! `load` turns a rubric file into a validated `Rubric` whose detectors and phrase patterns are compiled
//! once per run.

mod channel;
mod load;

pub use channel::{
    Catalog, ChannelRubric, CriterionSpec, DEFAULT_CHANNEL_RUBRIC, DEFAULT_CHANNEL_RUBRIC_NAME,
    load_channel_file, load_channel_str,
};
pub use load::{RubricError, load_file, load_str};

use crate::criteria::Detector;
pub use crate::facts::CallFacts;

/// The SIAGIE rubric shipped with callqa.
pub const DEFAULT_RUBRIC: &str = include_str!("../../rubrics/siagie.toml");
pub const DEFAULT_RUBRIC_NAME: &str = "rubrics/siagie.toml (embedded)";

/// A validated rubric, ready to score with.
pub struct Rubric {
    pub id: String,
    pub version: String,
    pub title: String,
    /// sha256 of the rubric file's bytes, recorded in every results folder.
    pub sha256: String,
    /// The rubric file's text, copied into every results folder.
    pub text: String,
    pub sections: Vec<Section>,
    pub criteria: Vec<Criterion>,
    pub facts: CallFacts,
}

impl Rubric {
    /// The embedded SIAGIE rubric.
    pub fn default_rubric() -> Rubric {
        load_str(DEFAULT_RUBRIC, DEFAULT_RUBRIC_NAME)
            .expect("the embedded rubric is valid (tested)")
    }

    /// The embedded rubric's call facts, loaded once: the tests of every module share them.
    #[cfg(test)]
    pub fn default_facts() -> &'static CallFacts {
        static FACTS: std::sync::LazyLock<CallFacts> =
            std::sync::LazyLock::new(|| Rubric::default_rubric().facts);
        &FACTS
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    pub fn section_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.sections
            .iter()
            .find(|s| s.id == id)
            .map_or(id, |s| s.title.as_str())
    }
}

/// A part of the protocol (opening, listening, holds, transfers, closing, language), read as it is
/// written in a rubric's `[[section]]` tables.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
}

/// One scored criterion.
pub struct Criterion {
    pub id: String,
    pub section: String,
    /// Spanish title and description, shown in reports.
    pub title: String,
    pub description: String,
    pub weight: f64,
    /// A failed critical criterion is reported as such.
    pub critical: bool,
    /// Where the criterion applies (always `telefono` among them in a scoring rubric; a supervisor may
    /// evaluate it by hand on the others).
    pub channels: Vec<crate::model::Channel>,
    /// The detector kind's name, as in the rubric.
    pub detector_kind: String,
    pub detector: Box<dyn Detector>,
}

//! Channel rubrics and the run's catalogue of criteria per channel.
//!
//! callqa scores recorded phone calls with the scoring rubric (`rubrics/siagie.toml`). Interactions it
//! cannot hear (face-to-face attention, a phone call without a recording, later e-mail and Facebook)
//! are scored by supervisors; a channel rubric (`rubrics/siagie-presencial.toml`, embedded as the
//! default) says which criteria apply there, in which section and with which weight. It has no
//! detectors and no phrase lists: `[rubric]`, `[[section]]` and `[[criterion]]` entries with `id`,
//! `section`, `title`, `description`, `weight`, `critical` and `channels`.
//!
//! The `Catalog` joins both: for every channel, the criteria that apply there. A supervisor's
//! evaluation names a criterion by id or by its Spanish title; the catalogue finds it for the
//! evaluation's channel and gives its weight. A criterion id may appear once per channel.

use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::load::{hex, line_of, parse_channels};
use super::{Rubric, RubricError, Section};
use crate::model::Channel;
use crate::text::fold;

/// The face-to-face rubric shipped with callqa.
pub const DEFAULT_CHANNEL_RUBRIC: &str = include_str!("../../rubrics/siagie-presencial.toml");
pub const DEFAULT_CHANNEL_RUBRIC_NAME: &str = "rubrics/siagie-presencial.toml (embedded)";

/// What reports and manual scoring need of a criterion, whichever rubric defines it.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionSpec {
    pub id: String,
    pub section: String,
    pub section_title: String,
    pub title: String,
    pub description: String,
    pub weight: f64,
    pub critical: bool,
    pub channels: Vec<Channel>,
    /// The id of the rubric that defines it.
    pub rubric_id: String,
}

/// A validated channel rubric.
#[derive(Debug, Clone)]
pub struct ChannelRubric {
    pub id: String,
    pub version: String,
    pub title: String,
    pub sha256: String,
    /// The file's text, copied into every results folder (`rubric.<id>.toml`).
    pub text: String,
    pub sections: Vec<Section>,
    pub criteria: Vec<CriterionSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannelRubric {
    rubric: RawHeader,
    #[serde(default)]
    section: Vec<Section>,
    #[serde(default)]
    criterion: Vec<Spanned<RawCriterion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    version: String,
    title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: String,
    section: String,
    title: String,
    description: String,
    weight: f64,
    #[serde(default)]
    critical: bool,
    channels: Vec<String>,
}

/// Loads a channel rubric file.
pub fn load_channel_file(path: &Path) -> Result<ChannelRubric, RubricError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| RubricError {
        file: file.clone(),
        line: None,
        reason: format!("cannot read: {e}"),
    })?;
    load_channel_str(&text, &file)
}

/// Loads a channel rubric from its text; `file` names it in errors.
pub fn load_channel_str(text: &str, file: &str) -> Result<ChannelRubric, RubricError> {
    let error = |span: Option<std::ops::Range<usize>>, reason: String| RubricError {
        file: file.to_string(),
        line: span.map(|s| line_of(text, s.start)),
        reason,
    };
    let raw: RawChannelRubric =
        toml::from_str(text).map_err(|e| error(e.span(), e.message().to_string()))?;
    let sections = raw.section;
    let mut criteria: Vec<CriterionSpec> = Vec::new();
    for spanned in raw.criterion {
        let span = spanned.span();
        let c = spanned.into_inner();
        let at = |reason: String| {
            error(
                Some(span.clone()),
                format!("criterion {:?}: {reason}", c.id),
            )
        };
        let channels = parse_channels(Some(&c.channels)).map_err(&at)?;
        if channels.contains(&Channel::Telefono) {
            return Err(at(
                "a channel rubric is for channels callqa cannot hear: phone criteria belong in the \
                 scoring rubric (--rubric)"
                    .into(),
            ));
        }
        if criteria.iter().any(|known| known.id == c.id) {
            return Err(at("defined twice".into()));
        }
        let Some(section) = sections.iter().find(|s| s.id == c.section) else {
            return Err(at(format!(
                "section {:?} is not defined in a [[section]]",
                c.section
            )));
        };
        if !(c.weight.is_finite() && c.weight > 0.0) {
            return Err(at(format!(
                "weight must be a positive number, not {}",
                c.weight
            )));
        }
        criteria.push(CriterionSpec {
            id: c.id,
            section_title: section.title.clone(),
            section: c.section,
            title: c.title,
            description: c.description,
            weight: c.weight,
            critical: c.critical,
            channels,
            rubric_id: raw.rubric.id.clone(),
        });
    }
    if criteria.is_empty() {
        return Err(error(None, "the rubric has no [[criterion]]".into()));
    }
    Ok(ChannelRubric {
        id: raw.rubric.id,
        version: raw.rubric.version,
        title: raw.rubric.title,
        sha256: hex(&Sha256::digest(text.as_bytes())),
        text: text.to_string(),
        sections,
        criteria,
    })
}

impl ChannelRubric {
    /// The embedded face-to-face rubric.
    pub fn default_presencial() -> ChannelRubric {
        load_channel_str(DEFAULT_CHANNEL_RUBRIC, DEFAULT_CHANNEL_RUBRIC_NAME)
            .expect("the embedded channel rubric is valid (tested)")
    }

    /// The file name it is kept under in a results folder.
    pub fn file_name(&self) -> String {
        let safe: String = self
            .id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("rubric.{safe}.toml")
    }
}

/// Every criterion of the run, for every channel.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub specs: Vec<CriterionSpec>,
}

impl Catalog {
    /// The scoring rubric's criteria, then each channel rubric's. The same id twice for one channel is
    /// an error naming both rubrics.
    pub fn new(
        scoring: &Rubric,
        channel_rubrics: &[ChannelRubric],
    ) -> Result<Catalog, RubricError> {
        let mut specs: Vec<CriterionSpec> = scoring
            .criteria
            .iter()
            .map(|c| CriterionSpec {
                id: c.id.clone(),
                section: c.section.clone(),
                section_title: scoring.section_title(&c.section).to_string(),
                title: c.title.clone(),
                description: c.description.clone(),
                weight: c.weight,
                critical: c.critical,
                channels: c.channels.clone(),
                rubric_id: scoring.id.clone(),
            })
            .collect();
        for rubric in channel_rubrics {
            for spec in &rubric.criteria {
                for channel in &spec.channels {
                    if let Some(other) = specs
                        .iter()
                        .find(|s| s.id == spec.id && s.channels.contains(channel))
                    {
                        return Err(RubricError {
                            file: rubric.id.clone(),
                            line: None,
                            reason: format!(
                                "criterion {:?} for channel {} is also defined by rubric {}",
                                spec.id,
                                channel.as_str(),
                                other.rubric_id
                            ),
                        });
                    }
                }
                specs.push(spec.clone());
            }
        }
        Ok(Catalog { specs })
    }

    /// The criteria that apply to `channel`, in rubric order.
    pub fn for_channel(&self, channel: Channel) -> impl Iterator<Item = &CriterionSpec> {
        self.specs
            .iter()
            .filter(move |s| s.channels.contains(&channel))
    }

    /// The criterion of `channel` a column header or a cell names: its id, or its title (case-,
    /// accent- and punctuation-blind).
    pub fn find(&self, channel: Channel, name: &str) -> Option<&CriterionSpec> {
        let folded = fold(name);
        self.for_channel(channel)
            .find(|s| s.id == name.trim())
            .or_else(|| self.for_channel(channel).find(|s| fold(&s.id) == folded))
            .or_else(|| self.for_channel(channel).find(|s| fold(&s.title) == folded))
    }

    /// Does any channel know a criterion by this name (for telling criteria columns from others)?
    pub fn knows(&self, name: &str) -> bool {
        Channel::ALL.iter().any(|c| self.find(*c, name).is_some())
    }

    /// The first definition of `id` (the scoring rubric's when it has one).
    pub fn spec(&self, id: &str) -> Option<&CriterionSpec> {
        self.specs.iter().find(|s| s.id == id)
    }

    /// Criterion ids in catalogue order, each once.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for spec in &self.specs {
            if !ids.contains(&spec.id) {
                ids.push(spec.id.clone());
            }
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_presencial_rubric_follows_the_protocol() {
        let rubric = ChannelRubric::default_presencial();
        let ids: Vec<&str> = rubric.criteria.iter().map(|c| c.id.as_str()).collect();
        for id in [
            "greeting",
            "asked_name",
            "asked_dni",
            "asked_modular_code",
            "no_interruption",
            "summarized_query",
            "plain_language",
            "positive_language",
            "checked_understanding",
            "closing_by_name",
        ] {
            assert!(ids.contains(&id), "{id}");
        }
        assert!(
            rubric
                .criteria
                .iter()
                .all(|c| c.channels == [Channel::Presencial])
        );
    }

    #[test]
    fn the_catalog_finds_criteria_by_id_or_title_per_channel() {
        let catalog = Catalog::new(
            &Rubric::default_rubric(),
            &[ChannelRubric::default_presencial()],
        )
        .unwrap();
        let phone = catalog
            .find(Channel::Telefono, "SALUDO institucional completo")
            .unwrap();
        assert_eq!(
            (phone.id.as_str(), phone.rubric_id.as_str()),
            ("greeting", "siagie-telefono")
        );
        let counter = catalog.find(Channel::Presencial, "greeting").unwrap();
        assert_eq!(counter.rubric_id, "siagie-presencial");
        assert!(
            catalog
                .find(Channel::Presencial, "hold_permission")
                .is_none()
        );
        assert!(
            catalog
                .find(Channel::Telefono, "Postura y actitud positiva")
                .is_none()
        );
        assert!(catalog.knows("Postura y actitud positiva"));
    }

    #[test]
    fn channel_rubric_errors_name_the_line() {
        let phone = DEFAULT_CHANNEL_RUBRIC.replacen(
            "channels = [\"presencial\"]",
            "channels = [\"telefono\"]",
            1,
        );
        let e = load_channel_str(&phone, "x.toml").unwrap_err();
        assert!(e.reason.contains("scoring rubric"), "{e}");
        assert!(e.line.is_some());
        let detector =
            DEFAULT_CHANNEL_RUBRIC.replacen("weight = 8", "weight = 8\ndetector = \"greeting\"", 1);
        let e = load_channel_str(&detector, "x.toml").unwrap_err();
        assert!(e.reason.contains("detector"), "{e}");
        let twice = Catalog::new(
            &Rubric::default_rubric(),
            &[
                ChannelRubric::default_presencial(),
                ChannelRubric::default_presencial(),
            ],
        );
        assert!(twice.is_err());
    }
}

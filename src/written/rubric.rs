//! The written rubric (`rubrics/siagie-escrito.toml`, embedded as the default) -> a validated
//! `WrittenRubric`: the business-hours calendar (time zone, open hours, working weekdays, holidays),
//! how a reply is cut from a thread, and the criteria, each with the channels it applies to (`email`,
//! `facebook`) and its detector. Unknown keys, detectors, channels and sections, bad patterns, bad
//! dates and duplicate ids are errors naming the file and line, as for the phone rubric.

use std::collections::BTreeSet;
use std::path::Path;

use jiff::civil::{Date, Time, Weekday};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::criteria::{self, WrittenDetector};
use super::{BusinessCalendar, Channel};
use crate::rubric::{RubricError, Section};

/// The written rubric shipped with callqa.
pub const DEFAULT_WRITTEN_RUBRIC: &str = include_str!("../../rubrics/siagie-escrito.toml");
pub const DEFAULT_WRITTEN_RUBRIC_NAME: &str = "rubrics/siagie-escrito.toml (embedded)";

/// A validated written rubric.
pub struct WrittenRubric {
    pub id: String,
    pub version: String,
    pub title: String,
    pub sha256: String,
    pub text: String,
    pub sections: Vec<Section>,
    pub criteria: Vec<WrittenCriterion>,
    pub calendar: BusinessCalendar,
    /// Help-desk messages sent within this many seconds of the previous one are one reply.
    pub reply_join_s: i64,
}

/// One criterion of the written rubric.
pub struct WrittenCriterion {
    pub id: String,
    pub section: String,
    pub title: String,
    pub description: String,
    pub weight: f64,
    pub critical: bool,
    pub channels: Vec<Channel>,
    pub detector_kind: String,
    pub detector: Box<dyn WrittenDetector>,
}

impl WrittenRubric {
    /// The embedded written rubric.
    pub fn default_rubric() -> WrittenRubric {
        load_written_str(DEFAULT_WRITTEN_RUBRIC, DEFAULT_WRITTEN_RUBRIC_NAME)
            .expect("the embedded written rubric is valid (tested)")
    }

    /// The rubric as the run's catalogue of criteria sees it (titles, sections, weights, channels), so
    /// supervisors can evaluate written replies and the reports can name their criteria.
    pub fn channel_rubric(&self) -> crate::rubric::ChannelRubric {
        let section_title = |id: &str| {
            self.sections
                .iter()
                .find(|s| s.id == id)
                .map_or(id.to_string(), |s| s.title.clone())
        };
        crate::rubric::ChannelRubric {
            id: self.id.clone(),
            version: self.version.clone(),
            title: self.title.clone(),
            sha256: self.sha256.clone(),
            text: self.text.clone(),
            sections: self.sections.clone(),
            criteria: self
                .criteria
                .iter()
                .map(|c| crate::rubric::CriterionSpec {
                    id: c.id.clone(),
                    section: c.section.clone(),
                    section_title: section_title(&c.section),
                    title: c.title.clone(),
                    description: c.description.clone(),
                    weight: c.weight,
                    critical: c.critical,
                    channels: c.channels.clone(),
                    rubric_id: self.id.clone(),
                })
                .collect(),
        }
    }

    /// The criteria that apply to a channel, in rubric order.
    pub fn criteria_for(&self, channel: Channel) -> impl Iterator<Item = &WrittenCriterion> {
        self.criteria
            .iter()
            .filter(move |c| c.channels.contains(&channel))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    rubric: RawHeader,
    business_hours: Spanned<RawBusinessHours>,
    replies: RawReplies,
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
struct RawBusinessHours {
    time_zone: String,
    opens: String,
    closes: String,
    weekdays: Vec<String>,
    holidays: Vec<RawHoliday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    date: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReplies {
    join_within_min: f64,
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
    detector: String,
    #[serde(default)]
    params: Option<toml::Table>,
}

/// Loads a channel rubric file, the written rubric included (it has `[business_hours]` and detectors;
/// its criteria join the run's catalogue like any other channel's).
pub fn load_any_channel_file(path: &Path) -> Result<crate::rubric::ChannelRubric, RubricError> {
    let text = std::fs::read_to_string(path).map_err(|e| RubricError {
        file: path.display().to_string(),
        line: None,
        reason: format!("cannot read: {e}"),
    })?;
    if is_written_rubric(&text) {
        load_written_str(&text, &path.display().to_string()).map(|w| w.channel_rubric())
    } else {
        crate::rubric::load_channel_str(&text, &path.display().to_string())
    }
}

/// Whether a rubric text is a written rubric (it has a `[business_hours]` table).
pub fn is_written_rubric(text: &str) -> bool {
    toml::from_str::<toml::Table>(text).is_ok_and(|t| t.contains_key("business_hours"))
}

/// Loads a written rubric file.
pub fn load_written_file(path: &Path) -> Result<WrittenRubric, RubricError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| RubricError {
        file: file.clone(),
        line: None,
        reason: format!("cannot read: {e}"),
    })?;
    load_written_str(&text, &file)
}

/// Loads a written rubric from its text; `file` names it in errors.
pub fn load_written_str(text: &str, file: &str) -> Result<WrittenRubric, RubricError> {
    let line_of = |byte: usize| text[..byte.min(text.len())].matches('\n').count() + 1;
    let error = |span: Option<std::ops::Range<usize>>, reason: String| RubricError {
        file: file.to_string(),
        line: span.map(|s| line_of(s.start)),
        reason,
    };
    let raw: RawRubric =
        toml::from_str(text).map_err(|e| error(e.span(), e.message().to_string()))?;
    let hours_span = raw.business_hours.span();
    let calendar = calendar(raw.business_hours.into_inner()).map_err(|reason| {
        error(
            Some(hours_span.clone()),
            format!("[business_hours]: {reason}"),
        )
    })?;
    let sections = raw.section;
    let mut criteria: Vec<WrittenCriterion> = Vec::new();
    for spanned in raw.criterion {
        let span = spanned.span();
        let c = spanned.into_inner();
        let at = |reason: String| {
            error(
                Some(span.clone()),
                format!("criterion {:?}: {reason}", c.id),
            )
        };
        if criteria.iter().any(|k| k.id == c.id) {
            return Err(at("duplicate id".into()));
        }
        if !sections.iter().any(|s| s.id == c.section) {
            return Err(at(format!("unknown section {:?}", c.section)));
        }
        if !(c.weight.is_finite() && c.weight >= 0.0) {
            return Err(at(format!(
                "weight must be a number >= 0, got {}",
                c.weight
            )));
        }
        let mut channels = Vec::new();
        for name in &c.channels {
            let channel = match name.as_str() {
                "email" => Channel::Email,
                "facebook" => Channel::Facebook,
                other => {
                    return Err(at(format!(
                        "unknown channel {other:?} (a written rubric knows: email, facebook)"
                    )));
                }
            };
            if !channels.contains(&channel) {
                channels.push(channel);
            }
        }
        if channels.is_empty() {
            return Err(at("channels must list at least one channel".into()));
        }
        let detector =
            criteria::build(&c.detector, c.params.clone().unwrap_or_default()).map_err(&at)?;
        criteria.push(WrittenCriterion {
            id: c.id.clone(),
            section: c.section.clone(),
            title: c.title.clone(),
            description: c.description.clone(),
            weight: c.weight,
            critical: c.critical,
            channels,
            detector_kind: c.detector.clone(),
            detector,
        });
    }
    if !(raw.replies.join_within_min.is_finite() && raw.replies.join_within_min >= 0.0) {
        return Err(error(None, "[replies] join_within_min must be >= 0".into()));
    }
    Ok(WrittenRubric {
        id: raw.rubric.id,
        version: raw.rubric.version,
        title: raw.rubric.title,
        sha256: Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        text: text.to_string(),
        sections,
        criteria,
        calendar,
        reply_join_s: (raw.replies.join_within_min * 60.0).round() as i64,
    })
}

fn calendar(raw: RawBusinessHours) -> Result<BusinessCalendar, String> {
    let time_zone = jiff::tz::TimeZone::get(&raw.time_zone)
        .map_err(|e| format!("time_zone {:?}: {e}", raw.time_zone))?;
    let time = |text: &str, key: &str| {
        text.parse::<Time>()
            .map_err(|e| format!("{key}: expected HH:MM, got {text:?} ({e})"))
    };
    let opens = time(&raw.opens, "opens")?;
    let closes = time(&raw.closes, "closes")?;
    if closes <= opens {
        return Err("closes must come after opens".into());
    }
    let weekdays = raw
        .weekdays
        .iter()
        .map(|d| weekday(d).ok_or_else(|| format!("unknown weekday {d:?} (lunes … domingo)")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut holidays = BTreeSet::new();
    for holiday in &raw.holidays {
        let date: Date = holiday.date.parse().map_err(|e| {
            format!(
                "holiday {:?} ({}): expected YYYY-MM-DD ({e})",
                holiday.date, holiday.name
            )
        })?;
        holidays.insert(date);
    }
    Ok(BusinessCalendar {
        time_zone,
        opens,
        closes,
        weekdays,
        holidays,
    })
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match crate::text::fold(name).as_str() {
        "lunes" | "monday" => Weekday::Monday,
        "martes" | "tuesday" => Weekday::Tuesday,
        "miercoles" | "wednesday" => Weekday::Wednesday,
        "jueves" | "thursday" => Weekday::Thursday,
        "viernes" | "friday" => Weekday::Friday,
        "sabado" | "saturday" => Weekday::Saturday,
        "domingo" | "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_written_rubric_is_valid() {
        let rubric = WrittenRubric::default_rubric();
        assert!(rubric.criteria.len() >= 10);
        assert!(
            rubric
                .calendar
                .holidays
                .contains(&jiff::civil::date(2026, 12, 8))
        );
        assert_eq!(rubric.calendar.weekdays.len(), 6);
        let email: Vec<&str> = rubric
            .criteria_for(Channel::Email)
            .map(|c| c.id.as_str())
            .collect();
        assert!(email.contains(&"signature") && !email.contains(&"thanks_line"));
        let facebook: Vec<&str> = rubric
            .criteria_for(Channel::Facebook)
            .map(|c| c.id.as_str())
            .collect();
        assert!(facebook.contains(&"thanks_line") && !facebook.contains(&"signature"));
    }

    #[test]
    fn errors_name_the_line() {
        let bad =
            DEFAULT_WRITTEN_RUBRIC.replace("channels = [\"facebook\"]", "channels = [\"fax\"]");
        let Err(err) = load_written_str(&bad, "x.toml") else {
            panic!("accepted")
        };
        assert!(err.reason.contains("unknown channel \"fax\""), "{err}");
        assert!(err.line.is_some());
        let bad = DEFAULT_WRITTEN_RUBRIC.replace("date = \"2026-12-08\"", "date = \"2026-13-08\"");
        let Err(err) = load_written_str(&bad, "x.toml") else {
            panic!("accepted")
        };
        assert!(err.reason.contains("2026-13-08"), "{err}");
    }
}

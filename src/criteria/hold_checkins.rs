//! Detector `hold_checkins`: during a long wait, the operator comes back to the line now and then. Also
//! home of `episodes`, the waiting episodes `hold_callback` uses too.
//!
//! # What it checks
//! A waiting episode is a run of holds separated only by short operator check-ins: a return that lasts
//! at most `checkin_max_s` before the next hold starts keeps the episode going. The criterion applies when
//! some episode, from its first hold's start to its last hold's end, lasts more than `episode_over_s`.
//! It passes when no single stretch on hold in those episodes is longer than `max_stretch_s`, and fails
//! naming the longest stretch and when it started. Not applicable otherwise (the reason gives the longest
//! episode).
//!
//! # Why it matters
//! Protocol step 7: if the caller agrees to wait a considerable time on the line, come back every one or
//! two minutes and report on progress. Silence for minutes on end feels like a dropped call.
//!
//! # Parameters
//! - `episode_over_s`: an episode longer than this is a long wait (120).
//! - `max_stretch_s`: the longest acceptable stretch on hold without a check-in (120).
//! - `checkin_max_s`: a return this short, followed by another hold, is a check-in (45).
//!
//! # Example
//! Hold 02:10–03:40, check-in "Sigo revisando, señora, un momentito más", hold 03:55–05:20 -> episode of
//! 3 min 10 s, longest stretch 1 min 30 s -> pass. One silent hold of 3 min 30 s -> fail.

use serde::Deserialize;

use super::hold_explained::duration_words;
use super::{Call, Detector, Fact, Finding};
use crate::model::{Hold, Outcome};
use crate::text::clock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    episode_over_s: f64,
    max_stretch_s: f64,
    checkin_max_s: f64,
}

pub fn build(params: toml::Table) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(params)?;
    for (name, value) in [
        ("episode_over_s", params.episode_over_s),
        ("max_stretch_s", params.max_stretch_s),
        ("checkin_max_s", params.checkin_max_s),
    ] {
        if !(value.is_finite() && value >= 0.0) {
            return Err(format!("{name} must be a number of seconds, not {value}"));
        }
    }
    Ok(Box::new(HoldCheckins {
        episode_over_s: params.episode_over_s,
        max_stretch_s: params.max_stretch_s,
        checkin_max_s: params.checkin_max_s,
    }))
}

struct HoldCheckins {
    episode_over_s: f64,
    max_stretch_s: f64,
    checkin_max_s: f64,
}

/// A run of holds the caller lived as one wait: indices `[first, last]` into the call's holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Episode {
    pub first: usize,
    pub last: usize,
    pub start: f64,
    pub end: f64,
}

impl Episode {
    /// From the first hold's start to the last hold's end, check-ins included.
    pub fn duration(&self) -> f64 {
        self.end - self.start
    }

    /// "la espera de 02:10 a 05:20 (duró 3 min 10 s, 2 tramos)" or, for one hold, "la espera de 02:10
    /// (duró 3 min 10 s)": never a number right after a clock, which masking would read as one number.
    pub fn label(&self) -> String {
        if self.first == self.last {
            format!(
                "la espera de {} (duró {})",
                clock(self.start),
                duration_words(self.duration())
            )
        } else {
            format!(
                "la espera de {} a {} (duró {}, {} tramos)",
                clock(self.start),
                clock(self.end),
                duration_words(self.duration()),
                self.last - self.first + 1
            )
        }
    }
}

/// The waiting episodes of a call, in order: holds (sorted by start) whose gap to the previous hold is at
/// most `checkin_max_s` belong to the same episode.
pub(super) fn episodes(holds: &[Hold], checkin_max_s: f64) -> Vec<Episode> {
    let mut episodes: Vec<Episode> = Vec::new();
    for (index, hold) in holds.iter().enumerate() {
        match episodes.last_mut() {
            Some(episode) if hold.start - episode.end <= checkin_max_s => {
                episode.last = index;
                episode.end = episode.end.max(hold.end);
            }
            _ => episodes.push(Episode {
                first: index,
                last: index,
                start: hold.start,
                end: hold.end,
            }),
        }
    }
    episodes
}

/// The longest episode, if any.
pub(super) fn longest(episodes: &[Episode]) -> Option<&Episode> {
    episodes.iter().reduce(|best, episode| {
        if episode.duration() > best.duration() {
            episode
        } else {
            best
        }
    })
}

impl Detector for HoldCheckins {
    fn rests_on(&self) -> Fact {
        Fact::Holds
    }

    fn evaluate(&self, call: &Call) -> Finding {
        let holds = &call.interaction.holds;
        let all = episodes(holds, self.checkin_max_s);
        let long: Vec<&Episode> = all
            .iter()
            .filter(|e| e.duration() > self.episode_over_s)
            .collect();
        if long.is_empty() {
            let reason = match longest(&all) {
                None => "la llamada no tuvo esperas".to_string(),
                Some(e) => format!(
                    "ninguna espera superó {} en total (la más larga: {})",
                    duration_words(self.episode_over_s),
                    e.label()
                ),
            };
            return Finding::na(reason);
        }
        // The longest stretch; the earliest of equals.
        let stretch = long
            .iter()
            .flat_map(|e| &holds[e.first..=e.last])
            .reduce(|best, hold| {
                if hold.duration() > best.duration() {
                    hold
                } else {
                    best
                }
            })
            .expect("an episode has at least one hold");
        let episode = long
            .iter()
            .find(|e| holds[e.first..=e.last].contains(stretch))
            .expect("the stretch is in an episode");
        let stretch_words = format!(
            "{} desde las {}",
            duration_words(stretch.duration()),
            clock(stretch.start)
        );
        if stretch.duration() > self.max_stretch_s {
            let reason = format!(
                "en {} el operador dejó al usuario {} sin volver a la línea (máximo {})",
                episode.label(),
                stretch_words,
                duration_words(self.max_stretch_s)
            );
            return Finding::fail(stretch.announce_turn, reason).at(stretch.start);
        }
        let reason = format!(
            "en {} el operador volvió a la línea a tiempo: el tramo más largo fue de {}",
            episode.label(),
            stretch_words
        );
        let anchor = holds[episode.first + 1..=episode.last]
            .first()
            .and_then(|h| h.announce_turn)
            .or(stretch.return_turn);
        Finding {
            outcome: Outcome::Pass,
            turn: anchor,
            ..Finding::na(reason)
        }
        .at(stretch.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::testing::{dialogue, score};
    use crate::model::{Interaction, Source};

    fn with_holds(spans: &[(f64, f64)]) -> Interaction {
        let mut interaction = dialogue(&["Buenos días, SIAGIE", "Hola, una consulta"]);
        for &(start, end) in spans {
            interaction.holds.push(Hold {
                start,
                end,
                announce_turn: None,
                return_turn: None,
                source: Source::Transcript,
            });
        }
        interaction
    }

    #[test]
    fn holds_joined_by_short_check_ins_make_one_episode() {
        let holds = with_holds(&[(100.0, 190.0), (210.0, 300.0), (400.0, 430.0)]).holds;
        let found = episodes(&holds, 45.0);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].first, found[0].last, found[0].duration()),
            (0, 1, 200.0)
        );
        assert_eq!(
            found[0].label(),
            "la espera de 01:40 a 05:00 (duró 3 min 20 s, 2 tramos)"
        );
    }

    #[test]
    fn a_long_episode_with_check_ins_passes() {
        let finding = score(
            "hold_checkins",
            &with_holds(&[(100.0, 190.0), (210.0, 300.0)]),
        );
        assert_eq!(finding.outcome, Outcome::Pass, "{}", finding.reason);
        assert!(
            finding.reason.contains("1 min 30 s desde las 01:40"),
            "{}",
            finding.reason
        );
    }

    #[test]
    fn a_long_silent_stretch_fails() {
        let finding = score("hold_checkins", &with_holds(&[(100.0, 310.0)]));
        assert_eq!(finding.outcome, Outcome::Fail);
        assert!(
            finding.reason.contains("3 min 30 s desde las 01:40"),
            "{}",
            finding.reason
        );
        assert_eq!(finding.at_s, Some(100.0));
    }

    #[test]
    fn short_waits_are_not_applicable() {
        let finding = score(
            "hold_checkins",
            &with_holds(&[(100.0, 150.0), (300.0, 350.0)]),
        );
        assert_eq!(finding.outcome, Outcome::Na);
        assert!(
            finding.reason.contains("la más larga"),
            "{}",
            finding.reason
        );
        assert_eq!(
            score("hold_checkins", &with_holds(&[])).outcome,
            Outcome::Na
        );
    }
}

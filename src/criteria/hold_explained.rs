//! Detector `hold_explained`: before putting the caller on hold, the operator says why and for about how
//! long. Also home of the helpers the hold detectors share: how a hold is named in a reason
//! (`hold_label`), durations in words (`duration_words`) and which operator turns lead into a hold
//! (`lead_in`).
//!
//! # What it checks
//! Before the call's FIRST hold, in the turn that announced it or the operator's turn just before (or any
//! operator turn between the announcement and the silence), the operator gives a reason and an
//! approximate time (`durations`: "unos dos minutos", "un minutito"). A reason is what the operator is
//! about to do, in any words: a stock phrase (`reasons`: "voy a revisar en el sistema"), or a purpose or
//! intention (`purposes`: "para", "voy a", "déjeme", "tengo que", "mientras") followed by the action's
//! verb ("para ubicar su registro", "déjeme consultarlo con el área", "mientras hago la solicitud").
//! Putting on hold is no reason (`not_reasons`: "voy a ponerla en espera"). Fails naming the part that
//! is missing; not applicable when the call has no hold.
//!
//! # Why it matters
//! Protocol step 4: if the caller must wait, explain why and give an approximate waiting time. A caller
//! who knows what is happening and for how long waits calmly and does not hang up.
//!
//! # Parameters
//! - `reasons`: phrases that explain the wait.
//! - `purposes`: what leads into the action's verb (an infinitive, or after "mientras" a verb in the
//!   first person: "mientras lo busco"). Matched strictly: "usted necesita cambiar" is the caller's
//!   need, not the operator's "necesito revisar".
//! - `not_reasons`: verbs that are not a reason (esperar, poner, dejar).
//! - `durations`: phrases that give an approximate time. "Un momento" alone is not a time: the rubric
//!   lists units ("un minuto", "unos segundos") and amounts ("un par de minutos").
//! - `amount_words`: words quoted with a duration's unit when they come before it ("unos dos").
//! - `clitics`: pronouns written onto an infinitive ("consultarlo"); `pronouns`: words that may stand
//!   between a purpose and its verb ("mientras lo busco"), at most `verb_reach` words after it.
//!
//! # Example
//! "Permítame unos dos minutitos, voy a verificar su registro en el sistema" -> pass;
//! "Un momento por favor" -> fail: no reason and no time.

use serde::Deserialize;

use super::{Call, Detector, Fact, Finding};
use crate::model::Hold;
use crate::text::{Analyzed, Match, PhraseSet, clock};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    reasons: Vec<String>,
    purposes: Vec<String>,
    not_reasons: Vec<String>,
    durations: Vec<String>,
    amount_words: Vec<String>,
    clitics: Vec<String>,
    pronouns: Vec<String>,
    verb_reach: usize,
}

pub fn build(params: toml::Table) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(params)?;
    Ok(Box::new(HoldExplained {
        reasons: super::phrases(&params.reasons, "reasons")?,
        purposes: super::strict_phrases(&params.purposes, "purposes")?,
        not_reasons: params
            .not_reasons
            .iter()
            .map(|w| crate::text::fold(w))
            .collect(),
        durations: super::phrases(&params.durations, "durations")?,
        amount_words: params
            .amount_words
            .iter()
            .map(|w| crate::text::fold(w))
            .collect(),
        clitics: params
            .clitics
            .iter()
            .map(|w| crate::text::fold(w))
            .collect(),
        pronouns: params
            .pronouns
            .iter()
            .map(|w| crate::text::fold(w))
            .collect(),
        verb_reach: params.verb_reach,
    }))
}

struct HoldExplained {
    reasons: PhraseSet,
    purposes: PhraseSet,
    not_reasons: Vec<String>,
    durations: PhraseSet,
    amount_words: Vec<String>,
    clitics: Vec<String>,
    pronouns: Vec<String>,
    verb_reach: usize,
}

impl HoldExplained {
    /// A reason in `text`: a stock phrase, or a purpose followed by the action's verb.
    fn reason(&self, text: &Analyzed) -> Option<Match> {
        if let Some((m, _)) = self.reasons.find(text) {
            return Some(m);
        }
        self.purposes.all_matches(text).find_map(|(m, phrase)| {
            let first_person = phrase.source.split_whitespace().any(|w| w == "mientras");
            let verb = (m.end..text.len().min(m.end + self.verb_reach))
                .take_while(|&i| i == m.end || self.pronouns.contains(&text.tokens[i - 1].text))
                .find(|&i| {
                    let word = text.tokens[i].text.as_str();
                    self.is_action(word) || (first_person && is_first_person(word))
                })?;
            Some(Match {
                start: m.start,
                end: verb + 1,
                bytes: (m.bytes.0, text.tokens[verb].end),
            })
        })
    }

    /// Is `word` an infinitive (with any pronouns written onto it) of a verb that is a reason?
    fn is_action(&self, word: &str) -> bool {
        let bare = self
            .clitics
            .iter()
            .filter_map(|c| word.strip_suffix(c.as_str()))
            .find(|b| b.ends_with("ar") || b.ends_with("er") || b.ends_with("ir"))
            .unwrap_or(word);
        bare.chars().count() >= 4
            && (bare.ends_with("ar") || bare.ends_with("er") || bare.ends_with("ir"))
            && !self.not_reasons.iter().any(|n| n == bare)
    }
}

/// A verb in the first person of the present ("busco", "reviso", "hago").
fn is_first_person(word: &str) -> bool {
    word.chars().count() >= 3 && word.ends_with('o') && word.chars().all(|c| c.is_ascii_lowercase())
}

impl Detector for HoldExplained {
    fn rests_on(&self) -> Fact {
        Fact::Holds
    }

    fn evaluate(&self, call: &Call) -> Finding {
        let holds = &call.interaction.holds;
        let Some(first) = holds.first() else {
            return Finding::na("la llamada no tuvo esperas");
        };
        let turns = lead_in(call, holds, 0);
        let found = |set: &PhraseSet| -> Option<(usize, Match)> {
            turns
                .iter()
                .find_map(|&i| set.find(call.text(i)).map(|(m, _)| (i, m)))
        };
        let reason = turns
            .iter()
            .find_map(|&i| self.reason(call.text(i)).map(|m| (i, m)));
        let label = hold_label(first);
        // Without times, no turn can be shown as the one leading into the hold.
        let anchor = first
            .announce_turn
            .or(turns.last().copied())
            .filter(|_| call.interaction.timed);
        match (reason, found(&self.durations)) {
            (Some((turn, reason)), Some((time_turn, time))) => {
                let said =
                    |i: usize, (from, to): (usize, usize)| call.turn(i).text[from..to].to_string();
                let reason_text = format!(
                    "antes de {label} el operador explicó el motivo («{}») y el tiempo aproximado («{}»)",
                    said(turn, reason.bytes),
                    said(
                        time_turn,
                        with_amount(&self.amount_words, call.text(time_turn), time)
                    )
                );
                Finding::pass(turn, Some(reason.bytes), reason_text).at(first.start)
            }
            (reason, duration) => {
                let missing = match (reason.is_some(), duration.is_some()) {
                    (false, false) => "no explicó el motivo ni dio un tiempo aproximado",
                    (true, false) => "explicó el motivo pero no dio un tiempo aproximado",
                    _ => "dio un tiempo aproximado pero no explicó el motivo",
                };
                Finding::fail(anchor, format!("antes de {label} el operador {missing}"))
                    .at(first.start)
            }
        }
    }
}

/// The byte range of a duration match widened back over the amount words before it.
fn with_amount(amount_words: &[String], text: &Analyzed, m: Match) -> (usize, usize) {
    let mut start = m.start;
    while start > 0 && amount_words.contains(&text.tokens[start - 1].text) {
        start -= 1;
    }
    (text.tokens[start].start, m.bytes.1)
}

/// "la espera de 02:35 (duró 3 min 10 s)". A word sits between the clock and the duration so that the
/// masking of personal numbers in written reasons never reads "02:35 (48 s" as one long number.
pub(super) fn hold_label(hold: &Hold) -> String {
    format!(
        "la espera de {} (duró {})",
        clock(hold.start),
        duration_words(hold.duration())
    )
}

/// "3 min 10 s", "2 min", "45 s".
pub(super) fn duration_words(seconds: f64) -> String {
    let total = if seconds.is_finite() && seconds > 0.0 {
        seconds.round() as u64
    } else {
        0
    };
    match (total / 60, total % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// The operator turns that lead into hold `index`, in order: the operator's turn before the announcing
/// turn, the announcing turn, and any operator turn after it that starts before the silence; never
/// earlier than the previous hold's return. When the hold's announcement is not known (a PBX hold), the
/// operator's last two turns before the hold.
pub(super) fn lead_in(call: &Call, holds: &[Hold], index: usize) -> Vec<usize> {
    let hold = &holds[index];
    let floor = match index.checked_sub(1).map(|p| &holds[p]) {
        Some(previous) => previous
            .return_turn
            .or_else(|| {
                call.operator_turns()
                    .into_iter()
                    .find(|&i| call.turn(i).start.is_some_and(|s| s >= previous.end))
            })
            .unwrap_or(0),
        None => 0,
    };
    let before_silence: Vec<usize> = call
        .operator_turns()
        .into_iter()
        .filter(|&i| i >= floor && call.turn(i).start.is_none_or(|s| s < hold.start))
        .collect();
    match hold.announce_turn {
        Some(announced) => {
            let from = before_silence
                .iter()
                .rev()
                .find(|&&i| i < announced)
                .copied()
                .unwrap_or(announced);
            before_silence.into_iter().filter(|&i| i >= from).collect()
        }
        None => {
            let keep = before_silence.len().saturating_sub(2);
            before_silence[keep..].to_vec()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::testing::{call, dialogue, score};
    use crate::model::{Outcome, Role, Source};

    use Role::{Caller as C, Operator as O};

    fn with_announced_hold(
        mut interaction: crate::model::Interaction,
        start: f64,
        end: f64,
        announce_turn: usize,
    ) -> crate::model::Interaction {
        let return_turn = interaction
            .turns
            .iter()
            .position(|t| t.start.is_some_and(|s| s >= end));
        interaction.holds.push(Hold {
            start,
            end,
            announce_turn: Some(announce_turn),
            return_turn,
            source: Source::Transcript,
        });
        interaction
    }

    fn hold_call(announcement: &str, before: &str) -> crate::model::Interaction {
        let interaction = call(&[
            (
                O,
                0.0,
                5.0,
                "Buenas tardes, bienvenida al SIAGIE, le saluda Carlos Ramos",
            ),
            (
                C,
                5.5,
                12.0,
                "No me aparece la matrícula de mi alumno en el sistema",
            ),
            (O, 12.5, 16.0, before),
            (C, 16.5, 18.0, "ya"),
            (O, 18.5, 23.0, announcement),
            (C, 23.5, 24.0, "sí, claro"),
            (O, 90.0, 94.0, "Gracias por la espera, ya lo encontré"),
        ]);
        with_announced_hold(interaction, 24.0, 90.0, 4)
    }

    #[test]
    fn reason_and_time_pass() {
        let interaction = hold_call(
            "Permítame unos dos minutitos, voy a verificar su registro en el sistema",
            "Ya, entiendo",
        );
        let finding = score("hold_explained", &interaction);
        assert_eq!(finding.outcome, Outcome::Pass, "{}", finding.reason);
        assert_eq!(finding.at_s, Some(24.0));
        assert!(
            finding.reason.contains("(«unos dos minutitos»)"),
            "{}",
            finding.reason
        );
    }

    #[test]
    fn the_reason_may_come_in_the_turn_before() {
        let interaction = hold_call(
            "Me permite un minuto, por favor",
            "Ya, voy a revisar en el sistema su caso",
        );
        assert_eq!(score("hold_explained", &interaction).outcome, Outcome::Pass);
    }

    #[test]
    fn a_bare_moment_has_neither_reason_nor_time() {
        let interaction = hold_call("Un momento por favor", "Ya, entiendo");
        let finding = score("hold_explained", &interaction);
        assert_eq!(finding.outcome, Outcome::Fail);
        assert_eq!(finding.turn, Some(4));
        assert!(
            finding.reason.contains("00:24 (duró 1 min 6 s)"),
            "{}",
            finding.reason
        );
        assert_eq!(crate::text::mask(&finding.reason), finding.reason);
        assert!(
            finding.reason.contains("ni dio un tiempo"),
            "{}",
            finding.reason
        );
    }

    #[test]
    fn a_reason_without_time_fails_naming_the_time() {
        let interaction = hold_call(
            "Un momento por favor, voy a revisar en el sistema",
            "Ya, entiendo",
        );
        let finding = score("hold_explained", &interaction);
        assert_eq!(finding.outcome, Outcome::Fail);
        assert!(
            finding.reason.contains("no dio un tiempo aproximado"),
            "{}",
            finding.reason
        );
    }

    #[test]
    fn no_hold_is_not_applicable() {
        let interaction = dialogue(&["Buenas tardes, SIAGIE", "Hola, una consulta"]);
        assert_eq!(score("hold_explained", &interaction).outcome, Outcome::Na);
    }

    #[test]
    fn durations_read_in_words() {
        assert_eq!(duration_words(190.0), "3 min 10 s");
        assert_eq!(duration_words(120.2), "2 min");
        assert_eq!(duration_words(45.0), "45 s");
    }
}

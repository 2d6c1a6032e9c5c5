//! Detector `hold_callback`: in a very long wait, the operator offers to call back and takes the number.
//!
//! # What it checks
//! Applies when a waiting episode (holds joined by short check-ins, see `hold_checkins`) lasts more than
//! `episode_over_s`. Passes when an operator turn around that episode (from `turns_before` turns before
//! the first hold's announcement to `turns_after` turns after the last return) offers to call back
//! (`offers`), and from that offer on the operator takes or confirms the caller's number (`numbers`, not
//! the DNI or the código modular) or someone says a 9-digit (mobile) or 7-digit (Lima landline) number.
//! Fails saying which part is missing; not applicable when no episode is that long.
//!
//! # Why it matters
//! Protocol step 6: if the wait is longer than 3 minutes, take the caller's number and say you will call
//! back. Teachers call between classes; keeping them on the line for minutes costs them the class.
//!
//! # Parameters
//! - `episode_over_s`: an episode longer than this calls for a call-back offer (180).
//! - `checkin_max_s`: a return this short, followed by another hold, is a check-in (45).
//! - `offers`: phrases offering to call back.
//! - `numbers`: phrases asking for or confirming the caller's phone number.
//! - `turns_before`, `turns_after`: the window around the episode, in turns (4 and 6).
//! - `not_phone`: words right after "número" that make it another number (DNI, código modular).
//!
//! # Example
//! "Esto va a demorar, ¿le parece si le devolvemos la llamada? ¿A qué número lo llamo?" / "Al
//! 987 654 321" -> pass. Four minutes of hold with check-ins and no offer -> fail.

use serde::Deserialize;

use super::hold_checkins::{Episode, episodes, longest};
use super::{Call, Detector, Fact, Finding};
use crate::model::Role;
use crate::text::{Analyzed, PhraseSet, digit_runs};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    episode_over_s: f64,
    checkin_max_s: f64,
    offers: Vec<String>,
    numbers: Vec<String>,
    #[serde(default = "default_turns_before")]
    turns_before: usize,
    #[serde(default = "default_turns_after")]
    turns_after: usize,
    not_phone: Vec<String>,
}

fn default_turns_before() -> usize {
    4
}

fn default_turns_after() -> usize {
    6
}

pub fn build(params: toml::Table) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(params)?;
    for (name, value) in [
        ("episode_over_s", params.episode_over_s),
        ("checkin_max_s", params.checkin_max_s),
    ] {
        if !(value.is_finite() && value >= 0.0) {
            return Err(format!("{name} must be a number of seconds, not {value}"));
        }
    }
    Ok(Box::new(HoldCallback {
        episode_over_s: params.episode_over_s,
        checkin_max_s: params.checkin_max_s,
        offers: super::phrases(&params.offers, "offers")?,
        numbers: super::phrases(&params.numbers, "numbers")?,
        turns_before: params.turns_before,
        turns_after: params.turns_after,
        not_phone: params
            .not_phone
            .iter()
            .map(|w| crate::text::fold(w))
            .collect(),
    }))
}

struct HoldCallback {
    episode_over_s: f64,
    checkin_max_s: f64,
    offers: PhraseSet,
    numbers: PhraseSet,
    turns_before: usize,
    turns_after: usize,
    /// Words right after "número" that make it another number than the phone.
    not_phone: Vec<String>,
}

/// Phone numbers in Peru: 9 digits (mobile) or 7 (Lima landline).
const PHONE_DIGITS: [usize; 2] = [9, 7];

impl HoldCallback {
    /// The turns around `episode`: from a few turns before its first announcement to a few after its
    /// last return.
    fn window(&self, call: &Call, episode: &Episode) -> (usize, usize) {
        let holds = &call.interaction.holds;
        let turns = &call.interaction.turns;
        let first = &holds[episode.first];
        let last = &holds[episode.last];
        let starts_before = |at: f64| {
            turns
                .iter()
                .rposition(|t| t.start.is_some_and(|s| s < at))
                .unwrap_or(0)
        };
        let announced = first
            .announce_turn
            .unwrap_or_else(|| starts_before(first.start));
        let returned = last
            .return_turn
            .unwrap_or_else(|| starts_before(last.end) + 1);
        let from = announced.saturating_sub(self.turns_before);
        let to = (returned + self.turns_after).min(turns.len().saturating_sub(1));
        (from, to)
    }

    /// An operator turn asking for or confirming the phone number (not the DNI).
    fn asks_number(&self, text: &Analyzed) -> bool {
        self.numbers.find(text).is_some_and(|(m, _)| {
            let after = &text.tokens[m.end..(m.end + 3).min(text.len())];
            !after
                .iter()
                .any(|t| self.not_phone.iter().any(|w| *w == t.text))
        })
    }
}

fn says_phone_number(text: &Analyzed) -> bool {
    digit_runs(&text.tokens)
        .iter()
        .any(|run| PHONE_DIGITS.contains(&run.digits.len()))
}

impl Detector for HoldCallback {
    fn rests_on(&self) -> Fact {
        Fact::Holds
    }

    fn evaluate(&self, call: &Call) -> Finding {
        let all = episodes(&call.interaction.holds, self.checkin_max_s);
        let Some(episode) = longest(&all).filter(|e| e.duration() > self.episode_over_s) else {
            let reason = match longest(&all) {
                None => "la llamada no tuvo esperas".to_string(),
                Some(e) => format!(
                    "ninguna espera superó {} (la más larga: {})",
                    super::hold_explained::duration_words(self.episode_over_s),
                    e.label()
                ),
            };
            return Finding::na(reason);
        };
        let label = episode.label();
        let (from, to) = self.window(call, episode);
        let offer = (from..=to)
            .filter(|&i| call.role(i) == Role::Operator)
            .find_map(|i| self.offers.find(call.text(i)).map(|(m, _)| (i, m.bytes)));
        let Some((offer, bytes)) = offer else {
            let anchor = call.interaction.holds[episode.first].announce_turn;
            return Finding::fail(
                anchor,
                format!("en {label} el operador no ofreció devolver la llamada"),
            )
            .at(episode.start);
        };
        let number = (offer..=to).find(|&i| {
            let text = call.text(i);
            (call.role(i) == Role::Operator && self.asks_number(text)) || says_phone_number(text)
        });
        match number {
            Some(_) => Finding::pass(
                offer,
                Some(bytes),
                format!("en {label} el operador ofreció devolver la llamada y tomó el número del usuario"),
            )
            .at(episode.start),
            None => Finding::fail(
                Some(offer),
                format!("en {label} el operador ofreció devolver la llamada, pero no tomó ni confirmó el número del usuario"),
            )
            .at(episode.start),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::testing::{call, dialogue, score};
    use crate::model::{Hold, Interaction, Outcome, Source};

    use Role::{Caller as C, Operator as O};

    /// A call with a 4-minute episode (two holds and a check-in), with `lines` spoken by the operator
    /// and the caller in turn at the check-in.
    fn long_wait(lines: &[&str]) -> Interaction {
        let mut turns = vec![
            (
                O,
                0.0,
                5.0,
                "Buenos días, bienvenido al SIAGIE, le saluda Rosa Quispe",
            ),
            (
                C,
                5.5,
                12.0,
                "No me carga la nómina de matrícula del colegio",
            ),
            (
                O,
                12.5,
                17.0,
                "¿Me permite unos minutos para consultar con el área?",
            ),
            (C, 17.5, 18.5, "sí"),
        ];
        let mut at = 140.0;
        for (i, line) in lines.iter().enumerate() {
            turns.push((if i % 2 == 0 { O } else { C }, at, at + 4.0, line));
            at += 5.0;
        }
        let checkin_end = at;
        turns.push((
            O,
            checkin_end + 120.0,
            checkin_end + 124.0,
            "Gracias por esperar, ya está su nómina",
        ));
        let mut interaction = call(&turns);
        let returned = interaction.turns.len() - 1;
        interaction.holds.push(Hold {
            start: 18.5,
            end: 140.0,
            announce_turn: Some(2),
            return_turn: Some(4),
            source: Source::Transcript,
        });
        interaction.holds.push(Hold {
            start: checkin_end - 1.0,
            end: checkin_end + 120.0,
            announce_turn: Some(4),
            return_turn: Some(returned),
            source: Source::Transcript,
        });
        interaction
    }

    #[test]
    fn offer_and_number_pass() {
        let interaction = long_wait(&[
            "Señora, está demorando, ¿le parece si le devolvemos la llamada? ¿A qué número la llamo?",
            "Al nueve ocho siete, seis cinco cuatro, tres dos uno",
            "Perfecto, igual sigo revisando, un momento más",
        ]);
        let finding = score("hold_callback", &interaction);
        assert_eq!(finding.outcome, Outcome::Pass, "{}", finding.reason);
        assert_eq!(finding.turn, Some(4));
    }

    #[test]
    fn an_offer_without_the_number_fails() {
        let interaction =
            long_wait(&["Si demora más, le devolvemos la llamada, un momento más por favor"]);
        let finding = score("hold_callback", &interaction);
        assert_eq!(finding.outcome, Outcome::Fail);
        assert!(
            finding.reason.contains("no tomó ni confirmó"),
            "{}",
            finding.reason
        );
    }

    #[test]
    fn no_offer_fails_and_the_dni_is_not_the_phone() {
        let interaction = long_wait(&[
            "Me confirma su número de DNI por favor",
            "cuatro cinco dos ocho uno tres seis siete",
            "Gracias, un momento más",
        ]);
        let finding = score("hold_callback", &interaction);
        assert_eq!(finding.outcome, Outcome::Fail);
        assert!(
            finding.reason.contains("no ofreció devolver la llamada"),
            "{}",
            finding.reason
        );
        assert!(
            finding.reason.contains("la espera de 00:19 a 04:35"),
            "{}",
            finding.reason
        );
    }

    #[test]
    fn short_waits_are_not_applicable() {
        let mut interaction = dialogue(&["Buenos días, SIAGIE", "Hola"]);
        assert_eq!(score("hold_callback", &interaction).outcome, Outcome::Na);
        interaction.holds.push(Hold {
            start: 10.0,
            end: 100.0,
            announce_turn: None,
            return_turn: None,
            source: Source::Transcript,
        });
        let finding = score("hold_callback", &interaction);
        assert_eq!(finding.outcome, Outcome::Na);
        assert!(finding.reason.contains("1 min 30 s"), "{}", finding.reason);
    }

    #[test]
    fn dni_after_number_is_not_a_phone_request() {
        let detector = HoldCallback {
            episode_over_s: 180.0,
            checkin_max_s: 45.0,
            offers: PhraseSet::compile(&["le devolvemos * llamada"]).unwrap(),
            numbers: PhraseSet::compile(&["su numero|telefono|celular"]).unwrap(),
            turns_before: 4,
            turns_after: 6,
            not_phone: vec!["dni".into()],
        };
        assert!(!detector.asks_number(&Analyzed::new("me da su número de DNI")));
        assert!(detector.asks_number(&Analyzed::new("¿me da su número de celular?")));
    }
}

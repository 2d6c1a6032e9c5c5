//! Detector `hold_permission`: the operator asks before putting the caller on hold, and waits for a yes.
//!
//! # What it checks
//! Before EACH hold, an operator turn leading into it (the announcing turn, the operator's turn just
//! before, or one between the announcement and the silence) asks permission, and a caller turn after
//! that ask and before the silence starts agrees. Asking is a dialogue act, not a fixed phrase:
//! - a stock phrase (`asks`: "¿me permite un momento?", "¿podría esperar?"); or
//! - a sentence about waiting (`waiting`: esperar, aguardar, un momento, un minutito, en línea) that is
//!   a question or a polite request (`polite`: "¿Sería tan amable de esperarme un minutito?", "le
//!   parece bien si la dejo un ratito en espera"), or that a short question follows ("Un minuto más,
//!   por favor, ¿está bien?").
//! The caller's yes (`agreements`: "sí", "claro", "ya", "dele nomás") must not refuse (`refusals`, or a
//! reply that starts with "no", except "no hay problema" and the like, `no_but_yes`). To a question
//! asked in the negative (`negative_asks`: "¿le importaría esperar?") a plain "no" is the yes ("No,
//! dele nomás"). "Un momento" said while already leaving is not asking. Fails naming the first hold that
//! lacked the ask or the yes; not applicable when the call has no hold.
//!
//! # Why it matters
//! Protocol step 5: ask permission to put the caller on hold, and proceed only once the caller answers
//! yes. A caller left on hold without consent often hangs up, and calls again.
//!
//! # Parameters
//! - `asks`: phrases that ask for permission to make the caller wait.
//! - `waiting`, `polite`: words about waiting, and the forms of a polite request.
//! - `negative_asks`: words that make the ask a negative question, answered yes with "no".
//! - `agreements`: the caller's yes.
//! - `refusals`: the caller's no ("no puedo esperar", "no tengo tiempo").
//! - `no_but_yes`: words after a leading "no" that still make a yes ("no hay problema").
//!
//! # Example
//! Operator "¿Me permite un momento para revisar?" / caller "Sí, claro" / silence -> pass.
//! Operator "Un momento" / silence -> fail: "La espera de 01:05 (duró 1 min 20 s) no fue precedida de
//! un pedido de permiso".

use serde::Deserialize;

use super::hold_explained::{hold_label, lead_in};
use super::{Call, Detector, Fact, Finding};
use crate::model::Role;
use crate::text::{Analyzed, Match, PhraseSet, quote};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    asks: Vec<String>,
    waiting: Vec<String>,
    polite: Vec<String>,
    negative_asks: Vec<String>,
    agreements: Vec<String>,
    refusals: Vec<String>,
    no_but_yes: Vec<String>,
}

pub fn build(params: toml::Table) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(params)?;
    Ok(Box::new(HoldPermission {
        asks: super::phrases(&params.asks, "asks")?,
        waiting: super::phrases(&params.waiting, "waiting")?,
        polite: super::phrases(&params.polite, "polite")?,
        negative_asks: super::phrases(&params.negative_asks, "negative_asks")?,
        agreements: super::phrases(&params.agreements, "agreements")?,
        refusals: super::phrases(&params.refusals, "refusals")?,
        no_but_yes: params
            .no_but_yes
            .iter()
            .map(|w| crate::text::fold(w))
            .collect(),
    }))
}

struct HoldPermission {
    asks: PhraseSet,
    waiting: PhraseSet,
    polite: PhraseSet,
    negative_asks: PhraseSet,
    agreements: PhraseSet,
    refusals: PhraseSet,
    no_but_yes: Vec<String>,
}

/// Questions this short after a sentence about waiting ask for it ("…un minuto más, ¿está bien?").
const TAG_MAX_WORDS: usize = 4;

impl HoldPermission {
    /// Where operator turn `turn` asks the caller's permission to wait, if it does.
    fn ask(&self, call: &Call, turn: usize) -> Option<Match> {
        if let Some((m, _)) = self.asks.find(call.text(turn)) {
            return Some(m);
        }
        // A polite request about waiting asks, with or without a question mark.
        if let Some((_, m)) = call.sentence_with(turn, &[&self.waiting, &self.polite]) {
            return Some(m);
        }
        let text = call.text(turn);
        self.waiting.all_matches(text).find_map(|(m, _)| {
            let sentence = *call.sentences[turn].of(m.start)?;
            let asks = sentence.question
                || call
                    .next_sentence(turn, &sentence)
                    .is_some_and(|tag| tag.question && tag.len() <= TAG_MAX_WORDS);
            asks.then_some(m)
        })
    }

    /// Does the caller's reply `text` say yes to the ask in operator turn `ask`?
    fn agrees(&self, call: &Call, ask: usize, text: &Analyzed) -> bool {
        let starts_with_no = text.tokens.first().is_some_and(|t| t.text == "no");
        let no_but_yes = text
            .tokens
            .get(1)
            .is_some_and(|t| self.no_but_yes.contains(&t.text));
        let asked_in_negative = self.negative_asks.matches(call.text(ask));
        if self.refusals.matches(text) {
            return false;
        }
        if starts_with_no {
            return no_but_yes || asked_in_negative;
        }
        self.agreements.matches(text)
    }
}

impl Detector for HoldPermission {
    fn rests_on(&self) -> Fact {
        Fact::Holds
    }

    fn evaluate(&self, call: &Call) -> Finding {
        let holds = &call.interaction.holds;
        if holds.is_empty() {
            return Finding::na("la llamada no tuvo esperas");
        }
        let mut granted = Vec::new();
        for (index, hold) in holds.iter().enumerate() {
            let turns = lead_in(call, holds, index);
            let anchor = hold
                .announce_turn
                .or(turns.last().copied())
                .filter(|_| call.interaction.timed);
            let asks: Vec<usize> = turns
                .iter()
                .copied()
                .filter(|&i| self.ask(call, i).is_some())
                .collect();
            let Some(&first_ask) = asks.first() else {
                let reason = format!(
                    "{} no fue precedida de un pedido de permiso",
                    capitalized(&hold_label(hold))
                );
                return Finding::fail(anchor, reason).at(hold.start);
            };
            let before_silence = |i: usize| call.turn(i).start.is_none_or(|s| s < hold.start);
            let yes_after = |ask: usize| {
                (ask + 1..call.interaction.turns.len())
                    .take_while(|&i| before_silence(i))
                    .find(|&i| call.role(i) == Role::Caller && self.agrees(call, ask, call.text(i)))
            };
            match asks
                .iter()
                .find_map(|&ask| yes_after(ask).map(|yes| (ask, yes)))
            {
                Some(pair) => granted.push(pair),
                None => {
                    let reason = format!(
                        "antes de {} el operador pidió permiso, pero no esperó a que el usuario aceptara",
                        hold_label(hold)
                    );
                    return Finding::fail(Some(first_ask), reason).at(hold.start);
                }
            }
        }
        let (ask, yes) = granted[0];
        let bytes = self.ask(call, ask).map(|m| m.bytes);
        let reason = match holds.len() {
            1 => format!(
                "el operador pidió permiso y el usuario aceptó («{}») antes de {}",
                quote(&call.turn(yes).text, (0, 0), 60),
                hold_label(&holds[0])
            ),
            n => format!(
                "el operador pidió permiso y el usuario aceptó antes de cada una de las {n} esperas"
            ),
        };
        Finding::pass(ask, bytes, reason).at(holds[0].start)
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::testing::{call, dialogue, score};
    use crate::model::{Hold, Interaction, Outcome, Source};

    use Role::{Caller as C, Operator as O};

    fn hold(start: f64, end: f64, announce_turn: usize, return_turn: usize) -> Hold {
        Hold {
            start,
            end,
            announce_turn: Some(announce_turn),
            return_turn: Some(return_turn),
            source: Source::Transcript,
        }
    }

    fn one_hold(ask: &str, reply: &str) -> Interaction {
        let mut interaction = call(&[
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
                "No puedo descargar la libreta de notas de mi hijo",
            ),
            (O, 12.5, 17.0, ask),
            (C, 17.5, 18.5, reply),
            (O, 70.0, 74.0, "Gracias por la espera, señor"),
        ]);
        interaction.holds.push(hold(18.5, 70.0, 2, 4));
        interaction
    }

    #[test]
    fn asked_and_agreed_passes() {
        let finding = score(
            "hold_permission",
            &one_hold(
                "¿Me permite un momento para revisar el sistema?",
                "Sí, claro",
            ),
        );
        assert_eq!(finding.outcome, Outcome::Pass, "{}", finding.reason);
        assert_eq!(finding.turn, Some(2));
    }

    #[test]
    fn a_moment_said_while_leaving_is_not_asking() {
        let finding = score("hold_permission", &one_hold("Ya, un momento", "ya"));
        assert_eq!(finding.outcome, Outcome::Fail);
        assert!(
            finding
                .reason
                .starts_with("La espera de 00:19 (duró 52 s) no fue precedida"),
            "{}",
            finding.reason
        );
        assert_eq!(crate::text::mask(&finding.reason), finding.reason);
        assert_eq!(finding.at_s, Some(18.5));
    }

    #[test]
    fn a_refusal_or_no_answer_fails() {
        let finding = score(
            "hold_permission",
            &one_hold(
                "¿Podría esperar un momento?",
                "No, no puedo esperar, estoy en clase",
            ),
        );
        assert_eq!(finding.outcome, Outcome::Fail);
        assert!(
            finding
                .reason
                .contains("no esperó a que el usuario aceptara"),
            "{}",
            finding.reason
        );
        let mut silent = one_hold("¿Me permite un momento?", "ya");
        silent.turns.remove(3);
        silent.holds[0] = hold(17.0, 70.0, 2, 3);
        assert_eq!(score("hold_permission", &silent).outcome, Outcome::Fail);
    }

    #[test]
    fn every_hold_needs_its_own_permission() {
        let mut interaction = call(&[
            (
                O,
                0.0,
                5.0,
                "Buenos días, bienvenido al SIAGIE, le saluda Rosa Quispe",
            ),
            (C, 5.5, 12.0, "No puedo descargar la libreta de notas"),
            (O, 12.5, 17.0, "¿Me permite un minuto para revisar?"),
            (C, 17.5, 18.5, "sí"),
            (O, 50.0, 55.0, "Gracias por esperar. Un momento más"),
            (O, 120.0, 124.0, "Gracias por su paciencia, ya está"),
        ]);
        interaction.holds.push(hold(18.5, 50.0, 2, 4));
        interaction.holds.push(hold(55.0, 120.0, 4, 5));
        let finding = score("hold_permission", &interaction);
        assert_eq!(finding.outcome, Outcome::Fail);
        assert!(finding.reason.contains("00:55"), "{}", finding.reason);
    }

    #[test]
    fn indirect_requests_to_wait_ask_too() {
        for (ask, reply) in [
            (
                "¿Sería tan amable de esperarme un minutito en la línea mientras lo busco?",
                "Claro, señorita.",
            ),
            (
                "Tengo que confirmarlo. Le parece bien si la dejo un ratito en espera",
                "Ya, está bien.",
            ),
            ("Un minuto más, por favor, ¿está bien?", "Ya."),
            (
                "¿Le importaría esperar un momento en línea?",
                "No, dele nomás.",
            ),
            (
                "le molestaria aguardar un minutito mientras reviso",
                "no no, normal",
            ),
        ] {
            let finding = score("hold_permission", &one_hold(ask, reply));
            assert_eq!(
                finding.outcome,
                Outcome::Pass,
                "{ask} / {reply}: {}",
                finding.reason
            );
        }
    }

    #[test]
    fn waiting_words_alone_or_a_plain_no_do_not_ask_or_agree() {
        // An order to wait, not a question.
        let finding = score(
            "hold_permission",
            &one_hold("Espere un momento, por favor.", "Ya."),
        );
        assert_eq!(finding.outcome, Outcome::Fail);
        // "No" to a positive question is a refusal, not a yes.
        let finding = score(
            "hold_permission",
            &one_hold(
                "¿Puede esperar un momento?",
                "No, estoy apurada, mejor llamo después.",
            ),
        );
        assert_eq!(finding.outcome, Outcome::Fail);
        // A thanks for the data is no yes either: the caller said nothing agreeing.
        let finding = score(
            "hold_permission",
            &one_hold("¿Me espera un minuto?", "¿Qué?"),
        );
        assert_eq!(finding.outcome, Outcome::Fail);
    }

    #[test]
    fn no_hold_is_not_applicable() {
        assert_eq!(
            score("hold_permission", &dialogue(&["Buenos días", "Hola"])).outcome,
            Outcome::Na
        );
    }
}

//! Detector `hold_permission`: the operator asks before putting the caller on hold, and waits for a yes.
//!
//! # What it checks
//! Before EACH hold, an operator turn leading into it (the announcing turn, the operator's turn just
//! before, or one between the announcement and the silence) asks permission (`asks`: "¿me permite un
//! momento?", "¿podría esperar?"), and a caller turn after that ask and before the silence starts agrees
//! (`agreements`: "sí", "claro", "ya") without refusing (`refusals`, or a reply that starts with "no").
//! "Un momento" said while already leaving is not asking. Fails naming the first hold that lacked the ask
//! or the yes; not applicable when the call has no hold.
//!
//! # Why it matters
//! Protocol step 5: ask permission to put the caller on hold, and proceed only once the caller answers
//! yes. A caller left on hold without consent often hangs up, and calls again.
//!
//! # Parameters
//! - `asks`: phrases that ask for permission to make the caller wait.
//! - `agreements`: the caller's yes.
//! - `refusals`: the caller's no ("no puedo esperar", "no tengo tiempo").
//!
//! # Example
//! Operator "¿Me permite un momento para revisar?" / caller "Sí, claro" / silence -> pass.
//! Operator "Un momento" / silence -> fail: "La espera de 01:05 (duró 1 min 20 s) no fue precedida de
//! un pedido de permiso".

use serde::Deserialize;

use super::hold_explained::{hold_label, lead_in};
use super::{Call, Detector, Fact, Finding};
use crate::model::Role;
use crate::text::{Analyzed, PhraseSet, quote};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    asks: Vec<String>,
    agreements: Vec<String>,
    refusals: Vec<String>,
}

pub fn build(params: toml::Table) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(params)?;
    Ok(Box::new(HoldPermission {
        asks: super::phrases(&params.asks, "asks")?,
        agreements: super::phrases(&params.agreements, "agreements")?,
        refusals: super::phrases(&params.refusals, "refusals")?,
    }))
}

struct HoldPermission {
    asks: PhraseSet,
    agreements: PhraseSet,
    refusals: PhraseSet,
}

/// Words after a leading "no" that still make a yes ("no hay problema", "no se preocupe").
const NO_BUT_YES: &[&str] = &["hay", "se", "problema", "importa", "preocupe"];

impl HoldPermission {
    fn agrees(&self, text: &Analyzed) -> bool {
        let starts_with_no = text.tokens.first().is_some_and(|t| t.text == "no")
            && !text
                .tokens
                .get(1)
                .is_some_and(|t| NO_BUT_YES.contains(&t.text.as_str()));
        !starts_with_no && !self.refusals.matches(text) && self.agreements.matches(text)
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
                .announced_by
                .or(turns.last().copied())
                .filter(|_| call.interaction.timed);
            let asks: Vec<usize> = turns
                .iter()
                .copied()
                .filter(|&i| self.asks.matches(call.text(i)))
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
                    .find(|&i| call.role(i) == Role::Caller && self.agrees(call.text(i)))
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
        let bytes = self.asks.find(call.text(ask)).map(|(m, _)| m.bytes);
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

    fn hold(start: f64, end: f64, announced_by: usize, returned_at: usize) -> Hold {
        Hold {
            start,
            end,
            announced_by: Some(announced_by),
            returned_at: Some(returned_at),
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
    fn no_hold_is_not_applicable() {
        assert_eq!(
            score("hold_permission", &dialogue(&["Buenos días", "Hola"])).outcome,
            Outcome::Na
        );
    }
}

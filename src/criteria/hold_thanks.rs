//! Detector `hold_thanks`: coming back from a hold, the operator thanks the caller for waiting.
//!
//! # What it checks
//! The operator's first turn back from EACH hold thanks the caller for waiting, in any words: a stock
//! phrase (`thanks`: "gracias por la espera"), or a sentence that holds both gratitude (`gratitude`:
//! "gracias", "le agradezco") and the wait, the patience or the time (`for_waiting`: "por su tiempo",
//! "por seguir en línea", "la paciencia"). "Gracias a Dios" or thanks for the data are not thanks for
//! waiting. When that first turn is only a short call-out ("¿Aló?
//! ¿Señora?", at most `callout_max_words` words), the operator's next turn, before any further hold, may
//! carry the thanks instead. A bare "gracias" is not thanks for waiting: "Gracias, ya encontré su
//! registro" fails. Fails naming the first hold without thanks; not applicable when the call has no hold.
//!
//! # Why it matters
//! Protocol step 6: on taking the call back, thank the caller for waiting. It acknowledges the caller's
//! time and marks the return to the conversation.
//!
//! # Parameters
//! - `thanks`: phrases that thank for the wait.
//! - `gratitude`, `for_waiting`: words of thanks, and what the thanks must be about, in one sentence.
//! - `callout_max_words`: a first turn back this short may be followed by the thanks (5).
//!
//! # Example
//! After 01:10 on hold: "Gracias por la espera, profesora, ya verifiqué..." -> pass; "Ya, profesora, su
//! alumno figura como retirado" -> fail.

use serde::Deserialize;

use super::hold_explained::hold_label;
use super::{Call, Detector, Fact, Finding};
use crate::model::{Hold, Role};
use crate::text::{PhraseSet, quote};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    thanks: Vec<String>,
    gratitude: Vec<String>,
    for_waiting: Vec<String>,
    #[serde(default = "default_callout_max_words")]
    callout_max_words: usize,
}

fn default_callout_max_words() -> usize {
    5
}

pub fn build(params: toml::Table) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(params)?;
    Ok(Box::new(HoldThanks {
        thanks: super::phrases(&params.thanks, "thanks")?,
        gratitude: super::phrases(&params.gratitude, "gratitude")?,
        for_waiting: super::phrases(&params.for_waiting, "for_waiting")?,
        callout_max_words: params.callout_max_words,
    }))
}

struct HoldThanks {
    thanks: PhraseSet,
    gratitude: PhraseSet,
    for_waiting: PhraseSet,
    callout_max_words: usize,
}

impl HoldThanks {
    /// Where operator turn `turn` thanks the caller for waiting, if it does.
    fn thanks(&self, call: &Call, turn: usize) -> Option<(usize, usize)> {
        if let Some((m, _)) = self.thanks.find(call.text(turn)) {
            return Some(m.bytes);
        }
        call.sentence_with(turn, &[&self.gratitude, &self.for_waiting])
            .map(|(sentence, m)| {
                let text = call.text(turn);
                (m.bytes.0, text.tokens[sentence.end - 1].end)
            })
    }

    /// The operator turns that count as coming back from `hold`: the first turn back, and the next one
    /// when the first is a short call-out and no other hold starts in between.
    fn return_turns(&self, call: &Call, holds: &[Hold], index: usize) -> Vec<usize> {
        let hold = &holds[index];
        let first = hold.return_turn.or_else(|| {
            call.operator_turns()
                .into_iter()
                .find(|&i| call.turn(i).start.is_some_and(|s| s >= hold.end - 0.5))
        });
        let Some(first) = first else {
            return Vec::new();
        };
        let mut turns = vec![first];
        if call.text(first).len() <= self.callout_max_words {
            let next_hold_start = holds.get(index + 1).map_or(f64::INFINITY, |h| h.start);
            if let Some(next) = call.next_of(first, Role::Operator)
                && call.turn(next).start.is_none_or(|s| s < next_hold_start)
            {
                turns.push(next);
            }
        }
        turns
    }
}

impl Detector for HoldThanks {
    fn rests_on(&self) -> Fact {
        Fact::Holds
    }

    fn evaluate(&self, call: &Call) -> Finding {
        let holds = &call.interaction.holds;
        if holds.is_empty() {
            return Finding::na("la llamada no tuvo esperas");
        }
        let mut first_thanks = None;
        for (index, hold) in holds.iter().enumerate() {
            let turns = self.return_turns(call, holds, index);
            let thanked = turns
                .iter()
                .find_map(|&i| self.thanks(call, i).map(|bytes| (i, bytes)));
            match (thanked, turns.first()) {
                (Some(found), _) => {
                    first_thanks.get_or_insert(found);
                }
                (None, Some(&back)) => {
                    let text = &call.turn(back).text;
                    let reason = format!(
                        "al volver de {} el operador no agradeció la espera: «{}»",
                        hold_label(hold),
                        quote(text, (0, text.len().min(60)), 80)
                    );
                    return Finding::fail(Some(back), reason).at(hold.end);
                }
                (None, None) => {
                    let reason = if call.interaction.timed {
                        format!(
                            "después de {} el operador no volvió a la línea",
                            hold_label(hold)
                        )
                    } else {
                        format!(
                            "la central registró {}, pero la transcripción no tiene tiempos para ubicar el regreso del operador ni un agradecimiento por la espera",
                            hold_label(hold)
                        )
                    };
                    return Finding::fail(None, reason).at(hold.end);
                }
            }
        }
        let (turn, bytes) = first_thanks.expect("at least one hold, all thanked");
        let reason = match holds.len() {
            1 => format!(
                "al volver de {} el operador agradeció la espera",
                hold_label(&holds[0])
            ),
            n => {
                format!("el operador agradeció la espera al volver de cada una de las {n} esperas")
            }
        };
        Finding::pass(turn, Some(bytes), reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::testing::{call, dialogue, quoted, score, with_hold};
    use crate::model::{Interaction, Outcome, Source};

    use Role::{Caller as C, Operator as O};

    fn back_with(lines: &[&str]) -> Interaction {
        let mut turns = vec![
            (
                O,
                0.0,
                5.0,
                "Buenos días, bienvenido al SIAGIE, le saluda Rosa Quispe",
            ),
            (C, 5.5, 12.0, "No me figura el alumno en la nómina"),
            (O, 12.5, 17.0, "¿Me permite un momento para revisar?"),
            (C, 17.5, 18.5, "sí"),
        ];
        let mut at = 80.0;
        for (i, line) in lines.iter().enumerate() {
            let role = if i % 2 == 0 { O } else { C };
            turns.push((role, at, at + 3.0, line));
            at += 4.0;
        }
        let mut interaction = call(&turns);
        interaction.holds.push(Hold {
            start: 18.5,
            end: 80.0,
            announce_turn: Some(2),
            return_turn: Some(4),
            source: Source::Transcript,
        });
        interaction
    }

    #[test]
    fn thanks_for_waiting_passes_and_is_quoted() {
        let interaction = back_with(&["Gracias por la espera, señora. Ya encontré a su alumno"]);
        let finding = score("hold_thanks", &interaction);
        assert_eq!(finding.outcome, Outcome::Pass, "{}", finding.reason);
        assert_eq!(quoted(&interaction, &finding), "Gracias por la espera");
    }

    #[test]
    fn bare_thanks_is_not_thanks_for_waiting() {
        let finding = score(
            "hold_thanks",
            &back_with(&["Gracias, ya encontré su registro"]),
        );
        assert_eq!(finding.outcome, Outcome::Fail);
        assert!(
            finding
                .reason
                .contains("«Gracias, ya encontré su registro»"),
            "{}",
            finding.reason
        );
        assert_eq!(finding.at_s, Some(80.0));
    }

    #[test]
    fn a_short_call_out_may_precede_the_thanks() {
        let interaction = back_with(&[
            "¿Aló, señora?",
            "sí, dígame",
            "Gracias por esperar, ya lo encontré",
        ]);
        assert_eq!(score("hold_thanks", &interaction).outcome, Outcome::Pass);
    }

    #[test]
    fn holds_known_only_by_time_use_the_first_operator_turn_after() {
        let interaction = dialogue(&[
            "Buenos días, SIAGIE",
            "Hola",
            "Un momento",
            "ya",
            "Gracias por su paciencia",
        ]);
        let interaction = with_hold(interaction, 19.5, 20.0);
        assert_eq!(score("hold_thanks", &interaction).outcome, Outcome::Pass);
    }

    #[test]
    fn no_hold_is_not_applicable() {
        assert_eq!(
            score("hold_thanks", &dialogue(&["Buenos días", "Hola"])).outcome,
            Outcome::Na
        );
    }
}

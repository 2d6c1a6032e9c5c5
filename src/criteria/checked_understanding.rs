//! Detector `checked_understanding`: near the end, the operator checks that the caller understood.
//!
//! # What it checks
//! One of the operator's last `last_turns` turns asks whether the caller understood, has doubts left or
//! needs more, in any words: a stock phrase (`questions`: "¿le quedó claro?", "¿tiene alguna otra
//! consulta?"), or a question (or, in speech-to-text without punctuation, any sentence) holding one of
//! `invitations` (doubts, understanding, more needs, an offer to repeat: "¿quedó clarito?", "¿algo
//! más?", "¿quiere que le repita algún paso?"), or a question with a question mark asking whether the
//! solution worked (`solution_checks`: "¿ya le aparece?"; without punctuation "le sale la constancia"
//! is as likely an instruction). A statement ("cualquier duda nos vuelve a llamar") is not a question. Na when the call was transferred: the
//! closing then belongs to whoever received it.
//!
//! # Why it matters
//! The protocol's attitude guide: ask whether the user understood, has doubts left, or wants to know
//! more. A caller who leaves with a doubt calls again.
//!
//! # Parameters
//! - `last_turns`: how many of the operator's last turns may hold the question (4).
//! - `questions`: how the operator checks understanding or remaining doubts.
//! - `invitations`: what a closing question is about when it checks (doubts, more needs, ...).
//! - `solution_checks`: whether the solution worked; only in a question with a question mark.
//!
//! # Example
//! Pass: "Listo, profesora. ¿Le quedó claro o tiene alguna otra consulta?". Fail: the operator ends with
//! "Ya, eso sería todo, hasta luego."

use serde::Deserialize;

use super::{Call, Detector, Finding, params, phrases};
use crate::text::PhraseSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    last_turns: usize,
    questions: Vec<String>,
    invitations: Vec<String>,
    solution_checks: Vec<String>,
}

struct CheckedUnderstanding {
    last_turns: usize,
    questions: PhraseSet,
    invitations: PhraseSet,
    solution_checks: PhraseSet,
}

pub fn build(table: toml::Table) -> Result<Box<dyn Detector>, String> {
    let p: Params = params(table)?;
    if p.last_turns == 0 {
        return Err("last_turns must be at least 1".into());
    }
    Ok(Box::new(CheckedUnderstanding {
        last_turns: p.last_turns,
        questions: phrases(&p.questions, "questions")?,
        invitations: phrases(&p.invitations, "invitations")?,
        solution_checks: phrases(&p.solution_checks, "solution_checks")?,
    }))
}

impl Detector for CheckedUnderstanding {
    fn evaluate(&self, call: &Call) -> Finding {
        if call.interaction.transfer.is_some() {
            return Finding::na(
                "la llamada fue transferida: el cierre corresponde a quien la recibió",
            );
        }
        let operator = call.operator_turns();
        let Some(&last) = operator.last() else {
            return Finding::fail(None, "el operador no interviene en la llamada");
        };
        let closing = &operator[operator.len().saturating_sub(self.last_turns)..];
        for &turn in closing {
            let in_question = |set: &PhraseSet, punctuated_only: bool| {
                set.all_matches(call.text(turn))
                    .find(|(m, _)| {
                        call.sentences[turn].of(m.start).is_some_and(|s| {
                            if punctuated_only {
                                s.question
                            } else {
                                call.may_ask(turn, s)
                            }
                        })
                    })
                    .map(|(m, _)| m)
            };
            let asked = self
                .questions
                .find(call.text(turn))
                .map(|(m, _)| m)
                .or_else(|| in_question(&self.invitations, false))
                .or_else(|| in_question(&self.solution_checks, true));
            if let Some(m) = asked {
                return Finding::pass(
                    turn,
                    Some(m.bytes),
                    "el operador preguntó si quedó claro o si quedaban dudas",
                );
            }
        }
        let window = match closing.len() {
            1 => "su última intervención".to_string(),
            n => format!("sus {n} últimas intervenciones"),
        };
        Finding::fail(
            Some(last),
            format!(
                "el operador no preguntó si el usuario entendió o si le quedaban dudas en {window}"
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::criteria::testing::{dialogue, quoted, score, with_transfer};
    use crate::model::Outcome;

    #[test]
    fn asking_for_doubts_at_the_end_passes() {
        let c = dialogue(&[
            "Buenas tardes, SIAGIE.",
            "No puedo cerrar el acta.",
            "Tiene que completar las notas y luego cerrar el acta.",
            "Ya, entiendo.",
            "Listo, profesora. ¿Le quedó claro o tiene alguna otra consulta?",
            "No, eso es todo, gracias.",
            "Gracias a usted, que tenga buena tarde.",
        ]);
        let f = score("checked_understanding", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert_eq!(quoted(&c, &f), "quedó claro");
    }

    #[test]
    fn a_question_early_in_the_call_does_not_count() {
        let c = dialogue(&[
            "Buenas tardes, SIAGIE. ¿Tiene alguna consulta?",
            "Sí, no puedo cerrar el acta.",
            "Tiene que completar las notas.",
            "Ya.",
            "Luego cierra el acta en evaluación.",
            "Ya.",
            "Eso sería todo.",
            "Gracias.",
            "Hasta luego.",
        ]);
        let f = score("checked_understanding", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert_eq!(f.turn, Some(8));
    }

    #[test]
    fn transferred_calls_are_na() {
        let c = with_transfer(
            dialogue(&[
                "Buenas tardes, SIAGIE.",
                "Es de la UGEL.",
                "Le transfiero con la UGEL.",
            ]),
            Some(2),
        );
        assert_eq!(score("checked_understanding", &c).outcome, Outcome::Na);
    }
}

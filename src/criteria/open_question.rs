//! Detector `open_question`: the operator offers help without presuming what the caller wants.
//!
//! # What it checks
//! The caller's query turn is the first caller turn after the operator's first turn that says more than
//! identification data (`Call::query_turn`). Before it, the operator must not presume the topic
//! (`presumptions`: "seguro llama por lo de las notas"), nor ask a question that guesses it
//! (`guesses`, read in questions only: "¿Es por actas?", "¿Llama por la lentitud del sistema, no?"), and
//! must not cut into the query with a guess ("ah ya, es traslado, seguro el otro colegio…" while the
//! caller is still speaking). Pass when the operator asks an open question
//! (`questions`: "¿en qué le puedo ayudar?") before the query, or when the caller went straight into the
//! query after the greeting and identification without the operator cutting in. Fail when the operator
//! presumes the topic, or never asks and cut into a caller turn before the query came (a turn starting
//! `cut_in_overlap_s` or more before the caller's turn ended, or after a caller turn the transcript shows
//! cut off with "..." or "—"). Na when the caller never states a query and the operator never asked.
//!
//! # Why it matters
//! Protocol step 2: "¿En qué puedo ayudarlo/a?", then listen without interrupting until the caller has
//! finished, without anticipating or presuming what you will hear.
//!
//! # Parameters
//! - `questions`: the operator's open questions.
//! - `presumptions`: phrases with which the operator presumes the topic.
//! - `guesses`: a question proposing the topic ("¿es por…?", "¿llama por…?").
//! - `query_min_words`: words a caller turn needs to be the query (with `Call::query_turn`).
//! - `cut_in_overlap_s`: seconds of overlap that make an operator turn a cut-in.
//!
//! # Example
//! Pass: "Gracias, profesora. ¿En qué la puedo ayudar?". Fail: "¿Seguro llama por lo de las notas del
//! bimestre, no?" before the caller said why they called.

use serde::Deserialize;

use super::{Call, Detector, Finding, params, phrases};
use crate::model::Role;
use crate::text::PhraseSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    questions: Vec<String>,
    presumptions: Vec<String>,
    guesses: Vec<String>,
    query_min_words: usize,
    cut_in_overlap_s: f64,
}

struct OpenQuestion {
    questions: PhraseSet,
    presumptions: PhraseSet,
    guesses: PhraseSet,
    query_min_words: usize,
    cut_in_overlap_s: f64,
}

pub fn build(table: toml::Table) -> Result<Box<dyn Detector>, String> {
    let p: Params = params(table)?;
    if p.query_min_words == 0 {
        return Err("query_min_words must be at least 1".into());
    }
    if !(p.cut_in_overlap_s.is_finite() && p.cut_in_overlap_s >= 0.0) {
        return Err("cut_in_overlap_s must be a non-negative number of seconds".into());
    }
    Ok(Box::new(OpenQuestion {
        questions: phrases(&p.questions, "questions")?,
        presumptions: phrases(&p.presumptions, "presumptions")?,
        guesses: phrases(&p.guesses, "guesses")?,
        query_min_words: p.query_min_words,
        cut_in_overlap_s: p.cut_in_overlap_s,
    }))
}

impl Detector for OpenQuestion {
    fn evaluate(&self, call: &Call) -> Finding {
        let query = call.query_turn(self.query_min_words);
        let before: Vec<usize> = call
            .operator_turns()
            .into_iter()
            .filter(|&i| query.is_none_or(|q| i < q))
            .collect();
        if before.is_empty() && query.is_none() {
            return Finding::na("el operador no interviene en la llamada");
        }
        for &turn in &before {
            if let Some(m) = self.presumes(call, turn) {
                return Finding::fail(
                    Some(turn),
                    "el operador presupuso el motivo de la llamada antes de que el usuario expusiera su consulta",
                )
                .quoting(m.bytes);
            }
        }
        // A guess that cuts into the query: the operator anticipates before the caller has finished.
        if let Some(query) = query
            && let Some(next) = call.next_of(query, Role::Operator)
            && self.cuts_in(call, next)
            && let Some(m) = self.presumes(call, next)
        {
            return Finding::fail(
                Some(next),
                "el operador cortó al usuario mientras exponía su consulta para adelantar el motivo",
            )
            .quoting(m.bytes);
        }
        for &turn in &before {
            if let Some((m, _)) = self.questions.find(call.text(turn)) {
                return Finding::pass(
                    turn,
                    Some(m.bytes),
                    "el operador preguntó en qué podía ayudar antes de la consulta",
                );
            }
        }
        let Some(query) = query else {
            return Finding::na(
                "el usuario no llegó a exponer una consulta y el operador no preguntó en qué podía ayudar",
            );
        };
        if let Some(&turn) = before.iter().find(|&&i| self.cuts_in(call, i)) {
            return Finding::fail(
                Some(turn),
                "el operador no preguntó en qué podía ayudar y cortó al usuario antes de que expusiera su consulta",
            );
        }
        Finding::pass(
            query,
            None,
            "el operador no hizo la pregunta abierta, pero dejó que el usuario expusiera su consulta sin adelantarse",
        )
    }
}

impl OpenQuestion {
    /// Where operator turn `turn` presumes the topic: a presumption, or a question guessing it.
    fn presumes(&self, call: &Call, turn: usize) -> Option<crate::text::Match> {
        if let Some((m, _)) = self.presumptions.find(call.text(turn)) {
            return Some(m);
        }
        self.guesses
            .all_matches(call.text(turn))
            .find(|(m, _)| {
                call.sentences[turn]
                    .of(m.start)
                    .is_some_and(|s| call.may_ask(turn, s))
            })
            .map(|(m, _)| m)
    }

    /// Does operator turn `index` cut into the caller's turn before it?
    fn cuts_in(&self, call: &Call, index: usize) -> bool {
        if call.is_backchannel(index) {
            return false;
        }
        let Some(caller) = call.previous_of(index, Role::Caller) else {
            return false;
        };
        let (operator_turn, caller_turn) = (call.turn(index), call.turn(caller));
        let overlapped = match (operator_turn.start, caller_turn.end) {
            (Some(start), Some(end)) => end - start >= self.cut_in_overlap_s,
            _ => false,
        };
        let trimmed = caller_turn.text.trim_end();
        let cut_off = caller + 1 == index
            && ["...", "…", "-", "—", "–"]
                .iter()
                .any(|mark| trimmed.ends_with(mark));
        overlapped || cut_off
    }
}

#[cfg(test)]
mod tests {
    use crate::criteria::testing::{call, dialogue, quoted, score, untimed};
    use crate::model::{Outcome, Role};

    #[test]
    fn open_question_before_the_query_passes() {
        let c = dialogue(&[
            "Buenos días, SIAGIE, le atiende Rosa Quispe, ¿con quién tengo el gusto?",
            "Con la profesora Ana Torres.",
            "Gracias, profesora Ana, ¿en qué la puedo ayudar?",
            "Mire, no puedo registrar las notas del segundo bimestre, me sale un error.",
        ]);
        let f = score("offered_help", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert_eq!(quoted(&c, &f), "en qué la puedo ayudar");
    }

    #[test]
    fn presuming_the_topic_fails() {
        let c = dialogue(&[
            "Buenas tardes, SIAGIE, ¿con quién tengo el gusto?",
            "Con el director Pedro Ramos.",
            "Director, seguro llama por lo de las actas, ¿no?",
            "No, señorita, es por la matrícula de un alumno que viene trasladado.",
        ]);
        let f = score("offered_help", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert_eq!(f.turn, Some(2));
    }

    #[test]
    fn caller_going_straight_into_the_query_passes() {
        let c = untimed(&[
            (
                Role::Operator,
                "Buenas tardes, bienvenido al SIAGIE, le atiende Lucía Flores, ¿con quién tengo el gusto?",
            ),
            (
                Role::Caller,
                "Con Marco Díaz, señorita, llamo porque no me aparece la sección de tercer grado en la nómina.",
            ),
            (
                Role::Operator,
                "Ya, profesor Marco, entonces usted no ve la sección en la nómina.",
            ),
        ]);
        let f = score("offered_help", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert_eq!(f.turn, Some(1));
    }

    #[test]
    fn identification_answers_are_not_the_query() {
        let c = dialogue(&[
            "Buenos días, SIAGIE, le atiende Rosa Quispe, ¿con quién tengo el gusto?",
            "Buenos días señorita, habla la directora Carmen Rojas del colegio Santa Rosa de Lima.",
            "Gracias directora, ¿me da su DNI?",
            "Sí, cuatro cinco dos ocho uno tres seis siete.",
            "¿En qué la puedo ayudar?",
            "Quería saber cómo se corrige una nota mal ingresada en el acta.",
        ]);
        let f = score("offered_help", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert_eq!(f.turn, Some(4));
    }

    #[test]
    fn cutting_in_before_the_query_fails() {
        let c = call(&[
            (
                Role::Operator,
                0.0,
                5.0,
                "Buenas tardes, central del SIAGIE, le atiende Jorge Mendoza.",
            ),
            (
                Role::Caller,
                5.5,
                9.0,
                "Buenas tardes, señor, le llamo porque la",
            ),
            (Role::Operator, 7.0, 10.0, "A ver, primero deme su DNI."),
            (
                Role::Caller,
                10.5,
                14.0,
                "Cuatro cinco dos ocho uno tres seis siete.",
            ),
            (Role::Operator, 14.5, 15.0, "Ya."),
            (
                Role::Caller,
                15.5,
                22.0,
                "Le decía, la nómina de matrícula no me deja agregar a un alumno nuevo.",
            ),
        ]);
        let f = score("offered_help", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert_eq!(f.turn, Some(2));
    }

    #[test]
    fn no_query_and_no_question_is_na() {
        let c = dialogue(&[
            "Buenas tardes, SIAGIE, le atiende Rosa Quispe.",
            "Aló, ¿aló?",
            "Aló, ¿me escucha?",
        ]);
        assert_eq!(score("offered_help", &c).outcome, Outcome::Na);
    }
}

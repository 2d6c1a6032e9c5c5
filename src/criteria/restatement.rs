//! Detector `restatement`: the operator restates or confirms the caller's query before answering.
//!
//! # What it checks
//! After the caller's query turn (`Call::query_turn`), one of the operator's first `turns_after_query`
//! turns (backchannels such as "ajá" or "ya" do not count as turns) matches `restatements` ("si no le
//! he entendido mal, usted...", "o sea que no puede...", "¿correcto?"). Fail when those turns answer
//! without restating. Na when the caller never stated a query (a call cut after the greeting), or when
//! the operator never spoke again after it.
//!
//! # Why it matters
//! Protocol step 3: once the caller has finished, make sure you understood: summarise the query and show
//! understanding ("Sí, le comprendo…", "Si no le he entendido mal, usted no puede…").
//!
//! # Parameters
//! - `restatements`: how the operator restates or confirms.
//! - `turns_after_query`: how many operator turns after the query may hold it (2).
//! - `query_min_words`: words a caller turn needs to be the query (with `Call::query_turn`).
//!
//! # Example
//! Pass: "Ya, profesora, si no le he entendido mal, usted no puede cerrar el acta del segundo bimestre."
//! Fail: the operator goes straight to "Tiene que ingresar al módulo de evaluación y..." after the query.

use serde::Deserialize;

use super::{Call, Detector, Finding, params, phrases};
use crate::text::PhraseSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    restatements: Vec<String>,
    turns_after_query: usize,
    query_min_words: usize,
}

struct Restatement {
    restatements: PhraseSet,
    turns_after_query: usize,
    query_min_words: usize,
}

pub fn build(table: toml::Table) -> Result<Box<dyn Detector>, String> {
    let p: Params = params(table)?;
    if p.turns_after_query == 0 || p.query_min_words == 0 {
        return Err("turns_after_query and query_min_words must be at least 1".into());
    }
    Ok(Box::new(Restatement {
        restatements: phrases(&p.restatements, "restatements")?,
        turns_after_query: p.turns_after_query,
        query_min_words: p.query_min_words,
    }))
}

impl Detector for Restatement {
    fn evaluate(&self, call: &Call) -> Finding {
        let Some(query) = call.query_turn(self.query_min_words) else {
            return Finding::na(
                "el usuario no llegó a exponer una consulta: no había nada que resumir",
            );
        };
        let answers: Vec<usize> = call
            .operator_turns()
            .into_iter()
            .filter(|&i| i > query && !call.is_backchannel(i) && !call.only_identification(i))
            .take(self.turns_after_query)
            .collect();
        let Some(&first) = answers.first() else {
            return Finding::na(
                "la llamada terminó sin que el operador respondiera a la consulta del usuario",
            );
        };
        for &turn in &answers {
            if let Some((m, _)) = self.restatements.find(call.text(turn)) {
                return Finding::pass(
                    turn,
                    Some(m.bytes),
                    "el operador resumió o confirmó la consulta antes de responder",
                );
            }
        }
        let window = match answers.len() {
            1 => "su intervención siguiente".to_string(),
            2 => "sus dos intervenciones siguientes".to_string(),
            n => format!("sus {n} intervenciones siguientes"),
        };
        Finding::fail(
            Some(first),
            format!(
                "el operador respondió sin resumir ni confirmar la consulta del usuario (revisadas {window} a la consulta)"
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::criteria::testing::{dialogue, quoted, score, untimed};
    use crate::model::{Outcome, Role};

    const OPENING: [&str; 4] = [
        "Buenas tardes, SIAGIE, le atiende Rosa Quispe, ¿con quién tengo el gusto?",
        "Con la profesora Ana Torres.",
        "¿En qué la puedo ayudar, profesora?",
        "Señorita, no puedo cerrar el acta del segundo bimestre, me sale que faltan notas.",
    ];

    fn with(rest: &[&str]) -> crate::model::Interaction {
        let lines: Vec<&str> = OPENING
            .iter()
            .copied()
            .chain(rest.iter().copied())
            .collect();
        dialogue(&lines)
    }

    #[test]
    fn restating_right_after_the_query_passes() {
        let c = with(&[
            "Ya, si no le he entendido mal, usted no puede cerrar el acta del segundo bimestre.",
            "Sí, así es.",
        ]);
        let f = score("summarized_query", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert_eq!(quoted(&c, &f), "si no le he entendido mal");
    }

    #[test]
    fn backchannels_do_not_use_up_the_window() {
        let c = with(&[
            "Ajá.",
            "Y ya revisé que todos tienen nota.",
            "O sea que el sistema no le deja cerrar el acta.",
            "Exacto.",
        ]);
        assert_eq!(score("summarized_query", &c).outcome, Outcome::Pass);
    }

    #[test]
    fn answering_straight_away_fails() {
        let c = with(&[
            "Tiene que ingresar al módulo de evaluación y completar las notas que faltan.",
            "Ya, ¿y dónde está eso?",
            "En la parte de arriba, en evaluación.",
            "Ya, gracias.",
            "Listo, profesora Ana, ¿le quedó claro? ¿Es correcto?",
        ]);
        let f = score("summarized_query", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert_eq!(f.turn, Some(4));
    }

    #[test]
    fn no_query_is_na() {
        let c = untimed(&[
            (
                Role::Operator,
                "Buenos días, SIAGIE, le atiende Jorge Mendoza, ¿con quién tengo el gusto?",
            ),
            (Role::Caller, "Aló, ¿aló? No se escucha."),
        ]);
        let f = score("summarized_query", &c);
        assert_eq!(f.outcome, Outcome::Na);
        assert!(!f.reason.is_empty());
    }
}

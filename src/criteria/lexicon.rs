//! Detector `lexicon`: the operator keeps to few (or none) of a list of terms: jargon for plain
//! language, blaming or negative phrases for positive language.
//!
//! # What it checks
//! Counts the distinct terms (rubric entries) the operator used anywhere in the call; the caller's words
//! never count. Pass when the count is at most `max_distinct`. Terms match more strictly than other
//! phrase lists: a word matches when it is spelt the same once folded, or, from five letters, sounds
//! the same in the phonetic key ("serbidor" for servidor, "back end" for backend), but never one letter
//! off, so "habla" is not "tabla" and "posible" is not "imposible". Two terms matching the same words of
//! a turn count once.
//!
//! # Why it matters
//! The protocol's attitude guide: avoid terminology and technical language, and speak in positive
//! terms. A caller lost in jargon or blamed for the problem leaves without a solution.
//!
//! # Parameters
//! - `terms`: the lexicon, one phrase pattern per term.
//! - `max_distinct`: how many distinct terms are tolerated.
//! - `label`: what the terms are, in Spanish, for reasons ("términos técnicos").
//!
//! # Example
//! plain_language (max 1) fails on "Es que el servidor no sincroniza con la base de datos" (three
//! terms); positive_language (max 0) fails on "Ya le dije, eso no se puede."

use serde::Deserialize;

use super::{Call, Detector, Finding, params};
use crate::model::Outcome;
use crate::text::{Phrase, PhraseSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    terms: Vec<String>,
    max_distinct: usize,
    #[serde(default = "default_label")]
    label: String,
}

fn default_label() -> String {
    "términos de la lista".to_string()
}

struct Lexicon {
    terms: PhraseSet,
    max_distinct: usize,
    label: String,
}

pub fn build(table: toml::Table) -> Result<Box<dyn Detector>, String> {
    let p: Params = params(table)?;
    if p.terms.is_empty() {
        return Err("terms must list at least one phrase".into());
    }
    Ok(Box::new(Lexicon {
        terms: PhraseSet::compile_strict(&p.terms).map_err(|e| format!("terms: {e}"))?,
        max_distinct: p.max_distinct,
        label: p.label,
    }))
}

/// Where the operator first used one term.
struct Use {
    turn: usize,
    bytes: (usize, usize),
}

impl Detector for Lexicon {
    fn evaluate(&self, call: &Call) -> Finding {
        let mut used: Vec<Use> = Vec::new();
        let mut seen: Vec<*const Phrase> = Vec::new();
        for turn in call.operator_turns() {
            let text = call.text(turn);
            let mut spans: Vec<(usize, usize)> = Vec::new();
            for (m, term) in self.terms.all_matches(text) {
                if spans.iter().any(|&(s, e)| m.start < e && s < m.end) {
                    continue;
                }
                spans.push((m.start, m.end));
                if !seen.contains(&(term as *const Phrase)) {
                    seen.push(term);
                    used.push(Use {
                        turn,
                        bytes: m.bytes,
                    });
                }
            }
        }
        used.sort_by_key(|u| (u.turn, u.bytes.0));
        let said: Vec<String> = used
            .iter()
            .map(|u| format!("«{}»", &call.turn(u.turn).text[u.bytes.0..u.bytes.1]))
            .collect();
        let (label, max) = (&self.label, self.max_distinct);
        let list = format!("{} ({}; máximo {max})", said.join(", "), used.len());
        match used.first() {
            None => {
                let mut finding = Finding::na(format!("el operador no usó {label} de la rúbrica"));
                finding.outcome = Outcome::Pass;
                finding
            }
            Some(first) if used.len() <= max => Finding::pass(
                first.turn,
                Some(first.bytes),
                format!("el operador usó {label} de la rúbrica dentro de lo admitido: {list}"),
            ),
            Some(first) => Finding::fail(
                Some(first.turn),
                format!("el operador usó {label} de la rúbrica: {list}"),
            )
            .quoting(first.bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::criteria::testing::{dialogue, quoted, score};
    use crate::model::Outcome;

    #[test]
    fn one_technical_term_is_tolerated_and_named() {
        let c = dialogue(&[
            "Buenas tardes, le habla Rosa.",
            "Hola.",
            "Borre el caché, por favor.",
            "Ya.",
        ]);
        let f = score("plain_language", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert!(f.reason.contains("«caché»"), "{}", f.reason);
    }

    #[test]
    fn several_distinct_terms_fail_listing_them() {
        let c = dialogue(&[
            "Buenas tardes.",
            "El servidor, dice.",
            "Sí, es que el servidor no sincroniza con la base de datos.",
            "Ah ya.",
            "Le hago un reseteo de credenciales.",
        ]);
        let f = score("plain_language", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert_eq!(f.turn, Some(2));
        assert_eq!(quoted(&c, &f), "servidor");
        for term in [
            "«servidor»",
            "«sincroniza»",
            "«base de datos»",
            "«reseteo»",
            "«credenciales»",
        ] {
            assert!(f.reason.contains(term), "{term}: {}", f.reason);
        }
        assert!(f.reason.contains("(5; máximo 1)"), "{}", f.reason);
    }

    #[test]
    fn near_spellings_of_everyday_words_are_not_terms() {
        let c = dialogue(&[
            "Le habla Rosa, mire el modelo de la ficha, lo antes posible, sin mirar la tabla de notas.",
            "Ya.",
        ]);
        let f = score("positive_language", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        let f = score("plain_language", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert!(f.reason.contains("«tabla»"), "{}", f.reason);
    }

    #[test]
    fn joined_and_sound_alike_spellings_count() {
        let c = dialogue(&["Es un tema del back end y del serbidor.", "Ya."]);
        let f = score("plain_language", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("(2; máximo 1)"), "{}", f.reason);
    }

    #[test]
    fn only_the_operator_counts() {
        let c = dialogue(&[
            "Buenas tardes, SIAGIE.",
            "Eso no se puede, el servidor está caído, usted se equivocó.",
            "Lo revisamos juntos, profesora.",
        ]);
        assert_eq!(score("positive_language", &c).outcome, Outcome::Pass);
        let c = dialogue(&[
            "Buenas tardes.",
            "No me deja.",
            "Ya le dije, eso no se puede.",
        ]);
        let f = score("positive_language", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert_eq!(quoted(&c, &f), "Ya le dije");
    }
}

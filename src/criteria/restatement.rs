//! Detector `restatement`: the operator restates or confirms the caller's query before answering.
//!
//! # What it checks
//! After the caller's query turn (`Call::query_turn`), one of the operator's first `turns_after_query`
//! turns (backchannels such as "ajá" and bare identification questions do not count) restates the query:
//! - by a stock phrase (`restatements`: "si no le he entendido mal, usted...", "o sea que no puede..."),
//!   one signal among others; or
//! - by content: a sentence of the operator's turn (up to its first instruction, `instructions`: "tiene
//!   que…", "ingrese…", "vaya a…") shares at least `min_shared` content words with what the caller said
//!   since the query (compared by Spanish stem, so "no puedo matricular" meets "no le deja
//!   matricularlo"; numbers and names count; the rubric's `[language] stop_words` never do) and has the
//!   form of a restatement: framed as one (`frames`: "entonces", "o sea", "a ver", "es decir", …),
//!   asked back as a confirming question ("…, ¿verdad?", "¿no le deja cerrar el acta?"), or, without
//!   either. A bare declarative sentence that reuses the caller's words is taken for an answer or an
//!   explanation ("eso es porque el otro colegio lo matriculó"), never for a restatement.
//! An answer brings new content (where to go, what to click) and instructions; a restatement re-tells
//! the caller's problem. What the operator tells a transfer target, once a third speaker is on the
//! line, is not said to the caller. Fail when those turns answer without restating. Na when the caller never
//! stated a query (a call cut after the greeting), or when the operator never spoke again after it.
//!
//! # Why it matters
//! Protocol step 3: once the caller has finished, make sure you understood: summarise the query and show
//! understanding ("Sí, le comprendo…", "Si no le he entendido mal, usted no puede…").
//!
//! # Parameters
//! - `restatements`: stock phrases of restating or confirming.
//! - `turns_after_query`: how many operator turns after the query may hold it (2).
//! - `query_min_words`: words a caller turn needs to be the query (with `Call::query_turn`).
//! - `min_shared`: content words a framed or questioning sentence shares with the query (2).
//! - `frames`: words that open a restatement.
//! - `confirmations`: tag questions that ask the caller to confirm ("¿verdad?", "¿no?", "¿así es?").
//! - `instructions`: where an answer starts; words after them are not weighed as a restatement. Matched
//!   strictly ("primer bimestre" is no "primero").
//!
//! # Example
//! Pass: "Ya, entonces el sistema no le deja cerrar el acta porque figuran notas pendientes del segundo
//! bimestre, ¿no?" after "no puedo cerrar el acta del segundo bimestre, me sale que faltan notas".
//! Fail: the operator goes straight to "Tiene que ingresar al módulo de evaluación y..." after the query.

use serde::Deserialize;

use super::{Call, Detector, Finding, params, phrases};
use crate::model::Role;
use crate::text::stem::{Stemmed, shares, stems};
use crate::text::{Match, PhraseSet, Sentence};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    restatements: Vec<String>,
    turns_after_query: usize,
    query_min_words: usize,
    min_shared: usize,
    frames: Vec<String>,
    confirmations: Vec<String>,
    instructions: Vec<String>,
}

struct Restatement {
    restatements: PhraseSet,
    turns_after_query: usize,
    query_min_words: usize,
    min_shared: usize,
    frames: PhraseSet,
    confirmations: PhraseSet,
    instructions: PhraseSet,
}

pub fn build(table: toml::Table) -> Result<Box<dyn Detector>, String> {
    let p: Params = params(table)?;
    if p.turns_after_query == 0 || p.query_min_words == 0 || p.min_shared == 0 {
        return Err("turns_after_query, query_min_words and min_shared must be at least 1".into());
    }
    Ok(Box::new(Restatement {
        restatements: phrases(&p.restatements, "restatements")?,
        turns_after_query: p.turns_after_query,
        query_min_words: p.query_min_words,
        min_shared: p.min_shared,
        frames: phrases(&p.frames, "frames")?,
        confirmations: phrases(&p.confirmations, "confirmations")?,
        instructions: super::strict_phrases(&p.instructions, "instructions")?,
    }))
}

/// How a sentence restates the query.
enum Form {
    Framed,
    Question,
}

/// A sentence found to restate the query: its turn, byte range, and the shared words.
struct Found {
    turn: usize,
    bytes: (usize, usize),
    shared: Vec<String>,
    form: Form,
}

impl Detector for Restatement {
    fn evaluate(&self, call: &Call) -> Finding {
        let Some(query) = call.query_turn(self.query_min_words) else {
            return Finding::na(
                "el usuario no llegó a exponer una consulta: no había nada que resumir",
            );
        };
        let third_party = call.turns_of(Role::Other).into_iter().next();
        let answers: Vec<usize> = call
            .operator_turns()
            .into_iter()
            .filter(|&i| i > query && !call.is_backchannel(i) && !call.only_identification(i))
            .filter(|&i| third_party.is_none_or(|t| i < t))
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
            let said = caller_words(call, query, turn);
            if let Some(found) = self.by_content(call, turn, &said) {
                let how = match found.form {
                    Form::Framed => "resumió",
                    Form::Question => "confirmó con una pregunta",
                };
                let reason = format!(
                    "el operador {how} la consulta del usuario antes de responder (palabras en común: {})",
                    found.shared.join(", ")
                );
                return Finding::pass(found.turn, Some(found.bytes), reason);
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

/// The content words the caller said from the query turn up to operator turn `until`.
fn caller_words(call: &Call, query: usize, until: usize) -> Vec<Stemmed> {
    (query..until)
        .filter(|&i| call.role(i) == Role::Caller)
        .flat_map(|i| {
            let text = call.text(i);
            stems(text, 0..text.len(), |w| call.is_stop_word(w))
        })
        .collect()
}

impl Restatement {
    /// The first sentence of operator turn `turn` that restates what the caller `said`.
    fn by_content(&self, call: &Call, turn: usize, said: &[Stemmed]) -> Option<Found> {
        let text = call.text(turn);
        let sentences = &call.sentences[turn].sentences;
        // Where the answer starts: nothing after it is weighed.
        let answer_from = self.instructions.find(text).map(|(m, _)| m.start);
        for (k, sentence) in sentences.iter().enumerate() {
            let end = answer_from.map_or(sentence.end, |a| a.min(sentence.end));
            if end <= sentence.start {
                break;
            }
            let part = Sentence {
                start: sentence.start,
                end,
                question: sentence.question,
            };
            let words = stems(text, part.start..part.end, |w| call.is_stop_word(w));
            let mut shared: Vec<String> = Vec::new();
            for word in words.iter().filter(|w| shares(w, said)) {
                let folded = text.tokens[word.token].text.clone();
                if !shared.iter().any(|s| *s == folded) {
                    shared.push(folded);
                }
            }
            if shared.len() < self.min_shared {
                continue;
            }
            let framed = self.framed(call, turn, &part, k);
            let confirming = part.question || self.confirmed(call, turn, sentences, k);
            let form = if framed {
                Form::Framed
            } else if confirming {
                Form::Question
            } else {
                continue;
            };
            let bytes = (text.tokens[part.start].start, text.tokens[part.end - 1].end);
            return Some(Found {
                turn,
                bytes,
                shared,
                form,
            });
        }
        None
    }

    /// Does sentence `k` (or the turn, for its first sentence) open with a restating frame? The frame
    /// may follow a backchannel or a form of address ("Ya, profesora, entonces…").
    fn framed(&self, call: &Call, turn: usize, part: &Sentence, k: usize) -> bool {
        let text = call.text(turn);
        let sentences = &call.sentences[turn].sentences;
        let mut from = part.start;
        // Skip a leading sentence that is only a backchannel or a form of address.
        if k > 0 {
            let previous = &sentences[k - 1];
            let only_filler =
                (previous.start..previous.end).all(|i| call.is_stop_word(&text.tokens[i].text));
            if only_filler {
                from = from.min(previous.start);
            }
        }
        self.frames.all_matches(text).any(|(m, _): (Match, _)| {
            m.start >= from && m.start <= part.start + 3 && m.start < part.end
        })
    }

    /// Is sentence `k` followed by a short confirming tag question ("…, ¿verdad?", "¿así es?")?
    fn confirmed(&self, call: &Call, turn: usize, sentences: &[Sentence], k: usize) -> bool {
        let text = call.text(turn);
        let tag = |s: &Sentence| {
            s.question
                && s.len() <= 3
                && self
                    .confirmations
                    .all_matches(text)
                    .any(|(m, _)| m.start >= s.start && m.end <= s.end)
        };
        if let Some(next) = sentences.get(k + 1) {
            return tag(next);
        }
        // Speech-to-text without punctuation: the tag closes the turn ("… no le deja verdad").
        !call.sentences[turn].punctuated
            && self.confirmations.all_matches(text).any(|(m, _)| {
                m.end == text.len() && m.end - m.start <= 2 && sentences[k].end == text.len()
            })
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
    fn a_restatement_in_the_operators_own_words_passes() {
        // No stock phrase: a frame and the caller's content, in other words.
        let c = with(&[
            "Ya profesora, entonces las notas del segundo bimestre están incompletas y por eso el acta no se cierra.",
            "Sí.",
        ]);
        let f = score("summarized_query", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert!(f.reason.contains("acta"), "{}", f.reason);
        // Asked back as a question, with no frame at all.
        let c = with(&[
            "¿Le faltan notas del segundo bimestre y no le deja cerrar el acta?",
            "Sí.",
        ]);
        assert_eq!(score("summarized_query", &c).outcome, Outcome::Pass);
    }

    #[test]
    fn an_answer_that_reuses_the_callers_words_is_not_a_restatement() {
        let c = with(&[
            "Para cerrar el acta tiene que ingresar las notas del segundo bimestre en el módulo de evaluación.",
            "Ya.",
            "Luego le da clic en generar acta y listo.",
        ]);
        let f = score("summarized_query", &c);
        assert_eq!(f.outcome, Outcome::Fail, "{}", f.reason);
        let c = with(&[
            "Mire, el acta se cierra desde la opción de evaluación, con el botón de arriba a la derecha.",
            "Ya.",
        ]);
        assert_eq!(score("summarized_query", &c).outcome, Outcome::Fail);
        // An explanation made of the caller's words is still an answer.
        let c = with(&[
            "Eso es porque faltan notas del segundo bimestre en el acta.",
            "Ah ya.",
        ]);
        assert_eq!(score("summarized_query", &c).outcome, Outcome::Fail);
    }

    #[test]
    fn speech_to_text_without_punctuation_still_restates() {
        let c = untimed(&[
            (
                Role::Operator,
                "buenas tardes siagie le saluda rosa quispe en que le ayudo",
            ),
            (
                Role::Caller,
                "buenas tardes señorita no puedo matricular a un alumno nuevo me sale que ya esta matriculado en otro colegio",
            ),
            (
                Role::Operator,
                "ya o sea el alumno figura matriculado en otro colegio y no lo puede matricular verdad",
            ),
        ]);
        let f = score("summarized_query", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
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

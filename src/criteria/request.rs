//! Detector `request`: the operator asks the caller for one identification item (name, DNI or
//! código modular), or the caller gives it before being asked.
//!
//! # What it checks
//! Pass when an operator turn asks for the item: a phrase of `asks` in a sentence that requests (a
//! question, or a request form such as "por favor", "me brinda", "dígame": `request_forms`; any
//! sentence of a turn transcribed without punctuation), which no `negations` phrase covers ("no necesito
//! su DNI" is not a request; "el DNI de su hijo" asks for the student's, not the caller's). Pass too when
//! the caller gave the item without being asked: for `name`, the name the caller gave
//! (`Call::caller_name`); for `dni`, a caller turn with a run of exactly 8 digits; for `modular_code`,
//! exactly 7 digits (written or spoken: "cuatro cinco dos ocho...", "cuarenta y cinco, veintiocho..."),
//! unless the operator had just asked for a third person's (the student's DNI). The caller merely
//! saying the word "DNI", or the operator mentioning it ("en el DNI está con ese"), is neither.
//!
//! # Why it matters
//! Protocol step 1: "¿Con quién tengo el gusto? Por favor, deme el N° de su DNI, y el del código modular
//! de su institución educativa." Without them the operator cannot find the caller's records in SIAGIE.
//!
//! # Parameters
//! - `item`: `name`, `dni` or `modular_code`.
//! - `asks`: how the operator asks for the item.
//! - `negations`: phrases that undo an ask they overlap ("no necesito su DNI", "el DNI del alumno").
//! - `request_forms`: what makes a sentence a request without a question mark ("por favor", "deme").
//!
//! # Example
//! Pass: "Por favor, ¿me brinda su número de DNI?". Fail: the caller says "tengo mi DNI a la mano" and
//! the operator never asks for it; "No necesito su DNI, solo el código modular."

use serde::Deserialize;

use super::{Call, Detector, Finding, params, phrases};
use crate::model::Role;
use crate::text::{Analyzed, Match, PhraseSet, digit_runs};

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
enum Item {
    Name,
    Dni,
    ModularCode,
}

impl Item {
    /// The item as a Spanish noun phrase, for reasons.
    fn spanish(self) -> &'static str {
        match self {
            Item::Name => "el nombre del usuario",
            Item::Dni => "el DNI",
            Item::ModularCode => "el código modular",
        }
    }

    /// The item as the caller's own, for reasons ("el usuario dio su DNI").
    fn own(self) -> &'static str {
        match self {
            Item::Name => "su nombre",
            Item::Dni => "su DNI",
            Item::ModularCode => "el código modular",
        }
    }

    /// The word a caller says when talking about the item without giving it.
    fn word(self) -> (&'static str, &'static str) {
        match self {
            Item::Name => ("nombre", "nombre"),
            Item::Dni => ("dni", "DNI"),
            Item::ModularCode => ("modular", "código modular"),
        }
    }

    /// How many digits the item has, when it is a number.
    fn digits(self) -> Option<usize> {
        match self {
            Item::Name => None,
            Item::Dni => Some(8),
            Item::ModularCode => Some(7),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    item: Item,
    asks: Vec<String>,
    #[serde(default)]
    negations: Vec<String>,
    request_forms: Vec<String>,
    #[serde(default)]
    number_fillers: Vec<String>,
}

struct Request {
    item: Item,
    asks: PhraseSet,
    negations: PhraseSet,
    request_forms: PhraseSet,
    /// Words a caller says between the digit groups of one number ("cuatro cinco dos ocho, este, uno
    /// tres...").
    number_fillers: Vec<String>,
}

pub fn build(table: toml::Table) -> Result<Box<dyn Detector>, String> {
    let p: Params = params(table)?;
    let negations = if p.negations.is_empty() {
        PhraseSet::default()
    } else {
        phrases(&p.negations, "negations")?
    };
    Ok(Box::new(Request {
        item: p.item,
        asks: phrases(&p.asks, "asks")?,
        negations,
        request_forms: phrases(&p.request_forms, "request_forms")?,
        number_fillers: p
            .number_fillers
            .iter()
            .map(|w| crate::text::fold(w))
            .collect(),
    }))
}

impl Detector for Request {
    fn evaluate(&self, call: &Call) -> Finding {
        let what = self.item.spanish();
        let mut negated: Option<(usize, Match)> = None;
        for turn in call.operator_turns() {
            let text = call.text(turn);
            let negations: Vec<Match> = self.negations.all_matches(text).map(|(m, _)| m).collect();
            let mut asks: Vec<Match> = self
                .asks
                .all_matches(text)
                .map(|(m, _)| m)
                .filter(|m| self.requests(call, turn, m))
                .collect();
            asks.sort_by_key(|m| (m.start, m.end));
            for ask in asks {
                match negations
                    .iter()
                    .find(|n| n.start < ask.end && ask.start < n.end)
                {
                    Some(n) => {
                        negated.get_or_insert((turn, *n));
                    }
                    None => {
                        return Finding::pass(
                            turn,
                            Some(ask.bytes),
                            format!("el operador solicitó {what}"),
                        );
                    }
                }
            }
        }
        if let Some((turn, bytes)) = self.volunteered(call) {
            return Finding::pass(
                turn,
                Some(bytes),
                format!(
                    "el usuario dio {} sin que el operador lo solicitara",
                    self.item.own()
                ),
            );
        }
        if let Some((turn, m)) = negated {
            return Finding::fail(Some(turn), format!("el operador no solicitó {what}: su única mención no es un pedido (lo descarta o se refiere a otra cosa)"))
                .quoting(m.bytes);
        }
        let (word, display) = self.item.word();
        let mentioned = call
            .caller_turns()
            .into_iter()
            .find(|&i| call.text(i).has_word(word));
        match mentioned {
            Some(turn) => {
                let text = call.text(turn);
                let token = text
                    .tokens
                    .iter()
                    .find(|t| t.text == word)
                    .expect("has_word found it");
                Finding::fail(
                    Some(turn),
                    format!("el usuario dijo «{display}» pero el operador nunca solicitó {what}"),
                )
                .quoting((token.start, token.end))
            }
            None => Finding::fail(
                None,
                format!("el operador no solicitó {what} y el usuario no lo dio por su cuenta"),
            ),
        }
    }
}

impl Request {
    /// Is the sentence of operator turn `turn` holding `ask` a request: a question, a request form, or
    /// speech-to-text without punctuation?
    fn requests(&self, call: &Call, turn: usize, ask: &Match) -> bool {
        let Some(sentence) = call.sentences[turn].of(ask.start) else {
            return false;
        };
        call.may_ask(turn, sentence)
            || self
                .request_forms
                .all_matches(call.text(turn))
                .any(|(m, _)| sentence.contains(m.start))
    }

    /// Did the operator turn just before caller turn `turn` ask for a third person's item ("¿el DNI de
    /// su hijo?"), so that the number the caller gives is not their own?
    fn third_party_asked(&self, call: &Call, turn: usize) -> bool {
        !self.negations.is_empty()
            && call
                .previous_of(turn, Role::Operator)
                .is_some_and(|asked| self.negations.matches(call.text(asked)))
    }

    /// The caller turn (and byte range) where the caller gave the item unasked.
    fn volunteered(&self, call: &Call) -> Option<(usize, (usize, usize))> {
        match self.item.digits() {
            None => {
                let name = call.caller_name.as_ref()?;
                let text = &call.turn(name.turn).text;
                let start = text.find(&name.display).unwrap_or(0);
                Some((
                    name.turn,
                    (start, start + name.display.len().min(text.len() - start)),
                ))
            }
            Some(digits) => call
                .caller_turns()
                .into_iter()
                .filter(|&turn| !self.third_party_asked(call, turn))
                .find_map(|turn| {
                    number_given(call.text(turn), digits, &self.number_fillers)
                        .map(|bytes| (turn, bytes))
                }),
        }
    }
}

/// The byte range of a number of exactly `digits` digits, written or spoken, possibly with fillers
/// between its groups.
fn number_given(text: &Analyzed, digits: usize, fillers: &[String]) -> Option<(usize, usize)> {
    let runs = digit_runs(&text.tokens);
    for (k, run) in runs.iter().enumerate() {
        let mut joined = run.digits.len();
        let mut end = run.end;
        if joined == digits {
            return Some((text.tokens[run.start].start, text.tokens[end - 1].end));
        }
        for next in &runs[k + 1..] {
            let only_fillers = text.tokens[end..next.start]
                .iter()
                .all(|t| fillers.contains(&t.text));
            if !only_fillers || joined > digits {
                break;
            }
            joined += next.digits.len();
            end = next.end;
            if joined == digits {
                return Some((text.tokens[run.start].start, text.tokens[end - 1].end));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::number_given;
    use crate::criteria::testing::{dialogue, quoted, score, untimed};
    use crate::model::{Outcome, Role};
    use crate::text::Analyzed;

    #[test]
    fn operator_asks_for_each_item() {
        let c = dialogue(&[
            "Buenos días, SIAGIE, le atiende Rosa Quispe, ¿con quién tengo el gusto?",
            "Con Ana Torres.",
            "Señora Ana, ¿me brinda su número de DNI, por favor? ¿Y el código modular de su colegio?",
            "Sí, claro.",
        ]);
        for id in ["asked_name", "asked_dni", "asked_modular_code"] {
            let f = score(id, &c);
            assert_eq!(f.outcome, Outcome::Pass, "{id}: {}", f.reason);
        }
        assert_eq!(
            quoted(&c, &score("asked_name", &c)),
            "con quién tengo el gusto"
        );
    }

    #[test]
    fn a_negated_ask_is_no_ask() {
        let c = dialogue(&[
            "Buenas tardes. No necesito su DNI, solo el código modular de la institución.",
            "Ya.",
        ]);
        let f = score("asked_dni", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("no es un pedido"), "{}", f.reason);
        assert_eq!(quoted(&c, &f), "No necesito su DNI");
        assert_eq!(score("asked_modular_code", &c).outcome, Outcome::Pass);
    }

    #[test]
    fn a_students_dni_is_not_the_callers() {
        let c = dialogue(&[
            "Buenas tardes, SIAGIE.",
            "Hola.",
            "Tiene que registrar el DNI del alumno en la ficha.",
            "Ya.",
        ]);
        assert_eq!(score("asked_dni", &c).outcome, Outcome::Fail);
    }

    #[test]
    fn the_caller_saying_dni_is_neither_ask_nor_answer() {
        let c = untimed(&[
            (
                Role::Operator,
                "Buenas tardes, SIAGIE, ¿en qué le puedo ayudar?",
            ),
            (
                Role::Caller,
                "Señorita, no puedo entrar, me dice que mi DNI no existe.",
            ),
            (Role::Operator, "Ya, vamos a revisar."),
        ]);
        let f = score("asked_dni", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("«DNI»"), "{}", f.reason);
        assert_eq!(f.turn, Some(1));
    }

    #[test]
    fn volunteered_items_pass() {
        let c = untimed(&[
            (Role::Operator, "Buenas tardes, SIAGIE."),
            (
                Role::Caller,
                "Buenas tardes, me llamo Julia Ccori, mi DNI es cuarenta y cinco, veintiocho, trece, sesenta y siete y el código es cero cinco uno dos tres cuatro cinco.",
            ),
            (Role::Operator, "Gracias, dígame."),
        ]);
        for id in ["asked_name", "asked_dni", "asked_modular_code"] {
            let f = score(id, &c);
            assert_eq!(f.outcome, Outcome::Pass, "{id}: {}", f.reason);
            assert!(
                f.reason.contains("sin que el operador lo solicitara"),
                "{}",
                f.reason
            );
            assert_eq!(f.turn, Some(1));
        }
        assert_eq!(quoted(&c, &score("asked_name", &c)), "Julia Ccori");
    }

    #[test]
    fn numbers_need_exact_lengths() {
        let fillers: Vec<String> = ["este", "eh", "perdon"].map(String::from).to_vec();
        let given = |text: &str, n| number_given(&Analyzed::new(text), n, &fillers).is_some();
        assert!(given("es cuatro cinco dos ocho uno tres seis siete", 8));
        assert!(given("4528 este 1367", 8));
        assert!(!given("cuatro cinco dos ocho uno tres seis", 8));
        assert!(given("cuatro cinco dos ocho uno tres seis", 7));
        assert!(!given("mi celular es 987654321", 8));
    }
}

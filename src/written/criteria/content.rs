//! What the reply says: whether it answers the query, asks for the user's identification when the
//! query needs it, and keeps to plain and positive language.
//!
//! # What they check
//! - `answer`: the reply without its template lines (every line matching `template`: salutation,
//!   welcome, closing, signature, footer, thanks) keeps at least `min_content_words` content words
//!   (not in `stop_words`), and meets the query: it shares a content word (Spanish stem) with what the
//!   user wrote, or gives an instruction (`instructions`). A template alone, or a text that ignores the
//!   query, fails. Without a user message before it (the help desk wrote first) it is na.
//! - `identification`: when the user's messages mention something that lives in the user's record
//!   (`needs_record`: clave, matrícula, notas, actas, traslado…) and the user has not given the DNI (8
//!   digits) or the código modular (7 digits), the reply asks for what is missing (`dni` /
//!   `modular_code` phrases in a sentence with a request, `requests`). na when the query needs no
//!   record or both were given.
//! - `lexicon`: at most `max_distinct` distinct terms of `terms` (jargon; negative or blaming phrases).
//!
//! # Why it matters
//! A reply that is only the template leaves the user where they started; asking for the DNI and the
//! código modular up front spares a second round trip; the attitude guide asks for plain and positive
//! words in every channel.
//!
//! # Example
//! "Buenos días. La Mesa de Ayuda del SIAGIE le da la bienvenida… Atentamente…" and nothing else
//! fails `answer` ("la respuesta es solo la plantilla"). To "no puedo ver las notas de mi hijo" a reply
//! that never asks for the DNI fails `identification`.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Reply, WrittenDetector, fail_at, params, pass_at, phrases, token_bytes};
use crate::criteria::Finding;
use crate::text::stem::{Stemmed, shares, stems};
use crate::text::{Analyzed, PhraseSet, fold};

// ---------------------------------------------------------------------------------------------------
// answer

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerParams {
    template: Vec<String>,
    instructions: Vec<String>,
    stop_words: Vec<String>,
    min_content_words: usize,
}

struct Answer {
    template: PhraseSet,
    instructions: PhraseSet,
    stop_words: HashSet<String>,
    min_content_words: usize,
}

pub fn build_answer(table: toml::Table) -> Result<Box<dyn WrittenDetector>, String> {
    let p: AnswerParams = params(table)?;
    Ok(Box::new(Answer {
        template: phrases(&p.template, "template")?,
        instructions: crate::criteria::strict_phrases(&p.instructions, "instructions")?,
        stop_words: p.stop_words.iter().map(|w| fold(w)).collect(),
        min_content_words: p.min_content_words,
    }))
}

impl Answer {
    fn is_content(&self, word: &str) -> bool {
        word.chars().count() >= 3
            && !self.stop_words.contains(word)
            && !word.chars().all(|c| c.is_ascii_digit())
    }
}

impl WrittenDetector for Answer {
    fn evaluate(&self, reply: &Reply) -> Finding {
        if reply.answers.is_empty() {
            return Finding::na(
                "la mesa de ayuda escribió sin un mensaje del usuario que responder",
            );
        }
        // The body: the lines that are not template.
        let mut body: Vec<(usize, &str)> = Vec::new();
        let mut start = 0;
        for piece in reply.text.split_inclusive('\n') {
            let line = piece.trim_end();
            if !line.trim().is_empty() && !self.template.matches(&Analyzed::new(line)) {
                body.push((start, line));
            }
            start += piece.len();
        }
        let content: Vec<(usize, &str, Analyzed)> = body
            .iter()
            .map(|&(at, line)| (at, line, Analyzed::new(line)))
            .collect();
        let words: usize = content
            .iter()
            .map(|(_, _, a)| a.tokens.iter().filter(|t| self.is_content(&t.text)).count())
            .sum();
        if words < self.min_content_words {
            return fail_at(
                None,
                format!(
                    "la respuesta es solo la plantilla: {words} palabras de contenido fuera del saludo, la firma y el pie (se esperan {} o más)",
                    self.min_content_words
                ),
            );
        }
        let query = Analyzed::new(&reply.query());
        let query_stems: Vec<Stemmed> = stems(&query, 0..query.len(), |w| !self.is_content(w));
        for (at, line, analyzed) in &content {
            let line_stems = stems(analyzed, 0..analyzed.len(), |w| !self.is_content(w));
            if let Some(shared) = line_stems.iter().find(|s| shares(s, &query_stems)) {
                let token = &analyzed.tokens[shared.token];
                return pass_at(
                    (at + token.start, at + line.len()),
                    format!(
                        "responde a la consulta («{}»)",
                        &line[token.start..token.end]
                    ),
                );
            }
            if let Some((m, _)) = self.instructions.find(analyzed) {
                return pass_at(
                    (at + m.bytes.0, at + line.len()),
                    "responde a la consulta con una indicación",
                );
            }
        }
        let (at, line, _) = &content[0];
        fail_at(
            Some((*at, at + line.len())),
            "la respuesta no se refiere a la consulta: no retoma lo que el usuario preguntó ni da una indicación",
        )
    }
}

// ---------------------------------------------------------------------------------------------------
// identification

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IdentificationParams {
    needs_record: Vec<String>,
    dni: Vec<String>,
    modular_code: Vec<String>,
    requests: Vec<String>,
}

struct Identification {
    needs_record: PhraseSet,
    dni: PhraseSet,
    modular_code: PhraseSet,
    requests: PhraseSet,
}

pub fn build_identification(table: toml::Table) -> Result<Box<dyn WrittenDetector>, String> {
    let p: IdentificationParams = params(table)?;
    Ok(Box::new(Identification {
        needs_record: phrases(&p.needs_record, "needs_record")?,
        dni: phrases(&p.dni, "dni")?,
        modular_code: phrases(&p.modular_code, "modular_code")?,
        requests: phrases(&p.requests, "requests")?,
    }))
}

/// An 8-digit DNI and a 7-digit código modular written by the user (digits apart from longer runs).
static DNI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\D)\d{8}(?:\D|$)").expect("static"));
static MODULAR_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d-])\d{7}(?:[^\d-]|$)").expect("static"));

impl WrittenDetector for Identification {
    fn evaluate(&self, reply: &Reply) -> Finding {
        let asked = Analyzed::new(&reply.query());
        let Some((need, _)) = self.needs_record.find(&asked) else {
            return Finding::na("la consulta no requiere el registro del usuario");
        };
        let need_word = reply.query()[need.bytes.0..need.bytes.1].to_string();
        let so_far = reply.user_so_far();
        let missing_dni = !DNI.is_match(&so_far);
        let missing_code = !MODULAR_CODE.is_match(&so_far);
        if !missing_dni && !missing_code {
            return Finding::na("el usuario ya dio su DNI y el código modular");
        }
        // Sentences of the reply that ask for something.
        let mut asked_dni = None;
        let mut asked_code = None;
        let mut start = 0;
        for sentence in reply.text.split_inclusive(['.', '?', '\n', ';']) {
            let analyzed = Analyzed::new(sentence);
            if self.requests.matches(&analyzed) {
                let span = (start, start + sentence.trim_end().len());
                if asked_dni.is_none() && self.dni.matches(&analyzed) {
                    asked_dni = Some(span);
                }
                if asked_code.is_none() && self.modular_code.matches(&analyzed) {
                    asked_code = Some(span);
                }
            }
            start += sentence.len();
        }
        let mut lacking = Vec::new();
        if missing_dni && asked_dni.is_none() {
            lacking.push("el DNI");
        }
        if missing_code && asked_code.is_none() {
            lacking.push("el código modular");
        }
        let quote = asked_dni.or(asked_code);
        if lacking.is_empty() {
            pass_at(
                quote.unwrap_or((0, 0)),
                format!(
                    "la consulta («{need_word}») requiere el registro y la respuesta pide los datos que faltaban"
                ),
            )
        } else {
            fail_at(
                quote,
                format!(
                    "la consulta («{need_word}») requiere el registro del usuario y no pide {}",
                    lacking.join(" ni ")
                ),
            )
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// lexicon

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconParams {
    terms: Vec<String>,
    max_distinct: usize,
    label: String,
}

struct Lexicon {
    terms: PhraseSet,
    max_distinct: usize,
    label: String,
}

pub fn build_lexicon(table: toml::Table) -> Result<Box<dyn WrittenDetector>, String> {
    let p: LexiconParams = params(table)?;
    Ok(Box::new(Lexicon {
        terms: crate::criteria::strict_phrases(&p.terms, "terms")?,
        max_distinct: p.max_distinct,
        label: p.label,
    }))
}

impl WrittenDetector for Lexicon {
    fn evaluate(&self, reply: &Reply) -> Finding {
        let text = &reply.analyzed;
        let mut used: Vec<(usize, usize)> = Vec::new();
        for (m, _) in self.terms.all_matches(text) {
            if !used.iter().any(|&(s, e)| m.start < e && s < m.end) {
                used.push((m.start, m.end));
            }
        }
        used.sort();
        let words: Vec<String> = used
            .iter()
            .map(|&(s, e)| {
                let (a, b) = token_bytes(text, s, e);
                reply.text[a..b].to_string()
            })
            .collect();
        if used.len() <= self.max_distinct {
            let reason = if used.is_empty() {
                format!("sin {}", self.label)
            } else {
                format!("{} {} (tolerado)", self.label, words.join(", "))
            };
            let mut finding = Finding::pass(0, None, reason);
            finding.turn = None;
            return finding;
        }
        let (s, e) = used[0];
        fail_at(
            Some(token_bytes(text, s, e)),
            format!("{}: «{}»", self.label, words.join("», «")),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{detector, reply, user_message};
    use crate::model::Outcome;
    use crate::written::Channel::Email;

    const TEMPLATE_ONLY: &str = "Buenos días\nLa Mesa de Ayuda del SIAGIE le da la bienvenida. Estamos para resolver su dificultad en el uso del aplicativo informático.\nAtentamente,\nRosa Quispe\nCentral de Atención - SIAGIE - MINEDU\nTeléfono: 615-5800 / Anexo: 26111\nLunes a Sábado de 8:00 a.m. a 6:00 p.m.";

    #[test]
    fn a_template_alone_is_no_answer() {
        let d = detector("answers_query");
        let user = [user_message(
            "2026-11-05 07:00",
            "No puedo registrar las notas del segundo bimestre",
        )];
        let f = d.evaluate(&reply(Email, "2026-11-05 09:00", TEMPLATE_ONLY, &user));
        assert_eq!(f.outcome, Outcome::Fail, "{}", f.reason);
        let answered = TEMPLATE_ONLY.replace(
            "Atentamente,",
            "Para registrar las notas del bimestre ingrese al módulo Evaluación y elija el periodo.\nAtentamente,",
        );
        let f = d.evaluate(&reply(Email, "2026-11-05 09:00", &answered, &user));
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
    }

    #[test]
    fn identification_is_asked_only_when_needed_and_missing() {
        let d = detector("asked_identification");
        let needs = [user_message(
            "2026-11-05 07:00",
            "No puedo ver la matrícula de mi hijo",
        )];
        let asks = "Buenos días. Por favor, indíquenos su DNI y el código modular de la institución educativa.";
        assert_eq!(
            d.evaluate(&reply(Email, "2026-11-05 09:00", asks, &needs))
                .outcome,
            Outcome::Pass
        );
        let silent = "Buenos días. Revise la matrícula en el módulo correspondiente.";
        let f = d.evaluate(&reply(Email, "2026-11-05 09:00", silent, &needs));
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("DNI"), "{}", f.reason);
        let given = [user_message(
            "2026-11-05 07:00",
            "No puedo ver la matrícula. Mi DNI es 45281367 y el código modular 0654321.",
        )];
        assert_eq!(
            d.evaluate(&reply(Email, "2026-11-05 09:00", silent, &given))
                .outcome,
            Outcome::Na
        );
        let general = [user_message(
            "2026-11-05 07:00",
            "¿Cuál es el horario de atención?",
        )];
        assert_eq!(
            d.evaluate(&reply(Email, "2026-11-05 09:00", silent, &general))
                .outcome,
            Outcome::Na
        );
    }
}

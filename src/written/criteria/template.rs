//! The template's lines: salutation, fixed phrases, signature and institutional footer.
//!
//! # What they check
//! - `salutation`: in the reply's first `opening_words` words, the salutation that fits the hour the
//!   reply was sent in Lima (buenos días from `morning_from`, buenas tardes from `afternoon_from`, buenas
//!   noches from `evening_from`). The wrong one fails and says which was due.
//! - `phrase`: one of `phrases` in the opening (first `window_words` words), the closing (last
//!   `window_words` words) or anywhere: the e-mail welcome ("La Mesa de Ayuda del SIAGIE le da la
//!   bienvenida"), Facebook's "Estimado usuario" and its thanks line.
//! - `signature`: after the closing formula (`closings`, "Atentamente") and before the footer, a line with
//!   the operator's first name and a surname: the roster's operator when the reply's operator is known,
//!   else two name words that are not the institution's (`not_names`). A first name alone, or a
//!   generic signature ("Mesa de Ayuda SIAGIE"), fails.
//! - `footer`: every piece of the institutional footer (`[[piece]]`: a `name` and its `phrases`); a
//!   fail names the missing pieces.
//!
//! # Why it matters
//! The protocol gives e-mail and Facebook replies a fixed shape: salutation, welcome, answer, signature
//! and the help desk's contact lines, so every reply is recognisably the institution's and tells the
//! user how to reach the central.
//!
//! # Example
//! A reply sent at 15:20 that opens "Buenos días" fails `salutation` ("correspondía buenas tardes"); a
//! footer without "Lunes a Sábado de 8:00 a.m. a 6:00 p.m." fails `footer` ("falta: el horario de
//! atención").

use jiff::civil::Time;
use serde::Deserialize;

use super::{Reply, WrittenDetector, fail_at, params, pass_at, phrases, token_bytes};
use crate::criteria::Finding;
use crate::text::{Analyzed, PhraseSet, fold, tokenize};

// ---------------------------------------------------------------------------------------------------
// salutation

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SalutationParams {
    morning: Vec<String>,
    afternoon: Vec<String>,
    evening: Vec<String>,
    morning_from: String,
    afternoon_from: String,
    evening_from: String,
    opening_words: usize,
}

struct Salutation {
    parts: [(PhraseSet, &'static str); 3],
    morning_from: Time,
    afternoon_from: Time,
    evening_from: Time,
    opening_words: usize,
}

fn time(text: &str, key: &str) -> Result<Time, String> {
    text.parse::<Time>()
        .map_err(|e| format!("{key}: expected HH:MM, got {text:?} ({e})"))
}

pub fn build_salutation(table: toml::Table) -> Result<Box<dyn WrittenDetector>, String> {
    let p: SalutationParams = params(table)?;
    Ok(Box::new(Salutation {
        parts: [
            (phrases(&p.morning, "morning")?, "buenos días"),
            (phrases(&p.afternoon, "afternoon")?, "buenas tardes"),
            (phrases(&p.evening, "evening")?, "buenas noches"),
        ],
        morning_from: time(&p.morning_from, "morning_from")?,
        afternoon_from: time(&p.afternoon_from, "afternoon_from")?,
        evening_from: time(&p.evening_from, "evening_from")?,
        opening_words: p.opening_words,
    }))
}

impl WrittenDetector for Salutation {
    fn evaluate(&self, reply: &Reply) -> Finding {
        let local = reply
            .sent_at
            .to_zoned_datetime(reply.calendar.time_zone.clone())
            .time();
        let due = if local >= self.evening_from || local < self.morning_from {
            2
        } else if local >= self.afternoon_from {
            1
        } else {
            0
        };
        let hour = format!("{:02}:{:02}", local.hour(), local.minute());
        let found = self.parts.iter().enumerate().find_map(|(i, (set, _))| {
            set.find(&reply.analyzed)
                .filter(|(m, _)| m.start < self.opening_words)
                .map(|(m, _)| (i, m))
        });
        match found {
            Some((i, m)) if i == due => pass_at(
                m.bytes,
                format!("saluda «{}» (enviada a las {hour})", self.parts[i].1),
            ),
            Some((i, m)) => fail_at(
                Some(m.bytes),
                format!(
                    "saluda «{}» pero la respuesta salió a las {hour}: correspondía «{}»",
                    self.parts[i].1, self.parts[due].1
                ),
            ),
            None => fail_at(
                None,
                format!(
                    "no abre con el saludo según la hora (enviada a las {hour}: correspondía «{}»)",
                    self.parts[due].1
                ),
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// phrase

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Position {
    Opening,
    Closing,
    Anywhere,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseParams {
    phrases: Vec<String>,
    position: Position,
    #[serde(default = "default_window")]
    window_words: usize,
    /// Spanish: what the line is ("la bienvenida de la Mesa de Ayuda del SIAGIE").
    label: String,
}

fn default_window() -> usize {
    40
}

struct TemplatePhrase {
    phrases: PhraseSet,
    position: Position,
    window_words: usize,
    label: String,
}

pub fn build_phrase(table: toml::Table) -> Result<Box<dyn WrittenDetector>, String> {
    let p: PhraseParams = params(table)?;
    Ok(Box::new(TemplatePhrase {
        phrases: phrases(&p.phrases, "phrases")?,
        position: p.position,
        window_words: p.window_words,
        label: p.label,
    }))
}

impl WrittenDetector for TemplatePhrase {
    fn evaluate(&self, reply: &Reply) -> Finding {
        let text = &reply.analyzed;
        let words = text.len();
        let in_place = |start: usize| match self.position {
            Position::Opening => start < self.window_words,
            Position::Closing => start + self.window_words >= words,
            Position::Anywhere => true,
        };
        let found = matches_in(&self.phrases, text)
            .into_iter()
            .find(|&(s, _)| in_place(s));
        match found {
            Some((start, end)) => pass_at(
                token_bytes(text, start, end),
                format!("incluye {}", self.label),
            ),
            None => {
                let place = match self.position {
                    Position::Opening => " al inicio",
                    Position::Closing => " al final",
                    Position::Anywhere => "",
                };
                fail_at(None, format!("falta {}{place}", self.label))
            }
        }
    }
}

/// Every match of any phrase (start, end tokens), leftmost first, non-overlapping.
fn matches_in(set: &PhraseSet, text: &Analyzed) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = set
        .all_matches(text)
        .map(|(m, _)| (m.start, m.end))
        .collect();
    spans.sort();
    spans
}

// ---------------------------------------------------------------------------------------------------
// signature

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignatureParams {
    closings: Vec<String>,
    footer_starts: Vec<String>,
    not_names: Vec<String>,
}

struct Signature {
    closings: PhraseSet,
    footer_starts: PhraseSet,
    not_names: Vec<String>,
}

pub fn build_signature(table: toml::Table) -> Result<Box<dyn WrittenDetector>, String> {
    let p: SignatureParams = params(table)?;
    Ok(Box::new(Signature {
        closings: phrases(&p.closings, "closings")?,
        footer_starts: phrases(&p.footer_starts, "footer_starts")?,
        not_names: p.not_names.iter().map(|w| fold(w)).collect(),
    }))
}

/// A line of the reply's text with its byte offset.
struct Line<'t> {
    start: usize,
    text: &'t str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let content = piece.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            out.push(Line {
                start,
                text: content,
            });
        }
        start += piece.len();
    }
    out
}

impl Signature {
    /// The lines where the signature is: after the last closing formula before the footer (the rest
    /// of the closing's own line included), else the two lines before the footer.
    fn zone<'t>(&self, text: &'t str) -> Vec<Line<'t>> {
        let all = lines(text);
        let footer = all
            .iter()
            .position(|l| self.footer_starts.matches(&Analyzed::new(l.text)))
            .unwrap_or(all.len());
        let before = &all[..footer];
        let closing = before.iter().enumerate().rev().take(6).find_map(|(i, l)| {
            self.closings
                .find(&Analyzed::new(l.text))
                .map(|(m, _)| (i, m.bytes.1))
        });
        match closing {
            Some((i, end)) => {
                let line = &before[i];
                let mut zone = Vec::new();
                let rest = &line.text[end..];
                if rest.chars().any(char::is_alphabetic) {
                    zone.push(Line {
                        start: line.start + end,
                        text: rest,
                    });
                }
                zone.extend(before[i + 1..].iter().take(3).map(|l| Line {
                    start: l.start,
                    text: l.text,
                }));
                zone
            }
            None => before
                .iter()
                .rev()
                .take(2)
                .rev()
                .map(|l| Line {
                    start: l.start,
                    text: l.text,
                })
                .collect(),
        }
    }

    /// The words of a line that may be a person's name: capitalised, alphabetic, not the
    /// institution's.
    fn name_words(&self, line: &str) -> Vec<String> {
        tokenize(line)
            .into_iter()
            .filter(|t| {
                let original = &line[t.start..t.end];
                original.chars().next().is_some_and(char::is_uppercase)
                    && original.chars().all(char::is_alphabetic)
                    && original.chars().count() >= 2
                    && !self.not_names.contains(&t.text)
            })
            .map(|t| t.text)
            .collect()
    }
}

impl WrittenDetector for Signature {
    fn evaluate(&self, reply: &Reply) -> Finding {
        let zone = self.zone(&reply.text);
        let mut first_name_only: Option<(&Line, String)> = None;
        for line in &zone {
            let words = self.name_words(line.text);
            let bytes = (line.start, line.start + line.text.len());
            if let Some(operator) = reply.operator {
                let given = operator.given_names();
                let surnames = operator.surnames();
                if words.iter().any(|w| given.contains(w))
                    && words.iter().any(|w| surnames.contains(w))
                {
                    return pass_at(bytes, "firma con el nombre y apellido del operador");
                }
            }
            match words.len() {
                0 => {}
                1 => {
                    first_name_only.get_or_insert((line, words[0].clone()));
                }
                _ => return pass_at(bytes, "firma con nombre y apellido"),
            }
        }
        if let Some((line, word)) = first_name_only {
            let bytes = (line.start, line.start + line.text.len());
            return fail_at(
                Some(bytes),
                format!("la firma lleva solo «{}», sin apellido", capitalise(&word)),
            );
        }
        match zone.last() {
            Some(line) if zone.iter().any(|l| !tokenize(l.text).is_empty()) => fail_at(
                Some((line.start, line.start + line.text.len())),
                "firma sin el nombre y apellido del operador",
            ),
            _ => fail_at(None, "sin firma del operador (nombre y apellido)"),
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------------
// footer

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FooterParams {
    piece: Vec<PieceParams>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PieceParams {
    /// Spanish, for reasons ("el horario de atención"). No long numbers: reasons are masked.
    name: String,
    phrases: Vec<String>,
}

struct Footer {
    pieces: Vec<(String, PhraseSet)>,
}

pub fn build_footer(table: toml::Table) -> Result<Box<dyn WrittenDetector>, String> {
    let p: FooterParams = params(table)?;
    if p.piece.is_empty() {
        return Err("piece must list at least one piece of the footer".into());
    }
    let pieces = p
        .piece
        .into_iter()
        .map(|piece| {
            Ok((
                piece.name.clone(),
                phrases(&piece.phrases, &format!("piece {:?}", piece.name))?,
            ))
        })
        .collect::<Result<_, String>>()?;
    Ok(Box::new(Footer { pieces }))
}

impl WrittenDetector for Footer {
    fn evaluate(&self, reply: &Reply) -> Finding {
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut missing: Vec<&str> = Vec::new();
        for (name, set) in &self.pieces {
            match set.find(&reply.analyzed) {
                Some((m, _)) => found.push(m.bytes),
                None => missing.push(name),
            }
        }
        let span = found
            .iter()
            .copied()
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
        if missing.is_empty() {
            return pass_at(span.unwrap_or((0, 0)), "pie institucional completo");
        }
        if found.is_empty() {
            return fail_at(None, "sin el pie institucional de la Central de Atención");
        }
        fail_at(
            span,
            format!("falta en el pie institucional: {}", missing.join(", ")),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{detector, reply, user_message};
    use crate::model::Outcome;
    use crate::written::Channel::{Email, Facebook};

    #[test]
    fn salutation_follows_the_send_time() {
        let d = detector("salutation");
        let user = [user_message("2026-11-05 07:00", "Hola")];
        let r = reply(
            Email,
            "2026-11-05 09:10",
            "Buenos días:\nLe informamos...",
            &user,
        );
        assert_eq!(d.evaluate(&r).outcome, Outcome::Pass);
        let r = reply(
            Email,
            "2026-11-05 15:20",
            "Buenos días:\nLe informamos...",
            &user,
        );
        let f = d.evaluate(&r);
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("buenas tardes"), "{}", f.reason);
        let r = reply(
            Facebook,
            "2026-11-05 19:40",
            "Buenas noches, estimado usuario:",
            &user,
        );
        assert_eq!(d.evaluate(&r).outcome, Outcome::Pass);
        let r = reply(
            Facebook,
            "2026-11-05 12:40",
            "Estimado usuario: su clave...",
            &user,
        );
        assert_eq!(d.evaluate(&r).outcome, Outcome::Fail);
    }

    #[test]
    fn signature_needs_first_name_and_surname() {
        let d = detector("signature");
        let user = [user_message("2026-11-05 07:00", "Hola")];
        let footer = "\nCentral de Atención - SIAGIE - MINEDU\nTeléfono: 615-5800 / Anexo: 26111";
        let full = format!("Texto.\n\nAtentamente,\nRosa Quispe{footer}");
        assert_eq!(
            d.evaluate(&reply(Email, "2026-11-05 09:00", &full, &user))
                .outcome,
            Outcome::Pass
        );
        let first = format!("Texto.\n\nAtentamente,\nRosa{footer}");
        let f = d.evaluate(&reply(Email, "2026-11-05 09:00", &first, &user));
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("solo «Rosa»"), "{}", f.reason);
        let generic = format!("Texto.\n\nAtentamente,\nMesa de Ayuda SIAGIE{footer}");
        let f = d.evaluate(&reply(Email, "2026-11-05 09:00", &generic, &user));
        assert_eq!(f.outcome, Outcome::Fail);
        let same_line = format!("Texto.\n\nAtentamente, Luis Ccahuana{footer}");
        assert_eq!(
            d.evaluate(&reply(Email, "2026-11-05 09:00", &same_line, &user))
                .outcome,
            Outcome::Pass
        );
    }

    #[test]
    fn footer_names_the_missing_piece() {
        let d = detector("institutional_footer");
        let user = [user_message("2026-11-05 07:00", "Hola")];
        let full = "Atentamente,\nRosa Quispe\nCentral de Atención - SIAGIE - MINEDU\nTeléfono: 615-5800 / Anexo: 26111\nLunes a Sábado de 8:00 a.m. a 6:00 p.m.";
        assert_eq!(
            d.evaluate(&reply(Email, "2026-11-05 09:00", full, &user))
                .outcome,
            Outcome::Pass
        );
        let no_hours = "Atentamente,\nRosa Quispe\nCentral de Atención - SIAGIE - MINEDU\nTeléfono: 615-5800 / Anexo: 26111";
        let f = d.evaluate(&reply(Email, "2026-11-05 09:00", no_hours, &user));
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("horario"), "{}", f.reason);
        assert!(!f.reason.contains("anexo"), "{}", f.reason);
    }
}

//! Detector `greeting`: the operator's institutional opening.
//!
//! # What it checks
//! In the operator's first `turns` turns (the caller's turns never count): a salutation by the time of
//! day ("buenos días", "buenas tardes"), a welcome that names SIAGIE ("bienvenido al SIAGIE", "central
//! del SIAGIE"), and the operator's first name and surname. When the operator is known (roster), their
//! first name and first surname must be said (speech-to-text spellings such as "Kispe" for Quispe are
//! accepted; a missing second surname is tolerated). When the operator is unknown, an introduction
//! ("le atiende", "mi nombre es") must be followed by at least two name words; so does it when the
//! roster name is not there (a full name that is not the roster's passes: the mismatch is a
//! data-quality flag, `operator_mismatch`).
//!
//! The salutation must fit the hour the call started at the help desk (`--tz`, America/Lima): "buenos
//! días" until `afternoon_from`, "buenas tardes" until `evening_from`, "buenas noches" after, with
//! `grace_minutes` either side of each change; "buenos días" at 15:20 is no salutation by the time of
//! day. A call without a known start time accepts any of them.
//!
//! # Why it matters
//! Protocol step 1: "Buenos días/tardes, Bienvenido al SIAGIE, le saluda (nombre y apellido del
//! operador)". A caller who knows where they called and who answers can trust and follow up the call.
//!
//! # Parameters
//! - `turns`: how many of the operator's first turns may hold the greeting (2).
//! - `salutations`: phrases of the salutation by the time of day.
//! - `mornings`, `afternoons`, `evenings`: which salutation is which; `afternoon_from`, `evening_from`
//!   ("HH:MM") and `grace_minutes` say when each fits.
//! - `welcome`: phrases of a welcome naming SIAGIE.
//! - `welcomes`, `service_names`: a welcome by meaning: a welcoming formula ("le damos la bienvenida",
//!   "gracias por comunicarse") and the service's name (SIAGIE, la mesa de ayuda) anywhere in the
//!   opening turns. Naming the service without welcoming ("Mesa de Ayuda SIAGIE, le saluda…") is no
//!   welcome.
//! - `introductions`: how the operator introduces themself ("le atiende", "mi nombre es", "soy").
//! - `not_names`: words that never belong to the operator's name when they follow an introduction
//!   ("le saluda Carlos, ¿cómo está?"), beyond the rubric's `[names]` stopwords.
//!
//! # Example
//! Pass: "Muy buenas tardes, le damos la bienvenida a la central del SIAGIE, le atiende Rosa Quispe."
//! Fail: "Buen día, Mesa de Ayuda SIAGIE, le saluda Carlos." (no surname).

use serde::Deserialize;

use super::{Call, Detector, Finding, params, phrases};
use crate::model::Operator;
use crate::text::{Analyzed, Match, Phrase, PhraseSet, fold, tokenize};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    turns: usize,
    salutations: Vec<String>,
    mornings: Vec<String>,
    afternoons: Vec<String>,
    evenings: Vec<String>,
    afternoon_from: String,
    evening_from: String,
    grace_minutes: i64,
    welcome: Vec<String>,
    welcomes: Vec<String>,
    service_names: Vec<String>,
    introductions: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
}

struct Greeting {
    turns: usize,
    salutations: PhraseSet,
    /// Morning, afternoon and evening salutations.
    parts_of_day: [PhraseSet; 3],
    /// Minutes after midnight when the afternoon and the evening begin, and the grace either side.
    afternoon_from: i64,
    evening_from: i64,
    grace_minutes: i64,
    welcome: PhraseSet,
    welcomes: PhraseSet,
    service_names: PhraseSet,
    introductions: PhraseSet,
    not_names: Vec<String>,
}

pub fn build(table: toml::Table) -> Result<Box<dyn Detector>, String> {
    let p: Params = params(table)?;
    if p.turns == 0 {
        return Err("turns must be at least 1".into());
    }
    Ok(Box::new(Greeting {
        turns: p.turns,
        salutations: phrases(&p.salutations, "salutations")?,
        parts_of_day: [
            phrases(&p.mornings, "mornings")?,
            phrases(&p.afternoons, "afternoons")?,
            phrases(&p.evenings, "evenings")?,
        ],
        afternoon_from: minutes(&p.afternoon_from, "afternoon_from")?,
        evening_from: minutes(&p.evening_from, "evening_from")?,
        grace_minutes: p.grace_minutes.max(0),
        welcome: phrases(&p.welcome, "welcome")?,
        welcomes: phrases(&p.welcomes, "welcomes")?,
        service_names: phrases(&p.service_names, "service_names")?,
        introductions: phrases(&p.introductions, "introductions")?,
        not_names: p.not_names.iter().map(|w| fold(w)).collect(),
    }))
}

/// "HH:MM" as minutes after midnight.
fn minutes(text: &str, key: &str) -> Result<i64, String> {
    let parsed = text.split_once(':').and_then(|(h, m)| {
        let (h, m) = (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?);
        ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
    });
    parsed.ok_or_else(|| format!("{key} must be a time of day as HH:MM, not {text:?}"))
}

/// Where the operator said their name: the turn and the byte range of the name.
type NameFound = (usize, (usize, usize));

impl Detector for Greeting {
    fn evaluate(&self, call: &Call) -> Finding {
        let turns: Vec<usize> = call.operator_turns().into_iter().take(self.turns).collect();
        let window = match self.turns {
            1 => "la primera intervención del operador".to_string(),
            2 => "las dos primeras intervenciones del operador".to_string(),
            n => format!("las {n} primeras intervenciones del operador"),
        };
        let Some(&first) = turns.first() else {
            return Finding::fail(
                None,
                "el operador no interviene en la llamada: no hay saludo",
            );
        };
        let find = |set: &PhraseSet| {
            turns
                .iter()
                .find_map(|&i| set.find(call.text(i)).map(|(m, _)| (i, m)))
        };
        let salutation = find(&self.salutations);
        // A salutation that does not fit the hour is no salutation by the time of day.
        let misfit = salutation.and_then(|(turn, m)| {
            let said = &call.turn(turn).text[m.bytes.0..m.bytes.1];
            self.misfit(call, call.text(turn), m)
                .map(|hour| format!("el saludo según la hora («{said}» a las {hour})"))
        });
        let salutation = salutation.filter(|_| misfit.is_none());
        // A welcome: a stock phrase, or a welcoming formula and the service's name in the opening turns.
        let welcome = find(&self.welcome).or_else(|| {
            find(&self.service_names)?;
            find(&self.welcomes)
        });
        let name = match &call.interaction.operator {
            // A full name after an introduction passes even when it is not the roster's name for the
            // extension (a colleague on another's phone): the mismatch is a data-quality flag
            // (`operator_mismatch`), not a greeting without a name.
            Some(operator) => self
                .roster_name(call, &turns, operator)
                .or_else(|missing| self.introduced_name(call, &turns).map_err(|_| missing)),
            None => self.introduced_name(call, &turns),
        };

        let mut missing = Vec::new();
        if let Some(misfit) = misfit {
            missing.push(misfit);
        } else if salutation.is_none() {
            missing.push("el saludo según la hora (buenos días / buenas tardes)".to_string());
        }
        if welcome.is_none() {
            missing.push("la bienvenida que nombre al SIAGIE".to_string());
        }
        match (salutation, welcome, name) {
            (Some(s), Some(w), Ok((turn, bytes))) => {
                // Quote the whole greeting when it is in one turn, else the introduction.
                let bytes = if s.0 == turn && w.0 == turn {
                    (
                        bytes.0.min(s.1.bytes.0).min(w.1.bytes.0),
                        bytes.1.max(s.1.bytes.1).max(w.1.bytes.1),
                    )
                } else {
                    bytes
                };
                Finding::pass(
                    turn,
                    Some(bytes),
                    "saludo según la hora, bienvenida al SIAGIE y presentación con nombre y apellido",
                )
            }
            (_, _, name) => {
                if let Err(name_missing) = name {
                    missing.push(name_missing);
                }
                Finding::fail(
                    Some(first),
                    format!(
                        "saludo incompleto en {window}: falta {}",
                        join_spanish(&missing)
                    ),
                )
            }
        }
    }
}

impl Greeting {
    /// When the call's start is known and the salutation `m` belongs to no part of the day that fits
    /// its hour (with the grace either side), that hour ("15:20").
    fn misfit(&self, call: &Call, text: &Analyzed, m: Match) -> Option<String> {
        let started = call.interaction.started_at?;
        let local = started.to_zoned_datetime(call.facts.time_zone.clone());
        let now = i64::from(local.hour()) * 60 + i64::from(local.minute());
        let grace = self.grace_minutes;
        let fits = [
            now < self.afternoon_from + grace,
            now >= self.afternoon_from - grace && now < self.evening_from + grace,
            now >= self.evening_from - grace || now < 5 * 60,
        ];
        let said =
            self.parts_of_day.iter().zip(fits).any(|(part, fits)| {
                fits && part.all_matches(text).any(|(p, _)| p.start == m.start)
            });
        (!said).then(|| format!("{:02}:{:02}", local.hour(), local.minute()))
    }

    /// The roster's first name and first surname, said in the greeting turns (quoted together when in one).
    fn roster_name(
        &self,
        call: &Call,
        turns: &[usize],
        operator: &Operator,
    ) -> Result<NameFound, String> {
        // "Rosa Quispe Mamani" -> Rosa, Quispe; "Luis Alberto Chávez Paredes" -> Luis, Chávez.
        let words = tokenize(&operator.name);
        let surname_at = words.len().saturating_sub(operator.surnames().len());
        if words.len() < 2 || surname_at == 0 {
            return self.introduced_name(call, turns);
        }
        let said = |i: usize| &operator.name[words[i].start..words[i].end];
        let (given, surname) = (said(0), said(surname_at));
        let (Ok(given_pattern), Ok(surname_pattern)) =
            (Phrase::compile_local(given), Phrase::compile_local(surname))
        else {
            return self.introduced_name(call, turns);
        };
        let find = |pattern: &Phrase| {
            turns
                .iter()
                .find_map(|&t| pattern.find(call.text(t)).map(|m| (t, m.bytes)))
        };
        match (find(&given_pattern), find(&surname_pattern)) {
            (Some((gt, g)), Some((st, s))) if gt == st => Ok((st, (g.0.min(s.0), g.1.max(s.1)))),
            (Some(_), Some(found)) => Ok(found),
            (Some(_), None) => Err(format!("el apellido del operador ({surname})")),
            (None, Some(_)) => Err(format!("el nombre del operador ({given})")),
            (None, None) => Err(format!(
                "la presentación del operador con nombre y apellido ({given} {surname})"
            )),
        }
    }

    /// An introduction followed by at least two name words.
    fn introduced_name(&self, call: &Call, turns: &[usize]) -> Result<NameFound, String> {
        let mut best: Option<(usize, Vec<usize>)> = None;
        for &turn in turns {
            let text = call.text(turn);
            let taken = self.taken_by_phrases(text);
            for (m, _) in self.introductions.all_matches(text) {
                let words = self.name_words_after(call, turn, m, &taken);
                if words.len() >= 2 {
                    let last = words[words.len() - 1];
                    return Ok((turn, (m.bytes.0, text.tokens[last].end)));
                }
                if best.as_ref().is_none_or(|(_, b)| words.len() > b.len()) {
                    best = Some((turn, words));
                }
            }
        }
        match best {
            Some((turn, words)) if !words.is_empty() => {
                let text = call.text(turn);
                let said =
                    &call.turn(turn).text[text.tokens[words[0]].start..text.tokens[words[0]].end];
                Err(format!(
                    "el apellido del operador (se presentó solo como «{said}»)"
                ))
            }
            _ => Err("la presentación del operador con nombre y apellido".to_string()),
        }
    }

    /// Tokens of a salutation or welcome: "le atiende Carlos, Mesa de Ayuda SIAGIE" names only Carlos.
    fn taken_by_phrases(&self, text: &Analyzed) -> Vec<bool> {
        let mut taken = vec![false; text.len()];
        for set in [&self.salutations, &self.welcome] {
            for (m, _) in set.all_matches(text) {
                taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
            }
        }
        taken
    }

    /// The name words right after an introduction, up to punctuation or a word that is no name.
    fn name_words_after(&self, call: &Call, turn: usize, m: Match, taken: &[bool]) -> Vec<usize> {
        let text = call.text(turn);
        let original = &call.turn(turn).text;
        let mut words = Vec::new();
        let mut at = m.end;
        while at < text.len() && words.len() < 4 {
            let word = text.tokens[at].text.as_str();
            let titled = call.facts.name_titles.iter().any(|t| t == word);
            let not_name = self.not_names.iter().any(|n| n == word);
            if at > m.end
                && original[text.tokens[at - 1].end..text.tokens[at].start]
                    .contains([',', '.', ';', '?', '!', '¿', '¡'])
            {
                break;
            }
            if words.is_empty() && (titled || not_name) && !taken[at] {
                // "le atiende la asesora Rosa Quispe"
                at += 1;
                continue;
            }
            if taken[at] || not_name || !call.is_name_word(word) {
                break;
            }
            words.push(at);
            at += 1;
        }
        words
    }
}

/// "a", "a y b", "a, b y c".
fn join_spanish(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} y {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use crate::criteria::testing::{call, dialogue, quoted, score, untimed, with_operator};
    use crate::model::{Outcome, Role};

    #[test]
    fn full_greeting_with_unknown_operator_passes() {
        let c = dialogue(&[
            "Muy buenas tardes, le damos la bienvenida a la central del SIAGIE, le atiende Rosa Quispe, ¿con quién tengo el gusto?",
            "Con la profesora Ana Torres.",
        ]);
        let f = score("greeting", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert!(quoted(&c, &f).contains("Rosa Quispe"), "{}", quoted(&c, &f));
    }

    #[test]
    fn first_name_only_fails_naming_the_surname() {
        let c = dialogue(&[
            "buen día, Mesa de Ayuda SIAGIE, le saluda Carlos",
            "Buenos días señor.",
        ]);
        let f = score("greeting", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(
            f.reason.contains("apellido") && f.reason.contains("Carlos"),
            "{}",
            f.reason
        );
        assert_eq!(f.turn, Some(0));
    }

    #[test]
    fn no_punctuation_still_separates_name_from_welcome() {
        let c = dialogue(&[
            "buenos dias le atiende carlos mesa de ayuda del siagie en que le puedo ayudar",
            "si",
        ]);
        assert_eq!(score("greeting", &c).outcome, Outcome::Fail);
        let c = dialogue(&[
            "buenos dias le saluda carlos como esta bienvenido al siagie",
            "bien",
        ]);
        assert_eq!(score("greeting", &c).outcome, Outcome::Fail);
    }

    #[test]
    fn the_callers_salutation_is_not_the_operators() {
        let c = call(&[
            (Role::Caller, 0.0, 2.0, "Aló, buenos días."),
            (
                Role::Operator,
                2.0,
                7.0,
                "Bienvenido al SIAGIE, le atiende Jorge Mendoza, ¿con quién tengo el gusto?",
            ),
            (Role::Caller, 7.5, 9.0, "Con Pedro Ramos."),
        ]);
        let f = score("greeting", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("saludo según la hora"), "{}", f.reason);
        assert!(!f.reason.contains("bienvenida"), "{}", f.reason);
    }

    #[test]
    fn greeting_may_span_two_operator_turns_but_not_three() {
        let c = dialogue(&[
            "Buenas tardes, central del SIAGIE, bienvenida.",
            "Aló, ¿sí?",
            "Sí, le atiende Lucía Flores, ¿con quién tengo el gusto?",
            "Con Ana.",
        ]);
        assert_eq!(score("greeting", &c).outcome, Outcome::Pass);
        let c = dialogue(&[
            "Buenas tardes, central del SIAGIE, bienvenida.",
            "Aló",
            "Sí, dígame.",
            "Aló",
            "Le atiende Lucía Flores.",
            "Ya.",
        ]);
        assert_eq!(score("greeting", &c).outcome, Outcome::Fail);
    }

    #[test]
    fn roster_operator_must_say_first_name_and_first_surname() {
        let c = with_operator(
            dialogue(&[
                "buenas tardes bienvenido al ciagie le atiende rosa kispe con quien tengo el gusto",
                "con maria",
            ]),
            "Rosa Quispe Mamani",
        );
        let f = score("greeting", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert_eq!(
            quoted(&c, &f),
            "buenas tardes bienvenido al ciagie le atiende rosa kispe"
        );

        let c = with_operator(
            dialogue(&[
                "Buenas tardes, bienvenido al SIAGIE, le atiende Rosa.",
                "Hola.",
            ]),
            "Rosa Quispe Mamani",
        );
        let f = score("greeting", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(
            f.reason.contains("apellido del operador (Quispe)"),
            "{}",
            f.reason
        );

        let c = with_operator(
            untimed(&[
                (
                    Role::Operator,
                    "Buenos días, SIAGIE le da la bienvenida, le saluda Luis Chávez.",
                ),
                (Role::Caller, "Buenos días."),
            ]),
            "Luis Alberto Chávez Paredes",
        );
        assert_eq!(score("greeting", &c).outcome, Outcome::Pass);
    }

    #[test]
    fn the_salutation_must_fit_the_hour_in_lima() {
        let at = |time: &str| {
            let mut c = dialogue(&[
                "Buenos días, bienvenido al SIAGIE, le saluda Lucía Flores.",
                "Buenas.",
            ]);
            c.started_at = Some(
                format!("2026-12-10T{time}-05:00")
                    .parse::<jiff::Timestamp>()
                    .unwrap(),
            );
            score("greeting", &c)
        };
        assert_eq!(at("09:30:00").outcome, Outcome::Pass);
        // Ten minutes of grace after noon.
        assert_eq!(at("12:05:00").outcome, Outcome::Pass);
        let f = at("15:20:00");
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(
            f.reason.contains("«Buenos días» a las 15:20"),
            "{}",
            f.reason
        );
    }

    #[test]
    fn welcomes_by_meaning_but_not_the_service_name_alone() {
        for opening in [
            "Buenas tardes, gracias por comunicarse con la mesa de ayuda del SIAGIE, le saluda Lucía Flores.",
            "Buenos días, le damos la bienvenida a la Central de Atención, SIAGIE, habla Lucía Flores.",
            "Buenas tardes, bien venida al sia gie, le saluda Lucía Flores.",
        ] {
            let c = dialogue(&[opening, "Buenas tardes."]);
            let f = score("greeting", &c);
            assert_eq!(f.outcome, Outcome::Pass, "{opening}: {}", f.reason);
        }
        let c = dialogue(&[
            "Mesa de Ayuda SIAGIE, buenas tardes, le saluda Lucía Flores.",
            "Buenas tardes.",
        ]);
        let f = score("greeting", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("bienvenida"), "{}", f.reason);
    }

    #[test]
    fn a_full_name_other_than_the_rosters_passes() {
        let mut c = with_operator(
            dialogue(&[
                "Buenos días, bienvenido al SIAGIE, le saluda José Ñahui.",
                "Habla Luis Quispe.",
                "Profesor Luis, ¿su DNI?",
            ]),
            "Luis Alberto Chávez Paredes",
        );
        c.operator_source = Some(crate::model::OperatorSource::Greeting);
        assert_eq!(score("greeting", &c).outcome, Outcome::Pass);
        // The PBX says the extension is Luis Chávez's, but José Ñahui greeted with his full name: the
        // greeting is complete; the mismatch is a data-quality flag.
        c.operator_source = Some(crate::model::OperatorSource::Pbx);
        assert_eq!(score("greeting", &c).outcome, Outcome::Pass);
        // Only a first name is no full name, whoever the roster says it is.
        let mut c = with_operator(
            dialogue(&[
                "Buenos días, bienvenido al SIAGIE, le saluda José.",
                "Hola.",
            ]),
            "Luis Alberto Chávez Paredes",
        );
        c.operator_source = Some(crate::model::OperatorSource::Pbx);
        let f = score("greeting", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("Chávez)"), "{}", f.reason);
    }

    #[test]
    fn missing_parts_are_all_named() {
        let c = dialogue(&[
            "¿Aló? Sí, dígame.",
            "Buenos días, llamaba por una consulta.",
        ]);
        let f = score("greeting", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        for part in ["saludo según la hora", "bienvenida", "presentación"] {
            assert!(f.reason.contains(part), "{part}: {}", f.reason);
        }
    }
}

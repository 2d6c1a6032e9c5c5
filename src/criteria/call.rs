//! `Call`: an `Interaction` prepared for the detectors. Every turn is tokenized once, and facts several
//! detectors need (the name the caller gave) are worked out once here rather than in each detector.

use crate::model::{Interaction, Role, Turn};
use crate::rubric::CallFacts;
use crate::text::phrase::Analyzed;

/// The name the caller gave, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct CallerName {
    /// Folded name words ("maria", "huaman").
    pub words: Vec<String>,
    /// As written in the transcript.
    pub display: String,
    /// The caller turn that gave it.
    pub turn: usize,
}

/// A call as the detectors see it.
pub struct Call<'a> {
    pub interaction: &'a Interaction,
    pub facts: &'a CallFacts,
    /// One analysis per turn, same indices as `interaction.turns`.
    pub texts: Vec<Analyzed>,
    pub caller_name: Option<CallerName>,
}

impl<'a> Call<'a> {
    pub fn new(interaction: &'a Interaction, facts: &'a CallFacts) -> Call<'a> {
        let texts: Vec<Analyzed> = interaction
            .turns
            .iter()
            .map(|t| Analyzed::new(&t.text))
            .collect();
        let caller_name = find_caller_name(interaction, &texts, facts);
        Call {
            interaction,
            facts,
            texts,
            caller_name,
        }
    }

    pub fn turn(&self, index: usize) -> &Turn {
        &self.interaction.turns[index]
    }

    pub fn text(&self, index: usize) -> &Analyzed {
        &self.texts[index]
    }

    pub fn role(&self, index: usize) -> Role {
        self.interaction.turns[index].role
    }

    /// Indices of the turns spoken by `role`, in order.
    pub fn turns_of(&self, role: Role) -> Vec<usize> {
        self.interaction.turns_of(role).collect()
    }

    pub fn operator_turns(&self) -> Vec<usize> {
        self.turns_of(Role::Operator)
    }

    pub fn caller_turns(&self) -> Vec<usize> {
        self.turns_of(Role::Caller)
    }

    /// The closest earlier turn by `role`, if any.
    pub fn previous_of(&self, index: usize, role: Role) -> Option<usize> {
        (0..index).rev().find(|&i| self.role(i) == role)
    }

    /// The closest later turn by `role`, if any.
    pub fn next_of(&self, index: usize, role: Role) -> Option<usize> {
        (index + 1..self.interaction.turns.len()).find(|&i| self.role(i) == role)
    }

    /// The caller turn that states the query: the first caller turn after the operator's first turn
    /// with at least `min_words` words that says more than identification data (greetings, "sí", "aló",
    /// titles, the caller's name, a DNI or código modular, the school's name). None when the caller
    /// never states one (a call cut after the greeting, say).
    pub fn query_turn(&self, min_words: usize) -> Option<usize> {
        let first_operator = self.operator_turns().into_iter().next()?;
        (first_operator + 1..self.texts.len())
            .filter(|&i| self.role(i) == Role::Caller)
            .find(|&i| {
                let content = self.content_words(i);
                self.texts[i].len() >= min_words
                    && content >= QUERY_MIN_CONTENT_WORDS
                    && (!self.answers_identification(i)
                        || (content >= ANSWER_WITH_QUERY_CONTENT_WORDS
                            && self.facts.query_markers.matches(&self.texts[i])))
            })
    }

    /// Does caller turn `index` answer the operator's question for a name, DNI or código modular?
    fn answers_identification(&self, index: usize) -> bool {
        self.previous_of(index, Role::Operator)
            .is_some_and(|asked| {
                self.facts
                    .identification_questions
                    .matches(&self.texts[asked])
            })
    }

    /// Is operator turn `index` only an identification question ("Mucho gusto, director. ¿Me brinda su
    /// DNI, por favor?"), which neither answers nor restates the query?
    pub fn only_identification(&self, index: usize) -> bool {
        self.facts
            .identification_questions
            .matches(&self.texts[index])
            && self.texts[index].len() <= 14
    }

    /// Is turn `index` only a backchannel ("ajá", "ya", "sí, sí", "mmm")?
    pub fn is_backchannel(&self, index: usize) -> bool {
        let text = &self.texts[index];
        text.len() <= 3
            && text
                .tokens
                .iter()
                .all(|t| BACKCHANNELS.contains(&t.text.as_str()))
    }

    /// Words of turn `index` that are neither identification data nor small talk.
    fn content_words(&self, index: usize) -> usize {
        let text = &self.texts[index];
        let turn_text = &self.interaction.turns[index].text;
        let mut skip = vec![false; text.len()];
        for run in crate::text::digit_runs(&text.tokens) {
            skip[run.start..run.end].iter_mut().for_each(|s| *s = true);
        }
        let name_words: &[String] = self
            .caller_name
            .as_ref()
            .map_or(&[], |n| n.words.as_slice());
        // Skips up to `reach` words after `at` while `fits` holds, until punctuation.
        let skip_after =
            |skip: &mut Vec<bool>, at: usize, reach: usize, fits: &dyn Fn(&str) -> bool| {
                let mut next = at + 1;
                while next < text.len()
                    && next <= at + reach
                    && !turn_text[text.tokens[next - 1].end..text.tokens[next].start]
                        .contains([',', '.', ';', '?', '!'])
                    && fits(&text.tokens[next].text)
                {
                    skip[next] = true;
                    next += 1;
                }
            };
        let mut at = 0;
        while at < text.len() {
            let word = text.tokens[at].text.as_str();
            if SCHOOL_WORDS.contains(&word) {
                // The school's name or number and place: "del colegio Santa Rosa", "IE 70025 de Puno".
                let school = |w: &str| {
                    self.is_name_word(w)
                        || w.chars().all(|c| c.is_ascii_digit())
                        || ["de", "del", "la", "los", "las"].contains(&w)
                };
                skip_after(&mut skip, at, 4, &school);
            } else if word.len() > 3 && self.facts.name_titles.iter().any(|t| t == word) {
                // A name after a title: "la directora Elsa Cutipa".
                skip_after(&mut skip, at, 3, &|w: &str| self.is_name_word(w));
            }
            if IDENTIFICATION_WORDS.contains(&word)
                || !self.is_name_word(word)
                || name_words.iter().any(|n| n == word)
            {
                skip[at] = true;
            }
            at += 1;
        }
        skip.iter().filter(|s| !**s).count()
    }

    /// Is `word` (folded) one that can be part of a name?
    pub fn is_name_word(&self, word: &str) -> bool {
        word.chars().all(char::is_alphabetic)
            && word.chars().count() >= 2
            && !self.facts.name_stopwords.iter().any(|s| s == word)
            && !self.facts.name_titles.iter().any(|t| t == word)
    }
}

/// Content words an answer to an identification question needs, with a query marker, to carry the
/// query as well ("con Iván Cornejo; llamo porque no puedo registrar las notas del segundo bimestre").
const ANSWER_WITH_QUERY_CONTENT_WORDS: usize = 5;
/// A caller turn needs this many words beyond identification data and small talk to state a query.
const QUERY_MIN_CONTENT_WORDS: usize = 3;

/// Words of identification and small talk, beyond the rubric's name stopwords and titles.
const IDENTIFICATION_WORDS: &[&str] = &[
    "dni",
    "codigo",
    "modular",
    "numero",
    "nombre",
    "nombres",
    "apellido",
    "apellidos",
    "documento",
    "identidad",
    "habla",
    "hablando",
    "llama",
    "llamaba",
    "buen",
    "dia",
    "noches",
    "joven",
    "muchas",
    "muy",
    "bien",
    "como",
    "tal",
    "aja",
    "perdon",
    "disculpe",
    "ie",
    "nivel",
    "inicial",
    "primaria",
    "secundaria",
    "le",
    "digo",
    "repito",
    "nuevamente",
    "correcto",
    "exacto",
    "seria",
    "era",
    "mire",
    "oiga",
    "senorita",
    "ay",
    "mas",
    "escucha",
    "escucho",
    "oye",
    "oigo",
    "cortando",
    "corta",
    "momento",
    "tarde",
    "luego",
    "despues",
];

/// Words after which the school's name comes ("del colegio Santa Rosa de Lima").
const SCHOOL_WORDS: &[&str] = &[
    "colegio",
    "escuela",
    "institucion",
    "educativa",
    "ie",
    "jardin",
    "cetpro",
    "liceo",
    "instituto",
    "ugel",
];

/// Turns made only of these words are backchannels, not answers.
const BACKCHANNELS: &[&str] = &[
    "aja", "aha", "ajam", "ahja", "ya", "si", "mm", "mmm", "mhm", "hmm", "um", "uhum", "ok",
    "okay", "bueno", "claro", "ah", "eh", "a", "ver", "este", "listo",
];

/// The first name the caller gives: after "me llamo", "soy la profesora", ..., or in the answer to the
/// operator's question for a name ("¿Con quién tengo el gusto?" -> "Buenas tardes, con Iván Cornejo").
fn find_caller_name(
    interaction: &Interaction,
    texts: &[Analyzed],
    facts: &CallFacts,
) -> Option<CallerName> {
    for (index, turn) in interaction.turns.iter().enumerate() {
        if turn.role != Role::Caller {
            continue;
        }
        let text = &texts[index];
        let mut starts = Vec::new();
        if let Some((m, _)) = facts.name_introductions.find(text) {
            starts.push(m.end);
        }
        if asked_for_name(interaction, texts, index) {
            match text.tokens.iter().take(8).position(|t| t.text == "con") {
                Some(con) => starts.push(con + 1),
                None if text.len() <= 8 => starts.push(0),
                None => {}
            }
        }
        for start in starts {
            let picked = name_words(&turn.text, text, start, facts);
            if let (Some(&first), Some(&last)) = (picked.first(), picked.last()) {
                return Some(CallerName {
                    words: picked
                        .iter()
                        .map(|&i| text.tokens[i].text.clone())
                        .collect(),
                    display: turn.text[text.tokens[first].start..text.tokens[last].end].to_string(),
                    turn: index,
                });
            }
        }
    }
    None
}

/// The name words from token `from`: greetings and titles skipped, then up to four words that can be a
/// name. A capitalised particle inside a name ("Rosario Del Castillo") is kept.
fn name_words(original: &str, text: &Analyzed, from: usize, facts: &CallFacts) -> Vec<usize> {
    let is_title = |w: &str| facts.name_titles.iter().any(|t| t == w);
    let is_stopword = |w: &str| facts.name_stopwords.iter().any(|s| s == w);
    let usable = |w: &str| {
        w.chars().all(char::is_alphabetic)
            && w.chars().count() >= 2
            && !is_title(w)
            && !is_stopword(w)
    };
    // Skip what comes before the name: "buenas tardes señorita, con el profesor ..."
    let skippable = |w: &str| {
        is_title(w)
            || matches!(
                w,
                "buenos"
                    | "buenas"
                    | "dias"
                    | "tardes"
                    | "noches"
                    | "a"
                    | "si"
                    | "ya"
                    | "claro"
                    | "es"
                    | "soy"
            )
    };
    let mut at = from;
    while at < text.len() && skippable(&text.tokens[at].text) {
        at += 1;
    }
    let mut picked = Vec::new();
    while at < text.len() && picked.len() < 4 {
        let word = text.tokens[at].text.as_str();
        let capitalised = original[text.tokens[at].start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        let particle = !picked.is_empty()
            && capitalised
            && matches!(word, "de" | "del" | "la" | "los" | "las")
            && text
                .tokens
                .get(at + 1)
                .is_some_and(|next| usable(&next.text));
        if !(usable(word) || particle) {
            break;
        }
        picked.push(at);
        at += 1;
    }
    picked
}

/// Did the operator's turn just before `index` ask who is calling?
fn asked_for_name(interaction: &Interaction, texts: &[Analyzed], index: usize) -> bool {
    let Some(previous) = (0..index)
        .rev()
        .find(|&i| interaction.turns[i].role == Role::Operator)
    else {
        return false;
    };
    let text = &texts[previous];
    (text.has_word("quien") && text.has_word("gusto")) || text.has_word("nombre")
}

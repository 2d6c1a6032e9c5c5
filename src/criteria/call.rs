//! `Call`: an `Interaction` prepared for the detectors. Every turn is tokenized and split into sentences
//! once, and facts several detectors need (the caller's query, the name the caller gave) are worked out
//! once here rather than in each detector. The words these rules use (stop words, backchannels,
//! identification and school words, name questions) are the rubric's (`CallFacts`).

use std::borrow::Cow;

use crate::facts::CallFacts;
use crate::model::{Interaction, Role, Turn};
use crate::text::phrase::Analyzed;
use crate::text::{Match, PhraseSet, Sentence, Sentences, sentences};

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
    /// One analysis per turn, same indices as `interaction.turns` (the link stage's, when it made them).
    pub texts: Cow<'a, [Analyzed]>,
    /// Each turn's sentences, same indices.
    pub sentences: Vec<Sentences>,
    pub caller_name: Option<CallerName>,
}

impl<'a> Call<'a> {
    pub fn new(interaction: &'a Interaction, facts: &'a CallFacts) -> Call<'a> {
        let texts: Cow<'a, [Analyzed]> = if interaction.analyses.len() == interaction.turns.len() {
            Cow::Borrowed(&interaction.analyses)
        } else {
            Cow::Owned(
                interaction
                    .turns
                    .iter()
                    .map(|t| Analyzed::new(&t.text))
                    .collect(),
            )
        };
        let sentences = interaction
            .turns
            .iter()
            .zip(texts.iter())
            .map(|(t, text)| sentences(&t.text, text))
            .collect();
        let caller_name = find_caller_name(interaction, &texts, facts);
        Call {
            interaction,
            facts,
            texts,
            sentences,
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

    /// The first sentence of turn `index` in which every set of `all` matches, with the first set's
    /// match: a dialogue act is read within a sentence ("gracias" and "paciencia" together), not
    /// across a whole turn.
    pub fn sentence_with(&self, index: usize, all: &[&PhraseSet]) -> Option<(Sentence, Match)> {
        let text = &self.texts[index];
        let (first, rest) = all.split_first()?;
        first.all_matches(text).find_map(|(m, _)| {
            let sentence = *self.sentences[index].of(m.start)?;
            rest.iter()
                .all(|set| {
                    set.all_matches(text)
                        .any(|(other, _)| sentence.contains(other.start))
                })
                .then_some((sentence, m))
        })
    }

    /// Does sentence `sentence` of turn `index` ask: a question mark, or any sentence of a turn
    /// transcribed without punctuation (whose questions cannot be told from its statements)?
    pub fn may_ask(&self, index: usize, sentence: &Sentence) -> bool {
        sentence.question || !self.sentences[index].punctuated
    }

    /// The sentence after `sentence` in turn `index`, if any.
    pub fn next_sentence(&self, index: usize, sentence: &Sentence) -> Option<Sentence> {
        self.sentences[index]
            .sentences
            .iter()
            .find(|s| s.start == sentence.end)
            .copied()
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
    /// titles, the caller's name, a DNI or código modular, the school's name). The answer to an
    /// operator's question other than a help offer ("¿de qué colegio?", "¿su DNI?") is not the query
    /// unless it carries a query marker too ("con Iván Cornejo; llamo porque no puedo registrar las
    /// notas"). None when the caller never states one (a call cut after the greeting, say).
    pub fn query_turn(&self, min_words: usize) -> Option<usize> {
        let first_operator = self.operator_turns().into_iter().next()?;
        // Before the operator's offer of help, only a turn with a query marker states the query: the
        // rest is the caller introducing themself ("le llamo de Cusco, soy mamá de un alumno").
        let offer = self
            .operator_turns()
            .into_iter()
            .find(|&i| self.offers_help(i));
        (first_operator + 1..self.texts.len())
            .filter(|&i| self.role(i) == Role::Caller)
            .find(|&i| {
                let content = self.content_words(i);
                let marked = content >= self.facts.query_min_content_words_in_answer
                    && self.facts.query_markers.matches(&self.texts[i]);
                let offered = offer.is_none_or(|o| o < i);
                self.texts[i].len() >= min_words
                    && content >= self.facts.query_min_content_words
                    && (marked || (offered && !self.answers_question(i)))
            })
    }

    /// Does caller turn `index` answer the operator's question for something (a name, a DNI, the
    /// school, ...) rather than an offer of help?
    fn answers_question(&self, index: usize) -> bool {
        self.previous_of(index, Role::Operator)
            .is_some_and(|asked| {
                let text = &self.texts[asked];
                let ends_asking = self.sentences[asked]
                    .sentences
                    .last()
                    .is_some_and(|s| s.question);
                self.facts.identification_questions.matches(text)
                    || (ends_asking && !self.offers_help(asked))
            })
    }

    /// Is operator turn `index` an offer of help: a question ("¿en qué la puedo ayudar?") or a sentence
    /// opening with one ("Cuénteme, profesora.")? "O sea que necesita el acta" is no offer.
    pub fn offers_help(&self, index: usize) -> bool {
        let sentences = &self.sentences[index];
        self.facts
            .help_offers
            .all_matches(&self.texts[index])
            .any(|(m, _)| {
                !sentences.punctuated
                    || sentences
                        .of(m.start)
                        .is_some_and(|s| s.question || s.start == m.start)
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
                .all(|t| self.facts.backchannels.contains(&t.text))
    }

    /// Is folded `word` a word without content of its own (the rubric's stop words and titles)?
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.facts.stop_words.contains(word) || self.facts.name_titles.iter().any(|t| t == word)
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
            if self.facts.school_words.contains(word) {
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
            if self.facts.identification_words.contains(word)
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

/// The name the caller gives: after "me llamo", "soy la profesora", ..., in the answer to the operator's
/// question for a name ("¿Con quién tengo el gusto?" -> "Con Iván Cornejo", "Yo, Felipe Mamani", "Ana."),
/// or unprompted in the first answer to the greeting ("Buenas tardes, con el profesor Wilber Huarcaya").
/// When the caller gives more of the name later ("Ana." ... "Ana Cutipa, profesora"), the words add up.
fn find_caller_name(
    interaction: &Interaction,
    texts: &[Analyzed],
    facts: &CallFacts,
) -> Option<CallerName> {
    let first_operator = interaction
        .turns
        .iter()
        .position(|t| t.role == Role::Operator)?;
    let first_answer = (first_operator + 1..interaction.turns.len())
        .find(|&i| interaction.turns[i].role == Role::Caller);
    let mut found: Option<CallerName> = None;
    for (index, turn) in interaction.turns.iter().enumerate() {
        if turn.role != Role::Caller {
            continue;
        }
        let text = &texts[index];
        // Asked for it, or for the rest of it ("Ana." - "¿Ana...?" - "Ana Cutipa, profesora").
        let asked = asked_for_name(interaction, texts, facts, index)
            || found
                .as_ref()
                .is_some_and(|name| echoes_name(interaction, texts, index, name));
        let mut starts = Vec::new();
        if let Some((m, _)) = facts.name_introductions.find(text) {
            starts.push(m.end);
        }
        if asked || first_answer == Some(index) {
            for lead_in in &facts.name_lead_ins {
                let words: Vec<&str> = lead_in.split(' ').collect();
                // Unprompted, only "con ..." answers the greeting with a name; "yo ..." may start a query.
                if !asked && words != ["con"] {
                    continue;
                }
                if let Some(at) = find_words(text, &words, NAME_REACH) {
                    starts.push(at + words.len());
                }
            }
            // A name alone, or opening a longer answer ("Ana Cutipa, de Juliaca. Soy secretaria…").
            if asked
                && (text.len() <= NAME_REACH
                    || sentences(&turn.text, text)
                        .sentences
                        .first()
                        .is_some_and(|s| s.len() <= NAME_REACH / 2))
            {
                starts.push(0);
            }
        }
        starts.sort_unstable();
        starts.dedup();
        let picked = starts
            .into_iter()
            .map(|start| name_words(&turn.text, text, start, facts))
            .find(|picked| !picked.is_empty());
        let Some(picked) = picked else {
            continue;
        };
        let words: Vec<String> = picked
            .iter()
            .map(|&i| text.tokens[i].text.clone())
            .collect();
        match &mut found {
            None => {
                let (first, last) = (picked[0], picked[picked.len() - 1]);
                found = Some(CallerName {
                    words,
                    display: turn.text[text.tokens[first].start..text.tokens[last].end].to_string(),
                    turn: index,
                });
            }
            Some(name) if words.iter().any(|w| name.words.contains(w)) => {
                for word in words {
                    if !name.words.contains(&word) {
                        name.words.push(word);
                    }
                }
            }
            Some(_) => {}
        }
    }
    found
}

/// Did the operator's turn just before `index` repeat part of the name the caller gave, to hear the
/// rest of it?
fn echoes_name(
    interaction: &Interaction,
    texts: &[Analyzed],
    index: usize,
    name: &CallerName,
) -> bool {
    (0..index)
        .rev()
        .find(|&i| interaction.turns[i].role == Role::Operator)
        .is_some_and(|previous| {
            let text = &texts[previous];
            text.len() <= 4
                && interaction.turns[previous].text.contains('?')
                && text.tokens.iter().any(|t| name.words.contains(&t.text))
        })
}

/// How far into a turn a name (or what leads into it) may start.
const NAME_REACH: usize = 8;

/// The first position, among the first `reach` tokens, where `words` (folded) occur in a row.
fn find_words(text: &Analyzed, words: &[&str], reach: usize) -> Option<usize> {
    let last = text.len().min(reach);
    (0..last).find(|&at| {
        words.len() <= text.len() - at
            && words
                .iter()
                .enumerate()
                .all(|(k, w)| text.tokens[at + k].text == *w)
    })
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
    // What comes before the name: greetings, titles and the words that lead a name in ("con", "yo",
    // "habla", "soy"): "Buenas tardes, señorita. Yo soy Teodoro Huamaní".
    let skippable = |w: &str| {
        is_title(w)
            || facts.name_skipped.contains(w)
            || facts
                .name_lead_ins
                .iter()
                .any(|lead_in| lead_in.split(' ').any(|part| part == w))
    };
    let mut at = from;
    while at < text.len() && skippable(&text.tokens[at].text) {
        at += 1;
    }
    // In a transcript that writes capitals, a name starts with one ("con una consulta" is no name).
    let cased = original.chars().any(char::is_uppercase);
    let starts_capitalised = |at: usize| {
        original[text.tokens[at].start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    if cased && at < text.len() && !starts_capitalised(at) {
        return Vec::new();
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
fn asked_for_name(
    interaction: &Interaction,
    texts: &[Analyzed],
    facts: &CallFacts,
    index: usize,
) -> bool {
    let Some(previous) = (0..index)
        .rev()
        .find(|&i| interaction.turns[i].role == Role::Operator)
    else {
        return false;
    };
    let text = &texts[previous];
    let asking = sentences(&interaction.turns[previous].text, text);
    facts.name_questions.all_matches(text).any(|(m, _)| {
        let Some(sentence) = asking.of(m.start) else {
            return false;
        };
        // A question (or unpunctuated speech), and not about a student or a parent.
        (sentence.question || !asking.punctuated || text.len() <= NAME_REACH)
            && !(m.end..sentence.end.min(m.end + 4))
                .any(|i| facts.name_third_parties.contains(&text.tokens[i].text))
    })
}

//! Phrase patterns: the small matching language of the rubric's phrase lists, compiled once per run.
//!
//! A pattern is a sequence of words matched against consecutive tokens of a folded turn:
//! - `buenos dias` matches those two words in a row; case, accents and punctuation never matter;
//! - `ayudar|servir|apoyar` accepts any one of the alternatives at that position;
//! - `ayud*` accepts any word starting with `ayud` (ayudar, ayudarle, ayudo);
//! - `*` skips up to 3 words, `**` up to 8 (`le * ayudar` matches "le puedo ayudar").
//! Words of five letters or more also match speech-to-text spellings one edit away in a rough Spanish
//! phonetic key (two edits from nine letters), and may match two tokens written apart ("sia gie",
//! "bien venido" for `bienvenid*`). A word also matches its diminutive, as Peruvian Spanish says it
//! ("clarito" for `claro`, "momentito" for `momento`, "ahorita" for `ahora`). Lexicons compile their
//! patterns `Strict` (never one letter off).
//!
//! Every pattern word is registered once in the run's vocabulary (`super::vocab`), and every token of a
//! turn is looked up there once, so a match attempt is a lookup in a short sorted list. A set of
//! patterns is indexed by its first words: only the patterns whose first word a token matches are
//! tried at that token.

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap as HashMap;

use super::normalize::{Token, tokenize};
use super::vocab::{self, Strictness, TokenInfo, WordSpec};

/// A turn's text, tokenized once and reused by every pattern.
#[derive(Debug, Clone, Default)]
pub struct Analyzed {
    pub tokens: Vec<Token>,
    /// Each token's entry in the run's vocabulary.
    infos: Vec<Arc<TokenInfo>>,
    /// For each token, the rubric words it and the next token match once joined ("sia gie").
    joins: OnceLock<Vec<Box<[u32]>>>,
}

impl Analyzed {
    pub fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let infos = tokens.iter().map(|t| vocab::token(&t.text)).collect();
        Analyzed {
            tokens,
            infos,
            joins: OnceLock::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// True when any token equals `word` (already folded).
    pub fn has_word(&self, word: &str) -> bool {
        self.tokens.iter().any(|t| t.text == word)
    }

    /// The tokens within bytes `[start, end)` that matched a rubric word only through the tolerance for
    /// speech-to-text misspellings, as written ("CIAGIE"), and words split in two ("sia gie").
    pub fn misspelled_in(&self, text: &str, bytes: (usize, usize)) -> Vec<String> {
        let inside = |i: usize| self.tokens[i].start >= bytes.0 && self.tokens[i].end <= bytes.1;
        let mut found = Vec::new();
        for i in (0..self.tokens.len()).filter(|&i| inside(i)) {
            let token = &self.tokens[i];
            if vocab::misspelled(&self.infos[i]) {
                found.push(text[token.start..token.end].to_string());
            } else if self.infos[i].matched().is_empty()
                && i + 1 < self.tokens.len()
                && inside(i + 1)
                && !self.joined(i).is_empty()
            {
                found.push(text[token.start..self.tokens[i + 1].end].to_string());
            }
        }
        found
    }

    /// The rubric words tokens `at` and `at + 1` match once joined.
    fn joined(&self, at: usize) -> &[u32] {
        let joins = self.joins.get_or_init(|| {
            let mut buffer = String::new();
            (0..self.infos.len())
                .map(|i| match self.infos.get(i + 1) {
                    Some(next) => vocab::joined(&self.infos[i], next, &mut buffer),
                    None => Box::default(),
                })
                .collect()
        });
        &joins[at]
    }
}

/// Where a pattern matched: tokens `[start, end)` and the byte range in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub bytes: (usize, usize),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("invalid phrase pattern {pattern:?}: {reason}")]
pub struct PhraseError {
    pub pattern: String,
    pub reason: String,
}

/// A word alternative: a registered rubric word, or (for patterns made for one call, such as the
/// caller's name) a word matched on the spot.
#[derive(Debug, Clone)]
enum Word {
    Registered(u32, Arc<WordSpec>),
    Local(Arc<WordSpec>),
}

impl Word {
    /// Does this word match `width` tokens of `text` from `at`?
    fn matches(&self, text: &Analyzed, at: usize, width: usize) -> bool {
        match (self, width) {
            (Word::Registered(id, _), 1) => text.infos[at].matches(*id),
            (Word::Registered(id, spec), _) => {
                spec.folded.len() >= 5 && text.joined(at).binary_search(id).is_ok()
            }
            (Word::Local(spec), 1) => spec.matches(&text.infos[at]),
            (Word::Local(spec), _) => {
                if spec.folded.len() < 5 {
                    return false;
                }
                let (first, second) = (&text.infos[at], &text.infos[at + 1]);
                let joined = format!("{}{}", first.folded, second.folded);
                spec.matches_joined(&first.folded, &joined, &super::normalize::sound(&joined))
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Item {
    Word(Vec<Word>),
    Gap(usize),
}

/// One compiled pattern.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub source: String,
    items: Vec<Item>,
}

impl Phrase {
    /// Compiles a rubric pattern, registering its words in the run's vocabulary.
    pub fn compile(pattern: &str) -> Result<Phrase, PhraseError> {
        Phrase::build(pattern, Strictness::Tolerant, true)
    }

    /// Compiles a pattern made for one call (a name said in it): its words are matched on the spot
    /// rather than registered for the whole run.
    pub fn compile_local(pattern: &str) -> Result<Phrase, PhraseError> {
        Phrase::build(pattern, Strictness::Tolerant, false)
    }

    fn build(pattern: &str, strictness: Strictness, register: bool) -> Result<Phrase, PhraseError> {
        let error = |reason: &str| PhraseError {
            pattern: pattern.to_string(),
            reason: reason.to_string(),
        };
        let mut items = Vec::new();
        for part in pattern.split_whitespace() {
            match part {
                "*" => items.push(Item::Gap(3)),
                "**" => items.push(Item::Gap(8)),
                _ => {
                    let mut alternatives = Vec::new();
                    for alt in part.split('|') {
                        let prefix = alt.ends_with('*') && alt.len() > 1;
                        let body = alt.trim_end_matches('*');
                        let folded: String = tokenize(body).into_iter().map(|t| t.text).collect();
                        if folded.is_empty() {
                            return Err(error(&format!("{alt:?} has no letters or digits")));
                        }
                        let spec = WordSpec::new(folded, prefix, strictness);
                        alternatives.push(if register {
                            Word::Registered(vocab::register(spec.clone()), Arc::new(spec))
                        } else {
                            Word::Local(Arc::new(spec))
                        });
                    }
                    items.push(Item::Word(alternatives));
                }
            }
        }
        match (items.first(), items.last()) {
            (None, _) => Err(error("empty pattern")),
            (Some(Item::Gap(_)), _) | (_, Some(Item::Gap(_))) => {
                Err(error("a pattern cannot start or end with *"))
            }
            _ => Ok(Phrase {
                source: pattern.to_string(),
                items,
            }),
        }
    }

    /// The leftmost match in the text, if any.
    pub fn find(&self, text: &Analyzed) -> Option<Match> {
        (0..text.len()).find_map(|start| self.match_at(text, start))
    }

    /// The match starting at token `start`, if any.
    fn match_at(&self, text: &Analyzed, start: usize) -> Option<Match> {
        self.match_from(text, 0, start).map(|end| Match {
            start,
            end,
            bytes: (text.tokens[start].start, text.tokens[end - 1].end),
        })
    }

    /// Matches items[item..] starting at token `at`; returns the end token (exclusive).
    fn match_from(&self, text: &Analyzed, item: usize, at: usize) -> Option<usize> {
        let Some(current) = self.items.get(item) else {
            return Some(at);
        };
        match current {
            Item::Gap(max) => (0..=*max)
                .take_while(|skip| at + skip < text.len())
                .find_map(|skip| self.match_from(text, item + 1, at + skip)),
            Item::Word(alternatives) => {
                for width in 1..=2 {
                    if at + width > text.len() {
                        break;
                    }
                    if alternatives.iter().any(|w| w.matches(text, at, width))
                        && let Some(end) = self.match_from(text, item + 1, at + width)
                    {
                        return Some(end);
                    }
                }
                None
            }
        }
    }

    /// The first item's words.
    fn first_words(&self) -> &[Word] {
        match self.items.first() {
            Some(Item::Word(words)) => words,
            _ => &[],
        }
    }
}

/// A list of patterns; a text matches the set when any pattern matches.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    phrases: Vec<Phrase>,
    /// For each registered first word, the patterns it starts (in rubric order).
    by_first: HashMap<u32, Vec<usize>>,
    /// Patterns whose first item has a word matched on the spot: tried at every token.
    unindexed: Vec<usize>,
}

impl PhraseSet {
    /// Compiles a rubric phrase list.
    pub fn compile<S: AsRef<str>>(patterns: &[S]) -> Result<PhraseSet, PhraseError> {
        PhraseSet::build(patterns, Strictness::Tolerant)
    }

    /// Compiles a lexicon: words match by spelling or sound, never one letter off.
    pub fn compile_strict<S: AsRef<str>>(patterns: &[S]) -> Result<PhraseSet, PhraseError> {
        PhraseSet::build(patterns, Strictness::Strict)
    }

    fn build<S: AsRef<str>>(
        patterns: &[S],
        strictness: Strictness,
    ) -> Result<PhraseSet, PhraseError> {
        let phrases: Vec<Phrase> = patterns
            .iter()
            .map(|p| Phrase::build(p.as_ref(), strictness, true))
            .collect::<Result<_, _>>()?;
        let mut by_first: HashMap<u32, Vec<usize>> = HashMap::default();
        let mut unindexed = Vec::new();
        for (index, phrase) in phrases.iter().enumerate() {
            for word in phrase.first_words() {
                match word {
                    Word::Registered(id, _) => {
                        let list = by_first.entry(*id).or_default();
                        if list.last() != Some(&index) {
                            list.push(index);
                        }
                    }
                    Word::Local(_) => unindexed.push(index),
                }
            }
        }
        Ok(PhraseSet {
            phrases,
            by_first,
            unindexed,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The patterns that may match from token `at`: those whose first word the token matches, alone or
    /// joined with the next, in rubric order.
    fn candidates(&self, text: &Analyzed, at: usize, out: &mut Vec<usize>) {
        out.clear();
        out.extend_from_slice(&self.unindexed);
        let info = &text.infos[at];
        let mut add = |id: u32| {
            if let Some(list) = self.by_first.get(&id) {
                out.extend_from_slice(list);
            }
        };
        info.matched().iter().copied().for_each(&mut add);
        info.undecided()
            .filter(|&id| self.by_first.contains_key(&id) && info.matches(id))
            .for_each(&mut add);
        if at + 1 < text.len() {
            text.joined(at).iter().copied().for_each(&mut add);
        }
        out.sort_unstable();
        out.dedup();
    }

    /// The earliest match of any pattern, with the pattern that made it (the shortest when several
    /// start together, the first in rubric order when they also end together).
    pub fn find(&self, text: &Analyzed) -> Option<(Match, &Phrase)> {
        let mut candidates = Vec::new();
        for at in 0..text.len() {
            self.candidates(text, at, &mut candidates);
            let best = candidates
                .iter()
                .filter_map(|&i| {
                    self.phrases[i]
                        .match_at(text, at)
                        .map(|m| (m, &self.phrases[i]))
                })
                .min_by_key(|(m, _)| m.end);
            if best.is_some() {
                return best;
            }
        }
        None
    }

    pub fn matches(&self, text: &Analyzed) -> bool {
        let mut candidates = Vec::new();
        (0..text.len()).any(|at| {
            self.candidates(text, at, &mut candidates);
            candidates
                .iter()
                .any(|&i| self.phrases[i].match_from(text, 0, at).is_some())
        })
    }

    /// The compiled patterns, in rubric order.
    pub fn all_phrases(&self) -> impl Iterator<Item = &Phrase> {
        self.phrases.iter()
    }

    /// Every pattern's leftmost match, in rubric order (for lexicons: which distinct terms were used).
    pub fn all_matches<'a>(
        &'a self,
        text: &'a Analyzed,
    ) -> impl Iterator<Item = (Match, &'a Phrase)> + 'a {
        let mut found: Vec<Option<Match>> = vec![None; self.phrases.len()];
        let mut candidates = Vec::new();
        let mut left = self.phrases.len();
        for at in 0..text.len() {
            if left == 0 {
                break;
            }
            self.candidates(text, at, &mut candidates);
            for &i in &candidates {
                if found[i].is_none()
                    && let Some(m) = self.phrases[i].match_at(text, at)
                {
                    found[i] = Some(m);
                    left -= 1;
                }
            }
        }
        found
            .into_iter()
            .zip(&self.phrases)
            .filter_map(|(m, p)| m.map(|m| (m, p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(pattern: &str, text: &str) -> bool {
        Phrase::compile(pattern)
            .unwrap()
            .find(&Analyzed::new(text))
            .is_some()
    }

    #[test]
    fn literal_words_ignore_case_accents_and_punctuation() {
        assert!(finds("buenos dias", "¡BUENOS DÍAS!, bienvenido"));
        assert!(finds("en que puedo ayudarle", "¿En qué puedo ayudarle?"));
        assert!(!finds("buenos dias", "buenas tardes"));
    }

    #[test]
    fn alternatives_prefixes_and_gaps() {
        assert!(finds("buenos|buenas dias|tardes", "muy buenas tardes"));
        assert!(finds("en que * ayud*", "en qué le puedo ayudar"));
        assert!(finds("en que * ayud*", "en que la podemos ayudar hoy"));
        assert!(!finds(
            "en que * ayud*",
            "en que momento le dijeron que me iba a ayudar"
        ));
        assert!(finds(
            "le ** ayudar",
            "le estaríamos encantados de poder ayudar"
        ));
    }

    #[test]
    fn speech_to_text_damage_still_matches_long_words() {
        for damaged in [
            "bienvenido al CIAGIE",
            "bienvenido al sia gie",
            "bienvenido al SIAJE",
            "vienvenido al siagi",
        ] {
            assert!(finds("bienvenid* * siagie", damaged), "{damaged}");
        }
        assert!(finds("quispe", "le atiende Rosa Kispe"));
        // Short words need an exact match: "dni" is not "dan".
        assert!(!finds("dni", "le dan el codigo"));
        // Two short words joined are not a long word one letter off.
        assert!(!finds("habla", "a la vez"));
    }

    #[test]
    fn diminutives_and_words_split_apart_match() {
        assert!(finds("quedo claro", "¿Le quedó clarito, profesora?"));
        assert!(finds("un momento", "un momentito por favor"));
        assert!(finds("ahora", "ahorita le reviso"));
        assert!(finds("poco", "un poquito"));
        assert!(finds(
            "bienvenid* * siagie",
            "Buenas tardes, bien venido al sia gie"
        ));
        // A diminutive is not any word ending in -ita: "necesita" is not "neceso".
        assert!(!finds("cita", "necesita"));
        assert!(!finds("bienvenid*", "bien, ven"));
    }

    #[test]
    fn misspellings_are_told_from_spellings() {
        let set = PhraseSet::compile(&["bienvenid* * siagie"]).unwrap();
        let damaged = "bienvenido al CIAGIE";
        let text = Analyzed::new(damaged);
        let (m, _) = set.find(&text).unwrap();
        assert_eq!(text.misspelled_in(damaged, m.bytes), ["CIAGIE"]);
        let split = "bienvenido al sia gie";
        let text = Analyzed::new(split);
        let (m, _) = set.find(&text).unwrap();
        assert_eq!(text.misspelled_in(split, m.bytes), ["sia gie"]);
        let clean = "Bienvenido al SIAGIE";
        let text = Analyzed::new(clean);
        let (m, _) = set.find(&text).unwrap();
        assert!(text.misspelled_in(clean, m.bytes).is_empty());
    }

    #[test]
    fn match_reports_original_byte_range() {
        let text = "Ya, señorita. ¿Me permite un momento, por favor?";
        let m = Phrase::compile("me permite * momento")
            .unwrap()
            .find(&Analyzed::new(text))
            .unwrap();
        assert_eq!(&text[m.bytes.0..m.bytes.1], "Me permite un momento");
    }

    #[test]
    fn bad_patterns_are_rejected() {
        assert!(Phrase::compile("").is_err());
        assert!(Phrase::compile("* hola").is_err());
        assert!(Phrase::compile("hola ¿?").is_err());
    }

    #[test]
    fn set_returns_earliest_match() {
        let set = PhraseSet::compile(&["gracias por * espera", "disculpe la demora"]).unwrap();
        let text = Analyzed::new("Disculpe la demora, gracias por su espera");
        let (m, phrase) = set.find(&text).unwrap();
        assert_eq!(m.start, 0);
        assert_eq!(phrase.source, "disculpe la demora");
    }
}

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
//! ("clarito" for `claro`, "momentito" for `momento`, "ahorita" for `ahora`).

use super::normalize::{Token, sound, tokenize};

/// A turn's text, tokenized once and reused by every pattern.
#[derive(Debug, Clone, Default)]
pub struct Analyzed {
    pub tokens: Vec<Token>,
    sounds: Vec<String>,
    /// Each token without its diminutive ending, when it has one ("clarito" -> "claro").
    plain: Vec<Option<String>>,
}

impl Analyzed {
    pub fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let sounds = tokens.iter().map(|t| sound(&t.text)).collect();
        let plain = tokens.iter().map(|t| undiminish(&t.text)).collect();
        Analyzed {
            tokens,
            sounds,
            plain,
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

#[derive(Debug, Clone)]
struct Word {
    folded: String,
    sound: String,
    prefix: bool,
    tolerance: usize,
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
    pub fn compile(pattern: &str) -> Result<Phrase, PhraseError> {
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
                        let letters = folded.chars().count();
                        let has_digit = folded.chars().any(|c| c.is_ascii_digit());
                        let tolerance = match letters {
                            _ if has_digit || prefix => 0,
                            0..=4 => 0,
                            5..=8 => 1,
                            _ => 2,
                        };
                        alternatives.push(Word {
                            sound: sound(&folded),
                            folded,
                            prefix,
                            tolerance,
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
        (0..text.len()).find_map(|start| {
            self.match_from(text, 0, start).map(|end| Match {
                start,
                end,
                bytes: (text.tokens[start].start, text.tokens[end - 1].end),
            })
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
                    if alternatives
                        .iter()
                        .any(|w| word_matches(w, text, at, width))
                    {
                        if let Some(end) = self.match_from(text, item + 1, at + width) {
                            return Some(end);
                        }
                    }
                }
                None
            }
        }
    }
}

/// The word a diminutive comes from: "clarito" -> "claro", "momentitos" -> "momentos", "poquito" ->
/// "poco", "cafecito" -> "cafe", "ahorita" -> "ahora". None for words without such an ending.
fn undiminish(word: &str) -> Option<String> {
    for (ending, plain) in [
        ("citos", "s"),
        ("citas", "s"),
        ("cito", ""),
        ("cita", ""),
        ("itos", "os"),
        ("itas", "as"),
        ("ito", "o"),
        ("ita", "a"),
    ] {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        if stem.chars().count() < 2 {
            return None;
        }
        // Spelling follows the sound: "poquito" -> "poco", "amiguito" -> "amigo".
        let stem = match (stem.strip_suffix("qu"), stem.strip_suffix("gu")) {
            (Some(base), _) => format!("{base}c"),
            (_, Some(base)) => format!("{base}g"),
            _ => stem.to_string(),
        };
        return Some(format!("{stem}{plain}"));
    }
    None
}

/// Does `word` match `width` tokens of `text` starting at `at`? Two tokens only join for long words.
fn word_matches(word: &Word, text: &Analyzed, at: usize, width: usize) -> bool {
    let (folded, key) = if width == 1 {
        (text.tokens[at].text.clone(), text.sounds[at].clone())
    } else {
        if word.folded.len() < 5 {
            return false;
        }
        let joined: String = text.tokens[at..at + width]
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        if word.prefix {
            // "bien venido" for `bienvenid*`: the first piece starts the word, the second completes it.
            let first = &text.tokens[at].text;
            return first.len() < word.folded.len()
                && word.folded.starts_with(first.as_str())
                && joined.starts_with(&word.folded);
        }
        let key = sound(&joined);
        (joined, key)
    };
    if word.prefix {
        return folded.starts_with(&word.folded)
            || (word.folded.len() >= 4 && key.starts_with(&word.sound));
    }
    if width > 1 {
        // Words written apart ("sia gie") join only when they spell the word or sound exactly like it:
        // "a la" must not pass for "habla".
        return folded == word.folded || key == word.sound;
    }
    if folded == word.folded || (word.tolerance > 0 && key == word.sound) {
        return true;
    }
    if width == 1 && text.plain[at].as_deref() == Some(word.folded.as_str()) {
        return true;
    }
    word.tolerance > 0
        && folded.chars().any(|c| c.is_alphabetic())
        && strsim::levenshtein(&key, &word.sound) <= word.tolerance
}

/// A list of patterns; a text matches the set when any pattern matches.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    phrases: Vec<Phrase>,
}

impl PhraseSet {
    pub fn compile<S: AsRef<str>>(patterns: &[S]) -> Result<PhraseSet, PhraseError> {
        let phrases = patterns
            .iter()
            .map(|p| Phrase::compile(p.as_ref()))
            .collect::<Result<_, _>>()?;
        Ok(PhraseSet { phrases })
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The earliest match of any pattern, with the pattern that made it.
    pub fn find(&self, text: &Analyzed) -> Option<(Match, &Phrase)> {
        self.phrases
            .iter()
            .filter_map(|p| p.find(text).map(|m| (m, p)))
            .min_by_key(|(m, _)| (m.start, m.end))
    }

    pub fn matches(&self, text: &Analyzed) -> bool {
        self.phrases.iter().any(|p| p.find(text).is_some())
    }

    /// The compiled patterns, in rubric order.
    pub fn all_phrases(&self) -> impl Iterator<Item = &Phrase> {
        self.phrases.iter()
    }

    /// Every pattern that matches, in rubric order (for lexicons: which distinct terms were used).
    pub fn all_matches<'a>(
        &'a self,
        text: &'a Analyzed,
    ) -> impl Iterator<Item = (Match, &'a Phrase)> + 'a {
        self.phrases
            .iter()
            .filter_map(move |p| p.find(text).map(|m| (m, p)))
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
        assert!(finds("bienvenid* * siagie", "Buenas tardes, bien venido al sia gie"));
        // A diminutive is not any word ending in -ita: "necesita" is not "neceso".
        assert!(!finds("cita", "necesita"));
        assert!(!finds("bienvenid*", "bien, ven"));
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

//! The run's compiled vocabulary, on both sides of a match:
//! - the rubric's words (`Lexicon`): every word of every pattern compiled in the run (criteria, roles,
//!   holds, transfers, names, lexicons), registered once with an id and indexed by spelling, sound,
//!   prefix and length;
//! - the transcripts' words (`TokenInfo`): each distinct folded token seen in the run, with its phonetic
//!   key, its form without a diminutive ending, and the ids of the rubric words it matches, decided
//!   once when the token is first seen (exact spellings and prefixes through hash lookups, sounds one or
//!   two edits off only against rubric words of a near length) and shared by every later turn, call
//!   and thread.
//!
//! A pattern attempt is then a lookup in a short sorted list: no phonetic key, edit distance or
//! allocation per attempt. Both tables only grow; a token seen before a later pattern was compiled has
//! that pattern's words decided on the spot (`TokenInfo::matches`), so the order in which patterns and
//! texts appear never changes a result.

use std::collections::HashSet;
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, LazyLock, RwLock};

use super::normalize::sound;

/// How strictly a pattern word matches a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Strictness {
    /// The rubric's phrase lists: same spelling, same sound, one letter off in the sound (two from nine
    /// letters), the diminutive ("clarito" for `claro`), a prefix also by sound.
    Tolerant,
    /// Lexicons (jargon, negative phrases): same spelling or, from five letters, the same sound; never
    /// one letter off ("habla" is not "tabla").
    Strict,
}

/// One word of a pattern (one alternative at one position).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WordSpec {
    /// Folded, without the `*` of a prefix.
    pub folded: Box<str>,
    pub sound: Box<str>,
    /// `word*`: any token starting so.
    pub prefix: bool,
    /// Edits allowed in the phonetic key (Tolerant only).
    pub tolerance: usize,
    pub strictness: Strictness,
}

impl WordSpec {
    pub fn new(folded: String, prefix: bool, strictness: Strictness) -> WordSpec {
        let letters = folded.chars().count();
        let has_digit = folded.chars().any(|c| c.is_ascii_digit());
        let tolerance = match (strictness, letters) {
            (Strictness::Strict, _) => 0,
            _ if has_digit || prefix => 0,
            (_, 0..=4) => 0,
            (_, 5..=8) => 1,
            _ => 2,
        };
        WordSpec {
            sound: sound(&folded).into(),
            folded: folded.into(),
            prefix,
            tolerance,
            strictness,
        }
    }

    /// Does this word match one token? The one definition of a single-token match; the indexes of
    /// `Lexicon` only propose candidates for it.
    pub fn matches(&self, token: &TokenInfo) -> bool {
        let folded = &*token.folded;
        if self.prefix {
            return folded.starts_with(&*self.folded)
                || (self.strictness == Strictness::Tolerant
                    && self.folded.len() >= 4
                    && token.sound.starts_with(&*self.sound));
        }
        if folded == &*self.folded {
            return true;
        }
        match self.strictness {
            Strictness::Strict => self.folded.len() >= 5 && token.sound == self.sound,
            Strictness::Tolerant => {
                (self.tolerance > 0 && token.sound == self.sound)
                    || token.plain.as_deref() == Some(&*self.folded)
                    || (self.tolerance > 0
                        && token.has_letter
                        && chars(&self.sound).abs_diff(chars(&token.sound)) <= self.tolerance
                        && strsim::levenshtein(&token.sound, &self.sound) <= self.tolerance)
            }
        }
    }

    /// Does this word match the token by spelling alone (the same letters, its diminutive, or a prefix
    /// of its letters), without the tolerance for speech-to-text misspellings?
    pub fn spelled(&self, token: &TokenInfo) -> bool {
        let folded = &*token.folded;
        if self.prefix {
            return folded.starts_with(&*self.folded);
        }
        folded == &*self.folded || token.plain.as_deref() == Some(&*self.folded)
    }

    /// Does this word match two tokens written apart ("sia gie", "bien venido", "back end")? Only long
    /// words join, and a joined word must be spelt or sound exactly like the pattern word.
    pub fn matches_joined(&self, first: &str, joined: &str, joined_sound: &str) -> bool {
        if self.folded.len() < 5 {
            return false;
        }
        if self.prefix {
            return self.strictness == Strictness::Tolerant
                && first.len() < self.folded.len()
                && self.folded.starts_with(first)
                && joined.starts_with(&*self.folded);
        }
        joined == &*self.folded || joined_sound == &*self.sound
    }
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// What one distinct folded token is, and which registered rubric words it matches.
#[derive(Debug)]
pub struct TokenInfo {
    /// Unique in the run: the key of the pairs joined with it.
    id: u32,
    pub folded: Box<str>,
    pub sound: Box<str>,
    /// The word its diminutive comes from ("clarito" -> "claro"), when it has such an ending.
    pub plain: Option<Box<str>>,
    pub has_letter: bool,
    /// Whether this token, joined with the next, may make a long rubric word (it starts one by spelling
    /// or by sound): only then is the pair joined and looked up.
    join_start: bool,
    /// Ids of the rubric words it matches, sorted; decided for the words `[0, decided)`.
    matched: Box<[u32]>,
    decided: u32,
}

impl TokenInfo {
    fn new(folded: &str) -> TokenInfo {
        TokenInfo {
            id: NEXT_TOKEN.fetch_add(1, Ordering::Relaxed),
            sound: sound(folded).into(),
            plain: undiminish(folded).map(Into::into),
            has_letter: folded.chars().any(char::is_alphabetic),
            folded: folded.into(),
            join_start: false,
            matched: Box::new([]),
            decided: 0,
        }
    }

    /// Does this token match rubric word `id`?
    pub fn matches(&self, id: u32) -> bool {
        if id < self.decided {
            self.matched.binary_search(&id).is_ok()
        } else {
            LEXICON.read().expect("lexicon lock").words[id as usize].matches(self)
        }
    }

    /// The rubric words this token matches, as decided when it was first seen.
    pub fn matched(&self) -> &[u32] {
        &self.matched
    }

    /// Rubric words registered after this token was decided.
    pub fn undecided(&self) -> std::ops::Range<u32> {
        self.decided..WORDS.load(Ordering::Acquire)
    }
}

/// Does `token` match some rubric word only through the misspelling tolerance (by sound or one letter
/// off), and none by its spelling? Such a match is one a person should confirm.
pub fn misspelled(token: &TokenInfo) -> bool {
    let lexicon = LEXICON.read().expect("lexicon lock");
    // The words decided when the token was first seen, and those registered since.
    let mut matched = token
        .matched()
        .iter()
        .copied()
        .chain(token.undecided().filter(|&id| {
            lexicon
                .words
                .get(id as usize)
                .is_some_and(|w| w.matches(token))
        }));
    let mut any = false;
    let spelled = matched.any(|id| {
        any = true;
        lexicon.words[id as usize].spelled(token)
    });
    any && !spelled
}

/// The word a diminutive comes from: "clarito" -> "claro", "momentitos" -> "momentos", "poquito" ->
/// "poco", "cafecito" -> "cafe", "ahorita" -> "ahora". None for words without such an ending.
pub fn undiminish(word: &str) -> Option<String> {
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

/// Every registered rubric word, with the indexes that propose candidates for a new token.
#[derive(Default)]
struct Lexicon {
    words: Vec<WordSpec>,
    ids: HashMap<WordSpec, u32>,
    /// Whole words by spelling (a token's own or its diminutive's).
    exact: HashMap<Box<str>, Vec<u32>>,
    /// Whole words that may match one token by sound, by sound.
    by_sound: HashMap<Box<str>, Vec<u32>>,
    /// Whole words long enough to match two tokens joined, by sound.
    joined_by_sound: HashMap<Box<str>, Vec<u32>>,
    /// Prefix words by spelling, and (tolerant, from four letters) by sound.
    prefixes: HashMap<Box<str>, Vec<u32>>,
    sound_prefixes: HashMap<Box<str>, Vec<u32>>,
    /// Whole words allowed edits in the sound, by the sound's length.
    fuzzy_by_length: Vec<Vec<u32>>,
    /// Words long enough to match two tokens joined.
    joinable: usize,
    /// Every proper prefix of a joinable word's spelling, and every prefix of its sound: a token that
    /// starts none cannot start a joined match.
    join_spellings: HashSet<Box<str>, FxBuildHasher>,
    join_sounds: HashSet<Box<str>, FxBuildHasher>,
}

static LEXICON: LazyLock<RwLock<Lexicon>> = LazyLock::new(|| RwLock::new(Lexicon::default()));
/// How many words `LEXICON` holds, readable without its lock.
static WORDS: AtomicU32 = AtomicU32::new(0);

/// Registers a pattern word, returning its id (the same word always gets the same id).
pub fn register(spec: WordSpec) -> u32 {
    if let Some(&id) = LEXICON.read().expect("lexicon lock").ids.get(&spec) {
        return id;
    }
    let mut lexicon = LEXICON.write().expect("lexicon lock");
    if let Some(&id) = lexicon.ids.get(&spec) {
        return id;
    }
    let id = lexicon.words.len() as u32;
    let push = |map: &mut HashMap<Box<str>, Vec<u32>>, key: &str| {
        map.entry(key.into()).or_default().push(id);
    };
    if spec.prefix {
        push(&mut lexicon.prefixes, &spec.folded);
        if spec.strictness == Strictness::Tolerant && spec.folded.len() >= 4 {
            push(&mut lexicon.sound_prefixes, &spec.sound);
        }
    } else {
        push(&mut lexicon.exact, &spec.folded);
        let by_sound = match spec.strictness {
            Strictness::Strict => spec.folded.len() >= 5,
            Strictness::Tolerant => spec.tolerance > 0,
        };
        if by_sound {
            push(&mut lexicon.by_sound, &spec.sound);
        }
        if spec.folded.len() >= 5 {
            push(&mut lexicon.joined_by_sound, &spec.sound);
        }
        if spec.tolerance > 0 {
            let length = chars(&spec.sound);
            if lexicon.fuzzy_by_length.len() <= length {
                lexicon.fuzzy_by_length.resize(length + 1, Vec::new());
            }
            lexicon.fuzzy_by_length[length].push(id);
        }
    }
    if spec.folded.len() >= 5 {
        lexicon.joinable += 1;
        for (end, _) in spec.folded.char_indices().skip(1) {
            lexicon.join_spellings.insert(spec.folded[..end].into());
        }
        for end in (0..=spec.sound.len()).filter(|&e| spec.sound.is_char_boundary(e)) {
            lexicon.join_sounds.insert(spec.sound[..end].into());
        }
    }
    lexicon.ids.insert(spec.clone(), id);
    lexicon.words.push(spec);
    WORDS.store(id + 1, Ordering::Release);
    id
}

/// The registered word `id`.
pub fn word(id: u32) -> WordSpec {
    LEXICON.read().expect("lexicon lock").words[id as usize].clone()
}

impl Lexicon {
    /// Could `token`, joined with a next token, make a long rubric word? When the joined spelling is a
    /// word, or a prefix word starts within it, the token is a proper prefix of that word's spelling.
    /// When the joined sound is a word's sound: the sound of the token without its last letter is a
    /// prefix of the joined sound except perhaps for its own last letter (the last letter's sound
    /// depends on the letter after it, and a final "y" sounds "i").
    fn starts_join(&self, token: &TokenInfo) -> bool {
        if self.joinable == 0 {
            return false;
        }
        if self.join_spellings.contains(&*token.folded) {
            return true;
        }
        let mut head = token.folded.chars();
        head.next_back();
        let mut key = sound(head.as_str());
        key.pop();
        self.join_sounds.contains(key.as_str())
    }

    /// The ids of the words `token` matches, sorted.
    fn decide(&self, token: &TokenInfo) -> Vec<u32> {
        let mut candidates: Vec<u32> = Vec::new();
        let mut add = |ids: Option<&Vec<u32>>| candidates.extend(ids.into_iter().flatten());
        add(self.exact.get(&token.folded));
        if let Some(plain) = &token.plain {
            add(self.exact.get(plain));
        }
        add(self.by_sound.get(&token.sound));
        for (end, _) in token.folded.char_indices().skip(1) {
            add(self.prefixes.get(&token.folded[..end]));
        }
        add(self.prefixes.get(&token.folded));
        for (end, _) in token.sound.char_indices().skip(1) {
            add(self.sound_prefixes.get(&token.sound[..end]));
        }
        add(self.sound_prefixes.get(&token.sound));
        if token.has_letter {
            let length = chars(&token.sound);
            for near in length.saturating_sub(2)..=length + 2 {
                add(self.fuzzy_by_length.get(near));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&id| self.words[id as usize].matches(token));
        candidates
    }

    /// The ids of the words two tokens written apart match, sorted.
    fn decide_joined(&self, first: &str, joined: &str, joined_sound: &str) -> Vec<u32> {
        let mut candidates: Vec<u32> = Vec::new();
        let mut add = |ids: Option<&Vec<u32>>| candidates.extend(ids.into_iter().flatten());
        add(self.exact.get(joined));
        add(self.joined_by_sound.get(joined_sound));
        // A prefix word the first token starts and the second completes.
        for end in first.len() + 1..=joined.len() {
            if joined.is_char_boundary(end) {
                add(self.prefixes.get(&joined[..end]));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .retain(|&id| self.words[id as usize].matches_joined(first, joined, joined_sound));
        candidates
    }
}

/// Distinct tokens, in shards so that threads rarely wait for each other.
const SHARDS: usize = 16;
type Shard = RwLock<HashMap<Box<str>, Arc<TokenInfo>>>;
static VOCABULARY: LazyLock<Vec<Shard>> = LazyLock::new(|| {
    (0..SHARDS)
        .map(|_| RwLock::new(HashMap::default()))
        .collect()
});

/// Ids of the distinct tokens, in the order the run first decided them.
static NEXT_TOKEN: AtomicU32 = AtomicU32::new(0);

/// Pairs of tokens already joined: (first id, second id) -> the words they match once joined, with the
/// number of registered words they were decided against.
type JoinShard = RwLock<HashMap<u64, (u32, Box<[u32]>)>>;
static JOINED: LazyLock<Vec<JoinShard>> = LazyLock::new(|| {
    (0..SHARDS)
        .map(|_| RwLock::new(HashMap::default()))
        .collect()
});
/// The pair cache stops growing past this many pairs per shard (a month of calls has far fewer).
const MAX_JOINED_PER_SHARD: usize = 1 << 18;

/// The shared description of a folded token, decided the first time the run sees it.
pub fn token(folded: &str) -> Arc<TokenInfo> {
    let shard = &VOCABULARY[FxBuildHasher.hash_one(folded) as usize % SHARDS];
    let words = WORDS.load(Ordering::Acquire);
    if let Some(info) = shard.read().expect("vocabulary lock").get(folded)
        && info.decided == words
    {
        return Arc::clone(info);
    }
    let mut info = TokenInfo::new(folded);
    {
        let lexicon = LEXICON.read().expect("lexicon lock");
        info.matched = lexicon.decide(&info).into_boxed_slice();
        info.join_start = lexicon.starts_join(&info);
        info.decided = lexicon.words.len() as u32;
    }
    let info = Arc::new(info);
    shard
        .write()
        .expect("vocabulary lock")
        .insert(folded.into(), Arc::clone(&info));
    info
}

/// The rubric words two consecutive tokens match once joined, when any word is long enough to join.
pub fn joined(first: &TokenInfo, second: &TokenInfo, buffer: &mut String) -> Box<[u32]> {
    let words = WORDS.load(Ordering::Acquire);
    // A token decided before the last words were registered may start one of them.
    if !first.join_start && first.decided == words {
        return Box::default();
    }
    let key = (u64::from(first.id) << 32) | u64::from(second.id);
    let shard = &JOINED[FxBuildHasher.hash_one(key) as usize % SHARDS];
    if let Some((decided, found)) = shard.read().expect("join cache lock").get(&key)
        && *decided == words
    {
        return found.clone();
    }
    let found: Box<[u32]> = join_words(first, second, buffer).into();
    let mut cache = shard.write().expect("join cache lock");
    if cache.len() < MAX_JOINED_PER_SHARD {
        cache.insert(key, (words, found.clone()));
    }
    found
}

fn join_words(first: &TokenInfo, second: &TokenInfo, buffer: &mut String) -> Vec<u32> {
    let lexicon = LEXICON.read().expect("lexicon lock");
    if lexicon.joinable == 0 {
        return Vec::new();
    }
    buffer.clear();
    buffer.push_str(&first.folded);
    buffer.push_str(&second.folded);
    let joined_sound = sound(buffer);
    lexicon.decide_joined(&first.folded, buffer, &joined_sound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(word: &str, strictness: Strictness) -> WordSpec {
        let prefix = word.ends_with('*');
        WordSpec::new(word.trim_end_matches('*').to_string(), prefix, strictness)
    }

    #[test]
    fn a_token_decided_before_a_word_was_registered_still_matches_it() {
        let info = token("vienvenidah");
        let id = register(spec("bienvenidah", Strictness::Tolerant));
        assert!(info.matches(id));
        // Seen again, the token is decided against the new word too.
        assert!(token("vienvenidah").matched().contains(&id));
    }

    #[test]
    fn only_a_token_that_starts_a_long_word_is_joined() {
        let id = register(spec("ciagie", Strictness::Tolerant));
        let mut buffer = String::new();
        // By spelling, and by sound ("sia" + "gie" sounds like "ciagie").
        assert!(joined(&token("cia"), &token("gie"), &mut buffer).contains(&id));
        assert!(joined(&token("sia"), &token("gie"), &mut buffer).contains(&id));
        assert!(joined(&token("zia"), &token("gie"), &mut buffer).contains(&id));
        // Asked again, the pair comes from the cache, the same.
        assert!(joined(&token("sia"), &token("gie"), &mut buffer).contains(&id));
        assert!(
            !token("mesa").join_start
                || joined(&token("mesa"), &token("gie"), &mut buffer).is_empty()
        );
    }

    #[test]
    fn strict_words_never_match_one_letter_off() {
        let tabla = register(spec("tabla", Strictness::Strict));
        let habla = token("habla");
        assert!(!habla.matches(tabla));
        let tolerant = register(spec("tabla", Strictness::Tolerant));
        assert_ne!(tabla, tolerant);
        assert!(token("tavla").matches(tolerant));
    }

    #[test]
    fn the_indexes_propose_every_match_the_definition_allows() {
        // Each kind of match, decided through the indexes, agrees with WordSpec::matches.
        let words = [
            "ayud*", "siagie", "quispe", "claro", "moment*", "dni", "servidor",
        ];
        let ids: Vec<u32> = words
            .iter()
            .map(|w| register(spec(w, Strictness::Tolerant)))
            .collect();
        for text in [
            "ayudarle",
            "ciagie",
            "kispe",
            "clarito",
            "momentito",
            "dni",
            "serbidor",
            "casa",
        ] {
            let info = token(text);
            for &id in &ids {
                assert_eq!(
                    info.matches(id),
                    word(id).matches(&info),
                    "{text} / {}",
                    word(id).folded
                );
                assert_eq!(
                    info.matched().contains(&id),
                    word(id).matches(&info),
                    "{text}"
                );
            }
        }
    }
}

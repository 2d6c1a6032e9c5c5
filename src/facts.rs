//! The facts the rubric establishes about a call before any criterion is scored (`CallFacts`): the
//! phrases and thresholds that find who the operator is, the holds, the transfer and the caller's
//! name. The rubric loads them (`rubric::load`); the linking stage and the detectors read them. Kept
//! apart from both so that the rubric (which builds the detectors) and the detectors (which read the
//! facts) do not depend on each other in a circle.

use rustc_hash::FxHashSet as HashSet;

use crate::text::PhraseSet;

/// Phrases and thresholds that establish facts about a call before any criterion is scored: who the
/// operator is, where the holds and the transfer are, what name the caller gave.
#[derive(Debug, Clone)]
pub struct CallFacts {
    /// The help desk's time zone (`--tz`, America/Lima by default): the hour a call started there
    /// decides which salutation fits.
    pub time_zone: jiff::tz::TimeZone,
    /// Things only the operator says (greets with SIAGIE, introduces themself, asks for the DNI).
    pub operator_cues: PhraseSet,
    /// Folded words with no content of their own (stop words, fillers, forms of address).
    pub stop_words: HashSet<String>,
    /// Folded words that alone make a turn a backchannel ("ajá", "ya").
    pub backchannels: HashSet<String>,
    /// Words beyond identification data a caller turn needs to state the query...
    pub query_min_content_words: usize,
    /// ...and, with a query marker, to state it in the answer to a question.
    pub query_min_content_words_in_answer: usize,
    /// The operator's questions for the caller's name, DNI or código modular: a caller turn answering
    /// one is identification, not the query.
    pub identification_questions: PhraseSet,
    /// The operator's open offers of help ("¿en qué le puedo ayudar?"): the answer states the query.
    pub help_offers: PhraseSet,
    /// Words that show a caller turn states a query, even in the answer to a question.
    pub query_markers: PhraseSet,
    /// Folded words of identification and small talk, never the query.
    pub identification_words: HashSet<String>,
    /// Folded words after which a school's name comes.
    pub school_words: HashSet<String>,
    /// Seconds of silence that make a hold, once announced.
    pub hold_min_silence_s: f64,
    /// How the operator announces a wait.
    pub hold_announcements: PhraseSet,
    /// Text speech-to-text invents during music and silence; never counts as speech.
    pub hallucinations: PhraseSet,
    /// How many of the operator's last turns before a silence may announce the hold.
    pub hold_announcement_turns: usize,
    /// Words that alone make a short non-operator turn noise during a wait, and how short.
    pub hold_fillers: HashSet<String>,
    pub hold_noise_max_words: usize,
    /// Words of a caller calling out during a wait ("¿aló?"), in a turn of at most so many words.
    pub hold_waiting_calls: HashSet<String>,
    pub hold_waiting_call_max_words: usize,
    /// How the operator announces a transfer.
    pub transfer_announcements: PhraseSet,
    /// Words before an announcement that make it a possibility, or an offer the caller must take up
    /// (with one of `transfer_takes_up`), within `transfer_tentative_words` words.
    pub transfer_conditionals: HashSet<String>,
    pub transfer_offers: HashSet<String>,
    pub transfer_takes_up: HashSet<String>,
    pub transfer_tentative_words: usize,
    /// A blind transfer ends the call: at most so many short turns follow it.
    pub transfer_tail_turns: usize,
    pub transfer_tail_turn_max_words: usize,
    /// How a caller gives their name ("me llamo", "soy la profesora").
    pub name_introductions: PhraseSet,
    /// How the operator asks for the caller's name.
    pub name_questions: PhraseSet,
    /// Folded words that may lead in the answer to a name question ("con", "yo", "de parte de").
    pub name_lead_ins: Vec<String>,
    /// Folded words skipped before a name (greetings, "sí", "ya").
    pub name_skipped: HashSet<String>,
    /// Folded words that make a name question about someone else ("¿cómo se llama el alumno?").
    pub name_third_parties: HashSet<String>,
    /// Titles said before a name (profesora, director, señor).
    pub name_titles: Vec<String>,
    /// Words that are never a name (articles, fillers).
    pub name_stopwords: Vec<String>,
}

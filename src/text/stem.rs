//! Spanish stems (the Snowball algorithm, through the `rust-stemmers` crate), so that what a caller says
//! and what the operator restates meet however each conjugates it: "no puedo matricular" and "no le
//! deja matricularlo" share `matricul`; "las notas" and "la nota" share `not`.
//!
//! Words are folded first (speech-to-text often drops accents, and a caller's "información" must meet an
//! operator's "informacion"); the few Snowball suffixes that carry an accent ("-ción", "-sión",
//! "-logía") get it back before stemming. `shares` also accepts equal phonetic keys ("bimestre" /
//! "vimestre").

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::normalize::{fold, sound};
use super::phrase::Analyzed;

static SPANISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Spanish));

/// The folded Snowball stem of one word ("Matricularlo" -> "matricul", "informacion" -> "inform").
pub fn stem(word: &str) -> String {
    let folded = fold(word);
    let accented = reaccent(&folded);
    let stemmed = fold(&SPANISH.stem(&accented));
    if stemmed.is_empty() { folded } else { stemmed }
}

/// The accent of the Snowball suffixes that carry one, put back on a folded word.
fn reaccent(folded: &str) -> String {
    for (plain, accented) in [("cion", "ción"), ("sion", "sión"), ("logia", "logía")] {
        if let Some(base) = folded.strip_suffix(plain) {
            return format!("{base}{accented}");
        }
    }
    folded.to_string()
}

/// A content word of a turn: its token index, stem and the stem's phonetic key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stemmed {
    pub token: usize,
    pub stem: String,
    pub sound: String,
}

/// The stems of the tokens `[from, to)` of a turn, skipping the words `skip` rejects (stop words).
pub fn stems(
    text: &Analyzed,
    range: std::ops::Range<usize>,
    skip: impl Fn(&str) -> bool,
) -> Vec<Stemmed> {
    range
        .filter(|&i| !skip(&text.tokens[i].text))
        .map(|i| {
            let token = &text.tokens[i];
            let stem = if token.text.chars().all(|c| c.is_ascii_digit()) {
                token.text.clone()
            } else {
                stem(&token.text)
            };
            Stemmed {
                token: i,
                sound: sound(&stem),
                stem,
            }
        })
        .collect()
}

/// Does `word` stand for the same content as one of `others`: the same stem, or (from four letters) the
/// same phonetic key, as speech-to-text spells a word differently in two turns.
pub fn shares(word: &Stemmed, others: &[Stemmed]) -> bool {
    others
        .iter()
        .any(|o| o.stem == word.stem || (word.stem.len() >= 4 && o.sound == word.sound))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conjugations_and_plurals_share_a_stem() {
        assert_eq!(stem("matricular"), stem("matricularlo"));
        assert_eq!(stem("notas"), stem("nota"));
        assert_eq!(stem("Información"), stem("informacion"));
        assert_eq!(stem("registrar"), stem("registré"));
        assert_ne!(stem("acta"), stem("nota"));
    }

    #[test]
    fn digits_and_misspellings_meet() {
        let caller = "no me deja cerrar el vimestre 2";
        let operator = "entonces el bimestre 2 no se cierra";
        let (a, b) = (Analyzed::new(caller), Analyzed::new(operator));
        let said = stems(&a, 0..a.len(), |_| false);
        let restated = stems(&b, 0..b.len(), |_| false);
        let shared: Vec<&str> = restated
            .iter()
            .filter(|w| shares(w, &said))
            .map(|w| w.stem.as_str())
            .collect();
        assert!(shared.contains(&"2"), "{shared:?}");
        assert!(shared.contains(&stem("bimestre").as_str()), "{shared:?}");
    }
}

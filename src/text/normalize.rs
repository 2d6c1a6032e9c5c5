//! Folding text to comparable tokens: lower case, accents removed (ñ becomes n), punctuation dropped,
//! each token remembering where it sits in the original text so quotes can be cut around a match.
//! Also a rough Spanish phonetic key, so that "ciagie" meets "siagie" and "Kispe" meets "Quispe".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A word of the original text, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Folded form: lower case ASCII letters and digits.
    pub text: String,
    /// Byte range of the word in the original text.
    pub start: usize,
    pub end: usize,
}

/// Lower case, accents stripped, every non-alphanumeric character turned into a space, spaces collapsed.
pub fn fold(text: &str) -> String {
    tokenize(text)
        .into_iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits text into folded tokens with their byte offsets.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (offset, ch) in text.char_indices() {
        // Fast path: ASCII and the accented letters of Spanish fold without decomposing.
        if let Some(folded) = fold_common(ch) {
            match folded {
                Some(base) => {
                    if current.is_empty() {
                        start = offset;
                    }
                    current.push(base);
                }
                None if !current.is_empty() => tokens.push(Token {
                    text: std::mem::take(&mut current),
                    start,
                    end: offset,
                }),
                None => {}
            }
            continue;
        }
        let mut pushed = false;
        for base in fold_char(ch) {
            if base.is_alphanumeric() {
                if current.is_empty() {
                    start = offset;
                }
                current.push(base);
                pushed = true;
            }
        }
        if !pushed && !current.is_empty() && !is_combining_mark(ch) {
            tokens.push(Token {
                text: std::mem::take(&mut current),
                start,
                end: offset,
            });
        }
    }
    if !current.is_empty() {
        tokens.push(Token {
            text: current,
            start,
            end: text.len(),
        });
    }
    tokens
}

/// The fold of an ASCII character or an accented letter of Spanish, without Unicode decomposition:
/// `Some(Some(letter))` for a letter or digit, `Some(None)` for a separator, `None` for any other
/// character (folded the slow way).
fn fold_common(ch: char) -> Option<Option<char>> {
    if ch.is_ascii() {
        return Some(ch.is_ascii_alphanumeric().then(|| ch.to_ascii_lowercase()));
    }
    let base = match ch {
        'á' | 'à' | 'â' | 'ä' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        '¿' | '¡' | '«' | '»' | '…' | '—' | '–' | '\u{a0}' => return Some(None),
        '“' | '”' | '‘' | '’' => return Some(None),
        _ => return None,
    };
    Some(Some(base))
}

/// One character folded: decomposed, marks dropped, lower-cased. Letters outside Latin stay as they are.
fn fold_char(ch: char) -> impl Iterator<Item = char> {
    std::iter::once(ch)
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
}

/// A rough phonetic key for Spanish as speech-to-text spells it: c/z/s merge before e and i, g/j merge
/// before e and i, qu/k/c before a, o, u merge, v/b merge, ll/y merge, silent h dropped, doubled letters
/// collapsed. Digits are left alone.
pub fn sound(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut key = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let front_vowel = matches!(next, Some('e') | Some('i'));
        let mapped = match c {
            'c' if next == Some('h') => {
                i += 1;
                'x'
            }
            'c' if front_vowel => 's',
            'c' | 'k' => 'k',
            'q' if next == Some('u') => {
                i += 1;
                'k'
            }
            'q' => 'k',
            'z' => 's',
            'g' if front_vowel => 'j',
            'v' => 'b',
            'w' => 'u',
            'y' if i + 1 == chars.len() => 'i',
            'l' if next == Some('l') => {
                i += 1;
                'y'
            }
            'h' => {
                i += 1;
                continue;
            }
            other => other,
        };
        if key.chars().last() != Some(mapped) {
            key.push(mapped);
        }
        i += 1;
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(
            fold("¡Buenos DÍAS! ¿Con quién tengo el gusto?"),
            "buenos dias con quien tengo el gusto"
        );
        assert_eq!(
            fold("Señora Ñahui, código modular: 0512345"),
            "senora nahui codigo modular 0512345"
        );
        assert_eq!(fold("  "), "");
    }

    #[test]
    fn tokens_keep_original_offsets() {
        let text = "Sí, señorita: DNI 45281367.";
        let tokens = tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words, ["Sí", "señorita", "DNI", "45281367"]);
        assert_eq!(tokens[1].text, "senorita");
    }

    #[test]
    fn the_fast_path_folds_like_unicode_decomposition() {
        for ch in "aZ09 .,¿¡áàâäÁÀÂÄéèêëÉÈÊËíìîïÍÌÎÏóòôöÓÒÔÖúùûüÚÙÛÜñÑçÇ«»…—–\u{a0}“”‘’".chars()
        {
            let slow: String = fold_char(ch).filter(|c| c.is_alphanumeric()).collect();
            let fast: String = fold_common(ch).expect("fast path").into_iter().collect();
            assert_eq!(fast, slow, "{ch:?}");
        }
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let decomposed = "codigo\u{301}"; // o + combining acute written separately
        assert_eq!(fold(decomposed), "codigo");
        assert_eq!(fold("informaci\u{f3}n"), fold("informacio\u{301}n"));
    }

    #[test]
    fn phonetic_key_merges_speech_to_text_spellings() {
        assert_eq!(sound("ciagie"), sound("siagie"));
        assert_eq!(sound("kispe"), sound("quispe"));
        assert_eq!(sound("vienvenido"), sound("bienvenido"));
        assert_eq!(sound("ayudarle"), "ayudarle");
        assert_ne!(sound("casa"), sound("cosa"));
    }
}

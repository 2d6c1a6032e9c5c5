//! Sentences of a turn, as the punctuation (when the transcriber wrote any) divides it, and whether each
//! asks a question. Dialogue acts ("¿le importaría esperar un momento?", "¿alguna otra duda?") are
//! questions; a restatement is often a confirming one ("…, ¿verdad?").
//!
//! Speech-to-text often writes no punctuation at all. Such a turn is one sentence whose `question` is
//! false; callers of this module decide from the words whether it asks (`Sentences::punctuated` says
//! whether the punctuation can be trusted).

use super::phrase::Analyzed;

/// Tokens `[start, end)` of a turn that make one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Ends with "?" or opens with "¿".
    pub question: bool,
}

impl Sentence {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, token: usize) -> bool {
        self.start <= token && token < self.end
    }
}

/// A turn's sentences, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentences {
    pub sentences: Vec<Sentence>,
    /// True when the turn has any sentence or clause punctuation (. , ; ? ! ¿ ¡).
    pub punctuated: bool,
}

impl Sentences {
    /// The sentence holding token `index`.
    pub fn of(&self, index: usize) -> Option<&Sentence> {
        self.sentences.iter().find(|s| s.contains(index))
    }
}

/// Splits `text` (the turn's original text, tokenized as `analyzed`) at . ? ! ; … and before ¿ ¡.
pub fn sentences(text: &str, analyzed: &Analyzed) -> Sentences {
    let tokens = &analyzed.tokens;
    let gap = |i: usize| -> &str {
        let from = if i == 0 { 0 } else { tokens[i - 1].end };
        let to = tokens.get(i).map_or(text.len(), |t| t.start);
        text.get(from..to).unwrap_or("")
    };
    let punctuated = (0..=tokens.len()).any(|i| {
        gap(i)
            .chars()
            .any(|c| matches!(c, '.' | ',' | ';' | '?' | '!' | '¿' | '¡' | '…'))
    });
    let mut sentences = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        let between = gap(i);
        let ends = i == tokens.len()
            || between
                .chars()
                .any(|c| matches!(c, '.' | '?' | '!' | ';' | '¿' | '¡' | '…'));
        if ends {
            let opened = gap(start).contains('¿');
            // A "?" closes the sentence before it; "¿" opens the next, so it belongs after a "?".
            let closing = between.split('¿').next().unwrap_or("");
            sentences.push(Sentence {
                start,
                end: i,
                question: opened || closing.contains('?'),
            });
            start = i;
        }
    }
    Sentences {
        sentences,
        punctuated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<(String, bool)> {
        let analyzed = Analyzed::new(text);
        sentences(text, &analyzed)
            .sentences
            .iter()
            .map(|s| {
                let words: Vec<&str> = analyzed.tokens[s.start..s.end]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect();
                (words.join(" "), s.question)
            })
            .collect()
    }

    #[test]
    fn splits_at_sentence_punctuation_and_marks_questions() {
        assert_eq!(
            split("Ya, profesora. ¿Le importaría esperar un momento? Voy a revisar."),
            [
                ("ya profesora".to_string(), false),
                ("le importaria esperar un momento".to_string(), true),
                ("voy a revisar".to_string(), false),
            ]
        );
    }

    #[test]
    fn a_tag_question_makes_its_sentence_a_question() {
        assert_eq!(
            split("Entonces no le deja cerrar el acta, ¿verdad?"),
            [
                ("entonces no le deja cerrar el acta".to_string(), false),
                ("verdad".to_string(), true),
            ]
        );
        assert_eq!(
            split("o sea no le sale la sección?"),
            [("o sea no le sale la seccion".to_string(), true)]
        );
    }

    #[test]
    fn unpunctuated_speech_is_one_sentence() {
        let text = "ya entonces usted no puede ingresar al sistema";
        let s = sentences(text, &Analyzed::new(text));
        assert!(!s.punctuated);
        assert_eq!(s.sentences.len(), 1);
        assert!(!s.sentences[0].question);
        let empty = sentences("", &Analyzed::new(""));
        assert!(empty.sentences.is_empty());
    }
}

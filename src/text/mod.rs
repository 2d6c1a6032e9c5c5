//! Text handling shared by role decision, detectors and reports: folding to comparable tokens
//! (`normalize`), phrase patterns with tolerance for paraphrase and speech-to-text damage (`phrase`),
//! numbers spoken as words (`numbers`), sentences and questions (`sentence`), Spanish stems (`stem`),
//! and masking of DNIs and phone numbers (`mask`).

pub mod mask;
pub mod normalize;
pub mod numbers;
pub mod phrase;
pub mod sentence;
pub mod stem;
pub mod vocab;

pub use mask::{mask, quote};
pub use normalize::{Token, fold, tokenize};
pub use numbers::{DigitRun, digit_runs};
pub use phrase::{Analyzed, Match, Phrase, PhraseError, PhraseSet};
pub use sentence::{Sentence, Sentences, sentences};

/// Seconds as a recording clock: `mm:ss`, or `h:mm:ss` past an hour.
pub fn clock(seconds: f64) -> String {
    let total = if seconds.is_finite() && seconds > 0.0 {
        seconds.round() as u64
    } else {
        0
    };
    let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_formats_minutes_and_hours() {
        assert_eq!(clock(0.0), "00:00");
        assert_eq!(clock(83.4), "01:23");
        assert_eq!(clock(3725.0), "1:02:05");
        assert_eq!(clock(f64::NAN), "00:00");
    }
}

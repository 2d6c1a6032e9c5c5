//! Numbers as callers say them: "cuatro cinco dos ocho", "cuarenta y cinco, veintiocho", "45 28 13 67".
//! Consecutive number words and digit groups are read as one run of digits, so a DNI (8 digits), a
//! código modular (7) or a phone number (9) can be recognised however it was transcribed.

use super::normalize::Token;

/// A run of digits read from consecutive tokens `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitRun {
    pub digits: String,
    pub start: usize,
    pub end: usize,
}

const UNITS: [&str; 10] = [
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
];
const TEENS: [(&str, u32); 16] = [
    ("diez", 10),
    ("once", 11),
    ("doce", 12),
    ("trece", 13),
    ("catorce", 14),
    ("quince", 15),
    ("dieciseis", 16),
    ("diecisiete", 17),
    ("dieciocho", 18),
    ("diecinueve", 19),
    ("veintiuno", 21),
    ("veintidos", 22),
    ("veintitres", 23),
    ("veinticuatro", 24),
    ("veinticinco", 25),
    ("veintiseis", 26),
];
const MORE_TEENS: [(&str, u32); 3] = [("veintisiete", 27), ("veintiocho", 28), ("veintinueve", 29)];
const TENS: [(&str, u32); 8] = [
    ("veinte", 20),
    ("treinta", 30),
    ("cuarenta", 40),
    ("cincuenta", 50),
    ("sesenta", 60),
    ("setenta", 70),
    ("ochenta", 80),
    ("noventa", 90),
];
const HUNDREDS: [(&str, u32); 10] = [
    ("cien", 100),
    ("ciento", 100),
    ("doscientos", 200),
    ("trescientos", 300),
    ("cuatrocientos", 400),
    ("quinientos", 500),
    ("seiscientos", 600),
    ("setecientos", 700),
    ("ochocientos", 800),
    ("novecientos", 900),
];

fn unit(word: &str) -> Option<u32> {
    UNITS.iter().position(|u| *u == word).map(|p| p as u32)
}

fn lookup(table: &[(&str, u32)], word: &str) -> Option<u32> {
    table.iter().find(|(w, _)| *w == word).map(|(_, v)| *v)
}

/// Reads one group (a digit token or a spoken number up to 999) at `i`; returns its digits and the
/// number of tokens it used.
fn group(tokens: &[Token], i: usize) -> Option<(String, usize)> {
    let word = tokens.get(i)?.text.as_str();
    let next = |k: usize| tokens.get(i + k).map(|t| t.text.as_str());
    if word.chars().all(|c| c.is_ascii_digit()) {
        return Some((word.to_string(), 1));
    }
    if let Some(u) = unit(word) {
        return Some((u.to_string(), 1));
    }
    if let Some(v) = lookup(&TEENS, word).or_else(|| lookup(&MORE_TEENS, word)) {
        return Some((v.to_string(), 1));
    }
    if let Some(tens) = lookup(&TENS, word) {
        // "cuarenta y cinco", or "cuarenta cinco" when the transcriber dropped the "y".
        if next(1) == Some("y") {
            if let Some(u) = next(2).and_then(unit).filter(|u| *u > 0) {
                return Some(((tens + u).to_string(), 3));
            }
        }
        if let Some(u) = next(1).and_then(unit).filter(|u| *u > 0) {
            return Some(((tens + u).to_string(), 2));
        }
        return Some((tens.to_string(), 1));
    }
    if let Some(hundreds) = lookup(&HUNDREDS, word) {
        if word != "cien" {
            if let Some((rest, used)) = group(tokens, i + 1) {
                if let Ok(value) = rest.parse::<u32>() {
                    if value < 100 && !tokens[i + 1].text.chars().all(|c| c.is_ascii_digit()) {
                        return Some(((hundreds + value).to_string(), 1 + used));
                    }
                }
            }
        }
        return Some((hundreds.to_string(), 1));
    }
    None
}

/// Every maximal run of consecutive number tokens, read as digits.
pub fn digit_runs(tokens: &[Token]) -> Vec<DigitRun> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let start = i;
        let mut digits = String::new();
        while let Some((group_digits, used)) = group(tokens, i) {
            digits.push_str(&group_digits);
            i += used;
        }
        if digits.is_empty() {
            i += 1;
        } else {
            runs.push(DigitRun {
                digits,
                start,
                end: i,
            });
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn runs(text: &str) -> Vec<String> {
        digit_runs(&tokenize(text))
            .into_iter()
            .map(|r| r.digits)
            .collect()
    }

    #[test]
    fn digit_by_digit() {
        assert_eq!(
            runs("mi DNI es cuatro cinco dos ocho uno tres seis siete"),
            ["45281367"]
        );
        assert_eq!(runs("cero cinco uno dos tres cuatro cinco"), ["0512345"]);
    }

    #[test]
    fn pairs_and_compounds() {
        assert_eq!(
            runs("cuarenta y cinco, veintiocho, trece, sesenta y siete"),
            ["45281367"]
        );
        assert_eq!(
            runs("cuarenta cinco veintiocho trece sesenta siete"),
            ["45281367"]
        );
        assert_eq!(
            runs(
                "novecientos ochenta y siete, seiscientos cincuenta y cuatro, trescientos veintiuno"
            ),
            ["987654321"]
        );
    }

    #[test]
    fn written_groups_join() {
        assert_eq!(runs("es el 987 654 321 señorita"), ["987654321"]);
        assert_eq!(runs("45-28-13-67"), ["45281367"]);
    }

    #[test]
    fn mixed_written_and_spoken() {
        assert_eq!(runs("4528 trece sesenta y siete"), ["45281367"]);
    }

    #[test]
    fn words_that_are_not_numbers_break_runs() {
        assert_eq!(runs("tengo dos hijos y tres sobrinos"), ["2", "3"]);
        assert!(runs("un momento por favor").is_empty());
    }
}

//! Masking of personal numbers in anything callqa writes: a run of six or more digits, written or
//! spoken ("cuatro cinco dos ocho..."), becomes `[DNI]` when it has 8 digits and `[número]` otherwise
//! (phone numbers, códigos modulares). E-mail addresses (the written channels) become `[correo]`. Quotes are cut from the original text and masked whole, so a
//! cut never leaves part of a number visible.

use std::sync::LazyLock;

use regex::Regex;

use super::normalize::tokenize;
use super::numbers::digit_runs;

const MIN_DIGITS: usize = 6;

/// Written digit runs the token pass cannot see, such as "DNI45281367" or "987.654.321".
static WRITTEN_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d(?:[ .\-]?\d){5,}").expect("static pattern"));

fn placeholder(digits: usize) -> &'static str {
    if digits == 8 { "[DNI]" } else { "[número]" }
}

/// Byte ranges of the personal numbers in `text`. A number read across tokens never spans a colon,
/// bracket or slash: "02:35 (48 s)" is a clock and a duration, not a six-digit number.
fn number_ranges(text: &str) -> Vec<(usize, usize, usize)> {
    let tokens = tokenize(text);
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new();
    let mut segment_start = 0;
    for i in 0..=tokens.len() {
        let hard_break = i == tokens.len()
            || (i > segment_start
                && text[tokens[i - 1].end..tokens[i].start]
                    .contains([':', '(', ')', '/', '[', ']']));
        if !hard_break {
            continue;
        }
        let segment = &tokens[segment_start..i];
        ranges.extend(
            digit_runs(segment)
                .into_iter()
                .filter(|run| run.digits.len() >= MIN_DIGITS)
                .map(|run| {
                    (
                        segment[run.start].start,
                        segment[run.end - 1].end,
                        run.digits.len(),
                    )
                }),
        );
        segment_start = i;
    }
    for m in WRITTEN_DIGITS.find_iter(text) {
        if !ranges
            .iter()
            .any(|(s, e, _)| m.start() < *e && *s < m.end())
        {
            let digits = m.as_str().chars().filter(char::is_ascii_digit).count();
            ranges.push((m.start(), m.end(), digits));
        }
    }
    ranges.sort();
    ranges
}

/// An e-mail address: a local part, `@`, a domain with a dot.
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+").expect("static pattern"));

/// The text with every personal number and e-mail address masked.
pub fn mask(text: &str) -> String {
    let masked = mask_numbers(text);
    if masked.contains('@') {
        EMAIL.replace_all(&masked, "[correo]").into_owned()
    } else {
        masked
    }
}

fn mask_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, digits) in number_ranges(text) {
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(placeholder(digits));
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// A short masked quote of `text` around the byte range `focus`: about `max_chars` characters, cut at
/// word boundaries, with "…" where text was left out.
pub fn quote(text: &str, focus: (usize, usize), max_chars: usize) -> String {
    let text = text.trim();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= max_chars {
        return mask(text);
    }
    let focus_start = focus.0.min(text.len());
    let focus_end = focus.1.clamp(focus_start, text.len());
    // Character positions of the focus, then widen around it to the budget.
    let first = chars
        .iter()
        .position(|(b, _)| *b >= focus_start)
        .unwrap_or(0);
    let last = chars
        .iter()
        .rposition(|(b, _)| *b < focus_end)
        .unwrap_or(first);
    let spare = max_chars.saturating_sub(last + 1 - first);
    let mut lo = first.saturating_sub(spare / 3);
    let mut hi = (last + 1 + spare - (first - lo)).min(chars.len());
    // Never cut through a word.
    while lo > 0 && !chars[lo - 1].1.is_whitespace() {
        lo -= 1;
    }
    while hi < chars.len() && !chars[hi].1.is_whitespace() {
        hi += 1;
    }
    let (mut lo_b, mut hi_b) = (chars[lo].0, chars.get(hi).map_or(text.len(), |c| c.0));
    // Never cut through a number: widen to cover any personal number the window touches.
    for (s, e, _) in number_ranges(text) {
        if s < hi_b && lo_b < e {
            lo_b = lo_b.min(s);
            hi_b = hi_b.max(e);
        }
    }
    let mut quoted = String::new();
    if lo_b > 0 {
        quoted.push('…');
    }
    quoted.push_str(mask(&text[lo_b..hi_b]).trim());
    if hi_b < text.len() {
        quoted.push('…');
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_email_addresses() {
        assert_eq!(
            mask("Escríbame a nelly.condori+ie@gmail.com o a j_p@minedu.gob.pe, DNI 45281367"),
            "Escríbame a [correo] o a [correo], DNI [DNI]"
        );
        assert_eq!(
            mask("un @ suelto y user@localhost"),
            "un @ suelto y user@localhost"
        );
    }

    #[test]
    fn masks_written_and_spoken_numbers() {
        assert_eq!(mask("Mi DNI es 45281367."), "Mi DNI es [DNI].");
        assert_eq!(
            mask("mi dni es cuatro cinco dos ocho uno tres seis siete ya"),
            "mi dni es [DNI] ya"
        );
        assert_eq!(mask("llámeme al 987 654 321"), "llámeme al [número]");
        assert_eq!(mask("llámeme al 987-654-321"), "llámeme al [número]");
        assert_eq!(mask("DNI45281367"), "DNI[DNI]");
        assert_eq!(
            mask("cuarenta y cinco, veintiocho, trece, sesenta y siete"),
            "[DNI]"
        );
    }

    #[test]
    fn leaves_short_numbers_and_words_alone() {
        assert_eq!(
            mask("espere dos minutos, son las 10 y 30"),
            "espere dos minutos, son las 10 y 30"
        );
        assert_eq!(mask("el acta de 2026"), "el acta de 2026");
        assert_eq!(
            mask("la espera de 02:35 (48 s) no fue precedida"),
            "la espera de 02:35 (48 s) no fue precedida"
        );
        assert_eq!(
            mask("a las 10:15:30 (hora de Lima)"),
            "a las 10:15:30 (hora de Lima)"
        );
    }

    #[test]
    fn quote_cuts_at_words_and_never_through_a_number() {
        let text = "Bueno señorita le comento que mi número de DNI es 4528 1367 y el código modular es cero cinco uno dos tres cuatro cinco de la institución educativa";
        let at = text.find("4528").unwrap();
        let q = quote(text, (at, at + 4), 30);
        assert!(q.contains("[DNI]"), "{q}");
        assert!(!q.chars().any(|c| c.is_ascii_digit()), "{q}");
        assert!(q.starts_with('…'));
        let short = quote("Gracias por la espera.", (0, 7), 80);
        assert_eq!(short, "Gracias por la espera.");
    }
}

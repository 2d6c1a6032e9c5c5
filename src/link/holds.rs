//! Holds inferred from a transcript: the operator announces a wait ("un momento, voy a revisar"), then
//! nobody speaks for at least `holds.min_silence_s`, then the operator comes back. The hold runs from the
//! end of the last speech before that silence (usually the caller's "sí, claro") to the start of the
//! operator's first turn back; a caller's "¿aló?" while waiting stays inside it.
//!
//! What counts as speech: every turn except noise, that is turns made only of bracketed sound tags
//! ("[música]", "(ruido)") and short non-operator turns that are only fillers ("mm", "eh") or
//! speech-to-text inventions (`holds.hallucinations`). The link stage has already dropped most
//! inventions; these rules keep a stray one from splitting a hold in two.
//!
//! Which silences are holds: the operator's last or second-to-last turn before the silence announces a
//! wait (`holds.announcements`), or that turn is the operator's check-in from the previous hold (a hold
//! that continues a waiting episode needs no new announcement to exist; whether it was asked for is
//! scored by the hold criteria). A silence that follows the CALLER's words and ends with the operator
//! coming back is a hold too, announced or not: the operator went quiet to work on the query (the
//! caller's "un momentito, voy a buscar" makes it the caller's own pause instead). A silence that ends
//! with a third speaker (a transfer target) is the transfer's ring time when the operator announced a
//! transfer (`transfers.announcements`); after a plain "espere un momento" it is a hold the operator
//! used to call a colleague, and it ends when the colleague answers. Call Analytics NonTalkTime spans of
//! at least the minimum after an announcement are holds too, unless they overlap a hold already found
//! in the turns. Untimed transcripts have no holds.

use crate::facts::CallFacts;
use crate::model::{Hold, Role, Source, Span, Turn};
use crate::text::Analyzed;

/// The holds in a call whose turns already have roles (hallucinated turns removed).
pub fn find_holds(turns: &[Turn], non_talk: &[Span], facts: &CallFacts) -> Vec<Hold> {
    let texts: Vec<Analyzed> = turns.iter().map(|t| Analyzed::new(&t.text)).collect();
    find_holds_in(turns, &texts, non_talk, facts)
}

/// `find_holds` with the turns already analysed (`texts[i]` is `turns[i]`'s text).
pub fn find_holds_in(
    turns: &[Turn],
    texts: &[Analyzed],
    non_talk: &[Span],
    facts: &CallFacts,
) -> Vec<Hold> {
    if turns.is_empty() || turns.iter().any(|t| t.start.is_none() || t.end.is_none()) {
        return Vec::new();
    }
    let timeline = Timeline::new(turns, texts, facts);
    let mut holds = timeline.holds_from_silences();
    for span in non_talk {
        if span.duration() >= facts.hold_min_silence_s
            && !holds
                .iter()
                .any(|h| span.start < h.end && h.start < span.end)
        {
            holds.extend(timeline.hold_from_non_talk(span, &holds));
        }
    }
    holds.sort_by(|a, b| a.start.total_cmp(&b.start));
    holds
}

/// Who ends a silence.
enum Return {
    Operator(usize),
    ThirdParty(usize),
}

/// The turns of a timed call, analysed once.
struct Timeline<'a> {
    turns: &'a [Turn],
    texts: &'a [Analyzed],
    noise: Vec<bool>,
    facts: &'a CallFacts,
}

impl<'a> Timeline<'a> {
    fn new(turns: &'a [Turn], texts: &'a [Analyzed], facts: &'a CallFacts) -> Self {
        let noise = turns
            .iter()
            .zip(texts)
            .map(|(turn, text)| is_noise(turn, text, facts))
            .collect();
        Timeline {
            turns,
            texts,
            noise,
            facts,
        }
    }

    /// Holds read from the silences between speech turns.
    fn holds_from_silences(&self) -> Vec<Hold> {
        let mut holds: Vec<Hold> = Vec::new();
        let mut spoken_until = f64::NEG_INFINITY;
        let mut previous: Option<usize> = None;
        for after in (0..self.turns.len()).filter(|&i| !self.noise[i]) {
            let (gap_start, gap_end) = (spoken_until, start(&self.turns[after]));
            spoken_until = spoken_until.max(end(&self.turns[after]));
            let Some(before) = previous.replace(after) else {
                continue;
            };
            if gap_end - gap_start < self.facts.hold_min_silence_s {
                continue;
            }
            if holds.last().is_some_and(|h| gap_start < h.end) {
                continue; // a second silence inside a hold already found (the caller said "¿aló?" in between)
            }
            let previous_return = holds.last().and_then(|h| h.return_turn);
            let announce_turn = self.announcement(before, previous_return);
            let (back, return_turn) = match self.operator_return(after) {
                Some(Return::Operator(i)) => (i, i),
                // A colleague answers: a hold unless a transfer was announced (its ring time).
                Some(Return::ThirdParty(i))
                    if announce_turn.is_some() && !self.transfer_announced(before) =>
                {
                    match (i + 1..self.turns.len()).find(|&k| self.turns[k].role == Role::Operator)
                    {
                        Some(operator) => (i, operator),
                        None => continue,
                    }
                }
                _ => continue,
            };
            // Unannounced, a silence is a hold only when the operator went quiet after the caller spoke.
            if announce_turn.is_none() && !self.caller_left_waiting(before) {
                continue;
            }
            holds.push(Hold {
                start: gap_start,
                end: start(&self.turns[back]),
                announce_turn,
                return_turn: Some(return_turn),
                source: Source::Transcript,
            });
        }
        holds
    }

    /// The hold a transcriber-reported silence makes, if an announcement precedes it and the operator
    /// comes back after it.
    fn hold_from_non_talk(&self, span: &Span, holds: &[Hold]) -> Option<Hold> {
        let before = (0..self.turns.len())
            .rev()
            .find(|&i| start(&self.turns[i]) < span.start)?;
        let after =
            (before + 1..self.turns.len()).find(|&i| start(&self.turns[i]) >= span.end - 0.5)?;
        let Return::Operator(return_turn) = self.operator_return(after)? else {
            return None;
        };
        let previous_return = holds
            .iter()
            .filter(|h| h.end <= span.start)
            .filter_map(|h| h.return_turn)
            .max();
        let announce_turn = self.announcement(before, previous_return)?;
        Some(Hold {
            start: span.start,
            end: start(&self.turns[return_turn]).max(span.end),
            announce_turn: Some(announce_turn),
            return_turn: Some(return_turn),
            source: Source::Transcript,
        })
    }

    /// Who speaks first from `after` on, other than the caller calling out for the operator ("¿aló?",
    /// "¿señorita, sigue ahí?"): the operator coming back, or a third speaker answering (a transfer
    /// ringing, or a colleague the operator called). The caller carrying on the conversation means both
    /// were waiting for something else (a page loading on the caller's side), not a hold.
    fn operator_return(&self, after: usize) -> Option<Return> {
        for i in (after..self.turns.len()).filter(|&i| !self.noise[i]) {
            match self.turns[i].role {
                Role::Operator => return Some(Return::Operator(i)),
                Role::Other => return Some(Return::ThirdParty(i)),
                Role::Caller | Role::Unknown if is_waiting_call(&self.texts[i], self.facts) => {}
                Role::Caller | Role::Unknown => return None,
            }
        }
        None
    }

    /// Did the operator announce a transfer in their last turns up to `before`?
    fn transfer_announced(&self, before: usize) -> bool {
        (0..=before)
            .rev()
            .filter(|&i| self.turns[i].role == Role::Operator)
            .take(self.facts.hold_announcement_turns)
            .any(|i| self.facts.transfer_announcements.matches(&self.texts[i]))
    }

    /// Was the caller the last to speak before the silence after turn `before`, without announcing a
    /// pause of their own ("un momentito, voy a buscar mi DNI")?
    fn caller_left_waiting(&self, before: usize) -> bool {
        self.turns[before].role == Role::Caller
            && self.turns[..before]
                .iter()
                .any(|t| t.role == Role::Operator)
            && !self.facts.hold_announcements.matches(&self.texts[before])
    }

    /// The operator turn that announced the wait ending at turn `before`: one of the operator's last
    /// `holds.announcement_turns` turns up to `before` (not earlier than the previous hold's return) that
    /// announces a wait, or else the previous hold's return itself (a check-in followed by more waiting).
    fn announcement(&self, before: usize, previous_return: Option<usize>) -> Option<usize> {
        let floor = previous_return.unwrap_or(0);
        let recent: Vec<usize> = (floor..=before)
            .rev()
            .filter(|&i| self.turns[i].role == Role::Operator)
            .take(self.facts.hold_announcement_turns)
            .collect();
        if let Some(&announcing) = recent
            .iter()
            .find(|&&i| self.facts.hold_announcements.matches(&self.texts[i]))
        {
            return Some(announcing);
        }
        previous_return.filter(|r| recent.first() == Some(r))
    }
}

fn start(turn: &Turn) -> f64 {
    turn.start.unwrap_or(0.0)
}

fn end(turn: &Turn) -> f64 {
    turn.end.or(turn.start).unwrap_or(0.0)
}

/// A turn that is not speech: sound tags only, or a short non-operator filler or invention.
fn is_noise(turn: &Turn, text: &Analyzed, facts: &CallFacts) -> bool {
    let untagged = strip_tags(&turn.text);
    if Analyzed::new(&untagged).is_empty() {
        return true;
    }
    if turn.role == Role::Operator || text.len() > facts.hold_noise_max_words {
        return false;
    }
    text.tokens
        .iter()
        .all(|t| facts.hold_fillers.contains(&t.text))
        || facts.hallucinations.matches(text)
}

/// The text without `[...]`, `(...)` and `*...*` sound tags and music notes.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut closing: Option<char> = None;
    for ch in text.chars() {
        match (closing, ch) {
            (Some(c), _) if ch == c => closing = None,
            (Some(_), _) => {}
            (None, '[') => closing = Some(']'),
            (None, '(') => closing = Some(')'),
            (None, '*') => closing = Some('*'),
            (None, '♪' | '♫' | '♬') => {}
            (None, _) => out.push(ch),
        }
    }
    out
}

/// A short turn calling out for the operator, or a lone word ("¿ya?", or a "Gracias." that
/// speech-to-text invents in silence): neither carries the conversation on.
fn is_waiting_call(text: &Analyzed, facts: &CallFacts) -> bool {
    text.len() <= 1
        || text.len() <= facts.hold_waiting_call_max_words
            && text
                .tokens
                .iter()
                .any(|t| facts.hold_waiting_calls.contains(&t.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> &'static CallFacts {
        crate::rubric::Rubric::default_facts()
    }

    fn turns(spec: &[(Role, f64, f64, &str)]) -> Vec<Turn> {
        spec.iter()
            .map(|&(role, start, end, text)| Turn {
                speaker: role.as_str().to_string(),
                role,
                start: Some(start),
                end: Some(end),
                text: text.to_string(),
                line: None,
            })
            .collect()
    }

    use Role::{Caller as C, Operator as O, Other as X};

    #[test]
    fn announced_silence_then_return_is_a_hold_after_the_callers_agreement() {
        let t = turns(&[
            (O, 0.0, 5.0, "Buenos días, bienvenido al SIAGIE"),
            (C, 5.5, 9.0, "no me aparece la matricula de mi alumno"),
            (
                O,
                9.5,
                14.0,
                "Me permite un momento para revisar en el sistema, por favor",
            ),
            (C, 14.2, 15.0, "sí, claro"),
            (O, 75.0, 79.0, "Gracias por la espera, ya lo encontré"),
        ]);
        let holds = find_holds(&t, &[], facts());
        assert_eq!(holds.len(), 1);
        assert_eq!((holds[0].start, holds[0].end), (15.0, 75.0));
        assert_eq!(
            (holds[0].announce_turn, holds[0].return_turn),
            (Some(2), Some(4))
        );
        assert_eq!(holds[0].source, Source::Transcript);
    }

    #[test]
    fn noise_and_a_callers_hello_inside_the_wait_do_not_split_it() {
        let t = turns(&[
            (O, 0.0, 4.0, "un momentito por favor, voy a verificar"),
            (C, 4.2, 5.0, "ya"),
            (C, 30.0, 31.0, "[música]"),
            (C, 40.0, 40.5, "mm"),
            (C, 50.0, 51.0, "¿aló? ¿señorita?"),
            (O, 80.0, 84.0, "sí, disculpe, gracias por esperar"),
        ]);
        let holds = find_holds(&t, &[], facts());
        assert_eq!(holds.len(), 1, "{holds:?}");
        assert_eq!((holds[0].start, holds[0].end), (5.0, 80.0));
        assert_eq!(holds[0].return_turn, Some(5));
    }

    #[test]
    fn a_lone_word_inside_the_wait_does_not_end_it_but_the_caller_carrying_on_does() {
        let mut t = turns(&[
            (O, 0.0, 4.0, "me permite un minuto, voy a verificar"),
            (C, 4.2, 5.0, "sí"),
            (C, 35.0, 35.8, "Gracias."),
            (O, 66.0, 70.0, "gracias por esperar"),
        ]);
        let holds = find_holds(&t, &[], facts());
        assert_eq!(holds.len(), 1, "{holds:?}");
        assert_eq!((holds[0].start, holds[0].end), (5.0, 66.0));
        t[2].text = "ya cargó la página, ya veo la nómina".into();
        t[3].start = Some(38.0);
        t[3].end = Some(42.0);
        assert!(find_holds(&t, &[], facts()).is_empty());
    }

    #[test]
    fn silences_without_announcement_or_return_are_not_holds() {
        let t = turns(&[
            (O, 0.0, 4.0, "le explico cómo registrar la nota"),
            (C, 30.0, 34.0, "ya, entiendo"),
            (O, 35.0, 38.0, "un momento por favor"),
            (C, 38.5, 39.0, "ya"),
            (C, 70.0, 72.0, "aló, aló"),
        ]);
        assert!(find_holds(&t, &[], facts()).is_empty());
    }

    #[test]
    fn a_silence_answered_by_a_third_speaker_is_a_transfer_not_a_hold() {
        let t = turns(&[
            (
                O,
                0.0,
                4.0,
                "le voy a transferir con la UGEL, un momento por favor",
            ),
            (C, 4.5, 5.0, "ya"),
            (X, 40.0, 43.0, "UGEL buenas tardes"),
        ]);
        assert!(find_holds(&t, &[], facts()).is_empty());
    }

    #[test]
    fn a_check_in_followed_by_more_silence_continues_the_episode() {
        let t = turns(&[
            (
                O,
                0.0,
                4.0,
                "me permite un momento, voy a consultar con el área",
            ),
            (C, 4.2, 5.0, "sí"),
            (O, 65.0, 69.0, "señora, sigo con su caso"),
            (C, 69.5, 70.0, "ya"),
            (O, 130.0, 134.0, "gracias por esperar"),
        ]);
        let holds = find_holds(&t, &[], facts());
        assert_eq!(holds.len(), 2, "{holds:?}");
        assert_eq!(holds[1].announce_turn, Some(2));
        assert_eq!((holds[1].start, holds[1].end), (70.0, 130.0));
    }

    #[test]
    fn non_talk_spans_add_holds_without_double_counting() {
        let t = turns(&[
            (O, 0.0, 4.0, "permítame un minuto por favor"),
            (C, 4.5, 5.0, "sí"),
            (O, 40.0, 44.0, "gracias por esperar"),
            (C, 45.0, 60.0, "ya, y otra cosa, no puedo ver las notas"),
            (O, 61.0, 64.0, "un momento, lo reviso"),
            (C, 64.2, 64.6, "ya"),
            (C, 78.0, 79.0, "Gracias."),
            (O, 95.0, 98.0, "gracias por la espera"),
        ]);
        let non_talk = [
            Span {
                start: 5.0,
                end: 40.0,
            },
            Span {
                start: 64.6,
                end: 95.0,
            },
        ];
        let holds = find_holds(&t, &non_talk, facts());
        assert_eq!(holds.len(), 2, "{holds:?}");
        assert_eq!((holds[1].start, holds[1].end), (64.6, 95.0));
        assert_eq!(holds[1].announce_turn, Some(4));
    }

    #[test]
    fn silence_is_measured_from_the_latest_end_of_speech() {
        // The operator's "un momento" falls inside the caller's long turn: only 15 s are silent.
        let t = turns(&[
            (
                C,
                0.0,
                30.0,
                "le explico, la nómina no me deja aprobar porque me falta un alumno que vino trasladado",
            ),
            (O, 5.0, 7.0, "ajá, un momento"),
            (O, 45.0, 49.0, "ya, le explico"),
        ]);
        assert!(find_holds(&t, &[], facts()).is_empty());
    }

    #[test]
    fn untimed_turns_have_no_holds() {
        let mut t = turns(&[
            (O, 0.0, 4.0, "un momento"),
            (O, 60.0, 64.0, "gracias por esperar"),
        ]);
        t[0].start = None;
        assert!(find_holds(&t, &[], facts()).is_empty());
    }
}

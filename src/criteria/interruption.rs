//! Detector `interruption`: the operator lets the caller finish.
//!
//! # What it checks
//! No operator turn starts while a caller turn is still running with an overlap of `min_overlap_s` or
//! more. The overlap is `min(caller end, operator end) - operator start`, for an operator turn that starts
//! after the caller's turn started and before it ended. Interruptions the transcriber reports (Amazon
//! Transcribe Call Analytics, interrupter AGENT) count too, measured the same way against the caller's
//! turns, or by their own length when the turns have no times. Fails on the first interruption, naming
//! how many there were; not applicable when the turns have no times and the transcriber reported nothing.
//!
//! # Why it matters
//! Protocol step 2: listen attentively, without interrupting, until the caller has finished stating the
//! query; do not anticipate what you will hear. A short "ajá" or "sí" over the caller (under the
//! threshold) is active listening, not an interruption.
//!
//! # Parameters
//! - `min_overlap_s`: seconds of overlap from which an operator turn interrupts (1.0).
//!
//! # Example
//! Caller 00:12–00:25 "no me deja registrar las notas del tercer bimestre porque me sale que..."; operator
//! from 00:18 "ya, eso es porque no cerró el periodo" -> fail: 7 s of overlap.

use serde::Deserialize;

use super::{Call, Detector, Finding};
use crate::model::{Outcome, Role};
use crate::text::{clock, quote};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    min_overlap_s: f64,
}

pub fn build(params: toml::Table) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(params)?;
    if !(params.min_overlap_s.is_finite() && params.min_overlap_s > 0.0) {
        return Err(format!(
            "min_overlap_s must be a positive number of seconds, not {}",
            params.min_overlap_s
        ));
    }
    Ok(Box::new(Interruption {
        min_overlap_s: params.min_overlap_s,
    }))
}

struct Interruption {
    min_overlap_s: f64,
}

/// One operator turn that started over a running caller turn.
struct Overlap {
    /// The interrupting operator turn, when known.
    operator_turn: Option<usize>,
    /// The caller turn that was running, when known.
    caller_turn: Option<usize>,
    at: f64,
    seconds: f64,
}

impl Detector for Interruption {
    fn evaluate(&self, call: &Call) -> Finding {
        let reported: Vec<_> = call
            .interaction
            .reported_interruptions
            .iter()
            .filter(|(role, _)| *role == Role::Operator)
            .collect();
        if !call.interaction.timed && reported.is_empty() {
            return Finding::na(
                "la transcripción no tiene tiempos: no se puede medir si el operador interrumpió",
            );
        }
        let mut overlaps = if call.interaction.timed {
            self.overlaps_in_turns(call)
        } else {
            Vec::new()
        };
        for (_, span) in reported {
            let caller_turn = running_turn(call, Role::Caller, span.start);
            let seconds = match caller_turn.and_then(|c| call.turn(c).end) {
                Some(caller_end) => caller_end.min(span.end) - span.start,
                None => span.duration(),
            };
            let operator_turn = nearest_turn(call, Role::Operator, span.start);
            let known = overlaps
                .iter()
                .any(|o| operator_turn.is_some() && o.operator_turn == operator_turn);
            if seconds >= self.min_overlap_s && !known {
                overlaps.push(Overlap {
                    operator_turn,
                    caller_turn,
                    at: span.start,
                    seconds,
                });
            }
        }
        overlaps.sort_by(|a, b| a.at.total_cmp(&b.at));
        let Some(first) = overlaps.first() else {
            let reason = format!(
                "ninguna intervención del operador empezó sobre el usuario con {} o más de superposición",
                seconds_words(self.min_overlap_s)
            );
            return Finding {
                outcome: Outcome::Pass,
                ..Finding::na(reason)
            };
        };
        let said = first
            .caller_turn
            .map(|c| {
                format!(
                    " cuando el usuario decía «{}»",
                    caller_words(call, c, first.at)
                )
            })
            .unwrap_or_default();
        let more = match overlaps.len() {
            1 => String::new(),
            n => format!(" ({n} interrupciones en la llamada)"),
        };
        let reason = format!(
            "a las {} el operador empezó a hablar mientras el usuario seguía hablando ({} de superposición){said}{more}",
            clock(first.at),
            seconds_words(first.seconds),
        );
        Finding::fail(first.operator_turn, reason).at(first.at)
    }
}

impl Interruption {
    /// Operator turns that start over a running caller turn by at least the threshold.
    fn overlaps_in_turns(&self, call: &Call) -> Vec<Overlap> {
        let callers = call.caller_turns();
        let mut overlaps = Vec::new();
        for operator in call.operator_turns() {
            let turn = call.turn(operator);
            let (Some(start), Some(end)) = (turn.start, turn.end) else {
                continue;
            };
            let worst = callers
                .iter()
                .filter_map(|&c| {
                    let caller = call.turn(c);
                    let (c_start, c_end) = (caller.start?, caller.end?);
                    (start > c_start && start < c_end).then(|| (c, c_end.min(end) - start))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((caller_turn, seconds)) = worst.filter(|(_, s)| *s >= self.min_overlap_s) {
                overlaps.push(Overlap {
                    operator_turn: Some(operator),
                    caller_turn: Some(caller_turn),
                    at: start,
                    seconds,
                });
            }
        }
        overlaps
    }
}

/// What the caller was saying when the operator came in: the words of the caller's turn around the
/// moment of the interruption (placed by time within the turn), masked.
fn caller_words(call: &Call, caller: usize, at: f64) -> String {
    let turn = call.turn(caller);
    let text = turn.text.trim();
    let share = match (turn.start, turn.end) {
        (Some(s), Some(e)) if e > s => ((at - s) / (e - s)).clamp(0.0, 1.0),
        _ => 1.0,
    };
    let mut cut = (text.len() as f64 * share) as usize;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut from = cut.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    quote(text, (from, cut.max(from)), 80)
}

/// The turn by `role` running at `at` (started before, ends after), if any.
fn running_turn(call: &Call, role: Role, at: f64) -> Option<usize> {
    call.turns_of(role).into_iter().find(|&i| {
        let turn = call.turn(i);
        matches!((turn.start, turn.end), (Some(s), Some(e)) if s < at && at < e)
    })
}

/// The turn by `role` that starts closest to `at`, if turns have times.
fn nearest_turn(call: &Call, role: Role, at: f64) -> Option<usize> {
    call.turns_of(role)
        .into_iter()
        .filter_map(|i| call.turn(i).start.map(|s| (i, (s - at).abs())))
        .filter(|(_, distance)| *distance <= 2.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// "1,8 s", "1 s".
fn seconds_words(seconds: f64) -> String {
    let tenths = (seconds * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0} s")
    } else {
        format!("{tenths:.1} s").replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::testing::{call, score, untimed};
    use crate::model::Span;

    use Role::{Caller as C, Operator as O};

    #[test]
    fn operator_starting_over_the_caller_fails_with_the_overlap() {
        let interaction = call(&[
            (
                O,
                0.0,
                5.0,
                "Buenos días, SIAGIE, le saluda Rosa Quispe, ¿en qué le puedo ayudar?",
            ),
            (
                C,
                5.5,
                18.0,
                "Mire, no me deja registrar las notas del tercer bimestre porque me sale que el periodo",
            ),
            (
                O,
                14.0,
                19.0,
                "Ya, eso es porque no cerró el periodo anterior",
            ),
        ]);
        let finding = score("no_interruption", &interaction);
        assert_eq!(finding.outcome, Outcome::Fail, "{}", finding.reason);
        assert_eq!(finding.turn, Some(2));
        assert_eq!(finding.at_s, Some(14.0));
        assert!(
            finding.reason.contains("00:14") && finding.reason.contains("4 s"),
            "{}",
            finding.reason
        );
        assert!(
            finding.reason.contains("tercer bimestre"),
            "{}",
            finding.reason
        );
    }

    #[test]
    fn backchannels_under_a_second_pass() {
        let interaction = call(&[
            (O, 0.0, 5.0, "Buenos días, SIAGIE, ¿en qué le puedo ayudar?"),
            (
                C,
                5.5,
                18.0,
                "Mire, no me deja registrar las notas del tercer bimestre",
            ),
            (O, 10.0, 10.6, "ajá"),
            (O, 17.5, 22.0, "Ya, le entiendo, ¿qué mensaje le sale?"),
        ]);
        let finding = score("no_interruption", &interaction);
        assert_eq!(finding.outcome, Outcome::Pass, "{}", finding.reason);
        assert_eq!(finding.turn, None);
    }

    #[test]
    fn untimed_calls_are_not_applicable_unless_interruptions_were_reported() {
        let mut interaction = untimed(&[
            (O, "Buenos días, SIAGIE"),
            (C, "Buenos días, llamo por las notas"),
        ]);
        assert_eq!(score("no_interruption", &interaction).outcome, Outcome::Na);
        interaction.reported_interruptions.push((
            Role::Caller,
            Span {
                start: 3.0,
                end: 6.0,
            },
        ));
        assert_eq!(score("no_interruption", &interaction).outcome, Outcome::Na);
        interaction.reported_interruptions.push((
            Role::Operator,
            Span {
                start: 10.0,
                end: 13.5,
            },
        ));
        let finding = score("no_interruption", &interaction);
        assert_eq!(finding.outcome, Outcome::Fail);
        assert!(finding.reason.contains("00:10"), "{}", finding.reason);
    }

    #[test]
    fn reported_interruptions_are_measured_against_caller_turns() {
        let mut interaction = call(&[
            (O, 0.0, 5.0, "Buenos días, SIAGIE, ¿en qué le puedo ayudar?"),
            (
                C,
                5.5,
                12.0,
                "Quería saber cómo hago el traslado de un alumno",
            ),
            (O, 12.5, 16.0, "Claro, le explico"),
        ]);
        // The transcriber saw the operator talk over the caller from 11.6 s: 0.4 s of overlap.
        interaction.reported_interruptions.push((
            Role::Operator,
            Span {
                start: 11.6,
                end: 16.0,
            },
        ));
        assert_eq!(
            score("no_interruption", &interaction).outcome,
            Outcome::Pass
        );
        interaction.reported_interruptions.push((
            Role::Operator,
            Span {
                start: 9.0,
                end: 16.0,
            },
        ));
        assert_eq!(
            score("no_interruption", &interaction).outcome,
            Outcome::Fail
        );
    }

    #[test]
    fn bad_threshold_is_rejected() {
        let params: toml::Table = toml::from_str("min_overlap_s = 0").unwrap();
        assert!(build(params).is_err());
        let params: toml::Table = toml::from_str("min_overlap_s = 1.0\nextra = 1").unwrap();
        assert!(build(params).is_err());
    }
}

//! Interaction x Rubric -> Scorecard: every criterion's verdict with its evidence (quoted and masked),
//! the weighted score over the criteria that apply, and the call metrics. Pure: no I/O.

use crate::criteria::{Call, Fact, Finding};
use crate::metrics::{Metrics, measure};
use crate::model::{Doubt, Interaction, Outcome, Source, Verdict};
use crate::rubric::Rubric;
use crate::text::{mask, quote};

/// Longest quote kept as evidence, in characters.
const QUOTE_CHARS: usize = 160;

/// One call, scored.
#[derive(Debug, Clone)]
pub struct Scorecard {
    pub interaction: Interaction,
    /// One verdict per rubric criterion, in rubric order.
    pub verdicts: Vec<Verdict>,
    /// 0-100, weighted over the criteria that apply; None when none applies.
    pub score: Option<f64>,
    /// Ids of the critical criteria that failed.
    pub critical_failed: Vec<String>,
    pub metrics: Metrics,
}

impl Scorecard {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.verdicts
            .iter()
            .filter(|v| v.outcome == outcome)
            .count()
    }
}

/// Scores one call against every criterion of the rubric.
pub fn score(interaction: Interaction, rubric: &Rubric) -> Scorecard {
    let call = Call::new(&interaction, &rubric.facts);
    let verdicts: Vec<Verdict> = rubric
        .criteria
        .iter()
        .map(|criterion| {
            let finding = criterion.detector.evaluate(&call);
            let fact = criterion.detector.rests_on();
            let source = witness(&interaction, fact).unwrap_or(finding.source);
            let doubts = doubts(&call, fact, &criterion.detector_kind, &finding);
            let mut verdict = verdict(&call, &criterion.id, Finding { source, ..finding });
            verdict.doubts = doubts;
            verdict
        })
        .collect();
    let (mut earned, mut possible) = (0.0, 0.0);
    let mut critical_failed = Vec::new();
    for (criterion, verdict) in rubric.criteria.iter().zip(&verdicts) {
        match verdict.outcome {
            Outcome::Pass => {
                earned += criterion.weight;
                possible += criterion.weight;
            }
            Outcome::Fail => {
                possible += criterion.weight;
                if criterion.critical {
                    critical_failed.push(criterion.id.clone());
                }
            }
            Outcome::Na => {}
        }
    }
    let score = (possible > 0.0).then(|| (1000.0 * earned / possible).round() / 10.0);
    let metrics = measure(&interaction);
    drop(call);
    Scorecard {
        interaction,
        verdicts,
        score,
        critical_failed,
        metrics,
    }
}

/// The source of the fact a verdict rests on, when that fact came from the PBX.
fn witness(interaction: &Interaction, fact: Fact) -> Option<Source> {
    match fact {
        Fact::Speech => None,
        Fact::Holds => interaction.holds.first().map(|h| h.source),
        Fact::Transfer => interaction.transfer.as_ref().map(|t| t.source),
    }
}

/// A detector's finding as a verdict: the moment, a masked quote, the reason.
fn verdict(call: &Call, criterion: &str, finding: Finding) -> Verdict {
    let turn = finding
        .turn
        .and_then(|i| call.interaction.turns.get(i).map(|t| (i, t)));
    let evidence = match turn {
        Some((_, t)) => match finding.bytes {
            Some(bytes) => quote(&t.text, bytes, QUOTE_CHARS),
            None => quote(&t.text, (0, 0), QUOTE_CHARS),
        },
        None => String::new(),
    };
    Verdict {
        criterion: criterion.to_string(),
        outcome: finding.outcome,
        at_s: finding.at_s.or_else(|| turn.and_then(|(_, t)| t.start)),
        turn: turn.map(|(i, _)| i),
        evidence,
        reason: mask(&finding.reason),
        source: finding.source,
        doubts: Vec::new(),
    }
}

/// A silence this close above the rubric's minimum for a hold is a hold at the threshold.
const HOLD_THRESHOLD_MARGIN_S: f64 = 5.0;
/// A turn this long without any punctuation is read as unpunctuated speech-to-text.
const UNPUNCTUATED_MIN_WORDS: usize = 6;

/// What makes a verdict doubtful, from what callqa knows of the call: who the operator is, the words
/// the verdict rests on, the holds at the rubric's threshold, punctuation, and the PBX's account.
fn doubts(call: &Call, fact: Fact, detector: &str, finding: &Finding) -> Vec<Doubt> {
    let interaction = call.interaction;
    let mut doubts = Vec::new();
    if interaction.roles.confidence < crate::link::CERTAIN_ROLES {
        doubts.push(Doubt::RolesUncertain {
            confidence: interaction.roles.confidence,
        });
    }
    if let (Some(turn), Some(bytes)) = (finding.turn, finding.bytes)
        && let Some(t) = interaction.turns.get(turn)
    {
        let words = call.text(turn).misspelled_in(&t.text, bytes);
        if !words.is_empty() {
            doubts.push(Doubt::Misspelling {
                words: words.iter().map(|w| mask(w)).collect(),
            });
        }
    }
    let unpunctuated =
        |i: usize| !call.sentences[i].punctuated && call.text(i).len() >= UNPUNCTUATED_MIN_WORDS;
    match fact {
        Fact::Speech => {
            let doubtful = match finding.turn.filter(|&i| i < interaction.turns.len()) {
                Some(turn) => unpunctuated(turn),
                None => {
                    let long: Vec<usize> = call
                        .operator_turns()
                        .into_iter()
                        .filter(|&i| call.text(i).len() >= UNPUNCTUATED_MIN_WORDS)
                        .collect();
                    !long.is_empty()
                        && 2 * long.iter().filter(|&&i| unpunctuated(i)).count() > long.len()
                }
            };
            if doubtful {
                doubts.push(Doubt::Unpunctuated);
            }
            if detector == "greeting"
                && let Some(mismatch) = interaction
                    .pbx
                    .as_ref()
                    .and_then(|p| p.operator_mismatch.as_ref())
            {
                doubts.push(Doubt::PbxContradiction {
                    what: mask(mismatch),
                });
            }
        }
        Fact::Holds => {
            let minimum = call.facts.hold_min_silence_s;
            if let Some(hold) = interaction.holds.iter().find(|h| {
                h.source == Source::Transcript && h.duration() < minimum + HOLD_THRESHOLD_MARGIN_S
            }) {
                doubts.push(Doubt::Threshold {
                    what: format!(
                        "un silencio de {:.0} s cuenta como espera desde {minimum:.0} s",
                        hold.duration()
                    ),
                });
            }
            if interaction
                .holds
                .iter()
                .any(|h| h.source != Source::Transcript && h.announce_turn.is_none())
            {
                doubts.push(Doubt::PbxContradiction {
                    what: "la central registra una espera que las palabras no anuncian".into(),
                });
            }
        }
        Fact::Transfer => {
            if let Some(transfer) = &interaction.transfer
                && transfer.source != Source::Transcript
                && transfer.announce_turn.is_none()
            {
                doubts.push(Doubt::PbxContradiction {
                    what: "la central registra una transferencia que las palabras no anuncian"
                        .into(),
                });
            }
        }
    }
    doubts
}

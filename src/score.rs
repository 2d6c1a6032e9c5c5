//! Interaction x Rubric -> Scorecard: every criterion's verdict with its evidence (quoted and masked),
//! the weighted score over the criteria that apply, and the call metrics. Pure: no I/O.

use crate::criteria::{Call, Fact, Finding};
use crate::metrics::{Metrics, measure};
use crate::model::{Interaction, Outcome, Source, Verdict};
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
            let source =
                witness(&interaction, criterion.detector.rests_on()).unwrap_or(finding.source);
            verdict(&call, &criterion.id, Finding { source, ..finding })
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
    }
}

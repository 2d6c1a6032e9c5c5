//! Call metrics beside the verdicts: how long the operator and the caller spoke, time on hold, the
//! operator's longest monologue and how often the operator cut in. Computed from timed turns only.

use crate::model::{Interaction, Role};

/// Metrics of one call; None where the transcript has no times.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metrics {
    pub operator_talk_s: Option<f64>,
    pub caller_talk_s: Option<f64>,
    /// Operator's share of the talk time, 0-1.
    pub operator_talk_ratio: Option<f64>,
    pub hold_s: f64,
    pub holds: usize,
    /// Longest stretch of operator speech with no caller turn in between, in seconds.
    pub longest_operator_monologue_s: Option<f64>,
    /// Operator turns starting over a running caller turn by the rubric's overlap (1 s by default).
    pub interruptions: Option<usize>,
    pub turns: usize,
}

/// Minimum overlap, in seconds, for an interruption when the rubric does not say.
const DEFAULT_OVERLAP_S: f64 = 1.0;

pub fn measure(interaction: &Interaction) -> Metrics {
    let turns = &interaction.turns;
    let mut metrics = Metrics {
        hold_s: round1(interaction.holds.iter().map(|h| h.duration()).sum()),
        holds: interaction.holds.len(),
        turns: turns.len(),
        ..Metrics::default()
    };
    if !interaction.timed {
        return metrics;
    }
    let talk = |role: Role| -> f64 {
        turns
            .iter()
            .filter(|t| t.role == role)
            .filter_map(|t| Some(t.end? - t.start?))
            .sum()
    };
    let (operator, caller) = (talk(Role::Operator), talk(Role::Caller));
    metrics.operator_talk_s = Some(round1(operator));
    metrics.caller_talk_s = Some(round1(caller));
    metrics.operator_talk_ratio = (operator + caller > 0.0)
        .then(|| (operator / (operator + caller) * 1000.0).round() / 1000.0);

    let mut longest: f64 = 0.0;
    let mut run_start: Option<f64> = None;
    let mut run_end = 0.0;
    for t in turns {
        let (Some(start), Some(end)) = (t.start, t.end) else {
            continue;
        };
        match t.role {
            Role::Operator => {
                run_start.get_or_insert(start);
                run_end = f64::max(run_end, end);
                longest = longest.max(run_end - run_start.unwrap_or(start));
            }
            Role::Caller => run_start = None,
            _ => {}
        }
        if run_start.is_none() {
            run_end = 0.0;
        }
    }
    metrics.longest_operator_monologue_s = Some(round1(longest));

    let interruptions = turns
        .iter()
        .filter(|o| o.role == Role::Operator)
        .filter(|o| {
            turns.iter().filter(|c| c.role == Role::Caller).any(|c| {
                match (c.start, c.end, o.start, o.end) {
                    (Some(cs), Some(ce), Some(os), Some(oe)) => {
                        os > cs && os < ce && ce.min(oe) - os >= DEFAULT_OVERLAP_S
                    }
                    _ => false,
                }
            })
        })
        .count();
    metrics.interruptions = Some(interruptions);
    metrics
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

//! The review queue: callqa's low-confidence verdicts, most score-changing first, so a supervisor's
//! hour goes to the verdicts that matter. A verdict's weight on its call is how far the call's score
//! would move if a person judged it otherwise (a pass or a fail turned round; a `na` judged to apply,
//! either way, the larger move); a critical criterion that could turn to fail comes first at equal
//! weight. Built from each call's criteria rows as the call is scored; the results folder keeps the
//! queue (`results::ReviewQueue`, revisar.csv).

use crate::model::Outcome;
use crate::results::{CriterionRow, ReviewRow};

/// How many points (0-100) the call's score moves when `outcome` (weight `weight`) is judged the other
/// way, given the call's earned and possible weight.
pub fn score_impact(outcome: Outcome, weight: f64, earned: f64, possible: f64) -> f64 {
    let score = |e: f64, p: f64| if p > 0.0 { 100.0 * e / p } else { 0.0 };
    let now = if possible > 0.0 {
        score(earned, possible)
    } else {
        100.0
    };
    let moved = |e: f64, p: f64| (score(e, p) - now).abs();
    let change = match outcome {
        Outcome::Pass => moved(earned - weight, possible),
        Outcome::Fail => moved(earned + weight, possible),
        Outcome::Na => {
            moved(earned + weight, possible + weight).max(moved(earned, possible + weight))
        }
    };
    (change * 10.0).round() / 10.0
}

/// One call's rows of revisar.csv, from its criteria rows (in rubric order): every low-confidence
/// verdict with its score impact. The queue's order is `ReviewRow::queue_order`.
pub fn review_rows(call: &[CriterionRow]) -> Vec<ReviewRow> {
    if call.iter().all(|row| row.confidence != "low") {
        return Vec::new();
    }
    let (mut earned, mut possible) = (0.0, 0.0);
    for row in call {
        match Outcome::parse(&row.outcome) {
            Some(Outcome::Pass) => {
                earned += row.weight;
                possible += row.weight;
            }
            Some(Outcome::Fail) => possible += row.weight,
            _ => {}
        }
    }
    call.iter()
        .filter(|row| row.confidence == "low")
        .filter_map(|row| {
            let outcome = Outcome::parse(&row.outcome)?;
            Some(ReviewRow {
                call_id: row.call_id.clone(),
                operator_id: row.operator_id.clone(),
                channel: row.channel.clone(),
                criterion: row.criterion.clone(),
                outcome: row.outcome.clone(),
                critical: row.critical,
                score_impact: score_impact(outcome, row.weight, earned, possible),
                at: row.at.clone(),
                evidence: row.evidence.clone(),
                reason: row.reason.clone(),
                doubts: row.doubts.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impact_is_the_score_move_when_judged_the_other_way() {
        // A call with 20 of 40 points: a pass of weight 8 turned to fail leaves 12/40 = 30 (−20).
        assert_eq!(score_impact(Outcome::Pass, 8.0, 20.0, 40.0), 20.0);
        // A fail of weight 4 turned to pass: 24/40 = 60 (+10).
        assert_eq!(score_impact(Outcome::Fail, 4.0, 20.0, 40.0), 10.0);
        // A na of weight 10 judged to apply: pass 30/50 = 60 (+10) or fail 20/50 = 40 (−10).
        assert_eq!(score_impact(Outcome::Na, 10.0, 20.0, 40.0), 10.0);
        // A na on a call where everything passes: as a fail, 40/50 = 80 (−20).
        assert_eq!(score_impact(Outcome::Na, 10.0, 40.0, 40.0), 20.0);
    }

    #[test]
    fn a_call_gives_its_low_confidence_verdicts_with_their_impact() {
        let row = |criterion: &str, outcome: &str, weight: f64, confidence: &str| CriterionRow {
            call_id: "1".into(),
            criterion: criterion.into(),
            outcome: outcome.into(),
            weight,
            confidence: confidence.into(),
            ..CriterionRow::default()
        };
        let call = [
            row("greeting", "pass", 8.0, "high"),
            row("asked_dni", "pass", 12.0, "low"),
            row("offered_help", "fail", 20.0, "high"),
            row("hold_thanks", "na", 5.0, "low"),
        ];
        let rows = review_rows(&call);
        let got: Vec<(&str, f64)> = rows
            .iter()
            .map(|r| (r.criterion.as_str(), r.score_impact))
            .collect();
        // 20 of 40 points: asked_dni turned to fail leaves 8/40 = 20 (−30); hold_thanks judged to
        // apply moves 50 to 25/45 or 20/45 (±5.6).
        assert_eq!(got, [("asked_dni", 30.0), ("hold_thanks", 5.6)]);
        assert!(review_rows(&call[..1]).is_empty());
    }
}

//! The review queue: callqa's low-confidence verdicts, most score-changing first, so a supervisor's
//! hour goes to the verdicts that matter. A verdict's weight on its call is how far the call's score
//! would move if a person judged it otherwise (a pass or a fail turned round; a `na` judged to apply,
//! either way, the larger move); a critical criterion that could turn to fail comes first at equal
//! weight. Built from criteria rows as the results folder holds them (`revisar.csv`).

use std::collections::BTreeMap;

use crate::model::Outcome;
use crate::results::{Cell, Table};

fn column(table: &Table, name: &str) -> usize {
    table
        .columns
        .iter()
        .position(|c| *c == name)
        .unwrap_or_else(|| panic!("criteria table without column {name}"))
}

fn text(cell: &Cell) -> &str {
    match cell {
        Cell::Text(s) => s,
        _ => "",
    }
}

/// How many points (0-100) the call's score moves when `outcome` (weight `weight`) is judged the other
/// way, given the call's earned and possible weight.
pub fn score_impact(outcome: Outcome, weight: f64, earned: f64, possible: f64) -> f64 {
    let score = |e: f64, p: f64| if p > 0.0 { 100.0 * e / p } else { 0.0 };
    let now = if possible > 0.0 { score(earned, possible) } else { 100.0 };
    let moved = |e: f64, p: f64| (score(e, p) - now).abs();
    let change = match outcome {
        Outcome::Pass => moved(earned - weight, possible),
        Outcome::Fail => moved(earned + weight, possible),
        Outcome::Na => moved(earned + weight, possible + weight).max(moved(earned, possible + weight)),
    };
    (change * 10.0).round() / 10.0
}

pub const REVIEW_COLUMNS: &[&str] = &[
    "call_id",
    "operator_id",
    "channel",
    "criterion",
    "outcome",
    "critical",
    "score_impact",
    "at",
    "evidence",
    "reason",
    "doubts",
];

/// revisar.csv from criteria rows: every low-confidence verdict, most score-changing first.
pub fn review_table(criteria: &Table) -> Table {
    let c = |name| column(criteria, name);
    let (call, outcome, weight, confidence) = (c("call_id"), c("outcome"), c("weight"), c("confidence"));
    let critical = c("critical");
    let mut totals: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for row in &criteria.rows {
        let w = match row[weight] {
            Cell::Float(Some(w)) => w,
            _ => 0.0,
        };
        let entry = totals.entry(text(&row[call])).or_default();
        match Outcome::parse(text(&row[outcome])) {
            Some(Outcome::Pass) => {
                entry.0 += w;
                entry.1 += w;
            }
            Some(Outcome::Fail) => entry.1 += w,
            _ => {}
        }
    }
    let mut queue: Vec<(f64, bool, usize, Vec<Cell>)> = Vec::new();
    for (order, row) in criteria.rows.iter().enumerate() {
        if text(&row[confidence]) != "low" {
            continue;
        }
        let Some(verdict) = Outcome::parse(text(&row[outcome])) else {
            continue;
        };
        let w = match row[weight] {
            Cell::Float(Some(w)) => w,
            _ => 0.0,
        };
        let (earned, possible) = totals[text(&row[call])];
        let impact = score_impact(verdict, w, earned, possible);
        let is_critical = row[critical] == Cell::Bool(true) && verdict != Outcome::Fail;
        let cells = REVIEW_COLUMNS
            .iter()
            .map(|name| match *name {
                "score_impact" => Cell::Float(Some(impact)),
                name => row[column(criteria, name)].clone(),
            })
            .collect();
        queue.push((impact, is_critical, order, cells));
    }
    queue.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| b.1.cmp(&a.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    Table {
        columns: REVIEW_COLUMNS,
        rows: queue.into_iter().map(|(_, _, _, cells)| cells).collect(),
    }
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
}

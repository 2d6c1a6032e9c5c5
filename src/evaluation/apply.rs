//! Supervisors' evaluations applied to a run's results: the rows that replace callqa's (a supervisor's
//! verdict overrides callqa's on a call both scored) and the rows of interactions only a supervisor
//! scored (face to face, phone calls without a recording), scored with the rubric's weights.
//!
//! The output has the schemas of criteria and interactions, so every report reads it the way it reads
//! callqa's rows: `reviewed_criteria` and `reviewed_interactions` in the results folder replace the
//! rows with the same key (call and criterion; call) and add the others. callqa's own criteria.csv is
//! left as callqa scored it. A replaced verdict says so: its `source` is `supervisor` and its reason
//! names the evaluator, the date, the comment and callqa's own verdict.
//!
//! When several supervisors evaluated the same criterion of the same interaction, the latest
//! evaluation (by `evaluated_at`, then by evaluator name) decides, and the reason names the others.

use std::collections::BTreeMap;

use super::{Evaluation, Evaluations};
use crate::link::Roster;
use crate::model::{Channel, Outcome};
use crate::results::{Cell, Table};
use crate::rubric::Catalog;

/// What applying the evaluations produced.
#[derive(Debug, Clone)]
pub struct Applied {
    pub criteria: Table,
    pub interactions: Table,
    /// Verdicts of callqa's that a supervisor changed.
    pub overrides: usize,
    /// Verdicts of callqa's that a supervisor evaluated the same way.
    pub confirmed: usize,
    /// Recorded calls with at least one supervisor's verdict.
    pub reviewed_calls: usize,
    /// Interactions only supervisors scored, per channel.
    pub manual_interactions: BTreeMap<Channel, usize>,
}

/// The Spanish word for a verdict, as reasons write it.
pub fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => "cumple",
        Outcome::Fail => "no cumple",
        Outcome::Na => "no aplica",
    }
}

/// The evaluation that decides, and the other evaluators' verdicts, per (channel, interaction,
/// criterion).
fn decisions(evaluations: &[Evaluation]) -> BTreeMap<(Channel, &str, &str), Vec<&Evaluation>> {
    let mut by_key: BTreeMap<(Channel, &str, &str), Vec<&Evaluation>> = BTreeMap::new();
    for e in evaluations {
        by_key
            .entry((e.channel, e.interaction_id.as_str(), e.criterion.as_str()))
            .or_default()
            .push(e);
    }
    for list in by_key.values_mut() {
        // Latest first; ties by evaluator name.
        list.sort_by(|a, b| {
            b.evaluated_at
                .cmp(&a.evaluated_at)
                .then_with(|| a.evaluator.cmp(&b.evaluator))
        });
    }
    by_key
}

/// The reason a supervisor-decided verdict carries.
fn supervisor_reason(decided: &[&Evaluation], callqa: Option<(Outcome, &str)>) -> String {
    let first = decided[0];
    let mut reason = format!("Evaluación de {}", first.evaluator);
    if !first.evaluated_at.is_empty() {
        reason.push_str(&format!(" ({})", first.evaluated_at));
    }
    reason.push_str(&format!(": {}", outcome_word(first.outcome)));
    if !first.comment.is_empty() {
        reason.push_str(&format!(". «{}»", first.comment));
    }
    for other in &decided[1..] {
        reason.push_str(&format!(
            ". También evaluó {}: {}",
            other.evaluator,
            outcome_word(other.outcome)
        ));
    }
    if let Some((outcome, why)) = callqa {
        if outcome == first.outcome {
            reason.push_str(&format!(". callqa coincide ({})", outcome_word(outcome)));
        } else {
            reason.push_str(&format!(". callqa había dado {}", outcome_word(outcome)));
            if !why.is_empty() {
                reason.push_str(&format!(": {why}"));
            }
        }
    }
    reason
}

fn column(table: &Table, name: &str) -> usize {
    table
        .columns
        .iter()
        .position(|c| *c == name)
        .unwrap_or_else(|| panic!("results table without column {name}"))
}

fn text(cell: &Cell) -> &str {
    match cell {
        Cell::Text(s) => s,
        _ => "",
    }
}

/// 0-100 weighted over the verdicts that apply, one decimal; the critical criteria failed.
fn score(verdicts: &[(Outcome, f64, bool, String)]) -> (Option<f64>, Vec<String>) {
    let (mut earned, mut possible) = (0.0, 0.0);
    let mut critical = Vec::new();
    for (outcome, weight, is_critical, id) in verdicts {
        match outcome {
            Outcome::Pass => {
                earned += weight;
                possible += weight;
            }
            Outcome::Fail => {
                possible += weight;
                if *is_critical {
                    critical.push(id.clone());
                }
            }
            Outcome::Na => {}
        }
    }
    (
        (possible > 0.0).then(|| (1000.0 * earned / possible).round() / 10.0),
        critical,
    )
}

/// Applies the evaluations to callqa's tables (rows in their final order).
pub fn apply(
    evaluations: &Evaluations,
    criteria: &Table,
    interactions: &Table,
    catalog: &Catalog,
    roster: &Roster,
) -> Applied {
    let decided = decisions(&evaluations.rows);
    let mut out = Applied {
        criteria: Table {
            columns: criteria.columns,
            rows: Vec::new(),
        },
        interactions: Table {
            columns: interactions.columns,
            rows: Vec::new(),
        },
        overrides: 0,
        confirmed: 0,
        reviewed_calls: 0,
        manual_interactions: BTreeMap::new(),
    };
    let c = |name| column(criteria, name);
    let (call_col, criterion_col, outcome_col) = (c("call_id"), c("criterion"), c("outcome"));
    let (reason_col, source_col, weight_col) = (c("reason"), c("source"), c("weight"));
    let critical_col = c("critical");

    // Recorded calls: callqa's rows, some replaced.
    let mut calls: BTreeMap<&str, Vec<(Outcome, f64, bool, String)>> = BTreeMap::new();
    let mut touched: Vec<&str> = Vec::new();
    for row in &criteria.rows {
        let call = text(&row[call_col]);
        let criterion = text(&row[criterion_col]);
        let callqa = Outcome::parse(text(&row[outcome_col])).unwrap_or(Outcome::Na);
        let weight = match row[weight_col] {
            Cell::Float(Some(w)) => w,
            _ => 0.0,
        };
        let critical = row[critical_col] == Cell::Bool(true);
        let mut outcome = callqa;
        if let Some(list) = decided.get(&(Channel::Telefono, call, criterion)) {
            outcome = list[0].outcome;
            if outcome == callqa {
                out.confirmed += 1;
            } else {
                out.overrides += 1;
            }
            let mut replaced = row.clone();
            replaced[outcome_col] = Cell::Text(outcome.as_str().into());
            replaced[reason_col] = Cell::Text(crate::text::mask(&supervisor_reason(
                list,
                Some((callqa, text(&row[reason_col]))),
            )));
            replaced[source_col] = Cell::Text(crate::model::Source::Supervisor.as_str().into());
            out.criteria.rows.push(replaced);
            if touched.last() != Some(&call) {
                touched.push(call);
            }
        }
        calls
            .entry(call)
            .or_default()
            .push((outcome, weight, critical, criterion.to_string()));
    }
    out.reviewed_calls = touched.len();
    let i = |name| column(interactions, name);
    let interaction_call = i("call_id");
    for row in &interactions.rows {
        let call = text(&row[interaction_call]);
        if !touched.contains(&call) {
            continue;
        }
        let (score, critical) = score(&calls[call]);
        let mut replaced = row.clone();
        set_scores(&mut replaced, interactions, score, &critical, &calls[call]);
        out.interactions.rows.push(replaced);
    }

    // Interactions only supervisors scored.
    let mut manual: BTreeMap<(Channel, &str), Vec<&Evaluation>> = BTreeMap::new();
    for e in evaluations.rows.iter().filter(|e| !e.recorded) {
        manual
            .entry((e.channel, e.interaction_id.as_str()))
            .or_default()
            .push(e);
    }
    for ((channel, id), list) in manual {
        let first = list[0];
        let operator = roster.operators.iter().find(|o| o.id == first.operator_id);
        let mut verdicts = Vec::new();
        for spec in catalog.for_channel(channel) {
            let (outcome, reason) = match decided.get(&(channel, id, spec.id.as_str())) {
                Some(decision) => (decision[0].outcome, supervisor_reason(decision, None)),
                None => (Outcome::Na, "no evaluado por el supervisor".to_string()),
            };
            verdicts.push((outcome, spec.weight, spec.critical, spec.id.clone()));
            out.criteria.rows.push(
                criteria
                    .columns
                    .iter()
                    .map(|name| match *name {
                        "call_id" => Cell::Text(id.to_string()),
                        "operator_id" => Cell::Text(first.operator_id.clone()),
                        "channel" => Cell::Text(channel.as_str().into()),
                        "criterion" => Cell::Text(spec.id.clone()),
                        "section" => Cell::Text(spec.section.clone()),
                        "outcome" => Cell::Text(outcome.as_str().into()),
                        "critical" => Cell::Bool(spec.critical),
                        "weight" => Cell::Float(Some(spec.weight)),
                        "at_s" => Cell::Float(None),
                        "reason" => Cell::Text(crate::text::mask(&reason)),
                        "source" => Cell::Text(crate::model::Source::Supervisor.as_str().into()),
                        "confidence" => Cell::Text("high".into()),
                        _ => Cell::Text(String::new()),
                    })
                    .collect(),
            );
        }
        let (score, critical) = score(&verdicts);
        let mut row: Vec<Cell> = interactions
            .columns
            .iter()
            .map(|name| match *name {
                "call_id" => Cell::Text(id.to_string()),
                "operator_id" => Cell::Text(first.operator_id.clone()),
                "operator_name" => Cell::Text(operator.map(|o| o.name.clone()).unwrap_or_default()),
                "team" => Cell::Text(operator.map(|o| o.team.clone()).unwrap_or_default()),
                "operator_source" => Cell::Text("evaluation".into()),
                "channel" => Cell::Text(channel.as_str().into()),
                "started_at" => Cell::Text(first.started_at.clone()),
                "format" => Cell::Text("evaluation".into()),
                "source_file" => Cell::Text(first.source_file.clone()),
                name => empty_cell(name),
            })
            .collect();
        set_scores(&mut row, interactions, score, &critical, &verdicts);
        out.interactions.rows.push(row);
        *out.manual_interactions.entry(channel).or_default() += 1;
    }
    out
}

fn set_scores(
    row: &mut [Cell],
    table: &Table,
    score: Option<f64>,
    critical: &[String],
    verdicts: &[(Outcome, f64, bool, String)],
) {
    let count = |o: Outcome| Cell::Int(Some(verdicts.iter().filter(|v| v.0 == o).count() as i64));
    row[column(table, "score")] = Cell::Float(score);
    row[column(table, "critical_failed")] = Cell::Text(critical.join(";"));
    row[column(table, "n_pass")] = count(Outcome::Pass);
    row[column(table, "n_fail")] = count(Outcome::Fail);
    row[column(table, "n_na")] = count(Outcome::Na);
}

/// The empty value of an interactions column an evaluation has nothing for, typed as callqa writes it.
fn empty_cell(column: &str) -> Cell {
    match column {
        "n_pass" | "n_fail" | "n_na" | "turns" | "holds" | "interruptions" => Cell::Int(None),
        "roles_uncertain" | "transferred" | "pbx_linked" => Cell::Bool(false),
        "duration_s" | "score" | "role_confidence" | "operator_talk_s" | "caller_talk_s"
        | "operator_talk_ratio" | "hold_s" | "longest_operator_monologue_s" | "queue_wait_s" => {
            Cell::Float(None)
        }
        _ => Cell::Text(String::new()),
    }
}

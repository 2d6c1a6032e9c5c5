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

use std::collections::{BTreeMap, BTreeSet};

use super::{BadRow, Evaluation};
use crate::link::Roster;
use crate::model::{Channel, Outcome, Problem, Source};
use crate::results::{CriterionRow, InteractionRow};
use crate::rubric::Catalog;

/// A call's verdicts as scoring needs them: outcome, weight, critical, criterion id.
type Verdicts = Vec<(Outcome, f64, bool, String)>;

/// Applies one part's evaluations as its calls are scored: `call` gives a scored call's rows with
/// the supervisors' verdicts in place, `finish` the interactions only supervisors scored.
#[derive(Debug, Default)]
pub struct Applier {
    /// Evaluations of recorded calls: call id -> criterion -> the decision first (see `decisions`).
    recorded: BTreeMap<String, BTreeMap<String, Vec<Evaluation>>>,
    /// Evaluations of interactions callqa did not score.
    manual: Vec<Evaluation>,
    /// Recorded calls whose rows came.
    seen: BTreeSet<String>,
    overrides: usize,
    confirmed: usize,
    reviewed_calls: usize,
}

/// What applying a part's evaluations produced besides the rows of its scored calls.
#[derive(Debug, Clone, Default)]
pub struct Supervised {
    /// Interactions only supervisors scored, by channel and id: their criteria rows (the channel's
    /// criteria in rubric order) and their interaction row.
    pub manual: Vec<(Vec<CriterionRow>, InteractionRow)>,
    /// Evaluations of calls listed under DATA/transcripts/ whose transcript was not scored.
    pub unscored: Vec<BadRow>,
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

/// Latest first (by `evaluated_at`); ties by evaluator name: the first decides.
fn decisions(list: &mut [Evaluation]) {
    list.sort_by(|a, b| {
        b.evaluated_at
            .cmp(&a.evaluated_at)
            .then_with(|| a.evaluator.cmp(&b.evaluator))
    });
}

/// The reason a supervisor-decided verdict carries.
fn supervisor_reason(decided: &[Evaluation], callqa: Option<(Outcome, &str)>) -> String {
    let first = &decided[0];
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

/// 0-100 weighted over the verdicts that apply, one decimal; the critical criteria failed.
fn score(verdicts: &Verdicts) -> (Option<f64>, Vec<String>) {
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

impl Applier {
    /// The applier of `evaluations` (one part's: a sharded run keeps the evaluations of its own
    /// interactions).
    pub fn new(evaluations: impl IntoIterator<Item = Evaluation>) -> Applier {
        let mut applier = Applier::default();
        for e in evaluations {
            if e.recorded {
                applier
                    .recorded
                    .entry(e.interaction_id.clone())
                    .or_default()
                    .entry(e.criterion.clone())
                    .or_default()
                    .push(e);
            } else {
                applier.manual.push(e);
            }
        }
        for list in applier.recorded.values_mut().flat_map(|c| c.values_mut()) {
            decisions(list);
        }
        applier
    }

    /// A scored call's rows with the supervisors' verdicts in place (`source` `supervisor`, the reason
    /// saying who and what callqa had said) and its interaction row rescored; None when no supervisor
    /// evaluated the call.
    pub fn call(
        &mut self,
        criteria: &[CriterionRow],
        interaction: &InteractionRow,
    ) -> Option<(Vec<CriterionRow>, InteractionRow)> {
        let decided = self.recorded.get(&interaction.call_id)?;
        self.seen.insert(interaction.call_id.clone());
        let mut replaced = Vec::new();
        let mut verdicts: Verdicts = Vec::new();
        for row in criteria {
            let callqa = Outcome::parse(&row.outcome).unwrap_or(Outcome::Na);
            let mut outcome = callqa;
            if let Some(list) = decided.get(&row.criterion) {
                outcome = list[0].outcome;
                if outcome == callqa {
                    self.confirmed += 1;
                } else {
                    self.overrides += 1;
                }
                replaced.push(CriterionRow {
                    outcome: outcome.as_str().into(),
                    reason: crate::text::mask(&supervisor_reason(
                        list,
                        Some((callqa, &row.reason)),
                    )),
                    source: Source::Supervisor.as_str().into(),
                    ..row.clone()
                });
            }
            verdicts.push((outcome, row.weight, row.critical, row.criterion.clone()));
        }
        if replaced.is_empty() {
            return None;
        }
        self.reviewed_calls += 1;
        let mut rescored = interaction.clone();
        set_scores(&mut rescored, &verdicts);
        Some((replaced, rescored))
    }

    /// The interactions only supervisors scored (scored with the weights of their channel's criteria),
    /// and the evaluations of recorded calls that never came (their transcript was rejected).
    pub fn finish(self, catalog: &Catalog, roster: &Roster) -> Supervised {
        let mut out = Supervised {
            overrides: self.overrides,
            confirmed: self.confirmed,
            reviewed_calls: self.reviewed_calls,
            ..Supervised::default()
        };
        for (call_id, criteria) in &self.recorded {
            if self.seen.contains(call_id) {
                continue;
            }
            for e in criteria.values().flatten() {
                out.unscored.push(BadRow {
                    source_file: e.source_file.clone(),
                    row: Some(e.row),
                    code: Problem::UnscoredCall,
                    reason: format!(
                        "la llamada `{call_id}` no se calificó (su transcripción figura en \
                         rejected.csv): esta evaluación no tiene un veredicto de callqa que reemplazar"
                    ),
                });
            }
        }
        out.unscored.sort();

        // Per interaction: its first evaluation (in evaluations.csv's order: it gives the operator,
        // the date and the file) and the evaluations of each criterion.
        type Manual<'e> = (&'e Evaluation, BTreeMap<&'e str, Vec<Evaluation>>);
        let mut manual: BTreeMap<(Channel, &str), Manual> = BTreeMap::new();
        for e in &self.manual {
            manual
                .entry((e.channel, e.interaction_id.as_str()))
                .or_insert_with(|| (e, BTreeMap::new()))
                .1
                .entry(e.criterion.as_str())
                .or_default()
                .push(e.clone());
        }
        for ((channel, id), (first, mut decided)) in manual {
            decided.values_mut().for_each(|list| decisions(list));
            let operator = roster.operators.iter().find(|o| o.id == first.operator_id);
            let mut verdicts: Verdicts = Vec::new();
            let mut criteria = Vec::new();
            for spec in catalog.for_channel(channel) {
                let (outcome, reason) = match decided.get(spec.id.as_str()) {
                    Some(list) => (list[0].outcome, supervisor_reason(list, None)),
                    None => (Outcome::Na, "no evaluado por el supervisor".to_string()),
                };
                verdicts.push((outcome, spec.weight, spec.critical, spec.id.clone()));
                criteria.push(CriterionRow {
                    call_id: id.to_string(),
                    operator_id: first.operator_id.clone(),
                    channel: channel.as_str().into(),
                    criterion: spec.id.clone(),
                    section: spec.section.clone(),
                    outcome: outcome.as_str().into(),
                    critical: spec.critical,
                    weight: spec.weight,
                    reason: crate::text::mask(&reason),
                    source: Source::Supervisor.as_str().into(),
                    confidence: "high".into(),
                    ..CriterionRow::default()
                });
            }
            let mut interaction = InteractionRow {
                call_id: id.to_string(),
                operator_id: first.operator_id.clone(),
                operator_name: operator.map(|o| o.name.clone()).unwrap_or_default(),
                team: operator.map(|o| o.team.clone()).unwrap_or_default(),
                operator_source: "evaluation".into(),
                channel: channel.as_str().into(),
                started_at: first.started_at.clone(),
                format: "evaluation".into(),
                source_file: first.source_file.clone(),
                ..InteractionRow::default()
            };
            set_scores(&mut interaction, &verdicts);
            out.manual.push((criteria, interaction));
            *out.manual_interactions.entry(channel).or_default() += 1;
        }
        out
    }
}

/// The score, critical criteria failed and counts of `verdicts`, into an interaction row.
fn set_scores(row: &mut InteractionRow, verdicts: &Verdicts) {
    let (score, critical) = score(verdicts);
    let count = |o: Outcome| verdicts.iter().filter(|v| v.0 == o).count();
    row.score = score;
    row.critical_failed = critical.join(";");
    row.n_pass = count(Outcome::Pass);
    row.n_fail = count(Outcome::Fail);
    row.n_na = count(Outcome::Na);
}

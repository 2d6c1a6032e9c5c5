//! Calibration: how often callqa agrees with the supervisors, and the supervisors with each other.
//!
//! Raters are `callqa` and every evaluator. For every pair (callqa with each evaluator on the recorded
//! calls the evaluator scored; evaluator with evaluator on the interactions both scored, any channel),
//! per criterion and over all criteria (`ALL`): the number of verdicts both gave, percent agreement,
//! Cohen's kappa over pass/fail/na with its 95 % interval, and the confusion matrix. When three or
//! more raters scored the same verdicts, Fleiss' kappa over those. Every verdict where callqa and an
//! evaluator disagree is kept with callqa's quote, time and reason and the evaluator's comment: what a
//! calibration meeting walks through. Pure: the caller reads the files and writes the outputs.

pub mod kappa;

use std::collections::{BTreeMap, BTreeSet};

use kappa::{Agreement, CATEGORIES, Confusion, cohen, fleiss};

use crate::evaluation::{Evaluation, Evaluations};
use crate::model::{Channel, Outcome};
use crate::results::CalibrationRow;

/// callqa's rater name.
pub const CALLQA: &str = "callqa";
/// The criterion of the rows over every criterion.
pub const ALL: &str = "ALL";

/// callqa's verdict on one criterion of one call, as the results folder holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct CallqaVerdict {
    pub call_id: String,
    pub operator_id: String,
    pub criterion: String,
    pub outcome: Outcome,
    pub at: String,
    pub evidence: String,
    pub reason: String,
    /// `high` or `low` (empty in results written before confidence existed).
    pub confidence: String,
}

/// Which statistic a row carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Statistic {
    Cohen,
    Fleiss,
}

impl Statistic {
    pub fn as_str(self) -> &'static str {
        match self {
            Statistic::Cohen => "cohen",
            Statistic::Fleiss => "fleiss",
        }
    }
}

/// One line of calibration.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRow {
    pub rater_a: String,
    /// Empty for Fleiss' rows (`rater_a` lists every rater then).
    pub rater_b: String,
    pub criterion: String,
    pub statistic: Statistic,
    pub agreement: Agreement,
    /// Cohen rows only.
    pub confusion: Option<Confusion>,
}

/// A verdict where callqa and an evaluator disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub callqa: CallqaVerdict,
    pub evaluation: Evaluation,
}

/// Everything a calibration produced.
#[derive(Debug, Clone, Default)]
pub struct Calibration {
    pub rows: Vec<PairRow>,
    /// By criterion (rubric order), call and evaluator.
    pub disagreements: Vec<Disagreement>,
    pub evaluators: Vec<String>,
    /// Criterion ids in the order rows use.
    pub criteria: Vec<String>,
}

/// Computes the calibration. `callqa` holds callqa's verdicts (at least those of the evaluated calls);
/// `criterion_order` orders the rows (ids it lacks go last, by name).
pub fn calibrate(
    callqa: &[CallqaVerdict],
    evaluations: &Evaluations,
    criterion_order: &[String],
) -> Calibration {
    let callqa_by_key: BTreeMap<(&str, &str), &CallqaVerdict> = callqa
        .iter()
        .map(|v| ((v.call_id.as_str(), v.criterion.as_str()), v))
        .collect();
    let evaluators = evaluations.evaluators();
    // Every rater's verdict per item (channel, interaction, criterion).
    type Item<'a> = (Channel, &'a str, &'a str);
    let mut ratings: BTreeMap<Item, BTreeMap<&str, Outcome>> = BTreeMap::new();
    for e in &evaluations.rows {
        let item = (e.channel, e.interaction_id.as_str(), e.criterion.as_str());
        let raters = ratings.entry(item).or_default();
        raters.insert(e.evaluator.as_str(), e.outcome);
        if e.recorded
            && let Some(v) = callqa_by_key.get(&(e.interaction_id.as_str(), e.criterion.as_str()))
        {
            raters.insert(CALLQA, v.outcome);
        }
    }
    let mut criteria: Vec<String> = criterion_order
        .iter()
        .filter(|id| ratings.keys().any(|(_, _, c)| c == id))
        .cloned()
        .collect();
    let extra: BTreeSet<&str> = ratings
        .keys()
        .map(|(_, _, c)| *c)
        .filter(|c| !criterion_order.iter().any(|id| id == c))
        .collect();
    criteria.extend(extra.into_iter().map(String::from));

    let mut pairs: Vec<(String, String)> = evaluators
        .iter()
        .map(|e| (CALLQA.to_string(), e.clone()))
        .collect();
    for (i, a) in evaluators.iter().enumerate() {
        for b in &evaluators[i + 1..] {
            pairs.push((a.clone(), b.clone()));
        }
    }
    let mut rows = Vec::new();
    for (a, b) in &pairs {
        let mut per_criterion: BTreeMap<&str, Confusion> = BTreeMap::new();
        let mut all = Confusion::default();
        for ((_, _, criterion), raters) in &ratings {
            if let (Some(&va), Some(&vb)) = (raters.get(a.as_str()), raters.get(b.as_str())) {
                per_criterion.entry(criterion).or_default().add(va, vb);
                all.add(va, vb);
            }
        }
        for criterion in criteria.iter().map(String::as_str).chain([ALL]) {
            let confusion = if criterion == ALL {
                all
            } else {
                match per_criterion.get(criterion) {
                    Some(c) => *c,
                    None => continue,
                }
            };
            if let Some(agreement) = cohen(&confusion) {
                rows.push(PairRow {
                    rater_a: a.clone(),
                    rater_b: b.clone(),
                    criterion: criterion.to_string(),
                    statistic: Statistic::Cohen,
                    agreement,
                    confusion: Some(confusion),
                });
            }
        }
    }
    rows.extend(fleiss_rows(&ratings, &evaluators, &criteria));

    let rank = |id: &str| criteria.iter().position(|c| c == id).unwrap_or(usize::MAX);
    let mut disagreements: Vec<Disagreement> = evaluations
        .rows
        .iter()
        .filter(|e| e.recorded)
        .filter_map(|e| {
            let v = callqa_by_key.get(&(e.interaction_id.as_str(), e.criterion.as_str()))?;
            (v.outcome != e.outcome).then(|| Disagreement {
                callqa: (*v).clone(),
                evaluation: e.clone(),
            })
        })
        .collect();
    disagreements.sort_by(|x, y| {
        (
            rank(&x.callqa.criterion),
            &x.callqa.call_id,
            &x.evaluation.evaluator,
        )
            .cmp(&(
                rank(&y.callqa.criterion),
                &y.callqa.call_id,
                &y.evaluation.evaluator,
            ))
    });
    Calibration {
        rows,
        disagreements,
        evaluators,
        criteria,
    }
}

/// Fleiss' kappa over the items every rater scored, when there are three or more raters.
fn fleiss_rows(
    ratings: &BTreeMap<(Channel, &str, &str), BTreeMap<&str, Outcome>>,
    evaluators: &[String],
    criteria: &[String],
) -> Vec<PairRow> {
    let raters: Vec<&str> = std::iter::once(CALLQA)
        .chain(evaluators.iter().map(String::as_str))
        .collect();
    if raters.len() < 3 {
        return Vec::new();
    }
    let mut per_criterion: BTreeMap<&str, Vec<[u64; 3]>> = BTreeMap::new();
    for ((_, _, criterion), given) in ratings {
        if !raters.iter().all(|r| given.contains_key(r)) {
            continue;
        }
        let mut counts = [0u64; 3];
        for outcome in given.values() {
            let j = CATEGORIES.iter().position(|c| c == outcome).unwrap_or(2);
            counts[j] += 1;
        }
        per_criterion.entry(criterion).or_default().push(counts);
    }
    let all: Vec<[u64; 3]> = per_criterion.values().flatten().copied().collect();
    let label = raters.join(" + ");
    criteria
        .iter()
        .map(String::as_str)
        .chain([ALL])
        .filter_map(|criterion| {
            let items = if criterion == ALL {
                all.as_slice()
            } else {
                per_criterion.get(criterion)?.as_slice()
            };
            let (mean, kappa) = fleiss(items)?;
            Some(PairRow {
                rater_a: label.clone(),
                rater_b: String::new(),
                criterion: criterion.to_string(),
                statistic: Statistic::Fleiss,
                agreement: Agreement {
                    n: items.len() as u64,
                    agreement: mean,
                    expected: f64::NAN,
                    kappa,
                    se: None,
                    low: None,
                    high: None,
                },
                confusion: None,
            })
        })
        .collect()
}

fn round4(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite())
        .map(|v| (v * 10_000.0).round() / 10_000.0)
}

/// The rows of calibration.csv: the pair, the criterion, n, agreement and kappa with its interval,
/// the statistic, and the confusion matrix (rater A's verdict first).
pub fn calibration_rows(calibration: &Calibration) -> Vec<CalibrationRow> {
    calibration
        .rows
        .iter()
        .map(|row| {
            let a = &row.agreement;
            let cell = |x: Outcome, y: Outcome| row.confusion.map(|c| c.get(x, y));
            use Outcome::{Fail, Na, Pass};
            CalibrationRow {
                rater_a: row.rater_a.clone(),
                rater_b: row.rater_b.clone(),
                criterion: row.criterion.clone(),
                n: a.n,
                agreement: round4(Some(a.agreement)),
                kappa: round4(a.kappa),
                kappa_low: round4(a.low),
                kappa_high: round4(a.high),
                statistic: row.statistic.as_str().into(),
                pass_pass: cell(Pass, Pass),
                pass_fail: cell(Pass, Fail),
                pass_na: cell(Pass, Na),
                fail_pass: cell(Fail, Pass),
                fail_fail: cell(Fail, Fail),
                fail_na: cell(Fail, Na),
                na_pass: cell(Na, Pass),
                na_fail: cell(Na, Fail),
                na_na: cell(Na, Na),
            }
        })
        .collect()
}

/// The bar a rubric change must clear: criteria where callqa agrees with an evaluator less than this.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bar {
    pub min_kappa: Option<f64>,
    pub min_agreement: Option<f64>,
}

/// The callqa rows below the bar, as sentences naming criterion, evaluator and figure. A kappa that is
/// undefined (every verdict in one category) is judged by agreement alone.
pub fn below_bar(calibration: &Calibration, bar: Bar) -> Vec<String> {
    let mut out = Vec::new();
    for row in calibration
        .rows
        .iter()
        .filter(|r| r.statistic == Statistic::Cohen && r.rater_a == CALLQA)
    {
        let a = &row.agreement;
        if let (Some(min), Some(kappa)) = (bar.min_kappa, a.kappa)
            && kappa < min
        {
            out.push(format!(
                "{} (callqa vs {}): kappa {:.3} < {min} over {} verdicts",
                row.criterion, row.rater_b, kappa, a.n
            ));
        }
        if let Some(min) = bar.min_agreement
            && a.agreement < min
        {
            out.push(format!(
                "{} (callqa vs {}): agreement {:.3} < {min} over {} verdicts",
                row.criterion, row.rater_b, a.agreement, a.n
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Row;

    fn verdict(call: &str, criterion: &str, outcome: Outcome) -> CallqaVerdict {
        CallqaVerdict {
            call_id: call.into(),
            operator_id: "op01".into(),
            criterion: criterion.into(),
            outcome,
            at: "00:03".into(),
            evidence: "Buenos días".into(),
            reason: String::new(),
            confidence: "high".into(),
        }
    }

    fn evaluation(evaluator: &str, call: &str, criterion: &str, outcome: Outcome) -> Evaluation {
        Evaluation {
            interaction_id: call.into(),
            channel: Channel::Telefono,
            criterion: criterion.into(),
            outcome,
            evaluator: evaluator.into(),
            evaluated_at: "2026-11-30".into(),
            comment: String::new(),
            operator_id: String::new(),
            started_at: String::new(),
            recorded: true,
            source_file: "e.csv".into(),
            row: 2,
        }
    }

    #[test]
    fn pairs_per_criterion_and_all_with_fleiss_for_three_raters() {
        use Outcome::*;
        let callqa = vec![
            verdict("1", "greeting", Pass),
            verdict("2", "greeting", Fail),
            verdict("3", "greeting", Pass),
            verdict("1", "asked_dni", Pass),
            verdict("2", "asked_dni", Pass),
        ];
        let rows = vec![
            evaluation("Ana", "1", "greeting", Pass),
            evaluation("Ana", "2", "greeting", Fail),
            evaluation("Ana", "3", "greeting", Fail),
            evaluation("Ana", "1", "asked_dni", Pass),
            evaluation("Ana", "2", "asked_dni", Na),
            evaluation("Beto", "1", "greeting", Pass),
            evaluation("Beto", "2", "greeting", Pass),
            evaluation("Beto", "3", "greeting", Fail),
        ];
        let evaluations = Evaluations {
            rows,
            bad: Vec::new(),
        };
        let order = vec!["greeting".to_string(), "asked_dni".to_string()];
        let c = calibrate(&callqa, &evaluations, &order);
        let find = |a: &str, b: &str, criterion: &str| {
            c.rows
                .iter()
                .find(|r| r.rater_a == a && r.rater_b == b && r.criterion == criterion)
                .unwrap()
        };
        // callqa vs Ana on greeting: (P,P), (F,F), (P,F): 2 of 3 agree.
        // callqa passes 2/3, Ana 1/3: pₑ = 2/9 + 2/9 = 4/9; κ = (2/3 − 4/9)/(5/9) = 0.4.
        let g = find("callqa", "Ana", "greeting").agreement;
        assert_eq!(g.n, 3);
        assert!((g.agreement - 2.0 / 3.0).abs() < 1e-12);
        assert!((g.kappa.unwrap() - 0.4).abs() < 1e-12);
        // ALL: greeting's three and asked_dni's (P,P), (P,Na): 3 of 5 agree.
        let all = find("callqa", "Ana", ALL);
        assert_eq!(all.agreement.n, 5);
        assert_eq!(all.confusion.unwrap().get(Pass, Na), 1);
        // Ana vs Beto on greeting: (P,P), (F,P), (F,F).
        assert_eq!(find("Ana", "Beto", "greeting").agreement.n, 3);
        // Fleiss over the three greeting items all three rated: [P,P,P], [F,F,P], [P,F,F]
        // -> counts (3,0), (1,2), (1,2): Pᵢ = 1, 1/3, 1/3; P̄ = 5/9; pass 5/9, fail 4/9;
        // P̄ₑ = 41/81; κ = (45/81 − 41/81)/(40/81) = 0.1.
        let f = find("callqa + Ana + Beto", "", "greeting");
        assert_eq!(f.statistic, Statistic::Fleiss);
        assert!((f.agreement.kappa.unwrap() - 0.1).abs() < 1e-12);
        // Disagreements with callqa, by criterion then call.
        let d: Vec<(&str, &str, &str)> = c
            .disagreements
            .iter()
            .map(|d| {
                (
                    d.callqa.criterion.as_str(),
                    d.callqa.call_id.as_str(),
                    d.evaluation.evaluator.as_str(),
                )
            })
            .collect();
        assert_eq!(
            d,
            [
                ("greeting", "2", "Beto"),
                ("greeting", "3", "Ana"),
                ("greeting", "3", "Beto"),
                ("asked_dni", "2", "Ana")
            ]
        );
        let bar = below_bar(
            &c,
            Bar {
                min_kappa: Some(0.5),
                min_agreement: None,
            },
        );
        assert!(
            bar.iter()
                .any(|s| s.starts_with("greeting (callqa vs Ana): kappa 0.400")),
            "{bar:?}"
        );
        assert_eq!(
            CalibrationRow::COLUMNS[..8],
            [
                "rater_a",
                "rater_b",
                "criterion",
                "n",
                "agreement",
                "kappa",
                "kappa_low",
                "kappa_high"
            ]
        );
        let rows = calibration_rows(&c);
        let all = rows
            .iter()
            .find(|r| r.rater_a == "callqa" && r.rater_b == "Ana" && r.criterion == ALL)
            .unwrap();
        assert_eq!((all.n, all.pass_na, all.na_na), (5, Some(1), Some(0)));
    }
}

//! Agreement statistics over the three verdicts (pass, fail, na): percent agreement, Cohen's kappa
//! with its large-sample 95 % interval, and Fleiss' kappa for three or more raters.
//!
//! Cohen's kappa: κ = (pₒ − pₑ) / (1 − pₑ), pₒ the share of items both raters put in the same
//! category, pₑ = Σ pᵢ. p.ᵢ the agreement expected from each rater's own proportions. Its standard
//! error is the non-null asymptotic one of Fleiss, Cohen & Everitt (1969), the one SAS PROC FREQ and
//! Stata's kapci report:
//!
//! ```text
//! A = Σᵢ pᵢᵢ [1 − (pᵢ. + p.ᵢ)(1 − κ)]²
//! B = (1 − κ)² Σᵢ≠ⱼ pᵢⱼ (p.ᵢ + pⱼ.)²
//! C = [κ − pₑ(1 − κ)]²
//! SE = √((A + B − C) / (n (1 − pₑ)²)),   95 %: κ ± 1.959964 SE, clipped to [−1, 1]
//! ```
//!
//! κ is undefined when pₑ = 1 (both raters used one and the same category for every item): the
//! agreement is then reported alone.
//!
//! Fleiss' kappa (Fleiss 1971), m raters per item: Pᵢ = (Σⱼ nᵢⱼ² − m) / (m (m − 1)), P̄ the mean of
//! Pᵢ, P̄ₑ = Σⱼ pⱼ² with pⱼ the share of all ratings in category j, κ = (P̄ − P̄ₑ) / (1 − P̄ₑ).

use crate::model::Outcome;

/// The categories, in the order of the confusion matrix.
pub const CATEGORIES: [Outcome; 3] = [Outcome::Pass, Outcome::Fail, Outcome::Na];

/// The 97.5th percentile of the standard normal distribution.
const Z_975: f64 = 1.959_963_984_540_054;

fn index(outcome: Outcome) -> usize {
    match outcome {
        Outcome::Pass => 0,
        Outcome::Fail => 1,
        Outcome::Na => 2,
    }
}

/// Counts of (rater A's verdict, rater B's verdict), rows A, columns B, in `CATEGORIES` order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    pub counts: [[u64; 3]; 3],
}

impl Confusion {
    pub fn add(&mut self, a: Outcome, b: Outcome) {
        self.counts[index(a)][index(b)] += 1;
    }

    pub fn n(&self) -> u64 {
        self.counts.iter().flatten().sum()
    }

    pub fn agreements(&self) -> u64 {
        (0..3).map(|i| self.counts[i][i]).sum()
    }

    pub fn get(&self, a: Outcome, b: Outcome) -> u64 {
        self.counts[index(a)][index(b)]
    }
}

/// Agreement of two raters over a set of items.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Agreement {
    pub n: u64,
    /// Share of items with the same verdict (0-1).
    pub agreement: f64,
    pub expected: f64,
    /// None when undefined (expected agreement 1).
    pub kappa: Option<f64>,
    pub se: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// Cohen's kappa of a confusion matrix; None when it has no item.
pub fn cohen(confusion: &Confusion) -> Option<Agreement> {
    let n = confusion.n();
    if n == 0 {
        return None;
    }
    let total = n as f64;
    let p = |i: usize, j: usize| confusion.counts[i][j] as f64 / total;
    let row: Vec<f64> = (0..3).map(|i| (0..3).map(|j| p(i, j)).sum()).collect();
    let col: Vec<f64> = (0..3).map(|j| (0..3).map(|i| p(i, j)).sum()).collect();
    let observed: f64 = (0..3).map(|i| p(i, i)).sum();
    let expected: f64 = (0..3).map(|i| row[i] * col[i]).sum();
    let mut out = Agreement {
        n,
        agreement: observed,
        expected,
        kappa: None,
        se: None,
        low: None,
        high: None,
    };
    if 1.0 - expected < 1e-12 {
        return Some(out);
    }
    let kappa = (observed - expected) / (1.0 - expected);
    let a: f64 = (0..3)
        .map(|i| p(i, i) * (1.0 - (row[i] + col[i]) * (1.0 - kappa)).powi(2))
        .sum();
    let b: f64 = (1.0 - kappa).powi(2)
        * (0..3)
            .flat_map(|i| (0..3).map(move |j| (i, j)))
            .filter(|(i, j)| i != j)
            .map(|(i, j)| p(i, j) * (col[i] + row[j]).powi(2))
            .sum::<f64>();
    let c = (kappa - expected * (1.0 - kappa)).powi(2);
    let variance = ((a + b - c) / (total * (1.0 - expected).powi(2))).max(0.0);
    let se = variance.sqrt();
    out.kappa = Some(kappa);
    out.se = Some(se);
    out.low = Some((kappa - Z_975 * se).max(-1.0));
    out.high = Some((kappa + Z_975 * se).min(1.0));
    Some(out)
}

/// Fleiss' kappa over items each rated by the same number of raters (`items[i][j]`: how many raters
/// put item i in category j). Returns (mean observed agreement P̄, κ); κ None when undefined.
pub fn fleiss<const K: usize>(items: &[[u64; K]]) -> Option<(f64, Option<f64>)> {
    let raters: u64 = items.first()?.iter().sum();
    if raters < 2 || items.iter().any(|item| item.iter().sum::<u64>() != raters) {
        return None;
    }
    let m = raters as f64;
    let n = items.len() as f64;
    let mean_agreement = items
        .iter()
        .map(|item| {
            let squares: f64 = item.iter().map(|&c| (c * c) as f64).sum();
            (squares - m) / (m * (m - 1.0))
        })
        .sum::<f64>()
        / n;
    let expected: f64 = (0..K)
        .map(|j| {
            let share = items.iter().map(|item| item[j] as f64).sum::<f64>() / (n * m);
            share * share
        })
        .sum();
    let kappa = (1.0 - expected >= 1e-12).then(|| (mean_agreement - expected) / (1.0 - expected));
    Some((mean_agreement, kappa))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    /// Two raters, pass/fail only: counts by hand.
    fn two_by_two(pp: u64, pf: u64, fp: u64, ff: u64) -> Confusion {
        let mut c = Confusion::default();
        c.counts[0][0] = pp;
        c.counts[0][1] = pf;
        c.counts[1][0] = fp;
        c.counts[1][1] = ff;
        c
    }

    #[test]
    fn worked_by_hand_fifty_items() {
        // 20 both pass, 5 A pass/B fail, 10 A fail/B pass, 15 both fail.
        // pₒ = 35/50 = 0.7; A passes 25/50, B passes 30/50: pₑ = 0.5·0.6 + 0.5·0.4 = 0.5;
        // κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
        // SE by hand: p = [[.4,.1],[.2,.3]], rows .5/.5, columns .6/.4, 1 − κ = .6;
        // A = .4(1 − 1.1·.6)² + .3(1 − .9·.6)² = .4·.1156 + .3·.2116 = .10972;
        // B = .36 (.1(.6 + .5)² + .2(.4 + .5)²) = .36 (.121 + .162) = .10188;
        // C = (.4 − .5·.6)² = .01; SE = √(.20160 / (50·.25)) = √.016128 = .126996.
        let a = cohen(&two_by_two(20, 5, 10, 15)).unwrap();
        assert_eq!(a.n, 50);
        assert!(close(a.agreement, 0.7, 1e-12));
        assert!(close(a.kappa.unwrap(), 0.4, 1e-12));
        assert!(close(a.se.unwrap(), 0.126_996, 1e-6), "{:?}", a.se);
        assert!(close(a.low.unwrap(), 0.4 - 1.959964 * 0.126_996, 1e-5));
        assert!(close(a.high.unwrap(), 0.4 + 1.959964 * 0.126_996, 1e-5));
    }

    #[test]
    fn published_example_stata_kapci() {
        // Statalist, 2009-12 (kap / kapci on 1,932 patients): 1395 / 118 / 261 / 158.
        // Published: kappa .3411969207847029, se .0262913719660408 (analytical),
        // 95 % CI .2896667786271169 – .3927270629422889, agreement 80.38 %, expected 70.22 %.
        let a = cohen(&two_by_two(1395, 118, 261, 158)).unwrap();
        assert!(close(a.kappa.unwrap(), 0.341_196_920_784_702_9, 1e-12));
        assert!(close(a.se.unwrap(), 0.026_291_371_966_040_8, 1e-12));
        assert!(close(a.low.unwrap(), 0.289_666_778_627_116_9, 1e-9));
        assert!(close(a.high.unwrap(), 0.392_727_062_942_288_9, 1e-9));
        assert!(close(a.agreement, 0.803_830_227_743_271_2, 1e-12));
        assert!(close(a.expected, 0.702_233_067_139_899_5, 1e-12));
    }

    #[test]
    fn three_categories_by_hand() {
        // 10 items: A pass/B pass 4, A fail/B fail 2, A na/B na 2, A pass/B fail 1, A fail/B na 1.
        // pₒ = 0.8; A: pass .5, fail .3, na .2; B: pass .4, fail .3, na .3;
        // pₑ = .2 + .09 + .06 = .35; κ = (.8 − .35)/.65 = .692308.
        let mut c = Confusion::default();
        for (a, b, k) in [
            (Outcome::Pass, Outcome::Pass, 4),
            (Outcome::Fail, Outcome::Fail, 2),
            (Outcome::Na, Outcome::Na, 2),
            (Outcome::Pass, Outcome::Fail, 1),
            (Outcome::Fail, Outcome::Na, 1),
        ] {
            for _ in 0..k {
                c.add(a, b);
            }
        }
        let a = cohen(&c).unwrap();
        assert!(close(a.expected, 0.35, 1e-12));
        assert!(close(a.kappa.unwrap(), 0.45 / 0.65, 1e-12));
    }

    #[test]
    fn undefined_kappa_and_perfect_agreement() {
        let a = cohen(&two_by_two(12, 0, 0, 0)).unwrap();
        assert_eq!(a.kappa, None);
        assert_eq!(a.agreement, 1.0);
        let a = cohen(&two_by_two(6, 0, 0, 4)).unwrap();
        assert_eq!(a.kappa, Some(1.0));
        assert_eq!((a.low, a.high), (Some(1.0), Some(1.0)));
        assert!(cohen(&Confusion::default()).is_none());
    }

    #[test]
    fn fleiss_published_example() {
        // Fleiss (1971), as Wikipedia's "Fleiss' kappa" works it: 10 items, 14 raters, 5 categories;
        // P̄ = 0.378, P̄ₑ = 0.213, κ = 0.210.
        let items: [[u64; 5]; 10] = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let (mean, kappa) = fleiss(&items).unwrap();
        assert!(close(mean, 0.378, 5e-4));
        assert!(close(kappa.unwrap(), 0.210, 5e-4));
        assert!(close(kappa.unwrap(), 0.209_930_704_421_955, 1e-12));
    }

    #[test]
    fn fleiss_with_two_raters_is_scotts_pi() {
        // Two raters: Fleiss' kappa is Scott's pi. Items: (pass,pass)×3, (pass,fail)×1, (fail,fail)×2.
        // Ratings: pass 7/12, fail 5/12; P̄ₑ = 49/144 + 25/144 = 74/144; P̄ = 5/6;
        // π = (5/6 − 74/144)/(1 − 74/144) = (120 − 74)/(144 − 74) = 46/70.
        let items = [[2, 0], [2, 0], [2, 0], [1, 1], [0, 2], [0, 2]];
        let (mean, kappa) = fleiss(&items).unwrap();
        assert!(close(mean, 5.0 / 6.0, 1e-12));
        assert!(close(kappa.unwrap(), 46.0 / 70.0, 1e-12));
        assert!(fleiss::<2>(&[[2, 0], [1, 0]]).is_none());
    }
}

//! The small statistics and the one number style of the reports.
//!
//! Numbers in the HTML pages use Spanish formatting with one decimal and a decimal comma: scores
//! `87,5`, rates `87,5 %`, changes `+3,2 pp` (percentage points) or `+3,2 puntos` (score points). The
//! exports keep plain machine numbers (decimal point, rates 0..=1 rounded to 4 digits, scores to 1),
//! like the results folder. Also here: verdict counts and score sums with what they give (compliance,
//! mean, spread), the 95 % confidence interval of a mean, the masking of caller numbers and the
//! sanitising of operator ids into file names.

/// Fewer calls than this in the month and an operator is marked "muestra insuficiente": with so few
/// calls the 95 % interval of the average spans too many points to rank operators fairly.
pub const MIN_CALLS: u64 = 10;

/// Two-sided 95 % Student's t quantiles for 1..=29 degrees of freedom; 1.96 from 30 on.
const T_95: [f64; 29] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045,
];

/// The t quantile for a 95 % interval of a mean of `n` values (None below 2 values).
pub fn t_95(n: u64) -> Option<f64> {
    match n {
        0 | 1 => None,
        n if n >= 30 => Some(1.96),
        n => Some(T_95[(n - 2) as usize]),
    }
}

/// mean ± t·s/√n, clamped to the score range 0..=100. None below 2 values.
pub fn confidence_interval(mean: f64, sd: f64, n: u64) -> Option<(f64, f64)> {
    let t = t_95(n)?;
    let half = t * sd / (n as f64).sqrt();
    Some(((mean - half).max(0.0), (mean + half).min(100.0)))
}

/// Rounds to `digits` decimals (for the exports).
pub fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

/// One decimal with a decimal comma: 87.46 -> "87,5". Negative zero prints as "0,0".
pub fn decimal(x: f64) -> String {
    let rounded = round(x, 1);
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{rounded:.1}").replace('.', ",")
}

/// Two decimals with a decimal comma, for confidences 0..=1: 0.833 -> "0,83".
pub fn decimal2(x: f64) -> String {
    format!("{:.2}", round(x, 2)).replace('.', ",")
}

/// A share 0..=1 as a percentage: 0.875 -> "87,5 %".
pub fn percent(share: f64) -> String {
    format!("{} %", decimal(share * 100.0))
}

/// An optional share; "—" when there is nothing to divide.
pub fn percent_or_dash(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_string(), percent)
}

/// An optional score or amount with one decimal; "—" when missing.
pub fn decimal_or_dash(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), decimal)
}

/// A change between two shares in percentage points: (0.80, 0.832) -> "+3,2 pp". The change is taken
/// between the figures as shown (one decimal), so a reader's subtraction gives the same number.
pub fn pp_change(previous: f64, current: f64) -> String {
    signed(
        round(round(current * 100.0, 1) - round(previous * 100.0, 1), 1),
        "pp",
    )
}

/// A change between two scores in points, between the figures as shown: (80.0, 83.2) -> "+3,2 puntos".
pub fn points_change(previous: f64, current: f64) -> String {
    signed(round(round(current, 1) - round(previous, 1), 1), "puntos")
}

fn signed(delta: f64, unit: &str) -> String {
    if delta > 0.0 {
        format!("+{} {unit}", decimal(delta))
    } else if delta < 0.0 {
        format!("-{} {unit}", decimal(-delta))
    } else {
        format!("0,0 {unit}")
    }
}

/// A caller number with every digit but the last three replaced by •: "987654321" -> "••••••321".
/// Other characters (+, spaces) stay, so the shape of the number is kept.
pub fn mask_caller(number: &str) -> String {
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    number
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen + 3 <= digits { '•' } else { c }
            } else {
                c
            }
        })
        .collect()
}

/// An operator id as a file name: letters, digits, `_` and `-` kept, anything else `_`; an empty id
/// becomes `_`. No `.` survives, so `..` and `/` can never form a path.
pub fn sanitise_id(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.is_empty() {
        "_".to_string()
    } else {
        cleaned
    }
}

/// "2026-11" when the text starts with a year and a month (`2026-11-03T10:15:02-05:00`).
pub fn month_of(started_at: &str) -> Option<String> {
    let month = started_at.get(..7)?;
    let bytes = month.as_bytes();
    let year_ok = bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-';
    let month_ok =
        bytes[5..].iter().all(u8::is_ascii_digit) && matches!(month[5..].parse::<u8>(), Ok(1..=12));
    (year_ok && month_ok).then(|| month.to_string())
}

/// pass / fail / na counts of criterion verdicts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub pass: u64,
    pub fail: u64,
    pub na: u64,
}

impl Counts {
    /// pass / (pass + fail); None when the criterion never applied.
    pub fn compliance(&self) -> Option<f64> {
        let applied = self.pass + self.fail;
        (applied > 0).then(|| self.pass as f64 / applied as f64)
    }

    /// fail / (pass + fail); 0 when the criterion never applied.
    pub fn fail_rate(&self) -> f64 {
        self.compliance().map_or(0.0, |c| 1.0 - c)
    }

    /// Adds `other`'s counts.
    pub fn add(&mut self, other: Counts) {
        self.pass += other.pass;
        self.fail += other.fail;
        self.na += other.na;
    }
}

/// Calls and their scores, for a month or an operator's month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Calls in the group.
    pub calls: u64,
    /// Calls with a score (some criterion applied).
    pub scored: u64,
    pub sum_tenths: i64,
    pub sum_sq_tenths: i64,
    /// Calls with at least one failed critical criterion.
    pub critical_failed: u64,
}

impl Scores {
    pub fn mean(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.sum_tenths as f64 / 10.0 / self.scored as f64)
    }

    /// Sample standard deviation (n - 1); None below two scores.
    pub fn sd(&self) -> Option<f64> {
        if self.scored < 2 {
            return None;
        }
        let n = self.scored as f64;
        let sum = self.sum_tenths as f64;
        let variance = (self.sum_sq_tenths as f64 - sum * sum / n) / (n - 1.0) / 100.0;
        Some(variance.max(0.0).sqrt())
    }

    pub fn critical_share(&self) -> Option<f64> {
        (self.calls > 0).then(|| self.critical_failed as f64 / self.calls as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_uses_t_for_small_samples_and_1_96_from_30() {
        // n = 4, s = 2: half-width 3.182 * 2 / 2 = 3.182.
        let (low, high) = confidence_interval(80.0, 2.0, 4).unwrap();
        assert!((low - 76.818).abs() < 1e-9 && (high - 83.182).abs() < 1e-9);
        // n = 100, s = 10: half-width 1.96.
        let (low, high) = confidence_interval(50.0, 10.0, 100).unwrap();
        assert!((low - 48.04).abs() < 1e-9 && (high - 51.96).abs() < 1e-9);
        assert_eq!(t_95(2), Some(12.706));
        assert_eq!(t_95(30), Some(1.96));
        assert_eq!(t_95(29), Some(2.048));
        assert_eq!(confidence_interval(90.0, 0.0, 1), None);
        // Clamped to the score range.
        assert_eq!(confidence_interval(98.0, 5.0, 3).unwrap().1, 100.0);
    }

    #[test]
    fn numbers_have_one_style() {
        assert_eq!(decimal(87.46), "87,5");
        assert_eq!(decimal(-0.01), "0,0");
        assert_eq!(percent(0.875), "87,5 %");
        assert_eq!(percent_or_dash(None), "—");
        assert_eq!(pp_change(0.80, 0.832), "+3,2 pp");
        assert_eq!(pp_change(0.9, 0.85), "-5,0 pp");
        assert_eq!(pp_change(0.5, 0.5), "0,0 pp");
        assert_eq!(points_change(80.0, 78.75), "-1,2 puntos");
        // Between the shown figures: 86,9 -> 86,4 is -0,5 although the exact means differ by 0,58.
        assert_eq!(points_change(86.94, 86.36), "-0,5 puntos");
        assert_eq!(pp_change(0.8666, 0.8754), "+0,8 pp");
    }

    #[test]
    fn caller_numbers_keep_only_the_last_three_digits() {
        assert_eq!(mask_caller("987654321"), "••••••321");
        assert_eq!(mask_caller("+51 987 654 321"), "+•• ••• ••• 321");
        assert_eq!(mask_caller("12"), "12");
        assert_eq!(mask_caller("anonymous"), "anonymous");
        assert_eq!(mask_caller(""), "");
    }

    #[test]
    fn operator_ids_become_safe_file_names() {
        assert_eq!(sanitise_id("op01"), "op01");
        assert_eq!(sanitise_id("../etc/passwd"), "___etc_passwd");
        assert_eq!(sanitise_id("a b/ñ"), "a_b__");
        assert_eq!(sanitise_id(".."), "__");
        assert_eq!(sanitise_id(""), "_");
    }

    #[test]
    fn months_come_from_the_start_of_iso_dates() {
        assert_eq!(
            month_of("2026-11-03T10:15:02-05:00").as_deref(),
            Some("2026-11")
        );
        assert_eq!(month_of("2026-13-01"), None);
        assert_eq!(month_of("2026-1"), None);
        assert_eq!(month_of(""), None);
        assert_eq!(month_of("año-11-01"), None);
    }

    #[test]
    fn compliance_ignores_na() {
        let c = Counts {
            pass: 3,
            fail: 1,
            na: 10,
        };
        assert_eq!(c.compliance(), Some(0.75));
        assert_eq!(c.fail_rate(), 0.25);
        assert_eq!(
            Counts {
                pass: 0,
                fail: 0,
                na: 4
            }
            .compliance(),
            None
        );
    }

    #[test]
    fn scores_from_tenths() {
        // 80.0, 90.0, 100.0 -> mean 90, sd 10.
        let s = Scores {
            calls: 3,
            scored: 3,
            sum_tenths: 2700,
            sum_sq_tenths: 640_000 + 810_000 + 1_000_000,
            critical_failed: 1,
        };
        assert_eq!(s.mean(), Some(90.0));
        assert!((s.sd().unwrap() - 10.0).abs() < 1e-9);
        assert_eq!(s.critical_share(), Some(1.0 / 3.0));
    }
}

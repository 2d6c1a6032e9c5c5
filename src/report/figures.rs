//! The report month's view of the aggregates: which month, which previous month to compare with,
//! which rubric names the criteria, the operator ranking with confidence intervals, and the line
//! review per month. Plain data; the pages only format it.

use std::collections::{BTreeMap, BTreeSet};

use super::aggregate::{Aggregates, CallRow};
use super::load::{Day, Extension, Folder, LostCall};
use super::stats::{Counts, MIN_CALLS, Scores, confidence_interval, month_of, sanitise_id};
use super::{ReportError, ReportOptions};
use crate::rubric::{self, Rubric};

/// One operator's line of the ranking (the report month).
#[derive(Debug, Clone)]
pub struct OperatorLine {
    pub id: String,
    pub name: String,
    pub team: String,
    /// File stem of the operator's page (sanitised id, unique).
    pub file: String,
    pub scores: Scores,
    pub mean: Option<f64>,
    /// 95 % interval of the mean score.
    pub interval: Option<(f64, f64)>,
    /// At least `MIN_CALLS` scored calls.
    pub sufficient: bool,
}

/// A month's line figures summed over its days.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LineTotals {
    pub offered: u64,
    pub answered: u64,
    pub lost: u64,
    pub lost_at_entry: u64,
    pub lost_at_extension: u64,
    /// Answered within the service-level threshold (from each day's rate × answered).
    pub within: u64,
    /// Internal traffic (not offered).
    pub internal_calls: u64,
}

impl LineTotals {
    pub fn lost_rate(&self) -> Option<f64> {
        (self.offered > 0).then(|| self.lost as f64 / self.offered as f64)
    }

    pub fn service_level(&self) -> Option<f64> {
        (self.answered > 0).then(|| self.within as f64 / self.answered as f64)
    }
}

/// The line review of one month, gathered from the folders that hold it.
#[derive(Debug, Clone, Default)]
pub struct MonthLines {
    pub days: Vec<Day>,
    pub extensions: Vec<Extension>,
    pub lost_calls: Vec<LostCall>,
    pub totals: LineTotals,
}

pub struct Report {
    pub month: String,
    /// The latest month in the data before the report month.
    pub previous: Option<String>,
    pub months: Vec<String>,
    /// The rubric of the report month's (last) folder: titles, descriptions, sections, weights.
    pub rubric: Rubric,
    /// Remarks about the rubric (a folder without rubric.toml, different rubrics across folders).
    pub rubric_notes: Vec<String>,
    pub folders: Vec<Folder>,
    /// Folders holding calls of the report month.
    pub month_folders: Vec<usize>,
    pub data: Aggregates,
    /// Operators of the report month, best average first.
    pub ranking: Vec<OperatorLine>,
    /// month -> line review, for months with PBX data.
    pub lines: BTreeMap<String, MonthLines>,
    /// Per channel (phone, e-mail, Facebook): figures, response times, the backlog.
    pub channels: super::channels::ChannelFigures,
}

/// Each folder's rubric.toml, validated (None when the folder has none).
pub fn folder_rubrics(folders: &[Folder]) -> Result<Vec<Option<Rubric>>, ReportError> {
    folders
        .iter()
        .map(|folder| {
            let Some(text) = &folder.rubric_text else {
                return Ok(None);
            };
            let path = folder.path.join("rubric.toml");
            rubric::load_str(text, &path.display().to_string())
                .map(Some)
                .map_err(|e| ReportError::Read {
                    path,
                    message: e.to_string(),
                })
        })
        .collect()
}

/// Criterion ids in rubric order: the last folder's rubric first, then ids only older ones have.
pub fn criterion_order(rubrics: &[Option<Rubric>]) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for rubric in rubrics.iter().rev().flatten() {
        for criterion in &rubric.criteria {
            if !order.contains(&criterion.id) {
                order.push(criterion.id.clone());
            }
        }
    }
    order
}

impl Report {
    pub fn build(
        folders: Vec<Folder>,
        mut rubrics: Vec<Option<Rubric>>,
        data: Aggregates,
        options: &ReportOptions,
    ) -> Result<Report, ReportError> {
        let month = match &options.month {
            Some(m) if month_of(m).as_deref() != Some(m.as_str()) => {
                return Err(ReportError::Data(format!("month {m:?}: expected YYYY-MM")));
            }
            Some(m) => m.clone(),
            None => data.months.last().cloned().ok_or_else(|| {
                ReportError::Data("the results folders hold no scored call".into())
            })?,
        };
        if !data.months.contains(&month) {
            return Err(ReportError::Data(format!(
                "month {month}: no call of that month in the results folders (months: {})",
                data.months.join(", ")
            )));
        }
        let previous = data.months.iter().rfind(|m| **m < month).cloned();
        let month_folders = data
            .folders_of_month
            .get(&month)
            .cloned()
            .unwrap_or_default();

        let mut rubric_notes = Vec::new();
        let chosen = month_folders
            .iter()
            .rev()
            .copied()
            .find(|&i| rubrics[i].is_some());
        let rubric = match chosen {
            Some(i) => rubrics[i].take().expect("found above"),
            None => {
                rubric_notes.push(
                    "Las carpetas de resultados no traen rubric.toml: los títulos y pesos son los \
                     de la rúbrica SIAGIE incorporada en callqa."
                        .to_string(),
                );
                Rubric::default_rubric()
            }
        };
        let versions: BTreeSet<String> = folders
            .iter()
            .filter_map(|f| f.run.as_ref())
            .map(|r| format!("{} {}", r.rubric_id, r.rubric_version))
            .collect();
        if versions.len() > 1 {
            rubric_notes.push(format!(
                "Las carpetas se calificaron con rúbricas distintas ({}): compare los meses con \
                 cuidado.",
                versions.into_iter().collect::<Vec<_>>().join("; ")
            ));
        }

        let ranking = ranking(&data, &month);
        let lines = month_lines(&folders);
        Ok(Report {
            month,
            previous,
            months: data.months.clone(),
            rubric,
            rubric_notes,
            folders,
            month_folders,
            data,
            ranking,
            lines,
            channels: Default::default(),
        })
    }

    pub fn criterion_counts(&self, month: &str, criterion: &str) -> Counts {
        let key = (month.to_string(), criterion.to_string());
        self.data
            .by_criterion
            .get(&key)
            .copied()
            .unwrap_or_default()
    }

    pub fn operator_counts(&self, month: &str, operator: &str, criterion: &str) -> Counts {
        let key = (
            month.to_string(),
            operator.to_string(),
            criterion.to_string(),
        );
        self.data
            .by_operator_criterion
            .get(&key)
            .copied()
            .unwrap_or_default()
    }

    pub fn section_counts(&self, month: &str, section: &str) -> Counts {
        let key = (month.to_string(), section.to_string());
        self.data.by_section.get(&key).copied().unwrap_or_default()
    }

    pub fn month_scores(&self, month: &str) -> Scores {
        self.data.scores.get(month).copied().unwrap_or_default()
    }

    pub fn operator_scores(&self, month: &str, operator: &str) -> Scores {
        let key = (month.to_string(), operator.to_string());
        self.data
            .operator_scores
            .get(&key)
            .copied()
            .unwrap_or_default()
    }

    /// The report month's calls, by start time.
    pub fn month_calls(&self) -> impl Iterator<Item = &CallRow> {
        self.data.calls.iter().filter(|c| c.month == self.month)
    }

    /// Calls of the report month whose operator was not identified.
    pub fn unidentified_calls(&self) -> usize {
        self.month_calls()
            .filter(|c| c.operator_id.is_empty())
            .count()
    }

    /// The report month's line review, when there is PBX data for it.
    pub fn month_lines(&self) -> Option<&MonthLines> {
        self.lines.get(&self.month)
    }
}

/// Operators of the month, best average first (ties by id), with unique page names.
pub(super) fn ranking(data: &Aggregates, month: &str) -> Vec<OperatorLine> {
    let mut names: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for call in data.calls.iter().filter(|c| c.month == month) {
        names.insert(&call.operator_id, (&call.operator_name, &call.team));
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut lines: Vec<OperatorLine> = data
        .operator_scores
        .iter()
        .filter(|((m, id), _)| m == month && !id.is_empty())
        .map(|((_, id), scores)| {
            let (name, team) = names.get(id.as_str()).copied().unwrap_or(("", ""));
            let mean = scores.mean();
            let interval = match (mean, scores.sd()) {
                (Some(mean), Some(sd)) => confidence_interval(mean, sd, scores.scored),
                _ => None,
            };
            let base = sanitise_id(id);
            let mut file = base.clone();
            let mut n = 2;
            while !used.insert(file.clone()) {
                file = format!("{base}_{n}");
                n += 1;
            }
            OperatorLine {
                id: id.clone(),
                name: name.to_string(),
                team: team.to_string(),
                file,
                scores: *scores,
                mean,
                interval,
                sufficient: scores.scored >= MIN_CALLS,
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        let key = |l: &OperatorLine| l.mean.unwrap_or(-1.0);
        key(b).total_cmp(&key(a)).then_with(|| a.id.cmp(&b.id))
    });
    lines
}

/// The line review per month: days from every folder (a day in two folders counts from the last),
/// the extensions of the folders that hold the month's days, and the month's lost calls.
fn month_lines(folders: &[Folder]) -> BTreeMap<String, MonthLines> {
    let mut days: BTreeMap<String, BTreeMap<String, (usize, Day)>> = BTreeMap::new();
    for (index, folder) in folders.iter().enumerate() {
        let Some(lines) = &folder.lines else { continue };
        for day in &lines.days {
            let Some(month) = month_of(&day.date) else {
                continue;
            };
            days.entry(month)
                .or_default()
                .insert(day.date.clone(), (index, day.clone()));
        }
    }
    let mut out = BTreeMap::new();
    for (month, by_date) in days {
        let sources: BTreeSet<usize> = by_date.values().map(|(i, _)| *i).collect();
        let mut month_lines = MonthLines::default();
        let mut lost: BTreeMap<String, LostCall> = BTreeMap::new();
        for &i in &sources {
            let lines = folders[i].lines.as_ref().expect("folder with days");
            month_lines
                .extensions
                .extend(lines.extensions.iter().cloned());
            for call in &lines.lost_calls {
                if month_of(&call.started_at).as_deref() == Some(month.as_str()) {
                    lost.insert(call.call_id.clone(), call.clone());
                }
            }
        }
        month_lines.lost_calls = lost.into_values().collect();
        month_lines
            .lost_calls
            .sort_by(|a, b| (&a.started_at, &a.call_id).cmp(&(&b.started_at, &b.call_id)));
        for (_, day) in by_date.into_values() {
            let t = &mut month_lines.totals;
            t.offered += day.offered;
            t.answered += day.answered;
            t.lost += day.lost;
            t.lost_at_entry += day.lost_at_entry;
            t.lost_at_extension += day.lost_at_extension;
            t.internal_calls += day.internal_calls;
            t.within += day
                .service_level
                .map_or(0, |s| (s * day.answered as f64).round() as u64);
            month_lines.days.push(day);
        }
        out.insert(month, month_lines);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_totals_recover_the_service_level_from_daily_rates() {
        let day = |answered, service_level| Day {
            date: "2026-11-02".into(),
            offered: answered + 1,
            answered,
            lost: 1,
            service_level: Some(service_level),
            ..Day::default()
        };
        let mut totals = LineTotals::default();
        for d in [day(8, 0.875), day(3, 0.6667)] {
            totals.offered += d.offered;
            totals.answered += d.answered;
            totals.lost += d.lost;
            totals.within += (d.service_level.unwrap() * d.answered as f64).round() as u64;
        }
        assert_eq!(totals.within, 9);
        assert_eq!(totals.service_level(), Some(9.0 / 11.0));
        assert_eq!(totals.lost_rate(), Some(2.0 / 13.0));
    }
}

//! Supervisors' evaluations: the sheets `input::evaluations` reads, understood against the run's
//! rubrics (`Catalog`) and roster, as one `Evaluation` per interaction, criterion and evaluator.
//!
//! Two layouts, told apart by their header:
//! - long: one row per verdict, with a criterion column and an outcome column
//!   (`call_id, criterion, outcome, evaluator, evaluated_at, comment`);
//! - wide: one row per interaction and evaluator, one column per criterion headed by its id or its
//!   Spanish title (the rubric of the row's channel decides which).
//!
//! Column names are recognised case- and accent-blind in Spanish or English (`Llamada`, `Criterio`,
//! `Resultado`, `Evaluador`, `Fecha de evaluación`, `Comentario`, `Canal`, `Operador`, `Fecha`). The
//! channel is `telefono` unless a `canal` column says otherwise. A phone evaluation names its call by
//! the uniqueid or by the recording's file name. An interaction callqa did not score (face to face, a
//! phone call without a recording) needs the operator and the date. A row that cannot be used is a
//! `BadRow` with its file, row and reason; the other rows are read.

pub mod apply;

use std::collections::{BTreeMap, BTreeSet};

use crate::input::call_id_from_file_name;
use crate::input::evaluations::{Sheet, SheetRow, parse_outcome};
use crate::link::Roster;
use crate::model::{Channel, Outcome, Problem};
use crate::results::EvaluationRow;
use crate::rubric::Catalog;
use crate::text::fold;

pub use apply::{Applier, Supervised};

/// One verdict of one evaluator on one interaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The call id (Asterisk uniqueid) for a phone call; the evaluator's id for other interactions.
    pub interaction_id: String,
    pub channel: Channel,
    pub criterion: String,
    pub outcome: Outcome,
    pub evaluator: String,
    /// As written (a date or a date and time).
    pub evaluated_at: String,
    pub comment: String,
    /// The operator's roster id; empty when the row does not say (callqa knows it for recorded calls).
    pub operator_id: String,
    /// When the interaction took place (`YYYY-MM-DD` or ISO 8601), for interactions callqa did not
    /// score; empty otherwise.
    pub started_at: String,
    /// True when callqa scored this interaction (a recorded phone call in the results).
    pub recorded: bool,
    pub source_file: String,
    pub row: usize,
}

/// A row (or a column, or a whole sheet) that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BadRow {
    pub source_file: String,
    /// The spreadsheet row; None for a problem with a column or the whole sheet.
    pub row: Option<usize>,
    pub reason: String,
    /// Why, for scripts (`bad_evaluation`, `duplicate_evaluation`, ...).
    pub code: Problem,
}

/// The columns callqa recognises besides the criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Interaction,
    Criterion,
    Outcome,
    Evaluator,
    EvaluatedAt,
    Comment,
    Channel,
    Operator,
    StartedAt,
    /// Where a row came from, in callqa's own evaluations.csv.
    SourceFile,
    SourceRow,
}

/// Folded header names of each field.
const FIELD_NAMES: &[(Field, &[&str])] = &[
    (
        Field::Interaction,
        &[
            "call id",
            "callid",
            "call",
            "llamada",
            "id llamada",
            "id de llamada",
            "uniqueid",
            "grabacion",
            "archivo",
            "id",
            "atencion",
            "id atencion",
            "id de atencion",
            "interaccion",
            "id interaccion",
            "ticket",
            "nro",
            "n",
        ],
    ),
    (
        Field::Criterion,
        &["criterion", "criterio", "criterio id", "item"],
    ),
    (
        Field::Outcome,
        &[
            "outcome",
            "resultado",
            "veredicto",
            "verdict",
            "calificacion",
            "valor",
        ],
    ),
    (
        Field::Evaluator,
        &[
            "evaluator",
            "evaluador",
            "evaluadora",
            "supervisor",
            "supervisora",
            "auditor",
            "auditora",
        ],
    ),
    (
        Field::EvaluatedAt,
        &[
            "evaluated at",
            "fecha de evaluacion",
            "fecha evaluacion",
            "evaluado el",
            "evaluacion fecha",
        ],
    ),
    (
        Field::Comment,
        &[
            "comment",
            "comments",
            "comentario",
            "comentarios",
            "observacion",
            "observaciones",
            "nota",
        ],
    ),
    (Field::Channel, &["channel", "canal"]),
    (
        Field::Operator,
        &[
            "operator",
            "operator id",
            "operador",
            "operadora",
            "asesor",
            "asesora",
            "agente",
        ],
    ),
    (
        Field::StartedAt,
        &[
            "started at",
            "fecha",
            "fecha de atencion",
            "fecha atencion",
            "inicio",
            "fecha y hora",
            "date",
        ],
    ),
    (Field::SourceFile, &["source file"]),
    (Field::SourceRow, &["source row"]),
];

fn field_of(header: &str) -> Option<Field> {
    let folded = fold(header);
    FIELD_NAMES
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .map(|(field, _)| *field)
}

/// What the evaluations are read against.
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub roster: &'a Roster,
    /// Ids of the recorded calls an evaluation may name: in a scoring run, every call under
    /// DATA/transcripts/ (every shard's, so all shards read a sheet alike); for a results folder, the
    /// calls it holds.
    pub scored_calls: &'a BTreeSet<String>,
}

/// Everything read from the evaluation files.
#[derive(Debug, Clone, Default)]
pub struct Evaluations {
    /// Sorted by channel, interaction, evaluator, criterion.
    pub rows: Vec<Evaluation>,
    pub bad: Vec<BadRow>,
}

impl Evaluations {
    /// Evaluators, sorted.
    pub fn evaluators(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self.rows.iter().map(|e| e.evaluator.as_str()).collect();
        set.into_iter().map(String::from).collect()
    }
}

/// Understands the sheets: each row into evaluations or a bad row.
pub fn interpret(sheets: &[Sheet], context: &Context) -> Evaluations {
    let mut out = Evaluations::default();
    for sheet in sheets {
        read_sheet(sheet, context, &mut out);
    }
    // One verdict per (interaction, criterion, evaluator): a repeat is a bad row naming the first.
    out.rows.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    let mut kept: Vec<Evaluation> = Vec::with_capacity(out.rows.len());
    for evaluation in std::mem::take(&mut out.rows) {
        if let Some(first) = kept.last().filter(|k| {
            k.channel == evaluation.channel
                && k.interaction_id == evaluation.interaction_id
                && k.evaluator == evaluation.evaluator
                && k.criterion == evaluation.criterion
        }) {
            out.bad.push(BadRow {
                source_file: evaluation.source_file.clone(),
                row: Some(evaluation.row),
                code: Problem::DuplicateEvaluation,
                reason: format!(
                    "{} ya evaluó `{}` en `{}` ({}, fila {}): esta fila no se usa",
                    evaluation.evaluator,
                    evaluation.criterion,
                    evaluation.interaction_id,
                    first.source_file,
                    first.row
                ),
            });
            continue;
        }
        kept.push(evaluation);
    }
    out.rows = kept;
    out.bad.sort();
    out
}

fn read_sheet(sheet: &Sheet, context: &Context, out: &mut Evaluations) {
    let bad_sheet = |out: &mut Evaluations, reason: String| {
        out.bad.push(BadRow {
            source_file: sheet.source.clone(),
            row: None,
            reason,
            code: Problem::BadEvaluation,
        })
    };
    let mut fields: BTreeMap<usize, Field> = BTreeMap::new();
    let mut criteria_columns: Vec<usize> = Vec::new();
    for (index, header) in sheet.header.iter().enumerate() {
        if header.trim().is_empty() {
            continue;
        }
        // A criterion's id or title wins over a field name ("Saludo" is no field anyway).
        if context.catalog.knows(header) {
            criteria_columns.push(index);
        } else if let Some(field) = field_of(header) {
            if fields.values().any(|f| *f == field) {
                bad_sheet(
                    out,
                    format!("la columna `{header}` repite una columna ya leída: se ignora"),
                );
            } else {
                fields.insert(index, field);
            }
        } else {
            bad_sheet(
                out,
                format!("la columna `{header}` no es un campo conocido ni un criterio: se ignora"),
            );
        }
    }
    let column = |field: Field| fields.iter().find(|(_, f)| **f == field).map(|(i, _)| *i);
    let long = column(Field::Criterion).is_some() && column(Field::Outcome).is_some();
    if !long && criteria_columns.is_empty() {
        bad_sheet(
            out,
            "sin columnas de criterio y resultado (formato largo) ni columnas con el nombre de un \
             criterio (formato ancho): no es una hoja de evaluación"
                .into(),
        );
        return;
    }
    if column(Field::Evaluator).is_none() {
        bad_sheet(
            out,
            "sin columna de evaluador (`evaluador` / `evaluator`): la hoja no se usa".into(),
        );
        return;
    }
    for row in &sheet.rows {
        let cell = |field: Field| {
            column(field)
                .and_then(|i| row.cells.get(i))
                .map(|c| c.trim().to_string())
                .unwrap_or_default()
        };
        let bad = |out: &mut Evaluations, reason: String| {
            out.bad.push(BadRow {
                source_file: sheet.source.clone(),
                row: Some(row.row),
                reason,
                code: Problem::BadEvaluation,
            })
        };
        let header = match identify(sheet, row, &cell, context) {
            Ok(header) => header,
            Err(reason) => {
                bad(out, reason);
                continue;
            }
        };
        let verdicts: Vec<(String, String)> = if long {
            vec![(cell(Field::Criterion), cell(Field::Outcome))]
        } else {
            criteria_columns
                .iter()
                .map(|&i| {
                    (
                        sheet.header[i].clone(),
                        row.cells
                            .get(i)
                            .map(|c| c.trim().to_string())
                            .unwrap_or_default(),
                    )
                })
                .filter(|(_, value)| !value.is_empty())
                .collect()
        };
        if verdicts.is_empty() && !long {
            bad(out, "ningún criterio evaluado en esta fila".into());
        }
        for (name, value) in verdicts {
            let Some(spec) = context.catalog.find(header.channel, &name) else {
                let reason = if context.catalog.knows(&name) {
                    format!(
                        "el criterio `{name}` no se aplica al canal {}",
                        header.channel.as_str()
                    )
                } else {
                    format!("criterio desconocido `{name}`")
                };
                bad(out, reason);
                continue;
            };
            let Some(outcome) = parse_outcome(&value) else {
                bad(
                    out,
                    format!(
                        "{}: resultado `{value}` no entendido (escriba Sí, No, N.A., Cumple, No \
                         cumple, No aplica, pass, fail o na)",
                        spec.id
                    ),
                );
                continue;
            };
            out.rows.push(Evaluation {
                interaction_id: header.interaction_id.clone(),
                channel: header.channel,
                criterion: spec.id.clone(),
                outcome,
                evaluator: header.evaluator.clone(),
                evaluated_at: {
                    let written = cell(Field::EvaluatedAt);
                    iso_date(&written).unwrap_or(written)
                },
                comment: cell(Field::Comment),
                operator_id: header.operator_id.clone(),
                started_at: header.started_at.clone(),
                recorded: header.recorded,
                source_file: match cell(Field::SourceFile) {
                    file if file.is_empty() => sheet.source.clone(),
                    file => file,
                },
                row: cell(Field::SourceRow).parse().unwrap_or(row.row),
            });
        }
    }
}

/// Who and what a row is about.
struct RowHeader {
    interaction_id: String,
    channel: Channel,
    evaluator: String,
    operator_id: String,
    started_at: String,
    recorded: bool,
}

fn identify(
    sheet: &Sheet,
    row: &SheetRow,
    cell: &dyn Fn(Field) -> String,
    context: &Context,
) -> Result<RowHeader, String> {
    let evaluator = cell(Field::Evaluator);
    if evaluator.is_empty() {
        return Err("sin evaluador".into());
    }
    let channel_text = cell(Field::Channel);
    let channel = if channel_text.is_empty() {
        Channel::Telefono
    } else {
        Channel::parse(&channel_text).ok_or_else(|| {
            format!("canal `{channel_text}` no entendido (telefono, presencial, email, facebook)")
        })?
    };
    let operator_text = cell(Field::Operator);
    let operator_id = if operator_text.is_empty() {
        String::new()
    } else if context.roster.is_empty() {
        // Without a roster (calibrating a results folder), the operator is kept as written.
        operator_text
    } else {
        context
            .roster
            .operator_named(&operator_text)
            .map(|o| o.id.clone())
            .ok_or_else(|| format!("el operador `{operator_text}` no está en el padrón"))?
    };
    let reference = cell(Field::Interaction);
    let recorded_id = (channel == Channel::Telefono)
        .then(|| scored_call(&reference, context.scored_calls))
        .flatten();
    if let Some(call_id) = recorded_id {
        return Ok(RowHeader {
            interaction_id: call_id,
            channel,
            evaluator,
            operator_id,
            started_at: String::new(),
            recorded: true,
        });
    }
    // An interaction callqa did not score: it stands on the evaluation alone.
    let started_at = iso_date(&cell(Field::StartedAt)).unwrap_or_default();
    let mut missing = Vec::new();
    if operator_id.is_empty() {
        missing.push("el operador");
    }
    if started_at.is_empty() {
        missing.push("la fecha (AAAA-MM-DD)");
    }
    if !missing.is_empty() {
        let what = if channel == Channel::Telefono {
            if reference.is_empty() {
                "sin id de llamada; una llamada sin grabación".to_string()
            } else {
                format!(
                    "la llamada `{reference}` no está entre las que callqa calificó; una llamada sin \
                     grabación"
                )
            }
        } else {
            format!("una evaluación del canal {}", channel.as_str())
        };
        return Err(format!("{what} necesita {}", missing.join(" y ")));
    }
    let interaction_id = if reference.is_empty() {
        // A wide row without an id is one interaction: named after its file and row.
        let stem = sheet
            .source
            .rsplit('/')
            .next()
            .unwrap_or(&sheet.source)
            .split('.')
            .next()
            .unwrap_or("");
        format!("{stem}-{}", row.row)
    } else {
        call_id_from_file_name(&reference, &jiff::tz::TimeZone::UTC)
            .map(|(id, _)| id)
            .unwrap_or(reference)
    };
    Ok(RowHeader {
        interaction_id,
        channel,
        evaluator,
        operator_id,
        started_at,
        recorded: false,
    })
}

/// A date as supervisors write it (`2026-11-20`, `20/11/2026`, `20-11-2026`, with an optional time
/// `10:30` or `10:30:15` after a space or `T`) as ISO 8601: `2026-11-20` or `2026-11-20T10:30:00`.
pub fn iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    let (date, time) = match text.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    let date =
        jiff::civil::Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()?;
    let Some(time) = time.filter(|t| !t.is_empty()) else {
        return Some(date.to_string());
    };
    let hms: Vec<&str> = time.split(':').collect();
    let number = |i: usize| hms.get(i).map_or(Some(0), |v| v.parse::<i8>().ok());
    let time = jiff::civil::Time::new(number(0)?, number(1)?, number(2)?, 0).ok()?;
    Some(format!("{date}T{}", time.strftime("%H:%M:%S")))
}

/// The scored call a reference names: its id, a recording file name holding it, or the id typed into
/// a spreadsheet as a number (which drops trailing zeros: 1793632502.1190 reads 1793632502.119).
fn scored_call(reference: &str, scored: &BTreeSet<String>) -> Option<String> {
    let reference = reference.trim();
    if reference.is_empty() {
        return None;
    }
    if scored.contains(reference) {
        return Some(reference.to_string());
    }
    if let Some((id, _)) = call_id_from_file_name(reference, &jiff::tz::TimeZone::UTC)
        && scored.contains(&id)
    {
        return Some(id);
    }
    let number: f64 = reference.parse().ok()?;
    let (whole, fraction) = reference.split_once('.')?;
    scored
        .range(format!("{whole}.")..)
        .take_while(|id| id.starts_with(&format!("{whole}.")))
        .find(|id| {
            id.parse::<f64>().ok() == Some(number)
                && id[whole.len() + 1..].trim_end_matches('0') == fraction.trim_end_matches('0')
        })
        .cloned()
}

/// The evaluations as callqa keeps them in a results folder (evaluations.csv), one verdict a row.
pub fn evaluation_rows(evaluations: &[Evaluation]) -> Vec<EvaluationRow> {
    evaluations
        .iter()
        .map(|e| EvaluationRow {
            call_id: e.interaction_id.clone(),
            channel: e.channel.as_str().into(),
            criterion: e.criterion.clone(),
            outcome: e.outcome.as_str().into(),
            evaluator: crate::text::mask(&e.evaluator),
            evaluated_at: e.evaluated_at.clone(),
            comment: crate::text::mask(&e.comment),
            operator_id: e.operator_id.clone(),
            started_at: e.started_at.clone(),
            recorded: e.recorded,
            source_file: e.source_file.clone(),
            source_row: e.row as u64,
        })
        .collect()
}

impl Evaluations {
    /// The evaluations a results folder keeps: the rows of its evaluations.csv (a sharded folder has
    /// one per shard), each with the file it was read from, in the order `interpret` gives. A row
    /// whose channel or outcome callqa does not know is a bad row of its file.
    pub fn from_rows(files: impl IntoIterator<Item = (String, Vec<EvaluationRow>)>) -> Evaluations {
        let mut out = Evaluations::default();
        for (file, rows) in files {
            for (index, row) in rows.into_iter().enumerate() {
                let (Some(channel), Some(outcome)) =
                    (Channel::parse(&row.channel), Outcome::parse(&row.outcome))
                else {
                    out.bad.push(BadRow {
                        source_file: file.clone(),
                        // Line 1 is the header.
                        row: Some(index + 2),
                        code: Problem::BadEvaluation,
                        reason: format!(
                            "canal `{}` o resultado `{}` no entendido",
                            row.channel, row.outcome
                        ),
                    });
                    continue;
                };
                out.rows.push(Evaluation {
                    interaction_id: row.call_id,
                    channel,
                    criterion: row.criterion,
                    outcome,
                    evaluator: row.evaluator,
                    evaluated_at: row.evaluated_at,
                    comment: row.comment,
                    operator_id: row.operator_id,
                    started_at: row.started_at,
                    recorded: row.recorded,
                    source_file: row.source_file,
                    row: row.source_row as usize,
                });
            }
        }
        out.rows.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        out.bad.sort();
        out
    }
}

impl Evaluation {
    /// The order of evaluations.csv: channel, interaction, evaluator, criterion, then where it was read.
    fn order_key(&self) -> (Channel, &str, &str, &str, &str, usize) {
        (
            self.channel,
            &self.interaction_id,
            &self.evaluator,
            &self.criterion,
            &self.source_file,
            self.row,
        )
    }
}

/// What run.json records of the supervisors' evaluations.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct EvaluationRunInfo {
    pub evaluation_files_read: usize,
    /// Verdicts read (one per interaction, criterion and evaluator).
    pub evaluations: usize,
    /// Rows, columns and sheets left out (each listed in rejected.csv).
    pub evaluation_rows_rejected: usize,
    pub evaluators: Vec<String>,
    /// callqa's verdicts a supervisor changed; every report shows the supervisor's.
    pub overrides: usize,
    /// callqa's verdicts a supervisor evaluated the same way.
    pub overrides_confirming: usize,
    /// Recorded calls with at least one supervisor's verdict.
    pub reviewed_calls: usize,
    /// Interactions only supervisors scored, per channel.
    pub manual_interactions: BTreeMap<String, usize>,
}

#[cfg(test)]
mod tests;

//! What callqa prints on the terminal: the one-line end of a run, the progress bar, the audit
//! summary per criterion and operator, the line review, a call's scorecard (`explain`), the
//! calibration, and a rubric's criteria.

use std::io::{self, Write};
use std::path::Path;

use super::pipeline::ScoreRun;
use crate::model::Outcome;
use crate::pbx::lines::LineReview;
use crate::results::{CriterionRow, InteractionRow};
use crate::rubric::Rubric;
use crate::text::clock;
use crate::text::mask::mask;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub(super) fn print_scored(run: &ScoreRun, folder: &Path) {
    let replies = |channel: &str| run.written.replies.get(channel).map_or(0, |r| r.0);
    let written = match replies("email") + replies("facebook") {
        0 => String::new(),
        n => format!(
            " {n} written replies ({} e-mail, {} Facebook),",
            replies("email"),
            replies("facebook")
        ),
    };
    eprintln!(
        "callqa: {} calls scored,{written} {} -> {}",
        run.tally.calls,
        run.counts.summary(run.run.elapsed_s),
        folder.display()
    );
}

pub(super) fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} scoring {pos}/{len} files [{bar:30}] {elapsed_precise} eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The terminal summary of a run: per criterion and per operator, from the run's tallies.
pub(super) fn write_summary(out: &mut impl Write, run: &ScoreRun) -> io::Result<()> {
    let tally = &run.tally;
    let mut counts = format!(
        "Auditoría: {} llamadas calificadas, {} archivos rechazados",
        tally.calls, run.run.files_rejected
    );
    if run.run.lines_rejected > 0 {
        counts += &format!(", {} líneas omitidas", run.run.lines_rejected);
    }
    if run.run.entries_skipped > 0 {
        counts += &format!(", {} entradas no leídas", run.run.entries_skipped);
    }
    writeln!(out, "{counts}")?;
    if let Some(evaluations) = &run.run.evaluations {
        writeln!(
            out,
            "Evaluaciones de supervisión: {} veredictos de {} ({} filas no leídas); {} veredictos de \
             callqa corregidos, {} atenciones calificadas solo por supervisores",
            evaluations.evaluations,
            evaluations.evaluators.join(", "),
            evaluations.evaluation_rows_rejected,
            evaluations.overrides,
            evaluations.manual_interactions.values().sum::<usize>()
        )?;
    }
    writeln!(
        out,
        "\n{:<22} {:>7} {:>9} {:>9}  {}",
        "criterio", "cumple", "no cumple", "no aplica", "cumplimiento"
    )?;
    for (i, criterion) in run.rubric.criteria.iter().enumerate() {
        let [pass, fail, na] = tally.outcomes.get(i).copied().unwrap_or_default();
        let rate = if pass + fail > 0 {
            format!("{:.0} %", 100.0 * pass as f64 / (pass + fail) as f64)
        } else {
            "—".into()
        };
        writeln!(
            out,
            "{:<22} {:>7} {:>9} {:>9}  {}",
            criterion.id, pass, fail, na, rate
        )?;
    }
    writeln!(
        out,
        "\n{:<8} {:<30} {:>8} {:>9} {:>15}",
        "operador", "nombre", "llamadas", "puntaje", "crítico fallado"
    )?;
    for (id, operator) in &tally.operators {
        let mean = if operator.scored == 0 {
            "—".into()
        } else {
            format!("{:.1}", operator.score_sum / operator.scored as f64)
        };
        for name in &operator.names {
            let (id, name) = if id.is_empty() {
                ("?", "(sin identificar)")
            } else {
                (id.as_str(), name.as_str())
            };
            writeln!(
                out,
                "{:<8} {:<30} {:>8} {:>9} {:>15}",
                id, name, operator.calls, mean, operator.critical_failed
            )?;
        }
    }
    write_written_summary(out, run)?;
    if let Some(review) = &run.review {
        writeln!(out)?;
        write_line_review(out, review)?;
    }
    if !tally.rejected.is_empty() {
        writeln!(out, "\nNo calificado (detalle en rejected.csv):")?;
        for r in &tally.rejected {
            let line = r.line.map(|l| format!(":{l}")).unwrap_or_default();
            writeln!(
                out,
                "  {}{line}: [{}] {}",
                r.source_file,
                r.code,
                mask(&r.reason)
            )?;
        }
    }
    Ok(())
}

/// The written channels on the terminal: per channel, replies and threads, then each criterion.
fn write_written_summary(out: &mut impl Write, run: &ScoreRun) -> io::Result<()> {
    let written = &run.written;
    for (channel, title, threads) in [
        ("email", "Correo electrónico", written.info.email_threads),
        ("facebook", "Facebook", written.info.facebook_conversations),
    ] {
        let Some(&(replies, score_sum)) = written.replies.get(channel) else {
            continue;
        };
        writeln!(
            out,
            "\n{title}: {replies} respuestas en {threads} hilos, puntaje medio {:.1}",
            score_sum / replies.max(1) as f64
        )?;
        for criterion in &run.written_rubric.criteria {
            let Some([pass, fail, na]) = written.outcomes.get(&(channel, criterion.id.clone()))
            else {
                continue;
            };
            let rate = if pass + fail > 0 {
                format!("{:.0} %", 100.0 * *pass as f64 / (pass + fail) as f64)
            } else {
                "—".into()
            };
            writeln!(
                out,
                "{:<22} {:>7} {:>9} {:>9}  {}",
                criterion.id, pass, fail, na, rate
            )?;
        }
    }
    if !written.backlog.is_empty() {
        writeln!(
            out,
            "\nSin respuesta al cierre del periodo: {} hilos (backlog.csv)",
            written.backlog.len()
        )?;
    }
    Ok(())
}

/// The head of a written reply's scorecard: channel, thread, when it was sent and how long the user
/// waited for it.
fn write_written_header(
    out: &mut impl Write,
    call: &InteractionRow,
    operator: &str,
) -> io::Result<()> {
    let channel = if call.channel == "email" {
        "correo electrónico"
    } else {
        "Facebook"
    };
    writeln!(out, "Respuesta {} ({channel}) — {operator}", call.call_id)?;
    writeln!(
        out,
        "Enviada: {}   Mensaje más antiguo que atiende: {}   Tiempo de respuesta: {}   Puntaje: {}   Críticos incumplidos: {}",
        call.started_at,
        if call.waiting_since.is_empty() {
            "ninguno"
        } else {
            &call.waiting_since
        },
        call.response_business_h.map_or("—".to_string(), |h| {
            format!(
                "{} h hábiles",
                crate::results::row::format_float(h).replace('.', ",")
            )
        }),
        call.score
            .map_or("sin criterios aplicables".to_string(), |s| format!(
                "{s}/100"
            )),
        if call.critical_failed.is_empty() {
            "ninguno".to_string()
        } else {
            call.critical_failed.replace(';', ", ")
        },
    )?;
    writeln!(
        out,
        "Archivo: {} ({})   Hilo: {}, respuesta n.º {}   Operador según: {}",
        call.source_file,
        call.format,
        call.thread_id,
        call.reply_number.unwrap_or_default(),
        if call.operator_source.is_empty() {
            "—"
        } else {
            &call.operator_source
        }
    )
}

/// The line review on the terminal: per day, the period, and suspect extensions.
pub(super) fn write_line_review(out: &mut impl Write, review: &LineReview) -> io::Result<()> {
    let pct = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{:.1} %", v * 100.0));
    writeln!(
        out,
        "{:<10} {:>8} {:>9} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "día", "ofrecid.", "atendid.", "perdid.", "entrada", "anexo", "% perd.", "nivel 20s"
    )?;
    for f in review.daily.iter().chain(std::iter::once(&review.total)) {
        writeln!(
            out,
            "{:<10} {:>8} {:>9} {:>8} {:>8} {:>8} {:>8} {:>9}",
            f.period,
            f.offered,
            f.answered,
            f.lost,
            f.lost_at_entry,
            f.lost_at_extension,
            pct(f.lost_rate),
            pct(f.service_level)
        )?;
    }
    if review.total.internal_calls > 0 {
        writeln!(
            out,
            "Tráfico interno (no cuenta como ofrecidas): {} llamadas; ver internal_calls.csv",
            review.total.internal_calls
        )?;
    }
    for e in &review.extensions {
        if let Some(suspect) = e.suspect {
            writeln!(
                out,
                "Anexo {}: {}: {}",
                e.extension,
                suspect.label(),
                e.evidence
            )?;
        }
    }
    Ok(())
}

/// The calibration on the terminal: one line per pair and criterion.
pub(super) fn write_calibration(
    out: &mut impl Write,
    calibration: &crate::calibrate::Calibration,
) -> io::Result<()> {
    let figure = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{v:.3}"));
    writeln!(
        out,
        "{:<34} {:<22} {:>5} {:>8} {:>7}  {}",
        "par", "criterio", "n", "acuerdo", "kappa", "IC 95 %"
    )?;
    for row in &calibration.rows {
        let pair = if row.rater_b.is_empty() {
            format!("{} (Fleiss)", row.rater_a)
        } else {
            format!("{} / {}", row.rater_a, row.rater_b)
        };
        let a = &row.agreement;
        writeln!(
            out,
            "{:<34} {:<22} {:>5} {:>7.1}% {:>7}  {}",
            pair,
            row.criterion,
            a.n,
            a.agreement * 100.0,
            figure(a.kappa),
            match (a.low, a.high) {
                (Some(l), Some(h)) => format!("{l:.3} – {h:.3}"),
                _ => "—".into(),
            }
        )?;
    }
    writeln!(
        out,
        "{} desacuerdos de callqa con los supervisores",
        calibration.disagreements.len()
    )
}

pub(super) fn print_criteria(out: &mut impl Write, rubric: &Rubric) -> io::Result<()> {
    let total: f64 = rubric.criteria.iter().map(|c| c.weight).sum();
    writeln!(
        out,
        "{:<22} {:<14} {:>6} {:>8}  {:<22} title",
        "criterion", "section", "weight", "critical", "detector"
    )?;
    for c in &rubric.criteria {
        writeln!(
            out,
            "{:<22} {:<14} {:>6} {:>8}  {:<22} {}",
            c.id,
            c.section,
            c.weight,
            if c.critical { "yes" } else { "no" },
            c.detector_kind,
            c.title
        )?;
    }
    writeln!(
        out,
        "{} criteria, total weight {total}",
        rubric.criteria.len()
    )
}

/// One call's scorecard (`callqa explain`): who, when, the roles and each verdict with its quote,
/// time, reason and source, under the rubric's section titles when the run's rubric is known.
pub(super) fn write_explain(
    out: &mut impl Write,
    call: &InteractionRow,
    verdicts: &[CriterionRow],
    rubric: Option<&Rubric>,
    written: Option<&crate::written::WrittenRubric>,
) -> io::Result<()> {
    let operator = if call.operator_id.is_empty() {
        "operador no identificado".to_string()
    } else {
        format!("{} ({})", call.operator_name, call.operator_id)
    };
    if matches!(call.channel.as_str(), "email" | "facebook") {
        write_written_header(out, call, &operator)?;
    } else {
        writeln!(out, "Llamada {} — {}", call.call_id, operator)?;
        writeln!(
            out,
            "Inicio: {}   Duración: {}   Puntaje: {}   Críticos incumplidos: {}",
            if call.started_at.is_empty() {
                "desconocido"
            } else {
                &call.started_at
            },
            call.duration_s.map_or("sin tiempos".to_string(), clock),
            call.score
                .map_or("sin criterios aplicables".to_string(), |s| format!(
                    "{s}/100"
                )),
            if call.critical_failed.is_empty() {
                "ninguno".to_string()
            } else {
                call.critical_failed.replace(';', ", ")
            },
        )?;
        writeln!(
            out,
            "Archivo: {} ({})   Roles: {} (confianza {:.2}): {}",
            call.source_file,
            call.format,
            call.role_method,
            call.role_confidence.unwrap_or_default(),
            call.role_detail
        )?;
    }
    if call
        .role_confidence
        .is_some_and(|c| c < crate::link::CERTAIN_ROLES)
    {
        writeln!(
            out,
            "⚠ Roles inciertos: revise quién es el operador antes de usar estos veredictos en coaching."
        )?;
    }
    writeln!(
        out,
        "Cumple {} · No cumple {} · No aplica {}",
        call.n_pass, call.n_fail, call.n_na
    )?;
    let mut section = String::new();
    for v in verdicts {
        // A written reply's titles come from the written rubric.
        let written_titles = written.map(|r| {
            let title = r
                .criteria
                .iter()
                .find(|c| c.id == v.criterion)
                .map_or(v.criterion.clone(), |c| c.title.clone());
            let section = r
                .sections
                .iter()
                .find(|s| s.id == v.section)
                .map_or(v.section.clone(), |s| s.title.clone());
            (title, section)
        });
        let (title, section_title) = match (rubric, written_titles) {
            (_, Some(titles)) => titles,
            (Some(r), None) => (
                r.criterion(&v.criterion)
                    .map_or(v.criterion.clone(), |c| c.title.clone()),
                r.section_title(&v.section).to_string(),
            ),
            (None, None) => (v.criterion.clone(), v.section.clone()),
        };
        if section != v.section {
            section = v.section.clone();
            writeln!(out, "\n{section_title}")?;
        }
        let mark = match Outcome::parse(&v.outcome) {
            Some(Outcome::Pass) => "✔ CUMPLE   ",
            Some(Outcome::Fail) => "✘ NO CUMPLE",
            _ => "– NO APLICA",
        };
        let critical = if v.critical { " [crítico]" } else { "" };
        writeln!(out, "  {mark}  {title} ({}){critical}", v.criterion)?;
        let at = match (v.at_s, v.at.as_str()) {
            (Some(s), _) => clock(s),
            (None, "") => "--:--".into(),
            // A written reply: its local send time.
            (None, at) => at.to_string(),
        };
        if !v.evidence.is_empty() {
            writeln!(out, "      {at}  «{}»", v.evidence)?;
        }
        if !v.reason.is_empty() {
            writeln!(
                out,
                "      {}{}",
                v.reason,
                if v.source != "transcript" {
                    format!(" (fuente: {})", v.source)
                } else {
                    String::new()
                }
            )?;
        }
    }
    Ok(())
}

//! The written channels' part of a results folder: their rows of criteria.csv and interactions.csv
//! (one interaction per help-desk reply, `channel` = `email` or `facebook`), `backlog.csv` (the
//! threads still waiting for the help desk at the end of the period, oldest first), their rejections,
//! what run.json records of them, and the written rubric copied beside `rubric.toml`. Every text
//! from a message is masked here (DNIs, phone numbers, e-mail addresses).

use std::path::Path;

use serde::Serialize;

use super::row::output_row;
use super::{
    CriterionRow, InteractionRow, Rejection, ResultsDir, ResultsError, iso_in, relative_masked,
};
use crate::model::Outcome;
use crate::text::mask;
use crate::written::score::{Pending, ScoredReply, WrittenData};
use crate::written::{Channel, WrittenRubric};

output_row! {
    /// One row of backlog.csv: a thread whose last user messages got no reply by the end of the period.
    pub struct BacklogRow {
        pub channel: String,
        /// The thread's id, as the replies' ids start (`em-20261105-1a2b3c4d`).
        pub thread_id: String,
        /// ISO 8601 in Lima time: the oldest unanswered user message.
        pub waiting_since: String,
        /// Business hours from `waiting_since` to the end of the period.
        pub age_business_h: f64,
        /// Unanswered user messages.
        pub messages: usize,
        /// Masked.
        pub subject: String,
        pub source_file: String,
        pub line: Option<usize>,
    }
}

/// The thread id of a reply id (`em-20261105-1a2b3c4d-02` -> `em-20261105-1a2b3c4d`).
pub fn thread_id_of(reply_id: &str) -> &str {
    reply_id
        .rsplit_once('-')
        .map_or(reply_id, |(thread, _)| thread)
}

/// A reply's rows: its criteria (those of its channel, in rubric order) and its interaction.
pub fn written_rows(
    reply: &ScoredReply,
    rubric: &WrittenRubric,
    data: &Path,
) -> (Vec<CriterionRow>, InteractionRow) {
    let tz = &rubric.calendar.time_zone;
    let operator = reply.operator.as_ref();
    let operator_id = operator.map(|o| o.id.clone()).unwrap_or_default();
    let criteria = reply
        .verdicts
        .iter()
        .map(|(index, verdict)| {
            let criterion = &rubric.criteria[*index];
            CriterionRow {
                call_id: reply.id.clone(),
                operator_id: operator_id.clone(),
                channel: reply.channel.as_str().to_string(),
                criterion: verdict.criterion.clone(),
                section: criterion.section.clone(),
                outcome: verdict.outcome.as_str().to_string(),
                critical: criterion.critical,
                weight: criterion.weight,
                at_s: None,
                at: reply.at.clone(),
                evidence: verdict.evidence.clone(),
                reason: verdict.reason.clone(),
                source: "message".into(),
                confidence: verdict.confidence().as_str().to_string(),
                doubts: String::new(),
            }
        })
        .collect();
    let mut source_file = relative_masked(&reply.source_file, data);
    if let Some(line) = reply.line {
        source_file = format!("{source_file}:{line}");
    }
    let interaction = InteractionRow {
        call_id: reply.id.clone(),
        operator_id,
        operator_name: operator.map(|o| o.name.clone()).unwrap_or_default(),
        team: operator.map(|o| o.team.clone()).unwrap_or_default(),
        operator_source: reply.operator_source.unwrap_or_default().to_string(),
        channel: reply.channel.as_str().to_string(),
        started_at: iso_in(reply.sent_at, tz),
        score: reply.score,
        critical_failed: reply.critical_failed.join(";"),
        n_pass: reply.count(Outcome::Pass),
        n_fail: reply.count(Outcome::Fail),
        n_na: reply.count(Outcome::Na),
        format: reply.format.as_str().to_string(),
        source_file,
        role_method: "file".into(),
        role_confidence: Some(1.0),
        role_detail: "remitente: la Mesa de Ayuda según helpdesk.toml".into(),
        turns: Some(reply.messages),
        thread_id: thread_id_of(&reply.id).to_string(),
        reply_number: Some(reply.number),
        waiting_since: reply
            .waiting_since
            .map(|t| iso_in(t, tz))
            .unwrap_or_default(),
        response_business_h: reply.response_business_h,
        ..InteractionRow::default()
    };
    (criteria, interaction)
}

/// backlog.csv's rows, oldest first.
pub fn backlog_rows(backlog: &[Pending], rubric: &WrittenRubric, data: &Path) -> Vec<BacklogRow> {
    backlog
        .iter()
        .map(|p| BacklogRow {
            channel: p.channel.as_str().to_string(),
            thread_id: p.thread_id.clone(),
            waiting_since: iso_in(p.waiting_since, &rubric.calendar.time_zone),
            age_business_h: p.age_business_h,
            messages: p.messages,
            subject: mask(&p.subject),
            source_file: relative_masked(&p.source_file, data),
            line: p.line,
        })
        .collect()
}

/// The written channels' read problems and unread entries as rejections.
pub fn written_rejections(written: &WrittenData, data: &Path) -> Vec<Rejection> {
    let mut rejected: Vec<Rejection> = written
        .problems
        .iter()
        .map(|p| {
            let source = relative_masked(&p.path, data);
            if p.whole_file {
                Rejection {
                    line: p.line,
                    ..Rejection::whole(source, p.code, mask(&p.reason))
                }
            } else {
                Rejection::line(source, p.line, p.code, mask(&p.reason))
            }
        })
        .collect();
    rejected.extend(
        written
            .skipped
            .iter()
            .map(|s| Rejection::skipped(relative_masked(&s.path, data), s.code, s.reason.clone())),
    );
    rejected
}

/// What run.json records of the written channels.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WrittenRunInfo {
    pub written_rubric_id: String,
    pub written_rubric_version: String,
    pub written_rubric_sha256: String,
    pub email_files_read: usize,
    pub facebook_files_read: usize,
    pub email_threads: usize,
    pub facebook_conversations: usize,
    pub email_replies_scored: usize,
    pub facebook_replies_scored: usize,
    /// Threads waiting for the help desk at the end of the period (backlog.csv).
    pub written_backlog: usize,
}

impl WrittenRunInfo {
    pub fn new(
        rubric: &WrittenRubric,
        written: &WrittenData,
        replies: &[ScoredReply],
        backlog: usize,
    ) -> WrittenRunInfo {
        let replies_of = |c: Channel| replies.iter().filter(|r| r.channel == c).count();
        WrittenRunInfo {
            written_rubric_id: rubric.id.clone(),
            written_rubric_version: rubric.version.clone(),
            written_rubric_sha256: rubric.sha256.clone(),
            email_files_read: written.email_files,
            facebook_files_read: written.facebook_files,
            email_threads: written.threads_of(Channel::Email),
            facebook_conversations: written.threads_of(Channel::Facebook),
            email_replies_scored: replies_of(Channel::Email),
            facebook_replies_scored: replies_of(Channel::Facebook),
            written_backlog: backlog,
        }
    }
}

impl ResultsDir {
    /// Writes backlog.csv (the written rubric is copied with the channel rubrics, `rubric.<id>.toml`).
    pub fn write_written(&self, backlog: &[BacklogRow]) -> Result<(), ResultsError> {
        self.put_rows("backlog", backlog, false)
    }
}

//! Threads -> replies -> verdicts, and the backlog. Reading: every file under `DATA/email/` and
//! `DATA/facebook/`, each scored into threads or rejected with its reason. A reply is a run of the
//! help desk's messages, the next one sent within `[replies] join_within_min` of the previous; it
//! answers the user's messages since the help desk's previous reply. The backlog is every thread whose
//! last user messages got no reply by the end of the period (the end of the month of the latest
//! message read), with how long they have waited in business hours.
//!
//! A reply's id is `em-` / `fb-`, the date its thread started (Lima), 8 hex digits of the thread key's
//! FNV-1a hash and the reply's number in the thread: `em-20261105-1a2b3c4d-01`.

use std::path::{Path, PathBuf};

use super::criteria::{Reply, local};
use super::email::{read_email_file, thread_emails};
use super::facebook::Inbox;
use super::{Channel, HelpDesk, Message, ReadProblem, Side, Thread, WrittenFormat, WrittenRubric};
use crate::link::Roster;
use crate::model::{Operator, Outcome, Verdict};
use crate::text::{Analyzed, mask, quote};

/// Characters of a quote in the evidence column.
const QUOTE_CHARS: usize = 110;

/// Everything read from the written channels.
#[derive(Debug, Default)]
pub struct WrittenData {
    pub threads: Vec<Thread>,
    /// The help desk's identities (empty without helpdesk.toml).
    pub desk: HelpDesk,
    pub problems: Vec<ReadProblem>,
    /// Entries of email/ and facebook/ not read (hidden files, broken links).
    pub skipped: Vec<crate::input::Skipped>,
    pub email_files: usize,
    pub facebook_files: usize,
    /// helpdesk.toml was there and read.
    pub helpdesk_read: bool,
}

impl WrittenData {
    pub fn files_read(&self) -> usize {
        self.email_files + self.facebook_files + usize::from(self.helpdesk_read)
    }

    pub fn threads_of(&self, channel: Channel) -> usize {
        self.threads.iter().filter(|t| t.channel == channel).count()
    }
}

/// The help desk's config, beside operators.csv.
pub const HELPDESK_FILE: &str = "helpdesk.toml";

/// Reads `DATA/email/` and `DATA/facebook/` (absent folders: nothing) with `DATA/helpdesk.toml`.
/// Without a readable helpdesk.toml, the files there are rejected whole: no side of a conversation
/// can be told to be the help desk's.
pub fn read_written(data: &Path) -> WrittenData {
    let mut out = WrittenData::default();
    let email_files = list(&data.join("email"), &mut out.skipped);
    let facebook_files = list(&data.join("facebook"), &mut out.skipped);
    out.email_files = email_files.len();
    out.facebook_files = facebook_files.len();
    if email_files.is_empty() && facebook_files.is_empty() {
        return out;
    }
    let config = data.join(HELPDESK_FILE);
    let desk = if config.is_file() {
        match HelpDesk::read(&config) {
            Ok(desk) => {
                out.helpdesk_read = true;
                Some(desk)
            }
            Err(problem) => {
                out.problems.push(problem);
                None
            }
        }
    } else {
        None
    };
    let Some(desk) = desk else {
        for path in email_files.iter().chain(&facebook_files) {
            out.problems.push(ReadProblem {
                path: path.clone(),
                line: None,
                code: crate::model::Problem::NoHelpDesk,
                reason: "sin un helpdesk.toml válido junto a operators.csv no se sabe qué \
                         direcciones ni qué Página son de la Mesa de Ayuda"
                    .into(),
                whole_file: true,
            });
        }
        return out;
    };
    let mut messages = Vec::new();
    for path in &email_files {
        match read_email_file(path, &desk) {
            Ok((read, problems)) => {
                messages.extend(read);
                out.problems.extend(problems);
            }
            Err(problem) => out.problems.push(problem),
        }
    }
    out.threads.extend(thread_emails(messages));
    let mut inbox = Inbox::default();
    for path in &facebook_files {
        match inbox.read_file(path, &desk) {
            Ok(problems) => out.problems.extend(problems),
            Err(problem) => out.problems.push(problem),
        }
    }
    out.threads.extend(inbox.into_threads());
    out.desk = desk;
    out
}

fn list(folder: &Path, skipped: &mut Vec<crate::input::Skipped>) -> Vec<PathBuf> {
    if !folder.is_dir() {
        return Vec::new();
    }
    let listing = crate::input::list_files(folder);
    skipped.extend(listing.skipped);
    listing.files
}

/// One scored reply.
#[derive(Debug, Clone)]
pub struct ScoredReply {
    pub id: String,
    pub channel: Channel,
    pub thread_key: String,
    pub number: usize,
    pub sent_at: jiff::Timestamp,
    /// The oldest user message it answers.
    pub waiting_since: Option<jiff::Timestamp>,
    pub response_business_h: Option<f64>,
    pub operator: Option<Operator>,
    /// `mailbox` (the operator's alias in helpdesk.toml) or `signature`.
    pub operator_source: Option<&'static str>,
    pub format: WrittenFormat,
    pub source_file: PathBuf,
    pub line: Option<usize>,
    /// Messages in the thread up to and including the reply.
    pub messages: usize,
    /// Per criterion that applies to the channel, in rubric order: its index in the rubric and the
    /// verdict (masked).
    pub verdicts: Vec<(usize, Verdict)>,
    /// The local time of the reply, `05/11/2026 10:12`: the moment every verdict rests on.
    pub at: String,
    pub score: Option<f64>,
    pub critical_failed: Vec<String>,
}

impl ScoredReply {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.verdicts
            .iter()
            .filter(|(_, v)| v.outcome == outcome)
            .count()
    }
}

/// A thread waiting for the help desk at the end of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub channel: Channel,
    pub thread_key: String,
    /// As the replies' ids start: `em-20261105-1a2b3c4d`.
    pub thread_id: String,
    pub waiting_since: jiff::Timestamp,
    pub age_business_h: f64,
    /// Unanswered user messages.
    pub messages: usize,
    pub subject: String,
    pub source_file: PathBuf,
    pub line: Option<usize>,
}

/// The end of the period: the end of the month (in the help desk's zone) of the latest message.
pub fn period_end(threads: &[Thread], rubric: &WrittenRubric) -> Option<jiff::Timestamp> {
    let latest = threads
        .iter()
        .flat_map(|t| &t.messages)
        .map(|m| m.sent_at)
        .max()?;
    let zone = rubric.calendar.time_zone.clone();
    let date = latest.to_zoned_datetime(zone.clone()).date();
    let next_month = date
        .first_of_month()
        .checked_add(jiff::Span::new().months(1))
        .ok()?;
    next_month
        .to_datetime(jiff::civil::Time::midnight())
        .to_zoned_datetime(zone)
        .ok()
        .map(|z| z.timestamp())
}

/// Scores every reply of `threads`; returns the replies (by id) and the backlog (oldest first).
pub fn score_threads(
    threads: &[Thread],
    rubric: &WrittenRubric,
    roster: &Roster,
    desk: &HelpDesk,
) -> (Vec<ScoredReply>, Vec<Pending>) {
    let mut replies = Vec::new();
    let mut backlog = Vec::new();
    let end = period_end(threads, rubric);
    for thread in threads {
        let groups = replies_of(thread, rubric.reply_join_s);
        let mut answered_up_to = 0;
        for (number, group) in groups.iter().enumerate() {
            replies.push(score_reply(thread, group, number + 1, rubric, roster, desk));
            answered_up_to = group.end;
        }
        let waiting: Vec<&Message> = thread.messages[answered_up_to..]
            .iter()
            .filter(|m| m.side == Side::User)
            .collect();
        if let (Some(first), Some(end)) = (waiting.first(), end) {
            backlog.push(Pending {
                channel: thread.channel,
                thread_key: thread.key.clone(),
                thread_id: thread_id(thread, rubric),
                waiting_since: first.sent_at,
                age_business_h: rubric.calendar.business_hours(first.sent_at, end),
                messages: waiting.len(),
                subject: thread.messages[0].subject.clone(),
                source_file: first.source_file.clone(),
                line: first.line,
            });
        }
    }
    replies.sort_by(|a, b| a.id.cmp(&b.id));
    backlog.sort_by(|a, b| (a.waiting_since, &a.thread_key).cmp(&(b.waiting_since, &b.thread_key)));
    (replies, backlog)
}

/// The help desk's replies in a thread: index ranges of its messages.
fn replies_of(thread: &Thread, join_s: i64) -> Vec<std::ops::Range<usize>> {
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, message) in thread.messages.iter().enumerate() {
        if message.side != Side::HelpDesk {
            continue;
        }
        if let Some(last) = groups.last_mut()
            && last.end == i
            && (message.sent_at.as_second() - thread.messages[i - 1].sent_at.as_second()) <= join_s
        {
            last.end = i + 1;
            continue;
        }
        groups.push(i..i + 1);
    }
    groups
}

fn score_reply(
    thread: &Thread,
    range: &std::ops::Range<usize>,
    number: usize,
    rubric: &WrittenRubric,
    roster: &Roster,
    desk: &HelpDesk,
) -> ScoredReply {
    let messages = &thread.messages[range.clone()];
    let first = &messages[0];
    let text = super::criteria::join(messages.iter().map(|m| m.text.as_str()));
    let analyzed = Analyzed::new(&text);
    let earlier_user: Vec<&Message> = thread.messages[..range.start]
        .iter()
        .filter(|m| m.side == Side::User)
        .collect();
    let previous_reply_end = thread.messages[..range.start]
        .iter()
        .rposition(|m| m.side == Side::HelpDesk)
        .map_or(0, |i| i + 1);
    let answers: Vec<&Message> = thread.messages[previous_reply_end..range.start]
        .iter()
        .filter(|m| m.side == Side::User)
        .collect();
    let (operator, operator_source) = identify_operator(messages, &text, roster, desk);
    let reply = Reply {
        channel: thread.channel,
        text: text.clone(),
        analyzed,
        sent_at: first.sent_at,
        answers,
        earlier_user,
        number,
        operator: operator.as_ref(),
        calendar: &rubric.calendar,
    };
    let mut verdicts = Vec::new();
    for (index, criterion) in rubric.criteria.iter().enumerate() {
        if !criterion.channels.contains(&thread.channel) {
            continue;
        }
        let finding = criterion.detector.evaluate(&reply);
        let evidence = match (finding.outcome, finding.bytes) {
            (_, Some(bytes)) if bytes.1 > bytes.0 => quote(&text, bytes, QUOTE_CHARS),
            (Outcome::Fail, _) if finding.turn.is_some() => quote(&text, (0, 0), QUOTE_CHARS),
            _ => String::new(),
        };
        verdicts.push((
            index,
            Verdict {
                criterion: criterion.id.clone(),
                outcome: finding.outcome,
                at_s: None,
                turn: None,
                evidence: one_line(&mask(&evidence)),
                reason: mask(&finding.reason),
                source: finding.source,
                doubts: Vec::new(),
            },
        ));
    }
    let (mut earned, mut possible) = (0.0, 0.0);
    let mut critical_failed = Vec::new();
    for (index, verdict) in &verdicts {
        let criterion = &rubric.criteria[*index];
        match verdict.outcome {
            Outcome::Pass => {
                earned += criterion.weight;
                possible += criterion.weight;
            }
            Outcome::Fail => {
                possible += criterion.weight;
                if criterion.critical {
                    critical_failed.push(criterion.id.clone());
                }
            }
            Outcome::Na => {}
        }
    }
    let waiting_since = reply.answers.first().map(|m| m.sent_at);
    ScoredReply {
        id: format!("{}-{number:02}", thread_id(thread, rubric)),
        channel: thread.channel,
        thread_key: thread.key.clone(),
        number,
        sent_at: first.sent_at,
        response_business_h: waiting_since
            .map(|w| rubric.calendar.business_hours(w, first.sent_at)),
        waiting_since,
        operator,
        operator_source,
        format: first.format,
        source_file: first.source_file.clone(),
        line: first.line,
        messages: range.end,
        verdicts,
        at: local(first.sent_at, &rubric.calendar),
        score: (possible > 0.0).then(|| (earned / possible * 1000.0).round() / 10.0),
        critical_failed,
    }
}

/// A quote on one line: the reply's line breaks become " / ".
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A thread's id: channel prefix, the day it started (Lima), 8 hex digits of its key's hash.
fn thread_id(thread: &Thread, rubric: &WrittenRubric) -> String {
    let started = thread.messages[0]
        .sent_at
        .to_zoned_datetime(rubric.calendar.time_zone.clone())
        .strftime("%Y%m%d")
        .to_string();
    format!(
        "{}-{started}-{}",
        super::id_prefix(thread.channel),
        &super::short_hash(&thread.key)[4..]
    )
}

/// The operator of a reply: the alias it was sent from (helpdesk.toml), else the name it is signed
/// with (the roster's first name and surname in the reply's last lines).
fn identify_operator(
    messages: &[Message],
    text: &str,
    roster: &Roster,
    desk: &HelpDesk,
) -> (Option<Operator>, Option<&'static str>) {
    for message in messages {
        if let Some(id) = desk.operator_of_mailbox(&message.from_address)
            && let Some(op) = roster.operators.iter().find(|o| o.id == id)
        {
            return (Some(op.clone()), Some("mailbox"));
        }
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = lines[lines.len().saturating_sub(8)..].join("\n");
    let analyzed = Analyzed::new(&tail);
    if let Some(index) = roster.fully_named_in(&analyzed) {
        return (Some(roster.operators[index].clone()), Some("signature"));
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::written::criteria::testing::{lima, user_message};

    fn desk_message(at: &str, text: &str) -> Message {
        Message {
            side: Side::HelpDesk,
            id: format!("d-{at}"),
            ..user_message(at, text)
        }
    }

    fn roster() -> Roster {
        Roster::new(vec![Operator {
            id: "op01".into(),
            name: "Rosa Quispe Mamani".into(),
            extensions: vec!["201".into()],
            team: "Mañana".into(),
        }])
    }

    #[test]
    fn replies_join_close_messages_and_the_backlog_keeps_the_rest() {
        let rubric = WrittenRubric::default_rubric();
        let thread = Thread {
            channel: Channel::Facebook,
            key: "t_1".into(),
            messages: vec![
                user_message("2026-11-07 17:30", "Hola, no puedo ingresar al SIAGIE"),
                desk_message("2026-11-09 08:30", "Buenos días, estimado usuario:"),
                desk_message(
                    "2026-11-09 08:35",
                    "Indíquenos su DNI y código modular, por favor.",
                ),
                user_message("2026-11-09 09:00", "45281367, 0654321"),
                desk_message(
                    "2026-11-09 10:00",
                    "Buenos días. Su clave fue restablecida. Rosa Quispe",
                ),
                user_message("2026-11-30 17:00", "Gracias, otra consulta"),
            ],
        };
        let (replies, backlog) = score_threads(&[thread], &rubric, &roster(), &HelpDesk::default());
        assert_eq!(replies.len(), 2);
        assert_eq!(replies[0].number, 1);
        assert_eq!(replies[0].response_business_h, Some(1.0));
        assert_eq!(replies[1].response_business_h, Some(1.0));
        assert_eq!(replies[0].operator, None);
        assert_eq!(
            replies[1].operator.as_ref().map(|o| o.id.as_str()),
            Some("op01")
        );
        assert_eq!(replies[1].operator_source, Some("signature"));
        assert!(
            replies[0].id.starts_with("fb-20261107-"),
            "{}",
            replies[0].id
        );
        assert!(replies[1].id.ends_with("-02"));
        assert_eq!(backlog.len(), 1);
        // Monday 30 Nov 17:00 to the end of November: one business hour.
        assert_eq!(backlog[0].age_business_h, 1.0);
        assert_eq!(backlog[0].waiting_since, lima("2026-11-30 17:00"));
    }
}

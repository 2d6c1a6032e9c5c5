//! Every fixture under tests/fixtures/written/<criterion>/ (one thread: an mbox for e-mail, a Graph API
//! page for Facebook, written by `tools/gen_written_fixtures.py`) is read, threaded and scored with
//! the embedded written rubric; the help desk's last reply must get, on that criterion, the outcome
//! the file name starts with: `pass_`, `fail_` or `na_`. The first message says what it tests.

use std::path::{Path, PathBuf};

use callqa::input::read_roster;
use callqa::link::Roster;
use callqa::model::Outcome;
use callqa::written::email::{read_email_file, thread_emails};
use callqa::written::facebook::Inbox;
use callqa::written::score::score_threads;
use callqa::written::{HelpDesk, WrittenRubric};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/written")
}

/// Criteria whose rule applies to every reply with a user message before it: no `na_` fixture.
const ALWAYS: &[&str] = &[
    "salutation",
    "welcome_line",
    "dear_user",
    "plain_language",
    "positive_language",
    "signature",
    "institutional_footer",
    "thanks_line",
];

#[test]
fn every_written_fixture_gets_the_outcome_its_name_says() {
    let rubric = WrittenRubric::default_rubric();
    let desk = HelpDesk::read(&fixtures().join("helpdesk.toml")).expect("fixture helpdesk.toml");
    let (operators, errors) =
        read_roster(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/operators.csv"))
            .expect("fixture roster");
    assert!(errors.is_empty(), "{errors:?}");
    let roster = Roster::new(operators);
    let mut failures = Vec::new();
    let mut checked = 0;
    for criterion in &rubric.criteria {
        let folder = fixtures().join(&criterion.id);
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&folder) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(_) => {
                failures.push(format!("{}: no fixture folder", criterion.id));
                continue;
            }
        };
        files.sort();
        let mut seen = Vec::new();
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let Some(want) = name.split('_').next().and_then(Outcome::parse) else {
                failures.push(format!(
                    "{name}: a fixture's name starts with pass_, fail_ or na_"
                ));
                continue;
            };
            seen.push(want);
            checked += 1;
            let threads = if name.ends_with(".json") {
                let mut inbox = Inbox::default();
                match inbox.read_file(&file, &desk) {
                    Ok(problems) if problems.is_empty() => inbox.into_threads(),
                    Ok(problems) => {
                        failures.push(format!("{name}: {problems:?}"));
                        continue;
                    }
                    Err(e) => {
                        failures.push(format!("{name}: {}", e.reason));
                        continue;
                    }
                }
            } else {
                match read_email_file(&file, &desk) {
                    Ok((messages, problems)) if problems.is_empty() => thread_emails(messages),
                    Ok((_, problems)) => {
                        failures.push(format!("{name}: {problems:?}"));
                        continue;
                    }
                    Err(e) => {
                        failures.push(format!("{name}: {}", e.reason));
                        continue;
                    }
                }
            };
            if threads.len() != 1 {
                failures.push(format!("{name}: {} threads instead of 1", threads.len()));
                continue;
            }
            let (replies, _) = score_threads(&threads, &rubric, &roster, &desk);
            let Some(reply) = replies.iter().max_by_key(|r| r.number) else {
                failures.push(format!("{name}: no reply"));
                continue;
            };
            match reply
                .verdicts
                .iter()
                .find(|(_, v)| v.criterion == criterion.id)
            {
                None => failures.push(format!(
                    "{}/{name}: the criterion does not apply to {}",
                    criterion.id,
                    reply.channel.as_str()
                )),
                Some((_, v)) if v.outcome != want => failures.push(format!(
                    "{}/{name}: {} instead of {want} ({}; «{}»)",
                    criterion.id, v.outcome, v.reason, v.evidence
                )),
                Some(_) => {}
            }
        }
        for outcome in [Outcome::Pass, Outcome::Fail] {
            if !seen.contains(&outcome) {
                failures.push(format!("{}: no {outcome}_ fixture", criterion.id));
            }
        }
        if !ALWAYS.contains(&criterion.id.as_str()) && !seen.contains(&Outcome::Na) {
            failures.push(format!("{}: no na_ fixture", criterion.id));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixtures checked:\n{}",
        checked,
        failures.join("\n")
    );
    assert!(checked >= 45, "{checked}");
}

//! Every fixture under tests/fixtures/<criterion>/ runs through the whole pipeline (read, link, score)
//! and must get the outcome its file name starts with: `pass_`, `fail_` or `na_`. The first lines of a
//! fixture (a VTT NOTE) say what it tests.

use std::path::{Path, PathBuf};

use callqa::input::{read_roster, read_transcript};
use callqa::link::{Roster, build_interaction};
use callqa::model::Outcome;
use callqa::rubric::Rubric;
use callqa::score::score;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn roster() -> Roster {
    let (operators, errors) =
        read_roster(&fixtures().join("operators.csv")).expect("fixture roster");
    assert!(errors.is_empty(), "{errors:?}");
    Roster::new(operators)
}

fn expected(path: &Path) -> Option<Outcome> {
    let name = path.file_name()?.to_str()?;
    let prefix = name.split('_').next()?;
    Outcome::parse(prefix)
}

/// Criteria whose rule applies to every call: they have no `na_` fixture.
const ALWAYS: &[&str] = &[
    "greeting",
    "asked_name",
    "asked_dni",
    "asked_modular_code",
    "offered_help",
    "summarized_query",
    "plain_language",
    "positive_language",
];

#[test]
fn every_fixture_gets_the_outcome_its_name_says() {
    let rubric = Rubric::default_rubric();
    let roster = roster();
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
            let Some(want) = expected(&file) else {
                failures.push(format!(
                    "{}: a fixture's name starts with pass_, fail_ or na_",
                    file.display()
                ));
                continue;
            };
            seen.push(want);
            checked += 1;
            let transcript = match read_transcript(&file) {
                Ok(t) => t,
                Err(e) => {
                    failures.push(format!("{}: cannot parse: {e}", file.display()));
                    continue;
                }
            };
            let interaction = match build_interaction(transcript, &file, &roster, &rubric.facts) {
                Ok(i) => i,
                Err(e) => {
                    failures.push(format!("{}: unscorable: {}", file.display(), e.0));
                    continue;
                }
            };
            let card = score(interaction, &rubric);
            let verdict = card
                .verdicts
                .iter()
                .find(|v| v.criterion == criterion.id)
                .expect("one verdict per criterion");
            if verdict.outcome != want {
                failures.push(format!(
                    "{}: expected {want}, got {} ({}; «{}»)",
                    file.strip_prefix(fixtures()).unwrap_or(&file).display(),
                    verdict.outcome,
                    verdict.reason,
                    verdict.evidence
                ));
            }
            if verdict.outcome != Outcome::Pass && verdict.reason.is_empty() {
                failures.push(format!(
                    "{}: a {} verdict without a reason",
                    file.display(),
                    verdict.outcome
                ));
            }
        }
        let mut needed = vec![Outcome::Pass, Outcome::Fail];
        if !ALWAYS.contains(&criterion.id.as_str()) {
            needed.push(Outcome::Na);
        }
        for outcome in needed {
            if !seen.contains(&outcome) {
                failures.push(format!("{}: no {outcome}_ fixture", criterion.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} fixture checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

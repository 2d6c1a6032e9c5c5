//! Parsers that cannot panic: each parser (the transcript formats, queue_log, CDR, CEL, AMI, the roster,
//! the rubric) gets real samples mutated a bounded number of times with a fixed seed (bits flipped, the
//! file cut short, bytes inserted, a stretch repeated or deleted). Every mutant must parse or be rejected
//! with an error naming the file (and its line where it has one); a transcript that parses is also
//! linked and scored. Longer, coverage-guided runs: the cargo-fuzz targets under fuzz/ (README).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use callqa::input::{PbxReadOptions, parse_pbx, read_roster, read_transcript};
use callqa::link::{Roster, build_interaction};
use callqa::rubric::{self, Rubric};
use callqa::score::score;

/// Mutants per sample file in CI; raise it locally with CALLQA_MUTANTS for a longer run.
const MUTANTS: usize = 40;
const SEED: u64 = 0x5eed_ca11_0a0a;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn mutants() -> usize {
    std::env::var("CALLQA_MUTANTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(MUTANTS)
}

/// A small deterministic generator (xorshift64*): the same seed gives the same mutants everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One mutant of `bytes`: one to three edits of the kinds real damage makes.
fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] ^= 1 << rng.below(8);
            }
            1 => out.truncate(at),
            2 => {
                let junk: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
                out.splice(at..at, junk);
            }
            3 => {
                let end = (at + rng.below(64)).min(out.len());
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
            4 => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at..end);
            }
            _ => {
                // Structural characters of the formats, where they hurt most.
                let special = [
                    b'"', b'{', b'}', b'[', b']', b',', b':', b'|', b'\n', b'>', b'-', 0,
                ];
                out.insert(at, special[rng.below(special.len())]);
            }
        }
    }
    out
}

/// Runs `check` on every mutant of `sample`, reporting the mutants that panicked.
fn fuzz(sample: &Path, check: impl Fn(&[u8], usize)) -> Vec<String> {
    let bytes = std::fs::read(sample).unwrap_or_else(|e| panic!("{}: {e}", sample.display()));
    let mut rng = Rng(SEED ^ bytes.len() as u64);
    let mut panics = Vec::new();
    for case in 0..mutants() {
        let mutant = mutate(&bytes, &mut rng);
        if catch_unwind(AssertUnwindSafe(|| check(&mutant, case))).is_err() {
            panics.push(format!("{} mutant {case}", sample.display()));
        }
    }
    panics
}

fn write_mutant(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write mutant");
    path
}

/// One sample per transcript format (and layout), from sample-data and the licensed real samples.
fn transcript_samples() -> Vec<PathBuf> {
    let mut samples = Vec::new();
    let mut seen_extensions: Vec<String> = Vec::new();
    for entry in walk(&root().join("sample-data/transcripts")) {
        let ext = entry
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_string();
        let count = seen_extensions.iter().filter(|e| **e == ext).count();
        if count < 4 {
            seen_extensions.push(ext);
            samples.push(entry);
        }
    }
    samples.extend(
        walk(&root().join("tests/fixtures/realdata"))
            .into_iter()
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e == "json" || e == "vtt" || e == "js")
            }),
    );
    samples.extend([
        root().join("tests/fixtures/input/call_analytics_siagie.json"),
        root().join("tests/fixtures/input/native_siagie.json"),
        root().join("tests/fixtures/input/plain_cp1252.txt"),
    ]);
    samples
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn transcript_parsers_never_panic_and_locate_their_errors() {
    let rubric = Rubric::default_rubric();
    let roster = Roster::new(Vec::new());
    let dir = tempfile::tempdir().expect("temp dir");
    let mut panics = Vec::new();
    let mut parsed = 0;
    let mut rejected = 0;
    let samples = transcript_samples();
    assert!(samples.len() >= 10, "too few samples: {samples:?}");
    for sample in &samples {
        let name = sample.file_name().unwrap().to_string_lossy().to_string();
        panics.extend(fuzz(sample, |bytes, case| {
            let path = write_mutant(dir.path(), &format!("m{case}-{name}"), bytes);
            match read_transcript(&path) {
                Ok(transcript) => {
                    if let Ok(interaction) =
                        build_interaction(transcript, &path, &roster, &rubric.facts)
                    {
                        let card = score(interaction, &rubric);
                        assert_eq!(card.verdicts.len(), rubric.criteria.len());
                    }
                }
                Err(e) => {
                    let message = e.to_string();
                    assert!(message.contains(&format!("m{case}-{name}")), "{message}");
                }
            }
        }));
        // Count outcomes once more without the panic guard, for the report below.
        let bytes = std::fs::read(sample).unwrap();
        let path = write_mutant(dir.path(), &name, &mutate(&bytes, &mut Rng(SEED)));
        match read_transcript(&path) {
            Ok(_) => parsed += 1,
            Err(_) => rejected += 1,
        }
    }
    assert!(panics.is_empty(), "panicked on: {panics:#?}");
    assert!(parsed > 0 && parsed + rejected == samples.len());
}

#[test]
fn pbx_parsers_never_panic_and_number_their_bad_lines() {
    let mut samples = walk(&root().join("sample-data/pbx"));
    samples.extend(
        walk(&root().join("tests/fixtures/pbx"))
            .into_iter()
            .filter(|p| !p.extension().is_some_and(|e| e == "md")),
    );
    assert!(samples.len() >= 8, "{samples:?}");
    let options = PbxReadOptions::default();
    let mut panics = Vec::new();
    for sample in &samples {
        // The biggest logs are cut to their first 64 KiB: the mutations are what matters.
        let bytes = std::fs::read(sample).unwrap();
        let head = &bytes[..bytes.len().min(64 * 1024)];
        let dir = tempfile::tempdir().unwrap();
        let cut = write_mutant(dir.path(), "head", head);
        panics.extend(fuzz(&cut, |bytes, _| {
            let text = callqa::input::decode(bytes);
            if let Ok(log) = parse_pbx(&text, &options) {
                let lines = text.lines().count().max(1);
                for (line, reason) in &log.bad_lines {
                    assert!(
                        *line >= 1 && *line <= lines + 1,
                        "line {line} of {lines}: {reason}"
                    );
                    assert!(
                        !reason.chars().any(|c| c.is_control() && c != '\t'),
                        "{reason:?}"
                    );
                }
            }
        }));
    }
    assert!(panics.is_empty(), "panicked on: {panics:#?}");
}

#[test]
fn the_roster_reader_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let panics = fuzz(&root().join("sample-data/operators.csv"), |bytes, case| {
        let path = write_mutant(dir.path(), &format!("operators{case}.csv"), bytes);
        match read_roster(&path) {
            Ok((_, errors)) => {
                for e in errors {
                    assert!(
                        e.to_string().contains(&format!("operators{case}.csv")),
                        "{e}"
                    );
                }
            }
            Err(e) => assert!(
                e.to_string().contains(&format!("operators{case}.csv")),
                "{e}"
            ),
        }
    });
    assert!(panics.is_empty(), "panicked on: {panics:#?}");
}

#[test]
fn the_rubric_loader_never_panics_and_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let sample = write_mutant(dir.path(), "siagie.toml", rubric::DEFAULT_RUBRIC.as_bytes());
    let panics = fuzz(&sample, |bytes, _| {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return;
        };
        if let Err(e) = rubric::load_str(text, "r.toml") {
            assert!(e.to_string().starts_with("r.toml"), "{e}");
        }
    });
    assert!(panics.is_empty(), "panicked on: {panics:#?}");
}

/// The written channels: samples of every layout (a Thunderbird and a Gmail Takeout mbox, a loose
/// Windows-1252 .eml, an HTML-only reply, Graph API pages, Meta's export), the help desk's config and
/// the written rubric, mutated; what parses is threaded and scored.
#[test]
fn written_channel_readers_never_panic() {
    use callqa::written::email::{read_email_file, thread_emails};
    use callqa::written::facebook::Inbox;
    use callqa::written::score::score_threads;
    use callqa::written::{HelpDesk, WrittenRubric};

    let data = root().join("sample-data");
    let desk = HelpDesk::read(&data.join("helpdesk.toml")).expect("sample helpdesk.toml");
    let rubric = WrittenRubric::default_rubric();
    let (operators, _) = read_roster(&data.join("operators.csv")).expect("roster");
    let roster = Roster::new(operators);
    let dir = tempfile::tempdir().unwrap();
    let mut panics = Vec::new();
    for sample in [
        "email/thunderbird/Sent",
        "email/takeout/Todo el correo, incluido Spam y Papelera.mbox",
        "email/eml/20261105-1530-usuario-07.eml",
        "email/eml/20261111-1600-mesa-13.eml",
    ] {
        panics.extend(fuzz(&data.join(sample), |bytes, case| {
            let path = write_mutant(dir.path(), &format!("mail{case}"), bytes);
            match read_email_file(&path, &desk) {
                Ok((messages, problems)) => {
                    for p in problems {
                        assert!(p.line.is_some() || p.whole_file, "{p:?}");
                    }
                    let _ = score_threads(&thread_emails(messages), &rubric, &roster, &desk);
                }
                Err(e) => assert!(!e.reason.is_empty()),
            }
        }));
    }
    for sample in [
        "facebook/graph/conversations.json",
        "facebook/export/messages/inbox/maraahui_7000006026/message_2.json",
    ] {
        panics.extend(fuzz(&data.join(sample), |bytes, case| {
            let path = write_mutant(dir.path(), &format!("fb{case}.json"), bytes);
            let mut inbox = Inbox::default();
            if inbox.read_file(&path, &desk).is_ok() {
                let _ = score_threads(&inbox.into_threads(), &rubric, &roster, &desk);
            }
        }));
    }
    panics.extend(fuzz(&data.join("helpdesk.toml"), |bytes, case| {
        let path = write_mutant(dir.path(), &format!("helpdesk{case}.toml"), bytes);
        if let Err(e) = HelpDesk::read(&path) {
            assert!(!e.reason.is_empty());
        }
    }));
    let sample = write_mutant(
        dir.path(),
        "siagie-escrito.toml",
        callqa::written::DEFAULT_WRITTEN_RUBRIC.as_bytes(),
    );
    panics.extend(fuzz(&sample, |bytes, _| {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return;
        };
        if let Err(e) = callqa::written::rubric::load_written_str(text, "w.toml") {
            assert!(e.to_string().starts_with("w.toml"), "{e}");
        }
    }));
    assert!(panics.is_empty(), "panicked on: {panics:#?}");
}

//! End-to-end runs of the callqa binary on the bundled sample-data and on small hand-made folders.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn callqa() -> Command {
    Command::cargo_bin("callqa").expect("binary built")
}

fn audit(out: &Path) -> assert_cmd::assert::Assert {
    callqa()
        .arg("audit")
        .arg(root().join("sample-data"))
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .assert()
}

/// The audit of sample-data the read-only tests share (run once per test binary).
struct SampleAudit {
    dir: tempfile::TempDir,
    stdout: String,
    stderr: String,
}

fn sample_audit() -> &'static SampleAudit {
    static AUDIT: std::sync::OnceLock<SampleAudit> = std::sync::OnceLock::new();
    AUDIT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let output = audit(dir.path()).success().get_output().clone();
        SampleAudit {
            dir,
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    })
}

fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// A row of a call, not of a written reply (channel email or facebook).
fn is_call(row: &BTreeMap<String, String>) -> bool {
    !matches!(row["channel"].as_str(), "email" | "facebook")
}

#[test]
fn audit_of_sample_data_accounts_for_every_file() {
    let shared = sample_audit();
    let (dir, stdout, stderr) = (&shared.dir, &shared.stdout, &shared.stderr);
    assert!(
        stdout.contains(
            "Auditoría: 48 llamadas calificadas, 3 archivos rechazados, 1 entradas no leídas"
        ),
        "{stdout}"
    );
    assert!(
        stderr.contains(
            "48 calls scored, 63 written replies (40 e-mail, 23 Facebook), 3 files rejected, 1 entries not read"
        ),
        "{stderr}"
    );

    let results = dir.path().join("results");
    for file in [
        "criteria.csv",
        "criteria.parquet",
        "interactions.csv",
        "interactions.parquet",
        "rejected.csv",
        "run.json",
        "rubric.toml",
    ] {
        assert!(results.join(file).is_file(), "{file} missing");
    }
    let run: serde_json::Value =
        serde_json::from_slice(&fs::read(results.join("run.json")).unwrap()).unwrap();
    // 51 transcripts, 3 PBX logs, the roster, 26 e-mail files, 12 Facebook files and helpdesk.toml.
    assert_eq!(run["files_read"], 94);
    assert_eq!(run["calls_scored"], 48);
    assert_eq!(run["files_rejected"], 3);
    // sample-data/README.md is not an input: listed as not read.
    assert_eq!(run["entries_skipped"], 1);
    assert_eq!(run["lines_rejected"], 0);
    assert_eq!(run["rubric_version"], "2026.11.1");
    assert_eq!(run["rubric_sha256"].as_str().map(str::len), Some(64));

    // The calls (the written channels' replies have their own tests in tests/written.rs).
    let interactions: Vec<_> = read_csv(&results.join("interactions.csv"))
        .into_iter()
        .filter(is_call)
        .collect();
    let criteria: Vec<_> = read_csv(&results.join("criteria.csv"))
        .into_iter()
        .filter(is_call)
        .collect();
    let rejected = read_csv(&results.join("rejected.csv"));
    assert_eq!(interactions.len(), 48);
    assert_eq!(criteria.len(), 48 * 18);
    let transcripts_rejected = rejected
        .iter()
        .filter(|r| r["source_file"].starts_with("transcripts/"))
        .count();
    assert_eq!(
        files_read(&root().join("sample-data/transcripts")),
        interactions.len() + transcripts_rejected
    );
    // The supervisors' evaluations: three rows typed wrong on purpose, each listed by row.
    let evaluation_rows: Vec<String> = rejected
        .iter()
        .filter(|r| r["scope"] == "row")
        .map(|r| format!("{}:{}", r["source_file"], r["line"]))
        .collect();
    assert_eq!(
        evaluation_rows,
        [
            "evaluations/supervisor-miguel-soto.xlsx:22",
            "evaluations/supervisora-ana-torres.csv:362",
            "evaluations/supervisora-ana-torres.csv:363"
        ]
    );
    assert_eq!(run["evaluation_files_read"], 3);
    assert_eq!(run["manual_interactions"]["presencial"], 15);
    assert_eq!(run["overrides"], 6);
    assert_eq!(run["evaluation_rows_rejected"], 3);
    // Every row says why for scripts (code) and for people (reason).
    assert!(
        rejected
            .iter()
            .all(|r| !r["code"].is_empty() && !r["reason"].is_empty())
    );

    // Each bad file is named with its reason; the truncated JSON with its line.
    let reasons: Vec<String> = rejected
        .iter()
        .map(|r| format!("{}:{}: {}", r["source_file"], r["line"], r["reason"]))
        .collect();
    assert!(
        reasons.iter().any(|r| r.ends_with(".vtt:: archivo vacío")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains(".json:") && r.contains("JSON")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains(".txt::") && r.contains("no es una transcripción")),
        "{reasons:?}"
    );

    // Every call has an operator from the roster and a start time in Lima.
    for call in &interactions {
        assert!(
            !call["operator_id"].is_empty(),
            "no operator for {}",
            call["call_id"]
        );
        assert!(
            call["started_at"].starts_with("2026-11-") && call["started_at"].ends_with("-05:00"),
            "{}",
            call["started_at"]
        );
        // No caller number survives in the file name (date, time and uniqueid do).
        let name = call["source_file"].rsplit('/').next().unwrap();
        assert!(
            !name
                .split('-')
                .any(|part| part.len() == 9 && part.chars().all(|c| c.is_ascii_digit())),
            "{name}"
        );
    }
}

fn files_read(folder: &Path) -> usize {
    walk(folder).len()
}

fn walk(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path))
        } else {
            files.push(path)
        }
    }
    files
}

/// The answer key: the verdict each sample call was written to get (tests/fixtures/sample_expected.csv).
#[test]
fn sample_data_verdicts_match_the_answer_key() {
    let dir = &sample_audit().dir;
    let got: BTreeMap<(String, String), BTreeMap<String, String>> =
        read_csv(&dir.path().join("results/criteria.csv"))
            .into_iter()
            .filter(is_call)
            .map(|r| ((r["call_id"].clone(), r["criterion"].clone()), r))
            .collect();
    let mut expected = read_csv(&root().join("tests/fixtures/sample_expected.csv"));
    assert_eq!(expected.len(), 48 * 18);
    // The answer key gives what the transcripts alone show. With its PBX logs, call M7 has a hold only
    // AMI saw (sample-data/README.md), so its hold criteria apply (tests/pbx.rs checks both ways).
    for row in expected.iter_mut() {
        if row["call_id"] == "1795789351.6386"
            && ["hold_explained", "hold_permission", "hold_thanks"]
                .contains(&row["criterion"].as_str())
        {
            row.insert("expected".into(), "fail".into());
        }
    }
    let mut wrong = Vec::new();
    for row in &expected {
        let key = (row["call_id"].clone(), row["criterion"].clone());
        match got.get(&key) {
            None => wrong.push(format!("{key:?}: not scored")),
            Some(v) if v["outcome"] != row["expected"] => wrong.push(format!(
                "{} {}: expected {}, got {} ({} «{}»)",
                key.0, key.1, row["expected"], v["outcome"], v["reason"], v["evidence"]
            )),
            Some(_) => {}
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} verdicts differ from the answer key:\n{}",
        wrong.len(),
        expected.len(),
        wrong.join("\n")
    );
}

#[test]
fn same_input_gives_byte_identical_results() {
    let a = &sample_audit().dir;
    let b = tempfile::tempdir().unwrap();
    audit(b.path()).success();
    for file in [
        "criteria.csv",
        "criteria.parquet",
        "interactions.csv",
        "interactions.parquet",
        "rejected.csv",
        "rubric.toml",
    ] {
        let (x, y) = (
            fs::read(a.path().join("results").join(file)).unwrap(),
            fs::read(b.path().join("results").join(file)).unwrap(),
        );
        assert!(x == y, "{file} differs between two runs");
    }
}

#[test]
fn evidence_and_reasons_never_show_a_dni_or_phone_number() {
    let dir = &sample_audit().dir;
    let mut quotes = 0;
    for row in read_csv(&dir.path().join("results/criteria.csv")) {
        for column in ["evidence", "reason"] {
            let text = &row[column];
            let tokens = callqa::text::tokenize(text);
            let long = callqa::text::digit_runs(&tokens)
                .into_iter()
                .find(|r| r.digits.len() >= 6);
            assert!(
                long.is_none(),
                "{} {}: {column} shows a number: {text}",
                row["call_id"],
                row["criterion"]
            );
            quotes += usize::from(column == "evidence" && !text.is_empty());
        }
    }
    assert!(quotes > 400, "only {quotes} quotes");
    // The calls do say DNIs: the masks are there.
    let criteria = fs::read_to_string(dir.path().join("results/criteria.csv")).unwrap();
    assert!(criteria.contains("[DNI]"));
}

#[test]
fn explain_prints_a_calls_scorecard_in_spanish() {
    let dir = &sample_audit().dir;
    let results = dir.path().join("results");
    let calls = read_csv(&results.join("interactions.csv"));
    let call = calls
        .iter()
        .find(|c| c["n_fail"] != "0")
        .expect("a call with a fail");
    let output = callqa()
        .arg("explain")
        .arg(&results)
        .arg(&call["call_id"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(
        text.starts_with(&format!("Llamada {}", call["call_id"])),
        "{text}"
    );
    assert!(text.contains("Apertura e identificación"), "{text}");
    assert!(text.contains("✘ NO CUMPLE"), "{text}");
    assert!(
        text.contains("Saludo institucional completo (greeting)"),
        "{text}"
    );
    // Every criterion appears once.
    assert_eq!(
        text.matches("CUMPLE").count() + text.matches("NO APLICA").count(),
        18,
        "{text}"
    );

    callqa()
        .arg("explain")
        .arg(&results)
        .arg("0000.0")
        .assert()
        .code(2);

    // A results folder whose rubric.toml was altered is named, not silently explained without it.
    let altered = tempfile::tempdir().unwrap();
    for file in ["interactions.csv", "criteria.csv"] {
        fs::copy(results.join(file), altered.path().join(file)).unwrap();
    }
    fs::write(altered.path().join("rubric.toml"), "[rubric\nid = ").unwrap();
    let failed = callqa()
        .arg("explain")
        .arg(altered.path())
        .arg(&call["call_id"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(stderr.contains("rubric.toml"), "{stderr}");
}

#[test]
fn rubric_check_accepts_the_default_and_names_file_and_line_on_error() {
    let shown = callqa()
        .args(["rubric", "show"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.toml");
    fs::write(&good, &shown).unwrap();
    let out = callqa()
        .args(["rubric", "check"])
        .arg(&good)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("valid rubric siagie-telefono version 2026.11.1"),
        "{out}"
    );
    assert!(out.contains("18 criteria"), "{out}");

    // A supervisor's typo: an unknown parameter in one criterion.
    let text =
        String::from_utf8(shown)
            .unwrap()
            .replacen("turns = 2\n", "turns = 2\nturnz = 3\n", 1);
    let bad = dir.path().join("bad.toml");
    fs::write(&bad, &text).unwrap();
    let err = callqa()
        .args(["rubric", "check"])
        .arg(&bad)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("bad.toml:") && err.contains("turnz"), "{err}");

    // The same rubric passed to score stops before any work, with exit 2.
    callqa()
        .arg("score")
        .arg(root().join("sample-data"))
        .arg("--out")
        .arg(dir.path().join("r"))
        .arg("--rubric")
        .arg(&bad)
        .assert()
        .code(2);
}

#[test]
fn usage_and_output_folder_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    // No transcripts/ folder.
    callqa()
        .arg("score")
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("r"))
        .assert()
        .code(2);
    // The output folder cannot be created: a file stands in its way.
    let blocker = dir.path().join("file");
    fs::write(&blocker, "x").unwrap();
    callqa()
        .arg("score")
        .arg(root().join("sample-data"))
        .arg("--out")
        .arg(blocker.join("r"))
        .assert()
        .code(2);
    callqa().arg("frobnicate").assert().code(2);
}

#[test]
fn a_bad_file_among_good_ones_is_rejected_and_the_rest_scored() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(data.join("transcripts/day")).unwrap();
    let good = root().join("sample-data/transcripts/2026-11-02");
    let mut copied = 0;
    for entry in fs::read_dir(&good).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(
            &path,
            data.join("transcripts/day").join(path.file_name().unwrap()),
        )
        .unwrap();
        copied += 1;
    }
    fs::write(
        data.join("transcripts/day/1793700000.1.json"),
        b"{\"segments\": [{\"start\": 1.0, \"end\": ",
    )
    .unwrap();
    fs::write(
        data.join("transcripts/day/1793700000.2.vtt"),
        [0xff, 0xfe, 0x00, 0x41],
    )
    .unwrap();
    fs::write(
        data.join("transcripts/day/1793700000.3.srt"),
        "1\n00:00:01,000 --> garbage\nhola\n",
    )
    .unwrap();
    let out = dir.path().join("r");
    callqa()
        .arg("score")
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    let rejected = read_csv(&out.join("rejected.csv"));
    let scored = read_csv(&out.join("interactions.csv"));
    assert_eq!(rejected.len(), 3, "{rejected:?}");
    assert_eq!(scored.len(), copied);
    assert!(rejected.iter().all(|r| !r["reason"].is_empty()));
}

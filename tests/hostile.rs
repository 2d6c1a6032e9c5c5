//! A folder nobody cleaned: random bytes, truncated and deeply nested JSON, NaN times, UTF-16, a
//! 50 MB one-line file, symbolic links (to a file, to a folder, in a loop, dangling), hidden files,
//! a stray top-level file, and PBX logs and a roster whose good lines sit among garbage. The run
//! must end with exit 0 and account for every entry: scored, rejected with a Spanish reason and a
//! stable code, or listed as not read; the good lines of partial files are kept.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Words that give an English reason away, matched in lower case outside backticks (what a reason
/// quotes in backticks is data: field names, the file's own text). The unit test
/// `input::reasons_in_spanish` checks the same on bad input of every parser.
const ENGLISH: &[&str] = &[
    " the ",
    "expected",
    "field(s)",
    "fields",
    "line ",
    "must be",
    "not a",
    "missing",
    "invalid",
    "duplicate",
    "unknown",
    "truncated",
    " has no ",
    " is not ",
    "cannot",
    "empty file",
    "while ",
    "header",
    "column ",
    "record",
    " or ",
    " of ",
    "unsupported",
    "error:",
];

fn english_words(reason: &str) -> Vec<&'static str> {
    let prose: String = reason
        .split('`')
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let prose = format!(" {prose} ");
    ENGLISH
        .iter()
        .copied()
        .filter(|word| prose.contains(word))
        .collect()
}

#[test]
fn the_english_check_reads_prose_not_quoted_data() {
    assert_eq!(
        english_words("1 field(s); a queue_log line has at least 5"),
        ["field(s)", "line "]
    );
    assert!(english_words("el operador `this line is broken` no tiene nombre").is_empty());
}

const GOOD_CALL: &str = "Operador: Buenos días, le saluda Rosa Quispe de la mesa de ayuda del SIAGIE, ¿con quién tengo el gusto?\n\
Usuario: Con Juan Pérez, profesor.\n\
Operador: Gracias, señor Juan, ¿en qué le puedo ayudar?\n\
Usuario: No puedo ingresar las notas.\n\
Operador: Listo, ya quedó registrado. Que tenga un buen día, señor Juan.\n";

/// Builds the hostile folder; returns the number of transcript entries it made and which names
/// must be scored.
fn hostile(data: &Path) {
    let t = data.join("transcripts");
    fs::create_dir_all(t.join("nested")).unwrap();
    fs::create_dir_all(data.join("pbx")).unwrap();
    fs::create_dir_all(data.join("elsewhere")).unwrap();

    // Scored: a plain call, the same in UTF-16 (Notepad "Unicode"), and one reached through a link.
    fs::write(t.join("1790000001.1.txt"), GOOD_CALL).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in GOOD_CALL.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(t.join("1790000002.2.txt"), utf16).unwrap();
    fs::write(data.join("elsewhere/1790000003.3.txt"), GOOD_CALL).unwrap();

    // Rejected whole.
    let mut noise = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise.push(x as u8);
    }
    fs::write(t.join("random.bin"), noise).unwrap();
    fs::write(
        t.join("cut.json"),
        "{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"hola\"",
    )
    .unwrap();
    fs::write(
        t.join("nested/deep.json"),
        format!(
            "{{\"segments\": {}1{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .unwrap();
    fs::write(
        t.join("nan.json"),
        "{\"segments\": [{\"start\": \"NaN\", \"end\": 2, \"text\": \"hola\", \"speaker\": \"A\"}]}",
    )
    .unwrap();
    let mut huge = String::from("Operador: ");
    huge.push_str(&"a".repeat(50_000_000));
    fs::write(t.join("huge.txt"), huge).unwrap();
    fs::write(t.join("empty.vtt"), "").unwrap();

    // Not read.
    fs::write(t.join(".hidden.txt"), GOOD_CALL).unwrap();
    fs::write(data.join("notes.docx"), "not callqa's").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(data.join("elsewhere"), t.join("linked")).unwrap();
        symlink(data.join("elsewhere/1790000003.3.txt"), t.join("again.txt")).unwrap();
        symlink(&t, t.join("nested/loop")).unwrap();
        symlink(data.join("gone.txt"), t.join("dangling.txt")).unwrap();
    }

    // A queue_log with one good call among garbage, NUL bytes and a truncated last line.
    fs::write(
        data.join("pbx/queue_log"),
        b"1790000001|1790000001.1|600|NONE|ENTERQUEUE||999111222|1\n\
          garbage ### line\n\
          \x00\x00\x01 more garbage\n\
          1790000003|1790000001.1|600|PJSIP/201|CONNECT|2|1790000002.9|1\n\
          1790000050|1790000001.1|600|PJSIP/201|COMPLETEAGENT|2|47|1\n\
          1790000060|17900",
    )
    .unwrap();
    // A roster with a good line, a bad one and a duplicate.
    fs::write(
        data.join("operators.csv"),
        "operator_id,name,extension\nOP1,Rosa Quispe,201\nthis line is broken\nOP1,Rosa Otra,202\n",
    )
    .unwrap();
}

#[test]
fn a_hostile_folder_is_scored_and_every_entry_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    hostile(&data);
    let out = dir.path().join("out");
    let assert = Command::cargo_bin("callqa")
        .unwrap()
        .args([
            "score",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();

    let interactions = rows(&out.join("interactions.csv"));
    let mut scored: Vec<&str> = interactions
        .iter()
        .map(|r| r["source_file"].as_str())
        .collect();
    scored.sort();
    let rejected = rows(&out.join("rejected.csv"));
    let by_file: BTreeMap<(String, String), (String, String)> = rejected
        .iter()
        .map(|r| {
            (
                (r["source_file"].clone(), r["line"].clone()),
                (r["scope"].clone(), r["code"].clone()),
            )
        })
        .collect();
    let code = |file: &str, line: &str| -> (&str, &str) {
        let (scope, code) = by_file
            .get(&(file.to_string(), line.to_string()))
            .unwrap_or_else(|| panic!("{file}:{line} not in rejected.csv: {rejected:#?}"));
        (scope.as_str(), code.as_str())
    };

    assert!(
        scored.contains(&"transcripts/1790000001.1.txt"),
        "{scored:?}"
    );
    assert!(
        scored.contains(&"transcripts/1790000002.2.txt"),
        "{scored:?}"
    );
    assert_eq!(
        code("transcripts/random.bin", ""),
        ("file", "not_transcript")
    );
    assert_eq!(code("transcripts/cut.json", "1"), ("file", "malformed"));
    assert_eq!(code("transcripts/huge.txt", ""), ("file", "too_large"));
    assert_eq!(code("transcripts/empty.vtt", ""), ("file", "empty"));
    assert_eq!(code("transcripts/nan.json", "1").1, "bad_time");
    let deep = rejected
        .iter()
        .find(|r| r["source_file"] == "transcripts/nested/deep.json")
        .unwrap();
    assert_eq!(deep["scope"], "file");
    assert_eq!(code("transcripts/.hidden.txt", ""), ("skipped", "hidden"));
    assert_eq!(code("notes.docx", ""), ("skipped", "not_input"));
    assert_eq!(code("elsewhere", ""), ("skipped", "not_input"));
    #[cfg(unix)]
    {
        // The linked folder's file is scored once, under the first path that reaches it.
        assert!(scored.contains(&"transcripts/again.txt"), "{scored:?}");
        assert_eq!(
            code("transcripts/linked/1790000003.3.txt", ""),
            ("skipped", "same_file")
        );
        assert_eq!(
            code("transcripts/nested/loop", ""),
            ("skipped", "broken_link")
        );
        assert_eq!(
            code("transcripts/dangling.txt", ""),
            ("skipped", "broken_link")
        );
    }
    // The queue_log keeps its good lines: the call is known to the PBX; its garbage is listed.
    assert_eq!(code("pbx/queue_log", "2"), ("line", "bad_line"));
    assert_eq!(code("pbx/queue_log", "3"), ("line", "bad_line"));
    assert_eq!(code("pbx/queue_log", "6"), ("line", "bad_line"));
    let first = interactions
        .iter()
        .find(|r| r["call_id"] == "1790000001.1")
        .unwrap();
    assert_eq!(first["extension"], "201", "{first:?}");
    // The roster keeps Rosa; its bad and duplicate lines are listed.
    assert_eq!(first["operator_id"], "OP1");
    assert_eq!(code("operators.csv", "3"), ("line", "bad_line"));
    assert_eq!(code("operators.csv", "4"), ("line", "bad_line"));

    // Every reason is in Spanish, masked, and every transcript entry accounted for exactly once.
    for r in &rejected {
        assert!(!r["reason"].is_empty() && !r["code"].is_empty(), "{r:?}");
        let english = english_words(&r["reason"]);
        assert!(english.is_empty(), "English {english:?} in reason: {r:?}");
    }
    let transcript_entries = rejected
        .iter()
        .filter(|r| r["source_file"].starts_with("transcripts/"))
        .count()
        + interactions.len();
    let expected_entries = if cfg!(unix) { 3 + 6 + 1 + 3 } else { 2 + 6 + 1 };
    assert_eq!(
        transcript_entries, expected_entries,
        "{scored:?} {rejected:#?}"
    );

    // run.json says what the terminal says.
    let run: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("run.json")).unwrap()).unwrap();
    let count = |scope: &str| rejected.iter().filter(|r| r["scope"] == scope).count();
    assert_eq!(run["calls_scored"], interactions.len());
    assert_eq!(run["files_rejected"], count("file"));
    assert_eq!(run["lines_rejected"], count("line"));
    assert_eq!(run["entries_skipped"], count("skipped"));
    let summary = format!(
        "{} calls scored, {} files rejected, {} lines skipped, {} entries not read",
        interactions.len(),
        count("file"),
        count("line"),
        count("skipped")
    );
    assert!(stderr.contains(&summary), "{stderr}\nexpected: {summary}");
}

#[test]
fn limits_are_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(data.join("transcripts")).unwrap();
    fs::write(data.join("transcripts/1790000001.1.txt"), GOOD_CALL).unwrap();
    let long_line = format!("Operador: hola\nUsuario: {}\n", "palabra ".repeat(300));
    fs::write(data.join("transcripts/1790000002.2.txt"), long_line).unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("callqa")
        .unwrap()
        .args([
            "score",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ])
        .args(["--max-line-kb", "1"])
        .assert()
        .success();
    let rejected = rows(&out.join("rejected.csv"));
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert_eq!(rejected[0]["code"], "line_too_long");
    assert_eq!(rejected[0]["line"], "2");
    assert!(
        rejected[0]["reason"].contains("--max-line-kb"),
        "{rejected:?}"
    );
}

#[test]
fn a_failed_run_leaves_the_previous_results_and_other_folders_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(data.join("transcripts")).unwrap();
    fs::write(data.join("transcripts/1790000001.1.txt"), GOOD_CALL).unwrap();
    let out = dir.path().join("out");
    let score = |data: &Path, out: &Path| {
        Command::cargo_bin("callqa")
            .unwrap()
            .args([
                "score",
                data.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--quiet",
            ])
            .assert()
    };
    score(&data, &out).success();
    let before = fs::read(out.join("criteria.csv")).unwrap();
    // A run that fails after it started (no transcripts/ folder) keeps the previous results whole
    // and leaves no temporary folder behind.
    score(&dir.path().join("missing"), &out).failure();
    assert_eq!(fs::read(out.join("criteria.csv")).unwrap(), before);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // A folder of someone else's files is never replaced.
    let precious = dir.path().join("documents");
    fs::create_dir_all(&precious).unwrap();
    fs::write(precious.join("thesis.docx"), "precious").unwrap();
    let failed = score(&data, &precious).failure();
    let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(stderr.contains("not a callqa results"), "{stderr}");
    assert!(precious.join("thesis.docx").exists());
}

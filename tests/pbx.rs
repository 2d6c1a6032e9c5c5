//! End-to-end tests of the PBX side: the daily line review of sample-data against its answer keys
//! (computed independently by tools/gen_sample_data.py), the lists of unmatched calls, and verdicts the
//! PBX changes.

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

fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .zip(r.expect("record").iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Compares two tables cell by cell, numbers numerically.
fn assert_same_table(
    got: &[BTreeMap<String, String>],
    want: &[BTreeMap<String, String>],
    what: &str,
) {
    assert_eq!(got.len(), want.len(), "{what}: row count");
    let mut differences = Vec::new();
    for (g, w) in got.iter().zip(want) {
        for (column, expected) in w {
            let actual = g.get(column).map(String::as_str).unwrap_or("<missing>");
            let same = match (actual.parse::<f64>(), expected.parse::<f64>()) {
                (Ok(a), Ok(e)) => (a - e).abs() < 1e-9,
                _ => actual == expected,
            };
            if !same {
                differences.push(format!(
                    "{}: {column}: got {actual}, expected {expected}",
                    w.values().next().unwrap()
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{what}:\n{}",
        differences.join("\n")
    );
}

#[test]
fn line_review_of_sample_data_matches_the_answer_keys() {
    let dir = tempfile::tempdir().unwrap();
    let output = callqa()
        .arg("lines")
        .arg(root().join("sample-data"))
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success();
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("Anexo 207: posible anexo mal colgado"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Anexo 205: posible anexo averiado"),
        "{stdout}"
    );

    let daily = read_csv(&dir.path().join("lines_daily.csv"));
    let want = read_csv(&root().join("tests/fixtures/sample_lines_expected.csv"));
    assert_same_table(&daily, &want, "lines_daily.csv");

    let extensions = read_csv(&dir.path().join("extensions.csv"));
    let want = read_csv(&root().join("tests/fixtures/sample_pbx_expected.csv"));
    assert_same_table(&extensions, &want, "extensions.csv");
    let off_hook = extensions.iter().find(|e| e["extension"] == "207").unwrap();
    assert!(
        off_hook["evidence"]
            .contains("ocupada 23 veces el 2026-11-24 sin ninguna llamada en curso"),
        "{off_hook:?}"
    );
    assert!(
        off_hook["evidence"].contains("quedó abierto 5 h"),
        "{off_hook:?}"
    );

    // The lost calls, whole numbers for call-backs, by cause.
    let lost = read_csv(&dir.path().join("lost_calls.csv"));
    assert_eq!(lost.len(), 33);
    assert_eq!(lost.iter().filter(|l| l["cause"] == "entry").count(), 18);
    assert_eq!(
        lost.iter().filter(|l| l["cause"] == "extension").count(),
        15
    );
    assert!(
        lost.iter()
            .all(|l| l["caller"].len() >= 9 && l["started_at"].ends_with("-05:00")),
        "{lost:?}"
    );
    for file in ["lines_daily", "lines_hourly", "extensions", "lost_calls"] {
        assert!(
            dir.path().join(format!("{file}.parquet")).is_file(),
            "{file}.parquet"
        );
    }
    let hourly = read_csv(&dir.path().join("lines_hourly.csv"));
    let offered: usize = hourly
        .iter()
        .map(|h| h["offered"].parse::<usize>().unwrap())
        .sum();
    assert_eq!(offered, 178);
}

#[test]
fn audit_joins_transcripts_to_the_pbx_and_lists_what_does_not_match() {
    let dir = tempfile::tempdir().unwrap();
    callqa()
        .arg("audit")
        .arg(root().join("sample-data"))
        .arg("--out")
        .arg(dir.path())
        .arg("-q")
        .assert()
        .success();
    let results = dir.path().join("results");
    let run: serde_json::Value =
        serde_json::from_slice(&fs::read(results.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["pbx_files_read"], 3);
    assert_eq!(run["transcripts_without_pbx"], 1);

    let calls = read_csv(&results.join("interactions.csv"));
    let unmatched = read_csv(&results.join("pbx_unmatched.csv"));
    // J4 has no PBX record; every other scored call is linked and has its extension.
    let j4: Vec<_> = unmatched
        .iter()
        .filter(|u| u["side"] == "transcript_without_pbx")
        .collect();
    assert_eq!(j4.len(), 1);
    assert_eq!(j4[0]["call_id"], "1795274737.5453");
    for call in calls.iter().filter(|c| c["call_id"] != "1795274737.5453") {
        assert_eq!(call["pbx_linked"], "true", "{}", call["call_id"]);
        assert!(!call["extension"].is_empty(), "{}", call["call_id"]);
        assert_eq!(call["operator_source"], "pbx", "{}", call["call_id"]);
    }
    // PBX calls nobody transcribed: the lost calls, the untranscribed answered calls, and the three
    // bad transcript files.
    let pbx_only: Vec<_> = unmatched
        .iter()
        .filter(|u| u["side"] == "pbx_without_transcript")
        .collect();
    assert_eq!(
        pbx_only.iter().filter(|u| u["outcome"] == "lost").count(),
        33
    );
    assert_eq!(
        pbx_only
            .iter()
            .filter(|u| u["outcome"] == "answered")
            .count(),
        96 + 3
    );
    assert_eq!(
        run["pbx_calls_without_transcript"],
        serde_json::json!(pbx_only.len())
    );
}

/// Call M7 (plain text, no times): only AMI saw its 45 s hold. Without the PBX logs its hold criteria
/// do not apply; with them they do, and they rest on AMI.
#[test]
fn a_hold_only_the_pbx_saw_changes_the_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    let without = dir.path().join("without");
    copy_dir(&root().join("sample-data"), &without, &|p| {
        !p.ends_with("pbx")
    });
    let outcomes = |data: &Path, out: &Path| -> BTreeMap<String, (String, String)> {
        callqa()
            .arg("score")
            .arg(data)
            .arg("--out")
            .arg(out)
            .arg("-q")
            .assert()
            .success();
        read_csv(&out.join("criteria.csv"))
            .into_iter()
            .filter(|r| r["call_id"] == "1795789351.6386" && r["criterion"].starts_with("hold_"))
            .map(|r| {
                (
                    r["criterion"].clone(),
                    (r["outcome"].clone(), r["source"].clone()),
                )
            })
            .collect()
    };
    let before = outcomes(&without, &dir.path().join("r1"));
    let after = outcomes(&root().join("sample-data"), &dir.path().join("r2"));
    for criterion in ["hold_explained", "hold_permission", "hold_thanks"] {
        assert_eq!(before[criterion].0, "na", "{criterion} without PBX");
        assert_eq!(
            after[criterion],
            ("fail".to_string(), "ami".to_string()),
            "{criterion} with PBX"
        );
    }
    assert_eq!(after["hold_checkins"].0, "na");
}

/// A call the transcript shows ending normally, but the PBX logged a blind transfer: the transfer
/// criteria now apply and fail, resting on queue_log.
#[test]
fn a_blind_transfer_in_queue_log_decides_transfer_answered() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(data.join("transcripts")).unwrap();
    fs::create_dir_all(data.join("pbx")).unwrap();
    fs::copy(
        root().join("sample-data/operators.csv"),
        data.join("operators.csv"),
    )
    .unwrap();
    let call = "1795000000.77";
    fs::write(
        data.join("transcripts").join(format!("q-600-987111222-20261117-143320-{call}.vtt")),
        "WEBVTT\n\n00:00.000 --> 00:06.000\n<v SPEAKER_00>Buenas tardes, bienvenido al SIAGIE, le saluda Rosa Quispe. ¿Con quién tengo el gusto?\n\n\
         00:06.500 --> 00:09.000\n<v SPEAKER_01>Con Marta Chávez, directora.\n\n\
         00:09.500 --> 00:13.000\n<v SPEAKER_00>Mucho gusto, directora Chávez. ¿Su DNI y el código modular, por favor?\n\n\
         00:13.500 --> 00:22.000\n<v SPEAKER_01>Cuatro cinco dos ocho uno tres seis siete, y el código es cero cinco uno dos tres cuatro cinco.\n\n\
         00:22.500 --> 00:25.000\n<v SPEAKER_00>Gracias. ¿En qué puedo ayudarle?\n\n\
         00:25.500 --> 00:36.000\n<v SPEAKER_01>Necesito anular una matrícula que registramos dos veces por error en el sistema.\n\n\
         00:36.500 --> 00:41.000\n<v SPEAKER_00>Entiendo, usted quiere anular una matrícula duplicada. Eso lo ve el área de matrícula.\n",
    )
    .unwrap();
    // Entered 14:33:14 Lima (19:33:14 UTC), answered 6 s later, blind transfer 41 s into the call.
    let entered = 1_795_030_394_i64;
    fs::write(
        data.join("pbx/queue_log"),
        format!(
            "{entered}|{call}|600|NONE|ENTERQUEUE||987111222|1\n{}|{call}|600|PJSIP/201|CONNECT|6|1795030400.78|5\n{}|{call}|600|PJSIP/201|BLINDTRANSFER|240|from-internal|6|41|1\n",
            entered + 6,
            entered + 47
        ),
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
    let rows: BTreeMap<String, BTreeMap<String, String>> = read_csv(&out.join("criteria.csv"))
        .into_iter()
        .map(|r| (r["criterion"].clone(), r))
        .collect();
    assert_eq!(
        rows["transfer_answered"]["outcome"], "fail",
        "{:?}",
        rows["transfer_answered"]
    );
    assert_eq!(rows["transfer_answered"]["source"], "queue_log");
    assert_eq!(
        rows["closing_by_name"]["outcome"], "na",
        "a transferred call is not closed by name"
    );
    let calls = read_csv(&out.join("interactions.csv"));
    assert_eq!(calls[0]["operator_id"], "op01");
    assert_eq!(calls[0]["transfer_source"], "queue_log");
    assert_eq!(calls[0]["queue_wait_s"], "6");
}

fn copy_dir(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if !keep(&path) {
            continue;
        }
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target, keep);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

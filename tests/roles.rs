//! Issue 12, item 8: a diarized call whose choice of operator rests on contradicting evidence is
//! flagged in the results and the report, not scored silently as if certain.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn callqa() -> Command {
    Command::cargo_bin("callqa").expect("binary built")
}

/// The diarizer named the caller's voice «Rosa Quispe» (an operator of the roster), while the other
/// speaker greets with SIAGIE, introduces herself as Rosa Quispe and asks for the DNI.
#[test]
fn a_voice_name_the_greeting_contradicts_is_flagged_in_results_report_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(data.join("transcripts")).unwrap();
    fs::copy(
        root().join("sample-data/operators.csv"),
        data.join("operators.csv"),
    )
    .unwrap();
    let name = "q-600-951222333-20261118-101500-1795014900.4400.vtt";
    fs::copy(
        root().join("tests/fixtures/roles").join(name),
        data.join("transcripts").join(name),
    )
    .unwrap();
    let out = dir.path().join("out");
    callqa()
        .arg("audit")
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    let results = out.join("results");
    let mut reader = csv::Reader::from_path(results.join("interactions.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let get = |name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(get("role_method"), "roster_voice");
    assert_eq!(get("role_confidence"), "0.4");
    assert_eq!(get("roles_uncertain"), "true");
    assert!(
        get("role_detail").contains("SPEAKER_01"),
        "{}",
        get("role_detail")
    );

    let html = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        html.contains("1 llamada(s) con confianza menor que 0,7"),
        "the data-quality section lists it"
    );
    assert!(html.contains("1795014900.4400"));

    let explained = callqa()
        .arg("explain")
        .arg(&results)
        .arg("1795014900.4400")
        .assert()
        .success();
    let text = String::from_utf8(explained.get_output().stdout.clone()).unwrap();
    assert!(text.contains("⚠ Roles inciertos"), "{text}");
}

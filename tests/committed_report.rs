//! `reports/` at the repository root holds the audit of the bundled sample-data, committed so a
//! newcomer can open it without building. This test regenerates it and compares byte for byte, so it
//! stays current: after a change that alters it, run `cargo run --release -- audit sample-data` and
//! commit `reports/`. `results/run.json` records when the run happened and is left out.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    found.retain(|p| p != Path::new("results/run.json"));
    found.sort();
    found
}

#[test]
fn committed_report_is_current() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("callqa")
        .unwrap()
        .arg("audit")
        .arg(repo.join("sample-data"))
        .arg("--out")
        .arg(dir.path())
        .arg("-q")
        .assert()
        .success();
    let committed = repo.join("reports");
    let fresh = files(dir.path());
    assert_eq!(
        files(&committed),
        fresh,
        "reports/ lists other files: regenerate it (see the module doc)"
    );
    let stale: Vec<String> = fresh
        .iter()
        .filter(|f| fs::read(committed.join(f)).ok() != fs::read(dir.path().join(f)).ok())
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        stale.is_empty(),
        "reports/ is stale: {stale:?}; regenerate it (see the module doc)"
    );
}

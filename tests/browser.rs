//! The reports in a real headless browser (Debian's chromium): index.html renders the ranking, the
//! charts and every operator's link; a coaching page renders its examples; screenshots are taken.
//! `.ci/run` installs chromium; on a developer machine without it the test says plainly that it skips,
//! and under CI (CI set) a missing browser is a failure.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let found = Process::new("which").arg(name).output().ok()?;
            found
                .status
                .success()
                .then(|| PathBuf::from(String::from_utf8_lossy(&found.stdout).trim()))
        })
}

/// Runs headless chromium on a local file with the flags this machine's closed network needs.
fn browse(browser: &Path, profile: &Path, page: &Path, action: &[&str]) -> String {
    let output = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(action)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn reports_render_in_a_real_browser() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (.ci/run does)"
        );
        eprintln!(
            "skipped: chromium is not installed (apt-get install chromium); CI runs this test"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("callqa")
        .unwrap()
        .arg("audit")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data"))
        .arg("--out")
        .arg(dir.path())
        .arg("-q")
        .assert()
        .success();
    let profile = dir.path().join("profile");

    let index = dir.path().join("index.html");
    let dom = browse(&browser, &profile, &index, &["--dump-dom"]);
    assert!(dom.contains("<svg"), "no chart rendered");
    for operator in ["op01", "op02", "op03", "op04", "op05", "op06"] {
        assert!(
            dom.contains(&format!("operators/{operator}.html")),
            "no link to {operator}"
        );
    }
    for name in ["Rosa Quispe Mamani", "Jorge Villanueva Apaza"] {
        assert!(dom.contains(name), "{name} missing from the ranking");
    }
    let shot = dir.path().join("index.png");
    browse(
        &browser,
        &profile,
        &index,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2400",
        ],
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 50_000,
        "screenshot of {} bytes",
        png.len()
    );

    let coaching = dir.path().join("operators/op06.html");
    let dom = browse(&browser, &profile, &coaching, &["--dump-dom"]);
    assert!(dom.contains("Jorge Villanueva Apaza"));
    assert!(dom.contains("<svg"));
    let shot = dir.path().join("op06.png");
    browse(
        &browser,
        &profile,
        &coaching,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2400",
        ],
    );
    assert!(
        std::fs::metadata(&shot)
            .map(|m| m.len() > 20_000)
            .unwrap_or(false)
    );
    if let Some(keep) = std::env::var_os("CALLQA_KEEP_SCREENSHOTS") {
        let keep = PathBuf::from(keep);
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::copy(dir.path().join("index.png"), keep.join("index.png")).unwrap();
        std::fs::copy(&shot, keep.join("op06.png")).unwrap();
    }
}

//! `callqa calibrate` on the sample month: the supervisors' evaluations in sample-data/evaluations/
//! against callqa's verdicts in the committed reports/results. This is the golden set CI runs: a rubric
//! edit that makes callqa agree less with the supervisors fails here.
//!
//! The expected figures were computed independently of callqa, from reports/results/criteria.csv and
//! reports/results/evaluations.csv, with the textbook formulas in a few lines of Python (pₒ, pₑ from the
//! marginals, the Fleiss-Cohen-Everitt standard error); see the README section for supervisors.

use std::path::Path;

use assert_cmd::Command;

fn calibrate(args: &[&str]) -> (assert_cmd::assert::Assert, tempfile::TempDir) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let assert = Command::cargo_bin("callqa")
        .unwrap()
        .current_dir(repo)
        .args([
            "calibrate",
            "reports/results",
            "sample-data/evaluations",
            "--out",
        ])
        .arg(out.path())
        .args(args)
        .assert();
    (assert, out)
}

fn row<'a>(csv: &'a str, a: &str, b: &str, criterion: &str) -> Vec<&'a str> {
    csv.lines()
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|f| f[0] == a && f[1] == b && f[2] == criterion)
        .unwrap_or_else(|| panic!("no row {a} {b} {criterion}"))
}

#[test]
fn sample_month_kappa_equals_an_independent_computation() {
    let (assert, out) = calibrate(&["--min-kappa", "0.6", "--min-agreement", "0.85"]);
    let output = assert.success();
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).to_string();
    // The rows typed wrong on purpose are named with file, row and reason.
    assert!(stderr.contains("sample-data/evaluations/supervisora-ana-torres.csv:362: closing_by_name: resultado `Parcial` no entendido"), "{stderr}");
    assert!(
        stderr.contains("supervisora-ana-torres.csv:363: criterio desconocido `tono_de_voz`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("supervisor-miguel-soto.xlsx:22:"),
        "{stderr}"
    );
    let csv = std::fs::read_to_string(out.path().join("calibration.csv")).unwrap();
    assert!(csv.starts_with("rater_a,rater_b,criterion,n,agreement,kappa,kappa_low,kappa_high,"));
    // rater_a, rater_b, criterion, n, agreement, kappa, kappa_low, kappa_high
    assert_eq!(
        row(&csv, "callqa", "Ana Torres", "ALL")[..8],
        [
            "callqa",
            "Ana Torres",
            "ALL",
            "360",
            "0.9833",
            "0.9686",
            "0.9438",
            "0.9934"
        ]
    );
    assert_eq!(
        row(&csv, "callqa", "Miguel Soto", "ALL")[..8],
        [
            "callqa",
            "Miguel Soto",
            "ALL",
            "360",
            "0.9889",
            "0.9796",
            "0.9598",
            "0.9994"
        ]
    );
    assert_eq!(
        row(&csv, "callqa", "Ana Torres", "summarized_query")[3..8],
        ["20", "0.9", "0.6154", "0.1486", "1"]
    );
    assert_eq!(
        row(&csv, "callqa", "Ana Torres", "greeting")[3..8],
        ["20", "0.95", "0.6429", "0.0056", "1"]
    );
    // Three raters on the 16 calls both supervisors scored: Fleiss' kappa, no interval.
    let fleiss = row(&csv, "callqa + Ana Torres + Miguel Soto", "", "ALL");
    assert_eq!(fleiss[3], "288");
    assert_eq!(fleiss[8], "fleiss");
    let page = std::fs::read_to_string(out.path().join("calibracion.html")).unwrap();
    assert!(page.contains("Desacuerdos de callqa con los supervisores"));
    assert!(page.contains("Pasa directo a la solución; no confirma lo que entendió."));
}

#[test]
fn a_bar_callqa_does_not_clear_fails_and_names_the_criteria() {
    let (assert, _out) = calibrate(&["--min-kappa", "0.7"]);
    let output = assert.failure().code(1);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).to_string();
    assert!(stderr.contains("criteria below the bar"), "{stderr}");
    assert!(
        stderr.contains("summarized_query (callqa vs Ana Torres): kappa 0.615 < 0.7"),
        "{stderr}"
    );
    assert!(!stderr.contains("ALL (callqa"), "{stderr}");
}

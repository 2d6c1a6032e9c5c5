//! End-to-end tests of the reports: score data with the binary, then `callqa::report::write_report`
//! on the results folder(s). Snapshots (tests/snapshots/) pin the exports and the outline of
//! index.html; the rest checks links, escaping, formula neutralising and the two-month trend.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use callqa::report::{ReportOptions, write_report};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `callqa audit DATA --out DIR -q`; returns DIR/results.
fn audit(data: &Path, dir: &Path) -> PathBuf {
    Command::cargo_bin("callqa")
        .unwrap()
        .args([
            "audit",
            data.to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
            "-q",
        ])
        .assert()
        .success();
    dir.join("results")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The headings (h1-h3) and table headers of a page, in order: its structure without the figures.
fn outline(html: &str) -> String {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let tag: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !matches!(tag.as_str(), "h1" | "h2" | "h3" | "thead") {
            continue;
        }
        let close = format!("</{tag}>");
        let Some(end) = rest.find(&close) else { break };
        let inner = &rest[rest.find('>').unwrap() + 1..end];
        let text = strip_tags(inner, if tag == "thead" { " | " } else { "" });
        let indent = match tag.as_str() {
            "h1" => "",
            "h2" => "  ",
            "h3" => "    ",
            _ => "      table: ",
        };
        out.push(format!("{indent}{}", text.trim_matches([' ', '|'])));
        rest = &rest[end..];
    }
    out.join("\n")
}

/// Text of an HTML fragment; `cell_sep` between table cells.
fn strip_tags(fragment: &str, cell_sep: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in fragment.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' => {
                in_tag = false;
                if tag.starts_with("th") && !cell_sep.is_empty() && !text.is_empty() {
                    text.push_str(cell_sep);
                }
            }
            c if in_tag => tag.push(c),
            c => text.push(c),
        }
    }
    text.replace("&amp;", "&")
}

#[test]
fn sample_month_report() {
    let dir = tempfile::tempdir().unwrap();
    let results = audit(&repo().join("sample-data"), dir.path());
    let out = dir.path().join("report");
    let index = write_report(
        std::slice::from_ref(&results),
        &out,
        &ReportOptions::default(),
    )
    .unwrap();
    assert_eq!(index, out.join("index.html"));
    keep(&out, "");
    let html = read(&index);
    for n in 1..=6 {
        let link = format!("href=\"operators/op0{n}.html\"");
        assert!(html.contains(&link), "index links to {link}");
        assert!(out.join(format!("operators/op0{n}.html")).is_file());
    }
    assert!(html.contains("<html lang=\"es\">") && html.contains("<meta charset=\"utf-8\">"));
    assert!(
        !html.contains("<script") && !html.contains("<link"),
        "self-contained, no scripts"
    );

    insta::assert_snapshot!("index_outline", outline(&html));
    insta::assert_snapshot!("operators_csv", read(&out.join("operators.csv")));
    insta::assert_snapshot!(
        "criteria_summary_csv",
        read(&out.join("criteria_summary.csv"))
    );
    insta::assert_snapshot!("monthly_csv", read(&out.join("monthly.csv")));
    for name in ["operators", "criteria_summary", "monthly"] {
        assert!(out.join(format!("{name}.parquet")).is_file());
    }

    // criteria.html lists all 18 criteria of the rubric.
    let criteria = read(&out.join("criteria.html"));
    let rubric = callqa::rubric::Rubric::default_rubric();
    assert_eq!(rubric.criteria.len(), 18);
    for c in &rubric.criteria {
        assert!(
            criteria.contains(&format!("<code>{}</code>", c.id)),
            "criteria.html lists {}",
            c.id
        );
    }

    // Same input, byte-identical output.
    let again = dir.path().join("again");
    write_report(&[results], &again, &ReportOptions::default()).unwrap();
    for file in [
        "index.html",
        "criteria.html",
        "operators/op03.html",
        "operators.csv",
        "monthly.csv",
        "monthly.parquet",
        "charts/heatmap.png",
    ] {
        let bytes = |dir: &Path| fs::read(dir.join(file)).unwrap_or_default();
        assert!(bytes(&out) == bytes(&again), "{file} is deterministic");
    }
}

/// With CALLQA_KEEP_REPORT=DIR set, keeps a copy of a report in DIR<suffix> to look at.
fn keep(report: &Path, suffix: &str) {
    if let Ok(dir) = std::env::var("CALLQA_KEEP_REPORT") {
        let target = PathBuf::from(format!("{dir}{suffix}"));
        let _ = fs::remove_dir_all(&target);
        copy_dir(report, &target);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A transcript quoted by a failed verdict carries an HTML tag and a spreadsheet formula; the roster's
/// team carries a formula too. The pages show the tag as text, the exports neutralise the formulas.
#[test]
fn hostile_text_comes_out_harmless() {
    const TAG: &str = "<script>alert(1)</script>";
    const FORMULA: &str = "=cmd|' /C calc'!A0";
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(data.join("transcripts")).unwrap();
    let roster = read(&repo().join("sample-data/operators.csv")).replace(
        "op06,Jorge Villanueva Apaza,206,Tarde",
        &format!("op06,Jorge Villanueva Apaza,206,\"{FORMULA}\""),
    );
    fs::write(data.join("operators.csv"), roster).unwrap();
    // op06's call whose greeting fails: the verdict quotes the first operator turn.
    let source = repo().join("sample-data/transcripts/2026-11-21/1795274737.5453.json");
    let mut call: serde_json::Value = serde_json::from_str(&read(&source)).unwrap();
    let first = &mut call["turns"][0]["text"];
    assert_eq!(first, "Aló, SIAGIE.");
    *first = format!("{FORMULA} {TAG} Aló, SIAGIE.").into();
    fs::write(
        data.join("transcripts/1795274737.5453.json"),
        call.to_string(),
    )
    .unwrap();

    let results = audit(&data, &dir.path().join("audit"));
    let criteria_csv = read(&results.join("criteria.csv"));
    assert!(
        criteria_csv.contains(TAG),
        "the verdict quotes the hostile turn"
    );
    let out = dir.path().join("report");
    write_report(&[results], &out, &ReportOptions::default()).unwrap();

    let page = read(&out.join("operators/op06.html"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the tag shows as text"
    );
    assert!(page.contains(FORMULA), "the quote is shown whole");
    for file in ["index.html", "criteria.html", "operators/op06.html"] {
        assert!(
            !read(&out.join(file)).contains("<script"),
            "{file} runs no script"
        );
    }
    let operators = read(&out.join("operators.csv"));
    assert!(operators.contains(&format!(",'{FORMULA},")), "{operators}");
    for file in ["operators.csv", "criteria_summary.csv", "monthly.csv"] {
        let text = read(&out.join(file));
        for cell in text.lines().flat_map(|l| l.split(',')) {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '@', '+']), "{file}: {cell}");
        }
    }
}

/// October is November's VTT and SRT calls moved back 31 days (file-name date and uniqueid epoch,
/// which is where their start time comes from), scored into a second results folder without PBX data.
#[test]
fn two_months_give_trends_and_changes() {
    let dir = tempfile::tempdir().unwrap();
    let november = audit(&repo().join("sample-data"), &dir.path().join("nov"));
    let october_data = dir.path().join("october");
    fs::create_dir_all(october_data.join("transcripts")).unwrap();
    fs::copy(
        repo().join("sample-data/operators.csv"),
        october_data.join("operators.csv"),
    )
    .unwrap();
    let mut moved = 0;
    for day in fs::read_dir(repo().join("sample-data/transcripts")).unwrap() {
        for file in fs::read_dir(day.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if let Some(shifted) = october_name(&name) {
                fs::copy(&path, october_data.join("transcripts").join(shifted)).unwrap();
                moved += 1;
            }
        }
    }
    assert!(moved > 20, "{moved} calls moved to October");
    let october = audit(&october_data, &dir.path().join("oct"));

    let out = dir.path().join("report");
    write_report(
        &[october.clone(), november.clone()],
        &out,
        &ReportOptions::default(),
    )
    .unwrap();
    keep(&out, "-2months");
    let html = read(&out.join("index.html"));
    assert!(
        html.contains("respecto de 2026-10"),
        "changes against October"
    );
    assert!(html.contains("meses en los datos: 2026-10, 2026-11"));
    for chart in ["tendencia_puntaje", "tendencia_secciones", "op01_tendencia"] {
        assert!(
            out.join(format!("charts/{chart}.png")).is_file(),
            "{chart}.png"
        );
        assert!(html.contains(&format!("charts/{chart}.png")) || chart.starts_with("op"));
    }
    let outline = outline(&html);
    assert!(
        outline.contains("table: Indicador | 2026-11 | 2026-10 | Cambio"),
        "{outline}"
    );
    assert!(read(&out.join("operators/op01.html")).contains("Evolución mensual"));
    let monthly = read(&out.join("monthly.csv"));
    assert!(monthly.contains("\n2026-10,total,") && monthly.contains("\n2026-11,total,"));

    // The October report: no previous month and no PBX data, said plainly.
    let options = ReportOptions {
        month: Some("2026-10".into()),
    };
    let out = dir.path().join("report-oct");
    write_report(&[october.clone(), november.clone()], &out, &options).unwrap();
    let html = read(&out.join("index.html"));
    assert!(html.contains("Sin datos de la central telefónica (PBX) para 2026-10"));
    assert!(html.contains("No hay un mes anterior"));
    assert!(!html.contains("respecto de"));

    // A month not in the data is an error that lists the months.
    let options = ReportOptions {
        month: Some("2026-09".into()),
    };
    let error = write_report(&[october, november], &dir.path().join("x"), &options).unwrap_err();
    assert!(error.to_string().contains("2026-10, 2026-11"), "{error}");
}

/// `q-600-957402361-20261102-153628-1793651788.1320.vtt` -> the same call 31 days earlier
/// (`...-20261002-...-1790970388.1320.vtt`); None for files whose start is not in the name.
fn october_name(name: &str) -> Option<String> {
    if !(name.ends_with(".vtt") || name.ends_with(".srt")) {
        return None;
    }
    let mut parts: Vec<String> = name.split('-').map(str::to_string).collect();
    let date = parts
        .iter()
        .position(|p| p.len() == 8 && p.starts_with("202611"))?;
    parts[date] = parts[date].replacen("202611", "202610", 1);
    let last = parts.last_mut()?;
    let (epoch, rest) = last.split_once('.')?;
    let epoch: i64 = epoch.parse().ok()?;
    *last = format!("{}.{rest}", epoch - 31 * 86_400);
    Some(parts.join("-"))
}

#[test]
fn a_folder_that_is_not_a_results_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let error = write_report(
        &[dir.path().to_path_buf()],
        &dir.path().join("out"),
        &ReportOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("interactions.parquet") || error.contains("criteria.parquet"),
        "{error}"
    );
}

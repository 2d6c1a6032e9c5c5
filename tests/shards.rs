//! Sharded scoring and the partitioned dataset, end to end: three `score --shard K/3` runs into one
//! folder give the same report, byte for byte, as one unsharded run; every call is in exactly one
//! shard; the datasets are Hive-partitioned Parquet that polars reads as one table; `explain` finds a
//! call in whichever shard scored it.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use polars::prelude::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn callqa() -> Command {
    Command::cargo_bin("callqa").expect("binary built")
}

fn score(out: &Path, shard: Option<&str>) {
    let mut command = callqa();
    command
        .arg("score")
        .arg(repo().join("sample-data"))
        .arg("--out")
        .arg(out)
        .arg("-q");
    if let Some(shard) = shard {
        command.args(["--shard", shard]);
    }
    command.assert().success();
}

fn report(results: &Path, out: &Path) {
    callqa()
        .arg("report")
        .arg(results)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

/// Every file under `root`, relative, sorted.
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
    found.sort();
    found
}

/// The data lines of a CSV file (header left out).
fn rows(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().skip(1).map(str::to_string).collect()
}

#[test]
fn three_shards_give_the_report_of_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole");
    let sharded = dir.path().join("sharded");
    score(&whole, None);
    for shard in ["0/3", "1/3", "2/3"] {
        score(&sharded, Some(shard));
    }

    // Each call in exactly one shard; together, the unsharded run's rows.
    let shard_dirs: Vec<PathBuf> = (0..3)
        .map(|k| sharded.join(format!("shards/{k:05}-of-00003")))
        .collect();
    // Supervisors' evaluations too: each goes to the shard of its interaction (a recorded call's to
    // the shard that scored it), so no shard repeats another's; the rejections of the evaluation
    // sheets, which belong to no call, are shard 0's.
    let tables = [
        "criteria.csv",
        "interactions.csv",
        "evaluations.csv",
        "reviewed_criteria.csv",
        "reviewed_interactions.csv",
        "revisar.csv",
        "rejected.csv",
    ];
    for table in tables {
        let mut merged: Vec<String> = shard_dirs
            .iter()
            .flat_map(|d| rows(&d.join(table)))
            .collect();
        let count = merged.len();
        merged.sort();
        let mut want = rows(&whole.join(table));
        want.sort();
        assert_eq!(merged, want, "{table}");
        assert_eq!(count, merged.iter().collect::<BTreeSet<_>>().len());
    }
    let per_shard: Vec<usize> = shard_dirs
        .iter()
        .map(|d| rows(&d.join("interactions.csv")).len())
        .collect();
    assert!(per_shard.iter().all(|&n| n > 0), "{per_shard:?}");
    let sheet_rows = |dir: &PathBuf| {
        rows(&dir.join("rejected.csv"))
            .iter()
            .filter(|r| r.starts_with("evaluations/"))
            .count()
    };
    assert_eq!(sheet_rows(&shard_dirs[0]), 3);
    assert_eq!(sheet_rows(&shard_dirs[1]) + sheet_rows(&shard_dirs[2]), 0);
    let run = |dir: &Path| -> serde_json::Value {
        serde_json::from_str(&fs::read_to_string(dir.join("run.json")).unwrap()).unwrap()
    };
    for count in [
        "evaluations",
        "overrides",
        "overrides_confirming",
        "reviewed_calls",
    ] {
        let sum: u64 = shard_dirs
            .iter()
            .map(|d| run(d)[count].as_u64().unwrap())
            .sum();
        assert_eq!(sum, run(&whole)[count].as_u64().unwrap(), "{count}");
    }
    // The line review belongs to shard 0 alone.
    assert!(shard_dirs[0].join("lines_daily.csv").is_file());
    assert!(!shard_dirs[1].join("lines_daily.csv").exists());

    let whole_report = dir.path().join("report-whole");
    let sharded_report = dir.path().join("report-sharded");
    report(&whole, &whole_report);
    report(&sharded, &sharded_report);
    let listed = files(&whole_report);
    assert_eq!(listed, files(&sharded_report));
    assert!(listed.len() > 10, "{listed:?}");
    let differing: Vec<String> = listed
        .iter()
        .filter(|f| {
            fs::read(whole_report.join(f)).unwrap() != fs::read(sharded_report.join(f)).unwrap()
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        differing.is_empty(),
        "the sharded report differs: {differing:?}"
    );
}

#[test]
fn the_datasets_are_hive_partitioned_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results");
    score(&out, Some("1/2"));
    score(&out, Some("0/2"));
    let month = out.join("criteria/month=2026-11");
    let parts: Vec<PathBuf> = files(&month);
    assert_eq!(
        parts,
        [
            PathBuf::from("part-00000-of-00002.parquet"),
            PathBuf::from("part-00001-of-00002.parquet")
        ]
    );
    // polars reads the folder as one table, the month from the path.
    let mut hive = HiveOptions::new_enabled();
    hive.try_parse_dates = false;
    let args = ScanArgsParquet {
        hive_options: hive,
        ..ScanArgsParquet::default()
    };
    let source = PlRefPath::try_from_path(&out.join("criteria")).unwrap();
    let frame = LazyFrame::scan_parquet(source, args)
        .unwrap()
        .filter(col("month").eq(lit("2026-11")))
        .collect()
        .unwrap();
    let csv_rows: usize = (0..2)
        .map(|k| rows(&out.join(format!("shards/{k:05}-of-00002/criteria.csv"))).len())
        .sum();
    assert_eq!(frame.height(), csv_rows);
    assert!(csv_rows > 0);

    // A re-run of a shard replaces its files, it does not add to them.
    score(&out, Some("0/2"));
    assert_eq!(files(&month).len(), 2);

    // explain finds a call in the shard that scored it.
    let id = rows(&out.join("shards/00001-of-00002/interactions.csv"))[0]
        .split(',')
        .next()
        .unwrap()
        .to_string();
    let output = callqa()
        .arg("explain")
        .arg(&out)
        .arg(&id)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(output)
            .unwrap()
            .contains(&format!("Llamada {id}"))
    );
}

#[test]
fn a_bad_shard_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for shard in ["3/3", "1", "a/b", "0/0"] {
        callqa()
            .arg("score")
            .arg(repo().join("sample-data"))
            .arg("--out")
            .arg(dir.path())
            .args(["--shard", shard, "-q"])
            .assert()
            .code(2);
    }
}

#[test]
fn a_call_without_a_start_time_is_in_the_null_partition_and_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let day = repo().join("sample-data/transcripts/2026-11-02");
    fs::create_dir_all(data.join("transcripts")).unwrap();
    for entry in fs::read_dir(&day).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(
            &path,
            data.join("transcripts").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    fs::copy(
        repo().join("sample-data/operators.csv"),
        data.join("operators.csv"),
    )
    .unwrap();
    fs::write(
        data.join("transcripts/llamada-sin-hora.txt"),
        "Operador: Buenos días, central SIAGIE, le saluda Rosa Quispe, ¿con quién tengo el gusto?\n\
         Usuario: Hola, soy Juan.\nOperador: ¿En qué puedo ayudarle?\nUsuario: Nada, gracias.\n",
    )
    .unwrap();
    let out = dir.path().join("results");
    callqa()
        .arg("score")
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    assert!(
        out.join("criteria/month=__HIVE_DEFAULT_PARTITION__/part-00000-of-00001.parquet")
            .is_file()
    );
    let pages = dir.path().join("report");
    report(&out, &pages);
    // The call takes the folder's month, as the report always did for calls without a start.
    let operator = fs::read_to_string(pages.join("operators/op01.html")).unwrap();
    assert!(
        operator.contains("llamada-sin-hora"),
        "the timeless call is listed"
    );
}

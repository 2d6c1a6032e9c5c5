//! The written channels end to end: `callqa score` on the bundled sample month reads its mailbox and
//! Page inbox into the same results folder as the calls (`channel` = `email` / `facebook`), every
//! reply gets the verdicts its answer key (`tests/fixtures/sample_written_expected.csv`, written by
//! `tools/gen_written_sample.py` from the flags each reply was written with) says, and the backlog is
//! the one counted by hand. Also: every fixture under `tests/fixtures/written/<criterion>/` gets the
//! outcome its name starts with, and response times across a weekend, a holiday and after hours.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

fn score(data: &Path, out: &Path) {
    Command::cargo_bin("callqa")
        .unwrap()
        .arg("score")
        .arg(data)
        .arg("--out")
        .arg(out)
        .arg("-q")
        .assert()
        .success();
}

#[test]
fn the_sample_month_scores_every_reply_as_its_answer_key_says() {
    let dir = tempfile::tempdir().unwrap();
    score(&root().join("sample-data"), dir.path());
    let criteria = read_csv(&dir.path().join("criteria.csv"));
    let expected = read_csv(&root().join("tests/fixtures/sample_written_expected.csv"));
    let got: BTreeMap<(String, String), &BTreeMap<String, String>> = criteria
        .iter()
        .filter(|r| r["channel"] == "email" || r["channel"] == "facebook")
        .map(|r| ((r["call_id"].clone(), r["criterion"].clone()), r))
        .collect();
    assert_eq!(
        got.len(),
        expected.len(),
        "written verdicts: one per reply and criterion"
    );
    let mut wrong = Vec::new();
    for row in &expected {
        let key = (row["reply_id"].clone(), row["criterion"].clone());
        match got.get(&key) {
            None => wrong.push(format!("{key:?}: missing")),
            Some(r) if r["outcome"] != row["expected"] => wrong.push(format!(
                "{key:?}: {} instead of {} ({})",
                r["outcome"], row["expected"], r["reason"]
            )),
            Some(_) => {}
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        expected.len(),
        wrong.join("\n")
    );
    // Every written criterion passes and fails somewhere, on each of its channels.
    let mut seen: BTreeMap<(String, String), (bool, bool)> = BTreeMap::new();
    for r in got.values() {
        let entry = seen
            .entry((r["channel"].clone(), r["criterion"].clone()))
            .or_default();
        entry.0 |= r["outcome"] == "pass";
        entry.1 |= r["outcome"] == "fail";
    }
    assert_eq!(seen.len(), 18, "9 criteria on e-mail and 9 on Facebook");
    for (key, (pass, fail)) in seen {
        assert!(pass && fail, "{key:?}: pass {pass}, fail {fail}");
    }

    let interactions = read_csv(&dir.path().join("interactions.csv"));
    let count = |channel: &str| {
        interactions
            .iter()
            .filter(|r| r["channel"] == channel)
            .count()
    };
    assert_eq!(count("email"), 40);
    assert_eq!(count("facebook"), 23);
    assert_eq!(interactions.len(), 48 + 40 + 23);
    // Operators: by signature, and op02 by his mailbox alias (he signs with his first name only).
    let op02: Vec<_> = interactions
        .iter()
        .filter(|r| r["channel"] == "email" && r["operator_id"] == "op02")
        .collect();
    assert_eq!(op02.len(), 6);
    assert!(op02.iter().all(|r| r["operator_source"] == "mailbox"));
    let unknown = interactions
        .iter()
        .filter(|r| {
            r["channel"] != "phone" && r["channel"] != "telefono" && r["operator_id"].is_empty()
        })
        .count();
    assert_eq!(
        unknown, 2,
        "the generic signature and the unsigned Facebook reply"
    );

    // Nothing personal in the evidence or reasons: e-mail addresses, DNIs and phones masked.
    for r in &criteria {
        for field in ["evidence", "reason"] {
            let text = &r[field];
            assert!(!text.contains('@'), "{}: {text}", r["call_id"]);
            assert!(!text.contains("41826354"), "{}: {text}", r["call_id"]);
            assert!(!text.contains("615-5800"), "{}: {text}", r["call_id"]);
        }
    }

    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("run.json")).unwrap()).unwrap();
    assert_eq!(run["email_threads"], 34);
    assert_eq!(run["facebook_conversations"], 22);
    assert_eq!(run["email_replies_scored"], 40);
    assert_eq!(run["facebook_replies_scored"], 23);
    assert_eq!(run["written_backlog"], 5);
    assert_eq!(run["written_rubric_id"], "siagie-escrito");
    assert!(dir.path().join("rubric.siagie-escrito.toml").is_file());
}

#[test]
fn the_backlog_is_the_threads_left_waiting_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    score(&root().join("sample-data"), dir.path());
    let backlog = read_csv(&dir.path().join("backlog.csv"));
    let expected = read_csv(&root().join("tests/fixtures/sample_written_backlog.csv"));
    let got: Vec<(String, String, String)> = backlog
        .iter()
        .map(|r| {
            (
                r["channel"].clone(),
                r["waiting_since"].clone(),
                r["age_business_h"].clone(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = expected
        .iter()
        .map(|r| {
            let age: f64 = r["age_business_h"].parse().unwrap();
            let age = if age.fract() == 0.0 {
                format!("{}", age as i64)
            } else {
                age.to_string()
            };
            (r["channel"].clone(), r["waiting_since"].clone(), age)
        })
        .collect();
    assert_eq!(got, want);
    // By hand: Friday 27 Nov 17:20 -> end of November: 40 min on Friday, 10 h on Saturday 28,
    // 10 h on Monday 30 = 20.67 business hours.
    assert_eq!(backlog[0]["age_business_h"], "20.67");
    assert_eq!(backlog[0]["subject"], "Urgente notas");
}

/// A folder with only the written channels (and the help desk's config), for hand-worked cases.
fn written_only(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("transcripts")).unwrap();
    std::fs::write(
        dir.path().join("helpdesk.toml"),
        "[email]\naddresses = [\"mesadeayuda.siagie@minedu.gob.pe\"]\n[facebook]\npage_ids = [\"900\"]\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("sample-data/operators.csv"),
        dir.path().join("operators.csv"),
    )
    .unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn email(id: &str, reply_to: Option<&str>, from: &str, date: &str, body: &str) -> String {
    let reply = reply_to.map_or(String::new(), |r| {
        format!("In-Reply-To: <{r}>\nReferences: <{r}>\n")
    });
    format!(
        "From {from} Thu Jan  1 00:00:00 2026\nFrom: {from}\nTo: x@y.pe\nSubject: Consulta\nDate: {date}\nMessage-ID: <{id}>\n{reply}Content-Type: text/plain; charset=utf-8\n\n{body}\n\n"
    )
}

const REPLY: &str = "Buenos días\nLa Mesa de Ayuda del SIAGIE le da la bienvenida.\nEl plazo vence el 31 de diciembre; revise el comunicado del SIAGIE.\nAtentamente,\nRosa Quispe\nCentral de Atención - SIAGIE - MINEDU\nTeléfono: 615-5800 / Anexo: 26111\nLunes a Sábado de 8:00 a.m. a 6:00 p.m.";

#[test]
fn response_times_count_business_hours_across_weekend_holiday_and_nights() {
    // Worked by hand (Lima time, Monday to Saturday 08:00-18:00, holidays off):
    // 1. Saturday 5 Dec 17:30 -> Monday 7 Dec 08:30: 30 min + 30 min = 1 h (Sunday off): pass.
    // 2. Monday 7 Dec 16:00 -> Thursday 10 Dec 09:00: 2 h + (8 and 9 Dec are holidays) + 1 h = 3 h: pass.
    // 3. Thursday 10 Dec 21:00 -> Friday 11 Dec 13:00: the night does not count, 5 h: fail (SLA 4 h).
    // 4. Tuesday 8 Dec (holiday) 10:00 -> Thursday 10 Dec 08:15: 15 min: pass.
    let mut mbox = String::new();
    let cases = [
        (
            "a",
            "Sat, 5 Dec 2026 17:30:00 -0500",
            "Mon, 7 Dec 2026 08:30:00 -0500",
        ),
        (
            "b",
            "Mon, 7 Dec 2026 16:00:00 -0500",
            "Thu, 10 Dec 2026 09:00:00 -0500",
        ),
        (
            "c",
            "Thu, 10 Dec 2026 21:00:00 -0500",
            "Fri, 11 Dec 2026 13:00:00 -0500",
        ),
        (
            "d",
            "Tue, 8 Dec 2026 10:00:00 -0500",
            "Thu, 10 Dec 2026 08:15:00 -0500",
        ),
    ];
    for (id, asked, answered) in cases {
        let user = format!("{id}@gmail.com");
        mbox += &email(
            &user,
            None,
            &format!("user{id}@gmail.com"),
            asked,
            "¿Hasta cuándo es el plazo de cierre?",
        );
        let reply = format!("{id}.r@minedu.gob.pe");
        mbox += &email(
            &reply,
            Some(&user),
            "mesadeayuda.siagie@minedu.gob.pe",
            answered,
            REPLY,
        );
    }
    let data = written_only(&[("email/buzon.mbox", &mbox)]);
    let out = tempfile::tempdir().unwrap();
    score(data.path(), out.path());
    let interactions = read_csv(&out.path().join("interactions.csv"));
    let mut hours: Vec<(String, String)> = interactions
        .iter()
        .map(|r| (r["waiting_since"].clone(), r["response_business_h"].clone()))
        .collect();
    hours.sort();
    assert_eq!(
        hours,
        [
            ("2026-12-05T17:30:00-05:00".to_string(), "1".to_string()),
            ("2026-12-07T16:00:00-05:00".to_string(), "3".to_string()),
            ("2026-12-08T10:00:00-05:00".to_string(), "0.25".to_string()),
            ("2026-12-10T21:00:00-05:00".to_string(), "5".to_string()),
        ]
    );
    let criteria = read_csv(&out.path().join("criteria.csv"));
    let mut outcomes: Vec<String> = criteria
        .iter()
        .filter(|r| r["criterion"] == "response_time")
        .map(|r| format!("{} {}", r["at"], r["outcome"]))
        .collect();
    outcomes.sort();
    assert_eq!(
        outcomes,
        [
            "07/12/2026 08:30 pass",
            "10/12/2026 08:15 pass",
            "10/12/2026 09:00 pass",
            "11/12/2026 13:00 fail"
        ]
    );
}

#[test]
fn written_files_without_a_helpdesk_config_are_rejected_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("transcripts")).unwrap();
    std::fs::create_dir_all(dir.path().join("email")).unwrap();
    std::fs::write(
        dir.path().join("email/a.eml"),
        email(
            "a@b.pe",
            None,
            "a@b.pe",
            "Mon, 7 Dec 2026 10:00:00 -0500",
            "Hola",
        ),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("facebook")).unwrap();
    std::fs::write(dir.path().join("facebook/notes.txt"), "not json").unwrap();
    let out = tempfile::tempdir().unwrap();
    score(dir.path(), out.path());
    let rejected = read_csv(&out.path().join("rejected.csv"));
    let codes: Vec<(String, String)> = rejected
        .iter()
        .map(|r| (r["source_file"].clone(), r["code"].clone()))
        .collect();
    assert!(
        codes.contains(&("email/a.eml".into(), "no_helpdesk".into())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("facebook/notes.txt".into(), "no_helpdesk".into())),
        "{codes:?}"
    );
}

#[test]
fn broken_written_files_are_rejected_and_the_rest_is_scored() {
    let good = email(
        "q@gmail.com",
        None,
        "u@gmail.com",
        "Mon, 7 Dec 2026 10:00:00 -0500",
        "¿Hasta cuándo es el plazo?",
    ) + &email(
        "r@minedu.gob.pe",
        Some("q@gmail.com"),
        "mesadeayuda.siagie@minedu.gob.pe",
        "Mon, 7 Dec 2026 11:00:00 -0500",
        REPLY,
    );
    let data = written_only(&[
        ("email/ok.mbox", &good),
        ("email/notes.txt", "just some notes\nnothing here"),
        (
            "email/nodate.eml",
            "From: a@b.pe\nSubject: x\nMessage-ID: <z@b.pe>\n\nHola",
        ),
        ("facebook/broken.json", "{\"data\": [ {\"id\": "),
        ("facebook/other.json", "{\"segments\": []}"),
    ]);
    let out = tempfile::tempdir().unwrap();
    score(data.path(), out.path());
    let rejected = read_csv(&out.path().join("rejected.csv"));
    let codes: BTreeMap<String, String> = rejected
        .iter()
        .map(|r| (r["source_file"].clone(), r["code"].clone()))
        .collect();
    assert_eq!(
        codes.get("email/notes.txt").map(String::as_str),
        Some("not_message"),
        "{codes:?}"
    );
    assert_eq!(
        codes.get("email/nodate.eml").map(String::as_str),
        Some("bad_time"),
        "{codes:?}"
    );
    assert_eq!(
        codes.get("facebook/broken.json").map(String::as_str),
        Some("malformed"),
        "{codes:?}"
    );
    assert_eq!(
        codes.get("facebook/other.json").map(String::as_str),
        Some("not_message"),
        "{codes:?}"
    );
    let interactions = read_csv(&out.path().join("interactions.csv"));
    assert_eq!(interactions.len(), 1);
    assert_eq!(interactions[0]["channel"], "email");
    assert_eq!(interactions[0]["operator_id"], "op01");
}

//! Asterisk queue_log -> `QueueEvent`s, in three layouts:
//! - native lines `epoch[.fraction]|callid|queue|agent|EVENT|data1|data2|...` (a line needs the first five
//!   fields; `data` is everything after the event);
//! - a realtime-table export with a header: `time,callid,queuename,agent,event,data1..data5` (or one
//!   `data` column joined with `|`), `time` as epoch or local `YYYY-MM-DD HH:MM:SS[.ffffff]`;
//! - the PBXware table export `uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,
//!   expos,htime,ttime,time`: `date_time` is epoch (the `time` column is the same instant in the PBX's
//!   local time), `type` is the agent, and the named columns are put back in the native data order so
//!   readers see one layout: ENTERQUEUE [url="", param1 (caller id), entpos]; CONNECT [htime (hold),
//!   param2 (bridged uniqueid), param3 (ring time)]; COMPLETECALLER/COMPLETEAGENT [htime, ttime (talk),
//!   entpos]; ABANDON, EXITWITHTIMEOUT, EXITEMPTY [expos, entpos, htime (wait)]; EXITWITHKEY [param1,
//!   expos, entpos, htime]; RINGNOANSWER, RINGCANCELED [htime (ms)]; BLINDTRANSFER and ATTENDEDTRANSFER
//!   [param2, param3, htime, ttime, entpos]; TRANSFER [param2, param3, htime, ttime]; other known
//!   events [param1, param2, param3]; vendor events (OUTDIAL, OUTANSWER, AGENTCALLBACKLOGIN, ...) all
//!   seven [param1, param2, param3, entpos, expos, htime, ttime].
//!
//! In every layout trailing empty data fields are dropped. Events outside `KNOWN_EVENTS` (FULL, CLOSED,
//! JOINEMPTY, vendor events) are kept and counted in `PbxLog::unknown_events`. ATTENDEDTRANSFER's first
//! datum is the method (BRIDGE, APP, LINK), not the target: BRIDGE|bridge|hold|talk|pos and
//! APP|app|hold|talk|pos have 5 fields, LINK|chan1|chan2|hold|talk|pos 6.

use crate::input::pbx::{
    PbxReadOptions, Row, bad_time, column, column_names, field_text, for_each_line, is_epoch_like,
    is_event_word, note_unknown, parse_time, trim_trailing_empty, truncated,
};
use crate::input::{PbxLog, QueueEvent};

/// The events app_queue and chan_agent log (Asterisk 1.8 to 22), and FreePBX's `DID` (its queue
/// dialplan runs `QueueLog(<queue>,${UNIQUEID},NONE,DID,${FROM_DID})` just before `Queue()`).
#[rustfmt::skip]
pub(in crate::input) const KNOWN_EVENTS: &[&str] = &[
    "ENTERQUEUE", "CONNECT", "COMPLETECALLER", "COMPLETEAGENT", "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY",
    "EXITWITHKEY", "RINGNOANSWER", "RINGCANCELED", "BLINDTRANSFER", "ATTENDEDTRANSFER", "TRANSFER",
    "AGENTLOGIN", "AGENTLOGOFF", "AGENTDUMP", "PAUSE", "UNPAUSE", "PAUSEALL", "UNPAUSEALL", "ADDMEMBER",
    "REMOVEMEMBER", "QUEUESTART", "CONFIGRELOAD", "SYSCOMPAT", "WITHDRAW", "PENALTY", "RINGINUSE",
    "DID",
];

/// True when at least half of the first 20 non-blank lines are native queue_log lines.
pub(in crate::input) fn looks_like_native(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(20)
        .collect();
    let good = lines.iter().filter(|line| is_native_line(line)).count();
    good > 0 && good * 2 >= lines.len()
}

fn is_native_line(line: &str) -> bool {
    let fields: Vec<&str> = line.split('|').collect();
    fields.len() >= 5 && is_epoch_like(fields[0].trim()) && is_event_word(fields[4].trim())
}

/// Native `|` lines. A line with fewer than five fields or a bad time is a bad line.
pub(in crate::input) fn parse_native(text: &str, options: &PbxReadOptions, log: &mut PbxLog) {
    let last_line = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .last()
        .map(|(index, _)| index);
    let unterminated = !text.ends_with('\n');
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        match native_event(line, number, options) {
            Ok(event) => {
                note_unknown(log, &event.event, KNOWN_EVENTS);
                log.queue.push(event);
            }
            Err(reason) if unterminated && Some(index) == last_line => {
                log.bad_lines.push((number, truncated(&reason)));
            }
            Err(reason) => log.bad_lines.push((number, reason)),
        }
    }
}

/// Queue events per batch when a native queue_log is streamed.
pub(in crate::input) const BATCH_EVENTS: usize = 65_536;

/// `parse_native` over a reader instead of a text (lines as `for_each_line` gives them), handed on in
/// batches of `BATCH_EVENTS` events, each a `PbxLog` of its own, so a queue_log of any size is never
/// held whole. The same lines are events or bad lines as with `parse_native` (a bad last line with no
/// newline after it is a truncated one).
pub(in crate::input) fn stream_native(
    reader: impl std::io::BufRead,
    options: &PbxReadOptions,
    mut batch: impl FnMut(PbxLog),
) -> std::io::Result<()> {
    let new_log = || PbxLog {
        kind: Some(crate::model::PbxLogKind::QueueLog),
        ..PbxLog::default()
    };
    let mut log = new_log();
    // The latest non-blank line's error, held until we know whether it is the file's last line.
    let mut pending: Option<(usize, String)> = None;
    let read = for_each_line(reader, options.limits.max_line_bytes, |number, line| {
        if line.trim().is_empty() {
            return;
        }
        if let Some(bad) = pending.take() {
            log.bad_lines.push(bad);
        }
        match native_event(line, number, options) {
            Ok(event) => {
                note_unknown(&mut log, &event.event, KNOWN_EVENTS);
                log.queue.push(event);
            }
            Err(reason) => pending = Some((number, reason)),
        }
        if log.queue.len() >= BATCH_EVENTS {
            log.bad_lines.sort();
            batch(std::mem::replace(&mut log, new_log()));
        }
    })?;
    log.control_chars_removed += read.control_chars_removed;
    log.long_lines.extend(read.long_lines);
    if let Some((line, reason)) = pending {
        let reason = if read.terminated {
            reason
        } else {
            truncated(&reason)
        };
        log.bad_lines.push((line, reason));
    }
    log.bad_lines.sort();
    batch(log);
    Ok(())
}

fn native_event(line: &str, number: usize, options: &PbxReadOptions) -> Result<QueueEvent, String> {
    let fields: Vec<String> = line.split('|').map(field_text).collect();
    if fields.len() < 5 {
        return Err(format!(
            "{} campo(s); una línea de queue_log tiene al menos 5: `time|callid|queue|agent|event`",
            fields.len()
        ));
    }
    let time =
        parse_time(&fields[0], &options.tz).ok_or_else(|| bad_time("del evento", &fields[0]))?;
    let event = &fields[4];
    if event.is_empty() {
        return Err("falta el nombre del evento (campo 5)".into());
    }
    Ok(QueueEvent {
        time,
        call_id: fields[1].clone(),
        queue: fields[2].clone(),
        agent: fields[3].clone(),
        event: event.clone(),
        data: trim_trailing_empty(fields[5..].to_vec()),
        line: number,
    })
}

/// Where a table export keeps each field.
struct Columns {
    /// Time columns in order of preference; the first that holds a readable time is used.
    times: Vec<usize>,
    call_id: Option<usize>,
    queue: Option<usize>,
    agent: Option<usize>,
    event: usize,
    data: Data,
}

enum Data {
    /// `data1`, `data2`, ... in number order, with the single `data` column as a fallback.
    Numbered(Vec<usize>, Option<usize>),
    /// PBXware: param1, param2, param3, entpos, expos, htime, ttime.
    PbxWare([Option<usize>; 7]),
}

/// A table export whose header row the detector recognised.
pub(in crate::input) fn parse_table(
    header: &Row,
    rows: &[Row],
    options: &PbxReadOptions,
    log: &mut PbxLog,
) {
    let names = column_names(header);
    let Some(columns) = columns(&names) else {
        log.bad_lines.push((
            header.line,
            "el encabezado no tiene la columna `event`".into(),
        ));
        return;
    };
    for row in rows {
        if row.get(columns.event).eq_ignore_ascii_case("event") {
            continue; // a repeated header (exports pasted together)
        }
        match table_event(row, &columns, options) {
            Ok(event) => {
                note_unknown(log, &event.event, KNOWN_EVENTS);
                log.queue.push(event);
            }
            Err(reason) if row.unterminated && row.fields.len() < names.len() => {
                log.bad_lines.push((row.line, truncated(&reason)));
            }
            Err(reason) => log.bad_lines.push((row.line, reason)),
        }
    }
}

fn columns(names: &[String]) -> Option<Columns> {
    let find = |candidates: &[&str]| column(names, candidates);
    let event = find(&["event"])?;
    let pbxware = find(&["param1"]).is_some();
    let time_names: &[&str] = if pbxware {
        &["date_time", "time"]
    } else {
        &["time", "date_time", "datetime", "timestamp"]
    };
    let data = if pbxware {
        let params = [
            "param1", "param2", "param3", "entpos", "expos", "htime", "ttime",
        ];
        Data::PbxWare(params.map(|name| find(&[name])))
    } else {
        let mut numbered: Vec<(u32, usize)> = names
            .iter()
            .enumerate()
            .filter_map(|(index, name)| Some((name.strip_prefix("data")?.parse().ok()?, index)))
            .collect();
        numbered.sort();
        Data::Numbered(
            numbered.into_iter().map(|(_, index)| index).collect(),
            find(&["data"]),
        )
    };
    Some(Columns {
        times: time_names.iter().filter_map(|name| find(&[name])).collect(),
        call_id: find(&["callid", "call_id", "uniqueid"]),
        queue: find(&["queuename", "queue_name", "queue"]),
        agent: find(&["agent", "membername", "type"]),
        event,
        data,
    })
}

fn table_event(
    row: &Row,
    columns: &Columns,
    options: &PbxReadOptions,
) -> Result<QueueEvent, String> {
    let time = columns
        .times
        .iter()
        .find_map(|&index| parse_time(row.get(index), &options.tz))
        .ok_or_else(|| {
            bad_time(
                "del evento",
                columns.times.first().map_or("", |&index| row.get(index)),
            )
        })?;
    let event = row.get(columns.event);
    if event.is_empty() {
        return Err("falta el nombre del evento (columna `event`)".into());
    }
    let text = |index: Option<usize>| index.map_or("", |index| row.get(index)).to_string();
    let data = match &columns.data {
        Data::Numbered(numbered, joined) => {
            let values: Vec<String> = numbered
                .iter()
                .map(|&index| row.get(index).to_string())
                .collect();
            if values.iter().all(String::is_empty) && joined.is_some() {
                text(*joined).split('|').map(field_text).collect()
            } else {
                values
            }
        }
        Data::PbxWare(params) => pbxware_data(event, params.map(text)),
    };
    Ok(QueueEvent {
        time,
        call_id: text(columns.call_id),
        queue: text(columns.queue),
        agent: text(columns.agent),
        event: event.to_string(),
        data: trim_trailing_empty(data),
        line: row.line,
    })
}

/// PBXware's named columns back in native data order (see the file's doc).
fn pbxware_data(event: &str, params: [String; 7]) -> Vec<String> {
    let [param1, param2, param3, entpos, expos, htime, ttime] = params;
    match event {
        "ENTERQUEUE" => vec![String::new(), param1, entpos],
        "CONNECT" => vec![htime, param2, param3],
        "COMPLETECALLER" | "COMPLETEAGENT" => vec![htime, ttime, entpos],
        "ABANDON" | "EXITWITHTIMEOUT" | "EXITEMPTY" => vec![expos, entpos, htime],
        "EXITWITHKEY" => vec![param1, expos, entpos, htime],
        "RINGNOANSWER" | "RINGCANCELED" => vec![htime],
        "BLINDTRANSFER" | "ATTENDEDTRANSFER" => vec![param2, param3, htime, ttime, entpos],
        "TRANSFER" => vec![param2, param3, htime, ttime],
        known if KNOWN_EVENTS.contains(&known) => vec![param1, param2, param3],
        _ => vec![param1, param2, param3, entpos, expos, htime, ttime],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixture;
    use crate::input::pbx::{event_counts, parse_pbx, read_pbx, realdata};
    use crate::model::PbxLogKind;

    fn options() -> PbxReadOptions {
        PbxReadOptions::default()
    }

    #[test]
    fn native_edge_cases_fixture() {
        // CRLF line ends, a vendor event, a garbage line, ATTENDEDTRANSFER with 5 and 6 fields and a
        // last line cut off in the middle of the agent field.
        let log = read_pbx(&fixture("pbx/queue_log_edge.log"), &options()).unwrap();
        assert_eq!(log.kind, Some(PbxLogKind::QueueLog));
        assert_eq!(log.queue.len(), 8);
        let enter = &log.queue[0];
        assert_eq!(
            (enter.time.as_second(), enter.call_id.as_str()),
            (1_762_182_900, "1762182890.12")
        );
        assert_eq!(
            (
                enter.queue.as_str(),
                enter.agent.as_str(),
                enter.event.as_str()
            ),
            ("600", "NONE", "ENTERQUEUE")
        );
        assert_eq!(enter.data, ["", "987654321", "1"]);
        assert_eq!(log.queue[1].time.as_millisecond(), 1_762_182_905_250);
        assert_eq!(
            log.queue[3].data,
            [
                "BRIDGE",
                "b8a1c9e2-3f4d-4e5a-9b6c-7d8e9f0a1b2c",
                "21",
                "100",
                "1"
            ]
        );
        assert_eq!(
            log.queue[4].data,
            [
                "LINK",
                "PJSIP/203-0000001a",
                "PJSIP/301-0000001b",
                "10",
                "40",
                "2"
            ]
        );
        assert_eq!(log.queue[5].event, "FULL");
        assert!(log.queue[6].data.is_empty(), "QUEUESTART| leaves no data");
        assert_eq!(log.queue[7].event, "OUTDIAL");
        assert_eq!(
            log.unknown_events,
            [("FULL".to_string(), 1), ("OUTDIAL".to_string(), 1)].into()
        );
        assert_eq!(log.bad_lines.len(), 2, "{:?}", log.bad_lines);
        assert_eq!(log.bad_lines[0].0, 9);
        assert!(
            log.bad_lines[0].1.starts_with("1 campo(s); "),
            "{:?}",
            log.bad_lines
        );
        assert_eq!(log.bad_lines[1].0, 11);
        assert!(
            log.bad_lines[1].1.starts_with(
                "última línea incompleta (el archivo termina sin salto de línea): 4 campo(s)"
            ),
            "{:?}",
            log.bad_lines
        );
    }

    #[test]
    fn native_bad_time_is_a_bad_line() {
        let text =
            "1762182900|1.1|600|NONE|ENTERQUEUE||1|1\n17621829x0|1.1|600|NONE|CONNECT|1|2|3\n";
        let log = parse_pbx(text, &options()).unwrap();
        assert_eq!(log.queue.len(), 1);
        assert_eq!(
            log.bad_lines,
            [(
                2,
                "hora del evento no válida: `17621829x0`; se esperaba una hora en segundos epoch o como `YYYY-MM-DD HH:MM:SS`".into()
            )]
        );
    }

    #[test]
    fn realtime_csv_with_local_times_and_joined_data() {
        let text = "id,time,callid,queuename,agent,event,data\n\
            1,2025-11-03 10:15:02.250000,1762182890.12,600,NONE,ENTERQUEUE,|987654321|1\n\
            2,1762182911,1762182890.12,600,PJSIP/202,CONNECT,21|1762182905.14|6\n";
        let log = parse_pbx(text, &options()).unwrap();
        assert_eq!(log.kind, Some(PbxLogKind::QueueLog));
        assert_eq!(log.queue.len(), 2, "{:?}", log.bad_lines);
        assert_eq!(log.queue[0].time.to_string(), "2025-11-03T15:15:02.25Z");
        assert_eq!(log.queue[0].data, ["", "987654321", "1"]);
        assert_eq!((log.queue[0].line, log.queue[1].line), (2, 3));
        assert_eq!(log.queue[1].data, ["21", "1762182905.14", "6"]);
    }

    /// The Wazo documentation's psql tables, turned into the realtime CSV by test code.
    #[test]
    fn wazo_doc_rows_keep_and_count_full_closed_joinempty() {
        let doc =
            std::fs::read_to_string(fixture("pbx/wazo_queue_log_table_samples_doc.rst")).unwrap();
        let mut csv =
            String::from("time,callid,queuename,agent,event,data1,data2,data3,data4,data5\n");
        for line in doc
            .lines()
            .filter(|l| l.contains(" | ") && l.trim_start().starts_with("20"))
        {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        let log = parse_pbx(&csv, &options()).unwrap();
        assert!(log.bad_lines.is_empty(), "{:?}", log.bad_lines);
        assert_eq!(log.queue.len(), 12);
        let unknown: Vec<(&str, usize)> = log
            .unknown_events
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect();
        assert_eq!(
            unknown,
            [
                ("AGENTCALLBACKLOGIN", 1),
                ("AGENTCALLBACKLOGOFF", 1),
                ("CLOSED", 1),
                ("FULL", 1),
                ("JOINEMPTY", 1)
            ]
        );
        let first = &log.queue[0];
        assert_eq!(first.time.to_string(), "2012-07-03T20:27:23.896208Z");
        assert_eq!(
            (first.agent.as_str(), first.data.as_slice()),
            ("Agent/3001", &["1002@pcm-dev".to_string()][..])
        );
        let connect = log.queue.iter().find(|e| e.event == "CONNECT").unwrap();
        assert_eq!(connect.data, ["2", "1341401601.27", "1"]);
        let logoff = log
            .queue
            .iter()
            .find(|e| e.event == "AGENTCALLBACKLOGOFF")
            .unwrap();
        assert_eq!(logoff.data, ["1002@pcm-dev", "43", "CommandLogoff"]);
    }

    #[test]
    fn pbxware_export() {
        let Some(path) = realdata("pbxware_queue_log_table_export_voipreports1.csv") else {
            return;
        };
        let log = read_pbx(&path, &options()).unwrap();
        assert_eq!(log.kind, Some(PbxLogKind::QueueLog));
        assert!(log.bad_lines.is_empty(), "{:?}", log.bad_lines);
        assert_eq!(log.queue.len(), 1000);
        let counts = event_counts(log.queue.iter().map(|e| e.event.as_str()));
        let expected = [
            ("ABANDON", 12),
            ("ADDMEMBER", 26),
            ("AGENTCALLBACKLOGIN", 14),
            ("AGENTCALLBACKLOGOFF", 10),
            ("ATTENDEDTRANSFER", 1),
            ("BLINDTRANSFER", 1),
            ("COMPLETEAGENT", 51),
            ("COMPLETECALLER", 38),
            ("CONFIGRELOAD", 11),
            ("CONNECT", 93),
            ("ENTERQUEUE", 108),
            ("EXITWITHTIMEOUT", 1),
            ("OUTANSWER", 77),
            ("OUTCANCEL", 24),
            ("OUTCHANUNAVAIL", 18),
            ("OUTCONGESTION", 9),
            ("OUTDIAL", 128),
            ("OUTTRANSFER", 1),
            ("QUEUESTART", 7),
            ("REMOVEMEMBER", 10),
            ("RINGNOANSWER", 360),
        ];
        assert_eq!(counts, expected.map(|(k, v)| (k.to_string(), v)).into());
        let unknown = [
            ("AGENTCALLBACKLOGIN", 14),
            ("AGENTCALLBACKLOGOFF", 10),
            ("OUTANSWER", 77),
            ("OUTCANCEL", 24),
            ("OUTCHANUNAVAIL", 18),
            ("OUTCONGESTION", 9),
            ("OUTDIAL", 128),
            ("OUTTRANSFER", 1),
        ];
        assert_eq!(
            log.unknown_events,
            unknown.map(|(k, v)| (k.to_string(), v)).into()
        );
        let first = &log.queue[0];
        assert_eq!(
            (
                first.time.as_second(),
                first.event.as_str(),
                first.call_id.as_str(),
                first.line
            ),
            (1_543_527_289, "QUEUESTART", "NONE", 2)
        );
        let by_uid = |uid: usize| &log.queue[uid - 1];
        assert_eq!(
            (by_uid(13).event.as_str(), by_uid(13).data.as_slice()),
            (
                "ENTERQUEUE",
                &["", "55050902325", "1"].map(String::from)[..]
            )
        );
        assert_eq!(by_uid(14).data, ["10000"]);
        assert_eq!(
            (by_uid(19).agent.as_str(), by_uid(19).data.as_slice()),
            (
                "Agent/1127",
                &["76", "1543602746.232", "6"].map(String::from)[..]
            )
        );
        assert_eq!(by_uid(20).data, ["76", "847", "1"]);
        assert_eq!(by_uid(294).data, ["1", "1", "191"]);
        assert_eq!(by_uid(928).data, ["1142", "transfer", "6", "38", "1"]);
        assert_eq!(
            by_uid(12).data,
            ["3318", "COMPLETEAGENT", "", "0", "0", "2", "398"]
        );
    }

    /// Streams `text` in batches and puts them back together as one log.
    fn streamed(text: &[u8]) -> PbxLog {
        let mut parts = Vec::new();
        stream_native(std::io::Cursor::new(text), &options(), |log| {
            parts.push(log)
        })
        .unwrap();
        let mut whole = PbxLog {
            kind: Some(PbxLogKind::QueueLog),
            ..PbxLog::default()
        };
        for part in parts {
            assert_eq!(part.kind, Some(PbxLogKind::QueueLog));
            whole.queue.extend(part.queue);
            whole.bad_lines.extend(part.bad_lines);
            for (event, n) in part.unknown_events {
                *whole.unknown_events.entry(event).or_default() += n;
            }
        }
        whole
    }

    #[test]
    fn streaming_reads_the_same_events_and_bad_lines() {
        let edge = std::fs::read(fixture("pbx/queue_log_edge.log")).unwrap();
        let sample = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/pbx/queue_log"),
        )
        .unwrap();
        let cases: Vec<Vec<u8>> = vec![
            edge.clone(),
            sample,
            b"1762182900|1.1|600|NONE|ENTERQUEUE||987|1\r\n\r\ngarbage\n1762182901|1.1|600|x|CONNECT|3"
                .to_vec(),
            b"\xEF\xBB\xBF1762182900|1.1|600|NONE|ENTERQUEUE\n1762182900|1.1|600|NONE|PAUSE|Reuni\xF3n\nbad|line\n"
                .to_vec(),
            b"1762182900|1.1|600|NONE|FULL\nbad\n   ".to_vec(),
        ];
        for text in cases {
            let whole = parse_pbx(&crate::input::decode(&text), &options()).unwrap();
            let parts = streamed(&text);
            assert_eq!(parts.queue, whole.queue);
            assert_eq!(parts.bad_lines, whole.bad_lines);
            assert_eq!(parts.unknown_events, whole.unknown_events);
        }
    }

    #[test]
    fn a_long_queue_log_comes_in_batches() {
        let line = "1762182900|1.1|600|NONE|ENTERQUEUE||987|1\n";
        let text = line.repeat(BATCH_EVENTS * 2 + 3);
        let mut sizes = Vec::new();
        stream_native(std::io::Cursor::new(text.as_bytes()), &options(), |log| {
            sizes.push(log.queue.len())
        })
        .unwrap();
        assert_eq!(sizes, [BATCH_EVENTS, BATCH_EVENTS, 3]);
    }
}

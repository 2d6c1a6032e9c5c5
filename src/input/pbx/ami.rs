//! An AMI event log (a manager listener with `timestampevents=yes`, as logged by an AMI client) ->
//! `AmiEvent`s. Blocks of `Key: Value` lines are separated by blank lines. The `Asterisk Call Manager/x.y`
//! banner and `Response:` blocks (answers to actions) are skipped; any other block without `Event:` is a
//! bad line (its first line), as is a line inside an event block that is not `Key: Value`. Keys are
//! matched without regard to case (`UniqueID` in old events). Every field of an event is kept in order.
//!
//! Holds: Asterisk 13+ logs `Event: Hold` / `Event: Unhold`; Asterisk 1.8 and 11 log `Event: Hold` with
//! `Status: On|Off`, and the Off form is named `Unhold` here so readers see one vocabulary (the Status
//! field is kept). `MusicOnHold` (`State: Start|Stop`) and 12+'s `MusicOnHoldStart`/`MusicOnHoldStop`
//! are kept as logged and not turned into holds: music also plays to callers waiting in a queue, so it
//! is no witness that an operator put a caller on hold. AMI is an open vocabulary, so no event is counted
//! in `unknown_events`.

use crate::input::pbx::{field_text, for_each_line, parse_epoch, shown};
use crate::input::{AmiEvent, PbxLog};

const BANNER: &str = "Asterisk Call Manager/";
/// Keys that only AMI blocks carry, one of which must appear with `Event:` for the text to be AMI.
const AMI_KEYS: &[&str] = &[
    "Privilege",
    "Channel",
    "Uniqueid",
    "Timestamp",
    "Linkedid",
    "Response",
    "ActionID",
];

/// True for the manager banner, or `Key: Value` lines with an `Event:` line and another AMI key.
pub(in crate::input) fn looks_like(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(40)
        .collect();
    if lines.first().is_some_and(|line| line.starts_with(BANNER)) {
        return true;
    }
    let keys: Vec<&str> = lines
        .iter()
        .filter_map(|line| key_value(line))
        .map(|(key, _)| key)
        .collect();
    let has = |name: &str| keys.iter().any(|key| key.eq_ignore_ascii_case(name));
    let others = lines.len() - keys.len();
    has("Event") && AMI_KEYS.iter().any(|key| has(key)) && keys.len() > others
}

/// `Key: Value` with a key of no white space; None otherwise.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim_start();
    (!key.is_empty() && !key.contains(char::is_whitespace)).then(|| (key, value.trim()))
}

pub(in crate::input) fn parse(text: &str, log: &mut PbxLog) {
    let mut block: Vec<(usize, &str)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            read_block(&std::mem::take(&mut block), log);
        } else {
            block.push((index + 1, line.trim_end()));
        }
    }
    read_block(&block, log);
}

/// `parse` over a reader (lines as `for_each_line` gives them), one block at a time; events whose name
/// is not in `keep` (None: keep all) are read (their bad lines count) and then dropped, so a log of
/// any size costs only the events the caller uses.
pub(in crate::input) fn stream(
    reader: impl std::io::BufRead,
    keep: Option<&[&str]>,
    max_line: usize,
    log: &mut PbxLog,
) -> std::io::Result<()> {
    // The current block's lines, in one buffer: (line number, end offset).
    let mut text = String::new();
    let mut ends: Vec<(usize, usize)> = Vec::new();
    let flush = |text: &mut String, ends: &mut Vec<(usize, usize)>, log: &mut PbxLog| {
        let mut start = 0;
        let block: Vec<(usize, &str)> = ends
            .iter()
            .map(|&(number, end)| {
                let line = &text[start..end];
                start = end;
                (number, line)
            })
            .collect();
        let before = log.ami.len();
        read_block(&block, log);
        if let Some(keep) = keep
            && log.ami.len() > before
            && !keep.contains(&log.ami[before].event.as_str())
        {
            log.ami.truncate(before);
        }
        text.clear();
        ends.clear();
    };
    let read = for_each_line(reader, max_line, |number, line| {
        if line.trim().is_empty() {
            flush(&mut text, &mut ends, log);
        } else {
            text.push_str(line.trim_end());
            ends.push((number, text.len()));
        }
    })?;
    flush(&mut text, &mut ends, log);
    log.control_chars_removed += read.control_chars_removed;
    log.long_lines.extend(read.long_lines);
    Ok(())
}

/// One block of lines (1-based line numbers) -> an event, nothing (banner, response) or bad lines.
fn read_block(block: &[(usize, &str)], log: &mut PbxLog) {
    let lines: Vec<&(usize, &str)> = block
        .iter()
        .filter(|(_, line)| !line.starts_with(BANNER))
        .collect();
    let Some(&&(start, _)) = lines.first() else {
        return;
    };
    let mut fields: Vec<(usize, String, String)> = Vec::new();
    let mut strays: Vec<(usize, String)> = Vec::new();
    for &&(number, line) in &lines {
        match key_value(line) {
            Some((key, value)) => fields.push((number, key.to_string(), field_text(value))),
            None => strays.push((
                number,
                format!(
                    "no es una línea de la forma `Key: Value`: `{}`",
                    shown(line.trim())
                ),
            )),
        }
    }
    let get = |name: &str| {
        fields
            .iter()
            .find(|(_, key, _)| key.eq_ignore_ascii_case(name))
    };
    let event = get("Event").map(|(_, _, value)| value.clone());
    if event.is_none() && get("Response").is_some() {
        return; // an answer to an action, free text included
    }
    log.bad_lines.extend(strays);
    let Some(mut event) = event.filter(|e| !e.is_empty()) else {
        log.bad_lines
            .push((start, "bloque sin línea `Event:`".into()));
        return;
    };
    let text = |name: &str| {
        get(name)
            .map(|(_, _, value)| value.clone())
            .unwrap_or_default()
    };
    let time = match get("Timestamp") {
        None => None,
        Some((number, _, value)) => {
            let time = parse_epoch(value);
            if time.is_none() {
                log.bad_lines.push((
                    *number,
                    format!(
                        "`Timestamp` no válido: `{}`; se esperaba una hora en segundos epoch",
                        shown(value)
                    ),
                ));
            }
            time
        }
    };
    if event.eq_ignore_ascii_case("Hold") && text("Status").eq_ignore_ascii_case("Off") {
        event = "Unhold".into();
    }
    log.ami.push(AmiEvent {
        event,
        time,
        channel: text("Channel"),
        uniqueid: text("Uniqueid"),
        linkedid: text("Linkedid"),
        fields: fields
            .into_iter()
            .map(|(_, key, value)| (key, value))
            .collect(),
        line: start,
    });
}

#[cfg(test)]
mod tests {
    use crate::input::fixture;
    use crate::input::pbx::{PbxReadOptions, parse_pbx, read_pbx};
    use crate::model::PbxLogKind;

    #[test]
    fn hold_and_unhold_with_timestamps() {
        let log = read_pbx(&fixture("pbx/ami_hold.log"), &PbxReadOptions::default()).unwrap();
        assert_eq!(log.kind, Some(PbxLogKind::Ami));
        let events: Vec<&str> = log.ami.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(
            events,
            [
                "FullyBooted",
                "Hold",
                "Unhold",
                "MusicOnHold",
                "Unhold",
                "Hold"
            ]
        );
        let hold = &log.ami[1];
        assert_eq!(
            hold.time.map(|t| t.as_microsecond()),
            Some(1_762_182_902_123_456)
        );
        assert_eq!(
            (
                hold.channel.as_str(),
                hold.uniqueid.as_str(),
                hold.linkedid.as_str()
            ),
            ("PJSIP/trunk-00000001", "1762182900.1", "1762182900.1")
        );
        assert_eq!(
            hold.fields.first(),
            Some(&("Event".to_string(), "Hold".to_string()))
        );
        assert!(
            hold.fields
                .contains(&("CallerIDName".to_string(), "Peña Rosa".to_string()))
        );
        assert_eq!(hold.line, 14);
        let unhold = &log.ami[2];
        assert_eq!(
            unhold.time.map(|t| t.as_microsecond()),
            Some(1_762_182_962_654_321)
        );
        assert_eq!(
            log.ami[3].uniqueid, "1762182968.3",
            "UniqueID matched without regard to case"
        );
        let old_unhold = &log.ami[4];
        assert_eq!(
            (old_unhold.time, old_unhold.channel.as_str()),
            (None, "SIP/201-00000003")
        );
        assert_eq!(log.ami[5].time, None);
        let bad: Vec<(usize, &str)> = log
            .bad_lines
            .iter()
            .map(|(l, r)| (*l, r.as_str()))
            .collect();
        assert_eq!(
            bad,
            [
                (40, "bloque sin línea `Event:`"),
                (
                    58,
                    "`Timestamp` no válido: `17621829xx`; se esperaba una hora en segundos epoch"
                )
            ]
        );
        assert!(log.unknown_events.is_empty());
    }

    #[test]
    fn stray_lines_in_events_are_bad_lines_but_responses_are_skipped() {
        let text = "Response: Follows\nPrivilege: Command\nsome command output\n--END COMMAND--\n\n\
                    Event: Hangup\nPrivilege: call,all\nChannel: PJSIP/201-1\nbroken line\nUniqueid: 1.2";
        let log = parse_pbx(text, &PbxReadOptions::default()).unwrap();
        assert_eq!(log.ami.len(), 1);
        assert_eq!(log.ami[0].uniqueid, "1.2");
        assert_eq!(
            log.bad_lines,
            [(
                9,
                "no es una línea de la forma `Key: Value`: `broken line`".to_string()
            )]
        );
    }

    #[test]
    fn streaming_keeps_the_asked_events_and_every_bad_line() {
        use crate::input::decode;
        let sample =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/pbx/ami.log");
        for path in [fixture("pbx/ami_hold.log"), sample] {
            let bytes = std::fs::read(&path).unwrap();
            let whole = parse_pbx(&decode(&bytes), &PbxReadOptions::default()).unwrap();
            for keep in [None, Some(&["Hold", "Unhold"][..])] {
                let mut log = crate::input::PbxLog::default();
                super::stream(std::io::Cursor::new(&bytes), keep, 1 << 16, &mut log).unwrap();
                let want: Vec<_> = whole
                    .ami
                    .iter()
                    .filter(|e| keep.is_none_or(|k| k.contains(&e.event.as_str())))
                    .cloned()
                    .collect();
                assert_eq!(log.ami, want, "{}", path.display());
                assert_eq!(log.bad_lines, whole.bad_lines, "{}", path.display());
            }
        }
    }
}

//! Asterisk CDR CSV -> `CdrLeg`s. Headerless rows are laid out by their field count (a file may change
//! layout mid-way when cdr.conf changed, so each row is judged on its own):
//! - cdr_csv (`Master.csv`): 0 accountcode, 1 src, 2 dst, 3 dcontext, 4 clid, 5 channel, 6 dstchannel,
//!   7 lastapp, 8 lastdata, 9 start, 10 answer, 11 end, 12 duration, 13 billsec, 14 disposition,
//!   15 amaflags = 16 fields; then `loguniqueid` adds uniqueid and `loguserfield` adds userfield (17 with
//!   one of them: a value shaped like a uniqueid, `[system-]epoch.seq`, or empty is taken as the uniqueid,
//!   anything else as the userfield; 18 with both); `newcdrcolumns` adds peeraccount, linkedid, sequence
//!   (19, 20 or 21).
//! - cdr_custom, the 19-field `Master.csv` mapping of its sample config: 0 clid, 1 src, 2 dst,
//!   3 dcontext, 4 channel, 5 dstchannel, 6 lastapp, 7 lastdata, 8 start, 9 answer, 10 end, 11 duration,
//!   12 billsec, 13 disposition, 14 amaflags, 15 accountcode, 16 uniqueid, 17 userfield, 18 sequence (no
//!   linkedid). A 19-field row is cdr_custom unless its start and disposition sit where cdr_csv puts them.
//! - a headered export of the `cdr` table (FreePBX, Issabel) is read by column name: `calldate` (or
//!   `start`) is the start; `answer`/`end` when present, else derived (answer = start + duration -
//!   billsec when billsec > 0, end = start + duration); `cnam` names the caller when `clid` is empty.
//!
//! Times are local in `PbxReadOptions::tz`, or UTC with `cdr_times_utc` (usegmtime=yes); an empty or
//! zero (`0000-00-00 00:00:00`) answer is None. `clid` `"Name" <number>` gives `clid_name` = Name; a bare
//! number gives "". A row that is short when the file ends without a newline is a truncated last line.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::input::pbx::clock::settle_cdr;
use crate::input::pbx::{
    PbxReadOptions, Row, bad_time, column, column_names, parse_date_time, parse_time, shown,
    truncated, written_in_zone,
};
use crate::input::{CdrLeg, Disposition, PbxLog};

const DISPOSITIONS: &[&str] = &[
    "ANSWERED",
    "NO ANSWER",
    "BUSY",
    "FAILED",
    "CONGESTION",
    "CANCEL",
];
const ZERO_DATE: &str = "0000-00-00 00:00:00";

/// Where a row keeps each field (indices for rows, or columns for a table).
#[derive(Debug, Clone, Copy, Default)]
struct Layout {
    clid: Option<usize>,
    src: Option<usize>,
    dst: Option<usize>,
    dcontext: Option<usize>,
    channel: Option<usize>,
    dstchannel: Option<usize>,
    lastapp: Option<usize>,
    lastdata: Option<usize>,
    start: Option<usize>,
    answer: Option<usize>,
    end: Option<usize>,
    duration: Option<usize>,
    billsec: Option<usize>,
    disposition: Option<usize>,
    uniqueid: Option<usize>,
    userfield: Option<usize>,
    linkedid: Option<usize>,
    /// FreePBX's caller name column, used when clid is empty.
    cnam: Option<usize>,
}

const CDR_CSV: Layout = Layout {
    clid: Some(4),
    src: Some(1),
    dst: Some(2),
    dcontext: Some(3),
    channel: Some(5),
    dstchannel: Some(6),
    lastapp: Some(7),
    lastdata: Some(8),
    start: Some(9),
    answer: Some(10),
    end: Some(11),
    duration: Some(12),
    billsec: Some(13),
    disposition: Some(14),
    uniqueid: None,
    userfield: None,
    linkedid: None,
    cnam: None,
};

const CDR_CUSTOM: Layout = Layout {
    clid: Some(0),
    src: Some(1),
    dst: Some(2),
    dcontext: Some(3),
    channel: Some(4),
    dstchannel: Some(5),
    lastapp: Some(6),
    lastdata: Some(7),
    start: Some(8),
    answer: Some(9),
    end: Some(10),
    duration: Some(11),
    billsec: Some(12),
    disposition: Some(13),
    uniqueid: Some(16),
    userfield: Some(17),
    linkedid: None,
    cnam: None,
};

/// The layout of a headerless row, by its field count; None for counts no CDR backend writes.
fn row_layout(fields: &[String]) -> Option<Layout> {
    let count = fields.len();
    let field = |i: usize| fields.get(i).map_or("", String::as_str);
    let cdr_csv_places = is_time(field(9)) && is_disposition(field(14));
    if count == 19 && !cdr_csv_places {
        return Some(CDR_CUSTOM);
    }
    if !(16..=21).contains(&count) {
        return None;
    }
    let new_columns = count >= 19;
    let optional = count - 16 - if new_columns { 3 } else { 0 };
    let (uniqueid, userfield) = match optional {
        0 => (None, None),
        1 if is_uniqueid(field(16)) => (Some(16), None),
        1 => (None, Some(16)),
        _ => (Some(16), Some(17)),
    };
    let linkedid = new_columns.then(|| count - 2);
    Some(Layout {
        uniqueid,
        userfield,
        linkedid,
        ..CDR_CSV
    })
}

/// True when a headerless row reads as a CDR: a known layout with a start time and a disposition word.
pub(in crate::input) fn looks_like_row(fields: &[String]) -> bool {
    let Some(layout) = row_layout(fields) else {
        return false;
    };
    let field = |index: Option<usize>| index.and_then(|i| fields.get(i)).map_or("", String::as_str);
    is_time(field(layout.start)) && is_disposition(field(layout.disposition))
}

fn is_time(text: &str) -> bool {
    parse_date_time(text, &TimeZone::UTC).is_some()
}

fn is_disposition(text: &str) -> bool {
    DISPOSITIONS.contains(&text.trim().to_ascii_uppercase().as_str())
}

/// `1473179935.0`, `mainserverdss-1706445411.103`, or empty.
fn is_uniqueid(text: &str) -> bool {
    let tail = text.rsplit('-').next().unwrap_or(text);
    text.is_empty()
        || tail.split_once('.').is_some_and(|(secs, seq)| {
            !secs.is_empty()
                && !seq.is_empty()
                && secs.bytes().chain(seq.bytes()).all(|b| b.is_ascii_digit())
        })
}

/// Headerless cdr_csv / cdr_custom rows.
pub(in crate::input) fn parse_rows(rows: &[Row], options: &PbxReadOptions, log: &mut PbxLog) {
    parse_rows_counted(rows, usual_count(rows), options, log);
}

/// `parse_rows` with the file's usual field count given (a file streamed in batches has it from every
/// row read, not only from the batch's). The server-clock check runs over the rows given: a whole file,
/// or one batch of a streamed one.
pub(in crate::input) fn parse_rows_counted(
    rows: &[Row],
    usual: usize,
    options: &PbxReadOptions,
    log: &mut PbxLog,
) {
    let mut in_zone = Vec::new();
    for row in rows {
        let result = if row.unterminated && row.fields.len() < usual {
            Err(truncated(&format!(
                "{} campo(s), las demás filas tienen {usual}",
                row.fields.len()
            )))
        } else {
            row_layout(&row.fields)
                .ok_or_else(|| {
                    format!(
                        "{} campo(s); una fila de CDR tiene de 16 a 21 (19 en cdr_custom)",
                        row.fields.len()
                    )
                })
                .and_then(|layout| leg(row, &layout, options))
        };
        push(log, &mut in_zone, result, row.line);
    }
    log.clock = settle_cdr(&mut log.cdr, &in_zone);
}

/// A leg read (and whether its times were written without a zone), or the reason its row was not.
fn push(
    log: &mut PbxLog,
    in_zone: &mut Vec<bool>,
    result: Result<(CdrLeg, bool), String>,
    line: usize,
) {
    match result {
        Ok((leg, zone_less)) => {
            log.cdr.push(leg);
            in_zone.push(zone_less);
        }
        Err(reason) => log.bad_lines.push((line, reason)),
    }
}

/// The most common field count (the first one seen on a tie).
fn usual_count(rows: &[Row]) -> usize {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for row in rows {
        count_fields(&mut counts, row.fields.len());
    }
    most_common(&counts)
}

/// Adds one row of `fields` fields to the (field count, rows) tally, in first-seen order.
pub(in crate::input) fn count_fields(counts: &mut Vec<(usize, usize)>, fields: usize) {
    match counts.iter_mut().find(|(count, _)| *count == fields) {
        Some((_, seen)) => *seen += 1,
        None => counts.push((fields, 1)),
    }
}

/// The most common field count of a tally (the first one seen on a tie).
pub(in crate::input) fn most_common(counts: &[(usize, usize)]) -> usize {
    counts
        .iter()
        .fold(
            (0, 0),
            |best, &(count, seen)| if seen > best.1 { (count, seen) } else { best },
        )
        .0
}

/// A headered export of the `cdr` table, by column name.
pub(in crate::input) fn parse_table(
    header: &Row,
    rows: &[Row],
    options: &PbxReadOptions,
    log: &mut PbxLog,
) {
    let names = column_names(header);
    let find = |candidates: &[&str]| column(&names, candidates);
    let layout = Layout {
        clid: find(&["clid"]),
        src: find(&["src"]),
        dst: find(&["dst"]),
        dcontext: find(&["dcontext"]),
        channel: find(&["channel"]),
        dstchannel: find(&["dstchannel"]),
        lastapp: find(&["lastapp"]),
        lastdata: find(&["lastdata"]),
        start: find(&["calldate", "start"]),
        answer: find(&["answer"]),
        end: find(&["end"]),
        duration: find(&["duration"]),
        billsec: find(&["billsec"]),
        disposition: find(&["disposition"]),
        uniqueid: find(&["uniqueid"]),
        userfield: find(&["userfield"]),
        linkedid: find(&["linkedid"]),
        cnam: find(&["cnam"]),
    };
    let mut in_zone = Vec::new();
    for row in rows {
        if layout
            .disposition
            .is_some_and(|i| row.get(i).eq_ignore_ascii_case("disposition"))
        {
            continue; // a repeated header
        }
        let result = if row.unterminated && row.fields.len() < names.len() {
            Err(truncated(&format!(
                "{} campo(s), el encabezado tiene {} columnas",
                row.fields.len(),
                names.len()
            )))
        } else {
            leg(row, &layout, options)
        };
        push(log, &mut in_zone, result, row.line);
    }
    log.clock = settle_cdr(&mut log.cdr, &in_zone);
}

/// One row -> a leg, and whether its start was written without a zone (and so is subject to the
/// clock check; never with `cdr_times_utc`, which is the user's word on the clock).
fn leg(row: &Row, layout: &Layout, options: &PbxReadOptions) -> Result<(CdrLeg, bool), String> {
    let text = |index: Option<usize>| index.map_or("", |i| row.get(i));
    let zone = if options.cdr_times_utc {
        TimeZone::UTC
    } else {
        options.tz.clone()
    };
    let time = |what: &str, value: &str| {
        parse_time(value, &zone).ok_or_else(|| bad_time(&format!("de `{what}`"), value))
    };
    let start = time("start", text(layout.start))?;
    let duration = seconds("duration", text(layout.duration))?;
    let billsec = seconds("billsec", text(layout.billsec))?;
    let answer = match text(layout.answer) {
        "" | ZERO_DATE if layout.answer.is_some() => None,
        "" => match (duration, billsec) {
            (Some(duration), Some(billsec)) if billsec > 0.0 => {
                Some(plus(start, (duration - billsec).max(0.0))?)
            }
            _ => None,
        },
        value => Some(time("answer", value)?),
    };
    let end = match text(layout.end) {
        "" | ZERO_DATE => plus(start, duration.unwrap_or(0.0))?,
        value => time("end", value)?,
    };
    let span =
        |from: Timestamp| (end.as_millisecond() - from.as_millisecond()).max(0) as f64 / 1000.0;
    let clid = text(layout.clid);
    let clid_name = if clid.is_empty() {
        text(layout.cnam).to_string()
    } else {
        clid_name(clid)
    };
    let zone_less = !options.cdr_times_utc && written_in_zone(text(layout.start));
    let leg = CdrLeg {
        uniqueid: text(layout.uniqueid).to_string(),
        linkedid: Some(text(layout.linkedid))
            .filter(|l| !l.is_empty())
            .map(str::to_string),
        clid_name,
        src: text(layout.src).to_string(),
        dst: text(layout.dst).to_string(),
        dcontext: text(layout.dcontext).to_string(),
        channel: text(layout.channel).to_string(),
        dstchannel: text(layout.dstchannel).to_string(),
        lastapp: text(layout.lastapp).to_string(),
        lastdata: text(layout.lastdata).to_string(),
        start,
        answer,
        end,
        duration_s: duration.unwrap_or_else(|| span(start)),
        billsec_s: billsec.unwrap_or_else(|| answer.map_or(0.0, span)),
        disposition: disposition(text(layout.disposition)),
        userfield: text(layout.userfield).to_string(),
        line: row.line,
    };
    Ok((leg, zone_less))
}

/// A count of seconds (duration, billsec); None when empty.
fn seconds(what: &str, text: &str) -> Result<Option<f64>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && (0.0..1e9).contains(&value) => Ok(Some(value)),
        _ => Err(format!(
            "`{what}` no es una cantidad de segundos: `{}`",
            shown(text)
        )),
    }
}

fn plus(at: Timestamp, seconds: f64) -> Result<Timestamp, String> {
    at.checked_add(SignedDuration::from_millis(
        (seconds * 1000.0).round() as i64
    ))
    .map_err(|_| format!("{seconds} s después de {at} queda fuera del rango de fechas"))
}

/// `"Name" <number>` -> Name; `Name <number>` -> Name; a bare number -> ""; anything else as it is.
pub(in crate::input) fn clid_name(clid: &str) -> String {
    let clid = clid.trim();
    let name = match clid.rfind('<') {
        Some(at) if clid.ends_with('>') => clid[..at].trim(),
        _ if clid
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+*#".contains(&b)) =>
        {
            ""
        }
        _ => clid,
    };
    let unquoted = name.strip_prefix('"').and_then(|n| n.strip_suffix('"'));
    unquoted.unwrap_or(name).trim().to_string()
}

pub(in crate::input) fn disposition(text: &str) -> Disposition {
    match text.trim().to_ascii_uppercase().as_str() {
        "ANSWERED" => Disposition::Answered,
        "NO ANSWER" | "NOANSWER" => Disposition::NoAnswer,
        "BUSY" => Disposition::Busy,
        "FAILED" => Disposition::Failed,
        "CONGESTION" => Disposition::Congestion,
        "CANCEL" => Disposition::Cancel,
        _ => Disposition::Other(text.trim().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ClockCheck;
    use crate::input::fixture;
    use crate::input::pbx::{event_counts, parse_pbx, read_pbx, realdata};
    use crate::model::PbxLogKind;

    fn utc() -> PbxReadOptions {
        PbxReadOptions {
            cdr_times_utc: true,
            ..PbxReadOptions::default()
        }
    }

    fn dispositions(legs: &[CdrLeg]) -> Vec<(String, usize)> {
        let names = legs.iter().map(|l| match &l.disposition {
            Disposition::Answered => "ANSWERED",
            Disposition::NoAnswer => "NO ANSWER",
            Disposition::Busy => "BUSY",
            _ => "other",
        });
        event_counts(names).into_iter().collect()
    }

    #[test]
    fn clid_names() {
        assert_eq!(clid_name("\"device\" <1500>"), "device");
        assert_eq!(clid_name("\"\" <client1>"), "");
        assert_eq!(clid_name("Rosa Quispe <201>"), "Rosa Quispe");
        assert_eq!(
            clid_name("\"Peña, \"Chabuca\"\" <987>"),
            "Peña, \"Chabuca\""
        );
        assert_eq!(clid_name("+51987654321"), "");
        assert_eq!(clid_name("Mesa de ayuda"), "Mesa de ayuda");
        assert_eq!(clid_name("<"), "<");
    }

    #[test]
    fn simularent_18_columns_usegmtime() {
        let Some(path) = realdata("asterisk_cdr_csv_master_18col_simularent.csv") else {
            return;
        };
        let log = read_pbx(&path, &utc()).unwrap();
        assert_eq!(log.kind, Some(PbxLogKind::Cdr));
        assert!(log.bad_lines.is_empty(), "{:?}", log.bad_lines);
        assert_eq!(log.cdr.len(), 269);
        let expected =
            [("ANSWERED", 245), ("BUSY", 8), ("NO ANSWER", 16)].map(|(k, v)| (k.to_string(), v));
        assert_eq!(dispositions(&log.cdr), expected);
        let first = &log.cdr[0];
        assert_eq!(
            (
                first.src.as_str(),
                first.dst.as_str(),
                first.dcontext.as_str()
            ),
            ("1500", "55417952301", "local")
        );
        assert_eq!(
            (first.clid_name.as_str(), first.channel.as_str()),
            ("device", "SIP/1500-00000000")
        );
        assert_eq!(first.dstchannel, "Motif/55417952301@voice.google.com-753b");
        assert_eq!(
            (first.lastapp.as_str(), first.lastdata.as_str()),
            ("Dial", "Motif/google/55417952301@voice.google.com,,r")
        );
        assert_eq!(first.start.to_string(), "2016-09-06T16:38:55Z");
        assert_eq!(
            first.start.as_second(),
            1_473_179_935,
            "usegmtime: start is the uniqueid's epoch"
        );
        assert_eq!(
            (first.answer, first.end.to_string()),
            (None, "2016-09-06T16:38:56Z".to_string())
        );
        assert_eq!(
            (first.duration_s, first.billsec_s, &first.disposition),
            (0.0, 0.0, &Disposition::NoAnswer)
        );
        assert_eq!(
            (
                first.uniqueid.as_str(),
                first.linkedid.as_deref(),
                first.userfield.as_str()
            ),
            ("1473179935.0", None, "")
        );
        assert_eq!(first.line, 1);
    }

    /// Written in UTC (usegmtime=yes) but read without --cdr-utc: every row runs 5 h ahead of its
    /// uniqueid when read as Lima time, and the clock check puts the file back on the uniqueids' clock.
    #[test]
    fn simularent_read_as_lima_is_put_back_on_the_uniqueid_clock() {
        let Some(path) = realdata("asterisk_cdr_csv_master_18col_simularent.csv") else {
            return;
        };
        let log = read_pbx(&path, &PbxReadOptions::default()).unwrap();
        assert_eq!(log.cdr[0].start.to_string(), "2016-09-06T16:38:55Z");
        assert_eq!(
            log.clock,
            Some(ClockCheck {
                rows_checked: 269,
                rows_agreeing: 269,
                offset_s: 5 * 3600,
                corrected: true
            })
        );
        let told = read_pbx(&path, &utc()).unwrap();
        assert_eq!(told.clock, None, "--cdr-utc is the user's word: no check");
        assert!(
            told.cdr
                .iter()
                .zip(&log.cdr)
                .all(|(a, b)| a.start == b.start && a.end == b.end && a.answer == b.answer),
            "the check and --cdr-utc agree on every leg"
        );
    }

    /// A server whose clock ran in UTC without usegmtime (the uniqueids say so), and one at UTC+3
    /// read as Lima (8 h apart) or in its own zone (no change).
    #[test]
    fn server_clocks_found_from_the_uniqueids() {
        let Some(path) = realdata("asterisk_cdr_csv_master_21col_mineevburyat.csv") else {
            return;
        };
        let log = read_pbx(&path, &PbxReadOptions::default()).unwrap();
        let clock = log.clock.unwrap();
        assert_eq!(
            (clock.offset_s, clock.corrected, clock.rows_agreeing),
            (18_000, true, 84)
        );
        assert_eq!(log.cdr[0].start.as_second(), 1_706_368_044);
        let Some(path) = realdata("asterisk_cdr_custom_master_KelySaina.csv") else {
            return;
        };
        let log = read_pbx(&path, &PbxReadOptions::default()).unwrap();
        let clock = log.clock.unwrap();
        assert_eq!((clock.offset_s, clock.corrected), (8 * 3600, true));
        assert_eq!(log.cdr[0].start.as_second(), 1_690_325_492);
        let own_zone = PbxReadOptions {
            tz: TimeZone::get("Indian/Antananarivo").unwrap(),
            ..PbxReadOptions::default()
        };
        let clock = read_pbx(&path, &own_zone).unwrap().clock.unwrap();
        assert_eq!(
            (clock.offset_s, clock.corrected, clock.rows_checked),
            (0, false, 14)
        );
    }

    #[test]
    fn mineevburyat_21_columns_windows_1252() {
        let Some(path) = realdata("asterisk_cdr_csv_master_21col_mineevburyat.csv") else {
            return;
        };
        let log = read_pbx(&path, &utc()).unwrap();
        assert!(log.bad_lines.is_empty(), "{:?}", log.bad_lines);
        assert_eq!(log.cdr.len(), 84);
        assert!(log.cdr.iter().all(|leg| leg.linkedid.is_some()));
        let expected =
            [("ANSWERED", 37), ("BUSY", 1), ("NO ANSWER", 46)].map(|(k, v)| (k.to_string(), v));
        assert_eq!(dispositions(&log.cdr), expected);
        let first = &log.cdr[0];
        assert_eq!(
            (first.src.as_str(), first.clid_name.as_str()),
            ("55265955154", "55265955154")
        );
        assert_eq!(
            (first.start.as_second(), first.duration_s, first.billsec_s),
            (1_706_368_044, 27.0, 27.0)
        );
        assert_eq!(first.linkedid.as_deref(), Some("1706368044.0"));
        let raw = log.cdr.iter().find(|l| l.clid_name.contains('¥')).unwrap();
        assert_eq!(
            (raw.clid_name.as_str(), raw.uniqueid.as_str()),
            ("5588434471¥¥b", "1706415046.98")
        );
        let last = log.cdr.last().unwrap();
        assert_eq!(
            (last.uniqueid.as_str(), last.linkedid.as_deref()),
            (
                "mainserverdss-1706445411.103",
                Some("mainserverdss-1706445411.103")
            )
        );
    }

    #[test]
    fn kelysaina_cdr_custom_19_columns() {
        let Some(path) = realdata("asterisk_cdr_custom_master_KelySaina.csv") else {
            return;
        };
        // The uniqueids show the PBX ran at UTC+3 (Madagascar).
        let options = PbxReadOptions {
            tz: TimeZone::get("Indian/Antananarivo").unwrap(),
            ..PbxReadOptions::default()
        };
        let log = read_pbx(&path, &options).unwrap();
        assert!(log.bad_lines.is_empty(), "{:?}", log.bad_lines);
        assert_eq!(log.cdr.len(), 14);
        let expected = [("ANSWERED", 11), ("NO ANSWER", 3)].map(|(k, v)| (k.to_string(), v));
        assert_eq!(dispositions(&log.cdr), expected);
        let first = &log.cdr[0];
        assert_eq!(
            (
                first.clid_name.as_str(),
                first.src.as_str(),
                first.dst.as_str()
            ),
            ("", "client1", "6789")
        );
        assert_eq!(
            (first.channel.as_str(), first.dstchannel.as_str()),
            ("PJSIP/client1-00000002", "PJSIP/client2-00000003")
        );
        assert_eq!(
            (first.lastapp.as_str(), first.lastdata.as_str()),
            ("Dial", "PJSIP/client2")
        );
        assert_eq!(first.start.as_second(), 1_690_325_492);
        assert_eq!(
            first.answer.map(|a| a.to_string()).as_deref(),
            Some("2023-07-25T22:51:50Z")
        );
        assert_eq!(
            (
                first.duration_s,
                first.billsec_s,
                first.uniqueid.as_str(),
                first.linkedid.as_deref()
            ),
            (31.0, 13.0, "1690325492.2", None)
        );
        assert_eq!(
            (log.cdr[1].answer, &log.cdr[1].disposition),
            (None, &Disposition::NoAnswer)
        );
    }

    #[test]
    fn testsuite_18_columns() {
        let log = read_pbx(
            &fixture("pbx/asterisk_cdr_csv_master_18col_testsuite.csv"),
            &utc(),
        )
        .unwrap();
        assert_eq!(log.cdr.len(), 2);
        let first = &log.cdr[0];
        assert_eq!(
            (
                first.channel.as_str(),
                first.dst.as_str(),
                first.lastapp.as_str()
            ),
            ("Console/dsp", "1", "Hangup")
        );
        assert_eq!(
            (
                first.start.to_string(),
                first.duration_s,
                first.uniqueid.as_str()
            ),
            ("2010-04-02T00:26:32Z".into(), 7.0, "1270167992.0")
        );
    }

    #[test]
    fn windows_1252_crlf_quotes_commas_and_a_truncated_last_line() {
        let log = read_pbx(
            &fixture("pbx/cdr_cp1252_crlf.csv"),
            &PbxReadOptions::default(),
        )
        .unwrap();
        assert_eq!(log.cdr.len(), 2, "{:?}", log.bad_lines);
        let first = &log.cdr[0];
        assert_eq!(first.clid_name, "Peña, \"Chabuca\"");
        assert_eq!(
            (first.start.to_string(), first.billsec_s),
            ("2025-11-03T15:15:00Z".into(), 280.0)
        );
        assert_eq!(log.cdr[1].lastdata, "PJSIP/201,20,tT");
        assert_eq!(log.cdr[1].clid_name, "José");
        assert_eq!(log.bad_lines.len(), 1);
        assert_eq!(log.bad_lines[0].0, 3);
        assert!(
            log.bad_lines[0].1.starts_with(
                "última línea incompleta (el archivo termina sin salto de línea): 6 campo(s)"
            ),
            "{:?}",
            log.bad_lines
        );
    }

    #[test]
    fn freepbx_table_export_by_header() {
        let text = "calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,\
            amaflags,accountcode,uniqueid,userfield,did,recordingfile,cnum,cnam,outbound_cnum,outbound_cnam,dst_cnam,\
            linkedid,peeraccount,sequence\n\
            2025-11-03 10:15:00,\"\"\"Rosa\"\" <987654321>\",987654321,600,ext-queues,PJSIP/trunk-01,PJSIP/201-02,\
            Queue,600,\
            300,280,ANSWERED,3,,1762182900.1,,016001234,q-600-987654321-20251103-101500-1762182900.1.wav,987654321,\
            Rosa,,,,1762182900.1,,7\n\
            2025-11-03 10:30:00,,987654322,600,ext-queues,PJSIP/trunk-03,,Queue,600,40,0,NO ANSWER,3,,1762183800.3,,,,,\
            Juan,,,,1762183800.3,,8\n";
        let log = parse_pbx(text, &PbxReadOptions::default()).unwrap();
        assert_eq!(log.kind, Some(PbxLogKind::Cdr));
        assert!(log.bad_lines.is_empty(), "{:?}", log.bad_lines);
        let first = &log.cdr[0];
        assert_eq!(
            (first.clid_name.as_str(), first.linkedid.as_deref()),
            ("Rosa", Some("1762182900.1"))
        );
        assert_eq!(first.start.to_string(), "2025-11-03T15:15:00Z");
        assert_eq!(
            first.answer.map(|a| a.to_string()).as_deref(),
            Some("2025-11-03T15:15:20Z")
        );
        assert_eq!(first.end.to_string(), "2025-11-03T15:20:00Z");
        let second = &log.cdr[1];
        assert_eq!(
            (second.clid_name.as_str(), second.answer, second.line),
            ("Juan", None, 3)
        );
        assert_eq!(second.end.to_string(), "2025-11-03T15:30:40Z");
    }

    /// A 16-field cdr_csv row.
    const ROW_16: &str = concat!(
        r#""","201","600","ctx","","PJSIP/201-1","","Hangup","","2025-11-03 10:15:00","","2025-11-03 10:15:05","#,
        r#"5,0,"NO ANSWER","DOCUMENTATION""#,
        "\n"
    );

    #[test]
    fn a_17_column_row_tells_uniqueid_from_userfield() {
        let row = |last: &str| format!("{},\"{last}\"\n", ROW_16.trim_end());
        let log = parse_pbx(
            &(row("1762182900.1") + &row("siagie")),
            &PbxReadOptions::default(),
        )
        .unwrap();
        assert_eq!(
            (log.cdr[0].uniqueid.as_str(), log.cdr[0].userfield.as_str()),
            ("1762182900.1", "")
        );
        assert_eq!(
            (log.cdr[1].uniqueid.as_str(), log.cdr[1].userfield.as_str()),
            ("", "siagie")
        );
    }

    #[test]
    fn bad_rows_are_bad_lines() {
        let good = ROW_16;
        let text = format!(
            "{good}{}{}a,b\n",
            good.replace("10:15:00", "10:1x:00"),
            good.replace(",5,", ",five,")
        );
        let log = parse_pbx(&text, &PbxReadOptions::default()).unwrap();
        assert_eq!(log.cdr.len(), 1);
        let lines: Vec<usize> = log.bad_lines.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2, 3, 4], "{:?}", log.bad_lines);
        assert!(
            log.bad_lines[0]
                .1
                .starts_with("hora de `start` no válida: `2025-11-03 10:1x:00`"),
            "{:?}",
            log.bad_lines
        );
        assert_eq!(
            log.bad_lines[1].1,
            "`duration` no es una cantidad de segundos: `five`"
        );
    }
}

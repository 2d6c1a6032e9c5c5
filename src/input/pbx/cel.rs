//! Asterisk CEL CSV -> `CelEvent`s, in two layouts:
//! - cel_custom's legacy `Master.csv` mapping, headerless, 20 fields: 0 eventtype, 1 eventtime,
//!   2 CALLERID(name), 3 CALLERID(num), 4 CALLERID(ANI), 5 CALLERID(RDNIS), 6 CALLERID(DNID),
//!   7 CHANNEL(exten), 8 CHANNEL(context), 9 CHANNEL(channame), 10 CHANNEL(appname), 11 CHANNEL(appdata),
//!   12 CHANNEL(amaflags), 13 CHANNEL(accountcode), 14 CHANNEL(uniqueid), 15 CHANNEL(linkedid),
//!   16 BRIDGEPEER, 17 CHANNEL(userfield), 18 userdeftype, 19 eventextra (the asterisk/testsuite files
//!   and the sample config before the "My Literal" column). 21 fields are the current sample, which puts
//!   a literal after eventtype: every field from eventtime on moves one place right.
//! - a headered export of the `cel` table, by column name (eventtype, eventtime, cid_name, cid_num,
//!   exten, context, channame, appname, appdata, uniqueid, linkedid, peer, extra, userdeftype).
//!
//! `eventtime` is epoch.usec (cel.conf's default) or a local `YYYY-MM-DD HH:MM:SS[.ffffff]`. A
//! USER_DEFINED event with a `userdeftype` is named by it (as cel_custom's own `eventtype` already is).
//! `extra` is kept as logged: JSON since Asterisk 12 (transfers, hangups), `16,dialplan/builtin,` before.
//! Events outside `KNOWN_EVENTS` (user-defined names) are kept and counted.

use crate::input::pbx::clock::settle_cel;
use crate::input::pbx::{
    PbxReadOptions, Row, bad_time, column, column_names, is_event_word, note_unknown, parse_time,
    truncated, written_in_zone,
};
use crate::input::{CelEvent, PbxLog};

/// Asterisk 12+ event names, then the pre-12 ones.
#[rustfmt::skip]
pub(in crate::input) const KNOWN_EVENTS: &[&str] = &[
    "CHAN_START", "CHAN_END", "ANSWER", "HANGUP", "BRIDGE_ENTER", "BRIDGE_EXIT", "APP_START", "APP_END",
    "PARK_START", "PARK_END", "BLINDTRANSFER", "ATTENDEDTRANSFER", "PICKUP", "FORWARD", "LINKEDID_END",
    "USER_DEFINED", "LOCAL_OPTIMIZE", "LOCAL_OPTIMIZE_BEGIN", "STREAM_BEGIN", "STREAM_END", "DTMF",
    "BRIDGE_START", "BRIDGE_END", "BRIDGE_UPDATE", "TRANSFER", "CONF_ENTER", "CONF_EXIT", "CONF_START",
    "CONF_END", "3WAY_START", "3WAY_END", "HOOKFLASH",
    // Holds, as some builds log them and as dialplans name them with CELGenUserEvent(HOLD).
    "HOLD", "UNHOLD",
];

/// Where a row keeps each field.
#[derive(Debug, Clone, Copy)]
struct Layout {
    event: Option<usize>,
    time: Option<usize>,
    cid_name: Option<usize>,
    cid_num: Option<usize>,
    exten: Option<usize>,
    context: Option<usize>,
    channel: Option<usize>,
    app: Option<usize>,
    appdata: Option<usize>,
    uniqueid: Option<usize>,
    linkedid: Option<usize>,
    peer: Option<usize>,
    userdeftype: Option<usize>,
    extra: Option<usize>,
}

/// The legacy cel_custom mapping; `shift` is 1 when a literal column follows eventtype.
fn legacy(shift: usize) -> Layout {
    let at = |index: usize| Some(index + shift);
    Layout {
        event: Some(0),
        time: at(1),
        cid_name: at(2),
        cid_num: at(3),
        exten: at(7),
        context: at(8),
        channel: at(9),
        app: at(10),
        appdata: at(11),
        uniqueid: at(14),
        linkedid: at(15),
        peer: at(16),
        userdeftype: at(18),
        extra: at(19),
    }
}

fn row_layout(fields: &[String]) -> Option<Layout> {
    match fields.len() {
        20 => Some(legacy(0)),
        21 => Some(legacy(1)),
        _ => None,
    }
}

/// True when a headerless row reads as cel_custom: 20 or 21 fields, an event word first and a time
/// where the layout puts eventtime.
pub(in crate::input) fn looks_like_row(fields: &[String]) -> bool {
    let Some(layout) = row_layout(fields) else {
        return false;
    };
    let field = |index: Option<usize>| index.and_then(|i| fields.get(i)).map_or("", String::as_str);
    let event = field(layout.event);
    (is_event_word(event) || KNOWN_EVENTS.contains(&event))
        && parse_time(field(layout.time), &jiff::tz::TimeZone::UTC).is_some()
}

/// Headerless cel_custom rows.
pub(in crate::input) fn parse_rows(rows: &[Row], options: &PbxReadOptions, log: &mut PbxLog) {
    let usual = rows
        .iter()
        .filter(|row| !row.unterminated)
        .map(|row| row.fields.len())
        .max()
        .unwrap_or(0);
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
                        "{} campo(s); una fila de cel_custom tiene 20 (21 con el campo fijo del \
                         cel_custom.conf de ejemplo)",
                        row.fields.len()
                    )
                })
                .and_then(|layout| event(row, &layout, options))
        };
        push(log, &mut in_zone, result, row.line);
    }
    log.clock = settle_cel(&mut log.cel, &in_zone);
}

/// A headered export of the `cel` table, by column name.
pub(in crate::input) fn parse_table(
    header: &Row,
    rows: &[Row],
    options: &PbxReadOptions,
    log: &mut PbxLog,
) {
    let names = column_names(header);
    let find = |candidates: &[&str]| column(&names, candidates);
    let layout = Layout {
        event: find(&["eventtype"]),
        time: find(&["eventtime"]),
        cid_name: find(&["cid_name"]),
        cid_num: find(&["cid_num"]),
        exten: find(&["exten"]),
        context: find(&["context"]),
        channel: find(&["channame", "channel"]),
        app: find(&["appname", "app"]),
        appdata: find(&["appdata"]),
        uniqueid: find(&["uniqueid"]),
        linkedid: find(&["linkedid"]),
        peer: find(&["peer"]),
        userdeftype: find(&["userdeftype"]),
        extra: find(&["extra", "eventextra"]),
    };
    let mut in_zone = Vec::new();
    for row in rows {
        if layout
            .event
            .is_some_and(|i| row.get(i).eq_ignore_ascii_case("eventtype"))
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
            event(row, &layout, options)
        };
        push(log, &mut in_zone, result, row.line);
    }
    log.clock = settle_cel(&mut log.cel, &in_zone);
}

fn push(
    log: &mut PbxLog,
    in_zone: &mut Vec<bool>,
    result: Result<(CelEvent, bool), String>,
    line: usize,
) {
    match result {
        Ok((event, zone_less)) => {
            note_unknown(log, &event.event, KNOWN_EVENTS);
            log.cel.push(event);
            in_zone.push(zone_less);
        }
        Err(reason) => log.bad_lines.push((line, reason)),
    }
}

/// One row -> an event, and whether its time was written without a zone (see `clock`).
fn event(row: &Row, layout: &Layout, options: &PbxReadOptions) -> Result<(CelEvent, bool), String> {
    let text = |index: Option<usize>| index.map_or("", |i| row.get(i)).to_string();
    let time_text = text(layout.time);
    let zone_less = written_in_zone(&time_text);
    let time =
        parse_time(&time_text, &options.tz).ok_or_else(|| bad_time("del evento", &time_text))?;
    let mut event = text(layout.event);
    let user_type = text(layout.userdeftype);
    if event == "USER_DEFINED" && !user_type.is_empty() {
        event = user_type;
    }
    if event.is_empty() {
        return Err("falta el tipo de evento (`eventtype`)".into());
    }
    let event = CelEvent {
        event,
        time,
        cid_name: text(layout.cid_name),
        cid_num: text(layout.cid_num),
        exten: text(layout.exten),
        context: text(layout.context),
        channel: text(layout.channel),
        app: text(layout.app),
        appdata: text(layout.appdata),
        uniqueid: text(layout.uniqueid),
        linkedid: text(layout.linkedid),
        peer: text(layout.peer),
        extra: text(layout.extra),
        line: row.line,
    };
    Ok((event, zone_less))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixture;
    use crate::input::pbx::{event_counts, parse_pbx, read_pbx};
    use crate::model::PbxLogKind;

    #[test]
    fn testsuite_legacy_20_columns() {
        let options = PbxReadOptions::default();
        let log = read_pbx(
            &fixture("pbx/asterisk_cel_custom_master_testsuite1.csv"),
            &options,
        )
        .unwrap();
        assert_eq!(log.kind, Some(PbxLogKind::Cel));
        assert!(
            log.bad_lines.is_empty() && log.unknown_events.is_empty(),
            "{log:?}"
        );
        assert_eq!(log.cel.len(), 16);
        let first = &log.cel[0];
        assert_eq!(
            (first.event.as_str(), first.time.as_microsecond()),
            ("CHAN_START", 1_335_310_195_513_823)
        );
        assert_eq!(
            (
                first.exten.as_str(),
                first.context.as_str(),
                first.channel.as_str()
            ),
            ("s", "default", "TinCan/string")
        );
        assert_eq!(
            (first.uniqueid.as_str(), first.linkedid.as_str(), first.line),
            ("1335310195.0", "1335310195.0", 1)
        );
        let bridge = log.cel.iter().find(|e| e.event == "BRIDGE_START").unwrap();
        assert_eq!(
            (
                bridge.app.as_str(),
                bridge.appdata.as_str(),
                bridge.peer.as_str()
            ),
            ("Dial", "Local/x@default", "Local/x@default-1545;1")
        );
        let hangup = log.cel.iter().find(|e| e.event == "HANGUP").unwrap();
        assert_eq!(hangup.extra, "16,dialplan/builtin,");
        let answer = log
            .cel
            .iter()
            .find(|e| e.event == "ANSWER" && e.app == "AppDial")
            .unwrap();
        assert_eq!(
            (answer.cid_num.as_str(), answer.appdata.as_str()),
            ("s", "(Outgoing Line)")
        );

        let log = read_pbx(
            &fixture("pbx/asterisk_cel_custom_master_testsuite2.csv"),
            &options,
        )
        .unwrap();
        assert!(log.bad_lines.is_empty(), "{:?}", log.bad_lines);
        assert_eq!(log.cel.len(), 14);
        let counts = event_counts(log.cel.iter().map(|e| e.event.as_str()));
        let expected = [
            ("ANSWER", 3),
            ("BRIDGE_END", 1),
            ("BRIDGE_START", 1),
            ("CHAN_END", 2),
            ("CHAN_START", 3),
            ("HANGUP", 3),
            ("LINKEDID_END", 1),
        ];
        assert_eq!(counts, expected.map(|(k, v)| (k.to_string(), v)).into());
    }

    #[test]
    fn asterisk_12_transfers_with_json_extra_and_local_times() {
        let log = read_pbx(
            &fixture("pbx/cel_12_transfers.csv"),
            &PbxReadOptions::default(),
        )
        .unwrap();
        assert!(log.bad_lines.is_empty(), "{:?}", log.bad_lines);
        let events: Vec<&str> = log.cel.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(
            events,
            [
                "CHAN_START",
                "BRIDGE_ENTER",
                "HOLD_START",
                "BLINDTRANSFER",
                "ATTENDEDTRANSFER",
                "HANGUP",
                "LINKEDID_END"
            ]
        );
        assert_eq!(log.unknown_events, [("HOLD_START".to_string(), 1)].into());
        assert_eq!(log.cel[0].time.to_string(), "2025-11-03T15:15:00.123456Z");
        assert_eq!(log.cel[0].cid_name, "Peña, Rosa");
        let attended = &log.cel[4];
        let extra: serde_json::Value = serde_json::from_str(&attended.extra).unwrap();
        assert_eq!(extra["transfer_target_channel_name"], "PJSIP/301-00000005");
        assert_eq!(extra["channel2_uniqueid"], "1762182950.5");
        let blind: serde_json::Value = serde_json::from_str(&log.cel[3].extra).unwrap();
        assert_eq!(
            (blind["extension"].as_str(), blind["context"].as_str()),
            (Some("301"), Some("from-internal"))
        );
    }

    #[test]
    fn sample_21_columns_with_literal() {
        let row = concat!(
            r#""ANSWER","My Literal","1762182900.500000","Rosa","201","","","","600","from-queue","#,
            r#""PJSIP/201-00000002","Answer","","3","","1762182900.2","1762182900.1","","","","""#,
            "\n"
        );
        let log = parse_pbx(row, &PbxReadOptions::default()).unwrap();
        assert_eq!(log.kind, Some(PbxLogKind::Cel));
        let event = &log.cel[0];
        assert_eq!(
            (
                event.event.as_str(),
                event.time.as_millisecond(),
                event.cid_name.as_str()
            ),
            ("ANSWER", 1_762_182_900_500, "Rosa")
        );
        assert_eq!(
            (
                event.channel.as_str(),
                event.uniqueid.as_str(),
                event.linkedid.as_str()
            ),
            ("PJSIP/201-00000002", "1762182900.2", "1762182900.1")
        );
    }

    #[test]
    fn table_export_by_header_names_user_events() {
        let text = concat!(
            "id,eventtype,eventtime,userdeftype,cid_name,cid_num,cid_ani,cid_rdnis,cid_dnid,exten,context,channame,",
            "appname,appdata,amaflags,accountcode,peeraccount,uniqueid,linkedid,userfield,peer,extra\n",
            "1,USER_DEFINED,2025-11-03 10:16:00,HOLD_START,Rosa,201,,,,600,from-queue,PJSIP/201-02,CELGenUserEvent,",
            r#"HOLD_START,3,,,1762182900.2,1762182900.1,,,"{""reason"":""consulta""}""#,
            "\n2,BRIDGE_EXIT,2025-11-03 10:20:00,,Rosa,201,,,,600,from-queue,PJSIP/201-02,,,3,,,",
            "1762182900.2,1762182900.1,,,\n",
            "3,HANGUP,2025-11-03 10:2"
        );
        let log = parse_pbx(text, &PbxReadOptions::default()).unwrap();
        assert_eq!(log.kind, Some(PbxLogKind::Cel));
        assert_eq!(log.cel.len(), 2);
        assert_eq!(
            (log.cel[0].event.as_str(), log.cel[0].extra.as_str()),
            ("HOLD_START", r#"{"reason":"consulta"}"#)
        );
        assert_eq!(log.cel[1].time.to_string(), "2025-11-03T15:20:00Z");
        assert_eq!(log.unknown_events, [("HOLD_START".to_string(), 1)].into());
        assert_eq!(log.bad_lines.len(), 1);
        assert_eq!(log.bad_lines[0].0, 4);
        assert!(
            log.bad_lines[0].1.starts_with("última línea incompleta"),
            "{:?}",
            log.bad_lines
        );
    }
}

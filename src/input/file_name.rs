//! What a recording's file name says: FreePBX names recordings
//! `<prefix>-<to>-<from>-YYYYMMDD-HHMMSS-<uniqueid>.<ext>` (prefixes q-, exten-, out-, external-, rg-,
//! ...), and transcribers keep that name with another extension (`.vtt`, `.wav.json`). The uniqueid
//! (`1793632502.1187`, epoch seconds and a sequence) is the call id that links a transcript to the PBX
//! records; the date and time in the name are local time in the PBX's zone (`--tz`, America/Lima by
//! default). A bare `1793632502.1187.json` (or
//! any name ending `-<uniqueid>.<ext>`) gives the start time from the uniqueid's epoch seconds.
//! Phone numbers in such names are masked before they are shown anywhere.

use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use regex::Regex;

/// Digits of a number shown unmasked at its end.
const KEEP_DIGITS: usize = 3;
/// A field with at least this many digits is a phone number, not an extension or queue.
const PHONE_MIN_DIGITS: usize = 7;

static FREEPBX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<head>.+?)-(?P<date>\d{8})-(?P<time>\d{6})-(?P<uid>\d+\.\d+)(?:\.[A-Za-z][A-Za-z0-9_]*)*$")
        .expect("constant regex")
});

static UNIQUEID_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:.*[-_])?(?P<secs>\d{9,11})\.(?P<seq>\d+)(?:\.[A-Za-z][A-Za-z0-9_]*)*$")
        .expect("constant regex")
});

/// Call id and start time from a FreePBX recording file name, e.g.
/// `q-600-987654321-20261103-101502-1793632502.1187.vtt` -> ("1793632502.1187", 2026-11-03 10:15:02
/// in `zone`, the PBX's); a bare `1793632502.1187.json` takes its start time from the uniqueid's epoch
/// seconds. None when the name has no uniqueid. A directory part, if any, is ignored.
pub fn call_id_from_file_name(name: &str, zone: &TimeZone) -> Option<(String, Option<Timestamp>)> {
    let base = base_name(name).1;
    if let Some(caps) = FREEPBX.captures(base) {
        let started = local_time(&caps["date"], &caps["time"], zone);
        return Some((caps["uid"].to_string(), started));
    }
    let caps = UNIQUEID_AT_END.captures(base)?;
    let started = caps["secs"]
        .parse::<i64>()
        .ok()
        .and_then(|s| Timestamp::from_second(s).ok());
    Some((format!("{}.{}", &caps["secs"], &caps["seq"]), started))
}

/// Mask the phone numbers in a FreePBX file name (q-600-987654321-... -> q-600-XXXXXX321-...): every
/// field before the date with 7 or more digits keeps its last 3 digits. Queue numbers and extensions
/// (shorter) and names of any other form are left as they are. For `out-` recordings the dialled
/// number is the second field, so every long field is masked, not only the third.
pub fn mask_file_name(name: &str) -> String {
    let (dir, base) = base_name(name);
    let Some(head) = FREEPBX.captures(base).and_then(|caps| caps.name("head")) else {
        return name.to_string();
    };
    let masked: Vec<String> = head.as_str().split('-').map(mask_phone_field).collect();
    format!("{dir}{}{}", masked.join("-"), &base[head.end()..])
}

fn mask_phone_field(field: &str) -> String {
    let digits = field.strip_prefix('+').unwrap_or(field);
    if digits.len() < PHONE_MIN_DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return field.to_string();
    }
    let sign = if digits.len() < field.len() { "+" } else { "" };
    let hidden = digits.len() - KEEP_DIGITS;
    format!("{sign}{}{}", "X".repeat(hidden), &digits[hidden..])
}

/// (directory part including its separator, file name).
fn base_name(name: &str) -> (&str, &str) {
    match name.rfind(['/', '\\']) {
        Some(at) => name.split_at(at + 1),
        None => ("", name),
    }
}

/// `YYYYMMDD`, `HHMMSS` in `zone` -> instant; None when not a real date or time.
fn local_time(date: &str, time: &str, zone: &TimeZone) -> Option<Timestamp> {
    let number = |s: &str, from: usize, to: usize| s.get(from..to)?.parse::<i16>().ok();
    let datetime = DateTime::new(
        number(date, 0, 4)?,
        i8::try_from(number(date, 4, 6)?).ok()?,
        i8::try_from(number(date, 6, 8)?).ok()?,
        i8::try_from(number(time, 0, 2)?).ok()?,
        i8::try_from(number(time, 2, 4)?).ok()?,
        i8::try_from(number(time, 4, 6)?).ok()?,
        0,
    )
    .ok()?;
    zone.to_timestamp(datetime).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lima() -> TimeZone {
        TimeZone::get("America/Lima").unwrap()
    }

    #[test]
    fn the_time_in_a_name_is_read_in_the_given_zone() {
        let name = "q-600-987654321-20261103-101502-1793632502.1187.vtt";
        let (_, lima_time) = call_id_from_file_name(name, &lima()).unwrap();
        let (_, utc_time) = call_id_from_file_name(name, &TimeZone::UTC).unwrap();
        assert_eq!(lima_time, at("2026-11-03T15:15:02Z"));
        assert_eq!(utc_time, at("2026-11-03T10:15:02Z"));
    }

    fn at(text: &str) -> Option<Timestamp> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn freepbx_names() {
        let lima_10_15_02 = at("2026-11-03T15:15:02Z");
        let id = || "1793632502.1187".to_string();
        for name in [
            "q-600-987654321-20261103-101502-1793632502.1187.vtt",
            "exten-201-987654321-20261103-101502-1793632502.1187.wav",
            "out-987654321-201-20261103-101502-1793632502.1187.srt",
            "external-201-987654321-20261103-101502-1793632502.1187.json",
            "rg-600-987654321-20261103-101502-1793632502.1187.wav.json",
            "q-600--20261103-101502-1793632502.1187.txt",
            "2026/11/03/q-600-987654321-20261103-101502-1793632502.1187.vtt",
            "C:\\grabaciones\\q-600-987654321-20261103-101502-1793632502.1187.vtt",
            "q-600-987654321-20261103-101502-1793632502.1187",
        ] {
            assert_eq!(
                call_id_from_file_name(name, &lima()),
                Some((id(), lima_10_15_02)),
                "{name}"
            );
        }
    }

    #[test]
    fn bare_uniqueid_takes_time_from_epoch() {
        let epoch = at("2026-11-02T15:15:02Z");
        assert_eq!(
            call_id_from_file_name("1793632502.1187.json", &lima()),
            Some(("1793632502.1187".into(), epoch))
        );
        assert_eq!(
            call_id_from_file_name("1793632502.1187.wav.vtt", &lima()),
            Some(("1793632502.1187".into(), epoch))
        );
        assert_eq!(
            call_id_from_file_name("llamada_1793632502.1187.txt", &lima()),
            Some(("1793632502.1187".into(), epoch))
        );
    }

    #[test]
    fn invalid_date_keeps_the_id() {
        assert_eq!(
            call_id_from_file_name(
                "q-600-987654321-20261340-256199-1793632502.1187.vtt",
                &lima()
            ),
            Some(("1793632502.1187".into(), None))
        );
    }

    #[test]
    fn names_without_uniqueid() {
        for name in [
            "llamada.vtt",
            "notas-20261103.txt",
            "2026.11.json",
            "q-600-987654321-20261103-101502.vtt",
            "",
            "1793632502.json",
        ] {
            assert_eq!(call_id_from_file_name(name, &lima()), None, "{name}");
        }
    }

    #[test]
    fn masking() {
        assert_eq!(
            mask_file_name("q-600-987654321-20261103-101502-1793632502.1187.vtt"),
            "q-600-XXXXXX321-20261103-101502-1793632502.1187.vtt"
        );
        assert_eq!(
            mask_file_name("out-+51987654321-201-20261103-101502-1793632502.1187.wav"),
            "out-+XXXXXXXX321-201-20261103-101502-1793632502.1187.wav"
        );
        assert_eq!(
            mask_file_name("audio/exten-201-anonymous-20261103-101502-1793632502.1187.wav"),
            "audio/exten-201-anonymous-20261103-101502-1793632502.1187.wav"
        );
        assert_eq!(
            mask_file_name("1793632502.1187.json"),
            "1793632502.1187.json"
        );
        assert_eq!(
            mask_file_name("reporte-987654321.txt"),
            "reporte-987654321.txt"
        );
    }
}

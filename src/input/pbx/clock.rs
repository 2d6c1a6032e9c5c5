//! The server-clock check of CDR and CEL files. cdr_csv and cel_custom write local times with no zone
//! (`2026-11-03 10:15:02`), in the zone of the server's clock: a PBX whose clock runs in UTC writes
//! UTC even without `usegmtime`, and read as Lima time every call lands five hours late. Asterisk's
//! uniqueid starts with the epoch second its channel was created (`1793632502.1187`,
//! `host-1793632502.1187`), a witness no zone setting touches. So each row whose time was written
//! without a zone votes for the whole number of hours it runs ahead of its uniqueid (within five
//! minutes; CDR rows that start later than their channel, such as legs after a transfer, do not land
//! near a whole hour and abstain). When more than half the rows checked agree on a non-zero offset, the
//! file's zone-less times are moved back by it. CDR rows vote with their start (the channel's
//! creation for its first CDR); CEL rows with CHAN_START, which is the channel's creation.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};

use crate::input::{CdrLeg, CelEvent, ClockCheck};

/// How far from a whole hour a row may be and still vote for it.
const TOLERANCE_S: i64 = 300;
/// Zone offsets run from UTC-12 to UTC+14.
const MAX_HOURS: i64 = 14;

/// The epoch second a uniqueid starts with, when it is `[system-]seconds.sequence` with 9 to 11 digits
/// of seconds.
pub(in crate::input) fn uniqueid_epoch(uniqueid: &str) -> Option<i64> {
    let tail = uniqueid.trim().rsplit('-').next()?;
    let (seconds, sequence) = tail.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    ((9..=11).contains(&seconds.len()) && digits(seconds) && digits(sequence))
        .then(|| seconds.parse().ok())
        .flatten()
}

/// Counts the votes of (time as read, uniqueid epoch) pairs. None when no row could be checked.
fn find_offset(pairs: impl Iterator<Item = (Timestamp, i64)>) -> Option<ClockCheck> {
    let mut checked = 0;
    let mut votes: BTreeMap<i64, usize> = BTreeMap::new();
    for (time, epoch) in pairs {
        checked += 1;
        let ahead = time.as_second() - epoch;
        let hours = (ahead as f64 / 3600.0).round() as i64;
        if hours.abs() <= MAX_HOURS && (ahead - hours * 3600).abs() <= TOLERANCE_S {
            *votes.entry(hours).or_default() += 1;
        }
    }
    if checked == 0 {
        return None;
    }
    // The most votes; a tie goes to the smaller correction.
    let (hours, agreeing) = votes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.abs().cmp(&a.0.abs())))
        .map_or((0, 0), |(h, n)| (*h, *n));
    Some(ClockCheck {
        rows_checked: checked,
        rows_agreeing: agreeing,
        offset_s: hours * 3600,
        corrected: hours != 0 && agreeing * 2 > checked,
    })
}

fn back(time: Timestamp, seconds: i64) -> Timestamp {
    time.checked_sub(SignedDuration::from_secs(seconds))
        .unwrap_or(time)
}

/// Checks CDR legs; `in_zone[i]` says whether leg i's times were written without a zone. Moves those
/// legs' times when the check finds an offset.
pub(in crate::input) fn settle_cdr(legs: &mut [CdrLeg], in_zone: &[bool]) -> Option<ClockCheck> {
    let check = find_offset(
        legs.iter()
            .zip(in_zone)
            .filter(|(_, z)| **z)
            .filter_map(|(leg, _)| uniqueid_epoch(&leg.uniqueid).map(|epoch| (leg.start, epoch))),
    )?;
    if check.corrected {
        for (leg, _) in legs.iter_mut().zip(in_zone).filter(|(_, z)| **z) {
            leg.start = back(leg.start, check.offset_s);
            leg.end = back(leg.end, check.offset_s);
            leg.answer = leg.answer.map(|a| back(a, check.offset_s));
        }
    }
    Some(check)
}

/// Checks CEL events by their CHAN_START rows; `in_zone[i]` as for `settle_cdr`.
pub(in crate::input) fn settle_cel(
    events: &mut [CelEvent],
    in_zone: &[bool],
) -> Option<ClockCheck> {
    let check = find_offset(
        events
            .iter()
            .zip(in_zone)
            .filter(|(event, z)| **z && event.event == "CHAN_START")
            .filter_map(|(event, _)| uniqueid_epoch(&event.uniqueid).map(|e| (event.time, e))),
    )?;
    if check.corrected {
        for (event, _) in events.iter_mut().zip(in_zone).filter(|(_, z)| **z) {
            event.time = back(event.time, check.offset_s);
        }
    }
    Some(check)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uniqueid_epochs() {
        assert_eq!(uniqueid_epoch("1793632502.1187"), Some(1_793_632_502));
        assert_eq!(
            uniqueid_epoch("mainserverdss-1706445411.103"),
            Some(1_706_445_411)
        );
        for not_one in ["", "1793632502", "12.5", "abc.1", "1793632502.", "x-y"] {
            assert_eq!(uniqueid_epoch(not_one), None, "{not_one}");
        }
    }

    #[test]
    fn votes_pick_the_whole_hour_most_rows_agree_on() {
        let at = |s: i64| Timestamp::from_second(s).unwrap();
        let base = 1_793_632_502;
        // Three rows 5 h ahead (one a second late), one leg that started 40 min after its channel.
        let pairs = [
            (at(base + 18_000), base),
            (at(base + 18_001), base + 10),
            (at(base + 18_000 + 2_400), base),
            (at(base + 18_000), base + 1),
        ];
        let check = find_offset(pairs.iter().copied()).unwrap();
        assert_eq!(
            check,
            ClockCheck {
                rows_checked: 4,
                rows_agreeing: 3,
                offset_s: 18_000,
                corrected: true
            },
            "the rows a few seconds off still vote, the late leg abstains"
        );
        let check = find_offset(pairs[1..3].iter().copied()).unwrap();
        assert_eq!(
            (check.rows_agreeing, check.corrected),
            (1, false),
            "one vote of two is no majority"
        );
        let agree = find_offset([(at(base), base)].into_iter()).unwrap();
        assert!(!agree.corrected && agree.offset_s == 0);
        assert_eq!(find_offset(std::iter::empty()), None);
    }
}

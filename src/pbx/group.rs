//! Gathering every log's records of one call under one call id, so that a call seen in several logs
//! (queue_log and the CDR, two copies of the CDR written by cdr_csv and cdr_custom, a rotated log
//! that overlaps the next) is one call with each record once.
//!
//! The id: the queue_log callid; the CDR/CEL linkedid, or the uniqueid when the layout has no
//! linkedid; the AMI Linkedid/Uniqueid. A CDR without linkedid (cdr_csv's 16 to 18 columns) writes
//! the far half of a Local channel pair (`Local/201@from-queue-00000abc;2`, the leg that rings the
//! agent's phone) as a row with its own uniqueid: it belongs to the call whose leg dialled the near
//! half (`...;1`) while it was up. Identical records from several files are kept once.

use std::collections::{BTreeMap, HashSet};

use crate::input::{AmiEvent, CdrLeg, CelEvent, PbxLog, QueueEvent};
use crate::model::PbxLogKind;

/// One call's records from every log, each list in time order.
#[derive(Debug, Default)]
pub(super) struct Records<'a> {
    pub queue: Vec<&'a QueueEvent>,
    pub cdr: Vec<&'a CdrLeg>,
    pub cel: Vec<&'a CelEvent>,
    pub ami: Vec<&'a AmiEvent>,
}

impl Records<'_> {
    /// The logs that mention the call (AMI only counts where it gave a hold: see `index`).
    pub fn logs(&self) -> Vec<PbxLogKind> {
        let mut logs = Vec::new();
        if !self.queue.is_empty() {
            logs.push(PbxLogKind::QueueLog);
        }
        if !self.cdr.is_empty() {
            logs.push(PbxLogKind::Cdr);
        }
        if !self.cel.is_empty() {
            logs.push(PbxLogKind::Cel);
        }
        logs
    }
}

/// queue_log writes these in the callid field of events that belong to no call.
fn is_call_id(id: &str) -> bool {
    !id.is_empty()
        && !["NONE", "REALTIME", "MANAGER", "CLI"]
            .iter()
            .any(|pseudo| id.eq_ignore_ascii_case(pseudo))
}

/// Every record of every log, grouped by call id, duplicates dropped, in time order (ties keep the
/// order of the files and lines).
pub(super) fn by_call(logs: &[PbxLog]) -> BTreeMap<String, Records<'_>> {
    let mut calls: BTreeMap<String, Records<'_>> = BTreeMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    for log in logs {
        for event in &log.queue {
            let key = format!(
                "q|{}|{}|{}|{}|{}|{}",
                event.time.as_millisecond(),
                event.call_id,
                event.queue,
                event.agent,
                event.event,
                event.data.join("|")
            );
            if is_call_id(&event.call_id) && seen.insert(key) {
                calls
                    .entry(event.call_id.clone())
                    .or_default()
                    .queue
                    .push(event);
            }
        }
        for event in &log.cel {
            let id = if event.linkedid.is_empty() {
                &event.uniqueid
            } else {
                &event.linkedid
            };
            let key = format!(
                "c|{}|{}|{}|{}",
                event.event,
                event.time.as_microsecond(),
                event.uniqueid,
                event.channel
            );
            if !id.is_empty() && seen.insert(key) {
                calls.entry(id.clone()).or_default().cel.push(event);
            }
        }
        for event in &log.ami {
            let id = if event.linkedid.is_empty() {
                &event.uniqueid
            } else {
                &event.linkedid
            };
            let key = event.time.map(|t| {
                format!(
                    "a|{}|{}|{}|{}",
                    event.event,
                    t.as_microsecond(),
                    event.uniqueid,
                    event.channel
                )
            });
            if !id.is_empty() && key.is_none_or(|k| seen.insert(k)) {
                calls.entry(id.clone()).or_default().ami.push(event);
            }
        }
    }
    for (id, leg) in cdr_legs(logs) {
        calls.entry(id).or_default().cdr.push(leg);
    }
    for records in calls.values_mut() {
        records.queue.sort_by_key(|e| e.time);
        records.cdr.sort_by_key(|l| l.start);
        records.cel.sort_by_key(|e| e.time);
        records.ami.sort_by_key(|e| e.time);
    }
    calls
}

/// The CDR legs of every log, each once, with the id of its call.
fn cdr_legs(logs: &[PbxLog]) -> Vec<(String, &CdrLeg)> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut legs: Vec<&CdrLeg> = Vec::new();
    for leg in logs.iter().flat_map(|log| &log.cdr) {
        let key = format!(
            "{}|{}|{}|{}|{}|{:?}|{}|{}",
            leg.uniqueid,
            leg.channel,
            leg.dstchannel,
            leg.start.as_second(),
            leg.end.as_second(),
            leg.disposition,
            leg.billsec_s,
            leg.lastapp
        );
        if seen.insert(key) {
            legs.push(leg);
        }
    }
    legs.sort_by_key(|l| l.start);
    // The near half of a Local pair, by channel name without `;1`: the call that dialled it, and when.
    let mut dialled: BTreeMap<&str, Vec<(String, jiff::Timestamp, jiff::Timestamp)>> =
        BTreeMap::new();
    let mut out = Vec::new();
    for leg in legs {
        let id = match leg.linkedid.as_deref().filter(|l| !l.is_empty()) {
            Some(linked) => linked.to_string(),
            None => leg
                .channel
                .strip_suffix(";2")
                .and_then(|half| dialled.get(half))
                .and_then(|spans| {
                    spans.iter().rev().find(|(_, from, to)| {
                        *from <= leg.start + jiff::SignedDuration::from_secs(2)
                            && leg.start <= *to + jiff::SignedDuration::from_secs(2)
                    })
                })
                .map_or_else(|| leg.uniqueid.clone(), |(id, _, _)| id.clone()),
        };
        if id.is_empty() {
            continue;
        }
        if let Some(half) = leg.dstchannel.strip_suffix(";1") {
            dialled
                .entry(half)
                .or_default()
                .push((id.clone(), leg.start, leg.end));
        }
        out.push((id, leg));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Disposition;

    fn leg(uniqueid: &str, channel: &str, dstchannel: &str, start: i64) -> CdrLeg {
        let at = |s: i64| jiff::Timestamp::from_second(s).unwrap();
        CdrLeg {
            uniqueid: uniqueid.into(),
            linkedid: None,
            clid_name: String::new(),
            src: "987654321".into(),
            dst: "600".into(),
            dcontext: "ext-queues".into(),
            channel: channel.into(),
            dstchannel: dstchannel.into(),
            lastapp: "Queue".into(),
            lastdata: "600".into(),
            start: at(start),
            answer: None,
            end: at(start + 20),
            duration_s: 20.0,
            billsec_s: 0.0,
            disposition: Disposition::NoAnswer,
            userfield: String::new(),
            line: 1,
        }
    }

    #[test]
    fn local_far_halves_join_the_call_that_dialled_them_and_copies_count_once() {
        let caller = leg(
            "1762182900.1",
            "PJSIP/trunk-00000001",
            "Local/201@from-queue-0000000a;1",
            1_762_182_900,
        );
        let agent = leg(
            "1762182901.3",
            "Local/201@from-queue-0000000a;2",
            "PJSIP/201-00000004",
            1_762_182_901,
        );
        // The same name a day later (the counter restarted) is another call's.
        let later = leg(
            "1762269301.9",
            "Local/201@from-queue-0000000a;2",
            "PJSIP/201-00000009",
            1_762_269_301,
        );
        let logs = vec![
            PbxLog {
                cdr: vec![caller.clone(), agent.clone(), later],
                ..PbxLog::default()
            },
            PbxLog {
                cdr: vec![caller, agent],
                ..PbxLog::default()
            },
        ];
        let calls = by_call(&logs);
        let ids: Vec<(&str, usize)> = calls
            .iter()
            .map(|(id, r)| (id.as_str(), r.cdr.len()))
            .collect();
        assert_eq!(ids, [("1762182900.1", 2), ("1762269301.9", 1)]);
    }
}

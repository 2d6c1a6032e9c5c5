//! What the PBX says about each call, gathered from every log: queue_log (entry, ringing, answer, end,
//! transfers), CDR legs (who rang, how each leg ended), CEL (transfers) and AMI (exact holds). Records
//! are grouped by call id: the queue_log callid, the CDR/CEL linkedid (or uniqueid when there is none),
//! the AMI Linkedid/Uniqueid. `lines` turns these calls into the daily line review; `crate::link` joins
//! them to transcripts.

pub mod lines;

use std::collections::BTreeMap;

use jiff::Timestamp;

use crate::model::{CdrLeg, Disposition, PbxLog, PbxLogKind, Source, TransferKind};

/// What became of a ring at an extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RingResult {
    Answered,
    NoAnswer,
    Busy,
    /// FAILED, CONGESTION or CHANUNAVAIL.
    Failed,
}

/// One attempt to reach an extension.
#[derive(Debug, Clone, PartialEq)]
pub struct Ring {
    pub extension: String,
    pub at: Timestamp,
    pub result: RingResult,
    /// For answered legs, how long the leg stayed up after the answer (CDR billsec).
    pub up_s: Option<f64>,
    pub source: PbxLogKind,
    /// Read from the caller leg's Local channel: the same ring as the agent leg behind it, if logged.
    pub via_local: bool,
}

/// How a call ended at the PBX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// Entered a queue.
    Queue,
    /// Inbound straight to an extension (no queue).
    Inbound,
    Outbound,
}

/// A transfer the PBX logged.
#[derive(Debug, Clone, PartialEq)]
pub struct PbxTransfer {
    pub kind: TransferKind,
    pub at: Timestamp,
    pub target: String,
    pub source: Source,
}

/// One call as the PBX saw it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PbxCall {
    pub call_id: String,
    pub direction: Option<Direction>,
    pub queue: Option<String>,
    /// The caller's number, whole (masked wherever it is shown).
    pub caller: Option<String>,
    /// When the call reached the PBX (queue entry or the inbound leg's start).
    pub entered_at: Option<Timestamp>,
    /// When an operator answered, and who.
    pub connected_at: Option<Timestamp>,
    pub agent: Option<String>,
    pub extension: Option<String>,
    /// Seconds in the queue before the answer, or before giving up.
    pub wait_s: Option<f64>,
    pub ended_at: Option<Timestamp>,
    /// The event that closed the call in queue_log (COMPLETECALLER, ABANDON, EXITWITHTIMEOUT, ...).
    pub end_event: Option<String>,
    /// Talk time from the answer to the end, holds included.
    pub handle_s: Option<f64>,
    pub rings: Vec<Ring>,
    pub holds: Vec<(Timestamp, Timestamp)>,
    pub transfer: Option<PbxTransfer>,
    /// Which logs mention the call.
    pub seen_in: Vec<PbxLogKind>,
}

impl PbxCall {
    pub fn answered(&self) -> bool {
        self.connected_at.is_some()
    }

    /// Offered: entered a queue, or reached the PBX inbound (outbound calls are not offered).
    pub fn offered(&self) -> bool {
        matches!(
            self.direction,
            Some(Direction::Queue) | Some(Direction::Inbound)
        )
    }
}

/// The extension in a channel or agent name: `PJSIP/201`, `SIP/201-0000001a`, `Local/201@from-queue/n`,
/// `Agent/201`, `PJSIP/201-0000001a;1`. None for trunks and names without digits.
pub fn extension_of(channel: &str) -> Option<String> {
    let (tech, rest) = channel.split_once('/')?;
    if !matches!(
        tech.to_ascii_uppercase().as_str(),
        "PJSIP" | "SIP" | "IAX2" | "LOCAL" | "AGENT" | "DAHDI"
    ) {
        return None;
    }
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let digits = &rest[..end];
    (!digits.is_empty() && digits.len() <= 6).then(|| digits.to_string())
}

fn ring_result(disposition: &Disposition) -> Option<RingResult> {
    Some(match disposition {
        Disposition::Answered => RingResult::Answered,
        Disposition::NoAnswer | Disposition::Cancel => RingResult::NoAnswer,
        Disposition::Busy => RingResult::Busy,
        Disposition::Failed | Disposition::Congestion => RingResult::Failed,
        Disposition::Other(text) if text.to_ascii_uppercase().contains("CHANUNAVAIL") => {
            RingResult::Failed
        }
        Disposition::Other(_) => return None,
    })
}

/// Every call the logs mention, by call id, in id order. `logs` may be a stream (a large queue_log
/// comes as consecutive batches of its lines): each is folded in and dropped.
pub fn index<L: std::borrow::Borrow<PbxLog>>(
    logs: impl IntoIterator<Item = L>,
) -> BTreeMap<String, PbxCall> {
    let mut calls: BTreeMap<String, PbxCall> = BTreeMap::new();
    for log in logs {
        let log = log.borrow();
        for event in &log.queue {
            if event.call_id.is_empty() || event.call_id.eq_ignore_ascii_case("NONE") {
                continue;
            }
            let c = call(&mut calls, &event.call_id, PbxLogKind::QueueLog);
            let number = |i: usize| event.data.get(i).and_then(|d| d.trim().parse::<f64>().ok());
            let extension = extension_of(&event.agent);
            match event.event.as_str() {
                "ENTERQUEUE" => {
                    c.direction = Some(Direction::Queue);
                    c.queue = Some(event.queue.clone());
                    c.entered_at = Some(c.entered_at.map_or(event.time, |t| t.min(event.time)));
                    if let Some(number) = event.data.get(1).filter(|n| !n.is_empty()) {
                        c.caller = Some(number.clone());
                    }
                }
                "CONNECT" => {
                    c.connected_at = Some(event.time);
                    c.agent = Some(event.agent.clone());
                    c.extension = extension.clone();
                    c.wait_s = number(0);
                }
                "RINGNOANSWER" => {
                    if let Some(extension) = extension {
                        // Asterisk logs a ring of 0 ms when the member was busy or unreachable.
                        let result = if number(0) == Some(0.0) {
                            RingResult::Busy
                        } else {
                            RingResult::NoAnswer
                        };
                        c.rings.push(Ring {
                            extension,
                            at: event.time,
                            result,
                            up_s: None,
                            source: PbxLogKind::QueueLog,
                            via_local: false,
                        });
                    }
                }
                "COMPLETECALLER" | "COMPLETEAGENT" => {
                    c.ended_at = Some(event.time);
                    c.end_event = Some(event.event.clone());
                    c.handle_s = number(1);
                }
                "ABANDON" | "EXITWITHTIMEOUT" | "EXITWITHKEY" => {
                    c.ended_at = Some(event.time);
                    c.end_event = Some(event.event.clone());
                    c.wait_s = number(2);
                }
                "EXITEMPTY" | "FULL" | "JOINEMPTY" | "JOINUNAVAIL" | "CLOSED" => {
                    c.direction = Some(Direction::Queue);
                    c.queue.get_or_insert(event.queue.clone());
                    c.entered_at.get_or_insert(event.time);
                    c.ended_at = Some(event.time);
                    c.end_event = Some(event.event.clone());
                }
                "BLINDTRANSFER" | "ATTENDEDTRANSFER" | "TRANSFER" => {
                    let kind = if event.event == "ATTENDEDTRANSFER" {
                        TransferKind::Attended
                    } else {
                        TransferKind::Blind
                    };
                    c.ended_at = Some(event.time);
                    c.end_event = Some(event.event.clone());
                    // BLINDTRANSFER|exten|context|holdtime|calltime|origpos; ATTENDEDTRANSFER|method|
                    // data...|holdtime|calltime|origpos: the call time is second from the end.
                    c.handle_s = match kind {
                        TransferKind::Blind => number(3),
                        TransferKind::Attended => event.data.len().checked_sub(2).and_then(number),
                    };
                    let target = match kind {
                        TransferKind::Blind => event.data.first().cloned().unwrap_or_default(),
                        TransferKind::Attended => String::new(),
                    };
                    c.transfer = Some(PbxTransfer {
                        kind,
                        at: event.time,
                        target,
                        source: Source::QueueLog,
                    });
                }
                _ => {}
            }
        }
        for leg in &log.cdr {
            let id = leg
                .linkedid
                .as_deref()
                .filter(|l| !l.is_empty())
                .unwrap_or(&leg.uniqueid);
            if id.is_empty() {
                continue;
            }
            add_leg(call(&mut calls, id, PbxLogKind::Cdr), leg);
        }
        for event in &log.cel {
            let id = if event.linkedid.is_empty() {
                &event.uniqueid
            } else {
                &event.linkedid
            };
            if id.is_empty() {
                continue;
            }
            let kind = match event.event.as_str() {
                "BLINDTRANSFER" => TransferKind::Blind,
                "ATTENDEDTRANSFER" | "TRANSFER" => TransferKind::Attended,
                _ => {
                    call(&mut calls, id, PbxLogKind::Cel);
                    continue;
                }
            };
            let c = call(&mut calls, id, PbxLogKind::Cel);
            // queue_log, when present, is the closer witness; CEL fills in otherwise.
            if c.transfer.is_none() {
                let target = if event.exten.is_empty() {
                    event.peer.clone()
                } else {
                    event.exten.clone()
                };
                c.transfer = Some(PbxTransfer {
                    kind,
                    at: event.time,
                    target,
                    source: Source::Cel,
                });
            }
        }
        add_holds(&mut calls, log);
    }
    for c in calls.values_mut() {
        prefer_cdr_rings(&mut c.rings);
        c.holds.sort();
    }
    calls
}

/// queue_log and the CDR both log the rings of a queue call. The CDR is the better witness of how a
/// ring ended (queue_log's RINGNOANSWER cannot tell a busy or failed phone from an unanswered one), so
/// for an extension the CDR has legs for, its rings replace queue_log's.
fn prefer_cdr_rings(rings: &mut Vec<Ring>) {
    let in_cdr: std::collections::BTreeSet<String> = rings
        .iter()
        .filter(|r| r.source == PbxLogKind::Cdr)
        .map(|r| r.extension.clone())
        .collect();
    rings.retain(|r| r.source == PbxLogKind::Cdr || !in_cdr.contains(&r.extension));
    // A caller leg to `Local/201@from-queue;1` and the agent leg `;2` -> `PJSIP/201` are one ring.
    let agent_legs: Vec<(String, RingResult)> = rings
        .iter()
        .filter(|r| r.source == PbxLogKind::Cdr && !r.via_local)
        .map(|r| (r.extension.clone(), r.result))
        .collect();
    rings.retain(|r| {
        !r.via_local
            || !agent_legs
                .iter()
                .any(|(ext, result)| *ext == r.extension && *result == r.result)
    });
    rings.sort_by(|a, b| (a.at, &a.extension).cmp(&(b.at, &b.extension)));
}

/// The call with this id, created on first mention; records which log mentioned it.
fn call<'a>(
    calls: &'a mut BTreeMap<String, PbxCall>,
    id: &str,
    kind: PbxLogKind,
) -> &'a mut PbxCall {
    let entry = calls.entry(id.to_string()).or_insert_with(|| PbxCall {
        call_id: id.to_string(),
        ..PbxCall::default()
    });
    if !entry.seen_in.contains(&kind) {
        entry.seen_in.push(kind);
        entry.seen_in.sort();
    }
    entry
}

/// A CDR leg: the caller's leg sets the direction and times; an agent leg is a ring at an extension.
fn add_leg(c: &mut PbxCall, leg: &CdrLeg) {
    let own_leg = leg.uniqueid == c.call_id;
    if own_leg {
        let context = leg.dcontext.to_ascii_lowercase();
        let outbound = context.contains("from-internal")
            || context.contains("outbound")
            || context.contains("outrt");
        if c.direction.is_none() {
            c.direction = Some(if outbound {
                Direction::Outbound
            } else {
                Direction::Inbound
            });
        }
        c.entered_at = Some(c.entered_at.map_or(leg.start, |t| t.min(leg.start)));
        if c.caller.is_none() && !leg.src.is_empty() && !outbound {
            c.caller = Some(leg.src.clone());
        }
        c.ended_at.get_or_insert(leg.end);
        if outbound {
            // The operator placed the call: their extension is the leg's own channel.
            c.extension = extension_of(&leg.channel);
            c.connected_at = leg.answer;
            c.handle_s.get_or_insert(leg.billsec_s);
            // The placing extension was busy on this leg (the line review needs it, to tell a real
            // busy from a phone left off the hook).
            if let (Some(extension), Some(answer)) = (c.extension.clone(), leg.answer) {
                c.rings.push(Ring {
                    extension,
                    at: answer,
                    result: RingResult::Answered,
                    up_s: Some(leg.billsec_s),
                    source: PbxLogKind::Cdr,
                    via_local: false,
                });
            }
            return;
        }
    }
    // The extension this leg rang: its destination channel, or its own channel for agent legs.
    let extension = extension_of(&leg.dstchannel).or_else(|| {
        if own_leg {
            None
        } else {
            extension_of(&leg.channel)
        }
    });
    let (Some(extension), Some(result)) = (extension, ring_result(&leg.disposition)) else {
        return;
    };
    let up_s = (result == RingResult::Answered).then_some(leg.billsec_s);
    if result == RingResult::Answered && c.connected_at.is_none() {
        c.connected_at = leg.answer;
        c.extension = Some(extension.clone());
        c.handle_s.get_or_insert(leg.billsec_s);
        if let (Some(answer), Some(entered)) = (leg.answer, c.entered_at) {
            c.wait_s.get_or_insert(
                ((answer.as_millisecond() - entered.as_millisecond()) as f64 / 1000.0).max(0.0),
            );
        }
    }
    // A caller leg to `Local/201@from-queue;1` rings the same phone as the agent leg behind it.
    let via_local = own_leg && leg.dstchannel.to_ascii_lowercase().starts_with("local/");
    c.rings.push(Ring {
        extension,
        at: leg.start,
        result,
        up_s,
        source: PbxLogKind::Cdr,
        via_local,
    });
}

/// The AMI events `index` reads (in `add_holds`): a large AMI log is read keeping only these. Add to
/// it when the index starts reading another event.
pub const AMI_EVENTS_INDEXED: &[&str] = &["Hold", "Unhold"];

/// AMI Hold/Unhold pairs on the same channel become hold intervals of the call.
fn add_holds(calls: &mut BTreeMap<String, PbxCall>, log: &PbxLog) {
    let mut open: BTreeMap<(String, String), Timestamp> = BTreeMap::new();
    for event in &log.ami {
        let id = if event.linkedid.is_empty() {
            &event.uniqueid
        } else {
            &event.linkedid
        };
        let Some(time) = event.time else { continue };
        if id.is_empty() {
            continue;
        }
        let key = (id.clone(), event.channel.clone());
        match event.event.as_str() {
            "Hold" => {
                open.entry(key).or_insert(time);
            }
            "Unhold" => {
                if let Some(start) = open.remove(&key) {
                    let c = calls.entry(id.clone()).or_insert_with(|| PbxCall {
                        call_id: id.clone(),
                        ..PbxCall::default()
                    });
                    if !c.seen_in.contains(&PbxLogKind::Ami) {
                        c.seen_in.push(PbxLogKind::Ami);
                        c.seen_in.sort();
                    }
                    c.holds.push((start, time));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_from_channels_and_agents() {
        assert_eq!(extension_of("PJSIP/201").as_deref(), Some("201"));
        assert_eq!(extension_of("SIP/202-0000001a").as_deref(), Some("202"));
        assert_eq!(
            extension_of("Local/203@from-queue/n").as_deref(),
            Some("203")
        );
        assert_eq!(
            extension_of("Local/204@from-queue-00000abc;1").as_deref(),
            Some("204")
        );
        assert_eq!(extension_of("Agent/205").as_deref(), Some("205"));
        assert_eq!(extension_of("PJSIP/trunk-movistar-00000012"), None);
        assert_eq!(extension_of("Rosa Quispe"), None);
        assert_eq!(extension_of("NONE"), None);
    }
}

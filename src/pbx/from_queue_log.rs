//! What queue_log says about one call, applied over what the CDR said (queue_log is the closer
//! witness of the queue): entry, rings, the answer, the talk, how the call left the queue, transfers,
//! and FreePBX's `DID` (the number dialled). Then, across calls, the consultation calls of attended
//! transfers through a second queue.
//!
//! A call answered in one queue and transferred into another (an attended transfer whose target was
//! still waiting in the second queue, `ATTENDEDTRANSFER|APP|Queue|...`) keeps its callid there:
//! Asterisk moves the caller into the consultation call's place and swaps the uniqueids, so the
//! second queue's CONNECT and COMPLETE* carry the original callid. Its first CONNECT is the answer
//! and its wait; every talk stretch (the calltime of each COMPLETE* and transfer) adds to its handle
//! time. The consultation call itself (the operator's own call into the second queue, with the
//! operator's extension as caller id, entered between the answer and the transfer) is part of the
//! transferred call, not a call offered to the help desk.

use std::collections::BTreeMap;

use super::group::Records;
use super::{
    Direction, InternalCall, InternalTarget, Members, PbxCall, PbxTransfer, Ring, RingResult,
    extension_of,
};
use crate::input::QueueEvent;
use crate::model::PbxLogKind;
use crate::model::{Source, TransferKind};

/// Who an agent field names: the extension (from the channel, or the roster through `members`), and
/// the key the line review counts the member under (the extension, or the name as logged).
fn member(agent: &str, members: Members) -> Option<(String, Option<String>)> {
    let agent = agent.trim();
    if agent.is_empty() || agent.eq_ignore_ascii_case("NONE") {
        return None;
    }
    let extension = extension_of(agent).or_else(|| members(agent));
    Some((
        extension.clone().unwrap_or_else(|| agent.to_string()),
        extension,
    ))
}

/// Applies the call's queue_log events (in time order) to `call`.
pub(super) fn apply(call: &mut PbxCall, events: &[&QueueEvent], members: Members) {
    let mut entered_queue = false;
    let mut connected = false;
    let mut talk = Talk::default();
    for event in events {
        let number = |i: usize| event.data.get(i).and_then(|d| d.trim().parse::<f64>().ok());
        let member = member(&event.agent, members);
        let answered = connected || call.connected_at.is_some();
        match event.event.as_str() {
            "DID" => {
                if let Some(did) = event.data.first().filter(|d| !d.is_empty()) {
                    call.dialled.get_or_insert(did.clone());
                }
            }
            "ENTERQUEUE" => {
                call.direction = Some(Direction::Queue);
                if !entered_queue {
                    call.queue = Some(event.queue.clone());
                    entered_queue = true;
                }
                call.entered_at = Some(call.entered_at.map_or(event.time, |t| t.min(event.time)));
                if let Some(number) = event.data.get(1).filter(|n| !n.is_empty()) {
                    call.caller = Some(number.clone());
                }
            }
            "CONNECT" => {
                if let Some((key, extension)) = member {
                    talk.ring = Some(call.rings.len());
                    call.rings.push(ring(key, event, RingResult::Answered));
                    if !connected {
                        call.extension = extension.or(call.extension.take());
                    }
                }
                if !connected {
                    connected = true;
                    call.connected_at = Some(event.time);
                    call.agent = Some(event.agent.clone());
                    call.wait_s = number(0);
                }
            }
            "RINGNOANSWER" => {
                // Asterisk logs a ring of 0 ms when the member was busy or unreachable.
                let result = if number(0) == Some(0.0) {
                    RingResult::Busy
                } else {
                    RingResult::NoAnswer
                };
                if let Some((key, _)) = member {
                    call.rings.push(ring(key, event, result));
                }
            }
            "COMPLETECALLER" | "COMPLETEAGENT" => {
                call.ended_at = Some(event.time);
                call.end_event = Some(event.event.clone());
                talk.end(call, number(1));
            }
            "ABANDON" | "EXITWITHTIMEOUT" | "EXITWITHKEY" | "WITHDRAW" => {
                call.ended_at = Some(event.time);
                call.end_event = Some(event.event.clone());
                if !answered {
                    // ABANDON|pos|origpos|wait; EXITWITHKEY|key|pos|origpos|wait.
                    let at = if event.event == "EXITWITHKEY" { 3 } else { 2 };
                    call.wait_s = number(at);
                }
            }
            "EXITEMPTY" | "FULL" | "JOINEMPTY" | "JOINUNAVAIL" | "CLOSED" => {
                call.direction = Some(Direction::Queue);
                call.queue.get_or_insert(event.queue.clone());
                call.entered_at.get_or_insert(event.time);
                if !answered {
                    call.ended_at = Some(event.time);
                    call.end_event = Some(event.event.clone());
                }
            }
            "BLINDTRANSFER" | "ATTENDEDTRANSFER" | "TRANSFER" => {
                let kind = match event.event.as_str() {
                    "ATTENDEDTRANSFER" => Some(TransferKind::Attended),
                    "BLINDTRANSFER" => Some(TransferKind::Blind),
                    _ => None,
                };
                call.ended_at = Some(event.time);
                call.end_event = Some(event.event.clone());
                // BLINDTRANSFER|exten|context|holdtime|calltime|origpos; ATTENDEDTRANSFER|method|
                // data...|holdtime|calltime|origpos: the call time is second from the end.
                // TRANSFER|exten|context|holdtime|calltime: the blind layout.
                let calltime = match kind {
                    Some(TransferKind::Attended) => {
                        event.data.len().checked_sub(2).and_then(number)
                    }
                    _ => number(3),
                };
                talk.end(call, calltime);
                if call.transfer.is_none() {
                    call.transfer = Some(PbxTransfer {
                        kind,
                        at: event.time,
                        target: match kind {
                            Some(TransferKind::Attended) => String::new(),
                            _ => event.data.first().cloned().unwrap_or_default(),
                        },
                        source: Source::QueueLog,
                    });
                }
            }
            _ => {}
        }
    }
    if let Some(total) = talk.total_s {
        call.handle_s = Some(total);
    }
}

/// The operators' talk so far: each stretch ends with a COMPLETE* or a transfer and gives its
/// calltime to the total and to the ring of the member who talked.
#[derive(Default)]
struct Talk {
    total_s: Option<f64>,
    /// Index in `call.rings` of the member talking now.
    ring: Option<usize>,
}

impl Talk {
    fn end(&mut self, call: &mut PbxCall, calltime: Option<f64>) {
        let Some(seconds) = calltime else { return };
        *self.total_s.get_or_insert(0.0) += seconds;
        if let Some(ring) = self.ring.take().and_then(|i| call.rings.get_mut(i)) {
            ring.up_s = Some(seconds);
        }
    }
}

fn ring(key: String, event: &QueueEvent, result: RingResult) -> Ring {
    Ring {
        extension: key,
        at: event.time,
        result,
        up_s: None,
        source: PbxLogKind::QueueLog,
        via_local: false,
    }
}

/// Marks the consultation calls of attended transfers (see the file's doc): an ENTERQUEUE whose
/// caller id is the transferring operator's extension (or member name), between that operator's
/// answer and the transfer; the latest such entry is the consultation.
pub(super) fn mark_consultations(
    calls: &mut BTreeMap<String, PbxCall>,
    records: &BTreeMap<String, Records<'_>>,
    members: Members,
) {
    // Queue entries by caller id: (time, call id, queue).
    let mut entries: BTreeMap<&str, Vec<(jiff::Timestamp, &str, &str)>> = BTreeMap::new();
    for (id, r) in records {
        for event in r.queue.iter().filter(|e| e.event == "ENTERQUEUE") {
            if let Some(caller) = event.data.get(1).filter(|c| !c.is_empty()) {
                entries.entry(caller.as_str()).or_default().push((
                    event.time,
                    id.as_str(),
                    event.queue.as_str(),
                ));
            }
        }
    }
    let mut found: Vec<(String, String, Option<String>, String, jiff::Timestamp)> = Vec::new();
    for (id, r) in records {
        let Some(answer) = r.queue.iter().find(|e| e.event == "CONNECT") else {
            continue;
        };
        for transfer in r.queue.iter().filter(|e| e.event == "ATTENDEDTRANSFER") {
            let Some((key, extension)) = member(&transfer.agent, members) else {
                continue;
            };
            let callers = [Some(key.as_str()), extension.as_deref()];
            let consultation = callers
                .iter()
                .flatten()
                .filter_map(|caller| entries.get(caller))
                .flatten()
                .filter(|(at, other, _)| *other != id && answer.time <= *at && *at <= transfer.time)
                .max_by_key(|(at, _, _)| *at);
            if let Some((_, other, queue)) = consultation {
                found.push((
                    other.to_string(),
                    id.clone(),
                    extension.clone(),
                    queue.to_string(),
                    transfer.time,
                ));
            }
        }
    }
    for (consultation, of, extension, queue, at) in found {
        if let Some(call) = calls.get_mut(&consultation) {
            call.consultation_of = Some(of);
            call.internal = Some(InternalCall {
                from: extension,
                to: queue,
                target: InternalTarget::Consultation,
            });
            call.ended_at.get_or_insert(at);
        }
    }
}

//! What CEL says about one call. CEL is the witness of last resort for how a call went: its channels
//! are read only when no CDR leg mentions the call (a PBX that logs CEL alone). Its transfers fill in
//! when queue_log logged none, and its holds when AMI logged none.
//!
//! A call's first channel (uniqueid = linkedid) tells where it came from: its CHAN_START context and
//! name (see `route`), its APP_START Queue or Dial. Every other phone channel of the call is a ring:
//! answered when it has an ANSWER event, else as its HANGUP's cause says (17 busy; 1, 3, 20, 27, 34,
//! 38, 41, 42 failed; anything else unanswered). A Dial that reached no channel at all (the phone is
//! unregistered, CHANUNAVAIL, or busy before any channel was made) is read from the dialstatus
//! Asterisk 12+ puts in the first channel's HANGUP extra (`{"hangupcause":17,"hangupsource":"",
//! "dialstatus":"BUSY"}`) and the extensions of the Dial. Holds: HOLD/UNHOLD events (logged by some
//! builds, or named so with CELGenUserEvent) on the same channel.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::route::{dial_targets, internal_target, is_trunk, queue_of, starts_inside};
use super::{Direction, InternalCall, PbxCall, PbxTransfer, Ring, RingResult, extension_of};
use crate::input::CelEvent;
use crate::model::PbxLogKind;
use crate::model::{Source, TransferKind};

/// One channel of the call, as its events describe it.
#[derive(Debug, Default)]
struct Channel<'a> {
    name: &'a str,
    context: &'a str,
    exten: &'a str,
    cid_num: &'a str,
    start: Option<Timestamp>,
    answer: Option<Timestamp>,
    hangup: Option<(Timestamp, &'a str)>,
    /// APP_START applications with their data.
    apps: Vec<(&'a str, &'a str)>,
}

fn channels<'a>(events: &[&'a CelEvent]) -> Vec<(&'a str, Channel<'a>)> {
    let mut order: Vec<&str> = Vec::new();
    let mut by_id: BTreeMap<&str, Channel<'a>> = BTreeMap::new();
    for event in events {
        let id = event.uniqueid.as_str();
        let channel = by_id.entry(id).or_insert_with(|| {
            order.push(id);
            Channel::default()
        });
        if channel.name.is_empty() {
            channel.name = &event.channel;
        }
        match event.event.as_str() {
            "CHAN_START" => {
                channel.start.get_or_insert(event.time);
                channel.context = &event.context;
                channel.exten = &event.exten;
                channel.cid_num = &event.cid_num;
            }
            "ANSWER" => {
                channel.answer.get_or_insert(event.time);
            }
            "HANGUP" => {
                channel
                    .hangup
                    .get_or_insert((event.time, event.extra.as_str()));
            }
            "APP_START" => channel.apps.push((&event.app, &event.appdata)),
            _ => {}
        }
    }
    order
        .into_iter()
        .filter_map(|id| by_id.remove(id).map(|c| (id, c)))
        .collect()
}

/// The hangup cause and dialstatus of a HANGUP extra: Asterisk 12+ JSON, or `16,dialplan/builtin,`.
fn hangup_facts(extra: &str) -> (Option<i64>, String) {
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(extra) {
        let cause = json["hangupcause"].as_i64();
        let status = json["dialstatus"]
            .as_str()
            .unwrap_or("")
            .to_ascii_uppercase();
        return (cause, status);
    }
    let cause = extra.split(',').next().and_then(|c| c.trim().parse().ok());
    (cause, String::new())
}

fn result_of_cause(cause: Option<i64>) -> RingResult {
    match cause {
        Some(17) => RingResult::Busy,
        Some(1 | 3 | 20 | 27 | 34 | 38 | 41 | 42) => RingResult::Failed,
        _ => RingResult::NoAnswer,
    }
}

fn result_of_dialstatus(status: &str) -> Option<RingResult> {
    match status {
        "BUSY" => Some(RingResult::Busy),
        "CHANUNAVAIL" | "CONGESTION" => Some(RingResult::Failed),
        "NOANSWER" | "CANCEL" => Some(RingResult::NoAnswer),
        _ => None,
    }
}

fn seconds_between(from: Timestamp, to: Timestamp) -> f64 {
    ((to.as_millisecond() - from.as_millisecond()) as f64 / 1000.0).max(0.0)
}

/// Applies the call's CEL events (in time order) to `call`: only for calls no CDR leg mentions.
pub(super) fn apply(call: &mut PbxCall, events: &[&CelEvent]) {
    let channels = channels(events);
    let Some(first_at) = channels
        .iter()
        .position(|(id, _)| *id == call.call_id)
        .or((!channels.is_empty()).then_some(0))
    else {
        return;
    };
    let first = &channels[first_at].1;
    call.entered_at = first.start.or(events.first().map(|e| e.time));
    call.ended_at = events.last().map(|e| e.time);
    let others = || {
        channels
            .iter()
            .enumerate()
            .filter(move |(i, _)| *i != first_at)
            .map(|(_, (_, c))| c)
    };
    if let Some((_, data)) = first
        .apps
        .iter()
        .find(|(app, _)| app.eq_ignore_ascii_case("Queue"))
    {
        call.direction = Some(Direction::Queue);
        call.queue = queue_of(data);
    } else if starts_inside(first.name, first.context) {
        let outbound = others().any(|c| is_trunk(c.name));
        let extension = extension_of(first.name);
        call.direction = Some(if outbound {
            Direction::Outbound
        } else {
            Direction::Internal
        });
        call.extension = extension.clone();
        // The phone's own channel is answered when what it called answered (a phone, the echo test,
        // voicemail).
        if let Some(answer) = first.answer {
            let up_s = first.hangup.map(|(at, _)| seconds_between(answer, at));
            call.connected_at = Some(answer);
            call.handle_s = up_s;
            if let Some(extension) = extension.clone() {
                call.rings
                    .push(ring(extension, answer, RingResult::Answered, up_s));
            }
        }
        if !outbound {
            let last_app = first.apps.last().copied().unwrap_or(("", ""));
            let bridged = others().find(|c| c.answer.is_some()).map_or("", |c| c.name);
            call.internal = Some(InternalCall {
                from: extension,
                to: first.exten.to_string(),
                target: internal_target(last_app.0, first.exten, first.context, bridged),
            });
        }
        return;
    } else {
        call.direction = Some(Direction::Inbound);
    }
    if !first.cid_num.is_empty() {
        call.caller = Some(first.cid_num.to_string());
    }
    let mut rung: Vec<String> = Vec::new();
    for channel in others() {
        let Some(extension) = extension_of(channel.name).filter(|_| !is_local(channel.name)) else {
            continue;
        };
        let Some(at) = channel.start.or(channel.answer).or(call.entered_at) else {
            continue;
        };
        let (result, up_s) = match (channel.answer, channel.hangup) {
            (Some(answer), hangup) => (
                RingResult::Answered,
                hangup.map(|(end, _)| seconds_between(answer, end)),
            ),
            (None, Some((_, extra))) => (result_of_cause(hangup_facts(extra).0), None),
            (None, None) => (RingResult::NoAnswer, None),
        };
        if result == RingResult::Answered && call.connected_at.is_none() {
            call.connected_at = channel.answer;
            call.extension = Some(extension.clone());
            call.handle_s = up_s;
            if let (Some(answer), Some(entered)) = (channel.answer, call.entered_at) {
                call.wait_s = Some(seconds_between(entered, answer));
            }
        }
        rung.push(extension.clone());
        call.rings.push(ring(extension, at, result, up_s));
    }
    // A Dial that made no channel: the first channel's dialstatus says how it ended.
    let status = first.hangup.map(|(_, extra)| hangup_facts(extra).1);
    if let (Some(result), Some((at, _))) = (
        status.as_deref().and_then(result_of_dialstatus),
        first.hangup,
    ) {
        let dials = first
            .apps
            .iter()
            .filter(|(app, _)| app.eq_ignore_ascii_case("Dial"));
        for (_, data) in dials {
            for extension in dial_targets(data) {
                if !rung.contains(&extension) {
                    rung.push(extension.clone());
                    call.rings.push(ring(extension, at, result, None));
                }
            }
        }
    }
}

fn is_local(channel: &str) -> bool {
    channel.to_ascii_lowercase().starts_with("local/")
}

fn ring(extension: String, at: Timestamp, result: RingResult, up_s: Option<f64>) -> Ring {
    Ring {
        extension,
        at,
        result,
        up_s,
        source: PbxLogKind::Cel,
        via_local: false,
    }
}

/// The call's first transfer in CEL: BLINDTRANSFER, ATTENDEDTRANSFER, or the legacy TRANSFER (before
/// Asterisk 12; of either kind, read as in queue_log).
pub(super) fn transfer(events: &[&CelEvent]) -> Option<PbxTransfer> {
    events.iter().find_map(|event| {
        let kind = match event.event.as_str() {
            "BLINDTRANSFER" => Some(TransferKind::Blind),
            "ATTENDEDTRANSFER" => Some(TransferKind::Attended),
            "TRANSFER" => None,
            _ => return None,
        };
        let target = if event.exten.is_empty() {
            event.peer.clone()
        } else {
            event.exten.clone()
        };
        Some(PbxTransfer {
            kind,
            at: event.time,
            target,
            source: Source::Cel,
        })
    })
}

/// HOLD/UNHOLD pairs on the same channel.
pub(super) fn holds(events: &[&CelEvent]) -> Vec<(Timestamp, Timestamp)> {
    let mut open: BTreeMap<&str, Timestamp> = BTreeMap::new();
    let mut holds = Vec::new();
    for event in events {
        match event.event.as_str() {
            "HOLD" => {
                open.entry(event.channel.as_str()).or_insert(event.time);
            }
            "UNHOLD" => {
                if let Some(start) = open.remove(event.channel.as_str()) {
                    holds.push((start, event.time));
                }
            }
            _ => {}
        }
    }
    holds
}

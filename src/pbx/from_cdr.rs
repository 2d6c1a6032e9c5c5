//! What the CDR says about one call: its direction, when it reached the PBX and ended, who placed
//! it, and one ring per leg that rang an extension, with how the leg ended.
//!
//! The call's own legs are those whose uniqueid is the call id (the first channel's). A leg counts as
//! the answer only when Asterisk bridged it to an extension (its destination channel is one): a
//! `Queue` leg with no destination channel is the caller waiting in the queue, and Asterisk marks it
//! ANSWERED when the Queue application answers the channel to play music on hold, so it is no
//! answer. Legs after the call was answered and left by the operator (transfers: `from-internal-xfer`,
//! `AttendedTransfer`) are not rings of the call.

use jiff::Timestamp;

use super::route::{internal_target, is_external_number, is_trunk, queue_of, starts_inside};
use super::{Direction, InternalCall, PbxCall, Ring, RingResult, extension_of};
use crate::input::{CdrLeg, Disposition};
use crate::model::PbxLogKind;

fn is_app(leg: &CdrLeg, app: &str) -> bool {
    leg.lastapp.eq_ignore_ascii_case(app)
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

fn seconds_between(from: Timestamp, to: Timestamp) -> f64 {
    ((to.as_millisecond() - from.as_millisecond()) as f64 / 1000.0).max(0.0)
}

/// Applies the call's CDR legs (in start order) to `call`.
pub(super) fn apply(call: &mut PbxCall, legs: &[&CdrLeg]) {
    let own: Vec<&CdrLeg> = legs
        .iter()
        .copied()
        .filter(|l| l.uniqueid == call.call_id)
        .collect();
    let Some(first) = own.first().or(legs.first()).copied() else {
        return;
    };
    let ours = if own.is_empty() { legs } else { &own[..] };
    call.entered_at = ours.iter().map(|l| l.start).min();
    call.ended_at = legs.iter().map(|l| l.end).max();

    // The queue: an own leg in Queue(), or the far half of a Local channel the call reached it through
    // (a ring group whose member is the queue).
    let queue_leg = own
        .iter()
        .copied()
        .find(|l| is_app(l, "Queue"))
        .or_else(|| {
            legs.iter().copied().find(|l| {
                is_app(l, "Queue") && l.channel.to_ascii_lowercase().starts_with("local/")
            })
        });
    if let Some(queue_leg) = queue_leg {
        call.direction = Some(Direction::Queue);
        call.queue = queue_of(&queue_leg.lastdata);
    } else if starts_inside(&first.channel, &first.dcontext) {
        placed_inside(call, first, ours);
        return;
    } else {
        call.direction = Some(Direction::Inbound);
    }
    if !first.src.is_empty() {
        call.caller = Some(first.src.clone());
    }
    // Far halves of Local channels that have rows of their own: they, not the near half, say whether
    // an extension answered.
    let far_halves: Vec<&str> = legs
        .iter()
        .filter_map(|l| l.channel.strip_suffix(";2"))
        .collect();
    let near_half = |leg: &CdrLeg| {
        leg.dstchannel
            .strip_suffix(";1")
            .is_some_and(|half| far_halves.contains(&half))
    };
    // Legs that start once the operator's answered leg is over belong to what came after (transfers).
    let answered_until = legs
        .iter()
        .filter(|l| l.answer.is_some() && extension_of(&l.dstchannel).is_some() && !near_half(l))
        .map(|l| l.end)
        .min();
    for leg in legs {
        let own_leg = leg.uniqueid == call.call_id;
        let after = answered_until.is_some_and(|until| leg.start >= until);
        let transfer_leg = leg.dcontext.to_ascii_lowercase().contains("xfer")
            || is_app(leg, "AttendedTransfer")
            || is_app(leg, "BlindTransfer");
        if !(after || transfer_leg || near_half(leg)) {
            add_ring(call, leg, own_leg);
        }
    }
}

/// A call placed inside the PBX: outbound when it reached a trunk or an external number, internal
/// traffic otherwise. The placing extension's answered leg is kept as a ring: the line review needs
/// it to tell a busy phone in use from one left off the hook.
fn placed_inside(call: &mut PbxCall, first: &CdrLeg, ours: &[&CdrLeg]) {
    let outbound = ours.iter().any(|l| {
        is_trunk(&l.dstchannel) || (l.dstchannel.is_empty() && is_external_number(&l.dst))
    });
    let extension = extension_of(&first.channel);
    call.direction = Some(if outbound {
        Direction::Outbound
    } else {
        Direction::Internal
    });
    call.extension = extension.clone();
    if let Some(answered) = ours.iter().find(|l| l.answer.is_some()) {
        call.connected_at = answered.answer;
        call.handle_s = Some(answered.billsec_s);
        if let (Some(extension), Some(answer)) = (extension.clone(), answered.answer) {
            call.rings.push(Ring {
                extension,
                at: answer,
                result: RingResult::Answered,
                up_s: Some(answered.billsec_s),
                source: PbxLogKind::Cdr,
                via_local: false,
            });
        }
    }
    if !outbound {
        let last = ours.last().copied().unwrap_or(first);
        call.internal = Some(InternalCall {
            from: extension.or_else(|| (!first.src.is_empty()).then(|| first.src.clone())),
            to: first.dst.clone(),
            target: internal_target(&last.lastapp, &first.dst, &last.dcontext, &last.dstchannel),
        });
    }
}

/// A leg that rang an extension (a queue member, a direct call's phone) becomes a ring; the first
/// answered one bridged to an extension is the answer.
fn add_ring(call: &mut PbxCall, leg: &CdrLeg, own_leg: bool) {
    if own_leg && is_app(leg, "Queue") && leg.dstchannel.trim().is_empty() {
        return; // the caller waiting in the queue, whatever the disposition says
    }
    let bridged = extension_of(&leg.dstchannel);
    // An agent leg with no destination channel (a phone that could not be reached): its own channel.
    let extension = bridged.clone().or_else(|| {
        if own_leg {
            None
        } else {
            extension_of(&leg.channel)
        }
    });
    let (Some(extension), Some(result)) = (extension, ring_result(&leg.disposition)) else {
        return;
    };
    if result == RingResult::Answered && bridged.is_none() {
        return; // answered, but not by an extension
    }
    let up_s = (result == RingResult::Answered).then_some(leg.billsec_s);
    if result == RingResult::Answered && call.connected_at.is_none() {
        call.connected_at = leg.answer;
        call.extension = Some(extension.clone());
        call.handle_s = Some(leg.billsec_s);
        if let (Some(answer), Some(entered)) = (leg.answer, call.entered_at) {
            call.wait_s = Some(seconds_between(entered, answer));
        }
    }
    // A caller leg to `Local/201@from-queue;1` rings the same phone as the agent leg behind it.
    let via_local = own_leg && leg.dstchannel.to_ascii_lowercase().starts_with("local/");
    call.rings.push(Ring {
        extension,
        at: leg.start,
        result,
        up_s,
        source: PbxLogKind::Cdr,
        via_local,
    });
}

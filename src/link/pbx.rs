//! Joining a transcript to the PBX's record of the same call. The PBX is the better witness of who
//! took the call (the agent's extension), of holds (AMI Hold/Unhold, or CEL HOLD/UNHOLD, give exact
//! intervals) and of transfers (queue_log, CEL): those replace what the transcript suggested. PBX
//! times are placed on the recording's clock, which starts when the operator answered (CONNECT, or
//! the agent leg's answer).

use crate::model::{
    Hold, Interaction, OperatorSource, PbxLink, Role, Source, Transfer, TransferKind,
};
use crate::pbx::PbxCall;

use super::Roster;

/// Seconds of slack when matching a PBX moment to the turn around it.
const SLACK_S: f64 = 2.0;

/// Applies the PBX's record of the call to the interaction.
pub fn apply_pbx(interaction: &mut Interaction, call: &PbxCall, roster: &Roster) {
    let mut link = PbxLink {
        extension: call.extension.clone(),
        queue: call.queue.clone(),
        wait_s: call.wait_s,
        logs: call.seen_in.clone(),
        operator_mismatch: None,
    };
    if interaction.started_at.is_none() {
        interaction.started_at = call.connected_at.or(call.entered_at);
    }

    // The operator: the PBX extension (or agent name) through the roster.
    let by_extension = call.extension.as_ref().and_then(|ext| {
        roster
            .operators
            .iter()
            .find(|o| o.extensions.iter().any(|e| e == ext))
    });
    let by_name = || {
        call.agent.as_ref().and_then(|agent| {
            roster
                .named_in(&crate::text::Analyzed::new(agent))
                .map(|i| &roster.operators[i])
        })
    };
    if let Some(operator) = by_extension.or_else(by_name) {
        if let Some(heard) = interaction
            .operator
            .as_ref()
            .filter(|heard| heard.id != operator.id)
        {
            link.operator_mismatch = Some(format!(
                "el saludo nombra a {} ({}) pero la central registra a {} ({}{})",
                heard.name,
                heard.id,
                operator.name,
                operator.id,
                call.extension
                    .as_ref()
                    .map(|e| format!(", anexo {e}"))
                    .unwrap_or_default()
            ));
        }
        interaction.operator = Some(operator.clone());
        interaction.operator_source = Some(OperatorSource::Pbx);
    }

    // The recording starts when the operator answered.
    if let Some(origin) = call.connected_at {
        let clock =
            |t: jiff::Timestamp| (t.as_millisecond() - origin.as_millisecond()) as f64 / 1000.0;
        if !call.holds.is_empty() {
            interaction.holds = call
                .holds
                .iter()
                .map(|(start, end)| {
                    let (start, end) = (clock(*start).max(0.0), clock(*end).max(0.0));
                    // Turns without times cannot be placed around the hold.
                    let timed = interaction.timed;
                    Hold {
                        start,
                        end,
                        announce_turn: timed
                            .then(|| operator_turn_before(interaction, start + SLACK_S))
                            .flatten(),
                        return_turn: timed
                            .then(|| operator_turn_after(interaction, end - SLACK_S))
                            .flatten(),
                        source: call.hold_source.unwrap_or(Source::Ami),
                    }
                })
                .collect();
        }
        if let Some(transfer) = &call.transfer {
            let at = clock(transfer.at);
            let heard = interaction.transfer.take();
            let target_turn = heard.as_ref().and_then(|t| t.target_turn).or_else(|| {
                interaction.turns.iter().position(|t| {
                    t.role == Role::Other && t.start.is_some_and(|s| s >= at - SLACK_S)
                })
            });
            // A legacy TRANSFER (kind unknown): what the recording heard decides, else whether
            // the target is heard at all.
            let kind = transfer.kind.or(heard.as_ref().map(|t| t.kind)).unwrap_or(
                if target_turn.is_some() {
                    TransferKind::Attended
                } else {
                    TransferKind::Blind
                },
            );
            interaction.transfer = Some(Transfer {
                at: Some(at),
                kind,
                announce_turn: heard
                    .and_then(|t| t.announce_turn)
                    .or_else(|| operator_turn_before(interaction, at + SLACK_S)),
                target_turn,
                source: transfer.source,
            });
        }
    }
    interaction.pbx = Some(link);
}

/// The last operator turn that starts before `at`.
fn operator_turn_before(interaction: &Interaction, at: f64) -> Option<usize> {
    interaction
        .turns
        .iter()
        .enumerate()
        .filter(|(_, t)| t.role == Role::Operator && t.start.is_none_or(|s| s <= at))
        .map(|(i, _)| i)
        .last()
}

/// The first operator turn that starts at or after `at`.
fn operator_turn_after(interaction: &Interaction, at: f64) -> Option<usize> {
    interaction
        .turns
        .iter()
        .position(|t| t.role == Role::Operator && t.start.is_some_and(|s| s >= at))
}

//! Detector `transfer_answered`: the operator stays on the line until the transfer target answers.
//!
//! # What it checks
//! When the call was transferred, passes for an attended transfer (the target was heard; its first turn
//! is quoted) and fails for a blind one (the operator left before anyone answered). The finding keeps the
//! witness of the transfer (`source`): today the transcript, later the PBX (queue_log, CEL), which sees
//! transfers the recording does not. Not applicable when the call was not transferred.
//!
//! # Why it matters
//! Protocol step 9: do not hang up until the person you transferred to has answered. A blind transfer to
//! an extension nobody picks up loses the caller, who has to call again from the start.
//!
//! # Parameters
//! None.
//!
//! # Example
//! "Le transfiero con la UGEL" / SPEAKER_02 "UGEL Norte, buenas tardes" -> pass. "Le transfiero, no
//! cuelgue" and the recording ends -> fail.

use serde::Deserialize;

use super::{Call, Detector, Fact, Finding};
use crate::model::TransferKind;
use crate::text::clock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {}

pub fn build(params: toml::Table) -> Result<Box<dyn Detector>, String> {
    let Params {} = super::params(params)?;
    Ok(Box::new(TransferAnswered))
}

struct TransferAnswered;

impl Detector for TransferAnswered {
    fn rests_on(&self) -> Fact {
        Fact::Transfer
    }

    fn evaluate(&self, call: &Call) -> Finding {
        let Some(transfer) = &call.interaction.transfer else {
            return Finding::na("la llamada no fue transferida");
        };
        let when = transfer
            .at
            .filter(|_| call.interaction.timed)
            .map(|at| format!(" ({})", clock(at)))
            .unwrap_or_default();
        let finding = match (transfer.kind, transfer.target_turn) {
            (TransferKind::Attended, Some(target)) => {
                let text = &call.turn(target).text;
                Finding::pass(
                    target,
                    Some((0, text.len())),
                    format!(
                        "la transferencia{when} fue atendida: contestó {}",
                        call.turn(target).speaker
                    ),
                )
            }
            (TransferKind::Attended, None) => Finding {
                outcome: crate::model::Outcome::Pass,
                turn: transfer.announce_turn,
                ..Finding::na(format!("la transferencia{when} fue atendida"))
            },
            (TransferKind::Blind, _) => Finding::fail(
                transfer.announce_turn,
                format!("el operador transfirió sin esperar a que contesten{when}"),
            ),
        };
        let finding = finding.from_source(transfer.source);
        match transfer.at {
            Some(at) if call.interaction.timed => finding.at(at),
            _ => finding,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::testing::{call, dialogue, quoted, score, with_transfer};
    use crate::model::{Outcome, Role, Source, Transfer};

    use Role::{Caller as C, Operator as O, Other as X};

    #[test]
    fn an_attended_transfer_passes_quoting_the_target() {
        let mut interaction = call(&[
            (O, 0.0, 5.0, "Buenas tardes, SIAGIE, le saluda Carlos Ramos"),
            (C, 5.5, 10.0, "Llamo por un certificado antiguo"),
            (
                O,
                10.5,
                15.0,
                "Eso lo ve la UGEL, le transfiero con la especialista",
            ),
            (X, 40.0, 43.0, "UGEL Norte, buenas tardes"),
        ]);
        interaction.transfer = Some(Transfer {
            at: Some(10.5),
            kind: TransferKind::Attended,
            announce_turn: Some(2),
            target_turn: Some(3),
            source: Source::Transcript,
        });
        let finding = score("transfer_answered", &interaction);
        assert_eq!(finding.outcome, Outcome::Pass, "{}", finding.reason);
        assert_eq!(quoted(&interaction, &finding), "UGEL Norte, buenas tardes");
        assert_eq!(finding.at_s, Some(10.5));
    }

    #[test]
    fn a_blind_transfer_fails_and_keeps_its_source() {
        let mut interaction = with_transfer(
            dialogue(&["Buenas tardes, SIAGIE", "Hola", "Le transfiero, no cuelgue"]),
            Some(2),
        );
        if let Some(transfer) = interaction.transfer.as_mut() {
            transfer.kind = TransferKind::Blind;
            transfer.source = Source::QueueLog;
        }
        let finding = score("transfer_answered", &interaction);
        assert_eq!(finding.outcome, Outcome::Fail);
        assert_eq!(finding.source, Source::QueueLog);
        assert!(
            finding
                .reason
                .starts_with("el operador transfirió sin esperar a que contesten"),
            "{}",
            finding.reason
        );
    }

    #[test]
    fn no_transfer_is_not_applicable() {
        assert_eq!(
            score("transfer_answered", &dialogue(&["Buenas tardes", "Hola"])).outcome,
            Outcome::Na
        );
    }

    #[test]
    fn unknown_parameters_are_rejected() {
        let params: toml::Table = toml::from_str("wait_s = 5").unwrap();
        assert!(build(params).is_err());
    }
}

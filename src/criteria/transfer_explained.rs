//! Detector `transfer_explained`: before transferring, the operator tells the caller why or to whom.
//!
//! # What it checks
//! When the call was transferred, the turn that announced the transfer or the operator's turn just
//! before it says why ("porque eso lo ve...", "ya que") or to whom ("con el área de certificados", "con
//! la especialista de la UGEL") — `explanations`. For a transfer known only by its time (from the PBX),
//! the operator's last two turns before it are read. Fails when neither says it; not applicable when
//! the call was not transferred.
//!
//! # Why it matters
//! Protocol step 8: if the call must be transferred, explain why. A caller who knows where the call is
//! going, and why, does not feel passed around.
//!
//! # Parameters
//! - `explanations`: phrases that give the reason or the target of a transfer.
//!
//! # Example
//! "Eso lo ve el área de certificados, le voy a transferir con ellos" -> pass; "Le transfiero, no
//! cuelgue" -> fail.

use serde::Deserialize;

use super::{Call, Detector, Fact, Finding};
use crate::model::Role;
use crate::text::{PhraseSet, clock};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    explanations: Vec<String>,
}

pub fn build(params: toml::Table) -> Result<Box<dyn Detector>, String> {
    let params: Params = super::params(params)?;
    Ok(Box::new(TransferExplained {
        explanations: super::phrases(&params.explanations, "explanations")?,
    }))
}

struct TransferExplained {
    explanations: PhraseSet,
}

impl Detector for TransferExplained {
    fn rests_on(&self) -> Fact {
        Fact::Transfer
    }

    fn evaluate(&self, call: &Call) -> Finding {
        let Some(transfer) = &call.interaction.transfer else {
            return Finding::na("la llamada no fue transferida");
        };
        // What the operator tells the colleague who answered is not said to the caller.
        let third_party = call.turns_of(Role::Other).into_iter().next();
        let turns: Vec<usize> = match transfer.announce_turn {
            Some(announced) => call
                .previous_of(announced, Role::Operator)
                .into_iter()
                .chain([announced])
                .collect(),
            None => {
                let before: Vec<usize> = call
                    .operator_turns()
                    .into_iter()
                    .filter(|&i| match (transfer.at, call.turn(i).start) {
                        (Some(at), Some(start)) => start <= at,
                        _ => true,
                    })
                    .collect();
                before[before.len().saturating_sub(2)..].to_vec()
            }
        };
        let turns: Vec<usize> = turns
            .into_iter()
            .filter(|&i| third_party.is_none_or(|t| i < t))
            .collect();
        let when = transfer
            .at
            .filter(|_| call.interaction.timed)
            .map(|at| format!(" ({})", clock(at)))
            .unwrap_or_default();
        let explained = turns.iter().find_map(|&i| {
            self.explanations
                .find(call.text(i))
                .map(|(m, _)| (i, m.bytes))
        });
        let finding = match explained {
            Some((turn, bytes)) => {
                let said = &call.turn(turn).text[bytes.0..bytes.1];
                Finding::pass(
                    turn,
                    Some(bytes),
                    format!(
                        "al transferir{when} el operador explicó el motivo o el destino («{said}»)"
                    ),
                )
            }
            None => Finding::fail(
                transfer.announce_turn.or(turns.last().copied()),
                format!(
                    "el operador transfirió la llamada{when} sin explicar al usuario por qué ni a quién"
                ),
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
    use crate::criteria::testing::{dialogue, quoted, score, with_transfer};
    use crate::model::Outcome;

    const CALL: [&str; 4] = [
        "Buenas tardes, bienvenida al SIAGIE, le saluda Carlos Ramos, ¿me indica su DNI?",
        "Sí, cuatro cinco dos ocho uno tres seis siete, llamo por un certificado de estudios antiguo",
        "Ya, los certificados anteriores a 2013 los emite la UGEL",
        "Ah ya",
    ];

    fn transferred(announcement: &str) -> crate::model::Interaction {
        let mut lines = CALL.to_vec();
        lines.push(announcement);
        with_transfer(dialogue(&lines), Some(4))
    }

    #[test]
    fn saying_to_whom_passes() {
        let interaction =
            transferred("Le voy a transferir con la especialista de la UGEL, un momento");
        let finding = score("transfer_explained", &interaction);
        assert_eq!(finding.outcome, Outcome::Pass, "{}", finding.reason);
        assert_eq!(finding.turn, Some(4));
        assert!(!quoted(&interaction, &finding).is_empty());
    }

    #[test]
    fn the_reason_may_come_in_the_turn_before() {
        let mut lines = CALL.to_vec();
        lines[2] = "Eso le corresponde a la UGEL, porque el certificado es anterior a 2013";
        lines.push("Le transfiero, no cuelgue");
        let finding = score(
            "transfer_explained",
            &with_transfer(dialogue(&lines), Some(4)),
        );
        assert_eq!(finding.outcome, Outcome::Pass, "{}", finding.reason);
        assert_eq!(finding.turn, Some(2));
    }

    #[test]
    fn a_bare_transfer_fails() {
        let mut lines = CALL.to_vec();
        lines[2] = "Ya, entiendo";
        lines.push("Le transfiero, no cuelgue por favor");
        let finding = score(
            "transfer_explained",
            &with_transfer(dialogue(&lines), Some(4)),
        );
        assert_eq!(finding.outcome, Outcome::Fail);
        assert_eq!(finding.turn, Some(4));
        assert!(finding.reason.contains("(00:25)"), "{}", finding.reason);
    }

    #[test]
    fn no_transfer_is_not_applicable() {
        assert_eq!(
            score("transfer_explained", &dialogue(&CALL)).outcome,
            Outcome::Na
        );
    }
}

//! The transfer inferred from a transcript. The operator announces it (`transfers.announcements`: "le
//! voy a transferir", "lo derivo con el área de...", "le paso con...") and the call is handed over:
//! - attended, when a third speaker (`Role::Other`, such as SPEAKER_02 or "Especialista UGEL") speaks
//!   after the announcement: the target answered, and its first turn is recorded;
//! - blind, when the recording ends soon after the announcement with no third speaker and no further
//!   conversation: at most `transfers.tail_turns` short turns (a "ya, gracias", a goodbye) follow it.
//!
//! A mention is not a transfer when the conversation goes on after it ("si no, le podría transferir..."
//! followed by more questions and a regular closing), or when it is only an offer ("si gusta le paso con
//! la UGEL", "podría derivarlo") that the caller does not take up with a yes. Untimed transcripts get
//! the announcing turn's index as the transfer's position.

use crate::facts::CallFacts;
use crate::model::{Role, Source, Transfer, TransferKind, Turn};
use crate::text::{Analyzed, Match};

/// The transfer in a call whose turns already have roles, if the operator transferred it.
pub fn find_transfer(turns: &[Turn], facts: &CallFacts) -> Option<Transfer> {
    let texts: Vec<Analyzed> = turns.iter().map(|t| Analyzed::new(&t.text)).collect();
    find_transfer_in(turns, &texts, facts)
}

/// `find_transfer` with the turns already analysed (`texts[i]` is `turns[i]`'s text).
pub fn find_transfer_in(turns: &[Turn], texts: &[Analyzed], facts: &CallFacts) -> Option<Transfer> {
    let announcements: Vec<(usize, Match)> = (0..turns.len())
        .filter(|&i| turns[i].role == Role::Operator)
        .filter_map(|i| {
            facts
                .transfer_announcements
                .find(&texts[i])
                .map(|(m, _)| (i, m))
        })
        .collect();

    // Attended: a third speaker answers after an announcement.
    for &(announced, _) in &announcements {
        if let Some(target) = (announced + 1..turns.len()).find(|&i| turns[i].role == Role::Other) {
            let announced = announcements
                .iter()
                .rev()
                .map(|(i, _)| *i)
                .find(|&i| i < target)
                .unwrap_or(announced);
            return Some(transfer(
                turns,
                announced,
                TransferKind::Attended,
                Some(target),
            ));
        }
    }

    // Blind: the last announcement ends the call.
    let &(announced, m) = announcements.last()?;
    let tail: Vec<usize> = (announced + 1..turns.len())
        .filter(|&i| !texts[i].is_empty())
        .collect();
    let conversation_goes_on = tail.len() > facts.transfer_tail_turns
        || tail
            .iter()
            .any(|&i| texts[i].len() > facts.transfer_tail_turn_max_words);
    if conversation_goes_on {
        return None;
    }
    let before = preceding_words(&texts[announced], &m, facts.transfer_tentative_words);
    let conditional = before
        .iter()
        .any(|w| facts.transfer_conditionals.contains(*w))
        || before.windows(2).any(|w| w == ["si", "no"]);
    let offer = before.iter().any(|w| facts.transfer_offers.contains(*w));
    if conditional || offer && !caller_takes_it_up(turns, texts, announced, facts) {
        return None;
    }
    Some(transfer(turns, announced, TransferKind::Blind, None))
}

fn transfer(
    turns: &[Turn],
    announced: usize,
    kind: TransferKind,
    target_turn: Option<usize>,
) -> Transfer {
    let at = match turns[announced].start {
        Some(start) => Some(start),
        None => Some(announced as f64),
    };
    Transfer {
        at,
        kind,
        announce_turn: Some(announced),
        target_turn,
        source: Source::Transcript,
    }
}

/// The few words just before the announcement.
fn preceding_words<'a>(text: &'a Analyzed, m: &Match, reach: usize) -> Vec<&'a str> {
    let from = m.start.saturating_sub(reach);
    text.tokens[from..m.start]
        .iter()
        .map(|t| t.text.as_str())
        .collect()
}

/// Does the caller's next turn accept the offer (a yes, no "no")?
fn caller_takes_it_up(
    turns: &[Turn],
    texts: &[Analyzed],
    announced: usize,
    facts: &CallFacts,
) -> bool {
    let Some(reply) = (announced + 1..turns.len()).find(|&i| turns[i].role == Role::Caller) else {
        return false;
    };
    let text = &texts[reply];
    !text.has_word("no")
        && text
            .tokens
            .iter()
            .any(|t| facts.transfer_takes_up.contains(&t.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> &'static CallFacts {
        crate::rubric::Rubric::default_facts()
    }

    use Role::{Caller as C, Operator as O, Other as X};

    fn turns(spec: &[(Role, &str)]) -> Vec<Turn> {
        spec.iter()
            .enumerate()
            .map(|(i, &(role, text))| Turn {
                speaker: role.as_str().to_string(),
                role,
                start: Some(i as f64 * 10.0),
                end: Some(i as f64 * 10.0 + 8.0),
                text: text.to_string(),
                line: None,
            })
            .collect()
    }

    const OPENING: [(Role, &str); 2] = [
        (
            O,
            "Buenas tardes, bienvenido al SIAGIE, le saluda Rosa Quispe, ¿me brinda su DNI?",
        ),
        (
            C,
            "sí, es cuatro cinco dos ocho uno tres seis siete, llamo porque no puedo ver el certificado de estudios de una exalumna",
        ),
    ];

    #[test]
    fn a_third_speaker_after_the_announcement_is_an_attended_transfer() {
        let mut spec = OPENING.to_vec();
        spec.extend([
            (
                O,
                "Eso lo ve el área de certificados, le voy a transferir con ellos, un momento",
            ),
            (C, "ya, gracias"),
            (X, "Certificados, buenas tardes, habla Luis"),
            (O, "Luis, te paso a la profesora Huamán por un certificado"),
        ]);
        let transfer = find_transfer(&turns(&spec), facts()).expect("transferred");
        assert_eq!(transfer.kind, TransferKind::Attended);
        assert_eq!(
            (transfer.announce_turn, transfer.target_turn),
            (Some(2), Some(4))
        );
        assert_eq!(transfer.at, Some(20.0));
    }

    #[test]
    fn an_announcement_that_ends_the_call_is_a_blind_transfer() {
        let mut spec = OPENING.to_vec();
        spec.extend([
            (O, "Eso lo ve la UGEL, le transfiero, no cuelgue por favor"),
            (C, "ya, gracias señorita"),
        ]);
        let transfer = find_transfer(&turns(&spec), facts()).expect("transferred");
        assert_eq!(transfer.kind, TransferKind::Blind);
        assert_eq!(transfer.target_turn, None);
    }

    #[test]
    fn a_mention_followed_by_more_conversation_is_not_a_transfer() {
        let mut spec = OPENING.to_vec();
        spec.extend([
            (O, "Primero revise en la opción de certificados, si no le sale le podría transferir con el área"),
            (C, "a ver, ya entré a la opción, me sale el nombre de la alumna y el botón de generar"),
            (O, "Ahí le da clic en generar y le descarga el PDF con el certificado de la alumna"),
            (C, "ya salió, muchas gracias señorita"),
            (O, "De nada profesora Huamán, gracias por llamar al SIAGIE, que tenga buena tarde"),
        ]);
        assert_eq!(find_transfer(&turns(&spec), facts()), None);
        let short = [
            OPENING[0],
            OPENING[1],
            (O, "si no le sale, le podría transferir con el área"),
            (C, "ya"),
        ];
        assert_eq!(find_transfer(&turns(&short), facts()), None);
    }

    #[test]
    fn an_offer_declined_is_not_a_transfer() {
        let mut spec = OPENING.to_vec();
        spec.extend([
            (
                O,
                "Si gusta le paso con la UGEL para que le den el certificado",
            ),
            (C, "no, ya está bien, gracias"),
            (O, "Gracias por llamar, hasta luego"),
        ]);
        assert_eq!(find_transfer(&turns(&spec), facts()), None);
        let mut accepted = spec.clone();
        accepted[3] = (C, "sí, por favor");
        accepted.pop();
        assert_eq!(
            find_transfer(&turns(&accepted), facts()).map(|t| t.kind),
            Some(TransferKind::Blind)
        );
    }

    #[test]
    fn a_call_without_announcement_is_not_transferred() {
        assert_eq!(find_transfer(&turns(&OPENING), facts()), None);
    }

    #[test]
    fn untimed_transfers_are_placed_by_turn_index() {
        let mut spec = OPENING.to_vec();
        spec.push((O, "le voy a transferir con el área de certificados"));
        let mut t = turns(&spec);
        for turn in &mut t {
            turn.start = None;
            turn.end = None;
        }
        assert_eq!(find_transfer(&t, facts()).and_then(|t| t.at), Some(2.0));
    }
}

//! From a parsed transcript to an `Interaction` ready to score: the call id and start time, the
//! transcriber's inventions removed, speaker roles decided (`roles`), the operator identified against
//! the roster, and the holds (`holds`) and the transfer (`transfers`) found. The PBX stage will later
//! replace transcript-inferred facts where the PBX is the better witness.

mod holds;
mod pbx;
mod roles;
mod transfers;
mod unmatched;

use std::path::Path;

pub use holds::{find_holds, find_holds_in};
pub use pbx::apply_pbx;
pub use roles::{CERTAIN_ROLES, Roster, decide_roles, identify_operator};
pub use transfers::{find_transfer, find_transfer_in};
pub(crate) use unmatched::PbxMatch;

use crate::facts::CallFacts;
use crate::input::call_id_from_file_name;
use crate::model::{Channel, Interaction, Transcript, Turn};
use crate::text::Analyzed;

/// Why a parsed transcript cannot be scored, in Spanish (the reason of its row in rejected.csv).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unscorable(pub String);

/// Builds the interaction for one transcript file.
pub fn build_interaction(
    transcript: Transcript,
    path: &Path,
    roster: &Roster,
    facts: &CallFacts,
) -> Result<Interaction, Unscorable> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let from_name = call_id_from_file_name(&file_name, &facts.time_zone);
    let call_id = from_name
        .as_ref()
        .map(|(id, _)| id.clone())
        .or_else(|| transcript.call_id.clone())
        .unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or(file_name.clone())
        });
    let started_at = from_name.and_then(|(_, at)| at).or(transcript.started_at);

    let format = transcript.format;
    let timed = transcript.is_timed();
    let turns: Vec<Turn> = transcript
        .turns
        .into_iter()
        .filter(|t| !is_hallucination(t, facts))
        .collect();
    if turns.is_empty() {
        return Err(Unscorable(
            "la transcripción no tiene habla: sus turnos son solo frases que el reconocedor de voz \
             inventa sobre música o silencio"
                .into(),
        ));
    }
    let (turns, roles) = decide_roles(turns, roster, facts).map_err(Unscorable)?;
    let turns = merge_runs(turns, facts.hold_min_silence_s);
    let (operator, operator_source) = match identify_operator(&turns, roster, facts) {
        Some((operator, source)) => (Some(operator), Some(source)),
        None => (None, None),
    };
    // Each turn analysed once, for the holds, the transfer and (kept in the interaction) the detectors.
    let analyses: Vec<Analyzed> = turns.iter().map(|t| Analyzed::new(&t.text)).collect();
    let holds = if timed {
        find_holds_in(&turns, &analyses, &transcript.non_talk, facts)
    } else {
        Vec::new()
    };
    let transfer = find_transfer_in(&turns, &analyses, facts);
    Ok(Interaction {
        call_id,
        channel: Channel::Telefono,
        source_file: path.to_path_buf(),
        format,
        started_at,
        turns,
        timed,
        roles,
        operator,
        operator_source,
        holds,
        transfer,
        reported_interruptions: transcript.reported_interruptions,
        pbx: None,
        analyses,
    })
}

/// Turns longer than this (in words) are never speech-to-text inventions.
const HALLUCINATION_MAX_WORDS: usize = 12;

/// A short turn made only of what speech-to-text invents over music and silence.
fn is_hallucination(turn: &Turn, facts: &CallFacts) -> bool {
    // A long turn is speech: no need to analyse it here.
    if turn.text.split_whitespace().count() > 2 * HALLUCINATION_MAX_WORDS {
        return false;
    }
    let text = Analyzed::new(&turn.text);
    text.len() <= HALLUCINATION_MAX_WORDS
        && facts.hallucinations.matches(&text)
        && !facts.hold_announcements.matches(&text)
}

/// Joins consecutive cues of the same speaker into one turn, as a listener hears them: transcribers cut
/// a turn into sentence-long cues. A silence long enough to be a hold keeps them apart, and so does
/// another speaker still talking when the first cue ended (an "ajá" over the caller is its own turn).
fn merge_runs(turns: Vec<Turn>, max_gap_s: f64) -> Vec<Turn> {
    let mut merged: Vec<Turn> = Vec::with_capacity(turns.len());
    for turn in turns {
        if let Some(last) = merged.last() {
            let gap = match (last.end, turn.start) {
                (Some(end), Some(start)) => start - end,
                _ => 0.0,
            };
            let others_talking = merged
                .iter()
                .rev()
                .skip(1)
                .take(8)
                .filter(|t| t.speaker != last.speaker)
                .any(|t| matches!((t.end, last.end), (Some(theirs), Some(ours)) if theirs > ours));
            let last = merged.last_mut().expect("checked above");
            if last.speaker == turn.speaker
                && last.role == turn.role
                && gap < max_gap_s
                && !others_talking
            {
                last.text.push(' ');
                last.text.push_str(&turn.text);
                last.end = match (last.end, turn.end) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => b.or(a),
                };
                continue;
            }
        }
        merged.push(turn);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    fn turn(speaker: &str, start: f64, end: f64, text: &str) -> Turn {
        Turn {
            speaker: speaker.into(),
            role: Role::Unknown,
            start: Some(start),
            end: Some(end),
            text: text.into(),
            line: None,
        }
    }

    #[test]
    fn consecutive_cues_of_one_speaker_become_one_turn_unless_a_hold_separates_them() {
        let turns = vec![
            turn("A", 0.0, 3.0, "Buenas tardes."),
            turn("A", 3.2, 6.0, "¿Con quién tengo el gusto?"),
            turn("B", 6.5, 8.0, "Con Iván."),
            turn("A", 8.5, 10.0, "Un momento, por favor."),
            turn("A", 45.0, 47.0, "Gracias por la espera."),
        ];
        let merged = merge_runs(turns, 20.0);
        let texts: Vec<&str> = merged.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Buenas tardes. ¿Con quién tengo el gusto?",
                "Con Iván.",
                "Un momento, por favor.",
                "Gracias por la espera."
            ]
        );
        assert_eq!((merged[0].start, merged[0].end), (Some(0.0), Some(6.0)));
    }

    #[test]
    fn a_backchannel_over_the_caller_stays_its_own_turn() {
        let turns = vec![
            turn(
                "C",
                0.0,
                9.0,
                "Le explico, señorita, el acta no me deja guardar las notas del segundo bimestre.",
            ),
            turn("O", 4.0, 4.5, "Ajá."),
            turn("O", 9.3, 12.0, "Entiendo, usted no puede guardar el acta."),
        ];
        let merged = merge_runs(turns, 20.0);
        assert_eq!(merged.len(), 3);
    }

    /// A call that cannot be scored says why in Spanish (its row of rejected.csv).
    #[test]
    fn unscorable_calls_say_why_in_spanish() {
        let facts = crate::rubric::Rubric::default_facts();
        let roster = Roster::new(Vec::new());
        let stated = |role: Role, speaker: &str, text: &str| Turn {
            role,
            ..turn(speaker, 0.0, 2.0, text)
        };
        let cases = [
            (
                vec![turn(
                    "SPEAKER_00",
                    0.0,
                    2.0,
                    "Subtitulado por la comunidad de Amara.org",
                )],
                "no tiene habla",
            ),
            (
                vec![
                    turn("A", 0.0, 2.0, "Buenos días."),
                    turn("A", 3.0, 4.0, "Hola."),
                ],
                "no indica quién habla",
            ),
            (
                vec![
                    stated(Role::Operator, "Operador", "Buenos días."),
                    stated(Role::Operator, "Operador", "¿Aló?"),
                ],
                "ningún turno es del usuario",
            ),
        ];
        for (turns, reason) in cases {
            let transcript = Transcript::new(crate::model::Format::Vtt, turns);
            let err =
                build_interaction(transcript, Path::new("x.vtt"), &roster, facts).unwrap_err();
            assert!(err.0.contains(reason), "{}", err.0);
            let english = crate::input::reasons_in_spanish::english_words(&err.0);
            assert!(english.is_empty(), "English {english:?} in {}", err.0);
        }
    }
}

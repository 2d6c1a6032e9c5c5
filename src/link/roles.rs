//! Who is who in a call. Diarization gives SPEAKER_00/01 with no role, and which one is the operator
//! varies from call to call; the decision rests on the best evidence there is, in this order: roles the
//! file states (Call Analytics, callqa JSON, Operador:/Usuario: labels), a voice name matching the
//! roster, then cues only an operator says (greets with SIAGIE, introduces themself, asks for the DNI).
//! The decision records its method and how sure it is. Also: which roster operator took the call.

use std::collections::BTreeMap;

use crate::facts::CallFacts;
use crate::model::{Operator, OperatorSource, Role, RoleDecision, RoleMethod, Turn};
use crate::text::{Analyzed, Phrase};

/// The roster with each operator's name compiled into patterns once per run.
pub struct Roster {
    pub operators: Vec<Operator>,
    /// Per operator: given-name patterns and surname patterns.
    names: Vec<(Vec<Phrase>, Vec<Phrase>)>,
}

impl Roster {
    pub fn new(operators: Vec<Operator>) -> Roster {
        let compile = |words: Vec<String>| {
            words
                .iter()
                .filter_map(|w| Phrase::compile(w).ok())
                .collect()
        };
        let names = operators
            .iter()
            .map(|o| (compile(o.given_names()), compile(o.surnames())))
            .collect();
        Roster { operators, names }
    }

    pub fn is_empty(&self) -> bool {
        self.operators.is_empty()
    }

    /// The one operator whose first name and a surname `text` says.
    pub fn fully_named_in(&self, text: &Analyzed) -> Option<usize> {
        let full: Vec<usize> = self
            .names
            .iter()
            .enumerate()
            .filter(|(_, (given, surnames))| {
                given.iter().any(|p| p.find(text).is_some())
                    && surnames.iter().any(|p| p.find(text).is_some())
            })
            .map(|(i, _)| i)
            .collect();
        match full.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The operator a supervisor's sheet names: by roster id (case aside), else by name (first name and
    /// a surname, or a name only one operator has; accents and speech-to-text spellings tolerated).
    pub fn operator_named(&self, text: &str) -> Option<&Operator> {
        let text = text.trim();
        if let Some(operator) = self
            .operators
            .iter()
            .find(|o| o.id.eq_ignore_ascii_case(text))
        {
            return Some(operator);
        }
        self.named_in(&Analyzed::new(text))
            .map(|index| &self.operators[index])
    }

    /// The extension of the operator a queue member logged by name is (`Sathish`, `Agent 1`): the one
    /// operator whose roster name holds every word of the member name (case and accents aside), so a
    /// missing surname is tolerated but no other word is. The operator's first extension.
    pub fn member_extension(&self, member: &str) -> Option<String> {
        let words: Vec<String> = crate::text::tokenize(member)
            .into_iter()
            .map(|t| t.text)
            .collect();
        if words.is_empty() {
            return None;
        }
        let matching: Vec<&Operator> = self
            .operators
            .iter()
            .filter(|o| {
                let name: Vec<String> = crate::text::tokenize(&o.name)
                    .into_iter()
                    .map(|t| t.text)
                    .collect();
                words.iter().all(|w| name.contains(w))
            })
            .collect();
        match matching.as_slice() {
            [one] => one.extensions.first().cloned(),
            _ => None,
        }
    }

    /// The operator whose name `text` says: first name and a surname, or a first name or surname that
    /// only one operator has. Returns the operator's index.
    pub fn named_in(&self, text: &Analyzed) -> Option<usize> {
        let hits: Vec<(usize, bool, bool)> = self
            .names
            .iter()
            .enumerate()
            .map(|(i, (given, surnames))| {
                (
                    i,
                    given.iter().any(|p| p.find(text).is_some()),
                    surnames.iter().any(|p| p.find(text).is_some()),
                )
            })
            .filter(|(_, g, s)| *g || *s)
            .collect();
        let full: Vec<usize> = hits
            .iter()
            .filter(|(_, g, s)| *g && *s)
            .map(|h| h.0)
            .collect();
        match (full.as_slice(), hits.as_slice()) {
            ([one], _) => Some(*one),
            ([], [(one, _, _)]) => Some(*one),
            _ => None,
        }
    }
}

/// Assigns a role to every turn. Roles the file states are kept; the operator and the caller are decided
/// among the other speakers. Fails when the transcript does not say who speaks.
pub fn decide_roles(
    mut turns: Vec<Turn>,
    roster: &Roster,
    facts: &CallFacts,
) -> Result<(Vec<Turn>, RoleDecision), String> {
    let labels = speakers_in_order(&turns);
    let stated: BTreeMap<String, Role> = turns
        .iter()
        .filter(|t| t.role != Role::Unknown)
        .map(|t| (t.speaker.clone(), t.role))
        .collect();
    let stated_label = |role: Role| {
        stated
            .iter()
            .find(|(_, r)| **r == role)
            .map(|(l, _)| l.clone())
    };
    let open: Vec<String> = labels
        .iter()
        .filter(|l| !stated.contains_key(*l))
        .cloned()
        .collect();

    let (operator, decision) = match stated_label(Role::Operator) {
        Some(label) => (
            label,
            RoleDecision {
                method: RoleMethod::File,
                confidence: 1.0,
                detail: "roles indicados en el archivo".into(),
            },
        ),
        None => {
            if open.is_empty() || labels.len() < 2 || labels.iter().all(|l| l.trim().is_empty()) {
                return Err(
                    "la transcripción no indica quién habla (un solo hablante o sin etiquetas de hablante, \
                     p. ej. la salida simple de Whisper): no se puede distinguir al operador del usuario"
                        .into(),
                );
            }
            pick_operator(&turns, &open, roster, facts)
        }
    };
    // The caller: stated, or the other open speaker who says most; anyone else is a third party.
    let caller = stated_label(Role::Caller).or_else(|| {
        let mut words: BTreeMap<&str, usize> = BTreeMap::new();
        for t in turns.iter().filter(|t| t.speaker != operator) {
            *words.entry(t.speaker.as_str()).or_default() += t.text.split_whitespace().count();
        }
        open.iter()
            .filter(|l| **l != operator)
            .max_by_key(|l| {
                (
                    words.get(l.as_str()).copied().unwrap_or(0),
                    std::cmp::Reverse(first_turn(&turns, l)),
                )
            })
            .cloned()
    });
    for turn in turns.iter_mut() {
        turn.role = match stated.get(&turn.speaker) {
            Some(role) => *role,
            None if turn.speaker == operator => Role::Operator,
            None if Some(&turn.speaker) == caller.as_ref() => Role::Caller,
            None => Role::Other,
        };
    }
    if !turns.iter().any(|t| t.role == Role::Operator) {
        return Err("ningún turno es del operador".into());
    }
    if !turns.iter().any(|t| t.role == Role::Caller) {
        return Err("ningún turno es del usuario".into());
    }
    Ok((turns, decision))
}

fn speakers_in_order(turns: &[Turn]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for t in turns {
        if !labels.contains(&t.speaker) {
            labels.push(t.speaker.clone());
        }
    }
    labels
}

fn first_turn(turns: &[Turn], label: &str) -> usize {
    turns
        .iter()
        .position(|t| t.speaker == label)
        .unwrap_or(usize::MAX)
}

/// Below this confidence the operator/caller split may be wrong: the call is flagged
/// (`roles_uncertain` in interactions.csv, the data-quality part of the report) and its verdicts
/// should be checked before they are used in coaching.
pub const CERTAIN_ROLES: f64 = 0.7;

/// The confidence given to a voice name that the cues contradict.
const CONTRADICTED_VOICE: f64 = 0.4;

/// Picks the operator's label among diarized speakers.
fn pick_operator(
    turns: &[Turn],
    labels: &[String],
    roster: &Roster,
    facts: &CallFacts,
) -> (String, RoleDecision) {
    // Cues: count the distinct operator-only phrases each speaker says in the first turns of the call.
    let mut scores: Vec<(String, usize)> = labels
        .iter()
        .map(|label| {
            let said: Vec<Analyzed> = turns
                .iter()
                .filter(|t| &t.speaker == label)
                .take(6)
                .map(|t| Analyzed::new(&t.text))
                .collect();
            let cues = facts
                .operator_cues
                .all_phrases()
                .filter(|p| said.iter().any(|a| p.find(a).is_some()))
                .count();
            (label.clone(), cues)
        })
        .collect();
    // A voice named like exactly one roster operator, unless another speaker is the one who talks
    // like the operator (the greeting names a person whose voice label is the other speaker's: the
    // diarizer swapped the names). The choice stands but is flagged.
    let voiced: Vec<&String> = labels
        .iter()
        .filter(|l| roster.named_in(&Analyzed::new(l)).is_some() && !is_diarization_label(l))
        .collect();
    if let [label] = voiced.as_slice() {
        let cues_of = |l: &str| scores.iter().find(|(s, _)| s == l).map_or(0, |s| s.1);
        let own = cues_of(label);
        let rival = scores
            .iter()
            .filter(|(other, _)| other != *label)
            .max_by_key(|(_, cues)| *cues)
            .filter(|(_, cues)| *cues > own);
        let decision = match rival {
            Some((other, cues)) => RoleDecision {
                method: RoleMethod::RosterVoice,
                confidence: CONTRADICTED_VOICE,
                detail: format!(
                    "la voz «{label}» coincide con un operador del padrón, pero las frases propias del \
                     operador (saludo, presentación, pedido de DNI) las dice {other} ({cues} frente a \
                     {own}): los roles pueden estar invertidos"
                ),
            },
            None => RoleDecision {
                method: RoleMethod::RosterVoice,
                confidence: 0.95,
                detail: format!("la voz «{label}» coincide con un operador del padrón"),
            },
        };
        return ((*label).clone(), decision);
    }
    // Ties go to the speaker heard first.
    scores.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(first_turn(turns, &a.0).cmp(&first_turn(turns, &b.0)))
    });
    let (best, top) = scores[0].clone();
    let second = scores.get(1).map_or(0, |s| s.1);
    let confidence = if top == 0 {
        0.3
    } else {
        0.5 + 0.5 * (top - second) as f64 / top as f64
    };
    let detail = if top == 0 {
        format!(
            "ningún hablante usa frases propias del operador; se asume {best}, el primero en hablar"
        )
    } else {
        format!(
            "{best} usa {top} frases propias del operador (saludo, presentación, pedido de DNI) frente a {second}"
        )
    };
    (
        best,
        RoleDecision {
            method: RoleMethod::Cues,
            confidence: (confidence * 100.0).round() / 100.0,
            detail,
        },
    )
}

fn is_diarization_label(label: &str) -> bool {
    let folded = crate::text::fold(label);
    folded.starts_with("speaker")
        || folded.starts_with("spk")
        || folded.starts_with("ch ")
        || folded.is_empty()
}

/// Which roster operator took the call: the operator's voice name, or the name said in their first two
/// turns. Returns the operator and how it was found.
pub fn identify_operator(
    turns: &[Turn],
    roster: &Roster,
    _facts: &CallFacts,
) -> Option<(Operator, OperatorSource)> {
    let first = turns.iter().find(|t| t.role == Role::Operator)?;
    if !is_diarization_label(&first.speaker) {
        if let Some(i) = roster.named_in(&Analyzed::new(&first.speaker)) {
            return Some((roster.operators[i].clone(), OperatorSource::VoiceName));
        }
    }
    // The greeting names the operator; a later turn may name the caller ("Profesor Luis, ¿su DNI?"), so
    // the second turn only counts with a first name and a surname.
    let mut operator_turns = turns.iter().filter(|t| t.role == Role::Operator);
    let greeting = operator_turns.next().map(|t| Analyzed::new(&t.text));
    if let Some(i) = greeting.as_ref().and_then(|g| roster.named_in(g)) {
        return Some((roster.operators[i].clone(), OperatorSource::Greeting));
    }
    let second = operator_turns.next().map(|t| Analyzed::new(&t.text))?;
    roster
        .fully_named_in(&second)
        .map(|i| (roster.operators[i].clone(), OperatorSource::Greeting))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster() -> Roster {
        let operator = |id: &str, name: &str, extension: &str| Operator {
            id: id.into(),
            name: name.into(),
            extensions: vec![extension.into()],
            team: "Mañana".into(),
        };
        Roster::new(vec![
            operator("op01", "Rosa Quispe Mamani", "201"),
            operator("op11", "Sathish Kumar Reddy", "301"),
            operator("op12", "Agent 1", "302"),
            operator("op13", "Agent 2", "303"),
        ])
    }

    fn turns(spec: &[(&str, &str)]) -> Vec<Turn> {
        spec.iter()
            .enumerate()
            .map(|(i, (speaker, text))| Turn {
                speaker: speaker.to_string(),
                role: Role::Unknown,
                start: Some(i as f64 * 5.0),
                end: Some(i as f64 * 5.0 + 4.0),
                text: text.to_string(),
                line: None,
            })
            .collect()
    }

    #[test]
    fn members_by_name_tolerate_a_missing_surname_and_nothing_else() {
        let roster = roster();
        assert_eq!(roster.member_extension("Sathish").as_deref(), Some("301"));
        assert_eq!(
            roster.member_extension("sathish kumar").as_deref(),
            Some("301")
        );
        assert_eq!(roster.member_extension("Agent 1").as_deref(), Some("302"));
        assert_eq!(
            roster.member_extension("Agent 3"),
            None,
            "a word the roster lacks"
        );
        assert_eq!(
            roster.member_extension("Agent"),
            None,
            "two operators hold it"
        );
        assert_eq!(roster.member_extension("Priya"), None);
        assert_eq!(roster.member_extension(""), None);
    }

    /// The diarizer named the caller's voice after the operator: the voice name points one way, the
    /// greeting, the introduction and the DNI request the other. The choice is flagged, not trusted.
    #[test]
    fn a_voice_name_the_cues_contradict_is_low_confidence() {
        let facts = crate::rubric::Rubric::default_facts();
        let swapped = turns(&[
            (
                "SPEAKER_01",
                "Buenos días, bienvenido al SIAGIE, le saluda Rosa Quispe. ¿Con quién tengo el gusto?",
            ),
            (
                "Rosa Quispe",
                "Buenos días, habla la profesora Elena Ramos.",
            ),
            (
                "SPEAKER_01",
                "Mucho gusto. ¿Me da su número de DNI, por favor?",
            ),
            (
                "Rosa Quispe",
                "Sí, cuatro cinco dos ocho uno tres seis siete.",
            ),
        ]);
        let (turns, decision) = decide_roles(swapped, &roster(), facts).unwrap();
        assert_eq!(decision.method, RoleMethod::RosterVoice);
        assert!(decision.confidence < CERTAIN_ROLES, "{decision:?}");
        assert!(
            decision.detail.contains("las dice SPEAKER_01"),
            "{}",
            decision.detail
        );
        assert_eq!(turns[1].role, Role::Operator, "the choice stands, flagged");

        let agreeing = turns_agreeing();
        let (_, decision) = decide_roles(agreeing, &roster(), facts).unwrap();
        assert_eq!(
            (decision.method, decision.confidence),
            (RoleMethod::RosterVoice, 0.95)
        );
    }

    fn turns_agreeing() -> Vec<Turn> {
        turns(&[
            (
                "Rosa Quispe",
                "Buenos días, bienvenido al SIAGIE, le saluda Rosa Quispe. ¿Con quién tengo el gusto?",
            ),
            ("SPEAKER_01", "Buenos días, habla la profesora Elena Ramos."),
            (
                "Rosa Quispe",
                "Mucho gusto. ¿Me da su número de DNI, por favor?",
            ),
        ])
    }
}

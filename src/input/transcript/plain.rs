//! Plain-text transcripts: one turn per line, `Label: text`. Role labels (Operador, Agente, Asesora,
//! Usuario, Cliente, Docente, Director, ...; case and accents ignored) give the role; other labels are
//! kept with Role::Unknown when they pass the speaker rules of `speaker.rs` (diarization label,
//! recurring label, or a person's name). A line without a label continues the previous turn; text
//! before the first label is a turn with speaker "". Blank lines are skipped; there are no times.
//! Text where fewer than two lines carry a label is not a transcript (`sniff` says None).

use crate::input::speaker::{self, SpeakerLabels};
use crate::input::{ParseError, clean_text};
use crate::model::{Format, Role, Transcript, Turn};

/// How many lines carry an accepted speaker label (for sniffing).
pub(in crate::input) fn labelled_lines(text: &str) -> usize {
    let labels = SpeakerLabels::from_texts(text.lines());
    text.lines()
        .filter(|line| labels.speaker(line).is_some())
        .count()
}

pub(in crate::input) fn parse(text: &str) -> Result<Transcript, ParseError> {
    let labels = SpeakerLabels::from_texts(text.lines());
    let mut turns: Vec<Turn> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match (labels.speaker(line), turns.last_mut()) {
            (Some(prefix), _) => turns.push(Turn {
                speaker: prefix.label.to_string(),
                role: speaker::role_of_label(prefix.label),
                start: None,
                end: None,
                text: prefix.rest.to_string(),
                line: Some(index + 1),
            }),
            (None, Some(turn)) => {
                turn.text.push(' ');
                turn.text.push_str(line);
            }
            (None, None) => turns.push(Turn {
                speaker: String::new(),
                role: Role::Unknown,
                start: None,
                end: None,
                text: line.to_string(),
                line: Some(index + 1),
            }),
        }
    }
    for turn in &mut turns {
        turn.text = clean_text(&turn.text);
    }
    Ok(Transcript::new(Format::Plain, turns))
}

#[cfg(test)]
mod tests {
    use crate::input::{decode, fixture, parse_transcript, read_transcript, sniff};
    use crate::model::{Format, Role};

    #[test]
    fn labels_roles_and_continuations() {
        let text = "OPERADORA: Buenos días, SIAGIE.\n\nUsuário: Hola, no puedo entrar.\nMire: me sale error.\n\
                    Teleoperador: Entiendo.\nDirectora: Gracias.\nRosa Quispe: ¿Algo más?\nX: no\n";
        assert_eq!(sniff(text, Some("txt")), Some(Format::Plain));
        let t = parse_transcript(text, Format::Plain).unwrap();
        let got: Vec<_> = t
            .turns
            .iter()
            .map(|t| (t.speaker.as_str(), t.role, t.text.as_str(), t.line))
            .collect();
        assert_eq!(
            got,
            [
                ("OPERADORA", Role::Operator, "Buenos días, SIAGIE.", Some(1)),
                (
                    "Usuário",
                    Role::Caller,
                    "Hola, no puedo entrar. Mire: me sale error.",
                    Some(3)
                ),
                ("Teleoperador", Role::Operator, "Entiendo.", Some(5)),
                ("Directora", Role::Caller, "Gracias.", Some(6)),
                ("Rosa Quispe", Role::Unknown, "¿Algo más? X: no", Some(7)),
            ]
        );
        assert!(!t.is_timed());
    }

    #[test]
    fn text_before_the_first_label_and_empty_label_lines() {
        let text = "Llamada del 3 de noviembre\nAgente:\nBuenos días.\nCliente: Hola.\nCliente:\n";
        let t = parse_transcript(text, Format::Plain).unwrap();
        let got: Vec<_> = t
            .turns
            .iter()
            .map(|t| (t.speaker.as_str(), t.text.as_str()))
            .collect();
        // The trailing empty "Cliente:" turn is dropped.
        assert_eq!(
            got,
            [
                ("", "Llamada del 3 de noviembre"),
                ("Agente", "Buenos días."),
                ("Cliente", "Hola.")
            ]
        );
    }

    #[test]
    fn fewer_than_two_labelled_lines_is_not_a_transcript() {
        assert_eq!(sniff("Operador: hola\ny nada más\n", Some("txt")), None);
        assert_eq!(
            sniff(
                "Querido diario: hoy llovió.\nNota: comprar pan.\n",
                Some("txt")
            ),
            None
        );
    }

    #[test]
    fn windows_1252_fixture() {
        let bytes = std::fs::read(fixture("input/plain_cp1252.txt")).unwrap();
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "fixture must stay Windows-1252"
        );
        assert!(decode(&bytes).contains("Señora"));
        let t = read_transcript(&fixture("input/plain_cp1252.txt")).unwrap();
        assert_eq!(t.format, Format::Plain);
        assert_eq!(t.turns.len(), 4);
        assert_eq!(t.turns[3].text, "Sí, un momento… ya lo tengo.");
        assert_eq!(
            (t.turns[0].role, t.turns[0].text.as_str()),
            (
                Role::Operator,
                "Mesa de ayuda del SIAGIE, buenas tardes. ¿Con quién hablo?"
            )
        );
        assert_eq!(
            (t.turns[1].role, t.turns[1].text.as_str()),
            (
                Role::Caller,
                "Señora, buenas tardes, soy la profesora Núñez. No me aparece la sección."
            )
        );
    }
}

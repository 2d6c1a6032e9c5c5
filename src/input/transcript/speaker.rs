//! Speaker labels written into the text (`Rosa Quispe: ...`, `[SPEAKER_00]: ...`, `Operador: ...`), as
//! WebVTT, SRT and plain-text transcripts carry them, and the roles that Spanish labels state.
//!
//! Text such as "Mire: le explico" has the same shape as a speaker prefix, so a prefix is taken as a
//! speaker only when it is
//! - a role label (Operador, Usuario 2, Asesora Rosa, ... see `role_of_label`), or
//! - a diarization label (SPEAKER_00, spk_0, Speaker 1, ch_0, Hablante 2), or
//! - a label that prefixes at least two cues or lines of the same file, or
//! - shaped like a person's name: 2-4 words, the first and last capitalised, the middle ones
//!   capitalised or particles (de, del, la, y, ...).
//!
//! A bracketed label with no colon (`[SPEAKER_00] text`, as the WhisperX writer puts it) must be a role
//! or diarization label, so that `[música] ...` stays text. A one-word name that occurs once
//! ("Rosa: hola") is therefore read as text; that is the price of not splitting sentences.

use std::collections::HashMap;

use crate::model::Role;

/// A label found at the start of a text, with the text after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::input) struct Prefix<'a> {
    pub label: &'a str,
    pub rest: &'a str,
    /// `[label] text` without a colon.
    pub bare_bracket: bool,
}

const MAX_LABEL_CHARS: usize = 40;
const MAX_LABEL_WORDS: usize = 4;

/// The label-shaped prefix of `text`, if any: `[label]:`, `[label]`, or `label:` followed by a space
/// or the end, where the label is 1-4 words starting with a letter.
pub(in crate::input) fn split_prefix(text: &str) -> Option<Prefix<'_>> {
    let text = text.trim_start();
    if let Some(inner) = text.strip_prefix('[') {
        let close = inner.find(']')?;
        let label = inner[..close].trim();
        let after = &inner[close + 1..];
        let (rest, bare_bracket) = match after.strip_prefix(':') {
            Some(rest) => (rest, false),
            None => (after, true),
        };
        return label_shaped(label).then_some(Prefix {
            label,
            rest: rest.trim_start(),
            bare_bracket,
        });
    }
    let colon = text.find(':')?;
    let rest = &text[colon + 1..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let label = text[..colon].trim_end();
    label_shaped(label).then_some(Prefix {
        label,
        rest: rest.trim_start(),
        bare_bracket: false,
    })
}

fn label_shaped(label: &str) -> bool {
    if is_phone_label(label) {
        return true;
    }
    let word_ok = |w: &str| {
        w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '\''))
    };
    let words: Vec<&str> = label.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= MAX_LABEL_WORDS
        && label.chars().count() <= MAX_LABEL_CHARS
        && label.starts_with(char::is_alphabetic)
        && words.iter().all(|w| word_ok(w))
}

/// A dial-in participant shown by number, as Zoom writes them: "957811204:", "+51 957 811 204:".
fn is_phone_label(label: &str) -> bool {
    let digits = label.chars().filter(char::is_ascii_digit).count();
    (6..=15).contains(&digits)
        && label
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-'))
}

/// SPEAKER_00, speaker 1, Speaker A, spk_0, spkr1, Hablante 2, Locutor_1, ch_0, channel 1, canal 2.
pub(in crate::input) fn is_diarization_label(label: &str) -> bool {
    let folded = fold(label);
    let Some(split) = folded.find(|c: char| !c.is_ascii_alphabetic()) else {
        return false;
    };
    let (word, tail) = folded.split_at(split);
    let id = tail.trim_start_matches([' ', '_', '-']);
    let id_ok = (!id.is_empty() && id.chars().all(|c| c.is_ascii_digit()))
        || (id.len() == 1 && id.chars().all(|c| c.is_ascii_alphabetic()) && tail.len() > id.len());
    id_ok
        && matches!(
            word,
            "speaker" | "spk" | "spkr" | "hablante" | "locutor" | "ch" | "channel" | "canal"
        )
}

/// Two to four words, first and last capitalised, middle ones capitalised or name particles.
pub(in crate::input) fn looks_like_person_name(label: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "del", "la", "las", "los", "y", "e", "da", "do", "dos", "van", "von", "di",
    ];
    let words: Vec<&str> = label.split_whitespace().collect();
    let capitalised = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
    };
    (2..=MAX_LABEL_WORDS).contains(&words.len())
        && words.first().is_some_and(|w| capitalised(w))
        && words.last().is_some_and(|w| capitalised(w))
        && words
            .iter()
            .all(|w| capitalised(w) || PARTICLES.contains(w))
}

/// The role a label states, by its first word: Operador/Agente/Asesor(a)/Teleoperador(a)/Orientador(a)
/// -> Operator; Usuario/Cliente/Llamante/Docente/Profesor(a)/Director(a)/Ciudadano(a)/Interlocutor ->
/// Caller; case and accents ignored, so "Usuario 2", "Asesora Rosa" and "Directora de la IE" count too;
/// anything else Unknown.
pub(in crate::input) fn role_of_label(label: &str) -> Role {
    let folded = fold(label);
    let first = folded
        .split(|c: char| c.is_whitespace() || c == '_')
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    match first {
        "operador" | "operadora" | "agente" | "asesor" | "asesora" | "teleoperador"
        | "teleoperadora" | "orientador" | "orientadora" => Role::Operator,
        "usuario" | "usuaria" | "cliente" | "llamante" | "docente" | "profesor" | "profesora"
        | "director" | "directora" | "ciudadano" | "ciudadana" | "interlocutor"
        | "interlocutora" => Role::Caller,
        _ => Role::Unknown,
    }
}

/// Lower case without accents (á -> a, ñ -> n), for comparing labels.
pub(in crate::input) fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// Decides which prefixes of one file are speakers: built from every candidate prefix in the file,
/// so that a label that recurs is accepted everywhere it occurs.
pub(in crate::input) struct SpeakerLabels {
    counts: HashMap<String, usize>,
}

impl SpeakerLabels {
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut counts = HashMap::new();
        for prefix in texts.into_iter().filter_map(split_prefix) {
            *counts.entry(prefix.label.to_string()).or_insert(0) += 1;
        }
        SpeakerLabels { counts }
    }

    /// The speaker prefix of `text` when it passes the rules in this module's doc comment.
    pub fn speaker<'a>(&self, text: &'a str) -> Option<Prefix<'a>> {
        let prefix = split_prefix(text)?;
        let stated =
            role_of_label(prefix.label) != Role::Unknown || is_diarization_label(prefix.label);
        let accepted = if prefix.bare_bracket {
            stated
        } else {
            stated
                || self.counts.get(prefix.label).copied().unwrap_or(0) >= 2
                || looks_like_person_name(prefix.label)
        };
        accepted.then_some(prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        let p = split_prefix("Rosa Quispe: Buenos días").unwrap();
        assert_eq!(
            (p.label, p.rest, p.bare_bracket),
            ("Rosa Quispe", "Buenos días", false)
        );
        let p = split_prefix("[SPEAKER_00]: hola").unwrap();
        assert_eq!(
            (p.label, p.rest, p.bare_bracket),
            ("SPEAKER_00", "hola", false)
        );
        let p = split_prefix("[SPEAKER_01] hola").unwrap();
        assert_eq!(
            (p.label, p.rest, p.bare_bracket),
            ("SPEAKER_01", "hola", true)
        );
        assert_eq!(split_prefix("Operador:").unwrap().rest, "");
        assert_eq!(split_prefix("Son las 10:15 ya"), None);
        assert_eq!(split_prefix("Visite https://siagie.minedu.gob.pe"), None);
        assert_eq!(split_prefix("Esto es una frase muy larga: no"), None);
        assert_eq!(split_prefix("[sin cierre"), None);
        assert_eq!(split_prefix("12: doce"), None);
        // Zoom names dial-in participants by their number.
        assert_eq!(
            split_prefix("957811204: Buenas tardes").unwrap().label,
            "957811204"
        );
        assert_eq!(
            split_prefix("+51 957 811 204: hola").unwrap().label,
            "+51 957 811 204"
        );
    }

    #[test]
    fn diarization_labels() {
        for label in [
            "SPEAKER_00",
            "spk_1",
            "Speaker 2",
            "Speaker A",
            "spkr3",
            "Hablante 1",
            "ch_0",
            "Canal 2",
        ] {
            assert!(is_diarization_label(label), "{label}");
        }
        for label in [
            "Speaker",
            "Mire",
            "Rosa Quispe",
            "SPEAKER_",
            "chat 1",
            "SpeakerAB",
        ] {
            assert!(!is_diarization_label(label), "{label}");
        }
    }

    #[test]
    fn person_names() {
        for label in [
            "Rosa Quispe",
            "María de la Cruz",
            "Caleob King",
            "Juan Pérez-Gómez",
        ] {
            assert!(looks_like_person_name(label), "{label}");
        }
        for label in [
            "Mire",
            "Buenos días",
            "por favor",
            "Rosa Quispe Huamán Soto Ruiz",
            "Rosa 2",
        ] {
            assert!(!looks_like_person_name(label), "{label}");
        }
    }

    #[test]
    fn roles_ignore_case_and_accents() {
        assert_eq!(role_of_label("OPERADORA"), Role::Operator);
        assert_eq!(role_of_label("Teleoperador"), Role::Operator);
        assert_eq!(role_of_label("Orientadora 2"), Role::Operator);
        assert_eq!(role_of_label("Usuário"), Role::Caller);
        assert_eq!(role_of_label("Profesora"), Role::Caller);
        assert_eq!(role_of_label("Interlocutor"), Role::Caller);
        assert_eq!(role_of_label("Directora de la IE"), Role::Caller);
        assert_eq!(role_of_label("Asesora Rosa"), Role::Operator);
        assert_eq!(role_of_label("Operativo"), Role::Unknown);
        assert_eq!(role_of_label("Rosa"), Role::Unknown);
        assert_eq!(role_of_label(""), Role::Unknown);
    }

    #[test]
    fn acceptance_rules() {
        let texts = [
            "Mire: le explico",
            "Carlos: hola",
            "Carlos: sí",
            "[música] fondo",
            "Rosa Quispe: buenas",
        ];
        let labels = SpeakerLabels::from_texts(texts);
        assert_eq!(labels.speaker("Mire: le explico"), None);
        assert_eq!(
            labels.speaker("Carlos: hola").map(|p| p.label),
            Some("Carlos")
        );
        assert_eq!(labels.speaker("[música] fondo"), None);
        assert_eq!(
            labels.speaker("Rosa Quispe: buenas").map(|p| p.label),
            Some("Rosa Quispe")
        );
        assert_eq!(
            labels.speaker("[SPEAKER_00] hola").map(|p| p.rest),
            Some("hola")
        );
        assert_eq!(
            labels.speaker("Usuario: hola").map(|p| p.label),
            Some("Usuario")
        );
    }
}

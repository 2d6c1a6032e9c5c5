//! Detector `closing_by_name`: the operator's goodbye addresses the caller by the name they gave.
//!
//! # What it checks
//! One of the operator's last `turns` turns contains a word of the name the caller gave
//! (`Call::caller_name`: first name or surname; words of five letters or more also match speech-to-text
//! spellings). A name said early in the call is not a closing by name. Fail when the closing does not
//! use the name, or when the caller never gave one. Na when the call was transferred: the closing then
//! belongs to whoever received it.
//!
//! # Why it matters
//! Protocol step 10: at the end, address the caller by name ("Profesor Pérez, muchas gracias por
//! utilizar este servicio...") so the service feels personal.
//!
//! # Parameters
//! - `turns`: how many of the operator's last turns may hold the name (2).
//!
//! # Example
//! Pass: "Gracias a usted, profesora Huamán, cualquier consulta nos vuelve a llamar." Fail: "Ya, gracias,
//! hasta luego." when the caller had said "soy la profesora María Huamán".

use serde::Deserialize;

use super::{Call, Detector, Finding, params};
use crate::text::Phrase;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    turns: usize,
}

struct ClosingByName {
    turns: usize,
}

pub fn build(table: toml::Table) -> Result<Box<dyn Detector>, String> {
    let p: Params = params(table)?;
    if p.turns == 0 {
        return Err("turns must be at least 1".into());
    }
    Ok(Box::new(ClosingByName { turns: p.turns }))
}

impl Detector for ClosingByName {
    fn evaluate(&self, call: &Call) -> Finding {
        if call.interaction.transfer.is_some() {
            return Finding::na(
                "la llamada fue transferida: el cierre corresponde a quien la recibió",
            );
        }
        let operator = call.operator_turns();
        let Some(&last) = operator.last() else {
            return Finding::fail(None, "el operador no interviene en la llamada");
        };
        let Some(name) = &call.caller_name else {
            return Finding::fail(
                Some(last),
                "el usuario nunca dio su nombre, así que el operador no pudo despedirse llamándolo por su nombre",
            );
        };
        // One small pattern per name word, compiled per call: the name is the call's, not the rubric's.
        let patterns: Vec<Phrase> = name
            .words
            .iter()
            .filter_map(|w| Phrase::compile_local(w).ok())
            .collect();
        let said_in = |turn: usize| patterns.iter().find_map(|p| p.find(call.text(turn)));
        let split = operator.len().saturating_sub(self.turns);
        let (earlier, closing) = operator.split_at(split);
        for &turn in closing {
            if let Some(m) = said_in(turn) {
                return Finding::pass(
                    turn,
                    Some(m.bytes),
                    "el operador se despidió llamando al usuario por su nombre",
                );
            }
        }
        let window = match closing.len() {
            1 => "su última intervención".to_string(),
            n => format!("sus {n} últimas intervenciones"),
        };
        let used_before = earlier.iter().any(|&turn| said_in(turn).is_some());
        let reason = if used_before {
            format!(
                "el operador usó el nombre del usuario antes en la llamada, pero no en {window}"
            )
        } else {
            format!("el operador no llamó al usuario por el nombre que dio en {window}")
        };
        Finding::fail(Some(last), reason)
    }
}

#[cfg(test)]
mod tests {
    use crate::criteria::testing::{dialogue, quoted, score, untimed, with_transfer};
    use crate::model::{Outcome, Role};

    #[test]
    fn name_in_the_goodbye_passes() {
        let c = dialogue(&[
            "Buenas tardes, SIAGIE, ¿con quién tengo el gusto?",
            "Con la profesora María Huamán.",
            "¿En qué la puedo ayudar?",
            "No puedo cerrar el acta del bimestre.",
            "Complete las notas y luego cierre el acta. ¿Alguna otra consulta?",
            "No, gracias.",
            "Gracias a usted, profesora Guamán, que tenga buena tarde.",
        ]);
        let f = score("closing_by_name", &c);
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert_eq!(quoted(&c, &f), "Guamán");
    }

    #[test]
    fn a_name_said_early_is_not_a_closing_by_name() {
        let c = dialogue(&[
            "Buenas tardes, SIAGIE, ¿con quién tengo el gusto?",
            "Con la profesora María Huamán.",
            "Profesora María, ¿en qué la puedo ayudar?",
            "No puedo cerrar el acta del bimestre.",
            "Complete las notas y luego cierre el acta.",
            "Ya, gracias.",
            "De nada, hasta luego.",
        ]);
        let f = score("closing_by_name", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("antes"), "{}", f.reason);
        assert_eq!(f.turn, Some(6));
    }

    #[test]
    fn no_name_given_fails_saying_so() {
        let c = untimed(&[
            (
                Role::Operator,
                "Buenas tardes, SIAGIE, ¿en qué le puedo ayudar?",
            ),
            (Role::Caller, "No puedo entrar al sistema, señorita."),
            (Role::Operator, "Restablezca su contraseña. Hasta luego."),
        ]);
        let f = score("closing_by_name", &c);
        assert_eq!(f.outcome, Outcome::Fail);
        assert!(f.reason.contains("nunca dio su nombre"), "{}", f.reason);
    }

    #[test]
    fn transferred_calls_are_na() {
        let c = with_transfer(
            dialogue(&[
                "Buenas tardes, SIAGIE, ¿con quién tengo el gusto?",
                "Con Pedro Ramos.",
                "Señor Pedro, le transfiero con su UGEL.",
            ]),
            Some(2),
        );
        assert_eq!(score("closing_by_name", &c).outcome, Outcome::Na);
    }
}

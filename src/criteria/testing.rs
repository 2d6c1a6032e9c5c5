//! Test helpers for detectors (compiled only for tests): build an `Interaction` from a few
//! `(role, start, end, text)` tuples, and score it with a detector built from the embedded rubric's
//! parameters for a criterion, with the embedded rubric's call facts (roles, holds, transfers, names).
//!
//! The facts are loaded from the embedded rubric's fact tables alone, and a detector is built from its
//! own criterion's parameters alone, so a detector's tests do not depend on the other detectors of the
//! rubric being written or valid.

use std::path::PathBuf;

use super::{Call, Detector, Finding};
use crate::facts::CallFacts;
use crate::model::{
    Channel, Format, Hold, Interaction, Operator, OperatorSource, Role, RoleDecision, RoleMethod,
    Source, Transfer, TransferKind, Turn,
};
use crate::rubric::DEFAULT_RUBRIC;

/// The embedded rubric's call facts.
pub fn facts() -> &'static CallFacts {
    crate::rubric::Rubric::default_facts()
}

/// The embedded rubric's `[criterion.params]` table for criterion `id`, and its detector kind.
pub fn rubric_params(id: &str) -> (String, toml::Table) {
    let rubric: toml::Table = toml::from_str(DEFAULT_RUBRIC).expect("the embedded rubric is TOML");
    let criteria = rubric
        .get("criterion")
        .and_then(|c| c.as_array())
        .expect("[[criterion]] array");
    let criterion = criteria
        .iter()
        .filter_map(|c| c.as_table())
        .find(|c| c.get("id").and_then(|v| v.as_str()) == Some(id))
        .unwrap_or_else(|| panic!("criterion {id:?} is not in the embedded rubric"));
    let kind = criterion
        .get("detector")
        .and_then(|d| d.as_str())
        .expect("detector is a string")
        .to_string();
    let params = criterion
        .get("params")
        .and_then(|p| p.as_table())
        .cloned()
        .unwrap_or_default();
    (kind, params)
}

/// The detector for criterion `id`, built from the embedded rubric's parameters.
pub fn detector(id: &str) -> Box<dyn Detector> {
    let (kind, params) = rubric_params(id);
    super::build(&kind, params).unwrap_or_else(|e| panic!("criterion {id:?}: {e}"))
}

/// A timed call with the given turns; speakers are named after their role.
pub fn call(turns: &[(Role, f64, f64, &str)]) -> Interaction {
    let turns = turns
        .iter()
        .map(|&(role, start, end, text)| Turn {
            speaker: role.as_str().to_string(),
            role,
            start: Some(start),
            end: Some(end),
            text: text.to_string(),
            line: None,
        })
        .collect();
    interaction(turns, true)
}

/// An untimed call (plain text transcript): turns get no times.
pub fn untimed(turns: &[(Role, &str)]) -> Interaction {
    let turns = turns
        .iter()
        .map(|&(role, text)| Turn {
            speaker: role.as_str().to_string(),
            role,
            start: None,
            end: None,
            text: text.to_string(),
            line: None,
        })
        .collect();
    interaction(turns, false)
}

/// A call from operator and caller lines alternating, operator first, each 5 seconds long.
pub fn dialogue(lines: &[&str]) -> Interaction {
    let turns: Vec<(Role, f64, f64, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let role = if i % 2 == 0 {
                Role::Operator
            } else {
                Role::Caller
            };
            (role, i as f64 * 5.0, i as f64 * 5.0 + 4.5, *text)
        })
        .collect();
    call(&turns)
}

fn interaction(turns: Vec<Turn>, timed: bool) -> Interaction {
    Interaction {
        call_id: "test-call".into(),
        channel: Channel::Telefono,
        source_file: PathBuf::from("test-call.vtt"),
        format: if timed { Format::Vtt } else { Format::Plain },
        started_at: None,
        turns,
        timed,
        roles: RoleDecision {
            method: RoleMethod::File,
            confidence: 1.0,
            detail: "roles set by the test".into(),
        },
        operator: None,
        operator_source: None,
        holds: Vec::new(),
        transfer: None,
        reported_interruptions: Vec::new(),
        pbx: None,
        analyses: Vec::new(),
    }
}

/// The same call, with the operator known from the roster (`name` as the roster writes it).
pub fn with_operator(mut interaction: Interaction, name: &str) -> Interaction {
    interaction.operator = Some(Operator {
        id: "op99".into(),
        name: name.into(),
        extensions: vec!["299".into()],
        team: "Mañana".into(),
    });
    interaction.operator_source = Some(OperatorSource::Pbx);
    interaction
}

/// The same call, with a hold between `start` and `end` seconds.
pub fn with_hold(mut interaction: Interaction, start: f64, end: f64) -> Interaction {
    interaction.holds.push(Hold {
        start,
        end,
        announce_turn: None,
        return_turn: None,
        source: Source::Transcript,
    });
    interaction
}

/// The same call, transferred (attended, announced by `announce_turn` when given).
pub fn with_transfer(mut interaction: Interaction, announce_turn: Option<usize>) -> Interaction {
    let at = announce_turn.and_then(|i| interaction.turns[i].end);
    interaction.transfer = Some(Transfer {
        at,
        kind: TransferKind::Attended,
        announce_turn,
        target_turn: None,
        source: Source::Transcript,
    });
    interaction
}

/// Scores `interaction` with `detector`, using the embedded rubric's facts.
pub fn evaluate(detector: &dyn Detector, interaction: &Interaction) -> Finding {
    let call = Call::new(interaction, facts());
    detector.evaluate(&call)
}

/// Scores `interaction` on criterion `id` of the embedded rubric.
pub fn score(id: &str, interaction: &Interaction) -> Finding {
    evaluate(detector(id).as_ref(), interaction)
}

/// The quoted words a finding rests on (its byte range in its turn), or "" when it quotes nothing.
pub fn quoted<'a>(interaction: &'a Interaction, finding: &Finding) -> &'a str {
    match (finding.turn, finding.bytes) {
        (Some(turn), Some((start, end))) => &interaction.turns[turn].text[start..end],
        _ => "",
    }
}

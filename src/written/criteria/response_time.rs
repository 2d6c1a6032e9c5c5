//! Detector `response_time`: the reply came within the service level, counted in business hours.
//!
//! # What it checks
//! The time from the first user message the reply answers (the oldest one since the help desk's
//! previous reply) to the reply, counting only the help desk's open hours (the rubric's
//! `[business_hours]`: Monday to Saturday 08:00-18:00 in Lima, holidays off). The first reply of a
//! thread must come within `first_reply_sla_h`, every later reply within `later_reply_sla_h`. na when
//! the help desk wrote without a user message to answer.
//!
//! # Why it matters
//! The protocol asks for fast replies; counting business hours only is fair to a message written on
//! a Saturday night or on a holiday, and strict with one left waiting during open hours.
//!
//! # Example
//! A message of Saturday 17:30 answered on Monday 08:30 waited one business hour: a pass with a
//! four-hour SLA. A message of Monday 09:00 answered on Tuesday 09:00 waited ten: a fail.

use serde::Deserialize;

use super::{Reply, WrittenDetector, local_words, params};
use crate::criteria::Finding;
use crate::model::Outcome;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    first_reply_sla_h: f64,
    later_reply_sla_h: f64,
}

struct ResponseTime {
    first_reply_sla_h: f64,
    later_reply_sla_h: f64,
}

pub fn build(table: toml::Table) -> Result<Box<dyn WrittenDetector>, String> {
    let p: Params = params(table)?;
    for (key, value) in [
        ("first_reply_sla_h", p.first_reply_sla_h),
        ("later_reply_sla_h", p.later_reply_sla_h),
    ] {
        if !(value.is_finite() && value > 0.0) {
            return Err(format!(
                "{key} must be a positive number of hours, got {value}"
            ));
        }
    }
    Ok(Box::new(ResponseTime {
        first_reply_sla_h: p.first_reply_sla_h,
        later_reply_sla_h: p.later_reply_sla_h,
    }))
}

/// Hours as Spanish writes them: `2,5 h`.
pub fn hours(h: f64) -> String {
    let text = crate::results::row::format_float((h * 100.0).round() / 100.0);
    format!("{} h", text.replace('.', ","))
}

impl WrittenDetector for ResponseTime {
    fn evaluate(&self, reply: &Reply) -> Finding {
        let Some(first) = reply.answers.first() else {
            return Finding::na(
                "la mesa de ayuda escribió sin un mensaje del usuario que responder",
            );
        };
        let waited = reply.calendar.business_hours(first.sent_at, reply.sent_at);
        let (sla, which) = if reply.number == 1 {
            (self.first_reply_sla_h, "primera respuesta")
        } else {
            (self.later_reply_sla_h, "respuesta de seguimiento")
        };
        let reason = format!(
            "{which} en {} hábiles (plazo {}): mensaje del usuario del {}, respuesta del {}",
            hours(waited),
            hours(sla),
            local_words(first.sent_at, reply.calendar),
            local_words(reply.sent_at, reply.calendar)
        );
        let outcome = if waited <= sla {
            Outcome::Pass
        } else {
            Outcome::Fail
        };
        let mut finding = Finding::na(reason);
        finding.outcome = outcome;
        finding
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{detector, reply, user_message};
    use crate::model::Outcome;
    use crate::written::Channel::Email;

    #[test]
    fn counts_business_hours_only() {
        let d = detector("response_time");
        // Saturday 17:30 -> Monday 08:30: one business hour.
        let user = [user_message("2026-11-07 17:30", "Hola")];
        let f = d.evaluate(&reply(Email, "2026-11-09 08:30", "Buenos días", &user));
        assert_eq!(f.outcome, Outcome::Pass, "{}", f.reason);
        assert!(f.reason.contains("1 h hábiles"), "{}", f.reason);
        // Monday 09:00 -> Tuesday 09:00: ten business hours.
        let user = [user_message("2026-11-09 09:00", "Hola")];
        let f = d.evaluate(&reply(Email, "2026-11-10 09:00", "Buenos días", &user));
        assert_eq!(f.outcome, Outcome::Fail, "{}", f.reason);
        assert!(f.reason.contains("10 h hábiles"), "{}", f.reason);
    }
}

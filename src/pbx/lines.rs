//! The daily line review the protocol asks for ("revisar las líneas diariamente"): per day, per hour and
//! for the whole period, calls offered, answered and lost (at entry or at the extension), lost-call
//! rate, service level, waits and handle time; per extension, rings not answered, busy and failed legs
//! and calls handled; the extensions that look off the hook or faulty, each with its evidence; and the
//! lost calls ready for call-backs. Pure: PBX calls in, tables out.
//!
//! Definitions: offered = calls that entered a queue, whoever placed them (or reached the PBX inbound
//! when there is no queue), less the consultation calls of attended transfers; answered = connected
//! to an operator; lost = offered and never answered; lost at the extension = lost calls that rang at
//! least one extension first; lost at entry = the other lost calls. Internal traffic (calls from
//! inside to an IVR, voicemail, the echo test, a conference or another extension, and transfer
//! consultations) is listed apart and counted per period, never offered.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{PbxCall, RingResult};
use crate::model::named_enum;

named_enum! {
    /// What an extension's record suggests is wrong with it.
    pub enum Suspect {
        /// Rings unanswered or a leg left open for hours: a handset off the hook.
        OffHook = "off_hook",
        /// Repeated failed attempts: a broken line or device.
        Faulty = "faulty",
    }
}

impl Suspect {
    /// For people, in Spanish.
    pub fn label(self) -> &'static str {
        match self {
            Suspect::OffHook => "posible anexo mal colgado",
            Suspect::Faulty => "posible anexo averiado",
        }
    }
}

named_enum! {
    /// Where a call was lost.
    pub enum LostCause {
        /// Before any extension rang: in the queue or at the greeting.
        Entry = "entry",
        /// An extension rang and nobody answered.
        Extension = "extension",
    }
}

impl LostCause {
    /// For people, in Spanish.
    pub fn label(self) -> &'static str {
        match self {
            LostCause::Entry => "en la entrada",
            LostCause::Extension => "en el anexo",
        }
    }
}

/// Thresholds of the review.
#[derive(Debug, Clone)]
pub struct LineSettings {
    pub tz: TimeZone,
    /// A call answered within this many seconds of entering counts toward the service level.
    pub service_level_s: f64,
    /// Busy signals with no call in progress, in one day, that flag an extension as off the hook.
    pub off_hook_busy: usize,
    /// An answered leg up this long flags its extension as off the hook.
    pub off_hook_leg_s: f64,
    /// FAILED / CONGESTION / CHANUNAVAIL legs in the period that flag an extension as faulty.
    pub faulty_failures: usize,
}

impl Default for LineSettings {
    fn default() -> Self {
        LineSettings {
            tz: TimeZone::get("America/Lima").unwrap_or(TimeZone::UTC),
            service_level_s: 20.0,
            off_hook_busy: 3,
            off_hook_leg_s: 2.0 * 3600.0,
            faulty_failures: 3,
        }
    }
}

/// Figures for one period (a day, an hour of a day, or the whole run).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub period: String,
    pub offered: usize,
    pub answered: usize,
    pub lost: usize,
    pub lost_at_entry: usize,
    pub lost_at_extension: usize,
    pub lost_rate: Option<f64>,
    pub service_level: Option<f64>,
    pub avg_wait_s: Option<f64>,
    pub p90_wait_s: Option<f64>,
    pub avg_handle_s: Option<f64>,
    /// Internal traffic in the period (not offered).
    pub internal_calls: usize,
}

/// One internal call, listed apart from the offered ones.
#[derive(Debug, Clone, PartialEq)]
pub struct InternalTraffic {
    pub call_id: String,
    pub at: Timestamp,
    /// The extension that placed it.
    pub from: String,
    /// The number dialled (for a consultation, the queue).
    pub to: String,
    /// ivr, voicemail, echo_test, conference, extension, consultation or other.
    pub target: &'static str,
    pub answered: bool,
    pub duration_s: Option<f64>,
}

/// One extension's record over the period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExtensionFigures {
    pub extension: String,
    pub rings_unanswered: usize,
    pub busy: usize,
    pub failed: usize,
    pub handled: usize,
    pub suspect: Option<Suspect>,
    /// Why it is suspect, in Spanish.
    pub evidence: String,
}

/// A lost call, for call-backs.
#[derive(Debug, Clone, PartialEq)]
pub struct LostCall {
    pub call_id: String,
    pub at: Timestamp,
    pub queue: String,
    pub wait_s: Option<f64>,
    /// The whole number (masked in reports, whole in lost_calls.csv).
    pub caller: String,
    pub cause: LostCause,
    /// The queue_log event that ended it (ABANDON, EXITWITHTIMEOUT, ...).
    pub end_event: String,
    /// Extensions that rang without answering.
    pub rang: Vec<String>,
}

/// The whole review.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineReview {
    pub daily: Vec<Figures>,
    pub hourly: Vec<Figures>,
    pub total: Figures,
    pub extensions: Vec<ExtensionFigures>,
    pub lost_calls: Vec<LostCall>,
    pub internal_calls: Vec<InternalTraffic>,
}

fn lost_at_extension(call: &PbxCall) -> bool {
    call.rings.iter().any(|r| r.result != RingResult::Answered)
}

/// Computes the review over every offered call.
pub fn review<'a>(
    calls: impl IntoIterator<Item = &'a PbxCall>,
    settings: &LineSettings,
) -> LineReview {
    let calls: Vec<&PbxCall> = calls.into_iter().collect();
    let dated = |c: &&PbxCall| c.entered_at.is_some();
    let offered: Vec<&PbxCall> = calls
        .iter()
        .copied()
        .filter(|c| c.offered())
        .filter(dated)
        .collect();
    let internal: Vec<&PbxCall> = calls
        .iter()
        .copied()
        .filter(|c| c.internal_traffic())
        .filter(dated)
        .collect();
    let local = |t: Timestamp| t.to_zoned_datetime(settings.tz.clone());

    // Per day and per hour: (offered calls, internal calls).
    type Bucket<'c> = (Vec<&'c PbxCall>, Vec<&'c PbxCall>);
    let mut by_day: BTreeMap<String, Bucket> = BTreeMap::new();
    let mut by_hour: BTreeMap<String, Bucket> = BTreeMap::new();
    for (call, is_internal) in offered
        .iter()
        .map(|c| (c, false))
        .chain(internal.iter().map(|c| (c, true)))
    {
        let Some(at) = call.entered_at else { continue };
        let zoned = local(at);
        for (buckets, key) in [
            (&mut by_day, zoned.strftime("%Y-%m-%d").to_string()),
            (&mut by_hour, zoned.strftime("%Y-%m-%d %H:00").to_string()),
        ] {
            let bucket = buckets.entry(key).or_default();
            if is_internal {
                bucket.1.push(call);
            } else {
                bucket.0.push(call);
            }
        }
    }
    let daily = by_day
        .iter()
        .map(|(day, (calls, internal))| figures(day, calls, internal.len(), settings))
        .collect();
    let hourly = by_hour
        .iter()
        .map(|(hour, (calls, internal))| figures(hour, calls, internal.len(), settings))
        .collect();
    let period = match (by_day.keys().next(), by_day.keys().last()) {
        (Some(first), Some(last)) if first[..7] == last[..7] => first[..7].to_string(),
        (Some(first), Some(last)) => format!("{first}/{last}"),
        _ => String::new(),
    };
    let total = figures(&period, &offered, internal.len(), settings);

    let mut lost_calls: Vec<LostCall> = offered
        .iter()
        .filter(|c| !c.answered())
        .filter_map(|c| {
            Some(LostCall {
                call_id: c.call_id.clone(),
                at: c.entered_at?,
                queue: c.queue.clone().unwrap_or_default(),
                wait_s: c
                    .wait_s
                    .or_else(|| Some(seconds_between(c.entered_at?, c.ended_at?))),
                caller: c.caller.clone().unwrap_or_default(),
                cause: if lost_at_extension(c) {
                    LostCause::Extension
                } else {
                    LostCause::Entry
                },
                end_event: c.end_event.clone().unwrap_or_default(),
                rang: {
                    let mut rang: Vec<String> =
                        c.rings.iter().map(|r| r.extension.clone()).collect();
                    rang.dedup();
                    rang
                },
            })
        })
        .collect();
    lost_calls.sort_by(|a, b| (a.at, &a.call_id).cmp(&(b.at, &b.call_id)));

    let mut internal_calls: Vec<InternalTraffic> = internal
        .iter()
        .filter_map(|c| {
            let at = c.entered_at?;
            let reached = c.internal.as_ref();
            Some(InternalTraffic {
                call_id: c.call_id.clone(),
                at,
                from: reached
                    .and_then(|i| i.from.clone())
                    .or_else(|| c.caller.clone())
                    .unwrap_or_default(),
                to: reached.map(|i| i.to.clone()).unwrap_or_default(),
                target: reached.map_or("other", |i| i.target.as_str()),
                answered: c.answered(),
                duration_s: c
                    .ended_at
                    .map(|end| round(seconds_between(at, end).max(0.0), 1)),
            })
        })
        .collect();
    internal_calls.sort_by(|a, b| (a.at, &a.call_id).cmp(&(b.at, &b.call_id)));

    LineReview {
        daily,
        hourly,
        total,
        extensions: extensions(&calls, settings),
        lost_calls,
        internal_calls,
    }
}

fn seconds_between(a: Timestamp, b: Timestamp) -> f64 {
    (b.as_millisecond() - a.as_millisecond()) as f64 / 1000.0
}

fn figures(
    period: &str,
    calls: &[&PbxCall],
    internal_calls: usize,
    settings: &LineSettings,
) -> Figures {
    let answered: Vec<&&PbxCall> = calls.iter().filter(|c| c.answered()).collect();
    let lost: Vec<&&PbxCall> = calls.iter().filter(|c| !c.answered()).collect();
    let lost_ext = lost.iter().filter(|c| lost_at_extension(c)).count();
    let mut waits: Vec<f64> = answered.iter().filter_map(|c| c.wait_s).collect();
    waits.sort_by(f64::total_cmp);
    let handles: Vec<f64> = answered.iter().filter_map(|c| c.handle_s).collect();
    let within = answered
        .iter()
        .filter(|c| c.wait_s.is_some_and(|w| w <= settings.service_level_s))
        .count();
    let ratio = |n: usize, d: usize| (d > 0).then(|| round(n as f64 / d as f64, 4));
    Figures {
        period: period.to_string(),
        offered: calls.len(),
        answered: answered.len(),
        lost: lost.len(),
        lost_at_entry: lost.len() - lost_ext,
        lost_at_extension: lost_ext,
        lost_rate: ratio(lost.len(), calls.len()),
        service_level: ratio(within, answered.len()),
        avg_wait_s: mean(&waits),
        p90_wait_s: nearest_rank(&waits, 0.9),
        avg_handle_s: mean(&handles),
        internal_calls,
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| round(values.iter().sum::<f64>() / values.len() as f64, 1))
}

/// The nearest-rank percentile: the ceil(p·n)-th smallest value.
fn nearest_rank(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(round(sorted[rank - 1], 1))
}

/// Per-extension figures and suspects. Busy "with no call in progress": the extension was not on any
/// answered leg at that moment.
fn extensions(calls: &[&PbxCall], settings: &LineSettings) -> Vec<ExtensionFigures> {
    let mut table: BTreeMap<String, ExtensionFigures> = BTreeMap::new();
    // Answered legs per extension, to tell a real busy from a phone left off the hook.
    let mut up: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
    for call in calls {
        for ring in call
            .rings
            .iter()
            .filter(|r| r.result == RingResult::Answered)
        {
            let start = ring.at.as_second();
            let length = ring.up_s.unwrap_or(0.0).max(0.0) as i64;
            up.entry(ring.extension.clone())
                .or_default()
                .push((start, start + length.max(1)));
        }
    }
    let mut idle_busy: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut long_legs: BTreeMap<String, Vec<(Timestamp, f64)>> = BTreeMap::new();
    for call in calls {
        let mut handled_here = std::collections::BTreeSet::new();
        for ring in &call.rings {
            let entry = table
                .entry(ring.extension.clone())
                .or_insert_with(|| ExtensionFigures {
                    extension: ring.extension.clone(),
                    ..Default::default()
                });
            match ring.result {
                RingResult::Answered => {
                    // Calls handled: offered calls the extension answered (not calls it placed).
                    if call.offered() && handled_here.insert(ring.extension.clone()) {
                        entry.handled += 1;
                    }
                    if ring.up_s.is_some_and(|s| s >= settings.off_hook_leg_s) {
                        long_legs
                            .entry(ring.extension.clone())
                            .or_default()
                            .push((ring.at, ring.up_s.unwrap_or(0.0)));
                    }
                }
                RingResult::NoAnswer => entry.rings_unanswered += 1,
                RingResult::Busy => {
                    entry.busy += 1;
                    let at = ring.at.as_second();
                    let on_call = up
                        .get(&ring.extension)
                        .is_some_and(|legs| legs.iter().any(|(s, e)| *s <= at && at <= *e));
                    if !on_call {
                        let day = ring
                            .at
                            .to_zoned_datetime(settings.tz.clone())
                            .strftime("%Y-%m-%d")
                            .to_string();
                        *idle_busy.entry((ring.extension.clone(), day)).or_default() += 1;
                    }
                }
                RingResult::Failed => entry.failed += 1,
            }
        }
    }
    for figures in table.values_mut() {
        let mut evidence = Vec::new();
        let busy_days: Vec<String> = idle_busy
            .iter()
            .filter(|((ext, _), n)| *ext == figures.extension && **n >= settings.off_hook_busy)
            .map(|((_, day), n)| format!("ocupada {n} veces el {day} sin ninguna llamada en curso"))
            .collect();
        evidence.extend(busy_days);
        if let Some(legs) = long_legs.get(&figures.extension) {
            for (at, seconds) in legs {
                let local = at
                    .to_zoned_datetime(settings.tz.clone())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string();
                evidence.push(format!(
                    "un tramo contestado quedó abierto {} h {:02} min desde el {local}",
                    (*seconds as u64) / 3600,
                    (*seconds as u64 / 60) % 60
                ));
            }
        }
        if !evidence.is_empty() {
            figures.suspect = Some(Suspect::OffHook);
        } else if figures.failed >= settings.faulty_failures {
            figures.suspect = Some(Suspect::Faulty);
            evidence.push(format!(
                "{} intentos fallidos (FAILED, CONGESTION o CHANUNAVAIL)",
                figures.failed
            ));
        }
        figures.evidence = evidence.join("; ");
    }
    table.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PbxLogKind;
    use crate::pbx::{Direction, Ring};

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn queued(id: &str, entered: &str, wait: f64, answered: bool) -> PbxCall {
        let entered_at = at(entered);
        PbxCall {
            call_id: id.into(),
            direction: Some(Direction::Queue),
            queue: Some("600".into()),
            caller: Some("987654321".into()),
            entered_at: Some(entered_at),
            connected_at: answered.then(|| {
                entered_at
                    .checked_add(jiff::SignedDuration::from_secs_f64(wait))
                    .unwrap()
            }),
            wait_s: Some(wait),
            handle_s: answered.then_some(300.0),
            end_event: Some(
                if answered {
                    "COMPLETECALLER"
                } else {
                    "ABANDON"
                }
                .into(),
            ),
            ..PbxCall::default()
        }
    }

    #[test]
    fn daily_figures_follow_the_definitions() {
        let mut rang = queued("3", "2026-11-03T15:20:00Z", 40.0, false);
        rang.rings.push(Ring {
            extension: "201".into(),
            at: at("2026-11-03T15:20:05Z"),
            result: RingResult::NoAnswer,
            up_s: None,
            source: PbxLogKind::QueueLog,
            via_local: false,
        });
        let calls = vec![
            queued("1", "2026-11-03T15:00:00Z", 10.0, true),
            queued("2", "2026-11-03T15:10:00Z", 30.0, true),
            rang,
            queued("4", "2026-11-03T15:30:00Z", 12.0, false),
            queued("5", "2026-11-04T15:00:00Z", 5.0, true),
        ];
        let review = review(&calls, &LineSettings::default());
        let day = &review.daily[0];
        assert_eq!(day.period, "2026-11-03");
        assert_eq!(
            (
                day.offered,
                day.answered,
                day.lost,
                day.lost_at_entry,
                day.lost_at_extension
            ),
            (4, 2, 2, 1, 1)
        );
        assert_eq!(day.lost_rate, Some(0.5));
        assert_eq!(day.service_level, Some(0.5));
        assert_eq!(
            (day.avg_wait_s, day.p90_wait_s, day.avg_handle_s),
            (Some(20.0), Some(30.0), Some(300.0))
        );
        assert_eq!(review.total.period, "2026-11");
        assert_eq!(review.total.offered, 5);
        assert_eq!(review.lost_calls.len(), 2);
        assert_eq!(review.lost_calls[0].cause, LostCause::Extension);
        assert_eq!(review.hourly[0].period, "2026-11-03 10:00");
    }

    #[test]
    fn off_hook_and_faulty_extensions_come_with_evidence() {
        let mut calls = Vec::new();
        for (i, minute) in ["00", "10", "20"].iter().enumerate() {
            let mut c = queued(
                &format!("b{i}"),
                &format!("2026-11-05T14:{minute}:00Z"),
                30.0,
                false,
            );
            c.rings.push(Ring {
                extension: "207".into(),
                at: at(&format!("2026-11-05T14:{minute}:02Z")),
                result: RingResult::Busy,
                up_s: None,
                source: PbxLogKind::Cdr,
                via_local: false,
            });
            c.rings.push(Ring {
                extension: "205".into(),
                at: at(&format!("2026-11-05T14:{minute}:03Z")),
                result: RingResult::Failed,
                up_s: None,
                source: PbxLogKind::Cdr,
                via_local: false,
            });
            calls.push(c);
        }
        let review = review(&calls, &LineSettings::default());
        let ext = |e: &str| {
            review
                .extensions
                .iter()
                .find(|x| x.extension == e)
                .unwrap()
                .clone()
        };
        assert_eq!(ext("207").suspect, Some(Suspect::OffHook));
        assert!(
            ext("207")
                .evidence
                .contains("ocupada 3 veces el 2026-11-05"),
            "{}",
            ext("207").evidence
        );
        assert_eq!(ext("205").suspect, Some(Suspect::Faulty));
        assert_eq!(ext("205").failed, 3);
    }
}

//! What the PBX says about each call, gathered from every log: queue_log (entry, ringing, answer, end,
//! transfers), CDR legs (where the call came from, who rang, how each leg ended), CEL (the same when
//! there is no CDR, transfers, holds) and AMI (exact holds). `group` puts each log's records of a call
//! under one call id (the queue_log callid, the CDR/CEL linkedid or uniqueid, the AMI
//! Linkedid/Uniqueid), so a call seen in several logs is one call; `from_cdr`, `from_queue_log` and
//! `from_cel` each read their witness, the closer witness of a fact winning: queue_log for the queue
//! (answer, wait, talk), the CDR for where the call came from and how each ring ended, CEL only where
//! no CDR leg mentions the call, AMI for holds. `lines` turns the calls into the daily line review;
//! `crate::link` joins them to transcripts.

mod from_cdr;
mod from_cel;
mod from_queue_log;
mod group;
pub mod lines;
mod route;

use std::collections::BTreeMap;

use jiff::Timestamp;

use crate::input::{AmiEvent, PbxLog};
use crate::model::PbxLogKind;
use crate::model::{Source, TransferKind};

/// What became of a ring at an extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RingResult {
    Answered,
    NoAnswer,
    Busy,
    /// FAILED, CONGESTION or CHANUNAVAIL.
    Failed,
}

/// One attempt to reach an extension.
#[derive(Debug, Clone, PartialEq)]
pub struct Ring {
    /// The extension, or the member name as queue_log logged it when no roster entry matched it.
    pub extension: String,
    pub at: Timestamp,
    pub result: RingResult,
    /// For answered legs, how long the leg stayed up after the answer (CDR billsec, the queue_log
    /// calltime, CEL's answer to hangup).
    pub up_s: Option<f64>,
    pub source: PbxLogKind,
    /// Read from the caller leg's Local channel: the same ring as the agent leg behind it, if logged.
    pub via_local: bool,
}

/// Which way a call went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// Entered a queue (whoever placed it).
    Queue,
    /// From outside straight to an extension (no queue).
    Inbound,
    /// From inside to a trunk or an external number.
    Outbound,
    /// From inside to inside, never entering a queue: an IVR, voicemail, the echo test, a
    /// conference, another extension.
    Internal,
}

/// Where an internal call went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InternalTarget {
    Ivr,
    Voicemail,
    EchoTest,
    Conference,
    Extension,
    /// An operator's consultation call into a queue, part of an attended transfer.
    Consultation,
    Other,
}

impl InternalTarget {
    pub fn as_str(self) -> &'static str {
        match self {
            InternalTarget::Ivr => "ivr",
            InternalTarget::Voicemail => "voicemail",
            InternalTarget::EchoTest => "echo_test",
            InternalTarget::Conference => "conference",
            InternalTarget::Extension => "extension",
            InternalTarget::Consultation => "consultation",
            InternalTarget::Other => "other",
        }
    }
}

/// An internal call: who placed it and what it reached.
#[derive(Debug, Clone, PartialEq)]
pub struct InternalCall {
    /// The extension that placed it.
    pub from: Option<String>,
    /// The number dialled (for a consultation, the queue).
    pub to: String,
    pub target: InternalTarget,
}

/// A transfer the PBX logged.
#[derive(Debug, Clone, PartialEq)]
pub struct PbxTransfer {
    /// None for the legacy TRANSFER event (Asterisk 11 and older, in queue_log and CEL alike): it was
    /// logged for blind and attended transfers alike, so the recording decides (see `link::pbx`).
    pub kind: Option<TransferKind>,
    pub at: Timestamp,
    pub target: String,
    pub source: Source,
}

/// One call as the PBX saw it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PbxCall {
    pub call_id: String,
    pub direction: Option<Direction>,
    pub queue: Option<String>,
    /// The caller's number, whole (masked wherever it is shown).
    pub caller: Option<String>,
    /// The number the caller dialled (FreePBX's queue_log `DID`).
    pub dialled: Option<String>,
    /// When the call reached the PBX (queue entry or the first leg's start).
    pub entered_at: Option<Timestamp>,
    /// When an operator answered, and who.
    pub connected_at: Option<Timestamp>,
    pub agent: Option<String>,
    pub extension: Option<String>,
    /// Seconds in the queue before the answer, or before giving up.
    pub wait_s: Option<f64>,
    pub ended_at: Option<Timestamp>,
    /// The event that closed the call in queue_log (COMPLETECALLER, ABANDON, EXITWITHTIMEOUT, ...).
    pub end_event: Option<String>,
    /// Talk time from the answer to the end, holds included; with a transfer through a second
    /// queue, both operators' talk.
    pub handle_s: Option<f64>,
    pub rings: Vec<Ring>,
    pub holds: Vec<(Timestamp, Timestamp)>,
    /// Which log the holds come from: AMI, or CEL when AMI logged none.
    pub hold_source: Option<Source>,
    pub transfer: Option<PbxTransfer>,
    /// For internal traffic (and consultations): who placed it and where it went.
    pub internal: Option<InternalCall>,
    /// A consultation call into a queue that belongs to the attended transfer of this call id.
    pub consultation_of: Option<String>,
    /// Which logs mention the call.
    pub seen_in: Vec<PbxLogKind>,
}

impl PbxCall {
    pub fn answered(&self) -> bool {
        self.connected_at.is_some()
    }

    /// Offered: entered a queue, or reached the PBX inbound. Outbound and internal calls, and the
    /// consultation calls of transfers, are not offered.
    pub fn offered(&self) -> bool {
        matches!(
            self.direction,
            Some(Direction::Queue) | Some(Direction::Inbound)
        ) && self.consultation_of.is_none()
    }

    /// Internal traffic: an internal call, or a transfer's consultation call.
    pub fn internal_traffic(&self) -> bool {
        self.direction == Some(Direction::Internal) || self.consultation_of.is_some()
    }
}

/// The extension in a channel or agent name: `PJSIP/201`, `SIP/201-0000001a`, `Local/201@from-queue/n`,
/// `Agent/201`, `PJSIP/201-0000001a;1`. None for trunks, names without digits and peers named by an
/// address (`SIP/50.112.48.21-00000003`).
pub fn extension_of(channel: &str) -> Option<String> {
    let (tech, rest) = channel.trim().split_once('/')?;
    if !matches!(
        tech.to_ascii_uppercase().as_str(),
        "PJSIP" | "SIP" | "IAX2" | "LOCAL" | "AGENT" | "DAHDI"
    ) {
        return None;
    }
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let digits = &rest[..end];
    let ends_there = rest[end..]
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '-' | '@' | ';' | '/'));
    (!digits.is_empty() && digits.len() <= 6 && ends_there).then(|| digits.to_string())
}

/// Who a queue member logged by name (`Sathish`, `Agent 1`) is: their extension, when known.
pub type Members<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Every call the logs mention, by call id, in id order. `members` names the extension of a queue
/// member logged by name.
pub fn index(logs: &[PbxLog], members: Members) -> BTreeMap<String, PbxCall> {
    let records = group::by_call(logs);
    let mut calls = BTreeMap::new();
    for (id, r) in &records {
        let mut call = PbxCall {
            call_id: id.clone(),
            seen_in: r.logs(),
            ..PbxCall::default()
        };
        from_cdr::apply(&mut call, &r.cdr);
        from_queue_log::apply(&mut call, &r.queue, members);
        if r.cdr.is_empty() {
            from_cel::apply(&mut call, &r.cel);
        }
        if call.transfer.is_none() {
            call.transfer = from_cel::transfer(&r.cel);
        }
        call.holds = ami_holds(&r.ami);
        if call.holds.is_empty() {
            call.holds = from_cel::holds(&r.cel);
            call.hold_source = (!call.holds.is_empty()).then_some(Source::Cel);
        } else {
            call.seen_in.push(PbxLogKind::Ami);
            call.hold_source = Some(Source::Ami);
        }
        if call.seen_in.is_empty() {
            continue; // AMI events of no call the other logs know, and no hold
        }
        call.seen_in.sort();
        prefer_cdr_rings(&mut call.rings);
        call.holds.sort();
        calls.insert(id.clone(), call);
    }
    from_queue_log::mark_consultations(&mut calls, &records, members);
    calls
}

/// queue_log, the CDR and CEL may all log the rings of a call. The CDR is the better witness of how
/// a ring ended (queue_log's RINGNOANSWER cannot tell a busy or failed phone from an unanswered one),
/// so for an extension the CDR has legs for, its rings replace the others'.
fn prefer_cdr_rings(rings: &mut Vec<Ring>) {
    let in_cdr: std::collections::BTreeSet<String> = rings
        .iter()
        .filter(|r| r.source == PbxLogKind::Cdr)
        .map(|r| r.extension.clone())
        .collect();
    rings.retain(|r| r.source == PbxLogKind::Cdr || !in_cdr.contains(&r.extension));
    // A caller leg to `Local/201@from-queue;1` and the agent leg `;2` -> `PJSIP/201` are one ring.
    let agent_legs: Vec<(String, RingResult)> = rings
        .iter()
        .filter(|r| r.source == PbxLogKind::Cdr && !r.via_local)
        .map(|r| (r.extension.clone(), r.result))
        .collect();
    rings.retain(|r| {
        !r.via_local
            || !agent_legs
                .iter()
                .any(|(ext, result)| *ext == r.extension && *result == r.result)
    });
    rings.sort_by(|a, b| (a.at, &a.extension).cmp(&(b.at, &b.extension)));
}

/// The AMI events `index` reads (in `ami_holds`): a large AMI log is read keeping only these. Add to
/// it when the index starts reading another event.
pub const AMI_EVENTS_INDEXED: &[&str] = &["Hold", "Unhold"];

/// AMI Hold/Unhold pairs on the same channel.
fn ami_holds(events: &[&AmiEvent]) -> Vec<(Timestamp, Timestamp)> {
    let mut open: BTreeMap<&str, Timestamp> = BTreeMap::new();
    let mut holds = Vec::new();
    for event in events {
        let Some(time) = event.time else { continue };
        match event.event.as_str() {
            "Hold" => {
                open.entry(event.channel.as_str()).or_insert(time);
            }
            "Unhold" => {
                if let Some(start) = open.remove(event.channel.as_str()) {
                    holds.push((start, time));
                }
            }
            _ => {}
        }
    }
    holds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{PbxReadOptions, fixture, read_pbx};

    fn indexed(case_file: &str) -> BTreeMap<String, PbxCall> {
        let log = read_pbx(
            &fixture(&format!("pbx/cases/{case_file}")),
            &PbxReadOptions::default(),
        )
        .unwrap();
        index(&[log], &|_| None)
    }

    /// CEL alone: the calls, their rings, and the hold its HOLD/UNHOLD events give.
    #[test]
    fn cel_alone_gives_calls_rings_and_holds() {
        let calls = indexed("cel_only/pbx/cel/Master.csv");
        let answered = &calls["1794927600.1101"];
        assert_eq!(answered.direction, Some(Direction::Inbound));
        assert_eq!(
            (
                answered.extension.as_deref(),
                answered.wait_s,
                answered.handle_s
            ),
            (Some("205"), Some(7.0), Some(150.0))
        );
        let holds: Vec<i64> = answered
            .holds
            .iter()
            .map(|(start, end)| end.as_second() - start.as_second())
            .collect();
        assert_eq!(holds, [40]);
        assert_eq!(answered.hold_source, Some(Source::Cel));
        assert_eq!(
            answered.holds[0].0.to_string(),
            "2026-11-17T15:01:00Z",
            "the UTC clock is read as UTC"
        );
        let result = |id: &str| {
            calls[id]
                .rings
                .iter()
                .map(|r| (r.extension.clone(), r.result))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            result("1794928800.1111"),
            [("205".to_string(), RingResult::Busy)]
        );
        assert_eq!(
            result("1794930000.1121"),
            [("206".to_string(), RingResult::Failed)]
        );
        let echo = &calls["1794931200.1131"];
        assert_eq!(echo.direction, Some(Direction::Internal));
        assert_eq!(
            echo.internal
                .as_ref()
                .map(|i| (i.from.as_deref(), i.target)),
            Some((Some("205"), InternalTarget::EchoTest))
        );
        assert!(!echo.offered() && echo.internal_traffic() && echo.answered());
    }

    /// The consultation call of an attended transfer through a second queue is part of that call.
    #[test]
    fn a_consultation_call_belongs_to_the_transferred_call() {
        let calls = indexed("transfer_two_queues/pbx/queue_log");
        let transferred = &calls["1794409200.701"];
        assert_eq!(
            (
                transferred.wait_s,
                transferred.handle_s,
                transferred.queue.as_deref()
            ),
            (Some(12.0), Some(443.0), Some("600"))
        );
        assert_eq!(transferred.extension.as_deref(), Some("201"));
        let answered_by: Vec<&str> = transferred
            .rings
            .iter()
            .filter(|r| r.result == RingResult::Answered)
            .map(|r| r.extension.as_str())
            .collect();
        assert_eq!(answered_by, ["201", "301"]);
        let consultation = &calls["1794409340.711"];
        assert_eq!(
            consultation.consultation_of.as_deref(),
            Some("1794409200.701")
        );
        assert!(!consultation.offered() && consultation.internal_traffic());
        let own_call = &calls["1794412800.731"];
        assert!(own_call.offered() && own_call.consultation_of.is_none());
    }

    #[test]
    fn extensions_from_channels_and_agents() {
        assert_eq!(extension_of("PJSIP/201").as_deref(), Some("201"));
        assert_eq!(extension_of("SIP/202-0000001a").as_deref(), Some("202"));
        assert_eq!(
            extension_of("Local/203@from-queue/n").as_deref(),
            Some("203")
        );
        assert_eq!(
            extension_of("Local/204@from-queue-00000abc;1").as_deref(),
            Some("204")
        );
        assert_eq!(extension_of("Agent/205").as_deref(), Some("205"));
        assert_eq!(extension_of("PJSIP/trunk-movistar-00000012"), None);
        assert_eq!(extension_of("Rosa Quispe"), None);
        assert_eq!(extension_of("SIP/50.112.48.21-00000003"), None);
        assert_eq!(extension_of("Agent 1"), None);
        assert_eq!(extension_of("NONE"), None);
    }
}

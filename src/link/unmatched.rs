//! The unmatched-calls table (pbx_unmatched.csv): scored transcripts the PBX has no record of, and
//! real PBX calls nobody transcribed, found by a merge join on call ids as the calls are scored.

use std::collections::BTreeMap;

use crate::pbx::{Direction, PbxCall};
use crate::results::{PBX_ONLY, UnmatchedRow, iso_in};

/// Scored calls against the PBX's calls, both in call-id order (a merge join): which transcripts the
/// PBX has no record of, and which real PBX calls nobody transcribed, without a set of every id.
pub(crate) struct PbxMatch<'a> {
    calls: std::iter::Peekable<std::collections::btree_map::Iter<'a, String, PbxCall>>,
    tz: &'a jiff::tz::TimeZone,
    pbx_only: Vec<UnmatchedRow>,
}

impl<'a> PbxMatch<'a> {
    pub(crate) fn new(calls: &'a BTreeMap<String, PbxCall>, tz: &'a jiff::tz::TimeZone) -> Self {
        PbxMatch {
            calls: calls.iter().peekable(),
            tz,
            pbx_only: Vec::new(),
        }
    }

    /// The next scored call id (ids come in ascending order): whether the PBX knows it. PBX calls
    /// before it are passed, the real ones noted as nobody's.
    pub(crate) fn knows(&mut self, call_id: &str) -> bool {
        while let Some((id, call)) = self.calls.next_if(|(id, _)| id.as_str() < call_id) {
            self.note_untranscribed(id, call);
        }
        self.calls
            .next_if(|(id, _)| id.as_str() == call_id)
            .is_some()
    }

    fn note_untranscribed(&mut self, id: &str, call: &PbxCall) {
        let Some(direction) = call.direction else {
            return;
        };
        let outcome = match (direction, call.answered()) {
            _ if call.consultation_of.is_some() => "consultation",
            (Direction::Outbound, _) => "outbound",
            (Direction::Internal, _) => "internal",
            (_, true) => "answered",
            (_, false) => "lost",
        };
        self.pbx_only.push(UnmatchedRow {
            call_id: id.to_string(),
            side: PBX_ONLY.into(),
            started_at: call
                .entered_at
                .map(|t| iso_in(t, self.tz))
                .unwrap_or_default(),
            queue: call.queue.clone().unwrap_or_default(),
            extension: call.extension.clone().unwrap_or_default(),
            outcome: outcome.into(),
            source_file: String::new(),
        });
    }

    /// The PBX calls nobody transcribed, by call id.
    pub(crate) fn finish(mut self) -> Vec<UnmatchedRow> {
        while let Some((id, call)) = self.calls.next() {
            self.note_untranscribed(id, call);
        }
        self.pbx_only
    }
}

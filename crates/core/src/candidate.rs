//! Well-known-mark candidates (驰名商标培育对象): a trademark and the enterprise preparing its
//! evidence file. The evidence model and readiness assessment build on this record.
//!
//! A candidate is never "recognised" here: recognition exists only as a recorded decision.

use serde::{Deserialize, Serialize};

use crate::error::Violations;
use crate::record::{LINE_MAX, Lookup, RecordId, RecordKind, optional_text, resolve, show_ref};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MarkCandidate {
    pub trademark_id: RecordId,
    pub enterprise_id: RecordId,
    pub notes: Option<String>,
    /// The evidence file; changed only through its own actions, never by editing the record.
    #[serde(default)]
    pub evidence: Vec<crate::evidence::Evidence>,
    /// The recognition decision, once one is recorded.
    #[serde(default)]
    pub recognition: Option<crate::evidence::Recognition>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct CandidateInput {
    pub trademark: Option<String>,
    pub enterprise: Option<String>,
    pub notes: Option<String>,
}

impl CandidateInput {
    pub fn parse(&self, lookup: &dyn Lookup) -> Result<MarkCandidate, Violations> {
        let mut v = Violations::default();
        let tm = v.check("trademark", || {
            resolve(
                lookup,
                RecordKind::Trademark,
                self.trademark.as_deref().unwrap_or(""),
            )
        });
        let ent = v.check("enterprise", || {
            resolve(
                lookup,
                RecordKind::Enterprise,
                self.enterprise.as_deref().unwrap_or(""),
            )
        });
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| MarkCandidate {
            trademark_id: tm.unwrap(),
            enterprise_id: ent.unwrap(),
            notes: notes.unwrap(),
            evidence: vec![],
            recognition: None,
        })
    }
}

impl MarkCandidate {
    /// The next evidence number: one more than any used, so numbers are never reused.
    pub fn next_evidence_no(&self) -> u32 {
        self.evidence.iter().map(|e| e.no).max().unwrap_or(0) + 1
    }

    pub fn to_input(&self, lookup: &dyn Lookup) -> CandidateInput {
        CandidateInput {
            trademark: Some(show_ref(lookup, RecordKind::Trademark, self.trademark_id)),
            enterprise: Some(show_ref(lookup, RecordKind::Enterprise, self.enterprise_id)),
            notes: self.notes.clone(),
        }
    }
}

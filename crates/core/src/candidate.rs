//! Well-known-mark candidates (驰名商标培育对象): a trademark and the enterprise preparing its
//! evidence file. The evidence model and readiness assessment build on this record.
//!
//! A candidate is never "recognised" here: recognition exists only as a recorded decision.

use serde::{Deserialize, Serialize};

use crate::error::Violations;
use crate::evidence::{IntendedProceeding, Proceeding};
use crate::record::{
    LINE_MAX, Lookup, RecordId, RecordKind, enum_value, optional_date, optional_text, resolve,
    show_ref,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MarkCandidate {
    pub trademark_id: RecordId,
    pub enterprise_id: RecordId,
    pub notes: Option<String>,
    /// The proceeding the file is prepared for, when known: readiness counts back from its
    /// reference date.
    #[serde(default)]
    pub intended: Option<IntendedProceeding>,
    /// The evidence file; changed only through its own actions, never by editing the record.
    #[serde(default)]
    pub evidence: Vec<crate::evidence::Evidence>,
    /// The recognition decision, once one is recorded.
    #[serde(default)]
    pub recognition: Option<crate::evidence::Recognition>,
}

impl crate::record::Lifecycle for MarkCandidate {
    fn take_lifecycle(&mut self, current: &Self) {
        let MarkCandidate {
            trademark_id: _,
            enterprise_id: _,
            notes: _,
            intended: _,
            evidence,
            recognition,
        } = current;
        self.evidence.clone_from(evidence);
        self.recognition.clone_from(recognition);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct CandidateInput {
    pub trademark: Option<String>,
    pub enterprise: Option<String>,
    /// The intended proceeding: opposition, refusal_review, invalidation, enforcement or court.
    pub proceeding: Option<String>,
    /// The opposed or challenged mark, or the case.
    pub counterpart: Option<String>,
    /// The date readiness counts back from (see [`IntendedProceeding`]).
    pub reference_on: Option<String>,
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
        let proceeding = v.check("proceeding", || {
            optional_text(self.proceeding.as_deref(), LINE_MAX)?
                .map(|p| enum_value::<Proceeding>(&p, &Proceeding::KEYS))
                .transpose()
        });
        let counterpart = v.check("counterpart", || {
            optional_text(self.counterpart.as_deref(), LINE_MAX)
        });
        let reference_on = v.check("reference_on", || {
            optional_date(self.reference_on.as_deref())
        });
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| {
            let intended = IntendedProceeding {
                proceeding: proceeding.unwrap(),
                counterpart: counterpart.unwrap(),
                reference_on: reference_on.unwrap(),
            };
            MarkCandidate {
                trademark_id: tm.unwrap(),
                enterprise_id: ent.unwrap(),
                intended: (intended.proceeding.is_some()
                    || intended.counterpart.is_some()
                    || intended.reference_on.is_some())
                .then_some(intended),
                notes: notes.unwrap(),
                evidence: vec![],
                recognition: None,
            }
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
            proceeding: self
                .intended
                .as_ref()
                .and_then(|i| i.proceeding)
                .map(|p| crate::record::key_of(&p)),
            counterpart: self.intended.as_ref().and_then(|i| i.counterpart.clone()),
            reference_on: self
                .intended
                .as_ref()
                .and_then(|i| i.reference_on)
                .map(|d| d.to_string()),
            notes: self.notes.clone(),
        }
    }
}

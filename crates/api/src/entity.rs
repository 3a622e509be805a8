//! How each kind of record is parsed from input, shown back as input for editing, named, and
//! indexed (the key columns the store keeps beside the JSON).

use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use terroir_core::application::{Application, ApplicationInput};
use terroir_core::candidate::{CandidateInput, MarkCandidate};
use terroir_core::case::{CaseInput, EnforcementCase};
use terroir_core::enterprise::{Enterprise, EnterpriseInput};
use terroir_core::gi::{GiInput, GiProduct};
use terroir_core::incentive::{AwardItem, IncentiveRule, IncentiveRuleInput};
use terroir_core::plan::{Fact, Financing, FinancingInput, Target, TargetInput, Zone, ZoneInput};
use terroir_core::record::{
    EVIDENCE_MAX, ITEMS_MAX, Lifecycle, Lookup, RecordId, RecordKind, TEXT_MAX,
};
use terroir_core::trademark::{Trademark, TrademarkInput};
use terroir_core::user::{AuthorisedUser, UserInput};
use terroir_core::{Violation, Violations};
use terroir_store::records::NamedKeys;
use terroir_store::tables::AwardLineRow;

use crate::records::RecordData;
use crate::summary::{
    ApplicationSummary, CandidateSummary, CaseSummary, EnterpriseSummary, GiSummary,
    IncentiveRuleSummary, TrademarkSummary, UserSummary,
};

/// What the api needs to know about a kind of record.
pub trait Entity: Serialize + DeserializeOwned + Sized + Lifecycle {
    const KIND: RecordKind;
    type Input: Serialize + DeserializeOwned + Default;

    /// The record's attributes from its input, with no lifecycle yet; `existing` is the record
    /// an edit changes, for the rules only an edit has (see [`edited`] for what is saved).
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        existing: Option<&Self>,
    ) -> Result<Self, Violations>;
    fn to_input(&self, lookup: &dyn Lookup) -> Self::Input;
    /// Parse `stored`'s own input again by today's rules (see [`reparse`]): an edit's parse
    /// without the rules only an edit has (an application past its draft is not editable,
    /// but it is still checked).
    fn recheck(
        input: &Self::Input,
        lookup: &dyn Lookup,
        stored: &Self,
    ) -> Result<Self, Violations> {
        Self::parse(input, lookup, Some(stored))
    }
    /// The display name; `name_of` gives the names of referenced records.
    fn name(&self, name_of: &dyn Fn(RecordKind, RecordId) -> String) -> String;
    /// Values of the store's key columns for this kind, by column name (the store puts them in
    /// its order and refuses a name its table does not have).
    fn keys(&self) -> NamedKeys;
    /// Derived facts shown in lists and details (standing, stage, regimes...).
    type Summary;
    /// The aggregate with its summary as front ends receive them, typed by kind.
    fn into_record(self, summary: Self::Summary) -> RecordData;
    /// The derived facts on `today`.
    fn summary(&self, today: NaiveDate, lookup: &dyn Lookup) -> Self::Summary;
    /// Records this one refers to, for the GI-trademark link table.
    fn linked_trademarks(&self) -> Vec<RecordId> {
        vec![]
    }
    /// The award lines this record commits against budgets (an approved or paid application).
    fn award_lines(&self) -> Vec<AwardLineRow> {
        vec![]
    }
    /// What a case refers to (`case_ref`): each party's identity (role 0) and each related
    /// record's id (role 1).
    fn case_refs(&self) -> Vec<(String, i64)> {
        vec![]
    }
    /// What the record counts for in the plan's metrics (see [`terroir_core::plan::Fact`]).
    fn plan_facts(&self, _lookup: &dyn Lookup) -> Vec<Fact> {
        vec![]
    }
    /// The enterprise whose division places the facts that have none of their own.
    fn placed_by(&self) -> Option<RecordId> {
        None
    }
}

/// A reference's code and name, apart.
fn split(r: Option<(String, String)>) -> (Option<String>, Option<String>) {
    r.map_or((None, None), |(c, n)| (Some(c), Some(n)))
}

impl Entity for Enterprise {
    const KIND: RecordKind = RecordKind::Enterprise;
    type Input = EnterpriseInput;
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        _: Option<&Self>,
    ) -> Result<Self, Violations> {
        input.parse(lookup)
    }
    fn to_input(&self, _: &dyn Lookup) -> Self::Input {
        Enterprise::to_input(self)
    }
    fn name(&self, _: &dyn Fn(RecordKind, RecordId) -> String) -> String {
        self.name.clone()
    }
    fn keys(&self) -> NamedKeys {
        vec![
            (
                "credit_code",
                self.credit_code.as_ref().map(ToString::to_string),
            ),
            ("division", self.division.as_ref().map(ToString::to_string)),
        ]
    }
    type Summary = EnterpriseSummary;
    fn into_record(self, summary: Self::Summary) -> RecordData {
        RecordData::Enterprise {
            data: self,
            summary,
        }
    }
    fn summary(&self, _: NaiveDate, _: &dyn Lookup) -> EnterpriseSummary {
        EnterpriseSummary {
            credit_code: self.credit_code.clone(),
            division: self.division.clone(),
        }
    }
}

impl Entity for GiProduct {
    const KIND: RecordKind = RecordKind::Gi;
    fn plan_facts(&self, _: &dyn Lookup) -> Vec<Fact> {
        terroir_core::plan::gi_facts(self)
    }
    type Input = GiInput;
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        _: Option<&Self>,
    ) -> Result<Self, Violations> {
        input.parse(lookup)
    }
    fn to_input(&self, lookup: &dyn Lookup) -> Self::Input {
        GiProduct::to_input(self, lookup)
    }
    fn name(&self, _: &dyn Fn(RecordKind, RecordId) -> String) -> String {
        self.name.clone()
    }
    fn keys(&self) -> NamedKeys {
        vec![("category", self.category.clone())]
    }
    type Summary = GiSummary;
    fn into_record(self, summary: Self::Summary) -> RecordData {
        RecordData::Gi {
            data: self,
            summary,
        }
    }
    fn summary(&self, _: NaiveDate, _: &dyn Lookup) -> GiSummary {
        GiSummary {
            category: self.category.clone(),
            regimes: self
                .protections
                .iter()
                .map(|p| p.regime_key().to_owned())
                .collect(),
            responsible: self.responsible.clone(),
            divisions: self.area.divisions.clone(),
        }
    }
    fn linked_trademarks(&self) -> Vec<RecordId> {
        self.trademark_ids().collect()
    }
}

impl Entity for Trademark {
    const KIND: RecordKind = RecordKind::Trademark;
    fn plan_facts(&self, lookup: &dyn Lookup) -> Vec<Fact> {
        terroir_core::plan::trademark_facts(self, &lookup.calendar())
    }
    fn placed_by(&self) -> Option<RecordId> {
        Some(self.registrant_id)
    }
    type Input = TrademarkInput;
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        existing: Option<&Self>,
    ) -> Result<Self, Violations> {
        let tm = input.parse(lookup)?;
        if let Some(current) = existing {
            tm.check_registrant_edit(current)?;
        }
        Ok(tm)
    }
    fn recheck(input: &Self::Input, lookup: &dyn Lookup, _: &Self) -> Result<Self, Violations> {
        input.parse(lookup)
    }
    fn to_input(&self, lookup: &dyn Lookup) -> Self::Input {
        Trademark::to_input(self, lookup)
    }
    fn name(&self, _: &dyn Fn(RecordKind, RecordId) -> String) -> String {
        self.name.clone()
    }
    fn keys(&self) -> NamedKeys {
        vec![
            ("reg_no", Some(self.reg_no.to_string())),
            ("registrant_id", Some(self.registrant_id.to_string())),
            ("expires_on", self.expires().map(|d| d.to_string())),
            ("status", self.status_key().map(str::to_owned)),
        ]
    }
    type Summary = TrademarkSummary;
    fn into_record(self, summary: Self::Summary) -> RecordData {
        RecordData::Trademark {
            data: self,
            summary,
        }
    }
    fn summary(&self, today: NaiveDate, lookup: &dyn Lookup) -> TrademarkSummary {
        let cal = lookup.calendar();
        let term = self.current_term(&cal);
        TrademarkSummary {
            reg_no: self.reg_no.clone(),
            classes: self.classes.clone(),
            kind: self.kind,
            gi: self.gi,
            registrant: lookup.code_of(RecordKind::Enterprise, self.registrant_id),
            standing: self.standing_on(today, &cal),
            expires_on: term.map(|t| t.expires),
            window_opens: term.map(|t| t.window_opens),
            grace_ends: term.map(|t| t.grace_ends),
            grace_ends_nominal: term.map(|t| t.grace_ends_nominal),
            calendar_year_missing: term.and_then(|t| t.calendar_year_missing),
            renewal_notes: self.renewal_notes(&cal),
            warnings: self
                .warnings()
                .into_iter()
                .map(crate::Problem::from)
                .collect(),
            next_events: self.next_events(today, &cal),
        }
    }
}

impl Entity for AuthorisedUser {
    const KIND: RecordKind = RecordKind::User;
    fn plan_facts(&self, _: &dyn Lookup) -> Vec<Fact> {
        terroir_core::plan::user_facts(self)
    }
    fn placed_by(&self) -> Option<RecordId> {
        Some(self.enterprise_id)
    }
    type Input = UserInput;
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        existing: Option<&Self>,
    ) -> Result<Self, Violations> {
        input.parse(lookup, existing)
    }
    fn to_input(&self, lookup: &dyn Lookup) -> Self::Input {
        AuthorisedUser::to_input(self, lookup)
    }
    /// `enterprise · product`: search matches a user within each part
    /// (`terroir_core::search::match_user`).
    fn name(&self, name_of: &dyn Fn(RecordKind, RecordId) -> String) -> String {
        format!(
            "{}{}{}",
            name_of(RecordKind::Enterprise, self.enterprise_id),
            terroir_core::search::USER_NAME_SEP,
            name_of(RecordKind::Gi, self.gi_id)
        )
    }
    fn keys(&self) -> NamedKeys {
        vec![
            ("gi_id", Some(self.gi_id.to_string())),
            ("enterprise_id", Some(self.enterprise_id.to_string())),
            ("stage", Some(self.stage().key().to_owned())),
        ]
    }
    type Summary = UserSummary;
    fn into_record(self, summary: Self::Summary) -> RecordData {
        RecordData::User {
            data: self,
            summary,
        }
    }
    fn summary(&self, today: NaiveDate, lookup: &dyn Lookup) -> UserSummary {
        let overdue = self
            .use_reports
            .iter()
            .filter(|r| r.received_on.is_none() && r.due_on < today)
            .count();
        UserSummary {
            stage: self.stage(),
            kind: self.kind,
            gi: lookup.code_of(RecordKind::Gi, self.gi_id),
            enterprise: lookup.code_of(RecordKind::Enterprise, self.enterprise_id),
            use_reports_overdue: overdue as u32,
            basis_gone: lookup
                .gi_basis(self.gi_id, today)
                .and_then(|b| self.basis_gone(&b)),
            refusal_flag: self.refusal_flag(),
            no_use_proposal: self.no_use_proposal(),
            next_steps: self.next_steps(),
            next_report: self.next_report(today),
        }
    }
}

impl Entity for MarkCandidate {
    const KIND: RecordKind = RecordKind::Candidate;
    fn plan_facts(&self, _: &dyn Lookup) -> Vec<Fact> {
        terroir_core::plan::candidate_facts(self)
    }
    fn placed_by(&self) -> Option<RecordId> {
        Some(self.enterprise_id)
    }
    type Input = CandidateInput;
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        _: Option<&Self>,
    ) -> Result<Self, Violations> {
        input.parse(lookup)
    }
    fn to_input(&self, lookup: &dyn Lookup) -> Self::Input {
        MarkCandidate::to_input(self, lookup)
    }
    fn name(&self, name_of: &dyn Fn(RecordKind, RecordId) -> String) -> String {
        format!(
            "{} · {}",
            name_of(RecordKind::Trademark, self.trademark_id),
            name_of(RecordKind::Enterprise, self.enterprise_id)
        )
    }
    fn keys(&self) -> NamedKeys {
        vec![
            ("trademark_id", Some(self.trademark_id.to_string())),
            ("enterprise_id", Some(self.enterprise_id.to_string())),
        ]
    }
    type Summary = CandidateSummary;
    fn into_record(self, summary: Self::Summary) -> RecordData {
        RecordData::Candidate {
            data: self,
            summary,
        }
    }
    fn summary(&self, _: NaiveDate, lookup: &dyn Lookup) -> CandidateSummary {
        let (trademark, trademark_name) =
            split(lookup.code_and_name(RecordKind::Trademark, self.trademark_id));
        let (enterprise, enterprise_name) =
            split(lookup.code_and_name(RecordKind::Enterprise, self.enterprise_id));
        CandidateSummary {
            trademark,
            trademark_name,
            enterprise,
            enterprise_name,
            evidence: self.evidence.len() as u32,
            recognised: self.recognition.is_some(),
        }
    }
}

impl Entity for Application {
    const KIND: RecordKind = RecordKind::Application;
    fn plan_facts(&self, _: &dyn Lookup) -> Vec<Fact> {
        terroir_core::plan::application_facts(self)
    }
    type Input = ApplicationInput;
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        existing: Option<&Self>,
    ) -> Result<Self, Violations> {
        input.parse(lookup, existing)
    }
    fn to_input(&self, lookup: &dyn Lookup) -> Self::Input {
        Application::to_input(self, lookup)
    }
    fn recheck(
        input: &Self::Input,
        lookup: &dyn Lookup,
        stored: &Self,
    ) -> Result<Self, Violations> {
        input.recheck(lookup, stored)
    }
    fn name(&self, name_of: &dyn Fn(RecordKind, RecordId) -> String) -> String {
        format!(
            "{} · {}",
            self.title,
            name_of(RecordKind::Enterprise, self.enterprise_id)
        )
    }
    fn award_lines(&self) -> Vec<AwardLineRow> {
        self.committed()
            .map(|aw| {
                aw.lines
                    .iter()
                    .map(|l| AwardLineRow {
                        jurisdiction: l.jurisdiction.to_string(),
                        year: aw.year,
                        amount_fen: l.amount.0,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
    fn keys(&self) -> NamedKeys {
        vec![
            ("enterprise_id", Some(self.enterprise_id.to_string())),
            ("subject_id", self.subject.map(|s| s.id.to_string())),
            ("state", Some(self.state.key().to_owned())),
        ]
    }
    type Summary = ApplicationSummary;
    fn into_record(self, summary: Self::Summary) -> RecordData {
        RecordData::Application {
            data: self,
            summary,
        }
    }
    fn summary(&self, _: NaiveDate, lookup: &dyn Lookup) -> ApplicationSummary {
        let (enterprise, enterprise_name) =
            split(lookup.code_and_name(RecordKind::Enterprise, self.enterprise_id));
        ApplicationSummary {
            kind: self.kind,
            state: self.state,
            enterprise,
            enterprise_name,
            subject: self.subject.and_then(|s| lookup.code_of(s.kind, s.id)),
            amount: self.award.as_ref().map(|a| a.total),
            submitted_on: self.submitted_on,
            next_steps: self.next_steps(),
            editable: self.editable(),
        }
    }
}

impl Entity for IncentiveRule {
    const KIND: RecordKind = RecordKind::IncentiveRule;
    type Input = IncentiveRuleInput;
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        _: Option<&Self>,
    ) -> Result<Self, Violations> {
        input.parse(lookup)
    }
    fn to_input(&self, _: &dyn Lookup) -> Self::Input {
        IncentiveRule::to_input(self)
    }
    fn name(&self, _: &dyn Fn(RecordKind, RecordId) -> String) -> String {
        self.title.clone()
    }
    fn keys(&self) -> NamedKeys {
        vec![
            ("jurisdiction", Some(self.jurisdiction.to_string())),
            ("item", Some(AwardItem::KEYS[self.item as usize].to_owned())),
        ]
    }
    type Summary = IncentiveRuleSummary;
    fn into_record(self, summary: Self::Summary) -> RecordData {
        RecordData::IncentiveRule {
            data: self,
            summary,
        }
    }
    fn summary(&self, today: NaiveDate, _: &dyn Lookup) -> IncentiveRuleSummary {
        IncentiveRuleSummary {
            item: self.item,
            amount: self.amount,
            jurisdiction: self.jurisdiction.clone(),
            stacking: self.stacking,
            policy_no: self.policy_no.clone(),
            in_force: self.in_force(today),
        }
    }
}

/// Turn loose JSON (as typed in a file or built from CLI flags) into an input struct: unknown
/// fields are named, numbers are taken as text where text is expected.
pub fn input_from_json<I: Serialize + DeserializeOwned + Default>(
    value: Value,
) -> Result<I, Violations> {
    let known = match serde_json::to_value(I::default()) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let Value::Object(map) = value else {
        return Err(Violation::json_input("expected an object").into());
    };
    let mut v = Violations::default();
    for key in map.keys().filter(|k| !known.contains_key(*k)) {
        v.push(Violation::unknown_field().at(key.clone()));
    }
    if !v.is_empty() {
        return Err(v);
    }
    let coerced: Map<String, Value> = map
        .into_iter()
        .map(|(k, val)| (k, numbers_as_text(val)))
        .collect();
    serde_json::from_value(Value::Object(coerced)).map_err(|e| Violation::json_input(e).into())
}

fn numbers_as_text(v: Value) -> Value {
    match v {
        Value::Number(n) => Value::String(n.to_string()),
        Value::Array(a) => Value::Array(a.into_iter().map(numbers_as_text).collect()),
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| (k, numbers_as_text(v)))
                .collect(),
        ),
        other => other,
    }
}

/// Apply a JSON merge patch (RFC 7386): objects merge, `null` clears, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(&k);
                } else {
                    merge_patch(t.entry(k).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p,
    }
}

/// What an edit of `current` saves: `input`'s attributes by the form's rules, with `current`'s
/// lifecycle (an edit, an import row that changes a record).
pub(crate) fn edited<E: Entity>(
    input: &E::Input,
    lookup: &dyn Lookup,
    current: &E,
) -> Result<E, Violations> {
    let mut e = E::parse(input, lookup, Some(current))?;
    e.take_lifecycle(current);
    Ok(e)
}

/// `input`'s attributes checked again by today's rules as `current`'s (a restored value, a
/// stored record), with `current`'s lifecycle.
pub(crate) fn rechecked<E: Entity>(
    input: &E::Input,
    lookup: &dyn Lookup,
    current: &E,
) -> Result<E, Violations> {
    let mut e = E::recheck(input, lookup, current)?;
    e.take_lifecycle(current);
    Ok(e)
}

/// Check a record that did not come through a form — a bundle's record, a stored record
/// written by an older version — by the form's rules: its input is derived and parsed again
/// (every required field, cap, reference, division, category and wording rule), and the parts
/// only actions change (photos, evidence, flow steps, legal events) are held to the caps by
/// [`check_stored_caps`]. Returns the record as the form would have saved it.
pub(crate) fn reparse<E: Entity>(lookup: &dyn Lookup, e: &E) -> Result<E, Violations> {
    let data = serde_json::to_value(e)
        .map_err(|err| Violations(vec![Violation::json_input(err.to_string())]))?;
    let mut v = Violations::default();
    check_stored_caps(&data, "", &mut v);
    v.0.append(&mut e.lifecycle_problems().0);
    match rechecked(&e.to_input(lookup), lookup, e) {
        Ok(p) if v.is_empty() => Ok(p),
        Ok(_) => Err(v),
        Err(mut errs) => {
            errs.0.append(&mut v.0);
            Err(errs)
        }
    }
}

/// The caps every stored value is held to, whatever part of the record it is in: no text
/// over [`TEXT_MAX`] characters, no list over [`ITEMS_MAX`] entries ([`EVIDENCE_MAX`] for a
/// candidate's evidence). The form's fields have their own, tighter caps.
fn check_stored_caps(value: &Value, path: &str, v: &mut Violations) {
    match value {
        Value::String(s) if s.len() > TEXT_MAX && s.chars().count() > TEXT_MAX => {
            v.push(Violation::too_long(TEXT_MAX).at(path.to_owned()));
        }
        Value::Array(items) => {
            let max = if path == "evidence" {
                EVIDENCE_MAX
            } else {
                ITEMS_MAX
            };
            if items.len() > max {
                v.push(Violation::too_many(items.len(), max).at(path.to_owned()));
                return;
            }
            for (i, item) in items.iter().enumerate() {
                check_stored_caps(item, &format!("{path}[{i}]"), v);
            }
        }
        Value::Object(fields) => {
            for (k, item) in fields {
                let sub = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                check_stored_caps(item, &sub, v);
            }
        }
        _ => {}
    }
}

impl Entity for EnforcementCase {
    const KIND: RecordKind = RecordKind::Case;
    fn plan_facts(&self, _: &dyn Lookup) -> Vec<Fact> {
        terroir_core::plan::case_facts(self)
    }
    type Input = CaseInput;
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        existing: Option<&Self>,
    ) -> Result<Self, Violations> {
        input.parse(lookup, existing)
    }
    fn to_input(&self, lookup: &dyn Lookup) -> Self::Input {
        EnforcementCase::to_input(self, lookup)
    }
    fn recheck(
        input: &Self::Input,
        lookup: &dyn Lookup,
        _stored: &Self,
    ) -> Result<Self, Violations> {
        // A closed case is checked all the same.
        input.parse(lookup, None)
    }
    /// `案号 · 当事人、当事人`: search finds a case by its number and its parties' names.
    fn name(&self, name_of: &dyn Fn(RecordKind, RecordId) -> String) -> String {
        format!(
            "{}{}{}",
            self.case_no,
            terroir_core::search::USER_NAME_SEP,
            party_names(self, name_of).join("、")
        )
    }
    fn keys(&self) -> NamedKeys {
        let d = self.decision.as_ref();
        vec![
            ("case_no", Some(self.case_no.clone())),
            ("jurisdiction", Some(self.jurisdiction.to_string())),
            ("kind", Some(self.kind.key().to_owned())),
            ("state", Some(self.state.key().to_owned())),
            ("opened_on", Some(self.opened_on.to_string())),
            ("decided_on", d.map(|d| d.on.to_string())),
            ("closed_on", self.closed_on.map(|d| d.to_string())),
            (
                "transferred_on",
                self.transfer.as_ref().map(|t| t.on.to_string()),
            ),
            (
                "fine_fen",
                d.filter(|d| d.penalised).map(|d| d.fine.0.to_string()),
            ),
            ("turnover_fen", self.turnover.map(|t| t.0.to_string())),
            (
                "party_code",
                self.parties
                    .iter()
                    .find_map(|p| p.credit_code.as_ref().map(ToString::to_string)),
            ),
        ]
    }
    fn case_refs(&self) -> Vec<(String, i64)> {
        use terroir_store::cases::{PARTY, RELATED};
        let mut out: Vec<(String, i64)> =
            self.parties.iter().map(|p| (p.identity(), PARTY)).collect();
        out.extend(self.related.iter().map(|s| (s.id.to_string(), RELATED)));
        out
    }
    type Summary = CaseSummary;
    fn into_record(self, summary: Self::Summary) -> RecordData {
        RecordData::Case {
            data: self,
            summary,
        }
    }
    fn summary(&self, _: NaiveDate, lookup: &dyn Lookup) -> CaseSummary {
        let name_of = |k, id| {
            lookup
                .code_and_name(k, id)
                .map(|(_, n)| n)
                .unwrap_or_default()
        };
        CaseSummary {
            case_no: self.case_no.clone(),
            kind: self.kind,
            state: self.state,
            jurisdiction: self.jurisdiction.clone(),
            opened_on: self.opened_on,
            parties: party_names(self, &name_of),
            fine: self
                .decision
                .as_ref()
                .filter(|d| d.penalised)
                .map(|d| d.fine),
            warnings: self
                .warnings()
                .into_iter()
                .map(crate::Problem::from)
                .collect(),
            next_steps: self.next_steps(),
            editable: self.editable(),
        }
    }
}

/// Each party's name: a registered enterprise's from its record.
fn party_names(
    case: &EnforcementCase,
    name_of: &dyn Fn(RecordKind, RecordId) -> String,
) -> Vec<String> {
    case.parties
        .iter()
        .map(|p| match (p.enterprise_id, &p.name) {
            (Some(id), _) => name_of(RecordKind::Enterprise, id),
            (None, n) => n.clone().unwrap_or_default(),
        })
        .collect()
}

impl Entity for Target {
    const KIND: RecordKind = RecordKind::Target;
    type Input = TargetInput;
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        _: Option<&Self>,
    ) -> Result<Self, Violations> {
        input.parse(lookup)
    }
    fn to_input(&self, _: &dyn Lookup) -> Self::Input {
        Target::to_input(self)
    }
    fn name(&self, _: &dyn Fn(RecordKind, RecordId) -> String) -> String {
        self.title.clone()
    }
    fn keys(&self) -> NamedKeys {
        vec![
            ("jurisdiction", Some(self.jurisdiction.to_string())),
            ("metric", Some(self.metric.key().to_owned())),
            ("starts_on", Some(self.starts_on.to_string())),
            ("ends_on", Some(self.ends_on.to_string())),
        ]
    }
    type Summary = crate::summary::TargetSummary;
    fn into_record(self, summary: Self::Summary) -> RecordData {
        RecordData::Target {
            data: self,
            summary,
        }
    }
    fn summary(&self, _: NaiveDate, _: &dyn Lookup) -> Self::Summary {
        crate::summary::TargetSummary {
            metric: self.metric,
            measure: self.measure,
            jurisdiction: self.jurisdiction.clone(),
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            money: self.money(),
        }
    }
}

impl Entity for Financing {
    const KIND: RecordKind = RecordKind::Financing;
    type Input = FinancingInput;
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        _: Option<&Self>,
    ) -> Result<Self, Violations> {
        input.parse(lookup)
    }
    fn to_input(&self, lookup: &dyn Lookup) -> Self::Input {
        Financing::to_input(self, lookup)
    }
    /// `企业 · 银行`.
    fn name(&self, name_of: &dyn Fn(RecordKind, RecordId) -> String) -> String {
        format!(
            "{}{}{}",
            name_of(RecordKind::Enterprise, self.pledgor_id),
            terroir_core::search::USER_NAME_SEP,
            self.bank
        )
    }
    fn keys(&self) -> NamedKeys {
        vec![
            ("jurisdiction", Some(self.jurisdiction.to_string())),
            ("pledgor_id", Some(self.pledgor_id.to_string())),
            ("loan_on", Some(self.loan_on.to_string())),
            ("amount_fen", Some(self.amount.0.to_string())),
        ]
    }
    fn plan_facts(&self, _: &dyn Lookup) -> Vec<Fact> {
        terroir_core::plan::financing_facts(self)
    }
    type Summary = crate::summary::FinancingSummary;
    fn into_record(self, summary: Self::Summary) -> RecordData {
        RecordData::Financing {
            data: self,
            summary,
        }
    }
    fn summary(&self, today: NaiveDate, lookup: &dyn Lookup) -> Self::Summary {
        let (pledgor, pledgor_name) =
            split(lookup.code_and_name(RecordKind::Enterprise, self.pledgor_id));
        crate::summary::FinancingSummary {
            pledgor,
            pledgor_name,
            bank: self.bank.clone(),
            amount: self.amount,
            loan_on: self.loan_on,
            jurisdiction: self.jurisdiction.clone(),
            outstanding: self.outstanding_on(today),
        }
    }
}

impl Entity for Zone {
    const KIND: RecordKind = RecordKind::Zone;
    type Input = ZoneInput;
    fn parse(
        input: &Self::Input,
        lookup: &dyn Lookup,
        _: Option<&Self>,
    ) -> Result<Self, Violations> {
        input.parse(lookup)
    }
    fn to_input(&self, lookup: &dyn Lookup) -> Self::Input {
        Zone::to_input(self, lookup)
    }
    fn name(&self, _: &dyn Fn(RecordKind, RecordId) -> String) -> String {
        self.name.clone()
    }
    fn keys(&self) -> NamedKeys {
        vec![
            ("gi_id", Some(self.gi_id.to_string())),
            ("jurisdiction", Some(self.jurisdiction.to_string())),
            ("status", Some(self.status.key().to_owned())),
        ]
    }
    type Summary = crate::summary::ZoneSummary;
    fn into_record(self, summary: Self::Summary) -> RecordData {
        RecordData::Zone {
            data: self,
            summary,
        }
    }
    fn summary(&self, today: NaiveDate, lookup: &dyn Lookup) -> Self::Summary {
        let (gi, gi_name) = split(lookup.code_and_name(RecordKind::Gi, self.gi_id));
        crate::summary::ZoneSummary {
            gi,
            gi_name,
            status: self.status,
            jurisdiction: self.jurisdiction.clone(),
            preparation_ends: self.preparation_ends,
            warnings: self.warnings(today),
        }
    }
}

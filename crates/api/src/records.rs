//! Adding, editing, showing, listing, archiving and unarchiving records of every kind.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use terroir_core::application::Application;
use terroir_core::candidate::MarkCandidate;
use terroir_core::enterprise::Enterprise;
use terroir_core::gi::GiProduct;
use terroir_core::incentive::IncentiveRule;
use terroir_core::record::{RecordId, RecordKind};
use terroir_core::trademark::Trademark;
use terroir_core::user::AuthorisedUser;
use terroir_core::{Violation, Violations};
use terroir_store::records::{self as store, Content, RecordRow, Show};
use terroir_store::{Connection, audit::Stamp, tables};
use uuid::Uuid;

use crate::entity::{Entity, input_from_json, merge_patch};
use crate::error::{ApiError, Result};
use crate::summary::{
    ApplicationSummary, CandidateSummary, EnterpriseSummary, GiSummary, IncentiveRuleSummary,
    TrademarkSummary, UserSummary,
};
use crate::workspace::{StoreLookup, Workspace};

/// A record as front ends see it: its kind, aggregate and summary (`kind`, `data`, `summary`)
/// typed together, so a front end narrows them by `kind` instead of casting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct RecordDto {
    pub id: String,
    pub code: String,
    pub name: String,
    pub sample: bool,
    pub archived_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
    /// The whole record as stored, with its kind and its derived facts.
    #[serde(flatten)]
    pub record: RecordData,
}

/// A record's aggregate and derived facts by kind: `{"kind": "gi", "data": {…}, "summary":
/// {…}}` on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecordData {
    Gi {
        data: GiProduct,
        summary: GiSummary,
    },
    Enterprise {
        data: Enterprise,
        summary: EnterpriseSummary,
    },
    User {
        data: AuthorisedUser,
        summary: UserSummary,
    },
    Trademark {
        data: Trademark,
        summary: TrademarkSummary,
    },
    Candidate {
        data: MarkCandidate,
        summary: CandidateSummary,
    },
    Application {
        data: Application,
        summary: ApplicationSummary,
    },
    IncentiveRule {
        data: IncentiveRule,
        summary: IncentiveRuleSummary,
    },
    Case {
        data: terroir_core::case::EnforcementCase,
        summary: crate::summary::CaseSummary,
    },
    Target {
        data: terroir_core::plan::Target,
        summary: crate::summary::TargetSummary,
    },
    Financing {
        data: terroir_core::plan::Financing,
        summary: crate::summary::FinancingSummary,
    },
    Zone {
        data: terroir_core::plan::Zone,
        summary: crate::summary::ZoneSummary,
    },
}

/// Bind one field of whichever kind a `RecordData` is and evaluate `$e` with it.
macro_rules! each {
    ($r:expr, $field:ident => $e:expr) => {
        match $r {
            RecordData::Gi { $field, .. } => $e,
            RecordData::Enterprise { $field, .. } => $e,
            RecordData::User { $field, .. } => $e,
            RecordData::Trademark { $field, .. } => $e,
            RecordData::Candidate { $field, .. } => $e,
            RecordData::Application { $field, .. } => $e,
            RecordData::IncentiveRule { $field, .. } => $e,
            RecordData::Case { $field, .. } => $e,
            RecordData::Target { $field, .. } => $e,
            RecordData::Financing { $field, .. } => $e,
            RecordData::Zone { $field, .. } => $e,
        }
    };
}

impl RecordDto {
    pub fn kind(&self) -> RecordKind {
        match &self.record {
            RecordData::Gi { .. } => RecordKind::Gi,
            RecordData::Enterprise { .. } => RecordKind::Enterprise,
            RecordData::User { .. } => RecordKind::User,
            RecordData::Trademark { .. } => RecordKind::Trademark,
            RecordData::Candidate { .. } => RecordKind::Candidate,
            RecordData::Application { .. } => RecordKind::Application,
            RecordData::IncentiveRule { .. } => RecordKind::IncentiveRule,
            RecordData::Case { .. } => RecordKind::Case,
            RecordData::Target { .. } => RecordKind::Target,
            RecordData::Financing { .. } => RecordKind::Financing,
            RecordData::Zone { .. } => RecordKind::Zone,
        }
    }

    /// The aggregate as JSON (what scripts read).
    pub fn data(&self) -> Value {
        each!(&self.record, data => json(data))
    }

    /// The derived facts as JSON (what scripts read).
    pub fn summary(&self) -> Value {
        each!(&self.record, summary => json(summary))
    }
}

fn json(v: &impl Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Page {
    pub total: u64,
    pub offset: u32,
    pub items: Vec<RecordDto>,
    /// Where the list shows money: its sum over every row the list selects.
    #[serde(default)]
    pub money_total: Option<terroir_core::ident::Fen>,
}

pub(crate) fn decode<E: Entity>(row: &RecordRow) -> Result<E> {
    serde_json::from_value(row.data.clone()).map_err(|e| {
        ApiError::storage(format!(
            "{} {}: stored data unreadable: {e}",
            E::KIND.key(),
            row.code
        ))
    })
}

fn dto<E: Entity>(ws: &Workspace, row: RecordRow) -> Result<RecordDto> {
    let entity: E = decode(&row)?;
    let summary = entity.summary(ws.today(), &ws.lookup());
    Ok(RecordDto {
        id: row.id,
        code: row.code,
        name: row.name,
        sample: row.sample,
        archived_at: row.archived_at,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
        record: entity.into_record(summary),
    })
}

fn content<E: Entity>(conn: &Connection, e: &E) -> Result<Content> {
    let lookup = StoreLookup(conn);
    Ok(Content {
        name: e.name(&|k, id| lookup.name_of(k, id)),
        data: serde_json::to_value(e).map_err(ApiError::storage)?,
        keys: store::ordered_keys(E::KIND, e.keys())?,
    })
}

/// The tables derived from a record's data, rewritten with it: a GI's trademark links, an
/// application's committed award lines, a case's references, what it counts for in the
/// plan's metrics (an enterprise's move carries the facts it places).
fn save_links<E: Entity>(conn: &Connection, id: &str, code: &str, e: &E) -> Result<()> {
    crate::plan::save_facts(conn, id, code, e)?;
    match E::KIND {
        RecordKind::Gi => {
            let ids: Vec<String> = e
                .linked_trademarks()
                .iter()
                .map(ToString::to_string)
                .collect();
            store::set_gi_trademarks(conn, id, &ids)?;
        }
        RecordKind::Application => tables::set_award_lines(conn, id, &e.award_lines())?,
        RecordKind::Case => terroir_store::cases::set_refs(conn, id, &e.case_refs())?,
        _ => {}
    }
    Ok(())
}

/// Insert one record from JSON input inside an open transaction.
pub(crate) fn insert<E: Entity>(
    conn: &Connection,
    stamp: &Stamp,
    input: Value,
    sample: bool,
) -> Result<RecordRow> {
    insert_as::<E>(conn, stamp, input, sample, store::InsertAs::PLAIN)
}

/// Check and insert a record, audited and indexed as `how` says (an import names its file
/// and indexes in bulk).
pub(crate) fn insert_as<E: Entity>(
    conn: &Connection,
    stamp: &Stamp,
    input: Value,
    sample: bool,
    how: store::InsertAs<'_>,
) -> Result<RecordRow> {
    let input: E::Input = input_from_json(input)?;
    let entity = E::parse(&input, &StoreLookup(conn), None)?;
    let id = Uuid::now_v7().to_string();
    let content = content(conn, &entity)?;
    let row = store::insert_as(conn, stamp, E::KIND, &id, content, sample, how)?;
    save_links(conn, &id, &row.code, &entity)?;
    Ok(row)
}

/// Insert an already-checked entity under a given id (an exchange bundle keeps ids stable).
pub(crate) fn insert_entity<E: Entity>(
    conn: &Connection,
    stamp: &Stamp,
    id: &str,
    entity: &E,
    how: store::InsertAs<'_>,
) -> Result<RecordRow> {
    let content = content(conn, entity)?;
    let row = store::insert_as(conn, stamp, E::KIND, id, content, false, how)?;
    save_links(conn, id, &row.code, entity)?;
    Ok(row)
}

/// Replace a record with `entity` (already checked), audited under `action`.
pub(crate) fn store_entity<E: Entity>(
    conn: &Connection,
    stamp: &Stamp,
    id: &str,
    entity: &E,
    action: &str,
    reason: Option<&str>,
) -> Result<RecordRow> {
    let before = store::require(conn, E::KIND, id)?.name;
    let row = store::update(
        conn,
        stamp,
        E::KIND,
        id,
        content(conn, entity)?,
        action,
        reason,
    )?;
    save_links(conn, id, &row.code, entity)?;
    if row.name != before {
        rename_dependents(conn, stamp, E::KIND, &row)?;
    }
    Ok(row)
}

/// The live records whose name is made from `source`'s (a user's "企业 · 地理标志", a
/// candidate's "商标 · 企业", an application's "标题 · 企业"), renamed with it in the same
/// transaction: a list, the search and a reindex never show the old name.
fn rename_dependents(
    conn: &Connection,
    stamp: &Stamp,
    kind: RecordKind,
    source: &RecordRow,
) -> Result<()> {
    let reason = format!("随 {} 更名 / renamed with {}", source.code, source.code);
    for spec in &store::SPECS {
        for (kinds, column) in spec.refs {
            if !kinds.contains(&kind) {
                continue;
            }
            let rows = store::list(
                conn,
                spec.kind,
                Show::Live,
                Some((column, &source.id)),
                u32::MAX,
                0,
            )?;
            for row in rows {
                rename(conn, stamp, spec.kind, &row, &reason)?;
            }
        }
    }
    Ok(())
}

/// Write a record's name made afresh from the names it is made of, when it changed.
fn rename(
    conn: &Connection,
    stamp: &Stamp,
    kind: RecordKind,
    row: &RecordRow,
    reason: &str,
) -> Result<Option<RecordRow>> {
    let lookup = StoreLookup(conn);
    let name_of = |k, id| lookup.name_of(k, id);
    let name = match kind {
        RecordKind::User => decode::<AuthorisedUser>(row)?.name(&name_of),
        RecordKind::Candidate => decode::<MarkCandidate>(row)?.name(&name_of),
        RecordKind::Application => decode::<Application>(row)?.name(&name_of),
        RecordKind::Case => decode::<terroir_core::case::EnforcementCase>(row)?.name(&name_of),
        _ => return Ok(None),
    };
    if name == row.name {
        return Ok(None);
    }
    let content = Content {
        name,
        data: row.data.clone(),
        keys: row.keys.clone(),
    };
    Ok(Some(store::update(
        conn,
        stamp,
        kind,
        &row.id,
        content,
        "rename",
        Some(reason),
    )?))
}

/// A live record decoded, or `archived` / `not_found`.
pub(crate) fn load_live<E: Entity>(conn: &Connection, key: &str) -> Result<(RecordRow, E)> {
    let row = store::require(conn, E::KIND, key)?;
    if row.archived_at.is_some() {
        return Err(Violation::archived(&row.code).into());
    }
    let e = decode(&row)?;
    Ok((row, e))
}

fn prefix_items(e: ApiError, i: usize) -> ApiError {
    let vs = Violations(
        e.problems
            .into_iter()
            .map(|p| {
                let v = Violation {
                    field: p.field,
                    rule: p.rule,
                    params: p.params,
                };
                v.at(format!("[{i}]"))
            })
            .collect(),
    );
    let kind = e.kind;
    let mut out = ApiError::from(vs);
    out.kind = kind;
    out
}

/// Why an edit made from version `base` of `row` cannot be saved: who changed the record since,
/// when, and each field's change (from the audit log: every write is one version and one
/// audit row, whose `before` holds the record as it was).
fn changed_since(conn: &Connection, row: &RecordRow, base: i64) -> Result<Violations> {
    let newer = u32::try_from(row.version - base).unwrap_or(0);
    let entries = terroir_store::audit::list(conn, Some(&row.id), newer.max(1))?;
    let latest = entries.first();
    let mut vs = vec![Violation::stale_version(
        &row.code,
        base,
        row.version,
        latest.map_or("?", |e| e.actor.as_str()),
        latest.map_or("?", |e| e.at.as_str()),
    )];
    // The oldest of the newer rows holds the record as the form had it.
    let then = (base >= 1 && row.version > base)
        .then(|| entries.last())
        .flatten()
        .and_then(|e| e.before.as_deref())
        .and_then(|b| serde_json::from_str::<Value>(b).ok())
        .map(|b| b["data"].clone());
    if let Some(then) = then {
        for c in crate::exchange::diff(&then, &row.data) {
            vs.push(Violation::changed_meanwhile(&c.before, &c.after).at(c.field));
        }
    }
    Ok(Violations(vs))
}

/// Dispatch on the kind of record to the typed function `$f::<Entity>`.
macro_rules! by_kind {
    ($kind:expr, $f:ident ( $($arg:expr),* )) => {
        match $kind {
            RecordKind::Gi => $f::<terroir_core::gi::GiProduct>($($arg),*),
            RecordKind::Enterprise => $f::<terroir_core::enterprise::Enterprise>($($arg),*),
            RecordKind::User => $f::<terroir_core::user::AuthorisedUser>($($arg),*),
            RecordKind::Trademark => $f::<terroir_core::trademark::Trademark>($($arg),*),
            RecordKind::Candidate => $f::<terroir_core::candidate::MarkCandidate>($($arg),*),
            RecordKind::Application => $f::<terroir_core::application::Application>($($arg),*),
            RecordKind::IncentiveRule => $f::<terroir_core::incentive::IncentiveRule>($($arg),*),
            RecordKind::Case => $f::<terroir_core::case::EnforcementCase>($($arg),*),
            RecordKind::Target => $f::<terroir_core::plan::Target>($($arg),*),
            RecordKind::Financing => $f::<terroir_core::plan::Financing>($($arg),*),
            RecordKind::Zone => $f::<terroir_core::plan::Zone>($($arg),*),
        }
    };
}
pub(crate) use by_kind;

impl Workspace {
    /// Add one record from JSON input (the kind's input fields).
    pub fn add(&mut self, kind: RecordKind, input: Value) -> Result<RecordDto> {
        Ok(self.add_batch(kind, vec![input])?.remove(0))
    }

    /// Add several records in one transaction: all of them or, on any problem, none. Problems
    /// name the item as `[i].field`.
    pub fn add_batch(&mut self, kind: RecordKind, inputs: Vec<Value>) -> Result<Vec<RecordDto>> {
        self.add_batch_flagged(kind, inputs, false)
    }

    pub(crate) fn add_batch_flagged(
        &mut self,
        kind: RecordKind,
        inputs: Vec<Value>,
        sample: bool,
    ) -> Result<Vec<RecordDto>> {
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let mut rows = Vec::with_capacity(inputs.len());
        let many = inputs.len() > 1;
        for (i, input) in inputs.into_iter().enumerate() {
            let row = by_kind!(kind, insert(&tx, &stamp, input, sample));
            rows.push(row.map_err(|e| if many { prefix_items(e, i) } else { e })?);
        }
        tx.commit().map_err(terroir_store::Error::from)?;
        rows.into_iter().map(|r| self.to_dto(kind, r)).collect()
    }

    pub(crate) fn to_dto(&self, kind: RecordKind, row: RecordRow) -> Result<RecordDto> {
        by_kind!(kind, dto(self, row))
    }

    /// A record by code or id (archived records too).
    pub fn show(&self, kind: RecordKind, key: &str) -> Result<RecordDto> {
        let row = store::require(&self.conn, kind, key)?;
        self.to_dto(kind, row)
    }

    /// The record as editable input (the shape `add` and `edit` take).
    pub fn input_of(&self, kind: RecordKind, key: &str) -> Result<Value> {
        fn f<E: Entity>(ws: &Workspace, key: &str) -> Result<Value> {
            let row = store::require(&ws.conn, E::KIND, key)?;
            let e: E = decode(&row)?;
            serde_json::to_value(e.to_input(&ws.lookup())).map_err(ApiError::storage)
        }
        by_kind!(kind, f(self, key))
    }

    /// Edit a live record: `patch` is merged into its current input (JSON merge patch: fields
    /// given replace, `null` clears), the result is checked as a whole and saved as one change.
    /// `base_version` is the version the edit was made from (the form's record): if the record
    /// changed since, nothing is saved and the error (`stale_version`, a conflict) names who
    /// changed it and when, with a `changed_meanwhile` problem under each field that changed.
    pub fn edit(
        &mut self,
        kind: RecordKind,
        key: &str,
        patch: Value,
        reason: Option<&str>,
        base_version: Option<i64>,
    ) -> Result<RecordDto> {
        fn f<E: Entity>(
            ws: &mut Workspace,
            key: &str,
            patch: Value,
            reason: Option<&str>,
            base_version: Option<i64>,
        ) -> Result<RecordRow> {
            let stamp = ws.stamp();
            let tx = terroir_store::begin(&mut ws.conn)?;
            let (row, existing) = load_live::<E>(&tx, key)?;
            if let Some(base) = base_version
                && base != row.version
            {
                return Err(changed_since(&tx, &row, base)?.into());
            }
            let lookup = StoreLookup(&tx);
            let mut input =
                serde_json::to_value(existing.to_input(&lookup)).map_err(ApiError::storage)?;
            merge_patch(&mut input, patch);
            let input: E::Input = input_from_json(input)?;
            let entity = crate::entity::edited(&input, &lookup, &existing)?;
            let row = store_entity(&tx, &stamp, &row.id, &entity, "update", reason)?;
            tx.commit().map_err(terroir_store::Error::from)?;
            Ok(row)
        }
        let row = by_kind!(kind, f(self, key, patch, reason, base_version))?;
        self.to_dto(kind, row)
    }

    /// A page of records in code order.
    pub fn list(&self, kind: RecordKind, show: Show, limit: u32, offset: u32) -> Result<Page> {
        self.list_in_state(kind, show, None, limit, offset)
    }

    /// A page of records in code order; with `state`, only applications in that state (the
    /// bureau's work queue) or trademarks with that end or a pending renewal. A state on
    /// another kind, or an unknown state, is refused.
    pub fn list_in_state(
        &self,
        kind: RecordKind,
        show: Show,
        state: Option<&str>,
        limit: u32,
        offset: u32,
    ) -> Result<Page> {
        let query = crate::lists::ListQuery {
            show,
            state: state.map(str::to_owned),
            ..Default::default()
        };
        self.list_query(kind, &query, limit, offset)
    }

    /// Archive a record (records are archived, not deleted); audited with the reason.
    pub fn archive(
        &mut self,
        kind: RecordKind,
        key: &str,
        reason: Option<&str>,
    ) -> Result<RecordDto> {
        self.set_archived(kind, key, true, reason)
    }

    pub fn unarchive(
        &mut self,
        kind: RecordKind,
        key: &str,
        reason: Option<&str>,
    ) -> Result<RecordDto> {
        self.set_archived(kind, key, false, reason)
    }

    fn set_archived(
        &mut self,
        kind: RecordKind,
        key: &str,
        archive: bool,
        reason: Option<&str>,
    ) -> Result<RecordDto> {
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let mut row = store::set_archived(&tx, &stamp, kind, key, archive, reason)?;
        if !archive {
            crate::plan::refresh_facts(&tx, kind, &row)?;
        }
        // Back in the lists: with the names of what it refers to as they are now.
        if !archive
            && let Some(renamed) = rename(
                &tx,
                &stamp,
                kind,
                &row,
                "恢复时更名 / renamed when unarchived",
            )?
        {
            row = renamed;
        }
        tx.commit().map_err(terroir_store::Error::from)?;
        self.to_dto(kind, row)
    }

    /// Resolve a reference typed by a user (code, id, credit code, registration number or an
    /// unambiguous name) to a live record's id.
    pub fn resolve(&self, kind: RecordKind, key: &str) -> Result<RecordId> {
        Ok(terroir_core::record::resolve(&self.lookup(), kind, key)?)
    }
}

//! County-to-city exchange bundles.
//!
//! A county exports its whole catalogue as one file: every record with its stable id (the
//! record's UUID, the same in every workspace), the divisions they use, the photos, and a
//! manifest with the SHA-256 of every part and the source's audit-chain head. The city
//! imports it with a merge preview: new records, changed ones (field by field), unchanged ones,
//! and conflicts, records changed on both sides since the last exchange with that source
//! (tracked per source and record in `exchange_seen`). Nothing is overwritten silently: a
//! conflict is only replaced when the clerk says `take_theirs`. The workspace's calendar years
//! travel too (`calendar.json`), so the city can hand next year's calendar to its counties: the
//! newer entry of a year wins, and the preview lists every year taken or kept. The merge is one
//! transaction, audited with the bundle's SHA-256; a dry run rolls it back.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use terroir_core::gi::GiProduct;
use terroir_core::record::{NAME_MAX, RecordKind};
use terroir_core::{Violation, Violations};
use terroir_exchange::bundle::{self, Manifest, sha256_hex};
use terroir_store::records::{self as store, Show};
use terroir_store::tables::StoredCalendarYear;
use terroir_store::{audit, files, tables};
use uuid::Uuid;

use crate::calendar::{self, BundleCalendarYear};
use crate::entity::{Entity, reparse};
use crate::error::{ApiError, RecordProblems, Result};
use crate::exchange::FieldChange;
use crate::records::{decode, insert_entity, store_entity};
use crate::workspace::{ArchivedToo, StoreLookup, Workspace};

/// The kinds a bundle carries, in the order they must be written (the store's declaration
/// order: references point backwards). Applications and incentive rules stay with the bureau;
/// enforcement cases travel (the city reports them), their files stay, and a person's name
/// only when the clerk says so ([`PERSON_OMITTED`]).
fn bundle_kinds() -> impl Iterator<Item = RecordKind> {
    store::SPECS
        .iter()
        .map(|s| s.kind)
        .filter(|k| !matches!(k, RecordKind::Application | RecordKind::IncentiveRule))
}

/// What a bundle without personal data holds instead of a person's name, with a pseudonym: the
/// same person is the same pseudonym in every bundle of this workspace (a repeat is still
/// seen at the city), and the name cannot be read back without this workspace's secret.
pub const PERSON_OMITTED: &str = "自然人（姓名未导出）";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct BundleRecord {
    kind: RecordKind,
    id: String,
    code: String,
    name: String,
    data: Value,
    archived_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BundleSummary {
    pub path: String,
    pub sha256: String,
    pub records: u32,
    pub files: u32,
    /// Whether persons' names are in it (else each is a pseudonym).
    pub personal_data: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BundleItem {
    pub kind: RecordKind,
    pub id: String,
    /// The record's code in the source workspace.
    pub code: String,
    pub name: String,
    /// Field-by-field differences (changed and conflicting records).
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BundleReport {
    pub sha256: String,
    pub source: String,
    pub source_name: String,
    pub source_audit_head: String,
    pub created_at: String,
    /// Whether persons' names came with it (else each is a pseudonym).
    pub personal_data: bool,
    pub new: Vec<BundleItem>,
    pub changed: Vec<BundleItem>,
    pub unchanged: u32,
    /// Changed here and there since the last exchange: kept as they are here unless
    /// `take_theirs` was given.
    pub conflicts: Vec<BundleItem>,
    /// Calendar years of the bundle that differ here: new ones and the newer entry of a year
    /// entered on both sides are taken, an older one is kept out.
    pub calendar: Vec<BundleCalendarYear>,
    /// Records the form's rules refuse. One refused record refuses the whole merge: nothing
    /// is written.
    pub refused: Vec<RecordProblems>,
    pub applied: bool,
}

/// A version-1 bundle's GI product printed its notes as the profile: they move to `profile`,
/// as the workspace migration 0010 moved them.
fn upgrade_v1(rec: &mut BundleRecord) {
    if rec.kind == RecordKind::Gi
        && let Some(data) = rec.data.as_object_mut()
        && let Some(notes) = data.remove("notes")
    {
        data.insert("profile".into(), notes);
    }
}

/// A record's data in today's shape, as the workspace migrations rewrote local records (a
/// bundle from a workspace of an older schema, e.g. renewals without their decision): decoded
/// and encoded again. `None` when it does not decode; the merge then names the problem.
fn reshaped<E: Entity>(data: &Value) -> Option<Value> {
    let e: E = serde_json::from_value(data.clone()).ok()?;
    serde_json::to_value(e).ok()
}

fn bundle_error(e: terroir_exchange::Error) -> ApiError {
    Violation::bundle_invalid(e).at("bundle").into()
}

fn data_hash(v: &Value) -> String {
    sha256_hex(v.to_string().as_bytes())
}

impl Workspace {
    /// This workspace's stable id, made on first use.
    fn workspace_id(&mut self) -> Result<String> {
        if let Some(id) = tables::get_meta(&self.conn, "workspace_id")? {
            return Ok(id);
        }
        let id = Uuid::now_v7().to_string();
        tables::set_meta(&self.conn, "workspace_id", &id)?;
        Ok(id)
    }

    /// A secret of this workspace, made on first use and never exported: persons'
    /// pseudonyms are made with it.
    fn pseudonym_secret(&mut self) -> Result<String> {
        if let Some(s) = tables::get_meta(&self.conn, "pseudonym_secret")? {
            return Ok(s);
        }
        let s = format!("{}{}", Uuid::new_v4(), Uuid::new_v4());
        tables::set_meta(&self.conn, "pseudonym_secret", &s)?;
        Ok(s)
    }

    /// Export the whole catalogue (live and archived records, photos, enforcement cases
    /// without their files) as a bundle. A case party who is a person is named only with
    /// `personal_data`; otherwise by a pseudonym ([`PERSON_OMITTED`]).
    pub fn export_bundle(&mut self, path: &Path, personal_data: bool) -> Result<BundleSummary> {
        let source = self.workspace_id()?;
        let secret = self.pseudonym_secret()?;
        let mut catalogue = BundleCatalogue::default();
        for kind in bundle_kinds() {
            for mut row in store::list(&self.conn, kind, Show::All, None, u32::MAX, 0)? {
                if kind == RecordKind::Case {
                    row = shareable_case(&self.conn, row, personal_data, &secret)?;
                }
                catalogue.add(kind, row)?;
            }
        }
        let records = catalogue.records;
        let files = catalogue.photos.len() as u32;
        let parts = self.bundle_parts(catalogue)?;
        let manifest = Manifest {
            format: String::new(),
            source,
            source_name: self
                .db_path
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            created_at: self.stamp().at,
            actor: self.actor.clone(),
            audit_head: audit::head(&self.conn)?,
            parts: vec![],
            personal_data,
        };
        let sha256 = bundle::write(path, manifest, &parts).map_err(bundle_error)?;
        Ok(BundleSummary {
            path: path.display().to_string(),
            sha256,
            records,
            files,
            personal_data,
        })
    }

    /// The bundle's parts: the records, the named divisions they use, the calendar years
    /// and the photos' bytes.
    fn bundle_parts(&self, catalogue: BundleCatalogue) -> Result<Vec<(String, Vec<u8>)>> {
        let mut division_rows = vec![];
        for code in &catalogue.divisions {
            if let Some(name) = tables::division_name(&self.conn, code)? {
                division_rows.push((code.clone(), name));
            }
        }
        let mut parts = vec![
            ("records.jsonl".to_owned(), catalogue.lines.into_bytes()),
            (
                "divisions.json".to_owned(),
                serde_json::to_vec(&division_rows).map_err(ApiError::storage)?,
            ),
            (
                "calendar.json".to_owned(),
                serde_json::to_vec(&tables::calendar_years(&self.conn)?)
                    .map_err(ApiError::storage)?,
            ),
        ];
        for sha in &catalogue.photos {
            let bytes = std::fs::read(files::path_of(&self.files_dir, sha))
                .map_err(|_| ApiError::from(Violation::file_missing(format!("files/{sha}"))))?;
            parts.push((format!("files/{sha}"), bytes));
        }
        Ok(parts)
    }

    /// Merge a bundle previewed earlier, refusing it when it is not the bundle previewed.
    pub fn import_bundle_checked(
        &mut self,
        path: &Path,
        sha256: &str,
        take_theirs: bool,
    ) -> Result<BundleReport> {
        let report = self.import_bundle(path, true, take_theirs)?;
        if report.sha256 != sha256 {
            return Err(bundle_error(terroir_exchange::Error::Corrupt(
                "the bundle changed after the preview; preview it again".into(),
            )));
        }
        self.import_bundle(path, false, take_theirs)
    }

    /// Merge a bundle into this workspace. With `dry_run` nothing is written; conflicts are
    /// replaced by the bundle's version only with `take_theirs`.
    pub fn import_bundle(
        &mut self,
        path: &Path,
        dry_run: bool,
        take_theirs: bool,
    ) -> Result<BundleReport> {
        let b = bundle::read(path).map_err(bundle_error)?;
        let m = &b.manifest;
        let mut report = BundleReport::before_merge(&b);
        let contents = BundleContents::read(&b)?;
        calendar::check_bundle_years(&contents.calendar)?;
        let stamp = self.stamp();
        let files_dir = self.files_dir.clone();
        let tx = terroir_store::begin(&mut self.conn)?;
        let merging = BundleMerge {
            tx: &tx,
            stamp: &stamp,
            source: &m.source,
            reason: format!(
                "交换包 {} (sha256 {}) 来自 {}",
                m.source_name, b.sha256, m.source
            ),
            take_theirs,
        };
        merging.divisions(&contents.divisions, &m.source_name)?;
        report.calendar =
            calendar::merge_bundle_years(&tx, &stamp, &contents.calendar, &merging.reason)?;
        for (part, bytes) in &b.parts {
            if let Some(sha) = part.strip_prefix("files/").filter(|_| !dry_run) {
                files::put_bytes(&tx, &files_dir, bytes, sha, &stamp.at)?;
            }
        }
        for (rec, raw) in contents.records.iter().zip(&contents.raw_hashes) {
            merging.record(rec, raw, &mut report)?;
        }
        if !dry_run && report.refused.is_empty() {
            note_divisions(&tx, &contents.records, m, &stamp.at)?;
            tx.commit().map_err(terroir_store::Error::from)?;
            report.applied = true;
        }
        Ok(report)
    }
}

/// Note, for freshness, the divisions whose records the merged bundle carried: where each
/// record counts for the plan's targets (a user or a mark through its enterprise), and the
/// division or jurisdiction it names.
fn note_divisions(
    tx: &terroir_store::Connection,
    records: &[BundleRecord],
    m: &Manifest,
    merged_at: &str,
) -> Result<()> {
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    let mut divisions: BTreeSet<String> = terroir_store::plan::fact_divisions(tx, &ids)?
        .into_iter()
        .collect();
    for r in records {
        for field in ["division", "jurisdiction"] {
            if let Some(d) = r.data.get(field).and_then(Value::as_str)
                && terroir_core::DivisionCode::parse(d).is_ok()
            {
                divisions.insert(d.to_owned());
            }
        }
    }
    let divisions: Vec<String> = divisions.into_iter().collect();
    terroir_store::plan::note_bundle(
        tx,
        &divisions,
        (&m.source, &m.source_name),
        &m.created_at,
        merged_at,
    )?;
    Ok(())
}

/// A case as it leaves the workspace: without its files (they stay with the bureau), and,
/// without `personal_data`, each person's name replaced by a pseudonym; its name made again
/// from what is left.
fn shareable_case(
    conn: &terroir_store::Connection,
    mut row: store::RecordRow,
    personal_data: bool,
    secret: &str,
) -> Result<store::RecordRow> {
    let mut case: terroir_core::case::EnforcementCase = decode(&row)?;
    case.attachments.clear();
    if !personal_data {
        for p in case.parties.iter_mut().filter(|p| p.person) {
            let name = p.name.take().unwrap_or_default();
            let tag = sha256_hex(format!("{secret}\u{0}{name}").as_bytes());
            p.name = Some(format!("{PERSON_OMITTED}·{}", &tag[..8]));
        }
    }
    let lookup = StoreLookup(conn);
    row.name = case.name(&|k, id| lookup.name_of(k, id));
    row.data = serde_json::to_value(&case).map_err(ApiError::storage)?;
    Ok(row)
}

/// A bundle's case with the names this workspace holds for its persons where the bundle has
/// a pseudonym ([`PERSON_OMITTED`]): a pseudonym never replaces a name (a county's own case
/// coming back from the city is not a change).
fn with_local_names(rec: &BundleRecord, local: &store::RecordRow) -> BundleRecord {
    let mut rec = rec.clone();
    let ours = local.data["parties"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if let Some(theirs) = rec.data["parties"].as_array_mut() {
        for (t, o) in theirs.iter_mut().zip(&ours) {
            let pseudonym = t["name"]
                .as_str()
                .is_some_and(|n| n.starts_with(PERSON_OMITTED));
            let named = o["name"]
                .as_str()
                .is_some_and(|n| !n.starts_with(PERSON_OMITTED));
            if pseudonym && named && t["person"] == true && o["person"] == true {
                t["name"] = o["name"].clone();
            }
        }
    }
    rec
}

/// What an export has gathered so far: the records' lines, and the divisions and photos
/// they use.
#[derive(Default)]
struct BundleCatalogue {
    lines: String,
    records: u32,
    divisions: BTreeSet<String>,
    photos: BTreeSet<String>,
}

impl BundleCatalogue {
    /// Add a record's line, noting the divisions a product or an enterprise names and a
    /// product's photos (with their print copies).
    fn add(&mut self, kind: RecordKind, row: store::RecordRow) -> Result<()> {
        if kind == RecordKind::Gi {
            let g: GiProduct = decode(&row)?;
            self.divisions
                .extend(g.area.divisions.iter().map(|d| d.to_string()));
            self.divisions
                .extend(g.responsible.iter().map(|d| d.to_string()));
            for p in &g.photos {
                self.photos.insert(p.sha256.clone());
                if let Some(c) = &p.print {
                    self.photos.insert(c.sha256.clone());
                }
            }
        }
        if kind == RecordKind::Enterprise
            && let Some(d) = row.data.get("division").and_then(Value::as_str)
        {
            self.divisions.insert(d.to_owned());
        }
        let rec = BundleRecord {
            kind,
            id: row.id,
            code: row.code,
            name: row.name,
            data: row.data,
            archived_at: row.archived_at,
        };
        self.lines
            .push_str(&serde_json::to_string(&rec).map_err(ApiError::storage)?);
        self.lines.push('\n');
        self.records += 1;
        Ok(())
    }
}

impl BundleReport {
    /// The report of a bundle before anything is merged: where it comes from.
    fn before_merge(b: &bundle::Bundle) -> Self {
        let m = &b.manifest;
        Self {
            sha256: b.sha256.clone(),
            source: m.source.clone(),
            source_name: m.source_name.clone(),
            source_audit_head: m.audit_head.clone(),
            created_at: m.created_at.clone(),
            personal_data: m.personal_data,
            new: vec![],
            changed: vec![],
            unchanged: 0,
            conflicts: vec![],
            calendar: vec![],
            refused: vec![],
            applied: false,
        }
    }
}

/// A bundle's parts, decoded: its records in today's shape (with the hashes of their data
/// as the bundle holds it), the divisions they use and the calendar years.
struct BundleContents {
    records: Vec<BundleRecord>,
    raw_hashes: Vec<String>,
    divisions: Vec<(String, String)>,
    calendar: Vec<StoredCalendarYear>,
}

impl BundleContents {
    /// Decode the parts, naming the first one that is missing or damaged.
    fn read(b: &bundle::Bundle) -> Result<Self> {
        let part = |name: &str| {
            b.parts.get(name).ok_or_else(|| {
                bundle_error(terroir_exchange::Error::Corrupt(format!(
                    "{name} is missing"
                )))
            })
        };
        let mut records: Vec<BundleRecord> = String::from_utf8_lossy(part("records.jsonl")?)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| {
                bundle_error(terroir_exchange::Error::Corrupt(format!(
                    "records.jsonl: {e}"
                )))
            })?;
        if b.manifest.format == "terroir-bundle/1" {
            records.iter_mut().for_each(upgrade_v1);
        }
        // What the last exchange saw may be the bundle's own shape or today's.
        let raw_hashes: Vec<String> = records.iter().map(|r| data_hash(&r.data)).collect();
        for r in &mut records {
            if let Some(v) = crate::records::by_kind!(r.kind, reshaped(&r.data)) {
                r.data = v;
            }
        }
        let divisions: Vec<(String, String)> = serde_json::from_slice(part("divisions.json")?)
            .map_err(|e| {
                bundle_error(terroir_exchange::Error::Corrupt(format!(
                    "divisions.json: {e}"
                )))
            })?;
        // Bundles made before calendars travelled have no calendar part.
        let calendar: Vec<StoredCalendarYear> = match b.parts.get("calendar.json") {
            None => vec![],
            Some(bytes) => serde_json::from_slice(bytes).map_err(|e| {
                bundle_error(terroir_exchange::Error::Corrupt(format!(
                    "calendar.json: {e}"
                )))
            })?,
        };
        Ok(Self {
            records,
            raw_hashes,
            divisions,
            calendar,
        })
    }
}

/// How a bundle's record that differs from the local one is merged.
enum Outcome {
    New,
    Changed,
    Conflict { taken: bool },
}

/// One bundle's merge in progress: the transaction, and the source and reason every
/// written record's audit row names.
struct BundleMerge<'a> {
    tx: &'a terroir_store::Connection,
    stamp: &'a audit::Stamp,
    source: &'a str,
    reason: String,
    take_theirs: bool,
}

impl BundleMerge<'_> {
    /// Add the bundle's divisions this workspace lacks; a bad code or name refuses the bundle.
    fn divisions(&self, divisions: &[(String, String)], source_name: &str) -> Result<()> {
        for (i, (code, name)) in divisions.iter().enumerate() {
            let at = |e: Violation| ApiError::from(e.at(format!("divisions[{i}]")));
            let d: terroir_core::DivisionCode = code.parse().map_err(at)?;
            let name = terroir_core::record::required_text(name, NAME_MAX)
                .map_err(|e| at(e.at("name")))?;
            if tables::division_name(self.tx, d.as_str())?.is_none() {
                let division = terroir_core::Division { code: d, name };
                tables::put_division(
                    self.tx,
                    self.stamp,
                    &division,
                    &format!("bundle {source_name}"),
                )?;
            }
        }
        Ok(())
    }

    /// Merge one bundle record: list it as new, changed, a conflict or unchanged, check what
    /// differs by the form's rules, and write it unless it is a conflict kept local.
    /// `raw` is the hash of its data as the bundle holds it.
    fn record(&self, rec: &BundleRecord, raw: &str, report: &mut BundleReport) -> Result<()> {
        let local = store::get(self.tx, rec.kind, &rec.id)?;
        let named;
        let rec = match (rec.kind, &local) {
            (RecordKind::Case, Some(l)) => {
                named = with_local_names(rec, l);
                &named
            }
            _ => rec,
        };
        let theirs = data_hash(&rec.data);
        let Some((outcome, fields)) = self.compare(rec, raw, &theirs, local.as_ref(), report)?
        else {
            return Ok(());
        };
        // Every record that differs is checked by the form's rules, also a conflict kept
        // local for now, so the preview shows every refusal; only what is taken is written.
        let write = !matches!(outcome, Outcome::Conflict { taken: false });
        let exists = local.is_some();
        let checked = crate::records::by_kind!(
            rec.kind,
            merge(self.tx, self.stamp, rec, &self.reason, exists, write)
        )?;
        if let Err(problems) = checked {
            report.refused.push(RecordProblems::new(
                rec.kind, &rec.id, &rec.code, &rec.name, problems,
            ));
            return Ok(());
        }
        let item = BundleItem::of(rec, fields);
        match outcome {
            Outcome::New => report.new.push(item),
            Outcome::Changed => report.changed.push(item),
            Outcome::Conflict { taken } => {
                report.conflicts.push(item);
                if !taken {
                    return Ok(());
                }
            }
        }
        tables::set_exchange_seen(self.tx, self.source, &rec.id, &theirs)?;
        Ok(())
    }

    /// How the bundle's record differs from the local one (`theirs` is the hash of its
    /// data), with the fields that differ; `None`, counted as unchanged, when the two are the
    /// same or only this side changed it since the last exchange with the source.
    fn compare(
        &self,
        rec: &BundleRecord,
        raw: &str,
        theirs: &str,
        local: Option<&store::RecordRow>,
        report: &mut BundleReport,
    ) -> Result<Option<(Outcome, Vec<FieldChange>)>> {
        let Some(l) = local else {
            return Ok(Some((Outcome::New, vec![])));
        };
        if l.data == rec.data {
            report.unchanged += 1;
            tables::set_exchange_seen(self.tx, self.source, &rec.id, theirs)?;
            return Ok(None);
        }
        let base = tables::exchange_seen(self.tx, self.source, &rec.id)?;
        if base.as_deref() == Some(theirs) || base.as_deref() == Some(raw) {
            // Only we changed it since the last exchange: ours stands.
            report.unchanged += 1;
            return Ok(None);
        }
        let fields = crate::exchange::diff(&l.data, &rec.data);
        if base.as_deref() == Some(data_hash(&l.data).as_str()) {
            Ok(Some((Outcome::Changed, fields)))
        } else {
            Ok(Some((
                Outcome::Conflict {
                    taken: self.take_theirs,
                },
                fields,
            )))
        }
    }
}

impl BundleItem {
    /// A bundle record as the report lists it, with the fields that differ.
    fn of(rec: &BundleRecord, fields: Vec<FieldChange>) -> Self {
        Self {
            kind: rec.kind,
            id: rec.id.clone(),
            code: rec.code.clone(),
            // The bundle's own label for the record: cut, as it is not checked.
            name: rec.name.chars().take(NAME_MAX).collect(),
            fields,
        }
    }
}

/// Check a bundle's record by the form's rules and, with `write`, insert it under its own id
/// (a fresh local code) or replace the local record with it. The outer error is a storage
/// failure; the inner one the record's problems (nothing of it is written).
fn merge<E: Entity>(
    conn: &terroir_store::Connection,
    stamp: &audit::Stamp,
    rec: &BundleRecord,
    reason: &str,
    exists: bool,
    write: bool,
) -> Result<std::result::Result<(), Violations>> {
    let decoded: E = match serde_json::from_value(rec.data.clone()) {
        Ok(e) => e,
        Err(err) => {
            return Ok(Err(Violations(vec![Violation::bundle_invalid(err)])));
        }
    };
    let e = match reparse(&ArchivedToo(StoreLookup(conn)), &decoded) {
        Ok(e) => e,
        Err(v) => return Ok(Err(v)),
    };
    if !write {
        return Ok(Ok(()));
    }
    if exists {
        // Archived here: bring it back for the change, then follow the source's archive state.
        let archived_here = store::require(conn, E::KIND, &rec.id)?
            .archived_at
            .is_some();
        if archived_here {
            store::set_archived(conn, stamp, E::KIND, &rec.id, false, Some(reason))?;
        }
        store_entity(conn, stamp, &rec.id, &e, "exchange", Some(reason))?;
    } else {
        let how = store::InsertAs {
            action: "exchange",
            reason: Some(reason),
            index_now: true,
        };
        insert_entity(conn, stamp, &rec.id, &e, how)?;
    }
    if rec.archived_at.is_some() {
        store::set_archived(conn, stamp, E::KIND, &rec.id, true, Some(reason))?;
    }
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_bundle_moves_a_gi_products_notes_to_its_profile() {
        let rec = |kind, data| BundleRecord {
            kind,
            id: "x".into(),
            code: "X-1".into(),
            name: "甲".into(),
            data,
            archived_at: None,
        };
        let mut gi = rec(RecordKind::Gi, serde_json::json!({ "notes": "产自山区" }));
        upgrade_v1(&mut gi);
        assert_eq!(gi.data, serde_json::json!({ "profile": "产自山区" }));
        let mut enterprise = rec(RecordKind::Enterprise, serde_json::json!({ "notes": "备" }));
        upgrade_v1(&mut enterprise);
        assert_eq!(enterprise.data, serde_json::json!({ "notes": "备" }));
    }

    /// A bundle from a workspace of the previous schema (pledges from/to, before they had a
    /// registration date and a release) holds the same trademarks as this workspace after its
    /// migration: nothing reads as changed or in conflict.
    #[test]
    fn a_bundle_of_the_previous_schema_reads_in_todays_shape() {
        let dir = tempfile::tempdir().unwrap();
        let mut county =
            Workspace::create_with_sample(&dir.path().join("county.db"), "县局").unwrap();
        let good = dir.path().join("county.bundle");
        county.export_bundle(&good, false).unwrap();
        let b = bundle::read(&good).unwrap();
        let mut pledged = 0;
        let old: String = String::from_utf8_lossy(&b.parts["records.jsonl"])
            .lines()
            .map(|l| {
                let mut rec: Value = serde_json::from_str(l).unwrap();
                if let Some(ps) = rec["data"]["pledges"].as_array_mut() {
                    for p in ps {
                        let p = p.as_object_mut().unwrap();
                        let from = p.remove("registered_on").unwrap();
                        let to = p.remove("term_ends").unwrap();
                        p.remove("release");
                        p.insert("from".into(), from);
                        p.insert("to".into(), to);
                        pledged += 1;
                    }
                }
                rec.to_string() + "\n"
            })
            .collect();
        assert!(pledged > 0);
        let parts: Vec<(String, Vec<u8>)> = b
            .parts
            .iter()
            .map(|(k, v)| {
                let bytes = if k == "records.jsonl" {
                    old.clone().into_bytes()
                } else {
                    v.clone()
                };
                (k.clone(), bytes)
            })
            .collect();
        let old_bundle = dir.path().join("old.bundle");
        bundle::write(&old_bundle, b.manifest.clone(), &parts).unwrap();
        let mut city = Workspace::create(&dir.path().join("city.db"), "市局").unwrap();
        let first = city.import_bundle(&good, false, false).unwrap();
        assert!(first.applied && first.refused.is_empty(), "{first:?}");
        let again = city.import_bundle(&old_bundle, false, false).unwrap();
        assert!(
            again.changed.is_empty() && again.conflicts.is_empty() && again.refused.is_empty(),
            "{again:?}"
        );
        assert!(city.check().unwrap().ok);
    }
}

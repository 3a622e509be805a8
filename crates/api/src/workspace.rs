use std::path::{Path, PathBuf};

use chrono::{NaiveDate, SecondsFormat, Utc};
use terroir_core::record::{Lookup, RecordId, RecordKind};
use terroir_core::{DivisionCode, Violation};
use terroir_store::audit::Stamp;
use terroir_store::{Connection, db, records, tables};

use crate::error::{ApiError, Result};

/// An open workspace: the database and the `files/` folder beside it, and who is working.
#[derive(Debug)]
pub struct Workspace {
    pub(crate) conn: Connection,
    pub(crate) db_path: PathBuf,
    pub(crate) files_dir: PathBuf,
    pub(crate) actor: String,
    /// Overrides today's date (for rules and tests); `None` uses the local date.
    pub(crate) today: Option<NaiveDate>,
    /// Where printed documents go by default (the desktop's documents folder); `None` puts
    /// them beside the workspace.
    pub(crate) print_dir: Option<PathBuf>,
}

/// The `files/` folder of the workspace whose database is `db_path`.
pub fn files_dir_of(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("files")
}

impl Workspace {
    /// Create a new workspace at `db_path` (its folder is created too), seeded with the
    /// division and category tables. Refuses an existing database.
    pub fn create(db_path: &Path, actor: &str) -> Result<Self> {
        if db_path.exists() {
            return Err(Violation::workspace_exists(db_path.display()).into());
        }
        if let Some(dir) = db_path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| ApiError::storage(format!("{}: {e}", dir.display())))?;
        }
        let mut ws = Self::connect(db_path, actor, true)?;
        let tx = terroir_store::begin(&mut ws.conn)?;
        tables::seed(&tx)?;
        tables::set_meta(&tx, "created_at", &now())?;
        tx.commit().map_err(terroir_store::Error::from)?;
        std::fs::create_dir_all(&ws.files_dir)
            .map_err(|e| ApiError::storage(format!("{}: {e}", ws.files_dir.display())))?;
        Ok(ws)
    }

    /// Open an existing workspace.
    pub fn open(db_path: &Path, actor: &str) -> Result<Self> {
        if !db_path.exists() {
            return Err(Violation::workspace_missing(db_path.display()).into());
        }
        Self::connect(db_path, actor, false)
    }

    fn connect(db_path: &Path, actor: &str, create: bool) -> Result<Self> {
        let mut conn = db::open(db_path, create)?;
        // After the migration that added them, what each record counts for in the plan's
        // metrics is made once from the records (the core's rules, not SQL).
        if terroir_store::plan::facts_stale(&conn)? {
            let tx = terroir_store::begin(&mut conn)?;
            crate::plan::rebuild_facts(&tx)?;
            tx.commit().map_err(terroir_store::Error::from)?;
        }
        Ok(Self {
            conn,
            db_path: db_path.to_owned(),
            files_dir: files_dir_of(db_path),
            actor: actor.to_owned(),
            today: None,
            print_dir: None,
        })
    }

    /// Print previews into `dir` (`推介资料/`, `证据目录/` under it) instead of beside the
    /// workspace.
    pub fn set_print_dir(&mut self, dir: Option<PathBuf>) {
        self.print_dir = dir;
    }

    /// Use `today` instead of the local date for every rule that depends on the date.
    pub fn set_today(&mut self, today: Option<NaiveDate>) {
        self.today = today;
    }

    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// A mark that changes after any commit this connection can see, its own or another
    /// connection's: an answer computed elsewhere is still this connection's answer while the
    /// mark is the same.
    pub fn change_mark(&self) -> Result<(i64, u64)> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(terroir_store::Error::from)?;
        Ok((version, self.conn.total_changes()))
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub(crate) fn stamp(&self) -> Stamp {
        Stamp {
            actor: self.actor.clone(),
            at: now(),
        }
    }

    pub(crate) fn lookup(&self) -> StoreLookup<'_> {
        StoreLookup(&self.conn)
    }
}

pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// [`Lookup`] over the store, for parsers in terroir-core.
pub(crate) struct StoreLookup<'a>(pub &'a Connection);

impl Lookup for StoreLookup<'_> {
    fn find(&self, kind: RecordKind, key: &str) -> Option<RecordId> {
        records::find_live(self.0, kind, key)
            .ok()
            .flatten()
            .and_then(|id| id.parse().ok())
    }
    fn code_of(&self, kind: RecordKind, id: RecordId) -> Option<String> {
        records::get(self.0, kind, &id.to_string())
            .ok()
            .flatten()
            .map(|r| r.code)
    }
    fn code_and_name(&self, kind: RecordKind, id: RecordId) -> Option<(String, String)> {
        records::get(self.0, kind, &id.to_string())
            .ok()
            .flatten()
            .map(|r| (r.code, r.name))
    }
    fn division_known(&self, code: &DivisionCode) -> bool {
        tables::division_known(self.0, code).unwrap_or(false)
    }
    fn category_known(&self, name: &str) -> bool {
        tables::category_known(self.0, name).unwrap_or(false)
    }
    fn calendar(&self) -> terroir_core::calendar::WorkingCalendar {
        crate::calendar::of(self.0)
    }
    fn proof(
        &self,
        item: terroir_core::incentive::AwardItem,
        id: RecordId,
    ) -> Option<terroir_core::incentive::Proof> {
        crate::workbench::proof_of(self.0, item, id).ok().flatten()
    }
    fn gi_basis(&self, gi: RecordId, today: NaiveDate) -> Option<terroir_core::user::GiBasis> {
        gi_basis(self.0, gi, today, &crate::calendar::of(self.0))
            .ok()
            .flatten()
    }
    fn pledges(&self, trademark: RecordId) -> Option<Vec<terroir_core::trademark::Pledge>> {
        let row = records::get(self.0, RecordKind::Trademark, &trademark.to_string()).ok()??;
        let tm: terroir_core::trademark::Trademark = crate::records::decode(&row).ok()?;
        Some(tm.pledges)
    }
}

/// What a GI product's users rest on as of `today`: its revocation, its GI marks' standing
/// (their last days moved by `cal`, the workspace's calendar).
pub(crate) fn gi_basis(
    conn: &Connection,
    gi: RecordId,
    today: NaiveDate,
    cal: &terroir_core::calendar::WorkingCalendar,
) -> crate::Result<Option<terroir_core::user::GiBasis>> {
    let Some(row) = records::get(conn, RecordKind::Gi, &gi.to_string())? else {
        return Ok(None);
    };
    let g: terroir_core::gi::GiProduct = crate::records::decode(&row)?;
    basis_of(conn, &g, today, cal).map(Some)
}

/// [`gi_basis`] of a product already read.
pub(crate) fn basis_of(
    conn: &Connection,
    g: &terroir_core::gi::GiProduct,
    today: NaiveDate,
    cal: &terroir_core::calendar::WorkingCalendar,
) -> crate::Result<terroir_core::user::GiBasis> {
    use terroir_core::gi::{GiStatus, Protection};
    use terroir_core::trademark::Trademark;
    let mut marks = vec![];
    for p in &g.protections {
        if let Protection::GiTrademark {
            mark_kind,
            trademark_id,
        } = p
            && let Some(tm_row) =
                records::get(conn, RecordKind::Trademark, &trademark_id.to_string())?
        {
            let tm: Trademark = crate::records::decode(&tm_row)?;
            marks.push((*mark_kind, tm.standing_on(today, cal)));
        }
    }
    Ok(terroir_core::user::GiBasis {
        product_revoked_on: g
            .status_history
            .last()
            .filter(|e| e.status == GiStatus::Revoked)
            .map(|e| e.on),
        marks,
    })
}

/// [`StoreLookup`] that also finds archived records by id or code: a stored record (or a
/// bundle's) may refer to a record archived since, which the form would no longer offer.
pub(crate) struct ArchivedToo<'a>(pub StoreLookup<'a>);

impl Lookup for ArchivedToo<'_> {
    fn find(&self, kind: RecordKind, key: &str) -> Option<RecordId> {
        self.0.find(kind, key).or_else(|| {
            records::find_any(self.0.0, kind, key)
                .ok()
                .flatten()
                .and_then(|id| id.parse().ok())
        })
    }
    fn code_of(&self, kind: RecordKind, id: RecordId) -> Option<String> {
        self.0.code_of(kind, id)
    }
    fn code_and_name(&self, kind: RecordKind, id: RecordId) -> Option<(String, String)> {
        self.0.code_and_name(kind, id)
    }
    fn division_known(&self, code: &DivisionCode) -> bool {
        self.0.division_known(code)
    }
    fn category_known(&self, name: &str) -> bool {
        self.0.category_known(name)
    }
    fn calendar(&self) -> terroir_core::calendar::WorkingCalendar {
        self.0.calendar()
    }
    fn proof(
        &self,
        item: terroir_core::incentive::AwardItem,
        id: RecordId,
    ) -> Option<terroir_core::incentive::Proof> {
        self.0.proof(item, id)
    }
    fn pledges(&self, trademark: RecordId) -> Option<Vec<terroir_core::trademark::Pledge>> {
        self.0.pledges(trademark)
    }
}

impl StoreLookup<'_> {
    pub(crate) fn name_of(&self, kind: RecordKind, id: RecordId) -> String {
        records::code_and_name(self.0, kind, &id.to_string())
            .ok()
            .flatten()
            .map_or_else(|| id.to_string(), |(_, name)| name)
    }
}

/// What the desktop shows about the open workspace.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct WorkspaceInfo {
    pub db_path: String,
    pub actor: String,
    pub today: NaiveDate,
    pub counts: Vec<KindCount>,
    pub divisions: Vec<tables::DivisionRow>,
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct KindCount {
    pub kind: RecordKind,
    pub live: u64,
    pub archived: u64,
}

impl Workspace {
    pub fn info(&self) -> Result<WorkspaceInfo> {
        let counts = RecordKind::ALL
            .iter()
            .map(|k| {
                Ok(KindCount {
                    kind: *k,
                    live: records::count(&self.conn, *k, records::Show::Live)?,
                    archived: records::count(&self.conn, *k, records::Show::Archived)?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(WorkspaceInfo {
            db_path: self.db_path.display().to_string(),
            actor: self.actor.clone(),
            today: self.today(),
            counts,
            divisions: tables::divisions(&self.conn)?,
            categories: tables::categories(&self.conn)?
                .into_iter()
                .map(|(n, _)| n)
                .collect(),
        })
    }

    /// Change who is recorded as the actor of the next changes.
    pub fn set_actor(&mut self, actor: &str) -> Result<()> {
        self.actor = terroir_core::record::required_text(actor, 100).map_err(|e| e.at("actor"))?;
        Ok(())
    }
}

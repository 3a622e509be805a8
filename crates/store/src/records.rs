//! Record tables: one row per record with identity, references and searchable keys in columns
//! and the aggregate as JSON in `data`. Every write appends its audit row in the same
//! transaction; callers pass a transaction (`&Connection` from a `Transaction`).

use rusqlite::{Connection, OptionalExtension, params_from_iter, types::Value};
use serde::{Deserialize, Serialize};
use terroir_core::{Violation, record::RecordKind};

use crate::audit::{self, Change, Stamp};
use crate::error::Result;

/// What the store knows of a kind of record, declared once: its table, its key columns (besides
/// the common ones), the key column that must be unique with the rule a clash breaks, and the
/// key columns that refer to other kinds. Everything else here (reading, writing, uniqueness,
/// who refers to a record, the purge order) is derived from [`SPECS`].
#[derive(Debug, Clone, Copy)]
pub struct KindSpec {
    pub kind: RecordKind,
    pub table: &'static str,
    pub keys: &'static [&'static str],
    pub unique: Option<(&'static str, Clash)>,
    /// (the kinds a column may refer to, the column).
    pub refs: &'static [(&'static [RecordKind], &'static str)],
    /// Where a record lies, for lists filtered by division.
    pub division: DivisionOf,
}

/// How a kind's records are placed in a division (a list's division filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DivisionOf {
    /// A key column holding a division code.
    Column(&'static str),
    /// The division of the enterprise this key column refers to.
    Enterprise(&'static str),
    /// A GI product: its responsible division, else any division of its production area (as
    /// a county batch selects).
    Gi,
}

/// The violation a clash on the unique key breaks, given the value and the code holding it.
pub type Clash = fn(&str, &str) -> Violation;

/// Every kind, each after the kinds it refers to: the order records are written in (a GI
/// product after the trademarks its protections link to), and purged in reverse.
pub const SPECS: [KindSpec; RecordKind::ALL.len()] = [
    KindSpec {
        kind: RecordKind::Enterprise,
        table: "enterprise",
        keys: &["credit_code", "division"],
        unique: Some(("credit_code", |v, h| Violation::credit_code_taken(v, h))),
        refs: &[],
        division: DivisionOf::Column("division"),
    },
    KindSpec {
        kind: RecordKind::Trademark,
        table: "trademark",
        keys: &["reg_no", "registrant_id", "expires_on", "status"],
        unique: Some(("reg_no", |v, h| Violation::reg_no_taken(v, h))),
        refs: &[(&[RecordKind::Enterprise], "registrant_id")],
        division: DivisionOf::Enterprise("registrant_id"),
    },
    KindSpec {
        kind: RecordKind::Gi,
        table: "gi_product",
        keys: &["category"],
        unique: None,
        // Its trademarks are linked in `gi_trademark`, not by a key column.
        refs: &[],
        division: DivisionOf::Gi,
    },
    KindSpec {
        kind: RecordKind::User,
        table: "authorised_user",
        keys: &["gi_id", "enterprise_id", "stage"],
        unique: None,
        refs: &[
            (&[RecordKind::Gi], "gi_id"),
            (&[RecordKind::Enterprise], "enterprise_id"),
        ],
        division: DivisionOf::Enterprise("enterprise_id"),
    },
    KindSpec {
        kind: RecordKind::Candidate,
        table: "mark_candidate",
        keys: &["trademark_id", "enterprise_id"],
        unique: None,
        refs: &[
            (&[RecordKind::Trademark], "trademark_id"),
            (&[RecordKind::Enterprise], "enterprise_id"),
        ],
        division: DivisionOf::Enterprise("enterprise_id"),
    },
    KindSpec {
        kind: RecordKind::Application,
        table: "application",
        keys: &["enterprise_id", "subject_id", "state"],
        unique: None,
        refs: &[
            (&[RecordKind::Enterprise], "enterprise_id"),
            (
                &[
                    RecordKind::Candidate,
                    RecordKind::Trademark,
                    RecordKind::Gi,
                    RecordKind::User,
                ],
                "subject_id",
            ),
        ],
        division: DivisionOf::Enterprise("enterprise_id"),
    },
    KindSpec {
        kind: RecordKind::IncentiveRule,
        table: "incentive_rule",
        keys: &["jurisdiction", "item"],
        unique: None,
        refs: &[],
        division: DivisionOf::Column("jurisdiction"),
    },
    KindSpec {
        kind: RecordKind::Case,
        table: "enforcement_case",
        keys: &[
            "case_no",
            "jurisdiction",
            "kind",
            "state",
            "opened_on",
            "decided_on",
            "closed_on",
            "transferred_on",
            "fine_fen",
            "turnover_fen",
            "party_code",
        ],
        unique: Some(("case_no", |v, h| Violation::case_no_taken(v, h))),
        // Its parties and related records are in `case_ref`, not key columns.
        refs: &[],
        division: DivisionOf::Column("jurisdiction"),
    },
    KindSpec {
        kind: RecordKind::Target,
        table: "plan_target",
        keys: &["jurisdiction", "metric", "starts_on", "ends_on"],
        unique: None,
        refs: &[],
        division: DivisionOf::Column("jurisdiction"),
    },
    KindSpec {
        kind: RecordKind::Financing,
        table: "financing",
        keys: &["jurisdiction", "pledgor_id", "loan_on", "amount_fen"],
        unique: None,
        refs: &[(&[RecordKind::Enterprise], "pledgor_id")],
        division: DivisionOf::Column("jurisdiction"),
    },
    KindSpec {
        kind: RecordKind::Zone,
        table: "zone",
        keys: &["gi_id", "jurisdiction", "status"],
        unique: None,
        refs: &[(&[RecordKind::Gi], "gi_id")],
        division: DivisionOf::Column("jurisdiction"),
    },
];

/// The declaration of a kind.
pub fn spec(kind: RecordKind) -> &'static KindSpec {
    SPECS
        .iter()
        .find(|s| s.kind == kind)
        .expect("every kind is declared in SPECS (a test holds it)")
}

/// Where a kind of record lives and which key columns it has besides the common ones.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub keys: &'static [&'static str],
}

pub fn table(kind: RecordKind) -> Table {
    let s = spec(kind);
    Table {
        name: s.table,
        keys: s.keys,
    }
}

/// A record's key column values by column name, as its kind gives them.
pub type NamedKeys = Vec<(&'static str, Option<String>)>;

/// Put named key values in the order of the kind's table. A name the table does not have, or a
/// column not given, means the kind and its table disagree: refused, nothing written.
pub fn ordered_keys(kind: RecordKind, named: NamedKeys) -> Result<Vec<Option<String>>> {
    let t = table(kind);
    let mismatch = || {
        let given: Vec<&str> = named.iter().map(|(n, _)| *n).collect();
        crate::error::Error::Schema(format!(
            "{}: key columns {:?} given for the table's {:?}",
            t.name, given, t.keys
        ))
    };
    if named.len() != t.keys.len() {
        return Err(mismatch());
    }
    let mut out = Vec::with_capacity(t.keys.len());
    for column in t.keys {
        let Some((_, v)) = named.iter().find(|(n, _)| n == column) else {
            return Err(mismatch());
        };
        out.push(v.clone());
    }
    Ok(out)
}

/// A stored record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct RecordRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub data: serde_json::Value,
    pub sample: bool,
    pub archived_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
    /// Values of [`Table::keys`], in order.
    pub keys: Vec<Option<String>>,
}

impl RecordRow {
    /// What the audit log keeps of the record.
    pub fn snapshot(&self) -> String {
        snapshot(
            &self.code,
            &self.name,
            self.sample,
            self.archived_at.as_deref(),
            &self.data,
        )
    }

    pub fn key(&self, kind: RecordKind, column: &str) -> Option<&str> {
        let i = table(kind).keys.iter().position(|k| *k == column)?;
        self.keys[i].as_deref()
    }
}

fn snapshot(
    code: &str,
    name: &str,
    sample: bool,
    archived_at: Option<&str>,
    data: &serde_json::Value,
) -> String {
    serde_json::json!({
        "code": code,
        "name": name,
        "sample": sample,
        "archived_at": archived_at,
        "data": data,
    })
    .to_string()
}

/// Each record's id and snapshot, read with only the columns every schema version since the
/// first has (for a migration, before it runs); a kind whose table is not there yet has none.
pub(crate) fn each_snapshot_before_migrating(
    conn: &Connection,
    mut f: impl FnMut(&str, &str) -> Result<()>,
) -> Result<()> {
    for spec in SPECS {
        let t = table(spec.kind);
        let exists = conn
            .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1")?
            .exists([t.name])?;
        if !exists {
            continue;
        }
        let mut stmt = conn.prepare(&format!(
            "SELECT id, code, name, sample, archived_at, data FROM {}",
            t.name
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let data: String = r.get(5)?;
            let json = snapshot(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                r.get(3)?,
                r.get::<_, Option<String>>(4)?.as_deref(),
                &serde_json::from_str(&data)?,
            );
            f(&r.get::<_, String>(0)?, &json)?;
        }
    }
    Ok(())
}

/// The content of a record to insert or update.
#[derive(Debug, Clone)]
pub struct Content {
    pub name: String,
    pub data: serde_json::Value,
    pub keys: Vec<Option<String>>,
}

fn select(t: Table) -> String {
    format!("SELECT {} FROM {}", columns(t, ""), t.name)
}

/// The columns [`read_at`] reads, each prefixed with `alias` (`"u."`, or `""`).
fn columns(t: Table, alias: &str) -> String {
    let mut cols: Vec<String> = [
        "id",
        "code",
        "name",
        "data",
        "sample",
        "archived_at",
        "created_at",
        "updated_at",
        "version",
    ]
    .iter()
    .map(|c| format!("{alias}{c}"))
    .collect();
    cols.extend(t.keys.iter().map(|k| format!("{alias}{k}")));
    cols.join(", ")
}

/// The columns of a record of `kind` under table alias `alias`, for a query joining it with
/// others; [`read_row`] reads them back from where they start.
pub(crate) fn columns_of(kind: RecordKind, alias: &str) -> (String, usize) {
    let t = table(kind);
    (columns(t, &format!("{alias}.")), 9 + t.keys.len())
}

/// Read a record of `kind` whose [`columns_of`] start at column `at`.
pub(crate) fn read_row(
    kind: RecordKind,
    r: &rusqlite::Row<'_>,
    at: usize,
) -> rusqlite::Result<RecordRow> {
    read_at(table(kind), r, at)
}

fn read(t: Table, r: &rusqlite::Row<'_>) -> rusqlite::Result<RecordRow> {
    read_at(t, r, 0)
}

fn read_at(t: Table, r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<RecordRow> {
    let data: String = r.get(at + 3)?;
    Ok(RecordRow {
        id: r.get(at)?,
        code: r.get(at + 1)?,
        name: r.get(at + 2)?,
        data: serde_json::from_str(&data).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                at + 3,
                rusqlite::types::Type::Text,
                Box::new(e),
            )
        })?,
        sample: r.get(at + 4)?,
        archived_at: r.get(at + 5)?,
        created_at: r.get(at + 6)?,
        updated_at: r.get(at + 7)?,
        version: r.get(at + 8)?,
        keys: (0..t.keys.len())
            .map(|i| r.get(at + 9 + i))
            .collect::<rusqlite::Result<_>>()?,
    })
}

/// Allocate the next human code of a kind (`GI-0001`, `GI-0002`, …).
pub fn next_code(conn: &Connection, kind: RecordKind) -> Result<String> {
    let n: u32 = conn
        .prepare_cached(
            "INSERT INTO code_counter (kind, last) VALUES (?1, 1)
             ON CONFLICT(kind) DO UPDATE SET last = last + 1 RETURNING last",
        )?
        .query_row([kind.key()], |r| r.get(0))?;
    Ok(kind.code(n))
}

fn check_unique(
    conn: &Connection,
    kind: RecordKind,
    content: &Content,
    except_id: Option<&str>,
) -> Result<()> {
    let Some((column, clash)) = spec(kind).unique else {
        return Ok(());
    };
    let t = table(kind);
    let i = t
        .keys
        .iter()
        .position(|k| *k == column)
        .expect("unique key is a key column");
    let Some(value) = &content.keys[i] else {
        return Ok(());
    };
    let holder: Option<String> = conn
        .prepare_cached(&format!(
            "SELECT code FROM {} WHERE {column} = ?1 AND id IS NOT ?2",
            t.name
        ))?
        .query_row(rusqlite::params![value, except_id], |r| r.get(0))
        .optional()?;
    match holder {
        Some(holder) => Err(clash(value, &holder).at(column).into()),
        None => Ok(()),
    }
}

/// Insert a new record with a fresh code; audited as `insert`.
pub fn insert(
    conn: &Connection,
    stamp: &Stamp,
    kind: RecordKind,
    id: &str,
    content: Content,
    sample: bool,
) -> Result<RecordRow> {
    insert_as(conn, stamp, kind, id, content, sample, InsertAs::PLAIN)
}

/// How a record is inserted: its audit action and reason (an import names its file), and
/// whether the search index is updated now or by the caller afterwards in bulk
/// ([`crate::search::put_many`], before the transaction commits).
#[derive(Debug, Clone, Copy)]
pub struct InsertAs<'a> {
    pub action: &'a str,
    pub reason: Option<&'a str>,
    pub index_now: bool,
}

impl InsertAs<'_> {
    /// An ordinary insert: audited as `insert`, indexed at once.
    pub const PLAIN: InsertAs<'static> = InsertAs {
        action: "insert",
        reason: None,
        index_now: true,
    };
}

/// Insert a new record, audited as `how` says.
pub fn insert_as(
    conn: &Connection,
    stamp: &Stamp,
    kind: RecordKind,
    id: &str,
    content: Content,
    sample: bool,
    how: InsertAs<'_>,
) -> Result<RecordRow> {
    let InsertAs {
        action,
        reason,
        index_now,
    } = how;
    check_unique(conn, kind, &content, None)?;
    let t = table(kind);
    let code = next_code(conn, kind)?;
    let row = RecordRow {
        id: id.to_owned(),
        code,
        name: content.name,
        data: content.data,
        sample,
        archived_at: None,
        created_at: stamp.at.clone(),
        updated_at: stamp.at.clone(),
        version: 1,
        keys: content.keys,
    };
    let key_cols: String = t.keys.iter().map(|k| format!(", {k}")).collect();
    let key_params: String = (0..t.keys.len())
        .map(|i| format!(", ?{}", 10 + i))
        .collect();
    let sql = format!(
        "INSERT INTO {} (id, code, name, data, sample, archived_at, created_at, updated_at, version{key_cols})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9{key_params})",
        t.name
    );
    let mut values: Vec<Value> = vec![
        row.id.clone().into(),
        row.code.clone().into(),
        row.name.clone().into(),
        row.data.to_string().into(),
        (row.sample as i64).into(),
        Value::Null,
        row.created_at.clone().into(),
        row.updated_at.clone().into(),
        row.version.into(),
    ];
    values.extend(
        row.keys
            .iter()
            .map(|k| k.clone().map_or(Value::Null, Value::Text)),
    );
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    if index_now {
        crate::search::put(conn, kind, &row)?;
    }
    let after = row.snapshot();
    audit::append(
        conn,
        stamp,
        &Change {
            entity: kind.key(),
            entity_id: id,
            action,
            before: None,
            after: Some(&after),
            reason,
            of_record: true,
        },
    )?;
    Ok(row)
}

/// Find a record by id or code (codes are case-insensitive), archived or not.
pub fn get(conn: &Connection, kind: RecordKind, key: &str) -> Result<Option<RecordRow>> {
    let t = table(kind);
    let key = key.trim();
    let sql = format!("{} WHERE id = ?1 OR code = upper(?1)", select(t));
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([key], |r| read(t, r))
        .optional()?)
}

/// Find a record or fail with `not_found`.
pub fn require(conn: &Connection, kind: RecordKind, key: &str) -> Result<RecordRow> {
    get(conn, kind, key)?.ok_or_else(|| {
        Violation::not_found(
            kind.label(terroir_core::Lang::Zh),
            kind.label(terroir_core::Lang::En),
            key.trim(),
        )
        .into()
    })
}

/// Find a live record by code, id, its unique key, or an exact name held by exactly one record.
/// Reads only the id (this runs for every reference of every input).
pub fn find_live(conn: &Connection, kind: RecordKind, key: &str) -> Result<Option<String>> {
    let t = table(kind);
    let key = key.trim();
    let sql = format!(
        "SELECT id, archived_at IS NULL FROM {} WHERE id = ?1 OR code = upper(?1)",
        t.name
    );
    if let Some((id, live)) = conn
        .prepare_cached(&sql)?
        .query_row([key], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?))
        })
        .optional()?
    {
        return Ok(live.then_some(id));
    }
    if let Some((column, _)) = spec(kind).unique {
        let normal = terroir_core::text::compact_code(key);
        let sql = format!(
            "SELECT id FROM {} WHERE {column} = ?1 AND archived_at IS NULL",
            t.name
        );
        if let Some(id) = conn
            .prepare_cached(&sql)?
            .query_row([normal], |r| r.get(0))
            .optional()?
        {
            return Ok(Some(id));
        }
    }
    find_by_name(conn, kind, key)
}

/// A record, live or archived, by its exact id or code (a stored reference being checked).
pub fn find_any(conn: &Connection, kind: RecordKind, key: &str) -> Result<Option<String>> {
    let sql = format!(
        "SELECT id FROM {} WHERE id = ?1 OR code = upper(?1)",
        table(kind).name
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([key.trim()], |r| r.get(0))
        .optional()?)
}

/// Every record of a kind, archived ones too, in insertion order, one at a time (a whole
/// national catalogue is never held in memory).
pub fn each(
    conn: &Connection,
    kind: RecordKind,
    mut f: impl FnMut(RecordRow) -> Result<()>,
) -> Result<()> {
    let t = table(kind);
    let mut stmt = conn.prepare(&format!("{} ORDER BY rowid", select(t)))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        f(read(t, r)?)?;
    }
    Ok(())
}

/// The live record bearing exactly this name, when exactly one does.
pub fn find_by_name(conn: &Connection, kind: RecordKind, name: &str) -> Result<Option<String>> {
    let sql = format!(
        "SELECT id FROM {} WHERE name = ?1 AND archived_at IS NULL LIMIT 2",
        table(kind).name
    );
    let ids: Vec<String> = conn
        .prepare_cached(&sql)?
        .query_map([name.trim()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if ids.len() == 1 {
        ids.into_iter().next()
    } else {
        None
    })
}

/// The code and name of a record by id (archived or not), reading nothing else.
pub fn code_and_name(
    conn: &Connection,
    kind: RecordKind,
    id: &str,
) -> Result<Option<(String, String)>> {
    let sql = format!("SELECT code, name FROM {} WHERE id = ?1", table(kind).name);
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Which records a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Show {
    #[default]
    Live,
    Archived,
    All,
}

/// A page of records in code order, optionally filtered on one key column.
pub fn list(
    conn: &Connection,
    kind: RecordKind,
    show: Show,
    filter: Option<(&str, &str)>,
    limit: u32,
    offset: u32,
) -> Result<Vec<RecordRow>> {
    let t = table(kind);
    let mut sql = select(t);
    sql.push_str(match show {
        Show::Live => " WHERE archived_at IS NULL",
        Show::Archived => " WHERE archived_at IS NOT NULL",
        Show::All => " WHERE 1",
    });
    let mut values: Vec<Value> = vec![];
    if let Some((column, value)) = filter {
        assert!(t.keys.contains(&column), "filter on a key column");
        sql.push_str(&format!(" AND {column} = ?1"));
        values.push(value.to_owned().into());
    }
    sql.push_str(&format!(
        " ORDER BY length(code), code LIMIT {limit} OFFSET {offset}"
    ));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| read(t, r))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection, kind: RecordKind, show: Show) -> Result<u64> {
    count_where(conn, kind, show, None)
}

/// How many sample records there are, archived or not, of every kind.
pub fn count_sample(conn: &Connection) -> Result<u64> {
    let mut n = 0u64;
    for kind in RecordKind::ALL {
        let sql = format!("SELECT count(*) FROM {} WHERE sample = 1", table(kind).name);
        n += conn.query_row(&sql, [], |r| r.get::<_, i64>(0))? as u64;
    }
    Ok(n)
}

/// How many records `list` with the same `show` and key-column filter would page through.
pub fn count_where(
    conn: &Connection,
    kind: RecordKind,
    show: Show,
    filter: Option<(&str, &str)>,
) -> Result<u64> {
    let t = table(kind);
    let cond = match show {
        Show::Live => "archived_at IS NULL",
        Show::Archived => "archived_at IS NOT NULL",
        Show::All => "1",
    };
    let mut sql = format!("SELECT count(*) FROM {} WHERE {cond}", t.name);
    let mut values: Vec<Value> = vec![];
    if let Some((column, value)) = filter {
        assert!(t.keys.contains(&column), "filter on a key column");
        sql.push_str(&format!(" AND {column} = ?1"));
        values.push(value.to_owned().into());
    }
    Ok(conn.query_row(&sql, params_from_iter(values), |r| r.get::<_, i64>(0))? as u64)
}

/// What a list shows besides live/archived: each condition narrows it. Columns are the kind's
/// key columns (a filter naming another column is a bug, refused with a panic before any SQL).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Key column = value.
    pub keys: Vec<(&'static str, String)>,
    /// A division code's prefix (`4115` for a city, `411525` for a county), by the kind's
    /// [`DivisionOf`].
    pub division: Option<String>,
    /// A value in the record's data at a JSON path (`$.kind`) = value.
    pub data: Vec<(&'static str, String)>,
    /// A key column within [from, to] (ISO dates compare as text), either end open.
    pub range: Option<(&'static str, Option<String>, Option<String>)>,
    /// Order by `name`, `code`, a key column or a JSON path into the data (`$.amount`),
    /// descending when true; empty values last, code order breaks ties.
    pub order: Option<(&'static str, bool)>,
}

impl Filter {
    /// The WHERE clause (after the `show` condition) and its values.
    fn clause(&self, spec: &KindSpec) -> (String, Vec<Value>) {
        let mut sql = String::new();
        let mut values: Vec<Value> = vec![];
        for (column, value) in &self.keys {
            assert!(spec.keys.contains(column), "filter on a key column");
            values.push(value.clone().into());
            sql.push_str(&format!(" AND {column} = ?{}", values.len()));
        }
        if let Some(prefix) = &self.division {
            assert!(
                prefix.bytes().all(|b| b.is_ascii_digit()),
                "division digits"
            );
            let n = prefix.len();
            values.push(prefix.clone().into());
            let p = values.len();
            sql.push_str(&match spec.division {
                // A range an index on the column serves.
                DivisionOf::Column(c) => {
                    let (lo, hi) = crate::division_range(prefix);
                    values[p - 1] = lo.into();
                    values.push(hi.into());
                    format!(" AND {c} >= ?{p} AND {c} < ?{}", p + 1)
                }
                DivisionOf::Enterprise(c) => format!(
                    " AND {c} IN (SELECT id FROM enterprise WHERE substr(division, 1, {n}) = ?{p})"
                ),
                DivisionOf::Gi => format!(
                    " AND CASE WHEN json_extract(data, '$.responsible') IS NOT NULL \
                     THEN substr(json_extract(data, '$.responsible'), 1, {n}) = ?{p} \
                     ELSE EXISTS (SELECT 1 FROM json_each(data, '$.area.divisions') \
                     WHERE substr(value, 1, {n}) = ?{p}) END"
                ),
            });
        }
        for (path, value) in &self.data {
            assert!(
                path.starts_with("$.") && !path.contains('\''),
                "a JSON path"
            );
            values.push(value.clone().into());
            sql.push_str(&format!(
                " AND json_extract(data, '{path}') = ?{}",
                values.len()
            ));
        }
        if let Some((column, from, to)) = &self.range {
            assert!(spec.keys.contains(column), "range on a key column");
            for (bound, op) in [(from, ">="), (to, "<=")] {
                if let Some(b) = bound {
                    values.push(b.clone().into());
                    sql.push_str(&format!(" AND {column} {op} ?{}", values.len()));
                }
            }
        }
        (sql, values)
    }

    fn order_by(&self, spec: &KindSpec) -> String {
        match self.order {
            Some((column, desc)) => {
                let dir = if desc { "DESC" } else { "ASC" };
                let by = if column.starts_with("$.") {
                    assert!(!column.contains('\''), "a JSON path");
                    format!("json_extract(data, '{column}')")
                } else {
                    assert!(
                        column == "name" || column == "code" || spec.keys.contains(&column),
                        "order by a key column"
                    );
                    column.to_owned()
                };
                if column == "code" {
                    format!("length(code) {dir}, code {dir}")
                } else {
                    // `NULLS LAST` rather than `{by} IS NULL` first: the same order, which an
                    // index on the column can serve (a page of 100,000 cases by 立案日期:
                    // 100 ms sorting them all, under 1 ms from the index).
                    format!("{by} {dir} NULLS LAST, length(code), code")
                }
            }
            None => "length(code), code".into(),
        }
    }
}

fn show_condition(show: Show) -> &'static str {
    match show {
        Show::Live => "archived_at IS NULL",
        Show::Archived => "archived_at IS NOT NULL",
        Show::All => "1",
    }
}

/// A page of the records `show` and `filter` select, in the filter's order.
pub fn list_filtered(
    conn: &Connection,
    kind: RecordKind,
    show: Show,
    filter: &Filter,
    limit: u32,
    offset: u32,
) -> Result<Vec<RecordRow>> {
    let (s, t) = (spec(kind), table(kind));
    let (cond, values) = filter.clause(s);
    let sql = format!(
        "{} WHERE {}{cond} ORDER BY {} LIMIT {limit} OFFSET {offset}",
        select(t),
        show_condition(show),
        filter.order_by(s)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| read(t, r))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many records `list_filtered` pages through, and the sum of the integer at `sum` (a JSON
/// path into the data, e.g. an amount in fen) over them.
pub fn count_filtered(
    conn: &Connection,
    kind: RecordKind,
    show: Show,
    filter: &Filter,
    sum: Option<&str>,
) -> Result<(u64, Option<i64>)> {
    let s = spec(kind);
    let (cond, values) = filter.clause(s);
    let total = match sum {
        Some(path) if path.starts_with("$.") => {
            assert!(!path.contains('\''), "a JSON path");
            format!("sum(json_extract(data, '{path}'))")
        }
        // A key column holding fen (key columns hold text).
        Some(column) => {
            assert!(s.keys.contains(&column), "sum of a key column");
            format!("sum(CAST({column} AS INTEGER))")
        }
        None => "NULL".into(),
    };
    let sql = format!(
        "SELECT count(*), {total} FROM {} WHERE {}{cond}",
        s.table,
        show_condition(show)
    );
    Ok(conn.query_row(&sql, params_from_iter(values), |r| {
        Ok((r.get::<_, i64>(0)? as u64, r.get::<_, Option<i64>>(1)?))
    })?)
}

fn write_row(conn: &Connection, t: Table, row: &RecordRow) -> Result<()> {
    let sets: String = t
        .keys
        .iter()
        .enumerate()
        .map(|(i, k)| format!(", {k} = ?{}", 7 + i))
        .collect();
    let sql = format!(
        "UPDATE {} SET name = ?2, data = ?3, archived_at = ?4, updated_at = ?5, version = ?6{sets} WHERE id = ?1",
        t.name
    );
    let mut values: Vec<Value> = vec![
        row.id.clone().into(),
        row.name.clone().into(),
        row.data.to_string().into(),
        row.archived_at.clone().map_or(Value::Null, Value::Text),
        row.updated_at.clone().into(),
        row.version.into(),
    ];
    values.extend(
        row.keys
            .iter()
            .map(|k| k.clone().map_or(Value::Null, Value::Text)),
    );
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    Ok(())
}

/// Replace a live record's content; audited with before and after under `action`
/// (`update`, or a domain action such as `approve`, `renew`, `suspend`).
pub fn update(
    conn: &Connection,
    stamp: &Stamp,
    kind: RecordKind,
    id: &str,
    content: Content,
    action: &str,
    reason: Option<&str>,
) -> Result<RecordRow> {
    let before = require(conn, kind, id)?;
    if before.archived_at.is_some() {
        return Err(Violation::archived(&before.code).into());
    }
    check_unique(conn, kind, &content, Some(&before.id))?;
    let after = RecordRow {
        name: content.name,
        data: content.data,
        keys: content.keys,
        updated_at: stamp.at.clone(),
        version: before.version + 1,
        ..before.clone()
    };
    replace(conn, stamp, kind, &before, after, action, reason)
}

/// Write a changed record, re-index it and audit the change (the one path every update and
/// archive takes).
fn replace(
    conn: &Connection,
    stamp: &Stamp,
    kind: RecordKind,
    before: &RecordRow,
    after: RecordRow,
    action: &str,
    reason: Option<&str>,
) -> Result<RecordRow> {
    write_row(conn, table(kind), &after)?;
    crate::search::put(conn, kind, &after)?;
    audit::append(
        conn,
        stamp,
        &Change {
            entity: kind.key(),
            entity_id: &after.id,
            action,
            before: Some(&before.snapshot()),
            after: Some(&after.snapshot()),
            reason,
            of_record: true,
        },
    )?;
    Ok(after)
}

/// Archive (or unarchive) a record; audited as `archive` / `unarchive` with the reason.
pub fn set_archived(
    conn: &Connection,
    stamp: &Stamp,
    kind: RecordKind,
    key: &str,
    archive: bool,
    reason: Option<&str>,
) -> Result<RecordRow> {
    let before = require(conn, kind, key)?;
    match (archive, before.archived_at.is_some()) {
        (true, true) => {
            return Err(Violation::archived(&before.code).into());
        }
        (false, false) => {
            return Err(Violation::not_archived(&before.code).into());
        }
        _ => {}
    }
    let after = RecordRow {
        archived_at: archive.then(|| stamp.at.clone()),
        updated_at: stamp.at.clone(),
        version: before.version + 1,
        ..before.clone()
    };
    let action = if archive { "archive" } else { "unarchive" };
    if archive {
        // An archived record counts for nothing; unarchived, the api makes its facts again.
        crate::plan::remove_facts(conn, &before.id)?;
    }
    replace(conn, stamp, kind, &before, after, action, reason)
}

/// Replace the GI-trademark links of a GI product (derived from its protections).
pub fn set_gi_trademarks(conn: &Connection, gi_id: &str, trademark_ids: &[String]) -> Result<()> {
    conn.execute("DELETE FROM gi_trademark WHERE gi_id = ?1", [gi_id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO gi_trademark (gi_id, trademark_id) VALUES (?1, ?2)",
    )?;
    for tm in trademark_ids {
        stmt.execute([gi_id, tm])?;
    }
    Ok(())
}

/// Delete every sample record (a deliberate purge), dependants first; each deletion audited as
/// `purge` with the record as it was. Returns how many records went.
pub fn purge_sample(conn: &Connection, stamp: &Stamp) -> Result<u64> {
    let mut n = 0;
    // Referring records first: the declaration order reversed.
    for kind in SPECS.iter().rev().map(|s| s.kind) {
        let t = table(kind);
        let rows: Vec<RecordRow> = {
            let mut stmt = conn.prepare(&format!("{} WHERE sample = 1", select(t)))?;
            stmt.query_map([], |r| read(t, r))?
                .collect::<rusqlite::Result<_>>()?
        };
        for row in rows {
            if kind == RecordKind::Gi {
                conn.execute("DELETE FROM gi_trademark WHERE gi_id = ?1", [&row.id])?;
                // Its yearly statistics go with it, each removal audited.
                for (year, _, _) in crate::plan::gi_stats(conn, &row.id)? {
                    crate::plan::set_gi_stat(
                        conn,
                        stamp,
                        &row,
                        year,
                        None,
                        false,
                        Some("sample remove"),
                    )?;
                }
            }
            if kind == RecordKind::Trademark {
                conn.execute(
                    "DELETE FROM gi_trademark WHERE trademark_id = ?1",
                    [&row.id],
                )?;
            }
            if let Some(holder) = referrer(conn, kind, &row.id)? {
                return Err(Violation::still_referenced(&row.code, holder).into());
            }
            conn.execute(&format!("DELETE FROM {} WHERE id = ?1", t.name), [&row.id])?;
            crate::search::remove(conn, kind, &row.id)?;
            crate::plan::remove_facts(conn, &row.id)?;
            audit::append(
                conn,
                stamp,
                &Change {
                    entity: kind.key(),
                    entity_id: &row.id,
                    action: "purge",
                    before: Some(&row.snapshot()),
                    after: None,
                    reason: Some("sample remove"),
                    of_record: true,
                },
            )?;
            n += 1;
        }
    }
    Ok(n)
}

/// Counts by key, largest first.
pub type Counts = Vec<(String, u64)>;

/// Live GI products counted per responsible division (the county or city that catalogues
/// them) and per category.
pub fn gi_tally(conn: &Connection) -> Result<(Counts, Counts)> {
    let collect = |sql: &str| -> Result<Counts> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let by_division = collect(
        "SELECT r, count(*) FROM (SELECT json_extract(data, '$.responsible') AS r FROM gi_product
         WHERE archived_at IS NULL) WHERE r IS NOT NULL GROUP BY r ORDER BY count(*) DESC, r",
    )?;
    let by_category = collect(
        "SELECT coalesce(category, ''), count(*) FROM gi_product WHERE archived_at IS NULL
         GROUP BY category ORDER BY count(*) DESC, category",
    )?;
    Ok((by_division, by_category))
}

/// Live applications per state (the bureau's work queue).
pub fn application_tally(conn: &Connection) -> Result<Counts> {
    let mut stmt = conn.prepare(
        "SELECT state, count(*) FROM application WHERE archived_at IS NULL GROUP BY state",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The codes of every live record of a kind, in code order (bulk work; reads nothing else).
pub fn live_codes(conn: &Connection, kind: RecordKind) -> Result<Vec<String>> {
    let sql = format!(
        "SELECT code FROM {} WHERE archived_at IS NULL ORDER BY length(code), code",
        table(kind).name
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Ids of the GI products with active or suspended users who may have lost their basis: the
/// product revoked, or a GI mark of it that may have ended (terminated, or past the nominal end of its grace period as of `today`
/// with every approved renewal: a moved last day is only later, so nothing lapsed is missed).
/// Only narrows: the api judges each product's basis with the rules.
pub fn gi_basis_suspects(conn: &Connection, today: &str) -> Result<Vec<String>> {
    let sql = "SELECT id FROM gi_product
         WHERE id IN (SELECT gi_id FROM authorised_user
                      WHERE +archived_at IS NULL AND stage IN ('active', 'suspended'))
           AND (json_extract(data, '$.status_history[#-1].status') = 'revoked'
                OR id IN (SELECT l.gi_id FROM gi_trademark l JOIN trademark m ON m.id = l.trademark_id
                          WHERE json_extract(m.data, '$.termination') IS NOT NULL
                             OR date(json_extract(m.data, '$.registered_on'),
                                     '+' || (10 * ((SELECT count(*) FROM json_each(m.data, '$.renewals') r
                                                    WHERE json_extract(r.value, '$.decision.state') = 'approved') + 1)) || ' years',
                                     '+6 months') <= ?1))";
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([today], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live authorised users the attention list looks at more closely: active or suspended, and
/// a report saying the mark was not used or a GI product among `products` (those the api
/// found to have lost some kind of user's basis). Only narrows the rows: the api decides each
/// with the rules. (`+archived_at` keeps SQLite on the stage index rather than walking every
/// live user.)
pub fn users_to_review(conn: &Connection, products: &[String]) -> Result<Vec<RecordRow>> {
    let t = table(RecordKind::User);
    let sql = format!(
        "{} WHERE +archived_at IS NULL AND stage IN ('active', 'suspended') AND (
             data LIKE '%\"used\":false%'
             OR gi_id IN (SELECT value FROM json_each(?1)))
         ORDER BY length(code), code",
        select(t)
    );
    let products = serde_json::to_string(products)?;
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([products], |r| read(t, r))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live records whose key column lies in `[lo, hi]` (text order; ISO dates compare as dates).
pub fn list_between(
    conn: &Connection,
    kind: RecordKind,
    column: &str,
    lo: &str,
    hi: &str,
) -> Result<Vec<RecordRow>> {
    let t = table(kind);
    assert!(t.keys.contains(&column), "range on a key column");
    let sql = format!(
        "{} WHERE archived_at IS NULL AND {column} BETWEEN ?1 AND ?2",
        select(t)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([lo, hi], |r| read(t, r))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The code of a non-sample record that refers to record `id` of `kind`, if any (a sample record
/// it refers to cannot be purged).
fn referrer(conn: &Connection, kind: RecordKind, id: &str) -> Result<Option<String>> {
    for other in &SPECS {
        for (kinds, column) in other.refs {
            if !kinds.contains(&kind) {
                continue;
            }
            let sql = format!(
                "SELECT code FROM {} WHERE {column} = ?1 AND sample = 0 LIMIT 1",
                other.table
            );
            if let Some(code) = conn.query_row(&sql, [id], |r| r.get(0)).optional()? {
                return Ok(Some(code));
            }
        }
    }
    if kind == RecordKind::Trademark {
        let sql = "SELECT g.code FROM gi_trademark l JOIN gi_product g ON g.id = l.gi_id WHERE l.trademark_id = ?1 AND g.sample = 0 LIMIT 1";
        if let Some(code) = conn.query_row(sql, [id], |r| r.get(0)).optional()? {
            return Ok(Some(code));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_declared_once_after_the_kinds_it_refers_to() {
        for k in RecordKind::ALL {
            assert_eq!(SPECS.iter().filter(|s| s.kind == k).count(), 1, "{k:?}");
        }
        for (i, s) in SPECS.iter().enumerate() {
            for (kinds, column) in s.refs {
                assert!(
                    s.keys.contains(column),
                    "{}.{column} is a key column",
                    s.table
                );
                for k in *kinds {
                    let at = SPECS.iter().position(|x| x.kind == *k).unwrap();
                    assert!(at < i, "{} refers to {k:?}, declared after it", s.table);
                }
            }
            if let Some((column, _)) = s.unique {
                assert!(s.keys.contains(&column));
            }
        }
        // A GI product's protections link trademarks: written after them.
        let pos = |k| SPECS.iter().position(|s| s.kind == k).unwrap();
        assert!(pos(RecordKind::Trademark) < pos(RecordKind::Gi));
    }

    /// Each kind's table exists with its common and key columns (a kind whose migration was
    /// forgotten fails here, not at a user's first save).
    #[test]
    fn every_declared_table_exists_with_its_key_columns() {
        let conn = crate::db::open_in_memory().unwrap();
        for s in SPECS {
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    s.table
                ))
                .unwrap();
            let columns: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<std::result::Result<_, _>>()
                .unwrap();
            for c in [
                "id",
                "code",
                "name",
                "data",
                "sample",
                "archived_at",
                "version",
            ]
            .iter()
            .chain(s.keys)
            {
                assert!(columns.iter().any(|x| x == c), "{}.{c} is missing", s.table);
            }
        }
    }

    #[test]
    fn named_keys_are_put_in_table_order_and_a_mismatch_is_refused() {
        let keys = ordered_keys(
            RecordKind::Trademark,
            vec![
                ("expires_on", Some("2026-03-06".into())),
                ("status", None),
                ("reg_no", Some("3047772".into())),
                ("registrant_id", None),
            ],
        )
        .unwrap();
        assert_eq!(
            keys,
            vec![
                Some("3047772".into()),
                None,
                Some("2026-03-06".into()),
                None
            ]
        );
        let wrong = ordered_keys(
            RecordKind::Enterprise,
            vec![("credit", None), ("division", None)],
        );
        assert!(matches!(wrong, Err(crate::error::Error::Schema(m)) if m.contains("credit")));
        assert!(ordered_keys(RecordKind::Gi, vec![]).is_err());
    }
}

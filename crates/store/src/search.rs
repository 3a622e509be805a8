//! The search index: names, pinyin and initials (computed in Rust by terroir-core), one- and
//! two-character grams, and an FTS5 trigram table, kept in step with the records in the same
//! transaction. Matching rules live in `terroir_core::search`; here candidates are found
//! through indexes and verified with those rules.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use terroir_core::RecordKind;
use terroir_core::search::{
    FULL_KEY_MAX, INITIALS_KEY_MAX, MatchKind, Query, match_record, pinyin_keys,
};

use crate::error::Result;
use crate::records::{self, RecordRow, Show};

/// A kind search covers: its id in the stored index and the trigram table of its names. The
/// ids are written into every index row on disk, so they are fixed here, never positions: a new
/// kind takes the next free id, and no id is reused or renumbered.
struct Indexed {
    kind: RecordKind,
    id: i64,
    fts: &'static str,
}

const INDEXED: [Indexed; 4] = [
    Indexed {
        kind: RecordKind::Gi,
        id: 0,
        fts: "search_fts_gi",
    },
    Indexed {
        kind: RecordKind::Enterprise,
        id: 1,
        fts: "search_fts_enterprise",
    },
    Indexed {
        kind: RecordKind::User,
        id: 2,
        fts: "search_fts_user",
    },
    Indexed {
        kind: RecordKind::Trademark,
        id: 3,
        fts: "search_fts_trademark",
    },
];

/// The kinds search covers, in the order results are grouped.
pub const KINDS: [RecordKind; 4] = [
    INDEXED[0].kind,
    INDEXED[1].kind,
    INDEXED[2].kind,
    INDEXED[3].kind,
];

fn indexed(kind: RecordKind) -> Option<&'static Indexed> {
    INDEXED.iter().find(|i| i.kind == kind)
}

/// The code column searched besides the name: credit code or registration number.
fn key_of(kind: RecordKind, row: &RecordRow) -> Option<String> {
    match kind {
        RecordKind::Enterprise => row.key(kind, "credit_code").map(str::to_owned),
        RecordKind::Trademark => row.key(kind, "reg_no").map(str::to_owned),
        _ => None,
    }
}

fn grams(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
    out.extend(chars.windows(2).map(|w| w.iter().collect()));
    out.sort();
    out.dedup();
    out
}

fn alts(name: &str) -> Vec<(String, bool)> {
    pinyin_keys(name)
}

/// Remove a document's derived rows (grams and alts are recomputed from the indexed name).
fn remove_doc(conn: &Connection, ix: &Indexed, doc: i64, name: &str) -> Result<()> {
    let kind = ix.id;
    let mut del_gram =
        conn.prepare_cached("DELETE FROM search_gram WHERE kind = ?1 AND gram = ?2 AND doc = ?3")?;
    for g in grams(name) {
        del_gram.execute(params![kind, g, doc])?;
    }
    let mut del_alt = conn.prepare_cached(
        "DELETE FROM search_alt WHERE kind = ?1 AND initials = ?2 AND alt = ?3 AND doc = ?4",
    )?;
    for (a, ini) in alts(name) {
        del_alt.execute(params![kind, ini, a, doc])?;
    }
    conn.prepare_cached(&format!("DELETE FROM {} WHERE rowid = ?1", ix.fts))?
        .execute([doc])?;
    Ok(())
}

/// Index a record as it now is (insert or replace). Kinds search does not cover are ignored.
pub fn put(conn: &Connection, kind: RecordKind, row: &RecordRow) -> Result<()> {
    let Some(ix) = indexed(kind) else {
        return Ok(());
    };
    let k = ix.id;
    let existing: Option<(i64, String)> = conn
        .prepare_cached("SELECT doc, name FROM search_doc WHERE record_id = ?1")?
        .query_row([&row.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let archived = row.archived_at.is_some();
    let key = key_of(kind, row);
    let doc = match existing {
        Some((doc, old_name)) => {
            conn.prepare_cached("UPDATE search_doc SET code = ?2, name = ?3, key = ?4, archived = ?5 WHERE doc = ?1")?
                .execute(params![doc, row.code, row.name, key, archived])?;
            if old_name == row.name {
                return Ok(());
            }
            remove_doc(conn, ix, doc, &old_name)?;
            doc
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO search_doc (kind, record_id, code, name, key, archived) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![k, row.id, row.code, row.name, key, archived])?;
            conn.last_insert_rowid()
        }
    };
    let mut ins_gram = conn.prepare_cached(
        "INSERT OR IGNORE INTO search_gram (kind, gram, doc) VALUES (?1, ?2, ?3)",
    )?;
    for g in grams(&row.name) {
        ins_gram.execute(params![k, g, doc])?;
    }
    let alts = alts(&row.name);
    let mut ins_alt = conn.prepare_cached(
        "INSERT OR IGNORE INTO search_alt (kind, initials, alt, doc) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (a, ini) in &alts {
        ins_alt.execute(params![k, ini, a, doc])?;
    }
    conn.prepare_cached(&format!(
        "INSERT INTO {} (rowid, name) VALUES (?1, ?2)",
        ix.fts
    ))?
    .execute(params![doc, row.name])?;
    Ok(())
}

/// Index many new records at once (a bulk import). The grams and pinyin keys of all of them
/// are sorted before they are written, so the index B-trees are filled in key order instead of
/// being sought at random once per key: several times faster than [`put`] per record.
pub fn put_many(conn: &Connection, kind: RecordKind, rows: &[RecordRow]) -> Result<()> {
    let Some(ix) = indexed(kind) else {
        return Ok(());
    };
    let k = ix.id;
    let mut grams_all: Vec<(String, i64)> = vec![];
    let mut alts_all: Vec<(bool, String, i64)> = vec![];
    {
        let mut ins_doc = conn.prepare_cached(
            "INSERT INTO search_doc (kind, record_id, code, name, key, archived) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut ins_fts = conn.prepare_cached(&format!(
            "INSERT INTO {} (rowid, name) VALUES (?1, ?2)",
            ix.fts
        ))?;
        for row in rows {
            ins_doc.execute(params![
                k,
                row.id,
                row.code,
                row.name,
                key_of(kind, row),
                row.archived_at.is_some()
            ])?;
            let doc = conn.last_insert_rowid();
            ins_fts.execute(params![doc, row.name])?;
            grams_all.extend(grams(&row.name).into_iter().map(|g| (g, doc)));
            alts_all.extend(alts(&row.name).into_iter().map(|(a, ini)| (ini, a, doc)));
        }
    }
    grams_all.sort_unstable();
    grams_all.dedup();
    let mut ins_gram = conn.prepare_cached(
        "INSERT OR IGNORE INTO search_gram (kind, gram, doc) VALUES (?1, ?2, ?3)",
    )?;
    for (g, doc) in &grams_all {
        ins_gram.execute(params![k, g, doc])?;
    }
    alts_all.sort_unstable();
    alts_all.dedup();
    let mut ins_alt = conn.prepare_cached(
        "INSERT OR IGNORE INTO search_alt (kind, initials, alt, doc) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (ini, a, doc) in &alts_all {
        ins_alt.execute(params![k, ini, a, doc])?;
    }
    Ok(())
}

/// Take a record out of the index entirely (purge).
pub fn remove(conn: &Connection, kind: RecordKind, record_id: &str) -> Result<()> {
    let Some(ix) = indexed(kind) else {
        return Ok(());
    };
    let existing: Option<(i64, String)> = conn
        .prepare_cached("SELECT doc, name FROM search_doc WHERE record_id = ?1")?
        .query_row([record_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((doc, name)) = existing {
        remove_doc(conn, ix, doc, &name)?;
        conn.execute("DELETE FROM search_doc WHERE doc = ?1", [doc])?;
    }
    Ok(())
}

/// Rebuild the whole index from the record tables. Returns the number of records indexed.
pub fn rebuild(conn: &Connection) -> Result<u64> {
    conn.execute_batch("DELETE FROM search_gram; DELETE FROM search_alt; DELETE FROM search_doc;")?;
    for ix in &INDEXED {
        conn.execute_batch(&format!(
            "INSERT INTO {t}({t}) VALUES('delete-all');",
            t = ix.fts
        ))?;
    }
    let mut n = 0;
    for kind in KINDS {
        for row in records::list(conn, kind, Show::All, None, u32::MAX, 0)? {
            put(conn, kind, &row)?;
            n += 1;
        }
    }
    Ok(n)
}

/// A record found by search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: RecordKind,
    pub record_id: String,
    pub code: String,
    pub name: String,
    pub key: Option<String>,
    pub matched: MatchKind,
    pub span: Option<[u32; 2]>,
}

const DOC_COLS: &str = "d.doc, d.record_id, d.code, d.name, d.key";

type Cand = (i64, String, String, String, Option<String>);

fn cands(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<Cand>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(p, |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An FTS5 phrase for a substring query (quotes doubled).
fn phrase(column: &str, text: &str) -> String {
    format!("{column} : \"{}\"", text.replace('"', "\"\""))
}

/// Upper bound for a prefix range scan: every string starting with `p` sorts below it.
fn after(p: &str) -> String {
    format!("{p}\u{10FFFF}")
}

/// Search one kind: candidates from the indexes, verified and ranked by the core rules; the
/// best `limit`, best match first. Archived records are left out.
pub fn search(conn: &Connection, kind: RecordKind, q: &Query, limit: u32) -> Result<Vec<Hit>> {
    let Some(ix) = indexed(kind) else {
        return Ok(vec![]);
    };
    let found = candidates(conn, ix, q, limit)?;
    let mut hits = verified(kind, found, q);
    // Within a kind of match: matches at the start of the name first, then shorter names.
    hits.sort_by_key(|h| {
        (
            h.matched,
            h.span.map_or(0, |s| s[0]),
            h.name.chars().count(),
            h.code.clone(),
        )
    });
    hits.truncate(limit as usize);
    Ok(hits)
}

/// Live records the indexes offer for the query, possibly several times: by name (exact,
/// prefix, substring), by code or key prefix, and by pinyin or initials.
fn candidates(conn: &Connection, ix: &Indexed, q: &Query, limit: u32) -> Result<Vec<Cand>> {
    let k = ix.id;
    let l = i64::from(limit.max(1));
    let wide = l * 4;
    let mut found: Vec<Cand> = vec![];
    let base = format!("SELECT {DOC_COLS} FROM search_doc d WHERE d.kind = ?1 AND d.archived = 0");
    // Exact and prefix on the name (the index on (kind, archived, name)).
    found.extend(cands(
        conn,
        &format!("{base} AND d.name = ?2"),
        params![k, q.text],
    )?);
    found.extend(cands(
        conn,
        &format!("{base} AND d.name >= ?2 AND d.name < ?3 LIMIT ?4"),
        params![k, q.text, after(&q.text), l],
    )?);
    // Substring: trigrams for three characters or more, grams below that.
    if q.chars.len() >= 3 {
        let sql = format!(
            "SELECT {DOC_COLS} FROM {t} f JOIN search_doc d ON d.doc = f.rowid
             WHERE {t} MATCH ?1 AND d.archived = 0 LIMIT ?2",
            t = ix.fts
        );
        found.extend(cands(conn, &sql, params![phrase("name", &q.text), wide])?);
    } else {
        let sql = format!(
            "SELECT {DOC_COLS} FROM search_gram g JOIN search_doc d ON d.doc = g.doc
             WHERE g.kind = ?1 AND g.gram = ?2 AND d.archived = 0 LIMIT ?3"
        );
        found.extend(cands(conn, &sql, params![k, q.text, wide])?);
    }
    // Codes by prefix.
    if q.is_codeish {
        for col in ["key", "code"] {
            let sql = format!("{base} AND d.{col} >= ?2 AND d.{col} < ?3 LIMIT ?4");
            found.extend(cands(conn, &sql, params![k, q.code, after(&q.code), l])?);
        }
    }
    // Pinyin and initials: prefix lookups of the indexed syllable suffixes.
    for (a, ini) in &alt_queries(q) {
        let sql = format!(
            "SELECT DISTINCT {DOC_COLS} FROM search_alt s JOIN search_doc d ON d.doc = s.doc
             WHERE s.kind = ?1 AND s.initials = ?4 AND s.alt >= ?2 AND s.alt < ?3 AND d.archived = 0 LIMIT ?5"
        );
        found.extend(cands(conn, &sql, params![k, a, after(a), ini, l])?);
    }
    Ok(found)
}

/// The pinyin (`false`) and initials (`true`) prefixes a query of letters, or of characters
/// and letters mixed, is looked up by.
fn alt_queries(q: &Query) -> Vec<(String, bool)> {
    let mut alt_queries: Vec<(String, bool)> = vec![];
    if q.is_letters {
        alt_queries.push((q.lower.chars().take(FULL_KEY_MAX).collect(), false));
        alt_queries.push((q.lower.chars().take(INITIALS_KEY_MAX).collect(), true));
    } else if q.is_mixed {
        alt_queries.extend(
            mixed_to_initials(q)
                .into_iter()
                .map(|a| (a.chars().take(INITIALS_KEY_MAX).collect(), true)),
        );
    }
    alt_queries
}

/// The candidates the core rules confirm the query matches, each record once.
fn verified(kind: RecordKind, found: Vec<Cand>, q: &Query) -> Vec<Hit> {
    let mut best: HashMap<i64, Hit> = HashMap::new();
    for (doc, record_id, code, name, key) in found {
        if best.contains_key(&doc) {
            continue;
        }
        let codes: Vec<&str> = [Some(code.as_str()), key.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if let Some((matched, span)) = match_record(&name, &codes, q) {
            best.insert(
                doc,
                Hit {
                    kind,
                    record_id,
                    code,
                    name,
                    key,
                    matched,
                    span,
                },
            );
        }
    }
    best.into_values().collect()
}

/// The initials a mixed query stands for: its characters' initials (each reading, capped),
/// letters kept, e.g. `信阳mj` → `xymj`.
fn mixed_to_initials(q: &Query) -> Vec<String> {
    let text: String = q.chars.iter().collect();
    let mut out: Vec<String> = vec![];
    for r in terroir_core::search::readings(&text) {
        let s: String = r
            .iter()
            .flatten()
            .filter_map(|s| s.chars().next())
            .collect();
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids are on disk in every index row: they may never change.
    #[test]
    fn index_ids_are_fixed() {
        let ids: Vec<(RecordKind, i64)> = INDEXED.iter().map(|i| (i.kind, i.id)).collect();
        assert_eq!(
            ids,
            vec![
                (RecordKind::Gi, 0),
                (RecordKind::Enterprise, 1),
                (RecordKind::User, 2),
                (RecordKind::Trademark, 3),
            ]
        );
        assert_eq!(KINDS.len(), INDEXED.len());
    }
}

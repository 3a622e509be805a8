//! The search index: names, pinyin and initials (computed in Rust by terroir-core), one- and
//! two-character grams, and an FTS5 trigram table, kept in step with the records in the same
//! transaction. Matching rules live in `terroir_core::search`; here candidates are found
//! through indexes and verified with those rules.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};
use terroir_core::RecordKind;
use terroir_core::search::{
    FULL_KEY_MAX, INITIALS_KEY_MAX, MatchKind, Query, match_record, match_user, pinyin_keys,
};

use crate::error::Result;
use crate::postings::{self, Field};
use crate::records::{self, RecordRow};

/// A kind search covers: its id in the stored index, and either the trigram table of its
/// names (its names' grams, pinyin keys and trigrams are indexed) or the kinds its name is made
/// of, with the column naming each (an authorised user, `enterprise · product`, is found
/// through its enterprise's and its product's entries, which the index holds once). The ids
/// are written into every index row on disk, so they are fixed here, never positions: a new
/// kind takes the next free id, and no id is reused or renumbered.
struct Indexed {
    kind: RecordKind,
    id: i64,
    terms: Terms,
}

enum Terms {
    /// The kind's names are indexed, their trigrams in this table; with `pinyin`, their pinyin
    /// and initials keys too (a case is found by its characters only: its name is a case number
    /// and the parties' names, whose digits made every key unique, 2.9 M pinyin rows for 100,000
    /// cases; its parties are found by pinyin as enterprises).
    Own { fts: &'static str, pinyin: bool },
    /// The name is the names of these records, joined by
    /// [`terroir_core::search::USER_NAME_SEP`]: (kind, column of this kind's table naming it).
    Parts(&'static [(RecordKind, &'static str); 2]),
}

const INDEXED: [Indexed; 5] = [
    Indexed {
        kind: RecordKind::Gi,
        id: 0,
        terms: Terms::Own {
            fts: "search_fts_gi",
            pinyin: true,
        },
    },
    Indexed {
        kind: RecordKind::Enterprise,
        id: 1,
        terms: Terms::Own {
            fts: "search_fts_enterprise",
            pinyin: true,
        },
    },
    Indexed {
        kind: RecordKind::User,
        id: 2,
        terms: Terms::Parts(&[
            (RecordKind::Enterprise, "enterprise_id"),
            (RecordKind::Gi, "gi_id"),
        ]),
    },
    Indexed {
        kind: RecordKind::Trademark,
        id: 3,
        terms: Terms::Own {
            fts: "search_fts_trademark",
            pinyin: true,
        },
    },
    Indexed {
        kind: RecordKind::Case,
        id: 4,
        terms: Terms::Own {
            fts: "search_fts_case",
            pinyin: false,
        },
    },
];

/// The kinds search covers, in the order results are grouped.
pub const KINDS: [RecordKind; 5] = [
    INDEXED[0].kind,
    INDEXED[1].kind,
    INDEXED[2].kind,
    INDEXED[3].kind,
    INDEXED[4].kind,
];

fn indexed(kind: RecordKind) -> Option<&'static Indexed> {
    INDEXED.iter().find(|i| i.kind == kind)
}

/// The code column searched besides the name: credit code or registration number.
fn key_of(kind: RecordKind, row: &RecordRow) -> Option<String> {
    match kind {
        RecordKind::Enterprise => row.key(kind, "credit_code").map(str::to_owned),
        RecordKind::Trademark => row.key(kind, "reg_no").map(str::to_owned),
        RecordKind::Case => row.key(kind, "party_code").map(str::to_owned),
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

/// A name's posting-list terms: its grams, and with `pinyin` its pinyin and initials keys.
fn terms(name: &str, pinyin: bool) -> impl Iterator<Item = (Field, String)> {
    let grams = grams(name).into_iter().map(|g| (Field::Gram, g));
    let keys = if pinyin { pinyin_keys(name) } else { vec![] };
    let keys = keys.into_iter().map(|(key, initials)| {
        let field = if initials {
            Field::Initials
        } else {
            Field::Pinyin
        };
        (field, key)
    });
    grams.chain(keys)
}

/// Remove a document's derived rows (its terms are recomputed from the indexed name).
fn remove_doc(conn: &Connection, ix: &Indexed, doc: i64, name: &str) -> Result<()> {
    let Terms::Own { fts, pinyin } = ix.terms else {
        return Ok(());
    };
    let mut w = postings::Writer::new(conn)?;
    for (field, term) in terms(name, pinyin) {
        w.remove(ix.id, field, &term, doc)?;
    }
    conn.prepare_cached(&format!("DELETE FROM {fts} WHERE rowid = ?1"))?
        .execute([doc])?;
    Ok(())
}

/// Index a record as it now is (insert or replace). Kinds search does not cover are ignored.
pub fn put(conn: &Connection, kind: RecordKind, row: &RecordRow) -> Result<()> {
    let Some(ix) = indexed(kind) else {
        return Ok(());
    };
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
        None => insert_doc(conn, ix, row)?,
    };
    put_terms(conn, ix, doc, &row.name)
}

/// A record's row in `search_doc`; returns its doc number.
fn insert_doc(conn: &Connection, ix: &Indexed, row: &RecordRow) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO search_doc (kind, record_id, code, name, key, archived) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        ix.id,
        row.id,
        row.code,
        row.name,
        key_of(ix.kind, row),
        row.archived_at.is_some()
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The trigrams and the posting-list terms of a document's name, for a kind whose names are
/// indexed.
fn put_terms(conn: &Connection, ix: &Indexed, doc: i64, name: &str) -> Result<()> {
    let Terms::Own { fts, pinyin } = ix.terms else {
        return Ok(());
    };
    conn.prepare_cached(&format!("INSERT INTO {fts} (rowid, name) VALUES (?1, ?2)"))?
        .execute(params![doc, name])?;
    let unique: std::collections::BTreeSet<_> = terms(name, pinyin).collect();
    let mut w = postings::Writer::new(conn)?;
    for (field, term) in unique {
        w.add(ix.id, field, &term, &[doc])?;
    }
    Ok(())
}

/// The posting-list terms of a batch of names, worked out apart from the database (a bulk
/// import does it on another thread while it writes the next batch's records): each term in
/// key order, with the positions of the names that have it.
#[derive(Debug, Default)]
pub struct BatchTerms(BTreeMap<(Field, String), Vec<usize>>);

/// [`BatchTerms`] of `names` (a batch of `kind`'s records' names, in the batch's order).
pub fn batch_terms<'a>(kind: RecordKind, names: impl IntoIterator<Item = &'a str>) -> BatchTerms {
    let mut lists: BTreeMap<(Field, String), Vec<usize>> = BTreeMap::new();
    if let Some(Indexed {
        terms: Terms::Own { pinyin, .. },
        ..
    }) = indexed(kind)
    {
        for (i, name) in names.into_iter().enumerate() {
            for term in terms(name, *pinyin) {
                let at = lists.entry(term).or_default();
                if at.last() != Some(&i) {
                    at.push(i);
                }
            }
        }
    }
    BatchTerms(lists)
}

/// Index a batch of new records (a bulk import, `gen`, a rebuild): their documents and
/// trigrams, then their posting-list terms (`terms`, from [`batch_terms`] of the same rows'
/// names) in key order, each term's list written once; several times faster than [`put`] per
/// record.
pub fn put_batch(
    conn: &Connection,
    kind: RecordKind,
    rows: &[RecordRow],
    terms: BatchTerms,
) -> Result<()> {
    let Some(ix) = indexed(kind) else {
        return Ok(());
    };
    let mut docs = Vec::with_capacity(rows.len());
    for row in rows {
        docs.push(insert_doc(conn, ix, row)?);
    }
    let Terms::Own { fts, .. } = ix.terms else {
        return Ok(());
    };
    let mut ins_fts =
        conn.prepare_cached(&format!("INSERT INTO {fts} (rowid, name) VALUES (?1, ?2)"))?;
    for (doc, row) in docs.iter().zip(rows) {
        ins_fts.execute(params![doc, row.name])?;
    }
    let mut w = postings::Writer::new(conn)?;
    let mut list = vec![];
    for ((field, term), at) in terms.0 {
        // Positions ascend, and so do the documents inserted in their order.
        list.clear();
        list.extend(at.into_iter().map(|i| docs[i]));
        w.add(ix.id, field, &term, &list)?;
    }
    Ok(())
}

/// [`put_batch`] with the terms worked out here.
pub fn put_many(conn: &Connection, kind: RecordKind, rows: &[RecordRow]) -> Result<()> {
    put_batch(
        conn,
        kind,
        rows,
        batch_terms(kind, rows.iter().map(|r| r.name.as_str())),
    )
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
    conn.execute_batch("DELETE FROM search_post; DELETE FROM search_doc;")?;
    for ix in &INDEXED {
        if let Terms::Own { fts, .. } = ix.terms {
            conn.execute_batch(&format!("INSERT INTO {fts}({fts}) VALUES('delete-all');"))?;
        }
    }
    let mut n = 0;
    for kind in KINDS {
        // In chunks, each indexed in key order ([`put_many`]): a chunk's rows and their keys
        // are what is held in memory.
        let mut after = 0;
        loop {
            let (last, rows) = index_rows(conn, kind, after)?;
            put_many(conn, kind, &rows)?;
            n += rows.len() as u64;
            if rows.len() < REBUILD_CHUNK as usize {
                break;
            }
            after = last;
        }
    }
    Ok(n)
}

/// The next chunk of `kind`'s records after rowid `after`, with what the index reads of them
/// (id, code, name, archived, key columns; the data is not read), and the chunk's last rowid.
fn index_rows(conn: &Connection, kind: RecordKind, after: i64) -> Result<(i64, Vec<RecordRow>)> {
    let t = records::table(kind);
    let keys: String = t.keys.iter().map(|k| format!(", {k}")).collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT rowid, id, code, name, archived_at{keys} FROM {} WHERE rowid > ?1
         ORDER BY rowid LIMIT ?2",
        t.name
    ))?;
    let mut last = after;
    let rows = stmt.query_map(params![after, REBUILD_CHUNK], |r| {
        last = r.get(0)?;
        Ok(RecordRow {
            id: r.get(1)?,
            code: r.get(2)?,
            name: r.get(3)?,
            data: serde_json::Value::Null,
            sample: false,
            archived_at: r.get(4)?,
            created_at: String::new(),
            updated_at: String::new(),
            version: 0,
            keys: (0..t.keys.len())
                .map(|i| r.get(5 + i))
                .collect::<rusqlite::Result<_>>()?,
        })
    })?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((last, rows))
}

/// Records indexed at a time by [`rebuild`].
const REBUILD_CHUNK: u32 = 50_000;

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

/// A candidate's columns: the document, and the names of its parts where the query joined
/// them (`NULL` otherwise).
const DOC_COLS: &str = "d.doc, d.record_id, d.code, d.name, d.key";

/// A candidate: doc, record id, code, name, key, and its parts' names when the query read
/// them.
type Cand = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<(String, String)>,
);

fn cand(r: &rusqlite::Row<'_>) -> rusqlite::Result<Cand> {
    let a: Option<String> = r.get(5)?;
    let b: Option<String> = r.get(6)?;
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        a.zip(b),
    ))
}

fn cands(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<Cand>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(p, cand)?;
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
    let mut hits = verified(conn, ix, found, q)?;
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

/// Live records the indexes offer for the query, possibly several times: by the whole name
/// exactly, by code or key prefix, and by the terms of the name (or of its parts' names).
fn candidates(conn: &Connection, ix: &Indexed, q: &Query, limit: u32) -> Result<Vec<Cand>> {
    let k = ix.id;
    let l = i64::from(limit.max(1));
    let mut found: Vec<Cand> = vec![];
    let base = format!(
        "SELECT {DOC_COLS}, NULL, NULL FROM search_doc d WHERE d.kind = ?1 AND d.archived = 0"
    );
    // Exact on the name (the index on (kind, archived, name)).
    found.extend(cands(
        conn,
        &format!("{base} AND d.name = ?2"),
        params![k, q.text],
    )?);
    // Codes by prefix.
    if q.is_codeish {
        for col in ["key", "code"] {
            let sql = format!("{base} AND d.{col} >= ?2 AND d.{col} < ?3 LIMIT {l}");
            found.extend(cands(conn, &sql, params![k, q.code, after(&q.code)])?);
        }
    }
    match ix.terms {
        Terms::Own { fts, .. } => {
            let own = Via {
                join: "JOIN search_doc d ON d.doc = p.doc".into(),
                parts: "NULL, NULL".into(),
                part_live: "p.archived = 0",
            };
            found.extend(term_candidates(conn, ix.id, fts, &own, q, l, 4)?);
        }
        Terms::Parts(parts) => {
            let table = records::table(ix.kind).name;
            let [(_, first), (_, second)] = parts;
            for (part, column) in parts {
                let Some(Indexed {
                    id,
                    terms: Terms::Own { fts, .. },
                    ..
                }) = indexed(*part)
                else {
                    unreachable!("a part's names are indexed");
                };
                // The live records naming a part record the query finds, archived or not,
                // with both parts' names to match them by.
                let users = Via {
                    join: format!(
                        "JOIN {table} u ON u.{column} = p.record_id
                         JOIN search_doc d ON d.record_id = u.id
                         JOIN search_doc a ON a.record_id = u.{first}
                         JOIN search_doc b ON b.record_id = u.{second}"
                    ),
                    parts: "a.name, b.name".into(),
                    part_live: "p.archived IN (0, 1)",
                };
                found.extend(term_candidates(conn, *id, fts, &users, q, l, 2)?);
            }
        }
    }
    Ok(found)
}

/// From the documents `p` whose terms match to the documents searched, `d`.
struct Via {
    join: String,
    /// The parts' names, or `NULL, NULL`.
    parts: String,
    /// Which `p` count (the index on (kind, archived, name) is used either way).
    part_live: &'static str,
}

impl Via {
    /// The live documents `d` reached from the rows of `from` (naming `p`) meeting `cond`, at
    /// most `limit`. A limit is written into the statement, not bound: rusqlite's statement
    /// cache clears a statement's bindings when it takes it back, and SQLite then parses again,
    /// at its next use, a statement whose plan depends on a bound value (`LIMIT ?`).
    fn select(&self, from: &str, cond: &str, limit: Option<i64>) -> String {
        let Via {
            join,
            parts,
            part_live,
        } = self;
        let limit = limit.map(|l| format!(" LIMIT {l}")).unwrap_or_default();
        format!(
            "SELECT {DOC_COLS}, {parts} FROM {from} {join}
             WHERE {cond} AND {part_live} AND d.archived = 0{limit}"
        )
    }
}

/// The documents reached through `via` from the documents of index kind `k` whose name starts
/// with the query, contains it (trigrams for three characters or more, grams below that), or
/// whose pinyin or initials keys start with it. Substrings take `widen` × `l` candidates (a
/// kind searched through two parts takes half as many from each).
fn term_candidates(
    conn: &Connection,
    k: i64,
    fts: &str,
    via: &Via,
    q: &Query,
    l: i64,
    widen: i64,
) -> Result<Vec<Cand>> {
    let wide = l * widen;
    let mut found = cands(
        conn,
        &via.select(
            "search_doc p",
            "p.kind = ?1 AND p.name >= ?2 AND p.name < ?3",
            Some(l),
        ),
        params![k, q.text, after(&q.text)],
    )?;
    if q.chars.len() >= 3 {
        let from = format!("{fts} f JOIN search_doc p ON p.doc = f.rowid");
        let sql = via.select(&from, &format!("{fts} MATCH ?1"), Some(wide));
        found.extend(cands(conn, &sql, params![phrase("name", &q.text)])?);
    } else {
        let grams = (Field::Gram, postings::Terms::Exact(&q.text));
        found.extend(posted(conn, k, grams, via, wide, false, None)?);
    }
    for (a, ini) in &alt_queries(q) {
        let (field, max) = if *ini {
            (Field::Initials, INITIALS_KEY_MAX)
        } else {
            (Field::Pinyin, FULL_KEY_MAX)
        };
        // Keys are cut at `max` letters: a query as long may have been cut too, and then
        // names sharing only its first `max` letters would take the places of the matches.
        let cut = (a.chars().count() >= max).then_some(q);
        let keys = (field, postings::Terms::Prefix(a));
        found.extend(posted(conn, k, keys, via, l, true, cut)?);
    }
    Ok(found)
}

/// The first `limit` documents reached through `via` from the posting lists looked up, in
/// list order (each once if `distinct`; with `only`, only those that match that query by the
/// core rules).
fn posted(
    conn: &Connection,
    k: i64,
    (field, terms): (Field, postings::Terms<'_>),
    via: &Via,
    limit: i64,
    distinct: bool,
    only: Option<&Query>,
) -> Result<Vec<Cand>> {
    let mut stmt = conn.prepare_cached(&via.select("search_doc p", "p.doc = ?1", None))?;
    let limit = usize::try_from(limit).unwrap_or(0);
    let mut found: Vec<Cand> = vec![];
    let mut seen = HashSet::new();
    postings::scan(conn, k, field, terms, |doc| {
        for c in stmt.query_map([doc], cand)? {
            let c = c?;
            if (!distinct || seen.insert(c.0)) && only.is_none_or(|q| matches(&c, q)) {
                found.push(c);
            }
        }
        Ok(found.len() < limit)
    })?;
    found.truncate(limit);
    Ok(found)
}

/// Whether a candidate matches the query by the core rules (by its parts' names if it was
/// reached through them), as [`verified`] decides.
fn matches(c: &Cand, q: &Query) -> bool {
    let (_, _, code, name, key, parts) = c;
    let parts = parts.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
    match_candidate(name, code, key.as_deref(), parts, q).is_some()
}

/// How a candidate matches the query by the core rules: by its parts' names if it is named
/// after them (an authorised user, [`match_user`]), else by its own name; and by its codes.
fn match_candidate(
    name: &str,
    code: &str,
    key: Option<&str>,
    parts: Option<(&str, &str)>,
    q: &Query,
) -> Option<(MatchKind, Option<[u32; 2]>)> {
    let codes: Vec<&str> = [Some(code), key].into_iter().flatten().collect();
    match parts {
        None => match_record(name, &codes, q),
        Some((a, b)) => match_user(a, b, &codes, q),
    }
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

/// The candidates the core rules confirm the query matches, each record once. A name made of
/// parts is matched part by part ([`match_user`]), their names read from the index.
fn verified(conn: &Connection, ix: &Indexed, found: Vec<Cand>, q: &Query) -> Result<Vec<Hit>> {
    let mut parts_of = match ix.terms {
        Terms::Own { .. } => None,
        Terms::Parts([(_, first), (_, second)]) => Some(conn.prepare_cached(&format!(
            "SELECT a.name, b.name FROM {t} u
             JOIN search_doc a ON a.record_id = u.{first}
             JOIN search_doc b ON b.record_id = u.{second}
             WHERE u.id = ?1",
            t = records::table(ix.kind).name
        ))?),
    };
    let mut best: HashMap<i64, Hit> = HashMap::new();
    for (doc, record_id, code, name, key, read) in found {
        if best.contains_key(&doc) {
            continue;
        }
        let matched = match &mut parts_of {
            None => match_candidate(&name, &code, key.as_deref(), None, q),
            // Read with the candidate, or (found by its own name or code) read now.
            Some(stmt) => match read {
                Some(parts) => Some(parts),
                None => stmt
                    .query_row([&record_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?,
            }
            .and_then(|(a, b): (String, String)| {
                match_candidate(&name, &code, key.as_deref(), Some((&a, &b)), q)
            }),
        };
        if let Some((matched, span)) = matched {
            best.insert(
                doc,
                Hit {
                    kind: ix.kind,
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
    Ok(best.into_values().collect())
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
                (RecordKind::Case, 4),
            ]
        );
        assert_eq!(KINDS.len(), INDEXED.len());
    }
}

//! The search index's posting lists (`search_post`): for each term of an index kind (a one- or
//! two-character gram, a pinyin key, an initials key), the documents whose names have it,
//! ascending, in blocks of at most [`BLOCK`] documents. A block is one row keyed by its first
//! document and holding the others as varint gaps, so a term shared by 100,000 names costs
//! about 800 rows of a few hundred bytes instead of 100,000 rows repeating the term; adding or
//! removing one document rewrites one block.

use rusqlite::{Connection, OptionalExtension, Statement, params};
use terroir_core::Violation;

use crate::error::Result;

/// What a term is: the field of `search_post`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    /// A one- or two-character substring of a name.
    Gram = 0,
    /// Full pinyin from a syllable on (`terroir_core::search::pinyin_keys`).
    Pinyin = 1,
    /// Initials from a syllable on.
    Initials = 2,
}

/// Most documents in one block: a block's row stays well inside a page.
const BLOCK: usize = 128;

fn encode(docs: &[i64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(docs.len() * 2);
    for w in docs.windows(2) {
        let mut gap = (w[1] - w[0]) as u64;
        loop {
            let byte = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
    }
    out
}

fn decode(first: i64, blob: &[u8]) -> Result<Vec<i64>> {
    let malformed = || {
        Violation::storage(
            "搜索索引已损坏，请运行 terroir reindex / search index damaged: run terroir reindex",
        )
    };
    let mut out = vec![first];
    let (mut gap, mut shift, mut prev) = (0u64, 0u32, first);
    for &b in blob {
        if shift > 56 {
            return Err(malformed().into());
        }
        gap |= u64::from(b & 0x7f) << shift;
        if b & 0x80 != 0 {
            shift += 7;
            continue;
        }
        let step = i64::try_from(gap).map_err(|_| malformed())?;
        prev = prev.checked_add(step).ok_or_else(malformed)?;
        out.push(prev);
        (gap, shift) = (0, 0);
    }
    if shift != 0 {
        return Err(malformed().into());
    }
    Ok(out)
}

/// Writes posting lists. It holds its statements for as long as it lives: a statement with
/// `ORDER BY` or `LIMIT` returned to rusqlite's statement cache is parsed again at its next use
/// (clearing its bindings expires it), which for a bulk write cost half of the time.
pub(crate) struct Writer<'c> {
    last: Statement<'c>,
    at_or_before: Statement<'c>,
    first_block: Statement<'c>,
    next: Statement<'c>,
    delete: Statement<'c>,
    insert: Statement<'c>,
}

/// A block: its first document and all its documents.
type Block = (i64, Vec<i64>);

fn block(stmt: &mut Statement<'_>, p: impl rusqlite::Params) -> Result<Option<Block>> {
    let found: Option<(i64, Vec<u8>)> = stmt
        .query_row(p, |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    found
        .map(|(first, blob)| Ok((first, decode(first, &blob)?)))
        .transpose()
}

impl<'c> Writer<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Result<Self> {
        let select =
            "SELECT first, docs FROM search_post WHERE kind = ?1 AND field = ?2 AND term = ?3";
        Ok(Self {
            last: conn.prepare(&format!("{select} ORDER BY first DESC LIMIT 1"))?,
            at_or_before: conn
                .prepare(&format!("{select} AND first <= ?4 ORDER BY first DESC LIMIT 1"))?,
            first_block: conn.prepare(&format!("{select} ORDER BY first LIMIT 1"))?,
            next: conn.prepare(
                "SELECT first FROM search_post WHERE kind = ?1 AND field = ?2 AND term = ?3
                 AND first > ?4 ORDER BY first LIMIT 1",
            )?,
            delete: conn.prepare(
                "DELETE FROM search_post WHERE kind = ?1 AND field = ?2 AND term = ?3 AND first = ?4",
            )?,
            insert: conn.prepare(
                "INSERT OR REPLACE INTO search_post (kind, field, term, first, docs)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
        })
    }

    /// The block of `term` that `doc` belongs in: the last one starting at or before it, else
    /// the term's first block (which `doc` will then start).
    fn block_for(
        &mut self,
        kind: i64,
        field: Field,
        term: &str,
        doc: i64,
    ) -> Result<Option<Block>> {
        let f = field as i64;
        match block(&mut self.at_or_before, params![kind, f, term, doc])? {
            Some(b) => Ok(Some(b)),
            None => block(&mut self.first_block, params![kind, f, term]),
        }
    }

    /// Replace block `old` (if any) of a term by blocks holding `docs` (ascending, not empty).
    fn write(
        &mut self,
        kind: i64,
        field: Field,
        term: &str,
        old: Option<i64>,
        docs: &[i64],
    ) -> Result<()> {
        let f = field as i64;
        if let Some(first) = old.filter(|first| *first != docs[0]) {
            self.delete.execute(params![kind, f, term, first])?;
        }
        for chunk in docs.chunks(BLOCK) {
            self.insert
                .execute(params![kind, f, term, chunk[0], encode(chunk)])?;
        }
        Ok(())
    }

    /// Add documents (ascending, distinct) to a term's list. Each block they fall in is read
    /// and written once; new documents (numbered above all others) extend the last block.
    pub(crate) fn add(&mut self, kind: i64, field: Field, term: &str, docs: &[i64]) -> Result<()> {
        let Some(&lowest) = docs.first() else {
            return Ok(());
        };
        // New records: their documents come after the term's last block (if there is one).
        match block(&mut self.last, params![kind, field as i64, term])? {
            None => return self.write(kind, field, term, None, docs),
            Some((first, mut list)) if list.last().is_some_and(|d| *d < lowest) => {
                if list.len() >= BLOCK {
                    return self.write(kind, field, term, None, docs);
                }
                list.extend_from_slice(docs);
                return self.write(kind, field, term, Some(first), &list);
            }
            Some(_) => {}
        }
        let mut rest = docs;
        while let Some(&doc) = rest.first() {
            let (old, mut list) = match self.block_for(kind, field, term, doc)? {
                Some((first, list)) => (Some(first), list),
                None => (None, vec![]),
            };
            // The block holds the documents below the next block's first.
            let next: Option<i64> = match old {
                Some(first) => self
                    .next
                    .query_row(params![kind, field as i64, term, first], |r| r.get(0))
                    .optional()?,
                None => None,
            };
            let take = rest
                .iter()
                .take_while(|d| next.is_none_or(|n| **d < n))
                .count();
            list.extend_from_slice(&rest[..take]);
            list.sort_unstable();
            list.dedup();
            rest = &rest[take..];
            self.write(kind, field, term, old, &list)?;
        }
        Ok(())
    }

    /// Take a document out of a term's list.
    pub(crate) fn remove(&mut self, kind: i64, field: Field, term: &str, doc: i64) -> Result<()> {
        let Some((first, mut list)) = self.block_for(kind, field, term, doc)? else {
            return Ok(());
        };
        let Ok(i) = list.binary_search(&doc) else {
            return Ok(());
        };
        list.remove(i);
        if list.is_empty() {
            self.delete
                .execute(params![kind, field as i64, term, first])?;
            return Ok(());
        }
        self.write(kind, field, term, Some(first), &list)
    }
}

/// Which terms a lookup reads.
pub(crate) enum Terms<'a> {
    /// This term.
    Exact(&'a str),
    /// Every term starting with this, in term order.
    Prefix(&'a str),
}

/// Visit the documents of the terms looked up, term by term, each term's ascending, until
/// `visit` returns `false`. The rows come in key order from the primary key's range scan, the
/// only plan for these conditions: an `ORDER BY` would make SQLite parse the statement again
/// at every use (see [`Writer`]); the tests check the order.
pub(crate) fn scan(
    conn: &Connection,
    kind: i64,
    field: Field,
    terms: Terms<'_>,
    mut visit: impl FnMut(i64) -> Result<bool>,
) -> Result<()> {
    let field = field as i64;
    let cols = "SELECT first, docs FROM search_post WHERE kind = ?1 AND field = ?2";
    let mut stmt;
    let mut rows = match terms {
        Terms::Exact(t) => {
            stmt = conn.prepare_cached(&format!("{cols} AND term = ?3"))?;
            stmt.query(params![kind, field, t])?
        }
        Terms::Prefix(p) => {
            stmt = conn.prepare_cached(&format!("{cols} AND term >= ?3 AND term < ?4"))?;
            stmt.query(params![kind, field, p, format!("{p}\u{10FFFF}")])?
        }
    };
    while let Some(r) = rows.next()? {
        let first: i64 = r.get(0)?;
        let blob: Vec<u8> = r.get(1)?;
        for doc in decode(first, &blob)? {
            if !visit(doc)? {
                return Ok(());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(conn: &Connection, term: &str) -> Vec<i64> {
        let mut out = vec![];
        scan(conn, 1, Field::Gram, Terms::Exact(term), |d| {
            out.push(d);
            Ok(true)
        })
        .unwrap();
        out
    }

    fn blocks(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM search_post", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn gaps_round_trip() {
        let list = [3, 4, 130, 131, 20_000, 5_000_000_000];
        assert_eq!(decode(3, &encode(&list)).unwrap(), list);
        assert_eq!(decode(7, &[]).unwrap(), vec![7]);
        // A varint cut short, and one too long, are refused, never read as documents.
        assert!(decode(1, &[0x80]).is_err());
        assert!(decode(1, &[0xff; 10]).is_err());
    }

    #[test]
    fn lists_stay_sorted_in_bounded_blocks() {
        let conn = crate::db::open_in_memory().unwrap();
        let evens: Vec<i64> = (1..=300).map(|i| i * 2).collect();
        let mut w = Writer::new(&conn).unwrap();
        w.add(1, Field::Gram, "茶", &evens).unwrap();
        assert_eq!(docs(&conn, "茶"), evens);
        assert_eq!(blocks(&conn), 3);
        // Documents below, between and above the blocks, and again ones already there.
        w.add(1, Field::Gram, "茶", &[1, 3, 257, 599, 601, 602])
            .unwrap();
        let mut want = evens.clone();
        want.extend([1, 3, 257, 599, 601, 602]);
        want.sort_unstable();
        assert_eq!(docs(&conn, "茶"), want);
        let longest: i64 = conn
            .query_row("SELECT max(length(docs)) FROM search_post", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(longest < 4 * BLOCK as i64);
        for d in [1, 257, 2, 601, 999] {
            w.remove(1, Field::Gram, "茶", d).unwrap();
            want.retain(|x| *x != d);
        }
        assert_eq!(docs(&conn, "茶"), want);
        for d in want.clone() {
            w.remove(1, Field::Gram, "茶", d).unwrap();
        }
        assert_eq!(blocks(&conn), 0);
    }

    #[test]
    fn a_prefix_reads_terms_in_order_and_stops_when_asked() {
        let conn = crate::db::open_in_memory().unwrap();
        let mut w = Writer::new(&conn).unwrap();
        let many: Vec<i64> = (50..200).map(|i| i * 2).collect();
        w.add(1, Field::Pinyin, "maojian", &[5, 9]).unwrap();
        w.add(1, Field::Pinyin, "mao", &many[150..]).unwrap();
        w.add(1, Field::Pinyin, "mao", &many[..150]).unwrap();
        w.add(1, Field::Pinyin, "ma", &[1]).unwrap();
        w.add(1, Field::Initials, "mao", &[2]).unwrap();
        w.add(0, Field::Pinyin, "mao", &[3]).unwrap();
        drop(w);
        let read = |stop: usize| {
            let mut seen = vec![];
            scan(&conn, 1, Field::Pinyin, Terms::Prefix("mao"), |d| {
                seen.push(d);
                Ok(seen.len() < stop)
            })
            .unwrap();
            seen
        };
        // Term by term ("mao" before "maojian"), each term's documents ascending across its
        // blocks.
        let mut want = many.clone();
        want.extend([5, 9]);
        assert_eq!(read(usize::MAX), want);
        assert_eq!(read(2), want[..2]);
        // The statement is parsed once, not at every use.
        let stmt = conn
            .prepare_cached(
                "SELECT first, docs FROM search_post WHERE kind = ?1 AND field = ?2 AND term >= ?3 AND term < ?4",
            )
            .unwrap();
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::Run), 2);
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }
}

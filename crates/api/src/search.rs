//! One search across GI products, enterprises, authorised users and trademarks.

use serde::{Deserialize, Serialize};
use terroir_core::RecordKind;
pub use terroir_core::search::MatchKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SearchHit {
    pub kind: RecordKind,
    pub id: String,
    pub code: String,
    pub name: String,
    pub matched: MatchKind,
    /// The matched characters of `name` as [start, end) character offsets, for highlighting.
    pub span: Option<[u32; 2]>,
    /// The credit code or registration number, when that is what matched or worth showing.
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SearchGroup {
    pub kind: RecordKind,
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SearchResults {
    pub query: String,
    /// Groups in the order gi, enterprise, user, trademark; empty groups left out.
    pub groups: Vec<SearchGroup>,
    pub took_us: u64,
}

use terroir_core::search::Query;
use terroir_store::search as index;

use crate::error::Result;
use crate::workspace::Workspace;

impl Workspace {
    /// Search GI products, enterprises, authorised users and trademarks (or one kind) for
    /// `query`: the best `limit` hits of each kind, grouped, each with how it matched and the
    /// span of the name to highlight.
    pub fn search(
        &self,
        query: &str,
        kind: Option<RecordKind>,
        limit: u32,
    ) -> Result<SearchResults> {
        let t = std::time::Instant::now();
        let Some(q) = Query::new(query) else {
            return Ok(SearchResults {
                query: query.to_owned(),
                groups: vec![],
                took_us: 0,
            });
        };
        let mut groups = vec![];
        for k in index::KINDS
            .into_iter()
            .filter(|k| kind.is_none_or(|want| want == *k))
        {
            let hits: Vec<SearchHit> = index::search(&self.conn, k, &q, limit)?
                .into_iter()
                .map(|h| SearchHit {
                    kind: h.kind,
                    id: h.record_id,
                    code: h.code,
                    name: h.name,
                    matched: h.matched,
                    span: h.span,
                    detail: h.key,
                })
                .collect();
            if !hits.is_empty() {
                groups.push(SearchGroup { kind: k, hits });
            }
        }
        Ok(SearchResults {
            query: query.to_owned(),
            groups,
            took_us: t.elapsed().as_micros() as u64,
        })
    }

    /// Rebuild the search index from the records; returns how many were indexed.
    pub fn reindex(&mut self) -> Result<u64> {
        let tx = terroir_store::begin(&mut self.conn)?;
        let n = index::rebuild(&tx)?;
        crate::plan::rebuild_facts(&tx)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(n)
    }
}

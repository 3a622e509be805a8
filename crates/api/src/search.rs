//! One search across GI products, enterprises, authorised users and trademarks.

use serde::{Deserialize, Serialize};
use terroir_core::RecordKind;

/// How a hit matched, best first: the order results are ranked in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The query is the whole name (or the whole code / credit code / registration number).
    Exact,
    /// The name starts with the query.
    Prefix,
    /// The name contains the query.
    Substring,
    /// A credit code or registration number starts with the query.
    Code,
    /// The name's full pinyin starts with or contains the query (`xinyang`).
    Pinyin,
    /// The name's pinyin initials start with or contain the query (`xymj`), or a mix (`信阳mj`).
    Initials,
}

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

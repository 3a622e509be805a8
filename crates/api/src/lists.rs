//! Lists as a clerk narrows them: by division, status and category (and expiry for
//! trademarks), sorted by a column, with the money they list summed. What each kind's list
//! offers is declared here once ([`facets`]); the UI shows what it is told, and the query is
//! checked against the same declaration.

use serde::{Deserialize, Serialize};
use terroir_core::Violation;
use terroir_core::ident::Fen;
use terroir_core::record::RecordKind;
use terroir_store::records::{self as store, Filter, Show};

use crate::error::Result;
use crate::records::Page;
use crate::workspace::Workspace;

/// What a list shows: archived or not, its filters and its order. Empty filters select all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ListQuery {
    #[serde(default)]
    pub show: Show,
    /// A status of the kind's status group (`trademarkStatus`, `appState`, `stage`).
    #[serde(default)]
    pub state: Option<String>,
    /// A province, city or county code: the records that lie in it.
    #[serde(default)]
    pub division: Option<String>,
    /// A key of the kind's category group.
    #[serde(default)]
    pub category: Option<String>,
    /// Trademarks whose current term ends within [from, to] (YYYY-MM-DD).
    #[serde(default)]
    pub expires_from: Option<String>,
    #[serde(default)]
    pub expires_to: Option<String>,
    /// A column of [`ListFacets::sorts`]; code order when absent.
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub desc: bool,
}

/// What a kind's list can be narrowed and sorted by, for the UI to offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ListFacets {
    pub division: bool,
    /// The vocabulary group of the status filter.
    pub status: Option<String>,
    /// The vocabulary group of the category filter (`category`: the workspace's GI categories).
    pub category: Option<String>,
    /// Whether the list filters by expiry date.
    pub expiry: bool,
    /// The columns a click on the header sorts by.
    pub sorts: Vec<String>,
    /// The column whose money the list sums in its totals row.
    pub money: Option<String>,
    /// Whether the kind has a sheet: 导出, 导入 and templates.
    pub exchange: bool,
}

/// Where a filter or an order reads: a key column or a path into the record's data.
#[derive(Clone, Copy)]
enum At {
    Column(&'static str),
    Data(&'static str),
}

struct Facet {
    status: Option<(&'static str, &'static str)>,
    category: Option<(&'static str, At)>,
    expiry: Option<&'static str>,
    sorts: &'static [(&'static str, At)],
    money: Option<(&'static str, &'static str)>,
}

const CODE: (&str, At) = ("code", At::Column("code"));
const NAME: (&str, At) = ("name", At::Column("name"));

fn facet(kind: RecordKind) -> Facet {
    use At::{Column, Data};
    let none = Facet {
        status: None,
        category: None,
        expiry: None,
        sorts: &[CODE, NAME],
        money: None,
    };
    match kind {
        RecordKind::Enterprise => Facet {
            sorts: &[
                CODE,
                NAME,
                ("credit_code", Column("credit_code")),
                ("division", Column("division")),
            ],
            ..none
        },
        RecordKind::Gi => Facet {
            category: Some(("category", Column("category"))),
            sorts: &[CODE, NAME, ("category", Column("category"))],
            ..none
        },
        RecordKind::Trademark => Facet {
            status: Some(("trademarkStatus", "status")),
            category: Some(("markKind", Data("$.kind"))),
            expiry: Some("expires_on"),
            sorts: &[
                CODE,
                NAME,
                ("reg_no", Column("reg_no")),
                ("expires_on", Column("expires_on")),
            ],
            money: None,
        },
        RecordKind::User => Facet {
            status: Some(("stage", "stage")),
            category: Some(("userKind", Data("$.kind"))),
            sorts: &[CODE, NAME, ("stage", Column("stage"))],
            ..none
        },
        RecordKind::Candidate => none,
        RecordKind::Application => Facet {
            status: Some(("appState", "state")),
            category: Some(("appKind", Data("$.kind"))),
            sorts: &[
                CODE,
                NAME,
                ("state", Column("state")),
                ("submitted_on", Data("$.submitted_on")),
                ("amount", Data("$.award.total")),
            ],
            money: Some(("amount", "$.award.total")),
            ..none
        },
        RecordKind::IncentiveRule => Facet {
            category: Some(("awardItem", Column("item"))),
            sorts: &[
                CODE,
                NAME,
                ("item", Column("item")),
                ("amount", Data("$.amount")),
                ("jurisdiction", Column("jurisdiction")),
            ],
            money: Some(("amount", "$.amount")),
            ..none
        },
        RecordKind::Case => Facet {
            status: Some(("caseState", "state")),
            category: Some(("caseKind", Column("kind"))),
            sorts: &[
                CODE,
                NAME,
                ("case_no", Column("case_no")),
                ("opened_on", Column("opened_on")),
                ("state", Column("state")),
                ("fine", Data("$.decision.fine")),
            ],
            // The key column: a list's total is summed from an index, not the cases' data.
            money: Some(("fine", "fine_fen")),
            ..none
        },
        RecordKind::Target => Facet {
            category: Some(("metric", Column("metric"))),
            sorts: &[
                CODE,
                NAME,
                ("ends_on", Column("ends_on")),
                ("jurisdiction", Column("jurisdiction")),
            ],
            ..none
        },
        RecordKind::Financing => Facet {
            sorts: &[
                CODE,
                NAME,
                ("loan_on", Column("loan_on")),
                ("amount", Column("amount_fen")),
            ],
            money: Some(("amount", "amount_fen")),
            ..none
        },
        RecordKind::Zone => Facet {
            status: Some(("zoneStatus", "status")),
            sorts: &[CODE, NAME, ("status", Column("status"))],
            ..none
        },
    }
}

/// What `kind`'s list offers.
pub fn facets(kind: RecordKind) -> ListFacets {
    let f = facet(kind);
    ListFacets {
        division: true,
        status: f.status.map(|s| s.0.to_owned()),
        category: f.category.map(|c| c.0.to_owned()),
        expiry: f.expiry.is_some(),
        sorts: f.sorts.iter().map(|s| s.0.to_owned()).collect(),
        money: f.money.map(|m| m.0.to_owned()),
        exchange: !terroir_exchange::columns::columns(kind).is_empty(),
    }
}

/// The keys a vocabulary group allows.
fn allowed(group: &str) -> Vec<&'static str> {
    terroir_core::vocab::keys(group).collect()
}

fn trimmed(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The query as a store filter, every part checked against the kind's facets.
pub(crate) fn filter(kind: RecordKind, q: &ListQuery) -> Result<Filter> {
    let f = facet(kind);
    let mut out = Filter::default();
    if let Some(s) = trimmed(&q.state) {
        let Some((group, column)) = f.status else {
            return Err(Violation::unknown_field().at("state").into());
        };
        if !allowed(group).contains(&s) {
            return Err(Violation::enum_value(s, allowed(group).join(", "))
                .at("state")
                .into());
        }
        out.keys.push((column, s.to_owned()));
    }
    if let Some(d) = trimmed(&q.division) {
        let code: terroir_core::DivisionCode =
            d.parse().map_err(|v: Violation| v.at("division"))?;
        out.division = Some(code.prefix().to_owned());
    }
    if let Some(c) = trimmed(&q.category) {
        let Some((group, at)) = f.category else {
            return Err(Violation::unknown_field().at("category").into());
        };
        // GI categories are the workspace's own table: any value narrows (to nothing if unknown).
        if group != "category" && !allowed(group).contains(&c) {
            return Err(Violation::enum_value(c, allowed(group).join(", "))
                .at("category")
                .into());
        }
        match at {
            At::Column(col) => out.keys.push((col, c.to_owned())),
            At::Data(path) => out.data.push((path, c.to_owned())),
        }
    }
    let from = terroir_core::record::optional_date(trimmed(&q.expires_from))
        .map_err(|v| v.at("expires_from"))?;
    let to = terroir_core::record::optional_date(trimmed(&q.expires_to))
        .map_err(|v| v.at("expires_to"))?;
    if from.is_some() || to.is_some() {
        let Some(column) = f.expiry else {
            return Err(Violation::unknown_field().at("expires_from").into());
        };
        if let (Some(a), Some(b)) = (from, to)
            && b < a
        {
            return Err(Violation::date_order(a, b).at("expires_to").into());
        }
        out.range = Some((
            column,
            from.map(|d| d.to_string()),
            to.map(|d| d.to_string()),
        ));
    }
    if let Some(s) = trimmed(&q.sort) {
        let Some((_, at)) = f.sorts.iter().find(|(k, _)| *k == s) else {
            let keys: Vec<&str> = f.sorts.iter().map(|(k, _)| *k).collect();
            return Err(Violation::enum_value(s, keys.join(", ")).at("sort").into());
        };
        out.order = Some((
            match at {
                At::Column(c) | At::Data(c) => c,
            },
            q.desc,
        ));
    }
    Ok(out)
}

impl Workspace {
    /// A page of `kind`'s list as `query` narrows and orders it, with its total count and,
    /// where the list shows money, the sum over all its rows (not only this page).
    pub fn list_query(
        &self,
        kind: RecordKind,
        query: &ListQuery,
        limit: u32,
        offset: u32,
    ) -> Result<Page> {
        let filter = filter(kind, query)?;
        let money = facet(kind).money.map(|m| m.1);
        let (total, sum) = store::count_filtered(&self.conn, kind, query.show, &filter, money)?;
        let rows = store::list_filtered(&self.conn, kind, query.show, &filter, limit, offset)?;
        let items = rows
            .into_iter()
            .map(|r| self.to_dto(kind, r))
            .collect::<Result<_>>()?;
        Ok(Page {
            total,
            offset,
            items,
            money_total: money.map(|_| Fen(sum.unwrap_or(0))),
        })
    }
}

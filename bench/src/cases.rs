//! Enforcement cases at national scale: the statistics form (案件统计表) for a year, for the
//! country, a province, a city and a county, and a page of the case list as the desktop asks
//! for it (50 rows; first page, a later page, narrowed by state, by kind and division, sorted by
//! the opening date), each timed RUNS times on a generated workspace (`terroir gen`).
//!
//! Usage: cases-bench DB [--out FILE.json]

use std::path::PathBuf;

use serde_json::json;
use terroir_api::Workspace;
use terroir_api::core::record::RecordKind;
use terroir_api::lists::ListQuery;

mod timing;
use timing::time;

fn main() {
    let mut args = std::env::args().skip(1);
    let db = PathBuf::from(args.next().expect("usage: cases-bench DB [--out FILE]"));
    let out = match (args.next().as_deref(), args.next()) {
        (Some("--out"), Some(f)) => Some(PathBuf::from(f)),
        _ => None,
    };
    let mut ws = Workspace::open(&db, "基准测试").unwrap();
    ws.set_today(Some("2026-11-28".parse().unwrap()));
    let total = ws
        .list_query(RecordKind::Case, &ListQuery::default(), 0, 0)
        .unwrap()
        .total;
    let mut results = json!({ "cases": total });
    for (label, division) in [
        ("country", None),
        ("province 410000", Some("410000")),
        ("city 411500", Some("411500")),
        ("county 411502", Some("411502")),
    ] {
        let mut value = 0;
        let t = time(|| {
            let s = ws
                .enforcement_stats("2025-01-01", "2025-12-31", division)
                .unwrap();
            value = s
                .lines
                .iter()
                .find(|l| l.measure == "cases" && l.kinds.is_empty())
                .map_or(0, |l| l.value);
        });
        println!("stats form 2025, {label}: {t} ({value} cases opened)");
        results[format!("stats {label}")] = t;
    }
    let queries = [
        ("first page", ListQuery::default(), 0),
        ("page 1000", ListQuery::default(), 50_000),
        (
            "state decided",
            ListQuery {
                state: Some("decided".into()),
                ..Default::default()
            },
            0,
        ),
        (
            "kind and city",
            ListQuery {
                category: Some("mark_infringement".into()),
                division: Some("411500".into()),
                ..Default::default()
            },
            0,
        ),
        (
            "sorted by opened_on desc",
            ListQuery {
                sort: Some("opened_on".into()),
                desc: true,
                ..Default::default()
            },
            0,
        ),
    ];
    for (label, q, offset) in queries {
        let mut n = 0;
        let t = time(|| {
            n = ws
                .list_query(RecordKind::Case, &q, 50, offset)
                .unwrap()
                .items
                .len();
        });
        println!("case list, {label}: {t} ({n} rows)");
        results[format!("list {label}")] = t;
    }
    if let Some(out) = out {
        std::fs::write(out, serde_json::to_string_pretty(&results).unwrap()).unwrap();
    }
}

//! Lists narrowed and ordered as a clerk asks: each filter agrees with a brute-force reading
//! of the whole list, the order holds, and the money total sums every selected row.

mod common;

use serde_json::{Value, json};
use terroir_api::Workspace;
use terroir_api::core::RecordKind;
use terroir_api::lists::{ListQuery, facets};

fn sample() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));
    // One more enterprise and mark in 固始县, one in 浉河区.
    ws.add(
        RecordKind::Enterprise,
        json!({ "name": "固始县某茶厂", "division": "411525" }),
    )
    .unwrap();
    ws.add(
        RecordKind::Enterprise,
        json!({ "name": "浉河某公司", "division": "411502" }),
    )
    .unwrap();
    for (reg, name, who, on) in [
        ("16052901", "某茶", "固始县某茶厂", "2016-05-29"),
        ("17010101", "浉茶", "浉河某公司", "2017-01-01"),
    ] {
        ws.add(
            RecordKind::Trademark,
            json!({ "reg_no": reg, "name": name, "classes": ["30"], "registrant": who,
                    "registered_on": on }),
        )
        .unwrap();
    }
    (dir, ws)
}

fn rows(ws: &Workspace, kind: RecordKind, q: &ListQuery) -> Vec<Value> {
    let page = ws.list_query(kind, q, 500, 0).unwrap();
    assert_eq!(page.total as usize, page.items.len());
    page.items
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect()
}

fn codes(v: &[Value]) -> Vec<String> {
    v.iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect()
}

fn all(ws: &Workspace, kind: RecordKind) -> Vec<Value> {
    rows(ws, kind, &ListQuery::default())
}

/// The division of each enterprise, by id.
fn divisions(ws: &Workspace) -> std::collections::HashMap<String, String> {
    all(ws, RecordKind::Enterprise)
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_owned(),
                e["data"]["division"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_division_selects_what_lies_in_it_for_every_kind() {
    let (_d, ws) = sample();
    let of = divisions(&ws);
    for division in ["410000", "411500", "411525", "411502"] {
        let prefix = division.trim_end_matches("00");
        let q = ListQuery {
            division: Some(division.into()),
            ..Default::default()
        };
        for kind in RecordKind::ALL {
            let lies = |r: &Value| -> bool {
                let d = &r["data"];
                let ent = |f: &str| {
                    d[f].as_str()
                        .and_then(|id| of.get(id))
                        .is_some_and(|x| x.starts_with(prefix))
                };
                match kind {
                    RecordKind::Enterprise => {
                        d["division"].as_str().unwrap_or("").starts_with(prefix)
                    }
                    RecordKind::Trademark => ent("registrant_id"),
                    RecordKind::User | RecordKind::Candidate | RecordKind::Application => {
                        ent("enterprise_id")
                    }
                    RecordKind::IncentiveRule
                    | RecordKind::Case
                    | RecordKind::Target
                    | RecordKind::Financing
                    | RecordKind::Zone => {
                        d["jurisdiction"].as_str().unwrap_or("").starts_with(prefix)
                    }
                    RecordKind::Gi => match d["responsible"].as_str() {
                        Some(r) => r.starts_with(prefix),
                        None => d["area"]["divisions"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|x| x.as_str().unwrap().starts_with(prefix)),
                    },
                }
            };
            let want: Vec<String> = codes(&all(&ws, kind))
                .into_iter()
                .zip(all(&ws, kind))
                .filter(|(_, r)| lies(r))
                .map(|(c, _)| c)
                .collect();
            assert_eq!(codes(&rows(&ws, kind, &q)), want, "{kind:?} in {division}");
        }
    }
    // 固始县 has enterprises and marks.
    let q = ListQuery {
        division: Some("411525".into()),
        ..Default::default()
    };
    assert!(!rows(&ws, RecordKind::Trademark, &q).is_empty());
    assert!(rows(&ws, RecordKind::Enterprise, &q).len() >= 2);
}

#[test]
fn status_category_and_expiry_narrow_and_columns_sort() {
    let (_d, ws) = sample();
    // Status: applications in one state are those whose summary says so.
    for state in ["draft", "submitted", "approved", "paid"] {
        let got = rows(
            &ws,
            RecordKind::Application,
            &ListQuery {
                state: Some(state.into()),
                ..Default::default()
            },
        );
        assert!(got.iter().all(|r| r["data"]["state"] == state), "{state}");
        let want = all(&ws, RecordKind::Application)
            .iter()
            .filter(|r| r["data"]["state"] == state)
            .count();
        assert_eq!(got.len(), want);
    }
    // Category: trademarks by mark kind.
    let certification = rows(
        &ws,
        RecordKind::Trademark,
        &ListQuery {
            category: Some("certification".into()),
            ..Default::default()
        },
    );
    assert!(!certification.is_empty());
    assert!(
        certification
            .iter()
            .all(|r| r["data"]["kind"] == "certification")
    );
    // Expiry: marks whose term ends within the range, and no other.
    let q = ListQuery {
        expires_from: Some("2026-01-01".into()),
        expires_to: Some("2027-12-31".into()),
        sort: Some("expires_on".into()),
        ..Default::default()
    };
    let got = rows(&ws, RecordKind::Trademark, &q);
    assert!(codes(&got).len() >= 2, "{:?}", codes(&got));
    let ends: Vec<&str> = got
        .iter()
        .map(|r| r["summary"]["expires_on"].as_str().unwrap())
        .collect();
    assert!(ends.windows(2).all(|w| w[0] <= w[1]), "{ends:?}");
    assert!(
        ends.iter()
            .all(|e| ("2026-01-01"..="2027-12-31").contains(e))
    );
    // Name, descending.
    let names: Vec<String> = rows(
        &ws,
        RecordKind::Enterprise,
        &ListQuery {
            sort: Some("name".into()),
            desc: true,
            ..Default::default()
        },
    )
    .iter()
    .map(|r| r["name"].as_str().unwrap().to_owned())
    .collect();
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, sorted);
}

#[test]
fn the_money_total_sums_every_selected_row() {
    let (_d, mut ws) = sample();
    common::award(
        &mut ws,
        vec![terroir_api::workbench::ApplicationStep::Approve {
            on: None,
            note: None,
            over_budget_reason: Some("预算未下达".into()),
        }],
    );
    for kind in [RecordKind::Application, RecordKind::IncentiveRule] {
        assert_eq!(facets(kind).money.as_deref(), Some("amount"));
        let page = ws.list_query(kind, &ListQuery::default(), 1, 0).unwrap();
        let sum: i64 = all(&ws, kind)
            .iter()
            .filter_map(|r| r["summary"]["amount"].as_i64())
            .sum();
        assert!(sum > 0, "{kind:?}");
        assert_eq!(page.money_total.map(|f| f.0), Some(sum), "{kind:?}");
    }
    let page = ws
        .list_query(RecordKind::Enterprise, &ListQuery::default(), 10, 0)
        .unwrap();
    assert_eq!(page.money_total, None);
}

#[test]
fn a_filter_the_list_does_not_offer_is_refused_with_its_field() {
    let (_d, ws) = sample();
    for (kind, q, field) in [
        (
            RecordKind::Enterprise,
            ListQuery {
                state: Some("draft".into()),
                ..Default::default()
            },
            "state",
        ),
        (
            RecordKind::Application,
            ListQuery {
                state: Some("lost".into()),
                ..Default::default()
            },
            "state",
        ),
        (
            RecordKind::Gi,
            ListQuery {
                sort: Some("data".into()),
                ..Default::default()
            },
            "sort",
        ),
        (
            RecordKind::Gi,
            ListQuery {
                division: Some("4115".into()),
                ..Default::default()
            },
            "division",
        ),
        (
            RecordKind::Trademark,
            ListQuery {
                expires_from: Some("2027-01-01".into()),
                expires_to: Some("2026-01-01".into()),
                ..Default::default()
            },
            "expires_to",
        ),
    ] {
        let e = ws.list_query(kind, &q, 10, 0).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{kind:?} {q:?}: {e:?}");
    }
}

/// 导出 writes the list as filtered.
#[test]
fn an_export_follows_the_filters() {
    let (d, ws) = sample();
    let q = ListQuery {
        division: Some("411525".into()),
        ..Default::default()
    };
    let want = rows(&ws, RecordKind::Enterprise, &q).len();
    let path = d.path().join("固始.xlsx");
    let w = ws.export_list(RecordKind::Enterprise, &q, &path).unwrap();
    assert_eq!(w.rows as usize, want);
    assert!(want >= 2 && want < all(&ws, RecordKind::Enterprise).len());
}

/// Every column a list offers to sort by sorts, both ways, on every kind: no refusal, the same
/// rows, and the sorted value in order (empty values last).
#[test]
fn every_offered_sort_sorts() {
    let (_d, mut ws) = sample();
    common::award(
        &mut ws,
        vec![terroir_api::workbench::ApplicationStep::Approve {
            on: None,
            note: None,
            over_budget_reason: Some("预算未下达".into()),
        }],
    );
    for kind in RecordKind::ALL {
        let mut everything = codes(&all(&ws, kind));
        everything.sort();
        for sort in facets(kind).sorts {
            for desc in [false, true] {
                let q = ListQuery {
                    sort: Some(sort.clone()),
                    desc,
                    ..Default::default()
                };
                let got = rows(&ws, kind, &q);
                let mut same = codes(&got);
                same.sort();
                assert_eq!(same, everything, "{kind:?} by {sort}");
                let key = |r: &Value| -> Option<Value> {
                    let v = match sort.as_str() {
                        "code" | "name" => r[sort.as_str()].clone(),
                        "amount" if kind == RecordKind::Application => {
                            r["data"]["award"]["total"].clone()
                        }
                        _ => r["data"][sort.as_str()].clone(),
                    };
                    (!v.is_null()).then_some(v)
                };
                let keys: Vec<Option<Value>> = got.iter().map(key).collect();
                let present: Vec<&Value> = keys.iter().flatten().collect();
                // Empty values come last.
                assert!(
                    keys.iter().skip_while(|k| k.is_some()).all(Option::is_none),
                    "{kind:?} by {sort}: {keys:?}"
                );
                if sort != "code" {
                    let ordered = present.windows(2).all(|w| {
                        let c = match (w[0].as_i64(), w[1].as_i64()) {
                            (Some(a), Some(b)) => a.cmp(&b),
                            _ => w[0].to_string().cmp(&w[1].to_string()),
                        };
                        if desc { c.is_ge() } else { c.is_le() }
                    });
                    assert!(ordered, "{kind:?} by {sort} desc={desc}: {present:?}");
                }
            }
        }
    }
}

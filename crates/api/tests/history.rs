//! The history in words: every row of a busy workspace reads without a raw key, restore is
//! offered only on data changes, and pages and filters hold.

mod common;

use serde_json::json;
use terroir_api::Workspace;
use terroir_api::core::RecordKind;
use terroir_api::history::{HistoryQuery, HistoryRow};
use terroir_api::ops::TrademarkEvent;
use terroir_api::workbench::ApplicationStep;

fn busy() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "王科长").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));
    ws.set_actor("张科员").unwrap();
    let edit = |ws: &mut Workspace, patch| {
        ws.edit(
            RecordKind::Enterprise,
            "ENT-0001",
            patch,
            Some("地址变更"),
            None,
        )
        .unwrap()
    };
    edit(
        &mut ws,
        json!({"address": "信阳市浉河区新址 8 号", "contact_person": "李四"}),
    );
    edit(&mut ws, json!({"division": "411521"}));
    // Back to the first edit's division.
    let first_edit = ws
        .audit_log(Some((RecordKind::Enterprise, "ENT-0001")), 10)
        .unwrap()[1]
        .seq;
    ws.restore_value(RecordKind::Enterprise, "ENT-0001", first_edit, Some("误改"))
        .unwrap();
    ws.set_budget("411500", 2026, "500000", Some("年度预算"))
        .unwrap();
    // An award application through its whole flow, and a guidance one refused.
    common::award(
        &mut ws,
        vec![
            ApplicationStep::Approve {
                on: None,
                note: Some("材料齐全".into()),
                over_budget_reason: Some("年度预算未下达，先行核准".into()),
            },
            ApplicationStep::Pay {
                on: None,
                voucher: "信财付〔2026〕77号".into(),
            },
        ],
    );
    ws.application_step(
        "APP-0001",
        ApplicationStep::Reject {
            on: None,
            reason: "材料不全".into(),
        },
    )
    .unwrap();
    ws.trademark_event(
        "TM-0002",
        TrademarkEvent::Renew {
            filed_on: "2026-11-20".into(),
        },
    )
    .unwrap();
    (dir, ws)
}

fn page(ws: &Workspace, q: HistoryQuery) -> Vec<HistoryRow> {
    ws.history(&HistoryQuery { limit: 500, ..q }).unwrap().rows
}

/// Lower-case Latin words of three letters or more: a raw key in a Chinese text.
fn raw_words(zh: &str) -> Vec<String> {
    zh.split(|c: char| !(c.is_ascii_lowercase() || c == '_'))
        .filter(|w| w.len() >= 3)
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_row_reads_in_words() {
    let (_d, ws) = busy();
    let rows = page(&ws, HistoryQuery::default());
    assert!(rows.len() > 50);
    let mut steps = 0;
    for r in &rows {
        assert_ne!(r.action_label.zh, r.action, "{r:?}");
        assert_ne!(r.entity_label.zh, r.entity, "{r:?}");
        for c in &r.changes {
            assert_ne!(c.label.zh, c.field, "{r:?}");
            for v in [&c.before.zh, &c.after.zh] {
                assert!(raw_words(v).is_empty() && !v.contains('{'), "{v} in {r:?}");
            }
        }
        if let Some(s) = &r.step {
            steps += 1;
            assert!(raw_words(&s.zh).is_empty(), "{} in {r:?}", s.zh);
        }
    }
    assert!(steps > 20, "{steps} steps");
    // The edit names each field by its label, old → new, the division by its name.
    let edit = rows
        .iter()
        .find(|r| r.action == "update" && r.changes.iter().any(|c| c.field == "address"))
        .unwrap();
    let address = edit.changes.iter().find(|c| c.field == "address").unwrap();
    assert_eq!(address.label.zh, "地址");
    assert_eq!(address.after.zh, "信阳市浉河区新址 8 号");
    // A legal event is a step with its facts, never a field diff.
    let renew = rows
        .iter()
        .find(|r| r.action == "renew" && r.code.as_deref() == Some("TM-0002"))
        .unwrap();
    assert!(renew.changes.is_empty());
    assert!(
        renew.step.as_ref().unwrap().zh.contains("2026-11-20"),
        "{renew:?}"
    );
    assert_eq!(renew.action_label.zh, "递交续展");
    // A budget (not a record) shows its amount in yuan under its key.
    let budget = rows.iter().find(|r| r.entity == "budget").unwrap();
    assert_eq!(budget.code.as_deref(), Some("411500/2026"));
    assert!(
        budget.changes.iter().any(|c| c.after.zh == "¥500,000.00"),
        "{budget:?}"
    );
}

#[test]
fn restore_is_offered_on_data_changes_only() {
    let (_d, ws) = busy();
    let rows = page(&ws, HistoryQuery::default());
    let ent: Vec<&HistoryRow> = rows
        .iter()
        .filter(|r| r.code.as_deref() == Some("ENT-0001"))
        .collect();
    // Newest first: the restore (newest, nothing to go back to), the two edits, the creation.
    assert_eq!(
        ent.iter()
            .map(|r| (r.action.as_str(), r.restorable))
            .collect::<Vec<_>>(),
        [
            ("restore_value", false),
            ("update", true),
            ("update", true),
            ("insert", true)
        ]
    );
    // The restore says what it put back.
    let back = &ent[0].changes;
    assert_eq!(back.len(), 1, "{back:?}");
    assert_eq!(back[0].before.zh, "411521 罗山县");
    assert_eq!(back[0].after.zh, "411500 信阳市");
    assert_eq!(ent[0].action_label.zh, "还原旧值");

    for r in &rows {
        if r.step.is_some() || r.kind == Some(RecordKind::Application) || r.kind.is_none() {
            assert!(!r.restorable, "{r:?}");
        }
    }
}

#[test]
fn pages_and_filters() {
    let (_d, ws) = busy();
    let all = page(&ws, HistoryQuery::default());
    let first = ws
        .history(&HistoryQuery {
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert!(first.more);
    assert_eq!(first.rows.len(), 10);
    assert_eq!(first.actors, ["张科员", "王科长"]);
    let next = page(
        &ws,
        HistoryQuery {
            offset: 10,
            ..Default::default()
        },
    );
    assert_eq!(next.len(), all.len() - 10);
    assert!(next[0].seq < first.rows[9].seq);
    let mine = page(
        &ws,
        HistoryQuery {
            actor: Some("张科员".into()),
            ..Default::default()
        },
    );
    assert!(!mine.is_empty() && mine.iter().all(|r| r.actor == "张科员"));
    assert_eq!(
        mine.len(),
        all.iter().filter(|r| r.actor == "张科员").count()
    );
    let marks = page(
        &ws,
        HistoryQuery {
            entity: Some("trademark".into()),
            ..Default::default()
        },
    );
    assert!(!marks.is_empty() && marks.iter().all(|r| r.kind == Some(RecordKind::Trademark)));
    let one = page(
        &ws,
        HistoryQuery {
            entity: Some("enterprise".into()),
            record: Some("ENT-0001".into()),
            ..Default::default()
        },
    );
    assert_eq!(one.len(), 4);
    // Days: none in 2000, all between 2000 and 2100, whatever the zone.
    let days = |from: &str, to: &str| {
        page(
            &ws,
            HistoryQuery {
                from: Some(from.into()),
                to: Some(to.into()),
                ..Default::default()
            },
        )
        .len()
    };
    assert_eq!(days("2000-01-01", "2000-12-31"), 0);
    assert_eq!(days("2000-01-01", "2100-12-31"), all.len());
    assert!(
        ws.history(&HistoryQuery {
            record: Some("ENT-0001".into()),
            ..Default::default()
        })
        .is_err()
    );
    let bad = ws
        .history(&HistoryQuery {
            from: Some("2026-13-01".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("from"));
}

/// Write the busy workspace's history where the UI's tests replay it (`make bindings` fails
/// when the committed file is stale). Times are fixed: the rows are as the api words them.
#[test]
fn export_history_fixture() {
    let (_d, ws) = busy();
    let mut page = ws
        .history(&HistoryQuery {
            limit: 500,
            ..Default::default()
        })
        .unwrap();
    for r in &mut page.rows {
        r.at = "2026-11-27T02:00:00.000Z".into();
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src/api/bindings/history.json");
    let text = serde_json::to_string_pretty(&page).unwrap() + "\n";
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).unwrap();
    }
}

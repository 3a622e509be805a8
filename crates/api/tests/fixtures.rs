//! Answers the UI's tests replay: what the real api returns for the sample workspace, written
//! beside the bindings (`make bindings` fails when a committed one is stale), so vitest checks
//! the screens against Rust's output rather than a TypeScript restatement of the rules.

mod common;

use std::path::Path;

use terroir_api::Workspace;
use terroir_api::dossier::{BatchSelection, DossierSettings};

fn write_fixture(name: &str, value: &impl serde::Serialize) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src/api/bindings")
        .join(name);
    let text = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).unwrap();
    }
}

/// The check before a batch of every product: on a fresh sample (the settings missing, every
/// product lacking something), then with the settings filled in and a photo on 信阳毛尖 (the
/// only product then complete).
#[test]
fn export_dossier_check_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));
    let fresh = ws.dossier_check(&BatchSelection::All).unwrap();
    assert_eq!(fresh.settings.len(), 2);
    assert_eq!(fresh.incomplete.len() as u32, fresh.total);

    let photo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dossier/tests/fixtures/gray.jpg");
    ws.add_photo("GI-0001", &photo, Some("茶园")).unwrap();
    ws.set_dossier_settings(&DossierSettings {
        issuer: Some("信阳市市场监督管理局（知识产权局）".into()),
        issuer_contact: Some("0376-6200000".into()),
        qr_template: String::new(),
    })
    .unwrap();
    let ready = ws.dossier_check(&BatchSelection::All).unwrap();
    assert!(ready.settings.is_empty());
    assert_eq!(ready.complete, ["GI-0001"]);
    write_fixture(
        "dossier-check.json",
        &serde_json::json!({ "fresh": fresh, "ready": ready }),
    );
}

/// What each kind's list can be filtered and sorted by, as the UI asks for it.
#[test]
fn export_list_facets_fixture() {
    let all: serde_json::Map<String, serde_json::Value> = terroir_api::core::RecordKind::ALL
        .iter()
        .map(|k| {
            (
                k.key().to_owned(),
                serde_json::to_value(terroir_api::lists::facets(*k)).unwrap(),
            )
        })
        .collect();
    write_fixture("list-facets.json", &all);
}

/// A review page's decision: an award application under review, before a budget is set (over:
/// approval needs a reason) and after (within).
#[test]
fn export_review_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));
    let code = common::award(&mut ws, vec![]);
    let without = ws.review(&code).unwrap();
    ws.set_budget("411500", 2026, "250000", None).unwrap();
    let within = ws.review(&code).unwrap();
    assert!(without.budgets[0].over && !within.budgets[0].over);
    write_fixture(
        "review.json",
        &serde_json::json!({ "without_budget": without, "within_budget": within }),
    );
}

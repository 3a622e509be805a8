//! The sample catalogue states only what `../shared/docs/domain.md` lists ("Xinyang facts for
//! the sample catalogue"): every registration number, announcement, certificate and date a
//! real-named record carries is on the allow-list below, taken from that table; anything
//! invented sits on a record named 示例. Production areas are recorded only where the table
//! gives one (信阳毛尖's, which belongs to the agricultural GI AGI03182).

use serde_json::Value;
use terroir_api::{Show, Workspace, core::RecordKind};

/// Identifiers and dates domain.md gives for the Xinyang products.
const ALLOWED: &[&str] = &[
    "国家质检总局2002年第87号公告",
    "3047772",
    "AGI03182",
    "GB/T 22737-2008",
];

fn sample() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    (dir, ws)
}

fn records(ws: &Workspace, kind: RecordKind) -> Vec<(String, Value)> {
    ws.list(kind, Show::Live, 1000, 0)
        .unwrap()
        .items
        .into_iter()
        .map(|r| (r.name.clone(), serde_json::to_value(r.data()).unwrap()))
        .collect()
}

fn invented(name: &str) -> bool {
    name.contains("示例")
}

#[test]
fn sample_facts_are_on_the_allow_list() {
    let (_dir, ws) = sample();
    for (name, tm) in records(&ws, RecordKind::Trademark) {
        if invented(&name) {
            continue;
        }
        let reg_no = tm["reg_no"].as_str().unwrap();
        assert!(ALLOWED.contains(&reg_no), "{name}: {reg_no}");
        // domain.md gives the year (2003), not the day: no date is made up.
        assert!(tm["registered_on"].is_null(), "{name}");
        assert!(tm["filed_on"].is_null(), "{name}");
    }
    for (name, e) in records(&ws, RecordKind::Enterprise) {
        if !invented(&name) {
            assert!(
                e["credit_code"].is_null(),
                "{name}: a real body's code is not invented"
            );
        }
    }
    for (name, g) in records(&ws, RecordKind::Gi) {
        assert!(!invented(&name), "the products are the real Xinyang ones");
        assert!(
            g["responsible"].is_string(),
            "{name} has a responsible division"
        );
        for p in g["protections"].as_array().unwrap() {
            for key in ["announcement_no", "certificate_no", "standard_no"] {
                if let Some(v) = p[key].as_str() {
                    assert!(ALLOWED.contains(&v), "{name}: {key} {v}");
                }
            }
            for key in ["announced_on", "registered_on"] {
                assert!(p[key].is_null(), "{name}: no date is made up ({key})");
            }
            // The origin mark is recorded as what it is, not as a GI product approval.
            assert_ne!(p["regime"], "product_approval", "{name}");
        }
        let area = &g["area"]["divisions"];
        if name == "信阳毛尖" {
            assert_eq!(area.as_array().unwrap().len(), 8);
            let said = g["area"]["description"].as_str().unwrap();
            assert!(said.starts_with("农产品地理标志 AGI03182"), "{said}");
        } else {
            assert_eq!(area, &Value::Array(vec![]), "{name}: area not in domain.md");
        }
    }
}

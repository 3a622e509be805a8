//! Set-ups several test files share.
// Each test file is its own crate and uses only some of them.
#![allow(dead_code)]

use serde_json::json;
use terroir_api::Workspace;
use terroir_api::core::RecordKind;
use terroir_api::workbench::ApplicationStep;

/// A Xinyang award rule for GI marks (¥100,000), a GI mark of ENT-0001 registered on
/// 2026-03-01, and ENT-0001's award application claiming it, submitted. Returns the
/// application's code.
pub fn submitted_award(ws: &mut Workspace) -> String {
    ws.add(
        RecordKind::IncentiveRule,
        json!({
            "title": "地理标志商标注册奖励", "item": "gi_trademark", "amount": "100000",
            "jurisdiction": "411500", "policy_no": "信政〔2026〕8号", "valid_from": "2026-01-01",
        }),
    )
    .unwrap();
    ws.add(
        RecordKind::Trademark,
        json!({
            "reg_no": "90000101", "name": "示例地理标志", "classes": ["30"],
            "registrant": "ENT-0001", "kind": "collective", "gi": true,
            "registered_on": "2026-03-01",
        }),
    )
    .unwrap();
    let app = ws
        .add(
            RecordKind::Application,
            json!({
                "kind": "award", "enterprise": "ENT-0001", "title": "地理标志商标奖励",
                "claims": [{ "item": "gi_trademark", "achieved_on": "2026-03-01", "proof": "90000101" }],
            }),
        )
        .unwrap();
    ws.application_step(&app.code, ApplicationStep::Submit { on: None })
        .unwrap();
    app.code
}

/// [`submitted_award`]'s application put under review by 李审核 and then taken through `then`.
pub fn award(ws: &mut Workspace, then: Vec<ApplicationStep>) -> String {
    let code = submitted_award(ws);
    let first = ApplicationStep::StartReview {
        on: None,
        reviewer: "李审核".into(),
    };
    for step in std::iter::once(first).chain(then) {
        ws.application_step(&code, step).unwrap();
    }
    code
}

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

/// Rust's answers the mock replays where a screen shows a rule's outcome, so that no rule is
/// restated in TypeScript: what the forms refuse (a case's fields, as typed, and the problems
/// Rust reports on them), the fields each form requires, what printing refuses and warns
/// about, which products a county's batch takes, and an imported trademark's summary.
#[test]
fn export_replies_fixture() {
    use serde_json::{Value, json};
    use terroir_api::core::RecordKind;
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));

    // Ids as `sample.json` numbers them (the search hits carry them).
    let ids = fixture_ids(&ws);
    // Searches as the screens ask them (the reference select: a kind, 20 hits; the top bar:
    // every kind, 8), the time taken left out; on the sample as loaded.
    let searches: Vec<Value> = [
        ("云雾", Some(RecordKind::Enterprise), 20),
        ("信阳", None, 8),
        ("毛尖", None, 8),
        ("xymj", None, 8),
        ("固始", None, 8),
        ("9141", None, 8),
    ]
    .into_iter()
    .map(|(query, kind, limit)| {
        let mut reply = json!(ws.search(query, kind, limit).unwrap());
        reply["took_us"] = json!(0);
        json!({ "args": { "query": query, "kind": kind, "limit": limit }, "reply": reply })
    })
    .collect();
    let claim = json!({ "item": "gi_trademark", "achieved_on": "2026-03-01" });
    let cases: [(RecordKind, Value); 5] = [
        (
            RecordKind::Enterprise,
            json!({ "credit_code": "91411502MA45TY0012" }),
        ),
        (
            RecordKind::Enterprise,
            json!({ "credit_code": "91411502MA45TY001" }),
        ),
        (RecordKind::Trademark, json!({ "classes": ["30", "50"] })),
        (
            RecordKind::Application,
            json!({ "kind": "guidance", "claims": [claim] }),
        ),
        (RecordKind::IncentiveRule, json!({ "amount": "十万元" })),
    ];
    let refusals: Vec<Value> = cases
        .iter()
        .map(|(kind, input)| {
            let typed: Vec<&String> = input.as_object().unwrap().keys().collect();
            let err = ws.add(*kind, input.clone()).unwrap_err();
            // Only what the case's own fields drew: the others are blank here.
            let problems: Vec<_> = err
                .problems
                .iter()
                .filter(|p| {
                    p.field.as_deref().is_some_and(|f| {
                        typed
                            .iter()
                            .any(|t| f == t.as_str() || f.starts_with(&format!("{t}[")))
                    }) && p.rule.key() != "required"
                })
                .collect();
            assert!(!problems.is_empty(), "{kind:?} {input}: {err:?}");
            json!({ "kind": kind, "input": input, "problems": problems })
        })
        .collect();
    let required: serde_json::Map<String, Value> = RecordKind::ALL
        .iter()
        .map(|kind| {
            let err = ws.add(*kind, json!({})).unwrap_err();
            let fields: Vec<_> = err
                .problems
                .iter()
                .filter(|p| p.rule.key() == "required")
                .cloned()
                .collect();
            (kind.key().to_owned(), json!(fields))
        })
        .collect();

    let wording = ws
        .set_dossier_settings(&DossierSettings {
            issuer: Some("驰名商标办公室".into()),
            issuer_contact: Some("0376-6200000".into()),
            qr_template: String::new(),
        })
        .unwrap_err();
    ws.set_dossier_settings(&DossierSettings {
        issuer: Some("信阳市市场监督管理局（知识产权局）".into()),
        issuer_contact: Some("0376-6200000".into()),
        qr_template: String::new(),
    })
    .unwrap();

    // Which products a county's batch takes (responsible division, else production area).
    let mut selections = serde_json::Map::new();
    for code in [
        "411500", "411502", "411521", "411522", "411524", "411525", "411528",
    ] {
        let check = ws
            .dossier_check(&BatchSelection::County { code: code.into() })
            .unwrap();
        let mut codes: Vec<String> = check.complete.clone();
        codes.extend(check.incomplete.iter().map(|i| i.code.clone()));
        codes.sort();
        selections.insert(code.into(), json!(codes));
    }
    let bad_county = ws
        .dossier_check(&BatchSelection::County {
            code: "41152x".into(),
        })
        .unwrap_err();

    // What each product's print warns about, and a print refused for an approved user's name.
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut warnings = serde_json::Map::new();
    for r in ws
        .list(RecordKind::Gi, terroir_api::Show::Live, 50, 0)
        .unwrap()
        .items
    {
        let printed = ws
            .print_dossier_to(&r.code, &out.join(format!("{}.pdf", r.code)))
            .unwrap();
        warnings.insert(r.code.clone(), json!(printed.warnings));
    }
    let user = ws
        .list(RecordKind::User, terroir_api::Show::Live, 50, 0)
        .unwrap()
        .items
        .into_iter()
        .find(|u| u.summary()["stage"] == "active")
        .expect("the sample has an approved user");
    let gi = user.summary()["gi"].as_str().unwrap().to_owned();
    let enterprise = ws
        .show(
            RecordKind::Enterprise,
            user.data()["enterprise_id"].as_str().unwrap(),
        )
        .unwrap();
    ws.edit(
        RecordKind::Enterprise,
        &enterprise.code,
        json!({ "name": "驰名商标茶业有限公司" }),
        None,
        None,
    )
    .unwrap();
    let refused = ws
        .print_dossier_to(&gi, &out.join("refused.pdf"))
        .unwrap_err();

    let imported = ws
        .add(
            RecordKind::Trademark,
            json!({
                "reg_no": "90000005", "name": "蓼城（示例）", "classes": ["30"], "goods": "茶叶",
                "registrant": "ENT-0005", "kind": "ordinary", "gi": false,
                "filed_on": "2024-05-10", "registered_on": "2025-06-21",
            }),
        )
        .unwrap();
    write_fixture(
        "replies.json",
        &as_fixture(
            &json!({
                "refusals": refusals,
                "required": required,
                "settings_refused": { "issuer": "驰名商标办公室", "error": wording },
                "selections": selections,
                "bad_county": { "code": "41152x", "error": bad_county },
                "print_warnings": warnings,
                "print_refused": { "code": gi, "error": refused },
                "imported_trademark": imported.summary(),
                "searches": searches,
            }),
            &ids,
        ),
    );
}

/// The sample as the mock serves it: every record of every kind (summaries, offers and all, as
/// listed on the fixture's day), the divisions and categories `workspace_info` lists, and the
/// answers the mock replays for it (the overview, the deadlines within each horizon the
/// deadlines page offers, each candidate's readiness, each application's eligibility), then an
/// award application for the screens the sample has none for. Ids and timestamps are fresh on
/// every run, so they are renumbered here: the fixture changes only when the sample or the
/// rules do.
#[test]
fn export_sample_fixture() {
    use serde_json::{Value, json};
    use terroir_api::core::RecordKind;
    use terroir_api::workbench::ApplicationStep;
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));

    let mut records = Vec::new();
    for kind in RecordKind::ALL.iter().copied() {
        let page = ws.list(kind, terroir_api::Show::All, 500, 0).unwrap();
        assert_eq!(page.total as usize, page.items.len());
        records.extend(page.items);
    }
    let code_of = |kind: RecordKind| -> Vec<String> {
        records
            .iter()
            .filter(|r| r.kind() == kind)
            .map(|r| r.code.clone())
            .collect()
    };
    let readiness: serde_json::Map<String, Value> = code_of(RecordKind::Candidate)
        .into_iter()
        .map(|c| {
            let r = ws.readiness(&c, None, None, None).unwrap();
            (c, json!(r))
        })
        .collect();
    let mut eligibility: serde_json::Map<String, Value> = code_of(RecordKind::Application)
        .into_iter()
        .map(|c| {
            let e = ws.eligibility(&c, None).unwrap();
            (c, json!(e))
        })
        .collect();
    let info = ws.info().unwrap();
    let overview = ws.overview().unwrap();
    let deadlines: serde_json::Map<String, Value> = ["30d", "90d", "180d", "365d"]
        .into_iter()
        .map(|w| (w.to_owned(), json!(ws.deadlines(w).unwrap())))
        .collect();

    // The sample has no award application: the screens' award flow gets `common`'s, with a
    // lapsed 2021 rule beside the one in force, submitted; its review is Rust's once it is
    // under review (over before a budget is set, within once 411500 has 250,000 for 2026).
    let code = add_award(&mut ws);
    let award: Vec<_> = RecordKind::ALL
        .iter()
        .flat_map(|k| ws.list(*k, terroir_api::Show::All, 500, 0).unwrap().items)
        .filter(|r| !r.sample)
        .collect();
    let submitted = ws.eligibility(&code, None).unwrap();
    assert!(submitted.lines.iter().any(|l| l.lapsed));
    eligibility.insert(code.clone(), json!(submitted));
    ws.application_step(
        &code,
        ApplicationStep::StartReview {
            on: None,
            reviewer: "李审核".into(),
        },
    )
    .unwrap();
    assert!(ws.review(&code).unwrap().budgets[0].over);
    ws.set_budget("411500", 2026, "250000", None).unwrap();
    let review = ws.review(&code).unwrap();
    assert!(!review.budgets[0].over);

    let ids = fixture_ids(&ws);
    let value = json!({
        "records": records,
        "divisions": info.divisions,
        "categories": info.categories,
        "overview": overview,
        "deadlines": deadlines,
        "readiness": readiness,
        "eligibility": eligibility,
        "award": { "records": award, "review": review },
    });
    write_fixture("sample.json", &as_fixture(&value, &ids));
}

/// The award application the screens' award flow shows: `common`'s, submitted, with a lapsed
/// 2021 rule beside the one in force. Returns its code.
fn add_award(ws: &mut Workspace) -> String {
    ws.add(
        terroir_api::core::RecordKind::IncentiveRule,
        serde_json::json!({
            "title": "地理标志商标注册奖励（2021 年政策）", "item": "gi_trademark", "amount": "30000",
            "jurisdiction": "411500", "policy_no": "信政〔2021〕5号",
            "valid_from": "2021-01-01", "valid_to": "2023-12-31",
        }),
    )
    .unwrap();
    common::submitted_award(ws)
}

/// The sample as `sample.json` holds it: the sample, a lapsed 2021 rule and the submitted award
/// application.
fn sample_with_award(db: &Path) -> Workspace {
    let mut ws = Workspace::create_with_sample(db, "测试员").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));
    add_award(&mut ws);
    ws
}

/// The record ids in the order fixtures number them: the sample's records, then the others,
/// each by kind and code.
fn fixture_ids(ws: &Workspace) -> Vec<String> {
    let all: Vec<_> = terroir_api::core::RecordKind::ALL
        .iter()
        .flat_map(|k| ws.list(*k, terroir_api::Show::All, 500, 0).unwrap().items)
        .collect();
    all.iter()
        .filter(|r| r.sample)
        .chain(all.iter().filter(|r| !r.sample))
        .map(|r| r.id.clone())
        .collect()
}

/// A value as fixtures hold it: ids numbered as `sample.json` numbers them, and the moments a
/// record was written fixed (they are the clock's, not the answer's).
fn as_fixture(value: &serde_json::Value, ids: &[String]) -> serde_json::Value {
    fn fix_times(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if ["created_at", "updated_at", "added_at", "entered_at"].contains(&k.as_str())
                        && x.is_string()
                    {
                        *x = "2026-03-01T09:00:00Z".into();
                    } else {
                        fix_times(x);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(fix_times),
            _ => {}
        }
    }
    let mut text = value.to_string();
    for (n, id) in ids.iter().enumerate() {
        text = text.replace(id, &format!("00000000-0000-4000-8000-{:012}", n + 1));
    }
    let mut v = serde_json::from_str(&text).unwrap();
    fix_times(&mut v);
    v
}

/// The calls the screens make that change the workbench (application steps, evidence, a
/// recognition, budgets) with Rust's answers, for the mock to replay instead of restating the
/// flow, the evidence rules, eligibility and the ledger. Each scenario starts from its own
/// copy of the sample (`sample_with_award`); a call is keyed by its arguments and the version
/// of the record it changes (for budgets and the ledger, by how many budgets were set before).
#[test]
fn export_calls_fixture() {
    use serde_json::{Value, json};
    use terroir_api::core::RecordKind;
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    let ids = fixture_ids(&sample_with_award(&base));
    // A scan to attach: a 12-page PDF, the same bytes every run.
    let scan = dir.path().join("扫描件1.pdf");
    {
        use lopdf::{Document, Object, dictionary};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let kids: Vec<Object> = (0..12)
            .map(|_| {
                doc.add_object(dictionary! {
                    "Type" => "Page", "Parent" => pages_id,
                    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                })
                .into()
            })
            .collect();
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 12 }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        doc.save(&scan).unwrap();
    }
    let step = |key: &str, step: Value| json!({ "cmd": "application_step", "args": { "key": key, "step": step } });
    let scenarios: Vec<Vec<Value>> = vec![
        vec![step(
            "APP-0001",
            json!({ "step": "reject", "on": "2026-11-27", "reason": "证明材料与商标注册证不一致" }),
        )],
        vec![
            step(
                "APP-0002",
                json!({ "step": "start_review", "on": null, "reviewer": "李审核" }),
            ),
            step(
                "APP-0002",
                json!({ "step": "approve", "on": "2026-11-27", "note": "checked", "over_budget_reason": null }),
            ),
            step(
                "APP-0002",
                json!({ "step": "approve", "on": "2026-11-27", "note": "checked",
                        "over_budget_reason": "Approved by the county government meeting" }),
            ),
        ],
        vec![
            json!({ "cmd": "add_evidence", "args": { "key": "WKM-0001", "input": {
                "title": "2024 年央视广告合同", "factor": "", "period": "近几年", "source": "", "notes": null } } }),
            json!({ "cmd": "add_evidence", "args": { "key": "WKM-0001", "input": {
                "title": "2024 年央视广告合同", "factor": "publicity", "period": "2024",
                "source": "中央广播电视总台", "notes": null } } }),
            json!({ "cmd": "attach_evidence", "args": { "key": "WKM-0001", "no": 9 } }),
            json!({ "cmd": "remove_evidence", "args": { "key": "WKM-0001", "no": 9, "reason": "重复登记" } }),
        ],
        vec![
            json!({ "cmd": "record_recognition", "args": { "key": "WKM-0001", "input": {
                "authority": "国家知识产权局", "case_no": "", "decided_on": "去年", "proceeding": "" } } }),
        ],
        vec![
            json!({ "cmd": "ledger", "args": { "year": 2026, "jurisdiction": null } }),
            json!({ "cmd": "set_budget", "args": { "jurisdiction": "411525", "year": 2026, "amount": "300,000", "reason": null } }),
            json!({ "cmd": "ledger", "args": { "year": 2026, "jurisdiction": null } }),
            json!({ "cmd": "ledger", "args": { "year": 2026, "jurisdiction": "411525" } }),
        ],
    ];
    let mut recorded = vec![];
    for (n, calls) in scenarios.into_iter().enumerate() {
        let db = dir.path().join(format!("scenario-{n}.db"));
        std::fs::copy(&base, &db).unwrap();
        let mut ws = Workspace::open(&db, "测试员").unwrap();
        ws.set_today(Some("2026-11-27".parse().unwrap()));
        let mut budgets = 0;
        for call in calls {
            let (cmd, a) = (call["cmd"].as_str().unwrap(), &call["args"]);
            let key = a["key"].as_str().unwrap_or_default();
            let of = |kind| serde_json::from_value::<String>(json!(kind)).ok();
            let kind = match cmd {
                "application_step" => of(RecordKind::Application),
                "ledger" | "set_budget" => None,
                _ => of(RecordKind::Candidate),
            };
            let version = match &kind {
                Some(_) if cmd == "application_step" => {
                    ws.show(RecordKind::Application, key).unwrap().version as i64
                }
                Some(_) => ws.show(RecordKind::Candidate, key).unwrap().version as i64,
                None => budgets,
            };
            let text = |v: &Value| v.as_str().map(str::to_owned);
            let answer: Result<Value, terroir_api::ApiError> = match cmd {
                "application_step" => ws
                    .application_step(key, serde_json::from_value(a["step"].clone()).unwrap())
                    .map(|r| json!(r)),
                "add_evidence" => ws
                    .add_evidence(
                        key,
                        &serde_json::from_value(a["input"].clone()).unwrap(),
                        &[],
                    )
                    .map(|r| json!(r)),
                "attach_evidence" => ws
                    .attach_evidence(
                        key,
                        a["no"].as_u64().unwrap() as u32,
                        std::slice::from_ref(&scan),
                    )
                    .map(|r| json!(r)),
                "remove_evidence" => ws
                    .remove_evidence(
                        key,
                        a["no"].as_u64().unwrap() as u32,
                        text(&a["reason"]).as_deref(),
                    )
                    .map(|r| json!(r)),
                "record_recognition" => ws
                    .record_recognition(key, &serde_json::from_value(a["input"].clone()).unwrap())
                    .map(|r| json!(r)),
                "set_budget" => {
                    budgets += 1;
                    ws.set_budget(
                        a["jurisdiction"].as_str().unwrap(),
                        a["year"].as_i64().unwrap() as i32,
                        a["amount"].as_str().unwrap(),
                        text(&a["reason"]).as_deref(),
                    )
                    .map(|r| json!(r))
                }
                "ledger" => ws
                    .ledger(
                        a["year"].as_i64().map(|y| y as i32),
                        a["jurisdiction"].as_str(),
                        Some(200),
                    )
                    .map(|r| json!(r)),
                other => panic!("no recorder for {other}"),
            };
            let (reply, error) = match answer {
                Ok(v) => (v, Value::Null),
                Err(e) => (Value::Null, json!(e)),
            };
            recorded.push(json!({ "cmd": cmd, "args": a, "version": version, "reply": reply, "error": error }));
        }
    }
    // Every scenario meant to succeed did, and the refusals the screens show are there.
    let errors: Vec<&str> = recorded
        .iter()
        .filter_map(|c| c["error"]["rule"].as_str())
        .collect();
    assert_eq!(errors, ["budget_missing", "required", "required"]);
    assert!(
        recorded
            .iter()
            .filter(|c| c["cmd"] == "record_recognition")
            .flat_map(|c| c["error"]["problems"].as_array().unwrap())
            .any(|p| p["field"] == "decided_on" && p["rule"] == "date_format"),
        "{recorded:#?}"
    );
    write_fixture("calls.json", &as_fixture(&json!(recorded), &ids));
}

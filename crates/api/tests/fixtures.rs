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
/// about, and which products a county's batch takes.
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
    let cases: [(RecordKind, Value); 6] = [
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
        // A case's party rows as the form sends them: an organisation with a credit code one
        // character short, an enterprise not in the register.
        (
            RecordKind::Case,
            json!({ "parties": [
                { "name": "固始县某茶叶店", "credit_code": "91411525MA47RG003" },
                { "enterprise": "ENT-0099" },
            ] }),
        ),
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
                "searches": searches,
            }),
            &ids,
        ),
    );
}

/// The sample as the mock serves it: every record of every kind (summaries, offers and all, as
/// listed on the fixture's day), the divisions and categories `workspace_info` lists, and the
/// answers the mock replays for it (the overview, the deadlines within each horizon the
/// deadlines page offers, each candidate's readiness, each application's eligibility, each
/// record's form input, the calendar), then an award application for the screens the sample
/// has none for. Ids and timestamps are fresh on
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
    let overview_deadlines = ws.overview_deadlines().unwrap();
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
    // What each record's edit form starts from, by code and version (an edit the mock
    // replays gives a version this does not have).
    let inputs: serde_json::Map<String, Value> = records
        .iter()
        .chain(&award)
        .map(|r| {
            let input = ws.input_of(r.kind(), &r.code).unwrap();
            (format!("{}@{}", r.code, r.version), input)
        })
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
        "overview_deadlines": overview_deadlines,
        "readiness": readiness,
        "eligibility": eligibility,
        "award": { "records": award, "review": review },
        "inputs": inputs,
        "calendar": ws.calendar_years().unwrap(),
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
                    if [
                        "created_at",
                        "updated_at",
                        "added_at",
                        "entered_at",
                        "theirs_entered_at",
                        "ours_entered_at",
                    ]
                    .contains(&k.as_str())
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

/// The calls the screens make that change records (forms, application steps, evidence, a
/// recognition, budgets, the calendar) with Rust's answers, for the mock to replay instead of
/// restating the forms' rules, the flow, the evidence rules, eligibility and the ledger. Each
/// scenario starts from its own copy of the sample (with the award set-up for the
/// workbench's); a call is keyed by its arguments and the version of the record it changes
/// (for budgets and the ledger, by how many budgets were set before; 0 for a new record or a
/// calendar year).
/// The plan's commands: their answers are keyed by how many times the plan's data were set.
const PLAN: &[&str] = &[
    "targets_progress",
    "target_progress",
    "target_counted",
    "set_target_value",
    "gi_stats",
    "set_gi_stats",
    "remove_gi_stats",
    "kpi_sets",
    "set_kpi_set",
    "zone_kpis",
    "financing_totals",
    "data_freshness",
    "dashboard",
];

#[test]
fn export_calls_fixture() {
    use serde_json::{Value, json};
    use terroir_api::core::RecordKind;
    let dir = tempfile::tempdir().unwrap();
    let bases = bases(dir.path());
    let mut ids = bases.ids.clone();
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
    let edit = |key: &str, patch: Value, reason: &str| {
        json!({ "cmd": "edit_record", "args": {
        "kind": "enterprise", "key": key, "patch": patch, "reason": reason, "version": null } })
    };
    let draft = |input: Value| json!({ "cmd": "add_record", "args": { "kind": "application", "input": input } });
    let year = |source: Value| {
        json!({ "cmd": "set_calendar_year", "args": { "year": 2027, "input": {
        "holidays": ["01-01", "02-06..02-12"], "workdays": ["02-20"], "source": source }, "reason": null } })
    };
    // The screens' forms on the sample (`plain`): a guidance draft for an enterprise and one for
    // a candidate, an enterprise's address filled in, next year's calendar refused without its
    // source and entered with it.
    let forms: Vec<Vec<Value>> = vec![
        vec![draft(
            json!({ "kind": "guidance", "enterprise": "ENT-0003", "title": "地理标志使用指导",
            "claims": [], "notes": null }),
        )],
        vec![draft(
            json!({ "kind": "guidance", "enterprise": "ENT-0006", "subject_kind": "candidate",
            "subject": "WKM-0001", "title": "驰名商标申请指导", "claims": [], "notes": null }),
        )],
        vec![edit(
            "ENT-0001",
            json!({ "address": "信阳市浉河区" }),
            "补录地址",
        )],
        vec![year(Value::Null), year(json!("国办发明电〔2026〕1号"))],
    ];
    let workbench: Vec<Vec<Value>> = vec![
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
    // Enforcement cases on the sample (`plain`): a case opened from the form, then 调查, a
    // decision whose fine is over the art. 60 limit (refused), the decision within it and 结案;
    // the sample's wording case decided with a fine other than ¥100,000 (warned). Then the
    // statistics form: its rows, the year's figures (all, a county, a period the wrong way
    // round), rows refused for a blank label, rows set, and both again.
    let case_step = |key: &str, step: Value| json!({ "cmd": "case_step", "args": { "key": key, "step": step } });
    let decide = |number: &str, fine: &str, confiscation: Value| {
        json!({ "step": "decide", "on": "2026-11-27", "penalised": true, "number": number,
                "fine": fine, "confiscation": confiscation, "order_to_stop": true,
                "supplier": null, "reason": null })
    };
    let stats = |from: &str, to: &str, division: Value| json!({ "cmd": "enforcement_stats", "args": { "from": from, "to": to, "division": division } });
    let form_rows = {
        let ws = copy_of(&bases.plain, &dir.path().join("form.db"));
        json!(ws.stats_form().unwrap())
    };
    let mut blank_label = form_rows.clone();
    blank_label[0]["label"] = json!("");
    let mut edited = form_rows.clone();
    edited[0]["label"] = json!("侵犯注册商标专用权案件（件）");
    edited
        .as_array_mut()
        .unwrap()
        .push(json!({ "label": "商标侵权罚款（元）", "kinds": ["mark_infringement"], "measure": "fines" }));
    let year = || stats("2026-01-01", "2026-12-31", Value::Null);
    let cases: Vec<Vec<Value>> = vec![
        vec![
            json!({ "cmd": "add_record", "args": { "kind": "case", "input": {
                "case_no": "固市监处〔2026〕21号", "kind": "mark_infringement", "source": "inspection",
                "jurisdiction": "411525", "opened_on": "2026-11-20",
                "parties": [{ "enterprise": "ENT-0005" }, { "name": "张某", "person": true }],
                "related": ["TM-0002"],
                "facts": "在超市销售标有“云雾山”字样的茶叶，经商标注册人辨认为侵权商品。",
                "turnover": "30000" } } }),
            case_step(
                "CASE-0004",
                json!({ "step": "investigate", "on": "2026-11-27", "investigator": "张执法" }),
            ),
            case_step(
                "CASE-0004",
                decide("固市监罚〔2026〕21号", "300000", Value::Null),
            ),
            case_step(
                "CASE-0004",
                decide("固市监罚〔2026〕21号", "50000", json!("侵权茶叶 40 盒")),
            ),
            case_step(
                "CASE-0004",
                json!({ "step": "close", "on": "2026-11-27", "note": null }),
            ),
        ],
        vec![case_step(
            "CASE-0002",
            decide("罗市监罚〔2026〕9号", "50000", Value::Null),
        )],
        vec![
            json!({ "cmd": "stats_form", "args": {} }),
            year(),
            stats("2026-01-01", "2026-12-31", json!("411502")),
            stats("2026-12-31", "2026-01-01", Value::Null),
            json!({ "cmd": "set_stats_form", "args": { "rows": blank_label, "reason": null } }),
            json!({ "cmd": "set_stats_form", "args": { "rows": edited, "reason": "按省局 2026 年报表调整" } }),
            json!({ "cmd": "stats_form", "args": {} }),
            year(),
        ],
        // The bureau's fine limits: none shipped, one set, one refused where the law sets it.
        vec![
            json!({ "cmd": "fine_limits", "args": {} }),
            json!({ "cmd": "set_fine_limit", "args": { "kind": "mark_infringement", "max": "1000", "basis": "x", "reason": null } }),
            json!({ "cmd": "set_fine_limit", "args": { "kind": "gi_misuse", "max": "20000", "basis": null, "reason": null } }),
            json!({ "cmd": "set_fine_limit", "args": { "kind": "gi_misuse", "max": "20000", "basis": "信阳市市场监管行政处罚裁量基准（示例）", "reason": null } }),
            json!({ "cmd": "fine_limits", "args": {} }),
        ],
    ];
    // The plan on the sample (`plain`): the targets' board (all, a county), one target, what
    // three of them count, a manual target's value refused without its source and entered;
    // the GI yearly statistics refused (output over the sector's) and set; the zone's KPIs; the
    // KPI rule sets and one set; financing totals for the city's counties and for a county.
    let board =
        |division: Value| json!({ "cmd": "targets_progress", "args": { "division": division } });
    let counted = |key: &str| json!({ "cmd": "target_counted", "args": { "key": key, "division": null, "limit": 100, "offset": 0 } });
    let value = |source: &str| json!({ "cmd": "set_target_value", "args": { "key": "TGT-0002", "year": 2023, "value": "9", "source": source, "reason": null } });
    let gi_stat = |output: &str| {
        json!({ "cmd": "set_gi_stats", "args": { "gi": "GI-0001", "input": {
        "year": "2026", "producers": "1200", "output_value": output, "sector_output": "20000000000",
        "area_mu": "2200000", "head_count": null, "e_commerce": "3500000000", "source": "信阳市农业农村局" }, "reason": null } })
    };
    let totals = |division: Value| json!({ "cmd": "financing_totals", "args": { "from": 2021, "to": 2026, "division": division } });
    let zone = json!({ "cmd": "zone_kpis", "args": { "key": "ZONE-0001" } });
    let dashboard = |division: Value| json!({ "cmd": "dashboard", "args": { "year": 2026, "division": division } });
    let plan: Vec<Vec<Value>> = vec![vec![
        dashboard(Value::Null),
        dashboard(json!("411525")),
        board(Value::Null),
        board(json!("411525")),
        zone.clone(),
        json!({ "cmd": "target_progress", "args": { "key": "TGT-0001" } }),
        counted("TGT-0001"),
        counted("TGT-0003"),
        counted("TGT-0004"),
        json!({ "cmd": "target_counted", "args": { "key": "TGT-0004", "division": "411502", "limit": 100, "offset": 0 } }),
        value(""),
        value("信阳市知识产权局 2023 年工作总结"),
        board(Value::Null),
        json!({ "cmd": "gi_stats", "args": { "gi": "GI-0001" } }),
        gi_stat("30000000000"),
        gi_stat("15000000000"),
        zone,
        json!({ "cmd": "remove_gi_stats", "args": { "gi": "GI-0001", "year": 2026, "reason": "录入有误" } }),
        json!({ "cmd": "kpi_sets", "args": {} }),
        json!({ "cmd": "set_kpi_set", "args": { "key": "henan", "name": "河南省示范区考核指标（示例）",
            "basis": "示例，待核实", "rules": { "min_users": "10", "min_authorised_pct": "60",
            "min_output": "500000000", "min_sector_pct": null }, "reason": null } }),
        totals(Value::Null),
        totals(json!("411500")),
        json!({ "cmd": "data_freshness", "args": { "division": null } }),
        // A loan against a mark with no registered pledge: refused at the item.
        json!({ "cmd": "add_record", "args": { "kind": "financing", "input": {
            "pledgor": "ENT-0001", "jurisdiction": "411502", "bank": "示例银行", "amount": "1000000", "loan_on": "2026-11-02",
            "items": [{ "trademark": "TM-0001" }, { "patent_no": "ZL202110000001.1", "patent_title": "一种茶叶加工方法" }] } } }),
    ]];
    let scenarios = forms
        .into_iter()
        .map(|calls| (&bases.plain, calls))
        .chain(workbench.into_iter().map(|calls| (&bases.award, calls)))
        .chain(cases.into_iter().map(|calls| (&bases.plain, calls)))
        .chain(plan.into_iter().map(|calls| (&bases.plain, calls)));
    let mut recorded = vec![];
    for (n, (base, calls)) in scenarios.enumerate() {
        let mut ws = copy_of(base, &dir.path().join(format!("scenario-{n}.db")));
        let mut budgets = 0;
        // How many times the statistics form's rows were set (its answers' version).
        let mut forms = 0;
        // How many times a fine limit was set (the limits' answers' version).
        let mut limits = 0;
        // How many times the plan's data were set (a target's value, statistics, a KPI set).
        let mut plans = 0;
        for call in calls {
            let (cmd, a) = (call["cmd"].as_str().unwrap(), &call["args"]);
            let key = a["key"].as_str().unwrap_or_default();
            let kind = match cmd {
                "application_step" => Some(RecordKind::Application),
                "case_step" => Some(RecordKind::Case),
                "edit_record" => serde_json::from_value(a["kind"].clone()).ok(),
                "ledger" | "set_budget" => None,
                "stats_form" | "set_stats_form" | "enforcement_stats" => None,
                "fine_limits" | "set_fine_limit" => None,
                "targets_progress" | "target_progress" | "target_counted" | "set_target_value" => {
                    None
                }
                "gi_stats" | "set_gi_stats" | "remove_gi_stats" | "kpi_sets" | "set_kpi_set"
                | "zone_kpis" => None,
                "financing_totals" | "data_freshness" | "dashboard" => None,
                "add_record" | "set_calendar_year" => None,
                _ => Some(RecordKind::Candidate),
            };
            let version = match kind {
                Some(kind) => ws.show(kind, key).unwrap().version as i64,
                None if cmd.ends_with("budget") || cmd == "ledger" => budgets,
                None if cmd.contains("stats") && !PLAN.contains(&cmd) => forms,
                None if cmd.contains("fine_limit") => limits,
                None if PLAN.contains(&cmd) => plans,
                None => 0,
            };
            let text = |v: &Value| v.as_str().map(str::to_owned);
            let answer: Result<Value, terroir_api::ApiError> = match cmd {
                "application_step" => ws
                    .application_step(key, serde_json::from_value(a["step"].clone()).unwrap())
                    .map(|r| json!(r)),
                "case_step" => ws
                    .case_step(key, serde_json::from_value(a["step"].clone()).unwrap())
                    .map(|r| json!(r)),
                "stats_form" => ws.stats_form().map(|r| json!(r)),
                "fine_limits" => ws.fine_limits().map(|r| json!(r)),
                "set_fine_limit" => ws
                    .set_fine_limit(
                        a["kind"].as_str().unwrap(),
                        a["max"].as_str(),
                        a["basis"].as_str(),
                        a["reason"].as_str(),
                    )
                    .map(|r| {
                        limits += 1;
                        json!(r)
                    }),
                "targets_progress" => ws
                    .targets_progress(a["division"].as_str())
                    .map(|r| json!(r)),
                "target_progress" => ws.target_progress(key).map(|r| json!(r)),
                "target_counted" => ws
                    .target_counted(key, a["division"].as_str(), 100, 0)
                    .map(|r| json!(r)),
                "set_target_value" => ws
                    .set_target_value(
                        key,
                        a["year"].as_i64().unwrap() as i32,
                        a["value"].as_str().unwrap(),
                        a["source"].as_str().unwrap(),
                        None,
                    )
                    .map(|r| {
                        plans += 1;
                        json!(r)
                    }),
                "gi_stats" => ws.gi_stats(a["gi"].as_str().unwrap()).map(|r| json!(r)),
                "set_gi_stats" => {
                    let gi = a["gi"].as_str().unwrap();
                    ws.set_gi_stats(gi, a["input"].clone(), None).map(|_| {
                        plans += 1;
                        json!(ws.gi_stats(gi).unwrap())
                    })
                }
                "remove_gi_stats" => {
                    let gi = a["gi"].as_str().unwrap();
                    let year = a["year"].as_i64().unwrap() as i32;
                    ws.remove_gi_stats(gi, year, text(&a["reason"]).as_deref())
                        .map(|()| {
                            plans += 1;
                            json!(ws.gi_stats(gi).unwrap())
                        })
                }
                "zone_kpis" => ws.zone_kpis(key).map(|r| json!(r)),
                "kpi_sets" => ws.kpi_sets().map(|r| json!(r)),
                "set_kpi_set" => ws
                    .set_kpi_set(
                        key,
                        a["name"].as_str().unwrap(),
                        a["basis"].as_str().unwrap(),
                        a["rules"].clone(),
                        None,
                    )
                    .map(|_| {
                        plans += 1;
                        json!(ws.kpi_sets().unwrap())
                    }),
                "financing_totals" => ws
                    .financing_totals(
                        a["from"].as_i64().unwrap() as i32,
                        a["to"].as_i64().unwrap() as i32,
                        a["division"].as_str(),
                    )
                    .map(|r| json!(r)),
                "data_freshness" => ws.data_freshness(a["division"].as_str()).map(|r| json!(r)),
                "dashboard" => ws
                    .dashboard(a["year"].as_i64().unwrap() as i32, a["division"].as_str())
                    .map(|r| json!(r)),
                "set_stats_form" => ws
                    .set_stats_form(
                        &serde_json::from_value::<Vec<_>>(a["rows"].clone()).unwrap(),
                        text(&a["reason"]).as_deref(),
                    )
                    .map(|()| {
                        forms += 1;
                        json!(ws.stats_form().unwrap())
                    }),
                "enforcement_stats" => ws
                    .enforcement_stats(
                        a["from"].as_str().unwrap(),
                        a["to"].as_str().unwrap(),
                        a["division"].as_str(),
                    )
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
                "add_record" => ws
                    .add(
                        serde_json::from_value(a["kind"].clone()).unwrap(),
                        a["input"].clone(),
                    )
                    .map(|r| json!(r)),
                "edit_record" => ws
                    .edit(
                        kind.unwrap(),
                        key,
                        a["patch"].clone(),
                        text(&a["reason"]).as_deref(),
                        a["version"].as_i64(),
                    )
                    .map(|r| json!(r)),
                "set_calendar_year" => ws
                    .set_calendar_year(
                        a["year"].as_i64().unwrap() as i32,
                        &serde_json::from_value(a["input"].clone()).unwrap(),
                        text(&a["reason"]).as_deref(),
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
        number_new(&ws, &mut ids);
    }
    // Every scenario meant to succeed did, and the refusals the screens show are there.
    let errors: Vec<&str> = recorded
        .iter()
        .filter_map(|c| c["error"]["rule"].as_str())
        .collect();
    assert_eq!(
        errors,
        [
            "required",
            "budget_missing",
            "required",
            "required",
            "fine_over_limit",
            "date_order",
            "required",
            "not_applicable",
            "required",
            "required",
            "output_over_sector",
            "pledge_not_registered"
        ]
    );
    // The sample's wording case, fined ¥50,000, is warned (the law says ¥100,000).
    assert!(
        recorded
            .iter()
            .filter(|c| c["args"]["key"] == "CASE-0002")
            .any(|c| c["reply"]["summary"]["warnings"][0]["rule"] == "wording_fine"),
        "{recorded:#?}"
    );
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

/// The sample before and after the award set-up, as scenarios copy them: `plain` is the
/// sample, `award` the same workspace with `add_award`'s records; `ids` numbers both (the
/// award's records after the sample's, as `sample.json` does).
struct Bases {
    plain: std::path::PathBuf,
    award: std::path::PathBuf,
    ids: Vec<String>,
}

fn bases(dir: &Path) -> Bases {
    let plain = dir.join("plain.db");
    drop(Workspace::create_with_sample(&plain, "测试员").unwrap());
    let award = dir.join("award.db");
    std::fs::copy(&plain, &award).unwrap();
    let mut ws = open_copy(&award);
    add_award(&mut ws);
    let ids = fixture_ids(&ws);
    Bases { plain, award, ids }
}

/// A workspace copied from `base` into `db`, on the fixture's day.
fn copy_of(base: &Path, db: &Path) -> Workspace {
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    std::fs::copy(base, db).unwrap();
    open_copy(db)
}

fn open_copy(db: &Path) -> Workspace {
    let mut ws = Workspace::open(db, "测试员").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));
    ws
}

/// Number the records a scenario made: appended to `ids` (after every base record, so no
/// scenario's record takes a number the sample or the award set-up uses).
fn number_new(ws: &Workspace, ids: &mut Vec<String>) {
    for id in fixture_ids(ws) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
}

/// One CSV line, quoted where a value needs it.
fn csv_line(cells: &[&str]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                (*c).to_owned()
            }
        })
        .collect();
    quoted.join(",") + "\n"
}

/// A valid credit code for a new enterprise of division `division`: Rust's check character.
fn credit_code(first: &str) -> String {
    let check = terroir_api::core::credit_code::check_char(first).unwrap();
    format!("{first}{check}")
}

/// The spreadsheets the mock's file dialog "picks", one per kind the wizard imports, with what
/// Rust reports on each (the preview, then the import) and the records the import wrote:
/// - enterprises: two new, two registered ones changed and two as they are (matched by credit
///   code), under a title row, with two columns Rust does not know;
/// - authorised users: three new and a row naming an enterprise that is not registered;
/// - products: three new, under two title rows;
/// - trademarks: two new.
fn import_scenarios(dir: &Path, bases: &Bases, ids: &mut Vec<String>) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    use terroir_api::core::RecordKind;
    let sample = open_copy(&bases.plain);
    let input = |code: &str| sample.input_of(RecordKind::Enterprise, code).unwrap();
    let text = |v: &Value, field: &str| v[field].as_str().unwrap_or_default().to_owned();
    let as_is = |n: &str, code: &str| {
        let i = input(code);
        let cells = [
            "name",
            "credit_code",
            "division",
            "address",
            "contact_person",
            "phone",
        ]
        .map(|f| text(&i, f));
        let mut row = vec![n.to_owned()];
        row.extend(cells);
        row.push("王填报".into());
        row
    };
    let mut changed_5 = as_is("3", "ENT-0005");
    changed_5[5] = "李经理".into();
    changed_5[6] = "0376-4888123".into();
    let mut changed_6 = as_is("4", "ENT-0006");
    changed_6[6] = "0376-2166010".into();
    let enterprise_rows: Vec<Vec<String>> = vec![
        vec!["企业名录（2026年3月）".into()],
        [
            "序号",
            "企业名称",
            "统一社会信用代码",
            "行政区划",
            "地址",
            "联系人",
            "联系电话",
            "填报人",
        ]
        .map(str::to_owned)
        .to_vec(),
        vec![
            "1".into(),
            "固始县绿源茶业有限公司".into(),
            credit_code("91411525MA9XLY012"),
            "411525".into(),
            String::new(),
            "张经理".into(),
            "0376-4812345".into(),
            "王填报".into(),
        ],
        vec![
            "2".into(),
            "固始县淮河鹅业专业合作社".into(),
            credit_code("93411525MA9XHE023"),
            "固始县".into(),
            String::new(),
            String::new(),
            String::new(),
            "王填报".into(),
        ],
        changed_5,
        changed_6,
        as_is("5", "ENT-0003"),
        as_is("6", "ENT-0004"),
    ];
    let strs = |rows: &[&[&str]]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    };
    let sheets: [(RecordKind, &str, Vec<Vec<String>>); 4] = [
        (
            RecordKind::Enterprise,
            "企业名录（2026年3月）.csv",
            enterprise_rows,
        ),
        (
            RecordKind::User,
            "授权使用人申请汇总.csv",
            strs(&[
                &[
                    "地理标志产品",
                    "使用人",
                    "使用人类型",
                    "申请日期",
                    "联系电话",
                ],
                &[
                    "固始鸡",
                    "ENT-0005",
                    "approved_producer",
                    "2026-02-20",
                    "0376-4888123",
                ],
                &[
                    "信阳毛尖",
                    "ENT-0002",
                    "collective_member",
                    "2026-02-26",
                    "",
                ],
                &[
                    "信阳毛尖",
                    "固始县某某茶叶有限公司",
                    "approved_producer",
                    "2026-02-27",
                    "",
                ],
                &[
                    "固始萝卜",
                    "ENT-0005",
                    "approved_producer",
                    "2026-03-02",
                    "",
                ],
            ]),
        ),
        (
            RecordKind::Gi,
            "地理标志产品清单.csv",
            strs(&[
                &["2026 年地理标志产品清单"],
                &["信阳市市场监督管理局（知识产权局）"],
                &[
                    "序号",
                    "产品名称",
                    "产品类别",
                    "负责区划",
                    "产地范围（区划）",
                    "乡镇村",
                ],
                &[
                    "1",
                    "固始皇姑山茶",
                    "食用农林产品及食品",
                    "411525",
                    "411525",
                    "陈淋子镇",
                ],
                &[
                    "2",
                    "息县香稻丸",
                    "食用农林产品及食品",
                    "411528",
                    "411528",
                    "",
                ],
                &[
                    "3",
                    "罗山大米",
                    "食用农林产品及食品",
                    "411521",
                    "411521",
                    "",
                ],
            ]),
        ),
        (
            RecordKind::Trademark,
            "商标台账.csv",
            strs(&[
                &[
                    "注册号",
                    "商标名称",
                    "类别",
                    "商品/服务",
                    "注册人",
                    "商标类型",
                    "地理标志商标",
                    "申请日期",
                    "注册日期",
                ],
                &[
                    "90000005",
                    "蓼城（示例）",
                    "30",
                    "茶叶",
                    "ENT-0005",
                    "ordinary",
                    "否",
                    "2024-05-10",
                    "2025-06-21",
                ],
                &[
                    "90000006",
                    "淮河鹅（示例）",
                    "29",
                    "鹅肉",
                    "ENT-0002",
                    "ordinary",
                    "否",
                    "2024-05-10",
                    "2025-06-21",
                ],
            ]),
        ),
    ];
    let mut out = Map::new();
    for (kind, file, rows) in sheets {
        let path = dir.join(file);
        let body: String = rows
            .iter()
            .map(|r| csv_line(&r.iter().map(String::as_str).collect::<Vec<_>>()))
            .collect();
        std::fs::write(&path, format!("\u{feff}{body}")).unwrap();
        let mut ws = copy_of(&bases.plain, &dir.join(format!("import-{}.db", kind.key())));
        let preview = ws.import(kind, &path, true).unwrap();
        let applied = ws.import(kind, &path, false).unwrap();
        let records: Vec<_> = applied
            .added
            .iter()
            .map(|a| &a.code)
            .chain(applied.changed.iter().map(|c| &c.code))
            .filter(|_| applied.applied)
            .map(|code| ws.show(kind, code).unwrap())
            .collect();
        number_new(&ws, ids);
        out.insert(
            kind.key().to_owned(),
            json!({ "preview": preview, "applied": applied, "records": records }),
        );
    }
    // The GI products' yearly statistics (not a record kind's sheet): a year added, the
    // sample's year replaced.
    {
        use terroir_api::exchange::SheetKind;
        let path = dir.join("地理标志年度统计.csv");
        let rows: [&[&str]; 3] = [
            &[
                "地理标志产品",
                "年度",
                "区域内生产者（家）",
                "产值（元）",
                "行业总产值（元）",
                "种植面积（亩）",
                "电商销售额（元）",
                "数据来源",
            ],
            &[
                "信阳毛尖",
                "2026",
                "1300",
                "15000000000",
                "20000000000",
                "2200000",
                "3500000000",
                "市农业农村局统计年报",
            ],
            &[
                "GI-0001",
                "2025",
                "1200",
                "14000000000",
                "20000000000",
                "2160000",
                "3200000000",
                "市农业农村局统计年报",
            ],
        ];
        let body: String = rows.iter().map(|r| csv_line(r)).collect();
        std::fs::write(&path, format!("\u{feff}{body}")).unwrap();
        let mut ws = copy_of(&bases.plain, &dir.join("import-gi_stats.db"));
        let preview = ws.import(SheetKind::GI_STATS, &path, true).unwrap();
        let applied = ws.import(SheetKind::GI_STATS, &path, false).unwrap();
        assert_eq!(
            (applied.added.len(), applied.changed.len(), applied.applied),
            (1, 1, true)
        );
        out.insert(
            "gi_stats".to_owned(),
            json!({ "preview": preview, "applied": applied, "records": [] }),
        );
    }
    // The cases the screens show: a clean enterprise sheet with every outcome, a user sheet
    // blocked by a problem, and the others clean.
    let e = &out["enterprise"]["preview"];
    assert_eq!(
        [&e["added"], &e["changed"], &e["unchanged"], &e["problems"]]
            .map(|v| v.as_array().unwrap().len()),
        [2, 2, 2, 0],
        "{e:#}"
    );
    let u = &out["user"]["applied"];
    assert_eq!(u["problems"].as_array().unwrap().len(), 1, "{u:#}");
    assert_eq!(u["applied"], false);
    for kind in ["gi", "trademark"] {
        assert_eq!(out[kind]["applied"]["applied"], true, "{:#}", out[kind]);
    }
    Value::Object(out)
}

/// The city bureau's exchange bundle merged into the county's workspace (the sample), after
/// an earlier exchange: two new records, one changed only there, one changed here and there
/// (a conflict) and a calendar year. What Rust previews, and what it merges keeping the county's version of the conflict
/// or taking the city's, with the records and calendar after. The bundle's hash, source id and
/// audit head are the clock's: fixed here so the fixture stays the same.
fn bundle_scenario(dir: &Path, bases: &Bases, ids: &mut Vec<String>) -> serde_json::Value {
    use serde_json::{Value, json};
    use terroir_api::core::RecordKind;
    use terroir_api::core::calendar::CalendarYearInput;
    // The two have exchanged once: since then, the city changed and added records, the
    // county changed one of the same.
    let mut city = copy_of(&bases.plain, &dir.join("信阳市市场监督管理局/terroir.db"));
    let county = dir.join("county.db");
    let mut ws = copy_of(&bases.plain, &county);
    let first = dir.join("first.bundle");
    city.export_bundle(&first, false).unwrap();
    assert!(ws.import_bundle(&first, false, false).unwrap().applied);
    city.add(
        RecordKind::Enterprise,
        json!({ "name": "信阳市浉河区茶叶产业协会", "division": "411502", "address": "浉河区湖东路 6 号" }),
    )
    .unwrap();
    city.add(
        RecordKind::Gi,
        json!({ "name": "信阳毛尖（浉河港）", "category": "食用农林产品及食品", "responsible": "411502",
                "divisions": ["411502"], "places": ["浉河港镇"] }),
    )
    .unwrap();
    let edit = |ws: &mut Workspace, kind, key: &str, patch: Value| {
        ws.edit(kind, key, patch, None, None).unwrap();
    };
    edit(
        &mut city,
        RecordKind::Enterprise,
        "ENT-0002",
        json!({ "contact_person": "王会长" }),
    );
    edit(
        &mut city,
        RecordKind::Gi,
        "GI-0002",
        json!({ "contact": "信阳市茶叶协会 0376-6222222" }),
    );
    let year = CalendarYearInput {
        holidays: ["01-01", "02-06..02-12"].map(str::to_owned).to_vec(),
        workdays: vec!["02-20".into()],
        source: Some("国办发明电〔2026〕1号".into()),
    };
    city.set_calendar_year(2027, &year, None).unwrap();
    let bundle = dir.join("city.bundle");
    city.export_bundle(&bundle, false).unwrap();

    edit(
        &mut ws,
        RecordKind::Gi,
        "GI-0002",
        json!({ "contact": "信阳红茶叶协会 0376-6111111" }),
    );
    drop(ws);
    let merged = |take_theirs: bool, ids: &mut Vec<String>| {
        let mut ws = copy_of(&county, &dir.join(format!("merge-{take_theirs}.db")));
        let report = ws.import_bundle(&bundle, false, take_theirs).unwrap();
        assert!(report.applied, "{report:#?}");
        let records: Vec<_> = report
            .new
            .iter()
            .chain(&report.changed)
            .chain(if take_theirs {
                &report.conflicts[..]
            } else {
                &[]
            })
            .map(|i| ws.show(i.kind, &i.id).unwrap())
            .collect();
        number_new(&ws, ids);
        json!({ "report": report, "records": records, "calendar": ws.calendar_years().unwrap() })
    };
    let preview = copy_of(&county, &dir.join("preview.db"))
        .import_bundle(&bundle, true, false)
        .unwrap();
    assert_eq!(
        [
            preview.new.len(),
            preview.changed.len(),
            preview.conflicts.len()
        ],
        [2, 1, 1],
        "{preview:#?}"
    );
    assert_eq!(preview.calendar.len(), 1);
    let kept = merged(false, ids);
    let theirs = merged(true, ids);
    let mut text = json!({ "preview": preview, "kept": kept, "theirs": theirs }).to_string();
    for (clock, fixed) in [
        (preview.sha256.clone(), "c1".repeat(32)),
        (
            preview.source.clone(),
            "7d0c2a6e-5f1b-4a53-9b7e-2f1c9e4b8a10".into(),
        ),
        (
            preview.source_audit_head.clone(),
            "9f3b6c2d1e0a47b8c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c".into(),
        ),
    ] {
        text = text.replace(&clock, &fixed);
    }
    serde_json::from_str(&text).unwrap()
}

/// The exchange screens' answers (`exchange.json`): each import sheet and the city's bundle.
#[test]
fn export_exchange_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let bases = bases(dir.path());
    let mut ids = bases.ids.clone();
    let imports = import_scenarios(dir.path(), &bases, &mut ids);
    let bundle = bundle_scenario(dir.path(), &bases, &mut ids);
    write_fixture(
        "exchange.json",
        &as_fixture(
            &serde_json::json!({ "imports": imports, "bundle": bundle }),
            &ids,
        ),
    );
}

/// What the wording check answers for a piece of copy and for the Word fixture, for the
/// wording page's mock.
#[test]
fn export_wording_fixture() {
    let text = "信阳毛尖，驰名中外。\n本品荣获“驰名”商标称号，欢迎选购馳 名 商 標礼盒。";
    let pasted = terroir_api::wording::check_text(text);
    assert_eq!(pasted.findings.len(), 2);
    let docx = terroir_api::wording::check_file(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wording.docx"),
    )
    .unwrap();
    write_fixture(
        "wording.json",
        &serde_json::json!({ "text": text, "pasted": pasted, "docx": docx }),
    );
}

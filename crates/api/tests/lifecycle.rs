//! Every record is its editable attributes (what its form, an import row or `edit` gives) plus
//! its lifecycle (flow steps, photos, renewals and other events, evidence, recognition), which
//! changes only through its own actions. A property test over random edits and restores of
//! records rich in lifecycle holds every lifecycle field unchanged: a field missed when an
//! edit or a restore keeps the lifecycle fails here, whichever kind it is.

mod common;

use std::cell::RefCell;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Map, Value, json};
use terroir_api::Workspace;
use terroir_api::core::RecordKind;
use terroir_api::ops::{TrademarkEvent, UserStep};
use terroir_api::workbench::ApplicationStep;

fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

/// The records looked at: each with a lifecycle by the time the cases run.
const CODES: [(RecordKind, &str); 8] = [
    (RecordKind::Gi, "GI-0001"),
    (RecordKind::User, "USR-0003"),
    (RecordKind::Trademark, "TM-0005"),
    (RecordKind::Trademark, "TM-0004"),
    (RecordKind::Candidate, "WKM-0001"),
    (RecordKind::Application, "APP-0001"),
    (RecordKind::Application, "APP-0002"),
    (RecordKind::Application, "APP-0003"),
];

/// Aggregate fields an attribute is stored under by another name (a reference as an id, the
/// production area from its divisions and places…).
fn attribute(kind: RecordKind, input_keys: &[String], key: &str) -> bool {
    let own = input_keys
        .iter()
        .any(|k| k == key || format!("{k}_id") == key);
    let derived = match kind {
        RecordKind::Gi => ["area"].contains(&key),
        RecordKind::Trademark => ["registrant_id"].contains(&key),
        // counterpart, proceeding and reference_on build the intended proceeding.
        RecordKind::Candidate => ["intended"].contains(&key),
        _ => false,
    };
    own || derived
}

/// The lifecycle part of a record's data: every field no attribute gives.
fn lifecycle(ws: &Workspace, kind: RecordKind, code: &str) -> Map<String, Value> {
    let input = ws.input_of(kind, code).unwrap();
    let keys: Vec<String> = input.as_object().unwrap().keys().cloned().collect();
    let data = ws.show(kind, code).unwrap().data().clone();
    data.as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| !attribute(kind, &keys, k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));
    // More lifecycle than the sample has: an assignment and an end, a photo.
    ws.trademark_event(
        "TM-0004",
        TrademarkEvent::Assign(terroir_api::core::trademark::AssignmentInput {
            to: Some("ENT-0003".into()),
            announcement_no: Some("第1977期".into()),
            announced_on: Some("2026-01-05".into()),
            ..Default::default()
        }),
    )
    .unwrap();
    ws.trademark_event(
        "TM-0004",
        TrademarkEvent::Terminate(terroir_api::core::trademark::TerminationInput {
            kind: Some("revoked".into()),
            on: Some("2026-02-01".into()),
            document_no: Some("商撤字〔2026〕第12号".into()),
            reason: Some("连续三年不使用".into()),
            ..Default::default()
        }),
    )
    .unwrap();
    let photo = dir.path().join("茶园.png");
    image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 80]))
        .save_with_format(&photo, image::ImageFormat::Png)
        .unwrap();
    ws.add_photo("GI-0001", &photo, Some("茶园")).unwrap();
    ws.user_step(
        "USR-0003",
        UserStep::Reinstate {
            on: "2026-09-01".into(),
            reason: "整改完成".into(),
        },
    )
    .unwrap();
    // Two years reported unused, and the clerk keeping the right all the same.
    for year in [2024, 2025] {
        ws.user_step(
            "USR-0003",
            UserStep::UseReport {
                year,
                half: None,
                due_on: None,
                received_on: Some(format!("{}-03-01", year + 1)),
                used: Some(false),
                output: None,
                labels: None,
                links: vec![],
            },
        )
        .unwrap();
    }
    ws.user_step(
        "USR-0003",
        UserStep::KeepUse {
            on: "2026-09-15".into(),
            reason: "已恢复生产".into(),
        },
    )
    .unwrap();
    ws.record_recognition(
        "WKM-0001",
        &terroir_api::core::evidence::RecognitionInput {
            authority: "国家知识产权局".into(),
            case_no: "商标异字〔2026〕第3号".into(),
            decided_on: "2026-06-30".into(),
            proceeding: "opposition".into(),
        },
    )
    .unwrap();
    // An award approved and paid, and an application refused.
    let paid = common::award(
        &mut ws,
        vec![
            ApplicationStep::Approve {
                on: None,
                note: None,
                over_budget_reason: Some("预算待下达".into()),
            },
            ApplicationStep::Pay {
                on: None,
                voucher: "记账凭证 2026-118".into(),
            },
        ],
    );
    let refused = ws
        .add(
            RecordKind::Application,
            json!({ "kind": "guidance", "enterprise": "ENT-0002", "title": "商标品牌培育指导" }),
        )
        .unwrap()
        .code;
    for step in [
        ApplicationStep::Submit { on: None },
        ApplicationStep::StartReview {
            on: None,
            reviewer: "李审核".into(),
        },
        ApplicationStep::Reject {
            on: None,
            reason: "材料不全".into(),
        },
    ] {
        ws.application_step(&refused, step).unwrap();
    }
    assert_eq!([paid.as_str(), refused.as_str()], ["APP-0002", "APP-0003"]);
    (dir, ws)
}

/// Values an attribute may take: mostly ones records of the kind already hold (valid), some
/// texts, some blanks.
fn value_for(pool: Vec<Value>) -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => prop::sample::select(pool),
        2 => "[一-龥]{1,8}".prop_map(Value::from),
        1 => Just(Value::Null),
    ]
}

#[test]
fn prop_edits_and_restores_keep_every_lifecycle_field() {
    let (_d, ws) = workspace();
    // Each record's input keys, and values for them from every record of its kind.
    let mut cases = vec![];
    for (kind, code) in CODES {
        let input = ws.input_of(kind, code).unwrap();
        let keys: Vec<String> = input.as_object().unwrap().keys().cloned().collect();
        let mut pool: Map<String, Value> = Map::new();
        for r in ws.list(kind, terroir_api::Show::Live, 50, 0).unwrap().items {
            let other = ws.input_of(kind, &r.code).unwrap();
            for (k, v) in other.as_object().unwrap() {
                let slot = pool.entry(k.clone()).or_insert_with(|| json!([]));
                slot.as_array_mut().unwrap().push(v.clone());
            }
        }
        let life = lifecycle(&ws, kind, code);
        assert!(
            !life.is_empty(),
            "{code} has a lifecycle to keep: {:?}",
            ws.show(kind, code).unwrap().data()
        );
        cases.push((kind, code, keys, pool));
    }
    // Not vacuous either: every lifecycle field is filled in one of the records looked at,
    // so an edit or a restore that dropped it would be seen.
    for kind in CODES.map(|(k, _)| k) {
        let lives: Vec<_> = CODES
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(k, c)| lifecycle(&ws, *k, c))
            .collect();
        let empty = |v: &Value| v.is_null() || v.as_array().is_some_and(Vec::is_empty);
        let unfilled: Vec<&String> = lives[0]
            .keys()
            .filter(|k| lives.iter().all(|l| empty(&l[*k])))
            .collect();
        assert!(
            unfilled.is_empty(),
            "{kind:?}: no record looked at fills {unfilled:?}"
        );
    }
    let first_seq: Vec<i64> = CODES
        .iter()
        .map(|(kind, code)| {
            ws.audit_log(Some((*kind, code)), 1000)
                .unwrap()
                .last()
                .unwrap()
                .seq
        })
        .collect();
    let ws = RefCell::new(ws);
    let edited = RefCell::new(0u32);
    let restored = RefCell::new(0u32);
    let case = (0..cases.len(), any::<bool>()).prop_flat_map(move |(i, restore)| {
        let (kind, code, keys, pool) = cases[i].clone();
        let fields: Vec<BoxedStrategy<(String, Value)>> = keys
            .iter()
            .map(|k| {
                let values = pool
                    .get(k)
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let values = if values.is_empty() {
                    vec![Value::Null]
                } else {
                    values
                };
                (Just(k.clone()), value_for(values)).boxed()
            })
            .collect();
        let patch = prop::sample::subsequence(fields, 1..=keys.len().min(4)).prop_flat_map(|s| s);
        (Just(i), Just(kind), Just(code), Just(restore), patch)
    });
    runner(240)
        .run(&case, |(i, kind, code, restore, patch)| {
            let mut ws = ws.borrow_mut();
            let before = lifecycle(&ws, kind, code);
            let ok = if restore {
                ws.restore_value(kind, code, first_seq[i], Some("还原测试"))
                    .is_ok()
            } else {
                let patch: Map<String, Value> = patch.into_iter().collect();
                ws.edit(kind, code, Value::Object(patch), Some("编辑测试"), None)
                    .is_ok()
            };
            if ok {
                *(if restore { &restored } else { &edited }).borrow_mut() += 1;
            }
            prop_assert_eq!(lifecycle(&ws, kind, code), before, "{} {}", code, restore);
            Ok(())
        })
        .unwrap();
    // Not vacuous: many edits and restores went through.
    let (e, r) = (*edited.borrow(), *restored.borrow());
    assert!(e >= 40 && r >= 20, "edited {e}, restored {r}");
    assert!(ws.borrow().check().unwrap().ok);
}

/// An assigned mark's registrant is the assignments': an edit naming another registrant is
/// refused at that field, and restoring a value from before the assignment keeps the holder.
#[test]
fn an_assigned_marks_registrant_changes_only_by_assignment() {
    let (_d, mut ws) = workspace();
    let holder = ws.show(RecordKind::Trademark, "TM-0004").unwrap().summary()["registrant"].clone();
    assert_eq!(holder, json!("ENT-0003"));
    let err = ws
        .edit(
            RecordKind::Trademark,
            "TM-0004",
            json!({ "registrant": "ENT-0001" }),
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(
        (err.field.as_deref(), err.rule.key()),
        (Some("registrant"), "flow_order")
    );
    let first = ws
        .audit_log(Some((RecordKind::Trademark, "TM-0004")), 1000)
        .unwrap()
        .last()
        .unwrap()
        .seq;
    ws.restore_value(RecordKind::Trademark, "TM-0004", first, None)
        .unwrap();
    let after = ws.show(RecordKind::Trademark, "TM-0004").unwrap();
    assert_eq!(after.summary()["registrant"], holder);
    // A mark never assigned is corrected by an edit.
    ws.edit(
        RecordKind::Trademark,
        "TM-0005",
        json!({ "registrant": "ENT-0001" }),
        None,
        None,
    )
    .unwrap();
}

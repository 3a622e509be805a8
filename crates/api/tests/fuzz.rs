//! Untrusted input never panics: property tests (proptest on stable Rust, fixed case counts
//! and a fixed seed, so a run is repeatable) feed every way in — each kind's input, the flow
//! steps and events the desktop sends over IPC, the bundle reader and the spreadsheet reader —
//! with arbitrary and near-valid data. Each must answer with a result or a clear error, and
//! the workspace must still pass `check` afterwards. `cargo fuzz` needs nightly, which this
//! project cannot fetch, so it is not used.

use std::cell::RefCell;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Map, Value, json};
use terroir_api::Workspace;
use terroir_api::core::RecordKind;
use terroir_api::core::evidence::EvidenceInput;
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

fn sample() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "模糊测试").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));
    (dir, ws)
}

/// Every field name any input, step or event takes, and some it does not.
const KEYS: &[&str] = &[
    "name",
    "credit_code",
    "division",
    "divisions",
    "address",
    "contact_person",
    "phone",
    "notes",
    "category",
    "protections",
    "places",
    "area_description",
    "centre",
    "quality_requirements",
    "history",
    "status_history",
    "contact",
    "regime",
    "announcement_no",
    "announced_on",
    "standard_no",
    "mark_kind",
    "trademark",
    "certificate_no",
    "registered_on",
    "reg_no",
    "classes",
    "goods",
    "registrant",
    "kind",
    "gi",
    "filed_on",
    "enterprise",
    "applied_on",
    "subject_kind",
    "subject",
    "title",
    "claims",
    "item",
    "achieved_on",
    "document",
    "amount",
    "jurisdiction",
    "window_years",
    "stacking",
    "group",
    "policy_no",
    "valid_from",
    "valid_to",
    "budget_line",
    "on",
    "reviewer",
    "reason",
    "voucher",
    "over_budget_reason",
    "document_no",
    "note",
    "onsite_check_on",
    "passed",
    "year",
    "due_on",
    "received_on",
    "licensee",
    "from",
    "to",
    "recordal_no",
    "pledgee",
    "registration_no",
    "status",
    "factor",
    "period",
    "source",
    "step",
    "event",
    "colour",
];

/// Strings a clerk, a careless script or a hostile sender might send.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,24}",
        "[0-9A-Z\\-]{0,20}",
        Just("2026-02-29".to_owned()),
        Just("2019年3月5日".to_owned()),
        Just("91411502MA45TY001X".to_owned()),
        Just("411525".to_owned()),
        Just("ENT-0006".to_owned()),
        Just("TM-0002".to_owned()),
        Just("GI-0001".to_owned()),
        Just("驰 名 商 标".to_owned()),
        Just("first_review".to_owned()),
        Just("approve".to_owned()),
        Just("gi_trademark".to_owned()),
        Just("30".to_owned()),
        Just("-1".to_owned()),
        (1usize..3000).prop_map(|n| "茶".repeat(n)),
        Just("\u{0}\u{202e}{later}".to_owned()),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(prop::sample::select(KEYS), inner, 0..6).prop_map(|m| {
                Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// What a field gets: mostly text, as forms and files send, sometimes a list (of texts, or of
/// objects such as protections and claims), null, or anything.
fn field_value() -> impl Strategy<Value = Value> {
    let texts =
        prop::collection::btree_map(prop::sample::select(KEYS), text(), 0..6).prop_map(|m| {
            Value::Object(
                m.into_iter()
                    .map(|(k, v)| (k.to_owned(), v.into()))
                    .collect(),
            )
        });
    prop_oneof![
        8 => text().prop_map(Value::from),
        1 => Just(Value::Null),
        1 => prop::collection::vec(text().prop_map(Value::from), 0..4).prop_map(Value::from),
        2 => prop::collection::vec(texts, 0..3).prop_map(Value::from),
        1 => value(),
    ]
}

/// An object with some of the known keys: near-valid more often than not.
fn object() -> impl Strategy<Value = Value> {
    prop::collection::btree_map(prop::sample::select(KEYS), value(), 0..10).prop_map(|m| {
        Value::Object(
            m.into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect::<Map<_, _>>(),
        )
    })
}

const CODES: [(RecordKind, &str); 7] = [
    (RecordKind::Gi, "GI-0002"),
    (RecordKind::Enterprise, "ENT-0003"),
    (RecordKind::User, "USR-0001"),
    (RecordKind::Trademark, "TM-0003"),
    (RecordKind::Candidate, "WKM-0001"),
    (RecordKind::Application, "APP-0001"),
    (RecordKind::IncentiveRule, "RULE-0001"),
];

#[test]
fn prop_every_input_and_edit_answers_without_panic() {
    let (_d, ws) = sample();
    // Each kind's own fields (from a record's input), so most cases get past the field names
    // and reach the rules; a few carry keys from elsewhere.
    let own: Vec<(RecordKind, &'static str, Vec<String>)> = CODES
        .iter()
        .map(|&(kind, code)| {
            let input = ws.input_of(kind, code).unwrap();
            let keys = input.as_object().unwrap().keys().cloned().collect();
            (kind, code, keys)
        })
        .collect();
    let ws = RefCell::new(ws);
    let case = (0..own.len(), any::<bool>(), any::<u8>()).prop_flat_map(move |(i, edit, stray)| {
        let (kind, code, keys) = own[i].clone();
        let fields = prop::collection::btree_map(prop::sample::select(keys), field_value(), 0..12);
        let extra = if stray < 20 {
            object().boxed()
        } else {
            Just(json!({})).boxed()
        };
        (Just(kind), Just(code), Just(edit), fields, extra)
    });
    runner(600)
        .run(&case, |(kind, code, edit, fields, extra)| {
            let mut input: Map<String, Value> = fields.into_iter().collect();
            if let Value::Object(more) = extra {
                input.extend(more);
            }
            let input = Value::Object(input);
            let mut ws = ws.borrow_mut();
            COUNT.with(|c| c.set(c.get() + 1));
            let r = if edit {
                ws.edit(kind, code, input, Some("模糊"), None)
            } else {
                ws.add(kind, input)
            };
            let rule = r.err().map_or("ok".to_owned(), |e| format!("{:?}", e.rule));
            *OUTCOMES.lock().unwrap().entry(rule).or_insert(0) += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(COUNT.with(|c| c.get()), 600, "every case ran");
    let outcomes = OUTCOMES.lock().unwrap();
    eprintln!("outcomes: {outcomes:?}");
    // Most cases reach the rules (not only the field names), and some are saved.
    assert!(outcomes.get("ok").copied().unwrap_or(0) > 5, "{outcomes:?}");
    assert!(outcomes.len() > 8, "{outcomes:?}");
    let check = ws.borrow().check().unwrap();
    assert!(check.ok, "{check:#?}");
}

static OUTCOMES: std::sync::Mutex<std::collections::BTreeMap<String, u32>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

thread_local! {
    static COUNT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// What the desktop sends over IPC is decoded by serde and then applied: arbitrary JSON in
/// place of a step, an event or an evidence item decodes or is refused, and applying what
/// decodes answers without panic.
#[test]
fn prop_ipc_steps_and_events_answer_without_panic() {
    let (_d, ws) = sample();
    let ws = RefCell::new(ws);
    let tagged = (
        prop::sample::select(vec![
            "first_review",
            "provincial_review",
            "approve",
            "reject",
            "suspend",
            "revoke",
            "use_report",
            "renew",
            "licence",
            "assign",
            "pledge",
            "terminate",
            "submit",
            "start_review",
            "pay",
        ]),
        object(),
    )
        .prop_map(|(tag, mut o)| {
            o["step"] = tag.into();
            o["event"] = tag.into();
            o
        });
    runner(400)
        .run(&prop_oneof![tagged, value()], |v| {
            let mut ws = ws.borrow_mut();
            if let Ok(s) = serde_json::from_value::<UserStep>(v.clone()) {
                let _ = ws.user_step("USR-0002", s);
            }
            if let Ok(e) = serde_json::from_value::<TrademarkEvent>(v.clone()) {
                let _ = ws.trademark_event("TM-0002", e);
            }
            if let Ok(s) = serde_json::from_value::<ApplicationStep>(v.clone()) {
                let _ = ws.application_step("APP-0001", s);
            }
            if let Ok(e) = serde_json::from_value::<EvidenceInput>(v.clone()) {
                let _ = ws.add_evidence("WKM-0001", &e, &[]);
            }
            // The raw bytes of the same value, cut anywhere, as a broken IPC message.
            let bytes = v.to_string().into_bytes();
            let _ = serde_json::from_slice::<UserStep>(&bytes[..bytes.len() / 2]);
            Ok(())
        })
        .unwrap();
    let check = ws.borrow().check().unwrap();
    assert!(check.ok, "{check:#?}");
}

/// A damaged or hostile file: random bytes, or a real one with bytes changed, cut short or
/// spliced.
fn mangled(good: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let n = good.len();
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2048),
        prop::collection::vec((0..n, any::<u8>()), 1..8).prop_map({
            let good = good.clone();
            move |flips| {
                let mut b = good.clone();
                for (i, x) in flips {
                    b[i] = x;
                }
                b
            }
        }),
        (0..n).prop_map({
            let good = good.clone();
            move |cut| good[..cut].to_vec()
        }),
        (0..n, prop::collection::vec(any::<u8>(), 1..64)).prop_map(move |(at, junk)| {
            let mut b = good[..at].to_vec();
            b.extend(junk);
            b.extend(&good[at..]);
            b
        }),
    ]
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn prop_damaged_bundles_answer_without_panic_and_write_nothing() {
    let (dir, mut county) = sample();
    let good = dir.path().join("good.bundle");
    county.export_bundle(&good, false).unwrap();
    let city_dir = tempfile::tempdir().unwrap();
    let city = RefCell::new(Workspace::create(&city_dir.path().join("c.db"), "市局").unwrap());
    let path = city_dir.path().join("x.bundle");
    runner(150)
        .run(&mangled(std::fs::read(&good).unwrap()), |bytes| {
            write(&path, &bytes);
            let _ = city.borrow_mut().import_bundle(&path, true, false);
            Ok(())
        })
        .unwrap();
    let city = city.borrow();
    assert_eq!(
        city.info()
            .unwrap()
            .counts
            .iter()
            .map(|c| c.live)
            .sum::<u64>(),
        0
    );
    assert!(city.check().unwrap().ok);
}

#[test]
fn prop_damaged_spreadsheets_answer_without_panic_and_write_nothing() {
    let (dir, ws) = sample();
    let xlsx = dir.path().join("e.xlsx");
    let csv = dir.path().join("e.csv");
    ws.export(RecordKind::Enterprise, Default::default(), &xlsx)
        .unwrap();
    ws.export(RecordKind::Enterprise, Default::default(), &csv)
        .unwrap();
    let before = ws
        .list(RecordKind::Enterprise, Default::default(), 1000, 0)
        .unwrap()
        .total;
    let ws = RefCell::new(ws);
    for (good, name) in [(xlsx, "x.xlsx"), (csv, "x.csv")] {
        let path = dir.path().join(name);
        runner(120)
            .run(&mangled(std::fs::read(&good).unwrap()), |bytes| {
                write(&path, &bytes);
                let _ = ws.borrow_mut().import(RecordKind::Enterprise, &path, true);
                Ok(())
            })
            .unwrap();
    }
    let ws = ws.borrow();
    let after = ws
        .list(RecordKind::Enterprise, Default::default(), 1000, 0)
        .unwrap()
        .total;
    assert_eq!(before, after, "a dry run writes nothing");
    assert!(ws.check().unwrap().ok);
}

//! Use cases through the api against a real workspace on disk.

mod common;

use serde_json::json;
use terroir_api::ops::{TrademarkEvent, UserStep};
use terroir_api::{ErrorKind, Show, Workspace, core::RecordKind, core::Rule};

fn ws() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));
    (dir, ws)
}

fn sample() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-11-27".parse().unwrap()));
    (dir, ws)
}

#[test]
fn sample_catalogue_loads_and_checks_clean() {
    let (_d, ws) = sample();
    let check = ws.check().unwrap();
    assert!(check.ok, "{check:#?}");
    let gi = ws.show(RecordKind::Gi, "GI-0001").unwrap();
    assert_eq!(gi.name, "信阳毛尖");
    assert_eq!(
        gi.summary()["regimes"],
        json!(["origin_mark", "gi_trademark", "agricultural_gi"])
    );
    assert!(gi.sample);
    let users = ws.list(RecordKind::User, Show::Live, 100, 0).unwrap();
    let stages: Vec<_> = users
        .items
        .iter()
        .map(|u| u.summary()["stage"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(stages, ["active", "applied", "suspended", "rejected"]);
    let tm = ws.show(RecordKind::Trademark, "TM-0002").unwrap();
    assert_eq!(tm.summary()["standing"], "renewal_due");
    assert_eq!(
        ws.show(RecordKind::Trademark, "TM-0003").unwrap().summary()["standing"],
        "in_grace"
    );
}

#[test]
fn sample_remove_purges_only_sample_records_and_audits_it() {
    let (_d, mut ws) = sample();
    ws.add(RecordKind::Enterprise, json!({ "name": "真实企业" }))
        .unwrap();
    let before = ws.sample_count().unwrap();
    let n = ws.remove_sample().unwrap();
    // Enterprises, trademarks, GIs, users, a candidate, incentive rules, an application,
    // enforcement cases, plan targets, financing records, a demonstration zone.
    assert_eq!(n, 6 + 5 + 6 + 4 + 1 + 8 + 1 + 3 + 4 + 2 + 1);
    assert_eq!((before, ws.sample_count().unwrap()), (n, 0));
    let left = ws.list(RecordKind::Enterprise, Show::All, 100, 0).unwrap();
    assert_eq!(left.items.len(), 1);
    assert_eq!(left.items[0].name, "真实企业");
    assert!(ws.check().unwrap().ok);
    assert_eq!(ws.audit_log(None, 1).unwrap()[0].action, "purge");
}

#[test]
fn deadlines_list_renewals_and_use_reports() {
    let (_d, ws) = sample();
    let d = ws.deadlines("90d").unwrap();
    let got: Vec<_> = d
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                serde_json::to_value(d.kind).unwrap(),
                d.overdue,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("USR-0001", json!("use_report"), true),
            ("TM-0002", json!("renewal"), false),
            ("USR-0003", json!("use_report"), false),
            ("TM-0003", json!("renewal_grace"), false),
        ]
    );
}

#[test]
fn credit_code_unique_across_enterprises() {
    let (_d, mut ws) = ws();
    let code = "91411502MA45TY001";
    let full = format!(
        "{code}{}",
        terroir_api::core::credit_code::check_char(code).unwrap()
    );
    ws.add(
        RecordKind::Enterprise,
        json!({ "name": "甲", "credit_code": full }),
    )
    .unwrap();
    let e = ws
        .add(
            RecordKind::Enterprise,
            json!({ "name": "乙", "credit_code": full.to_lowercase() }),
        )
        .unwrap_err();
    assert_eq!(
        (e.kind, e.rule, e.field.as_deref()),
        (
            ErrorKind::Conflict,
            Rule::CreditCodeTaken,
            Some("credit_code")
        )
    );
    assert_eq!(e.params["holder"], "ENT-0001");
}

#[test]
fn invalid_input_names_every_field_and_writes_nothing() {
    let (_d, mut ws) = ws();
    let e = ws
        .add(RecordKind::Enterprise, json!({ "name": " ", "credit_code": "91411500MA45XK7D0", "division": "411599", "colour": "red" }))
        .unwrap_err();
    assert_eq!(e.rule, Rule::UnknownField);
    let e = ws
        .add(
            RecordKind::Enterprise,
            json!({ "name": " ", "credit_code": "91411500MA45XK7D0", "division": "411599" }),
        )
        .unwrap_err();
    let fields: Vec<_> = e
        .problems
        .iter()
        .map(|p| (p.field.clone().unwrap(), p.rule))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("name".into(), Rule::Required),
            ("credit_code".into(), Rule::CreditCodeLength),
            ("division".into(), Rule::DivisionCodeUnknown)
        ]
    );
    assert_eq!(
        ws.list(RecordKind::Enterprise, Show::All, 10, 0)
            .unwrap()
            .total,
        0
    );
    assert!(ws.audit_log(None, 10).unwrap().is_empty());
}

#[test]
fn batch_is_all_or_nothing_and_names_the_item() {
    let (_d, mut ws) = ws();
    let e = ws
        .add_batch(
            RecordKind::Enterprise,
            vec![
                json!({ "name": "甲" }),
                json!({ "name": "乙" }),
                json!({ "name": "" }),
            ],
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("[2].name"));
    assert_eq!(
        ws.list(RecordKind::Enterprise, Show::All, 10, 0)
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        ws.add_batch(
            RecordKind::Enterprise,
            vec![json!({ "name": "甲" }), json!({ "name": "乙" })]
        )
        .unwrap()
        .len(),
        2
    );
}

#[test]
fn edit_is_one_audited_change_and_archived_records_refuse_edits() {
    let (_d, mut ws) = ws();
    ws.add(
        RecordKind::Enterprise,
        json!({ "name": "甲", "division": "411525" }),
    )
    .unwrap();
    let e = ws
        .edit(
            RecordKind::Enterprise,
            "ent-0001",
            json!({ "address": "固始县城关镇", "division": null }),
            Some("更正"),
            None,
        )
        .unwrap();
    assert_eq!(e.data()["address"], "固始县城关镇");
    assert_eq!(e.data()["division"], json!(null));
    assert_eq!(e.version, 2);
    let log = ws
        .audit_log(Some((RecordKind::Enterprise, "ENT-0001")), 10)
        .unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[0].action.as_str(), log[0].reason.as_deref()),
        ("update", Some("更正"))
    );
    ws.archive(RecordKind::Enterprise, "ENT-0001", Some("重复"))
        .unwrap();
    let err = ws
        .edit(
            RecordKind::Enterprise,
            "ENT-0001",
            json!({ "name": "乙" }),
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(err.rule, Rule::Archived);
    assert_eq!(
        ws.list(RecordKind::Enterprise, Show::Live, 10, 0)
            .unwrap()
            .total,
        0
    );
    ws.unarchive(RecordKind::Enterprise, "ENT-0001", None)
        .unwrap();
    assert_eq!(
        ws.list(RecordKind::Enterprise, Show::Live, 10, 0)
            .unwrap()
            .total,
        1
    );
    assert!(ws.check().unwrap().ok);
}

#[test]
fn user_flow_through_the_api_is_audited_step_by_step() {
    let (_d, mut ws) = sample();
    let err = ws
        .user_step(
            "USR-0002",
            UserStep::Approve {
                announcement_no: "x".into(),
                announced_on: "2026-11-01".into(),
            },
        )
        .unwrap_err();
    assert_eq!((err.kind, err.rule), (ErrorKind::Conflict, Rule::FlowOrder));
    let u = ws
        .user_step(
            "USR-0002",
            UserStep::FirstReview {
                on: "2026-10-20".into(),
                onsite_check_on: Some("2026-10-18".into()),
                onsite_result: None,
                passed: true,
                reason: None,
            },
        )
        .unwrap();
    assert_eq!(u.summary()["stage"], "first_reviewed");
    let err = ws
        .user_step(
            "USR-0001",
            UserStep::Withdraw {
                on: "2026-11-01".into(),
                reason: " ".into(),
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, Rule::ReasonRequired);
    let log = ws
        .audit_log(Some((RecordKind::User, "USR-0002")), 1)
        .unwrap();
    assert_eq!(log[0].action, "first_review");
}

#[test]
fn trademark_events_assign_and_terminate() {
    use terroir_api::core::trademark::{AssignmentInput, LicenceInput, TerminationInput};
    let (_d, mut ws) = sample();
    // The registrant keeps a mark of the same sound in a shared class: the assignment is
    // recorded, with the warning, which says class is only a proxy.
    let registrant = ws.show(RecordKind::Trademark, "TM-0004").unwrap().summary()["registrant"]
        .as_str()
        .unwrap()
        .to_owned();
    ws.add(
        RecordKind::Trademark,
        json!({ "reg_no": "90000009", "name": "固始佬鸡（示例）", "classes": ["29"], "registrant": registrant, "registered_on": "2022-01-01" }),
    )
    .unwrap();
    let assign = |no: Option<&str>| {
        TrademarkEvent::Assign(AssignmentInput {
            to: Some("ENT-0003".into()),
            announcement_no: no.map(Into::into),
            announced_on: Some("2026-01-05".into()),
            ..Default::default()
        })
    };
    let err = ws.trademark_event("TM-0004", assign(None)).unwrap_err();
    assert_eq!(
        (err.rule, err.field.as_deref()),
        (Rule::Required, Some("announcement_no"))
    );
    let tm = ws
        .trademark_event("TM-0004", assign(Some("第1977期")))
        .unwrap();
    assert_eq!(tm.summary()["registrant"], "ENT-0003");
    let w = &tm.summary()["warnings"][0];
    assert_eq!(w["rule"], "similar_mark_kept");
    assert!(
        w["message"]["zh-CN"]
            .as_str()
            .unwrap()
            .contains("固始佬鸡（示例）（90000009）"),
        "{w}"
    );
    assert!(
        w["message"]["zh-CN"].as_str().unwrap().contains("近似判断"),
        "{w}"
    );

    // An end needs its document number; nothing is written without it.
    let end = |kind: &str, doc: Option<&str>| {
        TrademarkEvent::Terminate(TerminationInput {
            kind: Some(kind.into()),
            on: Some("2026-02-01".into()),
            reason: Some("连续三年不使用".into()),
            document_no: doc.map(Into::into),
            ..Default::default()
        })
    };
    let err = ws
        .trademark_event("TM-0004", end("revoked", None))
        .unwrap_err();
    assert_eq!(
        (err.rule, err.field.as_deref()),
        (Rule::Required, Some("document_no"))
    );
    assert_eq!(
        ws.trademark_event("TM-0004", end("cancelled", Some("x")))
            .unwrap_err()
            .rule,
        Rule::EnumValue
    );
    let tm = ws
        .trademark_event("TM-0004", end("revoked", Some("商撤字〔2026〕第12号")))
        .unwrap();
    assert_eq!(tm.summary()["standing"], "revoked");
    assert_eq!(tm.summary()["next_events"], json!([]));
    // The list filters on the end; a pending renewal is its own status.
    ws.trademark_event(
        "TM-0003",
        TrademarkEvent::Renew {
            filed_on: "2026-11-30".into(),
        },
    )
    .unwrap();
    assert!(
        !ws.deadlines("90d")
            .unwrap()
            .iter()
            .any(|d| d.code == "TM-0003"),
        "a pending renewal is not an unfiled deadline"
    );
    let revoked = ws
        .list_in_state(RecordKind::Trademark, Show::Live, Some("revoked"), 10, 0)
        .unwrap();
    assert_eq!(revoked.items.len(), 1);
    let pending = ws
        .list_in_state(
            RecordKind::Trademark,
            Show::Live,
            Some("renewal_pending"),
            10,
            0,
        )
        .unwrap();
    assert_eq!(pending.items[0].code, "TM-0003");
    assert_eq!(pending.items[0].summary()["standing"], "renewal_pending");
    assert_eq!(
        ws.list_in_state(RecordKind::Trademark, Show::Live, Some("cancelled"), 10, 0)
            .unwrap_err()
            .rule,
        Rule::EnumValue
    );
    // A licence while the sample's pledge is in force, without the pledgee's consent.
    let tm = ws
        .trademark_event(
            "TM-0005",
            TrademarkEvent::Licence(LicenceInput {
                licensee: Some("ENT-0003".into()),
                kind: Some("exclusive".into()),
                goods: Some("茶叶".into()),
                from: Some("2026-01-01".into()),
                ..Default::default()
            }),
        )
        .unwrap();
    assert_eq!(
        tm.summary()["warnings"][0]["rule"],
        "pledge_consent_missing"
    );
    assert_eq!(tm.summary()["warnings"][0]["field"], "licences[1]");
    let log = ws
        .audit_log(Some((RecordKind::Trademark, "TM-0004")), 1)
        .unwrap();
    assert_eq!(log[0].action, "terminate");
}

/// What an upgrade reinterpreted is shown once, until the clerk has read it; `check` keeps
/// listing it.
#[test]
fn the_migration_report_is_shown_until_read() {
    let (d, ws) = sample();
    assert_eq!(ws.migration_report().unwrap(), Vec::<String>::new());
    drop(ws);
    let db = d.path().join("terroir.db");
    let c = terroir_store::db::open(&db, false).unwrap();
    c.execute(
        "INSERT INTO migration_note (version, note) VALUES (13, '商标 TM-0009 请核对')",
        [],
    )
    .unwrap();
    drop(c);
    let mut ws = Workspace::open(&db, "测试员").unwrap();
    assert_eq!(ws.migration_report().unwrap(), ["商标 TM-0009 请核对"]);
    ws.acknowledge_migration_report().unwrap();
    assert!(ws.migration_report().unwrap().is_empty());
    assert_eq!(ws.check().unwrap().migration_notes, ["商标 TM-0009 请核对"]);
}

/// Names made from other records' names follow a rename in the same transaction: the user
/// list, the search and a reindex show the new name, never the stale one.
#[test]
fn a_rename_reaches_every_name_made_from_it() {
    let (_d, mut ws) = sample();
    let user = ws.show(RecordKind::User, "USR-0001").unwrap();
    let enterprise = user.summary()["enterprise"].as_str().unwrap().to_owned();
    let old = ws.show(RecordKind::Enterprise, &enterprise).unwrap().name;
    assert!(user.name.starts_with(&old), "{}", user.name);
    ws.edit(
        RecordKind::Enterprise,
        &enterprise,
        json!({ "name": "新名茶业有限公司（示例）" }),
        Some("更名"),
        None,
    )
    .unwrap();
    let named = |ws: &Workspace| -> Vec<String> {
        ws.list(RecordKind::User, Show::Live, 100, 0)
            .unwrap()
            .items
            .into_iter()
            .filter(|u| u.summary()["enterprise"] == enterprise.as_str())
            .map(|u| u.name)
            .collect()
    };
    let names = named(&ws);
    assert!(!names.is_empty());
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("新名茶业有限公司（示例） · ")),
        "{names:?}"
    );
    let found = |ws: &Workspace, q: &str| -> Vec<String> {
        ws.search(q, Some(RecordKind::User), 20)
            .unwrap()
            .groups
            .into_iter()
            .flat_map(|g| g.hits.into_iter().map(|h| h.code))
            .collect()
    };
    assert!(found(&ws, "新名茶业").contains(&"USR-0001".to_owned()));
    assert!(!found(&ws, &old).contains(&"USR-0001".to_owned()));
    ws.reindex().unwrap();
    assert!(found(&ws, "新名茶业").contains(&"USR-0001".to_owned()));
    assert!(!found(&ws, &old).contains(&"USR-0001".to_owned()));
    assert_eq!(
        ws.audit_log(Some((RecordKind::User, "USR-0001")), 1)
            .unwrap()[0]
            .action,
        "rename"
    );
    assert!(ws.check().unwrap().ok);
    // A user archived before a rename comes back with the name as it is now.
    ws.archive(RecordKind::User, "USR-0001", Some("测试"))
        .unwrap();
    ws.edit(
        RecordKind::Enterprise,
        &enterprise,
        json!({ "name": "再次更名茶业（示例）" }),
        None,
        None,
    )
    .unwrap();
    let back = ws.unarchive(RecordKind::User, "USR-0001", None).unwrap();
    assert!(
        back.name.starts_with("再次更名茶业（示例） · "),
        "{}",
        back.name
    );
}

/// A small real photo (PNG) at `path`.
fn write_photo(path: &std::path::Path) {
    image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 80]))
        .save_with_format(path, image::ImageFormat::Png)
        .unwrap();
}

#[test]
fn photo_is_stored_by_content_hash_and_checked() {
    let (dir, mut ws) = sample();
    let photo = dir.path().join("茶园.png");
    write_photo(&photo);
    let gi = ws.add_photo("GI-0001", &photo, Some("茶园")).unwrap();
    let sha = gi.data()["photos"][0]["sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(gi.data()["photos"][0]["original_name"], "茶园.png");
    assert_eq!(
        gi.data()["photos"][0]["print"]["width"],
        64,
        "small photos are not enlarged"
    );
    let stored = dir.path().join("files").join(&sha[..2]).join(&sha[2..]);
    assert!(stored.exists());
    assert!(ws.check().unwrap().ok);
    std::fs::write(&stored, b"tampered").unwrap();
    let check = ws.check().unwrap();
    assert!(!check.ok);
    assert!(
        check.report.files[0].contains("does not match"),
        "{:?}",
        check.report.files
    );
}

#[test]
fn backup_and_restore_round_trip_keeping_the_replaced_workspace() {
    let (dir, mut ws) = sample();
    let photo = dir.path().join("p.png");
    write_photo(&photo);
    ws.add_photo("GI-0001", &photo, None).unwrap();
    let info = ws.backup(None, 2).unwrap();
    assert_eq!(info.manifest.files, 2, "the photo and its print-ready copy");
    ws.add(RecordKind::Enterprise, json!({ "name": "备份后新增" }))
        .unwrap();
    for _ in 0..2 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        ws.backup(None, 2).unwrap();
    }
    let gens = terroir_store::backup::generations(&dir.path().join("backups")).unwrap();
    assert_eq!(gens.len(), 2, "only the newest 2 generations are kept");
    assert!(!info.path.exists(), "oldest generation pruned");
    let restore_from = gens[0].clone();
    let before = ws
        .list(RecordKind::Enterprise, Show::All, 100, 0)
        .unwrap()
        .total;
    let (ws, kept) = ws.restore(&restore_from).unwrap();
    assert!(kept.join("terroir.db").exists());
    assert_eq!(
        ws.list(RecordKind::Enterprise, Show::All, 100, 0)
            .unwrap()
            .total,
        before
    );
    assert!(ws.check().unwrap().ok);
}

#[test]
fn tampered_backup_is_refused_and_workspace_untouched() {
    let (_d, ws) = sample();
    let info = ws.backup(None, 3).unwrap();
    let db = info.path.join("terroir.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let n = bytes.len();
    bytes[n - 100] ^= 0xff;
    std::fs::write(&db, bytes).unwrap();
    let err = ws.restore(&info.path).unwrap_err();
    assert_eq!(err.rule, Rule::BackupInvalid);
}

#[test]
fn gi_protection_must_reference_an_existing_trademark() {
    let (_d, mut ws) = sample();
    let e = ws
        .add(RecordKind::Gi, json!({ "name": "新产品", "protections": [{ "regime": "gi_trademark", "mark_kind": "collective", "trademark": "99999999" }] }))
        .unwrap_err();
    assert_eq!(
        (e.rule, e.field.as_deref()),
        (Rule::ReferenceMissing, Some("protections[0].trademark"))
    );
}

#[test]
fn overview_tallies_gi_products_by_division_and_category() {
    let (_d, mut ws) = sample();
    let o = ws.overview().unwrap();
    let gushi = o.gi_by_division.iter().find(|t| t.key == "411525").unwrap();
    // By the division that catalogues them: 信阳毛尖 is the city's, though its area reaches
    // into 固始.
    assert_eq!(gushi.count, 2, "固始鸡, 固始萝卜");
    let city = o.gi_by_division.iter().find(|t| t.key == "411500").unwrap();
    assert_eq!(city.count, 2, "信阳毛尖, 信阳红");
    assert_eq!(o.gi_by_category[0].key, "食用农林产品及食品");
    assert_eq!(o.gi_by_category[0].count, 6);
    ws.archive(RecordKind::Gi, "GI-0003", None).unwrap();
    assert_eq!(
        ws.overview()
            .unwrap()
            .gi_by_division
            .iter()
            .find(|t| t.key == "411525")
            .unwrap()
            .count,
        1
    );
}

#[test]
fn related_records_are_found_through_their_reference() {
    let (_d, ws) = sample();
    let users = ws
        .related(RecordKind::User, RecordKind::Gi, "GI-0001", 100, 0)
        .unwrap();
    assert_eq!(users.len(), 4);
    let marks = ws
        .related(
            RecordKind::Trademark,
            RecordKind::Enterprise,
            "ENT-0006",
            100,
            0,
        )
        .unwrap();
    assert_eq!(
        marks.iter().map(|m| m.code.as_str()).collect::<Vec<_>>(),
        ["TM-0005"]
    );
    let err = ws
        .related(RecordKind::Gi, RecordKind::User, "USR-0001", 10, 0)
        .unwrap_err();
    assert_eq!(err.rule, Rule::EnumValue);
}

#[test]
fn sample_remove_refuses_while_a_real_record_refers_to_sample_data() {
    let (_d, mut ws) = sample();
    ws.add(RecordKind::Enterprise, json!({ "name": "真实茶企" }))
        .unwrap();
    ws.add(
        RecordKind::User,
        json!({ "gi": "GI-0001", "enterprise": "真实茶企", "applied_on": "2026-11-01" }),
    )
    .unwrap();
    let e = ws.remove_sample().unwrap_err();
    assert_eq!(
        (e.kind, e.rule),
        (ErrorKind::Conflict, Rule::StillReferenced)
    );
    assert_eq!(
        (e.params["code"].as_str(), e.params["holder"].as_str()),
        ("GI-0001", "USR-0005")
    );
    assert_eq!(
        ws.list(RecordKind::Gi, Show::All, 100, 0).unwrap().total,
        6,
        "nothing was removed"
    );
    ws.archive(RecordKind::User, "USR-0005", None).unwrap();
    assert_eq!(
        ws.remove_sample().unwrap_err().rule,
        Rule::StillReferenced,
        "archived records still refer"
    );
}

/// Approving an award commits its lines to the budget; archiving it releases them. The budget
/// check, the ledger and the derived `award_line` table agree, and migration 7's backfill
/// rebuilds the same lines from the applications' data.
#[test]
fn award_lines_follow_approval_and_archive_and_the_backfill_rebuilds_them() {
    use terroir_api::workbench::ApplicationStep;
    let (dir, mut ws) = sample();
    ws.add(
        RecordKind::IncentiveRule,
        json!({
            "title": "地理标志商标注册奖励", "item": "gi_trademark", "amount": "100000",
            "jurisdiction": "411500", "stacking": "cumulative",
            "policy_no": "信政〔2026〕8号", "valid_from": "2026-01-01",
        }),
    )
    .unwrap();
    ws.set_budget("411500", 2026, "150000", None).unwrap();
    let mut codes = vec![];
    for (ent, reg_no) in [("ENT-0001", "90000101"), ("ENT-0002", "90000102")] {
        // Each claim names the GI mark that proves it, registered on the day claimed.
        ws.add(
            RecordKind::Trademark,
            json!({
                "reg_no": reg_no, "name": "示例地理标志", "classes": ["30"], "registrant": ent,
                "kind": "collective", "gi": true, "registered_on": "2026-03-01",
            }),
        )
        .unwrap();
        let app = ws
            .add(
                RecordKind::Application,
                json!({
                    "kind": "award", "enterprise": ent, "title": "地理标志商标奖励",
                    "claims": [{ "item": "gi_trademark", "achieved_on": "2026-03-01", "proof": reg_no }],
                }),
            )
            .unwrap();
        for step in [
            ApplicationStep::Submit { on: None },
            ApplicationStep::StartReview {
                on: None,
                reviewer: "李审核".into(),
            },
        ] {
            ws.application_step(&app.code, step).unwrap();
        }
        codes.push(app.code);
    }
    let approve = || ApplicationStep::Approve {
        on: None,
        note: None,
        over_budget_reason: None,
    };
    ws.application_step(&codes[0], approve()).unwrap();
    let refused = ws.application_step(&codes[1], approve()).unwrap_err();
    assert_eq!(refused.problems[0].rule, Rule::BudgetExceeded);
    assert_eq!(refused.problems[0].params["remaining"], "¥50,000.00");

    // Archiving the first award releases its ¥100,000: the second now fits.
    ws.archive(RecordKind::Application, &codes[0], Some("重复申请"))
        .unwrap();
    ws.application_step(&codes[1], approve()).unwrap();
    let ledger = ws.ledger(Some(2026), None, None).unwrap();
    let row = ledger
        .rows
        .iter()
        .find(|r| r.jurisdiction == "411500")
        .unwrap();
    assert_eq!(
        (row.approved.0, row.paid.0, row.remaining.unwrap().0),
        (10_000_000, 0, 5_000_000)
    );
    assert_eq!(ledger.entries.len(), 1);
    assert_eq!(ledger.entries[0].application, codes[1]);

    // The work queue: applications by state, and the list in one state.
    let queue = ws.overview().unwrap().applications_by_state;
    let n = |k: &str| queue.iter().find(|t| t.key == k).map_or(0, |t| t.count);
    assert_eq!((n("submitted"), n("approved")), (1, 1), "{queue:?}");
    let approved = ws
        .list_in_state(RecordKind::Application, Show::Live, Some("approved"), 10, 0)
        .unwrap();
    assert_eq!(approved.total, 1);
    assert_eq!(approved.items[0].code, codes[1]);
    let bad = ws
        .list_in_state(RecordKind::Enterprise, Show::Live, Some("approved"), 10, 0)
        .unwrap_err();
    assert_eq!(bad.problems[0].rule, Rule::UnknownField);

    // Migration 7's backfill, run again over the same data, gives the same lines.
    let conn = terroir_store::Connection::open(dir.path().join("terroir.db")).unwrap();
    let lines = |conn: &terroir_store::Connection| -> Vec<(String, String, i64, i64)> {
        let mut stmt = conn
            .prepare("SELECT application_id, jurisdiction, year, amount_fen FROM award_line ORDER BY 1, 2")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let derived = lines(&conn);
    assert_eq!(
        derived.len(),
        2,
        "the archived award keeps its line; queries skip it"
    );
    let migration = include_str!("../../store/migrations/0007_award_lines.sql");
    let backfill = &migration[migration.find("INSERT INTO award_line").unwrap()..];
    let backfill = &backfill[..backfill.find(';').unwrap()];
    conn.execute_batch(&format!("DELETE FROM award_line; {backfill};"))
        .unwrap();
    assert_eq!(lines(&conn), derived);
}

/// An import reports rows checked as it goes, and stopping it writes nothing.
#[test]
fn import_reports_progress_and_a_stopped_import_writes_nothing() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (dir, mut ws) = ws();
    let csv = dir.path().join("企业名单.csv");
    let mut text = String::from("企业名称,地址\n");
    for i in 0..600 {
        text.push_str(&format!("进度测试企业{i:03}有限公司,固始县{i}号\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let before = ws
        .list(RecordKind::Enterprise, Show::All, 0, 0)
        .unwrap()
        .total;

    // Stopped once 250 rows are checked: cancelled, nothing applied, nothing written.
    let cancel = AtomicBool::new(false);
    let mut seen = vec![];
    let r = ws
        .import_with(RecordKind::Enterprise, &csv, false, &cancel, &mut |p| {
            seen.push((p.done, p.total));
            if p.done >= 250 {
                cancel.store(true, Ordering::Relaxed);
            }
        })
        .unwrap();
    assert!(r.cancelled && !r.applied, "{r:?}");
    assert_eq!(seen, [(0, 600), (250, 600)]);
    assert_eq!(
        ws.list(RecordKind::Enterprise, Show::All, 0, 0)
            .unwrap()
            .total,
        before
    );

    // Run to the end: progress climbs to the total, and all 600 are written.
    let cancel = AtomicBool::new(false);
    let mut seen = vec![];
    let r = ws
        .import_with(RecordKind::Enterprise, &csv, false, &cancel, &mut |p| {
            seen.push(p.done)
        })
        .unwrap();
    assert!(r.applied && !r.cancelled);
    assert_eq!(seen, [0, 250, 500, 600]);
    assert_eq!(r.added.len(), 600);
    assert_eq!(
        ws.list(RecordKind::Enterprise, Show::All, 0, 0)
            .unwrap()
            .total,
        before + 600
    );
}

/// Every way in is held to the form's rules: an action's result is parsed again before it is
/// saved, so a photo's caption (printed in the dossier) cannot carry 驰名商标, and lists are
/// capped.
#[test]
fn actions_and_lists_are_held_to_the_forms_rules() {
    let (dir, mut ws) = sample();
    let photo = dir.path().join("茶园.png");
    write_photo(&photo);
    let before = ws.show(RecordKind::Gi, "GI-0001").unwrap().version;
    let e = ws
        .add_photo("GI-0001", &photo, Some("荣获驰名商标"))
        .unwrap_err();
    assert_eq!(e.rule, Rule::WellKnownWording, "{e:?}");
    assert_eq!(e.field.as_deref(), Some("photos[0].caption"));
    assert_eq!(ws.show(RecordKind::Gi, "GI-0001").unwrap().version, before);

    // A GI's public texts are checked when saved; its name too.
    let e = ws
        .edit(
            RecordKind::Gi,
            "GI-0002",
            json!({ "history": "驰 名 商 标" }),
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(e.rule, Rule::WellKnownWording);
    assert_eq!(e.field.as_deref(), Some("history"));

    // Lists: at most 50 claims on one application, named with the count.
    let claims: Vec<_> = (0..51)
        .map(|_| json!({ "item": "gi_trademark", "achieved_on": "2026-01-01" }))
        .collect();
    let e = ws
        .add(
            RecordKind::Application,
            json!({ "kind": "award", "enterprise": "ENT-0006", "title": "太多", "claims": claims }),
        )
        .unwrap_err();
    let p = e.problems.iter().find(|p| p.rule == Rule::TooMany).unwrap();
    assert_eq!(p.field.as_deref(), Some("claims"));
    assert_eq!(p.params["count"], "51");
    assert_eq!(
        p.message.zh_cn,
        "奖励事项（claims）：过多：最多 50 项，实际 51 项"
    );

    // An echoed value never grows the message with its input.
    let e = ws
        .add(
            RecordKind::Enterprise,
            json!({ "name": "某企业", "division": "9".repeat(10_000) }),
        )
        .unwrap_err();
    assert!(e.message.en_us.len() < 400, "{}", e.message.en_us);
    assert!(ws.check().unwrap().ok);
}

/// No lost updates: an edit carries the version it was made from, and one made from a version
/// another clerk has since replaced is refused as a conflict naming who changed what.
#[test]
fn an_edit_from_a_stale_version_is_refused_with_what_changed_meanwhile() {
    let (dir, mut ws) = sample();
    let mut other = Workspace::open(&dir.path().join("terroir.db"), "王科长").unwrap();
    let opened = ws.show(RecordKind::Enterprise, "ENT-0001").unwrap().version;
    other
        .edit(
            RecordKind::Enterprise,
            "ENT-0001",
            json!({ "address": "信阳市羊山新区" }),
            None,
            Some(opened),
        )
        .unwrap();
    let e = ws
        .edit(
            RecordKind::Enterprise,
            "ENT-0001",
            json!({ "phone": "0376-1234567" }),
            None,
            Some(opened),
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert_eq!(e.rule, Rule::StaleVersion);
    assert_eq!(e.params["by"], "王科长");
    assert_eq!(e.params["current"], (opened + 1).to_string());
    let meanwhile = &e.problems[1];
    assert_eq!(meanwhile.rule, Rule::ChangedMeanwhile);
    assert_eq!(meanwhile.field.as_deref(), Some("address"));
    assert_eq!(meanwhile.params["after"], "信阳市羊山新区");
    let now = ws.show(RecordKind::Enterprise, "ENT-0001").unwrap();
    assert_eq!(
        now.data()["phone"],
        json!(null),
        "nothing of the stale edit was saved"
    );
    // Made again from the current version, it is saved.
    ws.edit(
        RecordKind::Enterprise,
        "ENT-0001",
        json!({ "phone": "0376-1234567" }),
        None,
        Some(now.version),
    )
    .unwrap();
}

/// Legal last days (regulations art. 12): the registration term never moves, the grace
/// period's last day moves to the next working day, by the workspace's calendar.
#[test]
fn a_grace_period_ending_on_a_rest_day_ends_on_the_next_working_day() {
    let (_d, mut ws) = ws();
    ws.add(RecordKind::Enterprise, json!({ "name": "某茶厂" }))
        .unwrap();
    ws.add(
        RecordKind::Trademark,
        json!({ "reg_no": "16000307", "name": "某茶", "classes": ["30"], "registrant": "某茶厂",
                "registered_on": "2016-03-07" }),
    )
    .unwrap();
    let grace = |ws: &mut Workspace, today: &str| {
        ws.set_today(Some(today.parse().unwrap()));
        ws.deadlines("30d").unwrap()
    };
    // Monday 2026-09-07: still in grace (the nominal last day, Sunday 09-06, moved).
    let d = grace(&mut ws, "2026-09-07");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].due_on.to_string(), "2026-09-07");
    assert_eq!(
        d[0].due_on_nominal.map(|x| x.to_string()).as_deref(),
        Some("2026-09-06")
    );
    let tm = ws.show(RecordKind::Trademark, "TM-0001").unwrap();
    assert_eq!(tm.summary()["standing"], "in_grace");
    assert_eq!(tm.summary()["grace_ends"], "2026-09-07");
    // A renewal filed that Monday is on time.
    ws.trademark_event(
        "TM-0001",
        TrademarkEvent::Renew {
            filed_on: "2026-09-07".into(),
        },
    )
    .unwrap();

    // Without the renewal, Tuesday is too late.
    let (_d2, mut other) = ws_with_mark("2016-03-07");
    assert!(grace(&mut other, "2026-09-08").is_empty());
    let tm = other.show(RecordKind::Trademark, "TM-0001").unwrap();
    assert_eq!(tm.summary()["standing"], "lapsed");

    // A year with no entry moves over weekends only, and says so; entering it takes effect.
    let (_d3, mut w27) = ws_with_mark("2017-04-05"); // grace nominally ends Mon 2027-10-04
    let d = grace(&mut w27, "2027-10-01");
    assert_eq!(d[0].due_on.to_string(), "2027-10-04");
    assert_eq!(d[0].calendar_year_missing, Some(2027));
    let input = terroir_api::core::calendar::CalendarYearInput {
        holidays: vec!["10-01..10-07".into()],
        workdays: vec!["10-09".into()],
        source: Some("国务院办公厅通知（测试）".into()),
    };
    w27.set_calendar_year(2027, &input, Some("录入")).unwrap();
    let d = grace(&mut w27, "2027-10-01");
    assert_eq!(d[0].due_on.to_string(), "2027-10-08");
    assert_eq!(d[0].calendar_year_missing, None);
    let log = w27.audit_log(None, 5).unwrap();
    assert!(
        log.iter()
            .any(|e| e.entity == "calendar" && e.entity_id == "2027")
    );
}

fn ws_with_mark(registered: &str) -> (tempfile::TempDir, Workspace) {
    let (d, mut ws) = ws();
    ws.add(RecordKind::Enterprise, json!({ "name": "某茶厂" }))
        .unwrap();
    ws.add(
        RecordKind::Trademark,
        json!({ "reg_no": "16000307", "name": "某茶", "classes": ["30"], "registrant": "某茶厂",
                "registered_on": registered }),
    )
    .unwrap();
    (d, ws)
}

/// A revoked GI product takes its approved users' basis with it: they are flagged, and its
/// dossier no longer lists them as authorised but says why.
#[test]
fn users_lose_their_basis_when_the_product_is_revoked() {
    let (_d, mut ws) = sample();
    let before = ws.dossier_view("GI-0001").unwrap();
    assert!(!before.users.is_empty());
    assert!(before.users_note.is_none());
    assert_eq!(ws.attention().unwrap().total, 0);
    let active: Vec<String> = ws
        .list(RecordKind::User, Show::Live, 100, 0)
        .unwrap()
        .items
        .into_iter()
        .filter(|u| ["active", "suspended"].contains(&u.summary()["stage"].as_str().unwrap()))
        .map(|u| u.code)
        .collect();
    assert!(!active.is_empty());
    for u in &active {
        assert!(ws.show(RecordKind::User, u).unwrap().summary()["basis_gone"].is_null());
    }
    ws.edit(
        RecordKind::Gi,
        "GI-0001",
        json!({ "status_history": [{ "status": "revoked", "on": "2026-05-01", "document_no": "撤销公告（示例）" }] }),
        None,
        None,
    )
    .unwrap();
    for u in &active {
        let s = ws.show(RecordKind::User, u).unwrap().summary();
        assert!(
            s["basis_gone"]["zh-CN"]
                .as_str()
                .unwrap()
                .contains("2026-05-01"),
            "{u}: {s}"
        );
    }
    let after = ws.dossier_view("GI-0001").unwrap();
    assert!(after.users.is_empty(), "{:?}", after.users);
    assert!(after.users_note.unwrap().contains("被撤销"));
    // The overview names them for a decision.
    let o = ws.attention().unwrap();
    let flagged: Vec<&str> = o
        .items
        .iter()
        .filter(|a| a.reason == "basis_gone")
        .map(|a| a.code.as_str())
        .collect();
    assert_eq!(
        flagged,
        active.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(o.total >= active.len() as u64);
}

/// The automatic backup: once a day (the workspace's today), keeping the generations the
/// settings say; off when switched off; the settings refuse nonsense by field.
#[test]
fn a_backup_is_made_on_the_first_start_of_each_day() {
    use terroir_api::ops::BackupSettings;
    let (_d, mut ws) = sample();
    assert_eq!(ws.backup_settings().unwrap(), BackupSettings::default());
    ws.set_backup_settings(BackupSettings {
        daily: true,
        keep: 2,
    })
    .unwrap();
    for day in ["2026-11-27", "2026-11-28", "2026-11-29"] {
        ws.set_today(Some(day.parse().unwrap()));
        assert!(ws.daily_backup().unwrap().is_some(), "{day}");
        assert!(ws.daily_backup().unwrap().is_none(), "{day}, again");
    }
    assert_eq!(ws.list_backups().unwrap().len(), 2);
    ws.set_backup_settings(BackupSettings {
        daily: false,
        keep: 2,
    })
    .unwrap();
    ws.set_today(Some("2026-11-30".parse().unwrap()));
    assert!(ws.daily_backup().unwrap().is_none());
    for (keep, rule) in [(0, Rule::Required), (101, Rule::TooMany)] {
        let e = ws
            .set_backup_settings(BackupSettings { daily: true, keep })
            .unwrap_err();
        assert_eq!((e.field.as_deref(), e.rule), (Some("keep"), rule));
    }
    assert_eq!(ws.backup_settings().unwrap().keep, 2);
}

/// A backup stopped half-way (the app closed during its daily backup) leaves its temporary
/// folder; the next backup removes it, and never the folder of a backup still running (which
/// holds the lock beside it).
#[test]
fn a_backup_removes_the_folders_of_abandoned_backups_only() {
    let (d, ws) = sample();
    ws.backup_now().unwrap();
    let dest = d.path().join("backups");
    let folder = |name: &str| {
        let p = dest.join(name);
        std::fs::create_dir_all(p.join("files")).unwrap();
        std::fs::write(p.join("terroir.db"), b"half a copy").unwrap();
        p
    };
    // Killed before this change (no lock file), killed after it (the lock free), running.
    let old = folder(".tmp-terroir-20261127T080000Z");
    let killed = folder(".tmp-terroir-20261127T090000Z");
    std::fs::write(dest.join(".tmp-terroir-20261127T090000Z.lock"), b"").unwrap();
    let running = folder(".tmp-terroir-20261127T100000Z");
    let held = std::fs::File::create(dest.join(".tmp-terroir-20261127T100000Z.lock")).unwrap();
    held.lock().unwrap();
    ws.backup_now().unwrap();
    assert!(!old.exists() && !killed.exists());
    assert!(!dest.join(".tmp-terroir-20261127T090000Z.lock").exists());
    assert!(
        running.join("terroir.db").exists(),
        "a running backup's folder is kept"
    );
    assert_eq!(ws.list_backups().unwrap().len(), 2);
    drop(held);
    ws.backup_now().unwrap();
    assert!(!running.exists(), "removed once its backup is gone");
    let left: Vec<String> = std::fs::read_dir(&dest)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Previews go where a clerk finds them again: under the print folder the desktop sets (its
/// documents folder), 推介资料/ for dossiers and 证据目录/ for catalogues, else beside the
/// workspace; the clerk is told the file's name.
#[test]
fn previews_go_to_the_print_folder() {
    let (d, mut ws) = sample();
    // The first print asks for who issues the dossier and how to reach them.
    let e = ws.print_dossier_preview("GI-0001").unwrap_err();
    let asked: Vec<_> = e
        .problems
        .iter()
        .map(|p| (p.field.as_deref(), p.rule))
        .collect();
    assert_eq!(
        asked,
        [
            (Some("issuer"), terroir_api::core::Rule::SettingsRequired),
            (
                Some("issuer_contact"),
                terroir_api::core::Rule::SettingsRequired
            )
        ]
    );
    ws.set_dossier_settings(&terroir_api::dossier::DossierSettings {
        issuer: Some("信阳市知识产权局".into()),
        issuer_contact: Some("0376-6200000".into()),
        qr_template: String::new(),
    })
    .unwrap();
    let beside = ws.print_dossier_preview("GI-0001").unwrap();
    assert!(
        std::path::Path::new(&beside.path).starts_with(d.path().join("dossiers")),
        "{}",
        beside.path
    );
    let docs = d.path().join("文档/地标品牌库");
    ws.set_print_dir(Some(docs.clone()));
    let dossier = ws.print_dossier_preview("GI-0001").unwrap();
    assert_eq!(dossier.file, "GI-0001-信阳毛尖.pdf");
    assert_eq!(
        std::path::PathBuf::from(&dossier.path),
        docs.join("推介资料").join(&dossier.file)
    );
    assert!(std::fs::read(&dossier.path).unwrap().starts_with(b"%PDF-"));
    let catalogue = ws.print_catalogue_preview("WKM-0001").unwrap();
    assert!(catalogue.file.contains("证据目录"), "{}", catalogue.file);
    assert!(std::path::Path::new(&catalogue.path).starts_with(docs.join("证据目录")));
}

/// Lists show a referenced enterprise by name next to its code, as it is named now.
#[test]
fn an_application_names_its_enterprise_as_it_is_named_now() {
    let (_d, mut ws) = sample();
    let name = |ws: &Workspace| match ws.show(RecordKind::Application, "APP-0001").unwrap().record {
        terroir_api::RecordData::Application { summary, .. } => {
            (summary.enterprise, summary.enterprise_name)
        }
        _ => unreachable!(),
    };
    assert_eq!(
        name(&ws),
        (
            Some("ENT-0006".into()),
            Some("罗山县茶业有限公司（示例）".into())
        )
    );
    ws.edit(
        RecordKind::Enterprise,
        "ENT-0006",
        json!({"name": "罗山县茶业集团（示例）"}),
        None,
        None,
    )
    .unwrap();
    assert_eq!(name(&ws).1.as_deref(), Some("罗山县茶业集团（示例）"));
}

/// The approval form to sign: 奖励审批表 with the applicant, the award's lines and total, and a
/// box per signature; poppler reads it.
#[test]
fn an_award_prints_its_approval_form() {
    use terroir_api::workbench::ApplicationStep;
    let (d, mut ws) = sample();
    let code = common::award(
        &mut ws,
        vec![ApplicationStep::Approve {
            on: None,
            note: None,
            over_budget_reason: Some("预算未下达".into()),
        }],
    );
    let path = d.path().join("审批表.pdf");
    let p = ws.print_application_form_to(&code, &path).unwrap();
    assert_eq!(p.file, "审批表.pdf");
    let o = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    // The ledger as a sheet: the budget, the award line, and the 合计 row.
    let sheet = d.path().join("台账.xlsx");
    let n = ws
        .export_ledger(Some(2026), None, &sheet, terroir_api::core::Lang::Zh)
        .unwrap();
    assert_eq!(n, 1);
    let rows = terroir_exchange::sheet::read(&sheet).unwrap().rows;
    let last = &rows.last().unwrap().1;
    assert_eq!(last[0].text(), "合计");
    assert_eq!(last[11].text(), "100000");
    assert!(
        rows.iter()
            .any(|(_, r)| r[3].text() == code && r[11].text() == "100000")
    );
    for want in [
        "奖励审批表",
        "信阳市茶叶协会",
        "李审核",
        "¥100,000.00",
        "预算未下达",
        "经办人审核",
        "分管领导审批",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
}

/// A review page leads with the decision: what an approval today awards and what it leaves of
/// each paying jurisdiction's budget — over without a budget, within once one is set — and the
/// approval agrees (it needs a reason exactly when the review says over).
#[test]
fn the_review_leads_with_amount_and_budget_left() {
    use terroir_api::workbench::ApplicationStep;
    let (_d, mut ws) = sample();
    let code = common::award(&mut ws, vec![]);
    let r = ws.review(&code).unwrap();
    assert_eq!((r.year, r.due.0, r.eligible), (2026, 10_000_000, true));
    assert_eq!(r.budgets.len(), 1);
    let b = &r.budgets[0];
    assert_eq!(
        (b.jurisdiction.as_str(), b.budget, b.over),
        ("411500", None, true)
    );
    let approve = |reason: Option<&str>| ApplicationStep::Approve {
        on: None,
        note: None,
        over_budget_reason: reason.map(str::to_owned),
    };
    assert!(ws.application_step(&code, approve(None)).is_err());

    ws.set_budget("411500", 2026, "250000", None).unwrap();
    let b = ws.review(&code).unwrap().budgets.remove(0);
    assert_eq!(b.budget.map(|f| f.0), Some(25_000_000));
    assert_eq!(b.left_after, Some(25_000_000 - b.committed.0 - 10_000_000));
    assert!(!b.over);
    ws.application_step(&code, approve(None)).unwrap();
}

/// The attention list judges per product first and reads only the users the store narrows to:
/// on the sample with a certification licensee whose use reports say unused, on a day when the
/// GI mark stands, a day after it lapsed, and once the product is revoked, it names exactly
/// the users whose own page says their basis is gone or proposes stopping for non-use.
#[test]
fn attention_names_the_users_their_own_pages_flag() {
    let (_d, mut ws) = sample();
    ws.edit(
        RecordKind::Trademark,
        "TM-0001",
        json!({ "registered_on": "2003-05-14" }),
        None,
        None,
    )
    .unwrap();
    let licensee = ws
        .add(
            RecordKind::User,
            json!({ "gi": "信阳毛尖", "enterprise": "罗山县茶业有限公司（示例）",
                    "kind": "certification_licensee", "applied_on": "2004-03-01" }),
        )
        .unwrap()
        .code;
    let mut steps = vec![UserStep::License {
        on: "2004-05-01".into(),
        licence_no: "许可-2004-01（测试）".into(),
    }];
    for year in [2005, 2006] {
        steps.push(UserStep::UseReport {
            year,
            due_on: Some(format!("{}-03-31", year + 1)),
            received_on: Some(format!("{}-03-20", year + 1)),
            half: None,
            used: Some(false),
            output: None,
            labels: None,
            links: vec![],
        });
    }
    for step in steps {
        ws.user_step(&licensee, step).unwrap();
    }
    let mut seen = std::collections::BTreeSet::new();
    for (day, revoke) in [
        ("2012-01-01", false),
        ("2030-01-01", false),
        ("2030-01-01", true),
    ] {
        ws.set_today(Some(day.parse().unwrap()));
        if revoke {
            ws.edit(
                RecordKind::Gi,
                "GI-0001",
                json!({ "status_history": [{ "status": "revoked", "on": "2029-05-01", "document_no": "撤销公告（示例）" }] }),
                None,
                None,
            )
            .unwrap();
        }
        let mut expected = vec![];
        for u in ws
            .list(RecordKind::User, Show::Live, 1000, 0)
            .unwrap()
            .items
        {
            let s = u.summary();
            for (reason, field) in [("basis_gone", "basis_gone"), ("no_use", "no_use_proposal")] {
                if !s[field].is_null() {
                    expected.push((u.code.clone(), reason.to_owned()));
                }
            }
        }
        expected.sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
        let a = ws.attention().unwrap();
        let listed: Vec<(String, String)> = a
            .items
            .iter()
            .filter(|i| i.reason != "case_misuse")
            .map(|i| (i.code.clone(), i.reason.clone()))
            .collect();
        assert_eq!(listed, expected, "{day}");
        seen.extend(
            expected
                .into_iter()
                .map(|(code, reason)| format!("{day} {revoke} {code} {reason}")),
        );
    }
    // Each path was taken: non-use, the licensee's mark lapsed, the producers' product revoked.
    let lic = |day: &str, reason: &str| format!("{day} false {licensee} {reason}");
    assert!(seen.contains(&lic("2012-01-01", "no_use")), "{seen:?}");
    assert!(!seen.contains(&lic("2012-01-01", "basis_gone")), "{seen:?}");
    assert!(seen.contains(&lic("2030-01-01", "basis_gone")), "{seen:?}");
    assert!(
        seen.iter().any(|s| s.starts_with("2030-01-01 true USR-")
            && s.ends_with("basis_gone")
            && !s.contains(&licensee)),
        "{seen:?}"
    );
}

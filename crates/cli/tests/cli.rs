//! The `terroir` binary end to end: exit codes, JSON output, checks. The crash test is in
//! `reliability.rs`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_terroir");

fn terroir(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["--actor", "测试", "--lang", "en"])
        .args(args)
        .output()
        .expect("run terroir")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn sample_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("terroir.db");
    let o = terroir(&db, &["init", "--sample"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, db)
}

#[test]
fn list_json_gives_id_code_and_name_for_every_kind() {
    let (_d, db) = sample_db();
    for kind in ["gi", "enterprise", "user", "trademark", "candidate"] {
        let o = terroir(&db, &["--json", kind, "list"]);
        assert_eq!(o.status.code(), Some(0));
        let items = json(&o);
        let items = items.as_array().unwrap();
        assert!(!items.is_empty(), "{kind}");
        for r in items {
            assert!(
                r["id"].as_str().unwrap().len() == 36
                    && r["code"].is_string()
                    && r["name"].is_string()
            );
        }
    }
}

#[test]
fn validate_uscc_json_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let o = terroir(
        &db,
        &[
            "--json",
            "validate",
            "uscc",
            "９１４１１５０２ma45ty001k",
            "91411502MA45TY001X",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "an invalid code is a problem found"
    );
    let v = json(&o);
    assert_eq!(v[0]["normalized"], "91411502MA45TY001K");
    assert_eq!(v[0]["valid"], true);
    assert_eq!(v[0]["error"], Value::Null);
    assert_eq!(v[1]["valid"], false);
    assert_eq!(v[1]["error"]["rule"], "credit_code_check_digit");
    assert_eq!(v[1]["error"]["params"]["expected"], "K");
    let o = terroir(&db, &["validate", "uscc", "91411502 MA45 TY001K"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!db.exists(), "validate needs no workspace");
}

/// `wording check`: findings exit 1 with where each is; clean copy from standard input exits
/// 0; a PDF whose text cannot be read exits 2, never 0; no workspace is made.
#[test]
fn wording_check_exit_codes_and_places() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let docx = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/tests/fixtures/wording.docx");
    let o = terroir(&db, &["wording", "check", docx.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("header 1 paragraph 1, character"), "{text}");
    assert!(text.contains("荣获【驰名商标】称号"), "{text}");
    assert!(text.contains("found 4 times"), "{text}");

    let mut child = Command::new(BIN)
        .args(["--lang", "zh", "--json", "wording", "check", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("信阳毛尖，驰名中外".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(
        (v["complete"].as_bool(), v["chars"].as_u64()),
        (Some(true), Some(9))
    );
    assert_eq!(v["findings"], serde_json::json!([]));

    // The fixture PDF with its fonts' character maps taken out, as a scanned 公文 would be.
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/tests/fixtures/wording.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    let scan = dir.path().join("scan.pdf");
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Dictionary(d) = object
            && d.has_type(b"Font")
        {
            d.remove(b"ToUnicode");
            d.set("Subtype", lopdf::Object::Name(b"Type0".to_vec()));
        }
    }
    doc.save(&scan).unwrap();
    let o = terroir(&db, &["wording", "check", scan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("the text of page 1 cannot be extracted"),
        "{text}"
    );
    assert!(text.contains("not complete"), "{text}");
    assert!(!db.exists(), "the wording check needs no workspace");
}

#[test]
fn trademark_renewal_command_matches_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    // The grace period's legal last day (art. 12 para 1): Sunday 2026-09-06 moves to Monday;
    // 2030 has no calendar entry (weekends only) and its days fall on weekdays.
    for (reg, exp, win, grace) in [
        ("2016-03-07", "2026-03-06", "2025-03-07", "2026-09-07"),
        ("2020-02-29", "2030-02-28", "2029-03-01", "2030-08-28"),
        ("2019-08-31", "2029-08-30", "2028-08-31", "2030-02-28"),
    ] {
        let o = terroir(
            &db,
            &[
                "--json",
                "trademark",
                "renewal",
                "--registered",
                reg,
                "--today",
                "2026-04-01",
            ],
        );
        let v = json(&o);
        assert_eq!(
            (
                v["expires"].as_str(),
                v["window_opens"].as_str(),
                v["grace_ends"].as_str()
            ),
            (Some(exp), Some(win), Some(grace))
        );
        assert_eq!(v["calendar_source"], "shipped", "no workspace at --db");
    }
    // The example of the issue: in grace on Monday 2026-09-07, lapsed on Tuesday.
    for (today, status) in [("2026-09-07", "in_grace"), ("2026-09-08", "lapsed")] {
        let args = [
            "--json",
            "trademark",
            "renewal",
            "--registered",
            "2016-03-07",
            "--today",
            today,
        ];
        let v = json(&terroir(&db, &args));
        assert_eq!(v["status"], status, "{today}");
        assert_eq!(v["grace_ends_nominal"], "2026-09-06");
        assert!(
            v["grace_note"]["zh-CN"]
                .as_str()
                .unwrap()
                .contains("顺延至 2026-09-07")
        );
    }
    let v = json(&terroir(
        &db,
        &[
            "--json",
            "trademark",
            "renewal",
            "--registered",
            "2016-03-07",
            "--today",
            "2026-04-01",
        ],
    ));
    assert_eq!(v["status"], "in_grace");
    let v = json(&terroir(
        &db,
        &[
            "--json",
            "trademark",
            "renewal",
            "--registered",
            "2016-03-07",
            "--renewals",
            "1",
            "--today",
            "2026-04-01",
        ],
    ));
    assert_eq!(v["expires"], "2036-03-06");
    assert_eq!(v["status"], "registered");
}

#[test]
fn bad_input_exits_2_with_the_error_model_and_writes_nothing() {
    let (_d, db) = sample_db();
    let before = json(&terroir(&db, &["--json", "audit", "log", "--limit", "1"]))[0]["seq"].clone();
    let o = terroir(
        &db,
        &[
            "--json",
            "enterprise",
            "add",
            "--name",
            "乙",
            "--credit-code",
            "91411502MA45TY001K",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let e = &json(&o)["error"];
    assert_eq!(
        (e["kind"].as_str(), e["rule"].as_str(), e["field"].as_str()),
        (
            Some("conflict"),
            Some("credit_code_taken"),
            Some("credit_code")
        )
    );
    assert!(e["message"]["zh-CN"].as_str().unwrap().contains("ENT-0003"));
    let o = terroir(
        &db,
        &[
            "--json",
            "trademark",
            "add",
            "--reg-no",
            "12x",
            "--name",
            "x",
            "--class",
            "46",
            "--registrant",
            "ENT-0001",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let rules: Vec<_> = json(&o)["error"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["rule"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(rules, ["reg_no_format", "nice_class_range"]);
    let o = terroir(
        &db,
        &[
            "--json",
            "user",
            "approve",
            "USR-0002",
            "--announcement-no",
            "x",
            "--announced-on",
            "2026-11-01",
        ],
    );
    assert_eq!(
        (o.status.code(), json(&o)["error"]["rule"].as_str()),
        (Some(2), Some("flow_order"))
    );
    let after = json(&terroir(&db, &["--json", "audit", "log", "--limit", "1"]))[0]["seq"].clone();
    assert_eq!(before, after, "nothing was written");
    let o = terroir(&db, &["gi", "show", "GI-0404"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("GI-0404"));
}

#[test]
fn add_edit_archive_unarchive_through_flags() {
    let (_d, db) = sample_db();
    // Ask the validator for the right check character of this made-up code.
    let v = json(&terroir(
        &db,
        &["--json", "validate", "uscc", "91411523ma49hk0050"],
    ));
    let check = if v[0]["valid"] == true {
        "0".to_owned()
    } else {
        v[0]["error"]["params"]["expected"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let code = format!("91411523ma49hk005{check}");
    let o = terroir(
        &db,
        &[
            "--json",
            "enterprise",
            "add",
            "--name",
            "新县茶厂",
            "--division",
            "411523",
            "--credit-code",
            &code,
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rec = &json(&o)[0];
    assert_eq!(rec["code"], "ENT-0007");
    assert_eq!(rec["data"]["credit_code"], code.to_uppercase());
    let o = terroir(
        &db,
        &[
            "--json",
            "enterprise",
            "edit",
            "ENT-0007",
            "--address",
            "新县新集镇",
            "--division",
            "",
            "--reason",
            "更正地址",
        ],
    );
    let v = json(&o);
    assert_eq!(
        (v["data"]["address"].as_str(), &v["data"]["division"]),
        (Some("新县新集镇"), &Value::Null)
    );
    assert_eq!(
        terroir(
            &db,
            &["enterprise", "archive", "ENT-0007", "--reason", "注销"]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        terroir(&db, &["enterprise", "archive", "ENT-0007"])
            .status
            .code(),
        Some(2)
    );
    let live = json(&terroir(&db, &["--json", "enterprise", "list"]));
    assert!(
        live.as_array()
            .unwrap()
            .iter()
            .all(|r| r["code"] != "ENT-0007")
    );
    assert_eq!(
        terroir(&db, &["enterprise", "unarchive", "ENT-0007"])
            .status
            .code(),
        Some(0)
    );
    let log = json(&terroir(
        &db,
        &[
            "--json",
            "audit",
            "log",
            "--kind",
            "enterprise",
            "--record",
            "ENT-0007",
        ],
    ));
    let actions: Vec<_> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(actions, ["unarchive", "archive", "update", "insert"]);
    assert_eq!(log[1]["reason"], "注销");
    assert_eq!(log[0]["actor"], "测试");
    assert_eq!(terroir(&db, &["check"]).status.code(), Some(0));
}

#[test]
fn deadlines_and_checks_report_through_exit_codes() {
    let (_d, db) = sample_db();
    let v = json(&terroir(
        &db,
        &[
            "--json",
            "deadlines",
            "--within",
            "90d",
            "--today",
            "2026-11-27",
        ],
    ));
    assert_eq!(v.as_array().unwrap().len(), 4);
    assert_eq!(v[0]["overdue"], true);
    assert_eq!(
        terroir(&db, &["deadlines", "--within", "ninety"])
            .status
            .code(),
        Some(2)
    );
    // The same list as a calendar file, and refused by name as an unknown format.
    let ics = db.with_file_name("续展提醒.ics");
    let args = [
        "--today",
        "2026-11-27",
        "deadlines",
        "--within",
        "90d",
        "-o",
    ];
    let o = terroir(&db, &[&args[..], &[ics.to_str().unwrap()]].concat());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&ics).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 4);
    let o = terroir(&db, &[&args[..], &["x.txt"]].concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ics, xlsx, csv"));
    assert_eq!(terroir(&db, &["audit", "verify"]).status.code(), Some(0));
    // Break the chain the way someone with the file and the sqlite3 shell could.
    let conn = rusqlite_free_tamper(&db);
    assert!(conn);
    assert_eq!(terroir(&db, &["audit", "verify"]).status.code(), Some(1));
    let c = terroir(&db, &["--json", "check"]);
    assert_eq!(c.status.code(), Some(1));
    assert_eq!(json(&c)["audit_chain"]["first_broken"]["seq"], 3);
}

/// Tamper with audit row 3 through the CLI's own SQLite (no extra test dependency): the
/// `sqlite3` shell is not assumed, so use python's sqlite3 when present, else skip.
fn rusqlite_free_tamper(db: &Path) -> bool {
    let script = "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1])\nc.execute('DROP TRIGGER audit_log_no_update')\nc.execute(\"UPDATE audit_log SET actor='mallory' WHERE seq=3\")\nc.commit()\n";
    Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(db)
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

#[test]
fn backup_restore_and_newer_schema_through_the_cli() {
    let (dir, db) = sample_db();
    let b = json(&terroir(&db, &["--json", "backup", "--keep", "3"]));
    let path = b["path"].as_str().unwrap().to_owned();
    assert!(Path::new(&path).join("manifest.json").exists());
    assert_eq!(terroir(&db, &["sample", "remove"]).status.code(), Some(0));
    assert!(
        json(&terroir(&db, &["--json", "gi", "list"]))
            .as_array()
            .unwrap()
            .is_empty()
    );
    let r = terroir(&db, &["--json", "restore", &path]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(
        json(&terroir(&db, &["--json", "gi", "list"]))
            .as_array()
            .unwrap()
            .len(),
        6
    );
    assert!(
        Path::new(json(&r)["replaced_kept_at"].as_str().unwrap())
            .join("terroir.db")
            .exists()
    );
    assert_eq!(
        terroir(
            &db,
            &["restore", dir.path().join("nothing").to_str().unwrap()]
        )
        .status
        .code(),
        Some(2)
    );
    // A database from a newer Terroir is refused with a clear message.
    let script = "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1])\nc.execute('PRAGMA user_version=999')\nc.commit()\n";
    if Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&db)
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
    {
        let o = terroir(&db, &["gi", "list"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("schema is version 999"),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn check_names_stored_records_the_current_rules_refuse() {
    let (_d, db) = sample_db();
    let o = terroir(
        &db,
        &["enterprise", "archive", "ENT-0003", "--reason", "合并"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = terroir(&db, &["--json", "check"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(json(&o)["refused_total"], 0);

    let sql = "UPDATE enterprise SET data = json_set(data, '$.phone', printf('%.5000c', '5')) \
               WHERE code = 'ENT-0004'";
    let s = Command::new("sqlite3")
        .arg(&db)
        .arg(sql)
        .status()
        .expect("sqlite3");
    assert!(s.success());
    let o = terroir(&db, &["--json", "check"]);
    assert_eq!(o.status.code(), Some(1));
    let c = json(&o);
    assert_eq!(c["ok"], false);
    assert_eq!(c["refused_total"], 1);
    let r = &c["refused"][0];
    assert_eq!(r["code"], "ENT-0004");
    assert_eq!(r["problems"][0]["field"], "phone");
    assert_eq!(r["problems"][0]["rule"], "too_long");
    let o = terroir(&db, &["check"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("✗ records pass the current rules: 1 refused")
            && text.contains("Phone (phone): is too long: at most 30 characters"),
        "{text}"
    );
}

#[test]
fn edit_if_version_refuses_a_record_changed_since() {
    let (_d, db) = sample_db();
    let v = json(&terroir(&db, &["--json", "enterprise", "show", "ENT-0001"]))["version"]
        .as_i64()
        .unwrap();
    let o = terroir(&db, &["enterprise", "edit", "ENT-0001", "--address", "甲"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v_str = v.to_string();
    let args = [
        "--json",
        "enterprise",
        "edit",
        "ENT-0001",
        "--address",
        "乙",
        "--if-version",
        &v_str,
    ];
    let o = terroir(&db, &args);
    assert_eq!(o.status.code(), Some(2));
    let e = json(&o);
    assert_eq!(e["error"]["kind"], "conflict");
    assert_eq!(e["error"]["rule"], "stale_version");
    assert_eq!(e["error"]["problems"][1]["field"], "address");
    assert_eq!(e["error"]["problems"][1]["params"]["after"], "甲");
}

#[test]
fn a_renewal_past_a_weekend_only_last_day_is_recorded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("terroir.db");
    let run = |args: &[&str]| {
        let o = terroir(&db, &[&["--today", "2027-10-20"], args].concat());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o
    };
    run(&["init"]);
    run(&["enterprise", "add", "--name", "某茶厂"]);
    // The grace period nominally ends Monday 2027-10-04; 2027's holidays are not entered.
    run(&[
        "trademark",
        "add",
        "--reg-no",
        "17000405",
        "--name",
        "某茶",
        "--class",
        "30",
        "--registrant",
        "ENT-0001",
        "--registered-on",
        "2017-04-05",
    ]);
    let o = run(&["trademark", "renew", "TM-0001", "--filed-on", "2027-10-08"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning")
            && err.contains("2027-10-04")
            && err.contains("2027 public holidays"),
        "{err}"
    );
    let shown = json(&run(&["--json", "trademark", "show", "TM-0001"]));
    assert_eq!(shown["data"]["renewals"][0]["unverified_year"], 2027);
    // Entering 2027 (National Day to 10-07) settles it: on time, no warning left.
    run(&[
        "calendar",
        "set",
        "2027",
        "--holidays",
        "10-01..10-07",
        "--source",
        "测试通知",
    ]);
    let shown = json(&run(&["--json", "trademark", "show", "TM-0001"]));
    assert_eq!(shown["summary"]["renewal_notes"], serde_json::json!([]));
}

/// A renewal is pending until CNIPA's decision; an end needs its document; lists filter on it.
#[test]
fn trademark_events_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("terroir.db");
    let today = ["--today", "2026-12-02"];
    let run = |args: &[&str]| terroir(&db, &[&today[..], args].concat());
    let ok = |args: &[&str]| {
        let o = run(args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o
    };
    ok(&["init"]);
    ok(&["enterprise", "add", "--name", "某茶厂"]);
    // Expires 2026-12-13: in the renewal window.
    ok(&[
        "trademark",
        "add",
        "--reg-no",
        "16001214",
        "--name",
        "某茶",
        "--class",
        "30",
        "--registrant",
        "ENT-0001",
        "--registered-on",
        "2016-12-14",
    ]);
    let o = ok(&["trademark", "renew", "TM-0001", "--filed-on", "2026-12-01"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Renewal under examination"));
    let o = run(&[
        "--json",
        "trademark",
        "approve-renewal",
        "TM-0001",
        "--announced-on",
        "2026-12-02",
    ]);
    assert_eq!(o.status.code(), Some(2), "refused, nothing written");
    let e = json(&o);
    assert_eq!(e["error"]["problems"][0]["field"], "announcement_no");
    ok(&[
        "trademark",
        "approve-renewal",
        "TM-0001",
        "--announcement-no",
        "第1999期",
        "--announced-on",
        "2026-12-02",
    ]);
    let shown = json(&ok(&["--json", "trademark", "show", "TM-0001"]));
    assert_eq!(shown["summary"]["expires_on"], "2036-12-13");
    assert_eq!(shown["summary"]["standing"], "registered");
    let o = run(&[
        "--json",
        "trademark",
        "terminate",
        "TM-0001",
        "--kind",
        "revoked",
        "--on",
        "2026-12-02",
        "--reason",
        "连续三年不使用",
    ]);
    assert_eq!(json(&o)["error"]["problems"][0]["field"], "document_no");
    ok(&[
        "trademark",
        "terminate",
        "TM-0001",
        "--kind",
        "revoked",
        "--on",
        "2026-12-02",
        "--reason",
        "连续三年不使用",
        "--document-no",
        "商撤字〔2026〕第1号",
    ]);
    let listed = json(&ok(&["--json", "trademark", "list", "--state", "revoked"]));
    assert_eq!(listed[0]["code"], "TM-0001");
    assert_eq!(listed[0]["summary"]["standing"], "revoked");
}

/// The CLI prints the words the UI loads (ui/src/api/bindings/vocabulary.json): one vocabulary.
#[test]
fn the_cli_and_the_ui_use_the_same_words() {
    let (_dir, db) = sample_db();
    let vocabulary: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../ui/src/api/bindings/vocabulary.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let today = ["--today", "2026-12-02"];
    // terroir() runs in English; the words of both languages come from the same table.
    let ui = |group: &str, key: &str| vocabulary["en-US"][group][key].as_str().unwrap().to_owned();
    for (kind, field, group) in [
        ("trademark", "standing", "standing"),
        ("user", "stage", "stage"),
    ] {
        let rows = json(&terroir(
            &db,
            &[&today[..], &["--json", kind, "list"]].concat(),
        ));
        let text = terroir(&db, &[&today[..], &[kind, "list"]].concat());
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        let rows = rows.as_array().unwrap();
        assert!(!rows.is_empty());
        for r in rows {
            let key = r["summary"][field].as_str().unwrap();
            let word = ui(group, key);
            let line = text
                .lines()
                .find(|l| l.contains(r["code"].as_str().unwrap()))
                .unwrap();
            assert!(line.contains(&word), "{kind} {key}: {word} not in {line:?}");
        }
    }
}

/// Use reports follow the bureau's schedule, not a fixed 31 March: half-yearly, 30 days after
/// the half, and each report says whether the mark was used, with labels and listings.
#[test]
fn use_reports_follow_the_bureaus_schedule() {
    let (_dir, db) = sample_db();
    let o = terroir(
        &db,
        &[
            "--json",
            "user",
            "schedule",
            "--period",
            "half_yearly",
            "--due-days",
            "30",
        ],
    );
    assert_eq!(json(&o)["period"], "half_yearly");
    let o = terroir(
        &db,
        &["--json", "user", "report", "USR-0001", "--year", "2026"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["error"]["field"], "half");
    let o = terroir(
        &db,
        &[
            "--json",
            "user",
            "report",
            "USR-0001",
            "--year",
            "2026",
            "--half",
            "1",
            "--used",
            "true",
            "--labels",
            "5000",
            "--link",
            "https://shop.example/maojian",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let reports = json(&o)["data"]["use_reports"].clone();
    let r = reports
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["year"] == 2026 && r["half"] == 1)
        .unwrap();
    assert_eq!(r["due_on"], "2026-07-30");
    assert_eq!(r["used"], true);
    assert_eq!(r["labels"], 5000);
    assert_eq!(r["links"][0], "https://shop.example/maojian");
    let o = terroir(&db, &["--json", "user", "schedule", "--due-days", "400"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["error"]["field"], "due_days");
}

/// `terroir history` words the change as the desktop does: the field by its label, old → new;
/// `--json` gives the same page; filters narrow it.
#[test]
fn history_reads_in_words() {
    let (_d, db) = sample_db();
    let o = terroir(
        &db,
        &["enterprise", "edit", "ENT-0001", "--address", "新址 8 号"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = terroir(
        &db,
        &["history", "--kind", "enterprise", "--record", "ENT-0001"],
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Address: — → 新址 8 号"), "{text}");
    assert!(
        text.contains("Edited") && text.contains("Created"),
        "{text}"
    );
    let page = json(&terroir(
        &db,
        &["--json", "history", "--kind", "user", "--limit", "3"],
    ));
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["kind"] == "user"));
    assert_eq!(page["more"], true);
    let o = terroir(&db, &["--json", "history", "--from", "2026-02-30"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["error"]["field"], "from");
}

#[test]
fn gen_catalogue_only_makes_the_four_catalogue_kinds_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("terroir.db");
    assert_eq!(terroir(&db, &["init"]).status.code(), Some(0));
    let o = terroir(
        &db,
        &["--json", "gen", "--scale", "small", "--catalogue-only"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(json(&o)["records"], 250 + 1_000 + 500 + 1_000);
    for (kind, n) in [
        ("gi", 250),
        ("enterprise", 1_000),
        ("trademark", 500),
        ("user", 1_000),
    ] {
        let o = terroir(&db, &["--json", kind, "list"]);
        assert_eq!(o.status.code(), Some(0), "{kind}");
        assert_eq!(json(&o).as_array().unwrap().len(), n, "{kind}");
    }
    let o = terroir(&db, &["--json", "case", "list"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o).as_array().map_or(usize::MAX, Vec::len), 0);
}

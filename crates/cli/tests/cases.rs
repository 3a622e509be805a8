//! Enforcement cases end to end through `terroir`: a case from 立案 to 结案 with the fine limit
//! refused (exit 2, the limit named), the statistics form as JSON, as a sheet and as a PDF read
//! back by poppler, and the form's rows replaced from a file.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_terroir");

fn terroir(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["--actor", "测试", "--lang", "en", "--today", "2026-12-04"])
        .args(args)
        .output()
        .expect("run terroir")
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let o = terroir(db, &all);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn line(stats: &Value, label: &str) -> i64 {
    stats["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"].as_str().unwrap().starts_with(label))
        .unwrap()["value"]
        .as_i64()
        .unwrap()
}

#[test]
fn a_case_from_filing_to_closing_and_the_statistics_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    json(&db, &["init", "--sample"]);
    let year = [
        "stats",
        "enforcement",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ];
    let before = json(&db, &year);
    let added = json(
        &db,
        &[
            "case",
            "add",
            "--case-no",
            "固市监处〔2026〕21号",
            "--kind",
            "mark_infringement",
            "--source",
            "inspection",
            "--jurisdiction",
            "411525",
            "--opened-on",
            "2026-10-09",
            "--party",
            "ent:ENT-0005",
            "--party",
            "person:陈某",
            "--related",
            "TM-0004",
            "--turnover",
            "20000",
        ],
    );
    let code = added[0]["code"].as_str().unwrap().to_owned();
    json(
        &db,
        &[
            "case",
            "investigate",
            &code,
            "--investigator",
            "孙",
            "--on",
            "2026-10-10",
        ],
    );
    // No turnover over ¥50,000: at most ¥250,000.
    let o = terroir(
        &db,
        &[
            "--json",
            "case",
            "decide",
            &code,
            "--number",
            "固市监罚〔2026〕5号",
            "--fine",
            "250001",
            "--order-to-stop",
            "--on",
            "2026-11-02",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let e: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(e["error"]["rule"], "fine_over_limit");
    assert_eq!(e["error"]["field"], "fine");
    assert_eq!(e["error"]["params"]["limit"], "¥250,000.00");
    json(
        &db,
        &[
            "case",
            "decide",
            &code,
            "--number",
            "固市监罚〔2026〕5号",
            "--fine",
            "250000",
            "--order-to-stop",
            "--on",
            "2026-11-02",
        ],
    );
    // The decision's PDF goes with the case, by content hash.
    let decision = dir.path().join("决定书.pdf");
    let printed = dir.path().join("p.pdf");
    json(
        &db,
        &[
            "stats",
            "enforcement",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "-o",
            printed.to_str().unwrap(),
        ],
    );
    std::fs::copy(&printed, &decision).unwrap();
    let attached = json(&db, &["case", "attach", &code, decision.to_str().unwrap()]);
    assert_eq!(attached["data"]["attachments"][0]["name"], "决定书.pdf");
    assert_eq!(attached["data"]["attachments"][0]["pages"], 1);
    let closed = json(&db, &["case", "close", &code, "--on", "2026-11-20"]);
    assert_eq!(closed["summary"]["state"], "closed");
    assert_eq!(closed["summary"]["parties"][1], "陈某");

    let after = json(&db, &year);
    assert_eq!(line(&after, "商标侵权") - line(&before, "商标侵权"), 1);
    assert_eq!(line(&after, "结案") - line(&before, "结案"), 1);
    assert_eq!(line(&after, "罚款") - line(&before, "罚款"), 25_000_000);
    // The list holds the same case.
    let list = json(&db, &["case", "list", "--state", "closed"]);
    assert!(list.as_array().unwrap().iter().any(|r| r["code"] == code));

    // The form as a sheet and as a PDF.
    let xlsx = dir.path().join("统计表.xlsx");
    let pdf = dir.path().join("统计表.pdf");
    json(&db, &[&year[..], &["-o", xlsx.to_str().unwrap()]].concat());
    json(&db, &[&year[..], &["-o", pdf.to_str().unwrap()]].concat());
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let o = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (make deps installs poppler-utils)");
    let text = String::from_utf8(o.stdout)
        .unwrap()
        .replace([' ', '\n'], "");
    assert!(text.contains("知识产权案件统计表"), "{text}");
    assert!(text.contains("2026-01-01至2026-12-31"), "{text}");
    assert!(text.contains("450,000.00"), "{text}");

    // The rows are bureau data: replaced from a file, refused when a measure is unknown.
    let rows = dir.path().join("rows.json");
    std::fs::write(
        &rows,
        r#"[{"label": "商标案件（件）", "kinds": ["mark_infringement"], "measure": "cases"}]"#,
    )
    .unwrap();
    let set = json(&db, &["stats", "form", "--set", rows.to_str().unwrap()]);
    assert_eq!(set.as_array().unwrap().len(), 1);
    std::fs::write(
        &rows,
        r#"[{"label": "x", "kinds": [], "measure": "speed"}]"#,
    )
    .unwrap();
    let o = terroir(
        &db,
        &["--json", "stats", "form", "--set", rows.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    let e: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(e["error"]["problems"][0]["field"], "rows[0].measure");
}

//! The plan's nouns through the `terroir` binary: `--json target list` with each target's
//! progress, the records a figure counts, bad input refused naming the field with nothing
//! written, and GI yearly statistics imported from a sheet.

use std::path::{Path, PathBuf};
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

/// The refusal's rule and field (exit 2).
fn refused(o: &Output) -> (String, String) {
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let e = &json(o)["error"];
    let p = e["problems"]
        .as_array()
        .and_then(|ps| ps.first())
        .unwrap_or(e);
    (
        p["rule"].as_str().unwrap().to_owned(),
        p["field"].as_str().unwrap_or("").to_owned(),
    )
}

#[test]
fn target_list_json_carries_progress_and_every_figure_is_traced() {
    let (_d, db) = sample_db();
    let o = terroir(&db, &["--json", "target", "list"]);
    assert_eq!(o.status.code(), Some(0));
    let targets = json(&o);
    let codes: Vec<&str> = targets
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["TGT-0001", "TGT-0002", "TGT-0003", "TGT-0004"]);
    // ¥5,000,000 of ¥300,000,000 over 2021–2023, the period over: 1 %, behind.
    let fin = &targets[0];
    assert_eq!(fin["progress"]["value"], 500_000_000);
    assert_eq!(fin["progress"]["percent"], 1);
    assert_eq!(fin["progress"]["on_track"], false);
    assert_eq!(fin["by_division"][0]["division"], "411525");
    // The dashboard's targets are the same figures.
    let d = json(&terroir(&db, &["--json", "dashboard", "--year", "2026"]));
    assert_eq!(d["targets"], targets);
    let o = terroir(&db, &["--json", "target", "counted", "TGT-0001"]);
    let counted = json(&o);
    assert_eq!(counted["kind"], "financing");
    assert_eq!(counted["rows"][0]["code"], "FIN-0001");
    assert_eq!(counted["rows"][0]["amount"], 500_000_000);
}

#[test]
fn bad_plan_input_exits_2_naming_the_field_and_writes_nothing() {
    let (_d, db) = sample_db();
    let count = |kind: &str| {
        json(&terroir(&db, &["--json", kind, "list", "--all"]))
            .as_array()
            .unwrap()
            .len()
    };
    let before = (count("financing"), count("zone"));
    let o = terroir(
        &db,
        &[
            "--json",
            "target",
            "add",
            "--title",
            "x",
            "--jurisdiction",
            "411500",
            "--starts-on",
            "2026-01-01",
            "--ends-on",
            "2026-12-31",
            "--metric",
            "tea_drunk",
            "--target",
            "5",
        ],
    );
    assert_eq!(refused(&o), ("enum_value".into(), "metric".into()));
    let o = terroir(
        &db,
        &[
            "--json",
            "zone",
            "add",
            "--government",
            "信阳市人民政府",
            "--status",
            "applied",
        ],
    );
    assert_eq!(refused(&o), ("required".into(), "gi".into()));
    let loan = |amount: &str, item: &str| {
        let amount = format!("--amount={amount}");
        terroir(
            &db,
            &[
                "--json",
                "financing",
                "add",
                "--pledgor",
                "ENT-0001",
                "--jurisdiction",
                "411502",
                "--bank",
                "示例银行",
                &amount,
                "--loan-on",
                "2026-11-02",
                "--item",
                item,
            ],
        )
    };
    assert_eq!(
        refused(&loan("-5", "patent:ZL1:方法")),
        ("money_format".into(), "amount".into())
    );
    assert_eq!(
        refused(&loan("1000000", "tm:TM-0001")),
        ("pledge_not_registered".into(), "items[0].trademark".into())
    );
    assert_eq!((count("financing"), count("zone")), before);
}

#[test]
fn gi_statistics_come_in_from_a_sheet() {
    let (d, db) = sample_db();
    let sheet = d.path().join("统计.csv");
    std::fs::write(
        &sheet,
        "地理标志产品,年度,产值（元）,行业总产值（元）,数据来源\n信阳毛尖,2026,15000000000,20000000000,市农业农村局\n",
    )
    .unwrap();
    let o = terroir(
        &db,
        &[
            "--json",
            "import",
            sheet.to_str().unwrap(),
            "--kind",
            "gi_stats",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(json(&o)["added"][0]["code"], "GI-0001/2026");
    let years: Vec<i64> = json(&terroir(&db, &["--json", "gi", "stats", "GI-0001"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2025, 2026]);
    let o = terroir(
        &db,
        &["--json", "import", sheet.to_str().unwrap(), "--kind", "tea"],
    );
    assert_eq!(refused(&o), ("enum_value".into(), "kind".into()));
}

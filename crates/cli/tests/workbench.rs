//! The enterprise workbench end to end through `terroir`: evidence with a real PDF attached
//! (pages read), readiness with reasons, the evidence catalogue read back by poppler, incentive
//! rules, eligibility, budgets and an award application from draft to paid.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_terroir");

fn terroir(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["--actor", "测试", "--lang", "en", "--today", "2026-11-28"])
        .args(args)
        .output()
        .expect("run terroir")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let o = terroir(db, args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(db, &all)).unwrap()
}

/// Readiness as JSON; the exit code says whether the file is ready (0) or not (1).
fn readiness(db: &Path) -> (i32, Value) {
    let o = terroir(db, &["--json", "readiness", "WKM-0001"]);
    (
        o.status.code().unwrap(),
        serde_json::from_slice(&o.stdout).unwrap(),
    )
}

fn refused(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let o = terroir(db, &all);
    assert_eq!(o.status.code(), Some(2), "{args:?} should be refused");
    let v: Value = serde_json::from_slice(&o.stdout).expect("a JSON error");
    v["error"].clone()
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|_| panic!("{cmd} (make deps installs poppler-utils)"));
    assert!(o.status.success(), "{cmd} {args:?}");
    String::from_utf8(o.stdout).unwrap()
}

/// Record the sample candidate's recognition decision.
const RECOGNISE: [&str; 11] = [
    "candidate",
    "recognise",
    "WKM-0001",
    "--authority",
    "国家知识产权局",
    "--case-no",
    "商标异议字〔2026〕第0001号",
    "--decided-on",
    "2026-10-01",
    "--proceeding",
    "opposition",
];

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("terroir.db");
    ok(&db, &["init", "--sample"]);
    (dir, db)
}

#[test]
fn evidence_readiness_and_catalogue() {
    let (dir, db) = sample();
    // The sample file: registered 2013, use since 2013, publicity 2023 and 2025 only.
    let r = terroir(&db, &["readiness", "WKM-0001"]);
    assert_eq!(r.status.code(), Some(1), "not ready exits 1");
    let text = String::from_utf8_lossy(&r.stdout);
    assert!(
        text.contains("publicity evidence for 2024 missing"),
        "{text}"
    );
    assert!(text.contains("2025: tax paid missing"), "{text}");
    assert!(
        text.contains("No recognition decision is recorded"),
        "{text}"
    );

    // Attach a real PDF (a printed dossier): its pages are read, not guessed.
    let dossier = dir.path().join("dossier.pdf");
    ok(
        &db,
        &[
            "dossier",
            "settings",
            "--issuer",
            "信阳市知识产权局",
            "--contact",
            "0376-6200000",
        ],
    );
    ok(
        &db,
        &[
            "dossier",
            "print",
            "GI-0001",
            "-o",
            dossier.to_str().unwrap(),
        ],
    );
    let pages: u32 = tool("pdfinfo", &[dossier.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let c = json(
        &db,
        &[
            "candidate",
            "evidence",
            "add",
            "WKM-0001",
            "--title",
            "2024年度广告投放证明",
            "--factor",
            "publicity",
            "--period",
            "2024",
            "--source",
            "某电视台",
            "--file",
            dossier.to_str().unwrap(),
        ],
    );
    let ev = c["data"]["evidence"].as_array().unwrap();
    let added = ev.last().unwrap();
    assert_eq!(added["files"][0]["pages"], pages);
    assert_eq!(added["files"][0]["name"], "dossier.pdf");

    // A file that claims to be a PDF but is not is refused by name, and nothing is stored.
    let fake = dir.path().join("scan.pdf");
    std::fs::write(&fake, b"%PDF-1.7 this is not a pdf").unwrap();
    let e = refused(
        &db,
        &[
            "candidate",
            "evidence",
            "attach",
            "WKM-0001",
            "1",
            fake.to_str().unwrap(),
        ],
    );
    assert_eq!(e["rule"], "pdf_unreadable", "{e}");
    let ev = json(&db, &["candidate", "evidence", "list", "WKM-0001"]);
    assert!(ev[0]["files"].as_array().unwrap().is_empty());

    // Bad input names its field.
    let e = refused(
        &db,
        &[
            "candidate",
            "evidence",
            "add",
            "WKM-0001",
            "--title",
            "x",
            "--factor",
            "fame",
            "--period",
            "last year",
            "--source",
            "s",
        ],
    );
    let fields: Vec<&str> = e["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["factor", "period"], "{e}");

    let (code, r) = readiness(&db);
    assert_eq!(code, 1);
    assert!(
        !r.to_string()
            .contains("publicity evidence for 2024 missing")
    );

    // The catalogue: poppler reads every exhibit, numbered, with the PDF's page range.
    let pdf = dir.path().join("目录.pdf");
    ok(
        &db,
        &[
            "evidence-catalogue",
            "WKM-0001",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(!text.contains('\u{FFFD}'));
    for want in [
        "证据目录",
        "罗山云峰（示例）",
        "罗山县茶业有限公司（示例）",
        "一、相关公众对该商标的知晓程度",
        "三、该商标的任何宣传工作的持续时间、程度和地理范围",
        "2024年度广告投放证明",
        "证据9",
        // Items without files have no pages yet, so later ranges wait for them.
        "部分证据页数未知",
        "标“—”的证据尚无附件或页数未知",
    ] {
        assert!(text.contains(want), "catalogue lacks {want:?}:\n{text}");
    }

    // Recognition is only ever a recorded decision.
    let e = refused(
        &db,
        &[
            "candidate",
            "recognise",
            "WKM-0001",
            "--authority",
            "国家知识产权局",
            "--case-no",
            "",
            "--decided-on",
            "2026-10-01",
            "--proceeding",
            "opposition",
        ],
    );
    assert_eq!(e["problems"][0]["field"], "case_no");
    ok(&db, &RECOGNISE);
    let (_, r) = readiness(&db);
    assert_eq!(r["recognition"]["case_no"], "商标异议字〔2026〕第0001号");
}

/// 2014 provisions art. 9 para 2: the periods count back from the proceeding's reference date,
/// taken from the flag, then the candidate's intended proceeding, then `--today`; the output
/// says which.
#[test]
fn readiness_counts_back_from_the_reference_date() {
    let (_dir, db) = sample();
    let (_, r) = readiness(&db);
    assert_eq!(r["reference_on"], "2026-11-28");
    assert_eq!(r["reference_source"], "today");

    let r: Value = serde_json::from_str(&ok_or_one(
        &db,
        &[
            "--json",
            "readiness",
            "WKM-0001",
            "--proceeding",
            "opposition",
            "--reference-on",
            "2024-05-01",
        ],
    ))
    .unwrap();
    assert_eq!(r["reference_on"], "2024-05-01");
    assert_eq!(r["reference_source"], "flag");
    assert_eq!(r["proceeding"], "opposition");
    // The last three years before 2024: 2021–2023, not 2023–2025.
    let publicity = r["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "publicity")
        .unwrap();
    let said = publicity.to_string();
    assert!(said.contains("2021") && !said.contains("2025"), "{said}");

    ok(
        &db,
        &[
            "candidate",
            "edit",
            "WKM-0001",
            "--proceeding",
            "refusal_review",
            "--counterpart",
            "第70000001号“云峰山”",
            "--reference-on",
            "2025年3月1日",
        ],
    );
    let (_, r) = readiness(&db);
    assert_eq!(r["reference_on"], "2025-03-01");
    assert_eq!(r["reference_source"], "candidate");
    assert_eq!(r["proceeding"], "refusal_review");
    let text = ok_or_one(&db, &["readiness", "WKM-0001"]);
    assert!(
        text.contains(
            "2025-03-01, Review of refusal to register, the intended proceeding's reference date"
        ),
        "{text}"
    );

    let e = refused(&db, &["readiness", "WKM-0001", "--proceeding", "appeal"]);
    assert_eq!(e["problems"][0]["field"], "proceeding");
    assert_eq!(e["problems"][0]["rule"], "enum_value");
    let e = refused(
        &db,
        &[
            "candidate",
            "edit",
            "WKM-0001",
            "--reference-on",
            "2025-02-30",
        ],
    );
    assert_eq!(e["problems"][0]["field"], "reference_on");
    assert_eq!(e["problems"][0]["rule"], "date_format");
}

/// A GI collective mark of `registrant`, registered on `on`.
fn gi_mark(db: &Path, reg_no: &str, registrant: &str, on: &str) {
    ok(
        db,
        &[
            "trademark",
            "add",
            "--reg-no",
            reg_no,
            "--name",
            "示例地理标志",
            "--class",
            "30",
            "--registrant",
            registrant,
            "--kind",
            "collective",
            "--gi",
            "true",
            "--registered-on",
            on,
        ],
    );
}

/// Stdout of a command that exits 0 or 1 (readiness: ready or not).
fn ok_or_one(db: &Path, args: &[&str]) -> String {
    let o = terroir(db, args);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn award_application_from_draft_to_paid_within_budget() {
    let (_dir, db) = sample();
    // The work queue: the sample's guidance request is the one submitted application.
    let queue = json(&db, &["application", "list", "--state", "submitted"]);
    assert_eq!(queue.as_array().unwrap().len(), 1, "{queue:#}");
    assert_eq!(queue[0]["code"], "APP-0001");
    let e = refused(&db, &["application", "list", "--state", "done"]);
    assert_eq!(e["rule"], "enum_value");
    assert_eq!(e["field"], "state");
    // The sample rules are lapsed Henan examples: judged, flagged, paying nothing.
    let rules = json(&db, &["incentive", "rules", "list"]);
    assert_eq!(rules.as_array().unwrap().len(), 8);

    // Xinyang's own rules: two in one highest-only group, one cumulative.
    for (title, item, amount, group) in [
        (
            "驰名商标认定奖励",
            "well_known_mark",
            "500000",
            Some("信阳商标奖励"),
        ),
        (
            "地理标志商标奖励",
            "gi_trademark",
            "100000",
            Some("信阳商标奖励"),
        ),
        ("马德里国际注册奖励", "madrid_filing", "20000", None),
    ] {
        let mut args = vec![
            "incentive",
            "rules",
            "add",
            "--title",
            title,
            "--item",
            item,
            "--amount",
            amount,
            "--jurisdiction",
            "411500",
            "--policy-no",
            "信政〔2026〕8号",
            "--valid-from",
            "2026-01-01",
            "--valid-to",
            "2028-12-31",
        ];
        if let Some(g) = group {
            args.extend([
                "--stacking",
                "highest_only",
                "--group",
                g,
                "--top-up",
                "full",
            ]);
        }
        ok(&db, &args);
    }
    ok(&db, &["incentive", "budget", "411500", "2026", "150000"]);
    // The records the claims name as proof: the recognition decision, a GI mark registered on
    // the day claimed, and the mark filed under Madrid. A claim without its proof is refused,
    // and so is one its record does not bear out.
    gi_mark(&db, "90000101", "罗山县茶业有限公司（示例）", "2026-03-01");
    fn draft(claim: &str) -> Vec<&str> {
        vec![
            "application",
            "add",
            "--kind",
            "award",
            "--enterprise",
            "罗山县茶业有限公司（示例）",
            "--title",
            "试",
            "--claim",
            claim,
        ]
    }
    for (claim, detail) in [
        ("gi_trademark@2026-03-01", "name the trademark"),
        (
            "gi_trademark@2026-03-02@90000101",
            "the record is dated 2026-03-01",
        ),
        ("madrid_filing@2026-05-01@3047772", "another enterprise"),
        (
            "well_known_mark@2026-10-01@WKM-0001",
            "no recorded recognition",
        ),
    ] {
        let e = refused(&db, &draft(claim));
        assert_eq!(e["problems"][0]["field"], "claims[0].proof", "{claim}: {e}");
        assert_eq!(e["problems"][0]["rule"], "claim_unproven");
        assert!(e.to_string().contains(detail), "{claim}: {e}");
    }
    ok(&db, &RECOGNISE);

    let app = json(
        &db,
        &[
            "application",
            "add",
            "--kind",
            "award",
            "--enterprise",
            "罗山县茶业有限公司（示例）",
            "--subject-kind",
            "candidate",
            "--subject",
            "WKM-0001",
            "--title",
            "2026年度商标品牌奖励",
            "--claim",
            "well_known_mark@2026-10-01@WKM-0001@商标异议字〔2026〕第0001号",
            "--claim",
            "gi_trademark@2026-03-01@90000101",
            "--claim",
            "madrid_filing@2026-05-01@90000004",
        ],
    );
    let code = app[0]["code"].as_str().unwrap().to_owned();

    // Paying before approval is refused by the flow.
    let e = refused(&db, &["application", "pay", &code, "--voucher", "V1"]);
    assert_eq!(e["rule"], "flow_order");

    ok(&db, &["application", "submit", &code, "--on", "2026-11-02"]);
    ok(
        &db,
        &[
            "application",
            "review",
            &code,
            "--reviewer",
            "王科长",
            "--on",
            "2026-11-03",
        ],
    );

    let el = json(&db, &["incentive", "eligibility", &code]);
    // Highest only holds per subject: the well-known mark (罗山云峰) and the GI collective
    // mark are two marks, so both of the group's awards are paid, and Madrid on top.
    assert_eq!(
        el["due"], 62_000_000,
        "¥500,000 + ¥100,000 + Madrid ¥20,000: {el:#}"
    );
    let gi = el["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["item"] == "gi_trademark" && l["jurisdiction"] == "411500")
        .unwrap();
    assert_eq!(gi["applies"], true);

    // ¥620,000 against a ¥150,000 budget: refused, then approved with a reason.
    let e = refused(
        &db,
        &["application", "approve", &code, "--on", "2026-11-20"],
    );
    assert_eq!(e["rule"], "budget_exceeded", "{e}");
    assert!(
        e["message"]["en-US"]
            .as_str()
            .unwrap()
            .contains("¥150,000.00"),
        "{e}"
    );
    ok(
        &db,
        &[
            "application",
            "approve",
            &code,
            "--on",
            "2026-11-20",
            "--over-budget-reason",
            "市政府常务会议同意追加预算",
        ],
    );
    let ledger = json(&db, &["incentive", "ledger", "--year", "2026"]);
    let row = &ledger["rows"][0];
    assert_eq!(
        (row["approved"].as_i64(), row["remaining"].as_i64()),
        (Some(62_000_000), Some(-47_000_000))
    );

    ok(
        &db,
        &[
            "application",
            "pay",
            &code,
            "--voucher",
            "信财付〔2026〕77号",
            "--on",
            "2026-11-25",
        ],
    );
    let ledger = json(&db, &["incentive", "ledger", "--year", "2026"]);
    assert_eq!(ledger["rows"][0]["paid"], 62_000_000);
    assert_eq!(
        ledger["entries"][0]["over_budget_reason"],
        "市政府常务会议同意追加预算"
    );
    assert_eq!(
        (ledger["applications"].as_u64(), ledger["shown"].as_u64()),
        (Some(1), Some(1))
    );
    // Listing one jurisdiction's awards, or none: the totals still cover every jurisdiction.
    let other = json(
        &db,
        &[
            "incentive",
            "ledger",
            "--year",
            "2026",
            "--jurisdiction",
            "411100",
        ],
    );
    assert_eq!(other["entries"].as_array().unwrap().len(), 0);
    assert_eq!(other["rows"], ledger["rows"]);
    let capped = json(&db, &["incentive", "ledger", "--limit", "0"]);
    assert_eq!(
        (capped["applications"].as_u64(), capped["shown"].as_u64()),
        (Some(1), Some(0))
    );

    // The same achievement claimed again is not awarded twice.
    let again = json(
        &db,
        &[
            "application",
            "add",
            "--kind",
            "award",
            "--enterprise",
            "罗山县茶业有限公司（示例）",
            "--title",
            "重复申请",
            "--claim",
            "madrid_filing@2026-05-01@90000004",
        ],
    );
    let el = json(
        &db,
        &[
            "incentive",
            "eligibility",
            again[0]["code"].as_str().unwrap(),
        ],
    );
    assert_eq!(el["due"], 0);
    assert!(
        el["lines"][0]["reason"]["en-US"]
            .as_str()
            .unwrap()
            .contains(&format!("already awarded for the same subject in {code}")),
        "{el:#}"
    );

    // The audit log has every step, with the override's reason.
    let audit = ok(
        &db,
        &[
            "--json",
            "audit",
            "log",
            "--kind",
            "application",
            "--record",
            &code,
        ],
    );
    for action in ["submit", "start_review", "approve", "pay"] {
        assert!(audit.contains(action), "{audit}");
    }
    assert!(audit.contains("市政府常务会议同意追加预算"));

    // A rejection needs its reason, and keeps it.
    let e = refused(&db, &["application", "reject", "APP-0001", "--reason", " "]);
    assert_eq!(e["problems"][0]["rule"], "reason_required", "{e}");
    let r = json(
        &db,
        &[
            "application",
            "reject",
            "APP-0001",
            "--reason",
            "材料不全，请补充近三年审计报告",
        ],
    );
    assert_eq!(r["data"]["rejection"], "材料不全，请补充近三年审计报告");
    ok(&db, &["check"]);
}

#[test]
fn lapsed_sample_rules_are_flagged() {
    let (_dir, db) = sample();
    // An enterprise in Luohe claiming a GI trademark in 2026 under the 2012–2014 example.
    ok(
        &db,
        &[
            "enterprise",
            "add",
            "--name",
            "漯河示例食品有限公司",
            "--division",
            "411100",
        ],
    );
    gi_mark(&db, "90000102", "漯河示例食品有限公司", "2026-03-01");
    let app = json(
        &db,
        &[
            "application",
            "add",
            "--kind",
            "award",
            "--enterprise",
            "漯河示例食品有限公司",
            "--title",
            "地理标志商标奖励",
            "--claim",
            "gi_trademark@2026-03-01@90000102",
        ],
    );
    let el = json(
        &db,
        &["incentive", "eligibility", app[0]["code"].as_str().unwrap()],
    );
    assert_eq!(el["due"], 0);
    assert!(el["lines"][0]["lapsed"].as_bool().unwrap(), "{el:#}");
    assert!(
        el["flags"][0]["en-US"]
            .as_str()
            .unwrap()
            .contains("lapsed on 2014-12-31")
    );
}

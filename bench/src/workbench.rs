//! Workbench benchmark: incentive awards at national scale. On a generated national catalogue
//! (10,000 enterprises in 60 prefecture-level cities), each city gets three incentive rules (two
//! in a highest-only group, one cumulative) and a budget for 2025 and 2026; then AWARDS award
//! applications go from draft to approved (and every other one to paid), each step its own
//! transaction through the API, as the desktop and the CLI make them. Measured: the approval
//! step (eligibility, the budget check of every paying jurisdiction, the audit row) as the
//! number of committed awards grows, eligibility alone, and the ledger as the desktop shows it,
//! for one city, and whole.
//!
//! Usage: workbench-bench [AWARDS] (default 20000); writes bench/out/workbench/results.json.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::json;
use terroir_api::Workspace;
use terroir_api::core::record::RecordKind;
use terroir_api::generate::Scale;
use terroir_api::workbench::ApplicationStep;

const BATCH: usize = 5_000;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50, p99 and max of a set of timings, in ms.
fn stats(mut v: Vec<Duration>) -> serde_json::Value {
    v.sort();
    let at = |q: f64| ms(v[((v.len() - 1) as f64 * q).round() as usize]);
    json!({ "n": v.len(), "p50_ms": at(0.5), "p99_ms": at(0.99), "max_ms": at(1.0) })
}

/// Peak resident memory of this process so far, in MB.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let awards: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = root.join("bench/out/workbench");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let db = out.join("terroir.db");

    let t = Instant::now();
    let mut ws = Workspace::create(&db, "基准测试").unwrap();
    ws.set_today(Some("2026-11-28".parse().unwrap()));
    ws.generate(Scale::named("national").unwrap(), 7, |_, _| {})
        .unwrap();
    let cities: Vec<String> = ws
        .divisions()
        .unwrap()
        .into_iter()
        .map(|d| d.code)
        .filter(|c| c.ends_with("00") && !c.ends_with("0000"))
        .collect();
    let rule = |city: &str, item: &str, yuan: u32, group: Option<&str>| {
        json!({
            "title": format!("{city} {item} 奖励"), "item": item, "amount": yuan.to_string(),
            "jurisdiction": city,
            "stacking": if group.is_some() { "highest_only" } else { "cumulative" },
            "group": group, "policy_no": format!("基准〔2024〕{city}号"),
            "valid_from": "2024-01-01",
        })
    };
    let mut rules = vec![];
    for c in &cities {
        rules.push(rule(c, "well_known_mark", 500_000, Some("商标奖励")));
        rules.push(rule(c, "gi_trademark", 100_000, Some("商标奖励")));
        rules.push(rule(c, "madrid_filing", 50_000, None));
    }
    ws.add_batch(RecordKind::IncentiveRule, rules).unwrap();
    for c in &cities {
        for year in [2025, 2026] {
            ws.set_budget(c, year, "1000000000", None).unwrap();
        }
    }
    let enterprises: Vec<String> = ws
        .list(RecordKind::Enterprise, terroir_api::Show::Live, u32::MAX, 0)
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.code)
        .collect();
    let mut codes = vec![];
    let mut batch = vec![];
    for i in 0..awards {
        // An enterprise applies again for other achievements (the same one is never paid twice).
        let (month, day) = (1 + i % 10, 1 + (i / enterprises.len()) % 28);
        batch.push(json!({
            "kind": "award",
            "enterprise": enterprises[(i * 7919) % enterprises.len()],
            "title": format!("地理标志商标与马德里注册奖励 {i}"),
            "claims": [
                { "item": "gi_trademark", "achieved_on": format!("2025-{month:02}-{day:02}") },
                { "item": "madrid_filing", "achieved_on": format!("2025-{month:02}-{day:02}"), "document": format!("G{i}") },
            ],
        }));
        if batch.len() == BATCH || i + 1 == awards {
            let added = ws
                .add_batch(RecordKind::Application, std::mem::take(&mut batch))
                .unwrap();
            codes.extend(added.into_iter().map(|d| d.code));
        }
    }
    let setup = t.elapsed();
    eprintln!(
        "set up: {} cities, {} rules, {awards} applications in {:.1} s",
        cities.len(),
        cities.len() * 3,
        setup.as_secs_f64()
    );

    // The flow, application by application; approvals timed in windows of 1,000.
    let day = |on: &str| Some(on.to_string());
    let mut approve = vec![];
    let mut windows = vec![];
    let mut paid = 0;
    let t = Instant::now();
    for (i, code) in codes.iter().enumerate() {
        ws.application_step(
            code,
            ApplicationStep::Submit {
                on: day("2026-01-10"),
            },
        )
        .unwrap();
        ws.application_step(
            code,
            ApplicationStep::StartReview {
                on: day("2026-02-01"),
                reviewer: "审核员".into(),
            },
        )
        .unwrap();
        let s = Instant::now();
        let dto = ws
            .application_step(
                code,
                ApplicationStep::Approve {
                    on: day("2026-03-01"),
                    note: None,
                    over_budget_reason: None,
                },
            )
            .unwrap();
        approve.push(s.elapsed());
        assert!(dto.data()["award"]["total"].as_i64().unwrap() > 0, "{code}");
        if i % 2 == 0 {
            ws.application_step(
                code,
                ApplicationStep::Pay {
                    on: day("2026-04-01"),
                    voucher: format!("PZ{i}"),
                },
            )
            .unwrap();
            paid += 1;
        }
        if (i + 1) % 1000 == 0 || i + 1 == codes.len() {
            let from = i / 1000 * 1000;
            let w = stats(approve[from..].to_vec());
            eprintln!("approvals {}..={}: {w}", from + 1, i + 1);
            windows.push(json!({ "committed_before": from, "approve": w }));
        }
    }
    let flow = t.elapsed();
    eprintln!(
        "flow: {:.1} s for {awards} applications ({paid} paid)",
        flow.as_secs_f64()
    );

    // Eligibility alone, for 1,000 applications across the set.
    let mut eligibility = vec![];
    for code in codes.iter().step_by((codes.len() / 1000).max(1)) {
        let s = Instant::now();
        let e = ws.eligibility(code, None).unwrap();
        eligibility.push(s.elapsed());
        assert!(e.due.0 > 0);
    }

    // The ledger five times each way: as the desktop shows it (every jurisdiction's totals and
    // the latest 200 awarded applications), for one city, and whole (a CLI export).
    let ledger = |year: Option<i32>, j: Option<&str>, limit: Option<u32>| {
        let mut times = vec![];
        let mut shape = json!(null);
        for _ in 0..5 {
            let s = Instant::now();
            let l = ws.ledger(year, j, limit).unwrap();
            times.push(s.elapsed());
            shape = json!({ "rows": l.rows.len(), "entries": l.entries.len(), "applications": l.applications });
        }
        json!({ "time": stats(times), "shape": shape })
    };
    let ledger_desktop = ledger(Some(2026), None, Some(200));
    let ledger_city = ledger(Some(2026), Some(cities[0].as_str()), Some(200));
    let ledger_whole = ledger(None, None, None);
    let db_mb = std::fs::metadata(&db).map_or(0, |m| m.len()) as f64 / 1e6;
    let result = json!({
        "awards": awards,
        "cities": cities.len(),
        "rules": cities.len() * 3,
        "setup_s": setup.as_secs_f64(),
        "flow_s": flow.as_secs_f64(),
        "steps": awards * 3 + paid,
        "approve_all": stats(approve),
        "approve_windows": windows,
        "eligibility": stats(eligibility),
        "ledger_desktop_2026": ledger_desktop,
        "ledger_one_city_2026": ledger_city,
        "ledger_whole": ledger_whole,
        "database_mb": db_mb,
        "peak_rss_mb": peak_rss_mb(),
    });
    println!("{}", serde_json::to_string_pretty(&result).unwrap());
    std::fs::write(
        out.join("results.json"),
        serde_json::to_string_pretty(&result).unwrap(),
    )
    .unwrap();
}

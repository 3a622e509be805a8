//! The plan at national scale: every target's progress for the country, one city's targets,
//! what a target counts (a page), the financing totals, a zone's KPIs, the dashboard's whole
//! answer and the yearly report's PDF, each timed RUNS times on a generated workspace (`terroir
//! gen`, which adds a target for each computed metric in every city and province, financing
//! records, zones and their yearly statistics).
//!
//! Usage: plan-bench DB [--out FILE.json]

use std::path::PathBuf;

use serde_json::json;
use terroir_api::Workspace;

mod timing;
use timing::time;

fn main() {
    let mut args = std::env::args().skip(1);
    let db = PathBuf::from(args.next().expect("usage: plan-bench DB [--out FILE]"));
    let out = match (args.next().as_deref(), args.next()) {
        (Some("--out"), Some(f)) => Some(PathBuf::from(f)),
        _ => None,
    };
    let mut ws = Workspace::open(&db, "基准测试").unwrap();
    ws.set_today(Some("2026-11-28".parse().unwrap()));
    let mut results = json!({});
    for (label, division) in [
        ("country", None),
        ("province 410000", Some("410000")),
        ("city 411500", Some("411500")),
    ] {
        let mut n = 0;
        let t = time(|| n = ws.targets_progress(division).unwrap().len());
        println!("targets' progress, {label}: {t} ({n} targets)");
        results[format!("progress {label}")] = t;
    }
    let all = ws.targets_progress(None).unwrap();
    let busiest = all
        .iter()
        .max_by_key(|t| t.progress.value)
        .map(|t| t.code.clone())
        .unwrap();
    let mut n = 0;
    let t = time(|| n = ws.target_counted(&busiest, None, 100, 0).unwrap().total);
    println!("counted records of {busiest}, first page of 100: {t} ({n} records)");
    results["counted page"] = t;
    let t = time(|| n = ws.financing_totals(2019, 2026, None).unwrap().rows.len() as u64);
    println!("financing totals 2019–2026, country: {t} ({n} rows)");
    results["financing totals"] = t;
    let t = time(|| n = ws.zone_kpis("ZONE-0001").unwrap().kpis.len() as u64);
    println!("a zone's KPIs: {t} ({n} KPIs)");
    results["zone kpis"] = t;
    for (label, division) in [("country", None), ("city 411500", Some("411500"))] {
        let mut n = 0;
        let t = time(|| n = ws.dashboard(2026, division).unwrap().targets.len());
        println!("dashboard 2026, {label}: {t} ({n} targets)");
        results[format!("dashboard {label}")] = t;
    }
    let dir = std::env::temp_dir().join(format!("plan-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (label, division) in [("country", None), ("city 411500", Some("411500"))] {
        let path = dir.join("report.pdf");
        let mut bytes = 0;
        let t = time(|| bytes = ws.write_annual_report(2026, division, &path).unwrap().bytes);
        println!("yearly report (PDF) 2026, {label}: {t} ({bytes} bytes)");
        results[format!("report {label}")] = t;
    }
    std::fs::remove_dir_all(&dir).unwrap();
    if let Some(out) = out {
        std::fs::write(out, serde_json::to_string_pretty(&results).unwrap()).unwrap();
    }
}

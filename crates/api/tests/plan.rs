//! Plan targets, pledge financing, demonstration zones and GI yearly statistics through the
//! api: the sample's targets with their progress, each figure reconciled with a brute-force
//! reading of the records it counts, archived and moved records, KPIs, bad input by field.

use serde_json::{Value, json};
use terroir_api::Workspace;
use terroir_api::core::{RecordKind, Rule};
use terroir_api::lists::ListQuery;
use terroir_api::plan::TargetProgress;

fn sample() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-12-04".parse().unwrap()));
    (dir, ws)
}

fn all(ws: &Workspace, kind: RecordKind) -> Vec<Value> {
    let page = ws.list_query(kind, &ListQuery::default(), 1000, 0).unwrap();
    page.items
        .iter()
        .map(|r| json!({ "code": r.code, "data": r.data(), "summary": r.summary() }))
        .collect()
}

fn progress(ws: &Workspace, code: &str) -> TargetProgress {
    ws.target_progress(code).unwrap()
}

fn rule_at(e: &terroir_api::ApiError, field: &str) -> Rule {
    let single = (e.field.as_deref() == Some(field)).then_some(e.rule);
    if let Some(r) = single {
        return r;
    }
    e.problems
        .iter()
        .find(|p| p.field.as_deref() == Some(field))
        .unwrap_or_else(|| panic!("no problem at {field}: {e:?}"))
        .rule
}

#[test]
fn the_sample_targets_show_their_progress_and_what_they_count() {
    let (_d, ws) = sample();
    let list = ws.targets_progress(None).unwrap();
    let codes: Vec<&str> = list.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(codes, ["TGT-0001", "TGT-0002", "TGT-0003", "TGT-0004"]);
    assert!(list.iter().all(|t| t.sample));

    // ¥300 million over 2021–2023: only the 2022 loan falls in the period (the 2025 one does
    // not), so it ended far behind.
    let fin = progress(&ws, "TGT-0001");
    assert_eq!(fin.counted_on.to_string(), "2023-12-31");
    assert_eq!(fin.progress.value, 500_000_000);
    assert_eq!(fin.progress.percent, 1);
    assert!(!fin.progress.on_track);
    assert_eq!(fin.progress.expected, 30_000_000_000);
    assert_eq!(fin.by_division.len(), 1);
    assert_eq!(fin.by_division[0].division, "411525");
    assert_eq!(fin.by_division[0].name.as_deref(), Some("固始县"));
    let counted = ws.target_counted("TGT-0001", None, 10, 0).unwrap();
    assert_eq!(counted.total, 1);
    assert_eq!(counted.rows[0].code, "FIN-0001");
    assert_eq!(counted.kind, RecordKind::Financing);

    // A manual stock: the latest year's value.
    let strong = progress(&ws, "TGT-0002");
    assert_eq!(strong.progress.value, 6);
    assert!(!strong.progress.on_track);

    // Enforcement cases opened in 2026: the sample's three.
    let cases = progress(&ws, "TGT-0004");
    assert_eq!(cases.progress.value, 3);
    assert_eq!(cases.progress.expected, 5);
}

/// Every computed target's value is what a reading of the records themselves gives.
#[test]
fn stock_and_cumulative_values_reconcile_with_the_records() {
    let (_d, mut ws) = sample();
    // Approved users on today: those the list shows as active.
    let active = all(&ws, RecordKind::User)
        .iter()
        .filter(|u| u["summary"]["stage"] == "active")
        .count() as i64;
    assert!(active >= 1);
    assert_eq!(progress(&ws, "TGT-0003").progress.value, active);
    let cases_2026 = all(&ws, RecordKind::Case)
        .iter()
        .filter(|c| c["data"]["opened_on"].as_str().unwrap().starts_with("2026"))
        .count() as i64;
    assert_eq!(progress(&ws, "TGT-0004").progress.value, cases_2026);

    // A target per metric over the records' whole span, for the city: the same figure as the
    // brute-force count.
    let valid_tms = all(&ws, RecordKind::Trademark)
        .iter()
        .filter(|t| {
            t["summary"]["standing"].as_str().is_some_and(|s| {
                ["registered", "renewal_due", "in_grace", "renewal_pending"].contains(&s)
            })
        })
        .count() as i64;
    assert!(valid_tms >= 3);
    let t = ws
        .add(
            RecordKind::Target,
            json!({ "title": "有效注册商标", "jurisdiction": "411500", "starts_on": "2026-01-01",
                    "ends_on": "2027-12-31", "metric": "valid_trademarks", "baseline": "0", "target": "100" }),
        )
        .unwrap();
    assert_eq!(progress(&ws, &t.code).progress.value, valid_tms);

    // Archived records count for nothing; back, they count again.
    ws.archive(RecordKind::Financing, "FIN-0001", Some("测试"))
        .unwrap();
    assert_eq!(progress(&ws, "TGT-0001").progress.value, 0);
    ws.unarchive(RecordKind::Financing, "FIN-0001", Some("测试"))
        .unwrap();
    assert_eq!(progress(&ws, "TGT-0001").progress.value, 500_000_000);

    // A user's enterprise moves county: the user counts in the new one.
    let before = progress(&ws, "TGT-0003");
    let ent = all(&ws, RecordKind::User)
        .into_iter()
        .find(|u| u["summary"]["stage"] == "active")
        .unwrap()["summary"]["enterprise"]
        .as_str()
        .unwrap()
        .to_owned();
    ws.edit(
        RecordKind::Enterprise,
        &ent,
        json!({ "division": "411528" }),
        Some("迁址"),
        None,
    )
    .unwrap();
    let after = progress(&ws, "TGT-0003");
    assert_eq!(after.progress.value, before.progress.value);
    assert!(after.by_division.iter().any(|d| d.division == "411528"));

    // Rebuilding every fact from the records gives the same figures.
    let figures = |ws: &Workspace| -> Vec<(String, i64, usize)> {
        ws.targets_progress(None)
            .unwrap()
            .into_iter()
            .map(|t| (t.code, t.progress.value, t.by_division.len()))
            .collect()
    };
    let incremental = figures(&ws);
    ws.reindex().unwrap();
    assert_eq!(figures(&ws), incremental);
    // A county sees its own targets only.
    assert!(ws.targets_progress(Some("411525")).unwrap().is_empty());
    assert_eq!(ws.targets_progress(Some("411500")).unwrap().len(), 5);
}

#[test]
fn a_manual_value_is_set_by_year_with_its_source_and_audited() {
    let (_d, mut ws) = sample();
    let r = ws
        .set_target_value("TGT-0002", 2023, "9", "省局2023年名单", Some("年度更新"))
        .unwrap();
    assert_eq!(r.data()["values"].as_array().unwrap().len(), 3);
    assert_eq!(progress(&ws, "TGT-0002").progress.value, 9);
    let e = ws
        .set_target_value("TGT-0002", 2024, "10", "x", None)
        .unwrap_err();
    assert_eq!(rule_at(&e, "year"), Rule::YearOutsidePeriod);
    let e = ws
        .set_target_value("TGT-0001", 2022, "10", "x", None)
        .unwrap_err();
    assert_eq!(rule_at(&e, "metric"), Rule::NotApplicable);
    let audit = ws
        .audit_log(Some((RecordKind::Target, "TGT-0002")), 10)
        .unwrap();
    assert!(audit.iter().any(|a| a.action == "target_value"));
}

#[test]
fn the_sample_zone_shows_its_kpis_and_the_ended_preparation() {
    let (_d, mut ws) = sample();
    let z = ws.zone_kpis("ZONE-0001").unwrap();
    assert_eq!(z.gi.as_deref(), Some("GI-0001"));
    assert_eq!(z.stats_year, Some(2025));
    let met: Vec<(&str, Option<bool>)> = z.kpis.iter().map(|k| (k.key.as_str(), k.met)).collect();
    assert_eq!(
        met,
        [
            ("min_users", Some(false)),
            ("min_authorised_pct", Some(false)),
            ("min_output", Some(true)),
            ("min_sector_pct", Some(true)),
        ]
    );
    assert!(z.warnings[0].zh.starts_with("筹建期已届满，结果未录入"));
    // Without statistics the KPIs that need them say what is missing.
    ws.remove_gi_stats("GI-0001", 2025, Some("测试")).unwrap();
    let z = ws.zone_kpis("ZONE-0001").unwrap();
    assert_eq!(z.kpis[2].met, None);
    assert!(z.kpis[2].missing.as_ref().unwrap().zh.contains("产值"));
    // Statistics are entered again, checked by field.
    let e = ws
        .set_gi_stats(
            "GI-0001",
            json!({ "year": "2026", "output_value": "300", "sector_output": "200", "source": "" }),
            None,
        )
        .unwrap_err();
    assert_eq!(rule_at(&e, "output_value"), Rule::OutputOverSector);
    assert_eq!(rule_at(&e, "source"), Rule::Required);
    ws.set_gi_stats(
        "GI-0001",
        json!({ "year": "2026", "producers": "10", "output_value": "200000000", "source": "县统计局" }),
        None,
    )
    .unwrap();
    assert_eq!(ws.gi_stats("GI-0001").unwrap().len(), 1);
    let z = ws.zone_kpis("ZONE-0001").unwrap();
    assert_eq!(z.stats_year, Some(2026));
    assert_eq!(z.kpis[2].met, Some(true));
}

#[test]
fn financing_totals_by_county_and_year() {
    let (_d, ws) = sample();
    let t = ws.financing_totals(2021, 2026, Some("411500")).unwrap();
    let rows: Vec<(&str, i32, i64)> = t
        .rows
        .iter()
        .map(|r| (r.division.as_str(), r.year, r.amount.0))
        .collect();
    assert_eq!(
        rows,
        [("411521", 2025, 300_000_000), ("411525", 2022, 500_000_000)]
    );
    assert_eq!(t.total.0, 800_000_000);
}

#[test]
fn bad_plan_input_is_refused_naming_the_field() {
    let (_d, mut ws) = sample();
    let e = ws
        .add(
            RecordKind::Target,
            json!({ "title": "t", "jurisdiction": "411500", "starts_on": "2026-01-01",
                    "ends_on": "2025-12-31", "metric": "patents", "target": "3" }),
        )
        .unwrap_err();
    assert_eq!(rule_at(&e, "metric"), Rule::EnumValue);
    assert_eq!(rule_at(&e, "ends_on"), Rule::DateOrder);
    let e = ws
        .add(
            RecordKind::Target,
            json!({ "title": "t", "jurisdiction": "411500", "starts_on": "2026-01-01",
                    "ends_on": "2026-12-31", "metric": "approved_users", "baseline": "5", "target": "3" }),
        )
        .unwrap_err();
    assert_eq!(rule_at(&e, "target"), Rule::TargetNotAboveBaseline);
    let e = ws
        .add(
            RecordKind::Zone,
            json!({ "government": "某县人民政府", "jurisdiction": "411525", "status": "preparing" }),
        )
        .unwrap_err();
    assert_eq!(rule_at(&e, "gi"), Rule::Required);
    assert_eq!(rule_at(&e, "preparing_on"), Rule::Required);
    assert_eq!(rule_at(&e, "preparation_ends"), Rule::Required);
    let fin = |amount: &str, tm: &str| {
        json!({ "pledgor": "ENT-0003", "jurisdiction": "411502", "bank": "某银行",
                "amount": amount, "loan_on": "2026-05-01", "items": [{ "trademark": tm }] })
    };
    let e = ws
        .add(RecordKind::Financing, fin("-100", "TM-0005"))
        .unwrap_err();
    assert_eq!(rule_at(&e, "amount"), Rule::MoneyFormat);
    let e = ws
        .add(RecordKind::Financing, fin("0", "TM-0005"))
        .unwrap_err();
    assert_eq!(rule_at(&e, "amount"), Rule::AmountNotPositive);
    // TM-0002 has no registered pledge: the financing is refused, nothing written.
    let e = ws
        .add(RecordKind::Financing, fin("100", "TM-0002"))
        .unwrap_err();
    assert_eq!(rule_at(&e, "items[0].trademark"), Rule::PledgeNotRegistered);
    assert_eq!(all(&ws, RecordKind::Financing).len(), 2);
    // The mark's own pledge, named by its registration number, is accepted.
    let ok = ws
        .add(RecordKind::Financing, fin("100", "TM-0005"))
        .unwrap();
    assert_eq!(ok.data()["items"][0]["pledge_no"], "示例质押登记2025-01");
}

/// The city receives a county's targets, financing and zones in its bundle, figures intact.
#[test]
fn plan_records_travel_in_bundles() {
    let (d, mut ws) = sample();
    let p = d.path().join("b.bundle");
    ws.export_bundle(&p, false).unwrap();
    let mut city = Workspace::create(&d.path().join("city.db"), "市局").unwrap();
    city.set_today(Some("2026-12-04".parse().unwrap()));
    let r = city.import_bundle(&p, false, false).unwrap();
    assert!(r.applied && r.refused.is_empty(), "{:?}", r.refused);
    let figures = |ws: &Workspace| -> Vec<(String, i64)> {
        ws.targets_progress(None)
            .unwrap()
            .into_iter()
            .map(|t| (t.code, t.progress.value))
            .collect()
    };
    assert_eq!(figures(&city), figures(&ws));
    // Freshness: the city sees, for each county whose records came, the bundle's date; the
    // targets' division rows and the financing totals carry it; its own entries carry none.
    let made: chrono::NaiveDate = r.created_at[..10].parse().unwrap();
    let ages = city.data_freshness(Some("411500")).unwrap();
    let counties: Vec<&str> = ages.iter().map(|a| a.division.as_str()).collect();
    assert!(
        counties.contains(&"411525") && counties.contains(&"411521"),
        "{counties:?}"
    );
    for a in &ages {
        assert_eq!((a.as_of, a.days), (made, (city.today() - made).num_days()));
        assert_eq!(a.source_name, r.source_name);
    }
    let fin = city.financing_totals(2021, 2026, Some("411500")).unwrap();
    assert!(
        fin.rows
            .iter()
            .all(|r| r.merged.as_ref().is_some_and(|a| a.as_of == made))
    );
    assert!(
        ws.financing_totals(2021, 2026, Some("411500"))
            .unwrap()
            .rows
            .iter()
            .all(|r| r.merged.is_none())
    );
    let board = city.targets_progress(None).unwrap();
    let rows: Vec<_> = board.iter().flat_map(|t| &t.by_division).collect();
    assert!(!rows.is_empty() && rows.iter().all(|d| d.merged.is_some()));
    // A division code that is not one is refused, naming the field.
    let e = city.data_freshness(Some("4115")).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("division"));
}

/// GI yearly statistics come in from a sheet through the import machinery: a preview with each
/// problem at its row and column, nothing written while any row is refused, then added and
/// changed years; an exported sheet imports back unchanged.
#[test]
fn gi_statistics_are_imported_from_a_sheet_all_or_nothing() {
    use terroir_api::exchange::SheetKind;
    let (d, mut ws) = sample();
    let header =
        "地理标志产品,年度,区域内生产者（家）,产值（元）,行业总产值（元）,种植面积（亩）,数据来源";
    let good = [
        "信阳毛尖,2026,1300,15000000000,20000000000,2200000,市农业农村局统计年报",
        "GI-0001,2025,1200,14000000000,20000000000,2160000,示例数据（非官方统计，待核实）",
    ];
    let bad = [
        "GI-0002,2026,10,300,200,,市农业农村局",
        "不存在的产品,2026,1,1,1,,市农业农村局",
        "信阳毛尖,2026,1,1,1,,市农业农村局",
    ];
    let write = |name: &str, rows: &[&str]| {
        let p = d.path().join(name);
        std::fs::write(
            &p,
            [header]
                .iter()
                .chain(rows)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n"),
        )
        .unwrap();
        p
    };
    let mixed = write("统计-有误.csv", &[&good[..], &bad[..]].concat());
    let r = ws.import(SheetKind::GI_STATS, &mixed, false).unwrap();
    assert!(!r.applied);
    let problems: Vec<(u32, Option<&str>, Rule)> = r
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.rule))
        .collect();
    assert_eq!(
        problems,
        [
            (4, Some("D 产值（元）"), Rule::OutputOverSector),
            (5, Some("A 地理标志产品"), Rule::ReferenceMissing),
            (6, Some("B 年度"), Rule::DuplicateInFile),
        ]
    );
    let years = |ws: &Workspace| -> Vec<i32> {
        ws.gi_stats("GI-0001")
            .unwrap()
            .iter()
            .map(|s| s.year)
            .collect()
    };
    assert_eq!(years(&ws), [2025], "a refused sheet writes nothing");

    let fine = write("统计.csv", &good);
    let preview = ws.import(SheetKind::GI_STATS, &fine, true).unwrap();
    assert!(!preview.applied && preview.problems.is_empty());
    assert_eq!(years(&ws), [2025], "a preview writes nothing");
    let r = ws.import(SheetKind::GI_STATS, &fine, false).unwrap();
    assert!(r.applied);
    assert_eq!(
        r.added.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(),
        ["GI-0001/2026"]
    );
    // The 2025 row has no e-commerce column: the figure the sample had is cleared.
    assert_eq!(r.changed.len(), 1);
    assert_eq!(r.changed[0].code, "GI-0001/2025");
    assert_eq!(r.changed[0].fields[0].field, "e_commerce");
    assert_eq!(years(&ws), [2025, 2026]);

    // Exported (XLSX), the sheet imports back unchanged; a template's notes row is no data.
    let out = d.path().join("统计导出.xlsx");
    assert_eq!(ws.export_gi_stats(&out).unwrap().rows, 2);
    let again = ws.import(SheetKind::GI_STATS, &out, false).unwrap();
    assert_eq!((again.unchanged.len(), again.problems.len()), (2, 0));
    let template = d.path().join("模板.xlsx");
    ws.template(SheetKind::GI_STATS, &template).unwrap();
    assert_eq!(
        ws.import(SheetKind::GI_STATS, &template, true)
            .unwrap()
            .rows,
        0
    );
}

/// The dashboard gathers the api's own figures: each series equals what the single calls say,
/// for the city and for a county (which also sees the targets set above it).
#[test]
fn the_dashboard_gives_the_numbers_of_the_figures_it_gathers() {
    use terroir_api::core::deadline::DeadlineKind;
    use terroir_api::core::plan::Metric;
    let (_d, ws) = sample();
    let d = ws.dashboard(2026, None).unwrap();
    assert_eq!(d.counted_on.to_string(), "2026-12-04");
    assert_eq!(d.users_by_month.len(), 12);
    assert_eq!(
        d.users_by_month.last().unwrap().value,
        progress(&ws, "TGT-0003").progress.value
    );
    let t = ws.financing_totals(2022, 2026, None).unwrap();
    for y in &d.financing_by_year {
        let sum: i64 = t
            .rows
            .iter()
            .filter(|r| r.year == y.year)
            .map(|r| r.amount.0)
            .sum();
        assert_eq!(y.amount.0, sum, "{}", y.year);
    }
    assert_eq!(
        d.financing_by_year
            .iter()
            .map(|y| y.amount.0)
            .collect::<Vec<_>>(),
        [500_000_000, 0, 0, 300_000_000, 0]
    );
    assert_eq!(
        d.financing_targets
            .iter()
            .map(|t| t.code.as_str())
            .collect::<Vec<_>>(),
        ["TGT-0001"]
    );
    // Protected GI products (a protection other than an origin mark; none revoked in the
    // sample): each counted once in all of them, and again in its regime.
    let of = |m: Metric| -> i64 {
        d.gi_by_division
            .iter()
            .filter(|r| r.regime == m)
            .map(|r| r.count)
            .sum()
    };
    let protected = all(&ws, RecordKind::Gi)
        .iter()
        .filter(|g| {
            g["data"]["protections"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["regime"] != "origin_mark"))
        })
        .count() as i64;
    assert!(protected > 0);
    assert_eq!(of(Metric::GiProducts), protected);
    assert!(of(Metric::AgriculturalGis) <= of(Metric::GiProducts));
    // The deadlines list's renewals due in the twelve months shown (to 2027-11-30).
    let due = ws
        .deadlines("361d")
        .unwrap()
        .into_iter()
        .filter(|x| matches!(x.kind, DeadlineKind::Renewal | DeadlineKind::RenewalGrace))
        .collect::<Vec<_>>();
    assert!(!due.is_empty());
    assert_eq!(
        d.renewals_by_month
            .iter()
            .map(|m| m.count as usize)
            .sum::<usize>(),
        due.iter().filter(|x| !x.overdue).count()
    );
    assert_eq!(
        d.renewals_overdue as usize,
        due.iter().filter(|x| x.overdue).count()
    );
    assert_eq!(
        d.renewal_months.first().map(String::as_str),
        Some("2026-12")
    );
    assert_eq!(d.renewal_months.last().map(String::as_str), Some("2027-11"));
    assert!(
        d.renewals_by_month
            .iter()
            .all(|m| d.renewal_months.contains(&m.month))
    );
    assert_eq!(d.targets, ws.targets_progress(None).unwrap());
    assert_eq!(d.zones, vec![ws.zone_kpis("ZONE-0001").unwrap()]);
    assert_eq!(d.awards, ws.ledger(Some(2026), None, Some(0)).unwrap().rows);

    // A county: its own loans, the city's targets.
    let c = ws.dashboard(2026, Some("411525")).unwrap();
    assert_eq!(c.division_name.as_deref(), Some("固始县"));
    assert_eq!(c.financing_by_year[0].amount.0, 500_000_000);
    assert_eq!(c.financing_by_year[3].amount.0, 0, "FIN-0002 is 罗山县's");
    assert_eq!(c.targets.len(), 4);
    assert!(c.zones.is_empty(), "the zone is the city's");
    // Bad input names its field.
    assert_eq!(
        ws.dashboard(20260, None).unwrap_err().field.as_deref(),
        Some("year")
    );
    assert_eq!(
        ws.dashboard(2026, Some("4115"))
            .unwrap_err()
            .field
            .as_deref(),
        Some("division")
    );
}

//! Enforcement cases through the api: the flow with its dates and fine checks, a repeat
//! infringer found from the other cases, search and related records, bad input refused by
//! field, and the statistics form reconciled with a brute-force reading of the case list.

use serde_json::{Value, json};
use terroir_api::Workspace;
use terroir_api::cases::{CaseStep, StatsRowInput};
use terroir_api::core::{RecordKind, Rule};
use terroir_api::lists::ListQuery;

fn sample() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试员").unwrap();
    ws.set_today(Some("2026-12-04".parse().unwrap()));
    (dir, ws)
}

fn s(v: &str) -> String {
    v.into()
}

fn decide(on: &str, fine: &str) -> CaseStep {
    CaseStep::Decide {
        on: Some(s(on)),
        penalised: true,
        number: s("固市监罚〔2026〕1号"),
        fine: Some(s(fine)),
        confiscation: None,
        order_to_stop: true,
        supplier: None,
        reason: None,
    }
}

fn infringement(ws: &mut Workspace, no: &str, opened: &str, turnover: &str) -> String {
    ws.add(
        RecordKind::Case,
        json!({ "case_no": no, "kind": "mark_infringement", "source": "complaint",
                "jurisdiction": "411525", "opened_on": opened,
                "parties": [{ "enterprise": "固始县农产品有限公司（示例）" }],
                "related": ["TM-0004"], "turnover": turnover }),
    )
    .unwrap()
    .code
}

fn investigate(ws: &mut Workspace, code: &str, on: &str) {
    ws.case_step(
        code,
        CaseStep::Investigate {
            on: Some(s(on)),
            investigator: s("孙办案"),
        },
    )
    .unwrap();
}

#[test]
fn a_case_goes_from_filing_to_closing_and_its_fine_is_held_to_art_60() {
    let (_d, mut ws) = sample();
    let code = infringement(&mut ws, "固市监处〔2026〕1号", "2026-02-01", "60000");
    investigate(&mut ws, &code, "2026-02-03");
    // ¥60,000 of turnover: at most five times it, ¥300,000.
    let e = ws
        .case_step(&code, decide("2026-03-01", "300000.01"))
        .unwrap_err();
    assert_eq!(e.rule, Rule::FineOverLimit);
    assert_eq!(e.field.as_deref(), Some("fine"));
    assert_eq!(e.params["limit"], "¥300,000.00");
    assert!(
        e.message.zh_cn.contains("¥300,000.00"),
        "{}",
        e.message.zh_cn
    );
    // Nothing was written by the refusal.
    assert_eq!(ws.show(RecordKind::Case, &code).unwrap().version, 2);
    // A step dated before the last is refused by its date.
    let e = ws
        .case_step(&code, decide("2026-02-02", "1000"))
        .unwrap_err();
    assert_eq!((e.rule, e.field.as_deref()), (Rule::DateOrder, Some("on")));
    let r = ws.case_step(&code, decide("2026-03-01", "300000")).unwrap();
    assert_eq!(r.summary()["state"], "decided");
    assert_eq!(r.summary()["fine"], 30_000_000);
    assert_eq!(r.data()["decision"]["limit"], 30_000_000);
    // A decided case may still be edited until it is closed; then it is not.
    ws.edit(
        RecordKind::Case,
        &code,
        json!({ "facts": "补充案情" }),
        None,
        None,
    )
    .unwrap();
    let r = ws
        .case_step(
            &code,
            CaseStep::Close {
                on: Some(s("2026-03-20")),
                note: None,
            },
        )
        .unwrap();
    assert_eq!(r.summary()["state"], "closed");
    assert_eq!(r.summary()["next_steps"], json!([]));
    let e = ws
        .edit(
            RecordKind::Case,
            &code,
            json!({ "facts": "再改" }),
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(e.rule, Rule::FlowOrder);
    // Every step is in the audit trail, in order.
    let actions: Vec<String> = ws
        .audit_log(Some((RecordKind::Case, &code)), 10)
        .unwrap()
        .iter()
        .map(|a| a.action.clone())
        .collect();
    assert_eq!(
        actions,
        ["close", "update", "decide", "investigate", "insert"]
    );
}

#[test]
fn a_second_infringement_within_five_years_is_flagged_as_a_repeat() {
    let (_d, mut ws) = sample();
    let first = infringement(&mut ws, "固市监处〔2022〕7号", "2022-01-10", "");
    investigate(&mut ws, &first, "2022-01-11");
    ws.case_step(&first, decide("2022-03-01", "20000")).unwrap();
    let second = infringement(&mut ws, "固市监处〔2026〕2号", "2026-04-01", "");
    investigate(&mut ws, &second, "2026-04-02");
    let r = ws
        .case_step(&second, decide("2026-05-01", "50000"))
        .unwrap();
    assert_eq!(r.data()["decision"]["repeat_of"], first);
    let w = &r.summary()["warnings"];
    assert_eq!(w[0]["rule"], "repeat_infringer");
    // Past five years it is not.
    let third = infringement(&mut ws, "固市监处〔2026〕3号", "2026-04-01", "");
    investigate(&mut ws, &third, "2026-04-02");
    ws.archive(RecordKind::Case, &second, None).unwrap();
    let r = ws.case_step(&third, decide("2027-03-02", "50000")).unwrap();
    assert_eq!(r.data()["decision"]["repeat_of"], Value::Null);
}

#[test]
fn a_case_is_searched_and_shown_on_its_records() {
    let (_d, ws) = sample();
    for (q, want) in [
        ("浉市监处〔2026〕3号", "CASE-0001"),
        ("某茶叶商行", "CASE-0001"),
        ("92411502MA49TH005", "CASE-0001"),
        ("王某", "CASE-0003"),
    ] {
        let r = ws.search(q, Some(RecordKind::Case), 10).unwrap();
        let codes: Vec<&str> = r.groups[0].hits.iter().map(|h| h.code.as_str()).collect();
        assert_eq!(codes, [want], "{q}");
    }
    let on_gi = ws
        .related(RecordKind::Case, RecordKind::Gi, "GI-0001", 10, 0)
        .unwrap();
    assert_eq!(on_gi[0].code, "CASE-0003");
    // Paged in SQL: pages of one give the same list, in the same order.
    let paged: Vec<String> = (0..on_gi.len() as u32 + 1)
        .flat_map(|i| {
            ws.related(RecordKind::Case, RecordKind::Gi, "GI-0001", 1, i)
                .unwrap()
        })
        .map(|r| r.code)
        .collect();
    let whole: Vec<String> = on_gi.iter().map(|r| r.code.clone()).collect();
    assert_eq!(paged, whole);
    let on_ent = ws
        .related(RecordKind::Case, RecordKind::Enterprise, "ENT-0006", 10, 0)
        .unwrap();
    assert_eq!(on_ent[0].code, "CASE-0002");
}

#[test]
fn bad_cases_and_steps_are_refused_by_field() {
    let (_d, mut ws) = sample();
    let e = ws
        .add(
            RecordKind::Case,
            json!({ "case_no": "浉市监处〔2026〕3号（示例）", "kind": "piracy", "source": "complaint",
                    "jurisdiction": "411525", "opened_on": "2026-01-01",
                    "parties": [{ "name": "某店", "credit_code": "91411525MA47RG0031" }],
                    "turnover": "-1" }),
        )
        .unwrap_err();
    let fields: Vec<&str> = e
        .problems
        .iter()
        .filter_map(|p| p.field.as_deref())
        .collect();
    for f in ["kind", "parties[0].credit_code", "turnover"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    // The number is unique.
    let e = ws
        .add(
            RecordKind::Case,
            json!({ "case_no": "浉市监处〔2026〕3号（示例）", "kind": "other", "source": "complaint",
                    "jurisdiction": "411525", "opened_on": "2026-01-01",
                    "parties": [{ "name": "某店" }] }),
        )
        .unwrap_err();
    assert_eq!(e.rule, Rule::CaseNoTaken);
    // A negative fine, and a step the state does not allow.
    let e = ws
        .case_step("CASE-0002", decide("2026-09-01", "-5"))
        .unwrap_err();
    assert_eq!(
        (e.rule, e.field.as_deref()),
        (Rule::MoneyFormat, Some("fine"))
    );
    let e = ws
        .case_step(
            "CASE-0001",
            CaseStep::Transfer {
                on: None,
                receiver: s("公安"),
                note: None,
            },
        )
        .unwrap_err();
    assert_eq!(e.rule, Rule::FlowOrder);
}

/// Each row of the form, counted again from every case's data as listed.
#[test]
fn the_statistics_form_reconciles_with_the_case_list() {
    let (_d, mut ws) = sample();
    let code = infringement(&mut ws, "固市监处〔2026〕5号", "2026-05-01", "90000");
    investigate(&mut ws, &code, "2026-05-02");
    ws.case_step(&code, decide("2027-01-05", "100000")).unwrap();
    let other = infringement(&mut ws, "固市监处〔2025〕9号", "2025-12-30", "");
    ws.archive(RecordKind::Case, &other, None).unwrap();
    let all = ws
        .list_query(RecordKind::Case, &ListQuery::default(), 1000, 0)
        .unwrap();
    for (from, to, division) in [
        ("2026-01-01", "2026-12-31", None),
        ("2026-01-01", "2027-12-31", None),
        ("2026-01-01", "2026-12-31", Some("411502")),
        ("2026-01-01", "2027-12-31", Some("411500")),
    ] {
        let stats = ws.enforcement_stats(from, to, division).unwrap();
        assert_eq!(stats.lines.len(), 10);
        let within = |d: &Value| d.as_str().is_some_and(|d| d >= from && d <= to);
        for line in &stats.lines {
            let mut want = 0i64;
            for r in &all.items {
                let d = r.data();
                let kind = d["kind"].as_str().unwrap();
                let j = d["jurisdiction"].as_str().unwrap();
                if !line.kinds.is_empty()
                    && !line
                        .kinds
                        .iter()
                        .any(|k| serde_json::to_value(k).unwrap() == kind)
                {
                    continue;
                }
                if division.is_some_and(|p| !j.starts_with(p.trim_end_matches("00"))) {
                    continue;
                }
                let penalised = d["decision"]["penalised"] == true;
                want += match line.measure.as_str() {
                    "cases" => i64::from(within(&d["opened_on"])),
                    "closed" => i64::from(within(&d["closed_on"])),
                    "transfers" => i64::from(within(&d["transfer"]["on"])),
                    "penalised" => i64::from(within(&d["decision"]["on"]) && penalised),
                    "fines" if within(&d["decision"]["on"]) && penalised => {
                        d["decision"]["fine"].as_i64().unwrap()
                    }
                    "turnover" if within(&d["decision"]["on"]) => {
                        d["turnover"].as_i64().unwrap_or(0)
                    }
                    _ => 0,
                };
            }
            assert_eq!(line.value, want, "{} {from}–{to} {division:?}", line.label);
        }
    }
    let year = ws
        .enforcement_stats("2026-01-01", "2026-12-31", None)
        .unwrap();
    let total = |label: &str| {
        year.lines
            .iter()
            .find(|l| l.label.starts_with(label))
            .unwrap()
            .value
    };
    assert_eq!(total("立案合计"), 4);
    assert_eq!(total("罚款"), 20_000_000);
    assert_eq!(total("移送"), 1);
}

#[test]
fn the_forms_rows_are_bureau_data_checked_and_audited() {
    let (_d, mut ws) = sample();
    let e = ws
        .set_stats_form(
            &[StatsRowInput {
                label: s(" "),
                kinds: vec![s("theft")],
                measure: s("speed"),
            }],
            None,
        )
        .unwrap_err();
    let fields: Vec<&str> = e
        .problems
        .iter()
        .filter_map(|p| p.field.as_deref())
        .collect();
    assert_eq!(
        fields,
        ["rows[0].label", "rows[0].measure", "rows[0].kinds[0]"]
    );
    assert_eq!(ws.stats_form().unwrap().len(), 10, "nothing written");
    ws.set_stats_form(
        &[StatsRowInput {
            label: s("地理标志类案件（件）"),
            kinds: vec![s("gi_misuse"), s("special_mark_misuse")],
            measure: s("cases"),
        }],
        Some("按省局新表"),
    )
    .unwrap();
    let stats = ws
        .enforcement_stats("2026-01-01", "2026-12-31", None)
        .unwrap();
    assert_eq!(stats.lines.len(), 1);
    assert_eq!(stats.lines[0].value, 1);
    assert!(!stats.lines[0].sample);
    let last = &ws.audit_log(None, 1).unwrap()[0];
    assert_eq!(
        (last.entity.as_str(), last.action.as_str()),
        ("stats_form", "update")
    );
}

/// A decided misuse case naming an active authorised user puts "consider stopping the use
/// right" in the users' queue; an undecided one does not.
#[test]
fn a_decided_misuse_case_proposes_stopping_the_users_right() {
    let (_d, mut ws) = sample();
    let before = ws.attention().unwrap();
    assert!(!before.items.iter().any(|a| a.reason == "case_misuse"));
    let code = ws
        .add(
            RecordKind::Case,
            json!({ "case_no": "浉市监处〔2026〕15号", "kind": "special_mark_misuse", "source": "inspection",
                    "jurisdiction": "411502", "opened_on": "2026-10-01",
                    "parties": [{ "enterprise": "ENT-0003" }], "related": ["USR-0001", "GI-0001"] }),
        )
        .unwrap()
        .code;
    investigate(&mut ws, &code, "2026-10-02");
    assert!(
        !ws.attention()
            .unwrap()
            .items
            .iter()
            .any(|a| a.reason == "case_misuse")
    );
    ws.case_step(&code, decide("2026-10-20", "30000")).unwrap();
    let after = ws.attention().unwrap();
    let hit = after
        .items
        .iter()
        .find(|a| a.reason == "case_misuse")
        .expect("the user is in the queue");
    assert_eq!(hit.code, "USR-0001");
    assert!(hit.why.zh.contains(&code), "{}", hit.why.zh);
    assert_eq!(after.total, before.total + 1);
}

/// Cases travel to the city in bundles, their files left behind and, unless the clerk says
/// so, each person a pseudonym (the same person, the same pseudonym); the bundle says which.
#[test]
fn a_bundle_carries_cases_without_persons_names_unless_asked() {
    let (d, mut county) = sample();
    let plain = d.path().join("plain.bundle");
    let named = d.path().join("named.bundle");
    let s = county.export_bundle(&plain, false).unwrap();
    assert!(!s.personal_data);
    assert!(county.export_bundle(&named, true).unwrap().personal_data);
    let bytes = std::fs::read(&plain).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("王某"), "a person's name left the workspace");

    let city_dir = tempfile::tempdir().unwrap();
    let mut city = Workspace::create(&city_dir.path().join("city.db"), "市局").unwrap();
    city.set_today(Some("2026-12-04".parse().unwrap()));
    let report = city.import_bundle(&plain, false, false).unwrap();
    assert!(report.applied && !report.personal_data);
    let case = city.show(RecordKind::Case, "CASE-0003").unwrap();
    let party = case.data()["parties"][0]["name"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        party.starts_with(terroir_api::bundle::PERSON_OMITTED),
        "{party}"
    );
    assert!(case.name.contains(&party) && !case.name.contains("王某"));
    // The same person has the same pseudonym in the next bundle.
    let again = d.path().join("again.bundle");
    county.export_bundle(&again, false).unwrap();
    let r = city.import_bundle(&again, true, false).unwrap();
    assert!(r.new.is_empty() && r.changed.is_empty() && r.conflicts.is_empty());
    // The city counts them in its statistics form.
    let stats = city
        .enforcement_stats("2026-01-01", "2026-12-31", None)
        .unwrap();
    assert_eq!(
        stats
            .lines
            .iter()
            .find(|l| l.label.starts_with("立案合计"))
            .unwrap()
            .value,
        3
    );
    // With personal data, the name travels.
    let other = tempfile::tempdir().unwrap();
    let mut city2 = Workspace::create(&other.path().join("c.db"), "市局").unwrap();
    assert!(
        city2
            .import_bundle(&named, false, false)
            .unwrap()
            .personal_data
    );
    let case = city2.show(RecordKind::Case, "CASE-0003").unwrap();
    assert_eq!(case.data()["parties"][0]["name"], "王某（示例）");
}

/// The bureau's fine limits for the kinds the law gives no formula for: set, held at a
/// decision, audited; refused for the kinds whose limit the law sets.
#[test]
fn a_bureau_fine_limit_is_held_and_refused_where_the_law_sets_it() {
    let (_d, mut ws) = sample();
    let none = ws.fine_limits().unwrap();
    assert!(none.limits.is_empty(), "none is shipped");
    assert_eq!(none.kinds.len(), 3);
    let e = ws
        .set_fine_limit("mark_infringement", Some("1000"), Some("x"), None)
        .unwrap_err();
    assert_eq!(
        (e.rule, e.field.as_deref()),
        (Rule::NotApplicable, Some("kind"))
    );
    let e = ws
        .set_fine_limit("gi_misuse", Some("20000"), None, None)
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("basis"));
    let limits = ws
        .set_fine_limit(
            "gi_misuse",
            Some("20000"),
            Some("某局行政处罚裁量基准（测试）"),
            Some("局务会"),
        )
        .unwrap();
    assert_eq!(limits.limits[0].max.0, 2_000_000);
    let last = &ws.audit_log(None, 1).unwrap()[0];
    assert_eq!(
        (last.entity.as_str(), last.entity_id.as_str()),
        ("fine_limit", "gi_misuse")
    );
    // CASE-0003 is a GI misuse case: transferred; a new one is decided against the limit.
    let code = ws
        .add(
            RecordKind::Case,
            json!({ "case_no": "浉市监处〔2026〕16号", "kind": "gi_misuse", "source": "inspection",
                    "jurisdiction": "411502", "opened_on": "2026-10-01",
                    "parties": [{ "name": "某茶庄" }] }),
        )
        .unwrap()
        .code;
    investigate(&mut ws, &code, "2026-10-02");
    let e = ws
        .case_step(&code, decide("2026-10-20", "20000.01"))
        .unwrap_err();
    assert_eq!(
        (e.rule, e.field.as_deref()),
        (Rule::FineOverBureauLimit, Some("fine"))
    );
    assert_eq!(e.params["limit"], "¥20,000.00");
    let r = ws.case_step(&code, decide("2026-10-20", "20000")).unwrap();
    assert_eq!(r.data()["decision"]["limit"], 2_000_000);
    // Removed, it no longer holds.
    let left = ws
        .set_fine_limit("gi_misuse", Some(""), None, None)
        .unwrap();
    assert!(left.limits.is_empty());
}

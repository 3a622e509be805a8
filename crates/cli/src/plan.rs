//! `terroir target` (plan targets; `list` shows each one's progress), `terroir financing`
//! (pledge financing and its totals), `terroir zone` (demonstration zones, their KPIs, the
//! bureau's KPI rule sets) and `terroir gi stats` (a GI product's yearly statistics).

use clap::{Args, Subcommand};
use serde::{Serialize, Serializer};
use serde_json::{Value, json};
use terroir_api::core::RecordKind;
use terroir_api::core::record::key_of;
use terroir_api::plan::TargetProgress;
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, Reason, Target, done};
use crate::output::{Out, word};
use crate::record::{self, RecordCmd};

#[derive(Debug, Args, Serialize)]
pub struct TargetFields {
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    /// The plan paragraph, e.g. 四(九)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<String>,
    /// Division code of the city or county the target is for
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    jurisdiction: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    starts_on: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    ends_on: Option<String>,
    /// gi_products, product_approvals, gi_marks, agricultural_gis, approved_users,
    /// valid_trademarks, recognitions (stocks); pledge_financing, awards_paid,
    /// enforcement_cases (cumulative); manual (values entered with `target value`)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    metric: Option<String>,
    /// For a manual metric: stock or cumulative
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    measure: Option<String>,
    /// Yuan for a money metric, else a whole number
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<String>,
    /// Yuan for a money metric, else a whole number
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    /// The unit's word for a manual metric (家, 个)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum TargetCmd {
    #[command(flatten)]
    Record(RecordCmd<TargetFields>),
    /// A target's progress: value, per cent, on or behind track, and each division's value.
    /// On track: a cumulative value ≥ target × elapsed share of the period; a stock ≥
    /// baseline + (target − baseline) × elapsed share (days, first and last included)
    Progress {
        #[command(flatten)]
        target: Target,
    },
    /// Every live target's progress (of one division and below with --division)
    Board {
        #[arg(long)]
        division: Option<String>,
    },
    /// The records a target's value counts, in code order
    Counted {
        #[command(flatten)]
        target: Target,
        /// Only those in this division
        #[arg(long)]
        division: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// For each division whose records came in bundles: the last bundle merged and how old
    /// its data are
    Freshness {
        #[arg(long)]
        division: Option<String>,
    },
    /// Set a manual metric's value for a year, with its source
    Value {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        value: String,
        /// Where the figure comes from (a list, a report)
        #[arg(long)]
        source: String,
        #[command(flatten)]
        reason: Reason,
    },
}

pub fn target(ws: &mut Workspace, out: &Out, cmd: TargetCmd) -> Result<Outcome, ApiError> {
    match cmd {
        TargetCmd::Record(RecordCmd::List(a)) if a.live_only() => {
            board(out, &ws.targets_progress(None)?);
            Ok(0)
        }
        TargetCmd::Record(c) => record::run(ws, out, RecordKind::Target, c),
        TargetCmd::Progress { target } => {
            board(out, &[ws.target_progress(&target.record)?]);
            Ok(0)
        }
        TargetCmd::Board { division } => {
            board(out, &ws.targets_progress(division.as_deref())?);
            Ok(0)
        }
        TargetCmd::Counted {
            target,
            division,
            limit,
            offset,
        } => {
            let c = ws.target_counted(&target.record, division.as_deref(), limit, offset)?;
            if out.json {
                out.json(&c);
            } else {
                let rows: Vec<Vec<String>> = c
                    .rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.code.clone(),
                            r.division.clone().unwrap_or_default(),
                            if c.metric.money() {
                                terroir_api::core::Fen(r.amount).to_string()
                            } else {
                                String::new()
                            },
                        ]
                    })
                    .collect();
                out.table(&rows);
                println!("{} {}", out.t("合计记录", "records"), c.total);
            }
            Ok(0)
        }
        TargetCmd::Freshness { division } => {
            let ages = ws.data_freshness(division.as_deref())?;
            if out.json {
                out.json(&ages);
            } else if ages.is_empty() {
                println!("{}", out.t("（尚未合并交换包）", "(no bundles merged)"));
            } else {
                let rows: Vec<Vec<String>> = ages
                    .iter()
                    .map(|a| {
                        vec![
                            a.division.clone(),
                            a.name.clone().unwrap_or_default(),
                            a.as_of.to_string(),
                            age(out, a),
                        ]
                    })
                    .collect();
                out.table(&rows);
            }
            Ok(0)
        }
        TargetCmd::Value {
            target,
            year,
            value,
            source,
            reason,
        } => {
            let r = ws.set_target_value(
                &target.record,
                year,
                &value,
                &source,
                reason.reason.as_deref(),
            )?;
            done(out, &r, out.t("已录入", "value set"));
            Ok(0)
        }
    }
}

/// A value as people read it: money in yuan, else the number and unit.
fn shown(t: &TargetProgress, v: i64) -> String {
    if t.money {
        terroir_api::core::Fen(v).to_string()
    } else {
        format!("{v}{}", t.unit.clone().unwrap_or_default())
    }
}

fn board(out: &Out, targets: &[TargetProgress]) {
    if out.json {
        return out.json(&targets);
    }
    if targets.is_empty() {
        println!("{}", out.t("（没有规划目标）", "(no targets)"));
        return;
    }
    for t in targets {
        let p = &t.progress;
        println!(
            "{}  {}  [{}] {}—{}  {}",
            t.code,
            t.title,
            word("metric", &key_of(&t.metric), out.lang),
            t.starts_on,
            t.ends_on,
            t.jurisdiction_name
                .as_deref()
                .unwrap_or(t.jurisdiction.as_str()),
        );
        println!(
            "    {} {} / {} ({}%)  {} {}  {}",
            out.t("完成", "value"),
            shown(t, p.value),
            shown(t, t.target),
            p.percent,
            out.t("应达", "expected"),
            shown(t, p.expected),
            if p.on_track {
                out.t("进度正常", "on track")
            } else {
                out.t("进度滞后", "behind")
            }
        );
        for d in &t.by_division {
            println!(
                "      {} {}  {}{}",
                d.division,
                d.name.as_deref().unwrap_or(""),
                shown(t, d.value),
                d.merged
                    .as_ref()
                    .map(|a| format!("  ({})", age(out, a)))
                    .unwrap_or_default()
            );
        }
    }
}

/// How old merged data are, as people read it.
fn age(out: &Out, a: &terroir_api::plan::DataAge) -> String {
    match out.lang {
        terroir_api::core::Lang::Zh => {
            format!("数据截至 {}（{} 天前，{}）", a.as_of, a.days, a.source_name)
        }
        terroir_api::core::Lang::En => {
            format!(
                "data as of {} ({} days ago, {})",
                a.as_of, a.days, a.source_name
            )
        }
    }
}

// ---------------------------------------------------------------------------------------------

#[derive(Debug, Args, Serialize)]
pub struct FinancingFields {
    /// The enterprise (code or credit code)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pledgor: Option<String>,
    /// Division code whose totals it counts in
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    jurisdiction: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    bank: Option<String>,
    /// Yuan
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    loan_on: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    term_ends: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    released_on: Option<String>,
    /// A pledged item (repeat): tm:TM-0005 (the pledge registered on the mark; tm:CODE@NO
    /// names one of several), or patent:NUMBER:TITLE
    #[arg(long = "item")]
    #[serde(
        rename = "items",
        serialize_with = "items_json",
        skip_serializing_if = "Vec::is_empty"
    )]
    items: Vec<String>,
    /// Yuan
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    interest_subsidy: Option<String>,
    /// Yuan
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    risk_compensation: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
}

/// `tm:CODE[@PLEDGE_NO]`, `patent:NUMBER:TITLE` as the api's items; anything else is taken as
/// a trademark, for the api to check.
fn items_json<S: Serializer>(items: &[String], s: S) -> Result<S::Ok, S::Error> {
    let v: Vec<Value> = items
        .iter()
        .map(|i| {
            if let Some(p) = i.strip_prefix("patent:") {
                let (no, title) = p.split_once(':').unwrap_or((p, ""));
                json!({ "patent_no": no, "patent_title": title })
            } else {
                let tm = i.strip_prefix("tm:").unwrap_or(i);
                match tm.split_once('@') {
                    Some((code, no)) => json!({ "trademark": code, "pledge_no": no }),
                    None => json!({ "trademark": tm }),
                }
            }
        })
        .collect();
    v.serialize(s)
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum FinancingCmd {
    #[command(flatten)]
    Record(RecordCmd<FinancingFields>),
    /// Loans made per division and year (the divisions directly under --division)
    Totals {
        #[arg(long)]
        from: i32,
        #[arg(long)]
        to: i32,
        #[arg(long)]
        division: Option<String>,
    },
}

pub fn financing(ws: &mut Workspace, out: &Out, cmd: FinancingCmd) -> Result<Outcome, ApiError> {
    match cmd {
        FinancingCmd::Record(c) => record::run(ws, out, RecordKind::Financing, c),
        FinancingCmd::Totals { from, to, division } => {
            let t = ws.financing_totals(from, to, division.as_deref())?;
            if out.json {
                out.json(&t);
            } else {
                let mut rows: Vec<Vec<String>> = t
                    .rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.division.clone(),
                            r.name.clone().unwrap_or_default(),
                            r.year.to_string(),
                            r.amount.to_string(),
                            r.merged.as_ref().map(|a| age(out, a)).unwrap_or_default(),
                        ]
                    })
                    .collect();
                rows.push(vec![
                    out.t("合计", "total").into(),
                    String::new(),
                    format!("{from}–{to}"),
                    t.total.to_string(),
                    String::new(),
                ]);
                out.table(&rows);
            }
            Ok(0)
        }
    }
}

// ---------------------------------------------------------------------------------------------

#[derive(Debug, Args, Serialize)]
pub struct ZoneFields {
    /// The GI product (code or name)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    gi: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// The responsible government, e.g. 信阳市人民政府
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    government: Option<String>,
    /// Its division code
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    jurisdiction: Option<String>,
    /// applied, preparing, accepted or revoked
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    applied_on: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    applied_doc: Option<String>,
    /// Approved for preparation on
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    preparing_on: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    preparing_doc: Option<String>,
    /// The preparation period's last day
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    preparation_ends: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    accepted_on: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    accepted_doc: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    revoked_on: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    revoked_doc: Option<String>,
    /// The key of the KPI rule set (`zone kpi-sets`)
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    kpi_set: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
}

#[derive(Debug, Args, Serialize)]
pub struct KpiRuleFields {
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    min_users: Option<String>,
    /// Per cent of the area's producers authorised
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    min_authorised_pct: Option<String>,
    /// Output value, yuan
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    min_output: Option<String>,
    /// Per cent of the sector's output value
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    min_sector_pct: Option<String>,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum ZoneCmd {
    #[command(flatten)]
    Record(RecordCmd<ZoneFields>),
    /// A zone's KPIs from its GI's active users and latest yearly statistics
    Kpis {
        #[command(flatten)]
        target: Target,
    },
    /// The bureau's KPI rule sets; with --set KEY, set one (--name, --basis and the minimums)
    KpiSets {
        #[arg(long, requires_all = ["name", "basis"])]
        set: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        basis: Option<String>,
        #[command(flatten)]
        rules: KpiRuleFields,
        #[command(flatten)]
        reason: Reason,
    },
}

pub fn zone(ws: &mut Workspace, out: &Out, cmd: ZoneCmd) -> Result<Outcome, ApiError> {
    match cmd {
        ZoneCmd::Record(c) => record::run(ws, out, RecordKind::Zone, c),
        ZoneCmd::Kpis { target } => {
            let z = ws.zone_kpis(&target.record)?;
            if out.json {
                out.json(&z);
                return Ok(0);
            }
            println!(
                "{}  {}  {}",
                z.code,
                z.name,
                word("zoneStatus", &key_of(&z.status), out.lang)
            );
            for w in &z.warnings {
                println!("  ! {}", out.t(&w.zh, &w.en));
            }
            if let Some(s) = &z.kpi_set {
                println!("  {}: {}", out.t("考核指标", "KPI rule set"), s.name);
            }
            if let Some(y) = z.stats_year {
                println!("  {} {y}", out.t("统计年度", "statistics of"));
            }
            for k in &z.kpis {
                let met = match k.met {
                    Some(true) => out.t("达标", "met"),
                    Some(false) => out.t("未达标", "not met"),
                    None => out.t("无法判断", "unknown"),
                };
                let money = k.key == "min_output";
                let v = |n: i64| {
                    if money {
                        terroir_api::core::Fen(n).to_string()
                    } else {
                        n.to_string()
                    }
                };
                println!(
                    "  {}  {} {}  {} {}  {met}{}",
                    word("kpi", &k.key, out.lang),
                    out.t("要求", "required"),
                    v(k.required),
                    out.t("实际", "actual"),
                    k.actual.map(v).unwrap_or_else(|| "—".into()),
                    k.missing
                        .as_ref()
                        .map(|m| format!("（{}）", out.t(&m.zh, &m.en)))
                        .unwrap_or_default()
                );
            }
            Ok(0)
        }
        ZoneCmd::KpiSets {
            set,
            name,
            basis,
            rules,
            reason,
        } => {
            if let Some(key) = set {
                let rules = serde_json::to_value(&rules).unwrap_or(Value::Null);
                ws.set_kpi_set(
                    &key,
                    name.as_deref().unwrap_or(""),
                    basis.as_deref().unwrap_or(""),
                    rules,
                    reason.reason.as_deref(),
                )?;
            }
            let sets = ws.kpi_sets()?;
            if out.json {
                out.json(&sets);
            } else {
                for s in sets {
                    println!("{}  {}  ({})", s.key, s.name, s.basis);
                }
            }
            Ok(0)
        }
    }
}

// ---------------------------------------------------------------------------------------------

#[derive(Debug, Args, Serialize)]
pub struct GiStatFields {
    /// Producers in the production area
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    producers: Option<String>,
    /// 产值, yuan
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    output_value: Option<String>,
    /// 行业总产值, yuan
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    sector_output: Option<String>,
    /// 种植面积, mu
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    area_mu: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    head_count: Option<String>,
    /// 电商销售额, yuan
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    e_commerce: Option<String>,
    /// Where the figures come from
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

/// `terroir gi stats GI-… [--year Y …]`: list a GI product's yearly statistics, or set (or
/// with --remove, remove) one year's.
#[derive(Debug, Args)]
pub struct GiStatsArgs {
    #[command(flatten)]
    target: Target,
    #[arg(long)]
    year: Option<i32>,
    #[command(flatten)]
    fields: GiStatFields,
    /// Remove the year's statistics
    #[arg(long, requires = "year")]
    remove: bool,
    #[command(flatten)]
    reason: Reason,
}

pub fn gi_stats(ws: &mut Workspace, out: &Out, a: GiStatsArgs) -> Result<Outcome, ApiError> {
    if let Some(year) = a.year {
        if a.remove {
            ws.remove_gi_stats(&a.target.record, year, a.reason.reason.as_deref())?;
        } else {
            let mut input = serde_json::to_value(&a.fields).unwrap_or(json!({}));
            input["year"] = json!(year.to_string());
            ws.set_gi_stats(&a.target.record, input, a.reason.reason.as_deref())?;
        }
    }
    let stats = ws.gi_stats(&a.target.record)?;
    if out.json {
        out.json(&stats);
        return Ok(0);
    }
    if stats.is_empty() {
        println!(
            "{}",
            out.t("（没有年度统计数据）", "(no yearly statistics)")
        );
    }
    let money = |f: Option<terroir_api::core::Fen>| f.map(|f| f.to_string()).unwrap_or_default();
    let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut rows = vec![vec![
        out.t("年度", "year").to_owned(),
        out.t("生产者", "producers").to_owned(),
        out.t("产值", "output").to_owned(),
        out.t("行业总产值", "sector").to_owned(),
        out.t("面积（亩）", "area (mu)").to_owned(),
        out.t("电商销售额", "e-commerce").to_owned(),
        out.t("来源", "source").to_owned(),
    ]];
    rows.extend(stats.iter().map(|s| {
        vec![
            s.year.to_string(),
            n(s.producers),
            money(s.output_value),
            money(s.sector_output),
            n(s.area_mu),
            money(s.e_commerce),
            s.source.clone(),
        ]
    }));
    out.table(&rows);
    Ok(0)
}

// ---------------------------------------------------------------------------------------------

#[derive(Debug, Args)]
pub struct DashboardArgs {
    #[arg(long)]
    year: i32,
    /// Only this division and below
    #[arg(long)]
    division: Option<String>,
}

pub fn dashboard(ws: &Workspace, out: &Out, a: DashboardArgs) -> Result<Outcome, ApiError> {
    let d = ws.dashboard(a.year, a.division.as_deref())?;
    if out.json {
        out.json(&d);
        return Ok(0);
    }
    let scope = d
        .division_name
        .clone()
        .or_else(|| d.division.as_ref().map(|c| c.to_string()))
        .unwrap_or_else(|| out.t("全部", "all").to_owned());
    println!(
        "{} {} · {scope} · {} {}",
        out.t("数据看板", "Dashboard"),
        d.year,
        out.t("统计日", "counted on"),
        d.counted_on
    );
    println!(
        "== {}",
        out.t(
            "地理标志产品（按区划、保护方式）",
            "GI products by division and regime"
        )
    );
    let rows: Vec<Vec<String>> = d
        .gi_by_division
        .iter()
        .map(|r| {
            vec![
                r.division.clone(),
                r.name.clone().unwrap_or_default(),
                word("metric", r.regime.key(), out.lang),
                r.count.to_string(),
            ]
        })
        .collect();
    out.table(&rows);
    println!(
        "== {}",
        out.t(
            "专用标志使用人（月末，使用中）",
            "Authorised users (month end, active)"
        )
    );
    let rows: Vec<Vec<String>> = d
        .users_by_month
        .iter()
        .map(|m| vec![m.month.clone(), m.value.to_string()])
        .collect();
    out.table(&rows);
    println!(
        "== {} ({} {})",
        out.t(
            "未来 12 个月到期的续展",
            "Renewals due in the next 12 months"
        ),
        out.t("已逾期", "overdue"),
        d.renewals_overdue
    );
    let rows: Vec<Vec<String>> = d
        .renewals_by_month
        .iter()
        .map(|m| vec![m.month.clone(), m.kind.label(out.lang), m.count.to_string()])
        .collect();
    out.table(&rows);
    println!(
        "== {}",
        out.t("质押融资（按年）", "Pledge financing by year")
    );
    let rows: Vec<Vec<String>> = d
        .financing_by_year
        .iter()
        .map(|y| vec![y.year.to_string(), y.amount.to_string()])
        .collect();
    out.table(&rows);
    println!("== {}", out.t("奖励资金与预算", "Awards against budget"));
    let rows: Vec<Vec<String>> = d
        .awards
        .iter()
        .map(|r| {
            vec![
                r.jurisdiction.clone(),
                r.jurisdiction_name.clone().unwrap_or_default(),
                r.budget
                    .map(|b| b.to_string())
                    .unwrap_or_else(|| "—".into()),
                r.approved.to_string(),
                r.paid.to_string(),
            ]
        })
        .collect();
    out.table(&rows);
    println!("== {}", out.t("示范区", "Demonstration zones"));
    for z in &d.zones {
        let met = z.kpis.iter().filter(|k| k.met == Some(true)).count();
        println!("{}  {}  {met}/{}", z.code, z.name, z.kpis.len());
    }
    println!("== {}", out.t("规划目标", "Targets"));
    board(out, &d.targets);
    Ok(0)
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// The yearly report (年度工作报告): targets, GI products, users, marks and renewals,
    /// awards, financing, zones, enforcement and the data's scope; `-o` .pdf, .xlsx or .docx
    Annual {
        #[arg(long)]
        year: i32,
        /// Only this division and below
        #[arg(long)]
        division: Option<String>,
        #[arg(short, long)]
        output: std::path::PathBuf,
        /// Also write the same tables as a workbook beside it (same name, .xlsx)
        #[arg(long)]
        xlsx: bool,
    },
}

pub fn report(ws: &Workspace, out: &Out, cmd: ReportCmd) -> Result<Outcome, ApiError> {
    let ReportCmd::Annual {
        year,
        division,
        output,
        xlsx,
    } = cmd;
    let mut written = vec![ws.write_annual_report(year, division.as_deref(), &output)?];
    if xlsx {
        let book = output.with_extension("xlsx");
        if book != output {
            written.push(ws.write_annual_report(year, division.as_deref(), &book)?);
        }
    }
    if out.json {
        out.json(&written);
    } else {
        for p in &written {
            println!(
                "{} → {} ({} bytes)",
                out.t("已生成", "written"),
                p.path,
                p.bytes
            );
        }
    }
    Ok(0)
}

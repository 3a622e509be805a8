//! The yearly report (年度工作报告): the dashboard's numbers, with the enforcement figures and
//! the data's scope, as sections of tables written three ways from one model — a PDF on the
//! dossier's layout engine (bars drawn as vectors), a workbook of one sheet per section, and an
//! editable Word document. A section with no data still prints, saying 无数据.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use terroir_core::deadline::DeadlineKind;
use terroir_core::plan::Metric;
use terroir_core::{Fen, Lang, Violation};
use terroir_dossier::letter::FormTable;
use terroir_dossier::report::{Bars, NO_DATA, ReportSection, ReportView};
use terroir_exchange::docx_out::{self, DocSection};
use terroir_exchange::sheet::Cell;
use terroir_exchange::write::{self, Sheet};
use terroir_store::plan::{self as store_plan, Span};

use crate::dashboard::Dashboard;
use crate::dossier::{Printed, create_dir, dossier_error, file_name};
use crate::{ApiError, Result, Workspace};

/// A number in a report: how it prints, and the value a spreadsheet cell takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum ReportCell {
    Text(String),
    Count(i64),
    /// Fen; printed in yuan, a cell in yuan.
    Money(Fen),
    Percent(i64),
}

impl ReportCell {
    pub fn shown(&self) -> String {
        match self {
            Self::Text(s) => s.clone(),
            Self::Count(n) => n.to_string(),
            Self::Money(f) => f.to_string(),
            Self::Percent(p) => format!("{p}%"),
        }
    }
    fn sheet_cell(&self) -> Cell {
        match self {
            Self::Text(s) => Cell::Text(s.clone()),
            Self::Count(n) | Self::Percent(n) => Cell::Number(*n as f64),
            Self::Money(f) => Cell::Number(f.0 as f64 / 100.0),
        }
    }
    fn value(&self) -> f64 {
        match self {
            Self::Text(_) => 0.0,
            Self::Count(n) | Self::Percent(n) => *n as f64,
            Self::Money(f) => f.0 as f64 / 100.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportPart {
    /// The sheet's name in the workbook.
    pub key: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub columns: Vec<String>,
    /// Each column's share of the table's width on paper.
    pub widths: Vec<u8>,
    pub rows: Vec<Vec<ReportCell>>,
    /// The bar chart's label and value columns, and its unit.
    pub bars: Option<(usize, usize, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AnnualReport {
    pub year: i32,
    pub title: String,
    /// The scope, the year and the day counted, in words.
    pub subtitle: String,
    pub sample: bool,
    pub parts: Vec<ReportPart>,
}

fn text(s: impl Into<String>) -> ReportCell {
    ReportCell::Text(s.into())
}

/// A part with its columns, each with its share of the width (a name column wide, numbers
/// narrow).
fn part(key: &str, heading: &str, columns: &[(&str, u8)]) -> ReportPart {
    ReportPart {
        key: key.into(),
        heading: heading.into(),
        paragraphs: vec![],
        columns: columns.iter().map(|(c, _)| (*c).to_owned()).collect(),
        widths: columns.iter().map(|(_, w)| *w).collect(),
        rows: vec![],
        bars: None,
    }
}

fn zh(group: &str, key: &str) -> String {
    terroir_core::vocab::word_or_key(group, key, Lang::Zh)
}

impl Workspace {
    /// The yearly report's content for `year`, of `division` and below when given.
    pub fn annual_report(&self, year: i32, division: Option<&str>) -> Result<AnnualReport> {
        let d = self.dashboard(year, division)?;
        let scope = d
            .division_name
            .clone()
            .or_else(|| d.division.as_ref().map(|c| c.to_string()))
            .unwrap_or_else(|| "全部区划".into());
        let mut parts = vec![
            targets_part(&d),
            gi_part(&d),
            users_part(&d),
            renewals_part(&d),
            self.marks_part(&d)?,
            awards_part(&d),
            financing_part(&d),
            zones_part(&d),
        ];
        let stats = self.enforcement_stats(
            &format!("{year}-01-01"),
            &format!("{year}-12-31"),
            d.division.as_ref().map(|c| c.as_str()),
        )?;
        if stats.lines.iter().any(|l| l.value != 0) {
            let mut p = part("enforcement", "执法办案", &[("项目", 3), ("数值", 1)]);
            p.rows = stats
                .lines
                .iter()
                .map(|l| {
                    vec![
                        text(&l.label),
                        if l.money {
                            ReportCell::Money(Fen(l.value))
                        } else {
                            ReportCell::Count(l.value)
                        },
                    ]
                })
                .collect();
            parts.push(p);
        }
        parts.push(scope_part(&d));
        for (p, n) in parts.iter_mut().zip(NUMERALS) {
            p.heading = format!("{n}、{}", p.heading);
        }
        Ok(AnnualReport {
            year,
            title: format!("{year}年度知识产权（地理标志）工作报告"),
            subtitle: format!("{scope} · 统计截至 {}", zh_day(d.counted_on)),
            sample: d.targets.iter().any(|t| t.sample),
            parts,
        })
    }

    /// Write the report to `path`: `.pdf`, `.xlsx` or `.docx` by its extension.
    pub fn write_annual_report(
        &self,
        year: i32,
        division: Option<&str>,
        path: &Path,
    ) -> Result<Printed> {
        let r = self.annual_report(year, division)?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let out = |e: String| ApiError::from(Violation::file_missing(e).at("output"));
        match ext.as_str() {
            "pdf" => {
                let settings = self.dossier_settings()?;
                let view = ReportView {
                    sample: r.sample,
                    title: r.title.clone(),
                    subtitle: r.subtitle.clone(),
                    sections: r.parts.iter().map(pdf_section).collect(),
                    issuer: settings.issuer,
                    dated: self.today(),
                    audit_head: terroir_store::audit::head(&self.conn)?,
                };
                let pdf = terroir_dossier::report::render_report(&view).map_err(dossier_error)?;
                Printed::write(String::new(), r.title.clone(), path, &pdf, vec![])
            }
            "xlsx" => {
                let sheets: Vec<Sheet> = r.parts.iter().map(sheet_of).collect();
                write::write_book(path, &sheets).map_err(out)?;
                Ok(Printed::written(
                    String::new(),
                    r.title.clone(),
                    path,
                    file_len(path),
                    vec![],
                ))
            }
            "docx" => {
                let sections: Vec<DocSection> = r.parts.iter().map(doc_section).collect();
                docx_out::write_docx(path, &r.title, &r.subtitle, &sections).map_err(out)?;
                Ok(Printed::written(
                    String::new(),
                    r.title.clone(),
                    path,
                    file_len(path),
                    vec![],
                ))
            }
            other => Err(Violation::enum_value(other, "pdf, xlsx, docx")
                .at("output")
                .into()),
        }
    }

    /// Print the report (PDF) into [`Self::print_dir`] (`报告`), for the system viewer.
    pub fn print_annual_report(&self, year: i32, division: Option<&str>) -> Result<Printed> {
        let dir = self.print_dir("报告");
        create_dir(&dir)?;
        let name = file_name(
            &year.to_string(),
            &format!("年度工作报告{}", division.unwrap_or("")),
        );
        self.write_annual_report(year, division, &dir.join(name))
    }

    fn marks_part(&self, d: &Dashboard) -> Result<ReportPart> {
        let mut p = part(
            "marks",
            "商标与驰名商标培育",
            &[
                ("区划", 2),
                ("有效注册商标（件）", 1),
                ("地理标志商标（件）", 1),
                ("驰名商标认定（件）", 1),
            ],
        );
        let prefix = d.division.as_ref().map_or("", |c| c.prefix()).to_owned();
        let on = d.counted_on.to_string();
        let mut rows: Vec<(String, [i64; 3])> = vec![];
        for (i, m) in [
            Metric::ValidTrademarks,
            Metric::GiMarks,
            Metric::Recognitions,
        ]
        .into_iter()
        .enumerate()
        {
            for (div, n) in
                store_plan::sum_by_division(&self.conn, m.key(), &prefix, Span::On(&on))?
            {
                let key = match &d.division {
                    Some(parent) => crate::plan::child_of(parent, &div),
                    None => div,
                };
                match rows.iter_mut().find(|r| r.0 == key) {
                    Some(r) => r.1[i] += n,
                    None => {
                        let mut v = [0; 3];
                        v[i] = n;
                        rows.push((key, v));
                    }
                }
            }
        }
        rows.sort();
        for (div, v) in rows {
            let name = terroir_store::tables::division_name(&self.conn, &div)?.unwrap_or(div);
            p.rows.push(vec![
                text(name),
                ReportCell::Count(v[0]),
                ReportCell::Count(v[1]),
                ReportCell::Count(v[2]),
            ]);
        }
        Ok(p)
    }
}

const NUMERALS: [&str; 12] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];

/// Whether a target is on track, in the report's words.
fn track(t: &crate::plan::TargetProgress) -> &'static str {
    if t.progress.on_track {
        "进度正常"
    } else {
        "进度滞后"
    }
}

fn zh_day(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

fn targets_part(d: &Dashboard) -> ReportPart {
    let mut p = part(
        "targets",
        "规划目标完成情况",
        &[
            ("编号", 2),
            ("目标", 4),
            ("规划条目", 2),
            ("完成值", 3),
            ("目标值", 3),
            ("完成率", 2),
            ("进度", 2),
        ],
    );
    for t in &d.targets {
        let v = |n: i64| {
            if t.money {
                ReportCell::Money(Fen(n))
            } else {
                ReportCell::Count(n)
            }
        };
        p.rows.push(vec![
            text(&t.code),
            text(&t.title),
            text(t.paragraph.clone().unwrap_or_default()),
            v(t.progress.value),
            v(t.target),
            ReportCell::Percent(t.progress.percent),
            text(track(t)),
        ]);
    }
    p.bars = Some((0, 5, "%（完成率）".into()));
    p
}

fn gi_part(d: &Dashboard) -> ReportPart {
    let regimes = [
        Metric::GiProducts,
        Metric::ProductApprovals,
        Metric::GiMarks,
        Metric::AgriculturalGis,
    ];
    let mut columns = vec!["区划".to_owned()];
    columns.extend(
        regimes
            .iter()
            .map(|m| format!("{}（件）", zh("metric", m.key()))),
    );
    let mut p = part("gi", "地理标志产品（受保护）", &[]);
    p.widths = std::iter::once(2)
        .chain(regimes.iter().map(|_| 1))
        .collect();
    p.columns = columns;
    let mut divisions: Vec<(&str, Option<&String>)> = vec![];
    for r in &d.gi_by_division {
        if !divisions.iter().any(|(c, _)| *c == r.division) {
            divisions.push((&r.division, r.name.as_ref()));
        }
    }
    for (code, name) in divisions {
        let mut row = vec![text(name.cloned().unwrap_or_else(|| code.to_owned()))];
        for m in regimes {
            let n = d
                .gi_by_division
                .iter()
                .find(|r| r.division == code && r.regime == m)
                .map_or(0, |r| r.count);
            row.push(ReportCell::Count(n));
        }
        p.rows.push(row);
    }
    p.bars = Some((0, 1, "件".into()));
    p
}

fn users_part(d: &Dashboard) -> ReportPart {
    let mut p = part(
        "users",
        "地理标志专用标志使用人",
        &[("月份", 1), ("使用中的使用人（家）", 1)],
    );
    p.rows = d
        .users_by_month
        .iter()
        .map(|m| vec![text(&m.month), ReportCell::Count(m.value)])
        .collect();
    p.bars = Some((0, 1, "家".into()));
    p
}

fn renewals_part(d: &Dashboard) -> ReportPart {
    let mut p = part(
        "renewals",
        "商标续展（未来十二个月）",
        &[
            ("月份", 1),
            ("续展期内到期（件）", 1),
            ("宽展期内到期（件）", 1),
        ],
    );
    let count = |month: &str, kind: DeadlineKind| {
        d.renewals_by_month
            .iter()
            .find(|m| m.month == month && m.kind == kind)
            .map_or(0, |m| i64::from(m.count))
    };
    let mut months: Vec<&str> = d
        .renewals_by_month
        .iter()
        .map(|m| m.month.as_str())
        .collect();
    months.dedup();
    for m in months {
        p.rows.push(vec![
            text(m),
            ReportCell::Count(count(m, DeadlineKind::Renewal)),
            ReportCell::Count(count(m, DeadlineKind::RenewalGrace)),
        ]);
    }
    if d.renewals_overdue > 0 || !p.rows.is_empty() {
        p.paragraphs.push(format!(
            "已过续展最后期限的注册商标 {} 件。",
            d.renewals_overdue
        ));
    }
    p
}

fn awards_part(d: &Dashboard) -> ReportPart {
    let mut p = part(
        "awards",
        "奖励资金与预算",
        &[
            ("兑现区划", 2),
            ("预算", 2),
            ("已核准", 2),
            ("已拨付", 2),
            ("预算结余", 2),
        ],
    );
    let money = |f: Option<Fen>| f.map_or_else(|| text("—"), ReportCell::Money);
    for r in &d.awards {
        p.rows.push(vec![
            text(
                r.jurisdiction_name
                    .clone()
                    .unwrap_or_else(|| r.jurisdiction.clone()),
            ),
            money(r.budget),
            ReportCell::Money(r.approved),
            ReportCell::Money(r.paid),
            money(r.remaining),
        ]);
    }
    p
}

fn financing_part(d: &Dashboard) -> ReportPart {
    let mut p = part(
        "financing",
        "知识产权质押融资",
        &[("年度", 1), ("放款金额（元）", 1)],
    );
    p.rows = d
        .financing_by_year
        .iter()
        .map(|y| vec![text(y.year.to_string()), ReportCell::Money(y.amount)])
        .collect();
    for t in &d.financing_targets {
        p.paragraphs.push(format!(
            "{}（{}至{}）：完成 {}，目标 {}，完成率 {}%，{}。",
            t.title,
            zh_day(t.starts_on),
            zh_day(t.ends_on),
            Fen(t.progress.value),
            Fen(t.target),
            t.progress.percent,
            track(t)
        ));
    }
    p.bars = Some((0, 1, "元".into()));
    p
}

fn zones_part(d: &Dashboard) -> ReportPart {
    let mut p = part(
        "zones",
        "地理标志产品保护示范区",
        &[
            ("示范区", 3),
            ("指标", 3),
            ("要求", 2),
            ("实际", 2),
            ("结果", 1),
        ],
    );
    for z in &d.zones {
        for w in &z.warnings {
            p.paragraphs.push(format!("{}：{}", z.name, w.zh));
        }
        for k in &z.kpis {
            let money = k.key == "min_output";
            let v = |n: i64| {
                if money {
                    ReportCell::Money(Fen(n))
                } else {
                    ReportCell::Count(n)
                }
            };
            p.rows.push(vec![
                text(&z.name),
                text(zh("kpi", &k.key)),
                v(k.required),
                k.actual.map_or_else(|| text("—"), v),
                text(match k.met {
                    Some(true) => "已达到",
                    Some(false) => "未达到",
                    None => "无法判断",
                }),
            ]);
        }
    }
    p
}

fn scope_part(d: &Dashboard) -> ReportPart {
    let mut p = part(
        "scope",
        "数据范围",
        &[
            ("区县", 2),
            ("数据截至", 2),
            ("交换包来源", 3),
            ("距统计日（天）", 1),
        ],
    );
    p.paragraphs.push(format!(
        "本报告按本机登记的记录统计，截至{}。",
        zh_day(d.counted_on)
    ));
    if d.freshness.is_empty() {
        p.paragraphs
            .push("尚未合并区县交换包，数据均为本机录入。".into());
    } else {
        p.paragraphs
            .push("以下区县的数据来自合并的交换包，以各包的生成日期为准：".into());
    }
    for a in &d.freshness {
        p.rows.push(vec![
            text(a.name.clone().unwrap_or_else(|| a.division.clone())),
            text(a.as_of.to_string()),
            text(&a.source_name),
            ReportCell::Count(a.days),
        ]);
    }
    p
}

fn pdf_section(p: &ReportPart) -> ReportSection {
    ReportSection {
        heading: p.heading.clone(),
        paragraphs: p.paragraphs.clone(),
        table: Some(FormTable {
            columns: p
                .columns
                .iter()
                .zip(&p.widths)
                .map(|(c, w)| (c.clone(), f32::from(*w)))
                .collect(),
            rows: p
                .rows
                .iter()
                .map(|r| r.iter().map(ReportCell::shown).collect())
                .collect(),
        }),
        bars: p.bars.as_ref().map(|(l, v, unit)| Bars {
            unit: unit.clone(),
            // A share is drawn against the whole.
            at_least: p
                .rows
                .iter()
                .any(|r| matches!(r[*v], ReportCell::Percent(_)))
                .then_some(100.0),
            items: p
                .rows
                .iter()
                .map(|r| (r[*l].shown(), r[*v].value(), r[*v].shown()))
                .collect(),
        }),
    }
}

fn sheet_of(p: &ReportPart) -> Sheet {
    let mut rows: Vec<Vec<Cell>> = p
        .rows
        .iter()
        .map(|r| r.iter().map(ReportCell::sheet_cell).collect())
        .collect();
    if rows.is_empty() {
        rows.push(vec![Cell::Text(NO_DATA.into())]);
    }
    let mut headers = p.columns.clone();
    // Money columns are in yuan in the workbook.
    for (i, h) in headers.iter_mut().enumerate() {
        if p.rows
            .iter()
            .any(|r| matches!(r.get(i), Some(ReportCell::Money(_))))
            && !h.contains('元')
        {
            h.push_str("（元）");
        }
    }
    Sheet {
        name: p.key.clone(),
        headers,
        notes: vec![],
        rows,
    }
}

fn doc_section(p: &ReportPart) -> DocSection {
    let mut paragraphs = p.paragraphs.clone();
    if paragraphs.is_empty() && p.rows.is_empty() {
        paragraphs.push(NO_DATA.into());
    }
    DocSection {
        heading: p.heading.clone(),
        paragraphs,
        table: (!p.rows.is_empty()).then(|| {
            (
                p.columns.clone(),
                p.rows
                    .iter()
                    .map(|r| r.iter().map(ReportCell::shown).collect())
                    .collect(),
            )
        }),
    }
}

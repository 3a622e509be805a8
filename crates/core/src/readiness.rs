//! How ready a candidate's evidence file is, criterion by criterion, against the evidence the
//! 2014 provisions (art. 9) ask for. Pure: `today` is an argument.
//!
//! Readiness never makes a mark well-known. That status exists only with a recorded
//! recognition decision, which the assessment reports beside the criteria, unchanged.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::candidate::MarkCandidate;
use crate::date::{add_days, add_months, anniversary};
use crate::evidence::{Evidence, Factor, Period, Recognition};
use crate::text::Bilingual;

/// Years registered that suffice for a registered mark.
pub const REGISTERED_YEARS: u32 = 3;
/// Years of continuous documented use that suffice (required for an unregistered mark).
pub const USE_YEARS: u32 = 5;
/// Publicity and financial figures are asked for the last this-many complete years.
pub const RECENT_YEARS: i32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Partly,
    Missing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKey {
    /// Registered at least 3 years, or at least 5 years of documented use.
    Duration,
    Awareness,
    Publicity,
    Financials,
    Market,
    Protection,
    Attachments,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Criterion {
    pub key: CriterionKey,
    pub status: Status,
    /// What was found.
    pub reason: Bilingual,
    /// What to add; `None` when met.
    pub add: Option<Bilingual>,
}

/// The overall level: `Ready` when every criterion is met (a protection record is not needed:
/// most marks have none before their first case); `NotReady` when the duration criterion is
/// missing or three or more criteria are; `Partial` otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Ready,
    Partial,
    NotReady,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Readiness {
    pub today: NaiveDate,
    pub level: Level,
    pub criteria: Vec<Criterion>,
    /// The recorded recognition decision, if any: the only ground for calling the mark
    /// recognised.
    pub recognition: Option<Recognition>,
}

/// Whole years and months from `from` to `to` (`to` ≥ `from`).
pub fn years_months(from: NaiveDate, to: NaiveDate) -> (u32, u32) {
    if to < from {
        return (0, 0);
    }
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if add_months(from, months) > to {
        months -= 1;
    }
    let months = months.max(0) as u32;
    (months / 12, months % 12)
}

fn span(ym: (u32, u32)) -> Bilingual {
    let (y, m) = ym;
    Bilingual::new(
        format!("{y} 年 {m} 个月"),
        format!(
            "{y} year{} {m} month{}",
            if y == 1 { "" } else { "s" },
            if m == 1 { "" } else { "s" }
        ),
    )
}

/// The longest run of continuous documented use up to `today`: use periods that overlap or
/// touch are joined; a gap of a day or more breaks the run.
pub fn continuous_use(evidence: &[Evidence], today: NaiveDate) -> Option<Period> {
    let mut periods: Vec<Period> = evidence
        .iter()
        .filter(|e| e.factor == Factor::Use && e.period.from <= today)
        .map(|e| Period {
            from: e.period.from,
            to: e.period.to.min(today),
        })
        .collect();
    periods.sort();
    let mut best: Option<Period> = None;
    let mut run: Option<Period> = None;
    for p in periods {
        run = match run {
            Some(r) if p.from <= add_days(r.to, 1) => Some(Period {
                from: r.from,
                to: r.to.max(p.to),
            }),
            _ => Some(p),
        };
        let r = run.expect("just set");
        if best.is_none_or(|b| (r.to - r.from) > (b.to - b.from)) {
            best = Some(r);
        }
    }
    best
}

fn list_years(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

fn list_years_en(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn duration(c: &MarkCandidate, registered_on: Option<NaiveDate>, today: NaiveDate) -> Criterion {
    let used = continuous_use(&c.evidence, today);
    let use_span = used.map(|p| years_months(p.from, add_days(p.to, 1)));
    let use_ok = used.is_some_and(|p| anniversary(p.from, USE_YEARS) <= add_days(p.to, 1));
    let used_text = match use_span {
        Some(s) => {
            let s = span(s);
            Bilingual::new(
                format!("有据可查的连续使用 {}", s.zh),
                format!("{} of documented continuous use", s.en),
            )
        }
        None => Bilingual::new("无使用证据", "no evidence of use"),
    };
    let (status, reason, add) = match registered_on.filter(|r| *r <= today) {
        Some(reg) => {
            let reg_span = span(years_months(reg, today));
            let reg_ok = anniversary(reg, REGISTERED_YEARS) <= today;
            if reg_ok || use_ok {
                let reason = if reg_ok {
                    Bilingual::new(
                        format!("已注册 {}（须满 3 年）", reg_span.zh),
                        format!("registered {} (3 years needed)", reg_span.en),
                    )
                } else {
                    Bilingual::new(
                        format!("已注册 {}，{}（须满 5 年）", reg_span.zh, used_text.zh),
                        format!(
                            "registered {}; {} (5 years needed)",
                            reg_span.en, used_text.en
                        ),
                    )
                };
                (Status::Met, reason, None)
            } else {
                let third = anniversary(reg, REGISTERED_YEARS);
                (
                    Status::Partly,
                    Bilingual::new(
                        format!(
                            "已注册 {}：须注册满 3 年，或有满 5 年的使用证据（{}）",
                            reg_span.zh, used_text.zh
                        ),
                        format!(
                            "registered {}: needs at least 3 years registered, or at least 5 years of documented use ({})",
                            reg_span.en, used_text.en
                        ),
                    ),
                    Some(Bilingual::new(
                        format!("补充使用证据至满 5 年，或待 {third} 注册满 3 年"),
                        format!(
                            "add use evidence covering 5 years, or wait until {third} (3 years registered)"
                        ),
                    )),
                )
            }
        }
        None if use_ok => (
            Status::Met,
            Bilingual::new(
                format!("未注册，{}（须满 5 年）", used_text.zh),
                format!("unregistered; {} (5 years needed)", used_text.en),
            ),
            None,
        ),
        None => (
            if used.is_some() {
                Status::Partly
            } else {
                Status::Missing
            },
            Bilingual::new(
                format!("未注册商标须连续使用满 5 年：{}", used_text.zh),
                format!(
                    "an unregistered mark needs at least 5 years of continuous use: {}",
                    used_text.en
                ),
            ),
            Some(Bilingual::new(
                "补充连续 5 年的使用证据（合同、发票、包装实物等）",
                "add evidence of 5 years of continuous use (contracts, invoices, packaging)",
            )),
        ),
    };
    Criterion {
        key: CriterionKey::Duration,
        status,
        reason,
        add,
    }
}

fn by_years(
    key: CriterionKey,
    evidence: &[Evidence],
    years: &[i32],
    factors: &[Factor],
    what: (&str, &str),
) -> Criterion {
    let missing_in = |y: i32| -> Vec<Factor> {
        factors
            .iter()
            .copied()
            .filter(|f| {
                !evidence
                    .iter()
                    .any(|e| e.factor == *f && e.period.covers_year(y))
            })
            .collect()
    };
    let gaps: Vec<(i32, Vec<Factor>)> = years
        .iter()
        .map(|y| (*y, missing_in(*y)))
        .filter(|(_, m)| !m.is_empty())
        .collect();
    let covered = years.len() - gaps.len();
    let status = match covered {
        n if n == years.len() => Status::Met,
        0 => Status::Missing,
        _ => Status::Partly,
    };
    let gap_years: Vec<i32> = gaps.iter().map(|g| g.0).collect();
    let detail = |lang_zh: bool| -> String {
        if factors.len() == 1 {
            return String::new();
        }
        let parts: Vec<String> = gaps
            .iter()
            .map(|(y, fs)| {
                let names: Vec<&str> = fs
                    .iter()
                    .map(|f| {
                        f.label(if lang_zh {
                            crate::Lang::Zh
                        } else {
                            crate::Lang::En
                        })
                    })
                    .collect();
                if lang_zh {
                    format!("{y} 年缺{}", names.join("、"))
                } else {
                    format!("{y}: {} missing", names.join(", "))
                }
            })
            .collect();
        if lang_zh {
            format!("（{}）", parts.join("；"))
        } else {
            format!(" ({})", parts.join("; "))
        }
    };
    let reason = if gaps.is_empty() {
        Bilingual::new(
            format!(
                "近 {} 年（{}）的{}齐全",
                years.len(),
                list_years(years),
                what.0
            ),
            format!(
                "{} for the last {} years ({}) complete",
                what.1,
                years.len(),
                list_years_en(years)
            ),
        )
    } else if factors.len() == 1 {
        Bilingual::new(
            format!("缺少 {} 年的{}", list_years(&gap_years), what.0),
            format!("{} for {} missing", what.1, list_years_en(&gap_years)),
        )
    } else {
        Bilingual::new(
            format!(
                "近 {} 年的{}：{} 年中有 {} 年齐全{}",
                years.len(),
                what.0,
                years.len(),
                covered,
                detail(true)
            ),
            format!(
                "{} for the last {} years: {} of {} years{}",
                what.1,
                years.len(),
                covered,
                years.len(),
                detail(false)
            ),
        )
    };
    let add = (!gaps.is_empty()).then(|| {
        Bilingual::new(
            format!("补充 {} 年的{}", list_years(&gap_years), what.0),
            format!("add {} for {}", what.1, list_years_en(&gap_years)),
        )
    });
    Criterion {
        key,
        status,
        reason,
        add,
    }
}

fn any_of(
    key: CriterionKey,
    evidence: &[Evidence],
    factor: Factor,
    found: (&str, &str),
    missing: (&str, &str),
    add: (&str, &str),
) -> Criterion {
    let n = evidence.iter().filter(|e| e.factor == factor).count();
    if n > 0 {
        Criterion {
            key,
            status: Status::Met,
            reason: Bilingual::new(
                format!("{}：{n} 项", found.0),
                format!("{}: {n} item{}", found.1, if n == 1 { "" } else { "s" }),
            ),
            add: None,
        }
    } else {
        Criterion {
            key,
            status: Status::Missing,
            reason: Bilingual::new(missing.0, missing.1),
            add: Some(Bilingual::new(add.0, add.1)),
        }
    }
}

/// Assess a candidate's evidence file as of `today`. `registered_on` is the registration date
/// of the candidate's trademark (`None` for an unregistered mark).
pub fn assess(c: &MarkCandidate, registered_on: Option<NaiveDate>, today: NaiveDate) -> Readiness {
    let ev = &c.evidence;
    let years: Vec<i32> = (today.year() - RECENT_YEARS..today.year()).collect();
    let mut criteria = vec![
        duration(c, registered_on, today),
        any_of(
            CriterionKey::Awareness,
            ev,
            Factor::Awareness,
            (
                "有相关公众知晓程度的证据",
                "evidence of the public's awareness",
            ),
            (
                "没有相关公众知晓程度的证据",
                "no evidence of the relevant public's awareness",
            ),
            (
                "补充市场调查报告、行业排名或媒体评价",
                "add a market survey, industry rankings or press coverage",
            ),
        ),
        by_years(
            CriterionKey::Publicity,
            ev,
            &years,
            &[Factor::Publicity],
            ("宣传证据", "publicity evidence"),
        ),
        by_years(
            CriterionKey::Financials,
            ev,
            &years,
            &[Factor::Revenue, Factor::NetProfit, Factor::TaxPaid],
            ("财务数据", "financial figures"),
        ),
        by_years(
            CriterionKey::Market,
            ev,
            &years,
            &[Factor::MarketShare, Factor::SalesRegions],
            ("市场占有率和销售区域", "market share and sales regions"),
        ),
        any_of(
            CriterionKey::Protection,
            ev,
            Factor::Protection,
            (
                "有作为驰名商标受保护的记录",
                "records of protection as well-known",
            ),
            (
                "没有作为驰名商标受保护的记录（首次认定可以没有）",
                "no record of protection as a well-known mark (none is needed for a first recognition)",
            ),
            (
                "如曾在案件中受保护，补充裁定书或判决书",
                "if the mark was protected in a case, add the decision or judgment",
            ),
        ),
    ];
    let bare = ev.iter().filter(|e| e.files.is_empty()).count();
    criteria.push(Criterion {
        key: CriterionKey::Attachments,
        status: match (ev.len(), bare) {
            (0, _) => Status::Missing,
            (_, 0) => Status::Met,
            _ => Status::Partly,
        },
        reason: Bilingual::new(
            format!("{} 项证据中 {bare} 项没有附件", ev.len()),
            format!(
                "{bare} of {} evidence items have no attached file",
                ev.len()
            ),
        ),
        add: (bare > 0 || ev.is_empty()).then(|| {
            Bilingual::new(
                "为每项证据附上扫描件或原件照片",
                "attach a scan or photo to every evidence item",
            )
        }),
    });
    let missing = criteria
        .iter()
        .filter(|c| c.status == Status::Missing && c.key != CriterionKey::Protection)
        .count();
    let level = if criteria
        .iter()
        .all(|c| c.status == Status::Met || c.key == CriterionKey::Protection)
    {
        Level::Ready
    } else if criteria[0].status == Status::Missing || missing >= 3 {
        Level::NotReady
    } else {
        Level::Partial
    };
    Readiness {
        today,
        level,
        criteria,
        recognition: c.recognition.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::Attachment;
    use crate::record::RecordId;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn item(factor: Factor, period: &str) -> Evidence {
        Evidence {
            no: 0,
            title: "x".into(),
            factor,
            period: Period::parse(period).unwrap(),
            source: "企业".into(),
            notes: None,
            files: vec![Attachment {
                sha256: "0".repeat(64),
                name: "a.pdf".into(),
                bytes: 1,
                pages: Some(1),
            }],
        }
    }

    fn candidate(evidence: Vec<Evidence>) -> MarkCandidate {
        MarkCandidate {
            trademark_id: RecordId(uuid::Uuid::nil()),
            enterprise_id: RecordId(uuid::Uuid::nil()),
            notes: None,
            evidence,
            recognition: None,
        }
    }

    /// Every factor for the three years before 2026, and 6 years of use.
    fn full_file() -> Vec<Evidence> {
        let mut ev = vec![
            item(Factor::Awareness, "2025"),
            item(Factor::Use, "2019-2025"),
        ];
        for y in ["2023", "2024", "2025"] {
            for f in [
                Factor::Publicity,
                Factor::Revenue,
                Factor::NetProfit,
                Factor::TaxPaid,
                Factor::MarketShare,
                Factor::SalesRegions,
            ] {
                ev.push(item(f, y));
            }
        }
        ev
    }

    #[test]
    fn duration_table() {
        let today = d("2026-11-28");
        // (registered on, use evidence, expected status, words in the English reason)
        let cases: [(Option<&str>, &[&str], Status, &str); 8] = [
            (
                Some("2023-12-28"),
                &[],
                Status::Partly,
                "registered 2 years 11 months: needs at least 3 years registered, or at least 5 years of documented use",
            ),
            (
                Some("2023-11-28"),
                &[],
                Status::Met,
                "registered 3 years 0 months (3 years needed)",
            ),
            (
                Some("2024-07-28"),
                &["2021-01-01..2026-11-27"],
                Status::Met,
                "5 years 10 months of documented continuous use",
            ),
            (
                None,
                &["2021-11-28..2026-11-27"],
                Status::Met,
                "unregistered; 5 years 0 months of documented continuous use",
            ),
            (
                None,
                &["2021-11-29..2026-11-27"],
                Status::Partly,
                "an unregistered mark needs at least 5 years of continuous use: 4 years 11 months",
            ),
            // Two periods with a year's gap are not continuous use; touching ones are.
            (
                None,
                &["2017", "2019-2022"],
                Status::Partly,
                "4 years 0 months",
            ),
            (
                None,
                &["2018", "2019-2022"],
                Status::Met,
                "5 years 0 months",
            ),
            (None, &[], Status::Missing, "no evidence of use"),
        ];
        for (reg, uses, status, words) in cases {
            let ev = uses.iter().map(|p| item(Factor::Use, p)).collect();
            let r = assess(&candidate(ev), reg.map(d), today);
            let c = &r.criteria[0];
            assert_eq!(c.key, CriterionKey::Duration);
            assert_eq!(c.status, status, "{reg:?} {uses:?}: {}", c.reason.en);
            assert!(
                c.reason.en.contains(words),
                "{reg:?} {uses:?}: {:?} lacks {words:?}",
                c.reason.en
            );
            assert_eq!(c.add.is_none(), status == Status::Met);
        }
    }

    #[test]
    fn recent_years_table() {
        let today = d("2026-11-28");
        let full = full_file();
        let without = |f: Factor, y: i32| -> Vec<Evidence> {
            full.iter()
                .filter(|e| !(e.factor == f && e.period.covers_year(y)))
                .cloned()
                .collect()
        };
        // (evidence, criterion, status, words)
        let cases = [
            (
                full.clone(),
                CriterionKey::Publicity,
                Status::Met,
                "(2023, 2024, 2025) complete",
            ),
            (
                without(Factor::Publicity, 2024),
                CriterionKey::Publicity,
                Status::Partly,
                "publicity evidence for 2024 missing",
            ),
            (
                without(Factor::NetProfit, 2024),
                CriterionKey::Financials,
                Status::Partly,
                "financial figures for the last 3 years: 2 of 3 years (2024: net profit missing)",
            ),
            (
                full.iter()
                    .filter(|e| e.factor != Factor::Publicity)
                    .cloned()
                    .collect(),
                CriterionKey::Publicity,
                Status::Missing,
                "publicity evidence for 2023, 2024, 2025 missing",
            ),
        ];
        for (ev, key, status, words) in cases {
            let r = assess(&candidate(ev), Some(d("2010-01-01")), today);
            let c = r.criteria.iter().find(|c| c.key == key).unwrap();
            assert_eq!(c.status, status, "{key:?}: {}", c.reason.en);
            assert!(
                c.reason.en.contains(words),
                "{:?} lacks {words:?}",
                c.reason.en
            );
        }
    }

    #[test]
    fn levels() {
        let today = d("2026-11-28");
        let r = assess(&candidate(full_file()), Some(d("2010-01-01")), today);
        assert_eq!(r.level, Level::Ready, "{:#?}", r.criteria);
        let mut ev = full_file();
        ev.retain(|e| e.factor != Factor::Awareness);
        assert_eq!(
            assess(&candidate(ev), Some(d("2010-01-01")), today).level,
            Level::Partial
        );
        assert_eq!(
            assess(&candidate(vec![]), None, today).level,
            Level::NotReady
        );
        // Evidence without files is only partly ready.
        let mut ev = full_file();
        ev[0].files.clear();
        let r = assess(&candidate(ev), Some(d("2010-01-01")), today);
        assert_eq!(r.level, Level::Partial);
        assert!(r.criteria[6].reason.en.starts_with("1 of 20"));
    }

    #[test]
    fn readiness_never_recognises() {
        let r = assess(
            &candidate(full_file()),
            Some(d("2010-01-01")),
            d("2026-11-28"),
        );
        assert_eq!(r.level, Level::Ready);
        assert!(r.recognition.is_none());
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("recognised\""));
    }
}

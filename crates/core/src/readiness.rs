//! How ready a candidate's evidence file is, criterion by criterion, against the evidence the
//! 2014 provisions (art. 9) ask for. The 3 and 5 years, the last 3 years of publicity and of
//! financial figures, and the years asked for all count back from a reference date (art. 9
//! para 2: the opposed mark's or the challenged registration's filing date, or the date
//! protection is requested), which defaults to today and says so. Pure: dates are arguments.
//!
//! Readiness never makes a mark well-known. That status exists only with a recorded
//! recognition decision, which the assessment reports beside the criteria, unchanged.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingCalendar;
use crate::candidate::MarkCandidate;
use crate::date::{add_days, add_months, anniversary};
use crate::evidence::{Evidence, Factor, Period, Proceeding, Recognition};
use crate::text::Bilingual;
use crate::trademark::Trademark;

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
    /// Not needed for the level (see [`CriterionKey::optional`]): a gap here is shown quietly.
    pub optional: bool,
}

impl CriterionKey {
    /// A protection record is not needed: most marks have none before their first case.
    pub fn optional(self) -> bool {
        self == Self::Protection
    }
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

/// Where the reference date came from: the command's flag, the candidate's intended
/// proceeding, or today (no proceeding date known).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceSource {
    Flag,
    Candidate,
    Today,
}

/// The date the periods count back from, with its source and the proceeding it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub on: NaiveDate,
    pub source: ReferenceSource,
    pub proceeding: Option<Proceeding>,
}

impl Reference {
    /// Resolve in order: the flag's date, the candidate's stored date, today. The proceeding is
    /// the flag's, else the candidate's.
    pub fn resolve(
        c: &MarkCandidate,
        flag_on: Option<NaiveDate>,
        flag_proceeding: Option<Proceeding>,
        today: NaiveDate,
    ) -> Self {
        let stored = c.intended.as_ref();
        let (on, source) = match (flag_on, stored.and_then(|i| i.reference_on)) {
            (Some(d), _) => (d, ReferenceSource::Flag),
            (None, Some(d)) => (d, ReferenceSource::Candidate),
            (None, None) => (today, ReferenceSource::Today),
        };
        Self {
            on,
            source,
            proceeding: flag_proceeding.or(stored.and_then(|i| i.proceeding)),
        }
    }
}

/// A registration as readiness counts it. An invalidated registration is deemed never to have
/// existed (Trademark Law art. 47 para 1): it counts for nothing. A registration that ended
/// (deregistered, revoked, or lapsed unrenewed) counts up to its last day, not after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registration {
    pub on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub invalidated: bool,
}

impl Registration {
    /// The trademark's registration as of `reference`, if it was registered.
    pub fn of(tm: &Trademark, reference: NaiveDate, cal: &WorkingCalendar) -> Option<Self> {
        let on = tm.registered_on?;
        let invalidated = tm.invalidated();
        let ended_on = if invalidated {
            None
        } else {
            tm.right_ended_by(reference, cal)
        };
        Some(Self {
            on,
            ended_on,
            invalidated,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Readiness {
    /// The date the periods count back from.
    pub reference_on: NaiveDate,
    pub reference_source: ReferenceSource,
    /// The proceeding the reference date belongs to, when known.
    pub proceeding: Option<Proceeding>,
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

/// Registered at least 3 years, or at least 5 years of documented continuous use (required
/// for an unregistered mark, or one whose registration was invalidated).
fn duration(c: &MarkCandidate, registration: Option<Registration>, today: NaiveDate) -> Criterion {
    let used = continuous_use(&c.evidence, today);
    let use_ok = used.is_some_and(|p| anniversary(p.from, USE_YEARS) <= add_days(p.to, 1));
    let used_text = match used.map(|p| years_months(p.from, add_days(p.to, 1))) {
        Some(s) => {
            let s = span(s);
            Bilingual::new(
                format!("有据可查的连续使用 {}", s.zh),
                format!("{} of documented continuous use", s.en),
            )
        }
        None => Bilingual::new("无使用证据", "no evidence of use"),
    };
    let counted = registration.filter(|r| r.on <= today && !r.invalidated);
    let (status, reason, add) = match counted {
        Some(r) => registered_duration(r, today, use_ok, &used_text),
        None => {
            let invalidated = registration.is_some_and(|r| r.invalidated);
            use_duration(invalidated, used.is_some(), use_ok, &used_text)
        }
    };
    Criterion {
        optional: false,
        key: CriterionKey::Duration,
        status,
        reason,
        add,
    }
}

/// The duration criterion of a registration that counts: met by 3 years registered (up to
/// its end, if it ended) or by 5 years of use (`use_ok`, as `used_text` says).
fn registered_duration(
    r: Registration,
    today: NaiveDate,
    use_ok: bool,
    used_text: &Bilingual,
) -> (Status, Bilingual, Option<Bilingual>) {
    let reg = r.on;
    // Counted up to the day after the right's last day (the day it no longer existed), as a
    // use period is counted up to the day after its last day.
    let end = r.ended_on.map_or(today, |e| add_days(e, 1).min(today));
    let reg_span = span(years_months(reg, end));
    let reg_ok = anniversary(reg, REGISTERED_YEARS) <= end;
    let ended = match r.ended_on.filter(|e| *e < today) {
        Some(e) => Bilingual::new(
            format!("，注册专用权存续至 {e}，计至该日"),
            format!("; the registration's last day was {e}, counted until then"),
        ),
        None => Bilingual::new("", ""),
    };
    if reg_ok || use_ok {
        let reason = if reg_ok {
            Bilingual::new(
                format!("已注册 {}（须满 3 年）{}", reg_span.zh, ended.zh),
                format!("registered {} (3 years needed){}", reg_span.en, ended.en),
            )
        } else {
            Bilingual::new(
                format!(
                    "已注册 {}{}，{}（须满 5 年）",
                    reg_span.zh, ended.zh, used_text.zh
                ),
                format!(
                    "registered {}{}; {} (5 years needed)",
                    reg_span.en, ended.en, used_text.en
                ),
            )
        };
        return (Status::Met, reason, None);
    }
    let third = anniversary(reg, REGISTERED_YEARS);
    // A registration that ended can no longer reach 3 years: only use can.
    let add = if r.ended_on.is_some_and(|e| e < today) {
        Bilingual::new("补充使用证据至满 5 年", "add use evidence covering 5 years")
    } else {
        Bilingual::new(
            format!("补充使用证据至满 5 年，或待 {third} 注册满 3 年"),
            format!(
                "add use evidence covering 5 years, or wait until {third} (3 years registered)"
            ),
        )
    };
    (
        Status::Partly,
        Bilingual::new(
            format!(
                "已注册 {}{}：须注册满 3 年，或有满 5 年的使用证据（{}）",
                reg_span.zh, ended.zh, used_text.zh
            ),
            format!(
                "registered {}{}: needs at least 3 years registered, or at least 5 years of documented use ({})",
                reg_span.en, ended.en, used_text.en
            ),
        ),
        Some(add),
    )
}

/// The duration criterion of a mark with no registration that counts (none yet, or one
/// invalidated): only 5 years of use meet it (`use_ok`; `used` when there is any use).
fn use_duration(
    invalidated: bool,
    used: bool,
    use_ok: bool,
    used_text: &Bilingual,
) -> (Status, Bilingual, Option<Bilingual>) {
    let add_use = || {
        Bilingual::new(
            "补充连续 5 年的使用证据（合同、发票、包装实物等）",
            "add evidence of 5 years of continuous use (contracts, invoices, packaging)",
        )
    };
    if invalidated {
        return (
            if use_ok {
                Status::Met
            } else if used {
                Status::Partly
            } else {
                Status::Missing
            },
            Bilingual::new(
                format!(
                    "注册已被宣告无效，视为自始不存在（商标法第四十七条），只能以使用满 5 年证明：{}",
                    used_text.zh
                ),
                format!(
                    "the registration was invalidated and is deemed never to have existed (Trademark Law art. 47); only 5 years of use count: {}",
                    used_text.en
                ),
            ),
            (!use_ok).then(add_use),
        );
    }
    if use_ok {
        return (
            Status::Met,
            Bilingual::new(
                format!("未注册，{}（须满 5 年）", used_text.zh),
                format!("unregistered; {} (5 years needed)", used_text.en),
            ),
            None,
        );
    }
    (
        if used {
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
        Some(add_use()),
    )
}

/// A criterion asking for evidence of every one of `factors` in each of `years`; `what`
/// names it in Chinese and English.
fn by_years(
    key: CriterionKey,
    evidence: &[Evidence],
    years: &[i32],
    factors: &[Factor],
    what: (&str, &str),
) -> Criterion {
    let gaps = year_gaps(evidence, years, factors);
    let covered = years.len() - gaps.len();
    let status = match covered {
        n if n == years.len() => Status::Met,
        0 => Status::Missing,
        _ => Status::Partly,
    };
    let gap_years: Vec<i32> = gaps.iter().map(|g| g.0).collect();
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
                gaps_in_words(&gaps, crate::Lang::Zh)
            ),
            format!(
                "{} for the last {} years: {} of {} years{}",
                what.1,
                years.len(),
                covered,
                years.len(),
                gaps_in_words(&gaps, crate::Lang::En)
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
        optional: false,
        key,
        status,
        reason,
        add,
    }
}

/// The years lacking evidence of any of `factors`, each with the factors it lacks.
fn year_gaps(evidence: &[Evidence], years: &[i32], factors: &[Factor]) -> Vec<(i32, Vec<Factor>)> {
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
    years
        .iter()
        .map(|y| (*y, missing_in(*y)))
        .filter(|(_, m)| !m.is_empty())
        .collect()
}

/// What each year lacks, in `lang`, bracketed: `（2024 年缺净利润；2025 年缺纳税额）`.
fn gaps_in_words(gaps: &[(i32, Vec<Factor>)], lang: crate::Lang) -> String {
    let zh = lang == crate::Lang::Zh;
    let parts: Vec<String> = gaps
        .iter()
        .map(|(y, fs)| {
            let names: Vec<&str> = fs.iter().map(|f| f.label(lang)).collect();
            if zh {
                format!("{y} 年缺{}", names.join("、"))
            } else {
                format!("{y}: {} missing", names.join(", "))
            }
        })
        .collect();
    if zh {
        format!("（{}）", parts.join("；"))
    } else {
        format!(" ({})", parts.join("; "))
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
            optional: false,
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
            optional: false,
            key,
            status: Status::Missing,
            reason: Bilingual::new(missing.0, missing.1),
            add: Some(Bilingual::new(add.0, add.1)),
        }
    }
}

/// Assess a candidate's evidence file against the reference date. `registration` is the
/// candidate's trademark's registration (`None` for an unregistered mark); evidence after the
/// reference date does not count.
pub fn assess(
    c: &MarkCandidate,
    registration: Option<Registration>,
    reference: Reference,
) -> Readiness {
    let on = reference.on;
    let ev: Vec<Evidence> = c
        .evidence
        .iter()
        .filter(|e| e.period.from <= on)
        .cloned()
        .collect();
    let ev = &ev;
    let years: Vec<i32> = (on.year() - RECENT_YEARS..on.year()).collect();
    let mut criteria = vec![
        duration(c, registration, on),
        awareness(ev),
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
        protection(ev),
        attachments(ev),
    ];
    for c in &mut criteria {
        c.optional = c.key.optional();
    }
    Readiness {
        reference_on: on,
        reference_source: reference.source,
        proceeding: reference.proceeding,
        level: level_of(&criteria),
        criteria,
        recognition: c.recognition.clone(),
    }
}

/// Evidence of the relevant public's awareness of the mark.
fn awareness(ev: &[Evidence]) -> Criterion {
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
    )
}

/// Records of the mark's protection as well-known in earlier cases.
fn protection(ev: &[Evidence]) -> Criterion {
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
    )
}

/// A scan or photo attached to every evidence item.
fn attachments(ev: &[Evidence]) -> Criterion {
    let bare = ev.iter().filter(|e| e.files.is_empty()).count();
    Criterion {
        optional: false,
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
    }
}

/// The overall level of the criteria (see [`Level`]).
fn level_of(criteria: &[Criterion]) -> Level {
    let missing = criteria
        .iter()
        .filter(|c| c.status == Status::Missing && !c.optional)
        .count();
    if criteria
        .iter()
        .all(|c| c.status == Status::Met || c.optional)
    {
        Level::Ready
    } else if criteria[0].status == Status::Missing || missing >= 3 {
        Level::NotReady
    } else {
        Level::Partial
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

    fn at(on: NaiveDate) -> Reference {
        Reference {
            on,
            source: ReferenceSource::Today,
            proceeding: None,
        }
    }

    fn registered(on: Option<NaiveDate>) -> Option<Registration> {
        on.map(|on| Registration {
            on,
            ended_on: None,
            invalidated: false,
        })
    }

    fn candidate(evidence: Vec<Evidence>) -> MarkCandidate {
        MarkCandidate {
            trademark_id: RecordId(uuid::Uuid::nil()),
            enterprise_id: RecordId(uuid::Uuid::nil()),
            notes: None,
            intended: None,
            evidence,
            recognition: None,
        }
    }

    /// Awareness in the last year, use over `used`, and every yearly factor for `years`.
    fn file(years: [&str; 3], used: &str) -> Vec<Evidence> {
        let mut ev = vec![item(Factor::Awareness, years[2]), item(Factor::Use, used)];
        for y in years {
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

    /// Every factor for the three years before 2026, and 6 years of use.
    fn full_file() -> Vec<Evidence> {
        file(["2023", "2024", "2025"], "2019-2025")
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
            let r = assess(&candidate(ev), registered(reg.map(d)), at(today));
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
            let r = assess(&candidate(ev), registered(Some(d("2010-01-01"))), at(today));
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
        let r = assess(
            &candidate(full_file()),
            registered(Some(d("2010-01-01"))),
            at(today),
        );
        assert_eq!(r.level, Level::Ready, "{:#?}", r.criteria);
        let mut ev = full_file();
        ev.retain(|e| e.factor != Factor::Awareness);
        assert_eq!(
            assess(&candidate(ev), registered(Some(d("2010-01-01"))), at(today)).level,
            Level::Partial
        );
        assert_eq!(
            assess(&candidate(vec![]), registered(None), at(today)).level,
            Level::NotReady
        );
        // Evidence without files is only partly ready.
        let mut ev = full_file();
        ev[0].files.clear();
        let r = assess(&candidate(ev), registered(Some(d("2010-01-01"))), at(today));
        assert_eq!(r.level, Level::Partial);
        assert!(r.criteria[6].reason.en.starts_with("1 of 20"));
    }

    #[test]
    fn readiness_never_recognises() {
        let r = assess(
            &candidate(full_file()),
            registered(Some(d("2010-01-01"))),
            at(d("2026-11-28")),
        );
        assert_eq!(r.level, Level::Ready);
        assert!(r.recognition.is_none());
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("recognised\""));
    }

    /// 2014 provisions art. 9 para 2, a dated case: a mark registered on 2019-06-20 with its
    /// publicity and figures for 2019–2021 on file. In an opposition against a mark filed on
    /// 2022-03-01 it had been registered 2 years 8 months and the last three years are
    /// 2019–2021: duration falls short, the figures are complete. Against a challenged
    /// registration filed on 2025-09-01 it has 6 years registered, and the last three years are
    /// 2022–2024, which the file lacks.
    #[test]
    fn the_same_file_against_two_reference_dates() {
        let c = candidate(file(["2019", "2020", "2021"], "2019-2021"));
        let reg = registered(Some(d("2019-06-20")));
        let opposition = Reference {
            on: d("2022-03-01"),
            source: ReferenceSource::Flag,
            proceeding: Some(Proceeding::Opposition),
        };
        let r = assess(&c, reg, opposition);
        assert_eq!(r.reference_on, d("2022-03-01"));
        assert_eq!(r.criteria[0].status, Status::Partly);
        assert!(
            r.criteria[0]
                .reason
                .en
                .contains("registered 2 years 8 months"),
            "{:?}",
            r.criteria[0]
        );
        assert_eq!(
            r.criteria[0].add.as_ref().unwrap().en,
            "add use evidence covering 5 years, or wait until 2022-06-20 (3 years registered)"
        );
        assert_eq!(r.criteria[2].status, Status::Met, "{:?}", r.criteria[2]);
        assert!(r.criteria[2].reason.en.contains("2019, 2020, 2021"));
        assert_eq!(r.level, Level::Partial);

        let invalidation = Reference {
            on: d("2025-09-01"),
            source: ReferenceSource::Candidate,
            proceeding: Some(Proceeding::Invalidation),
        };
        let r = assess(&c, reg, invalidation);
        assert_eq!(r.criteria[0].status, Status::Met);
        assert!(
            r.criteria[0]
                .reason
                .en
                .contains("registered 6 years 2 months")
        );
        assert_eq!(r.criteria[2].status, Status::Missing);
        assert_eq!(
            r.criteria[2].add.as_ref().unwrap().en,
            "add publicity evidence for 2022, 2023, 2024"
        );
        assert_eq!(r.reference_source, ReferenceSource::Candidate);
        assert_eq!(r.proceeding, Some(Proceeding::Invalidation));
    }

    /// Evidence dated after the reference date does not count: a use period that starts after
    /// it is left out, and one running past it is cut there.
    #[test]
    fn evidence_after_the_reference_date_does_not_count() {
        let c = candidate(vec![
            item(Factor::Use, "2016-2025"),
            item(Factor::Awareness, "2024"),
        ]);
        let r = assess(&c, None, at(d("2020-01-01")));
        assert_eq!(r.criteria[0].status, Status::Partly, "{:?}", r.criteria[0]);
        assert!(
            r.criteria[0].reason.en.contains("4 years 0 months"),
            "{:?}",
            r.criteria[0]
        );
        assert_eq!(r.criteria[1].status, Status::Missing);
    }

    /// Art. 47 para 1: an invalidated registration is deemed never to have existed, so 10 years
    /// on the register count for nothing; 5 years of use still do.
    #[test]
    fn an_invalidated_registration_counts_for_nothing() {
        let inv = Some(Registration {
            on: d("2010-01-01"),
            ended_on: None,
            invalidated: true,
        });
        let r = assess(
            &candidate(vec![item(Factor::Use, "2023-2025")]),
            inv,
            at(d("2026-11-28")),
        );
        assert_eq!(r.criteria[0].status, Status::Partly);
        assert!(
            r.criteria[0]
                .reason
                .en
                .contains("deemed never to have existed")
        );
        let r = assess(
            &candidate(vec![item(Factor::Use, "2019-2025")]),
            inv,
            at(d("2026-11-28")),
        );
        assert_eq!(r.criteria[0].status, Status::Met);
    }

    /// A registration that ended (here cancelled on 2021-05-10, two years after it was
    /// registered) counts until its end, not after; the add no longer offers waiting.
    #[test]
    fn an_ended_registration_counts_until_its_end() {
        let ended = Some(Registration {
            on: d("2019-03-01"),
            ended_on: Some(d("2021-05-10")),
            invalidated: false,
        });
        let r = assess(&candidate(vec![]), ended, at(d("2026-11-28")));
        assert_eq!(r.criteria[0].status, Status::Partly);
        assert!(
            r.criteria[0].reason.en.contains(
                "registered 2 years 2 months; the registration's last day was 2021-05-10"
            ),
            "{:?}",
            r.criteria[0]
        );
        assert_eq!(
            r.criteria[0].add.as_ref().unwrap().en,
            "add use evidence covering 5 years"
        );
    }

    /// Only the protection record is optional: its gap does not keep a candidate from ready,
    /// and the criterion says so for the screen.
    #[test]
    fn only_the_protection_record_is_optional() {
        let r = assess(&candidate(vec![]), None, at(d("2026-11-28")));
        let optional: Vec<CriterionKey> = r
            .criteria
            .iter()
            .filter(|c| c.optional)
            .map(|c| c.key)
            .collect();
        assert_eq!(optional, [CriterionKey::Protection]);
    }

    /// A right whose last day is the eve of its third anniversary lasted three whole years.
    #[test]
    fn a_right_ending_on_the_eve_of_its_third_anniversary_counts_three_years() {
        let ended = |last: &str| {
            Some(Registration {
                on: d("2019-03-01"),
                ended_on: Some(d(last)),
                invalidated: false,
            })
        };
        let r = assess(&candidate(vec![]), ended("2022-02-28"), at(d("2026-11-28")));
        assert_eq!(r.criteria[0].status, Status::Met, "{:?}", r.criteria[0]);
        assert!(r.criteria[0].reason.en.contains("registered 3 years"));
        let r = assess(&candidate(vec![]), ended("2022-02-27"), at(d("2026-11-28")));
        assert_eq!(r.criteria[0].status, Status::Partly, "{:?}", r.criteria[0]);
    }

    /// A trademark's registration as readiness sees it: lapsed unrenewed at the reference date
    /// ends at its expiry; before the grace period ran out it had not ended.
    #[test]
    fn a_lapsed_registration_ends_at_its_expiry() {
        let tm = Trademark {
            reg_no: "9000001".parse().unwrap(),
            name: "示例".into(),
            classes: vec![],
            goods: None,
            registrant_id: RecordId(uuid::Uuid::nil()),
            kind: crate::trademark::MarkKind::Ordinary,
            gi: false,
            filed_on: None,
            registered_on: Some(d("2012-04-14")),
            renewals: vec![],
            licences: vec![],
            assignments: vec![],
            pledges: vec![],
            termination: None,
            notes: None,
        };
        let cal = WorkingCalendar::default();
        let r = Registration::of(&tm, d("2022-12-01"), &cal).unwrap();
        assert_eq!(r.ended_on, Some(d("2022-04-13")));
        let r = Registration::of(&tm, d("2022-08-01"), &cal).unwrap();
        assert_eq!(r.ended_on, None);
    }

    /// The flag wins over the candidate's stored date, which wins over today.
    #[test]
    fn the_reference_date_is_the_flag_then_the_candidate_then_today() {
        let mut c = candidate(vec![]);
        let today = d("2026-11-28");
        assert_eq!(
            Reference::resolve(&c, None, None, today).source,
            ReferenceSource::Today
        );
        c.intended = Some(crate::evidence::IntendedProceeding {
            proceeding: Some(Proceeding::RefusalReview),
            counterpart: Some("第12345678号".into()),
            reference_on: Some(d("2023-04-01")),
        });
        let r = Reference::resolve(&c, None, None, today);
        assert_eq!(
            (r.on, r.source, r.proceeding),
            (
                d("2023-04-01"),
                ReferenceSource::Candidate,
                Some(Proceeding::RefusalReview)
            )
        );
        let r = Reference::resolve(
            &c,
            Some(d("2024-05-01")),
            Some(Proceeding::Opposition),
            today,
        );
        assert_eq!(
            (r.on, r.source, r.proceeding),
            (
                d("2024-05-01"),
                ReferenceSource::Flag,
                Some(Proceeding::Opposition)
            )
        );
    }
}

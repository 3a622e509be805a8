//! Incentive rules (奖励规则) and eligibility: which rules apply to an award application, which
//! are excluded and why, and the amount due. Nothing here is hard-coded policy: every amount,
//! jurisdiction, window and stacking group comes from a rule a bureau entered.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::date::parse_date;
use crate::error::{Violation, Violations};
use crate::record::{
    LINE_MAX, NAME_MAX, RecordId, enum_value, optional_date, optional_text, required_text,
};
use crate::text::Bilingual;
use crate::{DivisionCode, Fen};

/// What an award is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum AwardItem {
    /// A well-known mark recognised (needs a recorded recognition decision).
    WellKnownMark,
    /// A provincial famous mark (省著名商标).
    ProvincialFamousMark,
    /// A GI collective or certification mark registered.
    GiTrademark,
    /// A GI product approved for protection.
    GiProduct,
    /// An agricultural GI registered.
    AgriculturalGi,
    /// An enterprise approved as an authorised user of the GI special mark.
    SpecialMarkUser,
    /// A Madrid international registration filed.
    MadridFiling,
}

impl AwardItem {
    pub const KEYS: [&'static str; 7] = [
        "well_known_mark",
        "provincial_famous_mark",
        "gi_trademark",
        "gi_product",
        "agricultural_gi",
        "special_mark_user",
        "madrid_filing",
    ];

    pub fn label(self) -> Bilingual {
        let (zh, en) = match self {
            Self::WellKnownMark => ("驰名商标认定", "well-known mark recognised"),
            Self::ProvincialFamousMark => ("省著名商标", "provincial famous mark"),
            Self::GiTrademark => ("地理标志商标注册", "GI trademark registered"),
            Self::GiProduct => ("地理标志产品保护批准", "GI product approved"),
            Self::AgriculturalGi => ("农产品地理标志登记", "agricultural GI registered"),
            Self::SpecialMarkUser => ("专用标志使用核准", "special-mark user approved"),
            Self::MadridFiling => ("马德里国际注册", "Madrid filing"),
        };
        Bilingual::new(zh, en)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Stacking {
    /// Paid on top of every other applicable award.
    Cumulative,
    /// Within its group only the highest applicable award is paid (不重复奖励，就高).
    HighestOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IncentiveRule {
    pub title: String,
    pub item: AwardItem,
    pub amount: Fen,
    /// The division whose government pays; it covers every division below it.
    pub jurisdiction: DivisionCode,
    /// Eligibility window: `Some(0)` for an achievement in the application's own year,
    /// `Some(n)` within the last n years, `None` for any time.
    pub window_years: Option<u32>,
    pub stacking: Stacking,
    /// The stacking group of a highest-only rule.
    pub group: Option<String>,
    pub policy_no: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub budget_line: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct IncentiveRuleInput {
    pub title: String,
    pub item: String,
    /// Yuan, as typed: `300000` or `300,000.00`.
    pub amount: String,
    pub jurisdiction: String,
    /// Empty for any time, `0` for the same year, `n` for the last n years.
    pub window_years: Option<String>,
    pub stacking: String,
    pub group: Option<String>,
    pub policy_no: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub budget_line: Option<String>,
    pub notes: Option<String>,
}

impl IncentiveRuleInput {
    pub fn parse(
        &self,
        lookup: &dyn crate::record::Lookup,
    ) -> std::result::Result<IncentiveRule, Violations> {
        let mut v = Violations::default();
        let title = v.check("title", || required_text(&self.title, NAME_MAX));
        let item = v.check("item", || {
            if self.item.trim().is_empty() {
                return Err(Violation::required());
            }
            enum_value::<AwardItem>(&self.item, &AwardItem::KEYS)
        });
        let amount = v.check("amount", || {
            let a = Fen::parse_yuan(&self.amount).map_err(|e| {
                if self.amount.trim().is_empty() {
                    Violation::required()
                } else {
                    e
                }
            })?;
            if a.0 == 0 {
                return Err(Violation::money_format(self.amount.trim()));
            }
            Ok(a)
        });
        let jurisdiction = v.check("jurisdiction", || {
            let code = DivisionCode::parse(&self.jurisdiction)?;
            if lookup.division_known(&code) {
                Ok(code)
            } else {
                Err(Violation::division_code_unknown(code))
            }
        });
        let window_years = v.check("window_years", || {
            match self.window_years.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(s) => s
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n <= 50)
                    .map(Some)
                    .ok_or_else(|| Violation::window_format(s)),
            }
        });
        let stacking = v.check("stacking", || {
            if self.stacking.trim().is_empty() {
                return Ok(Stacking::Cumulative);
            }
            enum_value::<Stacking>(&self.stacking, &["cumulative", "highest_only"])
        });
        let group = v.check("group", || {
            let g = optional_text(self.group.as_deref(), NAME_MAX)?;
            if g.is_none() && stacking == Some(Stacking::HighestOnly) {
                return Err(Violation::required());
            }
            Ok(g)
        });
        let policy_no = v.check("policy_no", || required_text(&self.policy_no, NAME_MAX));
        let valid_from = v.check("valid_from", || parse_date(&self.valid_from));
        let valid_to = v.check("valid_to", || {
            let to = optional_date(self.valid_to.as_deref())?;
            if let (Some(to), Ok(from)) = (to, parse_date(&self.valid_from))
                && to < from
            {
                return Err(Violation::date_order(from, to));
            }
            Ok(to)
        });
        let budget_line = v.check("budget_line", || {
            optional_text(self.budget_line.as_deref(), NAME_MAX)
        });
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| IncentiveRule {
            title: title.unwrap(),
            item: item.unwrap(),
            amount: amount.unwrap(),
            jurisdiction: jurisdiction.unwrap(),
            window_years: window_years.unwrap(),
            stacking: stacking.unwrap(),
            group: group.unwrap(),
            policy_no: policy_no.unwrap(),
            valid_from: valid_from.unwrap(),
            valid_to: valid_to.unwrap(),
            budget_line: budget_line.unwrap(),
            notes: notes.unwrap(),
        })
    }
}

impl IncentiveRule {
    pub fn to_input(&self) -> IncentiveRuleInput {
        IncentiveRuleInput {
            title: self.title.clone(),
            item: AwardItem::KEYS[self.item as usize].to_owned(),
            amount: format!("{}.{:02}", self.amount.0 / 100, self.amount.0 % 100),
            jurisdiction: self.jurisdiction.to_string(),
            window_years: self.window_years.map(|n| n.to_string()),
            stacking: match self.stacking {
                Stacking::Cumulative => "cumulative",
                Stacking::HighestOnly => "highest_only",
            }
            .to_owned(),
            group: self.group.clone(),
            policy_no: self.policy_no.clone(),
            valid_from: self.valid_from.to_string(),
            valid_to: self.valid_to.map(|d| d.to_string()),
            budget_line: self.budget_line.clone(),
            notes: self.notes.clone(),
        }
    }

    /// Whether the rule is in force on `day`.
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }
}

/// Whether `outer` is `inner` or one of its enclosing divisions.
pub fn covers(outer: &DivisionCode, inner: &DivisionCode) -> bool {
    let mut d = Some(inner.clone());
    while let Some(c) = d {
        if &c == outer {
            return true;
        }
        d = c.parent();
    }
    false
}

/// An achievement an award application claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Claim {
    pub item: AwardItem,
    pub achieved_on: NaiveDate,
    /// The certificate, announcement or decision that proves it.
    pub document: Option<String>,
}

/// A rule with its record identity, as eligibility sees it.
#[derive(Debug, Clone, Copy)]
pub struct RuleRef<'a> {
    pub id: RecordId,
    pub code: &'a str,
    pub rule: &'a IncentiveRule,
}

/// One rule considered for one claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Line {
    pub rule_id: RecordId,
    pub rule_code: String,
    pub rule_title: String,
    pub item: AwardItem,
    pub amount: Fen,
    pub jurisdiction: DivisionCode,
    pub policy_no: String,
    pub applies: bool,
    /// Why the rule applies or is excluded.
    pub reason: Bilingual,
    /// The rule is used outside its validity.
    pub lapsed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Eligibility {
    pub as_of: NaiveDate,
    pub lines: Vec<Line>,
    pub due: Fen,
    /// Warnings a reviewer must see: lapsed rules, claims no rule covers.
    pub flags: Vec<Bilingual>,
}

impl Eligibility {
    /// The amount due per paying jurisdiction, for budget checks.
    pub fn due_by_jurisdiction(&self) -> Vec<(DivisionCode, Fen)> {
        let mut out: Vec<(DivisionCode, Fen)> = vec![];
        for l in self.lines.iter().filter(|l| l.applies) {
            match out.iter_mut().find(|(j, _)| *j == l.jurisdiction) {
                Some((_, sum)) => sum.0 += l.amount.0,
                None => out.push((l.jurisdiction.clone(), l.amount)),
            }
        }
        out
    }
}

/// What the applicant is and has, as eligibility needs it.
#[derive(Debug, Clone, Copy)]
pub struct Applicant<'a> {
    pub division: Option<&'a DivisionCode>,
    /// A recognition decision is recorded for the application's subject.
    pub recognised: bool,
    /// Achievements already awarded to the enterprise in other applications (approved or
    /// paid): item, date achieved and the application's code. Nothing is awarded twice.
    pub awarded: &'a [(AwardItem, NaiveDate, String)],
}

/// Which rules apply to `claims` as of `as_of` (the application's date), which are excluded and
/// why, and the amount due.
pub fn eligibility(
    claims: &[Claim],
    applicant: Applicant<'_>,
    rules: &[RuleRef<'_>],
    as_of: NaiveDate,
) -> Eligibility {
    let mut lines: Vec<Line> = vec![];
    let mut flags = vec![];
    for claim in claims {
        let matching: Vec<&RuleRef<'_>> =
            rules.iter().filter(|r| r.rule.item == claim.item).collect();
        if matching.is_empty() {
            let l = claim.item.label();
            flags.push(Bilingual::new(
                format!("没有适用于“{}”的奖励规则", l.zh),
                format!("no incentive rule covers \"{}\"", l.en),
            ));
        }
        for r in matching {
            if lines.iter().any(|l| l.rule_id == r.id && l.applies) {
                continue;
            }
            let (applies, lapsed, reason) = judge(claim, applicant, r.rule, as_of);
            if lapsed {
                flags.push(Bilingual::new(
                    format!("规则 {} 已于 {} 失效", r.code, show_to(r.rule)),
                    format!("rule {} lapsed on {}", r.code, show_to(r.rule)),
                ));
            }
            lines.push(Line {
                rule_id: r.id,
                rule_code: r.code.to_owned(),
                rule_title: r.rule.title.clone(),
                item: r.rule.item,
                amount: r.rule.amount,
                jurisdiction: r.rule.jurisdiction.clone(),
                policy_no: r.rule.policy_no.clone(),
                applies,
                reason,
                lapsed,
            });
        }
    }
    // Highest only: within each group keep the largest applicable award (the lower code on a
    // tie), exclude the others naming the one paid instead.
    let groups: Vec<String> = lines
        .iter()
        .filter(|l| l.applies)
        .filter_map(|l| group_of(rules, l.rule_id))
        .collect();
    for g in groups {
        let winner = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.applies && group_of(rules, l.rule_id).as_deref() == Some(&g))
            .max_by(|a, b| {
                a.1.amount
                    .cmp(&b.1.amount)
                    .then(b.1.rule_code.cmp(&a.1.rule_code))
            })
            .map(|(i, _)| i);
        let Some(w) = winner else { continue };
        let (wcode, wamount) = (lines[w].rule_code.clone(), lines[w].amount);
        for (i, l) in lines.iter_mut().enumerate() {
            if i != w && l.applies && group_of(rules, l.rule_id).as_deref() == Some(&g) {
                l.applies = false;
                l.reason = Bilingual::new(
                    format!("“{g}”内不重复奖励（就高）：已按 {wcode} 计 {wamount}"),
                    format!("highest only within \"{g}\": {wcode} pays {wamount} instead"),
                );
            }
        }
    }
    let due = Fen(lines.iter().filter(|l| l.applies).map(|l| l.amount.0).sum());
    Eligibility {
        as_of,
        lines,
        due,
        flags,
    }
}

fn group_of(rules: &[RuleRef<'_>], id: RecordId) -> Option<String> {
    rules
        .iter()
        .find(|r| r.id == id)
        .filter(|r| r.rule.stacking == Stacking::HighestOnly)
        .and_then(|r| r.rule.group.clone())
}

fn show_to(rule: &IncentiveRule) -> String {
    rule.valid_to.map(|d| d.to_string()).unwrap_or_default()
}

fn judge(
    claim: &Claim,
    applicant: Applicant<'_>,
    rule: &IncentiveRule,
    as_of: NaiveDate,
) -> (bool, bool, Bilingual) {
    let no = |zh: String, en: String| (false, false, Bilingual::new(zh, en));
    let j = &rule.jurisdiction;
    match applicant.division {
        None => {
            return no(
                "企业没有登记行政区划，无法判断辖区".into(),
                "the enterprise has no division, so jurisdiction cannot be checked".into(),
            );
        }
        Some(d) if !covers(j, d) => {
            return no(
                format!("规则适用于 {j}，企业所在区划为 {d}"),
                format!("the rule applies in {j}; the enterprise is in {d}"),
            );
        }
        _ => {}
    }
    if let Some((_, _, code)) = applicant
        .awarded
        .iter()
        .find(|(item, on, _)| *item == claim.item && *on == claim.achieved_on)
    {
        return no(
            format!("同一事项已在 {code} 中奖励，不重复奖励"),
            format!("the same achievement was already awarded in {code}"),
        );
    }
    if claim.item == AwardItem::WellKnownMark && !applicant.recognised {
        return no(
            "没有登记驰名商标认定记录（机关、案号、日期）".into(),
            "no recognition decision is recorded (authority, case number, date)".into(),
        );
    }
    if claim.achieved_on < rule.valid_from {
        return no(
            format!(
                "取得于 {}，早于政策施行日 {}",
                claim.achieved_on, rule.valid_from
            ),
            format!(
                "achieved on {}, before the policy took effect on {}",
                claim.achieved_on, rule.valid_from
            ),
        );
    }
    if let Some(to) = rule.valid_to
        && (as_of > to || claim.achieved_on > to)
    {
        return (
            false,
            true,
            Bilingual::new(
                format!("政策已于 {to} 失效（文号 {}）", rule.policy_no),
                format!("the policy lapsed on {to} ({})", rule.policy_no),
            ),
        );
    }
    match rule.window_years {
        Some(0) if claim.achieved_on.year() != as_of.year() => {
            return no(
                format!(
                    "仅奖励当年取得的：取得于 {} 年，申请于 {} 年",
                    claim.achieved_on.year(),
                    as_of.year()
                ),
                format!(
                    "only for the current year: achieved in {}, applied in {}",
                    claim.achieved_on.year(),
                    as_of.year()
                ),
            );
        }
        Some(n) if n > 0 && claim.achieved_on < crate::date::add_months(as_of, -12 * n as i32) => {
            return no(
                format!("仅奖励近 {n} 年内取得的：取得于 {}", claim.achieved_on),
                format!(
                    "only within the last {n} years: achieved on {}",
                    claim.achieved_on
                ),
            );
        }
        _ => {}
    }
    (
        true,
        false,
        Bilingual::new(
            format!("适用：{}，{}", rule.policy_no, rule.amount),
            format!("applies: {}, {}", rule.policy_no, rule.amount),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rule(
        item: AwardItem,
        yuan: i64,
        j: &str,
        group: Option<&str>,
        to: Option<&str>,
    ) -> IncentiveRule {
        IncentiveRule {
            title: format!("{item:?}"),
            item,
            amount: Fen(yuan * 100),
            jurisdiction: DivisionCode::parse(j).unwrap(),
            window_years: None,
            stacking: if group.is_some() {
                Stacking::HighestOnly
            } else {
                Stacking::Cumulative
            },
            group: group.map(str::to_owned),
            policy_no: "漯政〔2012〕1号".into(),
            valid_from: d("2012-01-01"),
            valid_to: to.map(d),
            budget_line: None,
            notes: None,
        }
    }

    fn claim(item: AwardItem, on: &str) -> Claim {
        Claim {
            item,
            achieved_on: d(on),
            document: None,
        }
    }

    #[test]
    fn eligibility_table() {
        use AwardItem::*;
        let county = DivisionCode::parse("411102").unwrap();
        let rules = [
            rule(WellKnownMark, 300_000, "411100", Some("商标"), None),
            rule(ProvincialFamousMark, 100_000, "411100", Some("商标"), None),
            rule(GiTrademark, 30_000, "411100", Some("商标"), None),
            rule(MadridFiling, 20_000, "411100", None, None),
            rule(GiProduct, 100_000, "411100", None, Some("2014-12-31")),
            rule(SpecialMarkUser, 5_000, "360424", None, None),
        ];
        let refs: Vec<RuleRef<'_>> = rules
            .iter()
            .enumerate()
            .map(|(i, r)| RuleRef {
                id: RecordId(uuid::Uuid::from_u128(i as u128 + 1)),
                code: [
                    "RULE-0001",
                    "RULE-0002",
                    "RULE-0003",
                    "RULE-0004",
                    "RULE-0005",
                    "RULE-0006",
                ][i],
                rule: r,
            })
            .collect();
        let who = |recognised| Applicant {
            division: Some(&county),
            recognised,
            awarded: &[],
        };
        // (claims, recognised, due in yuan, applying rule codes, flagged lapsed)
        type Case<'a> = (Vec<Claim>, bool, i64, Vec<&'a str>, bool);
        let cases: Vec<Case<'_>> = vec![
            // Highest only: a well-known mark and a GI certification mark in one group.
            (
                vec![
                    claim(WellKnownMark, "2026-03-01"),
                    claim(GiTrademark, "2026-02-01"),
                ],
                true,
                300_000,
                vec!["RULE-0001"],
                false,
            ),
            // Cumulative rules stack on top of the group's highest.
            (
                vec![
                    claim(GiTrademark, "2026-02-01"),
                    claim(MadridFiling, "2026-05-01"),
                ],
                true,
                50_000,
                vec!["RULE-0003", "RULE-0004"],
                false,
            ),
            // Without a recorded recognition the well-known award is excluded; the group's
            // next highest applies.
            (
                vec![
                    claim(WellKnownMark, "2026-03-01"),
                    claim(GiTrademark, "2026-02-01"),
                ],
                false,
                30_000,
                vec!["RULE-0003"],
                false,
            ),
            // A lapsed rule is flagged and pays nothing.
            (vec![claim(GiProduct, "2026-01-10")], true, 0, vec![], true),
            // Another jurisdiction's rule does not apply.
            (
                vec![claim(SpecialMarkUser, "2026-01-10")],
                true,
                0,
                vec![],
                false,
            ),
        ];
        for (claims, recognised, due, applying, lapsed) in cases {
            let e = eligibility(&claims, who(recognised), &refs, d("2026-11-28"));
            let codes: Vec<&str> = e
                .lines
                .iter()
                .filter(|l| l.applies)
                .map(|l| l.rule_code.as_str())
                .collect();
            assert_eq!(codes, applying, "{claims:?}: {:#?}", e.lines);
            assert_eq!(e.due, Fen(due * 100), "{claims:?}");
            assert_eq!(e.lines.iter().any(|l| l.lapsed), lapsed, "{claims:?}");
            assert_eq!(
                e.flags.iter().any(|f| f.en.contains("lapsed")),
                lapsed,
                "{claims:?}"
            );
        }
        // The excluded rule says why, naming the one paid instead.
        let e = eligibility(
            &[
                claim(WellKnownMark, "2026-03-01"),
                claim(GiTrademark, "2026-02-01"),
            ],
            who(true),
            &refs,
            d("2026-11-28"),
        );
        let gi = e.lines.iter().find(|l| l.rule_code == "RULE-0003").unwrap();
        assert!(
            gi.reason.en.contains("RULE-0001 pays ¥300,000.00 instead"),
            "{}",
            gi.reason.en
        );
    }

    #[test]
    fn windows() {
        let county = DivisionCode::parse("360424").unwrap();
        let mut r = rule(AwardItem::GiProduct, 100_000, "360424", None, None);
        r.window_years = Some(0);
        let refs = [RuleRef {
            id: RecordId(uuid::Uuid::nil()),
            code: "RULE-0001",
            rule: &r,
        }];
        let who = Applicant {
            division: Some(&county),
            recognised: false,
            awarded: &[],
        };
        let this_year = eligibility(
            &[claim(AwardItem::GiProduct, "2026-01-05")],
            who,
            &refs,
            d("2026-11-28"),
        );
        assert_eq!(this_year.due, Fen(10_000_000));
        let last_year = eligibility(
            &[claim(AwardItem::GiProduct, "2025-12-30")],
            who,
            &refs,
            d("2026-11-28"),
        );
        assert_eq!(last_year.due, Fen(0));
        assert!(
            last_year.lines[0]
                .reason
                .en
                .contains("only for the current year")
        );
    }

    #[test]
    fn rule_input_checks() {
        struct L;
        impl crate::record::Lookup for L {
            fn find(&self, _: crate::RecordKind, _: &str) -> Option<RecordId> {
                None
            }
            fn code_of(&self, _: crate::RecordKind, _: RecordId) -> Option<String> {
                None
            }
            fn division_known(&self, _: &DivisionCode) -> bool {
                true
            }
            fn category_known(&self, _: &str) -> bool {
                true
            }
        }
        let e = IncentiveRuleInput {
            title: "驰名商标".into(),
            item: "fame".into(),
            amount: "0".into(),
            jurisdiction: "411100".into(),
            stacking: "highest_only".into(),
            policy_no: "x".into(),
            valid_from: "2014-01-01".into(),
            valid_to: Some("2013-01-01".into()),
            window_years: Some("soon".into()),
            ..Default::default()
        }
        .parse(&L)
        .unwrap_err();
        let got: Vec<_> =
            e.0.iter()
                .map(|v| (v.field.clone().unwrap(), v.rule))
                .collect();
        assert_eq!(
            got,
            [
                ("item".into(), Rule::EnumValue),
                ("amount".into(), Rule::MoneyFormat),
                ("window_years".into(), Rule::WindowFormat),
                ("group".into(), Rule::Required),
                ("valid_to".into(), Rule::DateOrder),
            ]
        );
        let ok = IncentiveRuleInput {
            title: "驰名商标".into(),
            item: "well_known_mark".into(),
            amount: "300,000".into(),
            jurisdiction: "411100".into(),
            policy_no: "x".into(),
            valid_from: "2014-01-01".into(),
            ..Default::default()
        }
        .parse(&L)
        .unwrap();
        assert_eq!(ok.to_input().parse(&L).unwrap(), ok);
    }
}

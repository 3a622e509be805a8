//! Incentive rules (奖励规则) and eligibility: which rules apply to an award application, which
//! are excluded and why, and the amount due. Nothing here is hard-coded policy: every amount,
//! jurisdiction, window and stacking group comes from a rule a bureau entered.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::date::parse_date;
use crate::error::{Violation, Violations};
use crate::record::{
    LINE_MAX, NAME_MAX, RecordId, RecordKind, enum_value, optional_date, optional_text,
    required_text,
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

    /// The kind of record that proves a claim for this item: a candidate's recognition
    /// decision, a trademark, a GI product (its approval or its agricultural-GI registration),
    /// or an approved user.
    pub fn proof_kind(self) -> RecordKind {
        match self {
            Self::WellKnownMark => RecordKind::Candidate,
            Self::ProvincialFamousMark | Self::GiTrademark | Self::MadridFiling => {
                RecordKind::Trademark
            }
            Self::GiProduct | Self::AgriculturalGi => RecordKind::Gi,
            Self::SpecialMarkUser => RecordKind::User,
        }
    }

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

/// What a later, higher award in a highest-only group pays for a subject already awarded a
/// lower one: the difference (补差) or the full amount. A required setting of every
/// highest-only rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum TopUp {
    Difference,
    Full,
}

/// What "once" counts for a well-known-mark award: once per mark, or once per recognition
/// decision (a mark recognised again in a later case may be awarded again).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum OncePer {
    #[default]
    Mark,
    Recognition,
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
    /// A highest-only rule's payment after a lower award for the same subject.
    #[serde(default)]
    pub top_up: Option<TopUp>,
    #[serde(default)]
    pub once_per: OncePer,
    pub policy_no: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub budget_line: Option<String>,
    pub notes: Option<String>,
}

/// A rule is all attributes.
impl crate::record::Lifecycle for IncentiveRule {
    fn take_lifecycle(&mut self, current: &Self) {
        let IncentiveRule {
            title: _,
            item: _,
            amount: _,
            jurisdiction: _,
            window_years: _,
            stacking: _,
            group: _,
            top_up: _,
            once_per: _,
            policy_no: _,
            valid_from: _,
            valid_to: _,
            budget_line: _,
            notes: _,
        } = current;
    }
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
    /// `difference` or `full`; required for a highest-only rule.
    pub top_up: Option<String>,
    /// `mark` (the default) or `recognition`.
    pub once_per: Option<String>,
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
        let top_up = v.check("top_up", || {
            match self
                .top_up
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                Some(s) => enum_value::<TopUp>(s, &["difference", "full"]).map(Some),
                None if stacking == Some(Stacking::HighestOnly) => Err(Violation::required()),
                None => Ok(None),
            }
        });
        let once_per = v.check("once_per", || {
            match self
                .once_per
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                Some(s) => enum_value::<OncePer>(s, &["mark", "recognition"]),
                None => Ok(OncePer::Mark),
            }
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
            top_up: top_up.unwrap(),
            once_per: once_per.unwrap(),
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
            top_up: self.top_up.map(|t| crate::record::key_of(&t)),
            once_per: Some(crate::record::key_of(&self.once_per)),
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

/// The kind of record that proves each award item, as the UI's claim form offers it
/// (`ui/src/api/bindings/award_proofs.json`, written by this module's test).
pub fn proof_catalogue() -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = AwardItem::KEYS
        .iter()
        .map(|k| {
            let item: AwardItem = serde_json::from_value(serde_json::json!(k)).expect("a key");
            (k.to_string(), serde_json::json!(item.proof_kind()))
        })
        .collect();
    map.into()
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
    /// The record that proves it (of the item's [`AwardItem::proof_kind`]). `None` only in
    /// claims saved before proofs were asked for; such a claim cannot be submitted.
    #[serde(default)]
    pub proof: Option<RecordId>,
}

/// What a proving record shows, as the store reads it for a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    /// Whether the record is proof of the item at all (a GI mark for `gi_trademark`, a
    /// product approval for `gi_product`, an approved user, a recorded recognition).
    pub shows: Option<Bilingual>,
    /// The date the record shows the achievement on; `None` where the record keeps no such
    /// date (a provincial famous mark, a Madrid filing), and the date claimed stands.
    pub on: Option<NaiveDate>,
    /// The enterprise the record belongs to, where it must match the applicant's.
    pub enterprise: Option<RecordId>,
    /// What the award counts once for.
    pub subject: ClaimSubject,
}

/// What "awarded once" counts: the mark (a trademark, also behind a recognition), the GI
/// product or the user; and for a recognition its case number, for rules counting once per
/// recognition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSubject {
    pub subject: RecordId,
    pub recognition: Option<String>,
}

/// Check a claim against the record that proves it: the record shows the item, on the date
/// claimed, for the applying enterprise (a recognition's enterprise must match).
pub fn check_proof(
    claim: &Claim,
    proof: &Proof,
    enterprise: RecordId,
) -> std::result::Result<(), Violation> {
    // Parameters are values, not words: the detail carries both languages, as
    // `trademark_terminated` does.
    let both = |b: Bilingual| Violation::claim_unproven(format!("{} / {}", b.zh, b.en));
    if let Some(not) = &proof.shows {
        return Err(both(not.clone()));
    }
    match proof.on {
        Some(on) if on != claim.achieved_on => Err(both(Bilingual::new(
            format!("记录日期为 {on}，申报取得日期为 {}", claim.achieved_on),
            format!(
                "the record is dated {on}, the claim says {}",
                claim.achieved_on
            ),
        ))),
        _ if proof.enterprise.is_some_and(|e| e != enterprise) => Err(both(Bilingual::new(
            "证明记录属于另一家企业",
            "the record belongs to another enterprise",
        ))),
        _ => Ok(()),
    }
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

/// An award already committed (approved or paid) in another application, for one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Awarded {
    pub item: AwardItem,
    pub achieved_on: NaiveDate,
    /// `None` for a claim saved before proofs were asked for: it is matched by item and date.
    pub subject: Option<ClaimSubject>,
    /// The rule that paid it, and how much.
    pub rule_id: RecordId,
    pub amount: Fen,
    pub application: String,
}

/// What the applicant is and has, as eligibility needs it.
#[derive(Debug, Clone, Copy)]
pub struct Applicant<'a> {
    pub division: Option<&'a DivisionCode>,
    /// A recognition decision is recorded for the application's subject.
    pub recognised: bool,
    /// What each claim counts once for (aligned with the claims; `None` when unproven).
    pub subjects: &'a [Option<ClaimSubject>],
    /// What other applications were awarded, across all applicants: nothing is awarded twice
    /// for the same subject, and highest-only holds across applications.
    pub awarded: &'a [Awarded],
}

/// Whether an earlier award was for the same subject as this claim, as the rule counts it.
fn same_subject(
    a: &Awarded,
    claim: &Claim,
    subject: Option<&ClaimSubject>,
    rule: &IncentiveRule,
) -> bool {
    match (&a.subject, subject) {
        (Some(x), Some(y)) => {
            // A per-recognition rule tells two recognitions of the same mark apart; any other
            // earlier award (a famous-mark award, say) is the same mark's.
            x.subject == y.subject
                && (rule.item != AwardItem::WellKnownMark
                    || a.item != AwardItem::WellKnownMark
                    || rule.once_per == OncePer::Mark
                    || x.recognition == y.recognition)
        }
        // A claim saved before proofs: the same item achieved on the same day.
        _ => a.achieved_on == claim.achieved_on,
    }
}

/// Which rules apply to `claims` as of `as_of` (the application's date), which are excluded and
/// why, and the amount due.
pub fn eligibility(
    claims: &[Claim],
    applicant: Applicant<'_>,
    rules: &[RuleRef<'_>],
    as_of: NaiveDate,
) -> Eligibility {
    let Judged {
        mut lines,
        line_claim,
        flags,
    } = judge_claims(claims, applicant, rules, as_of);
    floor_by_earlier_awards(&mut lines, &line_claim, claims, applicant, rules);
    keep_highest_in_groups(&mut lines, &line_claim, applicant, rules);
    let due = Fen(lines.iter().filter(|l| l.applies).map(|l| l.amount.0).sum());
    Eligibility {
        as_of,
        lines,
        due,
        flags,
    }
}

impl<'a> Applicant<'a> {
    /// What claim `i` counts once for, when it is proven.
    fn subject(&self, i: usize) -> Option<&'a ClaimSubject> {
        self.subjects.get(i).and_then(Option::as_ref)
    }
}

/// Every rule considered for every claim, and what a reviewer must see.
struct Judged {
    lines: Vec<Line>,
    /// For each line, the claim it was judged for (to find its subject afterwards).
    line_claim: Vec<usize>,
    flags: Vec<Bilingual>,
}

/// Judge each claim by every rule for its item, a rule paying once per subject; flag a claim
/// no rule covers and the rules a reviewer should look at twice.
fn judge_claims(
    claims: &[Claim],
    applicant: Applicant<'_>,
    rules: &[RuleRef<'_>],
    as_of: NaiveDate,
) -> Judged {
    let mut lines: Vec<Line> = vec![];
    let mut flags = vec![];
    let mut line_claim: Vec<usize> = vec![];
    for (ci, claim) in claims.iter().enumerate() {
        let matching: Vec<&RuleRef<'_>> =
            rules.iter().filter(|r| r.rule.item == claim.item).collect();
        if matching.is_empty() {
            let l = claim.item.label();
            flags.push(Bilingual::new(
                format!("没有适用于“{}”的奖励规则", l.zh),
                format!("no incentive rule covers \"{}\"", l.en),
            ));
        }
        let subject = applicant.subject(ci);
        for r in matching {
            // A rule pays once per subject in an application (a claim saved before proofs has
            // none: once per application, as before).
            let paid = lines.iter().zip(&line_claim).any(|(l, &c)| {
                l.rule_id == r.id
                    && l.applies
                    && applicant.subject(c).map(|s| s.subject) == subject.map(|s| s.subject)
            });
            if paid {
                continue;
            }
            let (applies, lapsed, reason) = judge(claim, subject, applicant, r.rule, as_of);
            flags.extend(rule_flags(r, lapsed));
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
            line_claim.push(ci);
        }
    }
    Judged {
        lines,
        line_claim,
        flags,
    }
}

/// What a reviewer must check about a rule used: a famous-mark rule in force after those
/// schemes ended, a rule that had lapsed.
fn rule_flags(r: &RuleRef<'_>, lapsed: bool) -> Vec<Bilingual> {
    let mut flags = vec![];
    if r.rule.item == AwardItem::ProvincialFamousMark
        && r.rule.valid_to.is_none_or(|to| to > FAMOUS_MARKS_ENDED)
    {
        flags.push(Bilingual::new(
            format!(
                "规则 {} 奖励省著名商标且在 2018 年后仍有效：著名商标认定自 2018 年起已在全国停止（河南省的停止日期待核），请核实政策是否仍适用",
                r.code
            ),
            format!(
                "rule {} awards provincial famous marks and is in force after 2018: famous-mark schemes were wound up nationwide from 2018 (Henan's date to be verified); check the policy still applies",
                r.code
            ),
        ));
    }
    if lapsed {
        flags.push(Bilingual::new(
            format!("规则 {} 已于 {} 失效", r.code, show_to(r.rule)),
            format!("rule {} lapsed on {}", r.code, show_to(r.rule)),
        ));
    }
    flags
}

/// Highest only across applications: the level an earlier award brought the same subject to
/// in the same group is the floor. Equal or lower pays nothing; higher pays the difference or
/// in full, as the rule says.
fn floor_by_earlier_awards(
    lines: &mut [Line],
    line_claim: &[usize],
    claims: &[Claim],
    applicant: Applicant<'_>,
    rules: &[RuleRef<'_>],
) {
    let level = |a: &Awarded| {
        rules
            .iter()
            .find(|r| r.id == a.rule_id)
            .map_or(a.amount, |r| r.rule.amount)
    };
    for (i, l) in lines.iter_mut().enumerate() {
        let Some(g) = group_of(rules, l.rule_id).filter(|_| l.applies) else {
            continue;
        };
        let claim = &claims[line_claim[i]];
        let subject = applicant.subject(line_claim[i]);
        let Some(rule) = rules.iter().find(|r| r.id == l.rule_id).map(|r| r.rule) else {
            continue;
        };
        let Some(prior) = applicant
            .awarded
            .iter()
            .filter(|a| {
                a.subject.is_some()
                    && group_of(rules, a.rule_id).as_deref() == Some(&g)
                    && same_subject(a, claim, subject, rule)
            })
            .max_by_key(|a| level(a))
        else {
            continue;
        };
        // The level reached: the full amount of the rule that paid (a top-up paid only the
        // difference, but brought the subject to that rule's amount).
        above_floor(l, &g, prior, level(prior), rule.top_up);
    }
}

/// Line `l` of group `g` where the earlier award `prior` brought the subject to `reached`:
/// nothing when it is not higher, else the difference or the full amount, as `top_up` says.
fn above_floor(l: &mut Line, g: &str, prior: &Awarded, reached: Fen, top_up: Option<TopUp>) {
    if l.amount <= reached {
        l.applies = false;
        l.reason = Bilingual::new(
            format!(
                "“{g}”内就高不重复：同一对象已在 {} 中奖励 {}，本项 {} 不再奖励",
                prior.application, reached, l.amount
            ),
            format!(
                "highest only within \"{g}\": {} already awarded {} for the same subject; {} pays nothing",
                prior.application, reached, l.amount
            ),
        );
    } else if top_up == Some(TopUp::Difference) {
        let full = l.amount;
        l.amount = Fen(full.0 - reached.0);
        l.reason = Bilingual::new(
            format!(
                "补差：同一对象已在 {} 中奖励 {}，按 {} 补差 {}",
                prior.application, reached, full, l.amount
            ),
            format!(
                "top-up: {} already awarded {} for the same subject; {} pays the difference, {}",
                prior.application, reached, full, l.amount
            ),
        );
    } else {
        l.reason = Bilingual::new(
            format!(
                "就高全额奖励：高于同一对象在 {} 中已得的 {}",
                prior.application, reached
            ),
            format!(
                "paid in full: higher than the {} already awarded in {} for the same subject",
                reached, prior.application
            ),
        );
    }
}

/// Highest only within this application: in each group, for each subject, keep the largest
/// applicable award (the lower code on a tie) and exclude the others, naming the one paid.
fn keep_highest_in_groups(
    lines: &mut [Line],
    line_claim: &[usize],
    applicant: Applicant<'_>,
    rules: &[RuleRef<'_>],
) {
    let subject_of = |i: usize| applicant.subject(line_claim[i]).map(|s| s.subject);
    let groups: Vec<(String, Option<RecordId>)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.applies)
        .filter_map(|(i, l)| group_of(rules, l.rule_id).map(|g| (g, subject_of(i))))
        .collect();
    for (g, subject) in groups {
        let same = |i: usize, l: &Line| {
            l.applies
                && group_of(rules, l.rule_id).as_deref() == Some(&g)
                && subject_of(i) == subject
        };
        let winner = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| same(*i, l))
            .max_by(|a, b| {
                a.1.amount
                    .cmp(&b.1.amount)
                    .then(b.1.rule_code.cmp(&a.1.rule_code))
            })
            .map(|(i, _)| i);
        let Some(w) = winner else { continue };
        let (wcode, wamount) = (lines[w].rule_code.clone(), lines[w].amount);
        let losers: Vec<usize> = (0..lines.len())
            .filter(|i| *i != w && same(*i, &lines[*i]))
            .collect();
        for i in losers {
            let l = &mut lines[i];
            l.applies = false;
            l.reason = Bilingual::new(
                format!("“{g}”内不重复奖励（就高）：已按 {wcode} 计 {wamount}"),
                format!("highest only within \"{g}\": {wcode} pays {wamount} instead"),
            );
        }
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

/// Provincial famous-mark schemes were wound up nationwide from 2018 (Henan's date to verify).
const FAMOUS_MARKS_ENDED: NaiveDate = NaiveDate::from_ymd_opt(2018, 12, 31).expect("a date");

/// Whether `rule` pays for `claim` (and, when not, whether because it lapsed), and why.
fn judge(
    claim: &Claim,
    subject: Option<&ClaimSubject>,
    applicant: Applicant<'_>,
    rule: &IncentiveRule,
    as_of: NaiveDate,
) -> (bool, bool, Bilingual) {
    if let Some(why) = applicant_bar(claim, subject, applicant, rule) {
        return (false, false, why);
    }
    if let Some((lapsed, why)) = period_bar(claim, rule, as_of) {
        return (false, lapsed, why);
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

/// Why the applicant cannot claim under `rule`: outside its jurisdiction, the same item
/// already awarded for the same subject, a well-known mark without a recognition decision.
fn applicant_bar(
    claim: &Claim,
    subject: Option<&ClaimSubject>,
    applicant: Applicant<'_>,
    rule: &IncentiveRule,
) -> Option<Bilingual> {
    let j = &rule.jurisdiction;
    match applicant.division {
        None => {
            return Some(Bilingual::new(
                "企业没有登记行政区划，无法判断辖区",
                "the enterprise has no division, so jurisdiction cannot be checked",
            ));
        }
        Some(d) if !covers(j, d) => {
            return Some(Bilingual::new(
                format!("规则适用于 {j}，企业所在区划为 {d}"),
                format!("the rule applies in {j}; the enterprise is in {d}"),
            ));
        }
        _ => {}
    }
    if let Some(a) = applicant
        .awarded
        .iter()
        .find(|a| a.item == claim.item && same_subject(a, claim, subject, rule))
    {
        let code = &a.application;
        return Some(Bilingual::new(
            format!("同一对象的同一事项已在 {code} 中奖励，不重复奖励"),
            format!("the same item was already awarded for the same subject in {code}"),
        ));
    }
    if claim.item == AwardItem::WellKnownMark && !applicant.recognised {
        return Some(Bilingual::new(
            "没有登记驰名商标认定记录（机关、案号、日期）",
            "no recognition decision is recorded (authority, case number, date)",
        ));
    }
    None
}

/// Why `rule` does not pay for when the claim was achieved or applied for: before the policy
/// took effect, after it lapsed (`true`: the rule is used outside its validity), outside its
/// window.
fn period_bar(claim: &Claim, rule: &IncentiveRule, as_of: NaiveDate) -> Option<(bool, Bilingual)> {
    if claim.achieved_on < rule.valid_from {
        return Some((
            false,
            Bilingual::new(
                format!(
                    "取得于 {}，早于政策施行日 {}",
                    claim.achieved_on, rule.valid_from
                ),
                format!(
                    "achieved on {}, before the policy took effect on {}",
                    claim.achieved_on, rule.valid_from
                ),
            ),
        ));
    }
    if let Some(to) = rule.valid_to
        && (as_of > to || claim.achieved_on > to)
    {
        return Some((
            true,
            Bilingual::new(
                format!("政策已于 {to} 失效（文号 {}）", rule.policy_no),
                format!("the policy lapsed on {to} ({})", rule.policy_no),
            ),
        ));
    }
    match rule.window_years {
        Some(0) if claim.achieved_on.year() != as_of.year() => Some((
            false,
            Bilingual::new(
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
            ),
        )),
        Some(n) if n > 0 && claim.achieved_on < crate::date::add_months(as_of, -12 * n as i32) => {
            Some((
                false,
                Bilingual::new(
                    format!("仅奖励近 {n} 年内取得的：取得于 {}", claim.achieved_on),
                    format!(
                        "only within the last {n} years: achieved on {}",
                        claim.achieved_on
                    ),
                ),
            ))
        }
        _ => None,
    }
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
            top_up: group.map(|_| TopUp::Full),
            once_per: OncePer::Mark,
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
            proof: Some(RecordId(uuid::Uuid::nil())),
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
            subjects: &[],
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
            subjects: &[],
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
                ("top_up".into(), Rule::Required),
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

    /// Write the proof kinds where the UI loads them (`make bindings` fails when stale).
    #[test]
    fn export_proof_kinds() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../ui/src/api/bindings/award_proofs.json");
        let text = serde_json::to_string_pretty(&proof_catalogue()).unwrap() + "\n";
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).unwrap();
        }
    }

    /// Eligibility of `claims` for a recognised applicant in 411102 on 2026-11-28.
    fn one(
        claims: &[Claim],
        subjects: &[Option<ClaimSubject>],
        awarded: &[Awarded],
        refs: &[RuleRef<'_>],
    ) -> Eligibility {
        let county = DivisionCode::parse("411102").unwrap();
        let who = Applicant {
            division: Some(&county),
            recognised: true,
            subjects,
            awarded,
        };
        eligibility(claims, who, refs, d("2026-11-28"))
    }

    fn id(n: u128) -> RecordId {
        RecordId(uuid::Uuid::from_u128(n))
    }

    fn subject(n: u128) -> Option<ClaimSubject> {
        Some(ClaimSubject {
            subject: id(n),
            recognition: None,
        })
    }

    /// The Luohe scheme of domain.md (2012): well-known ¥300,000, provincial famous mark
    /// ¥100,000, GI mark ¥30,000, only the highest paid, in one group. `top_up` is set on all
    /// three.
    fn luohe(top_up: TopUp) -> Vec<IncentiveRule> {
        use AwardItem::*;
        [
            (WellKnownMark, 300_000),
            (ProvincialFamousMark, 100_000),
            (GiTrademark, 30_000),
        ]
        .into_iter()
        .map(|(item, yuan)| {
            let mut r = rule(item, yuan, "411100", Some("商标"), None);
            r.top_up = Some(top_up);
            r
        })
        .collect()
    }

    fn refs(rules: &[IncentiveRule]) -> Vec<RuleRef<'_>> {
        const CODES: [&str; 3] = ["RULE-0001", "RULE-0002", "RULE-0003"];
        rules
            .iter()
            .enumerate()
            .map(|(i, r)| RuleRef {
                id: id(i as u128 + 1),
                code: CODES[i],
                rule: r,
            })
            .collect()
    }

    /// Once per subject, across applications: the mark awarded in APP-0001 is not awarded again
    /// for the same item, whatever the date claimed; another mark is.
    #[test]
    fn an_item_is_awarded_once_per_subject_across_applications() {
        use AwardItem::*;
        let rules = luohe(TopUp::Full);
        let refs = refs(&rules);
        let awarded = [Awarded {
            item: GiTrademark,
            achieved_on: d("2024-02-01"),
            subject: subject(7),
            rule_id: id(3),
            amount: Fen(3_000_000),
            application: "APP-0001".into(),
        }];
        for (subjects, due) in [(vec![subject(7)], 0), (vec![subject(8)], 3_000_000)] {
            let e = one(
                &[claim(GiTrademark, "2026-02-01")],
                &subjects,
                &awarded,
                &refs,
            );
            assert_eq!(e.due, Fen(due), "{:#?}", e.lines);
        }
        // A claim saved before proofs has no subject: it is matched by item and date, as before.
        let old = [Awarded {
            subject: None,
            ..awarded[0].clone()
        }];
        let e = one(
            &[claim(GiTrademark, "2024-02-01")],
            &[subject(8)],
            &old,
            &refs,
        );
        assert_eq!(e.due, Fen(0));
        assert!(e.lines[0].reason.en.contains("APP-0001"));
    }

    /// Highest only across applications (就高不重复): the mark got ¥100,000 as a provincial
    /// famous mark in APP-0001. Recognised as well-known later, it gets ¥200,000 more where the
    /// rule pays the difference (补差), ¥300,000 where it pays in full; a GI-mark award for the
    /// same mark, lower, pays nothing.
    #[test]
    fn highest_only_holds_across_applications() {
        use AwardItem::*;
        let awarded = [Awarded {
            item: ProvincialFamousMark,
            achieved_on: d("2015-06-01"),
            subject: subject(7),
            rule_id: id(2),
            amount: Fen(10_000_000),
            application: "APP-0001".into(),
        }];
        for (top_up, due, words) in [
            (TopUp::Difference, 20_000_000, "pays the difference"),
            (TopUp::Full, 30_000_000, "paid in full"),
        ] {
            let rules = luohe(top_up);
            let refs = refs(&rules);
            let e = one(
                &[claim(WellKnownMark, "2026-03-01")],
                &[subject(7)],
                &awarded,
                &refs,
            );
            assert_eq!(e.due, Fen(due), "{:#?}", e.lines);
            assert!(
                e.lines[0].reason.en.contains(words),
                "{}",
                e.lines[0].reason.en
            );
            let e = one(
                &[claim(GiTrademark, "2026-03-01")],
                &[subject(7)],
                &awarded,
                &refs,
            );
            assert_eq!(e.due, Fen(0));
            assert!(
                e.lines[0].reason.en.contains("already awarded ¥100,000.00"),
                "{}",
                e.lines[0].reason.en
            );
        }
    }

    /// "Once" per mark or per recognition, as the rule says: a mark recognised again in a later
    /// case is awarded again only under a per-recognition rule.
    #[test]
    fn once_per_mark_or_per_recognition() {
        use AwardItem::*;
        let case = |c: &str| {
            Some(ClaimSubject {
                subject: id(7),
                recognition: Some(c.into()),
            })
        };
        let awarded = [Awarded {
            item: WellKnownMark,
            achieved_on: d("2016-05-01"),
            subject: case("商标异议字〔2016〕第1号"),
            rule_id: id(1),
            amount: Fen(30_000_000),
            application: "APP-0001".into(),
        }];
        for (once_per, due) in [(OncePer::Mark, 0), (OncePer::Recognition, 30_000_000)] {
            let mut r = rule(WellKnownMark, 300_000, "411100", None, None);
            r.once_per = once_per;
            let rules = [r];
            let refs = refs(&rules);
            let e = one(
                &[claim(WellKnownMark, "2026-03-01")],
                &[case("商标异议字〔2026〕第9号")],
                &awarded,
                &refs,
            );
            assert_eq!(e.due, Fen(due), "{once_per:?}");
        }
    }

    /// A provincial famous-mark rule in force after 2018 is flagged; one that ended in 2017 is
    /// not.
    #[test]
    fn a_famous_mark_rule_after_2018_is_flagged() {
        let county = DivisionCode::parse("411102").unwrap();
        for (to, flagged) in [(None, true), (Some("2017-12-31"), false)] {
            let rules = [rule(
                AwardItem::ProvincialFamousMark,
                100_000,
                "411100",
                None,
                to,
            )];
            let refs = refs(&rules);
            let e = eligibility(
                &[claim(AwardItem::ProvincialFamousMark, "2016-03-01")],
                Applicant {
                    division: Some(&county),
                    recognised: false,
                    subjects: &[subject(7)],
                    awarded: &[],
                },
                &refs,
                d("2017-06-01"),
            );
            assert_eq!(
                e.flags.iter().any(|f| f.en.contains("wound up")),
                flagged,
                "{to:?}"
            );
        }
    }

    /// The record must show the item, on the date claimed, for the applicant.
    #[test]
    fn a_claim_is_checked_against_its_proof() {
        let c = claim(AwardItem::WellKnownMark, "2026-03-01");
        let proof = |on: &str, ent: u128, shows: Option<Bilingual>| Proof {
            shows,
            on: Some(d(on)),
            enterprise: Some(id(ent)),
            subject: subject(7).unwrap(),
        };
        assert!(check_proof(&c, &proof("2026-03-01", 1, None), id(1)).is_ok());
        let e = check_proof(&c, &proof("2026-02-28", 1, None), id(1)).unwrap_err();
        assert_eq!(e.rule, Rule::ClaimUnproven);
        assert!(e.params["detail"].contains("2026-02-28"));
        let e = check_proof(&c, &proof("2026-03-01", 2, None), id(1)).unwrap_err();
        assert!(e.params["detail"].contains("另一家企业"));
        let e = check_proof(
            &c,
            &proof(
                "2026-03-01",
                1,
                Some(Bilingual::new("没有认定记录", "none")),
            ),
            id(1),
        )
        .unwrap_err();
        assert_eq!(e.params["detail"], "没有认定记录 / none");
    }

    /// The floor is the level reached, not the last payment: a GI mark's ¥30,000, then the
    /// famous mark's difference (¥70,000), leave the mark at ¥100,000; recognised as
    /// well-known, it gets ¥200,000 more, not ¥230,000. A per-recognition rule still counts an
    /// earlier famous-mark award of the same mark.
    #[test]
    fn a_top_up_counts_from_the_level_reached() {
        use AwardItem::*;
        for once_per in [OncePer::Mark, OncePer::Recognition] {
            let mut rules = luohe(TopUp::Difference);
            rules[0].once_per = once_per;
            let refs = refs(&rules);
            let awarded = [
                Awarded {
                    item: GiTrademark,
                    achieved_on: d("2014-03-01"),
                    subject: subject(7),
                    rule_id: id(3),
                    amount: Fen(3_000_000),
                    application: "APP-0001".into(),
                },
                Awarded {
                    item: ProvincialFamousMark,
                    achieved_on: d("2015-06-01"),
                    subject: subject(7),
                    rule_id: id(2),
                    amount: Fen(7_000_000),
                    application: "APP-0002".into(),
                },
            ];
            let recognised = Some(ClaimSubject {
                subject: id(7),
                recognition: Some("商标异议字〔2026〕第9号".into()),
            });
            let e = one(
                &[claim(WellKnownMark, "2026-03-01")],
                &[recognised],
                &awarded,
                &refs,
            );
            assert_eq!(e.due, Fen(20_000_000), "{once_per:?}: {:#?}", e.lines);
        }
    }

    /// Highest only is per subject: two marks in one application are each awarded, and a
    /// mark already awarded elsewhere does not shut out another mark's award.
    #[test]
    fn highest_only_is_per_subject() {
        use AwardItem::*;
        let rules = luohe(TopUp::Full);
        let refs = refs(&rules);
        let e = one(
            &[
                claim(GiTrademark, "2026-03-01"),
                claim(GiTrademark, "2026-04-01"),
            ],
            &[subject(7), subject(8)],
            &[],
            &refs,
        );
        assert_eq!(e.due, Fen(6_000_000), "{:#?}", e.lines);
        let e = one(
            &[
                claim(WellKnownMark, "2026-03-01"),
                claim(GiTrademark, "2026-04-01"),
            ],
            &[subject(7), subject(8)],
            &[Awarded {
                item: WellKnownMark,
                achieved_on: d("2020-05-01"),
                subject: subject(7),
                rule_id: id(1),
                amount: Fen(30_000_000),
                application: "APP-0001".into(),
            }],
            &refs,
        );
        assert_eq!(e.due, Fen(3_000_000), "{:#?}", e.lines);
    }
}

//! Authorised users of a GI (专用标志使用人): the application flow (applied → first review at the
//! county with on-site check → provincial review → approved or rejected), then use status
//! (active / suspended / withdrawn) and yearly use reports.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Violation;
use crate::error::Violations;
use crate::record::{
    LINE_MAX, Lookup, RecordId, RecordKind, StepOffer, enum_value, optional_text, resolve, show_ref,
};

/// The four kinds of lawful user of the GI special mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum UserKind {
    /// Producer approved for a GI product.
    ApprovedProducer,
    /// Member of a GI collective mark's registrant.
    CollectiveMember,
    /// Recorded licensee of a GI certification mark.
    CertificationLicensee,
    /// Other user recorded with CNIPA.
    OtherRecorded,
}

const USER_KINDS: &[&str] = &[
    "approved_producer",
    "collective_member",
    "certification_licensee",
    "other_recorded",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AuthorisedUser {
    pub gi_id: RecordId,
    pub enterprise_id: RecordId,
    pub kind: UserKind,
    pub applied_on: NaiveDate,
    pub first_review: Option<FirstReview>,
    pub provincial_review: Option<Review>,
    pub decision: Option<Decision>,
    pub status_events: Vec<StatusChange>,
    pub use_reports: Vec<UseReport>,
    /// A clerk's decisions to keep the right after a proposal to stop it for non-use.
    #[serde(default)]
    pub no_use_reviews: Vec<NoUseReview>,
    pub notes: Option<String>,
}

impl crate::record::Lifecycle for AuthorisedUser {
    fn take_lifecycle(&mut self, current: &Self) {
        let AuthorisedUser {
            gi_id: _,
            enterprise_id: _,
            kind: _,
            applied_on: _,
            notes: _,
            first_review,
            provincial_review,
            decision,
            status_events,
            use_reports,
            no_use_reviews,
        } = current;
        self.first_review.clone_from(first_review);
        self.provincial_review.clone_from(provincial_review);
        self.decision.clone_from(decision);
        self.status_events.clone_from(status_events);
        self.use_reports.clone_from(use_reports);
        self.no_use_reviews.clone_from(no_use_reviews);
    }
}

/// The period a use-report step records unless the clerk says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NextReport {
    pub year: i32,
    /// 1 or 2 for a half-yearly period; `None` for a year.
    pub half: Option<u8>,
}

/// A clerk kept a user's right though its reports showed two years without use, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NoUseReview {
    pub on: NaiveDate,
    pub reason: String,
}

/// Years of reported non-use after which stopping the right is proposed (the clerk decides).
pub const NO_USE_YEARS: i32 = 2;

/// 初审 at the county/city bureau, usually with an on-site check (现场核查).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FirstReview {
    pub on: NaiveDate,
    pub onsite_check_on: Option<NaiveDate>,
    pub onsite_result: Option<String>,
    pub passed: bool,
    pub note: Option<String>,
}

/// 省级审核.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Review {
    pub on: NaiveDate,
    pub passed: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Decision {
    Approved {
        announcement_no: String,
        announced_on: NaiveDate,
    },
    Rejected {
        on: NaiveDate,
        reason: String,
    },
    /// A collective mark's user: joined the registrant association (no approval flow).
    Joined {
        on: NaiveDate,
        membership_no: Option<String>,
    },
    /// A certification mark's user: licensed by the registrant.
    Licensed {
        on: NaiveDate,
        licence_no: String,
    },
    /// A certification mark's registrant refused a producer. It may not refuse one that meets
    /// the rules (regulations art. 4 para 2): the reason is kept and the refusal flagged.
    Refused {
        on: NaiveDate,
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum UseStatus {
    Active,
    Suspended,
    Withdrawn,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StatusChange {
    pub status: UseStatus,
    pub on: NaiveDate,
    pub reason: String,
}

/// 使用情况报告: one per reporting period (a year, or a half-year where the bureau asks for
/// that), due by the day the bureau sets, received (or not), with what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct UseReport {
    pub year: i32,
    /// 1 or 2 for a half-yearly period; `None` for a year.
    #[serde(default)]
    pub half: Option<u8>,
    pub due_on: NaiveDate,
    pub received_on: Option<NaiveDate>,
    /// Whether the special mark was used in the period.
    #[serde(default)]
    pub used: Option<bool>,
    /// Output in the period, as reported (with its unit).
    #[serde(default)]
    pub output: Option<String>,
    /// Labels (special-mark prints) used.
    #[serde(default)]
    pub labels: Option<u32>,
    /// E-commerce listings where the mark is shown.
    #[serde(default)]
    pub links: Vec<String>,
}

/// How often users report, as the bureau sets it: the frequency is local, not fixed by the
/// rules (专用标志使用管理办法（试行） asks for regular reports).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ReportPeriod {
    #[default]
    Yearly,
    HalfYearly,
}

/// The bureau's reporting schedule: the period, and how many days after its end a report is
/// due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportSchedule {
    pub period: ReportPeriod,
    pub due_days: u32,
}

impl Default for ReportSchedule {
    fn default() -> Self {
        Self {
            period: ReportPeriod::Yearly,
            due_days: 90,
        }
    }
}

impl ReportSchedule {
    /// The last day of a period: 31 December, or 30 June for a first half (whatever the
    /// schedule).
    pub fn period_end(year: i32, half: Option<u8>) -> NaiveDate {
        let (m, d) = if half == Some(1) { (6, 30) } else { (12, 31) };
        NaiveDate::from_ymd_opt(year, m, d).expect("a valid day")
    }

    /// When a period's report is due by this schedule.
    pub fn due_on(&self, year: i32, half: Option<u8>) -> NaiveDate {
        crate::date::add_days(Self::period_end(year, half), i64::from(self.due_days))
    }

    /// Check a period against the schedule: a half is asked for exactly when the bureau
    /// reports half-yearly.
    pub fn check_half(&self, half: Option<u8>) -> Result<Option<u8>, Violation> {
        match (self.period, half) {
            (ReportPeriod::Yearly, None) => Ok(None),
            (ReportPeriod::HalfYearly, Some(h @ (1 | 2))) => Ok(Some(h)),
            (ReportPeriod::HalfYearly, None) => Err(Violation::required().at("half")),
            (ReportPeriod::Yearly, Some(h)) => {
                Err(Violation::enum_value(h, "无（按年报告） / none (yearly reports)").at("half"))
            }
            (ReportPeriod::HalfYearly, Some(h)) => Err(Violation::enum_value(h, "1, 2").at("half")),
        }
    }
}

/// A use report as a step records it: the period, its days, and what it says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportEntry {
    pub year: i32,
    pub half: Option<u8>,
    pub due_on: Option<NaiveDate>,
    pub received_on: Option<NaiveDate>,
    pub content: ReportContent,
}

/// What a use report says, as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportContent {
    pub used: Option<bool>,
    pub output: Option<String>,
    pub labels: Option<u32>,
    pub links: Vec<String>,
}

/// Where an authorised user stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum UserStage {
    Applied,
    FirstReviewed,
    ProvinciallyReviewed,
    Rejected,
    Active,
    Suspended,
    Withdrawn,
}

impl UserStage {
    pub fn key(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::FirstReviewed => "first_reviewed",
            Self::ProvinciallyReviewed => "provincially_reviewed",
            Self::Rejected => "rejected",
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Withdrawn => "withdrawn",
        }
    }
}

impl UserStage {
    /// The steps a user of `kind` at this stage may take next (the one table the flow
    /// checks). A GI product's producer is reviewed and approved; a collective mark's user
    /// joins the registrant association and may leave it; a certification mark's user is
    /// licensed, or refused with a reason.
    pub fn steps(self, kind: UserKind) -> &'static [&'static str] {
        use UserKind::*;
        match (self, kind) {
            (Self::Applied, CollectiveMember) => &["join"],
            (Self::Applied, CertificationLicensee) => &["license", "refuse"],
            (Self::Applied, _) => &["first_review", "reject"],
            (Self::FirstReviewed, _) => &["provincial_review", "reject"],
            (Self::ProvinciallyReviewed, _) => &["approve", "reject"],
            (Self::Active, CollectiveMember) => &["use_report", "suspend", "leave"],
            (Self::Active, _) => &["use_report", "suspend", "withdraw"],
            (Self::Suspended, CollectiveMember) => &["use_report", "reinstate", "leave"],
            (Self::Suspended, _) => &["use_report", "reinstate", "withdraw"],
            (Self::Rejected | Self::Withdrawn, _) => &[],
        }
    }
}

/// A step of the user flow as its form offers it.
pub fn step_offer(step: &str) -> StepOffer {
    match step {
        "first_review" => StepOffer {
            reason_if_failed: true,
            ..StepOffer::new(
                step,
                &["on", "onsite_check_on", "onsite_result", "passed", "reason"],
                &["on"],
            )
        },
        "provincial_review" => StepOffer {
            reason_if_failed: true,
            ..StepOffer::new(step, &["on", "passed", "reason"], &["on"])
        },
        "approve" => StepOffer::new(
            step,
            &["announcement_no", "announced_on"],
            &["announcement_no", "announced_on"],
        ),
        "use_report" => StepOffer::new(
            step,
            &[
                "year",
                "half",
                "due_on",
                "received_on",
                "used",
                "output",
                "labels",
                "links",
            ],
            &["year"],
        ),
        "join" => StepOffer::new(step, &["on", "membership_no"], &["on"]),
        "keep_use" => StepOffer::new(step, &["on", "reason"], &["on", "reason"]),
        "license" => StepOffer::new(step, &["on", "licence_no"], &["on", "licence_no"]),
        "leave" => StepOffer {
            legal: true,
            ..StepOffer::new(step, &["on", "reason"], &["on"])
        },
        // reject, suspend, reinstate, withdraw: legal-status changes, with a reason.
        _ => StepOffer {
            legal: true,
            ..StepOffer::new(step, &["on", "reason"], &["on", "reason"])
        },
    }
}

/// What a user's right to the special mark rests on, as of a day: whether the GI product was
/// revoked, and the standing of its GI marks (kind and standing).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GiBasis {
    pub product_revoked_on: Option<NaiveDate>,
    pub marks: Vec<(crate::trademark::MarkKind, crate::trademark::Standing)>,
}

impl GiBasis {
    /// Why a user of `kind` has no basis on this product: it was revoked (an approved
    /// producer's basis), or every GI mark of the kind the user relies on has ended (a
    /// collective member's or a certification licensee's). `None` while that basis stands.
    pub fn gone_for(&self, kind: UserKind) -> Option<crate::text::Bilingual> {
        use crate::trademark::MarkKind;
        let relies_on = match kind {
            UserKind::ApprovedProducer => {
                return self.product_revoked_on.map(|on| {
                    crate::text::Bilingual::new(
                        format!("地理标志产品已于 {on} 被撤销，使用人失去使用依据"),
                        format!("the GI product was revoked on {on}: the user has no basis"),
                    )
                });
            }
            UserKind::CollectiveMember => MarkKind::Collective,
            UserKind::CertificationLicensee => MarkKind::Certification,
            UserKind::OtherRecorded => return None,
        };
        let marks: Vec<_> = self.marks.iter().filter(|(k, _)| *k == relies_on).collect();
        (!marks.is_empty() && marks.iter().all(|(_, s)| mark_ended(*s))).then(|| {
            crate::text::Bilingual::new(
                "所依据的地理标志商标已失效（期满未续展、注销、撤销或宣告无效），使用人失去使用依据",
                "the GI mark the user relies on has ended (lapsed, cancelled, revoked or invalidated): the user has no basis",
            )
        })
    }

    /// Whether a user of some kind has lost its basis on this product (see [`Self::gone_for`]):
    /// only such a product's users need to be judged one by one.
    pub fn gone_for_any(&self) -> bool {
        [
            UserKind::ApprovedProducer,
            UserKind::CollectiveMember,
            UserKind::CertificationLicensee,
            UserKind::OtherRecorded,
        ]
        .into_iter()
        .any(|k| self.gone_for(k).is_some())
    }
}

/// Whether a GI mark's standing has ended the right it gives (lapsed, deregistered, revoked,
/// invalidated).
fn mark_ended(s: crate::trademark::Standing) -> bool {
    s.ended()
}

fn refuse(stage: UserStage, action: &str) -> Violation {
    Violation::flow_order(stage.key(), action)
}

fn need_reason(reason: &str) -> Result<String, Violation> {
    crate::text::trimmed(reason).ok_or_else(|| Violation::reason_required().at("reason"))
}

impl AuthorisedUser {
    /// The steps this user may take next, as their forms offer them; with a proposal to stop
    /// the right for non-use pending, keeping it (with a reason) too.
    pub fn next_steps(&self) -> Vec<StepOffer> {
        self.steps().iter().map(|s| step_offer(s)).collect()
    }

    fn steps(&self) -> Vec<&'static str> {
        let mut steps = self.stage().steps(self.kind).to_vec();
        if self.no_use_proposal().is_some() {
            steps.push("keep_use");
        }
        steps
    }

    /// Refuse `step` unless the stage allows it.
    fn allow(&self, step: &str) -> Result<(), Violation> {
        let stage = self.stage();
        if self.steps().contains(&step) {
            Ok(())
        } else {
            Err(refuse(stage, step))
        }
    }

    pub fn stage(&self) -> UserStage {
        match &self.decision {
            Some(Decision::Rejected { .. } | Decision::Refused { .. }) => UserStage::Rejected,
            Some(
                Decision::Approved { .. } | Decision::Joined { .. } | Decision::Licensed { .. },
            ) => match self.status_events.last().map(|e| e.status) {
                None | Some(UseStatus::Active) => UserStage::Active,
                Some(UseStatus::Suspended) => UserStage::Suspended,
                Some(UseStatus::Withdrawn) => UserStage::Withdrawn,
            },
            None if self.provincial_review.is_some() => UserStage::ProvinciallyReviewed,
            None if self.first_review.is_some() => UserStage::FirstReviewed,
            None => UserStage::Applied,
        }
    }

    /// Why this user, though active, no longer has a basis to use the special mark: the GI
    /// product was revoked (an approved producer's basis), or every GI mark of the kind it
    /// relies on has ended (a collective member's or a certification licensee's). Such a user
    /// is flagged and never printed as authorised. `None` while the basis stands, or for a
    /// user not (or no longer) active.
    pub fn basis_gone(&self, basis: &GiBasis) -> Option<crate::text::Bilingual> {
        if !matches!(self.stage(), UserStage::Active | UserStage::Suspended) {
            return None;
        }
        basis.gone_for(self.kind)
    }

    /// The date of the last step so far; a new step may not be dated before it.
    fn last_date(&self) -> NaiveDate {
        let mut d = self.applied_on;
        if let Some(r) = &self.first_review {
            d = d.max(r.on);
        }
        if let Some(r) = &self.provincial_review {
            d = d.max(r.on);
        }
        match &self.decision {
            Some(Decision::Approved { announced_on, .. }) => d = d.max(*announced_on),
            Some(
                Decision::Rejected { on, .. }
                | Decision::Joined { on, .. }
                | Decision::Licensed { on, .. }
                | Decision::Refused { on, .. },
            ) => d = d.max(*on),
            None => {}
        }
        self.status_events.last().map_or(d, |e| d.max(e.on))
    }

    fn not_before(&self, on: NaiveDate) -> Result<(), Violation> {
        let last = self.last_date();
        if on < last {
            return Err(Violation::date_order(last, on).at("on"));
        }
        Ok(())
    }

    /// First review at the county; a failed review rejects the application (reason required).
    pub fn first_review(&mut self, review: FirstReview, reason: &str) -> Result<(), Violation> {
        self.allow("first_review")?;
        self.not_before(review.on)?;
        if let Some(check) = review.onsite_check_on
            && check < self.applied_on
        {
            return Err(Violation::date_order(self.applied_on, check).at("onsite_check_on"));
        }
        if !review.passed {
            let reason = need_reason(reason)?;
            self.decision = Some(Decision::Rejected {
                on: review.on,
                reason,
            });
        }
        self.first_review = Some(review);
        Ok(())
    }

    pub fn provincial_review(&mut self, review: Review, reason: &str) -> Result<(), Violation> {
        self.allow("provincial_review")?;
        self.not_before(review.on)?;
        if !review.passed {
            let reason = need_reason(reason)?;
            self.decision = Some(Decision::Rejected {
                on: review.on,
                reason,
            });
        }
        self.provincial_review = Some(review);
        Ok(())
    }

    pub fn approve(
        &mut self,
        announcement_no: &str,
        announced_on: NaiveDate,
    ) -> Result<(), Violation> {
        self.allow("approve")?;
        self.not_before(announced_on)?;
        let announcement_no = crate::text::trimmed(announcement_no)
            .ok_or_else(|| Violation::required().at("announcement_no"))?;
        self.decision = Some(Decision::Approved {
            announcement_no,
            announced_on,
        });
        Ok(())
    }

    /// The proposal to stop this user's right: its latest use reports, covering at least
    /// [`NO_USE_YEARS`] years, all say the mark was not used, and no clerk has decided to keep
    /// the right since. The clerk decides (suspend, withdraw, or keep with a reason): nothing
    /// happens by itself.
    pub fn no_use_proposal(&self) -> Option<crate::text::Bilingual> {
        // A suspension is a decision already taken.
        if self.stage() != UserStage::Active {
            return None;
        }
        let said: Vec<&UseReport> = self
            .use_reports
            .iter()
            .filter(|r| r.used.is_some())
            .collect();
        let run: Vec<&&UseReport> = said
            .iter()
            .rev()
            .take_while(|r| r.used == Some(false))
            .collect();
        let (last, first) = (run.first()?, run.last()?);
        let from = match first.half {
            Some(2) => NaiveDate::from_ymd_opt(first.year, 7, 1),
            _ => NaiveDate::from_ymd_opt(first.year, 1, 1),
        }?;
        let to = ReportSchedule::period_end(last.year, last.half);
        let years = crate::date::anniversary(from, NO_USE_YEARS as u32);
        if to < crate::date::add_days(years, -1) {
            return None;
        }
        if self.no_use_reviews.iter().any(|r| r.on > to) {
            return None;
        }
        Some(crate::text::Bilingual::new(
            format!("{from} 至 {to} 的使用情况报告均为未使用：建议停止其使用专用标志，请作出决定"),
            format!(
                "the use reports from {from} to {to} all say the mark was not used: stopping the right is proposed; decide"
            ),
        ))
    }

    /// The report a use-report step most likely records: the earliest one still awaited, else
    /// the year before `today`'s.
    pub fn next_report(&self, today: NaiveDate) -> NextReport {
        self.use_reports
            .iter()
            .filter(|r| r.received_on.is_none())
            .min_by_key(|r| (r.year, r.half))
            .map_or(
                NextReport {
                    year: today.year() - 1,
                    half: None,
                },
                |r| NextReport {
                    year: r.year,
                    half: r.half,
                },
            )
    }

    /// Keep the right after a non-use proposal, with the reason (e.g. production resumed).
    pub fn keep_use(&mut self, on: NaiveDate, reason: &str) -> Result<(), Violation> {
        self.allow("keep_use")?;
        self.not_before(on)?;
        self.no_use_reviews.push(NoUseReview {
            on,
            reason: need_reason(reason)?,
        });
        Ok(())
    }

    /// A collective mark's user joins the registrant association: its right to the mark.
    pub fn join(&mut self, on: NaiveDate, membership_no: Option<&str>) -> Result<(), Violation> {
        self.allow("join")?;
        self.not_before(on)?;
        self.decision = Some(Decision::Joined {
            on,
            membership_no: membership_no.and_then(crate::text::trimmed),
        });
        Ok(())
    }

    /// A certification mark's registrant licenses the producer.
    pub fn license(&mut self, on: NaiveDate, licence_no: &str) -> Result<(), Violation> {
        self.allow("license")?;
        self.not_before(on)?;
        let licence_no = crate::text::trimmed(licence_no)
            .ok_or_else(|| Violation::required().at("licence_no"))?;
        self.decision = Some(Decision::Licensed { on, licence_no });
        Ok(())
    }

    /// A certification mark's registrant refuses the producer, with its reason.
    pub fn refuse(&mut self, on: NaiveDate, reason: &str) -> Result<(), Violation> {
        self.allow("refuse")?;
        self.not_before(on)?;
        self.decision = Some(Decision::Refused {
            on,
            reason: need_reason(reason)?,
        });
        Ok(())
    }

    /// Why the bureau should look at this user: a certification mark's registrant refused
    /// it, which the regulations (art. 4 para 2) allow only for a producer not meeting the
    /// rules.
    pub fn refusal_flag(&self) -> Option<crate::text::Bilingual> {
        match &self.decision {
            Some(Decision::Refused { on, reason }) => Some(crate::text::Bilingual::new(
                format!(
                    "证明商标注册人于 {on} 拒绝许可（理由：{reason}）：注册人不得拒绝符合条件的生产者使用（商标法实施条例第四条第二款），请核查"
                ),
                format!(
                    "the certification mark's registrant refused a licence on {on} ({reason}): it may not refuse a producer meeting the rules (regulations art. 4 para 2); check it"
                ),
            )),
            _ => None,
        }
    }

    /// Reject an application still under review.
    pub fn reject(&mut self, on: NaiveDate, reason: &str) -> Result<(), Violation> {
        self.allow("reject")?;
        self.not_before(on)?;
        self.decision = Some(Decision::Rejected {
            on,
            reason: need_reason(reason)?,
        });
        Ok(())
    }

    /// Move an approved user between active, suspended and withdrawn (final). A reason is
    /// always required: these are legal-status changes.
    pub fn change_status(
        &mut self,
        status: UseStatus,
        on: NaiveDate,
        reason: &str,
    ) -> Result<(), Violation> {
        self.allow(match status {
            UseStatus::Active => "reinstate",
            UseStatus::Suspended => "suspend",
            UseStatus::Withdrawn => "withdraw",
        })?;
        self.not_before(on)?;
        self.status_events.push(StatusChange {
            status,
            on,
            reason: need_reason(reason)?,
        });
        Ok(())
    }

    /// A collective mark's user leaves the registrant association: its right ends that day.
    pub fn leave(&mut self, on: NaiveDate, reason: &str) -> Result<(), Violation> {
        self.allow("leave")?;
        self.not_before(on)?;
        self.status_events.push(StatusChange {
            status: UseStatus::Withdrawn,
            on,
            reason: crate::text::trimmed(reason).unwrap_or_else(|| "退出注册人协会".into()),
        });
        Ok(())
    }

    /// Open a period's use report (due by the bureau's schedule unless a day is given), or
    /// record its receipt and what it says. The period is a year, or a half-year where the
    /// bureau reports half-yearly.
    pub fn record_use_report(
        &mut self,
        entry: ReportEntry,
        schedule: &ReportSchedule,
    ) -> Result<(), Violation> {
        self.allow("use_report")?;
        if !(1949..=2200).contains(&entry.year) {
            return Err(Violation::period_format(entry.year).at("year"));
        }
        let ReportEntry {
            year,
            half,
            due_on,
            received_on,
            content,
        } = entry;
        if content.links.iter().any(|l| l.chars().count() > LINE_MAX) {
            return Err(Violation::too_long(LINE_MAX).at("links"));
        }
        match self
            .use_reports
            .iter_mut()
            .find(|r| r.year == year && r.half == half)
        {
            Some(r) => {
                if let Some(d) = due_on {
                    r.due_on = d;
                }
                if received_on.is_some() {
                    r.received_on = received_on;
                }
                if content.used.is_some() {
                    r.used = content.used;
                }
                if content.output.is_some() {
                    r.output = content.output;
                }
                if content.labels.is_some() {
                    r.labels = content.labels;
                }
                if !content.links.is_empty() {
                    r.links = content.links;
                }
            }
            None => {
                let half = schedule.check_half(half)?;
                self.use_reports.push(UseReport {
                    year,
                    half,
                    due_on: due_on.unwrap_or_else(|| schedule.due_on(year, half)),
                    received_on,
                    used: content.used,
                    output: content.output,
                    labels: content.labels,
                    links: content.links,
                });
                self.use_reports.sort_by_key(|r| (r.year, r.half));
            }
        }
        Ok(())
    }

    pub fn to_input(&self, lookup: &dyn Lookup) -> UserInput {
        UserInput {
            gi: Some(show_ref(lookup, RecordKind::Gi, self.gi_id)),
            enterprise: Some(show_ref(lookup, RecordKind::Enterprise, self.enterprise_id)),
            kind: Some(
                serde_json::to_value(self.kind)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned(),
            ),
            applied_on: Some(self.applied_on.to_string()),
            notes: self.notes.clone(),
        }
    }
}

/// The fields of an authorised user a clerk edits directly; the flow moves only through the
/// transitions above.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct UserInput {
    pub gi: Option<String>,
    pub enterprise: Option<String>,
    pub kind: Option<String>,
    pub applied_on: Option<String>,
    pub notes: Option<String>,
}

impl UserInput {
    /// Parse the attributes; the user has no flow yet (see [`crate::record::Lifecycle`]).
    /// `existing` is the record an edit changes, for the rules an edit has: an application
    /// date no later than the first review.
    pub fn parse(
        &self,
        lookup: &dyn Lookup,
        existing: Option<&AuthorisedUser>,
    ) -> Result<AuthorisedUser, Violations> {
        let mut v = Violations::default();
        let gi = v.check("gi", || {
            resolve(lookup, RecordKind::Gi, self.gi.as_deref().unwrap_or(""))
        });
        let enterprise = v.check("enterprise", || {
            resolve(
                lookup,
                RecordKind::Enterprise,
                self.enterprise.as_deref().unwrap_or(""),
            )
        });
        let kind = v.check("kind", || match self.kind.as_deref().map(str::trim) {
            None | Some("") => Ok(UserKind::ApprovedProducer),
            Some(k) => enum_value(k, USER_KINDS),
        });
        let applied_on = v.check("applied_on", || {
            crate::date::parse_date(self.applied_on.as_deref().unwrap_or(""))
        });
        if let (Some(Some(e)), Some(a)) = (
            existing.map(|e| e.first_review.as_ref().map(|r| r.on)),
            applied_on,
        ) && a > e
        {
            v.push(Violation::date_order(a, e).at("applied_on"));
        }
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| AuthorisedUser {
            gi_id: gi.unwrap(),
            enterprise_id: enterprise.unwrap(),
            kind: kind.unwrap(),
            applied_on: applied_on.unwrap(),
            first_review: None,
            provincial_review: None,
            decision: None,
            status_events: vec![],
            use_reports: vec![],
            no_use_reviews: vec![],
            notes: notes.unwrap(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;
    use uuid::Uuid;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn applied() -> AuthorisedUser {
        AuthorisedUser {
            gi_id: RecordId(Uuid::nil()),
            enterprise_id: RecordId(Uuid::nil()),
            kind: UserKind::ApprovedProducer,
            applied_on: d("2024-03-01"),
            first_review: None,
            provincial_review: None,
            decision: None,
            status_events: vec![],
            use_reports: vec![],
            no_use_reviews: vec![],
            notes: None,
        }
    }

    #[test]
    fn a_use_report_form_starts_with_the_earliest_awaited_period_else_last_year() {
        let mut u = applied();
        assert_eq!(
            u.next_report(d("2026-12-03")),
            NextReport {
                year: 2025,
                half: None
            }
        );
        let report = |year: i32, half: Option<u8>, received: Option<&str>| UseReport {
            year,
            half,
            due_on: d(&format!("{}-03-31", year + 1)),
            received_on: received.map(d),
            used: None,
            output: None,
            labels: None,
            links: vec![],
        };
        u.use_reports = vec![
            report(2023, None, Some("2024-03-01")),
            report(2025, Some(2), None),
            report(2025, Some(1), None),
        ];
        assert_eq!(
            u.next_report(d("2026-12-03")),
            NextReport {
                year: 2025,
                half: Some(1)
            }
        );
    }

    fn review(on: &str, passed: bool) -> FirstReview {
        FirstReview {
            on: d(on),
            onsite_check_on: Some(d("2024-03-05")),
            onsite_result: Some("符合".into()),
            passed,
            note: None,
        }
    }

    #[test]
    fn user_flow_applied_to_active_then_suspend_reinstate_withdraw() {
        let mut u = applied();
        u.first_review(review("2024-03-10", true), "").unwrap();
        assert_eq!(u.stage(), UserStage::FirstReviewed);
        u.provincial_review(
            Review {
                on: d("2024-04-01"),
                passed: true,
                note: None,
            },
            "",
        )
        .unwrap();
        u.approve("国家知识产权局公告第600号", d("2024-06-01"))
            .unwrap();
        assert_eq!(u.stage(), UserStage::Active);
        u.change_status(UseStatus::Suspended, d("2025-01-01"), "标注不规范")
            .unwrap();
        assert_eq!(u.stage(), UserStage::Suspended);
        u.change_status(UseStatus::Active, d("2025-02-01"), "已整改")
            .unwrap();
        u.change_status(UseStatus::Withdrawn, d("2025-03-01"), "停止生产")
            .unwrap();
        assert_eq!(u.stage(), UserStage::Withdrawn);
        let e = u
            .change_status(UseStatus::Active, d("2025-04-01"), "x")
            .unwrap_err();
        assert_eq!(e.rule, Rule::FlowOrder);
    }

    #[test]
    fn user_flow_refuses_skipping_steps_and_backdating() {
        let mut u = applied();
        assert_eq!(
            u.approve("公告", d("2024-06-01")).unwrap_err().rule,
            Rule::FlowOrder
        );
        assert_eq!(
            u.provincial_review(
                Review {
                    on: d("2024-04-01"),
                    passed: true,
                    note: None
                },
                ""
            )
            .unwrap_err()
            .rule,
            Rule::FlowOrder
        );
        assert_eq!(
            u.first_review(review("2024-02-01", true), "")
                .unwrap_err()
                .rule,
            Rule::DateOrder
        );
    }

    #[test]
    fn user_rejection_and_withdrawal_need_a_reason() {
        let mut u = applied();
        assert_eq!(
            u.first_review(review("2024-03-10", false), " ")
                .unwrap_err()
                .rule,
            Rule::ReasonRequired
        );
        assert_eq!(u.stage(), UserStage::Applied, "nothing changed on error");
        u.first_review(review("2024-03-10", false), "现场核查不符合")
            .unwrap();
        assert_eq!(u.stage(), UserStage::Rejected);
        assert_eq!(
            u.reject(d("2024-04-01"), "x").unwrap_err().rule,
            Rule::FlowOrder
        );
    }

    fn entry(
        year: i32,
        half: Option<u8>,
        due: Option<&str>,
        received: Option<&str>,
    ) -> ReportEntry {
        ReportEntry {
            year,
            half,
            due_on: due.map(d),
            received_on: received.map(d),
            content: ReportContent::default(),
        }
    }

    #[test]
    fn use_reports_only_for_approved_users() {
        let yearly = ReportSchedule::default();
        let mut u = applied();
        assert_eq!(
            u.record_use_report(entry(2024, None, Some("2025-03-31"), None), &yearly)
                .unwrap_err()
                .rule,
            Rule::FlowOrder
        );
        u.first_review(review("2024-03-10", true), "").unwrap();
        u.provincial_review(
            Review {
                on: d("2024-04-01"),
                passed: true,
                note: None,
            },
            "",
        )
        .unwrap();
        u.approve("公告", d("2024-06-01")).unwrap();
        u.record_use_report(entry(2024, None, Some("2025-03-31"), None), &yearly)
            .unwrap();
        u.record_use_report(
            ReportEntry {
                content: ReportContent {
                    used: Some(true),
                    output: Some("干茶 12 吨".into()),
                    labels: Some(30_000),
                    links: vec!["https://shop.example/maojian".into()],
                },
                ..entry(2024, None, None, Some("2025-03-20"))
            },
            &yearly,
        )
        .unwrap();
        let r = &u.use_reports[0];
        assert_eq!(r.received_on, Some(d("2025-03-20")));
        assert_eq!((r.used, r.labels), (Some(true), Some(30_000)));
        // No day given: due by the bureau's schedule (here 90 days after the year), never a
        // fixed 31 March.
        u.record_use_report(entry(2025, None, None, None), &yearly)
            .unwrap();
        assert_eq!(u.use_reports[1].due_on, d("2026-03-31"));
        let half_yearly = ReportSchedule {
            period: ReportPeriod::HalfYearly,
            due_days: 30,
        };
        assert_eq!(
            u.record_use_report(entry(2026, None, None, None), &half_yearly)
                .unwrap_err()
                .field
                .as_deref(),
            Some("half")
        );
        u.record_use_report(entry(2026, Some(1), None, None), &half_yearly)
            .unwrap();
        assert_eq!(u.use_reports[2].due_on, d("2026-07-30"));
    }

    /// Users lose their basis when what they rely on ends: an approved producer when the GI
    /// product is revoked; a collective member when every collective GI mark of the product
    /// has ended; a certification licensee likewise with the certification marks. A
    /// certification mark's end does not touch a collective member.
    #[test]
    fn a_user_loses_its_basis_with_what_it_relies_on() {
        use crate::trademark::{MarkKind, Standing};
        let active = |kind| AuthorisedUser {
            kind,
            decision: Some(Decision::Approved {
                announcement_no: "2024年第1号".into(),
                announced_on: d("2024-06-01"),
            }),
            ..applied()
        };
        let basis = |revoked: Option<&str>, marks: Vec<(MarkKind, Standing)>| GiBasis {
            product_revoked_on: revoked.map(d),
            marks,
        };
        let producer = active(UserKind::ApprovedProducer);
        assert!(producer.basis_gone(&basis(None, vec![])).is_none());
        let why = producer
            .basis_gone(&basis(Some("2026-05-01"), vec![]))
            .unwrap();
        assert!(why.zh.contains("2026-05-01"));

        let member = active(UserKind::CollectiveMember);
        let licensee = active(UserKind::CertificationLicensee);
        let marks = vec![
            (MarkKind::Collective, Standing::Registered),
            (MarkKind::Certification, Standing::Invalidated),
        ];
        assert!(member.basis_gone(&basis(None, marks.clone())).is_none());
        assert!(licensee.basis_gone(&basis(None, marks)).is_some());
        let lapsed = vec![(MarkKind::Collective, Standing::Lapsed)];
        assert!(member.basis_gone(&basis(None, lapsed.clone())).is_some());
        // In the grace period the mark still stands.
        let grace = vec![(MarkKind::Collective, Standing::InGrace)];
        assert!(member.basis_gone(&basis(None, grace)).is_none());
        // A user not yet approved has no basis to lose.
        assert!(
            applied()
                .basis_gone(&basis(Some("2026-05-01"), lapsed))
                .is_none()
        );
    }

    /// The users of a GI mark qualify by what the mark's law gives them, not by the GI
    /// product's approval flow: a collective mark's user by membership (join, leave), a
    /// certification mark's user by licence (the registrant may refuse only with a reason,
    /// and the refusal is flagged: regulations art. 4 para 2).
    #[test]
    fn each_kind_of_user_enters_by_its_own_step() {
        let mut member = AuthorisedUser {
            kind: UserKind::CollectiveMember,
            ..applied()
        };
        let steps = |u: &AuthorisedUser| -> Vec<String> {
            u.next_steps().into_iter().map(|s| s.step).collect()
        };
        assert_eq!(steps(&member), ["join"]);
        assert_eq!(
            member
                .first_review(review("2024-03-10", true), "")
                .unwrap_err()
                .rule,
            crate::Rule::FlowOrder
        );
        member.join(d("2024-03-05"), Some("会员 018")).unwrap();
        assert_eq!(member.stage(), UserStage::Active);
        assert_eq!(steps(&member), ["use_report", "suspend", "leave"]);
        assert_eq!(
            member.join(d("2024-02-01"), None).unwrap_err().rule,
            crate::Rule::FlowOrder
        );
        let early = member.leave(d("2024-03-01"), "").unwrap_err();
        assert_eq!(early.rule, crate::Rule::DateOrder);
        member.leave(d("2025-12-31"), "").unwrap();
        assert_eq!(member.stage(), UserStage::Withdrawn);
        assert_eq!(member.status_events[0].reason, "退出注册人协会");

        let licensee = || AuthorisedUser {
            kind: UserKind::CertificationLicensee,
            ..applied()
        };
        let mut ok = licensee();
        assert_eq!(steps(&ok), ["license", "refuse"]);
        assert_eq!(
            ok.license(d("2024-04-01"), " ")
                .unwrap_err()
                .field
                .as_deref(),
            Some("licence_no")
        );
        ok.license(d("2024-04-01"), "信茶协许字〔2024〕12号")
            .unwrap();
        assert_eq!(ok.stage(), UserStage::Active);
        assert!(ok.refusal_flag().is_none());
        let mut refused = licensee();
        assert_eq!(
            refused.refuse(d("2024-04-01"), " ").unwrap_err().rule,
            crate::Rule::ReasonRequired
        );
        refused.refuse(d("2024-04-01"), "未按标准生产").unwrap();
        assert_eq!(refused.stage(), UserStage::Rejected);
        let flag = refused.refusal_flag().unwrap();
        assert!(flag.zh.contains("第四条第二款") && flag.zh.contains("未按标准生产"));

        // A GI product's producer still goes through review and approval.
        assert_eq!(steps(&applied()), ["first_review", "reject"]);
    }

    /// Two years of reports saying the mark was not used propose stopping the right; one
    /// year does not, a later report of use ends the proposal, and so does a clerk keeping
    /// the right with a reason (until further non-use is reported after that decision).
    #[test]
    fn two_years_without_use_propose_stopping_the_right() {
        let yearly = ReportSchedule::default();
        let mut u = AuthorisedUser {
            decision: Some(Decision::Approved {
                announcement_no: "公告".into(),
                announced_on: d("2022-06-01"),
            }),
            ..applied()
        };
        let report = |u: &mut AuthorisedUser, year: i32, used: bool| {
            u.record_use_report(
                ReportEntry {
                    content: ReportContent {
                        used: Some(used),
                        ..ReportContent::default()
                    },
                    ..entry(year, None, None, Some(&format!("{}-03-01", year + 1)))
                },
                &yearly,
            )
            .unwrap();
        };
        report(&mut u, 2022, true);
        report(&mut u, 2023, false);
        assert!(u.no_use_proposal().is_none(), "one year is not two");
        report(&mut u, 2024, false);
        let p = u.no_use_proposal().unwrap();
        assert!(p.zh.contains("2023-01-01 至 2024-12-31"), "{}", p.zh);
        let steps: Vec<String> = u.next_steps().into_iter().map(|s| s.step).collect();
        assert!(steps.contains(&"keep_use".to_owned()));
        assert_eq!(
            u.keep_use(d("2025-04-01"), " ").unwrap_err().rule,
            Rule::ReasonRequired
        );
        u.keep_use(d("2025-04-01"), "2025年恢复生产，已提交采购合同")
            .unwrap();
        assert!(u.no_use_proposal().is_none());
        report(&mut u, 2025, false);
        assert!(
            u.no_use_proposal().is_some(),
            "non-use reported after the decision"
        );
        report(&mut u, 2026, true);
        assert!(u.no_use_proposal().is_none());
    }
}

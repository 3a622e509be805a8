//! Trademarks (商标): ordinary, collective and certification marks, GI or not, with their term,
//! renewals, licences, assignments, pledges and termination.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{MAX_MOVE_DAYS, WorkingCalendar};
use crate::date::{add_days, parse_date};
use crate::error::Violations;
use crate::record::{
    LINE_MAX, Lookup, NAME_MAX, RecordId, RecordKind, StepOffer, enum_value, optional_date,
    optional_text, required_text, resolve, show_ref,
};
use crate::term::{RenewalStatus, Term};
use crate::text::Bilingual;
use crate::{Fen, NiceClass, RegNo, Violation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    Ordinary,
    Collective,
    Certification,
}

impl MarkKind {
    pub fn key(self) -> &'static str {
        match self {
            Self::Ordinary => "ordinary",
            Self::Collective => "collective",
            Self::Certification => "certification",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Trademark {
    pub reg_no: RegNo,
    /// The mark as words (or a description of a device mark).
    pub name: String,
    pub classes: Vec<NiceClass>,
    pub goods: Option<String>,
    /// The current registrant; assignments change it and are kept in `assignments`.
    pub registrant_id: RecordId,
    pub kind: MarkKind,
    pub gi: bool,
    pub filed_on: Option<NaiveDate>,
    /// `None` while the application is pending (or the date is not known yet).
    pub registered_on: Option<NaiveDate>,
    pub renewals: Vec<Renewal>,
    pub licences: Vec<Licence>,
    pub assignments: Vec<Assignment>,
    pub pledges: Vec<Pledge>,
    pub termination: Option<Termination>,
    pub notes: Option<String>,
}

impl Trademark {
    /// An edit does not move an assigned mark to another registrant: once an assignment is
    /// recorded the assignments say who holds it, and a new holder is a new assignment.
    pub fn check_registrant_edit(&self, current: &Trademark) -> Result<(), Violation> {
        if current.assignments.is_empty() || self.registrant_id == current.registrant_id {
            return Ok(());
        }
        Err(Violation::flow_order(
            "已转让 / assigned",
            "修改注册人（请登记转让） / change the registrant (record an assignment)",
        )
        .at("registrant"))
    }
}

impl crate::record::Lifecycle for Trademark {
    fn take_lifecycle(&mut self, current: &Self) {
        let Trademark {
            reg_no: _,
            name: _,
            classes: _,
            goods: _,
            kind: _,
            gi: _,
            filed_on: _,
            registered_on: _,
            notes: _,
            registrant_id,
            renewals,
            licences,
            assignments,
            pledges,
            termination,
        } = current;
        // The registrant is typed until an assignment is recorded; from then on the
        // assignments say who it is.
        if !assignments.is_empty() {
            self.registrant_id = *registrant_id;
        }
        self.renewals.clone_from(renewals);
        self.licences.clone_from(licences);
        self.assignments.clone_from(assignments);
        self.pledges.clone_from(pledges);
        self.termination.clone_from(termination);
    }
}

/// A renewal application (Trademark Law art. 40 para 3; regulations art. 33): filed, then
/// approved and announced, or refused. Only an approved renewal starts the next term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Renewal {
    pub filed_on: NaiveDate,
    /// The day the term an approval starts begins: the day after the current term's expiry.
    pub term_starts: NaiveDate,
    /// Filed after the weekend-only last day of a grace period ending in this year, whose
    /// public holidays were not entered: a past fact, recorded rather than refused, to be
    /// checked once the year is entered (see [`Trademark::renewal_notes`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unverified_year: Option<i32>,
    /// CNIPA's decision. A renewal recorded before decisions were kept (schema 13) counted as
    /// granted, so it reads as approved with no announcement on record.
    #[serde(default = "RenewalDecision::recorded_before_decisions")]
    pub decision: RenewalDecision,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RenewalDecision {
    /// 续展审查中: filed, not yet decided.
    Pending,
    /// Approved and announced. Both are required when an approval is recorded; they are
    /// `None` only on renewals recorded before decisions were kept.
    Approved {
        announcement_no: Option<String>,
        announced_on: Option<NaiveDate>,
    },
    Refused {
        on: NaiveDate,
        reason: String,
    },
}

impl RenewalDecision {
    fn recorded_before_decisions() -> Self {
        Self::Approved {
            announcement_no: None,
            announced_on: None,
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved { .. } => "approved",
            Self::Refused { .. } => "refused",
        }
    }
}

/// The kind of a licence (recordal under regulations art. 69): it decides who may sue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum LicenceKind {
    /// 独占使用许可: only the licensee uses the mark, not even the registrant.
    Exclusive,
    /// 排他使用许可: the licensee and the registrant, nobody else.
    Sole,
    /// 普通使用许可: the registrant may license others too.
    Ordinary,
}

/// The pledgee's consent to an assignment or licence while a pledge is in force (Civil Code
/// art. 444 para 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Consent {
    pub on: NaiveDate,
    pub document_no: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Licence {
    pub licensee_id: RecordId,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// An unrecorded licence cannot be opposed to a good-faith third party (art. 43).
    pub recorded: bool,
    pub recordal_no: Option<String>,
    /// The recordal's date; `None` with a number only on licences recorded before schema 13.
    #[serde(default)]
    pub recorded_on: Option<NaiveDate>,
    /// `None` only on licences recorded before schema 13.
    #[serde(default)]
    pub kind: Option<LicenceKind>,
    /// The goods or services licensed; `None` only on licences recorded before schema 13.
    #[serde(default)]
    pub goods: Option<String>,
    #[serde(default)]
    pub consent: Option<Consent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Assignment {
    pub from_id: RecordId,
    pub to_id: RecordId,
    /// The announcement of the approved assignment: the assignee holds the mark from this day
    /// (art. 42 para 4). Before schema 13, the date the clerk gave.
    pub on: NaiveDate,
    /// `None` only on assignments recorded before schema 13.
    #[serde(default)]
    pub announcement_no: Option<String>,
    #[serde(default)]
    pub consent: Option<Consent>,
    /// The registrant's identical or similar marks in a class of this one that stayed behind,
    /// as found when the assignment was recorded (art. 42 para 2).
    #[serde(default)]
    pub kept_similar: Vec<KeptMark>,
}

/// A mark an assignment left with the assignor, as it was then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct KeptMark {
    pub id: RecordId,
    pub reg_no: RegNo,
    pub name: String,
    /// The classes it shares with the assigned mark.
    pub classes: Vec<NiceClass>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Pledge {
    pub pledgee: String,
    pub amount: Fen,
    /// The pledge's registration (出质登记): it exists from this day (Civil Code art. 444).
    #[serde(alias = "from")]
    pub registered_on: NaiveDate,
    /// The registered term's last day, if any.
    #[serde(alias = "to")]
    pub term_ends: Option<NaiveDate>,
    /// Required when a pledge is recorded; `None` only on pledges recorded before schema 13,
    /// which stay in force and are listed for a clerk.
    pub registration_no: Option<String>,
    #[serde(default)]
    pub release: Option<Release>,
}

/// The cancellation of a pledge's registration (质权注销登记).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Release {
    pub on: NaiveDate,
    pub document_no: Option<String>,
}

impl Pledge {
    /// In force from its registration until released or its registered term ends.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.registered_on <= day
            && self.release.as_ref().is_none_or(|r| day < r.on)
            && self.term_ends.is_none_or(|t| day <= t)
    }
}

/// The three ends of a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum TerminationKind {
    /// 注销: not renewed after the grace period (art. 40), or surrendered (regulations art. 73).
    /// Recorded as `cancelled` before schema 13.
    #[serde(alias = "cancelled")]
    Deregistered,
    /// 撤销 (art. 49): the right ends on the announcement (art. 55).
    Revoked,
    /// 宣告无效 (art. 44–45): the right is deemed never to have existed (art. 47 para 1).
    Invalidated,
}

/// Why a registration was deregistered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    NotRenewed,
    Surrendered,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Termination {
    pub kind: TerminationKind,
    /// The date recorded: the deregistration's or revocation's announcement, the invalidation
    /// decision's date.
    pub on: NaiveDate,
    /// A deregistration's ground; `None` only on ends recorded before schema 13.
    #[serde(default)]
    pub ground: Option<Ground>,
    /// A surrender ends the right on the day CNIPA received it (regulations art. 73 para 2),
    /// before the deregistration is recorded on `on`.
    #[serde(default)]
    pub effective_on: Option<NaiveDate>,
    pub reason: String,
    /// Required when an end is recorded; `None` only on ends recorded before schema 13.
    pub document_no: Option<String>,
}

impl Termination {
    /// An end recorded before schema 13 ("cancelled": no ground, perhaps no document), which
    /// a clerk may record again as what it was.
    pub fn to_review(&self) -> bool {
        self.document_no.is_none()
            || (self.kind == TerminationKind::Deregistered && self.ground.is_none())
    }

    /// The last day the right existed, given the current term's expiry; `None` for an
    /// invalidation (never existed).
    pub fn right_ends(&self, expires: Option<NaiveDate>) -> Option<NaiveDate> {
        match (self.kind, self.ground) {
            (TerminationKind::Invalidated, _) => None,
            (TerminationKind::Deregistered, Some(Ground::NotRenewed)) => expires.or(Some(self.on)),
            (TerminationKind::Deregistered, Some(Ground::Surrendered)) => {
                Some(add_days(self.effective_on.unwrap_or(self.on), -1))
            }
            (TerminationKind::Revoked, _) | (TerminationKind::Deregistered, None) => {
                Some(add_days(self.on, -1))
            }
        }
    }
}

/// The legal standing of a trademark on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// No registration date yet.
    Pending,
    Registered,
    RenewalDue,
    InGrace,
    /// 续展审查中: a renewal filed in time awaits CNIPA's decision.
    RenewalPending,
    /// Past the grace period, no approved renewal, no deregistration recorded yet.
    Lapsed,
    Deregistered,
    Revoked,
    Invalidated,
}

impl Standing {
    /// Whether the right no longer exists (or never did).
    pub fn ended(self) -> bool {
        matches!(
            self,
            Self::Lapsed | Self::Deregistered | Self::Revoked | Self::Invalidated
        )
    }
}

impl Trademark {
    /// The renewals CNIPA approved: each starts a term.
    pub fn approved_renewals(&self) -> u32 {
        self.renewals
            .iter()
            .filter(|r| matches!(r.decision, RenewalDecision::Approved { .. }))
            .count() as u32
    }

    /// The renewal awaiting a decision, if any.
    pub fn pending_renewal(&self) -> Option<&Renewal> {
        self.renewals
            .iter()
            .find(|r| r.decision == RenewalDecision::Pending)
    }

    /// The current term (after every approved renewal), if registered; its grace period's last
    /// day moved by `cal`.
    pub fn current_term(&self, cal: &WorkingCalendar) -> Option<Term> {
        self.registered_on
            .map(|r| Term::current(r, self.approved_renewals(), cal))
    }

    /// The current term's expiry, which no calendar moves.
    pub fn expires(&self) -> Option<NaiveDate> {
        self.current_term(&WorkingCalendar::default())
            .map(|t| t.expires)
    }

    pub fn standing_on(&self, today: NaiveDate, cal: &WorkingCalendar) -> Standing {
        if let Some(t) = &self.termination {
            return match t.kind {
                TerminationKind::Deregistered => Standing::Deregistered,
                TerminationKind::Revoked => Standing::Revoked,
                TerminationKind::Invalidated => Standing::Invalidated,
            };
        }
        let Some(term) = self.current_term(cal) else {
            return Standing::Pending;
        };
        if self.pending_renewal().is_some() {
            return Standing::RenewalPending;
        }
        match term.status_on(today) {
            RenewalStatus::Registered => Standing::Registered,
            RenewalStatus::RenewalDue => Standing::RenewalDue,
            RenewalStatus::InGrace => Standing::InGrace,
            RenewalStatus::Lapsed => Standing::Lapsed,
        }
    }

    /// The values of [`Trademark::status_key`].
    pub const STATUS_KEYS: [&str; 4] =
        ["renewal_pending", "deregistered", "revoked", "invalidated"];

    /// The key of the stored `status` column lists filter on: an end, or a pending renewal;
    /// `None` otherwise (the rest depends on the day).
    pub fn status_key(&self) -> Option<&'static str> {
        match (&self.termination, self.pending_renewal()) {
            (Some(t), _) => Some(match t.kind {
                TerminationKind::Deregistered => "deregistered",
                TerminationKind::Revoked => "revoked",
                TerminationKind::Invalidated => "invalidated",
            }),
            (None, Some(_)) => Some("renewal_pending"),
            (None, None) => None,
        }
    }

    /// The last day the right existed, if it ended by `on` (an invalidation: never existed,
    /// see [`Trademark::invalidated`]).
    pub fn right_ended_by(&self, on: NaiveDate, cal: &WorkingCalendar) -> Option<NaiveDate> {
        let term = self.current_term(cal)?;
        match &self.termination {
            Some(t) => t.right_ends(Some(term.expires)),
            None if self.standing_on(on, cal) == Standing::Lapsed => Some(term.expires),
            None => None,
        }
    }

    pub fn invalidated(&self) -> bool {
        self.termination
            .as_ref()
            .is_some_and(|t| t.kind == TerminationKind::Invalidated)
    }

    fn refuse_if_terminated(&self) -> Result<(), Violation> {
        match &self.termination {
            Some(t) => Err(Violation::trademark_terminated(both(
                "termination",
                &crate::record::key_of(&t.kind),
            ))),
            None => Ok(()),
        }
    }

    fn registered(&self, action: &str) -> Result<NaiveDate, Violation> {
        self.registered_on
            .ok_or_else(|| blocked("standing", "pending", action).at("registered_on"))
    }

    /// The events that may be recorded next, as their forms offer them: nothing but the end
    /// and a renewal filed in time on a mark that lapsed by `today`, no transfer on a mark not
    /// yet registered, and a consent asked for while a pledge is in force.
    pub fn next_events(&self, today: NaiveDate, cal: &WorkingCalendar) -> Vec<StepOffer> {
        let terminate = terminate_offer();
        let release = self.release_offer();
        match &self.termination {
            Some(t) if t.to_review() => {
                return [Some(terminate), release].into_iter().flatten().collect();
            }
            Some(_) => return release.into_iter().collect(),
            None => {}
        }
        let renew = StepOffer::new("renew", &["filed_on"], &["filed_on"]);
        match self.standing_on(today, cal) {
            Standing::Pending => return vec![],
            Standing::Lapsed => {
                return [Some(renew), release, Some(terminate)]
                    .into_iter()
                    .flatten()
                    .collect();
            }
            _ => {}
        }
        let pledged = self.pledges.iter().any(|p| p.in_force_on(today));
        let mut out = self.renewal_offers(renew);
        out.extend(dealing_offers(pledged));
        out.extend(release);
        out.push(terminate);
        out
    }

    /// Releasing a registered pledge not yet released, when there is one.
    fn release_offer(&self) -> Option<StepOffer> {
        self.pledges
            .iter()
            .any(|p| p.registration_no.is_some() && p.release.is_none())
            .then(|| {
                StepOffer::new(
                    "release_pledge",
                    &["registration_no", "on", "document_no"],
                    &["registration_no", "on"],
                )
            })
    }

    /// Deciding the pending renewal, else filing one (`renew`), after completing the
    /// announcement of an approved renewal that lacks one.
    fn renewal_offers(&self, renew: StepOffer) -> Vec<StepOffer> {
        let approve = StepOffer::new(
            "approve_renewal",
            &["announcement_no", "announced_on"],
            &["announcement_no", "announced_on"],
        );
        let mut out = vec![];
        if self.pending_renewal().is_some() {
            out.push(approve);
            out.push(StepOffer {
                legal: true,
                ..StepOffer::new("refuse_renewal", &["on", "reason"], &["on", "reason"])
            });
        } else {
            // The announcement of a renewal approved before schema 13 may be completed.
            out.extend(self.unannounced().map(|_| approve));
            out.push(renew);
        }
        out
    }

    /// Record a renewal application filed on `filed_on`, which must fall in the current term's
    /// renewal window or grace period. It is pending until approved or refused.
    pub fn record_renewal(
        &mut self,
        filed_on: NaiveDate,
        cal: &WorkingCalendar,
    ) -> Result<Term, Violation> {
        self.refuse_if_terminated()?;
        if self.pending_renewal().is_some() {
            return Err(blocked("standing", "renewal_pending", "renew").at("filed_on"));
        }
        self.registered("renew")?;
        let term = self
            .current_term(cal)
            .expect("a registered mark has a term");
        let status = term.status_on(filed_on);
        // Past the weekend-only last day of a year not entered, but within the longest move a
        // holiday can make: it may well have been on time, so it is kept and flagged.
        let unverified = term.calendar_year_missing.filter(|_| {
            status == RenewalStatus::Lapsed
                && filed_on <= add_days(term.grace_ends_nominal, MAX_MOVE_DAYS)
        });
        if unverified.is_none()
            && !matches!(status, RenewalStatus::RenewalDue | RenewalStatus::InGrace)
        {
            return Err(blocked("standing", status.key(), "renew").at("filed_on"));
        }
        let next = term.next(cal);
        self.renewals.push(Renewal {
            filed_on,
            term_starts: next.starts,
            unverified_year: unverified,
            decision: RenewalDecision::Pending,
        });
        Ok(next)
    }

    fn pending_mut(&mut self, action: &str) -> Result<&mut Renewal, Violation> {
        self.refuse_if_terminated()?;
        self.renewals
            .iter_mut()
            .find(|r| r.decision == RenewalDecision::Pending)
            .ok_or_else(|| blocked("eventBlock", "no_renewal_pending", action))
    }

    /// An approved renewal recorded before schema 13, whose announcement is not on record.
    fn unannounced(&self) -> Option<usize> {
        self.renewals.iter().rposition(|r| {
            matches!(
                r.decision,
                RenewalDecision::Approved {
                    announcement_no: None,
                    ..
                }
            )
        })
    }

    /// CNIPA approved and announced the pending renewal: the next term starts. With no renewal
    /// pending, this completes the announcement of a renewal approved before schema 13.
    pub fn approve_renewal(&mut self, a: &RenewalApprovalInput) -> Result<(), Violations> {
        let r = match (self.pending_renewal(), self.unannounced()) {
            (None, Some(i)) if self.termination.is_none() => &mut self.renewals[i],
            _ => self.pending_mut("approve_renewal")?,
        };
        let mut v = Violations::default();
        let no = v.check("announcement_no", || {
            required_text(a.announcement_no.as_deref().unwrap_or(""), NAME_MAX)
        });
        let on = v.check("announced_on", || {
            parse_date(a.announced_on.as_deref().unwrap_or(""))
        });
        date_order(&mut v, Some(r.filed_on), on, "announced_on");
        v.finish(|| {
            r.decision = RenewalDecision::Approved {
                announcement_no: no,
                announced_on: on,
            }
        })
    }

    /// CNIPA refused the pending renewal: the term ends as if none had been filed.
    pub fn refuse_renewal(&mut self, a: &RenewalRefusalInput) -> Result<(), Violations> {
        let r = self.pending_mut("refuse_renewal")?;
        let mut v = Violations::default();
        let on = v.check("on", || parse_date(a.on.as_deref().unwrap_or("")));
        let reason = v.check("reason", || {
            crate::text::trimmed(a.reason.as_deref().unwrap_or(""))
                .ok_or_else(Violation::reason_required)
                .and_then(|t| required_text(&t, LINE_MAX))
        });
        date_order(&mut v, Some(r.filed_on), on, "on");
        v.finish(|| {
            r.decision = RenewalDecision::Refused {
                on: on.unwrap(),
                reason: reason.unwrap(),
            }
        })
    }

    /// What a renewal recorded past a weekend-only last day (see [`Renewal::unverified_year`])
    /// needs said under the calendar in force: still unsure while its year is not entered,
    /// late once it is and the legal last day came before the filing, nothing when on time.
    pub fn renewal_notes(&self, cal: &WorkingCalendar) -> Vec<Bilingual> {
        let Some(registered) = self.registered_on else {
            return vec![];
        };
        let mut out = vec![];
        // The term a renewal was filed in: the one after every approval before it.
        let mut approved = 0;
        for r in &self.renewals {
            let term = Term::current(registered, approved, cal);
            if matches!(r.decision, RenewalDecision::Approved { .. }) {
                approved += 1;
            }
            let Some(y) = r.unverified_year else {
                continue;
            };
            let (filed, last) = (r.filed_on, term.grace_ends);
            if term.calendar_year_missing.is_some() {
                out.push(Bilingual::new(
                    format!(
                        "续展递交日 {filed} 晚于仅按周末顺延的宽展期末日 {last}：{y} 年节假日安排未录入，已照实记录，录入后核对是否逾期"
                    ),
                    format!(
                        "the renewal filed on {filed} is later than the grace period's last day moved over weekends only ({last}): the {y} public holidays are not entered; recorded as filed, to be checked once they are"
                    ),
                ));
            } else if filed > last {
                out.push(Bilingual::new(
                    format!(
                        "续展递交日 {filed} 晚于宽展期法定末日 {last}（{y} 年节假日安排已录入）：该续展逾期，请核实"
                    ),
                    format!(
                        "the renewal filed on {filed} is later than the grace period's legal last day {last} (the {y} public holidays are now entered): it was late; please verify"
                    ),
                ));
            }
        }
        out
    }

    /// The pledge in force on `day` whose pledgee has not consented, when there is no consent.
    fn unconsented_pledge(&self, day: NaiveDate, consent: Option<&Consent>) -> Option<&Pledge> {
        if consent.is_some() {
            return None;
        }
        self.pledges.iter().find(|p| p.in_force_on(day))
    }

    /// Record the approved assignment announced on its date: the assignee holds the mark from
    /// then. `kept` are the registrant's similar marks staying behind (see
    /// [`Trademark::similar_kept`]); recorded with it, and warned about.
    pub fn assign(&mut self, a: Assignment) -> Result<(), Violation> {
        self.refuse_if_terminated()?;
        let registered = self.registered("assign")?;
        if a.on < registered {
            return Err(Violation::date_order(registered, a.on).at("announced_on"));
        }
        if let Some(last) = self.assignments.last()
            && a.on < last.on
        {
            return Err(Violation::date_order(last.on, a.on).at("announced_on"));
        }
        if a.to_id == self.registrant_id {
            return Err(Violation::duplicate_value(a.to_id).at("to"));
        }
        self.registrant_id = a.to_id;
        self.assignments.push(a);
        Ok(())
    }

    /// The registrant's other live marks sharing a class with this one whose name is identical
    /// or similar (see [`similar_names`]): what an assignment would leave behind. Same class is
    /// only a proxy for art. 42's "similar goods".
    pub fn similar_kept<'a>(
        &self,
        others: impl IntoIterator<Item = (RecordId, &'a Trademark)>,
    ) -> Vec<KeptMark> {
        others
            .into_iter()
            .filter(|(_, o)| {
                o.reg_no != self.reg_no
                    && o.registrant_id == self.registrant_id
                    && o.termination.is_none()
                    && similar_names(&o.name, &self.name)
            })
            .filter_map(|(id, o)| {
                let classes: Vec<NiceClass> = o
                    .classes
                    .iter()
                    .filter(|c| self.classes.contains(c))
                    .copied()
                    .collect();
                (!classes.is_empty()).then(|| KeptMark {
                    id,
                    reg_no: o.reg_no.clone(),
                    name: o.name.clone(),
                    classes,
                })
            })
            .collect()
    }

    /// Record the end of the registration, with its document number.
    /// An end recorded before schema 13 (without its document) may be recorded again, as what
    /// it was.
    pub fn terminate(&mut self, t: Termination, cal: &WorkingCalendar) -> Result<(), Violation> {
        if !self.termination.as_ref().is_none_or(Termination::to_review) {
            self.refuse_if_terminated()?;
        }
        if let Some(r) = self.registered_on {
            if t.on < r {
                return Err(Violation::date_order(r, t.on).at("on"));
            }
            if let Some(e) = t.effective_on
                && e < r
            {
                return Err(Violation::date_order(r, e).at("effective_on"));
            }
        }
        if t.ground == Some(Ground::NotRenewed) {
            if self.pending_renewal().is_some() {
                return Err(blocked("standing", "renewal_pending", "terminate").at("ground"));
            }
            // Deregistered for non-renewal only once the grace period is over (art. 40).
            if let Some(term) = self.current_term(cal)
                && t.on <= term.grace_ends
            {
                return Err(Violation::date_order(add_days(term.grace_ends, 1), t.on).at("on"));
            }
        }
        self.termination = Some(t);
        Ok(())
    }

    pub fn add_licence(&mut self, l: Licence) -> Result<(), Violation> {
        self.refuse_if_terminated()?;
        self.licences.push(l);
        Ok(())
    }

    pub fn add_pledge(&mut self, p: Pledge) -> Result<(), Violation> {
        self.refuse_if_terminated()?;
        let registered = self.registered("pledge")?;
        if p.registered_on < registered {
            return Err(Violation::date_order(registered, p.registered_on).at("registered_on"));
        }
        if self
            .pledges
            .iter()
            .any(|q| q.registration_no.is_some() && q.registration_no == p.registration_no)
        {
            return Err(Violation::duplicate_value(
                p.registration_no.as_deref().unwrap_or_default(),
            )
            .at("registration_no"));
        }
        // A pledge recorded before schema 13 without its registration, to the same pledgee:
        // this is its registration.
        if let Some(q) = self
            .pledges
            .iter_mut()
            .find(|q| q.registration_no.is_none() && q.pledgee == p.pledgee)
        {
            *q = Pledge {
                release: q.release.take(),
                ..p
            };
            return Ok(());
        }
        self.pledges.push(p);
        Ok(())
    }

    /// Release the pledge registered under the number given (also after the registration
    /// ended: the pledge register still holds it).
    pub fn release_pledge(&mut self, r: &PledgeReleaseInput) -> Result<(), Violations> {
        let mut v = Violations::default();
        let no = v.check("registration_no", || {
            required_text(r.registration_no.as_deref().unwrap_or(""), NAME_MAX)
        });
        let on = v.check("on", || parse_date(r.on.as_deref().unwrap_or("")));
        let document_no = v.check("document_no", || {
            optional_text(r.document_no.as_deref(), NAME_MAX)
        });
        let pledge = no.as_deref().and_then(|no| {
            self.pledges
                .iter()
                .position(|p| p.registration_no.as_deref() == Some(no))
        });
        if let Some(no) = &no
            && pledge.is_none()
        {
            v.push(
                Violation::reference_missing(
                    crate::messages::field_label("pledges", crate::Lang::Zh),
                    crate::messages::field_label("pledges", crate::Lang::En),
                    no,
                )
                .at("registration_no"),
            );
        }
        if let Some(i) = pledge {
            let p = &self.pledges[i];
            if p.release.is_some() {
                v.push(blocked("eventBlock", "released", "release_pledge").at("registration_no"));
            }
            date_order(&mut v, Some(p.registered_on), on, "on");
        }
        v.finish(|| {
            self.pledges[pledge.unwrap()].release = Some(Release {
                on: on.unwrap(),
                document_no: document_no.unwrap(),
            })
        })
    }

    /// What the record asks a clerk to look at (warnings, never refusals): an assignment or
    /// licence while a pledge was in force without the pledgee's consent (Civil Code art. 444
    /// para 2), an assignment that left similar marks behind (art. 42 para 2), and, once the
    /// registration is invalidated, the assignments and licences performed before it (art. 47
    /// para 2: never rewritten).
    pub fn warnings(&self) -> Vec<Violation> {
        let mut out = vec![];
        let pledge = |p: &Pledge| {
            p.registration_no
                .clone()
                .unwrap_or_else(|| p.pledgee.clone())
        };
        for (i, a) in self.assignments.iter().enumerate() {
            if let Some(p) = self.unconsented_pledge(a.on, a.consent.as_ref()) {
                out.push(
                    Violation::pledge_consent_missing(pledge(p), a.on)
                        .at(format!("assignments[{i}]")),
                );
            }
            if !a.kept_similar.is_empty() {
                let marks: Vec<String> = a
                    .kept_similar
                    .iter()
                    .map(|k| format!("{}（{}）", k.name, k.reg_no))
                    .collect();
                let classes: Vec<String> = a
                    .kept_similar
                    .iter()
                    .flat_map(|k| k.classes.iter().map(ToString::to_string))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                out.push(
                    Violation::similar_mark_kept(marks.join("、"), classes.join("、"))
                        .at(format!("assignments[{i}]")),
                );
            }
        }
        for (i, l) in self.licences.iter().enumerate() {
            if let Some(p) = self.unconsented_pledge(l.from, l.consent.as_ref()) {
                out.push(
                    Violation::pledge_consent_missing(pledge(p), l.from)
                        .at(format!("licences[{i}]")),
                );
            }
        }
        if let Some(t) = self
            .termination
            .as_ref()
            .filter(|t| t.kind == TerminationKind::Invalidated)
        {
            for (i, a) in self.assignments.iter().enumerate() {
                if a.on < t.on {
                    out.push(
                        Violation::before_invalidation(a.on, t.on).at(format!("assignments[{i}]")),
                    );
                }
            }
            for (i, l) in self.licences.iter().enumerate() {
                if l.from < t.on {
                    out.push(
                        Violation::before_invalidation(l.from, t.on).at(format!("licences[{i}]")),
                    );
                }
            }
        }
        out
    }

    pub fn to_input(&self, lookup: &dyn Lookup) -> TrademarkInput {
        TrademarkInput {
            reg_no: Some(self.reg_no.to_string()),
            name: Some(self.name.clone()),
            classes: self.classes.iter().map(ToString::to_string).collect(),
            goods: self.goods.clone(),
            registrant: Some(show_ref(lookup, RecordKind::Enterprise, self.registrant_id)),
            kind: Some(self.kind.key().into()),
            gi: Some(self.gi),
            filed_on: self.filed_on.map(|d| d.to_string()),
            registered_on: self.registered_on.map(|d| d.to_string()),
            notes: self.notes.clone(),
        }
    }
}

/// Ending the mark (deregistered, revoked or invalidated), a legal step.
fn terminate_offer() -> StepOffer {
    StepOffer {
        legal: true,
        ..StepOffer::new(
            "terminate",
            &[
                "kind",
                "ground",
                "on",
                "effective_on",
                "document_no",
                "reason",
            ],
            &["kind", "on", "document_no", "reason"],
        )
    }
}

/// Licensing, assigning and pledging the mark; a licence or an assignment asks for the
/// pledgee's consent while a pledge is in force (`pledged`).
fn dealing_offers(pledged: bool) -> Vec<StepOffer> {
    let consent: &[&str] = if pledged {
        &["consent_on", "consent_no"]
    } else {
        &[]
    };
    let with = |fields: &[&'static str]| -> Vec<&'static str> { [fields, consent].concat() };
    vec![
        StepOffer::new(
            "licence",
            &with(&[
                "licensee",
                "kind",
                "goods",
                "from",
                "to",
                "recordal_no",
                "recorded_on",
            ]),
            &["licensee", "kind", "goods", "from"],
        ),
        StepOffer::new(
            "assign",
            &with(&["to", "announcement_no", "announced_on"]),
            &["to", "announcement_no", "announced_on"],
        ),
        StepOffer::new(
            "pledge",
            &[
                "pledgee",
                "amount",
                "registration_no",
                "registered_on",
                "term_ends",
            ],
            &["pledgee", "amount", "registration_no", "registered_on"],
        ),
    ]
}

/// A vocabulary word in both languages, for a message parameter.
/// An event the mark's standing (or the record it names) does not allow, in words.
fn blocked(group: &str, stage: &str, action: &str) -> Violation {
    Violation::flow_order(both(group, stage), both("trademarkEvent", action))
}

fn both(group: &str, key: &str) -> String {
    format!(
        "{} / {}",
        crate::vocab::word_or_key(group, key, crate::Lang::Zh),
        crate::vocab::word_or_key(group, key, crate::Lang::En)
    )
}

/// Whether two marks' names are identical or similar as the assignment warning counts it: the
/// same name, one containing the other, or the same pinyin (any reading). Spaces, width and
/// Latin case are ignored.
pub fn similar_names(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .map(crate::text::half_width)
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.contains(&b) || b.contains(&a) {
        return true;
    }
    let sounds = |s: &str| -> Vec<String> {
        crate::search::readings(s)
            .iter()
            .map(crate::search::full)
            .filter(|f| !f.is_empty())
            .collect()
    };
    let sa = sounds(&a);
    sounds(&b).iter().any(|s| sa.contains(s))
}

/// The fields of a trademark a clerk edits directly. Renewals, licences, assignments, pledges
/// and termination are recorded through their own actions, which check their rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct TrademarkInput {
    pub reg_no: Option<String>,
    pub name: Option<String>,
    pub classes: Vec<String>,
    pub goods: Option<String>,
    /// Code, id or credit code of the registrant enterprise.
    pub registrant: Option<String>,
    pub kind: Option<String>,
    pub gi: Option<bool>,
    pub filed_on: Option<String>,
    pub registered_on: Option<String>,
    pub notes: Option<String>,
}

impl TrademarkInput {
    /// Parse into a trademark, keeping the events of `existing` (when editing).
    /// Parse the attributes; the mark has no legal events yet (they are its lifecycle, see
    /// [`crate::record::Lifecycle`]).
    pub fn parse(&self, lookup: &dyn Lookup) -> Result<Trademark, Violations> {
        let mut v = Violations::default();
        let reg_no = v.check("reg_no", || {
            RegNo::parse(self.reg_no.as_deref().unwrap_or(""))
        });
        let name = v.check("name", || {
            required_text(self.name.as_deref().unwrap_or(""), NAME_MAX)
        });
        let mut classes = Vec::new();
        for (i, c) in self.classes.iter().enumerate() {
            if let Some(c) = v.check(&format!("classes[{i}]"), || {
                let c = NiceClass::parse(c)?;
                if classes.contains(&c) {
                    return Err(Violation::duplicate_value(c));
                }
                Ok(c)
            }) {
                classes.push(c);
            }
        }
        if self.classes.is_empty() {
            v.push(Violation::required().at("classes"));
        }
        classes.sort();
        let goods = v.check("goods", || {
            optional_text(self.goods.as_deref(), LINE_MAX * 4)
        });
        let registrant = v.check("registrant", || {
            resolve(
                lookup,
                RecordKind::Enterprise,
                self.registrant.as_deref().unwrap_or(""),
            )
        });
        let kind = v.check("kind", || match self.kind.as_deref().map(str::trim) {
            None | Some("") => Ok(MarkKind::Ordinary),
            Some(k) => enum_value(k, &["ordinary", "collective", "certification"]),
        });
        let filed_on = v.check("filed_on", || optional_date(self.filed_on.as_deref()));
        let registered_on = v.check("registered_on", || {
            optional_date(self.registered_on.as_deref())
        });
        if let (Some(Some(f)), Some(Some(r))) = (filed_on, registered_on)
            && r < f
        {
            v.push(Violation::date_order(f, r).at("registered_on"));
        }
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| Trademark {
            reg_no: reg_no.unwrap(),
            name: name.unwrap(),
            classes,
            goods: goods.unwrap(),
            registrant_id: registrant.unwrap(),
            kind: kind.unwrap(),
            gi: self.gi.unwrap_or(false),
            filed_on: filed_on.unwrap(),
            registered_on: registered_on.unwrap(),
            renewals: vec![],
            licences: vec![],
            assignments: vec![],
            pledges: vec![],
            termination: None,
            notes: notes.unwrap(),
        })
    }
}

/// The approval of a pending renewal as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct RenewalApprovalInput {
    pub announcement_no: Option<String>,
    pub announced_on: Option<String>,
}

/// The refusal of a pending renewal as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct RenewalRefusalInput {
    pub on: Option<String>,
    pub reason: Option<String>,
}

/// A pledgee's consent as typed: both its date and document, or neither.
fn consent(v: &mut Violations, on: Option<&str>, no: Option<&str>) -> Option<Consent> {
    let on = v.check("consent_on", || optional_date(on))?;
    let no = v.check("consent_no", || optional_text(no, NAME_MAX))?;
    match (on, no) {
        (Some(on), Some(document_no)) => Some(Consent { on, document_no }),
        (Some(_), None) => {
            v.push(Violation::required().at("consent_no"));
            None
        }
        (None, Some(_)) => {
            v.push(Violation::required().at("consent_on"));
            None
        }
        (None, None) => None,
    }
}

/// A licence as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct LicenceInput {
    pub licensee: Option<String>,
    /// exclusive | sole | ordinary
    pub kind: Option<String>,
    /// The goods or services licensed.
    pub goods: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub recordal_no: Option<String>,
    pub recorded_on: Option<String>,
    pub consent_on: Option<String>,
    pub consent_no: Option<String>,
}

impl LicenceInput {
    /// A licence is `recorded` exactly when it has a recordal number, which comes with its date.
    pub fn parse(&self, lookup: &dyn Lookup) -> Result<Licence, Violations> {
        let mut v = Violations::default();
        let licensee = v.check("licensee", || {
            resolve(
                lookup,
                RecordKind::Enterprise,
                self.licensee.as_deref().unwrap_or(""),
            )
        });
        let kind = v.check("kind", || {
            enum_value::<LicenceKind>(
                self.kind.as_deref().unwrap_or(""),
                &["exclusive", "sole", "ordinary"],
            )
        });
        let goods = v.check("goods", || {
            required_text(self.goods.as_deref().unwrap_or(""), LINE_MAX * 4)
        });
        let from = v.check("from", || parse_date(self.from.as_deref().unwrap_or("")));
        let to = v.check("to", || optional_date(self.to.as_deref()));
        let recordal_no = v.check("recordal_no", || {
            optional_text(self.recordal_no.as_deref(), NAME_MAX)
        });
        let recorded_on = v.check("recorded_on", || optional_date(self.recorded_on.as_deref()));
        match (&recordal_no, &recorded_on) {
            (Some(Some(_)), Some(None)) => v.push(Violation::required().at("recorded_on")),
            (Some(None), Some(Some(_))) => v.push(Violation::required().at("recordal_no")),
            _ => {}
        }
        let consent = consent(
            &mut v,
            self.consent_on.as_deref(),
            self.consent_no.as_deref(),
        );
        date_order(&mut v, from, to.flatten(), "to");
        v.finish(|| {
            let recordal_no = recordal_no.unwrap();
            Licence {
                licensee_id: licensee.unwrap(),
                from: from.unwrap(),
                to: to.unwrap(),
                recorded: recordal_no.is_some(),
                recordal_no,
                recorded_on: recorded_on.unwrap(),
                kind,
                goods,
                consent,
            }
        })
    }
}

/// An approved, announced assignment as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct AssignmentInput {
    /// Code, id or credit code of the assignee.
    pub to: Option<String>,
    pub announcement_no: Option<String>,
    pub announced_on: Option<String>,
    pub consent_on: Option<String>,
    pub consent_no: Option<String>,
}

impl AssignmentInput {
    /// The assignment from `from` (the registrant), with no marks kept yet.
    pub fn parse(&self, lookup: &dyn Lookup, from: RecordId) -> Result<Assignment, Violations> {
        let mut v = Violations::default();
        let to = v.check("to", || {
            resolve(
                lookup,
                RecordKind::Enterprise,
                self.to.as_deref().unwrap_or(""),
            )
        });
        let announcement_no = v.check("announcement_no", || {
            required_text(self.announcement_no.as_deref().unwrap_or(""), NAME_MAX)
        });
        let on = v.check("announced_on", || {
            parse_date(self.announced_on.as_deref().unwrap_or(""))
        });
        let consent = consent(
            &mut v,
            self.consent_on.as_deref(),
            self.consent_no.as_deref(),
        );
        v.finish(|| Assignment {
            from_id: from,
            to_id: to.unwrap(),
            on: on.unwrap(),
            announcement_no,
            consent,
            kept_similar: vec![],
        })
    }
}

/// A registered pledge as typed; `amount` in yuan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct PledgeInput {
    pub pledgee: Option<String>,
    pub amount: Option<String>,
    pub registration_no: Option<String>,
    pub registered_on: Option<String>,
    pub term_ends: Option<String>,
}

impl PledgeInput {
    pub fn parse(&self) -> Result<Pledge, Violations> {
        let mut v = Violations::default();
        let pledgee = v.check("pledgee", || {
            required_text(self.pledgee.as_deref().unwrap_or(""), NAME_MAX)
        });
        let amount = v.check("amount", || {
            Fen::parse_yuan(self.amount.as_deref().unwrap_or(""))
        });
        let registration_no = v.check("registration_no", || {
            required_text(self.registration_no.as_deref().unwrap_or(""), NAME_MAX)
        });
        let registered_on = v.check("registered_on", || {
            parse_date(self.registered_on.as_deref().unwrap_or(""))
        });
        let term_ends = v.check("term_ends", || optional_date(self.term_ends.as_deref()));
        date_order(&mut v, registered_on, term_ends.flatten(), "term_ends");
        v.finish(|| Pledge {
            pledgee: pledgee.unwrap(),
            amount: amount.unwrap(),
            registered_on: registered_on.unwrap(),
            term_ends: term_ends.unwrap(),
            registration_no,
            release: None,
        })
    }
}

/// The release of a pledge as typed: which pledge (its registration number), when, and the
/// document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct PledgeReleaseInput {
    pub registration_no: Option<String>,
    pub on: Option<String>,
    pub document_no: Option<String>,
}

/// The end of a registration as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct TerminationInput {
    /// deregistered | revoked | invalidated
    pub kind: Option<String>,
    /// For a deregistration: not_renewed | surrendered.
    pub ground: Option<String>,
    pub on: Option<String>,
    /// For a surrender: the day CNIPA received it.
    pub effective_on: Option<String>,
    pub document_no: Option<String>,
    pub reason: Option<String>,
}

impl TerminationInput {
    pub fn parse(&self) -> Result<Termination, Violations> {
        let mut v = Violations::default();
        let kind = v.check("kind", || {
            enum_value::<TerminationKind>(
                self.kind.as_deref().unwrap_or(""),
                &["deregistered", "revoked", "invalidated"],
            )
        });
        let ground = v.check("ground", || {
            match (kind, self.ground.as_deref().and_then(crate::text::trimmed)) {
                (Some(TerminationKind::Deregistered), None) => Err(Violation::required()),
                (Some(TerminationKind::Deregistered), Some(g)) => {
                    enum_value::<Ground>(&g, &["not_renewed", "surrendered"]).map(Some)
                }
                (_, Some(_)) => Err(Violation::not_applicable(both(
                    "termination",
                    "deregistered",
                ))),
                (_, None) => Ok(None),
            }
        });
        let on = v.check("on", || parse_date(self.on.as_deref().unwrap_or("")));
        let effective_on = v.check("effective_on", || {
            let d = optional_date(self.effective_on.as_deref())?;
            match (ground, d) {
                (Some(Some(Ground::Surrendered)), None) => Err(Violation::required()),
                (Some(Some(Ground::Surrendered)), d) => Ok(d),
                (_, Some(_)) => Err(Violation::not_applicable(both("ground", "surrendered"))),
                (_, None) => Ok(None),
            }
        });
        // Received before it is recorded.
        date_order(&mut v, effective_on.flatten(), on, "on");
        let document_no = v.check("document_no", || {
            required_text(self.document_no.as_deref().unwrap_or(""), NAME_MAX)
        });
        let reason = v.check("reason", || {
            crate::text::trimmed(self.reason.as_deref().unwrap_or(""))
                .ok_or_else(Violation::reason_required)
                .and_then(|t| required_text(&t, LINE_MAX * 4))
        });
        v.finish(|| Termination {
            kind: kind.unwrap(),
            on: on.unwrap(),
            ground: ground.unwrap(),
            effective_on: effective_on.unwrap(),
            reason: reason.unwrap(),
            document_no,
        })
    }
}

/// Record a violation when `later` is before `earlier`.
pub fn date_order(
    v: &mut Violations,
    earlier: Option<NaiveDate>,
    later: Option<NaiveDate>,
    field: &str,
) {
    if let (Some(e), Some(l)) = (earlier, later)
        && l < e
    {
        v.push(Violation::date_order(e, l).at(field));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DivisionCode;
    use crate::Rule;
    use uuid::Uuid;

    struct One(RecordId);
    impl Lookup for One {
        fn find(&self, _: RecordKind, key: &str) -> Option<RecordId> {
            (key == "ENT-0001").then_some(self.0)
        }
        fn code_of(&self, _: RecordKind, _: RecordId) -> Option<String> {
            Some("ENT-0001".into())
        }
        fn division_known(&self, _: &DivisionCode) -> bool {
            true
        }
        fn category_known(&self, _: &str) -> bool {
            true
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn mark(lookup: &One) -> Trademark {
        TrademarkInput {
            reg_no: Some("3047772".into()),
            name: Some("信阳毛尖".into()),
            classes: vec!["30".into()],
            registrant: Some("ENT-0001".into()),
            kind: Some("certification".into()),
            gi: Some(true),
            registered_on: Some("2016-03-07".into()),
            ..Default::default()
        }
        .parse(lookup)
        .unwrap()
    }

    #[test]
    fn trademark_input_reports_every_broken_field() {
        let lookup = One(RecordId(Uuid::nil()));
        let errs = TrademarkInput {
            reg_no: Some("12x".into()),
            classes: vec!["30".into(), "30".into(), "46".into()],
            registrant: Some("ENT-0404".into()),
            filed_on: Some("2020-01-02".into()),
            registered_on: Some("2019-01-01".into()),
            ..Default::default()
        }
        .parse(&lookup)
        .unwrap_err();
        let got: Vec<_> = errs
            .0
            .iter()
            .map(|e| (e.field.clone().unwrap(), e.rule))
            .collect();
        assert_eq!(
            got,
            vec![
                ("reg_no".into(), Rule::RegNoFormat),
                ("name".into(), Rule::Required),
                ("classes[1]".into(), Rule::DuplicateValue),
                ("classes[2]".into(), Rule::NiceClassRange),
                ("registrant".into(), Rule::ReferenceMissing),
                ("registered_on".into(), Rule::DateOrder),
            ]
        );
    }

    #[test]
    fn renewal_only_in_window_or_grace_and_starts_next_term() {
        let lookup = One(RecordId(Uuid::nil()));
        let mut tm = mark(&lookup);
        assert_eq!(
            tm.standing_on(d("2025-01-01"), &WorkingCalendar::shipped()),
            Standing::Registered
        );
        assert_eq!(
            tm.record_renewal(d("2025-01-01"), &WorkingCalendar::shipped())
                .unwrap_err()
                .rule,
            Rule::FlowOrder
        );
        let next = tm
            .record_renewal(d("2026-05-01"), &WorkingCalendar::shipped())
            .unwrap();
        assert_eq!(next.starts, d("2026-03-07"));
        tm.approve_renewal(&RenewalApprovalInput {
            announcement_no: Some("第1950期".into()),
            announced_on: Some("2026-08-20".into()),
        })
        .unwrap();
        assert_eq!(
            tm.standing_on(d("2026-09-08"), &WorkingCalendar::shipped()),
            Standing::Registered
        );
    }

    #[test]
    fn a_renewal_past_a_weekend_only_last_day_is_kept_flagged_then_judged_once_entered() {
        let lookup = One(RecordId(Uuid::nil()));
        // Expires 2027-04-04; the grace period nominally ends Monday 2027-10-04, in a year
        // the shipped calendar does not have.
        let fresh = || Trademark {
            registered_on: Some(d("2017-04-05")),
            ..mark(&lookup)
        };
        let cal = WorkingCalendar::shipped();
        let mut tm = fresh();
        // Eleven days late by weekends, within the longest move a holiday can make: kept.
        tm.record_renewal(d("2027-10-15"), &cal).unwrap();
        assert_eq!(tm.renewals[0].unverified_year, Some(2027));
        let notes = tm.renewal_notes(&cal);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].zh.contains("2027 年节假日安排未录入"), "{notes:?}");
        assert!(notes[0].zh.contains("2027-10-04"), "{notes:?}");
        // Past the longest move, it is refused as before.
        assert_eq!(
            fresh()
                .record_renewal(d("2027-10-20"), &cal)
                .unwrap_err()
                .rule,
            Rule::FlowOrder
        );
        // On time it carries no flag.
        let mut on_time = fresh();
        on_time.record_renewal(d("2027-10-04"), &cal).unwrap();
        assert_eq!(on_time.renewals[0].unverified_year, None);

        // Once 2027 is entered: National Day moves the last day to 10-08, so a filing on
        // 10-08 was on time (no note) and one on 10-15 was late (said so).
        let year = |holidays: &[&str]| {
            crate::calendar::CalendarYearInput {
                holidays: holidays.iter().map(|h| h.to_string()).collect(),
                workdays: vec![],
                source: Some("测试".into()),
            }
            .parse(2027)
            .unwrap()
        };
        let entered = WorkingCalendar::new([year(&["10-01..10-07"])]);
        assert_eq!(tm.renewal_notes(&entered).len(), 1);
        assert!(tm.renewal_notes(&entered)[0].zh.contains("逾期"));
        let mut on_the_eighth = fresh();
        on_the_eighth.record_renewal(d("2027-10-08"), &cal).unwrap();
        assert_eq!(on_the_eighth.renewals[0].unverified_year, Some(2027));
        assert!(on_the_eighth.renewal_notes(&entered).is_empty());
    }

    fn cal() -> WorkingCalendar {
        WorkingCalendar::shipped()
    }

    fn rules(r: Result<(), Violations>) -> Vec<(String, Rule)> {
        r.unwrap_err()
            .0
            .into_iter()
            .map(|v| (v.field.unwrap_or_default(), v.rule))
            .collect()
    }

    fn end(
        kind: &str,
        ground: Option<&str>,
        on: &str,
        effective: Option<&str>,
    ) -> TerminationInput {
        TerminationInput {
            kind: Some(kind.into()),
            ground: ground.map(Into::into),
            on: Some(on.into()),
            effective_on: effective.map(Into::into),
            document_no: Some("商标局公告第1234期".into()),
            reason: Some("依法处理".into()),
        }
    }

    #[test]
    fn a_filed_renewal_is_pending_until_approved_and_only_approval_starts_the_next_term() {
        let lookup = One(RecordId(Uuid::nil()));
        // Registered 2016-03-07, expires 2026-03-06, grace legally ends 2026-09-07.
        let mut tm = mark(&lookup);
        tm.record_renewal(d("2026-05-01"), &cal()).unwrap();
        // Past the grace period, undecided: under examination, neither lapsed nor renewed.
        assert_eq!(
            tm.standing_on(d("2026-10-01"), &cal()),
            Standing::RenewalPending
        );
        assert_eq!(tm.expires(), Some(d("2026-03-06")));
        assert_eq!(tm.status_key(), Some("renewal_pending"));
        // A second filing while one is pending is refused.
        assert_eq!(
            tm.record_renewal(d("2026-05-02"), &cal()).unwrap_err().rule,
            Rule::FlowOrder
        );
        // An approval needs its announcement, dated after the filing.
        assert_eq!(
            rules(tm.approve_renewal(&RenewalApprovalInput {
                announcement_no: None,
                announced_on: Some("2026-04-01".into()),
            })),
            vec![
                ("announcement_no".into(), Rule::Required),
                ("announced_on".into(), Rule::DateOrder)
            ]
        );
        let mut refused = tm.clone();
        tm.approve_renewal(&RenewalApprovalInput {
            announcement_no: Some("第1960期".into()),
            announced_on: Some("2026-11-20".into()),
        })
        .unwrap();
        assert_eq!(tm.expires(), Some(d("2036-03-06")));
        assert_eq!(
            tm.standing_on(d("2026-12-02"), &cal()),
            Standing::Registered
        );
        assert_eq!(tm.status_key(), None);
        // Refused instead: the term ends as if nothing had been filed.
        assert_eq!(
            rules(refused.refuse_renewal(&RenewalRefusalInput {
                on: Some("2026-10-20".into()),
                reason: None,
            })),
            vec![("reason".into(), Rule::ReasonRequired)]
        );
        refused
            .refuse_renewal(&RenewalRefusalInput {
                on: Some("2026-10-20".into()),
                reason: Some("续展申请不符合规定".into()),
            })
            .unwrap();
        assert_eq!(refused.expires(), Some(d("2026-03-06")));
        assert_eq!(
            refused.standing_on(d("2026-10-21"), &cal()),
            Standing::Lapsed
        );
        assert_eq!(
            refused.right_ended_by(d("2026-10-21"), &cal()),
            Some(d("2026-03-06"))
        );
    }

    #[test]
    fn renewals_recorded_before_decisions_read_as_approved_and_cancelled_as_deregistered() {
        let lookup = One(RecordId(Uuid::nil()));
        let mut old = serde_json::to_value(mark(&lookup)).unwrap();
        old["renewals"] =
            serde_json::json!([{"filed_on": "2026-01-10", "term_starts": "2026-03-07"}]);
        old["termination"] = serde_json::json!({"kind": "cancelled", "on": "2027-01-01", "reason": "注销", "document_no": null});
        old["pledges"] = serde_json::json!([{"pledgee": "银行", "amount": 100, "from": "2020-01-01", "to": null, "registration_no": null}]);
        let tm: Trademark = serde_json::from_value(old).unwrap();
        assert_eq!(tm.expires(), Some(d("2036-03-06")));
        assert_eq!(
            tm.termination.as_ref().unwrap().kind,
            TerminationKind::Deregistered
        );
        assert_eq!(
            tm.standing_on(d("2027-02-01"), &cal()),
            Standing::Deregistered
        );
        assert_eq!(tm.pledges[0].registered_on, d("2020-01-01"));
        assert!(tm.pledges[0].in_force_on(d("2026-12-02")));
    }

    /// A renewal approved before schema 13 has no announcement on record: it may be completed,
    /// once, and the term stays as it was.
    #[test]
    fn a_migrated_renewal_announcement_may_be_completed() {
        let lookup = One(RecordId(Uuid::nil()));
        let mut old = serde_json::to_value(mark(&lookup)).unwrap();
        old["renewals"] =
            serde_json::json!([{"filed_on": "2025-10-10", "term_starts": "2026-03-07"}]);
        let mut tm: Trademark = serde_json::from_value(old).unwrap();
        let offered = |tm: &Trademark| {
            tm.next_events(d("2026-12-02"), &cal())
                .iter()
                .any(|o| o.step == "approve_renewal")
        };
        assert!(offered(&tm));
        let input = RenewalApprovalInput {
            announcement_no: Some("第1990期".into()),
            announced_on: Some("2026-02-27".into()),
        };
        tm.approve_renewal(&input).unwrap();
        assert_eq!(
            tm.renewals[0].decision,
            RenewalDecision::Approved {
                announcement_no: Some("第1990期".into()),
                announced_on: Some(d("2026-02-27")),
            }
        );
        assert_eq!(tm.expires(), Some(d("2036-03-06")));
        assert!(!offered(&tm));
        assert_eq!(
            tm.approve_renewal(&input).unwrap_err().0[0].rule,
            Rule::FlowOrder
        );
    }

    /// A migrated "cancelled" end, even one that had its document number, may be recorded
    /// again as what it was (here a revocation); a reviewed end may not.
    #[test]
    fn a_migrated_end_may_be_recorded_again_once() {
        let lookup = One(RecordId(Uuid::nil()));
        let mut old = serde_json::to_value(mark(&lookup)).unwrap();
        old["termination"] = serde_json::json!({"kind": "cancelled", "on": "2024-05-10", "reason": "撤销", "document_no": "商标撤字〔2024〕1号"});
        let mut tm: Trademark = serde_json::from_value(old).unwrap();
        let keys = |tm: &Trademark| -> Vec<String> {
            tm.next_events(d("2026-12-02"), &cal())
                .into_iter()
                .map(|o| o.step)
                .collect()
        };
        assert_eq!(keys(&tm), ["terminate"]);
        tm.terminate(
            end("revoked", None, "2024-05-10", None).parse().unwrap(),
            &cal(),
        )
        .unwrap();
        assert_eq!(tm.standing_on(d("2026-12-02"), &cal()), Standing::Revoked);
        assert!(keys(&tm).is_empty());
        assert_eq!(
            tm.terminate(
                end("invalidated", None, "2025-01-01", None)
                    .parse()
                    .unwrap(),
                &cal()
            )
            .unwrap_err()
            .rule,
            Rule::TrademarkTerminated
        );
    }

    /// What a form offers follows the mark's standing: nothing on an application, no transfer
    /// on a mark that lapsed, a release only for a registered pledge, and that release still
    /// after the end.
    #[test]
    fn offers_follow_the_standing() {
        let lookup = One(RecordId(Uuid::nil()));
        let keys = |tm: &Trademark, today: &str| -> Vec<String> {
            tm.next_events(d(today), &cal())
                .into_iter()
                .map(|o| o.step)
                .collect()
        };
        let application = Trademark {
            registered_on: None,
            ..mark(&lookup)
        };
        assert!(keys(&application, "2026-12-02").is_empty());
        let mut tm = mark(&lookup);
        assert_eq!(
            keys(&tm, "2025-12-02"),
            ["renew", "licence", "assign", "pledge", "terminate"]
        );
        // Expired 2026-03-06, grace over in September: lapsed.
        assert_eq!(keys(&tm, "2026-12-02"), ["renew", "terminate"]);
        tm.pledges.push(Pledge {
            pledgee: "银行".into(),
            amount: crate::Fen(100),
            registered_on: d("2020-01-01"),
            term_ends: None,
            registration_no: None,
            release: None,
        });
        assert_eq!(keys(&tm, "2026-12-02"), ["renew", "terminate"]);
        tm.pledges[0].registration_no = Some("质字2020-1".into());
        assert_eq!(
            keys(&tm, "2026-12-02"),
            ["renew", "release_pledge", "terminate"]
        );
        tm.terminate(
            end("deregistered", Some("not_renewed"), "2026-11-02", None)
                .parse()
                .unwrap(),
            &cal(),
        )
        .unwrap();
        assert_eq!(keys(&tm, "2026-12-02"), ["release_pledge"]);
        tm.release_pledge(&PledgeReleaseInput {
            registration_no: Some("质字2020-1".into()),
            on: Some("2026-11-20".into()),
            document_no: None,
        })
        .unwrap();
        assert!(keys(&tm, "2026-12-02").is_empty());
    }

    #[test]
    fn three_ends_each_with_its_date_and_document() {
        let lookup = One(RecordId(Uuid::nil()));
        // Not renewed: only after the grace period (legal last day 2026-09-07).
        let mut tm = mark(&lookup);
        let early = end("deregistered", Some("not_renewed"), "2026-09-07", None)
            .parse()
            .unwrap();
        assert_eq!(
            tm.terminate(early, &cal()).unwrap_err().rule,
            Rule::DateOrder
        );
        let late = end("deregistered", Some("not_renewed"), "2026-11-02", None)
            .parse()
            .unwrap();
        tm.terminate(late, &cal()).unwrap();
        assert_eq!(
            tm.standing_on(d("2026-12-02"), &cal()),
            Standing::Deregistered
        );
        assert_eq!(
            tm.right_ended_by(d("2026-12-02"), &cal()),
            Some(d("2026-03-06"))
        );
        assert_eq!(
            tm.record_renewal(d("2026-05-01"), &cal()).unwrap_err().rule,
            Rule::TrademarkTerminated
        );
        assert!(tm.next_events(d("2026-12-02"), &cal()).is_empty());

        // Surrendered: the right ends the day CNIPA received it, not when it is recorded.
        let mut tm = mark(&lookup);
        let t = end(
            "deregistered",
            Some("surrendered"),
            "2024-06-15",
            Some("2024-03-01"),
        )
        .parse()
        .unwrap();
        tm.terminate(t, &cal()).unwrap();
        assert_eq!(
            tm.right_ended_by(d("2024-07-01"), &cal()),
            Some(d("2024-02-29"))
        );

        // Revoked (art. 49): ends on the announcement (art. 55).
        let mut tm = mark(&lookup);
        tm.terminate(
            end("revoked", None, "2024-05-10", None).parse().unwrap(),
            &cal(),
        )
        .unwrap();
        assert_eq!(tm.standing_on(d("2024-06-01"), &cal()), Standing::Revoked);
        assert_eq!(
            tm.right_ended_by(d("2024-06-01"), &cal()),
            Some(d("2024-05-09"))
        );

        // Bad input: no document number, a ground on a revocation, a surrender without its
        // date received, received after it was recorded.
        let errs = |t: TerminationInput| -> Vec<(String, Rule)> {
            t.parse()
                .unwrap_err()
                .0
                .into_iter()
                .map(|v| (v.field.unwrap_or_default(), v.rule))
                .collect()
        };
        assert_eq!(
            errs(TerminationInput {
                document_no: None,
                ..end("revoked", Some("surrendered"), "2024-05-10", None)
            }),
            vec![
                ("ground".into(), Rule::NotApplicable),
                ("document_no".into(), Rule::Required)
            ]
        );
        assert_eq!(
            errs(end("deregistered", Some("surrendered"), "2024-05-10", None)),
            vec![("effective_on".into(), Rule::Required)]
        );
        assert_eq!(
            errs(end(
                "deregistered",
                Some("surrendered"),
                "2024-05-10",
                Some("2024-06-01")
            )),
            vec![("on".into(), Rule::DateOrder)]
        );
        assert_eq!(
            errs(end("deregistered", None, "2024-05-10", None)),
            vec![("ground".into(), Rule::Required)]
        );
    }

    #[test]
    fn an_invalidation_flags_what_was_performed_before_it_and_rewrites_nothing() {
        let lookup = One(RecordId(Uuid::nil()));
        let mut tm = mark(&lookup);
        tm.add_licence(licence("2020-01-01").parse(&lookup).unwrap())
            .unwrap();
        tm.registrant_id = RecordId(Uuid::from_u128(2));
        tm.assign(
            AssignmentInput {
                to: Some("ENT-0001".into()),
                announcement_no: Some("第1700期".into()),
                announced_on: Some("2021-06-06".into()),
                ..Default::default()
            }
            .parse(&lookup, tm.registrant_id)
            .unwrap(),
        )
        .unwrap();
        let before = (tm.licences.clone(), tm.assignments.clone());
        tm.terminate(
            end("invalidated", None, "2024-01-01", None)
                .parse()
                .unwrap(),
            &cal(),
        )
        .unwrap();
        assert_eq!(
            tm.standing_on(d("2024-02-01"), &cal()),
            Standing::Invalidated
        );
        assert_eq!(tm.right_ended_by(d("2024-02-01"), &cal()), None);
        assert!(tm.invalidated());
        let w: Vec<_> = tm
            .warnings()
            .into_iter()
            .map(|v| (v.field.unwrap(), v.rule))
            .collect();
        assert_eq!(
            w,
            vec![
                ("assignments[0]".into(), Rule::BeforeInvalidation),
                ("licences[0]".into(), Rule::BeforeInvalidation)
            ]
        );
        assert_eq!((tm.licences.clone(), tm.assignments.clone()), before);
    }

    fn licence(from: &str) -> LicenceInput {
        LicenceInput {
            licensee: Some("ENT-0001".into()),
            kind: Some("ordinary".into()),
            goods: Some("茶叶".into()),
            from: Some(from.into()),
            ..Default::default()
        }
    }

    #[test]
    fn similar_means_same_name_containment_or_same_pinyin() {
        assert!(similar_names("信阳毛尖", "信阳 毛尖"));
        assert!(similar_names("信阳毛尖", "毛尖"));
        assert!(similar_names("ＸＹ茶", "xy茶"));
        assert!(similar_names("心阳", "信阳"));
        assert!(!similar_names("信阳红", "光山红"));
        assert!(!similar_names("", "信阳"));
        assert!(similar_names("固始老鸡（示例）", "固始佬鸡（示例）"));
        assert!(!similar_names("（）", "【】"));

        let lookup = One(RecordId(Uuid::nil()));
        let tm = mark(&lookup);
        let other = |reg: &str, name: &str, class: &str| Trademark {
            reg_no: RegNo::parse(reg).unwrap(),
            name: name.into(),
            classes: vec![NiceClass::parse(class).unwrap()],
            ..mark(&lookup)
        };
        let (a, b, c) = (
            other("3047773", "心阳毛尖", "30"),
            other("3047774", "信阳毛尖", "31"),
            other("3047775", "光山红", "30"),
        );
        let kept = tm.similar_kept([
            (RecordId(Uuid::from_u128(1)), &a),
            (RecordId(Uuid::from_u128(2)), &b),
            (RecordId(Uuid::from_u128(3)), &c),
            (RecordId(Uuid::nil()), &tm),
        ]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].name, "心阳毛尖");
        let mut assigned = tm.clone();
        let mut a = AssignmentInput {
            to: Some("ENT-0001".into()),
            announcement_no: Some("第1800期".into()),
            announced_on: Some("2022-02-02".into()),
            ..Default::default()
        }
        .parse(&lookup, RecordId(Uuid::from_u128(9)))
        .unwrap();
        a.kept_similar = kept;
        assigned.registrant_id = RecordId(Uuid::from_u128(9));
        assigned.assign(a).unwrap();
        let w = assigned.warnings();
        assert_eq!(w[0].rule, Rule::SimilarMarkKept);
        assert!(w[0].params["marks"].contains("心阳毛尖（3047773）"));
    }

    #[test]
    fn a_pledge_is_in_force_from_its_registration_until_released() {
        let lookup = One(RecordId(Uuid::nil()));
        let mut tm = mark(&lookup);
        let p = PledgeInput {
            pledgee: Some("信阳农商银行".into()),
            amount: Some("3,000,000".into()),
            registration_no: None,
            registered_on: Some("2025-06-01".into()),
            term_ends: Some("2028-05-31".into()),
        };
        assert_eq!(p.parse().unwrap_err().0[0].rule, Rule::Required);
        let p = PledgeInput {
            registration_no: Some("质押登记2025-01".into()),
            ..p
        };
        tm.add_pledge(p.parse().unwrap()).unwrap();
        assert!(!tm.pledges[0].in_force_on(d("2025-05-31")));
        assert!(tm.pledges[0].in_force_on(d("2025-06-01")));
        // Licensing while it is in force, without the pledgee's consent: a warning, kept.
        tm.add_licence(licence("2025-07-01").parse(&lookup).unwrap())
            .unwrap();
        tm.add_licence(
            LicenceInput {
                consent_on: Some("2025-06-20".into()),
                consent_no: Some("同意函2025-3".into()),
                ..licence("2025-07-01")
            }
            .parse(&lookup)
            .unwrap(),
        )
        .unwrap();
        tm.add_licence(licence("2025-05-01").parse(&lookup).unwrap())
            .unwrap();
        let w: Vec<_> = tm
            .warnings()
            .into_iter()
            .map(|v| (v.field.unwrap(), v.rule))
            .collect();
        assert_eq!(w, vec![("licences[0]".into(), Rule::PledgeConsentMissing)]);
        // Release ends it; a second release, or one before the registration, is refused.
        let release = |on: &str| PledgeReleaseInput {
            registration_no: Some("质押登记2025-01".into()),
            on: Some(on.into()),
            document_no: None,
        };
        assert_eq!(
            rules(tm.release_pledge(&release("2025-01-01"))),
            vec![("on".into(), Rule::DateOrder)]
        );
        tm.release_pledge(&release("2026-03-01")).unwrap();
        assert!(!tm.pledges[0].in_force_on(d("2026-03-01")));
        assert_eq!(
            rules(tm.release_pledge(&release("2026-04-01"))),
            vec![("registration_no".into(), Rule::FlowOrder)]
        );
        assert_eq!(
            rules(tm.release_pledge(&PledgeReleaseInput {
                registration_no: Some("无此号".into()),
                ..release("2026-04-01")
            })),
            vec![("registration_no".into(), Rule::ReferenceMissing)]
        );
    }

    #[test]
    fn a_licence_names_its_kind_goods_and_recordal() {
        let lookup = One(RecordId(Uuid::nil()));
        let l = LicenceInput {
            recordal_no: Some("备案2024-1".into()),
            recorded_on: Some("2024-02-01".into()),
            ..licence("2024-01-01")
        };
        let parsed = l.parse(&lookup).unwrap();
        assert!(parsed.recorded);
        assert_eq!(parsed.kind, Some(LicenceKind::Ordinary));
        let broken = LicenceInput {
            kind: Some("exclusive-ish".into()),
            goods: None,
            recorded_on: None,
            to: Some("2023-01-01".into()),
            consent_on: Some("2023-01-01".into()),
            ..l
        };
        let got: Vec<_> = broken
            .parse(&lookup)
            .unwrap_err()
            .0
            .into_iter()
            .map(|v| (v.field.unwrap(), v.rule))
            .collect();
        assert_eq!(
            got,
            vec![
                ("kind".into(), Rule::EnumValue),
                ("goods".into(), Rule::Required),
                ("recorded_on".into(), Rule::Required),
                ("consent_no".into(), Rule::Required),
                ("to".into(), Rule::DateOrder),
            ]
        );
    }
}

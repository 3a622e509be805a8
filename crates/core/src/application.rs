//! Applications an enterprise makes to the bureau: guidance requests (申请指导) and incentive
//! award applications (奖励申请), and the review flow they follow:
//! draft → submitted → under review → approved / rejected → paid (awards only).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::date::parse_date;
use crate::error::{Lang, Violation, Violations};
use crate::incentive::{AwardItem, Claim};
use crate::record::{
    CLAIMS_MAX, LINE_MAX, Lookup, NAME_MAX, RecordId, RecordKind, StepOffer, at_most, enum_value,
    optional_text, required_text, resolve, show_ref,
};
use crate::{DivisionCode, Fen};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationKind {
    Guidance,
    Award,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Draft,
    Submitted,
    UnderReview,
    Approved,
    Rejected,
    Paid,
}

impl State {
    /// Whether an application in this state is edited as a whole (only a draft).
    pub fn editable(self) -> bool {
        self == Self::Draft
    }

    pub const KEYS: [&'static str; 6] = [
        "draft",
        "submitted",
        "under_review",
        "approved",
        "rejected",
        "paid",
    ];

    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let zh = ["草稿", "已提交", "审核中", "已核准", "已驳回", "已拨付"];
        let en = [
            "draft",
            "submitted",
            "under review",
            "approved",
            "rejected",
            "paid",
        ];
        match lang {
            Lang::Zh => zh[self as usize],
            Lang::En => en[self as usize],
        }
    }
}

/// What an application is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Subject {
    pub kind: RecordKind,
    pub id: RecordId,
}

/// One awarded amount, fixed at approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AwardLine {
    pub rule_id: RecordId,
    pub rule_code: String,
    pub item: AwardItem,
    pub jurisdiction: DivisionCode,
    pub amount: Fen,
}

/// The award fixed at approval: its lines, the budget year, and the reason given when it was
/// approved past a budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Award {
    pub year: i32,
    pub lines: Vec<AwardLine>,
    pub total: Fen,
    pub over_budget_reason: Option<String>,
}

/// One step of the flow, as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Step {
    pub action: String,
    pub on: NaiveDate,
    pub by: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Application {
    pub kind: ApplicationKind,
    pub enterprise_id: RecordId,
    pub subject: Option<Subject>,
    pub title: String,
    /// The achievements an award application claims.
    pub claims: Vec<Claim>,
    pub notes: Option<String>,
    pub state: State,
    pub reviewer: Option<String>,
    pub submitted_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    /// The reason of a rejection.
    pub rejection: Option<String>,
    pub award: Option<Award>,
    pub paid_on: Option<NaiveDate>,
    pub voucher: Option<String>,
    pub steps: Vec<Step>,
}

impl crate::record::Lifecycle for Application {
    fn take_lifecycle(&mut self, current: &Self) {
        let Application {
            kind: _,
            enterprise_id: _,
            subject: _,
            title: _,
            claims: _,
            notes: _,
            state,
            reviewer,
            submitted_on,
            decided_on,
            rejection,
            award,
            paid_on,
            voucher,
            steps,
        } = current;
        self.state = *state;
        self.reviewer.clone_from(reviewer);
        self.submitted_on = *submitted_on;
        self.decided_on = *decided_on;
        self.rejection.clone_from(rejection);
        self.award.clone_from(award);
        self.paid_on = *paid_on;
        self.voucher.clone_from(voucher);
        self.steps.clone_from(steps);
    }
}

/// A flow action. The api supplies the award of an approval (eligibility and budget need the
/// store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Submit {
        on: NaiveDate,
    },
    StartReview {
        on: NaiveDate,
        reviewer: String,
    },
    Approve {
        on: NaiveDate,
        note: Option<String>,
        award: Option<Award>,
    },
    Reject {
        on: NaiveDate,
        reason: String,
    },
    /// 退回补正: a rejected application goes back to its applicant as a draft, saying what to
    /// correct; it is submitted again, its history kept.
    Return {
        on: NaiveDate,
        reason: String,
    },
    Pay {
        on: NaiveDate,
        voucher: String,
    },
}

impl Action {
    pub fn key(&self) -> &'static str {
        match self {
            Self::Submit { .. } => "submit",
            Self::StartReview { .. } => "start_review",
            Self::Approve { .. } => "approve",
            Self::Reject { .. } => "reject",
            Self::Return { .. } => "return",
            Self::Pay { .. } => "pay",
        }
    }

    pub fn on(&self) -> NaiveDate {
        match self {
            Self::Submit { on }
            | Self::StartReview { on, .. }
            | Self::Approve { on, .. }
            | Self::Reject { on, .. }
            | Self::Return { on, .. }
            | Self::Pay { on, .. } => *on,
        }
    }

    fn label(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Submit { .. }, Lang::Zh) => "提交",
            (Self::StartReview { .. }, Lang::Zh) => "开始审核",
            (Self::Approve { .. }, Lang::Zh) => "核准",
            (Self::Reject { .. }, Lang::Zh) => "驳回",
            (Self::Return { .. }, Lang::Zh) => "退回补正",
            (Self::Return { .. }, Lang::En) => "return for correction",
            (Self::Pay { .. }, Lang::Zh) => "拨付",
            (Self::Submit { .. }, Lang::En) => "submit",
            (Self::StartReview { .. }, Lang::En) => "start review",
            (Self::Approve { .. }, Lang::En) => "approve",
            (Self::Reject { .. }, Lang::En) => "reject",
            (Self::Pay { .. }, Lang::En) => "pay",
        }
    }
}

impl State {
    /// The steps an application of `kind` in this state may take next (the one table the flow
    /// checks); only an award is paid.
    pub fn steps(self, kind: ApplicationKind) -> &'static [&'static str] {
        match self {
            Self::Draft => &["submit"],
            Self::Submitted => &["start_review", "reject"],
            Self::UnderReview => &["approve", "reject"],
            Self::Approved if kind == ApplicationKind::Award => &["pay"],
            Self::Rejected => &["return"],
            Self::Approved | Self::Paid => &[],
        }
    }
}

/// A step of the application flow as its form offers it. Approving asks for a reason when the
/// award goes past the budget (`over_budget_reason`, checked by the api).
pub fn step_offer(step: &str) -> StepOffer {
    match step {
        "start_review" => StepOffer::new(step, &["on", "reviewer"], &["reviewer"]),
        "approve" => StepOffer::new(step, &["on", "note", "over_budget_reason"], &[]),
        // A refusal is a decision against the applicant: confirmed, shown as dangerous.
        "reject" => StepOffer {
            legal: true,
            ..StepOffer::new(step, &["on", "reason"], &["reason"])
        },
        "return" => StepOffer::new(step, &["on", "reason"], &["reason"]),
        "pay" => StepOffer::new(step, &["on", "voucher"], &["voucher"]),
        _ => StepOffer::new(step, &["on"], &[]),
    }
}

impl Application {
    /// Only a draft is edited as a whole; after submission it changes through its flow.
    pub fn editable(&self) -> bool {
        self.state.editable()
    }

    /// The steps this application may take next, as their forms offer them.
    pub fn next_steps(&self) -> Vec<StepOffer> {
        self.state
            .steps(self.kind)
            .iter()
            .map(|s| step_offer(s))
            .collect()
    }

    /// Apply a flow action, refusing one the current state does not allow.
    pub fn apply(&mut self, action: Action) -> Result<(), Violation> {
        use State::*;
        let refuse =
            |s: State, a: &Action| Violation::flow_order(s.label(Lang::Zh), a.label(Lang::Zh));
        if !self.state.steps(self.kind).contains(&action.key()) {
            return Err(refuse(self.state, &action));
        }
        if let Some(last) = self.steps.last()
            && action.on() < last.on
        {
            return Err(Violation::date_order(last.on, action.on()).at("on"));
        }
        let key = action.key().to_owned();
        let (on, by, note) = match action {
            Action::Submit { on } => {
                if self.kind == ApplicationKind::Award && self.claims.is_empty() {
                    return Err(Violation::required().at("claims"));
                }
                // A claim saved before proofs were asked for is completed before it goes in.
                if let Some(i) = self.claims.iter().position(|c| c.proof.is_none()) {
                    return Err(Violation::claim_unproven(
                        "请先在草稿中指明证明记录 / name the proving record in the draft first",
                    )
                    .at(format!("claims[{i}].proof")));
                }
                self.submitted_on = Some(on);
                self.state = Submitted;
                (on, None, None)
            }
            Action::StartReview { on, reviewer } => {
                let reviewer = required_text(&reviewer, NAME_MAX).map_err(|e| e.at("reviewer"))?;
                self.reviewer = Some(reviewer.clone());
                self.state = UnderReview;
                (on, Some(reviewer), None)
            }
            Action::Approve { on, note, award } => {
                if self.kind == ApplicationKind::Award {
                    let award = award
                        .filter(|a| a.total.0 > 0)
                        .ok_or_else(Violation::nothing_eligible)?;
                    self.award = Some(award);
                }
                self.decided_on = Some(on);
                self.state = Approved;
                (on, self.reviewer.clone(), note)
            }
            Action::Reject { on, reason } => {
                let reason = required_text(&reason, LINE_MAX)
                    .map_err(|_| Violation::reason_required().at("reason"))?;
                self.decided_on = Some(on);
                self.rejection = Some(reason.clone());
                self.state = Rejected;
                (on, self.reviewer.clone(), Some(reason))
            }
            Action::Return { on, reason } => {
                let reason = required_text(&reason, LINE_MAX)
                    .map_err(|_| Violation::reason_required().at("reason"))?;
                // A draft again: the decision is undone, the steps keep it.
                self.decided_on = None;
                self.rejection = None;
                self.reviewer = None;
                self.submitted_on = None;
                self.state = Draft;
                (on, None, Some(reason))
            }
            Action::Pay { on, voucher } => {
                let voucher = required_text(&voucher, NAME_MAX).map_err(|e| e.at("voucher"))?;
                self.paid_on = Some(on);
                self.voucher = Some(voucher.clone());
                self.state = Paid;
                (on, None, Some(voucher))
            }
        };
        self.steps.push(Step {
            action: key,
            on,
            by,
            note,
        });
        Ok(())
    }

    /// The amount committed against budgets: fixed at approval, kept once paid.
    pub fn committed(&self) -> Option<&Award> {
        match self.state {
            State::Approved | State::Paid => self.award.as_ref(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct ClaimInput {
    pub item: String,
    pub achieved_on: String,
    pub document: Option<String>,
    /// The record that proves it: a candidate with its recognition decision, a trademark, a GI
    /// product or an approved user (by code).
    pub proof: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct ApplicationInput {
    pub kind: String,
    pub enterprise: Option<String>,
    /// `candidate`, `trademark`, `gi` or `user`.
    pub subject_kind: Option<String>,
    pub subject: Option<String>,
    pub title: String,
    pub claims: Vec<ClaimInput>,
    pub notes: Option<String>,
}

impl ClaimInput {
    /// Claim `i` of an application by `enterprise`: its item, date and document, and the record
    /// that proves it (with `proofs`, checked against the claim). `None` when any is refused.
    fn parse_at(
        &self,
        i: usize,
        v: &mut Violations,
        lookup: &dyn Lookup,
        enterprise: Option<RecordId>,
        proofs: bool,
    ) -> Option<Claim> {
        let item = v.check(&format!("claims[{i}].item"), || {
            if self.item.trim().is_empty() {
                return Err(Violation::required());
            }
            enum_value::<AwardItem>(&self.item, &crate::incentive::AwardItem::KEYS)
        });
        let on = v.check(&format!("claims[{i}].achieved_on"), || {
            parse_date(&self.achieved_on)
        });
        let doc = v.check(&format!("claims[{i}].document"), || {
            optional_text(self.document.as_deref(), NAME_MAX)
        });
        let proof = v.check(&format!("claims[{i}].proof"), || {
            let (Some(item), Some(achieved_on), Some(enterprise)) = (item, on, enterprise) else {
                return Ok(None);
            };
            self.proving_record(item, achieved_on, enterprise, lookup, proofs)
        });
        Some(Claim {
            item: item?,
            achieved_on: on?,
            document: doc?,
            proof: proof?,
        })
    }

    /// The record named as proof of the claim. With `proofs` it is required and must show
    /// the item, on the date claimed, for `enterprise`; without, it is only resolved.
    fn proving_record(
        &self,
        item: AwardItem,
        achieved_on: NaiveDate,
        enterprise: RecordId,
        lookup: &dyn Lookup,
        proofs: bool,
    ) -> Result<Option<RecordId>, Violation> {
        let key = self.proof.as_deref().unwrap_or("").trim();
        if !proofs {
            return (!key.is_empty())
                .then(|| resolve(lookup, item.proof_kind(), key))
                .transpose();
        }
        if key.is_empty() {
            return Err(Violation::claim_unproven(format!(
                "请指明证明该事项的{} / name the {} that proves it",
                item.proof_kind().label(Lang::Zh),
                item.proof_kind().label(Lang::En)
            )));
        }
        let id = resolve(lookup, item.proof_kind(), key)?;
        let claim = Claim {
            item,
            achieved_on,
            document: None,
            proof: Some(id),
        };
        let proof = lookup.proof(item, id).ok_or_else(|| {
            Violation::claim_unproven("证明记录无法读取 / the record cannot be read")
        })?;
        crate::incentive::check_proof(&claim, &proof, enterprise)?;
        Ok(Some(id))
    }
}

const SUBJECT_KINDS: [&str; 4] = ["candidate", "trademark", "gi", "user"];

impl ApplicationInput {
    /// Parse an application. Only a draft can be edited: once submitted, it changes only
    /// through its flow.
    pub fn parse(
        &self,
        lookup: &dyn Lookup,
        existing: Option<&Application>,
    ) -> Result<Application, Violations> {
        self.parse_checking(lookup, existing, true)
    }

    /// Parse a stored application again (`check`): a draft's claims are held to their proofs;
    /// one past its draft keeps the claims it went in with, as the ledger does.
    pub fn recheck(
        &self,
        lookup: &dyn Lookup,
        stored: &Application,
    ) -> Result<Application, Violations> {
        self.parse_checking(lookup, None, stored.state == State::Draft)
    }

    fn parse_checking(
        &self,
        lookup: &dyn Lookup,
        existing: Option<&Application>,
        proofs: bool,
    ) -> Result<Application, Violations> {
        if let Some(e) = existing
            && !e.editable()
        {
            return Err(Violation::flow_order(e.state.label(Lang::Zh), "修改").into());
        }
        let mut v = Violations::default();
        let kind = v.check("kind", || {
            if self.kind.trim().is_empty() {
                return Err(Violation::required());
            }
            enum_value::<ApplicationKind>(&self.kind, &["guidance", "award"])
        });
        let enterprise = v.check("enterprise", || {
            resolve(
                lookup,
                RecordKind::Enterprise,
                self.enterprise.as_deref().unwrap_or(""),
            )
        });
        let subject = v.check("subject", || {
            let key = self.subject.as_deref().unwrap_or("").trim();
            if key.is_empty() {
                return Ok(None);
            }
            let sk = self.subject_kind.as_deref().unwrap_or("").trim();
            let kind = RecordKind::from_key(sk)
                .filter(|k| SUBJECT_KINDS.contains(&k.key()))
                .ok_or_else(|| Violation::enum_value(sk, SUBJECT_KINDS.join(", ")))?;
            Ok(Some(Subject {
                kind,
                id: resolve(lookup, kind, key)?,
            }))
        });
        let title = v.check("title", || required_text(&self.title, NAME_MAX));
        let mut claims = vec![];
        v.check("claims", || at_most(self.claims.len(), CLAIMS_MAX));
        for (i, c) in self.claims.iter().enumerate().take(CLAIMS_MAX + 1) {
            claims.extend(c.parse_at(i, &mut v, lookup, enterprise, proofs));
        }
        if kind == Some(ApplicationKind::Guidance) && !self.claims.is_empty() {
            v.push(Violation::claims_on_guidance().at("claims"));
        }
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| Application {
            kind: kind.unwrap(),
            enterprise_id: enterprise.unwrap(),
            subject: subject.unwrap(),
            title: title.unwrap(),
            claims,
            notes: notes.unwrap(),
            state: State::Draft,
            reviewer: None,
            submitted_on: None,
            decided_on: None,
            rejection: None,
            award: None,
            paid_on: None,
            voucher: None,
            steps: vec![],
        })
    }
}

impl Application {
    pub fn to_input(&self, lookup: &dyn Lookup) -> ApplicationInput {
        ApplicationInput {
            kind: match self.kind {
                ApplicationKind::Guidance => "guidance",
                ApplicationKind::Award => "award",
            }
            .into(),
            enterprise: Some(show_ref(lookup, RecordKind::Enterprise, self.enterprise_id)),
            subject_kind: self.subject.map(|s| s.kind.key().to_owned()),
            subject: self.subject.map(|s| show_ref(lookup, s.kind, s.id)),
            title: self.title.clone(),
            claims: self
                .claims
                .iter()
                .map(|c| ClaimInput {
                    item: AwardItem::KEYS[c.item as usize].to_owned(),
                    achieved_on: c.achieved_on.to_string(),
                    document: c.document.clone(),
                    proof: c.proof.map(|id| show_ref(lookup, c.item.proof_kind(), id)),
                })
                .collect(),
            notes: self.notes.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn app(kind: ApplicationKind) -> Application {
        Application {
            kind,
            enterprise_id: RecordId(uuid::Uuid::nil()),
            subject: None,
            title: "申请".into(),
            claims: vec![Claim {
                item: AwardItem::GiTrademark,
                achieved_on: d("2026-02-01"),
                document: None,
                proof: Some(RecordId(uuid::Uuid::nil())),
            }],
            notes: None,
            state: State::Draft,
            reviewer: None,
            submitted_on: None,
            decided_on: None,
            rejection: None,
            award: None,
            paid_on: None,
            voucher: None,
            steps: vec![],
        }
    }

    fn award(total: i64) -> Award {
        Award {
            year: 2026,
            lines: vec![],
            total: Fen(total),
            over_budget_reason: None,
        }
    }

    #[test]
    fn transitions_table() {
        use State::*;
        let submit = Action::Submit {
            on: d("2026-03-01"),
        };
        let review = Action::StartReview {
            on: d("2026-03-02"),
            reviewer: "王科长".into(),
        };
        let approve = |a| Action::Approve {
            on: d("2026-03-03"),
            note: None,
            award: a,
        };
        let reject = |r: &str| Action::Reject {
            on: d("2026-03-03"),
            reason: r.into(),
        };
        let pay = Action::Pay {
            on: d("2026-04-01"),
            voucher: "付-2026-17".into(),
        };
        // (kind, actions to apply, state after, rule of the refused last action)
        let cases: Vec<(ApplicationKind, Vec<Action>, State, Option<Rule>)> = vec![
            (
                ApplicationKind::Award,
                vec![
                    submit.clone(),
                    review.clone(),
                    approve(Some(award(3_000_000))),
                    pay.clone(),
                ],
                Paid,
                None,
            ),
            (
                ApplicationKind::Award,
                vec![submit.clone(), reject("材料不全")],
                Rejected,
                None,
            ),
            (
                ApplicationKind::Award,
                vec![submit.clone(), reject("  ")],
                Submitted,
                Some(Rule::ReasonRequired),
            ),
            (
                ApplicationKind::Award,
                vec![approve(Some(award(1)))],
                Draft,
                Some(Rule::FlowOrder),
            ),
            (
                ApplicationKind::Award,
                vec![submit.clone(), pay.clone()],
                Submitted,
                Some(Rule::FlowOrder),
            ),
            (
                ApplicationKind::Award,
                vec![submit.clone(), review.clone(), approve(Some(award(0)))],
                UnderReview,
                Some(Rule::NothingEligible),
            ),
            (
                ApplicationKind::Guidance,
                vec![submit.clone(), review.clone(), approve(None)],
                Approved,
                None,
            ),
            (
                ApplicationKind::Guidance,
                vec![submit.clone(), review.clone(), approve(None), pay.clone()],
                Approved,
                Some(Rule::FlowOrder),
            ),
            (
                ApplicationKind::Award,
                vec![submit.clone(), reject("重复申请"), review.clone()],
                Rejected,
                Some(Rule::FlowOrder),
            ),
        ];
        for (kind, actions, state, refused) in cases {
            let mut a = app(kind);
            let n = actions.len();
            let mut last = Ok(());
            for (i, act) in actions.into_iter().enumerate() {
                let r = a.apply(act);
                if i + 1 < n {
                    r.unwrap();
                } else {
                    last = r;
                }
            }
            assert_eq!(a.state, state);
            assert_eq!(last.err().map(|e| e.rule), refused, "{state:?}");
        }
    }

    /// The steps offered are exactly the steps the flow accepts, in every state of a path.
    #[test]
    fn the_offered_steps_are_the_accepted_ones() {
        let all = |on: &str| {
            let on = d(on);
            vec![
                Action::Submit { on },
                Action::StartReview {
                    on,
                    reviewer: "王科长".into(),
                },
                Action::Approve {
                    on,
                    note: None,
                    award: Some(award(100)),
                },
                Action::Reject {
                    on,
                    reason: "材料不全".into(),
                },
                Action::Pay {
                    on,
                    voucher: "付-1".into(),
                },
            ]
        };
        for kind in [ApplicationKind::Award, ApplicationKind::Guidance] {
            let mut a = app(kind);
            // Along the path draft → submitted → under review → approved (→ paid).
            for (i, next) in ["submit", "start_review", "approve", "pay", ""]
                .iter()
                .enumerate()
            {
                let on = format!("2026-03-{:02}", i + 1);
                let offered: Vec<String> = a.next_steps().into_iter().map(|o| o.step).collect();
                for act in all(&on) {
                    let accepted = a.clone().apply(act.clone()).is_ok();
                    assert_eq!(
                        accepted,
                        offered.iter().any(|o| o == act.key()),
                        "{kind:?} {:?} {}",
                        a.state,
                        act.key()
                    );
                }
                match all(&on).into_iter().find(|x| x.key() == *next) {
                    Some(act) if offered.iter().any(|o| o == next) => a.apply(act).unwrap(),
                    _ => break,
                }
            }
        }
    }

    #[test]
    fn rejection_keeps_its_reason_and_steps_stay_in_date_order() {
        let mut a = app(ApplicationKind::Award);
        a.apply(Action::Submit {
            on: d("2026-03-05"),
        })
        .unwrap();
        let e = a
            .apply(Action::StartReview {
                on: d("2026-03-01"),
                reviewer: "王".into(),
            })
            .unwrap_err();
        assert_eq!(e.rule, Rule::DateOrder);
        a.apply(Action::Reject {
            on: d("2026-03-06"),
            reason: "商标未注册满一年".into(),
        })
        .unwrap();
        assert_eq!(a.rejection.as_deref(), Some("商标未注册满一年"));
        assert_eq!(
            a.steps.last().unwrap().note.as_deref(),
            Some("商标未注册满一年")
        );
    }

    /// 退回补正: a rejected application goes back as a draft (editable, to be submitted
    /// again), saying what to correct; every step before it is kept, and a return needs its
    /// reason.
    #[test]
    fn a_rejected_application_is_returned_for_correction_and_submitted_again() {
        let mut a = app(ApplicationKind::Award);
        let on = |s: &str| d(s);
        a.apply(Action::Submit {
            on: on("2026-03-05"),
        })
        .unwrap();
        a.apply(Action::Reject {
            on: on("2026-03-06"),
            reason: "缺少商标注册证".into(),
        })
        .unwrap();
        assert_eq!(
            a.next_steps()
                .iter()
                .map(|o| o.step.as_str())
                .collect::<Vec<_>>(),
            ["return"]
        );
        let e = a
            .apply(Action::Return {
                on: on("2026-03-07"),
                reason: " ".into(),
            })
            .unwrap_err();
        assert_eq!(e.rule, Rule::ReasonRequired);
        a.apply(Action::Return {
            on: on("2026-03-07"),
            reason: "请补交商标注册证复印件".into(),
        })
        .unwrap();
        assert_eq!(a.state, State::Draft);
        assert!(a.editable() && a.rejection.is_none() && a.decided_on.is_none());
        a.apply(Action::Submit {
            on: on("2026-03-10"),
        })
        .unwrap();
        assert_eq!(
            a.steps
                .iter()
                .map(|s| s.action.as_str())
                .collect::<Vec<_>>(),
            ["submit", "reject", "return", "submit"]
        );
        assert_eq!(a.submitted_on, Some(on("2026-03-10")));
    }
}

//! `terroir user`: authorised users of a GI, from application through review to the right of
//! use, their use reports and the notices that chase them.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use terroir_api::core::RecordKind;
use terroir_api::ops::UserStep;
use terroir_api::{ApiError, RecordData, Workspace};

use crate::common::{Outcome, Target, done, reminders_written};
use crate::fields::UserFields;
use crate::output::{Out, key_of, word};
use crate::record::{self, RecordCmd};

#[derive(Debug, Args)]
pub struct Dated {
    #[command(flatten)]
    target: Target,
    #[arg(long)]
    on: String,
    #[arg(long)]
    reason: String,
}

#[derive(Debug, Subcommand)]
pub enum UserCmd {
    #[command(flatten)]
    Record(RecordCmd<UserFields>),
    /// First review at the county, with the on-site check
    FirstReview {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        on: String,
        #[arg(long)]
        onsite_check_on: Option<String>,
        #[arg(long)]
        onsite_result: Option<String>,
        /// The review failed: the application is rejected (a reason is required)
        #[arg(long)]
        fail: bool,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Provincial review
    ProvincialReview {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        on: String,
        #[arg(long)]
        fail: bool,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Approval, with the announcement
    Approve {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        announcement_no: String,
        #[arg(long)]
        announced_on: String,
    },
    /// Reject an application under review
    Reject(Dated),
    /// Suspend use of the special mark
    Suspend(Dated),
    /// End a suspension
    Reinstate(Dated),
    /// Withdraw the right of use (final)
    Withdraw(Dated),
    /// Open a period's use report (due by the bureau's schedule unless --due-on is given), or
    /// record its receipt and what it says
    Report(ReportArgs),
    /// Use-report notices (催报通知) for the users whose report is due within a period or
    /// missing: letters (.pdf), a calendar (.ics) or a call list (.xlsx, .csv)
    Reminders {
        /// Period such as 90d, 12w, 6m, 1y
        #[arg(long, default_value = "90d")]
        within: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Show or set how often users report their use: --period yearly|half_yearly, --due-days N
    /// (days after the period's end)
    Schedule {
        #[arg(long)]
        period: Option<String>,
        #[arg(long)]
        due_days: Option<u32>,
    },
    /// A collective mark's user joins the registrant association (no approval flow)
    Join {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        on: String,
        #[arg(long)]
        membership_no: Option<String>,
    },
    /// A certification mark's registrant licenses the producer
    License {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        on: String,
        #[arg(long)]
        licence_no: String,
    },
    /// A certification mark's registrant refuses the producer (a reason is required; the
    /// refusal is flagged: regulations art. 4 para 2)
    Refuse(Dated),
    /// Keep the right after a proposal to stop it for two years without use (a reason is
    /// required)
    KeepUse(Dated),
    /// A collective mark's user leaves the association
    Leave {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        on: String,
        #[arg(long)]
        reason: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    target: Target,
    #[arg(long)]
    year: i32,
    /// 1 or 2, where the bureau reports half-yearly
    #[arg(long)]
    half: Option<u8>,
    #[arg(long)]
    due_on: Option<String>,
    #[arg(long)]
    received_on: Option<String>,
    /// Whether the special mark was used in the period
    #[arg(long)]
    used: Option<bool>,
    /// Output in the period, with its unit, e.g. "干茶 12 吨"
    #[arg(long)]
    output: Option<String>,
    /// Special-mark labels used
    #[arg(long)]
    labels: Option<u32>,
    /// An e-commerce listing showing the mark (repeat)
    #[arg(long = "link")]
    links: Vec<String>,
}

pub fn run(ws: &mut Workspace, out: &Out, cmd: UserCmd) -> Result<Outcome, ApiError> {
    match cmd {
        UserCmd::Record(c) => record::run(ws, out, RecordKind::User, c),
        UserCmd::Reminders { within, output } => reminders(ws, out, &within, &output),
        UserCmd::Schedule { period, due_days } => schedule(ws, out, period, due_days),
        cmd => {
            let (target, s) = step_of(cmd);
            step(ws, out, &target, s)
        }
    }
}

/// The step a command records in the user's life, and the user it is recorded for.
fn step_of(cmd: UserCmd) -> (Target, UserStep) {
    match cmd {
        UserCmd::Record(_) | UserCmd::Reminders { .. } | UserCmd::Schedule { .. } => {
            unreachable!("not a step: run handles it")
        }
        UserCmd::FirstReview {
            target,
            on,
            onsite_check_on,
            onsite_result,
            fail,
            reason,
        } => (
            target,
            UserStep::FirstReview {
                on,
                onsite_check_on,
                onsite_result,
                passed: !fail,
                reason,
            },
        ),
        UserCmd::ProvincialReview {
            target,
            on,
            fail,
            reason,
        } => (
            target,
            UserStep::ProvincialReview {
                on,
                passed: !fail,
                reason,
            },
        ),
        UserCmd::Approve {
            target,
            announcement_no,
            announced_on,
        } => (
            target,
            UserStep::Approve {
                announcement_no,
                announced_on,
            },
        ),
        UserCmd::Report(a) => report_step(a),
        UserCmd::Join {
            target,
            on,
            membership_no,
        } => (target, UserStep::Join { on, membership_no }),
        UserCmd::License {
            target,
            on,
            licence_no,
        } => (target, UserStep::License { on, licence_no }),
        UserCmd::Leave { target, on, reason } => (target, UserStep::Leave { on, reason }),
        UserCmd::Reject(d) => d.step(|on, reason| UserStep::Reject { on, reason }),
        UserCmd::Suspend(d) => d.step(|on, reason| UserStep::Suspend { on, reason }),
        UserCmd::Reinstate(d) => d.step(|on, reason| UserStep::Reinstate { on, reason }),
        UserCmd::Withdraw(d) => d.step(|on, reason| UserStep::Withdraw { on, reason }),
        UserCmd::Refuse(d) => d.step(|on, reason| UserStep::Refuse { on, reason }),
        UserCmd::KeepUse(d) => d.step(|on, reason| UserStep::KeepUse { on, reason }),
    }
}

impl Dated {
    fn step(self, step: impl FnOnce(String, String) -> UserStep) -> (Target, UserStep) {
        (self.target, step(self.on, self.reason))
    }
}

fn report_step(a: ReportArgs) -> (Target, UserStep) {
    (
        a.target,
        UserStep::UseReport {
            year: a.year,
            half: a.half.map(|h| h.to_string()),
            due_on: a.due_on,
            received_on: a.received_on,
            used: a.used,
            output: a.output,
            labels: a.labels.map(|l| l.to_string()),
            links: a.links,
        },
    )
}

fn step(ws: &mut Workspace, out: &Out, target: &Target, s: UserStep) -> Result<Outcome, ApiError> {
    let r = ws.user_step(&target.record, s)?;
    let stage = match &r.record {
        RecordData::User { summary, .. } => key_of(&summary.stage),
        _ => String::new(),
    };
    done(out, &r, &word("stage", &stage, out.lang));
    Ok(0)
}

fn reminders(ws: &Workspace, out: &Out, within: &str, output: &Path) -> Result<Outcome, ApiError> {
    let w = ws.export_use_report_reminders(within, output, out.lang)?;
    reminders_written(out, &w, out.t("份催报通知", "use-report notices"));
    Ok(0)
}

fn schedule(
    ws: &mut Workspace,
    out: &Out,
    period: Option<String>,
    due_days: Option<u32>,
) -> Result<Outcome, ApiError> {
    let mut s = ws.report_schedule()?;
    if let Some(p) = period {
        s.period = terroir_api::core::record::enum_value(&p, &["yearly", "half_yearly"])
            .map_err(|e| e.at("period"))?;
    }
    if let Some(d) = due_days {
        s.due_days = d;
    }
    let s = ws.set_report_schedule(&s)?;
    if out.json {
        out.json(&s);
    } else {
        println!(
            "{}: {}, {} {}",
            out.t("使用情况报告", "use reports"),
            word("reportPeriod", &key_of(&s.period), out.lang),
            s.due_days,
            out.t("天后截止（期末起算）", "days after the period's end")
        );
    }
    Ok(0)
}

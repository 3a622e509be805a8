//! `terroir trademark`: trademarks, the events of their registration (renewal, licence,
//! assignment, pledge, end), and the renewal dates a registration date gives.

use std::path::Path;

use clap::Subcommand;
use terroir_api::core::RecordKind;
use terroir_api::core::chrono::NaiveDate;
use terroir_api::ops::{self, TrademarkEvent};
use terroir_api::{ApiError, RecordData, Workspace};

use crate::common::{Outcome, Target, done};
use crate::fields::{
    AssignmentFlags, IntoInput, LicenceFlags, PledgeFlags, PledgeReleaseFlags,
    RenewalApprovalFlags, RenewalRefusalFlags, TerminationFlags, TrademarkFields,
};
use crate::output::{Out, key_of, word};
use crate::record::{self, RecordCmd};

#[derive(Debug, Subcommand)]
pub enum TrademarkCmd {
    #[command(flatten)]
    Record(RecordCmd<TrademarkFields>),
    /// Compute term, renewal window and grace period (no workspace needed)
    Renewal {
        #[arg(long)]
        registered: String,
        #[arg(long, default_value_t = 0)]
        renewals: u32,
    },
    /// Record a renewal application filed in the window or grace period (pending until
    /// approved or refused)
    Renew {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        filed_on: String,
    },
    /// Record CNIPA's approval of the pending renewal: the next term starts
    ApproveRenewal {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        input: RenewalApprovalFlags,
    },
    /// Record CNIPA's refusal of the pending renewal
    RefuseRenewal {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        input: RenewalRefusalFlags,
    },
    /// Record a licence: kind, goods, term, and its recordal (number and date) when recorded
    Licence {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        input: LicenceFlags,
    },
    /// Record an approved assignment from its announcement: the assignee holds the mark from
    /// then
    Assign {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        input: AssignmentFlags,
    },
    /// Record a registered pledge (amount in yuan): in force from its registration
    Pledge {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        input: PledgeFlags,
    },
    /// Record the release of a pledge, named by its registration number
    ReleasePledge {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        input: PledgeReleaseFlags,
    },
    /// Record the end of a registration: deregistered (not_renewed or surrendered), revoked,
    /// or invalidated, with its document number
    Terminate {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        input: TerminationFlags,
    },
}

pub fn run(ws: &mut Workspace, out: &Out, cmd: TrademarkCmd) -> Result<Outcome, ApiError> {
    let (target, e) = match cmd {
        TrademarkCmd::Record(c) => return record::run(ws, out, RecordKind::Trademark, c),
        TrademarkCmd::Renewal { .. } => unreachable!("needs no workspace: main runs it"),
        TrademarkCmd::Renew { target, filed_on } => (target, TrademarkEvent::Renew { filed_on }),
        TrademarkCmd::ApproveRenewal { target, input } => {
            (target, TrademarkEvent::ApproveRenewal(input.into_input()?))
        }
        TrademarkCmd::RefuseRenewal { target, input } => {
            (target, TrademarkEvent::RefuseRenewal(input.into_input()?))
        }
        TrademarkCmd::Licence { target, input } => {
            (target, TrademarkEvent::Licence(input.into_input()?))
        }
        TrademarkCmd::Assign { target, input } => {
            (target, TrademarkEvent::Assign(input.into_input()?))
        }
        TrademarkCmd::Pledge { target, input } => {
            (target, TrademarkEvent::Pledge(input.into_input()?))
        }
        TrademarkCmd::ReleasePledge { target, input } => {
            (target, TrademarkEvent::ReleasePledge(input.into_input()?))
        }
        TrademarkCmd::Terminate { target, input } => {
            (target, TrademarkEvent::Terminate(input.into_input()?))
        }
    };
    event(ws, out, &target, e)
}

fn event(
    ws: &mut Workspace,
    out: &Out,
    target: &Target,
    e: TrademarkEvent,
) -> Result<Outcome, ApiError> {
    let r = ws.trademark_event(&target.record, e)?;
    if let RecordData::Trademark { summary, .. } = &r.record {
        done(
            out,
            &r,
            &word("standing", &key_of(&summary.standing), out.lang),
        );
        // A renewal kept past a weekend-only last day says so (recorded, never refused), and
        // so does what the record asks a clerk to look at.
        for n in &summary.renewal_notes {
            eprintln!("{}: {}", out.t("提示", "warning"), out.bilingual(n));
        }
        for w in &summary.warnings {
            eprintln!("{}: {}", out.t("提示", "warning"), out.message(&w.message));
        }
    }
    Ok(0)
}

/// `trademark renewal`: the dates from a registration date, by the workspace's calendar when
/// there is a workspace at `db`, else by the shipped one.
pub fn renewal(
    db: &Path,
    today: NaiveDate,
    out: &Out,
    registered: &str,
    renewals: u32,
) -> Result<Outcome, ApiError> {
    let (cal, source) = if db.exists() {
        let ws = Workspace::open(db, "terroir")?;
        (ws.calendar(), ops::CalendarSource::Workspace)
    } else {
        (
            terroir_api::core::calendar::WorkingCalendar::shipped(),
            ops::CalendarSource::Shipped,
        )
    };
    let d = ops::renewal_dates(registered, renewals, today, &cal, source)?;
    if out.json {
        out.json(&d);
        return Ok(0);
    }
    let mut rows = vec![
        vec![out.t("有效期至", "expires").into(), d.expires.to_string()],
        vec![
            out.t("续展期开始", "window opens").into(),
            d.window_opens.to_string(),
        ],
        vec![
            out.t("宽展期截止", "grace ends").into(),
            d.grace_ends.to_string(),
        ],
        vec![
            out.t("状态", "status").into(),
            word("standing", d.status.key(), out.lang),
        ],
    ];
    if let Some(note) = &d.grace_note {
        rows.insert(3, vec![String::new(), out.bilingual(note).to_owned()]);
    }
    out.table(&rows);
    Ok(0)
}

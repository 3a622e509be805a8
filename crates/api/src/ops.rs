//! Use cases beyond plain editing: the authorised-user flow, trademark events, photos,
//! deadlines, identifiers, the division table, audit, backup, restore and checks.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use terroir_core::calendar::WorkingCalendar;
use terroir_core::date::{parse_date, parse_horizon};
use terroir_core::deadline::{Deadline, last_day_note, trademark_deadlines, user_deadlines};
use terroir_core::gi::{GiProduct, Photo, PrintCopy};
use terroir_core::record::Lookup;
use terroir_core::record::{RecordId, RecordKind, optional_date};
use terroir_core::term::{RenewalStatus, Term};
use terroir_core::text::Bilingual;
use terroir_core::trademark::{
    AssignmentInput, LicenceInput, PledgeInput, PledgeReleaseInput, RenewalApprovalInput,
    RenewalRefusalInput, TerminationInput, Trademark,
};
use terroir_core::user::{
    AuthorisedUser, FirstReview, ReportContent, ReportEntry, ReportPeriod, ReportSchedule, Review,
    UseStatus,
};
use terroir_core::{CreditCode, Division, DivisionCode, Violation, Violations};
use terroir_store::audit::{self, AuditEntry, ChainReport};
use terroir_store::backup::{self, BackupInfo};
use terroir_store::check::CheckReport;
use terroir_store::records::{self as store, Show};
use terroir_store::{files, tables};

use crate::entity::{Entity, reparse};
use crate::error::{ApiError, RecordProblems, Result};
use crate::records::{RecordDto, load_live, store_entity};
use crate::workspace::{ArchivedToo, StoreLookup, Workspace};

/// One flow step on an authorised user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum UserStep {
    FirstReview {
        on: String,
        onsite_check_on: Option<String>,
        onsite_result: Option<String>,
        passed: bool,
        reason: Option<String>,
    },
    ProvincialReview {
        on: String,
        passed: bool,
        reason: Option<String>,
    },
    Approve {
        announcement_no: String,
        announced_on: String,
    },
    Reject {
        on: String,
        reason: String,
    },
    Suspend {
        on: String,
        reason: String,
    },
    Reinstate {
        on: String,
        reason: String,
    },
    Withdraw {
        on: String,
        reason: String,
    },
    UseReport {
        year: i32,
        /// 1 or 2 where the bureau reports half-yearly.
        #[serde(default)]
        half: Option<String>,
        due_on: Option<String>,
        received_on: Option<String>,
        #[serde(default)]
        used: Option<bool>,
        #[serde(default)]
        output: Option<String>,
        /// Labels used, as typed (`30000` or `30,000`).
        #[serde(default)]
        labels: Option<String>,
        #[serde(default)]
        links: Vec<String>,
    },
    /// A collective mark's user joins the registrant association.
    Join {
        on: String,
        membership_no: Option<String>,
    },
    /// A certification mark's registrant licenses the producer.
    License {
        on: String,
        licence_no: String,
    },
    /// A certification mark's registrant refuses the producer (flagged).
    Refuse {
        on: String,
        reason: String,
    },
    /// A collective mark's user leaves the association.
    Leave {
        on: String,
        reason: Option<String>,
    },
    /// Keep the right after a proposal to stop it for non-use, with the reason.
    KeepUse {
        on: String,
        reason: String,
    },
}

impl UserStep {
    fn action(&self) -> &'static str {
        match self {
            Self::FirstReview { .. } => "first_review",
            Self::ProvincialReview { .. } => "provincial_review",
            Self::Approve { .. } => "approve",
            Self::Reject { .. } => "reject",
            Self::Suspend { .. } => "suspend",
            Self::Reinstate { .. } => "reinstate",
            Self::Withdraw { .. } => "withdraw",
            Self::UseReport { .. } => "use_report",
            Self::Join { .. } => "join",
            Self::License { .. } => "license",
            Self::Refuse { .. } => "refuse",
            Self::Leave { .. } => "leave",
            Self::KeepUse { .. } => "keep_use",
        }
    }

    fn reason(&self) -> Option<&str> {
        match self {
            Self::FirstReview { reason, .. } | Self::ProvincialReview { reason, .. } => {
                reason.as_deref()
            }
            Self::Reject { reason, .. }
            | Self::Suspend { reason, .. }
            | Self::Reinstate { reason, .. }
            | Self::Withdraw { reason, .. }
            | Self::Refuse { reason, .. }
            | Self::KeepUse { reason, .. } => Some(reason),
            Self::Leave { reason, .. } => reason.as_deref(),
            _ => None,
        }
    }

    fn apply(&self, u: &mut AuthorisedUser, schedule: &ReportSchedule) -> Result<(), Violation> {
        // A whole number as a clerk types it: thousands separators allowed.
        let whole = |field: &str, s: &Option<String>| -> Result<Option<u32>, Violation> {
            match s.as_deref().and_then(terroir_core::text::trimmed) {
                None => Ok(None),
                Some(t) => t
                    .replace([',', '，'], "")
                    .parse()
                    .map(Some)
                    .map_err(|_| Violation::number_format(&t).at(field)),
            }
        };
        let date = |field: &str, s: &str| parse_date(s).map_err(|e| e.at(field));
        let opt =
            |field: &str, s: &Option<String>| optional_date(s.as_deref()).map_err(|e| e.at(field));
        match self {
            Self::FirstReview {
                on,
                onsite_check_on,
                onsite_result,
                passed,
                reason,
            } => u.first_review(
                FirstReview {
                    on: date("on", on)?,
                    onsite_check_on: opt("onsite_check_on", onsite_check_on)?,
                    onsite_result: onsite_result.clone().filter(|s| !s.trim().is_empty()),
                    passed: *passed,
                    note: None,
                },
                reason.as_deref().unwrap_or(""),
            ),
            Self::ProvincialReview { on, passed, reason } => u.provincial_review(
                Review {
                    on: date("on", on)?,
                    passed: *passed,
                    note: None,
                },
                reason.as_deref().unwrap_or(""),
            ),
            Self::Approve {
                announcement_no,
                announced_on,
            } => u.approve(announcement_no, date("announced_on", announced_on)?),
            Self::Reject { on, reason } => u.reject(date("on", on)?, reason),
            Self::Suspend { on, reason } => {
                u.change_status(UseStatus::Suspended, date("on", on)?, reason)
            }
            Self::Reinstate { on, reason } => {
                u.change_status(UseStatus::Active, date("on", on)?, reason)
            }
            Self::Withdraw { on, reason } => {
                u.change_status(UseStatus::Withdrawn, date("on", on)?, reason)
            }
            Self::UseReport {
                year,
                half,
                due_on,
                received_on,
                used,
                output,
                labels,
                links,
            } => u.record_use_report(
                ReportEntry {
                    year: *year,
                    half: whole("half", half)?.map(|h| h.min(u32::from(u8::MAX)) as u8),
                    due_on: opt("due_on", due_on)?,
                    received_on: opt("received_on", received_on)?,
                    content: ReportContent {
                        used: *used,
                        output: output.as_deref().and_then(terroir_core::text::trimmed),
                        labels: whole("labels", labels)?,
                        links: links
                            .iter()
                            .filter_map(|l| terroir_core::text::trimmed(l))
                            .collect(),
                    },
                },
                schedule,
            ),
            Self::Join { on, membership_no } => u.join(date("on", on)?, membership_no.as_deref()),
            Self::License { on, licence_no } => u.license(date("on", on)?, licence_no),
            Self::Refuse { on, reason } => u.refuse(date("on", on)?, reason),
            Self::Leave { on, reason } => u.leave(date("on", on)?, reason.as_deref().unwrap_or("")),
            Self::KeepUse { on, reason } => u.keep_use(date("on", on)?, reason),
        }
    }
}

const REPORT_PERIOD_KEY: &str = "use_report_period";
const REPORT_DUE_KEY: &str = "use_report_due_days";
const REPORT_SEEN_KEY: &str = "migration_report_seen";

/// One event on a trademark; its form's fields are those [`Trademark::next_events`] offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TrademarkEvent {
    Renew { filed_on: String },
    ApproveRenewal(RenewalApprovalInput),
    RefuseRenewal(RenewalRefusalInput),
    Licence(LicenceInput),
    Assign(AssignmentInput),
    Pledge(PledgeInput),
    ReleasePledge(PledgeReleaseInput),
    Terminate(TerminationInput),
}

impl TrademarkEvent {
    fn action(&self) -> &'static str {
        match self {
            Self::Renew { .. } => "renew",
            Self::ApproveRenewal(_) => "approve_renewal",
            Self::RefuseRenewal(_) => "refuse_renewal",
            Self::Licence(_) => "licence",
            Self::Assign(_) => "assign",
            Self::Pledge(_) => "pledge",
            Self::ReleasePledge(_) => "release_pledge",
            Self::Terminate(_) => "terminate",
        }
    }

    /// The reason the audit row keeps.
    fn reason(&self) -> Option<&str> {
        match self {
            Self::RefuseRenewal(r) => r.reason.as_deref(),
            Self::Terminate(t) => t.reason.as_deref(),
            _ => None,
        }
    }
}

/// The renewal dates of a registration, as `terroir trademark renewal` shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct RenewalDates {
    /// The registration term's last day (never moved: regulations art. 12 para 2).
    pub expires: NaiveDate,
    pub window_opens: NaiveDate,
    /// The grace period's legal last day (moved to a working day: art. 12 para 1).
    pub grace_ends: NaiveDate,
    /// The grace period's nominal last day.
    pub grace_ends_nominal: NaiveDate,
    /// Why the two differ, or that a year's holidays are not entered; `None` when they agree
    /// on a known working day.
    pub grace_note: Option<Bilingual>,
    /// Whose calendar moved it: `workspace` or `shipped`.
    pub calendar_source: CalendarSource,
    pub status: RenewalStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CalendarSource {
    Workspace,
    Shipped,
}

/// Renewal dates for a mark registered on `registered` and renewed `renewals` times, the grace
/// period's last day moved by `cal` (from `source`).
pub fn renewal_dates(
    registered: &str,
    renewals: u32,
    today: NaiveDate,
    cal: &WorkingCalendar,
    source: CalendarSource,
) -> Result<RenewalDates> {
    let registered = parse_date(registered).map_err(|e| e.at("registered"))?;
    let t = Term::current(registered, renewals, cal);
    Ok(RenewalDates {
        expires: t.expires,
        window_opens: t.window_opens,
        grace_ends: t.grace_ends,
        grace_ends_nominal: t.grace_ends_nominal,
        grace_note: last_day_note(t.grace_ends_nominal, t.grace_ends, t.calendar_year_missing),
        calendar_source: source,
        status: t.status_on(today),
    })
}

/// One result of `validate uscc`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct UsccResult {
    pub input: String,
    pub normalized: String,
    pub valid: bool,
    pub error: Option<crate::Problem>,
}

/// Validate credit codes, one result per input.
pub fn validate_uscc(inputs: &[String]) -> Vec<UsccResult> {
    inputs
        .iter()
        .map(|input| {
            let normalized = terroir_core::text::compact_code(input);
            match CreditCode::parse(input) {
                Ok(_) => UsccResult {
                    input: input.clone(),
                    normalized,
                    valid: true,
                    error: None,
                },
                Err(v) => UsccResult {
                    input: input.clone(),
                    normalized,
                    valid: false,
                    error: ApiError::from(v.at("credit_code"))
                        .problems
                        .into_iter()
                        .next(),
                },
            }
        })
        .collect()
}

/// Everything `terroir check` looks at, with the verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Check {
    pub ok: bool,
    #[serde(flatten)]
    pub report: CheckReport,
    /// Stored records the current rules refuse (written by an older version, or before a
    /// rule was added), the first [`REFUSED_LISTED`] of them.
    pub refused: Vec<RecordProblems>,
    /// How many stored records the current rules refuse in all.
    pub refused_total: u64,
    /// What upgrades of the workspace had to reinterpret, and where its backup before each
    /// upgrade is.
    pub migration_notes: Vec<String>,
}

/// How far `check` has got: records read again of those in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CheckProgress {
    pub done: u64,
    pub total: u64,
}

/// How many refused records `check` lists (it counts them all).
pub const REFUSED_LISTED: usize = 1000;

impl Workspace {
    pub(crate) fn change<E: Entity>(
        &mut self,
        key: &str,
        action: &str,
        reason: Option<&str>,
        f: impl FnOnce(&mut E, &StoreLookup<'_>) -> Result<()>,
    ) -> Result<RecordDto> {
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let (row, mut entity) = load_live::<E>(&tx, key)?;
        f(&mut entity, &StoreLookup(&tx))?;
        // What an action made is held to the form's rules too (a photo's caption, an evidence
        // item, a step's note): no way in skips them.
        let entity = reparse(&ArchivedToo(StoreLookup(&tx)), &entity)?;
        let reason = reason.and_then(terroir_core::text::trimmed);
        let row = store_entity(&tx, &stamp, &row.id, &entity, action, reason.as_deref())?;
        tx.commit().map_err(terroir_store::Error::from)?;
        self.to_dto(E::KIND, row)
    }

    /// Move an authorised user through the application flow or record a use report.
    pub fn user_step(&mut self, key: &str, step: UserStep) -> Result<RecordDto> {
        let (action, reason) = (step.action(), step.reason().map(str::to_owned));
        let schedule = self.report_schedule()?;
        self.change::<AuthorisedUser>(key, action, reason.as_deref(), |u, _| {
            Ok(step.apply(u, &schedule)?)
        })
    }

    /// How often users report their use, as the bureau set it (yearly, 90 days after the
    /// year, until it sets otherwise).
    pub fn report_schedule(&self) -> Result<ReportSchedule> {
        let period = match tables::get_meta(&self.conn, REPORT_PERIOD_KEY)?.as_deref() {
            Some("half_yearly") => ReportPeriod::HalfYearly,
            _ => ReportPeriod::Yearly,
        };
        let due_days = tables::get_meta(&self.conn, REPORT_DUE_KEY)?
            .and_then(|d| d.parse().ok())
            .unwrap_or(ReportSchedule::default().due_days);
        Ok(ReportSchedule { period, due_days })
    }

    /// Set the reporting schedule (at most a year after the period's end).
    pub fn set_report_schedule(&mut self, s: &ReportSchedule) -> Result<ReportSchedule> {
        if s.due_days > 366 {
            return Err(Violation::too_many(s.due_days, 366).at("due_days").into());
        }
        let tx = terroir_store::begin(&mut self.conn)?;
        tables::set_meta(
            &tx,
            REPORT_PERIOD_KEY,
            &terroir_core::record::key_of(&s.period),
        )?;
        tables::set_meta(&tx, REPORT_DUE_KEY, &s.due_days.to_string())?;
        tx.commit().map_err(terroir_store::Error::from)?;
        self.report_schedule()
    }

    /// What upgrades of this workspace had to reinterpret and the clerk has not yet been
    /// shown: the app shows it once on start, until [`Workspace::acknowledge_migration_report`].
    pub fn migration_report(&self) -> Result<Vec<String>> {
        Ok(terroir_store::db::migration_notes_after(&self.conn, self.report_seen()?)?.0)
    }

    /// The clerk has read the migration report: it is not shown again (`terroir check` still
    /// lists every note).
    pub fn acknowledge_migration_report(&mut self) -> Result<()> {
        let (_, last) = terroir_store::db::migration_notes_after(&self.conn, self.report_seen()?)?;
        tables::set_meta(&self.conn, REPORT_SEEN_KEY, &last.to_string())?;
        Ok(())
    }

    fn report_seen(&self) -> Result<i64> {
        Ok(tables::get_meta(&self.conn, REPORT_SEEN_KEY)?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0))
    }

    /// Record a renewal (filed, approved, refused), licence, assignment, pledge (or its
    /// release) or end on a trademark. An assignment records the registrant's similar marks it
    /// leaves behind, found among the registrant's other trademarks.
    pub fn trademark_event(&mut self, key: &str, event: TrademarkEvent) -> Result<RecordDto> {
        let reason = event.reason().map(str::to_owned);
        let action = event.action();
        self.change::<Trademark>(key, action, reason.as_deref(), |tm, lookup| {
            match event {
                TrademarkEvent::Renew { filed_on } => {
                    tm.record_renewal(
                        parse_date(&filed_on).map_err(|e| e.at("filed_on"))?,
                        &lookup.calendar(),
                    )?;
                }
                TrademarkEvent::ApproveRenewal(a) => tm.approve_renewal(&a)?,
                TrademarkEvent::RefuseRenewal(r) => tm.refuse_renewal(&r)?,
                TrademarkEvent::Licence(l) => tm.add_licence(l.parse(lookup)?)?,
                TrademarkEvent::Pledge(p) => tm.add_pledge(p.parse()?)?,
                TrademarkEvent::ReleasePledge(r) => tm.release_pledge(&r)?,
                TrademarkEvent::Assign(a) => {
                    let mut a = a.parse(lookup, tm.registrant_id)?;
                    let others = store::list(
                        lookup.0,
                        RecordKind::Trademark,
                        Show::Live,
                        Some(("registrant_id", &tm.registrant_id.to_string())),
                        u32::MAX,
                        0,
                    )?
                    .into_iter()
                    .map(|r| {
                        let id = r.id.parse().map_err(ApiError::storage)?;
                        let other: Trademark =
                            serde_json::from_value(r.data).map_err(ApiError::storage)?;
                        Ok((id, other))
                    })
                    .collect::<Result<Vec<_>>>()?;
                    a.kept_similar = tm.similar_kept(others.iter().map(|(id, o)| (*id, o)));
                    tm.assign(a)?;
                }
                TrademarkEvent::Terminate(t) => tm.terminate(t.parse()?, &lookup.calendar())?,
            }
            Ok(())
        })
    }

    /// Copy a photo into the workspace by content hash and attach it to a GI product, with its
    /// print-ready derivative (made here, once: decoding a camera photo costs ~0.4 s). A file
    /// that is not a whole JPEG or PNG, or is too large, is refused before anything is stored.
    pub fn add_photo(&mut self, gi: &str, path: &Path, caption: Option<&str>) -> Result<RecordDto> {
        if !path.is_file() {
            return Err(Violation::file_missing(path.display()).into());
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let print = read_photo(path, &name)?;
        let at = self.stamp().at;
        let files_dir = self.files_dir.clone();
        self.change::<GiProduct>(gi, "add_photo", None, |g, lookup| {
            let f = files::put(lookup.0, &files_dir, path, &at)?;
            let copy = files::put_bytes(
                lookup.0,
                &files_dir,
                &print.data,
                &format!("print-{name}.jpg"),
                &at,
            )?;
            if !g.photos.iter().any(|p| p.sha256 == f.sha256) {
                g.photos.push(Photo {
                    sha256: f.sha256,
                    original_name: f.original_name,
                    caption: caption.and_then(terroir_core::text::trimmed),
                    print: Some(PrintCopy {
                        sha256: copy.sha256,
                        width: print.width,
                        height: print.height,
                    }),
                });
            }
            Ok(())
        })
    }

    /// What the overview shows of the deadlines of the next [`OVERVIEW_HORIZON`]: how many are
    /// overdue and due, how many overdue use reports, and the [`OVERVIEW_SHOWN`] most urgent of
    /// each (the longest overdue first; then the soonest due).
    pub fn overview_deadlines(&self) -> Result<OverviewDeadlines> {
        let (overdue, due): (Vec<Deadline>, Vec<Deadline>) = self
            .deadlines(OVERVIEW_HORIZON)?
            .into_iter()
            .partition(|d| d.overdue);
        let reports_overdue = overdue
            .iter()
            .filter(|d| d.kind == terroir_core::deadline::DeadlineKind::UseReport)
            .count() as u64;
        let first = |list: Vec<Deadline>| list.into_iter().take(OVERVIEW_SHOWN).collect();
        Ok(OverviewDeadlines {
            overdue: overdue.len() as u64,
            due: due.len() as u64,
            reports_overdue,
            most_overdue: first(overdue),
            soonest_due: first(due),
        })
    }

    /// Renewals and use reports due between today and `within` (e.g. `90d`), and overdue ones,
    /// the earliest first.
    pub fn deadlines(&self, within: &str) -> Result<Vec<Deadline>> {
        let today = self.today();
        let until = parse_horizon(within, today).map_err(|e| e.at("within"))?;
        let mut out = self.renewals_due(today, until, |_| true)?;
        // Use reports concern approved users only (active or suspended).
        for stage in ["active", "suspended"] {
            for row in store::list(
                &self.conn,
                RecordKind::User,
                Show::Live,
                Some(("stage", stage)),
                u32::MAX,
                0,
            )? {
                let u: AuthorisedUser =
                    serde_json::from_value(row.data).map_err(ApiError::storage)?;
                out.extend(user_deadlines(
                    &row.id, &row.code, &row.name, &u, today, until,
                ));
            }
        }
        out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then_with(|| a.code.cmp(&b.code)));
        Ok(out)
    }

    /// The renewals due by `until` (and those overdue, still in grace) of the marks whose
    /// registrant (id) `registrant` keeps, unsorted.
    pub(crate) fn renewals_due(
        &self,
        today: NaiveDate,
        until: NaiveDate,
        registrant: impl Fn(&str) -> bool,
    ) -> Result<Vec<Deadline>> {
        let mut out = vec![];
        // Only marks whose current term expires between six months ago (grace) and twelve
        // months after the horizon (window) can be due: the indexed expiry narrows the scan.
        // A grace period's last day can move by up to 15 days (art. 12 para 1: Spring
        // Festival with its weekends), so the scan reaches that much further back and Rust
        // decides each mark.
        let cal = self.lookup().calendar();
        let lo = terroir_core::date::add_days(
            terroir_core::date::add_months(today, -6),
            -1 - terroir_core::calendar::MAX_MOVE_DAYS,
        )
        .to_string();
        let hi =
            terroir_core::date::add_days(terroir_core::date::add_months(until, 12), 1).to_string();
        for row in store::list_between(&self.conn, RecordKind::Trademark, "expires_on", &lo, &hi)? {
            if !row
                .key(RecordKind::Trademark, "registrant_id")
                .is_some_and(&registrant)
            {
                continue;
            }
            let tm: Trademark = serde_json::from_value(row.data).map_err(ApiError::storage)?;
            out.extend(trademark_deadlines(
                &row.id, &row.code, &tm, today, until, &cal,
            ));
        }
        Ok(out)
    }

    /// The newest audit rows, of one record (by code or id) or of the whole workspace.
    pub fn audit_log(
        &self,
        record: Option<(RecordKind, &str)>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>> {
        let id = match record {
            Some((kind, key)) => Some(store::require(&self.conn, kind, key)?.id),
            None => None,
        };
        Ok(audit::list(&self.conn, id.as_deref(), limit)?)
    }

    pub fn audit_verify(&self) -> Result<ChainReport> {
        Ok(audit::verify(&self.conn)?)
    }

    pub fn check(&self) -> Result<Check> {
        self.check_with(&mut |_, _| {})
    }

    /// Check the workspace: integrity, foreign keys, the audit chain, stored files, and every
    /// record read again by the current rules (references to archived records are allowed).
    /// `progress` gets (records read, records in all).
    pub fn check_with(&self, progress: &mut dyn FnMut(u64, u64)) -> Result<Check> {
        let report = terroir_store::check::run(&self.conn, &self.files_dir)?;
        let total = report.records;
        let (mut done, mut refused, mut refused_total) = (0u64, vec![], 0u64);
        progress(0, total);
        for kind in RecordKind::ALL {
            store::each(&self.conn, kind, |row| {
                let problems = crate::records::by_kind!(kind, reread(&self.conn, &row))?;
                if let Some(vs) = problems {
                    refused_total += 1;
                    if refused.len() < REFUSED_LISTED {
                        refused.push(RecordProblems::new(kind, &row.id, &row.code, &row.name, vs));
                    }
                }
                done += 1;
                if done % 500 == 0 {
                    progress(done, total);
                }
                Ok(())
            })?;
        }
        progress(done, total);
        Ok(Check {
            ok: report.ok() && refused_total == 0,
            report,
            refused,
            refused_total,
            migration_notes: terroir_store::db::migration_notes(&self.conn)?,
        })
    }

    /// Back up into `to` (default: `backups/` beside the database), keeping `keep` generations.
    pub fn backup(&self, to: Option<&Path>, keep: usize) -> Result<BackupInfo> {
        let dest = to
            .map(Path::to_owned)
            .unwrap_or_else(|| self.files_dir.with_file_name("backups"));
        let at = crate::workspace::now();
        let stamp: String = at
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(15)
            .collect();
        Ok(backup::backup(
            &self.conn,
            &self.files_dir,
            &dest,
            &stamp,
            &at,
            keep,
        )?)
    }

    /// Replace this workspace with a verified backup; returns the reopened workspace and where
    /// the replaced one was kept.
    pub fn restore(self, backup_path: &Path) -> Result<(Workspace, PathBuf)> {
        backup::verify_backup(backup_path)?;
        let Workspace {
            conn,
            db_path,
            actor,
            today,
            print_dir,
            ..
        } = self;
        conn.close().map_err(|(_, e)| ApiError::storage(e))?;
        let stamp: String = crate::workspace::now()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(15)
            .collect();
        let kept = backup::restore(backup_path, &db_path, &stamp)?;
        let mut ws = Workspace::open(&db_path, &actor)?;
        ws.today = today;
        ws.print_dir = print_dir;
        let stamp = ws.stamp();
        audit::append(
            &ws.conn,
            &stamp,
            &audit::Change {
                entity: "workspace",
                entity_id: "workspace",
                action: "restore",
                before: None,
                after: Some(
                    &serde_json::json!({ "from": backup_path.display().to_string() }).to_string(),
                ),
                reason: None,
                of_record: false,
            },
        )?;
        Ok((ws, kept))
    }

    pub fn divisions(&self) -> Result<Vec<tables::DivisionRow>> {
        Ok(tables::divisions(&self.conn)?)
    }

    /// Add a division to the workspace's table (or rename one); audited.
    pub fn put_division(&mut self, code: &str, name: &str) -> Result<()> {
        let code = DivisionCode::parse(code).map_err(|e| e.at("code"))?;
        let name = terroir_core::record::required_text(name, 100).map_err(|e| e.at("name"))?;
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        tables::put_division(&tx, &stamp, &Division { code, name }, "user")?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(())
    }

    pub fn categories(&self) -> Result<Vec<(String, Option<String>)>> {
        Ok(tables::categories(&self.conn)?)
    }

    /// Counts of live records per kind.
    pub fn counts(&self) -> Result<Vec<(RecordKind, u64)>> {
        RecordKind::ALL
            .iter()
            .map(|k| Ok((*k, store::count(&self.conn, *k, Show::Live)?)))
            .collect()
    }
}

/// A backup generation as the desktop lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupSummary {
    pub name: String,
    pub created_at: String,
    pub audit_rows: u64,
    pub files: u64,
    pub db_size: u64,
}

fn summary_of(path: &Path, m: &backup::Manifest) -> BackupSummary {
    BackupSummary {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        created_at: m.created_at.clone(),
        audit_rows: m.audit_rows,
        files: m.files,
        db_size: m.db_size,
    }
}

/// How the workspace backs itself up into its default folder: automatically on the first
/// start of each day (`daily`), keeping the newest `keep` generations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupSettings {
    pub daily: bool,
    pub keep: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        Self {
            daily: true,
            keep: 10,
        }
    }
}

const BACKUP_SETTINGS_KEY: &str = "backup_settings";
/// The day (the workspace's today) the last automatic backup was made.
const DAILY_BACKUP_KEY: &str = "daily_backup_on";
/// Most generations kept: each is a full copy.
pub const MAX_BACKUPS_KEPT: u32 = 100;

impl Workspace {
    fn backups_dir(&self) -> PathBuf {
        self.files_dir.with_file_name("backups")
    }

    pub fn backup_settings(&self) -> Result<BackupSettings> {
        Ok(tables::get_meta(&self.conn, BACKUP_SETTINGS_KEY)?
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    pub fn set_backup_settings(&mut self, s: BackupSettings) -> Result<BackupSettings> {
        match s.keep {
            0 => return Err(Violation::required().at("keep").into()),
            n if n > MAX_BACKUPS_KEPT => {
                return Err(Violation::too_many(n, MAX_BACKUPS_KEPT).at("keep").into());
            }
            _ => {}
        }
        let text = serde_json::to_string(&s).map_err(ApiError::storage)?;
        tables::set_meta(&self.conn, BACKUP_SETTINGS_KEY, &text)?;
        self.backup_settings()
    }

    /// Back up into the default folder, keeping the generations the settings say.
    pub fn backup_now(&self) -> Result<BackupSummary> {
        let keep = self.backup_settings()?.keep as usize;
        let info = self.backup(None, keep)?;
        Ok(summary_of(&info.path, &info.manifest))
    }

    /// The automatic backup: made once a day (the first start of the workspace's today), when
    /// the settings ask for it. `None` when today's is already there or it is switched off.
    pub fn daily_backup(&self) -> Result<Option<BackupSummary>> {
        if !self.backup_settings()?.daily {
            return Ok(None);
        }
        let today = self.today().to_string();
        if tables::get_meta(&self.conn, DAILY_BACKUP_KEY)?.as_deref() == Some(today.as_str()) {
            return Ok(None);
        }
        let made = self.backup_now()?;
        tables::set_meta(&self.conn, DAILY_BACKUP_KEY, &today)?;
        Ok(Some(made))
    }

    /// The generations in the default backup folder, newest first.
    pub fn list_backups(&self) -> Result<Vec<BackupSummary>> {
        let dir = self.backups_dir();
        if !dir.exists() {
            return Ok(vec![]);
        }
        let mut out = vec![];
        for p in backup::generations(&dir)?.into_iter().rev() {
            let text =
                std::fs::read_to_string(p.join(backup::MANIFEST)).map_err(ApiError::storage)?;
            let m: backup::Manifest = serde_json::from_str(&text).map_err(ApiError::storage)?;
            out.push(summary_of(&p, &m));
        }
        Ok(out)
    }

    /// Restore a generation of the default backup folder by name.
    pub fn restore_named(self, name: &str) -> Result<(Workspace, PathBuf)> {
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            return Err(Violation::not_found("备份", "backup", name).into());
        }
        let path = self.backups_dir().join(name);
        if !path.exists() {
            return Err(Violation::not_found("备份", "backup", name).into());
        }
        self.restore(&path)
    }

    /// Put back a record's content as it was after audit row `seq`; the result is checked
    /// again (references must still exist) and saved as a new, audited change.
    pub fn restore_value(
        &mut self,
        kind: RecordKind,
        key: &str,
        seq: i64,
        reason: Option<&str>,
    ) -> Result<RecordDto> {
        fn f<E: Entity>(
            ws: &mut Workspace,
            key: &str,
            seq: i64,
            reason: Option<&str>,
        ) -> Result<terroir_store::records::RecordRow> {
            let stamp = ws.stamp();
            let tx = terroir_store::begin(&mut ws.conn)?;
            let (row, current) = load_live::<E>(&tx, key)?;
            let entry = audit::get(&tx, seq)?
                .filter(|e| e.entity_id == row.id)
                .ok_or_else(|| Violation::not_found("操作记录", "audit entry", seq))?;
            let snapshot = entry.after.or(entry.before).unwrap_or_default();
            let snapshot: serde_json::Value =
                serde_json::from_str(&snapshot).map_err(ApiError::storage)?;
            let old: E =
                serde_json::from_value(snapshot["data"].clone()).map_err(ApiError::storage)?;
            let lookup = StoreLookup(&tx);
            // The old attributes parsed as an edit of the current record would be: the
            // lifecycle (flow, events, photos, evidence) is the current one.
            let entity = crate::entity::rechecked(&old.to_input(&lookup), &lookup, &current)?;
            let reason = reason
                .map(str::to_owned)
                .unwrap_or_else(|| format!("restore #{seq}"));
            let row = store_entity(
                &tx,
                &stamp,
                &row.id,
                &entity,
                "restore_value",
                Some(&reason),
            )?;
            tx.commit().map_err(terroir_store::Error::from)?;
            Ok(row)
        }
        let row = crate::records::by_kind!(kind, f(self, key, seq, reason))?;
        self.to_dto(kind, row)
    }

    /// A stored photo as a `data:` URL (JPEG, PNG, WebP or GIF; at most 20 MB).
    pub fn photo_data(&self, sha256: &str) -> Result<String> {
        let missing = || ApiError::from(Violation::file_missing(sha256));
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(missing());
        }
        let path = files::path_of(&self.files_dir, sha256);
        let meta = std::fs::metadata(&path).map_err(|_| missing())?;
        if meta.len() > 20 * 1024 * 1024 {
            return Err(ApiError::storage("photo larger than 20 MB"));
        }
        let bytes = std::fs::read(&path).map_err(|_| missing())?;
        let mime = match bytes.get(..12) {
            Some([0xFF, 0xD8, 0xFF, ..]) => "image/jpeg",
            Some([0x89, b'P', b'N', b'G', ..]) => "image/png",
            Some([b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P']) => "image/webp",
            Some([b'G', b'I', b'F', ..]) => "image/gif",
            _ => "application/octet-stream",
        };
        use base64::Engine;
        Ok(format!(
            "data:{mime};base64,{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ))
    }
}

/// Photos larger than this are refused before they are read (a 50-megapixel camera JPEG is
/// about 25 MB).
const PHOTO_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Read a photo file and make its print-ready derivative.
pub(crate) fn read_photo(path: &Path, name: &str) -> Result<terroir_dossier::layout::Jpeg> {
    let size = std::fs::metadata(path)
        .map_err(|_| Violation::file_missing(path.display()))?
        .len();
    if size > PHOTO_MAX_BYTES {
        return Err(Violation::photo_too_large(
            name,
            "?",
            "?",
            format!("{} MB", PHOTO_MAX_BYTES / 1024 / 1024),
        )
        .at("photo")
        .into());
    }
    let bytes = std::fs::read(path).map_err(|_| Violation::file_missing(path.display()))?;
    Ok(terroir_dossier::photo::prepare(&bytes, name).map_err(|v| v.at("photo"))?)
}

/// A count of GI products under one division or category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Tally {
    pub key: String,
    pub count: u64,
}

/// What the overview shows about the catalogue, computed in SQL (fast at national scale).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Overview {
    pub gi_by_division: Vec<Tally>,
    pub gi_by_category: Vec<Tally>,
    /// Live applications per state, keyed by the state's key.
    pub applications_by_state: Vec<Tally>,
}

/// How far ahead the overview looks for deadlines.
pub const OVERVIEW_HORIZON: &str = "90d";
/// How many overdue, and how many due, deadlines the overview lists (the deadlines page has all).
pub const OVERVIEW_SHOWN: usize = 20;

/// The overview's deadlines ([`Workspace::overview_deadlines`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct OverviewDeadlines {
    /// How many are past their last day (in practice, use reports not received: a renewal in
    /// its grace period is due by the grace period's end).
    pub overdue: u64,
    /// How many fall due within the horizon.
    pub due: u64,
    /// How many of the overdue are use reports.
    pub reports_overdue: u64,
    /// The most overdue first.
    pub most_overdue: Vec<Deadline>,
    /// The soonest due first.
    pub soonest_due: Vec<Deadline>,
}

/// The authorised users a clerk should look at, with why (Rust's words): the first
/// [`ATTENTION_LISTED`] of them, and how many in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AttentionList {
    pub items: Vec<Attention>,
    pub total: u64,
}

/// An authorised user needing a decision: its basis is gone, or two years of reports say the
/// mark was not used. (A refused licence is flagged on the user's own page.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Attention {
    pub code: String,
    pub name: String,
    /// `basis_gone`, `no_use` or `case_misuse` (a decided misuse case names the user).
    pub reason: String,
    pub why: Bilingual,
}

/// How many users the overview's attention list names.
pub const ATTENTION_LISTED: usize = 50;

impl Workspace {
    pub fn overview(&self) -> Result<Overview> {
        let (div, cat) = store::gi_tally(&self.conn)?;
        let tally = |v: Vec<(String, u64)>| {
            v.into_iter()
                .map(|(key, count)| Tally { key, count })
                .collect()
        };
        Ok(Overview {
            gi_by_division: tally(div),
            gi_by_category: tally(cat),
            applications_by_state: tally(store::application_tally(&self.conn)?),
        })
    }

    /// The users needing a decision (see [`Attention`]). Judged per product first: the
    /// store names the products whose basis may be gone, the rules judge each product's basis
    /// once, and only the users of a product that lost one (or with a report saying the mark
    /// was not used) are read and judged one by one.
    pub fn attention(&self) -> Result<AttentionList> {
        let today = self.today();
        let mut bases: std::collections::HashMap<RecordId, terroir_core::user::GiBasis> =
            std::collections::HashMap::new();
        let cal = self.calendar();
        for id in store::gi_basis_suspects(&self.conn, &today.to_string())? {
            let gi: RecordId = id.parse().map_err(|_| {
                terroir_store::Error::Schema(format!("gi_product.id is not an id: {id}"))
            })?;
            let basis =
                crate::workspace::gi_basis(&self.conn, gi, today, &cal)?.unwrap_or_default();
            if basis.gone_for_any() {
                bases.insert(gi, basis);
            }
        }
        let gone: Vec<String> = bases.keys().map(|id| id.to_string()).collect();
        let no_basis = terroir_core::user::GiBasis::default();
        let (mut out, mut total) = (vec![], 0u64);
        for row in store::users_to_review(&self.conn, &gone)? {
            let u: AuthorisedUser = crate::records::decode(&row)?;
            let basis = bases.get(&u.gi_id).unwrap_or(&no_basis);
            let found = [
                ("basis_gone", u.basis_gone(basis)),
                ("no_use", u.no_use_proposal()),
            ];
            for (reason, why) in found {
                let Some(why) = why else { continue };
                total += 1;
                if out.len() < ATTENTION_LISTED {
                    out.push(Attention {
                        code: row.code.clone(),
                        name: row.name.clone(),
                        reason: reason.to_owned(),
                        why,
                    });
                }
            }
        }
        // A decided misuse case naming an active user: the case's decision, the user's stage.
        for (row, case_row) in terroir_store::cases::misuse_decided(&self.conn)? {
            let u: AuthorisedUser = crate::records::decode(&row)?;
            let case: terroir_core::case::EnforcementCase = crate::records::decode(&case_row)?;
            let Some(why) = terroir_core::case::stop_use_proposal(&case, &case_row.code, &u) else {
                continue;
            };
            total += 1;
            if out.len() < ATTENTION_LISTED {
                out.push(Attention {
                    code: row.code.clone(),
                    name: row.name.clone(),
                    reason: "case_misuse".to_owned(),
                    why,
                });
            }
        }
        Ok(AttentionList { items: out, total })
    }

    /// Live records of `kind` that refer to the record `of` (users of a GI product or of an
    /// enterprise, trademarks of a registrant, the cases naming a record), a page at a time.
    pub fn related(
        &self,
        kind: RecordKind,
        of: RecordKind,
        key: &str,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<RecordDto>> {
        if kind == RecordKind::Case {
            return self.cases_of(of, key, limit, offset);
        }
        let column = match (kind, of) {
            (RecordKind::User, RecordKind::Gi) => "gi_id",
            (RecordKind::User | RecordKind::Candidate, RecordKind::Enterprise) => "enterprise_id",
            (RecordKind::Trademark, RecordKind::Enterprise) => "registrant_id",
            (RecordKind::Candidate, RecordKind::Trademark) => "trademark_id",
            _ => {
                return Err(Violation::enum_value(format!("{}/{}", kind.key(), of.key()), "user/gi, user/enterprise, trademark/enterprise, candidate/enterprise, candidate/trademark").at("kind")
                    .into());
            }
        };
        let id = store::require(&self.conn, of, key)?.id;
        store::list(
            &self.conn,
            kind,
            Show::Live,
            Some((column, &id)),
            limit,
            offset,
        )?
        .into_iter()
        .map(|r| self.to_dto(kind, r))
        .collect()
    }
}

/// A stored record read again by the current rules: its problems, if it has any. Data that no
/// longer decodes is a problem too, not a failure of the whole check.
fn reread<E: Entity>(
    conn: &terroir_store::Connection,
    row: &terroir_store::records::RecordRow,
) -> terroir_store::Result<Option<Violations>> {
    let e: E = match serde_json::from_value(row.data.clone()) {
        Ok(e) => e,
        Err(err) => {
            return Ok(Some(Violations(vec![Violation::storage(err)])));
        }
    };
    Ok(reparse(&ArchivedToo(StoreLookup(conn)), &e).err())
}

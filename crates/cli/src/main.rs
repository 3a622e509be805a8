//! `terroir`: the command line over terroir-api, for batch work and automation.
//!
//! Exit codes, everywhere: 0 done, nothing to report; 1 done, but problems found (a code is
//! invalid, a check found faults); 2 bad input or failure, with nothing written.
//! It only parses arguments, calls the api and prints: no rules live here.

mod fields;
mod history;
mod output;
mod workbench;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::{Map, Value};
use terroir_api::core::{Lang, RecordKind, Violation};
use terroir_api::ops::{self, TrademarkEvent, UserStep};
use terroir_api::{ApiError, RecordData, Show, Workspace};

use fields::{
    AssignmentFlags, CandidateFields, EnterpriseFields, GiFields, IntoInput, LicenceFlags,
    PledgeFlags, PledgeReleaseFlags, RenewalApprovalFlags, RenewalRefusalFlags, TerminationFlags,
    TrademarkFields, UserFields, to_json,
};
use output::{Out, key_of, word};

#[derive(Debug, Parser)]
#[command(
    name = "terroir",
    version,
    about = "地标品牌库 Terroir — GI and trademark brand portfolios"
)]
struct Cli {
    /// Workspace database (default: the OS data directory, e.g. ~/.local/share/terroir/terroir.db)
    #[arg(long, global = true, env = "TERROIR_DB")]
    db: Option<PathBuf>,
    /// Machine-readable output on stdout
    #[arg(long, global = true)]
    json: bool,
    /// Name recorded as the actor in the audit log
    #[arg(long, global = true, env = "TERROIR_ACTOR")]
    actor: Option<String>,
    /// Language of messages (default from LANG: zh for zh_*, else en)
    #[arg(long, global = true, env = "TERROIR_LANG")]
    lang: Option<LangArg>,
    /// Take this date as today (YYYY-MM-DD) for every date rule
    #[arg(long, global = true)]
    today: Option<String>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Create the workspace (database and files/ folder)
    Init {
        /// Add the illustrative Xinyang sample catalogue
        #[arg(long)]
        sample: bool,
    },
    /// Sample data
    Sample {
        #[command(subcommand)]
        cmd: SampleCmd,
    },
    /// Validate identifiers
    Validate {
        #[command(subcommand)]
        cmd: ValidateCmd,
    },
    /// GI products
    Gi {
        #[command(subcommand)]
        cmd: GiCmd,
    },
    /// Enterprises
    Enterprise {
        #[command(subcommand)]
        cmd: EnterpriseCmd,
    },
    /// Authorised users of a GI
    User {
        #[command(subcommand)]
        cmd: UserCmd,
    },
    /// Trademarks
    Trademark {
        #[command(subcommand)]
        cmd: TrademarkCmd,
    },
    /// Well-known-mark candidates
    Candidate {
        #[command(subcommand)]
        cmd: CandidateCmd,
    },
    /// How ready a candidate's evidence file is, criterion by criterion, counted back from the
    /// reference date: `--reference-on`, else the candidate's intended proceeding's date, else
    /// `--today` (exit 1 unless ready)
    Readiness {
        candidate: String,
        /// The proceeding: opposition, refusal_review, invalidation, enforcement or court
        #[arg(long)]
        proceeding: Option<String>,
        /// The date the 3 and 5 years count back from (the opposed mark's or the challenged
        /// registration's filing date, or the date protection is requested)
        #[arg(long)]
        reference_on: Option<String>,
    },
    /// Print a candidate's evidence catalogue (证据目录) as PDF
    EvidenceCatalogue {
        candidate: String,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Applications for guidance and incentive awards, and their review
    Application {
        #[command(subcommand)]
        cmd: workbench::ApplicationCmd,
    },
    /// Incentive rules, eligibility, budgets and the award ledger
    Incentive {
        #[command(subcommand)]
        cmd: workbench::IncentiveCmd,
    },
    /// Search GI products, enterprises, users and trademarks: characters, pinyin, initials, codes
    Search {
        query: String,
        /// gi | enterprise | user | trademark
        #[arg(long)]
        kind: Option<String>,
        /// Hits per kind
        #[arg(long, default_value_t = 10)]
        limit: u32,
    },
    /// Rebuild the search index from the records
    Reindex,
    /// Generate a synthetic catalogue (small, national, national-x10) for benchmarks
    Gen {
        #[arg(long, default_value = "national")]
        scale: String,
        #[arg(long, default_value_t = 2021)]
        seed: u64,
    },
    /// Renewals and use reports due within a period, and overdue ones
    Deadlines {
        /// Period such as 90d, 12w, 6m, 1y
        #[arg(long, default_value = "90d")]
        within: String,
        /// Write them to a calendar file (.ics) or a spreadsheet with contacts (.xlsx, .csv)
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The working-day calendar (工作日历) that moves legal last days
    Calendar {
        #[command(subcommand)]
        cmd: CalendarCmd,
    },
    /// The history in words: what changed, field by field, and each step with its facts
    History(history::HistoryArgs),
    /// The audit trail
    Audit {
        #[command(subcommand)]
        cmd: AuditCmd,
    },
    /// Back up the workspace (database and files), keeping the newest generations
    Backup {
        /// Folder for backups (default: backups/ beside the database)
        #[arg(long)]
        to: Option<PathBuf>,
        #[arg(long, default_value_t = 10)]
        keep: usize,
    },
    /// Replace the workspace with a verified backup (the replaced one is kept)
    Restore { backup: PathBuf },
    /// Check integrity, foreign keys, the audit chain and stored files
    Check,
    /// The division table (GB/T 2260)
    Division {
        #[command(subcommand)]
        cmd: DivisionCmd,
    },
    /// The product category table
    Category {
        #[command(subcommand)]
        cmd: CategoryCmd,
    },
    /// Import a spreadsheet (XLSX or UTF-8 CSV): checked as a whole, written all or nothing
    Import {
        file: PathBuf,
        /// enterprise | user | gi | trademark
        #[arg(long)]
        kind: String,
        /// Show what would be added, changed and refused, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export a list as XLSX or CSV (by the file's extension), in the import format
    Export {
        /// enterprise | user | gi | trademark
        #[arg(long)]
        kind: String,
        /// Archived records instead of live ones
        #[arg(long)]
        archived: bool,
        /// Live and archived records
        #[arg(long, conflicts_with = "archived")]
        all: bool,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write an empty import template (headers and a notes row)
    Template {
        /// enterprise | user | gi | trademark
        kind: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// County-to-city exchange bundles
    Bundle {
        #[command(subcommand)]
        cmd: BundleCmd,
    },
    /// Brand-promotion dossiers (PDF)
    Dossier {
        #[command(subcommand)]
        cmd: DossierCmd,
    },
}

#[derive(Debug, Subcommand)]
enum BundleCmd {
    /// Export the whole catalogue (records, divisions, photos) as one verified file
    Export {
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Merge a bundle: new, changed, unchanged and conflicting records (exit 1 on conflicts)
    Import {
        bundle: PathBuf,
        /// Show what would happen and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Replace records changed on both sides with the bundle's version
        #[arg(long)]
        take_theirs: bool,
    },
}

#[derive(Debug, Subcommand)]
enum DossierCmd {
    /// Print one GI product's dossier
    Print {
        #[command(flatten)]
        target: Target,
        /// The PDF to write
        #[arg(short, long)]
        output: PathBuf,
    },
    /// What a dossier would print, as JSON (photos without their bytes), and its warnings
    View(Target),
    /// Print many dossiers into a folder, one PDF each (exit 1 if any was refused)
    Batch {
        #[command(flatten)]
        selection: Selection,
        /// Folder for the PDFs (created if missing)
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Before a batch: the settings still missing and the selected products whose dossier
    /// would lack a profile, a photo or a standard (exit 1 if any)
    Check(Selection),
    /// Show or change what every dossier prints besides the record
    Settings {
        /// Issuing body printed on the cover (empty to remove); required before a first print
        #[arg(long)]
        issuer: Option<String>,
        /// How the public reaches the issuer: phone, address (empty to remove); required
        /// before a first print
        #[arg(long)]
        contact: Option<String>,
        /// QR code content; {name}, {code}, {id} and {head} are filled in
        #[arg(long)]
        qr: Option<String>,
    },
}

/// Which GI products a batch takes.
#[derive(Debug, Args)]
struct Selection {
    /// These GI products (codes or ids)
    #[arg(conflicts_with_all = ["county", "all"])]
    codes: Vec<String>,
    /// GI products whose production area lies in this division (province, city or county code)
    #[arg(long, conflicts_with = "all", required_unless_present_any = ["all", "codes"])]
    county: Option<String>,
    /// Every live GI product
    #[arg(long)]
    all: bool,
}

impl Selection {
    fn get(self) -> terroir_api::dossier::BatchSelection {
        use terroir_api::dossier::BatchSelection;
        match self.county {
            Some(code) => BatchSelection::County { code },
            None if !self.codes.is_empty() => BatchSelection::Codes { codes: self.codes },
            None => BatchSelection::All,
        }
    }
}

#[derive(Debug, Subcommand)]
enum SampleCmd {
    /// Delete every sample record (audited)
    Remove,
}

#[derive(Debug, Subcommand)]
enum ValidateCmd {
    /// Unified social credit codes (GB 32100-2015)
    Uscc {
        #[arg(required = true)]
        codes: Vec<String>,
    },
}

#[derive(Debug, Args)]
struct Target {
    /// Record code (e.g. GI-0001) or id
    record: String,
}

#[derive(Debug, Args)]
struct Reason {
    /// Why (kept in the audit log)
    #[arg(long)]
    reason: Option<String>,
}

#[derive(Debug, Subcommand)]
enum CalendarCmd {
    /// The years in force, or one year's days
    Show { year: Option<i32> },
    /// Enter or replace a year, from the State Council's notice
    Set {
        year: i32,
        /// Public holidays: dates or ranges, comma-separated (01-01,02-15..02-23)
        #[arg(long, value_delimiter = ',')]
        holidays: Vec<String>,
        /// Weekend days made working days (调休上班), comma-separated
        #[arg(long, value_delimiter = ',')]
        workdays: Vec<String>,
        /// The notice the dates come from
        #[arg(long)]
        source: Option<String>,
        /// A JSON file {holidays, workdays, source} instead of the flags
        #[arg(long)]
        file: Option<PathBuf>,
        #[command(flatten)]
        reason: Reason,
    },
}

#[derive(Debug, Subcommand)]
enum RecordCmd<F: Args> {
    /// Add a record from flags, or from a JSON file (an object, or an array added as one batch)
    Add {
        #[command(flatten)]
        fields: F,
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// List records in code order
    List {
        /// Show archived records instead of live ones
        #[arg(long)]
        archived: bool,
        /// Show live and archived records
        #[arg(long, conflicts_with = "archived")]
        all: bool,
        /// Only applications in this state (draft, submitted, under_review, approved,
        /// rejected, paid), or trademarks with this status (renewal_pending, deregistered,
        /// revoked, invalidated)
        #[arg(long)]
        state: Option<String>,
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Show one record
    Show(Target),
    /// Edit a record: the flags (or the JSON file, a merge patch) given replace those fields
    Edit {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        fields: F,
        #[arg(long)]
        file: Option<PathBuf>,
        #[command(flatten)]
        reason: Reason,
        /// Save only if the record is still at this version (`show --json` gives it); a record
        /// changed since is refused (exit 2) with what changed. Without it, the version read
        /// just before writing.
        #[arg(long, value_name = "VERSION")]
        if_version: Option<i64>,
    },
    /// Archive a record (records are archived, not deleted)
    Archive {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        reason: Reason,
    },
    /// Bring an archived record back
    Unarchive {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        reason: Reason,
    },
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
enum GiCmd {
    #[command(flatten)]
    Record(RecordCmd<GiFields>),
    /// Add a photo (copied into the workspace by content hash)
    Photo {
        #[command(flatten)]
        target: Target,
        file: PathBuf,
        #[arg(long)]
        caption: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum EnterpriseCmd {
    #[command(flatten)]
    Record(RecordCmd<EnterpriseFields>),
}

#[derive(Debug, Subcommand)]
enum CandidateCmd {
    #[command(flatten)]
    Record(RecordCmd<CandidateFields>),
    /// The candidate's evidence file
    Evidence {
        #[command(subcommand)]
        cmd: workbench::EvidenceCmd,
    },
    /// Record the recognition decision (authority, case number, date, kind of proceeding)
    Recognise(workbench::RecogniseArgs),
}

#[derive(Debug, Args)]
struct Dated {
    #[command(flatten)]
    target: Target,
    #[arg(long)]
    on: String,
    #[arg(long)]
    reason: String,
}

#[derive(Debug, Subcommand)]
enum UserCmd {
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
    Report {
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
    },
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

#[derive(Debug, Subcommand)]
enum TrademarkCmd {
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

#[derive(Debug, Subcommand)]
enum AuditCmd {
    /// The newest audit rows, of one record or of the workspace
    Log {
        /// Kind of the record (gi, enterprise, user, trademark, candidate)
        #[arg(long, requires = "record")]
        kind: Option<String>,
        /// Record code or id
        #[arg(long, requires = "kind")]
        record: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Walk the hash chain and report the first broken link
    Verify,
}

#[derive(Debug, Subcommand)]
enum DivisionCmd {
    List,
    /// Add (or rename) a division
    Add {
        code: String,
        name: String,
    },
}

#[derive(Debug, Subcommand)]
enum CategoryCmd {
    List,
}

/// What a finished command reports: 0 nothing to report, 1 problems found.
type Outcome = u8;

fn main() -> ExitCode {
    // A reader that goes away (`terroir gi list | head`) ends the output, not in a panic.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or("");
        if msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
    let cli = Cli::parse();
    let lang = match cli.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None if std::env::var("LANG").is_ok_and(|l| l.starts_with("zh")) => Lang::Zh,
        None => Lang::En,
    };
    let out = Out {
        json: cli.json,
        lang,
    };
    match run(cli, &out) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            out.error(&e);
            ExitCode::from(2)
        }
    }
}

/// `field: before → after; …` for a preview line.
fn field_changes(fields: &[terroir_api::exchange::FieldChange]) -> String {
    fields
        .iter()
        .map(|f| format!("{}: {} → {}", f.field, f.before, f.after))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A progress bar on stderr: drawn only on a terminal, never with `--json`.
fn progress_bar(out: &Out, len: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len);
    if out.json {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} eta {eta}")
            .expect("valid template"),
    );
    bar
}

fn print_import(out: &Out, r: &terroir_api::exchange::ImportReport) {
    for c in &r.ignored_columns {
        eprintln!("{} {c}", out.t("已忽略列", "ignored column"));
    }
    for p in &r.problems {
        let at = match &p.column {
            Some(c) => format!("{} {} {}", out.t("第", "row"), p.row, c),
            None => format!("{} {}", out.t("第", "row"), p.row),
        };
        let value = p
            .value
            .as_ref()
            .map(|v| format!(" “{v}”"))
            .unwrap_or_default();
        println!("✗ {at}{value}: {}", out.message(&p.message));
    }
    for c in r.changed.iter().take(50) {
        let fields = field_changes(&c.fields);
        println!("~ {} {} {}  {}", out.t("第", "row"), c.row, c.name, fields);
    }
    let verb = if r.applied {
        out.t("已导入", "imported")
    } else if r.problems.is_empty() {
        out.t("试导入（未写入）", "dry run (nothing written)")
    } else {
        out.t(
            "发现问题，未写入任何记录",
            "problems found: nothing written",
        )
    };
    println!(
        "{verb}: {} {}  {} {}  {} {}  {} {}  ({} {})",
        r.added.len(),
        out.t("新增", "new"),
        r.changed.len(),
        out.t("更新", "changed"),
        r.unchanged.len(),
        out.t("无变化", "unchanged"),
        r.problems.len(),
        out.t("个问题", "problems"),
        r.rows,
        out.t("行", "rows")
    );
}

/// What a reminders export wrote: the count of `what` and the file.
fn reminders_written(out: &Out, w: &terroir_api::reminders::RemindersWritten, what: &str) {
    if out.json {
        out.json(w);
    } else {
        println!(
            "{} {} {what} → {}",
            out.t("已写出", "written:"),
            w.count,
            w.path
        );
    }
}

fn print_warnings(out: &Out, code: &str, warnings: &[terroir_api::Problem]) {
    for w in warnings {
        let m = if out.zh() {
            &w.message.zh_cn
        } else {
            &w.message.en_us
        };
        eprintln!("{} {code}: {m}", out.t("提示", "warning"));
    }
}

fn dossier_cmd(ws: &mut Workspace, out: &Out, cmd: DossierCmd) -> Result<Outcome, ApiError> {
    use terroir_api::dossier::DossierSettings;
    match cmd {
        DossierCmd::Print { target, output } => {
            let p = ws.print_dossier_to(&target.record, &output)?;
            if out.json {
                out.json(&p);
            } else {
                print_warnings(out, &p.code, &p.warnings);
                println!(
                    "{} {} {} → {} ({} KB)",
                    out.t("已打印", "printed"),
                    p.code,
                    p.name,
                    p.path,
                    p.bytes.div_ceil(1024)
                );
            }
            Ok(0)
        }
        DossierCmd::View(target) => {
            let view = ws.dossier_view(&target.record)?;
            let warnings: Vec<terroir_api::Problem> = view
                .warnings()
                .into_iter()
                .map(terroir_api::Problem::from)
                .collect();
            out.json(&serde_json::json!({ "view": view, "warnings": warnings }));
            Ok(u8::from(!warnings.is_empty()))
        }
        DossierCmd::Check(selection) => {
            let check = ws.dossier_check(&selection.get())?;
            if out.json {
                out.json(&check);
            } else {
                print_warnings(out, out.t("打印设置", "settings"), &check.settings);
                for i in &check.incomplete {
                    print_warnings(out, &format!("{} {}", i.code, i.name), &i.gaps);
                }
                println!(
                    "{} {} {}, {} {}",
                    check.total,
                    out.t("个产品", "products"),
                    out.t("已选", "selected"),
                    check.incomplete.len(),
                    out.t("个信息不全", "incomplete")
                );
            }
            Ok(u8::from(
                !check.settings.is_empty() || !check.incomplete.is_empty(),
            ))
        }
        DossierCmd::Batch { selection, output } => {
            let selection = selection.get();
            let cancel = std::sync::atomic::AtomicBool::new(false);
            let started = std::time::Instant::now();
            let bar = Progress::new(!out.json);
            let report =
                ws.print_batch(&selection, &output, &cancel, &mut |done, total, code| {
                    bar.show(done, total, code);
                })?;
            bar.finish();
            if out.json {
                out.json(&report);
            } else {
                for p in &report.printed {
                    print_warnings(out, &p.code, &p.warnings);
                }
                for r in &report.refused {
                    eprintln!(
                        "{} {} {}: {}",
                        out.t("未打印", "refused"),
                        r.code,
                        r.name,
                        r.error.message(out.lang)
                    );
                }
                println!(
                    "{}: {} {}, {} {} ({:.1} s) → {}",
                    out.t("批量打印完成", "batch printed"),
                    report.printed.len(),
                    out.t("份已打印", "printed"),
                    report.refused.len(),
                    out.t("份未打印", "refused"),
                    started.elapsed().as_secs_f64(),
                    output.display()
                );
            }
            Ok(u8::from(!report.refused.is_empty()))
        }
        DossierCmd::Settings {
            issuer,
            contact,
            qr,
        } => {
            let current = ws.dossier_settings()?;
            let settings = if issuer.is_some() || contact.is_some() || qr.is_some() {
                ws.set_dossier_settings(&DossierSettings {
                    issuer: issuer.or(current.issuer),
                    issuer_contact: contact.or(current.issuer_contact),
                    qr_template: qr.unwrap_or(current.qr_template),
                })?
            } else {
                current
            };
            if out.json {
                out.json(&settings);
            } else {
                println!(
                    "{}: {}",
                    out.t("发布单位", "issuer"),
                    settings.issuer.as_deref().unwrap_or("—")
                );
                println!(
                    "{}: {}",
                    out.t("联系方式", "contact"),
                    settings.issuer_contact.as_deref().unwrap_or("—")
                );
                println!(
                    "{}: {}",
                    out.t("二维码内容", "QR code"),
                    settings.qr_template
                );
            }
            Ok(0)
        }
    }
}

/// A one-line progress bar on stderr (only when stderr is a terminal or forced on).
struct Progress {
    on: bool,
    tty: bool,
}

impl Progress {
    fn new(on: bool) -> Self {
        use std::io::IsTerminal;
        Self {
            on,
            tty: std::io::stderr().is_terminal(),
        }
    }

    fn show(&self, done: usize, total: usize, what: &str) {
        if !self.on || total == 0 {
            return;
        }
        let width = 30;
        let filled = done * width / total;
        let line = format!(
            "[{}{}] {done}/{total} {what}",
            "#".repeat(filled),
            "-".repeat(width - filled)
        );
        if self.tty {
            eprint!("\r{line}\x1b[K");
        } else if done == total || done.is_multiple_of(100) {
            eprintln!("{line}");
        }
    }

    fn finish(&self) {
        if self.on && self.tty {
            eprintln!();
        }
    }
}

/// The list filter of `--archived` / `--all`.
fn show_of(archived: bool, all: bool) -> Show {
    if all {
        Show::All
    } else if archived {
        Show::Archived
    } else {
        Show::Live
    }
}

fn default_db() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("terroir")
        .join("terroir.db")
}

fn read_json(path: &Path) -> Result<Value, ApiError> {
    let text = std::fs::read_to_string(path)
        .map_err(|_| ApiError::from(Violation::file_missing(path.display()).at("file")))?;
    serde_json::from_str(&text).map_err(|e| Violation::json_input(e).at("file").into())
}

/// Flags and an optional JSON file, merged (flags win).
fn input(fields: Map<String, Value>, file: Option<&Path>) -> Result<Value, ApiError> {
    let mut base = match file {
        Some(p) => read_json(p)?,
        None => Value::Object(Map::new()),
    };
    match &mut base {
        Value::Object(m) => m.extend(fields),
        Value::Array(_) if !fields.is_empty() => {
            return Err(
                Violation::json_input("flags cannot be combined with a JSON array")
                    .at("file")
                    .into(),
            );
        }
        _ => {}
    }
    Ok(base)
}

/// Add, drop `null`s (an absent field and an empty one are the same on add).
fn without_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    }
}

fn record_cmd<F: Args + serde::Serialize>(
    ws: &mut Workspace,
    out: &Out,
    kind: RecordKind,
    cmd: RecordCmd<F>,
) -> Result<Outcome, ApiError> {
    match cmd {
        RecordCmd::Add { fields, file } => {
            let value = input(to_json(&fields), file.as_deref())?;
            let added = match value {
                Value::Array(items) => {
                    ws.add_batch(kind, items.into_iter().map(without_nulls).collect())?
                }
                v => vec![ws.add(kind, without_nulls(v))?],
            };
            if out.json {
                out.json(&added);
            } else {
                let codes: Vec<&str> = added.iter().map(|r| r.code.as_str()).collect();
                let shown = if codes.len() > 6 {
                    format!("{} … {}", codes[0], codes[codes.len() - 1])
                } else {
                    codes.join(", ")
                };
                println!("{} {}: {shown}", out.t("已添加", "added"), added.len());
            }
        }
        RecordCmd::List {
            archived,
            all,
            state,
            limit,
            offset,
        } => {
            let show = show_of(archived, all);
            let page = ws.list_in_state(
                kind,
                show,
                state.as_deref(),
                limit.unwrap_or(u32::MAX),
                offset,
            )?;
            out.records(&page.items);
            if !out.json && page.total > page.items.len() as u64 {
                println!(
                    "{} {}–{} / {}",
                    out.t("显示", "showing"),
                    offset + 1,
                    offset as usize + page.items.len(),
                    page.total
                );
            }
        }
        RecordCmd::Show(t) => out.record(&ws.show(kind, &t.record)?),
        RecordCmd::Edit {
            target,
            fields,
            file,
            reason,
            if_version,
        } => {
            let patch = input(to_json(&fields), file.as_deref())?;
            if !patch.is_object() {
                return Err(Violation::json_input("an edit takes a JSON object")
                    .at("file")
                    .into());
            }
            let base = match if_version {
                Some(v) => v,
                None => ws.show(kind, &target.record)?.version,
            };
            out.record(&ws.edit(
                kind,
                &target.record,
                patch,
                reason.reason.as_deref(),
                Some(base),
            )?);
        }
        RecordCmd::Archive { target, reason } => {
            let r = ws.archive(kind, &target.record, reason.reason.as_deref())?;
            done(out, &r, out.t("已归档", "archived"));
        }
        RecordCmd::Unarchive { target, reason } => {
            let r = ws.unarchive(kind, &target.record, reason.reason.as_deref())?;
            done(out, &r, out.t("已恢复", "unarchived"));
        }
    }
    Ok(0)
}

fn done(out: &Out, r: &terroir_api::RecordDto, what: &str) {
    if out.json {
        out.json(r);
    } else {
        println!("{what}: {} {}", r.code, r.name);
    }
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

fn run(cli: Cli, out: &Out) -> Result<Outcome, ApiError> {
    let today = cli
        .today
        .as_deref()
        .map(|s| terroir_api::core::date::parse_date(s).map_err(|e| ApiError::from(e.at("today"))))
        .transpose()?;
    let today_or_local = today.unwrap_or_else(chrono_today);
    // Commands that need no workspace.
    match &cli.cmd {
        Cmd::Validate {
            cmd: ValidateCmd::Uscc { codes },
        } => {
            let results = ops::validate_uscc(codes);
            if out.json {
                out.json(&results);
            } else {
                for r in &results {
                    match &r.error {
                        None => println!("✓ {}", r.normalized),
                        Some(p) => println!(
                            "✗ {}  {}",
                            r.input,
                            if out.zh() {
                                &p.message.zh_cn
                            } else {
                                &p.message.en_us
                            }
                        ),
                    }
                }
            }
            return Ok(u8::from(results.iter().any(|r| !r.valid)));
        }
        Cmd::Trademark {
            cmd:
                TrademarkCmd::Renewal {
                    registered,
                    renewals,
                },
        } => {
            // The workspace's calendar when there is a workspace, else the shipped one.
            let db = cli.db.clone().unwrap_or_else(default_db);
            let (cal, source) = if db.exists() {
                let ws = Workspace::open(&db, "terroir")?;
                (ws.calendar(), ops::CalendarSource::Workspace)
            } else {
                (
                    terroir_api::core::calendar::WorkingCalendar::shipped(),
                    ops::CalendarSource::Shipped,
                )
            };
            let d = ops::renewal_dates(registered, *renewals, today_or_local, &cal, source)?;
            if out.json {
                out.json(&d);
            } else {
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
            }
            return Ok(0);
        }
        _ => {}
    }
    let db = cli.db.clone().unwrap_or_else(default_db);
    let actor = cli
        .actor
        .clone()
        .unwrap_or_else(|| std::env::var("USER").unwrap_or_else(|_| "terroir".into()));
    if let Cmd::Init { sample } = cli.cmd {
        let ws = if sample {
            Workspace::create_with_sample(&db, &actor)?
        } else {
            Workspace::create(&db, &actor)?
        };
        let counts = ws.counts()?;
        if out.json {
            let c: Map<String, Value> = counts
                .iter()
                .map(|(k, n)| (k.key().to_owned(), Value::from(*n)))
                .collect();
            out.json(&serde_json::json!({ "db": ws.db_path(), "records": c }));
        } else {
            println!(
                "{}: {}",
                out.t("已创建工作区", "workspace created"),
                ws.db_path().display()
            );
            for (k, n) in counts.iter().filter(|(_, n)| *n > 0) {
                println!("  {} {n}", k.label(out.lang));
            }
        }
        return Ok(0);
    }
    let mut ws = Workspace::open(&db, &actor)?;
    ws.set_today(today);
    match cli.cmd {
        Cmd::Init { .. } | Cmd::Validate { .. } => unreachable!("handled above"),
        Cmd::Sample {
            cmd: SampleCmd::Remove,
        } => {
            let n = ws.remove_sample()?;
            if out.json {
                out.json(&serde_json::json!({ "removed": n }));
            } else {
                println!("{} {n}", out.t("已删除示例记录", "sample records removed:"));
            }
            Ok(0)
        }
        Cmd::Gi {
            cmd: GiCmd::Record(c),
        } => record_cmd(&mut ws, out, RecordKind::Gi, c),
        Cmd::Gi {
            cmd:
                GiCmd::Photo {
                    target,
                    file,
                    caption,
                },
        } => {
            let r = ws.add_photo(&target.record, &file, caption.as_deref())?;
            done(out, &r, out.t("已添加照片", "photo added"));
            Ok(0)
        }
        Cmd::Enterprise {
            cmd: EnterpriseCmd::Record(c),
        } => record_cmd(&mut ws, out, RecordKind::Enterprise, c),
        Cmd::Candidate { cmd } => match cmd {
            CandidateCmd::Record(c) => record_cmd(&mut ws, out, RecordKind::Candidate, c),
            CandidateCmd::Evidence { cmd } => workbench::evidence(&mut ws, out, cmd),
            CandidateCmd::Recognise(a) => workbench::recognise(&mut ws, out, a),
        },
        Cmd::Readiness {
            candidate,
            proceeding,
            reference_on,
        } => workbench::readiness(
            &ws,
            out,
            &candidate,
            proceeding.as_deref(),
            reference_on.as_deref(),
        ),
        Cmd::EvidenceCatalogue { candidate, output } => {
            workbench::catalogue(&ws, out, &candidate, &output)
        }
        Cmd::Application { cmd } => workbench::application(&mut ws, out, cmd),
        Cmd::Incentive { cmd } => workbench::incentive(&mut ws, out, cmd),
        Cmd::User { cmd } => match cmd {
            UserCmd::Record(c) => record_cmd(&mut ws, out, RecordKind::User, c),
            UserCmd::FirstReview {
                target,
                on,
                onsite_check_on,
                onsite_result,
                fail,
                reason,
            } => step(
                &mut ws,
                out,
                &target,
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
            } => step(
                &mut ws,
                out,
                &target,
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
            } => step(
                &mut ws,
                out,
                &target,
                UserStep::Approve {
                    announcement_no,
                    announced_on,
                },
            ),
            UserCmd::Reject(d) => step(
                &mut ws,
                out,
                &d.target,
                UserStep::Reject {
                    on: d.on,
                    reason: d.reason,
                },
            ),
            UserCmd::Suspend(d) => step(
                &mut ws,
                out,
                &d.target,
                UserStep::Suspend {
                    on: d.on,
                    reason: d.reason,
                },
            ),
            UserCmd::Reinstate(d) => step(
                &mut ws,
                out,
                &d.target,
                UserStep::Reinstate {
                    on: d.on,
                    reason: d.reason,
                },
            ),
            UserCmd::Withdraw(d) => step(
                &mut ws,
                out,
                &d.target,
                UserStep::Withdraw {
                    on: d.on,
                    reason: d.reason,
                },
            ),
            UserCmd::Report {
                target,
                year,
                half,
                due_on,
                received_on,
                used,
                output,
                labels,
                links,
            } => step(
                &mut ws,
                out,
                &target,
                UserStep::UseReport {
                    year,
                    half: half.map(|h| h.to_string()),
                    due_on,
                    received_on,
                    used,
                    output,
                    labels: labels.map(|l| l.to_string()),
                    links,
                },
            ),
            UserCmd::Reminders { within, output } => {
                let w = ws.export_use_report_reminders(&within, &output, out.lang)?;
                reminders_written(out, &w, out.t("份催报通知", "use-report notices"));
                Ok(0)
            }
            UserCmd::Schedule { period, due_days } => {
                let mut s = ws.report_schedule()?;
                if let Some(p) = period {
                    s.period =
                        terroir_api::core::record::enum_value(&p, &["yearly", "half_yearly"])
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
            UserCmd::Join {
                target,
                on,
                membership_no,
            } => step(&mut ws, out, &target, UserStep::Join { on, membership_no }),
            UserCmd::License {
                target,
                on,
                licence_no,
            } => step(&mut ws, out, &target, UserStep::License { on, licence_no }),
            UserCmd::Refuse(d) => step(
                &mut ws,
                out,
                &d.target,
                UserStep::Refuse {
                    on: d.on,
                    reason: d.reason,
                },
            ),
            UserCmd::KeepUse(d) => step(
                &mut ws,
                out,
                &d.target,
                UserStep::KeepUse {
                    on: d.on,
                    reason: d.reason,
                },
            ),
            UserCmd::Leave { target, on, reason } => {
                step(&mut ws, out, &target, UserStep::Leave { on, reason })
            }
        },
        Cmd::Trademark { cmd } => match cmd {
            TrademarkCmd::Record(c) => record_cmd(&mut ws, out, RecordKind::Trademark, c),
            TrademarkCmd::Renewal { .. } => unreachable!("handled above"),
            TrademarkCmd::Renew { target, filed_on } => {
                event(&mut ws, out, &target, TrademarkEvent::Renew { filed_on })
            }
            TrademarkCmd::ApproveRenewal { target, input } => event(
                &mut ws,
                out,
                &target,
                TrademarkEvent::ApproveRenewal(input.into_input()?),
            ),
            TrademarkCmd::RefuseRenewal { target, input } => event(
                &mut ws,
                out,
                &target,
                TrademarkEvent::RefuseRenewal(input.into_input()?),
            ),
            TrademarkCmd::Licence { target, input } => event(
                &mut ws,
                out,
                &target,
                TrademarkEvent::Licence(input.into_input()?),
            ),
            TrademarkCmd::Assign { target, input } => event(
                &mut ws,
                out,
                &target,
                TrademarkEvent::Assign(input.into_input()?),
            ),
            TrademarkCmd::Pledge { target, input } => event(
                &mut ws,
                out,
                &target,
                TrademarkEvent::Pledge(input.into_input()?),
            ),
            TrademarkCmd::ReleasePledge { target, input } => event(
                &mut ws,
                out,
                &target,
                TrademarkEvent::ReleasePledge(input.into_input()?),
            ),
            TrademarkCmd::Terminate { target, input } => event(
                &mut ws,
                out,
                &target,
                TrademarkEvent::Terminate(input.into_input()?),
            ),
        },
        Cmd::Search { query, kind, limit } => {
            let kind = kind.as_deref().map(parse_kind).transpose()?;
            let r = ws.search(&query, kind, limit)?;
            if out.json {
                out.json(&r);
            } else if r.groups.is_empty() {
                println!("{}", out.t("没有找到。", "Nothing found."));
            } else {
                for g in &r.groups {
                    println!("== {} ==", g.kind.label(out.lang));
                    let rows: Vec<Vec<String>> = g
                        .hits
                        .iter()
                        .map(|h| {
                            let name = match h.span {
                                Some([a, b]) => {
                                    let c: Vec<char> = h.name.chars().collect();
                                    let (a, b) = (a as usize, (b as usize).min(c.len()));
                                    format!(
                                        "{}[{}]{}",
                                        c[..a].iter().collect::<String>(),
                                        c[a..b].iter().collect::<String>(),
                                        c[b..].iter().collect::<String>()
                                    )
                                }
                                None => h.name.clone(),
                            };
                            let how = serde_json::to_value(h.matched)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default();
                            vec![
                                h.code.clone(),
                                name,
                                h.detail.clone().unwrap_or_default(),
                                how,
                            ]
                        })
                        .collect();
                    out.table(&rows);
                }
            }
            Ok(0)
        }
        Cmd::Reindex => {
            let t = std::time::Instant::now();
            let n = ws.reindex()?;
            if out.json {
                out.json(
                    &serde_json::json!({ "indexed": n, "seconds": t.elapsed().as_secs_f64() }),
                );
            } else {
                println!(
                    "{} {n} ({:.1} s)",
                    out.t("已重建索引：", "reindexed:"),
                    t.elapsed().as_secs_f64()
                );
            }
            Ok(0)
        }
        Cmd::Gen { scale, seed } => {
            let s = terroir_api::generate::Scale::named(&scale).ok_or_else(|| {
                ApiError::from(
                    Violation::enum_value(&scale, "small, national, national-x10").at("scale"),
                )
            })?;
            let t = std::time::Instant::now();
            let bar = progress_bar(out, s.total() as u64);
            ws.generate(s, seed, |done, _| bar.set_position(done as u64))?;
            bar.finish_and_clear();
            let secs = t.elapsed().as_secs_f64();
            if out.json {
                out.json(
                    &serde_json::json!({ "scale": scale, "records": s.total(), "seconds": secs }),
                );
            } else {
                println!(
                    "{} {} ({:.1} s)",
                    out.t("已生成记录", "generated records:"),
                    s.total(),
                    secs
                );
            }
            Ok(0)
        }
        Cmd::Dossier { cmd } => dossier_cmd(&mut ws, out, cmd),
        Cmd::Bundle {
            cmd: BundleCmd::Export { output },
        } => {
            let s = ws.export_bundle(&output)?;
            if out.json {
                out.json(&s);
            } else {
                println!(
                    "{} {} {}, {} {} → {} (sha256 {})",
                    out.t("已导出交换包", "bundle written"),
                    s.records,
                    out.t("条记录", "records"),
                    s.files,
                    out.t("个文件", "files"),
                    s.path,
                    s.sha256
                );
            }
            Ok(0)
        }
        Cmd::Bundle {
            cmd:
                BundleCmd::Import {
                    bundle,
                    dry_run,
                    take_theirs,
                },
        } => {
            let r = ws.import_bundle(&bundle, dry_run, take_theirs)?;
            let open_conflicts = !take_theirs && !r.conflicts.is_empty();
            let refused = !r.refused.is_empty();
            if out.json {
                out.json(&r);
            } else {
                for c in r.changed.iter().chain(&r.conflicts) {
                    let fields = field_changes(&c.fields);
                    println!(
                        "{} {} {}  {}",
                        word("kind", c.kind.key(), out.lang),
                        c.code,
                        c.name,
                        fields
                    );
                }
                for c in &r.conflicts {
                    println!(
                        "! {} {} {}",
                        out.t(
                            "冲突（双方均已修改，保留本地）",
                            "conflict (changed on both sides; ours kept)"
                        ),
                        c.code,
                        c.name
                    );
                }
                for c in &r.calendar {
                    use terroir_api::calendar::CalendarOutcome as O;
                    let (zh, en) = match c.outcome {
                        O::New => ("工作日历：新增", "calendar: new"),
                        O::Taken => (
                            "工作日历：双方均已录入，采用较新的交换包版本",
                            "calendar: entered on both sides; the bundle's newer entry taken",
                        ),
                        O::Kept => (
                            "工作日历：双方均已录入，保留较新的本地版本",
                            "calendar: entered on both sides; our newer entry kept",
                        ),
                    };
                    println!("{} {} {}", out.t(zh, en), c.year, c.theirs_source);
                }
                for x in &r.refused {
                    println!(
                        "✗ {} {} {} {}",
                        out.t("拒收", "refused"),
                        word("kind", x.kind.key(), out.lang),
                        x.code,
                        x.name
                    );
                    for p in &x.problems {
                        println!("    - {}", out.message(&p.message));
                    }
                }
                if refused {
                    println!(
                        "{}",
                        out.t(
                            "交换包中有不符合规则的记录：整包未合并，未写入任何内容",
                            "the bundle holds records the rules refuse: nothing was merged or written"
                        )
                    );
                }
                println!(
                    "{}: {} {}  {} {}  {} {}  {} {}",
                    if r.applied {
                        out.t("已合并", "merged")
                    } else {
                        out.t("预览（未写入）", "preview (nothing written)")
                    },
                    r.new.len(),
                    out.t("新增", "new"),
                    r.changed.len(),
                    out.t("更新", "changed"),
                    r.unchanged,
                    out.t("无变化", "unchanged"),
                    r.conflicts.len(),
                    out.t("冲突", "conflicts")
                );
            }
            Ok(u8::from(open_conflicts || refused))
        }
        Cmd::Import {
            file,
            kind,
            dry_run,
        } => {
            // Rows checked on stderr (indicatif draws only on a terminal); Ctrl+C stops the
            // process, and the transaction, uncommitted, writes nothing.
            let bar = progress_bar(out, 0);
            let never = std::sync::atomic::AtomicBool::new(false);
            let report = ws.import_with(parse_kind(&kind)?, &file, dry_run, &never, &mut |p| {
                bar.set_length(u64::from(p.total));
                bar.set_position(u64::from(p.done));
            })?;
            bar.finish_and_clear();
            if out.json {
                out.json(&report);
            } else {
                print_import(out, &report);
            }
            Ok(u8::from(!report.problems.is_empty()))
        }
        Cmd::Export {
            kind,
            archived,
            all,
            output,
        } => {
            let show = show_of(archived, all);
            let s = ws.export(parse_kind(&kind)?, show, &output)?;
            if out.json {
                out.json(&s);
            } else {
                println!("{} {} → {}", out.t("已导出", "exported"), s.rows, s.path);
            }
            Ok(0)
        }
        Cmd::Template { kind, output } => {
            ws.template(parse_kind(&kind)?, &output)?;
            if !out.json {
                println!(
                    "{} → {}",
                    out.t("已生成模板", "template written"),
                    output.display()
                );
            }
            Ok(0)
        }
        Cmd::Calendar { cmd } => {
            match cmd {
                CalendarCmd::Show { year: Some(y) } => {
                    let entry = ws.calendar_year(y)?;
                    if out.json {
                        out.json(&entry);
                    } else if let Some(e) = entry {
                        let days = |ds: &[terroir_api::core::chrono::NaiveDate]| {
                            ds.iter()
                                .map(|d| d.format("%m-%d").to_string())
                                .collect::<Vec<_>>()
                                .join(" ")
                        };
                        out.table(&[
                            vec![out.t("放假", "holidays").into(), days(&e.year.holidays)],
                            vec![
                                out.t("调休上班", "working weekend days").into(),
                                days(&e.year.workdays),
                            ],
                            vec![out.t("依据", "source").into(), e.year.source.clone()],
                            vec![
                                out.t("来源", "entered").into(),
                                out.t(
                                    if e.shipped {
                                        "随软件提供"
                                    } else {
                                        "本工作区录入"
                                    },
                                    if e.shipped {
                                        "shipped with Terroir"
                                    } else {
                                        "entered in this workspace"
                                    },
                                )
                                .into(),
                            ],
                        ]);
                    } else {
                        println!(
                            "{}",
                            if out.zh() {
                                format!(
                                    "{y} 年节假日安排未录入，期限末日仅按周末顺延；用 terroir calendar set {y} 录入"
                                )
                            } else {
                                format!(
                                    "the {y} public holidays are not entered: last days move over weekends only; enter them with terroir calendar set {y}"
                                )
                            }
                        );
                    }
                }
                CalendarCmd::Show { year: None } => {
                    let years = ws.calendar_years()?;
                    if out.json {
                        out.json(&years);
                    } else {
                        let rows: Vec<Vec<String>> = years
                            .iter()
                            .map(|e| {
                                vec![
                                    e.year.year.to_string(),
                                    format!(
                                        "{} {}",
                                        e.year.holidays.len(),
                                        out.t("天放假", "holidays")
                                    ),
                                    format!(
                                        "{} {}",
                                        e.year.workdays.len(),
                                        out.t("天调休上班", "working weekend days")
                                    ),
                                    e.year.source.clone(),
                                ]
                            })
                            .collect();
                        out.table(&rows);
                    }
                }
                CalendarCmd::Set {
                    year,
                    holidays,
                    workdays,
                    source,
                    file,
                    reason,
                } => {
                    let input: terroir_api::core::calendar::CalendarYearInput = match file {
                        Some(f) => {
                            let text = std::fs::read_to_string(&f).map_err(|e| {
                                ApiError::from(
                                    Violation::file_missing(format!("{}: {e}", f.display()))
                                        .at("file"),
                                )
                            })?;
                            serde_json::from_str(&text)
                                .map_err(|e| ApiError::from(Violation::json_input(e).at("file")))?
                        }
                        None => terroir_api::core::calendar::CalendarYearInput {
                            holidays,
                            workdays,
                            source,
                        },
                    };
                    let e = ws.set_calendar_year(year, &input, reason.reason.as_deref())?;
                    if out.json {
                        out.json(&e);
                    } else {
                        println!(
                            "{} {year}: {} {}, {} {}",
                            out.t("已录入", "entered"),
                            e.year.holidays.len(),
                            out.t("天放假", "holidays"),
                            e.year.workdays.len(),
                            out.t("天调休上班", "working weekend days")
                        );
                    }
                }
            }
            Ok(0)
        }
        Cmd::Deadlines {
            within,
            output: Some(path),
        } => {
            let w = ws.export_deadlines(&within, &path, out.lang)?;
            reminders_written(out, &w, out.t("项到期事项", "deadlines"));
            Ok(0)
        }
        Cmd::Deadlines {
            within,
            output: None,
        } => {
            let list = ws.deadlines(&within)?;
            if out.json {
                out.json(&list);
            } else if list.is_empty() {
                println!(
                    "{}",
                    out.t("期内没有到期事项。", "Nothing due in this period.")
                );
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|d| {
                        let when = if d.overdue {
                            format!("{} {}", out.t("已逾期", "overdue"), -d.days_left)
                        } else {
                            format!("{} {}", out.t("剩余", "in"), d.days_left)
                        };
                        vec![
                            d.due_on.to_string(),
                            format!("{when} {}", out.t("天", "days")),
                            d.kind.label(out.lang),
                            d.code.clone(),
                            d.name.clone(),
                            d.note
                                .as_ref()
                                .map(|n| out.bilingual(n).to_owned())
                                .unwrap_or_default(),
                        ]
                    })
                    .collect();
                out.table(&rows);
            }
            Ok(0)
        }
        Cmd::History(a) => history::run(&ws, out, a),
        Cmd::Audit {
            cmd:
                AuditCmd::Log {
                    kind,
                    record,
                    limit,
                },
        } => {
            let target = match (kind, record.as_deref()) {
                (Some(k), Some(r)) => Some((parse_kind(&k)?, r)),
                _ => None,
            };
            let rows = ws.audit_log(target, limit)?;
            if out.json {
                out.json(&rows);
            } else {
                let table: Vec<Vec<String>> = rows
                    .iter()
                    .map(|e| {
                        vec![
                            e.seq.to_string(),
                            e.at.clone(),
                            e.actor.clone(),
                            e.action.clone(),
                            e.entity.clone(),
                            code_of(e.after.as_deref().or(e.before.as_deref())),
                            e.reason.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                out.table(&table);
            }
            Ok(0)
        }
        Cmd::Audit {
            cmd: AuditCmd::Verify,
        } => {
            let r = ws.audit_verify()?;
            if out.json {
                out.json(&r);
            } else {
                match &r.first_broken {
                    None => println!(
                        "{} {} {}; head {}",
                        out.t("审计链完好：", "audit chain intact:"),
                        r.rows,
                        out.t("行", "rows"),
                        r.head
                    ),
                    Some(b) => println!(
                        "{} {}: {}",
                        out.t("审计链断裂于第", "audit chain broken at row"),
                        b.seq,
                        b.problem
                    ),
                }
            }
            Ok(u8::from(r.first_broken.is_some()))
        }
        Cmd::Backup { to, keep } => {
            let info = ws.backup(to.as_deref(), keep)?;
            if out.json {
                out.json(&info);
            } else {
                println!(
                    "{}: {}",
                    out.t("已备份到", "backed up to"),
                    info.path.display()
                );
                println!(
                    "  {} {}, {} {}",
                    info.manifest.audit_rows,
                    out.t("条审计记录", "audit rows"),
                    info.manifest.files,
                    out.t("个文件", "files")
                );
            }
            Ok(0)
        }
        Cmd::Restore { backup } => {
            let (_, kept) = ws.restore(&backup)?;
            if out.json {
                out.json(&serde_json::json!({ "restored_from": backup, "replaced_kept_at": kept }));
            } else {
                println!(
                    "{}: {}",
                    out.t(
                        "已还原；原工作区保存在",
                        "restored; the replaced workspace is kept at"
                    ),
                    kept.display()
                );
            }
            Ok(0)
        }
        Cmd::Check => {
            let bar = progress_bar(out, 0);
            let c = ws.check_with(&mut |done, total| {
                bar.set_length(total);
                bar.set_position(done);
            })?;
            bar.finish_and_clear();
            if out.json {
                out.json(&c);
            } else {
                let r = &c.report;
                let line = |ok: bool, what: &str, detail: String| {
                    println!(
                        "{} {what}{}",
                        if ok { "✓" } else { "✗" },
                        if detail.is_empty() {
                            detail
                        } else {
                            format!(": {detail}")
                        }
                    )
                };
                line(
                    r.integrity.is_empty(),
                    out.t("数据库完整性", "database integrity"),
                    r.integrity.join("; "),
                );
                line(
                    r.foreign_keys.is_empty(),
                    out.t("外键", "foreign keys"),
                    r.foreign_keys.join("; "),
                );
                line(
                    r.audit_chain.first_broken.is_none(),
                    out.t("审计链", "audit chain"),
                    r.audit_chain
                        .first_broken
                        .as_ref()
                        .map(|b| format!("#{} {}", b.seq, b.problem))
                        .unwrap_or_default(),
                );
                line(
                    r.audit_mismatches.is_empty(),
                    out.t("审计记录与数据一致", "audit rows match records"),
                    r.audit_mismatches.join(", "),
                );
                line(
                    r.files.is_empty(),
                    out.t("文件完整", "files present and intact"),
                    r.files.join("; "),
                );
                line(
                    c.refused_total == 0,
                    out.t("记录符合现行规则", "records pass the current rules"),
                    if c.refused_total == 0 {
                        String::new()
                    } else {
                        format!("{} {}", c.refused_total, out.t("条不符合", "refused"))
                    },
                );
                for x in &c.refused {
                    println!(
                        "  ✗ {} {} {}",
                        word("kind", x.kind.key(), out.lang),
                        x.code,
                        x.name
                    );
                    for p in &x.problems {
                        println!("      - {}", out.message(&p.message));
                    }
                }
                if c.refused_total > c.refused.len() as u64 {
                    println!(
                        "  … {} {}",
                        c.refused_total - c.refused.len() as u64,
                        out.t(
                            "条未列出（--json 同样只列前 1000 条）",
                            "more not listed (--json lists the first 1,000 too)"
                        )
                    );
                }
                println!("{} {}", r.records, out.t("条记录", "records"));
                if !c.migration_notes.is_empty() {
                    println!("{}", out.t("升级说明：", "Upgrade notes:"));
                    for n in &c.migration_notes {
                        println!("  ! {}", said_one(out, n));
                    }
                }
            }
            Ok(u8::from(!c.ok))
        }
        Cmd::Division {
            cmd: DivisionCmd::List,
        } => {
            let rows = ws.divisions()?;
            if out.json {
                out.json(&rows);
            } else {
                out.table(
                    &rows
                        .iter()
                        .map(|d| vec![d.code.clone(), d.name.clone(), d.table_version.clone()])
                        .collect::<Vec<_>>(),
                );
            }
            Ok(0)
        }
        Cmd::Division {
            cmd: DivisionCmd::Add { code, name },
        } => {
            ws.put_division(&code, &name)?;
            if !out.json {
                println!("{} {code} {name}", out.t("已添加区划", "division added:"));
            }
            Ok(0)
        }
        Cmd::Category {
            cmd: CategoryCmd::List,
        } => {
            let rows = ws.categories()?;
            if out.json {
                out.json(
                    &rows
                        .iter()
                        .map(|(n, p)| serde_json::json!({ "name": n, "parent": p }))
                        .collect::<Vec<_>>(),
                );
            } else {
                for (n, _) in rows {
                    println!("{n}");
                }
            }
            Ok(0)
        }
    }
}

fn chrono_today() -> terroir_api::core::chrono::NaiveDate {
    terroir_api::core::chrono::Local::now().date_naive()
}

fn code_of(snapshot: Option<&str>) -> String {
    snapshot
        .and_then(|s| serde_json::from_str::<Value>(s).ok())
        .and_then(|v| v.get("code").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_default()
}

fn parse_kind(k: &str) -> Result<RecordKind, ApiError> {
    RecordKind::from_key(k).ok_or_else(|| {
        Violation::enum_value(
            k,
            "gi, enterprise, user, trademark, candidate, application, incentive_rule",
        )
        .at("kind")
        .into()
    })
}

/// A note stored as "中文 / English", in the user's language.
fn said_one<'a>(out: &Out, note: &'a str) -> &'a str {
    match note.split_once(" / ") {
        Some((zh, en)) => match out.lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        None => note,
    }
}

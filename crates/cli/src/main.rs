//! `terroir`: the command line over terroir-api, for batch work and automation.
//!
//! Exit codes, everywhere: 0 done, nothing to report; 1 done, but problems found (a code is
//! invalid, a check found faults); 2 bad input or failure, with nothing written.
//! It only parses arguments, calls the api and prints: no rules live here. Each noun's module
//! owns its arguments and the work of its commands; this file reads the global flags and
//! dispatches.

mod audit;
mod bundle;
mod calendar;
mod case;
mod common;
mod deadlines;
mod dossier;
mod enterprise;
mod fields;
mod gi;
mod history;
mod output;
mod plan;
mod record;
mod reference;
mod sample;
mod search;
mod sheets;
mod trademark;
mod user;
mod validate;
mod wording;
mod workbench;
mod workspace;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use terroir_api::core::Lang;
use terroir_api::core::chrono::NaiveDate;
use terroir_api::{ApiError, Workspace};

use common::Outcome;
use output::Out;
use trademark::TrademarkCmd;

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
    Init(workspace::InitArgs),
    /// Sample data
    Sample {
        #[command(subcommand)]
        cmd: sample::SampleCmd,
    },
    /// Validate identifiers
    Validate {
        #[command(subcommand)]
        cmd: validate::ValidateCmd,
    },
    /// Check advertising or packaging copy for the words 驰名商标 (用语检查)
    Wording {
        #[command(subcommand)]
        cmd: wording::WordingCmd,
    },
    /// GI products
    Gi {
        #[command(subcommand)]
        cmd: gi::GiCmd,
    },
    /// Enterprises
    Enterprise {
        #[command(subcommand)]
        cmd: enterprise::EnterpriseCmd,
    },
    /// Authorised users of a GI
    User {
        #[command(subcommand)]
        cmd: user::UserCmd,
    },
    /// Trademarks
    Trademark {
        #[command(subcommand)]
        cmd: trademark::TrademarkCmd,
    },
    /// Well-known-mark candidates
    Candidate {
        #[command(subcommand)]
        cmd: workbench::CandidateCmd,
    },
    /// How ready a candidate's evidence file is, criterion by criterion, counted back from the
    /// reference date: `--reference-on`, else the candidate's intended proceeding's date, else
    /// `--today` (exit 1 unless ready)
    Readiness(workbench::ReadinessArgs),
    /// Print a candidate's evidence catalogue (证据目录) as PDF
    EvidenceCatalogue(workbench::CatalogueArgs),
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
    /// Administrative enforcement cases (案件) and their flow
    Case {
        #[command(subcommand)]
        cmd: case::CaseCmd,
    },
    /// Plan targets (规划目标) and their progress
    Target {
        #[command(subcommand)]
        cmd: plan::TargetCmd,
    },
    /// IP pledge financing (知识产权质押融资) and its totals
    Financing {
        #[command(subcommand)]
        cmd: plan::FinancingCmd,
    },
    /// GI product protection demonstration zones (示范区), their KPIs and KPI rule sets
    Zone {
        #[command(subcommand)]
        cmd: plan::ZoneCmd,
    },
    /// Statistics forms: enforcement (案件统计表)
    Stats {
        #[command(subcommand)]
        cmd: case::StatsCmd,
    },
    /// Search GI products, enterprises, users and trademarks: characters, pinyin, initials, codes
    Search(search::SearchArgs),
    /// Rebuild the search index from the records
    Reindex,
    /// Generate a synthetic catalogue (small, national, national-x10) for benchmarks
    Gen(sample::GenArgs),
    /// Renewals and use reports due within a period, and overdue ones
    Deadlines(deadlines::DeadlinesArgs),
    /// The dashboard's numbers (数据看板) for a year: GI products by county and regime, users
    /// by month, renewals ahead, financing, awards against budget, zones, targets
    Dashboard(plan::DashboardArgs),
    /// Reports to hand on: `report annual` (年度工作报告) as PDF, XLSX or DOCX
    Report {
        #[command(subcommand)]
        cmd: plan::ReportCmd,
    },
    /// The working-day calendar (工作日历) that moves legal last days
    Calendar {
        #[command(subcommand)]
        cmd: calendar::CalendarCmd,
    },
    /// The history in words: what changed, field by field, and each step with its facts
    History(history::HistoryArgs),
    /// The audit trail
    Audit {
        #[command(subcommand)]
        cmd: audit::AuditCmd,
    },
    /// Back up the workspace (database and files), keeping the newest generations
    Backup(workspace::BackupArgs),
    /// Replace the workspace with a verified backup (the replaced one is kept)
    Restore(workspace::RestoreArgs),
    /// Check integrity, foreign keys, the audit chain and stored files
    Check,
    /// The division table (GB/T 2260)
    Division {
        #[command(subcommand)]
        cmd: reference::DivisionCmd,
    },
    /// The product category table
    Category {
        #[command(subcommand)]
        cmd: reference::CategoryCmd,
    },
    /// Import a spreadsheet (XLSX or UTF-8 CSV): checked as a whole, written all or nothing
    Import(sheets::ImportArgs),
    /// Export a list as XLSX or CSV (by the file's extension), in the import format
    Export(sheets::ExportArgs),
    /// Write an empty import template (headers and a notes row)
    Template(sheets::TemplateArgs),
    /// County-to-city exchange bundles
    Bundle {
        #[command(subcommand)]
        cmd: bundle::BundleCmd,
    },
    /// Brand-promotion dossiers (PDF)
    Dossier {
        #[command(subcommand)]
        cmd: dossier::DossierCmd,
    },
}

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

fn run(cli: Cli, out: &Out) -> Result<Outcome, ApiError> {
    let today = cli
        .today
        .as_deref()
        .map(|s| terroir_api::core::date::parse_date(s).map_err(|e| ApiError::from(e.at("today"))))
        .transpose()?;
    let db = cli.db.unwrap_or_else(default_db);
    let actor = || {
        cli.actor
            .clone()
            .unwrap_or_else(|| std::env::var("USER").unwrap_or_else(|_| "terroir".into()))
    };
    match cli.cmd {
        // Commands that need no workspace, or make it.
        Cmd::Validate { cmd } => validate::run(out, cmd),
        Cmd::Wording { cmd } => wording::run(out, cmd),
        Cmd::Trademark {
            cmd:
                TrademarkCmd::Renewal {
                    registered,
                    renewals,
                },
        } => trademark::renewal(
            &db,
            today.unwrap_or_else(chrono_today),
            out,
            &registered,
            renewals,
        ),
        Cmd::Init(a) => workspace::init(&db, &actor(), out, a),
        cmd => {
            let mut ws = Workspace::open(&db, &actor())?;
            ws.set_today(today);
            run_in(ws, out, cmd)
        }
    }
}

/// A command that works in the open workspace (`restore` replaces it, so takes it).
fn run_in(mut ws: Workspace, out: &Out, cmd: Cmd) -> Result<Outcome, ApiError> {
    match cmd {
        Cmd::Init(_) | Cmd::Validate { .. } | Cmd::Wording { .. } => {
            unreachable!("run handles them")
        }
        Cmd::Sample { cmd } => sample::run(&mut ws, out, cmd),
        Cmd::Gi { cmd } => gi::run(&mut ws, out, cmd),
        Cmd::Enterprise { cmd } => enterprise::run(&mut ws, out, cmd),
        Cmd::User { cmd } => user::run(&mut ws, out, cmd),
        Cmd::Trademark { cmd } => trademark::run(&mut ws, out, cmd),
        Cmd::Candidate { cmd } => workbench::candidate(&mut ws, out, cmd),
        Cmd::Readiness(a) => workbench::readiness(&ws, out, a),
        Cmd::EvidenceCatalogue(a) => workbench::catalogue(&ws, out, a),
        Cmd::Application { cmd } => workbench::application(&mut ws, out, cmd),
        Cmd::Incentive { cmd } => workbench::incentive(&mut ws, out, cmd),
        Cmd::Case { cmd } => case::run(&mut ws, out, cmd),
        Cmd::Stats { cmd } => case::stats(&mut ws, out, cmd),
        Cmd::Target { cmd } => plan::target(&mut ws, out, cmd),
        Cmd::Financing { cmd } => plan::financing(&mut ws, out, cmd),
        Cmd::Zone { cmd } => plan::zone(&mut ws, out, cmd),
        Cmd::Search(a) => search::search(&ws, out, a),
        Cmd::Reindex => search::reindex(&mut ws, out),
        Cmd::Gen(a) => sample::generate(&mut ws, out, a),
        Cmd::Deadlines(a) => deadlines::run(&ws, out, a),
        Cmd::Dashboard(a) => plan::dashboard(&ws, out, a),
        Cmd::Report { cmd } => plan::report(&ws, out, cmd),
        Cmd::Calendar { cmd } => calendar::run(&mut ws, out, cmd),
        Cmd::History(a) => history::run(&ws, out, a),
        Cmd::Audit { cmd } => audit::run(&ws, out, cmd),
        Cmd::Backup(a) => workspace::backup(&mut ws, out, a),
        Cmd::Restore(a) => workspace::restore(ws, out, a),
        Cmd::Check => workspace::check(&ws, out),
        Cmd::Division { cmd } => reference::division(&mut ws, out, cmd),
        Cmd::Category { cmd } => reference::category(&ws, out, cmd),
        Cmd::Import(a) => sheets::import(&mut ws, out, a),
        Cmd::Export(a) => sheets::export(&ws, out, a),
        Cmd::Template(a) => sheets::template(&ws, out, a),
        Cmd::Bundle { cmd } => bundle::run(&mut ws, out, cmd),
        Cmd::Dossier { cmd } => dossier::run(&mut ws, out, cmd),
    }
}

fn default_db() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("terroir")
        .join("terroir.db")
}

fn chrono_today() -> NaiveDate {
    terroir_api::core::chrono::Local::now().date_naive()
}

//! `terroir dossier`: brand-promotion dossiers (PDF), one at a time or in batches, the check
//! before a batch, and the settings every dossier prints.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use terroir_api::dossier::{BatchSelection, DossierSettings};
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, Progress, Target};
use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum DossierCmd {
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
    Settings(SettingsArgs),
}

/// Which GI products a batch takes.
#[derive(Debug, Args)]
pub struct Selection {
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
    fn get(self) -> BatchSelection {
        match self.county {
            Some(code) => BatchSelection::County { code },
            None if !self.codes.is_empty() => BatchSelection::Codes { codes: self.codes },
            None => BatchSelection::All,
        }
    }
}

#[derive(Debug, Args)]
pub struct SettingsArgs {
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
}

pub fn run(ws: &mut Workspace, out: &Out, cmd: DossierCmd) -> Result<Outcome, ApiError> {
    match cmd {
        DossierCmd::Print { target, output } => print(ws, out, &target, &output),
        DossierCmd::View(target) => view(ws, out, &target),
        DossierCmd::Check(selection) => check(ws, out, selection),
        DossierCmd::Batch { selection, output } => batch(ws, out, selection, &output),
        DossierCmd::Settings(a) => settings(ws, out, a),
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

fn print(
    ws: &mut Workspace,
    out: &Out,
    target: &Target,
    output: &Path,
) -> Result<Outcome, ApiError> {
    let p = ws.print_dossier_to(&target.record, output)?;
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

fn view(ws: &Workspace, out: &Out, target: &Target) -> Result<Outcome, ApiError> {
    let view = ws.dossier_view(&target.record)?;
    let warnings: Vec<terroir_api::Problem> = view
        .warnings()
        .into_iter()
        .map(terroir_api::Problem::from)
        .collect();
    out.json(&serde_json::json!({ "view": view, "warnings": warnings }));
    Ok(u8::from(!warnings.is_empty()))
}

fn check(ws: &Workspace, out: &Out, selection: Selection) -> Result<Outcome, ApiError> {
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

fn batch(
    ws: &mut Workspace,
    out: &Out,
    selection: Selection,
    output: &Path,
) -> Result<Outcome, ApiError> {
    let selection = selection.get();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let started = std::time::Instant::now();
    let bar = Progress::new(!out.json);
    let report = ws.print_batch(&selection, output, &cancel, &mut |done, total, code| {
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

fn settings(ws: &mut Workspace, out: &Out, a: SettingsArgs) -> Result<Outcome, ApiError> {
    let current = ws.dossier_settings()?;
    let settings = if a.issuer.is_some() || a.contact.is_some() || a.qr.is_some() {
        ws.set_dossier_settings(&DossierSettings {
            issuer: a.issuer.or(current.issuer),
            issuer_contact: a.contact.or(current.issuer_contact),
            qr_template: a.qr.unwrap_or(current.qr_template),
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

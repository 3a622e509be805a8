//! `terroir bundle`: county-to-city exchange bundles, written whole and merged record by record.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use terroir_api::bundle::BundleReport;
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, field_changes};
use crate::output::{Out, word};

#[derive(Debug, Subcommand)]
pub enum BundleCmd {
    /// Export the whole catalogue (records, divisions, photos, enforcement cases without their
    /// files) as one verified file. A case party who is a person is exported as a pseudonym
    /// unless --with-personal-data is given
    Export {
        #[arg(short, long)]
        output: PathBuf,
        /// Include the names of persons who are parties to cases (personal information)
        #[arg(long)]
        with_personal_data: bool,
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

pub fn run(ws: &mut Workspace, out: &Out, cmd: BundleCmd) -> Result<Outcome, ApiError> {
    match cmd {
        BundleCmd::Export {
            output,
            with_personal_data,
        } => export(ws, out, &output, with_personal_data),
        BundleCmd::Import {
            bundle,
            dry_run,
            take_theirs,
        } => import(ws, out, &bundle, dry_run, take_theirs),
    }
}

fn export(
    ws: &mut Workspace,
    out: &Out,
    output: &Path,
    personal_data: bool,
) -> Result<Outcome, ApiError> {
    let s = ws.export_bundle(output, personal_data)?;
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
        println!(
            "{}",
            if s.personal_data {
                out.t(
                    "含个人信息：案件当事人中自然人的姓名已导出",
                    "with personal data: the names of persons who are case parties are in it",
                )
            } else {
                out.t(
                    "不含个人信息：案件当事人中的自然人以化名导出",
                    "without personal data: persons who are case parties are pseudonyms",
                )
            }
        );
    }
    Ok(0)
}

/// Exit 1 while conflicts stay open (ours kept) or the rules refuse a record in the bundle.
fn import(
    ws: &mut Workspace,
    out: &Out,
    bundle: &Path,
    dry_run: bool,
    take_theirs: bool,
) -> Result<Outcome, ApiError> {
    let r = ws.import_bundle(bundle, dry_run, take_theirs)?;
    let open_conflicts = !take_theirs && !r.conflicts.is_empty();
    let refused = !r.refused.is_empty();
    if out.json {
        out.json(&r);
    } else {
        print_changes(out, &r);
        print_calendar(out, &r);
        print_refused(out, &r);
        print_totals(out, &r);
    }
    Ok(u8::from(open_conflicts || refused))
}

fn print_changes(out: &Out, r: &BundleReport) {
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
}

fn print_calendar(out: &Out, r: &BundleReport) {
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
}

fn print_refused(out: &Out, r: &BundleReport) {
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
    if !r.refused.is_empty() {
        println!(
            "{}",
            out.t(
                "交换包中有不符合规则的记录：整包未合并，未写入任何内容",
                "the bundle holds records the rules refuse: nothing was merged or written"
            )
        );
    }
}

fn print_totals(out: &Out, r: &BundleReport) {
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

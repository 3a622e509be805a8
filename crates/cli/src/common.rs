//! What the command modules share: the record and reason arguments, the exit outcome, the
//! `--archived`/`--all` filter, record kinds by name, and the progress shown on stderr.

use clap::Args;
use terroir_api::core::{RecordKind, Violation};
use terroir_api::{ApiError, Show};

use crate::output::Out;

/// What a finished command reports: 0 nothing to report, 1 problems found.
pub type Outcome = u8;

#[derive(Debug, Args)]
pub struct Target {
    /// Record code (e.g. GI-0001) or id
    pub record: String,
}

#[derive(Debug, Args)]
pub struct Reason {
    /// Why (kept in the audit log)
    #[arg(long)]
    pub reason: Option<String>,
}

/// A record changed by a command, and what became of it.
pub fn done(out: &Out, r: &terroir_api::RecordDto, what: &str) {
    if out.json {
        out.json(r);
    } else {
        println!("{what}: {} {}", r.code, r.name);
    }
}

/// The list filter of `--archived` / `--all`.
pub fn show_of(archived: bool, all: bool) -> Show {
    if all {
        Show::All
    } else if archived {
        Show::Archived
    } else {
        Show::Live
    }
}

pub fn parse_kind(k: &str) -> Result<RecordKind, ApiError> {
    RecordKind::from_key(k).ok_or_else(|| {
        Violation::enum_value(
            k,
            "gi, enterprise, user, trademark, candidate, application, incentive_rule",
        )
        .at("kind")
        .into()
    })
}

/// `field: before → after; …` for a preview line.
pub fn field_changes(fields: &[terroir_api::exchange::FieldChange]) -> String {
    fields
        .iter()
        .map(|f| format!("{}: {} → {}", f.field, f.before, f.after))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a reminders export wrote: the count of `what` and the file.
pub fn reminders_written(out: &Out, w: &terroir_api::reminders::RemindersWritten, what: &str) {
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

/// A progress bar on stderr: drawn only on a terminal, never with `--json`.
pub fn progress_bar(out: &Out, len: u64) -> indicatif::ProgressBar {
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

/// A one-line progress bar on stderr (only when stderr is a terminal or forced on).
#[derive(Debug)]
pub struct Progress {
    on: bool,
    tty: bool,
}

impl Progress {
    pub fn new(on: bool) -> Self {
        use std::io::IsTerminal;
        Self {
            on,
            tty: std::io::stderr().is_terminal(),
        }
    }

    pub fn show(&self, done: usize, total: usize, what: &str) {
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

    pub fn finish(&self) {
        if self.on && self.tty {
            eprintln!();
        }
    }
}

//! `terroir wording check FILE|-`: every use of 驰名商标 in advertising or packaging copy, with
//! no workspace. Exit 0 when none is found, 1 when some are, 2 when the text (or a page of it)
//! could not be read, so was not checked whole.

use std::io::Read;
use std::path::PathBuf;

use clap::Subcommand;
use terroir_api::wording::{self, WordingCheck};
use terroir_api::{ApiError, core::Violation};

use crate::common::Outcome;
use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum WordingCmd {
    /// Check a .txt, .docx or text-layer .pdf (`-` reads standard input) for the words
    /// 驰名商标 (Trademark Law art. 14(5)), in every disguise a dossier is refused for
    Check {
        /// The file, or `-` for standard input
        file: PathBuf,
    },
}

pub fn run(out: &Out, cmd: WordingCmd) -> Result<Outcome, ApiError> {
    let WordingCmd::Check { file } = cmd;
    let check = if file.as_os_str() == "-" {
        let mut bytes = vec![];
        std::io::stdin()
            .lock()
            .take(wording::MAX_DOCUMENT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ApiError::from(Violation::file_missing(format!("stdin ({e})"))))?;
        wording::check_bytes(&bytes, None)?
    } else {
        wording::check_file(&file)?
    };
    if out.json {
        out.json(&check);
    } else {
        print(out, &check);
    }
    Ok(if !check.complete {
        2
    } else {
        u8::from(!check.findings.is_empty())
    })
}

fn print(out: &Out, check: &WordingCheck) {
    for hit in &check.findings {
        println!(
            "{} {}  “{}”  {}【{}】{}",
            out.message(&hit.place),
            out.message(&hit.position),
            hit.finding.found,
            hit.finding.before,
            hit.finding.found,
            hit.finding.after
        );
        println!("    {}", out.message(&hit.problem.message));
    }
    for gap in &check.unreadable {
        println!(
            "{}  {}",
            out.message(&gap.place),
            out.message(&gap.problem.message)
        );
    }
    let n = check.findings.len();
    println!(
        "{}",
        match (n, check.complete) {
            (0, true) => out
                .t(
                    &format!("已检查 {} 字，未发现“驰名商标”字样", check.chars),
                    &format!("{} characters checked: no use of 驰名商标 found", check.chars),
                )
                .to_owned(),
            (n, true) => out
                .t(
                    &format!("已检查 {} 字，发现 {n} 处“驰名商标”字样", check.chars),
                    &format!("{} characters checked: 驰名商标 found {n} times", check.chars),
                )
                .to_owned(),
            (n, false) => out
                .t(
                    &format!(
                        "检查不完整：{} 处无法读取，未经检查；其余部分发现 {n} 处",
                        check.unreadable.len()
                    ),
                    &format!(
                        "the check is not complete: {} parts could not be read, so were not checked; {n} found in the rest",
                        check.unreadable.len()
                    ),
                )
                .to_owned(),
        }
    );
}

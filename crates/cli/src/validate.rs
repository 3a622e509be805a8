//! `terroir validate`: checking identifiers, with no workspace.

use clap::Subcommand;
use terroir_api::ApiError;
use terroir_api::ops;

use crate::common::Outcome;
use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum ValidateCmd {
    /// Unified social credit codes (GB 32100-2015)
    Uscc {
        #[arg(required = true)]
        codes: Vec<String>,
    },
}

/// Exit 1 when any code is invalid.
pub fn run(out: &Out, cmd: ValidateCmd) -> Result<Outcome, ApiError> {
    let ValidateCmd::Uscc { codes } = cmd;
    let results = ops::validate_uscc(&codes);
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
    Ok(u8::from(results.iter().any(|r| !r.valid)))
}

//! `terroir enterprise`: enterprises, which have only the commands every record kind shares.

use clap::Subcommand;
use terroir_api::core::RecordKind;
use terroir_api::{ApiError, Workspace};

use crate::common::Outcome;
use crate::fields::EnterpriseFields;
use crate::output::Out;
use crate::record::{self, RecordCmd};

#[derive(Debug, Subcommand)]
pub enum EnterpriseCmd {
    #[command(flatten)]
    Record(RecordCmd<EnterpriseFields>),
}

pub fn run(ws: &mut Workspace, out: &Out, cmd: EnterpriseCmd) -> Result<Outcome, ApiError> {
    match cmd {
        EnterpriseCmd::Record(c) => record::run(ws, out, RecordKind::Enterprise, c),
    }
}

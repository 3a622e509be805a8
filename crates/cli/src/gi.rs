//! `terroir gi`: GI products, their records and their photos.

use std::path::PathBuf;

use clap::Subcommand;
use terroir_api::core::RecordKind;
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, Target, done};
use crate::fields::GiFields;
use crate::output::Out;
use crate::record::{self, RecordCmd};

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum GiCmd {
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
    /// The product's yearly statistics (producers, output value, sector, area, e-commerce);
    /// with --year, set that year's (--source required) or --remove it
    Stats(crate::plan::GiStatsArgs),
}

pub fn run(ws: &mut Workspace, out: &Out, cmd: GiCmd) -> Result<Outcome, ApiError> {
    match cmd {
        GiCmd::Record(c) => record::run(ws, out, RecordKind::Gi, c),
        GiCmd::Photo {
            target,
            file,
            caption,
        } => {
            let r = ws.add_photo(&target.record, &file, caption.as_deref())?;
            done(out, &r, out.t("已添加照片", "photo added"));
            Ok(0)
        }
        GiCmd::Stats(a) => crate::plan::gi_stats(ws, out, a),
    }
}

//! `terroir sample` and `terroir gen`: made-up records, the illustrative sample catalogue (added
//! by `init --sample`) and synthetic catalogues for benchmarks.

use clap::{Args, Subcommand};
use terroir_api::core::Violation;
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, progress_bar};
use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum SampleCmd {
    /// Delete every sample record (audited)
    Remove,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    #[arg(long, default_value = "national")]
    scale: String,
    #[arg(long, default_value_t = 2021)]
    seed: u64,
    /// Only GI products, enterprises, trademarks and authorised users (no cases, financing,
    /// zones or targets): the bulk benchmark's baseline
    #[arg(long)]
    catalogue_only: bool,
}

pub fn run(ws: &mut Workspace, out: &Out, cmd: SampleCmd) -> Result<Outcome, ApiError> {
    let SampleCmd::Remove = cmd;
    let n = ws.remove_sample()?;
    if out.json {
        out.json(&serde_json::json!({ "removed": n }));
    } else {
        println!("{} {n}", out.t("已删除示例记录", "sample records removed:"));
    }
    Ok(0)
}

pub fn generate(ws: &mut Workspace, out: &Out, a: GenArgs) -> Result<Outcome, ApiError> {
    let GenArgs {
        scale,
        seed,
        catalogue_only,
    } = a;
    let mut s = terroir_api::generate::Scale::named(&scale).ok_or_else(|| {
        ApiError::from(Violation::enum_value(&scale, "small, national, national-x10").at("scale"))
    })?;
    if catalogue_only {
        s = s.catalogue_only();
    }
    let t = std::time::Instant::now();
    let bar = progress_bar(out, s.total() as u64);
    ws.generate(s, seed, |done, _| bar.set_position(done as u64))?;
    bar.finish_and_clear();
    let secs = t.elapsed().as_secs_f64();
    if out.json {
        out.json(&serde_json::json!({ "scale": scale, "records": s.total(), "seconds": secs }));
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

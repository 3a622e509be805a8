//! `terroir division` and `terroir category`: the reference tables records point into (the
//! GB/T 2260 divisions and the product categories).

use clap::Subcommand;
use terroir_api::{ApiError, Workspace};

use crate::common::Outcome;
use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum DivisionCmd {
    List,
    /// Add (or rename) a division
    Add {
        code: String,
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CategoryCmd {
    List,
}

pub fn division(ws: &mut Workspace, out: &Out, cmd: DivisionCmd) -> Result<Outcome, ApiError> {
    match cmd {
        DivisionCmd::List => {
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
        }
        DivisionCmd::Add { code, name } => {
            ws.put_division(&code, &name)?;
            if !out.json {
                println!("{} {code} {name}", out.t("已添加区划", "division added:"));
            }
        }
    }
    Ok(0)
}

pub fn category(ws: &Workspace, out: &Out, cmd: CategoryCmd) -> Result<Outcome, ApiError> {
    match cmd {
        CategoryCmd::List => {
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
        }
    }
    Ok(0)
}

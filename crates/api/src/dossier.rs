//! Brand-promotion dossiers: assemble a [`DossierView`] from the store and print it, one at a
//! time or in batches. The layout and PDF writing live in terroir-dossier; this module only
//! reads records, so printing never changes the workspace.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use terroir_core::enterprise::Enterprise;
use terroir_core::gi::{GiProduct, Photo, Protection};
use terroir_core::record::{RecordId, RecordKind};
use terroir_core::trademark::{MarkKind, Trademark};
use terroir_core::user::{AuthorisedUser, UserStage};
use terroir_core::{Lang, Violation};
use terroir_dossier::layout::Jpeg;
use terroir_dossier::{AreaView, DossierView, PhotoView, ProtectionView, UserRow};
use terroir_store::records::{self as store, Show};
use terroir_store::{audit, files, tables};

use crate::error::{ApiError, Problem, Result};
use crate::workspace::Workspace;

const ISSUER_KEY: &str = "dossier.issuer";
const ISSUER_CONTACT_KEY: &str = "dossier.issuer_contact";
const QR_KEY: &str = "dossier.qr_template";
/// The QR code's default content: a verification text with the record's code and id.
pub const DEFAULT_QR: &str = "地标品牌库核验：{name}（{code}）记录 {id} 校验 {head}";

/// What every dossier of this workspace prints besides the record: who issues it and what
/// the QR code holds (`{name}`, `{code}`, `{id}` and `{head}` are filled in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DossierSettings {
    pub issuer: Option<String>,
    /// How the public reaches the issuer (phone, address); required with the issuer before a
    /// first print.
    #[serde(default)]
    pub issuer_contact: Option<String>,
    pub qr_template: String,
}

/// What the print page checks before a batch: the settings every dossier needs, and the
/// selected products whose dossier would lack something (信息不全).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DossierCheck {
    /// Products selected.
    pub total: u32,
    /// Settings still missing (`settings_required` at `issuer` / `issuer_contact`): nothing
    /// prints until they are filled in.
    pub settings: Vec<Problem>,
    /// Selected products with gaps, in code order.
    pub incomplete: Vec<Incomplete>,
    /// The codes of the others, for a batch that skips the incomplete ones.
    pub complete: Vec<String>,
}

/// A product whose dossier would print with gaps, and what they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Incomplete {
    pub code: String,
    pub name: String,
    pub gaps: Vec<Problem>,
}

/// One printed dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Printed {
    pub code: String,
    pub name: String,
    /// The file's name, as a clerk is told it (the folder is opened for them, never shown).
    pub file: String,
    pub path: String,
    pub bytes: u64,
    /// Things worth fixing that did not stop printing.
    pub warnings: Vec<Problem>,
}

impl Printed {
    /// Write `pdf` to `path` whole (or not at all) and say what was printed.
    pub(crate) fn write(
        code: String,
        name: String,
        path: &Path,
        pdf: &[u8],
        warnings: Vec<Problem>,
    ) -> Result<Self> {
        write_whole(path, pdf)?;
        Ok(Self::written(code, name, path, pdf.len() as u64, warnings))
    }

    /// What printing `bytes` bytes of record `code` (`name`) to `path` made.
    pub(crate) fn written(
        code: String,
        name: String,
        path: &Path,
        bytes: u64,
        warnings: Vec<Problem>,
    ) -> Self {
        Self {
            code,
            name,
            file: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: path.display().to_string(),
            bytes,
            warnings,
        }
    }
}

/// One dossier a batch could not print, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Refused {
    pub code: String,
    pub name: String,
    pub error: ApiError,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BatchReport {
    pub printed: Vec<Printed>,
    pub refused: Vec<Refused>,
    /// True when the batch was cancelled before the end; what was printed stays.
    pub cancelled: bool,
}

/// Progress of a batch, sent after each dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BatchProgress {
    pub done: u32,
    pub total: u32,
    pub code: String,
}

/// Which GI products a batch prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "select", rename_all = "snake_case")]
pub enum BatchSelection {
    /// Products whose production area lies in this division (a province, city or county code).
    County {
        code: String,
    },
    /// These products, by code or id, in the order given.
    Codes {
        codes: Vec<String>,
    },
    All,
}

impl Workspace {
    pub fn dossier_settings(&self) -> Result<DossierSettings> {
        Ok(DossierSettings {
            issuer: tables::get_meta(&self.conn, ISSUER_KEY)?.filter(|s| !s.is_empty()),
            issuer_contact: tables::get_meta(&self.conn, ISSUER_CONTACT_KEY)?
                .filter(|s| !s.is_empty()),
            qr_template: tables::get_meta(&self.conn, QR_KEY)?
                .unwrap_or_else(|| DEFAULT_QR.to_owned()),
        })
    }

    /// Save the dossier settings; they are checked like dossier text (wording, fonts).
    pub fn set_dossier_settings(&mut self, s: &DossierSettings) -> Result<DossierSettings> {
        let issuer = s.issuer.as_deref().and_then(terroir_core::text::trimmed);
        let contact = s
            .issuer_contact
            .as_deref()
            .and_then(terroir_core::text::trimmed);
        if contact.as_ref().is_some_and(|c| c.chars().count() > 200) {
            return Err(Violation::too_long(200).at("issuer_contact").into());
        }
        let qr = terroir_core::text::trimmed(&s.qr_template).unwrap_or_else(|| DEFAULT_QR.into());
        if qr.chars().count() > 300 {
            return Err(Violation::too_long(300).at("qr_template").into());
        }
        for (field, text) in [
            ("issuer", issuer.as_deref().unwrap_or("")),
            ("issuer_contact", contact.as_deref().unwrap_or("")),
            ("qr_template", &qr),
        ] {
            terroir_core::wording::check_promotion_text(field, text)?;
            terroir_dossier::font::Fonts::get().check(field, text)?;
        }
        let tx = terroir_store::begin(&mut self.conn)?;
        tables::set_meta(&tx, ISSUER_KEY, issuer.as_deref().unwrap_or(""))?;
        tables::set_meta(&tx, ISSUER_CONTACT_KEY, contact.as_deref().unwrap_or(""))?;
        tables::set_meta(&tx, QR_KEY, &qr)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        self.dossier_settings()
    }

    /// Everything one GI product's dossier prints, read from the workspace.
    pub fn dossier_view(&self, gi: &str) -> Result<DossierView> {
        let row = store::require(&self.conn, RecordKind::Gi, gi)?;
        let g: GiProduct = serde_json::from_value(row.data).map_err(ApiError::storage)?;
        let settings = self.dossier_settings()?;
        let head = audit::record_head(&self.conn, &row.id)?.unwrap_or_default();
        let protections = g
            .protections
            .iter()
            .map(|p| self.protection_view(p))
            .collect::<Result<Vec<_>>>()?;
        let (users, users_note) = self.printed_users(&row.id, &g)?;
        let divisions = self.division_labels(&g)?;
        let region = self.region_of(&g)?;
        let photos = g
            .photos
            .iter()
            .map(|p| {
                Ok(PhotoView {
                    jpeg: self.print_copy(p)?,
                    caption: p.caption.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let qr_text = qr_text(&settings.qr_template, &g.name, &row.code, &row.id, &head);
        let gaps = g.dossier_gaps();
        let report_period = terroir_core::vocab::word_or_key(
            "reportPeriod",
            &terroir_core::record::key_of(&self.report_schedule()?.period),
            terroir_core::Lang::Zh,
        );
        Ok(DossierView {
            sample: row.sample,
            users_note,
            report_period,
            record_id: row.id,
            code: row.code,
            name: g.name,
            category: g.category,
            region,
            issuer: settings.issuer,
            issuer_contact: settings.issuer_contact,
            gaps,
            profile: g.profile,
            history: g.history,
            area: AreaView {
                divisions,
                places: g.area.places,
                description: g.area.description,
                centre: g
                    .area
                    .centre
                    .map(|c| (f64::from(c.lon_e6) / 1e6, f64::from(c.lat_e6) / 1e6)),
            },
            quality: g.quality_requirements,
            protections,
            users,
            contact: g.contact,
            photos,
            qr_text,
            printed_on: self.today(),
            audit_head: head,
        })
    }

    /// How one protection of the product prints; a GI mark's with the mark read from the
    /// workspace.
    fn protection_view(&self, p: &Protection) -> Result<ProtectionView> {
        Ok(match p {
            Protection::ProductApproval {
                announcement_no,
                announced_on,
                standard_no,
            } => ProtectionView::ProductApproval {
                announcement_no: announcement_no.clone(),
                announced_on: *announced_on,
                standard_no: standard_no.clone(),
            },
            Protection::GiTrademark {
                mark_kind,
                trademark_id,
            } => self.gi_mark_view(*mark_kind, trademark_id)?,
            Protection::AgriculturalGi {
                certificate_no,
                registered_on,
            } => ProtectionView::AgriculturalGi {
                certificate_no: certificate_no.clone(),
                registered_on: *registered_on,
            },
            Protection::OriginMark {
                announcement_no,
                announced_on,
            } => ProtectionView::OriginMark {
                announcement_no: announcement_no.clone(),
                announced_on: *announced_on,
            },
        })
    }

    /// A GI mark as the dossier prints it: its standing today, registration, classes and
    /// registrant.
    fn gi_mark_view(&self, mark_kind: MarkKind, trademark_id: &RecordId) -> Result<ProtectionView> {
        let tm_row = store::require(&self.conn, RecordKind::Trademark, &trademark_id.to_string())?;
        let tm: Trademark = serde_json::from_value(tm_row.data).map_err(ApiError::storage)?;
        let registrant = store::get(
            &self.conn,
            RecordKind::Enterprise,
            &tm.registrant_id.to_string(),
        )?
        .map(|r| r.name);
        let standing = terroir_core::vocab::word_or_key(
            "standing",
            &terroir_core::record::key_of(&tm.standing_on(self.today(), &self.calendar())),
            Lang::Zh,
        );
        Ok(ProtectionView::GiTrademark {
            standing,
            collective: mark_kind == MarkKind::Collective,
            mark: tm.name,
            reg_no: tm.reg_no.to_string(),
            classes: tm.classes.iter().map(|c| c.get()).collect(),
            registrant,
            registered_on: tm.registered_on,
        })
    }

    /// The product's active users the dossier lists as authorised, by name, and a note on
    /// why the others are left out.
    fn printed_users(&self, gi_id: &str, g: &GiProduct) -> Result<(Vec<UserRow>, Option<String>)> {
        // Users whose basis is gone (the product revoked, the GI mark ended) are not printed
        // as authorised; the dossier says why.
        let basis = crate::workspace::basis_of(&self.conn, g, self.today(), &self.calendar())?;
        let mut users = vec![];
        let mut without_basis: Vec<String> = vec![];
        for u_row in store::list(
            &self.conn,
            RecordKind::User,
            Show::Live,
            Some(("gi_id", gi_id)),
            u32::MAX,
            0,
        )? {
            let u: AuthorisedUser =
                serde_json::from_value(u_row.data).map_err(ApiError::storage)?;
            if u.stage() != UserStage::Active {
                continue;
            }
            if let Some(why) = u.basis_gone(&basis) {
                if !without_basis.contains(&why.zh) {
                    without_basis.push(why.zh);
                }
                continue;
            }
            users.extend(self.user_row(&u)?);
        }
        users.sort_by(|a, b| a.name.cmp(&b.name));
        let note = (!without_basis.is_empty()).then(|| {
            format!(
                "未列出的使用人：{}。",
                without_basis
                    .iter()
                    .map(|w| w.trim_end_matches('。').to_owned())
                    .collect::<Vec<_>>()
                    .join("；")
            )
        });
        Ok((users, note))
    }

    /// A user's line in the dossier: its enterprise's name, credit code and address; none
    /// when the enterprise is gone.
    fn user_row(&self, u: &AuthorisedUser) -> Result<Option<UserRow>> {
        let Some(e_row) = store::get(
            &self.conn,
            RecordKind::Enterprise,
            &u.enterprise_id.to_string(),
        )?
        else {
            return Ok(None);
        };
        let e: Enterprise = serde_json::from_value(e_row.data).map_err(ApiError::storage)?;
        Ok(Some(UserRow {
            name: e.name,
            credit_code: e.credit_code.map(|c| c.to_string()).unwrap_or_default(),
            sample: e_row.sample,
            address: e.address.unwrap_or_default(),
        }))
    }

    /// The production area's divisions as printed: name and code (浉河区（411502）), or the
    /// code alone when the division table lacks it.
    fn division_labels(&self, g: &GiProduct) -> Result<Vec<String>> {
        g.area
            .divisions
            .iter()
            .map(|d| {
                Ok(match tables::division_name(&self.conn, d.as_str())? {
                    Some(n) => format!("{n}（{d}）"),
                    None => d.to_string(),
                })
            })
            .collect()
    }

    /// Province, city and (when there is only one) county of the production area, e.g.
    /// 河南省信阳市.
    fn region_of(&self, g: &GiProduct) -> Result<String> {
        let codes: Vec<&str> = g.area.divisions.iter().map(|d| d.as_str()).collect();
        let Some(first) = codes.first() else {
            return Ok(String::new());
        };
        let mut parts = vec![format!("{}0000", &first[..2])];
        if codes.iter().all(|c| c[..4] == first[..4]) && &first[2..4] != "00" {
            parts.push(format!("{}00", &first[..4]));
            if codes.len() == 1 && &first[4..] != "00" {
                parts.push(first.to_string());
            }
        }
        let mut out = String::new();
        for code in parts {
            if let Some(n) = tables::division_name(&self.conn, &code)?
                && !out.ends_with(&n)
            {
                out.push_str(&n);
            }
        }
        Ok(out)
    }

    /// The photo's print-ready JPEG; photos added before derivatives existed get one made now.
    fn print_copy(&self, p: &Photo) -> Result<Jpeg> {
        let missing = || ApiError::from(Violation::file_missing(&p.original_name));
        if let Some(c) = &p.print {
            let data =
                std::fs::read(files::path_of(&self.files_dir, &c.sha256)).map_err(|_| missing())?;
            return terroir_dossier::photo::inspect_jpeg(data).ok_or_else(missing);
        }
        crate::ops::read_photo(
            &files::path_of(&self.files_dir, &p.sha256),
            &p.original_name,
        )
    }

    /// Print one GI product's dossier as PDF bytes, with the warnings that did not stop it.
    pub fn print_dossier(&self, gi: &str) -> Result<(Vec<u8>, DossierView, Vec<Problem>)> {
        let missing = missing_settings(&self.dossier_settings()?);
        if !missing.is_empty() {
            return Err(terroir_core::error::Violations(missing).into());
        }
        let view = self.dossier_view(gi)?;
        let pdf = terroir_dossier::render(&view).map_err(dossier_error)?;
        let warnings = view.warnings().into_iter().map(Problem::from).collect();
        Ok((pdf, view, warnings))
    }

    /// Print one dossier to a file (written whole or not at all).
    pub fn print_dossier_to(&self, gi: &str, path: &Path) -> Result<Printed> {
        let (pdf, view, warnings) = self.print_dossier(gi)?;
        Printed::write(view.code, view.name, path, &pdf, warnings)
    }

    /// Where previews of `folder` (推介资料, 证据目录) go: under the print folder the desktop
    /// set (its documents folder), else `dossiers/` beside the workspace database, so a clerk
    /// finds what was printed again.
    pub fn print_dir(&self, folder: &str) -> PathBuf {
        match &self.print_dir {
            Some(d) => d.join(folder),
            None => self
                .db_path
                .parent()
                .map(|p| p.join("dossiers"))
                .unwrap_or_else(|| PathBuf::from("dossiers")),
        }
    }

    /// Print one dossier into [`Self::print_dir`] (`推介资料`), for the system viewer.
    pub fn print_dossier_preview(&self, gi: &str) -> Result<Printed> {
        let row = store::require(&self.conn, RecordKind::Gi, gi)?;
        let dir = self.print_dir("推介资料");
        create_dir(&dir)?;
        self.print_dossier_to(&row.id, &dir.join(file_name(&row.code, &row.name)))
    }

    /// The live GI products a batch selects, as (code, name) in code order.
    pub fn batch_selection(&self, selection: &BatchSelection) -> Result<Vec<(String, String)>> {
        Ok(self
            .selected(selection)?
            .into_iter()
            .map(|r| (r.code, r.name))
            .collect())
    }

    /// The rows a batch selects: the codes given, in their order; or the live GI products in
    /// code order, in a division by the lists' division rule (responsible division, else area).
    fn selected(&self, selection: &BatchSelection) -> Result<Vec<store::RecordRow>> {
        let filter = match selection {
            BatchSelection::Codes { codes } => {
                return codes
                    .iter()
                    .map(|c| Ok(store::require(&self.conn, RecordKind::Gi, c)?))
                    .collect();
            }
            BatchSelection::All => store::Filter::default(),
            BatchSelection::County { code } => {
                let d: terroir_core::DivisionCode =
                    code.parse().map_err(|v: Violation| v.at("county"))?;
                store::Filter {
                    division: Some(d.prefix().to_owned()),
                    ..Default::default()
                }
            }
        };
        Ok(store::list_filtered(
            &self.conn,
            RecordKind::Gi,
            Show::Live,
            &filter,
            u32::MAX,
            0,
        )?)
    }

    /// The check before a batch: the settings still missing and the selected products whose
    /// dossier would have gaps.
    pub fn dossier_check(&self, selection: &BatchSelection) -> Result<DossierCheck> {
        let todo = self.selected(selection)?;
        let (mut incomplete, mut complete) = (vec![], vec![]);
        for row in &todo {
            let g: GiProduct = crate::records::decode(row)?;
            let gaps = g.dossier_gaps();
            if gaps.is_empty() {
                complete.push(row.code.clone());
            } else {
                incomplete.push(Incomplete {
                    code: row.code.clone(),
                    name: row.name.clone(),
                    gaps: gaps.into_iter().map(Problem::from).collect(),
                });
            }
        }
        Ok(DossierCheck {
            total: todo.len() as u32,
            settings: missing_settings(&self.dossier_settings()?)
                .into_iter()
                .map(Problem::from)
                .collect(),
            incomplete,
            complete,
        })
    }

    /// Print the selected dossiers into `dir`, one file each (`CODE-NAME.pdf`). A dossier that
    /// cannot be printed is reported and the batch goes on; `progress(done, total)` is called
    /// after each; setting `cancel` stops after the current one.
    pub fn print_batch(
        &self,
        selection: &BatchSelection,
        dir: &Path,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize, &str),
    ) -> Result<BatchReport> {
        let missing = missing_settings(&self.dossier_settings()?);
        if !missing.is_empty() {
            return Err(terroir_core::error::Violations(missing).into());
        }
        let todo = self.batch_selection(selection)?;
        std::fs::create_dir_all(dir).map_err(|e| {
            ApiError::from(Violation::file_missing(format!("{} ({e})", dir.display())))
        })?;
        let mut report = BatchReport::default();
        for (i, (code, name)) in todo.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                report.cancelled = true;
                break;
            }
            let path = dir.join(file_name(code, name));
            match self.print_dossier_to(code, &path) {
                Ok(p) => report.printed.push(p),
                Err(error) => report.refused.push(Refused {
                    code: code.clone(),
                    name: name.clone(),
                    error,
                }),
            }
            progress(i + 1, todo.len(), code);
        }
        Ok(report)
    }
}

/// What the QR code holds: the workspace's template with the record's name, code and id and
/// the start of its audit head filled in.
fn qr_text(template: &str, name: &str, code: &str, id: &str, head: &str) -> String {
    let short_head = head.get(..16).unwrap_or(head);
    template
        .replace("{name}", name)
        .replace("{code}", code)
        .replace("{id}", id)
        .replace("{head}", short_head)
}

/// The settings a dossier cannot be printed without: who issues it and how to reach them.
fn missing_settings(s: &DossierSettings) -> Vec<Violation> {
    [("issuer", &s.issuer), ("issuer_contact", &s.issuer_contact)]
        .into_iter()
        .filter(|(_, v)| v.is_none())
        .map(|(f, _)| Violation::settings_required().at(f))
        .collect()
}

/// `GI-411500-0001-信阳毛尖.pdf`, with characters file systems refuse replaced.
pub fn file_name(code: &str, name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{code}-{clean}.pdf")
}

pub(crate) fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| ApiError::from(Violation::file_missing(format!("{} ({e})", dir.display()))))
}

fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |e: std::io::Error| {
        ApiError::from(Violation::file_missing(format!("{} ({e})", path.display())))
    };
    let tmp: PathBuf = path.with_extension("pdf.part");
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

pub(crate) fn dossier_error(e: terroir_dossier::Error) -> ApiError {
    match e {
        terroir_dossier::Error::Invalid(v) => v.into(),
        terroir_dossier::Error::Internal(m) => ApiError::storage(m),
    }
}

//! The data a brand-promotion dossier prints: assembled by the api crate from the store, read
//! here without any IO.

use chrono::NaiveDate;
use serde::Serialize;
use terroir_core::{CreditCode, Violation};

use crate::layout::Jpeg;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DossierView {
    /// A sample record: every page carries the 示例数据 mark.
    pub sample: bool,
    /// Why some active users are not listed (their basis is gone).
    pub users_note: Option<String>,
    /// How often users report their use, in the bureau's words (每年, 每半年).
    pub report_period: String,
    pub record_id: String,
    pub code: String,
    pub name: String,
    pub category: Option<String>,
    /// Where the product comes from, for the cover (e.g. 河南省信阳市).
    pub region: String,
    /// Who issues the dossier (the bureau's name), printed on the cover.
    pub issuer: Option<String>,
    /// How to reach the issuer (phone, address), printed with its name.
    pub issuer_contact: Option<String>,
    /// What the product's record lacks for a dossier, as core finds it.
    pub gaps: Vec<Violation>,
    /// Product profile: what the product is.
    pub profile: Option<String>,
    pub history: Option<String>,
    pub area: AreaView,
    pub quality: Option<String>,
    pub protections: Vec<ProtectionView>,
    pub users: Vec<UserRow>,
    pub contact: Option<String>,
    /// Print-ready photos; the first is the cover photo.
    pub photos: Vec<PhotoView>,
    /// What the QR code holds (e.g. a verification text with the record id).
    pub qr_text: String,
    pub printed_on: NaiveDate,
    /// Hash of the newest audit entry of the record: what was printed can be checked against
    /// the workspace's history.
    pub audit_head: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AreaView {
    /// Divisions as shown (e.g. "浉河区（411502）").
    pub divisions: Vec<String>,
    pub places: Vec<String>,
    pub description: Option<String>,
    /// Centre of the area (longitude, latitude in degrees).
    pub centre: Option<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "regime", rename_all = "snake_case")]
pub enum ProtectionView {
    ProductApproval {
        announcement_no: String,
        announced_on: Option<NaiveDate>,
        standard_no: Option<String>,
    },
    GiTrademark {
        collective: bool,
        mark: String,
        reg_no: String,
        classes: Vec<u8>,
        registrant: Option<String>,
        registered_on: Option<NaiveDate>,
        /// The mark's standing on the print date, in the vocabulary's words (有效, 续展审查中,
        /// 已注销, 已撤销, 已宣告无效…).
        standing: String,
    },
    AgriculturalGi {
        certificate_no: String,
        registered_on: Option<NaiveDate>,
    },
    /// An origin-mark registration: printed for the record, never a labelling basis.
    OriginMark {
        announcement_no: String,
        announced_on: Option<NaiveDate>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserRow {
    pub name: String,
    pub credit_code: String,
    /// The enterprise is sample data: its credit code is invented and printed as such.
    pub sample: bool,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoView {
    pub jpeg: Jpeg,
    pub caption: Option<String>,
}

impl DossierView {
    /// Every printed text with the name of the field it comes from, for the coverage and
    /// wording checks.
    pub fn text_fields(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = vec![
            ("name".into(), &self.name),
            ("region".into(), &self.region),
            ("qr_text".into(), &self.qr_text),
        ];
        for (field, v) in [
            ("category", &self.category),
            ("issuer", &self.issuer),
            ("issuer_contact", &self.issuer_contact),
            ("profile", &self.profile),
            ("history", &self.history),
            ("area.description", &self.area.description),
            ("quality_requirements", &self.quality),
            ("contact", &self.contact),
        ] {
            if let Some(v) = v {
                out.push((field.into(), v.as_str()));
            }
        }
        for (i, d) in self.area.divisions.iter().enumerate() {
            out.push((format!("area.divisions[{i}]"), d));
        }
        for (i, p) in self.area.places.iter().enumerate() {
            out.push((format!("area.places[{i}]"), p));
        }
        for (i, p) in self.protections.iter().enumerate() {
            let f = |k: &str| format!("protections[{i}].{k}");
            match p {
                ProtectionView::ProductApproval {
                    announcement_no,
                    standard_no,
                    ..
                } => {
                    out.push((f("announcement_no"), announcement_no));
                    if let Some(s) = standard_no {
                        out.push((f("standard_no"), s));
                    }
                }
                ProtectionView::GiTrademark {
                    mark,
                    reg_no,
                    registrant,
                    ..
                } => {
                    out.push((f("trademark.name"), mark));
                    out.push((f("trademark.reg_no"), reg_no));
                    if let Some(r) = registrant {
                        out.push((f("trademark.registrant"), r));
                    }
                }
                ProtectionView::AgriculturalGi { certificate_no, .. } => {
                    out.push((f("certificate_no"), certificate_no));
                }
                ProtectionView::OriginMark {
                    announcement_no, ..
                } => {
                    out.push((f("announcement_no"), announcement_no));
                }
            }
        }
        for (i, u) in self.users.iter().enumerate() {
            out.push((format!("users[{i}].name"), &u.name));
            out.push((format!("users[{i}].credit_code"), &u.credit_code));
            out.push((format!("users[{i}].address"), &u.address));
        }
        for (i, p) in self.photos.iter().enumerate() {
            if let Some(c) = &p.caption {
                out.push((format!("photos[{i}].caption"), c));
            }
        }
        out
    }

    /// Things worth fixing that do not stop printing: the product's gaps (see
    /// `GiProduct::dossier_gaps`: no profile, no photo, nothing users can label with) and a
    /// user without a valid credit code.
    pub fn warnings(&self) -> Vec<Violation> {
        let mut out = self.gaps.clone();
        for (i, u) in self.users.iter().enumerate() {
            if let Err(v) = u.credit_code.parse::<CreditCode>() {
                out.push(v.at(format!("users[{i}].credit_code")));
            }
        }
        out
    }
}

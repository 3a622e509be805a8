//! GI products (地理标志产品) and their protections under the three regimes: GI product approval
//! (产品保护), GI trademark (商标注册, collective or certification mark) and agricultural GI
//! (农产品登记). One product may hold several protections.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::enterprise::known_division;
use crate::error::Violations;
use crate::record::{
    ITEMS_MAX, LINE_MAX, Lookup, NAME_MAX, PHOTOS_MAX, RecordId, RecordKind, TEXT_MAX, at_most,
    enum_value, optional_date, optional_text, required_text, resolve, show_ref,
};
use crate::trademark::MarkKind;
use crate::wording::check_promotion_text;
use crate::{Coordinate, DivisionCode, Violation};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct GiProduct {
    pub name: String,
    /// A row of the user-maintained category table (seeded with GB/T 43583-2023's top classes).
    pub category: Option<String>,
    /// 负责区划: the county or city that catalogues the product. Lists, county batches and
    /// counts go by it; the production area (`area`), printed in dossiers, is a separate fact
    /// and may be unknown.
    #[serde(default)]
    pub responsible: Option<DivisionCode>,
    pub protections: Vec<Protection>,
    pub area: ProductionArea,
    pub quality_requirements: Option<String>,
    /// History and cultural link (关联性).
    pub history: Option<String>,
    pub status_history: Vec<StatusEvent>,
    pub photos: Vec<Photo>,
    pub contact: Option<String>,
    /// What the product is, for the public (产品简介): printed at the head of its dossier.
    pub profile: Option<String>,
    /// The bureau's own remarks (备注): never printed.
    pub notes: Option<String>,
}

impl crate::record::Lifecycle for GiProduct {
    fn take_lifecycle(&mut self, current: &Self) {
        let GiProduct {
            name: _,
            category: _,
            responsible: _,
            protections: _,
            area: _,
            quality_requirements: _,
            history: _,
            status_history: _,
            contact: _,
            profile: _,
            notes: _,
            photos,
        } = current;
        self.photos.clone_from(photos);
    }
    fn lifecycle_problems(&self) -> Violations {
        let mut v = Violations::default();
        check_photos(&mut v, &self.photos);
        v
    }
}

impl GiProduct {
    /// What a brand-promotion dossier of this product would lack (信息不全): no public profile,
    /// no photo, or no protection users can label with (a product standard or announcement
    /// number, or a GI mark's registration). They do not stop printing; the print page lists
    /// them before a batch so the clerk can skip these products or print anyway.
    pub fn dossier_gaps(&self) -> Vec<Violation> {
        let mut out = vec![];
        if self.profile.as_deref().is_none_or(|p| p.trim().is_empty()) {
            out.push(Violation::profile_missing().at("profile"));
        }
        if self.photos.is_empty() {
            out.push(Violation::photo_missing().at("photos"));
        }
        let labelled = self.protections.iter().any(|p| match p {
            Protection::ProductApproval {
                announcement_no,
                standard_no,
                ..
            } => {
                !announcement_no.trim().is_empty()
                    || standard_no.as_deref().is_some_and(|s| !s.trim().is_empty())
            }
            // A GI mark's users label with the mark and its registration number.
            Protection::GiTrademark { .. } => true,
            _ => false,
        });
        if !labelled {
            out.push(Violation::standard_missing().at("protections"));
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "regime", rename_all = "snake_case")]
pub enum Protection {
    /// 地理标志产品保护: approval announcement and product standard.
    ProductApproval {
        announcement_no: String,
        announced_on: Option<NaiveDate>,
        standard_no: Option<String>,
    },
    /// 地理标志商标: a collective or certification mark recorded as a trademark.
    GiTrademark {
        mark_kind: MarkKind,
        trademark_id: RecordId,
    },
    /// 农产品地理标志: Ministry of Agriculture registration certificate.
    AgriculturalGi {
        certificate_no: String,
        registered_on: Option<NaiveDate>,
    },
    /// 原产地标记注册: the AQSIQ origin-mark registration that preceded GI product protection
    /// (e.g. 国家质检总局2002年第87号公告). Kept as what it is: not a GI product approval, and
    /// never a basis for labelling.
    OriginMark {
        announcement_no: String,
        announced_on: Option<NaiveDate>,
    },
}

impl Protection {
    /// The protection as its form shows it, the GI mark by a portable reference.
    pub fn to_input(&self, lookup: &dyn Lookup) -> ProtectionInput {
        match self {
            Protection::ProductApproval {
                announcement_no,
                announced_on,
                standard_no,
            } => ProtectionInput {
                regime: Some(self.regime_key().into()),
                announcement_no: Some(announcement_no.clone()),
                announced_on: announced_on.map(|d| d.to_string()),
                standard_no: standard_no.clone(),
                ..Default::default()
            },
            Protection::GiTrademark {
                mark_kind,
                trademark_id,
            } => ProtectionInput {
                regime: Some(self.regime_key().into()),
                mark_kind: Some(mark_kind.key().into()),
                trademark: Some(show_ref(lookup, RecordKind::Trademark, *trademark_id)),
                ..Default::default()
            },
            Protection::AgriculturalGi {
                certificate_no,
                registered_on,
            } => ProtectionInput {
                regime: Some(self.regime_key().into()),
                certificate_no: Some(certificate_no.clone()),
                registered_on: registered_on.map(|d| d.to_string()),
                ..Default::default()
            },
            Protection::OriginMark {
                announcement_no,
                announced_on,
            } => ProtectionInput {
                regime: Some(self.regime_key().into()),
                announcement_no: Some(announcement_no.clone()),
                announced_on: announced_on.map(|d| d.to_string()),
                ..Default::default()
            },
        }
    }

    pub fn regime_key(&self) -> &'static str {
        match self {
            Self::ProductApproval { .. } => "product_approval",
            Self::GiTrademark { .. } => "gi_trademark",
            Self::AgriculturalGi { .. } => "agricultural_gi",
            Self::OriginMark { .. } => "origin_mark",
        }
    }
}

/// 产地范围: divisions (GB/T 2260) plus townships and villages below them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ProductionArea {
    pub divisions: Vec<DivisionCode>,
    pub places: Vec<String>,
    pub description: Option<String>,
    pub centre: Option<Coordinate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum GiStatus {
    Applied,
    Accepted,
    Preliminary,
    Approved,
    Registered,
    Revoked,
}

const GI_STATUSES: &[&str] = &[
    "applied",
    "accepted",
    "preliminary",
    "approved",
    "registered",
    "revoked",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StatusEvent {
    pub status: GiStatus,
    pub on: NaiveDate,
    pub document_no: Option<String>,
    pub note: Option<String>,
}

/// A photo stored in the workspace's `files/` by content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Photo {
    pub sha256: String,
    pub original_name: String,
    pub caption: Option<String>,
    /// The print-ready JPEG made when the photo was added (≤ 300 dpi at the largest placed
    /// size); dossiers embed it unchanged. Absent on photos added before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub print: Option<PrintCopy>,
}

/// A stored print-ready derivative of a photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PrintCopy {
    pub sha256: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct GiInput {
    pub name: Option<String>,
    pub category: Option<String>,
    /// The division code of the county or city that catalogues the product.
    pub responsible: Option<String>,
    pub protections: Vec<ProtectionInput>,
    pub divisions: Vec<String>,
    pub places: Vec<String>,
    pub area_description: Option<String>,
    pub centre: Option<String>,
    pub quality_requirements: Option<String>,
    pub history: Option<String>,
    pub status_history: Vec<StatusEventInput>,
    pub contact: Option<String>,
    pub profile: Option<String>,
    pub notes: Option<String>,
}

/// One protection as typed; `regime` is `product_approval`, `gi_trademark` or `agricultural_gi`
/// and decides which other fields are read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct ProtectionInput {
    pub regime: Option<String>,
    pub announcement_no: Option<String>,
    pub announced_on: Option<String>,
    pub standard_no: Option<String>,
    pub mark_kind: Option<String>,
    /// Code, id or registration number of the trademark record.
    pub trademark: Option<String>,
    pub certificate_no: Option<String>,
    pub registered_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct StatusEventInput {
    pub status: Option<String>,
    pub on: Option<String>,
    pub document_no: Option<String>,
    pub note: Option<String>,
}

fn req(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

impl ProtectionInput {
    pub fn parse(&self, lookup: &dyn Lookup) -> Result<Protection, Violations> {
        let mut v = Violations::default();
        let regime = v.check("regime", || {
            let allowed = [
                "product_approval",
                "gi_trademark",
                "agricultural_gi",
                "origin_mark",
            ];
            let r = req(&self.regime).trim();
            allowed.iter().copied().find(|a| *a == r).ok_or_else(|| {
                if r.is_empty() {
                    Violation::required()
                } else {
                    Violation::enum_value(r, allowed.join(", "))
                }
            })
        });
        let out = match regime {
            Some("product_approval") => {
                let no = v.check("announcement_no", || {
                    required_text(req(&self.announcement_no), LINE_MAX)
                });
                let on = v.check("announced_on", || {
                    optional_date(self.announced_on.as_deref())
                });
                let std = v.check("standard_no", || {
                    optional_text(self.standard_no.as_deref(), NAME_MAX)
                });
                (no.is_some() && on.is_some() && std.is_some()).then(|| {
                    Protection::ProductApproval {
                        announcement_no: no.unwrap(),
                        announced_on: on.unwrap(),
                        standard_no: std.unwrap(),
                    }
                })
            }
            Some("origin_mark") => {
                let no = v.check("announcement_no", || {
                    required_text(req(&self.announcement_no), LINE_MAX)
                });
                let on = v.check("announced_on", || {
                    optional_date(self.announced_on.as_deref())
                });
                (no.is_some() && on.is_some()).then(|| Protection::OriginMark {
                    announcement_no: no.unwrap(),
                    announced_on: on.unwrap(),
                })
            }
            Some("gi_trademark") => {
                let kind = v.check("mark_kind", || {
                    enum_value::<MarkKind>(req(&self.mark_kind), &["collective", "certification"])
                        .and_then(|k| match k {
                            MarkKind::Ordinary => Err(Violation::enum_value(
                                "ordinary",
                                "collective, certification",
                            )),
                            k => Ok(k),
                        })
                });
                let tm = v.check("trademark", || {
                    resolve(lookup, RecordKind::Trademark, req(&self.trademark))
                });
                (kind.is_some() && tm.is_some()).then(|| Protection::GiTrademark {
                    mark_kind: kind.unwrap(),
                    trademark_id: tm.unwrap(),
                })
            }
            Some(_) => {
                let no = v.check("certificate_no", || {
                    required_text(req(&self.certificate_no), NAME_MAX)
                });
                let on = v.check("registered_on", || {
                    optional_date(self.registered_on.as_deref())
                });
                (no.is_some() && on.is_some()).then(|| Protection::AgriculturalGi {
                    certificate_no: no.unwrap().to_uppercase(),
                    registered_on: on.unwrap(),
                })
            }
            None => None,
        };
        v.finish(|| out.expect("no violations means every part parsed"))
    }
}

impl StatusEventInput {
    pub fn parse(&self) -> Result<StatusEvent, Violations> {
        let mut v = Violations::default();
        let status = v.check("status", || {
            enum_value::<GiStatus>(req(&self.status), GI_STATUSES)
        });
        let on = v.check("on", || crate::date::parse_date(req(&self.on)));
        let document_no = v.check("document_no", || {
            optional_text(self.document_no.as_deref(), LINE_MAX)
        });
        let note = v.check("note", || optional_text(self.note.as_deref(), LINE_MAX));
        v.finish(|| StatusEvent {
            status: status.unwrap(),
            on: on.unwrap(),
            document_no: document_no.unwrap(),
            note: note.unwrap(),
        })
    }
}

fn nested<T>(v: &mut Violations, field: &str, i: usize, r: Result<T, Violations>) -> Option<T> {
    match r {
        Ok(t) => Some(t),
        Err(errs) => {
            for e in errs.0 {
                v.push(e.at(format!("[{i}]")).at(field));
            }
            None
        }
    }
}

/// The photos a GI product carries: at most [`PHOTOS_MAX`], captions one line each and, being
/// printed in the dossier, free of the banned wording. Photos are added through the workspace,
/// so their list is checked whenever the stored product is checked again.
fn check_photos(v: &mut Violations, photos: &[Photo]) {
    v.check("photos", || at_most(photos.len(), PHOTOS_MAX));
    for (i, p) in photos.iter().enumerate() {
        let field = format!("photos[{i}].caption");
        if let Some(c) = p.caption.as_deref() {
            v.check(&field, || optional_text(Some(c), LINE_MAX));
            if let Err(e) = check_promotion_text(&field, c) {
                v.push(e);
            }
        }
        v.check(&format!("photos[{i}].original_name"), || {
            optional_text(Some(&p.original_name), NAME_MAX)
        });
        // Files are stored under their SHA-256: anything else would name another path.
        let hashes = std::iter::once(&p.sha256).chain(p.print.as_ref().map(|c| &c.sha256));
        for sha in hashes {
            if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
                v.push(
                    Violation::bundle_invalid(
                        "照片的 sha256 应为 64 位十六进制 / a photo's sha256 must be 64 hex digits",
                    )
                    .at(format!("photos[{i}]")),
                );
            }
        }
    }
}

impl GiInput {
    /// Parse every field. The product has no photos yet: they are its lifecycle, added through
    /// the workspace, which stores the file (see [`crate::record::Lifecycle`]).
    pub fn parse(&self, lookup: &dyn Lookup) -> Result<GiProduct, Violations> {
        let mut v = Violations::default();
        let name = v.check("name", || required_text(req(&self.name), NAME_MAX));
        let category = v.check("category", || {
            let c = optional_text(self.category.as_deref(), NAME_MAX)?;
            match c {
                Some(c) if !lookup.category_known(&c) => {
                    Err(Violation::reference_missing("产品类别", "category", c))
                }
                c => Ok(c),
            }
        });
        let protections: Vec<_> = self
            .protections
            .iter()
            .enumerate()
            .map(|(i, p)| nested(&mut v, "protections", i, p.parse(lookup)))
            .collect();
        let responsible = v.check("responsible", || {
            crate::enterprise::known_division(self.responsible.as_deref(), lookup)
        });
        let divisions = self.parse_divisions(&mut v, lookup);
        v.check("protections", || at_most(self.protections.len(), ITEMS_MAX));
        v.check("divisions", || at_most(self.divisions.len(), ITEMS_MAX));
        v.check("places", || at_most(self.places.len(), ITEMS_MAX));
        v.check("status_history", || {
            at_most(self.status_history.len(), ITEMS_MAX)
        });
        let places = self.parse_places(&mut v);
        let area_description = v.check("area_description", || {
            optional_text(self.area_description.as_deref(), TEXT_MAX)
        });
        let centre = v.check("centre", || {
            self.centre
                .as_deref()
                .and_then(crate::text::trimmed)
                .map(|c| Coordinate::parse(&c))
                .transpose()
        });
        let quality = v.check("quality_requirements", || {
            optional_text(self.quality_requirements.as_deref(), TEXT_MAX)
        });
        let history = v.check("history", || {
            optional_text(self.history.as_deref(), TEXT_MAX)
        });
        let mut status_history: Vec<_> = self
            .status_history
            .iter()
            .enumerate()
            .map(|(i, s)| nested(&mut v, "status_history", i, s.parse()))
            .collect();
        let contact = v.check("contact", || {
            optional_text(self.contact.as_deref(), LINE_MAX)
        });
        let profile = v.check("profile", || {
            optional_text(self.profile.as_deref(), TEXT_MAX)
        });
        let notes = v.check("notes", || optional_text(self.notes.as_deref(), TEXT_MAX));
        self.check_public_texts(&mut v);
        v.finish(|| {
            let mut events: Vec<StatusEvent> =
                status_history.drain(..).map(Option::unwrap).collect();
            events.sort_by_key(|e| e.on);
            GiProduct {
                name: name.unwrap(),
                category: category.unwrap(),
                responsible: responsible.unwrap(),
                protections: protections.into_iter().map(Option::unwrap).collect(),
                area: ProductionArea {
                    divisions,
                    places,
                    description: area_description.unwrap(),
                    centre: centre.unwrap(),
                },
                quality_requirements: quality.unwrap(),
                history: history.unwrap(),
                status_history: events,
                photos: vec![],
                contact: contact.unwrap(),
                profile: profile.unwrap(),
                notes: notes.unwrap(),
            }
        })
    }

    /// The production area's divisions, each known and listed once.
    fn parse_divisions(&self, v: &mut Violations, lookup: &dyn Lookup) -> Vec<DivisionCode> {
        let mut divisions = Vec::new();
        for (i, d) in self.divisions.iter().enumerate() {
            if let Some(Some(code)) = v.check(&format!("divisions[{i}]"), || {
                let code = known_division(Some(d), lookup)?;
                match code {
                    Some(c) if divisions.contains(&c) => Err(Violation::duplicate_value(&c)),
                    None => Err(Violation::required()),
                    c => Ok(c),
                }
            }) {
                divisions.push(code);
            }
        }
        divisions
    }

    /// The places of the production area, blank ones dropped.
    fn parse_places(&self, v: &mut Violations) -> Vec<String> {
        self.places
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                v.check(&format!("places[{i}]"), || {
                    optional_text(Some(p.as_str()), NAME_MAX)
                })
                .flatten()
            })
            .collect()
    }

    /// The public-facing texts are promotion material (Trademark Law art. 14(5)): the ban holds
    /// when they are saved, not only when a dossier is printed. The notes are the bureau's own
    /// and never printed.
    fn check_public_texts(&self, v: &mut Violations) {
        let public = [
            ("profile", self.profile.as_deref()),
            ("name", self.name.as_deref()),
            ("category", self.category.as_deref()),
            ("area_description", self.area_description.as_deref()),
            ("quality_requirements", self.quality_requirements.as_deref()),
            ("history", self.history.as_deref()),
            ("contact", self.contact.as_deref()),
        ];
        let each_place = self.places.iter().enumerate();
        for e in public
            .into_iter()
            .filter_map(|(f, t)| check_promotion_text(f, t?).err())
            .chain(
                each_place
                    .filter_map(|(i, p)| check_promotion_text(&format!("places[{i}]"), p).err()),
            )
        {
            v.push(e);
        }
    }
}

impl GiProduct {
    pub fn to_input(&self, lookup: &dyn Lookup) -> GiInput {
        GiInput {
            name: Some(self.name.clone()),
            category: self.category.clone(),
            responsible: self.responsible.as_ref().map(ToString::to_string),
            protections: self
                .protections
                .iter()
                .map(|p| p.to_input(lookup))
                .collect(),
            divisions: self
                .area
                .divisions
                .iter()
                .map(ToString::to_string)
                .collect(),
            places: self.area.places.clone(),
            area_description: self.area.description.clone(),
            centre: self.area.centre.map(|c| c.to_string()),
            quality_requirements: self.quality_requirements.clone(),
            history: self.history.clone(),
            status_history: self
                .status_history
                .iter()
                .map(|e| StatusEventInput {
                    status: Some(
                        serde_json::to_value(e.status)
                            .unwrap()
                            .as_str()
                            .unwrap()
                            .into(),
                    ),
                    on: Some(e.on.to_string()),
                    document_no: e.document_no.clone(),
                    note: e.note.clone(),
                })
                .collect(),
            contact: self.contact.clone(),
            profile: self.profile.clone(),
            notes: self.notes.clone(),
        }
    }

    /// The trademarks this product's GI-trademark protections refer to.
    pub fn trademark_ids(&self) -> impl Iterator<Item = RecordId> + '_ {
        self.protections.iter().filter_map(|p| match p {
            Protection::GiTrademark { trademark_id, .. } => Some(*trademark_id),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;

    fn product(protections: serde_json::Value, profile: Option<&str>, photos: usize) -> GiProduct {
        let photos: Vec<_> = (0..photos)
            .map(|i| serde_json::json!({ "sha256": format!("{i:064}"), "original_name": "a.jpg", "caption": null }))
            .collect();
        serde_json::from_value(serde_json::json!({
            "name": "信阳毛尖", "category": null, "protections": protections,
            "area": { "divisions": [], "places": [], "description": null, "centre": null },
            "quality_requirements": null, "history": null, "status_history": [],
            "photos": photos, "contact": null, "profile": profile, "notes": null,
        }))
        .unwrap()
    }

    fn rules(g: &GiProduct) -> Vec<Rule> {
        g.dossier_gaps().into_iter().map(|v| v.rule).collect()
    }

    #[test]
    fn dossier_gaps_name_what_a_dossier_would_lack() {
        let approval = serde_json::json!([{ "regime": "product_approval",
            "announcement_no": "2007年第72号", "announced_on": null, "standard_no": null }]);
        assert!(rules(&product(approval.clone(), Some("绿茶"), 1)).is_empty());
        assert_eq!(
            rules(&product(approval, Some("  "), 0)),
            [Rule::ProfileMissing, Rule::PhotoMissing]
        );
        // An announcement without a number, or only an origin-mark registration: nothing
        // users can label with.
        let blank = serde_json::json!([{ "regime": "product_approval",
            "announcement_no": " ", "announced_on": null, "standard_no": "" },
            { "regime": "origin_mark", "announcement_no": "2002年第87号", "announced_on": null }]);
        assert_eq!(
            rules(&product(blank, Some("绿茶"), 1)),
            [Rule::StandardMissing]
        );
        let mark = serde_json::json!([{ "regime": "gi_trademark", "mark_kind": "certification",
            "trademark_id": "00000000-0000-0000-0000-000000000001" }]);
        assert!(rules(&product(mark, Some("绿茶"), 1)).is_empty());
    }
}

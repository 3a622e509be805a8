//! The GI brand-promotion dossier (地理标志产品品牌推介资料): a cover, then the product's
//! sections flowed by the layout engine, with running headers and footers.

use crate::font::Weight;
use crate::layout::{
    A4, Column, Document, Flow, Item, MM, Page, Rgb, TextStyle, Theme, text_width,
};
use crate::linebreak::break_text;
use crate::qr;
use crate::view::{DossierView, ProtectionView};
use terroir_core::{Lang, vocab};

pub(crate) const ACCENT: Rgb = Rgb::hex(0x1E5B3A);
const ACCENT_LIGHT: Rgb = Rgb::hex(0xE8F0EA);
pub(crate) const GOLD: Rgb = Rgb::hex(0xB08D3C);
pub(crate) const MARGINS: (f32, f32, f32, f32) = (20.0 * MM, 24.0 * MM, 20.0 * MM, 22.0 * MM);

pub(crate) fn theme() -> Theme {
    let body = TextStyle::new(Weight::Regular, 10.5, Rgb::BLACK, 1.75);
    Theme {
        body,
        heading: TextStyle::new(Weight::Bold, 15.0, ACCENT, 1.5),
        table: TextStyle::new(Weight::Regular, 9.0, Rgb::BLACK, 1.5),
        table_head: TextStyle::new(Weight::Bold, 9.0, Rgb::WHITE, 1.5),
        caption: TextStyle::new(Weight::Regular, 9.0, Rgb::GREY, 1.5),
        accent: ACCENT,
        tint: ACCENT_LIGHT,
    }
}

/// 2026年11月28日
pub fn zh_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A date, or nothing (a column of nothing is left out).
fn opt_date(d: Option<chrono::NaiveDate>) -> String {
    d.map(zh_date).unwrap_or_default()
}

/// The regime in the vocabulary's words (as the app and the CLI show it); a GI mark adds
/// whether it is a collective or a certification mark.
pub fn regime_label(p: &ProtectionView) -> String {
    let word = |group: &str, key: &str| vocab::word_or_key(group, key, Lang::Zh);
    match p {
        ProtectionView::ProductApproval { .. } => word("regime", "product_approval"),
        ProtectionView::GiTrademark { collective, .. } => format!(
            "{}（{}）",
            word("regime", "gi_trademark"),
            word(
                "markKind",
                if *collective {
                    "collective"
                } else {
                    "certification"
                }
            )
        ),
        ProtectionView::AgriculturalGi { .. } => word("regime", "agricultural_gi"),
        ProtectionView::OriginMark { .. } => word("regime", "origin_mark"),
    }
}

fn classes(c: &[u8]) -> String {
    c.iter()
        .map(|n| format!("第{n}类"))
        .collect::<Vec<_>>()
        .join("、")
}

/// Lay out the whole dossier.
pub fn layout(v: &DossierView) -> Document {
    let mut flow = Flow::new(
        theme(),
        MARGINS,
        format!("{} · 地理标志产品品牌推介资料", v.name),
    );
    let images: Vec<usize> = v
        .photos
        .iter()
        .map(|p| flow.add_image(p.jpeg.clone()))
        .collect();
    cover(&mut flow, v, images.first().copied());
    flow.new_page();
    let standards = product_standards(v);
    overview(&mut flow, v, &standards);
    if let Some(h) = &v.history {
        flow.heading("历史渊源与人文关联");
        flow.paragraph(h, true);
    }
    production_area(&mut flow, v);
    quality(&mut flow, v, &standards);
    protections(&mut flow, v);
    users(&mut flow, v);
    flow.heading("专用标志使用规范");
    for (i, rule) in labelling_rules(v).iter().enumerate() {
        flow.paragraph(&format!("{}. {rule}", i + 1), false);
    }
    if images.len() > 1 {
        flow.heading("产品图片");
        for (img, photo) in images.iter().zip(&v.photos).skip(1) {
            flow.image(*img, flow.measure(), 110.0 * MM, photo.caption.as_deref());
        }
    }
    contacts(&mut flow, v);
    let header = format!("{} · 地理标志产品品牌推介资料", v.name);
    finish(
        flow,
        &header,
        v.issuer.as_deref(),
        v.printed_on,
        &v.audit_head,
        v.sample,
    )
}

/// The standards of the product's approvals.
fn product_standards(v: &DossierView) -> Vec<&str> {
    v.protections
        .iter()
        .filter_map(|p| match p {
            ProtectionView::ProductApproval { standard_no, .. } => standard_no.as_deref(),
            _ => None,
        })
        .collect()
}

/// 产品概况: the product's facts on record, then its profile.
fn overview(flow: &mut Flow, v: &DossierView, standards: &[&str]) {
    flow.heading("产品概况");
    let mut facts = vec![("产品名称".to_string(), v.name.clone())];
    if let Some(c) = &v.category {
        facts.push(("产品类别".into(), c.clone()));
    }
    // What is not on record is left out, never printed as a gap.
    if !v.region.is_empty() {
        facts.push(("产地".into(), v.region.clone()));
    }
    if !v.protections.is_empty() {
        facts.push((
            "保护方式".into(),
            v.protections
                .iter()
                .map(regime_label)
                .collect::<Vec<_>>()
                .join("；"),
        ));
    }
    if !standards.is_empty() {
        facts.push(("产品标准".into(), standards.join("；")));
    }
    if !v.users.is_empty() {
        facts.push(("授权使用人".into(), format!("{} 家", v.users.len())));
    }
    flow.facts(&facts);
    if let Some(p) = &v.profile {
        flow.space(8.0);
        flow.paragraph(p, true);
    }
}

/// 产地范围: the area's divisions, places and centre (with a locator map), and its
/// description; the region alone when nothing else is on record.
fn production_area(flow: &mut Flow, v: &DossierView) {
    let mut area = vec![];
    if !v.area.divisions.is_empty() {
        area.push(("行政区划".to_string(), v.area.divisions.join("、")));
    }
    if !v.area.places.is_empty() {
        area.push(("乡镇村".to_string(), v.area.places.join("、")));
    }
    if let Some((lon, lat)) = v.area.centre {
        area.push((
            "产地中心".to_string(),
            format!("东经 {lon:.4}°，北纬 {lat:.4}°"),
        ));
    }
    if area.is_empty() && !v.region.is_empty() {
        area.push(("产地".into(), v.region.clone()));
    }
    if !area.is_empty() || v.area.description.is_some() {
        flow.heading("产地范围");
    }
    if !area.is_empty() {
        flow.facts(&area);
    }
    if let Some(d) = &v.area.description {
        flow.space(8.0);
        flow.paragraph(d, true);
    }
    if let Some(centre) = v.area.centre {
        flow.space(10.0);
        flow.drawing(62.0 * MM, |page, x, y, w| {
            locator_map(page, x, y, w, centre)
        });
    }
}

/// 质量特色与标准: the quality requirements and the standards applied.
fn quality(flow: &mut Flow, v: &DossierView, standards: &[&str]) {
    if v.quality.is_some() || !standards.is_empty() {
        flow.heading("质量特色与标准");
        if let Some(q) = &v.quality {
            flow.paragraph(q, true);
        }
        if !standards.is_empty() {
            flow.paragraph(&format!("执行标准：{}。", standards.join("；")), false);
        }
    }
}

/// 保护情况: a row per protection.
fn protections(flow: &mut Flow, v: &DossierView) {
    if v.protections.is_empty() {
        return;
    }
    flow.heading("保护情况");
    let mut cols = vec![
        col("保护方式", 3.0),
        col("公告号／注册号／证书号", 3.6),
        col("日期", 2.0),
        col("说明", 3.4),
    ];
    let mut rows: Vec<Vec<String>> = v.protections.iter().map(protection_row).collect();
    // A column no row fills is left out.
    if rows.iter().all(|r| r[2].is_empty()) {
        cols.remove(2);
        rows.iter_mut().for_each(|r| {
            r.remove(2);
        });
    }
    flow.table(&cols, &rows);
}

/// 授权使用人: why some users are not listed, then the listed ones by name.
fn users(flow: &mut Flow, v: &DossierView) {
    if v.users_note.is_some() || !v.users.is_empty() {
        flow.heading("授权使用人");
    }
    if let Some(note) = &v.users_note {
        flow.paragraph(note, false);
    }
    if v.users.is_empty() {
        return;
    }
    flow.paragraph(
        &format!(
            "以下 {} 家使用人经核准使用地理标志专用标志，按名称排列。",
            v.users.len()
        ),
        false,
    );
    let cols = [
        col("序号", 0.8),
        col("使用人名称", 3.6),
        col("统一社会信用代码", 3.2),
        col("地址", 4.4),
    ];
    let rows: Vec<Vec<String>> = v
        .users
        .iter()
        .enumerate()
        .map(|(i, u)| {
            vec![
                (i + 1).to_string(),
                u.name.clone(),
                if u.sample && !u.credit_code.is_empty() {
                    format!("{}（示例）", u.credit_code)
                } else {
                    u.credit_code.clone()
                },
                u.address.clone(),
            ]
        })
        .collect();
    flow.table(&cols, &rows);
}

/// 联系方式 (or 资料核验): the contacts when the bureau gave them; the check code always.
fn contacts(flow: &mut Flow, v: &DossierView) {
    flow.heading(if v.contact.is_some() || v.issuer.is_some() {
        "联系方式"
    } else {
        "资料核验"
    });
    if let Some(c) = &v.contact {
        flow.paragraph(c, false);
    }
    if let Some(i) = &v.issuer {
        flow.paragraph(&format!("发布单位：{i}"), false);
    }
    if let Some(c) = &v.issuer_contact {
        flow.paragraph(&format!("联系方式：{c}"), false);
    }
    let qr_text = v.qr_text.clone();
    let caption = flow.theme.caption;
    flow.space(6.0);
    flow.drawing(36.0 * MM, move |page, x, y, _w| {
        let size = 32.0 * MM;
        qr::draw(page, x, y, size, &qr_text);
        let lines = break_text(&qr_text, caption.weight, caption.size, 95.0 * MM, 0.0);
        page.text(
            x + size + 6.0,
            y + 6.0,
            TextStyle {
                weight: Weight::Bold,
                ..caption
            },
            "扫码核验本资料",
        );
        page.lines(
            x + size + 6.0,
            y + 6.0 + caption.line_height(),
            caption,
            &lines,
            95.0 * MM,
            false,
        );
    });
}

/// The flowed pages with the running header (`header` names the document; from page 2) and
/// the footer every page carries: the page number, the print date and the record's audit head;
/// a sample record's pages all carry the 示例数据 mark.
pub(crate) fn finish(
    flow: Flow,
    header: &str,
    issuer: Option<&str>,
    printed_on: chrono::NaiveDate,
    audit_head: &str,
    sample: bool,
) -> Document {
    let right = format!(
        "打印日期 {} · 记录校验 {}",
        zh_date(printed_on),
        short_hash(audit_head)
    );
    // The footer names who issues the document, then the program.
    let left = issuer.map_or_else(
        || "地标品牌库 Terroir".to_owned(),
        |i| format!("{i} · 地标品牌库"),
    );
    flow.finish(|page, n, count| {
        decorate(page, n, count, header, &left, &right);
        if sample {
            sample_mark(page);
        }
    })
}

pub(crate) fn col(title: &str, share: f32) -> Column {
    Column {
        title: title.into(),
        share,
    }
}

fn short_hash(h: &str) -> &str {
    h.get(..16).unwrap_or(h)
}

fn protection_row(p: &ProtectionView) -> Vec<String> {
    let label = regime_label(p);
    match p {
        ProtectionView::ProductApproval {
            announcement_no,
            announced_on,
            standard_no,
        } => vec![
            label,
            announcement_no.clone(),
            opt_date(*announced_on),
            standard_no
                .as_ref()
                .map(|s| format!("产品标准 {s}"))
                .unwrap_or_else(|| "未登记产品标准".into()),
        ],
        ProtectionView::GiTrademark {
            mark,
            reg_no,
            classes: c,
            registrant,
            registered_on,
            standing,
            ..
        } => vec![
            label,
            format!("注册号 {reg_no}"),
            opt_date(*registered_on),
            format!(
                "“{mark}”，{}{}；{standing}",
                classes(c),
                registrant
                    .as_ref()
                    .map(|r| format!("，注册人 {r}"))
                    .unwrap_or_default()
            ),
        ],
        ProtectionView::AgriculturalGi {
            certificate_no,
            registered_on,
        } => vec![
            label,
            format!("证书编号 {certificate_no}"),
            opt_date(*registered_on),
            "农业农村部登记".into(),
        ],
        ProtectionView::OriginMark {
            announcement_no,
            announced_on,
        } => vec![
            label,
            announcement_no.clone(),
            opt_date(*announced_on),
            "原国家质检总局原产地标记注册，不是地理标志产品保护批准，不作为标注依据".into(),
        ],
    }
}

/// How authorised users label their products, from the special-mark rules.
fn labelling_rules(v: &DossierView) -> Vec<String> {
    let mut out = vec![];
    for p in &v.protections {
        match p {
            ProtectionView::ProductApproval {
                announcement_no,
                standard_no,
                ..
            } => out.push(format!(
                "地理标志产品：在产品或包装上使用地理标志专用标志，同时标注产品名称“{}”和{}。",
                v.name,
                match standard_no {
                    Some(s) => format!("产品标准号 {s}（或公告号 {announcement_no}）"),
                    None => format!("公告号 {announcement_no}"),
                }
            )),
            ProtectionView::GiTrademark { mark, reg_no, .. } => out.push(format!(
                "地理标志商标：使用地理标志专用标志，同时标注商标“{mark}”及其注册号 {reg_no}。"
            )),
            ProtectionView::AgriculturalGi { .. } | ProtectionView::OriginMark { .. } => {}
        }
    }
    out.push("使用人的统一社会信用代码印制在专用标志的指定位置。".into());
    out.push(format!(
        "使用人应按产品标准组织生产，并按所在地知识产权管理部门规定的周期（{}）定期报送专用标志使用情况。",
        v.report_period
    ));
    out.push("产品包装和电子商务页面可使用二维码，便于消费者追溯与核验。".into());
    out
}

/// The cover: the masthead, the product's name and region, its photo, its protections at a
/// glance, and the issuer, date and QR code at the foot.
fn cover(flow: &mut Flow, v: &DossierView, hero: Option<usize>) {
    let hero_dims = hero.map(|i| {
        let img = &flow.doc.images[i];
        (img.width as f32, img.height as f32)
    });
    let page: &mut Page = flow.current_page();
    cover_masthead(page);
    let y = cover_title(page, v);
    let y = cover_photo(page, v, hero.zip(hero_dims), y) + 8.0 * MM;
    cover_protections(page, v, y);
    cover_foot(page, v);
}

/// The small grey type of the cover's masthead and foot.
const COVER_SMALL: TextStyle = TextStyle::new(Weight::Regular, 10.0, Rgb::GREY, 1.4);

/// The accent and gold bands across the top, and what the document is.
fn cover_masthead(page: &mut Page) {
    let (w, _) = A4;
    let left = MARGINS.0;
    page.fill(0.0, 0.0, w, 10.0 * MM, ACCENT);
    page.fill(0.0, 10.0 * MM, w, 1.2 * MM, GOLD);
    let small = COVER_SMALL;
    page.text(left, 22.0 * MM, small, "地理标志产品 · 品牌推介资料");
    page.text(
        left,
        22.0 * MM + small.line_height(),
        TextStyle { size: 8.0, ..small },
        "Geographical Indication · Brand-Promotion Dossier",
    );
}

/// The product's name, as large as fits, and its region and category; returns where the
/// next item starts.
fn cover_title(page: &mut Page, v: &DossierView) -> f32 {
    let left = MARGINS.0;
    let measure = A4.0 - MARGINS.0 - MARGINS.2;
    let mut title = TextStyle::new(Weight::Bold, 34.0, ACCENT, 1.3);
    while text_width(title, &v.name) > measure && title.size > 16.0 {
        title.size -= 2.0;
    }
    let title_lines = break_text(&v.name, title.weight, title.size, measure, 0.0);
    let mut y = 36.0 * MM;
    page.lines(left, y, title, &title_lines, measure, false);
    y += title_lines.len() as f32 * title.line_height() + 2.0;
    let sub = TextStyle::new(Weight::Regular, 13.0, Rgb::BLACK, 1.5);
    let subtitle = [Some(v.region.as_str()), v.category.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    page.text(left, y, sub, subtitle);
    y += sub.line_height() + 6.0 * MM;
    y
}

/// The first photo (`hero`: its image and its width and height) fitted to the cover's box at
/// `y`, with its caption; a quiet panel with the name when there is none. Returns where the
/// next item starts.
fn cover_photo(page: &mut Page, v: &DossierView, hero: Option<(usize, (f32, f32))>, y: f32) -> f32 {
    let left = MARGINS.0;
    let measure = A4.0 - MARGINS.0 - MARGINS.2;
    let photo_box = (measure, 112.0 * MM);
    let mut y = y;
    match hero {
        Some((i, (iw, ih))) => {
            let mut pw = photo_box.0;
            let mut ph = pw * ih / iw;
            if ph > photo_box.1 {
                ph = photo_box.1;
                pw = ph * iw / ih;
            }
            let x = left + (measure - pw) / 2.0;
            page.items.push(Item::Image {
                x,
                y,
                w: pw,
                h: ph,
                image: i,
            });
            y += ph;
            if let Some(c) = v.photos.first().and_then(|p| p.caption.as_deref()) {
                let cap = TextStyle::new(Weight::Regular, 9.0, Rgb::GREY, 1.5);
                page.text(left + (measure - text_width(cap, c)) / 2.0, y + 3.0, cap, c);
                y += cap.line_height() + 3.0;
            }
        }
        None => {
            // No photo yet: a quiet panel with the product's name instead of an empty hole.
            page.fill(left, y, measure, 60.0 * MM, ACCENT_LIGHT);
            let big = TextStyle::new(Weight::Bold, 22.0, ACCENT, 1.3);
            let tw = text_width(big, &v.name).min(measure);
            page.text(
                left + (measure - tw) / 2.0,
                y + 24.0 * MM,
                big,
                v.name.clone(),
            );
            y += 60.0 * MM;
        }
    }
    y
}

/// The first four protections at a glance from `y`: regime and number.
fn cover_protections(page: &mut Page, v: &DossierView, y: f32) {
    let left = MARGINS.0;
    let measure = A4.0 - MARGINS.0 - MARGINS.2;
    let label = TextStyle::new(Weight::Bold, 10.5, ACCENT, 1.7);
    let body = TextStyle::new(Weight::Regular, 10.5, Rgb::BLACK, 1.7);
    let mut y = y;
    for p in v.protections.iter().take(4) {
        let number = match p {
            ProtectionView::ProductApproval {
                announcement_no, ..
            } => announcement_no.clone(),
            ProtectionView::GiTrademark { reg_no, .. } => format!("商标注册号 {reg_no}"),
            ProtectionView::AgriculturalGi { certificate_no, .. } => {
                format!("证书编号 {certificate_no}")
            }
            ProtectionView::OriginMark {
                announcement_no, ..
            } => announcement_no.clone(),
        };
        page.fill(left, y + 5.0, 2.5, 2.5 + body.size * 0.6, GOLD);
        let regime = regime_label(p);
        page.text(left + 8.0, y, label, &regime);
        let lw = text_width(label, &regime);
        let rest = measure - lw - 16.0 - 36.0 * MM;
        let lines = break_text(&number, body.weight, body.size, rest, 0.0);
        page.lines(left + 8.0 + lw + 8.0, y, body, &lines, rest, false);
        y += lines.len().max(1) as f32 * body.line_height();
    }
}

/// Issuer and date at the foot, QR code to the right.
fn cover_foot(page: &mut Page, v: &DossierView) {
    let (w, h) = A4;
    let left = MARGINS.0;
    let small = COVER_SMALL;
    let qr_size = 30.0 * MM;
    let foot = h - MARGINS.3 - qr_size;
    qr::draw(page, w - MARGINS.2 - qr_size, foot, qr_size, &v.qr_text);
    let issuer = TextStyle::new(Weight::Bold, 12.0, Rgb::BLACK, 1.5);
    let mut fy = foot + qr_size - 2.0 * small.line_height() - 4.0;
    if let Some(i) = &v.issuer {
        fy -= issuer.line_height();
        page.text(left, fy, issuer, i.clone());
        fy += issuer.line_height();
    }
    page.text(left, fy, small, zh_date(v.printed_on));
    page.text(
        left,
        fy + small.line_height(),
        small,
        "扫描右侧二维码核验资料内容",
    );
}

/// 示例数据: a boxed mark in the top margin of every page of a sample record's document, so a
/// printed page can never pass for a real one.
fn sample_mark(page: &mut Page) {
    let (w, _) = A4;
    let style = TextStyle::new(Weight::Bold, 11.0, SAMPLE_RED, 1.3);
    let text = "示例数据 · 非真实记录";
    let tw = text_width(style, text);
    let (x, y) = (w - MARGINS.2 - tw - 8.0, 6.0 * MM);
    page.items.push(Item::Rect {
        x,
        y,
        w: tw + 8.0,
        h: style.line_height() + 4.0,
        // White behind it: the cover's band is dark.
        fill: Some(Rgb(1.0, 1.0, 1.0)),
        stroke: Some((SAMPLE_RED, 1.0)),
    });
    page.text(x + 4.0, y + 2.0, style, text);
}

const SAMPLE_RED: Rgb = Rgb(0.75, 0.12, 0.12);

fn decorate(page: &mut Page, n: usize, count: usize, header: &str, left: &str, right: &str) {
    let (w, h) = A4;
    let (l, r) = (MARGINS.0, w - MARGINS.2);
    let small = TextStyle::new(Weight::Regular, 8.0, Rgb::GREY, 1.3);
    if n > 1 {
        let y = MARGINS.1 - 12.0 * MM;
        page.text(l, y, small, header.to_string());
        page.fill(r - 18.0, y + 2.0, 18.0, 3.0, ACCENT);
        page.rule(
            (l, y + small.line_height() + 2.0),
            (r, y + small.line_height() + 2.0),
            Rgb::RULE,
            0.5,
        );
    }
    let y = h - MARGINS.3 + 8.0 * MM;
    page.rule((l, y - 3.0), (r, y - 3.0), Rgb::RULE, 0.5);
    let centre = format!("第 {n} 页 / 共 {count} 页");
    page.text(l, y, small, left.to_owned());
    page.text((w - text_width(small, &centre)) / 2.0, y, small, centre);
    page.text(r - text_width(small, right), y, small, right.to_string());
}

/// A locator: the production area's centre within China's extent, on a 10° graticule.
fn locator_map(page: &mut Page, x: f32, y: f32, width: f32, (lon, lat): (f64, f64)) {
    let (lon0, lon1, lat0, lat1) = (73.0f64, 136.0f64, 17.0f64, 54.0f64);
    let h = 56.0 * MM;
    let w = (h as f64 * (lon1 - lon0) / (lat1 - lat0) * 0.82) as f32;
    let px = |lo: f64| x + ((lo - lon0) / (lon1 - lon0)) as f32 * w;
    let py = |la: f64| y + ((lat1 - la) / (lat1 - lat0)) as f32 * h;
    page.items.push(Item::Rect {
        x,
        y,
        w,
        h,
        fill: Some(ACCENT_LIGHT),
        stroke: Some((ACCENT, 0.8)),
    });
    let label = TextStyle::new(Weight::Regular, 7.0, Rgb::GREY, 1.2);
    for lo in (80..=130).step_by(10) {
        let gx = px(f64::from(lo));
        page.rule((gx, y), (gx, y + h), Rgb::RULE, 0.4);
        page.text(gx - 8.0, y + h + 1.0, label, format!("{lo}°E"));
    }
    for la in (20..=50).step_by(10) {
        let gy = py(f64::from(la));
        page.rule((x, gy), (x + w, gy), Rgb::RULE, 0.4);
        page.text(x + w + 2.0, gy - 4.0, label, format!("{la}°N"));
    }
    let inside = (lon0..=lon1).contains(&lon) && (lat0..=lat1).contains(&lat);
    if inside {
        let (cx, cy) = (px(lon), py(lat));
        page.rule((cx - 9.0, cy), (cx + 9.0, cy), Rgb::hex(0xB3261E), 0.6);
        page.rule((cx, cy - 9.0), (cx, cy + 9.0), Rgb::hex(0xB3261E), 0.6);
        page.items.push(Item::Circle {
            centre: (cx, cy),
            r: 3.2,
            fill: Rgb::hex(0xB3261E),
        });
    }
    let text = TextStyle::new(Weight::Regular, 9.0, Rgb::BLACK, 1.6);
    let bold = TextStyle {
        weight: Weight::Bold,
        ..text
    };
    let tx = x + w + 28.0;
    if tx + 60.0 < x + width {
        page.text(tx, y, bold, "产地位置示意");
        page.text(tx, y + text.line_height(), text, format!("东经 {lon:.2}°"));
        page.text(
            tx,
            y + 2.0 * text.line_height(),
            text,
            format!("北纬 {lat:.2}°"),
        );
        page.text(
            tx,
            y + 3.5 * text.line_height(),
            TextStyle {
                color: Rgb::GREY,
                size: 8.0,
                ..text
            },
            "示意图，仅标出产地中心位置",
        );
    }
}

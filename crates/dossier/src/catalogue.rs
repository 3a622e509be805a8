//! The evidence catalogue (证据目录) of a well-known-mark candidate: a cover page, then the
//! exhibits numbered in order and grouped by the Trademark Law art. 14 factor they support,
//! with title, source, period, what each proves, page count and page range in the evidence file.
//!
//! Flowed by the same layout engine as the dossier. Unlike a promotion dossier, an evidence file
//! for a recognition case may name 驰名商标: only the fonts are checked.

use chrono::NaiveDate;
use serde::Serialize;

use crate::font::{Fonts, Weight};
use crate::layout::{A4, Document, Flow, MM, Rgb, TextStyle, text_width};
use crate::linebreak::break_text;
use crate::template::{ACCENT, GOLD, MARGINS, col, finish, theme, zh_date};
use crate::{Result, pdf};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogueView {
    /// A sample record: every page carries the 示例数据 mark.
    pub sample: bool,
    pub mark: String,
    /// 注册号 and classes, e.g. `注册号 1234567，第30类`; `None` for an unregistered mark.
    pub registration: Option<String>,
    pub enterprise: String,
    pub credit_code: Option<String>,
    pub printed_on: NaiveDate,
    pub audit_head: String,
    pub issuer: Option<String>,
    /// In printing order: grouped by factor, each group in order.
    pub exhibits: Vec<ExhibitRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExhibitRow {
    /// The heading of the art. 14 paragraph the exhibit belongs to.
    pub group: String,
    pub title: String,
    pub source: String,
    pub period: String,
    /// What it proves.
    pub proves: String,
    pub pages: Option<u32>,
}

/// Exhibit numbers and page ranges as printed: ranges run on through the evidence file; after
/// an exhibit whose pages are unknown the later ranges cannot be given.
pub fn page_ranges(exhibits: &[ExhibitRow]) -> Vec<Option<(u32, u32)>> {
    let mut next = Some(1u32);
    exhibits
        .iter()
        .map(|e| match (next, e.pages) {
            (Some(start), Some(n)) if n > 0 => {
                next = Some(start + n);
                Some((start, start + n - 1))
            }
            _ => {
                next = None;
                None
            }
        })
        .collect()
}

impl CatalogueView {
    fn text_fields(&self) -> Vec<(String, &str)> {
        let mut out = vec![
            ("mark".to_string(), self.mark.as_str()),
            ("enterprise".into(), self.enterprise.as_str()),
        ];
        if let Some(r) = &self.registration {
            out.push(("registration".into(), r));
        }
        if let Some(i) = &self.issuer {
            out.push(("issuer".into(), i));
        }
        for (i, e) in self.exhibits.iter().enumerate() {
            for (f, t) in [
                ("title", &e.title),
                ("source", &e.source),
                ("period", &e.period),
                ("proves", &e.proves),
            ] {
                out.push((format!("exhibits[{i}].{f}"), t.as_str()));
            }
        }
        out
    }
}

/// Print an evidence catalogue.
pub fn render(v: &CatalogueView) -> Result<Vec<u8>> {
    let fonts = Fonts::get();
    for (field, text) in v.text_fields() {
        fonts.check(&field, text)?;
    }
    pdf::write(&layout(v))
}

pub fn layout(v: &CatalogueView) -> Document {
    let mut flow = Flow::new(theme(), MARGINS, format!("{} · 证据目录", v.mark));
    cover(&mut flow, v);
    flow.new_page();
    let ranges = page_ranges(&v.exhibits);
    let columns = [
        col("序号", 0.7),
        col("证据名称", 2.45),
        col("来源", 1.6),
        col("期间", 1.3),
        col("证明内容", 1.8),
        col("页数", 0.7),
        col("页码", 1.25),
    ];
    let mut i = 0;
    while i < v.exhibits.len() {
        let group = &v.exhibits[i].group;
        let end = v.exhibits[i..]
            .iter()
            .position(|e| &e.group != group)
            .map_or(v.exhibits.len(), |n| i + n);
        flow.heading(group.clone());
        let rows: Vec<Vec<String>> = (i..end)
            .map(|k| {
                let e = &v.exhibits[k];
                vec![
                    format!("证据{}", k + 1),
                    e.title.clone(),
                    e.source.clone(),
                    e.period.clone(),
                    e.proves.clone(),
                    e.pages.map_or("—".into(), |n| n.to_string()),
                    ranges[k].map_or("—".into(), |(a, b)| {
                        if a == b {
                            format!("第{a}页")
                        } else {
                            format!("第{a}–{b}页")
                        }
                    }),
                ]
            })
            .collect();
        flow.table(&columns, &rows);
        flow.space(6.0);
        i = end;
    }
    if v.exhibits.is_empty() {
        flow.paragraph("尚未登记证据。", false);
    }
    if ranges.iter().any(Option::is_none) && !v.exhibits.is_empty() {
        flow.space(6.0);
        let note = TextStyle::new(Weight::Regular, 9.0, Rgb::GREY, 1.5);
        flow.paragraph_styled(
            "注：标“—”的证据尚无附件或页数未知，其后的页码待补齐附件后重新打印。",
            note,
            false,
            false,
        );
    }
    let header = format!("{} · 驰名商标认定证据目录", v.mark);
    finish(flow, &header, None, v.printed_on, &v.audit_head, v.sample)
}

fn cover(flow: &mut Flow, v: &CatalogueView) {
    let (w, h) = A4;
    let left = MARGINS.0;
    let measure = w - MARGINS.0 - MARGINS.2;
    let page = flow.current_page();
    page.fill(0.0, 0.0, w, 10.0 * MM, ACCENT);
    page.fill(0.0, 10.0 * MM, w, 1.2 * MM, GOLD);
    let small = TextStyle::new(Weight::Regular, 10.0, Rgb::GREY, 1.4);
    page.text(left, 22.0 * MM, small, "驰名商标认定 · 证据材料");
    page.text(
        left,
        22.0 * MM + small.line_height(),
        TextStyle { size: 8.0, ..small },
        "Well-known trademark recognition · Evidence",
    );
    let title = TextStyle::new(Weight::Bold, 40.0, ACCENT, 1.3);
    let mut y = 60.0 * MM;
    page.text(
        left + (measure - text_width(title, "证据目录")) / 2.0,
        y,
        title,
        "证据目录",
    );
    y += title.line_height() + 4.0 * MM;
    let mark = TextStyle::new(Weight::Bold, 18.0, Rgb::BLACK, 1.5);
    let mark_text = format!("商标：{}", v.mark);
    let lines = break_text(&mark_text, mark.weight, mark.size, measure, 0.0);
    for l in &lines {
        let tw = text_width(mark, &l.text);
        page.text(left + (measure - tw) / 2.0, y, mark, l.text.clone());
        y += mark.line_height();
    }
    y += 14.0 * MM;
    let label = TextStyle::new(Weight::Bold, 11.0, ACCENT, 1.9);
    let body = TextStyle::new(Weight::Regular, 11.0, Rgb::BLACK, 1.9);
    let total_pages: Option<u32> = v.exhibits.iter().map(|e| e.pages).sum();
    let mut facts = vec![("申请人", v.enterprise.clone())];
    if let Some(c) = &v.credit_code {
        facts.push(("统一社会信用代码", c.clone()));
    }
    facts.push((
        "商标注册",
        v.registration
            .clone()
            .unwrap_or_else(|| "未注册商标".into()),
    ));
    facts.push(("证据数量", format!("{} 份", v.exhibits.len())));
    facts.push((
        "证据页数",
        total_pages.map_or("部分证据页数未知".into(), |n| format!("共 {n} 页")),
    ));
    let label_w = 40.0 * MM;
    let x = left + 18.0 * MM;
    let rest = measure - 36.0 * MM - label_w;
    for (k, val) in facts {
        page.text(x, y, label, k);
        let lines = break_text(&val, body.weight, body.size, rest, 0.0);
        page.lines(x + label_w, y, body, &lines, rest, false);
        y += lines.len().max(1) as f32 * body.line_height();
        page.rule((x, y), (x + label_w + rest, y), Rgb::RULE, 0.4);
    }
    let foot = h - MARGINS.3 - 24.0 * MM;
    let issuer = TextStyle::new(Weight::Bold, 12.0, Rgb::BLACK, 1.5);
    let mut fy = foot;
    if let Some(i) = &v.issuer {
        page.text(left, fy, issuer, i.clone());
        fy += issuer.line_height();
    }
    page.text(left, fy, small, zh_date(v.printed_on));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pages: Option<u32>) -> ExhibitRow {
        ExhibitRow {
            group: "一".into(),
            title: "t".into(),
            source: "s".into(),
            period: "2024".into(),
            proves: "p".into(),
            pages,
        }
    }

    #[test]
    fn page_ranges_run_on_and_stop_at_an_unknown() {
        let r = page_ranges(&[row(Some(3)), row(Some(1)), row(None), row(Some(2))]);
        assert_eq!(r, [Some((1, 3)), Some((4, 4)), None, None]);
    }
}

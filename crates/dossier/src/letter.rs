//! Letters a clerk sends (续展提醒函, 使用情况报送通知): one letter after another in one file,
//! each starting on a new page — a title, the addressee, the body, the facts it concerns, the
//! issuer and the date. The api writes the words; this module only lays them out.
//!
//! Flowed by the same layout engine as the dossier; only the fonts are checked (a letter is not
//! promotion material).

use chrono::NaiveDate;
use serde::Serialize;

use crate::font::{Fonts, Weight};
use crate::layout::{A4, Document, Flow, MM, Rgb, TextStyle, text_width};
use crate::template::{ACCENT, MARGINS, finish, theme, zh_date};
use crate::{Result, pdf};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LetterView {
    /// A letter about a sample record: its pages carry the 示例数据 mark.
    pub sample: bool,
    pub title: String,
    /// Who it is addressed to (an enterprise's name).
    pub to: String,
    pub body: Vec<String>,
    /// The facts it concerns, as label and value.
    pub facts: Vec<(String, String)>,
    /// After the facts (what to do, whom to call).
    pub closing: Vec<String>,
}

/// A batch of letters, signed by `issuer` on `dated`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LettersView {
    pub letters: Vec<LetterView>,
    pub issuer: Option<String>,
    pub dated: NaiveDate,
    pub audit_head: String,
}

impl LettersView {
    fn text_fields(&self) -> Vec<(String, &str)> {
        let mut out = vec![];
        if let Some(i) = &self.issuer {
            out.push(("issuer".to_owned(), i.as_str()));
        }
        for (i, l) in self.letters.iter().enumerate() {
            out.push((format!("letters[{i}].title"), l.title.as_str()));
            out.push((format!("letters[{i}].to"), l.to.as_str()));
            for (k, p) in l.body.iter().chain(&l.closing).enumerate() {
                out.push((format!("letters[{i}].body[{k}]"), p.as_str()));
            }
            for (k, v) in &l.facts {
                out.push((format!("letters[{i}].{k}"), v.as_str()));
            }
        }
        out
    }
}

/// Print the letters (the file holds them all, each from a new page).
pub fn render(v: &LettersView) -> Result<Vec<u8>> {
    let fonts = Fonts::get();
    for (field, text) in v.text_fields() {
        fonts.check(&field, text)?;
    }
    pdf::write(&layout(v))
}

pub fn layout(v: &LettersView) -> Document {
    let mut flow = Flow::new(theme(), MARGINS, "提醒函");
    let measure = A4.0 - MARGINS.0 - MARGINS.2;
    let title = TextStyle::new(Weight::Bold, 20.0, ACCENT, 1.5);
    let signature = TextStyle::new(Weight::Regular, 11.0, Rgb::BLACK, 1.8);
    for (i, l) in v.letters.iter().enumerate() {
        if i > 0 {
            flow.new_page();
        }
        let t = l.title.clone();
        flow.drawing(14.0 * MM, move |page, x, y, _w| {
            let tw = text_width(title, &t);
            page.text(x + (measure - tw) / 2.0, y, title, t.clone());
        });
        flow.space(4.0 * MM);
        flow.paragraph(&format!("{}：", l.to), false);
        for p in &l.body {
            flow.paragraph(p, true);
        }
        if !l.facts.is_empty() {
            flow.space(2.0 * MM);
            flow.facts(&l.facts);
            flow.space(2.0 * MM);
        }
        for p in &l.closing {
            flow.paragraph(p, true);
        }
        flow.space(10.0 * MM);
        // Signed on the right: the issuer, then the date.
        let lines: Vec<String> = v.issuer.iter().cloned().chain([zh_date(v.dated)]).collect();
        flow.drawing(
            lines.len() as f32 * signature.line_height(),
            move |page, x, y, _w| {
                for (k, line) in lines.iter().enumerate() {
                    let tw = text_width(signature, line);
                    page.text(
                        x + measure - tw,
                        y + k as f32 * signature.line_height(),
                        signature,
                        line.clone(),
                    );
                }
            },
        );
    }
    if v.letters.is_empty() {
        flow.paragraph("所选期限内没有需要发函的事项。", false);
    }
    let sample = v.letters.iter().any(|l| l.sample);
    finish(
        flow,
        "提醒函",
        v.issuer.as_deref(),
        v.dated,
        &v.audit_head,
        sample,
    )
}

/// A form to sign (奖励审批表): a title, the facts, a table, and boxes for each signature.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormView {
    pub sample: bool,
    pub title: String,
    pub facts: Vec<(String, String)>,
    pub table: Option<FormTable>,
    /// One box per signature, in signing order (经办人, 科室负责人, 分管领导…).
    pub signatures: Vec<String>,
    pub issuer: Option<String>,
    pub dated: NaiveDate,
    pub audit_head: String,
}

/// A form's table: column titles with their width shares, then the rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormTable {
    pub columns: Vec<(String, f32)>,
    pub rows: Vec<Vec<String>>,
}

/// Print a form.
pub fn render_form(v: &FormView) -> Result<Vec<u8>> {
    let fonts = Fonts::get();
    fonts.check("title", &v.title)?;
    for (k, val) in &v.facts {
        fonts.check(k, val)?;
    }
    if let Some(t) = &v.table {
        for (i, row) in t.rows.iter().enumerate() {
            for cell in row {
                fonts.check(&format!("rows[{i}]"), cell)?;
            }
        }
    }
    pdf::write(&form_layout(v))
}

pub fn form_layout(v: &FormView) -> Document {
    let mut flow = Flow::new(theme(), MARGINS, v.title.clone());
    let measure = A4.0 - MARGINS.0 - MARGINS.2;
    let title = TextStyle::new(Weight::Bold, 20.0, ACCENT, 1.5);
    let t = v.title.clone();
    flow.drawing(14.0 * MM, move |page, x, y, _w| {
        let tw = text_width(title, &t);
        page.text(x + (measure - tw) / 2.0, y, title, t.clone());
    });
    flow.space(2.0 * MM);
    flow.facts(&v.facts);
    if let Some(t) = &v.table {
        flow.space(3.0 * MM);
        let cols: Vec<_> = t
            .columns
            .iter()
            .map(|(t, share)| crate::template::col(t, *share))
            .collect();
        flow.table(&cols, &t.rows);
    }
    flow.space(6.0 * MM);
    // Signature boxes: the step on the left, room for the opinion, signature and date.
    let label = TextStyle::new(Weight::Bold, 11.0, ACCENT, 1.6);
    let small = TextStyle::new(Weight::Regular, 9.0, Rgb::GREY, 1.4);
    let box_h = 26.0 * MM;
    for step in &v.signatures {
        let step = step.clone();
        flow.drawing(box_h, move |page, x, y, _w| {
            let (l, r, b) = (x, x + measure, y + box_h - 2.0 * MM);
            for (from, to) in [
                ((l, y), (r, y)),
                ((l, b), (r, b)),
                ((l, y), (l, b)),
                ((r, y), (r, b)),
            ] {
                page.rule(from, to, Rgb::RULE, 0.6);
            }
            page.rule((l + 34.0 * MM, y), (l + 34.0 * MM, b), Rgb::RULE, 0.6);
            page.text(l + 3.0 * MM, y + 3.0 * MM, label, step.clone());
            let sign = "签字：              日期：     年   月   日";
            page.text(
                r - text_width(small, sign) - 3.0 * MM,
                b - small.line_height() - 2.0 * MM,
                small,
                sign,
            );
            page.text(l + 37.0 * MM, y + 3.0 * MM, small, "意见：");
        });
    }
    finish(
        flow,
        &v.title,
        v.issuer.as_deref(),
        v.dated,
        &v.audit_head,
        v.sample,
    )
}

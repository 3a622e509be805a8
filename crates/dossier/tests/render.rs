//! The printed dossier read back by real PDF readers: poppler (pdftotext, pdffonts, pdftoppm)
//! and qpdf. These tools are installed by `make deps`; a missing tool fails the test.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use terroir_core::Rule;
use terroir_dossier::linebreak::{NO_LINE_END, NO_LINE_START};
use terroir_dossier::{DossierView, Error, render};

fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dossier");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed (make deps installs it): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn printed(view: &DossierView, name: &str) -> PathBuf {
    let path = out_dir().join(name);
    std::fs::write(&path, render(view).unwrap()).unwrap();
    path
}

#[test]
fn every_field_is_in_the_text_and_no_line_breaks_a_punctuation_rule() {
    let view = common::fixture();
    let path = printed(&view, "fixture.pdf");
    let text = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(
        !text.contains('\u{FFFD}'),
        "replacement characters in the text"
    );
    // pdftotext breaks lines where the PDF does: compare without line breaks and spaces.
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for (field, value) in view.text_fields() {
        for part in value.split('\n') {
            let want: String = part.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                flat.contains(&want),
                "{field} ({want}) missing from the PDF text"
            );
        }
    }
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (first, last) = (line.chars().next().unwrap(), line.chars().last().unwrap());
        assert!(
            !NO_LINE_START.contains(first),
            "line starts with {first}: {line}"
        );
        assert!(!NO_LINE_END.contains(last), "line ends with {last}: {line}");
    }
}

#[test]
fn fonts_are_embedded_as_subsets_and_qpdf_finds_no_fault() {
    let path = printed(&common::fixture(), "fonts.pdf");
    let fonts = tool("pdffonts", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains("+NotoSansSC-"), "{row}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "emb sub uni: {row}"
        );
    }
    tool("qpdf", &["--check", path.to_str().unwrap()]);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 600_000, "a dossier with two photos is {size} bytes");
}

/// Page 1 at 50 dpi against the committed reference: at most 0.5% of pixels may differ by
/// more than 10% of full intensity. `TERROIR_UPDATE_REFERENCE=1` rewrites the reference (look
/// at it first).
#[test]
fn page_one_matches_the_reference_rendering() {
    let path = printed(&common::fixture(), "reference.pdf");
    let prefix = out_dir().join("page");
    tool(
        "pdftoppm",
        &[
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "-png",
            path.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let actual_path = prefix.with_extension("png");
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/page1.png");
    if std::env::var_os("TERROIR_UPDATE_REFERENCE").is_some() {
        std::fs::create_dir_all(reference.parent().unwrap()).unwrap();
        std::fs::copy(&actual_path, &reference).unwrap();
    }
    let a = image::open(&actual_path).unwrap().to_rgb8();
    let r = image::open(&reference)
        .unwrap_or_else(|e| panic!("{}: {e}", reference.display()))
        .to_rgb8();
    assert_eq!(a.dimensions(), r.dimensions());
    let differing = a
        .pixels()
        .zip(r.pixels())
        .filter(|(p, q)| p.0.iter().zip(q.0).any(|(x, y)| x.abs_diff(y) > 25))
        .count();
    let share = differing as f64 / f64::from(a.width() * a.height());
    assert!(
        share <= 0.005,
        "{:.2}% of pixels differ from {} (see {})",
        share * 100.0,
        reference.display(),
        actual_path.display()
    );
}

#[test]
fn banned_wording_is_refused_with_the_field_named() {
    let mut view = common::fixture();
    view.users[3].name = "信阳馳 名 商標茶业有限公司".into();
    match render(&view) {
        Err(Error::Invalid(v)) => {
            assert_eq!(v.rule, Rule::WellKnownWording);
            assert_eq!(v.field.as_deref(), Some("users[3].name"));
        }
        other => panic!("expected a refusal, got {:?}", other.map(|b| b.len())),
    }
}

#[test]
fn a_character_the_font_lacks_is_an_error_not_a_hole() {
    let mut view = common::fixture();
    view.history = Some("古籍记载\u{F8FF}茶".into());
    match render(&view) {
        Err(Error::Invalid(v)) => {
            assert_eq!(v.rule, Rule::GlyphMissing);
            assert_eq!(v.field.as_deref(), Some("history"));
            assert_eq!(v.params["codepoint"], "U+F8FF");
        }
        other => panic!("expected a refusal, got {:?}", other.map(|b| b.len())),
    }
}

/// The product's gaps, as core found them, come first; then users without a valid credit code.
#[test]
fn warns_about_the_products_gaps_and_invalid_credit_codes() {
    let mut view = common::fixture();
    assert!(view.warnings().is_empty(), "{:?}", view.warnings());
    view.gaps = vec![terroir_core::Violation::standard_missing().at("protections")];
    view.users[1].credit_code = "91411500MA44UN4Q0X".into();
    let w = view.warnings();
    assert_eq!(w[0].rule, Rule::StandardMissing);
    assert_eq!(w[1].field.as_deref(), Some("users[1].credit_code"));
    assert!(render(&view).is_ok(), "warnings do not stop printing");
}

/// What is not on record is left out, not printed as a gap: no users section (no "0 家"), no
/// protections section, no empty area, no column no row fills; the check code stays.
#[test]
fn an_empty_dossier_leaves_out_what_is_not_on_record() {
    let mut view = common::fixture();
    view.photos.clear();
    view.users.clear();
    view.users_note = None;
    view.protections.clear();
    view.history = None;
    view.quality = None;
    view.contact = None;
    view.issuer = None;
    view.issuer_contact = None;
    view.region = String::new();
    view.area = Default::default();
    let path = printed(&view, "empty.pdf");
    let text = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    for gap in [
        "授权使用人",
        "0 家",
        "保护情况",
        "产地范围",
        "暂无",
        "未记载",
        "联系方式",
    ] {
        assert!(!text.contains(gap), "{gap} printed:\n{text}");
    }
    assert!(
        text.contains("资料核验") && text.contains("扫码核验本资料"),
        "{text}"
    );
    // Protections without dates: no 日期 column.
    let mut view = common::fixture();
    view.protections = vec![terroir_dossier::ProtectionView::OriginMark {
        announcement_no: "国家质检总局2002年第87号公告".into(),
        announced_on: None,
    }];
    // The footer names the issuer.
    view.issuer = Some("信阳市知识产权局".into());
    let path = printed(&view, "undated.pdf");
    let text = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(
        text.contains("保护情况") && !text.contains("日期\n"),
        "{text}"
    );
    assert!(text.contains("信阳市知识产权局 · 地标品牌库"), "{text}");
}

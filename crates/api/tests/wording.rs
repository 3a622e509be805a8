//! The wording check on real documents: a Word file and its PDF, both written by LibreOffice
//! from `fixtures/wording.fodt` (`soffice --headless --convert-to docx wording.fodt`, then
//! `--convert-to pdf wording.docx`), and the same PDF with its character maps taken out.

use std::path::{Path, PathBuf};

use terroir_api::core::Rule;
use terroir_api::core::wording::TextPlace;
use terroir_api::wording::{self, WordingCheck};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn found(check: &WordingCheck) -> Vec<(TextPlace, &str)> {
    check
        .findings
        .iter()
        .map(|h| (h.finding.place, h.finding.found.as_str()))
        .collect()
}

/// Every use in the Word file is found where it is: the body (also when a run boundary splits
/// the words, and spaced out in traditional characters), the text box once, and the header;
/// "驰名中外" is not one.
#[test]
fn a_word_document_is_checked_in_its_body_text_boxes_and_headers() {
    let check = wording::check_file(&fixture("wording.docx")).unwrap();
    assert_eq!(check.format, "docx");
    assert_eq!(check.source.as_deref(), Some("wording.docx"));
    assert!(check.complete);
    let mut got = found(&check);
    got.sort();
    assert_eq!(
        got,
        [
            (TextPlace::Body, "馳 名 商 標"),
            (TextPlace::Body, "驰名商标"),
            (TextPlace::Body, "驰名商标"),
            (TextPlace::Header { n: 1 }, "驰名商标"),
        ]
    );
    let split = check
        .findings
        .iter()
        .find(|h| h.finding.after.starts_with("称号"))
        .expect("the words split across two runs");
    assert_eq!(split.position.zh_cn, "第 2 段第 8 字");
    assert_eq!(split.finding.before, "本公司产品荣获");
    assert_eq!(split.problem.rule, Rule::WellKnownWording);
    assert!(
        split.problem.message.zh_cn.contains("第十四条")
            || split.problem.message.zh_cn.contains("14"),
        "{}",
        split.problem.message.zh_cn
    );
}

/// The PDF of the same document gives the same findings, each on its page.
#[test]
fn a_pdf_with_a_text_layer_gives_the_same_findings_by_page() {
    let check = wording::check_file(&fixture("wording.pdf")).unwrap();
    assert_eq!(check.format, "pdf");
    assert!(check.complete, "{:?}", check.unreadable);
    assert_eq!(check.findings.len(), 4, "{:?}", found(&check));
    assert!(
        check
            .findings
            .iter()
            .all(|h| h.finding.place == TextPlace::Page { n: 1 } && h.place.zh_cn == "第 1 页")
    );
    // A change of font (the bold run) starts a new line in the text layer: still found.
    let mut words: Vec<String> = check
        .findings
        .iter()
        .map(|h| {
            h.finding
                .found
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect();
    words.sort();
    assert_eq!(words, ["馳名商標", "驰名商标", "驰名商标", "驰名商标"]);
}

/// A PDF whose CJK text cannot be turned into characters is reported as not checked, page by
/// page, never as a document with no findings.
#[test]
fn a_pdf_without_character_maps_is_unreadable_not_clean() {
    let mut doc = lopdf::Document::load(fixture("wording.pdf")).unwrap();
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Dictionary(d) = object
            && d.has_type(b"Font")
        {
            d.remove(b"ToUnicode");
            d.set("Subtype", lopdf::Object::Name(b"Type0".to_vec()));
            d.set("Encoding", lopdf::Object::Name(b"Identity-H".to_vec()));
        }
    }
    let mut bytes = vec![];
    doc.save_to(&mut bytes).unwrap();
    let check = wording::check_bytes(&bytes, Some("scan.pdf".into())).unwrap();
    assert!(!check.complete);
    assert!(check.findings.is_empty());
    assert_eq!(check.unreadable.len(), 1);
    let gap = &check.unreadable[0];
    assert_eq!(gap.at, TextPlace::Page { n: 1 });
    assert_eq!(gap.problem.rule, Rule::DocumentUnreadable);
    assert!(
        gap.problem
            .message
            .zh_cn
            .starts_with("第 1 页的文字无法提取")
    );
}

/// Hostile or wrong files are refused by name, in bounded memory, before any parser runs.
#[test]
fn what_is_no_document_is_refused_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("a.docx");
    std::fs::write(&exe, b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap();
    assert_eq!(
        wording::check_file(&exe).unwrap_err().rule,
        Rule::DocumentFormat
    );
    let bomb = {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(vec![]));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(&vec![b' '; 5 * 1024 * 1024]).unwrap();
        zip.finish().unwrap().into_inner()
    };
    let e = wording::check_bytes(&bomb, None).unwrap_err();
    assert_eq!(e.rule, Rule::DocumentZipBomb, "{e:?}");
    assert_eq!(e.field.as_deref(), Some("file"));
    let e = wording::check_bytes(b"%PDF-1.7\n garbage", None).unwrap_err();
    assert_eq!(e.rule, Rule::DocumentDamaged);
    assert_eq!(
        wording::check_file(&dir.path().join("none.txt"))
            .unwrap_err()
            .rule,
        Rule::FileMissing
    );
}

//! The wording check (用语检查): every use of the words 驰名商标 in advertising or packaging
//! copy, pasted or in a `.txt`, `.docx` or text-layer `.pdf`, with where it is and the rule
//! (Trademark Law art. 14(5)). The matching is core's, the one a dossier is refused by; the
//! reading is exchange's, as untrusted as a spreadsheet's. Nothing is stored.

use std::path::Path;

use serde::{Deserialize, Serialize};
use terroir_core::wording::{TextPlace, WordingFinding, find_well_known_claims};
use terroir_core::{Lang, Violation};
use terroir_exchange::document::{self, DocumentText, Format, Passage};

use crate::error::{ApiError, Message, Problem, Result};

pub use terroir_exchange::document::MAX_DOCUMENT_BYTES;

/// What the check found in one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct WordingCheck {
    /// `pasted`, `txt`, `docx` or `pdf`.
    pub format: String,
    /// The file's name; `None` for pasted text.
    pub source: Option<String>,
    /// Characters read and checked.
    pub chars: u64,
    pub findings: Vec<WordingHit>,
    /// Places whose text could not be read, so were not checked.
    pub unreadable: Vec<WordingGap>,
    /// Every part of the text was read: no finding then means there is none.
    pub complete: bool,
}

/// One use of the banned words, with its place and position in words and the rule broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct WordingHit {
    pub finding: WordingFinding,
    /// 第 2 页 / page 2.
    pub place: Message,
    /// 第 3 行第 5 字 / line 3, character 5 (in a Word document, a paragraph is a line: 第 3 段).
    pub position: Message,
    /// The dossier's refusal for the same words.
    pub problem: Problem,
}

/// A place that was not checked, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct WordingGap {
    pub at: TextPlace,
    pub place: Message,
    pub problem: Problem,
}

fn words(f: impl Fn(Lang) -> String) -> Message {
    Message {
        zh_cn: f(Lang::Zh),
        en_us: f(Lang::En),
    }
}

/// Check pasted text.
pub fn check_text(text: &str) -> WordingCheck {
    let passage = Passage {
        place: TextPlace::Text,
        text: text.to_owned(),
    };
    report("pasted", None, &[passage], &[])
}

/// Check the document at `path` (`.txt`, `.docx` or `.pdf`, told apart by content).
pub fn check_file(path: &Path) -> Result<WordingCheck> {
    let DocumentText {
        format,
        passages,
        unreadable,
    } = document::read(path).map_err(document_error)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    Ok(report(format.key(), name, &passages, &unreadable))
}

/// [`check_file`] for a document read from standard input or already in memory.
pub fn check_bytes(bytes: &[u8], name: Option<String>) -> Result<WordingCheck> {
    let doc = document::read_bytes(bytes).map_err(document_error)?;
    Ok(report(
        doc.format.key(),
        name,
        &doc.passages,
        &doc.unreadable,
    ))
}

fn report(
    format: &str,
    source: Option<String>,
    passages: &[Passage],
    unreadable: &[(TextPlace, String)],
) -> WordingCheck {
    let paragraphs = format == Format::Docx.key();
    let findings = passages
        .iter()
        .flat_map(|p| find_well_known_claims(p.place, &p.text))
        .map(|finding| WordingHit {
            place: words(|l| finding.place.label(l)),
            position: words(|l| match (l, paragraphs) {
                (Lang::Zh, true) => format!("第 {} 段第 {} 字", finding.line, finding.column),
                (Lang::Zh, false) => format!("第 {} 行第 {} 字", finding.line, finding.column),
                (Lang::En, true) => {
                    format!("paragraph {}, character {}", finding.line, finding.column)
                }
                (Lang::En, false) => {
                    format!("line {}, character {}", finding.line, finding.column)
                }
            }),
            problem: Problem::from(Violation::well_known_wording(&finding.found)),
            finding,
        })
        .collect();
    let unreadable: Vec<WordingGap> = unreadable
        .iter()
        .map(|(at, why)| WordingGap {
            at: *at,
            place: words(|l| at.label(l)),
            problem: Problem::from(Violation::document_unreadable(
                match at {
                    TextPlace::Page { n } => n.to_string(),
                    other => other.label(Lang::Zh),
                },
                why,
            )),
        })
        .collect();
    WordingCheck {
        format: format.to_owned(),
        source,
        chars: passages.iter().map(|p| p.text.chars().count() as u64).sum(),
        findings,
        complete: unreadable.is_empty(),
        unreadable,
    }
}

fn document_error(e: terroir_exchange::Error) -> ApiError {
    use terroir_exchange::Error as E;
    let v = match e {
        E::Unreadable(detail) => Violation::file_missing(detail),
        E::NotDocument | E::NotSpreadsheet | E::Encoding => Violation::document_format(),
        E::TooLarge { what, size, max } => Violation::document_too_large(what, size, max),
        E::ZipBomb { part, ratio } => Violation::document_zip_bomb(part, ratio),
        E::Corrupt(detail) => Violation::document_damaged(detail),
        other @ (E::DeclaredCount { .. } | E::TooMany { .. }) => {
            Violation::document_damaged(other.to_string())
        }
    };
    v.at("file").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_copy_gets_every_finding_with_where_and_why() {
        let check = check_text("信阳毛尖，驰名中外。\n本品荣获“驰名”商标称号，馳名商標产品");
        assert_eq!(check.format, "pasted");
        assert!(check.complete);
        let at: Vec<_> = check
            .findings
            .iter()
            .map(|h| (h.finding.found.as_str(), h.position.zh_cn.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                ("驰名”商标", "第 2 行第 6 字"),
                ("馳名商標", "第 2 行第 14 字")
            ]
        );
        assert_eq!(
            check.findings[0].problem.rule,
            terroir_core::Rule::WellKnownWording
        );
        assert!(check_text("驰名中外的信阳毛尖").findings.is_empty());
    }
}

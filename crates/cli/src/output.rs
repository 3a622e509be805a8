//! Printing results: JSON on stdout with `--json`, otherwise aligned text in the user's language.

use serde::Serialize;
use serde_json::Value;
use terroir_api::core::Lang;
use terroir_api::{ApiError, RecordData, RecordDto};

pub struct Out {
    pub json: bool,
    pub lang: Lang,
}

/// Display width of text in a terminal: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// The key an enum value has on the wire (`lapsed`, `under_review`).
pub use terroir_api::core::record::key_of;

/// The vocabulary's word for a key the api returns (the same words as the UI's).
pub fn word(group: &str, key: &str, lang: Lang) -> String {
    terroir_api::core::vocab::word_or_key(group, key, lang)
}

impl Out {
    pub fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    /// Pick the text for the user's language.
    pub fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        if self.zh() { zh } else { en }
    }

    /// A message from the api in the user's language.
    pub fn message<'a>(&self, m: &'a terroir_api::Message) -> &'a str {
        self.t(&m.zh_cn, &m.en_us)
    }

    pub fn bilingual<'a>(&self, b: &'a terroir_api::core::text::Bilingual) -> &'a str {
        self.t(&b.zh, &b.en)
    }

    pub fn json(&self, v: &impl Serialize) {
        println!(
            "{}",
            serde_json::to_string_pretty(v).expect("DTOs serialise")
        );
    }

    pub fn table(&self, rows: &[Vec<String>]) {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..cols)
            .map(|c| {
                rows.iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| width(s))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for r in rows {
            let line: Vec<String> = r
                .iter()
                .enumerate()
                .map(|(i, s)| pad(s, widths[i]))
                .collect();
            println!("{}", line.join("  ").trim_end());
        }
    }

    /// The summary facts worth a column in a list, per kind, in reading order.
    fn summary_text(&self, r: &RecordDto) -> Vec<String> {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let shown =
            |v: Option<&dyn std::fmt::Display>| v.map(|v| v.to_string()).unwrap_or_default();
        let cols: Vec<String> = match &r.record {
            RecordData::Gi { summary: s, .. } => vec![
                opt(&s.category),
                s.regimes
                    .iter()
                    .map(|g| word("regime", g, self.lang))
                    .collect::<Vec<_>>()
                    .join(","),
            ],
            RecordData::Enterprise { summary: s, .. } => vec![
                shown(s.credit_code.as_ref().map(|c| c as _)),
                shown(s.division.as_ref().map(|d| d as _)),
            ],
            RecordData::User { summary: s, .. } => {
                let mut c = vec![word("stage", &key_of(&s.stage), self.lang)];
                if s.use_reports_overdue > 0 {
                    c.push(format!(
                        "{} {}",
                        self.t("逾期报告", "overdue reports"),
                        s.use_reports_overdue
                    ));
                }
                c
            }
            RecordData::Trademark { summary: s, .. } => vec![
                s.reg_no.to_string(),
                format!(
                    "{} {}",
                    self.t("类别", "class"),
                    s.classes
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                word("standing", &key_of(&s.standing), self.lang),
                s.expires_on
                    .map(|d| format!("{} {d}", self.t("有效期至", "expires")))
                    .unwrap_or_default(),
            ],
            RecordData::Candidate { summary: s, .. } => {
                vec![opt(&s.trademark), opt(&s.enterprise)]
            }
            RecordData::Application { summary: s, .. } => vec![
                word("appKind", &key_of(&s.kind), self.lang),
                word("appState", &key_of(&s.state), self.lang),
                opt(&s.enterprise),
                shown(s.amount.as_ref().map(|a| a as _)),
            ],
            RecordData::IncentiveRule { summary: s, .. } => vec![
                word("awardItem", &key_of(&s.item), self.lang),
                s.amount.to_string(),
                s.jurisdiction.to_string(),
                s.policy_no.clone(),
                if s.in_force {
                    String::new()
                } else {
                    self.t("已失效", "lapsed").to_owned()
                },
            ],
            RecordData::Case { summary: s, .. } => vec![
                word("caseKind", &key_of(&s.kind), self.lang),
                word("caseState", &key_of(&s.state), self.lang),
                s.opened_on.to_string(),
                shown(s.fine.as_ref().map(|f| f as _)),
            ],
            RecordData::Target { summary: s, .. } => vec![
                word("metric", &key_of(&s.metric), self.lang),
                s.jurisdiction.to_string(),
                format!("{}—{}", s.starts_on, s.ends_on),
            ],
            RecordData::Financing { summary: s, .. } => vec![
                opt(&s.pledgor_name),
                s.bank.clone(),
                s.amount.to_string(),
                s.loan_on.to_string(),
            ],
            RecordData::Zone { summary: s, .. } => {
                let mut c = vec![
                    opt(&s.gi_name),
                    word("zoneStatus", &key_of(&s.status), self.lang),
                ];
                c.extend(s.warnings.iter().map(|w| self.t(&w.zh, &w.en).to_owned()));
                c
            }
        };
        cols.into_iter().filter(|c| !c.is_empty()).collect()
    }

    pub fn records(&self, items: &[RecordDto]) {
        if self.json {
            let slim: Vec<Value> = items
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "code": r.code, "name": r.name, "sample": r.sample,
                        "archived": r.archived_at.is_some(), "summary": r.summary(),
                    })
                })
                .collect();
            return self.json(&slim);
        }
        if items.is_empty() {
            println!("{}", self.t("（没有记录）", "(no records)"));
            return;
        }
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|r| {
                let mut row = vec![r.code.clone(), r.name.clone()];
                row.push(self.summary_text(r).join("  "));
                if r.archived_at.is_some() {
                    row.push(self.t("[已归档]", "[archived]").into());
                }
                row
            })
            .collect();
        self.table(&rows);
    }

    pub fn record(&self, r: &RecordDto) {
        if self.json {
            return self.json(r);
        }
        let mut flags = vec![];
        if r.sample {
            flags.push(self.t("示例数据", "sample"));
        }
        if r.archived_at.is_some() {
            flags.push(self.t("已归档", "archived"));
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", flags.join(", "))
        };
        println!("{}  {}{flags}", r.code, r.name);
        println!(
            "  id: {}  version: {}  updated: {}",
            r.id, r.version, r.updated_at
        );
        let s = self.summary_text(r);
        if !s.is_empty() {
            println!("  {}", s.join("  "));
        }
        println!("{}", serde_json::to_string_pretty(&r.data()).expect("JSON"));
    }

    pub fn error(&self, e: &ApiError) {
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({ "error": e })).expect("JSON")
            );
        }
        let label = self.t("错误", "error");
        if e.problems.len() <= 1 {
            eprintln!("{label}: {}", e.message(self.lang));
        } else {
            eprintln!(
                "{label}: {}",
                self.t("输入有以下问题：", "the input has these problems:")
            );
            for p in &e.problems {
                eprintln!(
                    "  - {}",
                    if self.zh() {
                        &p.message.zh_cn
                    } else {
                        &p.message.en_us
                    }
                );
            }
        }
    }
}

//! Printing results: JSON on stdout with `--json`, otherwise aligned text in the user's language.

use serde::Serialize;
use serde_json::Value;
use terroir_api::core::{Lang, RecordKind};
use terroir_api::{ApiError, RecordDto};

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
        let get = |k: &str| r.summary.get(k).filter(|v| !v.is_null());
        let text = |k: &str| get(k).and_then(Value::as_str).unwrap_or("").to_owned();
        let list = |k: &str, f: &dyn Fn(&Value) -> String| {
            get(k)
                .and_then(Value::as_array)
                .map(|a| a.iter().map(f).collect::<Vec<_>>().join(","))
                .unwrap_or_default()
        };
        let cols: Vec<String> = match r.kind() {
            RecordKind::Gi => vec![
                text("category"),
                list("regimes", &|v| {
                    word("regime", v.as_str().unwrap_or(""), self.lang)
                }),
            ],
            RecordKind::Enterprise => vec![text("credit_code"), text("division")],
            RecordKind::User => {
                let overdue = get("use_reports_overdue")
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
                let mut c = vec![word("stage", &text("stage"), self.lang)];
                if overdue > 0 {
                    c.push(format!(
                        "{} {overdue}",
                        self.t("逾期报告", "overdue reports")
                    ));
                }
                c
            }
            RecordKind::Trademark => vec![
                text("reg_no"),
                format!(
                    "{} {}",
                    self.t("类别", "class"),
                    list("classes", &|v| v.to_string())
                ),
                word("standing", &text("standing"), self.lang),
                get("expires_on")
                    .map(|_| format!("{} {}", self.t("有效期至", "expires"), text("expires_on")))
                    .unwrap_or_default(),
            ],
            RecordKind::Candidate => vec![text("trademark"), text("enterprise")],
            RecordKind::Application => vec![
                word("appKind", &text("kind"), self.lang),
                word("appState", &text("state"), self.lang),
                text("enterprise"),
                get("amount")
                    .and_then(Value::as_i64)
                    .map(|f| terroir_api::core::Fen(f).to_string())
                    .unwrap_or_default(),
            ],
            RecordKind::IncentiveRule => vec![
                word("awardItem", &text("item"), self.lang),
                get("amount")
                    .and_then(Value::as_i64)
                    .map(|f| terroir_api::core::Fen(f).to_string())
                    .unwrap_or_default(),
                text("jurisdiction"),
                text("policy_no"),
                if get("in_force").and_then(Value::as_bool) == Some(false) {
                    self.t("已失效", "lapsed").to_owned()
                } else {
                    String::new()
                },
            ],
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
                        "archived": r.archived_at.is_some(), "summary": r.summary,
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

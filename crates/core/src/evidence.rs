//! The evidence file of a well-known-mark candidate: items tagged with the Trademark Law art. 14
//! factor they support, the period they cover, their source and attached files; and the
//! recognition decision, the only thing that makes a mark "recognised".

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::date::parse_date;
use crate::error::{Lang, Result, Violation, Violations};
use crate::record::{LINE_MAX, NAME_MAX, enum_value, optional_text, required_text};
use crate::text::half_width;

/// What an evidence item proves: the art. 14 factors, with "other factors" split into the
/// figures the 2014 provisions (art. 9) list.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    /// (1) the relevant public's awareness
    Awareness,
    /// (2) duration of use
    Use,
    /// (3) duration, extent and geographic reach of publicity
    Publicity,
    /// (4) record of protection as a well-known mark
    Protection,
    /// (5) other factors: sales revenue
    Revenue,
    /// (5) market share
    MarketShare,
    /// (5) net profit
    NetProfit,
    /// (5) tax paid
    TaxPaid,
    /// (5) sales regions
    SalesRegions,
}

impl Factor {
    pub const ALL: [Factor; 9] = [
        Self::Awareness,
        Self::Use,
        Self::Publicity,
        Self::Protection,
        Self::Revenue,
        Self::MarketShare,
        Self::NetProfit,
        Self::TaxPaid,
        Self::SalesRegions,
    ];
    pub const KEYS: [&'static str; 9] = [
        "awareness",
        "use",
        "publicity",
        "protection",
        "revenue",
        "market_share",
        "net_profit",
        "tax_paid",
        "sales_regions",
    ];

    /// The art. 14 paragraph the factor belongs to (1–5).
    pub fn article_item(self) -> u8 {
        match self {
            Self::Awareness => 1,
            Self::Use => 2,
            Self::Publicity => 3,
            Self::Protection => 4,
            _ => 5,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Self::Awareness => (
                "相关公众对该商标的知晓程度",
                "the relevant public's awareness",
            ),
            Self::Use => ("该商标使用的持续时间", "duration of use"),
            Self::Publicity => (
                "该商标的任何宣传工作的持续时间、程度和地理范围",
                "duration, extent and reach of publicity",
            ),
            Self::Protection => (
                "该商标作为驰名商标受保护的记录",
                "record of protection as a well-known mark",
            ),
            Self::Revenue => ("销售收入", "sales revenue"),
            Self::MarketShare => ("市场占有率", "market share"),
            Self::NetProfit => ("净利润", "net profit"),
            Self::TaxPaid => ("纳税额", "tax paid"),
            Self::SalesRegions => ("销售区域", "sales regions"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The heading of the factor's art. 14 paragraph, for grouping a catalogue.
    pub fn group_label(self, lang: Lang) -> &'static str {
        match (self.article_item(), lang) {
            (1, Lang::Zh) => "一、相关公众对该商标的知晓程度",
            (2, Lang::Zh) => "二、该商标使用的持续时间",
            (3, Lang::Zh) => "三、该商标的任何宣传工作的持续时间、程度和地理范围",
            (4, Lang::Zh) => "四、该商标作为驰名商标受保护的记录",
            (_, Lang::Zh) => "五、该商标驰名的其他因素",
            (1, Lang::En) => "1. The relevant public's awareness of the mark",
            (2, Lang::En) => "2. Duration of use",
            (3, Lang::En) => "3. Duration, extent and geographic reach of publicity",
            (4, Lang::En) => "4. Record of protection as a well-known mark",
            (_, Lang::En) => "5. Other factors",
        }
    }
}

/// The days an evidence item covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn year(y: i32) -> Self {
        Self {
            from: NaiveDate::from_ymd_opt(y, 1, 1).expect("1 January"),
            to: NaiveDate::from_ymd_opt(y, 12, 31).expect("31 December"),
        }
    }

    pub fn covers_year(&self, y: i32) -> bool {
        self.from.year() <= y && self.to.year() >= y
    }

    /// Parse `2024`, `2019-2024`, a date, or two dates joined by `..`, `至`, `~` or `—`.
    pub fn parse(input: &str) -> Result<Self> {
        let s: String = input
            .chars()
            .map(half_width)
            .filter(|c| !c.is_whitespace())
            .collect();
        if s.is_empty() {
            return Err(Violation::required());
        }
        let err = || Violation::period_format(input.trim());
        let year = |p: &str| -> Option<i32> {
            let p = p.strip_suffix('年').unwrap_or(p);
            (p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
                .filter(|y| (1900..=2200).contains(y))
        };
        if let Some(y) = year(&s) {
            return Ok(Self::year(y));
        }
        let split = ["..", "至", "~", "—", "–"]
            .iter()
            .find_map(|sep| s.split_once(sep))
            .or_else(|| {
                // `2019-2024`: a hyphen between two bare years.
                s.split_once('-')
                    .filter(|(a, b)| year(a).is_some() && year(b).is_some())
            });
        let p = match split {
            Some((a, b)) => match (year(a), year(b)) {
                (Some(a), Some(b)) => Self {
                    from: Self::year(a).from,
                    to: Self::year(b).to,
                },
                _ => Self {
                    from: parse_date(a).map_err(|_| err())?,
                    to: parse_date(b).map_err(|_| err())?,
                },
            },
            None => {
                let d = parse_date(&s).map_err(|_| err())?;
                Self { from: d, to: d }
            }
        };
        if p.from > p.to {
            return Err(Violation::date_order(p.from, p.to));
        }
        Ok(p)
    }

    /// `2024`, `2019–2024`, or `2019-03-01 – 2024-05-31`.
    pub fn show(&self) -> String {
        let whole_years = self.from.month() == 1
            && self.from.day() == 1
            && self.to.month() == 12
            && self.to.day() == 31;
        match (whole_years, self.from.year() == self.to.year()) {
            (true, true) => self.from.year().to_string(),
            (true, false) => format!("{}–{}", self.from.year(), self.to.year()),
            _ if self.from == self.to => self.from.to_string(),
            _ => format!("{} – {}", self.from, self.to),
        }
    }
}

/// A file attached to an evidence item, stored in the workspace by content hash. The original
/// name is metadata only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Attachment {
    pub sha256: String,
    pub name: String,
    pub bytes: u64,
    /// PDF page count as read from the file; 1 for an image; `None` when it cannot be counted.
    pub pages: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Evidence {
    /// Stable within the candidate (1, 2, ...); exhibit numbers are assigned when printing.
    pub no: u32,
    pub title: String,
    pub factor: Factor,
    pub period: Period,
    pub source: String,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub files: Vec<Attachment>,
}

impl Evidence {
    /// The pages the item fills in the evidence file, when every attachment can be counted.
    pub fn pages(&self) -> Option<u32> {
        if self.files.is_empty() {
            return None;
        }
        self.files.iter().map(|f| f.pages).sum()
    }
}

/// An evidence item as typed by a clerk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct EvidenceInput {
    pub title: String,
    pub factor: String,
    pub period: String,
    pub source: String,
    pub notes: Option<String>,
}

impl EvidenceInput {
    pub fn parse(&self, no: u32) -> std::result::Result<Evidence, Violations> {
        let mut v = Violations::default();
        let title = v.check("title", || required_text(&self.title, NAME_MAX));
        let factor = v.check("factor", || {
            if self.factor.trim().is_empty() {
                return Err(Violation::required());
            }
            enum_value::<Factor>(&self.factor, &Factor::KEYS)
        });
        let period = v.check("period", || Period::parse(&self.period));
        let source = v.check("source", || required_text(&self.source, LINE_MAX));
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| Evidence {
            no,
            title: title.unwrap(),
            factor: factor.unwrap(),
            period: period.unwrap(),
            source: source.unwrap(),
            notes: notes.unwrap(),
            files: vec![],
        })
    }
}

/// The kind of case in which a mark was recognised as well-known: recognition is passive and
/// case by case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Proceeding {
    Opposition,
    /// 不予注册复审: review of a refusal to register the opposed mark.
    RefusalReview,
    Invalidation,
    Enforcement,
    Court,
}

impl Proceeding {
    pub const KEYS: [&'static str; 5] = [
        "opposition",
        "refusal_review",
        "invalidation",
        "enforcement",
        "court",
    ];
}

/// The proceeding a candidate's file is being prepared for, with its counterpart (the opposed
/// or challenged mark, or the case) and the reference date the 3 and 5 years count back from
/// (2014 provisions art. 9 para 2): the opposed mark's filing date for an opposition or a
/// refusal review, the challenged registration's filing date for an invalidation, the date
/// protection is requested in an enforcement case; for a court case the date the user enters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IntendedProceeding {
    pub proceeding: Option<Proceeding>,
    pub counterpart: Option<String>,
    pub reference_on: Option<NaiveDate>,
}

/// A recorded recognition decision: authority, case number, date and kind of proceeding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Recognition {
    pub authority: String,
    pub case_no: String,
    pub decided_on: NaiveDate,
    pub proceeding: Proceeding,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct RecognitionInput {
    pub authority: String,
    pub case_no: String,
    pub decided_on: String,
    pub proceeding: String,
}

impl RecognitionInput {
    pub fn parse(&self) -> std::result::Result<Recognition, Violations> {
        let mut v = Violations::default();
        let authority = v.check("authority", || required_text(&self.authority, NAME_MAX));
        let case_no = v.check("case_no", || required_text(&self.case_no, NAME_MAX));
        let decided_on = v.check("decided_on", || parse_date(&self.decided_on));
        let proceeding = v.check("proceeding", || {
            if self.proceeding.trim().is_empty() {
                return Err(Violation::required());
            }
            enum_value::<Proceeding>(&self.proceeding, &Proceeding::KEYS)
        });
        v.finish(|| Recognition {
            authority: authority.unwrap(),
            case_no: case_no.unwrap(),
            decided_on: decided_on.unwrap(),
            proceeding: proceeding.unwrap(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn periods_as_clerks_write_them() {
        let cases = [
            ("2024", "2024-01-01", "2024-12-31", "2024"),
            ("２０２４年", "2024-01-01", "2024-12-31", "2024"),
            ("2019-2024", "2019-01-01", "2024-12-31", "2019–2024"),
            ("2019至2021", "2019-01-01", "2021-12-31", "2019–2021"),
            (
                "2019-03-01..2024-05-31",
                "2019-03-01",
                "2024-05-31",
                "2019-03-01 – 2024-05-31",
            ),
            ("2023年5月1日", "2023-05-01", "2023-05-01", "2023-05-01"),
        ];
        for (input, from, to, shown) in cases {
            let p = Period::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!((p.from, p.to), (d(from), d(to)), "{input}");
            assert_eq!(p.show(), shown, "{input}");
        }
        assert_eq!(
            Period::parse("last year").unwrap_err().rule,
            Rule::PeriodFormat
        );
        assert_eq!(
            Period::parse("2024..2019").unwrap_err().rule,
            Rule::DateOrder
        );
    }

    #[test]
    fn evidence_input_names_every_bad_field() {
        let e = EvidenceInput {
            factor: "fame".into(),
            period: "soon".into(),
            ..Default::default()
        }
        .parse(1)
        .unwrap_err();
        let fields: Vec<_> =
            e.0.iter()
                .map(|v| (v.field.clone().unwrap(), v.rule))
                .collect();
        assert_eq!(
            fields,
            [
                ("title".into(), Rule::Required),
                ("factor".into(), Rule::EnumValue),
                ("period".into(), Rule::PeriodFormat),
                ("source".into(), Rule::Required),
            ]
        );
    }
}

//! A deterministic generator of realistic synthetic catalogues, for benchmarks and load tests.
//!
//! Names are built from real prefecture-level division names, GI product words and company
//! words; credit codes are valid (division part = the city's code, a serial number inside);
//! dates and statuses are plausible. Everything is written through the same path as user input
//! (parsing, store, search index, audit), in large transactions.

use chrono::Datelike;
use serde_json::{Value, json};
use terroir_core::case::{Action, EnforcementCase};
use terroir_core::credit_code::{ALPHABET, check_char};
use terroir_core::{Fen, RecordKind};
use terroir_store::tables;

use crate::error::{ApiError, Result};
use crate::workspace::Workspace;

/// Real prefecture-level cities (GB/T 2260 codes).
const CITIES: &[(&str, &str)] = &[
    ("410100", "郑州市"),
    ("410300", "洛阳市"),
    ("410700", "新乡市"),
    ("411300", "南阳市"),
    ("411500", "信阳市"),
    ("411600", "周口市"),
    ("411700", "驻马店市"),
    ("420100", "武汉市"),
    ("420500", "宜昌市"),
    ("421100", "黄冈市"),
    ("430100", "长沙市"),
    ("430600", "岳阳市"),
    ("431100", "永州市"),
    ("330100", "杭州市"),
    ("330600", "绍兴市"),
    ("331000", "台州市"),
    ("320100", "南京市"),
    ("320500", "苏州市"),
    ("321000", "扬州市"),
    ("340100", "合肥市"),
    ("341000", "黄山市"),
    ("341800", "宣城市"),
    ("350100", "福州市"),
    ("350500", "泉州市"),
    ("350700", "南平市"),
    ("360100", "南昌市"),
    ("360400", "九江市"),
    ("361100", "上饶市"),
    ("370100", "济南市"),
    ("370200", "青岛市"),
    ("370600", "烟台市"),
    ("440100", "广州市"),
    ("440500", "汕头市"),
    ("441400", "梅州市"),
    ("450100", "南宁市"),
    ("450300", "桂林市"),
    ("510100", "成都市"),
    ("511100", "乐山市"),
    ("511800", "雅安市"),
    ("520100", "贵阳市"),
    ("520300", "遵义市"),
    ("530100", "昆明市"),
    ("530800", "普洱市"),
    ("610100", "西安市"),
    ("610800", "榆林市"),
    ("620100", "兰州市"),
    ("640100", "银川市"),
    ("650100", "乌鲁木齐市"),
    ("130100", "石家庄市"),
    ("140100", "太原市"),
    ("210100", "沈阳市"),
    ("220100", "长春市"),
    ("230100", "哈尔滨市"),
    ("150100", "呼和浩特市"),
    ("460100", "海口市"),
    ("540100", "拉萨市"),
    ("630100", "西宁市"),
    ("421000", "荆州市"),
    ("431200", "怀化市"),
    ("361000", "抚州市"),
];

/// The provinces of [`CITIES`], for the targets set at province level.
const PROVINCES: &[(&str, &str)] = &[
    ("130000", "河北省"),
    ("140000", "山西省"),
    ("150000", "内蒙古自治区"),
    ("210000", "辽宁省"),
    ("220000", "吉林省"),
    ("230000", "黑龙江省"),
    ("320000", "江苏省"),
    ("330000", "浙江省"),
    ("340000", "安徽省"),
    ("350000", "福建省"),
    ("360000", "江西省"),
    ("370000", "山东省"),
    ("410000", "河南省"),
    ("420000", "湖北省"),
    ("430000", "湖南省"),
    ("440000", "广东省"),
    ("450000", "广西壮族自治区"),
    ("460000", "海南省"),
    ("510000", "四川省"),
    ("520000", "贵州省"),
    ("530000", "云南省"),
    ("540000", "西藏自治区"),
    ("610000", "陕西省"),
    ("620000", "甘肃省"),
    ("630000", "青海省"),
    ("640000", "宁夏回族自治区"),
    ("650000", "新疆维吾尔自治区"),
];

const PLACES: &[&str] = &[
    "", "东山", "西湖", "南岭", "北坡", "青山", "白河", "金沙", "云雾", "清泉", "高山", "平原",
    "大湖", "龙潭", "凤岭",
];

const PRODUCTS: &[(&str, &str)] = &[
    ("毛尖", "30"),
    ("红茶", "30"),
    ("绿茶", "30"),
    ("白茶", "30"),
    ("云雾茶", "30"),
    ("大米", "30"),
    ("香米", "30"),
    ("小米", "30"),
    ("挂面", "30"),
    ("蜂蜜", "30"),
    ("山药", "31"),
    ("大枣", "31"),
    ("核桃", "31"),
    ("板栗", "31"),
    ("苹果", "31"),
    ("香梨", "31"),
    ("水蜜桃", "31"),
    ("脐橙", "31"),
    ("蜜柚", "31"),
    ("荔枝", "31"),
    ("葡萄", "31"),
    ("西瓜", "31"),
    ("辣椒", "31"),
    ("大蒜", "31"),
    ("生姜", "31"),
    ("莲藕", "31"),
    ("黑猪", "31"),
    ("黄牛", "31"),
    ("山羊", "31"),
    ("土鸡", "31"),
    ("麻鸭", "31"),
    ("大闸蟹", "31"),
    ("甲鱼", "31"),
    ("香菇", "31"),
    ("木耳", "31"),
    ("茶油", "29"),
    ("花椒", "30"),
    ("枸杞", "31"),
    ("黄芪", "5"),
    ("当归", "5"),
    ("菊花", "30"),
    ("金银花", "5"),
    ("丝绸", "24"),
    ("陶瓷", "21"),
    ("刺绣", "26"),
    ("竹编", "20"),
    ("宣纸", "16"),
    ("白酒", "33"),
    ("香醋", "30"),
    ("粉条", "30"),
];

const BRANDS: &[&str] = &[
    "金源", "绿源", "华丰", "宏达", "天润", "正大", "福康", "嘉禾", "瑞丰", "鑫盛", "永辉", "恒信",
    "康达", "汇通", "丰泽", "润田", "佳禾", "兴农", "富民", "绿野", "山川", "清源", "盛世", "和美",
    "益农", "春晖", "百味", "田园", "禾丰", "惠农", "长青", "重阳", "乐山", "银行", "合众", "同心",
    "万家", "千禾", "三和", "九州",
];

const TRADES: &[&str] = &[
    "茶业",
    "农业",
    "食品",
    "生物科技",
    "农产品",
    "养殖",
    "种植",
    "酒业",
    "商贸",
    "农业开发",
    "茶叶",
    "果业",
    "粮油",
    "特产",
    "实业",
];
const SUFFIXES: &[&str] = &[
    "有限公司",
    "有限公司",
    "股份有限公司",
    "专业合作社",
    "家庭农场",
];

/// How many records of each kind a scale makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub gi: usize,
    pub enterprises: usize,
    pub trademarks: usize,
    pub users: usize,
    /// Enforcement cases, in every state of their flow.
    pub cases: usize,
    /// Pledge-financing loans (patents pledged), and demonstration zones (one GI product
    /// each, with three years of its statistics). Every city and province also gets a target
    /// for each computed metric.
    pub financing: usize,
    pub zones: usize,
    /// A target for each computed metric in every city and province.
    pub targets: bool,
}

impl Scale {
    /// `small`, `national` (about China's 2019 totals) or `national-x10`.
    pub fn named(name: &str) -> Option<Scale> {
        match name {
            "small" => Some(Scale {
                gi: 250,
                enterprises: 1_000,
                trademarks: 500,
                users: 1_000,
                cases: 1_000,
                financing: 100,
                zones: 10,
                targets: true,
            }),
            "national" => Some(Scale {
                gi: 2_500,
                enterprises: 10_000,
                trademarks: 5_000,
                users: 10_000,
                cases: 10_000,
                financing: 1_000,
                zones: 100,
                targets: true,
            }),
            "national-x10" => Some(Scale {
                gi: 25_000,
                enterprises: 100_000,
                trademarks: 50_000,
                users: 100_000,
                cases: 100_000,
                financing: 10_000,
                zones: 1_000,
                targets: true,
            }),
            _ => None,
        }
    }

    /// Only the catalogue: GI products, enterprises, trademarks and authorised users, as the
    /// bulk benchmark's baseline was measured before cases and the plan's records were added.
    pub fn catalogue_only(self) -> Scale {
        Scale {
            cases: 0,
            financing: 0,
            zones: 0,
            targets: false,
            ..self
        }
    }

    pub fn total(&self) -> usize {
        self.gi
            + self.enterprises
            + self.trademarks
            + self.users
            + self.cases
            + self.financing
            + self.zones
            + if self.targets { targets().len() } else { 0 }
    }
}

/// A small deterministic PRNG (SplitMix64): the same seed gives the same catalogue.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn short(city: &str) -> &str {
    city.strip_suffix('市').unwrap_or(city)
}

/// A valid credit code for serial `n` registered in `division`.
fn credit_code(division: &str, n: usize, rng: &mut Rng) -> String {
    let alpha: Vec<char> = ALPHABET.chars().collect();
    let mut serial = String::new();
    let mut v = n;
    for _ in 0..6 {
        serial.insert(0, alpha[v % 31]);
        v /= 31;
    }
    let tail: String = (0..3).map(|_| alpha[rng.below(31) as usize]).collect();
    let first17 = format!("91{division}{serial}{tail}");
    format!("{first17}{}", check_char(&first17).expect("alphabet only"))
}

fn date(rng: &mut Rng, from_year: i32, years: u64) -> String {
    let y = from_year + rng.below(years) as i32;
    format!("{y}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))
}

const BATCH: usize = 5_000;

/// A company in a random city, its credit code made for serial `serial`.
fn enterprise(rng: &mut Rng, serial: usize) -> Value {
    let (code, city) = rng.pick(CITIES);
    let name = format!(
        "{}{}{}{}",
        short(city),
        rng.pick(BRANDS),
        rng.pick(TRADES),
        rng.pick(SUFFIXES)
    );
    json!({
        "name": name,
        "credit_code": credit_code(code, serial, rng),
        "division": code,
        "address": format!("{city}{}路{}号", rng.pick(PLACES), 1 + rng.below(300)),
    })
}

/// The `i`th mark, registered as `reg_no` to one of `registrants`: every fourth one a GI
/// certification or collective mark, returned with its number and name as well.
fn trademark(
    rng: &mut Rng,
    i: usize,
    reg_no: String,
    registrants: &[String],
) -> (Value, Option<(String, String)>) {
    let (product, class) = rng.pick(PRODUCTS);
    let (_, city) = rng.pick(CITIES);
    let gi = i.is_multiple_of(4);
    let name = if gi {
        format!("{}{}", short(city), product)
    } else {
        format!("{}{}", rng.pick(BRANDS), product)
    };
    let gi_mark = gi.then(|| (reg_no.clone(), name.clone()));
    let input = json!({
        "reg_no": reg_no,
        "name": name,
        "classes": [class],
        "goods": product,
        "registrant": rng.pick(registrants),
        "kind": if gi { if i.is_multiple_of(8) { "collective" } else { "certification" } } else { "ordinary" },
        "gi": gi,
        "registered_on": date(rng, 2005, 21),
    });
    (input, gi_mark)
}

/// The `i`th GI product: approved in a random city, every third one also protected by one of
/// the GI marks.
fn gi_product(rng: &mut Rng, i: usize, gi_marks: &[(String, String)]) -> Value {
    let categories = ["食用农林产品及食品", "非食用农林产品", "中药材", "手工艺品"];
    let (code, city) = rng.pick(CITIES);
    let (product, class) = rng.pick(PRODUCTS);
    let category = match *class {
        "5" => categories[2],
        "16" | "20" | "21" | "24" | "26" => categories[3],
        _ => categories[0],
    };
    let mut protections = vec![json!({
        "regime": "product_approval",
        "announcement_no": format!("国家知识产权局公告第{}号", 100 + i),
        "announced_on": date(rng, 2008, 17),
        "standard_no": format!("DB{}/T {}-20{:02}", &code[..2], 1000 + i % 9000, 10 + rng.below(15)),
    })];
    if let Some((reg_no, _)) = gi_marks
        .get(i % gi_marks.len().max(1))
        .filter(|_| i.is_multiple_of(3))
    {
        protections.push(
            json!({ "regime": "gi_trademark", "mark_kind": "certification", "trademark": reg_no }),
        );
    }
    json!({
        "name": format!("{}{}{}", short(city), rng.pick(PLACES), product),
        "category": category,
        "responsible": code,
        "divisions": [code],
        "protections": protections,
        "quality_requirements": format!("{product}的感官、理化指标按地方标准执行。"),
    })
}

/// An approved producer of one of `gis`, one of `enterprises`.
fn user(rng: &mut Rng, gis: &[String], enterprises: &[String]) -> Value {
    json!({
        "gi": rng.pick(gis),
        "enterprise": rng.pick(enterprises),
        "kind": "approved_producer",
        "applied_on": date(rng, 2019, 7),
    })
}

/// A generation under way: the random source, and how many records are written of all.
struct Generator<F> {
    rng: Rng,
    done: usize,
    total: usize,
    progress: F,
}

impl<F: FnMut(usize, usize)> Generator<F> {
    /// Add `n` records of `kind`, the `i`th made by `make`, in batches of [`BATCH`].
    fn add(
        &mut self,
        ws: &mut Workspace,
        kind: RecordKind,
        n: usize,
        mut make: impl FnMut(&mut Rng, usize) -> Value,
    ) -> Result<()> {
        let mut items = vec![];
        for i in 0..n {
            items.push(make(&mut self.rng, i));
            if items.len() == BATCH {
                self.write(ws, kind, &mut items)?;
            }
        }
        self.write(ws, kind, &mut items)
    }

    /// Write a batch (if any) in one transaction and report how far the run has got.
    fn write(
        &mut self,
        ws: &mut Workspace,
        kind: RecordKind,
        items: &mut Vec<Value>,
    ) -> Result<()> {
        if !items.is_empty() {
            self.done += items.len();
            ws.add_batch_quiet(kind, std::mem::take(items))?;
            (self.progress)(self.done, self.total);
        }
        Ok(())
    }
}

/// The `i`th case: a party from the register (or named, or a person), a related GI product,
/// opened in 2021–2026, and taken as far through its flow as `rng` says (most are decided,
/// most decided ones closed, some transferred), each fine within its limit.
/// A loan against a patent to one of `enterprises`, counted in a random city.
fn financing(rng: &mut Rng, enterprises: &[String]) -> Value {
    let (code, _) = rng.pick(CITIES);
    let n = rng.below(10_000_000);
    json!({
        "pledgor": rng.pick(enterprises),
        "jurisdiction": code,
        "bank": format!("{}银行", rng.pick(BRANDS)),
        "amount": (100_000 + rng.below(20_000_000)).to_string(),
        "loan_on": date(rng, 2019, 8),
        "items": [{ "patent_no": format!("ZL2020{n:07}.0"), "patent_title": format!("{}加工方法", rng.pick(PRODUCTS).0) }],
    })
}

/// A zone for GI product `gi`: preparing or accepted.
fn zone(rng: &mut Rng, gi: &str) -> Value {
    let (code, city) = rng.pick(CITIES);
    let accepted = rng.below(2) == 0;
    json!({
        "gi": gi,
        "government": format!("{city}人民政府"),
        "jurisdiction": code,
        "status": if accepted { "accepted" } else { "preparing" },
        "preparing_on": "2022-10-01",
        "preparation_ends": "2025-10-31",
        "accepted_on": accepted.then_some("2025-11-20"),
        "kpi_set": "hunan",
    })
}

/// A target for every computed metric in every city and province the generator uses,
/// 2024–2026.
fn targets() -> Vec<Value> {
    let mut out = vec![];
    for (d, _) in CITIES.iter().chain(PROVINCES) {
        for metric in terroir_core::plan::Metric::ALL {
            if metric == terroir_core::plan::Metric::Manual {
                continue;
            }
            out.push(json!({
                "title": format!("{d} {}", metric.key()),
                "jurisdiction": d,
                "starts_on": "2024-01-01",
                "ends_on": "2026-12-31",
                "metric": metric.key(),
                "target": if metric.money() { "100000000" } else { "1000" },
            }));
        }
    }
    out
}

fn case(rng: &mut Rng, i: usize, enterprises: &[String], gis: &[String]) -> (Value, Vec<Action>) {
    use terroir_core::case::{CaseKind, fine_limit};
    let (code, city) = rng.pick(CITIES);
    let kind = match rng.below(10) {
        0..=4 => CaseKind::MarkInfringement,
        5 | 6 => CaseKind::GiMisuse,
        7 => CaseKind::SpecialMarkMisuse,
        8 => CaseKind::WellKnownWording,
        _ => CaseKind::Other,
    };
    let party = match rng.below(10) {
        0..=6 => json!({ "enterprise": rng.pick(enterprises) }),
        7 | 8 => json!({
            "name": format!("{}{}{}商行", short(city), rng.pick(PLACES), rng.pick(BRANDS)),
            "credit_code": credit_code(code, 900_000 + i, rng),
        }),
        _ => json!({ "name": format!("{}某{}", rng.pick(BRANDS), i % 1000), "person": true }),
    };
    let turnover = (kind == CaseKind::MarkInfringement && rng.below(3) > 0)
        .then(|| Fen(100 * (1_000 + rng.below(200_000) as i64)));
    let opened = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap()
        + chrono::Duration::days(rng.below(5 * 365) as i64);
    let input = json!({
        "case_no": format!("{}市监处〔{}〕{}号", short(city), opened.year(), i + 1),
        "kind": kind.key(),
        "source": rng.pick(&terroir_core::case::CaseSource::KEYS),
        "jurisdiction": code,
        "opened_on": opened.to_string(),
        "parties": [party],
        "related": [rng.pick(gis)],
        "turnover": turnover.map(terroir_core::case::yuan),
        "facts": format!("{}检查发现当事人涉嫌{}。", city, terroir_core::vocab::word_or_key("caseKind", kind.key(), terroir_core::Lang::Zh)),
    });
    let mut day = opened;
    let mut next = |rng: &mut Rng, days: u64| {
        day += chrono::Duration::days(1 + rng.below(days) as i64);
        day
    };
    let mut actions = vec![];
    if rng.below(10) == 0 {
        return (input, actions);
    }
    actions.push(Action::Investigate {
        on: next(rng, 10),
        investigator: format!("办案人{}", rng.below(50)),
    });
    if rng.below(20) == 0 {
        actions.push(Action::Transfer {
            on: next(rng, 60),
            receiver: format!("{city}公安局"),
            note: None,
        });
    } else if rng.below(5) > 0 {
        let limit = match kind {
            CaseKind::MarkInfringement => fine_limit(turnover).0,
            CaseKind::WellKnownWording => 10_000_000,
            _ => 5_000_000,
        };
        let penalised = rng.below(10) > 0;
        let fine = match (penalised, kind) {
            (false, _) => 0,
            (true, CaseKind::WellKnownWording) => limit,
            (true, _) => 100 * (1 + rng.below((limit / 100) as u64) as i64),
        };
        let on = next(rng, 120);
        actions.push(Action::Decide {
            on,
            penalised,
            number: format!("{}市监罚〔{}〕{}号", short(city), on.year(), i + 1),
            fine: Some(Fen(fine)),
            confiscation: None,
            order_to_stop: penalised,
            supplier: None,
            reason: (!penalised).then(|| "违法行为轻微并及时改正".to_owned()),
            repeat_of: None,
            bureau_limit: None,
        });
    } else {
        return (input, actions);
    }
    if rng.below(10) < 8 {
        actions.push(Action::Close {
            on: next(rng, 60),
            note: None,
        });
    }
    (input, actions)
}

impl<F: FnMut(usize, usize)> Generator<F> {
    /// Add `n` cases in batches: each parsed from its input as a form's is, taken through its
    /// flow by the core's rules, then stored and indexed like any bulk write.
    fn add_cases(
        &mut self,
        ws: &mut Workspace,
        n: usize,
        enterprises: &[String],
        gis: &[String],
    ) -> Result<()> {
        let mut i = 0;
        while i < n {
            let batch: Vec<(Value, Vec<Action>)> = (i..n.min(i + BATCH))
                .map(|k| case(&mut self.rng, k, enterprises, gis))
                .collect();
            i += batch.len();
            self.done += batch.len();
            ws.add_cases_quiet(batch)?;
            (self.progress)(self.done, self.total);
        }
        Ok(())
    }
}

impl Workspace {
    /// Generate a catalogue of `scale` (seeded, deterministic). `progress(done, total)` is
    /// called after each committed batch.
    pub fn generate(
        &mut self,
        scale: Scale,
        seed: u64,
        progress: impl FnMut(usize, usize),
    ) -> Result<()> {
        let mut g = Generator {
            rng: Rng(seed),
            done: 0,
            total: scale.total(),
            progress,
        };
        // Bulk inserts into large index b-trees: a bigger page cache for the run (256 MB).
        self.conn
            .execute_batch("PRAGMA cache_size=-262144")
            .map_err(terroir_store::Error::from)?;
        self.add_cities()?;
        let start = self
            .list(RecordKind::Enterprise, crate::Show::All, 0, 0)?
            .total as usize;
        g.add(self, RecordKind::Enterprise, scale.enterprises, |rng, i| {
            enterprise(rng, start + i)
        })?;
        let ent_codes = terroir_store::records::live_codes(&self.conn, RecordKind::Enterprise)?;
        if ent_codes.is_empty() {
            return Ok(());
        }
        let reg_start = 80_000_000
            + self
                .list(RecordKind::Trademark, crate::Show::All, 0, 0)?
                .total as usize;
        let mut gi_marks = vec![];
        g.add(self, RecordKind::Trademark, scale.trademarks, |rng, i| {
            let (input, gi_mark) = trademark(rng, i, (reg_start + i).to_string(), &ent_codes);
            gi_marks.extend(gi_mark);
            input
        })?;
        g.add(self, RecordKind::Gi, scale.gi, |rng, i| {
            gi_product(rng, i, &gi_marks)
        })?;
        let gis = terroir_store::records::live_codes(&self.conn, RecordKind::Gi)?;
        if gis.is_empty() {
            return Ok(());
        }
        g.add(self, RecordKind::User, scale.users, |rng, _| {
            user(rng, &gis, &ent_codes)
        })?;
        g.add_cases(self, scale.cases, &ent_codes, &gis)?;
        g.add(self, RecordKind::Financing, scale.financing, |rng, _| {
            financing(rng, &ent_codes)
        })?;
        g.add(
            self,
            RecordKind::Zone,
            scale.zones.min(gis.len()),
            |rng, i| zone(rng, &gis[i]),
        )?;
        let targets = if scale.targets { targets() } else { vec![] };
        g.add(self, RecordKind::Target, targets.len(), |_, i| {
            targets[i].clone()
        })?;
        for gi in gis.iter().take(scale.zones) {
            for year in 2023..=2025 {
                let input = json!({ "year": year.to_string(), "producers": (100 + g.rng.below(900)).to_string(),
                    "output_value": (100_000_000 + g.rng.below(900_000_000)).to_string(),
                    "sector_output": "2000000000", "source": "generated" });
                self.set_gi_stats(gi, input, None)?;
            }
        }
        Ok(())
    }

    /// Add the cities generated records are placed in to the division table, where missing.
    fn add_cities(&mut self) -> Result<()> {
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        for (code, name) in CITIES.iter().chain(PROVINCES) {
            let d = terroir_core::Division {
                code: code.parse().map_err(ApiError::from)?,
                name: (*name).to_owned(),
            };
            if !tables::division_known(&tx, &d.code)? {
                tables::put_division(&tx, &stamp, &d, "generated")?;
            }
        }
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(())
    }

    /// Add a batch without building DTOs for it: the records and their audit rows first, then
    /// their search entries in key order ([`terroir_store::search::put_many`]), in one
    /// transaction.
    pub(crate) fn add_batch_quiet(&mut self, kind: RecordKind, inputs: Vec<Value>) -> Result<()> {
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let mut rows = Vec::with_capacity(inputs.len());
        for input in inputs {
            rows.push(crate::records::by_kind!(
                kind,
                insert_row(&tx, &stamp, input)
            )?);
        }
        terroir_store::search::put_many(&tx, kind, &rows)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(())
    }
}

impl Workspace {
    fn add_cases_quiet(&mut self, cases: Vec<(Value, Vec<Action>)>) -> Result<()> {
        use crate::entity::Entity;
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let mut rows = Vec::with_capacity(cases.len());
        let how = terroir_store::records::InsertAs {
            index_now: false,
            ..terroir_store::records::InsertAs::PLAIN
        };
        for (input, actions) in cases {
            let input: terroir_core::case::CaseInput =
                serde_json::from_value(input).map_err(ApiError::storage)?;
            let lookup = crate::workspace::StoreLookup(&tx);
            let mut case = EnforcementCase::parse(&input, &lookup, None)?;
            for a in actions {
                case.apply(a)?;
            }
            let id = uuid::Uuid::now_v7().to_string();
            rows.push(crate::records::insert_entity(&tx, &stamp, &id, &case, how)?);
        }
        terroir_store::search::put_many(&tx, RecordKind::Case, &rows)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(())
    }
}

fn insert_row<E: crate::entity::Entity>(
    conn: &terroir_store::Connection,
    stamp: &terroir_store::audit::Stamp,
    input: Value,
) -> Result<terroir_store::records::RecordRow> {
    let how = terroir_store::records::InsertAs {
        index_now: false,
        ..terroir_store::records::InsertAs::PLAIN
    };
    crate::records::insert_as::<E>(conn, stamp, input, false, how)
}

//! The spreadsheet columns of each kind of record: the header Terroir writes, the synonyms
//! bureaus use, and how a cell becomes a field of the record's input (and back, for export).
//! Import and export share these definitions, so an exported sheet imports unchanged.

use serde_json::{Map, Value};
use terroir_core::record::RecordKind;

use crate::sheet::Cell;

/// How a column's cells are read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Text,
    /// An identifier: numbers are read without decimals, always written as text.
    Code,
    /// A date: Excel dates and serial numbers become YYYY-MM-DD; text is parsed by the rules.
    Date,
    /// Several values in one cell, separated by 、，,；; or spaces.
    List,
    /// 是/否, yes/no, true/false, 1/0.
    Bool,
}

/// One column of a kind's sheet.
#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    /// Field of the record's input; `regime.field` for a GI protection.
    pub field: &'static str,
    pub header: &'static str,
    pub header_en: &'static str,
    pub synonyms: &'static [&'static str],
    pub value: ValueKind,
    /// A short note written under the header in templates.
    pub note: &'static str,
}

const fn col(
    field: &'static str,
    header: &'static str,
    header_en: &'static str,
    synonyms: &'static [&'static str],
    value: ValueKind,
    note: &'static str,
) -> ColumnDef {
    ColumnDef {
        field,
        header,
        header_en,
        synonyms,
        value,
        note,
    }
}

use ValueKind::*;

const ENTERPRISE: &[ColumnDef] = &[
    col(
        "name",
        "企业名称",
        "Name",
        &["单位名称", "名称", "企业", "公司名称", "市场主体名称"],
        Text,
        "必填",
    ),
    col(
        "credit_code",
        "统一社会信用代码",
        "Unified social credit code",
        &["信用代码", "社会信用代码", "统一代码", "USCC"],
        Code,
        "18 位；已有企业按此更新",
    ),
    col(
        "division",
        "行政区划",
        "Division",
        &[
            "所在地",
            "区划代码",
            "区划",
            "所属区县",
            "所在区县",
            "行政区划代码",
        ],
        Code,
        "区划代码或名称，如 411525 或 固始县",
    ),
    col(
        "address",
        "地址",
        "Address",
        &["注册地址", "住所", "经营地址", "企业地址", "通讯地址"],
        Text,
        "",
    ),
    col(
        "contact_person",
        "联系人",
        "Contact person",
        &["负责人", "法定代表人", "联络人"],
        Text,
        "",
    ),
    col(
        "phone",
        "联系电话",
        "Phone",
        &["电话", "手机", "联系方式", "手机号码"],
        Text,
        "",
    ),
    col("notes", "备注", "Notes", &["说明"], Text, ""),
];

const USER: &[ColumnDef] = &[
    col(
        "gi",
        "地理标志产品",
        "GI product",
        &["产品", "产品名称", "地理标志", "地理标志产品名称"],
        Code,
        "产品编号或名称",
    ),
    col(
        "enterprise",
        "使用人",
        "Enterprise",
        &[
            "企业",
            "企业名称",
            "单位名称",
            "使用人名称",
            "申请人",
            "统一社会信用代码",
            "信用代码",
        ],
        Code,
        "企业编号、统一社会信用代码或名称",
    ),
    col(
        "kind",
        "使用人类型",
        "Kind",
        &["类型", "用户类型"],
        Text,
        "approved_producer / collective_member / certification_licensee / other_recorded",
    ),
    col(
        "applied_on",
        "申请日期",
        "Applied on",
        &["申请时间", "提交日期"],
        Date,
        "如 2024-03-05",
    ),
    col("notes", "备注", "Notes", &["说明"], Text, ""),
];

const TRADEMARK: &[ColumnDef] = &[
    col(
        "reg_no",
        "注册号",
        "Registration no.",
        &["商标注册号", "申请号", "注册号/申请号"],
        Code,
        "必填",
    ),
    col(
        "name",
        "商标名称",
        "Mark",
        &["商标", "名称", "标识"],
        Text,
        "必填",
    ),
    col(
        "classes",
        "类别",
        "Classes",
        &["国际分类", "类号", "尼斯分类", "商品类别"],
        List,
        "如 30 或 29、30",
    ),
    col(
        "goods",
        "商品/服务",
        "Goods and services",
        &["核定使用商品", "商品服务项目", "使用商品"],
        Text,
        "",
    ),
    col(
        "registrant",
        "注册人",
        "Registrant",
        &["权利人", "商标注册人", "注册人名称", "申请人"],
        Code,
        "企业编号、统一社会信用代码",
    ),
    col(
        "kind",
        "商标类型",
        "Kind",
        &["类型", "商标种类"],
        Text,
        "ordinary / collective / certification",
    ),
    col(
        "gi",
        "地理标志商标",
        "GI mark",
        &["是否地理标志", "地理标志"],
        Bool,
        "是 / 否",
    ),
    col(
        "filed_on",
        "申请日期",
        "Filed on",
        &["申请日", "申请时间"],
        Date,
        "",
    ),
    col(
        "registered_on",
        "注册日期",
        "Registered on",
        &["注册日", "注册公告日期", "核准注册日期"],
        Date,
        "有效期自此日起十年",
    ),
    col("notes", "备注", "Notes", &["说明"], Text, ""),
];

const GI: &[ColumnDef] = &[
    col(
        "name",
        "产品名称",
        "Name",
        &["地理标志产品", "名称", "地理标志名称", "产品"],
        Text,
        "必填",
    ),
    col(
        "category",
        "产品类别",
        "Category",
        &["类别", "分类"],
        Text,
        "",
    ),
    col(
        "responsible",
        "负责区划",
        "Responsible division",
        &["主管区划", "所属区划", "所属县市"],
        Code,
        "登记该产品的县或市，区划代码或名称",
    ),
    col(
        "divisions",
        "产地范围（区划）",
        "Divisions",
        &["产地范围", "行政区划", "区划代码", "所在地", "保护范围"],
        List,
        "区划代码或名称，多个用、分隔",
    ),
    col(
        "places",
        "乡镇村",
        "Townships and villages",
        &["乡镇", "产地乡镇"],
        List,
        "多个用、分隔",
    ),
    col(
        "area_description",
        "产地说明",
        "Area description",
        &["产地范围说明", "地域范围"],
        Text,
        "",
    ),
    col(
        "centre",
        "产地中心坐标",
        "Centre",
        &["坐标", "中心坐标", "经纬度"],
        Text,
        "纬度,经度 如 32.13,114.07",
    ),
    col(
        "product_approval.announcement_no",
        "保护公告号",
        "Announcement no.",
        &["公告号", "批准公告号", "批准文号"],
        Text,
        "地理标志产品保护",
    ),
    col(
        "product_approval.announced_on",
        "公告日期",
        "Announced on",
        &["批准日期", "公告时间"],
        Date,
        "",
    ),
    col(
        "product_approval.standard_no",
        "产品标准",
        "Product standard",
        &["标准号", "执行标准", "产品标准号"],
        Text,
        "",
    ),
    col(
        "gi_trademark.trademark",
        "地理标志商标注册号",
        "GI trademark reg. no.",
        &["商标注册号", "地理标志商标"],
        Code,
        "须已录入该商标",
    ),
    col(
        "gi_trademark.mark_kind",
        "商标种类",
        "Mark kind",
        &["证明商标/集体商标"],
        Text,
        "collective / certification",
    ),
    col(
        "agricultural_gi.certificate_no",
        "农产品地理标志证书号",
        "Agricultural GI certificate",
        &["农产品地理标志", "登记证书编号", "证书编号"],
        Text,
        "",
    ),
    col(
        "origin_mark.announcement_no",
        "原产地标记注册公告号",
        "Origin-mark announcement",
        &["原产地标记", "原产地标记注册"],
        Text,
        "原产地标记注册，非地理标志保护",
    ),
    col(
        "origin_mark.announced_on",
        "原产地标记注册日期",
        "Origin-mark date",
        &[],
        Date,
        "",
    ),
    col(
        "agricultural_gi.registered_on",
        "农产品地理标志登记日期",
        "Agricultural GI registered on",
        &["登记日期"],
        Date,
        "",
    ),
    col(
        "quality_requirements",
        "质量技术要求",
        "Quality requirements",
        &["质量特色", "质量要求"],
        Text,
        "",
    ),
    col(
        "history",
        "历史渊源",
        "History",
        &["人文历史", "历史渊源与人文关联"],
        Text,
        "",
    ),
    col(
        "contact",
        "联系方式",
        "Contact",
        &["联系人", "联系电话"],
        Text,
        "",
    ),
    col(
        "profile",
        "产品简介",
        "Profile",
        &["产品介绍", "简介"],
        Text,
        "印在推介资料首页",
    ),
    col(
        "notes",
        "备注",
        "Notes",
        &["说明"],
        Text,
        "局内备注，不印出",
    ),
];

/// The columns of a kind. Only these four are exchanged by spreadsheet; any other kind
/// (candidates, the workbench's records, a kind added later) has none until it is given some.
pub fn columns(kind: RecordKind) -> &'static [ColumnDef] {
    match kind {
        RecordKind::Enterprise => ENTERPRISE,
        RecordKind::User => USER,
        RecordKind::Trademark => TRADEMARK,
        RecordKind::Gi => GI,
        RecordKind::IncentiveRule => INCENTIVE_RULE,
        _ => &[],
    }
}

/// The kinds with a sheet: export, import and templates.
pub fn exchanged_kinds() -> impl Iterator<Item = RecordKind> {
    RecordKind::ALL
        .into_iter()
        .filter(|k| !columns(*k).is_empty())
}

/// A GI product's yearly statistics (not a record kind: one row per product and year, the
/// product named by its code or name), as agricultural bureaus report them.
pub const GI_STATS: &[ColumnDef] = &[
    col(
        "gi",
        "地理标志产品",
        "GI product",
        &["产品名称", "地标产品", "产品", "地理标志"],
        Text,
        "必填：产品编号或名称，如 GI-0001 或 信阳毛尖",
    ),
    col(
        "year",
        "年度",
        "Year",
        &["年份", "统计年度"],
        Code,
        "必填，如 2025",
    ),
    col(
        "producers",
        "区域内生产者（家）",
        "Producers in the area",
        &["生产者数量", "生产者", "生产主体数量"],
        Code,
        "",
    ),
    col(
        "output_value",
        "产值（元）",
        "Output value (yuan)",
        &["产值", "年产值", "总产值"],
        Text,
        "元",
    ),
    col(
        "sector_output",
        "行业总产值（元）",
        "Sector output value (yuan)",
        &["行业产值", "产业总产值", "全产业链产值"],
        Text,
        "元；不小于产值",
    ),
    col(
        "area_mu",
        "种植面积（亩）",
        "Planted area (mu)",
        &["种植面积", "面积", "面积（亩）"],
        Code,
        "种植类适用",
    ),
    col(
        "head_count",
        "存栏（头/只）",
        "Head count",
        &["存栏", "存栏量", "养殖量"],
        Code,
        "养殖类适用",
    ),
    col(
        "e_commerce",
        "电商销售额（元）",
        "E-commerce sales (yuan)",
        &["电商销售额", "网络销售额", "线上销售额"],
        Text,
        "元",
    ),
    col(
        "source",
        "数据来源",
        "Source",
        &["来源", "统计来源", "资料来源"],
        Text,
        "必填，如 市农业农村局统计年报",
    ),
];

/// An incentive policy's award rules as a bureau lists them from its policy document.
const INCENTIVE_RULE: &[ColumnDef] = &[
    col(
        "title",
        "规则名称",
        "Title",
        &["名称", "奖励名称", "奖励项目名称"],
        Text,
        "必填",
    ),
    col(
        "item",
        "奖励事项",
        "Award item",
        &["事项", "奖励类别", "奖励项目"],
        Text,
        "well_known_mark / provincial_famous_mark / gi_trademark / gi_product / agricultural_gi / special_mark_user / madrid_filing",
    ),
    col(
        "amount",
        "奖励金额（元）",
        "Amount (yuan)",
        &["金额", "奖励金额", "奖金"],
        Text,
        "元，如 300000",
    ),
    col(
        "jurisdiction",
        "兑现区划",
        "Paying jurisdiction",
        &["区划", "行政区划", "兑现单位", "出资区划"],
        Code,
        "区划代码或名称，如 411500 或 信阳市",
    ),
    col(
        "policy_no",
        "政策文号",
        "Policy no.",
        &["文号", "依据文件", "政策依据"],
        Text,
        "必填",
    ),
    col(
        "valid_from",
        "生效日期",
        "Valid from",
        &["起始日期", "施行日期", "有效期起"],
        Date,
        "必填",
    ),
    col(
        "valid_to",
        "失效日期",
        "Valid to",
        &["截止日期", "有效期止", "有效期至"],
        Date,
        "",
    ),
    col(
        "window_years",
        "认定年限",
        "Window (years)",
        &["年限", "追溯年限"],
        Text,
        "空：不限；0：当年；n：近 n 年",
    ),
    col(
        "stacking",
        "叠加方式",
        "Stacking",
        &["叠加", "是否叠加"],
        Text,
        "cumulative / highest_only",
    ),
    col(
        "group",
        "就高组",
        "Group",
        &["组别", "就高分组"],
        Text,
        "就高时同组只奖最高一项",
    ),
    col(
        "top_up",
        "补差方式",
        "Top-up",
        &["补差"],
        Text,
        "difference / full；就高时必填",
    ),
    col(
        "once_per",
        "奖励单位",
        "Once per",
        &["每件", "奖励对象"],
        Text,
        "mark / recognition",
    ),
    col(
        "budget_line",
        "预算科目",
        "Budget line",
        &["科目", "资金来源"],
        Text,
        "",
    ),
    col("notes", "备注", "Notes", &["说明"], Text, ""),
];

/// Header text as compared: no spaces (of any width), brackets unified, `*` (required mark)
/// and trailing notes in brackets dropped, ASCII case folded.
pub fn normalise_header(s: &str) -> String {
    let half: String = s.chars().map(terroir_core::text::half_width).collect();
    let base = half.split(['\n', '(']).next().unwrap_or("").to_string();
    base.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '：' | ':'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where each column of the sheet goes.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// Index (0-based) of the header row in the sheet's rows.
    pub header_index: usize,
    /// Spreadsheet row number of the header.
    pub header_row: u32,
    /// (sheet column, definition) for each recognised column.
    pub columns: Vec<(usize, ColumnDef)>,
    /// Headers no definition matches, with their column letters: ignored and reported.
    pub ignored: Vec<String>,
}

fn match_header(defs: &'static [ColumnDef], header: &str) -> Option<ColumnDef> {
    let h = normalise_header(header);
    if h.is_empty() {
        return None;
    }
    // Exact canonical headers win over synonyms (列 “注册号” is a trademark's, not a GI's).
    defs.iter()
        .find(|d| normalise_header(d.header) == h)
        .or_else(|| {
            defs.iter()
                .find(|d| d.synonyms.iter().any(|s| normalise_header(s) == h))
        })
        .copied()
}

/// Find the header row among the first rows (a title row or merged cells above it are
/// skipped) and map its columns. `None` when no row has at least two known headers.
pub fn locate(kind: RecordKind, rows: &[(u32, Vec<Cell>)]) -> Option<Mapping> {
    locate_in(columns(kind), rows)
}

/// [`locate`] for a sheet of the columns `defs` (the GI yearly statistics').
pub fn locate_in(defs: &'static [ColumnDef], rows: &[(u32, Vec<Cell>)]) -> Option<Mapping> {
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, cells)) in rows.iter().enumerate().take(15) {
        let hits = cells
            .iter()
            .filter(|c| match_header(defs, &c.text()).is_some())
            .count();
        if hits >= 2 && best.is_none_or(|(_, h)| hits > h) {
            best = Some((i, hits));
        }
    }
    let (header_index, _) = best?;
    let (header_row, cells) = &rows[header_index];
    let mut mapped: Vec<(usize, ColumnDef)> = vec![];
    let mut ignored = vec![];
    for (c, cell) in cells.iter().enumerate() {
        let text = cell.text();
        if text.trim().is_empty() {
            continue;
        }
        match match_header(defs, &text) {
            Some(d) if !mapped.iter().any(|(_, m)| m.field == d.field) => mapped.push((c, d)),
            _ => ignored.push(format!("{} {}", column_letter(c), text.trim())),
        }
    }
    Some(Mapping {
        header_index,
        header_row: *header_row,
        columns: mapped,
        ignored,
    })
}

/// A, B, … Z, AA, AB …
pub fn column_letter(mut c: usize) -> String {
    let mut s = vec![];
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// Clean a cell's text as bureaus type it: full-width letters and digits to half-width,
/// stray spaces (including ideographic and non-breaking) trimmed and collapsed.
pub fn clean_text(s: &str) -> String {
    // Full-width letters and digits only: Chinese punctuation such as （） stays as typed.
    let half: String = s
        .chars()
        .map(|c| match c {
            '\u{3000}' | '\u{a0}' => ' ',
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => terroir_core::text::half_width(c),
            _ => c,
        })
        .collect();
    half.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean_code(s: &str) -> String {
    s.chars()
        .map(terroir_core::text::half_width)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Split a list cell.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', '；', ';', '/', '\n', ' ', '\u{3000}'])
        .map(clean_code_or_text)
        .filter(|s| !s.is_empty())
        .collect()
}

fn clean_code_or_text(s: &str) -> String {
    clean_text(s)
}

/// The value one cell gives its field, as JSON (`None` for an empty cell).
pub fn cell_value(def: &ColumnDef, cell: &Cell) -> Option<Value> {
    if cell.is_empty() {
        return None;
    }
    Some(match (def.value, cell) {
        (Date, Cell::Date(d)) => Value::String(d.to_string()),
        (Date, Cell::Number(n)) => match crate::sheet::date_from_serial(*n) {
            Some(d) => Value::String(d.to_string()),
            None => Value::String(cell.text()),
        },
        (Date, _) => Value::String(clean_code(&cell.text())),
        (Code, _) => Value::String(clean_code(&cell.text())),
        (List, _) => Value::Array(
            split_list(&cell.text())
                .into_iter()
                .map(Value::String)
                .collect(),
        ),
        (Bool, Cell::Bool(b)) => Value::Bool(*b),
        (Bool, _) => {
            let t = clean_code(&cell.text()).to_lowercase();
            match t.as_str() {
                "是" | "y" | "yes" | "true" | "1" | "√" => Value::Bool(true),
                "否" | "n" | "no" | "false" | "0" | "×" => Value::Bool(false),
                _ => Value::String(t),
            }
        }
        (Text, _) => Value::String(clean_text(&cell.text())),
    })
}

/// Build a record input (the JSON `add` takes) from one row (`kind` none: a sheet that is not
/// a record kind's, such as the GI yearly statistics). GI protection columns become
/// the `protections` list, one per regime with any value. Also returns, for each input field
/// path (as violations name them), the sheet column it came from.
pub fn row_input(
    kind: Option<RecordKind>,
    mapping: &Mapping,
    cells: &[Cell],
) -> (Map<String, Value>, Vec<(String, usize)>) {
    let mut input = Map::new();
    let mut origin = vec![];
    // Per regime: its fields, and the column each came from.
    type Regime<'a> = (&'a str, Map<String, Value>, Vec<(String, usize)>);
    let mut regimes: Vec<Regime> = vec![];
    for (c, def) in &mapping.columns {
        let Some(v) = cells.get(*c).and_then(|cell| cell_value(def, cell)) else {
            continue;
        };
        match def.field.split_once('.') {
            Some((regime, field)) if kind == Some(RecordKind::Gi) => {
                let i = match regimes.iter().position(|(r, _, _)| *r == regime) {
                    Some(i) => i,
                    None => {
                        regimes.push((regime, Map::new(), vec![]));
                        regimes.len() - 1
                    }
                };
                regimes[i].1.insert(field.into(), v);
                regimes[i].2.push((field.into(), *c));
            }
            _ => {
                input.insert(def.field.into(), v);
                origin.push((def.field.into(), *c));
            }
        }
    }
    if kind == Some(RecordKind::Gi) {
        let mut list = vec![];
        for (i, (regime, mut fields, cols)) in regimes.into_iter().enumerate() {
            fields.insert("regime".into(), Value::String(regime.into()));
            list.push(Value::Object(fields));
            for (f, c) in cols {
                origin.push((format!("protections[{i}].{f}"), c));
            }
            if let Some((_, c)) = origin
                .iter()
                .rev()
                .find(|(f, _)| f.starts_with(&format!("protections[{i}]")))
            {
                origin.push((format!("protections[{i}]"), *c));
            }
        }
        if !list.is_empty() {
            input.insert("protections".into(), Value::Array(list));
        }
    }
    (input, origin)
}

/// The cells of one record for export, in [`columns`] order, from its input JSON.
pub fn export_row(kind: RecordKind, input: &Value) -> Vec<Cell> {
    export_cells(columns(kind), Some(kind), input)
}

/// The cells of one row of the columns `defs` (of `kind`'s sheet, or none: the GI yearly
/// statistics'), from the input JSON.
pub fn export_cells(defs: &[ColumnDef], kind: Option<RecordKind>, input: &Value) -> Vec<Cell> {
    defs.iter()
        .map(|def| {
            let v = match def.field.split_once('.') {
                Some((regime, field)) if kind == Some(RecordKind::Gi) => input
                    .get("protections")
                    .and_then(Value::as_array)
                    .and_then(|ps| {
                        ps.iter()
                            .find(|p| p.get("regime").and_then(Value::as_str) == Some(regime))
                    })
                    .and_then(|p| p.get(field)),
                _ => input.get(def.field),
            };
            match (def.value, v) {
                (_, None | Some(Value::Null)) => Cell::Empty,
                (Date, Some(Value::String(s))) => {
                    match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                        Ok(d) => Cell::Date(d),
                        Err(_) => Cell::Text(s.clone()),
                    }
                }
                (_, Some(Value::Array(items))) => Cell::Text(
                    items
                        .iter()
                        .map(|i| {
                            i.as_str()
                                .map(str::to_owned)
                                .unwrap_or_else(|| i.to_string())
                        })
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                (_, Some(Value::Bool(b))) => Cell::Text(if *b { "是" } else { "否" }.into()),
                (_, Some(Value::String(s))) => {
                    if s.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s.clone())
                    }
                }
                (_, Some(other)) => Cell::Text(other.to_string()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn finds_the_header_below_a_title_and_maps_synonyms() {
        let rows = vec![
            (1, vec![t("2024年度信阳市地理标志使用企业名单")]),
            (2, vec![]),
            (
                3,
                vec![
                    t("序号"),
                    t("单位名称"),
                    t(" 信用代码 "),
                    t("所在地"),
                    t("备注（可空）"),
                ],
            ),
            (
                4,
                vec![
                    t("1"),
                    t("信阳毛尖茶业"),
                    t("91411502ma45ty001k"),
                    t("浉河区"),
                ],
            ),
        ];
        let m = locate(RecordKind::Enterprise, &rows).unwrap();
        assert_eq!(m.header_row, 3);
        let fields: Vec<_> = m.columns.iter().map(|(c, d)| (*c, d.field)).collect();
        assert_eq!(
            fields,
            vec![
                (1, "name"),
                (2, "credit_code"),
                (3, "division"),
                (4, "notes")
            ]
        );
        assert_eq!(m.ignored, vec!["A 序号"]);
        let (input, origin) = row_input(Some(RecordKind::Enterprise), &m, &rows[3].1);
        assert_eq!(input["credit_code"], "91411502ma45ty001k");
        assert!(origin.contains(&("division".into(), 3)));
    }

    #[test]
    fn cleans_values_as_bureaus_type_them() {
        let date = col("d", "d", "d", &[], Date, "");
        assert_eq!(
            cell_value(&date, &Cell::Number(43529.0)),
            Some(Value::String("2019-03-05".into()))
        );
        assert_eq!(
            cell_value(&date, &t(" 2019年3月5日 ")),
            Some(Value::String("2019年3月5日".into()))
        );
        let code = col("c", "c", "c", &[], Code, "");
        assert_eq!(
            cell_value(&code, &t("９１４１ 1502")),
            Some(Value::String("91411502".into()))
        );
        assert_eq!(
            cell_value(&code, &Cell::Number(3047772.0)),
            Some(Value::String("3047772".into()))
        );
        let list = col("l", "l", "l", &[], List, "");
        assert_eq!(
            cell_value(&list, &t("29、30，31")),
            Some(serde_json::json!(["29", "30", "31"]))
        );
        let text = col("x", "x", "x", &[], Text, "");
        assert_eq!(
            cell_value(&text, &t("  信阳\u{3000}毛尖  ")),
            Some(Value::String("信阳 毛尖".into()))
        );
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}

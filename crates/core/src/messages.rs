//! Messages for every rule in zh-CN and en-US. Templates name parameters in braces; the field,
//! when known, is prefixed by the renderer. The desktop's vue-i18n catalogue mirrors these keys.

use crate::error::{Lang, Rule, Violation};

/// Every rule with its stable key and its two templates: (key, zh-CN, en-US).
const CATALOGUE: &[(Rule, &str, &str, &str)] = &[
    (Rule::Required, "required", "必填项不能为空", "is required"),
    (
        Rule::TooLong,
        "too_long",
        "过长：最多 {max} 个字符",
        "is too long: at most {max} characters",
    ),
    (
        Rule::EnumValue,
        "enum_value",
        "“{value}”不是可选值；可选：{allowed}",
        "\"{value}\" is not one of: {allowed}",
    ),
    (
        Rule::DateFormat,
        "date_format",
        "“{value}”不是有效日期；请写作 2019-03-05、2019/3/5、2019.3.5 或 2019年3月5日",
        "\"{value}\" is not a valid date; write 2019-03-05, 2019/3/5, 2019.3.5 or 2019年3月5日",
    ),
    (
        Rule::DateOrder,
        "date_order",
        "日期 {later} 不能早于 {earlier}",
        "date {later} cannot be before {earlier}",
    ),
    (
        Rule::DurationFormat,
        "duration_format",
        "“{value}”不是有效期限；请写作 90d、12w、6m 或 1y",
        "\"{value}\" is not a period; write 90d, 12w, 6m or 1y",
    ),
    (
        Rule::CreditCodeLength,
        "credit_code_length",
        "统一社会信用代码应为 18 位，实际为 {len} 位",
        "a unified social credit code has 18 characters, this one has {len}",
    ),
    (
        Rule::CreditCodeCharset,
        "credit_code_charset",
        "第 {position} 位“{char}”不是允许的字符（数字及除 I、O、S、V、Z 外的大写字母）",
        "character {position} \"{char}\" is not allowed (digits and capital letters except I, O, S, V, Z)",
    ),
    (
        Rule::CreditCodeDivision,
        "credit_code_division",
        "第 3–8 位应为登记管理机关的 6 位行政区划代码，实际为“{value}”",
        "characters 3–8 must be the 6-digit division code of the registering authority, found \"{value}\"",
    ),
    (
        Rule::CreditCodeCheckDigit,
        "credit_code_check_digit",
        "校验码不符：按 GB 32100-2015 第 18 位应为“{expected}”，实际为“{found}”",
        "check character mismatch: by GB 32100-2015 character 18 should be \"{expected}\", found \"{found}\"",
    ),
    (
        Rule::DivisionCodeFormat,
        "division_code_format",
        "“{value}”不是 GB/T 2260 行政区划代码（6 位数字，前两位为省级代码）",
        "\"{value}\" is not a GB/T 2260 division code (6 digits starting with a province code)",
    ),
    (
        Rule::DivisionCodeUnknown,
        "division_code_unknown",
        "区划代码 {value} 不在区划表中；可在设置中添加",
        "division code {value} is not in the division table; add it first",
    ),
    (
        Rule::RegNoFormat,
        "reg_no_format",
        "“{value}”不是商标注册号（数字，可带国际注册前缀 G 或分割后缀 A）",
        "\"{value}\" is not a trademark registration number (digits, optional G prefix for international, A suffix for divisional)",
    ),
    (
        Rule::NiceClassRange,
        "nice_class_range",
        "“{value}”不是尼斯分类类别（1–45）",
        "\"{value}\" is not a Nice class (1–45)",
    ),
    (
        Rule::DuplicateValue,
        "duplicate_value",
        "“{value}”重复",
        "\"{value}\" is listed twice",
    ),
    (
        Rule::MoneyFormat,
        "money_format",
        "“{value}”不是金额；请写作 300000 或 300,000.00（元，最多两位小数）",
        "\"{value}\" is not an amount; write 300000 or 300,000.00 (yuan, at most 2 decimals)",
    ),
    (
        Rule::CoordinateFormat,
        "coordinate_format",
        "“{value}”不是坐标；请写作 纬度,经度，如 32.13,114.07",
        "\"{value}\" is not a coordinate; write latitude,longitude such as 32.13,114.07",
    ),
    (
        Rule::ReasonRequired,
        "reason_required",
        "此操作须填写原因",
        "this action needs a reason",
    ),
    (
        Rule::FlowOrder,
        "flow_order",
        "当前阶段“{stage}”不能进行“{action}”",
        "cannot {action} at stage \"{stage}\"",
    ),
    (
        Rule::TrademarkTerminated,
        "trademark_terminated",
        "商标已{state}，不能再办理此事项",
        "the trademark is {state}; this is no longer possible",
    ),
    (
        Rule::PledgeConsentMissing,
        "pledge_consent_missing",
        "{on} 时质权 {pledge} 仍在登记期内，未记录质权人同意（民法典第四百四十四条第二款）：请核实是否已取得质权人同意",
        "pledge {pledge} was in force on {on} and no pledgee consent is recorded (Civil Code art. 444 para 2): check whether the pledgee consented",
    ),
    (
        Rule::SimilarMarkKept,
        "similar_mark_kept",
        "转让人仍保留同类别（第 {classes} 类）的相同或近似商标 {marks}：商标法第四十二条要求一并转让类似商品上的相同或近似商标。同类别只是“类似商品”的近似判断，请核实",
        "the assignor keeps identical or similar marks in the same class ({classes}): {marks}; art. 42 requires them to be assigned together on similar goods. Same class only approximates \"similar goods\": please check",
    ),
    (
        Rule::BeforeInvalidation,
        "before_invalidation",
        "于 {on} 履行，早于 {invalidated_on} 的宣告无效：依商标法第四十七条第二款，已履行的转让、许可不具追溯力，原记录保留未改",
        "performed on {on}, before the invalidation of {invalidated_on}: under art. 47 para 2 it is not undone where already performed; the record is kept as it was",
    ),
    (
        Rule::NotApplicable,
        "not_applicable",
        "此项仅适用于“{applies_to}”",
        "this applies only to \"{applies_to}\"",
    ),
    (
        Rule::JsonInput,
        "json_input",
        "输入不是有效的 JSON：{detail}",
        "input is not valid JSON: {detail}",
    ),
    (
        Rule::UnknownField,
        "unknown_field",
        "未知字段",
        "is not a known field",
    ),
    (
        Rule::CreditCodeTaken,
        "credit_code_taken",
        "统一社会信用代码 {value} 已属于企业 {holder}",
        "credit code {value} already belongs to enterprise {holder}",
    ),
    (
        Rule::RegNoTaken,
        "reg_no_taken",
        "注册号 {value} 已有商标记录 {holder}",
        "registration number {value} is already recorded as {holder}",
    ),
    (
        Rule::CaseNoTaken,
        "case_no_taken",
        "案号 {value} 已有案件记录 {holder}",
        "case number {value} is already recorded as {holder}",
    ),
    (
        Rule::CodeTaken,
        "code_taken",
        "编号 {value} 已被使用",
        "code {value} is already in use",
    ),
    (
        Rule::ReferenceMissing,
        "reference_missing",
        "找不到所引用的{kind}“{value}”",
        "the referenced {kind_en} \"{value}\" does not exist",
    ),
    (
        Rule::Archived,
        "archived",
        "记录 {code} 已归档；请先恢复",
        "record {code} is archived; unarchive it first",
    ),
    (
        Rule::NotArchived,
        "not_archived",
        "记录 {code} 未归档",
        "record {code} is not archived",
    ),
    (
        Rule::NotFound,
        "not_found",
        "找不到{kind}“{value}”",
        "no {kind_en} \"{value}\"",
    ),
    (
        Rule::WorkspaceExists,
        "workspace_exists",
        "工作区 {path} 已存在",
        "a workspace already exists at {path}",
    ),
    (
        Rule::WorkspaceMissing,
        "workspace_missing",
        "没有工作区 {path}；请先运行 terroir init",
        "no workspace at {path}; run terroir init first",
    ),
    (
        Rule::SchemaTooNew,
        "schema_too_new",
        "数据库结构版本为 {found}，本程序最高支持 {supported}；请升级 Terroir",
        "the database schema is version {found}, this program supports up to {supported}; upgrade Terroir",
    ),
    (
        Rule::NetworkFilesystem,
        "network_filesystem",
        "工作区位于网络文件系统（{fstype}）上：SQLite 的 WAL 模式在此不可靠，请放在本地磁盘",
        "the workspace is on a network filesystem ({fstype}): SQLite's WAL mode is unsafe there; use a local disk",
    ),
    (
        Rule::BackupInvalid,
        "backup_invalid",
        "备份 {path} 未通过校验：{detail}",
        "backup {path} failed verification: {detail}",
    ),
    (
        Rule::FileMissing,
        "file_missing",
        "找不到文件 {path}",
        "file {path} not found",
    ),
    (
        Rule::StillReferenced,
        "still_referenced",
        "示例记录 {code} 仍被非示例记录 {holder} 引用；请先修改或删除该引用",
        "sample record {code} is still referred to by {holder}, which is not sample data; change that reference first",
    ),
    (
        Rule::GlyphMissing,
        "glyph_missing",
        "字体中没有字符“{char}”（{codepoint}），无法打印；请改用常用字或联系管理员增加字体",
        "the font has no glyph for \"{char}\" ({codepoint}), so it cannot be printed; use another character or ask for a fallback font",
    ),
    (
        Rule::WellKnownWording,
        "well_known_wording",
        "推介资料不得使用“驰名商标”字样（商标法第十四条第五款）：发现“{found}”",
        "promotion material must not use the words 驰名商标 (well-known trademark; Trademark Law art. 14(5)): found \"{found}\"",
    ),
    (
        Rule::PhotoNotImage,
        "photo_not_image",
        "{path} 不是可识别的图片（支持 JPEG、PNG）",
        "{path} is not an image this program reads (JPEG or PNG)",
    ),
    (
        Rule::PhotoTruncated,
        "photo_truncated",
        "图片 {path} 已损坏或不完整：{detail}",
        "photo {path} is damaged or incomplete: {detail}",
    ),
    (
        Rule::PhotoTooLarge,
        "photo_too_large",
        "图片 {path} 为 {width}×{height} 像素，超过上限 {max}；请先缩小",
        "photo {path} is {width}×{height} pixels, over the limit of {max}; scale it down first",
    ),
    (
        Rule::StandardMissing,
        "standard_missing",
        "没有产品标准号或公告号：使用人无法按规定标注",
        "has no product standard or announcement number: users cannot label their products as required",
    ),
    (
        Rule::ProfileMissing,
        "profile_missing",
        "尚未填写，推介资料开头将没有产品介绍",
        "not filled in: the dossier opens without an introduction",
    ),
    (
        Rule::PhotoMissing,
        "photo_missing",
        "尚未添加，推介资料封面将没有照片",
        "none added: the dossier's cover will have no photo",
    ),
    (
        Rule::SettingsRequired,
        "settings_required",
        "打印推介资料前必须填写，请在“打印”页的推介资料设置中填写",
        "required before dossiers are printed: fill it in the dossier settings on the Print page",
    ),
    (
        Rule::SheetNotSpreadsheet,
        "sheet_not_spreadsheet",
        "不是表格文件：请另存为 .xlsx 或 UTF-8 编码的 .csv",
        "not a spreadsheet: save it as .xlsx or as UTF-8 .csv",
    ),
    (
        Rule::SheetEncoding,
        "sheet_encoding",
        "CSV 文件不是 UTF-8 编码：请在 WPS 或 Excel 中另存为“CSV UTF-8”",
        "the CSV is not UTF-8: save it as \"CSV UTF-8\" in WPS or Excel",
    ),
    (
        Rule::SheetDamaged,
        "sheet_damaged",
        "表格已损坏或不完整：{detail}",
        "the spreadsheet is damaged or incomplete: {detail}",
    ),
    (
        Rule::SheetTooLarge,
        "sheet_too_large",
        "{what} 为 {size} 字节，超过上限 {max}",
        "{what} is {size} bytes, over the limit of {max}",
    ),
    (
        Rule::SheetZipBomb,
        "sheet_zip_bomb",
        "{part} 解压后膨胀 {ratio} 倍：这是压缩炸弹，不是正常表格",
        "{part} expands {ratio} times: a zip bomb, not a spreadsheet",
    ),
    (
        Rule::SheetDeclaredCount,
        "sheet_declared_count",
        "表格声明了 {declared} 个共享字符串（{attr}），实际最多 {max} 个：文件异常",
        "the workbook declares {declared} shared strings ({attr}); at most {max} are possible",
    ),
    (
        Rule::SheetTooMany,
        "sheet_too_many",
        "{what}过多：第 {at} 个，上限 {max}",
        "too many {what}: {at} found, at most {max}",
    ),
    (
        Rule::SheetNoHeader,
        "sheet_no_header",
        "找不到表头：前 15 行中没有一行含两个以上可识别的列名（如 {expected}）",
        "no header row: none of the first 15 rows has two or more known column names (such as {expected})",
    ),
    (
        Rule::DuplicateInFile,
        "duplicate_in_file",
        "与第 {first_row} 行重复（{value}）",
        "duplicates row {first_row} ({value})",
    ),
    (
        Rule::BundleInvalid,
        "bundle_invalid",
        "交换包无法使用：{detail}",
        "the exchange bundle cannot be used: {detail}",
    ),
    (
        Rule::PeriodFormat,
        "period_format",
        "“{value}”不是期间；请写作 2024、2019-2024 或 2019-03-01..2024-05-31",
        "\"{value}\" is not a period; write 2024, 2019-2024 or 2019-03-01..2024-05-31",
    ),
    (
        Rule::WindowFormat,
        "window_format",
        "“{value}”不是年数；留空表示不限，0 表示当年，2 表示近 2 年内",
        "\"{value}\" is not a number of years; leave empty for any time, 0 for the same year, 2 for the last 2 years",
    ),
    (
        Rule::NothingEligible,
        "nothing_eligible",
        "没有适用的奖励规则，核准金额为零；请驳回并说明原因，或先补充奖励规则",
        "no incentive rule applies, so the award would be zero; reject with a reason, or add the rule first",
    ),
    (
        Rule::ClaimsOnGuidance,
        "claims_on_guidance",
        "申请指导不列奖励事项；奖励事项请用奖励申请",
        "a guidance request lists no award items; use an award application for those",
    ),
    (
        Rule::BudgetExceeded,
        "budget_exceeded",
        "超出预算：{jurisdiction} {year} 年度预算 {budget}，已核准及拨付 {committed}，本次 {amount}，剩余 {remaining}；如确需核准，须填写超预算原因",
        "over budget: {jurisdiction}'s {year} budget is {budget}, {committed} is approved or paid, this award is {amount} and {remaining} remains; to approve anyway, give a reason",
    ),
    (
        Rule::BudgetMissing,
        "budget_missing",
        "{jurisdiction} 没有 {year} 年度奖励预算；请先设定预算，或填写超预算原因",
        "{jurisdiction} has no award budget for {year}; set one first, or give a reason to approve without it",
    ),
    (
        Rule::PdfUnreadable,
        "pdf_unreadable",
        "“{name}”不是可读取的 PDF 文件（{detail}），无法计算页数",
        "\"{name}\" is not a readable PDF ({detail}), so its pages cannot be counted",
    ),
    (
        Rule::DocumentFormat,
        "document_format",
        "不是可检查的文档：请另存为 .txt、.docx 或 .pdf",
        "not a document that can be checked: save it as .txt, .docx or .pdf",
    ),
    (
        Rule::DocumentDamaged,
        "document_damaged",
        "文档已损坏或不完整：{detail}",
        "the document is damaged or incomplete: {detail}",
    ),
    (
        Rule::DocumentTooLarge,
        "document_too_large",
        "{what} 为 {size} 字节，超过上限 {max}",
        "{what} is {size} bytes, over the limit of {max}",
    ),
    (
        Rule::DocumentZipBomb,
        "document_zip_bomb",
        "{part} 解压后膨胀 {ratio} 倍：这是压缩炸弹，不是正常文档",
        "{part} expands {ratio} times: a zip bomb, not a document",
    ),
    (
        Rule::DocumentUnreadable,
        "document_unreadable",
        "第 {page} 页的文字无法提取（{detail}）：可能是扫描件，或 PDF 缺少字符映射；这一页未经检查，请人工核对",
        "the text of page {page} cannot be extracted ({detail}): a scan, or a PDF without a character map; this page was not checked, read it yourself",
    ),
    (
        Rule::AttachmentTooLarge,
        "attachment_too_large",
        "“{name}”有 {size} MB，超过附件上限 {max} MB；请压缩或拆分后再附",
        "\"{name}\" is {size} MB, over the {max} MB limit for an attachment; compress or split it",
    ),
    (
        Rule::TooMany,
        "too_many",
        "过多：最多 {max} 项，实际 {count} 项",
        "has too many entries: at most {max}, found {count}",
    ),
    (
        Rule::StaleVersion,
        "stale_version",
        "记录 {code} 在你打开编辑后已被 {by} 修改（{at}）：你的修改基于第 {version} 版，现为第 {current} 版，未保存。请看下列改动，重新打开后再改",
        "record {code} was changed by {by} ({at}) after you opened it: your edit is based on version {version}, it is now version {current}, and nothing was saved; see the changes below and edit again",
    ),
    (
        Rule::ChangedMeanwhile,
        "changed_meanwhile",
        "已被他人改为“{after}”（原为“{before}”）",
        "was changed meanwhile to \"{after}\" (was \"{before}\")",
    ),
    (
        Rule::Busy,
        "busy",
        "工作区正被另一程序（桌面程序或命令行）写入，等待 10 秒仍未轮到；未写入任何内容，请稍后重试",
        "another program (the desktop app or the command line) is writing the workspace and it did not become free within 10 seconds; nothing was written, try again",
    ),
    (
        Rule::CalendarDate,
        "calendar_date",
        "{value} 不在 {year} 年内",
        "{value} is not in {year}",
    ),
    (
        Rule::CalendarWorkday,
        "calendar_workday",
        "{value} 不是周六或周日：调休上班日只能是周末",
        "{value} is not a Saturday or Sunday: a weekend day made a working day must be a weekend day",
    ),
    (
        Rule::NumberFormat,
        "number_format",
        "“{value}”不是整数；请写作 30000 或 30,000",
        "\"{value}\" is not a whole number; write 30000 or 30,000",
    ),
    (
        Rule::ClaimUnproven,
        "claim_unproven",
        "申报事项须以记录证明：{detail}",
        "a claim must be proven by a record: {detail}",
    ),
    (
        Rule::FineOverLimit,
        "fine_over_limit",
        "罚款超过商标法第六十条第二款的上限 {limit}（违法经营额 {turnover}：五万元以上的，最高为其五倍；没有或不足五万元的，最高二十五万元）",
        "the fine is over the limit of Trademark Law art. 60 para 2, {limit} (illegal turnover {turnover}: from ¥50,000, up to five times it; none or below, up to ¥250,000)",
    ),
    (
        Rule::FineOverBureauLimit,
        "fine_over_bureau_limit",
        "罚款超过本局为此类案件设定的上限 {limit}（依据：{basis}）",
        "the fine is over the limit the bureau set for this kind of case, {limit} (basis: {basis})",
    ),
    (
        Rule::SellerStopOnly,
        "seller_stop_only",
        "销售者不知道是侵权商品、能证明合法取得并说明提供者（{supplier}）的，只责令停止销售（商标法第六十条第二款）：不罚款、不没收",
        "a seller who did not know, proves a lawful source and names the supplier ({supplier}) is only ordered to stop selling (art. 60 para 2): no fine, no confiscation",
    ),
    (
        Rule::WordingFine,
        "wording_fine",
        "违法使用“驰名商标”字样的罚款为 {expected}（商标法第五十三条），此处为 {found}",
        "the fine for using the words 驰名商标 is {expected} (art. 53); this one is {found}",
    ),
    (
        Rule::RepeatInfringer,
        "repeat_infringer",
        "该当事人 {years} 年内已有侵权处罚（{code}），应从重处罚",
        "this party was penalised for infringement within {years} years ({code}): a heavier penalty applies",
    ),
    (
        Rule::TargetNotAboveBaseline,
        "target_not_above_baseline",
        "存量指标的目标值须高于基数 {baseline}",
        "a stock target must be above its baseline, {baseline}",
    ),
    (
        Rule::AmountNotPositive,
        "amount_not_positive",
        "金额须大于零",
        "the amount must be more than zero",
    ),
    (
        Rule::PledgeNotRegistered,
        "pledge_not_registered",
        "商标 {mark} 没有已登记的质权：请先在该商标上录入出质登记（质押融资只引用商标上的登记，不另存一份）",
        "trademark {mark} has no registered pledge: record the pledge registration on the trademark first (a financing record refers to it, never copies it)",
    ),
    (
        Rule::YearOutsidePeriod,
        "year_outside_period",
        "{year} 年不在目标期限（{from}—{to} 年）内",
        "{year} is outside the target's period ({from}–{to})",
    ),
    (
        Rule::OutputOverSector,
        "output_over_sector",
        "产值 {output} 超过行业总产值 {sector}",
        "the output value {output} is more than the sector's, {sector}",
    ),
    (
        Rule::Storage,
        "storage",
        "存储错误：{detail}",
        "storage error: {detail}",
    ),
];

fn entry(rule: Rule) -> &'static (Rule, &'static str, &'static str, &'static str) {
    CATALOGUE
        .iter()
        .find(|e| e.0 == rule)
        .expect("every rule has a catalogue entry (tested)")
}

pub(crate) fn key(rule: Rule) -> &'static str {
    entry(rule).1
}

/// Words for every field a message can name, in the glossary's terms: (key, zh-CN, en-US).
/// A path is labelled segment by segment (`protections[0].trademark` → 保护第 1 项 · 商标);
/// `tests/messages.rs` checks that every field path the code names is listed here.
const FIELDS: &[(&str, &str, &str)] = &[
    ("paragraph", "规划条目", "Plan paragraph"),
    ("starts_on", "起始日期", "Starts on"),
    ("ends_on", "截止日期", "Ends on"),
    ("metric", "指标", "Metric"),
    ("baseline", "基数", "Baseline"),
    ("target", "目标值", "Target"),
    ("unit", "单位", "Unit"),
    ("value", "数值", "Value"),
    ("values", "年度数值", "Yearly values"),
    ("pledgor", "出质人", "Pledgor"),
    ("bank", "贷款银行", "Lending bank"),
    ("loan_on", "放款日期", "Loan date"),
    ("released_on", "解除质押日期", "Released on"),
    ("items", "质押物", "Pledged items"),
    ("pledge_no", "出质登记号", "Pledge registration no."),
    ("patent_no", "专利号", "Patent no."),
    ("patent_title", "专利名称", "Patent title"),
    ("interest_subsidy", "贴息", "Interest subsidy"),
    ("risk_compensation", "风险补偿", "Risk compensation"),
    ("government", "责任政府", "Responsible government"),
    ("applied_doc", "申报文号", "Application document no."),
    (
        "preparing_on",
        "批准筹建日期",
        "Approved for preparation on",
    ),
    ("preparing_doc", "筹建批复文号", "Preparation approval no."),
    (
        "preparation_ends",
        "筹建期届满日",
        "Preparation period ends",
    ),
    ("accepted_on", "验收日期", "Accepted on"),
    ("accepted_doc", "验收文号", "Acceptance document no."),
    ("revoked_on", "撤销日期", "Revoked on"),
    ("revoked_doc", "撤销文号", "Revocation document no."),
    ("kpi_set", "考核指标", "KPI rule set"),
    ("key", "代号", "Key"),
    ("subtitle", "副标题", "Subtitle"),
    ("min_users", "使用人数下限", "Minimum users"),
    (
        "min_authorised_pct",
        "获准使用比例下限（%）",
        "Minimum share authorised (%)",
    ),
    ("min_output", "产值下限", "Minimum output value"),
    (
        "min_sector_pct",
        "占行业产值比例下限（%）",
        "Minimum share of the sector (%)",
    ),
    ("producers", "产区生产者数量", "Producers in the area"),
    ("output_value", "产值", "Output value"),
    ("sector_output", "行业总产值", "Sector output value"),
    ("area_mu", "种植面积（亩）", "Planted area (mu)"),
    ("head_count", "存栏数", "Head count"),
    ("e_commerce", "电商销售额", "E-commerce sales"),
    ("limit_basis", "上限依据", "Basis of the limit"),
    ("max", "上限", "Limit"),
    ("basis", "依据", "Basis"),
    ("attachments", "附件", "Attachments"),
    ("rows", "统计表的行", "Form rows"),
    ("label", "项目", "Label"),
    ("measure", "统计口径", "Measure"),
    ("kinds", "案件类型", "Case kinds"),
    ("closed_on", "结案日期", "Closed on"),
    ("transfer", "移送", "Transfer"),
    (
        "repeat_of",
        "五年内此前处罚",
        "Earlier penalty within five years",
    ),
    ("limit", "罚款上限", "Fine limit"),
    ("confiscation", "没收", "Confiscation"),
    ("facts", "案情", "Facts"),
    ("fine", "罚款", "Fine"),
    ("investigator", "承办人", "Investigator"),
    ("legal_basis", "法律依据", "Legal basis"),
    ("number", "文号", "Document number"),
    ("opened_on", "立案日期", "Opened on"),
    ("order_to_stop", "责令停止", "Order to stop"),
    ("parties", "当事人", "Parties"),
    ("penalised", "处罚", "Penalised"),
    ("person", "自然人", "Natural person"),
    ("receiver", "移送机关", "Transferred to"),
    ("related", "关联记录", "Related records"),
    ("supplier", "提供者", "Supplier"),
    ("turnover", "违法经营额", "Illegal turnover"),
    ("actor", "操作人", "Operator"),
    ("address", "地址", "Address"),
    ("allowed", "可选值", "Allowed values"),
    ("amount", "金额", "Amount"),
    ("announced_on", "公告日期", "Announcement date"),
    ("announcement_no", "公告号", "Announcement number"),
    ("applied_on", "申请日期", "Applied on"),
    ("area", "产地范围", "Production area"),
    (
        "area_description",
        "产地范围说明",
        "Production area description",
    ),
    ("as_of", "基准日期", "As of"),
    ("assignments", "转让", "Assignments"),
    ("authority", "认定机关", "Authority"),
    ("award", "奖励", "Award"),
    ("budget_line", "预算科目", "Budget line"),
    ("bundle", "交换包", "Exchange bundle"),
    ("calendar", "工作日历", "Working-day calendar"),
    ("caption", "照片说明", "Photo caption"),
    ("case_no", "案号", "Case number"),
    ("category", "产品类别", "Product category"),
    ("centre", "中心坐标", "Centre coordinate"),
    ("certificate_no", "登记证书编号", "Certificate number"),
    ("claims", "奖励事项", "Award items"),
    ("classes", "类别", "Classes"),
    ("code", "编号", "Code"),
    ("contact", "联系方式", "Contact"),
    ("contact_person", "联系人", "Contact person"),
    ("county", "行政区划", "Division"),
    (
        "credit_code",
        "统一社会信用代码",
        "Unified social credit code",
    ),
    ("decided_on", "决定日期", "Decided on"),
    ("description", "说明", "Description"),
    ("division", "行政区划", "Administrative division"),
    ("divisions", "行政区划", "Administrative divisions"),
    ("document", "证明文件", "Document"),
    ("document_no", "文号", "Document number"),
    ("due_on", "截止日期", "Due date"),
    ("enterprise", "企业", "Enterprise"),
    ("evidence", "证据", "Evidence"),
    ("factor", "证明事项", "Factor"),
    ("file", "文件", "File"),
    ("filed_on", "申请日期", "Filed on"),
    ("files", "附件", "Attachments"),
    ("from", "起始日期", "From"),
    ("gi", "地理标志", "Geographical indication"),
    ("goods", "核定商品", "Goods"),
    ("group", "就高分组", "Highest-only group"),
    ("history", "历史渊源与关联性", "History and cultural link"),
    ("holidays", "放假日期", "Holidays"),
    ("issuer", "发布单位", "Issuer"),
    ("issuer_contact", "发布单位联系方式", "Issuer's contact"),
    ("item", "奖励事项", "Award item"),
    ("jurisdiction", "兑现区划", "Paying jurisdiction"),
    ("kind", "类型", "Kind"),
    ("licences", "许可", "Licences"),
    ("licensee", "被许可人", "Licensee"),
    ("lines", "明细", "Lines"),
    ("mark_kind", "商标种类", "Mark kind"),
    ("name", "名称", "Name"),
    ("no", "编号", "Number"),
    ("note", "说明", "Note"),
    ("notes", "备注", "Notes"),
    ("on", "日期", "Date"),
    ("onsite_check_on", "现场核查日期", "On-site check date"),
    ("original_name", "文件名", "File name"),
    ("output", "输出文件", "Output file"),
    ("over_budget_reason", "超预算原因", "Over-budget reason"),
    ("period", "期间", "Period"),
    ("phone", "电话", "Phone"),
    ("photo", "照片", "Photo"),
    ("photos", "照片", "Photos"),
    ("places", "乡镇、村", "Townships and villages"),
    ("pledgee", "质权人", "Pledgee"),
    ("pledges", "质押", "Pledges"),
    ("policy_no", "政策文号", "Policy number"),
    ("proceeding", "案件类型", "Proceeding"),
    ("counterpart", "对方商标或案件", "Counterpart mark or case"),
    ("reference_on", "基准日", "Reference date"),
    ("profile", "产品简介", "Profile"),
    ("proof", "证明记录", "Proof"),
    ("half", "半年度", "Half-year"),
    ("used", "是否使用", "Used"),
    ("output", "产量", "Output"),
    ("labels", "标识用量", "Labels used"),
    ("links", "电商链接", "E-commerce links"),
    ("due_days", "截止天数", "Days until due"),
    ("licence_no", "许可编号", "Licence number"),
    ("membership_no", "会员编号", "Membership number"),
    ("responsible", "负责区划", "Responsible division"),
    ("top_up", "补差方式", "Top-up"),
    ("once_per", "奖励计次", "Counted once per"),
    ("protections", "保护", "Protections"),
    ("qr_template", "二维码内容", "QR code content"),
    ("qr_text", "二维码内容", "QR code content"),
    (
        "quality_requirements",
        "质量技术要求",
        "Quality technical requirements",
    ),
    ("reason", "原因", "Reason"),
    ("received_on", "收到日期", "Received on"),
    ("recognition", "认定", "Recognition"),
    ("recordal_no", "备案号", "Recordal number"),
    ("reg_no", "注册号", "Registration number"),
    ("regime", "保护方式", "Protection"),
    ("region", "所在地区", "Region"),
    ("registered", "注册", "Registration"),
    ("registered_on", "注册日期", "Registration date"),
    ("registrant", "注册人", "Registrant"),
    (
        "registration_no",
        "质押登记号",
        "Pledge registration number",
    ),
    ("renewals", "续展", "Renewals"),
    ("reviewer", "审核人", "Reviewer"),
    ("scale", "规模", "Scale"),
    ("source", "来源", "Source"),
    ("stacking", "叠加方式", "Stacking"),
    ("standard_no", "产品标准", "Product standard"),
    ("state", "状态", "State"),
    ("sort", "排序", "Sort by"),
    ("expires_from", "到期日起", "Expires from"),
    ("expires_to", "到期日止", "Expires to"),
    ("status", "状态", "Status"),
    ("status_history", "状态记录", "Status history"),
    ("steps", "办理步骤", "Steps"),
    ("subject", "申请对象", "Subject"),
    ("subject_kind", "申请对象类型", "Subject type"),
    ("termination", "终止", "Termination"),
    ("title", "标题", "Title"),
    ("to", "终止日期", "To"),
    ("today", "今天的日期", "Today's date"),
    ("trademark", "商标", "Trademark"),
    ("use_reports", "使用情况报告", "Use reports"),
    ("users", "授权使用人", "Authorised users"),
    ("valid_from", "生效日期", "Valid from"),
    ("valid_to", "失效日期", "Valid to"),
    ("voucher", "拨付凭证号", "Payment voucher"),
    ("window_years", "取得时限（年）", "Window (years)"),
    ("within", "期限", "Within"),
    ("workdays", "调休上班日期", "Working weekend days"),
    ("year", "年度", "Year"),
    ("consent_on", "质权人同意日期", "Pledgee consent date"),
    ("consent_no", "质权人同意文件", "Pledgee consent document"),
    ("effective_on", "生效日期", "Effective date"),
    ("ground", "注销原因", "Ground"),
    ("recorded_on", "备案日期", "Recordal date"),
    ("term_ends", "登记期限届满日", "Registered term ends"),
    ("keep", "保留份数", "Generations kept"),
    ("entity", "类别", "Kind"),
    ("total", "合计", "Total"),
    ("by", "经办人", "By"),
    ("passed", "审核结果", "Result"),
    ("term_starts", "新一期起始日", "Next term starts"),
    ("outcome", "结果", "Outcome"),
    ("onsite_result", "现场核查结果", "On-site check result"),
    ("recorded", "已备案", "Recorded"),
    ("status_events", "状态变化", "Status changes"),
    ("provincial_review", "省级审核", "Provincial review"),
    ("first_review", "初审", "First review"),
    ("decision", "决定", "Decision"),
    ("submitted_on", "提交日期", "Submitted on"),
    ("action", "事项", "Action"),
    ("rejection", "驳回", "Rejection"),
    ("paid_on", "拨付日期", "Paid on"),
    (
        "pledge_registered_on",
        "质押登记日期",
        "Pledge registered on",
    ),
    ("amount_fen", "金额", "Amount"),
];

/// The words for one field name (no path), if it has them.
pub fn field_word(name: &str, lang: Lang) -> Option<&'static str> {
    FIELDS.iter().find(|f| f.0 == name).map(|f| match lang {
        Lang::Zh => f.1,
        Lang::En => f.2,
    })
}

/// A field path in words: `protections[0].trademark` → 保护第 1 项 · 商标 /
/// Protections #1 · Trademark. A segment without words (a key the user typed, reported as
/// `unknown_field`) is shown as written.
pub fn field_label(path: &str, lang: Lang) -> String {
    let mut parts = vec![];
    for segment in path.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        let word = field_word(name, lang).unwrap_or(name);
        parts.push(match (index, lang) {
            (Some(i), Lang::Zh) if name.is_empty() => format!("第 {} 项", i + 1),
            (Some(i), Lang::En) if name.is_empty() => format!("item {}", i + 1),
            (Some(i), Lang::Zh) => format!("{word}第 {} 项", i + 1),
            (Some(i), Lang::En) => format!("{word} #{}", i + 1),
            (None, _) => word.to_owned(),
        });
    }
    parts.join(" · ")
}

/// Whether every segment of a field path has words (tests check each path the code names).
pub fn field_has_words(path: &str) -> bool {
    path.split('.')
        .map(|seg| seg.split('[').next().unwrap_or(seg))
        .all(|name| name.is_empty() || field_word(name, Lang::Zh).is_some())
}

/// The message template of a rule, with its `{placeholders}` unfilled.
pub fn template(rule: Rule, lang: Lang) -> &'static str {
    let (_, _, zh, en) = entry(rule);
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The `{name}`s a template asks for.
pub fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|p| p.0))
}

pub(crate) fn render(v: &Violation, lang: Lang) -> String {
    let text = template(v.rule, lang);
    debug_assert!(
        placeholders(text).all(|p| v.params.contains_key(p)),
        "{v:?} lacks a parameter of its message: {text}"
    );
    // Each placeholder is filled once, from the template: a value that itself contains
    // `{…}` (text the user typed) is never read as a placeholder.
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.split_once('}') {
            Some((name, tail)) => {
                out.push_str(v.params.get(name).map_or(name, String::as_str));
                rest = tail;
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    // An unknown field is one the user typed: it is named as written.
    let label = |f: &str| match (v.rule, lang) {
        (Rule::UnknownField, _) => f.to_owned(),
        (_, Lang::Zh) => format!("{}（{f}）", field_label(f, lang)),
        (_, Lang::En) => format!("{} ({f})", field_label(f, lang)),
    };
    match (&v.field, lang) {
        (Some(f), Lang::Zh) => format!("{}：{out}", label(f)),
        (Some(f), Lang::En) => format!("{}: {out}", label(f)),
        (None, _) => out,
    }
}

/// All rule keys, for front ends that check their catalogues are complete.
pub fn all_keys() -> impl Iterator<Item = &'static str> {
    CATALOGUE.iter().map(|e| e.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_message_and_its_key_matches_serde() {
        for (rule, key, zh, en) in CATALOGUE {
            let json = serde_json::to_string(rule).unwrap();
            assert_eq!(json, format!("\"{key}\""));
            assert!(!zh.is_empty() && !en.is_empty());
        }
        // A rule missing from the catalogue would make `entry` panic: list them all here.
        let count = CATALOGUE.len();
        let unique: std::collections::HashSet<_> = CATALOGUE.iter().map(|e| e.0).collect();
        assert_eq!(unique.len(), count, "a rule is listed twice");
        assert_eq!(count, Rule::Storage as usize + 1, "a rule has no message");
    }

    #[test]
    fn message_names_field_and_parameters() {
        let v = Violation::credit_code_length(17).at("credit_code");
        assert_eq!(
            v.message(Lang::Zh),
            "统一社会信用代码（credit_code）：统一社会信用代码应为 18 位，实际为 17 位"
        );
        assert_eq!(
            v.message(Lang::En),
            "Unified social credit code (credit_code): a unified social credit code has 18 characters, this one has 17"
        );
    }

    #[test]
    fn every_template_asks_for_what_its_constructor_gives() {
        for (rule, key, zh, en) in CATALOGUE {
            let (_, given) = crate::error::PARAMS
                .iter()
                .find(|(r, _)| r == rule)
                .expect("every rule has a constructor");
            let mut given = given.to_vec();
            given.sort_unstable();
            // A word given in each language (`kind`, `kind_en`) is asked for by one template.
            let mut asked: Vec<_> = placeholders(zh).chain(placeholders(en)).collect();
            asked.sort_unstable();
            asked.dedup();
            assert_eq!(asked, given, "{key}: {zh} / {en}");
        }
    }

    #[test]
    fn both_languages_ask_for_the_same_parameters_and_fill_them_all() {
        for (rule, key, zh, en) in CATALOGUE {
            // The same parameters, but for a word given in each language: `x` in Chinese is
            // `x_en` in English.
            let mut p: Vec<_> = placeholders(zh).collect();
            let mut q: Vec<_> = placeholders(en)
                .map(|n| n.strip_suffix("_en").unwrap_or(n))
                .collect();
            p.sort_unstable();
            q.sort_unstable();
            assert_eq!(p, q, "{key}: zh-CN and en-US name different parameters");
            let v = Violation {
                field: Some("on".into()),
                rule: *rule,
                params: placeholders(zh)
                    .chain(placeholders(en))
                    .map(|k| (k.to_string(), "{x}".into()))
                    .collect(),
            };
            for lang in [Lang::Zh, Lang::En] {
                let m = v.message(lang);
                let left = m.replace("{x}", "");
                assert!(!left.contains('{') && !left.contains('}'), "{key}: {m}");
            }
        }
    }

    #[test]
    fn field_paths_are_labelled_segment_by_segment() {
        assert_eq!(
            field_label("protections[0].trademark", Lang::Zh),
            "保护第 1 项 · 商标"
        );
        assert_eq!(
            field_label("users[2].credit_code", Lang::En),
            "Authorised users #3 · Unified social credit code"
        );
        assert_eq!(field_label("[4].name", Lang::Zh), "第 5 项 · 名称");
        let v = Violation::date_order("2026-12-01", "2020-01-01").at("on");
        assert_eq!(
            v.message(Lang::Zh),
            "日期（on）：日期 2020-01-01 不能早于 2026-12-01"
        );
        assert_eq!(
            v.message(Lang::En),
            "Date (on): date 2020-01-01 cannot be before 2026-12-01"
        );
        // A key the user typed is named as written.
        let typed = "colour";
        let v = Violation::unknown_field().at(typed);
        assert_eq!(v.message(Lang::En), "colour: is not a known field");
    }
}

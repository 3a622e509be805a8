//! The one vocabulary (词表): the words for every record kind, regime, state, step, factor and
//! criterion key the api returns, in both languages. The CLI, the dossier and the reminders
//! take their words from here, and the UI loads the same table (written next to the bindings as
//! `vocabulary.json` by this module's test), so a state reads the same everywhere. The i18n
//! files of the UI keep only its own chrome.

use std::collections::BTreeMap;

use crate::error::Lang;

/// (group, key, zh-CN, en-US). The group is the name the UI looks the key up under
/// (`t('standing.lapsed')`).
pub const WORDS: &[(&str, &str, &str, &str)] = &[
    // kind
    ("kind", "gi", "地理标志产品", "GI product"),
    ("kind", "enterprise", "企业", "enterprise"),
    ("kind", "user", "授权使用人", "authorised user"),
    ("kind", "trademark", "商标", "trademark"),
    (
        "kind",
        "candidate",
        "驰名商标培育对象",
        "well-known-mark candidate",
    ),
    ("kind", "application", "申请", "application"),
    ("kind", "incentive_rule", "奖励规则", "incentive rule"),
    ("kind", "case", "执法案件", "enforcement case"),
    ("kind", "target", "规划目标", "plan target"),
    ("kind", "financing", "质押融资", "pledge financing"),
    ("kind", "zone", "示范区", "demonstration zone"),
    // regime
    (
        "regime",
        "product_approval",
        "地理标志产品保护",
        "GI product approval",
    ),
    ("regime", "gi_trademark", "地理标志商标", "GI trademark"),
    (
        "regime",
        "agricultural_gi",
        "农产品地理标志",
        "Agricultural GI",
    ),
    (
        "regime",
        "origin_mark",
        "原产地标记注册（非地理标志保护）",
        "Origin-mark registration (not GI protection)",
    ),
    // markKind
    ("markKind", "ordinary", "普通商标", "Ordinary mark"),
    ("markKind", "collective", "集体商标", "Collective mark"),
    (
        "markKind",
        "certification",
        "证明商标",
        "Certification mark",
    ),
    // userKind
    (
        "userKind",
        "approved_producer",
        "获准使用的生产者",
        "Approved producer",
    ),
    (
        "userKind",
        "collective_member",
        "集体商标注册人成员",
        "Collective-mark member",
    ),
    (
        "userKind",
        "certification_licensee",
        "证明商标被许可人",
        "Certification-mark licensee",
    ),
    (
        "userKind",
        "other_recorded",
        "其他备案使用人",
        "Other recorded user",
    ),
    // stage
    ("stage", "applied", "已申请", "Applied"),
    ("stage", "first_reviewed", "已初审", "First reviewed"),
    (
        "stage",
        "provincially_reviewed",
        "已省级审核",
        "Provincially reviewed",
    ),
    ("stage", "rejected", "已驳回", "Rejected"),
    ("stage", "active", "已核准使用", "Approved, in use"),
    ("stage", "suspended", "暂停使用", "Suspended"),
    ("stage", "withdrawn", "撤销使用", "Withdrawn"),
    // standing
    ("standing", "registered", "有效", "In force"),
    ("standing", "renewal_due", "续展期内", "Renewal window"),
    ("standing", "in_grace", "宽展期内", "Grace period"),
    ("standing", "lapsed", "已失效", "Lapsed"),
    (
        "standing",
        "pending",
        "未录注册日期",
        "No registration date",
    ),
    (
        "standing",
        "renewal_pending",
        "续展审查中",
        "Renewal under examination",
    ),
    ("standing", "deregistered", "已注销", "Deregistered"),
    ("standing", "revoked", "已撤销", "Revoked"),
    ("standing", "invalidated", "已宣告无效", "Invalidated"),
    // trademarkStatus: what a trademark list filters on (the stored `status`; the words are
    // the standing's)
    (
        "trademarkStatus",
        "renewal_pending",
        "续展审查中",
        "Renewal under examination",
    ),
    ("trademarkStatus", "deregistered", "已注销", "Deregistered"),
    ("trademarkStatus", "revoked", "已撤销", "Revoked"),
    (
        "trademarkStatus",
        "invalidated",
        "已宣告无效",
        "Invalidated",
    ),
    // giStatus
    ("giStatus", "applied", "已申请", "Applied"),
    ("giStatus", "accepted", "已受理", "Accepted"),
    (
        "giStatus",
        "preliminary",
        "初步认定",
        "Preliminary recognition",
    ),
    ("giStatus", "approved", "已批准", "Approved"),
    ("giStatus", "registered", "已注册", "Registered"),
    ("giStatus", "revoked", "已撤销", "Revoked"),
    // termination
    ("termination", "deregistered", "注销", "Deregistered"),
    ("termination", "revoked", "撤销", "Revoked"),
    ("termination", "invalidated", "宣告无效", "Invalidated"),
    // ground (of a deregistration)
    ("ground", "not_renewed", "期满未续展", "Not renewed"),
    ("ground", "surrendered", "注册人申请注销", "Surrendered"),
    // auditAction: what a history row did; auditEntity: audited things that are not records;
    // outcome: a user decision's
    ("auditAction", "insert", "新建", "Created"),
    ("auditAction", "update", "修改", "Edited"),
    ("auditAction", "archive", "归档", "Archived"),
    ("auditAction", "unarchive", "恢复", "Unarchived"),
    (
        "auditAction",
        "restore",
        "从备份恢复",
        "Restored from a backup",
    ),
    (
        "auditAction",
        "restore_value",
        "还原旧值",
        "Earlier value restored",
    ),
    ("auditAction", "purge", "清除", "Purged"),
    ("auditAction", "add_photo", "添加照片", "Photo added"),
    ("auditAction", "submit", "提交", "Submitted"),
    (
        "auditAction",
        "target_value",
        "录入目标数值",
        "Target value set",
    ),
    ("auditAction", "start_review", "开始审核", "Review started"),
    ("auditAction", "approve", "核准", "Approved"),
    ("auditAction", "reject", "驳回", "Rejected"),
    ("auditAction", "pay", "拨付", "Paid"),
    (
        "auditAction",
        "return",
        "退回补正",
        "Returned for correction",
    ),
    (
        "auditAction",
        "investigate",
        "开始调查",
        "Investigation started",
    ),
    ("auditAction", "decide", "作出决定", "Decided"),
    ("auditAction", "transfer", "移送", "Transferred"),
    ("auditAction", "close", "结案", "Closed"),
    ("auditAction", "attach", "添加附件", "Files attached"),
    ("auditAction", "add_evidence", "添加证据", "Evidence added"),
    (
        "auditAction",
        "update_evidence",
        "修改证据",
        "Evidence edited",
    ),
    (
        "auditAction",
        "attach_evidence",
        "附加证据文件",
        "Evidence files attached",
    ),
    (
        "auditAction",
        "remove_evidence",
        "删除证据",
        "Evidence removed",
    ),
    (
        "auditAction",
        "record_recognition",
        "记录认定",
        "Recognition recorded",
    ),
    ("auditAction", "import", "导入", "Imported"),
    (
        "auditAction",
        "exchange",
        "交换包合并",
        "Merged from a bundle",
    ),
    (
        "auditAction",
        "rename",
        "随关联记录更名",
        "Renamed with its reference",
    ),
    ("auditAction", "migrate", "升级数据结构", "Schema upgrade"),
    ("auditAction", "first_review", "初审", "First review"),
    (
        "auditAction",
        "provincial_review",
        "省级审核",
        "Provincial review",
    ),
    ("auditAction", "suspend", "暂停使用", "Suspended"),
    ("auditAction", "reinstate", "恢复使用", "Reinstated"),
    ("auditAction", "withdraw", "撤销使用", "Withdrawn"),
    ("auditAction", "use_report", "使用情况报告", "Use report"),
    (
        "auditAction",
        "join",
        "入会（集体商标）",
        "Joined (collective mark)",
    ),
    (
        "auditAction",
        "license",
        "许可（证明商标）",
        "Licensed (certification mark)",
    ),
    ("auditAction", "refuse", "拒绝许可", "Licence refused"),
    ("auditAction", "leave", "退会", "Left"),
    ("auditAction", "keep_use", "保留使用资格", "Use right kept"),
    ("auditEntity", "division", "行政区划", "Division"),
    ("auditEntity", "calendar", "节假日安排", "Holiday calendar"),
    ("auditEntity", "budget", "预算", "Budget"),
    (
        "auditEntity",
        "stats_form",
        "案件统计表",
        "Case statistics form",
    ),
    ("auditEntity", "fine_limit", "罚款上限", "Fine limit"),
    (
        "auditEntity",
        "gi_stats",
        "地理标志年度统计",
        "GI yearly statistics",
    ),
    (
        "auditEntity",
        "kpi_set",
        "示范区考核指标",
        "Zone KPI rule set",
    ),
    ("auditEntity", "workspace", "工作区", "Workspace"),
    ("outcome", "approved", "核准", "Approved"),
    ("outcome", "rejected", "驳回", "Rejected"),
    // category: GB/T 43583-2023's five top classes (the seed of the store's category table; a
    // category a bureau adds is shown as typed)
    (
        "category",
        "食用农林产品及食品",
        "食用农林产品及食品",
        "Food and edible farm products",
    ),
    (
        "category",
        "非食用农林产品",
        "非食用农林产品",
        "Non-food farm and forest products",
    ),
    (
        "category",
        "中药材",
        "中药材",
        "Chinese medicinal materials",
    ),
    ("category", "手工艺品", "手工艺品", "Handicrafts"),
    ("category", "其他", "其他", "Other"),
    // trademarkEvent: what may be recorded on a trademark (the steps of `next_events`)
    ("trademarkEvent", "renew", "递交续展", "Renewal filing"),
    (
        "trademarkEvent",
        "approve_renewal",
        "续展核准",
        "Renewal approval",
    ),
    (
        "trademarkEvent",
        "refuse_renewal",
        "续展驳回",
        "Renewal refusal",
    ),
    ("trademarkEvent", "licence", "许可", "Licence"),
    ("trademarkEvent", "assign", "转让", "Assignment"),
    (
        "trademarkEvent",
        "pledge",
        "质押登记",
        "Pledge registration",
    ),
    (
        "trademarkEvent",
        "release_pledge",
        "质押注销登记",
        "Pledge release",
    ),
    (
        "trademarkEvent",
        "terminate",
        "终止注册",
        "End of registration",
    ),
    // eventBlock: why an event cannot be recorded, besides the mark's standing
    (
        "eventBlock",
        "no_renewal_pending",
        "没有审查中的续展",
        "No renewal under examination",
    ),
    (
        "eventBlock",
        "released",
        "质押已注销登记",
        "Pledge already released",
    ),
    // licenceKind
    ("licenceKind", "exclusive", "独占使用许可", "Exclusive"),
    ("licenceKind", "sole", "排他使用许可", "Sole"),
    ("licenceKind", "ordinary", "普通使用许可", "Ordinary"),
    // renewalDecision
    ("renewalDecision", "pending", "审查中", "Under examination"),
    ("renewalDecision", "approved", "已核准", "Approved"),
    ("renewalDecision", "refused", "已驳回", "Refused"),
    // deadlineKind
    ("deadlineKind", "renewal", "续展", "Renewal"),
    (
        "deadlineKind",
        "renewal_grace",
        "宽展期续展",
        "Renewal in grace period",
    ),
    ("deadlineKind", "use_report", "使用情况报告", "Use report"),
    // awardItem
    (
        "awardItem",
        "well_known_mark",
        "驰名商标认定",
        "Well-known mark recognised",
    ),
    (
        "awardItem",
        "provincial_famous_mark",
        "省著名商标",
        "Provincial famous mark",
    ),
    (
        "awardItem",
        "gi_trademark",
        "地理标志商标注册",
        "GI trademark registered",
    ),
    (
        "awardItem",
        "gi_product",
        "地理标志产品保护批准",
        "GI product approved",
    ),
    (
        "awardItem",
        "agricultural_gi",
        "农产品地理标志登记",
        "Agricultural GI registered",
    ),
    (
        "awardItem",
        "special_mark_user",
        "专用标志使用核准",
        "Special-mark user approved",
    ),
    (
        "awardItem",
        "madrid_filing",
        "马德里国际注册",
        "Madrid filing",
    ),
    // stacking
    ("stacking", "cumulative", "可叠加", "Cumulative"),
    (
        "stacking",
        "highest_only",
        "不重复奖励（就高）",
        "Highest only",
    ),
    // appKind
    ("appKind", "guidance", "申请指导", "Guidance request"),
    ("appKind", "award", "奖励申请", "Award application"),
    // appState
    ("appState", "draft", "草稿", "Draft"),
    ("appState", "submitted", "已提交", "Submitted"),
    ("appState", "under_review", "审核中", "Under review"),
    ("appState", "approved", "已核准", "Approved"),
    ("appState", "rejected", "已驳回", "Rejected"),
    ("appState", "paid", "已拨付", "Paid"),
    // enforcement cases
    (
        "caseKind",
        "mark_infringement",
        "侵犯注册商标专用权",
        "Registered-mark infringement",
    ),
    (
        "caseKind",
        "gi_misuse",
        "地理标志、集体商标、证明商标违法使用",
        "GI, collective or certification-mark misuse",
    ),
    (
        "caseKind",
        "special_mark_misuse",
        "地理标志专用标志违法使用",
        "GI special-mark misuse",
    ),
    (
        "caseKind",
        "well_known_wording",
        "违法使用“驰名商标”字样",
        "Use of the words 驰名商标",
    ),
    ("caseKind", "other", "其他", "Other"),
    ("caseSource", "complaint", "投诉举报", "Complaint"),
    ("caseSource", "inspection", "检查发现", "Inspection"),
    ("caseSource", "transfer", "移送", "Transferred in"),
    (
        "caseSource",
        "e_commerce",
        "电商监测",
        "E-commerce monitoring",
    ),
    ("caseState", "filed", "已立案", "Filed"),
    ("caseState", "investigating", "调查中", "Investigating"),
    ("caseState", "decided", "已决定", "Decided"),
    ("caseState", "transferred", "已移送", "Transferred"),
    ("caseState", "closed", "已结案", "Closed"),
    // metric: what a plan target measures (crate::plan::Metric)
    (
        "metric",
        "gi_products",
        "地理标志产品（任一保护方式）",
        "GI products (any regime)",
    ),
    (
        "metric",
        "product_approvals",
        "地理标志保护产品",
        "GI product approvals",
    ),
    (
        "metric",
        "gi_marks",
        "地理标志商标（集体、证明商标）",
        "GI marks (collective, certification)",
    ),
    (
        "metric",
        "agricultural_gis",
        "农产品地理标志",
        "Agricultural GIs",
    ),
    (
        "metric",
        "approved_users",
        "专用标志使用人（使用中）",
        "Authorised users (active)",
    ),
    (
        "metric",
        "valid_trademarks",
        "有效注册商标",
        "Registered trademarks in force",
    ),
    (
        "metric",
        "recognitions",
        "驰名商标认定",
        "Well-known-mark recognitions",
    ),
    (
        "metric",
        "pledge_financing",
        "知识产权质押融资额",
        "IP pledge financing",
    ),
    ("metric", "awards_paid", "已兑现奖励", "Awards paid"),
    (
        "metric",
        "enforcement_cases",
        "执法立案数",
        "Enforcement cases opened",
    ),
    ("metric", "manual", "人工录入", "Entered by the bureau"),
    // planMeasure: how a target's value is read (crate::plan::Measure)
    (
        "planMeasure",
        "stock",
        "存量（截至当日）",
        "Stock (on the day)",
    ),
    (
        "planMeasure",
        "cumulative",
        "累计（期内合计）",
        "Cumulative (over the period)",
    ),
    // zoneStatus (crate::plan::ZoneStatus)
    ("zoneStatus", "applied", "已申报", "Applied"),
    ("zoneStatus", "preparing", "筹建中", "In preparation"),
    ("zoneStatus", "accepted", "已验收", "Accepted"),
    ("zoneStatus", "revoked", "已撤销", "Revoked"),
    // kpi: a demonstration zone's KPIs (crate::plan::KPIS)
    ("kpi", "min_users", "专用标志使用人数", "Authorised users"),
    (
        "kpi",
        "min_authorised_pct",
        "获准使用生产者占比（%）",
        "Producers authorised (%)",
    ),
    ("kpi", "min_output", "产值", "Output value"),
    (
        "kpi",
        "min_sector_pct",
        "占行业总产值比例（%）",
        "Share of the sector's output (%)",
    ),
    // measure: what a row of the statistics form counts (crate::case::MEASURES)
    ("measure", "cases", "立案数", "Cases opened"),
    ("measure", "closed", "结案数", "Cases closed"),
    ("measure", "penalised", "处罚决定数", "Penalty decisions"),
    ("measure", "fines", "罚款金额", "Fines"),
    ("measure", "turnover", "违法经营额", "Illegal turnover"),
    ("measure", "transfers", "移送数", "Transfers"),
    ("caseStep", "investigate", "开始调查", "Investigate"),
    ("caseStep", "decide", "作出决定", "Decide"),
    ("caseStep", "transfer", "移送", "Transfer"),
    ("caseStep", "close", "结案", "Close"),
    // factor
    (
        "factor",
        "awareness",
        "相关公众知晓程度",
        "Public awareness",
    ),
    ("factor", "use", "使用持续时间", "Duration of use"),
    ("factor", "publicity", "宣传工作", "Publicity"),
    ("factor", "protection", "受保护记录", "Protection record"),
    ("factor", "revenue", "销售收入", "Sales revenue"),
    ("factor", "market_share", "市场占有率", "Market share"),
    ("factor", "net_profit", "净利润", "Net profit"),
    ("factor", "tax_paid", "纳税额", "Tax paid"),
    ("factor", "sales_regions", "销售区域", "Sales regions"),
    // proceeding
    ("proceeding", "opposition", "异议", "Opposition"),
    (
        "proceeding",
        "refusal_review",
        "不予注册复审",
        "Review of refusal to register",
    ),
    ("proceeding", "invalidation", "无效宣告", "Invalidation"),
    (
        "proceeding",
        "enforcement",
        "行政执法",
        "Administrative enforcement",
    ),
    ("proceeding", "court", "司法诉讼", "Court case"),
    // reference_source: where readiness's reference date came from
    (
        "referenceSource",
        "flag",
        "指定的基准日",
        "the reference date given",
    ),
    (
        "referenceSource",
        "candidate",
        "拟启动程序的基准日",
        "the intended proceeding's reference date",
    ),
    (
        "referenceSource",
        "today",
        "今天（未录入程序基准日）",
        "today (no proceeding date entered)",
    ),
    // topUp: what a later, higher highest-only award pays
    ("topUp", "difference", "补差", "The difference"),
    ("topUp", "full", "全额", "In full"),
    // oncePer: what "awarded once" counts
    ("oncePer", "mark", "每件商标一次", "Once per mark"),
    (
        "oncePer",
        "recognition",
        "每次认定一次",
        "Once per recognition",
    ),
    // reportPeriod: how often users report their use
    ("reportPeriod", "yearly", "每年", "Yearly"),
    ("reportPeriod", "half_yearly", "每半年", "Half-yearly"),
    // level
    ("level", "ready", "准备充分", "Ready"),
    ("level", "partial", "部分具备", "Partly ready"),
    ("level", "not_ready", "尚不具备", "Not ready"),
    // criterion
    (
        "criterion",
        "duration",
        "注册或使用时间",
        "Registration or use period",
    ),
    ("criterion", "awareness", "公众知晓", "Public awareness"),
    (
        "criterion",
        "publicity",
        "近三年宣传",
        "Publicity, last three years",
    ),
    (
        "criterion",
        "financials",
        "近三年财务数据",
        "Financial figures, last three years",
    ),
    (
        "criterion",
        "market",
        "市场占有率与销售区域",
        "Market share and sales regions",
    ),
    ("criterion", "protection", "受保护记录", "Protection record"),
    (
        "criterion",
        "attachments",
        "证据附件",
        "Evidence attachments",
    ),
    // critStatus
    ("critStatus", "met", "已具备", "Met"),
    ("critStatus", "partly", "部分具备", "Partly met"),
    ("critStatus", "missing", "缺少", "Missing"),
];

/// The word for `key` of `group`, if the vocabulary has it.
pub fn word(group: &str, key: &str, lang: Lang) -> Option<&'static str> {
    WORDS
        .iter()
        .find(|w| w.0 == group && w.1 == key)
        .map(|w| match lang {
            Lang::Zh => w.2,
            Lang::En => w.3,
        })
}

/// The keys of `group`, in the vocabulary's order.
pub fn keys(group: &str) -> impl Iterator<Item = &'static str> + '_ {
    WORDS.iter().filter(move |w| w.0 == group).map(|w| w.1)
}

/// The word, or the key itself (readable, never empty) when the vocabulary lacks it.
pub fn word_or_key(group: &str, key: &str, lang: Lang) -> String {
    word(group, key, lang).map_or_else(|| key.replace('_', " "), str::to_owned)
}

/// The vocabulary as the UI loads it: `{"zh-CN": {group: {key: word}}, "en-US": …, "order":
/// {group: [key, …]}}`, the order being the one written here.
pub fn catalogue() -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for (lang, tag) in [(Lang::Zh, "zh-CN"), (Lang::En, "en-US")] {
        let mut groups: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
        for w in WORDS {
            let text = match lang {
                Lang::Zh => w.2,
                Lang::En => w.3,
            };
            groups.entry(w.0).or_default().insert(w.1, text);
        }
        out.insert(tag.into(), serde_json::json!(groups));
    }
    // Each group's keys in the order written here, for lists the user picks from.
    let mut order: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for w in WORDS {
        order.entry(w.0).or_default().push(w.1);
    }
    out.insert("order".into(), serde_json::json!(order));
    serde_json::Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    /// Every key of a group names a value of its type, and every value has a word.
    fn covers<T: DeserializeOwned + serde::Serialize>(group: &str, all: &[T]) {
        for w in WORDS.iter().filter(|w| w.0 == group) {
            let v: Result<T, _> = serde_json::from_value(serde_json::json!(w.1));
            assert!(v.is_ok(), "{group}.{} is not a value of its type", w.1);
        }
        for v in all {
            let key = serde_json::to_value(v).unwrap();
            let key = key.as_str().unwrap();
            for lang in [Lang::Zh, Lang::En] {
                assert!(
                    word(group, key, lang).is_some_and(|w| !w.is_empty()),
                    "{group}.{key} has no word"
                );
            }
        }
    }

    #[test]
    fn every_key_has_both_words_and_names_a_value() {
        use crate::application::{ApplicationKind, State};
        use crate::deadline::DeadlineKind;
        use crate::incentive::Stacking;
        use crate::readiness::{Level, Status};
        use crate::record::RecordKind;
        use crate::trademark::{Ground, LicenceKind, MarkKind, Standing, TerminationKind};
        covers("kind", &RecordKind::ALL);
        covers(
            "standing",
            &[
                Standing::Pending,
                Standing::Registered,
                Standing::RenewalDue,
                Standing::InGrace,
                Standing::RenewalPending,
                Standing::Lapsed,
                Standing::Deregistered,
                Standing::Revoked,
                Standing::Invalidated,
            ],
        );
        covers("ground", &[Ground::NotRenewed, Ground::Surrendered]);
        let filters: Vec<&str> = WORDS
            .iter()
            .filter(|w| w.0 == "trademarkStatus")
            .map(|w| w.1)
            .collect();
        assert_eq!(filters, crate::trademark::Trademark::STATUS_KEYS);
        for k in filters {
            for lang in [Lang::Zh, Lang::En] {
                assert_eq!(word("trademarkStatus", k, lang), word("standing", k, lang));
            }
        }
        covers(
            "licenceKind",
            &[
                LicenceKind::Exclusive,
                LicenceKind::Sole,
                LicenceKind::Ordinary,
            ],
        );
        covers(
            "markKind",
            &[
                MarkKind::Ordinary,
                MarkKind::Collective,
                MarkKind::Certification,
            ],
        );
        covers(
            "termination",
            &[
                TerminationKind::Deregistered,
                TerminationKind::Revoked,
                TerminationKind::Invalidated,
            ],
        );
        covers(
            "deadlineKind",
            &[
                DeadlineKind::Renewal,
                DeadlineKind::RenewalGrace,
                DeadlineKind::UseReport,
            ],
        );
        covers(
            "appKind",
            &[ApplicationKind::Guidance, ApplicationKind::Award],
        );
        covers::<State>("appState", &[]);
        {
            use crate::case::{CaseKind, CaseSource, CaseState};
            covers::<CaseKind>("caseKind", &[]);
            covers::<CaseSource>("caseSource", &[]);
            covers::<CaseState>("caseState", &[]);
            covers::<crate::plan::Metric>("metric", &crate::plan::Metric::ALL);
            covers::<crate::plan::Measure>("planMeasure", &[]);
            covers::<crate::plan::ZoneStatus>("zoneStatus", &[]);
            let kpis: Vec<&str> = WORDS.iter().filter(|w| w.0 == "kpi").map(|w| w.1).collect();
            assert_eq!(kpis, crate::plan::KPIS);
            let measures: Vec<&str> = WORDS
                .iter()
                .filter(|w| w.0 == "measure")
                .map(|w| w.1)
                .collect();
            assert_eq!(measures, crate::case::MEASURES);
            for k in CaseState::KEYS {
                let s: CaseState = serde_json::from_value(serde_json::json!(k)).unwrap();
                for step in s.steps() {
                    assert!(
                        word("caseStep", step, Lang::En).is_some(),
                        "caseStep.{step}"
                    );
                }
            }
        }
        covers::<Stacking>("stacking", &[]);
        covers::<Level>("level", &[]);
        {
            use crate::user::ReportPeriod;
            covers(
                "reportPeriod",
                &[ReportPeriod::Yearly, ReportPeriod::HalfYearly],
            );
        }
        {
            use crate::incentive::{OncePer, TopUp};
            covers("topUp", &[TopUp::Difference, TopUp::Full]);
            covers("oncePer", &[OncePer::Mark, OncePer::Recognition]);
        }
        {
            use crate::readiness::ReferenceSource::*;
            covers("referenceSource", &[Flag, Candidate, Today]);
        }
        {
            // Every step any trademark offers has its words.
            let steps = crate::record::step_catalogue();
            let mut offered: Vec<&str> = steps["trademark"]
                .as_object()
                .unwrap()
                .values()
                .flat_map(|v| v.as_array().unwrap())
                .map(|o| o["step"].as_str().unwrap())
                .collect();
            offered.sort_unstable();
            offered.dedup();
            let mut words: Vec<&str> = WORDS
                .iter()
                .filter(|w| w.0 == "trademarkEvent")
                .map(|w| w.1)
                .collect();
            words.sort_unstable();
            assert_eq!(offered, words);
        }
        covers::<Status>("critStatus", &[]);
        covers::<crate::readiness::CriterionKey>("criterion", &[]);
        covers::<crate::user::UserStage>("stage", &[]);
        covers::<crate::user::UserKind>("userKind", &[]);
        covers::<crate::gi::GiStatus>("giStatus", &[]);
        covers::<crate::incentive::AwardItem>("awardItem", &[]);
        covers::<crate::evidence::Factor>("factor", &[]);
        covers::<crate::evidence::Proceeding>(
            "proceeding",
            &crate::evidence::Proceeding::KEYS
                .map(|k| serde_json::from_value(serde_json::json!(k)).unwrap()),
        );
        for w in WORDS {
            assert!(!w.2.is_empty() && !w.3.is_empty(), "{}.{}", w.0, w.1);
        }
        let mut seen = std::collections::BTreeSet::new();
        for w in WORDS {
            assert!(seen.insert((w.0, w.1)), "{}.{} twice", w.0, w.1);
        }
    }

    /// Write the vocabulary where the UI loads it (like the ts-rs bindings: `make bindings`
    /// fails when the committed file is stale).
    #[test]
    fn export_vocabulary() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../ui/src/api/bindings/vocabulary.json");
        let text = serde_json::to_string_pretty(&catalogue()).unwrap() + "\n";
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).unwrap();
        }
    }
}

//! The illustrative Xinyang sample catalogue (`terroir init --sample`).
//!
//! Built only from the verified facts in the domain reference: 信阳毛尖 with its three
//! protections, and a few other Xinyang GIs whose details are kept as notes where the sources
//! give no exact number or date. The enterprises named 「（示例）」, their marks and their
//! applications are invented to show the flows; their credit codes are valid but fictitious.
//! Every record is flagged `sample` and goes with `terroir sample remove`.

use std::path::Path;

use serde_json::{Value, json};
use terroir_core::RecordKind;
use terroir_core::credit_code::check_char;
use terroir_core::plan::GiYearStatInput;

use crate::error::{ApiError, Result};
use crate::ops::{TrademarkEvent, UserStep};
use crate::workspace::Workspace;

fn code(first17: &str) -> String {
    format!(
        "{first17}{}",
        check_char(first17).expect("sample codes use the credit-code alphabet")
    )
}

fn enterprises() -> Vec<Value> {
    vec![
        json!({ "name": "信阳市茶叶协会", "division": "411500", "notes": "信阳毛尖、信阳红地理标志证明商标注册人；统一社会信用代码待补" }),
        json!({ "name": "商城县黑猪发展协会", "division": "411524", "notes": "商城黑猪地理标志证明商标注册人；统一社会信用代码待补" }),
        json!({ "name": "浉河区云雾茶业有限公司（示例）", "credit_code": code("91411502MA45TY001"), "division": "411502", "address": "信阳市浉河区（示例地址）", "contact_person": "张示例", "phone": "0376-0000001" }),
        json!({ "name": "光山县茶叶专业合作社（示例）", "credit_code": code("93411522MA46QC002"), "division": "411522", "address": "信阳市光山县（示例地址）" }),
        json!({ "name": "固始县农产品有限公司（示例）", "credit_code": code("91411525MA47RG003"), "division": "411525", "address": "信阳市固始县（示例地址）" }),
        json!({ "name": "罗山县茶业有限公司（示例）", "credit_code": code("91411521MA48PL004"), "division": "411521", "address": "信阳市罗山县（示例地址）" }),
    ]
}

fn trademarks() -> Vec<Value> {
    vec![
        json!({ "reg_no": "3047772", "name": "信阳毛尖", "classes": ["30"], "goods": "茶", "registrant": "信阳市茶叶协会",
                "kind": "certification", "gi": true,
                "notes": "地理标志证明商标，2003年注册；确切注册日期待核，补录后即可计算续展期限" }),
        json!({ "reg_no": "90000001", "name": "云雾山（示例）", "classes": ["30"], "goods": "茶叶", "registrant": "浉河区云雾茶业有限公司（示例）", "registered_on": "2016-12-14" }),
        json!({ "reg_no": "90000002", "name": "光山红（示例）", "classes": ["30"], "goods": "红茶", "registrant": "光山县茶叶专业合作社（示例）", "registered_on": "2016-08-20" }),
        json!({ "reg_no": "90000003", "name": "固始老鸡（示例）", "classes": ["29", "31"], "goods": "鸡肉；活家禽", "registrant": "固始县农产品有限公司（示例）", "registered_on": "2021-05-20" }),
        json!({ "reg_no": "90000004", "name": "罗山云峰（示例）", "classes": ["30"], "goods": "茶叶", "registrant": "罗山县茶业有限公司（示例）", "filed_on": "2012-04-10", "registered_on": "2013-06-28" }),
    ]
}

fn gi_products() -> Vec<Value> {
    let food = "食用农林产品及食品";
    vec![
        json!({
            "name": "信阳毛尖", "category": food,
            "responsible": "411500",
            "protections": [
                { "regime": "origin_mark", "announcement_no": "国家质检总局2002年第87号公告" },
                { "regime": "gi_trademark", "mark_kind": "certification", "trademark": "3047772" },
                { "regime": "agricultural_gi", "certificate_no": "AGI03182" }
            ],
            "divisions": ["411502", "411503", "411526", "411522", "411523", "411521", "411524", "411525"],
            "area_description": "农产品地理标志 AGI03182 登记的地域保护范围：浉河区、平桥区、潢川、光山、新县、罗山、商城、固始的128个产茶乡镇和10个国有茶场",
            "quality_requirements": "按 GB/T 22737-2008《地理标志产品 信阳毛尖茶》（2009年6月1日实施）执行。",
            "profile": "信阳毛尖是产于河南省信阳市大别山、桐柏山区的绿茶，外形细、圆、光、直，多白毫，香高、味浓、汤色绿。",
            "notes": "农产品地理标志登记于2020年；约93家企业获准使用地理标志专用标志（约2022年）；国家地理标志产品保护示范区筹建期2022年10月至2025年10月（信阳市人民政府负责）。"
        }),
        json!({ "name": "信阳红", "category": food, "responsible": "411500", "notes": "地理标志证明商标，约2013年，申请人信阳市茶叶协会；注册号待补" }),
        json!({ "name": "固始鸡", "category": food, "responsible": "411525", "notes": "地理标志证明商标（2012年前注册）；注册号待补" }),
        json!({ "name": "商城黑猪", "category": food, "responsible": "411524", "notes": "地理标志证明商标，2011年3月申请，约2012年3月核准，注册人商城县黑猪发展协会" }),
        json!({ "name": "潢川甲鱼", "category": food, "responsible": "411526", "notes": "地理标志产品保护申请已受理（国家质检总局2012年第68号公告）" }),
        json!({ "name": "固始萝卜", "category": food, "responsible": "411525", "notes": "约2025年5月由国家知识产权局认定为地理标志产品" }),
    ]
}

fn users() -> Vec<Value> {
    vec![
        json!({ "gi": "信阳毛尖", "enterprise": "浉河区云雾茶业有限公司（示例）", "kind": "approved_producer", "applied_on": "2023-03-01" }),
        json!({ "gi": "信阳毛尖", "enterprise": "光山县茶叶专业合作社（示例）", "kind": "approved_producer", "applied_on": "2026-10-09" }),
        json!({ "gi": "信阳毛尖", "enterprise": "罗山县茶业有限公司（示例）", "kind": "approved_producer", "applied_on": "2022-02-15" }),
        json!({ "gi": "信阳毛尖", "enterprise": "固始县农产品有限公司（示例）", "kind": "approved_producer", "applied_on": "2025-04-01" }),
    ]
}

fn s(v: &str) -> String {
    v.to_owned()
}

fn approve_steps(applied: [&str; 4], announcement: &str) -> Vec<UserStep> {
    vec![
        UserStep::FirstReview {
            on: s(applied[0]),
            onsite_check_on: Some(s(applied[1])),
            onsite_result: Some(s("现场核查符合要求")),
            passed: true,
            reason: None,
        },
        UserStep::ProvincialReview {
            on: s(applied[2]),
            passed: true,
            reason: None,
        },
        UserStep::Approve {
            announcement_no: s(announcement),
            announced_on: s(applied[3]),
        },
    ]
}

fn candidates() -> Vec<Value> {
    vec![
        json!({ "trademark": "90000004", "enterprise": "罗山县茶业有限公司（示例）", "notes": "示例：准备驰名商标证据材料" }),
    ]
}

/// USR-0001: approved in 2023, its 2024 use report received, its 2025 one awaited.
fn reporting_user_steps() -> Vec<UserStep> {
    let mut steps = approve_steps(
        ["2023-03-20", "2023-03-15", "2023-05-10", "2023-08-01"],
        "示例公告第1号",
    );
    steps.push(UserStep::UseReport {
        year: 2024,
        due_on: Some(s("2025-03-31")),
        received_on: Some(s("2025-03-20")),
        half: None,
        used: None,
        output: None,
        labels: None,
        links: vec![],
    });
    steps.push(UserStep::UseReport {
        year: 2025,
        due_on: Some(s("2026-03-31")),
        received_on: None,
        half: None,
        used: None,
        output: None,
        labels: None,
        links: vec![],
    });
    steps
}

/// USR-0003: approved in 2022, a use report awaited, then suspended for its labelling.
fn suspended_user_steps() -> Vec<UserStep> {
    let mut steps = approve_steps(
        ["2022-03-10", "2022-03-08", "2022-05-20", "2022-09-01"],
        "示例公告第2号",
    );
    steps.push(UserStep::UseReport {
        year: 2026,
        half: None,
        due_on: Some(s("2027-01-31")),
        received_on: None,
        used: None,
        output: None,
        labels: None,
        links: vec![],
    });
    steps.push(UserStep::Suspend {
        on: s("2026-06-01"),
        reason: s("包装标注不规范，限期整改（示例）"),
    });
    steps
}

/// USR-0004: refused at the first review, its production outside the area.
fn refused_user_steps() -> Vec<UserStep> {
    vec![UserStep::FirstReview {
        on: s("2025-04-20"),
        onsite_check_on: Some(s("2025-04-15")),
        onsite_result: Some(s("生产地不在产地范围内")),
        passed: false,
        reason: Some(s("生产地不在地理标志产品保护范围内（示例）")),
    }]
}

/// TM-0005: renewed in 2023, licensed to a tea company, pledged to a bank.
fn mark_events() -> Vec<TrademarkEvent> {
    use terroir_core::trademark::{LicenceInput, PledgeInput, RenewalApprovalInput};
    vec![
        TrademarkEvent::Renew {
            filed_on: s("2023-01-10"),
        },
        TrademarkEvent::ApproveRenewal(RenewalApprovalInput {
            announcement_no: Some(s("示例续展公告2023-01")),
            announced_on: Some(s("2023-08-13")),
        }),
        TrademarkEvent::Licence(LicenceInput {
            licensee: Some(s("浉河区云雾茶业有限公司（示例）")),
            kind: Some(s("ordinary")),
            goods: Some(s("茶叶")),
            from: Some(s("2024-01-01")),
            to: Some(s("2028-12-31")),
            recordal_no: Some(s("示例备案2024-001")),
            recorded_on: Some(s("2024-02-20")),
            ..Default::default()
        }),
        TrademarkEvent::Pledge(PledgeInput {
            pledgee: Some(s("示例农村商业银行")),
            amount: Some(s("3,000,000")),
            registration_no: Some(s("示例质押登记2025-01")),
            registered_on: Some(s("2025-06-01")),
            term_ends: Some(s("2028-05-31")),
        }),
    ]
}

/// Cities and a county the sample's incentive rules pay from, beyond the shipped divisions.
const RULE_DIVISIONS: [(&str, &str); 4] = [
    ("410100", "郑州市"),
    ("410300", "洛阳市"),
    ("411100", "漯河市"),
    ("360424", "修水县"),
];

/// Incentive rules from the public Henan and Jiangxi examples in the domain reference
/// (2012–2014 reports; document numbers and exact validity not given there, so they are
/// marked as samples and lapsed).
fn incentive_rules() -> Vec<Value> {
    let rule = |title: &str,
                item: &str,
                yuan: &str,
                j: &str,
                group: Option<&str>,
                window: Option<&str>,
                policy: &str| {
        json!({
            "title": title, "item": item, "amount": yuan, "jurisdiction": j,
            "stacking": if group.is_some() { "highest_only" } else { "cumulative" },
            "group": group, "top_up": group.map(|_| "full"),
            "window_years": window, "policy_no": policy,
            "valid_from": "2012-01-01", "valid_to": "2014-12-31",
            "notes": "示例：据公开报道整理（2012–2014），文号与有效期待核，不可直接用于核准",
        })
    };
    let luohe = Some("漯河市商标奖励（就高）");
    vec![
        rule(
            "漯河市驰名商标奖励（示例）",
            "well_known_mark",
            "300000",
            "411100",
            luohe,
            None,
            "示例：漯河市商标奖励政策",
        ),
        rule(
            "漯河市省著名商标奖励（示例）",
            "provincial_famous_mark",
            "100000",
            "411100",
            luohe,
            None,
            "示例：漯河市商标奖励政策",
        ),
        rule(
            "漯河市地理标志商标奖励（示例）",
            "gi_trademark",
            "30000",
            "411100",
            luohe,
            None,
            "示例：漯河市商标奖励政策",
        ),
        rule(
            "洛阳市驰名商标奖励（示例）",
            "well_known_mark",
            "1000000",
            "410300",
            None,
            None,
            "示例：洛阳市商标奖励政策（由50万元提高）",
        ),
        rule(
            "郑州市省著名商标奖励（示例）",
            "provincial_famous_mark",
            "300000",
            "410100",
            None,
            None,
            "示例：郑州市商标奖励政策",
        ),
        rule(
            "修水县驰名商标奖励（示例）",
            "well_known_mark",
            "200000",
            "360424",
            None,
            Some("0"),
            "示例：修水县商标奖励政策",
        ),
        rule(
            "修水县地理标志证明商标奖励（示例）",
            "gi_trademark",
            "100000",
            "360424",
            None,
            Some("0"),
            "示例：修水县商标奖励政策",
        ),
        rule(
            "修水县地理标志产品奖励（示例）",
            "gi_product",
            "100000",
            "360424",
            None,
            Some("0"),
            "示例：修水县商标奖励政策",
        ),
    ]
}

/// The evidence file in progress for WKM-0001: title, factor, period, source.
fn evidence_items() -> [(&'static str, &'static str, &'static str, &'static str); 8] {
    [
        (
            "罗山云峰商标使用证据：销售合同与发票（示例）",
            "use",
            "2013-2025",
            "企业档案",
        ),
        (
            "全国茶叶品牌知晓度调查报告（示例）",
            "awareness",
            "2025",
            "第三方调查机构",
        ),
        (
            "电视与网络广告投放合同及播出证明（示例）",
            "publicity",
            "2023",
            "企业档案",
        ),
        (
            "茶博会参展及媒体报道（示例）",
            "publicity",
            "2025",
            "企业档案",
        ),
        (
            "年度审计报告：销售收入、净利润（示例）",
            "revenue",
            "2023-2025",
            "会计师事务所",
        ),
        (
            "年度审计报告：净利润（示例）",
            "net_profit",
            "2023-2025",
            "会计师事务所",
        ),
        ("完税证明（示例）", "tax_paid", "2023-2024", "税务机关"),
        (
            "销售区域分布说明（示例）",
            "sales_regions",
            "2023-2025",
            "企业档案",
        ),
    ]
}

impl Workspace {
    /// Add the sample catalogue to this workspace.
    pub fn load_sample(&mut self) -> Result<()> {
        for (kind, inputs) in [
            (RecordKind::Enterprise, enterprises()),
            (RecordKind::Trademark, trademarks()),
            (RecordKind::Gi, gi_products()),
            (RecordKind::User, users()),
            (RecordKind::Candidate, candidates()),
        ] {
            self.add_batch_flagged(kind, inputs, true)?;
        }
        for (user, steps) in [
            ("USR-0001", reporting_user_steps()),
            ("USR-0003", suspended_user_steps()),
            ("USR-0004", refused_user_steps()),
        ] {
            for step in steps {
                self.user_step(user, step)?;
            }
        }
        for event in mark_events() {
            self.trademark_event("TM-0005", event)?;
        }
        self.load_workbench_sample()?;
        self.load_case_sample()?;
        self.load_plan_sample()
    }

    /// The seed's targets within our scope (¥300 million of pledge financing over 2021–2023,
    /// ten provincial IP-strong enterprises) and two illustrative ones, two financing records,
    /// the 信阳毛尖 demonstration zone measured against the Hunan example, and that product's
    /// yearly statistics (illustrative figures, marked as such).
    fn load_plan_sample(&mut self) -> Result<()> {
        self.add_batch_flagged(
            RecordKind::Target,
            vec![
                json!({ "title": "3年知识产权质押融资额合计达到3亿元", "paragraph": "一(二)、四(九)",
                        "jurisdiction": "411500", "starts_on": "2021-01-01", "ends_on": "2023-12-31",
                        "metric": "pledge_financing", "target": "300000000",
                        "notes": "信阳市知识产权高质量发展实施方案（2021—2023年）" }),
                json!({ "title": "培育不少于10家省级知识产权强企", "paragraph": "一(二)",
                        "jurisdiction": "411500", "starts_on": "2021-01-01", "ends_on": "2023-12-31",
                        "metric": "manual", "measure": "stock", "target": "10", "unit": "家",
                        "notes": "省级知识产权强企由省局认定，数值按年录入" }),
                json!({ "title": "地理标志专用标志使用人（示例目标）", "paragraph": "二(四)",
                        "jurisdiction": "411500", "starts_on": "2024-01-01", "ends_on": "2026-12-31",
                        "metric": "approved_users", "target": "4",
                        "notes": "示例：用于演示存量指标的进度计算" }),
                json!({ "title": "执法办案量稳步增长（示例目标）", "paragraph": "三(五)",
                        "jurisdiction": "411500", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
                        "metric": "enforcement_cases", "target": "5",
                        "notes": "示例：规划未给出数值，此处仅演示累计指标" }),
            ],
            true,
        )?;
        self.set_target_value("TGT-0002", 2021, "3", "示例：省知识产权局公布名单", None)?;
        self.set_target_value("TGT-0002", 2022, "6", "示例：省知识产权局公布名单", None)?;
        self.add_batch_flagged(
            RecordKind::Financing,
            vec![
                json!({ "pledgor": "固始县农产品有限公司（示例）", "jurisdiction": "411525",
                        "bank": "示例银行信阳分行", "amount": "5000000", "loan_on": "2022-03-15",
                        "term_ends": "2023-03-14", "released_on": "2023-03-10",
                        "items": [{ "patent_no": "ZL202010000000.0（示例）", "patent_title": "一种固始鸡屠宰加工方法（示例）" }],
                        "risk_compensation": "250000" }),
                json!({ "pledgor": "罗山县茶业有限公司（示例）", "jurisdiction": "411521",
                        "bank": "示例农村商业银行", "amount": "3000000", "loan_on": "2025-06-05",
                        "term_ends": "2028-05-31", "items": [{ "trademark": "TM-0005" }],
                        "interest_subsidy": "60000" }),
            ],
            true,
        )?;
        self.add_batch_flagged(
            RecordKind::Zone,
            vec![
                json!({ "gi": "GI-0001", "name": "信阳毛尖国家地理标志产品保护示范区",
                         "government": "信阳市人民政府", "jurisdiction": "411500",
                         "status": "preparing", "preparing_on": "2022-10-01",
                         "preparation_ends": "2025-10-31", "kpi_set": "hunan",
                         "notes": "筹建期2022年10月至2025年10月（domain.md）；批复文号待补" }),
            ],
            true,
        )?;
        let stat = GiYearStatInput {
            year: s("2025"),
            producers: Some(s("1200")),
            output_value: Some(s("14000000000")),
            sector_output: Some(s("20000000000")),
            area_mu: Some(s("2160000")),
            head_count: None,
            e_commerce: Some(s("3000000000")),
            source: s("示例数据（非官方统计，待核实）"),
        }
        .parse()?;
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let gi = terroir_store::records::require(&tx, RecordKind::Gi, "GI-0001")?;
        let data = serde_json::to_string(&stat).map_err(crate::ApiError::storage)?;
        terroir_store::plan::set_gi_stat(&tx, &stamp, &gi, stat.year, Some(&data), true, None)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(())
    }

    /// Three enforcement cases: an infringement decided and closed, a 驰名商标 wording case
    /// under investigation, a GI misuse transferred to the police.
    fn load_case_sample(&mut self) -> Result<()> {
        use crate::cases::CaseStep;
        self.add_batch_flagged(
            RecordKind::Case,
            vec![
                json!({ "case_no": "浉市监处〔2026〕3号（示例）", "kind": "mark_infringement", "source": "complaint",
                        "jurisdiction": "411502", "opened_on": "2026-03-02",
                        "parties": [{ "name": "浉河区某茶叶商行（示例）", "credit_code": code("92411502MA49TH005") }],
                        "related": ["TM-0002"], "turnover": "80000",
                        "facts": "示例：在店内销售标有“云雾山”字样的茶叶礼盒，经商标注册人辨认为侵权商品。",
                        "legal_basis": "商标法第五十七条第（三）项、第六十条第二款" }),
                json!({ "case_no": "罗市监处〔2026〕8号（示例）", "kind": "well_known_wording", "source": "e_commerce",
                        "jurisdiction": "411521", "opened_on": "2026-08-12",
                        "parties": [{ "enterprise": "罗山县茶业有限公司（示例）" }],
                        "facts": "示例：网店商品详情页使用“驰名商标”字样进行宣传。",
                        "legal_basis": "商标法第十四条第五款、第五十三条" }),
                json!({ "case_no": "浉市监处〔2026〕11号（示例）", "kind": "gi_misuse", "source": "inspection",
                        "jurisdiction": "411502", "opened_on": "2026-09-01",
                        "parties": [{ "name": "王某（示例）", "person": true }],
                        "related": ["GI-0001"],
                        "facts": "示例：在产地范围外加工的茶叶上使用“信阳毛尖”地理标志。" }),
            ],
            true,
        )?;
        let steps = [
            (
                "CASE-0001",
                CaseStep::Investigate {
                    on: Some(s("2026-03-05")),
                    investigator: s("李示例"),
                },
            ),
            (
                "CASE-0001",
                CaseStep::Decide {
                    on: Some(s("2026-05-20")),
                    penalised: true,
                    number: s("浉市监罚〔2026〕3号（示例）"),
                    fine: Some(s("200000")),
                    confiscation: Some(s("侵权茶叶礼盒 120 盒")),
                    order_to_stop: true,
                    supplier: None,
                    reason: None,
                },
            ),
            (
                "CASE-0001",
                CaseStep::Close {
                    on: Some(s("2026-06-10")),
                    note: None,
                },
            ),
            (
                "CASE-0002",
                CaseStep::Investigate {
                    on: Some(s("2026-08-13")),
                    investigator: s("赵示例"),
                },
            ),
            (
                "CASE-0003",
                CaseStep::Investigate {
                    on: Some(s("2026-09-02")),
                    investigator: s("李示例"),
                },
            ),
            (
                "CASE-0003",
                CaseStep::Transfer {
                    on: Some(s("2026-09-20")),
                    receiver: s("信阳市公安局浉河分局"),
                    note: Some(s("涉嫌假冒注册商标罪")),
                },
            ),
        ];
        for (case, step) in steps {
            self.case_step(case, step)?;
        }
        Ok(())
    }

    /// Incentive rules with the divisions they pay from, an evidence file in progress and a
    /// guidance request.
    fn load_workbench_sample(&mut self) -> Result<()> {
        for (code, name) in RULE_DIVISIONS {
            self.put_division(code, name)?;
        }
        self.add_batch_flagged(RecordKind::IncentiveRule, incentive_rules(), true)?;
        for (title, factor, period, source) in evidence_items() {
            self.add_evidence(
                "WKM-0001",
                &terroir_core::evidence::EvidenceInput {
                    title: s(title),
                    factor: s(factor),
                    period: s(period),
                    source: s(source),
                    notes: None,
                },
                &[],
            )?;
        }
        self.add_batch_flagged(
            RecordKind::Application,
            vec![json!({
                "kind": "guidance", "enterprise": "罗山县茶业有限公司（示例）",
                "subject_kind": "candidate", "subject": "WKM-0001",
                "title": "驰名商标证据材料准备指导（示例）",
                "notes": "示例：请局里指导证据目录的编排",
            })],
            true,
        )?;
        // A fixed day, like every date of the sample: the catalogue reads the same whenever
        // it is made, and later steps dated on or after it stay in order.
        self.application_step(
            "APP-0001",
            crate::workbench::ApplicationStep::Submit {
                on: Some(s("2026-10-20")),
            },
        )?;
        Ok(())
    }

    /// Create a workspace already holding the sample catalogue. It is built under a temporary
    /// name and renamed into place, so a failure leaves no half-made workspace.
    pub fn create_with_sample(db_path: &Path, actor: &str) -> Result<Workspace> {
        if db_path.exists() {
            return Workspace::create(db_path, actor);
        }
        let mut tmp_name = db_path.file_name().unwrap_or_default().to_owned();
        tmp_name.push(".init");
        let tmp = db_path.with_file_name(tmp_name);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = tmp.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
        let result = (|| {
            let mut ws = Workspace::create(&tmp, actor)?;
            ws.load_sample()?;
            ws.conn.close().map_err(|(_, e)| ApiError::storage(e))?;
            std::fs::rename(&tmp, db_path)
                .map_err(|e| ApiError::storage(format!("{}: {e}", db_path.display())))
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        Workspace::open(db_path, actor)
    }

    /// Remove every sample record (a deliberate purge, audited record by record).
    /// How many sample records the workspace holds (what `remove_sample` would delete).
    pub fn sample_count(&self) -> Result<u64> {
        Ok(terroir_store::records::count_sample(&self.conn)?)
    }

    pub fn remove_sample(&mut self) -> Result<u64> {
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let n = terroir_store::records::purge_sample(&tx, &stamp)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(n)
    }
}

// Sample data for the mocked IPC layer (screenshots, `vite` dev with `?mock`, tests). Mirrors
// crates/api/src/sample.rs; not part of the production bundle.
import type { RecordDto } from '../api/bindings/RecordDto'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { JsonValue } from '../api/bindings/serde_json/JsonValue'

/** A record as the mock keeps it: RecordDto's fields, with the aggregate and summary as loose JSON (the mock
 * replays answers; Rust's typed aggregate is checked by Rust). */
export type MockRecord = Omit<RecordDto, 'kind' | 'data' | 'summary'> & { kind: RecordKind; data: Record<string, JsonValue>; summary: Record<string, JsonValue> }

const AT = '2026-03-01T09:00:00Z'

export const DIVISIONS = [
  ['411500', '信阳市'],
  ['411502', '浉河区'],
  ['411503', '平桥区'],
  ['411521', '罗山县'],
  ['411522', '光山县'],
  ['411523', '新县'],
  ['411524', '商城县'],
  ['411525', '固始县'],
  ['411526', '潢川县'],
  ['411527', '淮滨县'],
  ['411528', '息县'],
].map(([code, name]) => ({ code, name, table_version: 'GB/T 2260-2024', user_added: false }))

export const CATEGORIES = ['食用农林产品及食品', '非食用农林产品', '中药材', '手工艺品', '其他']

let n = 0
function rec(kind: RecordKind, code: string, name: string, data: Record<string, JsonValue>, summary: Record<string, JsonValue>): MockRecord {
  n++
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kind,
    code,
    name,
    sample: true,
    archived_at: null,
    created_at: AT,
    updated_at: AT,
    version: 1,
    summary,
    data,
  }
}

export function sampleRecords(): MockRecord[] {
  n = 0
  const ent = [
    ['ENT-0001', '信阳市茶叶协会', null, '411500'],
    ['ENT-0002', '商城县黑猪发展协会', null, '411524'],
    ['ENT-0003', '浉河区云雾茶业有限公司（示例）', '91411502MA45TY0011', '411502'],
    ['ENT-0004', '光山县茶叶专业合作社（示例）', '93411522MA46QC0028', '411522'],
    ['ENT-0005', '固始县农产品有限公司（示例）', '91411525MA47RG003X', '411525'],
    ['ENT-0006', '罗山县茶业有限公司（示例）', '91411521MA48PL0041', '411521'],
  ].map(([code, name, cc, div]) =>
    rec('enterprise', code!, name!, { name, credit_code: cc, division: div, address: null, contact_person: null, phone: null, notes: null }, { credit_code: cc, division: div }),
  )
  const id = (code: string) => ent.find((e) => e.code === code)!.id
  const tm = [
    ['TM-0001', '3047772', '信阳毛尖', ['30'], 'ENT-0001', 'certification', true, null, 'pending', null, null, null],
    ['TM-0002', '90000001', '云雾山（示例）', ['30'], 'ENT-0003', 'ordinary', false, '2016-12-14', 'renewal_due', '2026-12-13', '2025-12-14', '2027-06-13'],
    ['TM-0003', '90000002', '光山红（示例）', ['30'], 'ENT-0004', 'ordinary', false, '2016-08-20', 'renewal_due', '2026-08-19', '2025-08-20', '2027-02-19'],
    ['TM-0004', '90000003', '固始老鸡（示例）', ['29', '31'], 'ENT-0005', 'ordinary', false, '2021-05-20', 'registered', '2031-05-19', '2030-05-20', '2031-11-19'],
    ['TM-0005', '90000004', '罗山云峰（示例）', ['30'], 'ENT-0006', 'ordinary', false, '2013-06-28', 'registered', '2033-06-27', '2032-06-28', '2033-12-27'],
  ].map(([code, reg, name, classes, reg_by, kind, gi, regOn, standing, exp, win, grace]) =>
    rec(
      'trademark',
      code as string,
      name as string,
      {
        reg_no: reg as string,
        name: name as string,
        classes: (classes as string[]).map(Number),
        goods: '茶叶',
        registrant_id: id(reg_by as string),
        kind: kind as string,
        gi: gi as boolean,
        filed_on: null,
        registered_on: regOn as string | null,
        renewals:
          code === 'TM-0005'
            ? [{ filed_on: '2023-01-10', term_starts: '2023-06-28', decision: { state: 'approved', announcement_no: '示例续展公告2023-01', announced_on: '2023-08-13' } }]
            : [],
        licences:
          code === 'TM-0005'
            ? [
                {
                  licensee_id: id('ENT-0003'),
                  from: '2024-01-01',
                  to: '2028-12-31',
                  recorded: true,
                  recordal_no: '示例备案2024-001',
                  recorded_on: '2024-02-20',
                  kind: 'ordinary',
                  goods: '茶叶',
                  consent: null,
                },
              ]
            : [],
        assignments: [],
        pledges:
          code === 'TM-0005'
            ? [{ pledgee: '示例农村商业银行', amount: 300000000, registered_on: '2025-06-01', term_ends: '2028-05-31', registration_no: '示例质押登记2025-01', release: null }]
            : [],
        termination: null,
        notes: null,
      },
      {
        reg_no: reg as string,
        classes: (classes as string[]).map(Number),
        kind: kind as string,
        gi: gi as boolean,
        registrant: reg_by as string,
        standing: standing as string,
        expires_on: exp as string | null,
        window_opens: win as string | null,
        grace_ends: grace as string | null,
      },
    ),
  )
  const food = '食用农林产品及食品'
  const giRow = (code: string, name: string, divisions: string[], notes: string, protections: JsonValue[] = [], extra: Record<string, JsonValue> = {}) =>
    rec(
      'gi',
      code,
      name,
      {
        name,
        category: food,
        responsible: divisions.length === 1 ? divisions[0] : '411500',
        protections,
        area: { divisions, places: [], description: (extra.description as string) ?? null, centre: null },
        quality_requirements: (extra.quality as string) ?? null,
        history: null,
        status_history: [],
        photos: [],
        contact: null,
        profile: null,
        notes,
      },
      {
        category: food,
        regimes: protections.map((p) => (p as { regime: string }).regime),
        responsible: divisions.length === 1 ? divisions[0] : '411500',
        divisions,
      },
    )
  const gi = [
    giRow(
      'GI-0001',
      '信阳毛尖',
      ['411502', '411503', '411526', '411522', '411523', '411521', '411524', '411525'],
      '农产品地理标志登记于2020年；约93家企业获准使用地理标志专用标志（约2022年）。',
      [
        { regime: 'product_approval', announcement_no: '国家质检总局2002年第87号公告（原产地标记注册）', announced_on: null, standard_no: 'GB/T 22737-2008' },
        { regime: 'gi_trademark', mark_kind: 'certification', trademark_id: tm[0].id },
        { regime: 'agricultural_gi', certificate_no: 'AGI03182', registered_on: null },
      ],
      {
        description: '浉河区、平桥区、潢川、光山、新县、罗山、商城、固始的128个产茶乡镇和10个国有茶场',
        quality: '按 GB/T 22737-2008《地理标志产品 信阳毛尖茶》（2009年6月1日实施）执行。',
      },
    ),
    giRow('GI-0002', '信阳红', ['411500'], '地理标志证明商标，约2013年，申请人信阳市茶叶协会；注册号待补'),
    giRow('GI-0003', '固始鸡', ['411525'], '地理标志证明商标（2012年前注册）；注册号待补'),
    giRow('GI-0004', '商城黑猪', ['411524'], '地理标志证明商标，2011年3月申请，约2012年3月核准'),
    giRow('GI-0005', '潢川甲鱼', ['411526'], '地理标志产品保护申请已受理（国家质检总局2012年第68号公告）'),
    giRow('GI-0006', '固始萝卜', ['411525'], '约2025年5月由国家知识产权局认定为地理标志产品'),
  ]
  const user = (code: string, e: string, stage: string, data: Record<string, JsonValue>, overdue = 0) =>
    rec(
      'user',
      code,
      `${ent.find((x) => x.code === e)!.name} · 信阳毛尖`,
      {
        gi_id: gi[0].id,
        enterprise_id: id(e),
        kind: 'approved_producer',
        applied_on: '2023-03-01',
        first_review: null,
        provincial_review: null,
        decision: null,
        status_events: [],
        use_reports: [],
        notes: null,
        ...data,
      },
      { stage, kind: 'approved_producer', gi: 'GI-0001', enterprise: e, use_reports_overdue: overdue, next_report: { year: 2025, half: null } },
    )
  const users = [
    user(
      'USR-0001',
      'ENT-0003',
      'active',
      {
        first_review: { on: '2023-03-20', onsite_check_on: '2023-03-15', onsite_result: '现场核查符合要求', passed: true, note: null },
        provincial_review: { on: '2023-05-10', passed: true, note: null },
        decision: { outcome: 'approved', announcement_no: '示例公告第1号', announced_on: '2023-08-01' },
        use_reports: [
          { year: 2024, half: null, due_on: '2025-03-31', received_on: '2025-03-20', used: true, output: null, labels: null, links: [] },
          { year: 2025, half: null, due_on: '2026-03-31', received_on: null, used: null, output: null, labels: null, links: [] },
        ],
      },
      0,
    ),
    user('USR-0002', 'ENT-0004', 'applied', { applied_on: '2026-01-09' }),
    user('USR-0003', 'ENT-0006', 'suspended', {
      applied_on: '2022-02-15',
      first_review: { on: '2022-03-10', onsite_check_on: '2022-03-08', onsite_result: null, passed: true, note: null },
      provincial_review: { on: '2022-05-20', passed: true, note: null },
      decision: { outcome: 'approved', announcement_no: '示例公告第2号', announced_on: '2022-09-01' },
      status_events: [{ status: 'suspended', on: '2026-02-01', reason: '包装标注不规范，限期整改（示例）' }],
      use_reports: [{ year: 2025, half: null, due_on: '2026-01-31', received_on: null, used: null, output: null, labels: null, links: [] }],
    }, 1),
    user('USR-0004', 'ENT-0005', 'rejected', {
      applied_on: '2025-04-01',
      first_review: { on: '2025-04-20', onsite_check_on: '2025-04-15', onsite_result: '生产地不在产地范围内', passed: false, note: null },
      decision: { outcome: 'rejected', on: '2025-04-20', reason: '生产地不在地理标志产品保护范围内（示例）' },
    }),
  ]
  const cand = [
    rec(
      'candidate',
      'WKM-0001',
      '罗山云峰（示例） · 罗山县茶业有限公司（示例）',
      {
        trademark_id: tm[4].id,
        enterprise_id: id('ENT-0006'),
        notes: '示例：准备驰名商标证据材料',
        evidence: [
          {
            no: 1,
            title: '2023–2025 年度审计报告（示例）',
            factor: 'revenue',
            period: { from: '2023-01-01', to: '2025-12-31' },
            source: '信阳某会计师事务所（示例）',
            notes: null,
            files: [{ sha256: 'ab'.repeat(32), name: '审计报告.pdf', bytes: 2_400_000, pages: 46 }],
          },
        ],
        recognition: null,
      },
      { trademark: 'TM-0005', enterprise: 'ENT-0006', evidence: 1, recognised: false },
    ),
  ]
  const rule = (code: string, title: string, item: string, amount: number, window_years: number | null, stacking: string, group: string | null, policy_no: string, valid_from: string, valid_to: string | null) =>
    rec(
      'incentive_rule',
      code,
      title,
      { title, item, amount, jurisdiction: '411525', window_years, stacking, group, policy_no, valid_from, valid_to, budget_line: '知识产权专项资金', notes: null },
      { item, amount, jurisdiction: '411525', stacking, policy_no, in_force: valid_to === null || valid_to >= '2026-03-06' },
    )
  const rules = [
    rule('RULE-0001', '驰名商标认定奖励（示例）', 'well_known_mark', 100_000_000, 1, 'highest_only', '商标荣誉', '固政〔2024〕12号', '2024-01-01', null),
    rule('RULE-0002', '地理标志商标注册奖励（示例）', 'gi_trademark', 5_000_000, 1, 'cumulative', null, '固政〔2024〕12号', '2024-01-01', null),
    rule('RULE-0003', '地理标志商标注册奖励（2021 年政策，示例）', 'gi_trademark', 3_000_000, 0, 'cumulative', null, '固政〔2021〕8号', '2021-01-01', '2023-12-31'),
  ]
  const flow = { reviewer: null, decided_on: null, rejection: null, award: null, paid_on: null, voucher: null }
  const apps = [
    rec(
      'application',
      'APP-0001',
      '地理标志商标注册奖励 · 固始县农产品有限公司（示例）',
      {
        kind: 'award',
        enterprise_id: id('ENT-0005'),
        subject: null,
        title: '地理标志商标注册奖励',
        claims: [{ item: 'gi_trademark', achieved_on: '2026-01-15', document: '第 90000009 号商标注册证（示例）', proof: null }],
        notes: null,
        state: 'submitted',
        submitted_on: '2026-02-10',
        steps: [{ action: 'submit', on: '2026-02-10', by: null, note: null }],
        ...flow,
      },
      { kind: 'award', state: 'submitted', enterprise: 'ENT-0005', subject: null, amount: null, submitted_on: '2026-02-10' },
    ),
    rec(
      'application',
      'APP-0002',
      '驰名商标申请指导 · 罗山县茶业有限公司（示例）',
      {
        kind: 'guidance',
        enterprise_id: id('ENT-0006'),
        subject: { kind: 'candidate', id: cand[0].id },
        title: '驰名商标申请指导',
        claims: [],
        notes: null,
        state: 'draft',
        submitted_on: null,
        steps: [],
        ...flow,
      },
      { kind: 'guidance', state: 'draft', enterprise: 'ENT-0006', subject: 'WKM-0001', amount: null, submitted_on: null },
    ),
  ]
  return [...gi, ...ent, ...users, ...tm, ...cand, ...rules, ...apps]
}

/** Many enterprises, for scrolling tests: ENT-000001 … */
export function manyEnterprises(count: number): MockRecord[] {
  const out: MockRecord[] = []
  for (let i = 1; i <= count; i++) {
    const div = DIVISIONS[1 + (i % 10)].code
    const code = `ENT-${String(i + 100).padStart(6, '0')}`
    out.push({
      id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: 'enterprise',
      code,
      name: `示例企业第${i}号有限公司`,
      sample: true,
      archived_at: null,
      created_at: AT,
      updated_at: AT,
      version: 1,
      summary: { credit_code: null, division: div },
      data: { name: `示例企业第${i}号有限公司`, credit_code: null, division: div, address: null, contact_person: null, phone: null, notes: null },
    })
  }
  return out
}

// The columns of each kind's list, built from RecordDto.summary.
import { h, type VNodeChild } from 'vue'
import type { RecordDto } from '../api/bindings/RecordDto'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { Column } from './table'
import StatusTag from '../components/StatusTag.vue'
import DateText from '../components/DateText.vue'
import DivisionText from '../components/DivisionText.vue'
import { CASE_TONE, STAGE_TONE, STANDING_TONE, STATE_TONE, ZONE_TONE } from './status'
import { bilingual, formatFen } from './format'
import { summaryField } from './record'
import { categoryWord } from './choices'

type T = (key: string, params?: Record<string, unknown>) => string

function s(r: RecordDto, key: string): string | null {
  const v = summaryField(r, key)
  return v === null || v === undefined ? null : String(v)
}
function arr(r: RecordDto, key: string): string[] {
  const v = summaryField(r, key)
  return Array.isArray(v) ? v.map(String) : []
}

function money(r: RecordDto, key: string): string {
  const v = summaryField(r, key)
  return typeof v === 'number' ? formatFen(v) : '—'
}

/** A referenced record by its name, its code after it (the whole on hover). */
function refCell(r: RecordDto, key: string): VNodeChild {
  const code = s(r, key)
  const name = s(r, key + '_name')
  if (!code) return '—'
  return h('span', { class: 'ref-cell', title: name ? `${name} ${code}` : code }, [
    name ? h('span', { class: 'name-text' }, name + ' ') : null,
    h('span', { class: 'mono muted' }, code),
  ])
}

function nameCell(t: T, r: RecordDto): VNodeChild {
  const parts: VNodeChild[] = [h('span', { class: 'name-text', title: r.name }, r.name)]
  if (r.archived_at) parts.push(h(StatusTag, { tone: 'grey', label: t('common.archived'), class: 'inline-tag' }))
  // A sample record is marked once: by its badge, unless its name already says 示例.
  if (r.sample && !r.name.includes('示例')) parts.push(h('span', { class: 'sample-badge' }, t('common.sample')))
  return h('span', { class: 'name-cell' }, parts)
}

export function columnsFor(kind: RecordKind, t: T, locale = 'zh-CN'): Column<RecordDto>[] {
  const code: Column<RecordDto> = { key: 'code', title: t('col.code'), width: '112px', mono: true, render: (r) => r.code }
  const name: Column<RecordDto> = { key: 'name', title: t('col.name'), width: 'minmax(180px, 2fr)', render: (r) => nameCell(t, r) }
  switch (kind) {
    case 'gi':
      return [
        code,
        name,
        { key: 'category', title: t('col.category'), width: 'minmax(120px, 1.2fr)', render: (r) => categoryWord(s(r, 'category'), locale) },
        {
          key: 'regimes',
          title: t('col.regimes'),
          width: 'minmax(160px, 2fr)',
          render: (r) => arr(r, 'regimes').map((k) => t('regime.' + k)).join(t('common.listSep')) || '—',
        },
        {
          key: 'responsible',
          title: t('col.responsible'),
          width: 'minmax(140px, 1.5fr)',
          render: (r) => {
            const d = s(r, 'responsible')
            return d ? h(DivisionText, { code: d }) : '—'
          },
        },
      ]
    case 'enterprise':
      return [
        code,
        name,
        { key: 'credit_code', title: t('col.credit_code'), width: '190px', mono: true, render: (r) => s(r, 'credit_code') ?? '—' },
        { key: 'division', title: t('col.division'), width: 'minmax(100px, 1fr)', render: (r) => h(DivisionText, { code: s(r, 'division') }) },
      ]
    case 'user':
      return [
        code,
        name,
        {
          key: 'stage',
          title: t('col.stage'),
          width: '170px',
          render: (r) => {
            const st = s(r, 'stage') ?? 'applied'
            const tag = h(StatusTag, { tone: STAGE_TONE[st] ?? 'grey', label: t('stage.' + st) })
            // Active, but what it rests on has ended (Rust says why on the record's page).
            if (r.kind !== 'user') return tag
            const flags = [
              r.summary.basis_gone ? h(StatusTag, { tone: 'red', label: t('detail.basisGone') }) : null,
              r.summary.no_use_proposal ? h(StatusTag, { tone: 'amber', label: t('detail.noUse') }) : null,
            ].filter((f) => f !== null)
            return flags.length ? h('span', {}, [tag, ...flags.flatMap((f) => [' ', f])]) : tag
          },
        },
        { key: 'kind', title: t('col.kind'), width: 'minmax(120px, 1fr)', render: (r) => (s(r, 'kind') ? t('userKind.' + s(r, 'kind')) : '—') },
        {
          key: 'reports',
          title: t('col.reports_overdue'),
          width: '110px',
          align: 'right',
          render: (r) => {
            const n = r.kind === 'user' ? r.summary.use_reports_overdue : 0
            return n > 0 ? h(StatusTag, { tone: 'red', label: t('step.overdue') + ' ' + n }) : '—'
          },
        },
      ]
    case 'trademark':
      return [
        code,
        { key: 'reg_no', title: t('col.reg_no'), width: '100px', mono: true, render: (r) => s(r, 'reg_no') ?? '—' },
        name,
        { key: 'classes', title: t('col.classes'), width: '70px', mono: true, render: (r) => arr(r, 'classes').join(', ') },
        {
          key: 'standing',
          title: t('col.standing'),
          width: '150px',
          render: (r) => {
            const st = s(r, 'standing') ?? 'pending'
            // No registration date is a gap in the record, not a legal state: marked apart.
            if (st === 'pending') return h('span', { class: 'gap-marker', title: t('standing.pending') }, '⚠ ' + t('standing.pending'))
            return h(StatusTag, { tone: STANDING_TONE[st] ?? 'grey', label: t('standing.' + st) })
          },
        },
        { key: 'expires_on', title: t('col.expires_on'), width: '130px', render: (r) => h(DateText, { value: s(r, 'expires_on') }) },
      ]
    case 'candidate':
      return [
        code,
        name,
        { key: 'trademark', title: t('col.trademark'), width: 'minmax(140px, 1.2fr)', render: (r) => refCell(r, 'trademark') },
        { key: 'enterprise', title: t('col.enterprise'), width: 'minmax(160px, 1.5fr)', render: (r) => refCell(r, 'enterprise') },
        { key: 'evidence', title: t('col.evidence'), width: '80px', align: 'right', render: (r) => String(r.kind === 'candidate' ? r.summary.evidence : 0) },
        {
          key: 'recognised',
          title: t('col.recognition'),
          width: '130px',
          // Only a recorded recognition decision makes a mark recognised.
          render: (r) => (r.kind === 'candidate' && r.summary.recognised ? h(StatusTag, { tone: 'green', label: t('recognition.recorded') }) : '—'),
        },
      ]
    case 'application':
      return [
        code,
        name,
        { key: 'kind', title: t('col.app_kind'), width: '110px', render: (r) => (s(r, 'kind') ? t('appKind.' + s(r, 'kind')) : '—') },
        {
          key: 'state',
          title: t('col.state'),
          width: '100px',
          render: (r) => {
            const st = s(r, 'state') ?? 'draft'
            return h(StatusTag, { tone: STATE_TONE[st] ?? 'grey', label: t('appState.' + st) })
          },
        },
        { key: 'enterprise', title: t('col.enterprise'), width: 'minmax(160px, 1.5fr)', render: (r) => refCell(r, 'enterprise') },
        { key: 'submitted_on', title: t('col.submitted_on'), width: '130px', render: (r) => h(DateText, { value: s(r, 'submitted_on') }) },
        { key: 'amount', title: t('col.amount'), width: '140px', mono: true, align: 'right', render: (r) => money(r, 'amount') },
      ]
    case 'incentive_rule':
      return [
        code,
        name,
        { key: 'item', title: t('col.item'), width: 'minmax(130px, 1fr)', render: (r) => (s(r, 'item') ? t('awardItem.' + s(r, 'item')) : '—') },
        { key: 'amount', title: t('col.amount'), width: '140px', mono: true, align: 'right', render: (r) => money(r, 'amount') },
        { key: 'jurisdiction', title: t('col.jurisdiction'), width: 'minmax(90px, 0.8fr)', render: (r) => h(DivisionText, { code: s(r, 'jurisdiction') }) },
        {
          key: 'policy_no',
          title: t('col.policy_no'),
          width: 'minmax(150px, 1.2fr)',
          render: (r) =>
            h('span', { class: 'name-cell' }, [
              h('span', { class: 'name-text', title: s(r, 'policy_no') ?? '' }, s(r, 'policy_no') ?? '—'),
              r.kind === 'incentive_rule' && !r.summary.in_force ? h(StatusTag, { tone: 'grey', label: t('incentive.lapsed'), class: 'inline-tag' }) : null,
            ]),
        },
      ]
    case 'case':
      return [
        code,
        name,
        { key: 'kind', title: t('col.case_kind'), width: 'minmax(150px, 1.3fr)', render: (r) => (s(r, 'kind') ? t('caseKind.' + s(r, 'kind')) : '—') },
        {
          key: 'state',
          title: t('col.state'),
          width: '100px',
          render: (r) => {
            const st = s(r, 'state') ?? 'filed'
            return h(StatusTag, { tone: CASE_TONE[st] ?? 'grey', label: t('caseState.' + st) })
          },
        },
        { key: 'jurisdiction', title: t('col.case_jurisdiction'), width: 'minmax(90px, 0.8fr)', render: (r) => h(DivisionText, { code: s(r, 'jurisdiction') }) },
        { key: 'opened_on', title: t('col.opened_on'), width: '130px', render: (r) => h(DateText, { value: s(r, 'opened_on') }) },
        { key: 'fine', title: t('col.fine'), width: '140px', mono: true, align: 'right', render: (r) => money(r, 'fine') },
      ]
    case 'target':
      return [
        code,
        name,
        { key: 'metric', title: t('col.metric'), width: 'minmax(150px, 1.3fr)', render: (r) => (s(r, 'metric') ? t('metric.' + s(r, 'metric')) : '—') },
        { key: 'measure', title: t('col.measure'), width: '130px', render: (r) => (s(r, 'measure') ? t('planMeasure.' + s(r, 'measure')) : '—') },
        { key: 'jurisdiction', title: t('col.plan_jurisdiction'), width: 'minmax(90px, 0.8fr)', render: (r) => h(DivisionText, { code: s(r, 'jurisdiction') }) },
        { key: 'starts_on', title: t('col.starts_on'), width: '130px', render: (r) => h(DateText, { value: s(r, 'starts_on') }) },
        { key: 'ends_on', title: t('col.ends_on'), width: '130px', render: (r) => h(DateText, { value: s(r, 'ends_on') }) },
      ]
    case 'financing':
      return [
        code,
        { key: 'pledgor', title: t('col.pledgor'), width: 'minmax(160px, 1.5fr)', render: (r) => refCell(r, 'pledgor') },
        { key: 'bank', title: t('col.bank'), width: 'minmax(140px, 1.2fr)', render: (r) => h('span', { class: 'name-text', title: s(r, 'bank') ?? '' }, s(r, 'bank') ?? '—') },
        { key: 'amount', title: t('col.loan_amount'), width: '150px', mono: true, align: 'right', render: (r) => money(r, 'amount') },
        { key: 'loan_on', title: t('col.loan_on'), width: '130px', render: (r) => h(DateText, { value: s(r, 'loan_on') }) },
        { key: 'jurisdiction', title: t('col.plan_jurisdiction'), width: 'minmax(90px, 0.8fr)', render: (r) => h(DivisionText, { code: s(r, 'jurisdiction') }) },
        {
          key: 'outstanding',
          title: t('col.state'),
          width: '140px',
          render: (r) =>
            r.kind === 'financing' && r.summary.outstanding
              ? h(StatusTag, { tone: 'green', label: t('financing.outstanding') })
              : h(StatusTag, { tone: 'grey', label: t('financing.ended') }),
        },
      ]
    case 'zone':
      return [
        code,
        name,
        { key: 'gi', title: t('col.gi'), width: 'minmax(120px, 1fr)', render: (r) => refCell(r, 'gi') },
        {
          key: 'status',
          title: t('col.zone_status'),
          width: '110px',
          render: (r) => {
            const st = s(r, 'status') ?? 'applied'
            return h(StatusTag, { tone: ZONE_TONE[st] ?? 'grey', label: t('zoneStatus.' + st) })
          },
        },
        { key: 'jurisdiction', title: t('col.plan_jurisdiction'), width: 'minmax(90px, 0.8fr)', render: (r) => h(DivisionText, { code: s(r, 'jurisdiction') }) },
        {
          key: 'warnings',
          title: t('col.warnings'),
          width: 'minmax(160px, 1.5fr)',
          // What Rust found the clerk must see (a preparation period ended with no result).
          render: (r) => {
            const w = r.kind === 'zone' ? r.summary.warnings.map((x) => bilingual(x, locale)) : []
            return w.length ? h('span', { class: 'name-text', style: { color: 'var(--red)' }, title: w.join('\n') }, '⚠ ' + w.join(t('common.listSep'))) : '—'
          },
        },
      ]
  }
}

// What each kind's form shows, typed by the input shapes Rust generates (XxxInput): a form
// field Rust does not read, or a blank form missing a field Rust added, does not compile.
import type { ApplicationInput } from '../api/bindings/ApplicationInput'
import type { CandidateInput } from '../api/bindings/CandidateInput'
import type { CaseInput } from '../api/bindings/CaseInput'
import type { ClaimInput } from '../api/bindings/ClaimInput'
import type { EnterpriseInput } from '../api/bindings/EnterpriseInput'
import type { FinancingInput } from '../api/bindings/FinancingInput'
import type { GiInput } from '../api/bindings/GiInput'
import type { IncentiveRuleInput } from '../api/bindings/IncentiveRuleInput'
import type { PartyInput } from '../api/bindings/PartyInput'
import type { PledgedItemInput } from '../api/bindings/PledgedItemInput'
import type { ProtectionInput } from '../api/bindings/ProtectionInput'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { StatusEventInput } from '../api/bindings/StatusEventInput'
import type { TargetInput } from '../api/bindings/TargetInput'
import type { TrademarkInput } from '../api/bindings/TrademarkInput'
import type { UserInput } from '../api/bindings/UserInput'
import type { ZoneInput } from '../api/bindings/ZoneInput'
import type { Input } from './patch'

/** The input Rust reads for each kind. */
export interface InputOf {
  enterprise: EnterpriseInput
  gi: GiInput
  trademark: TrademarkInput
  user: UserInput
  candidate: CandidateInput
  incentive_rule: IncentiveRuleInput
  application: ApplicationInput
  case: CaseInput
  target: TargetInput
  financing: FinancingInput
  zone: ZoneInput
}

/** A form being filled in: any field may still be empty. */
export type Draft<T> = { [F in keyof T]: T[F] | null }

export type FieldType = 'text' | 'textarea' | 'date' | 'select' | 'tags' | 'division' | 'divisions' | 'bool' | 'ref' | 'refs'

export interface FieldSpec {
  name: string
  type: FieldType
  required?: boolean
  mono?: boolean
  wide?: boolean
  /** select: which option list (see RecordForm); ref: which kind it refers to; refs: codes of
   * records of the kinds RELATED_KINDS offers. */
  options?:
    | 'category'
    | 'markKind'
    | 'userKind'
    | 'awardItem'
    | 'stacking'
    | 'appKind'
    | 'subjectKind'
    | 'proceeding'
    | 'topUp'
    | 'oncePer'
    | 'caseKind'
    | 'caseSource'
    | 'metric'
    | 'planMeasure'
    | 'zoneStatus'
    /** The bureau's KPI rule sets (Settings), by key, as the `kpi_sets` command lists them. */
    | 'kpiSet'
  ref?: RecordKind
  hint?: string
  /** The label's key when `fields.<name>` is not the right word for this kind. */
  label?: string
}

/** A field of kind K's form: its name is a field of K's input. */
export type FormField<K extends RecordKind> = FieldSpec & { name: keyof InputOf[K] & string }

export const FORMS: { [K in RecordKind]: FormField<K>[] } = {
  enterprise: [
    { name: 'name', type: 'text', required: true, wide: true },
    { name: 'credit_code', type: 'text', mono: true, hint: 'hint.credit_code' },
    { name: 'division', type: 'division' },
    { name: 'address', type: 'text', wide: true },
    { name: 'contact_person', type: 'text' },
    { name: 'phone', type: 'text', mono: true },
    { name: 'notes', type: 'textarea', wide: true },
  ],
  gi: [
    { name: 'name', type: 'text', required: true },
    { name: 'category', type: 'select', options: 'category' },
    { name: 'responsible', type: 'division', hint: 'hint.responsible' },
    { name: 'divisions', type: 'divisions', wide: true, hint: 'hint.area_divisions' },
    { name: 'places', type: 'tags', wide: true, hint: 'hint.places' },
    { name: 'area_description', type: 'textarea', wide: true },
    { name: 'centre', type: 'text', mono: true, hint: 'hint.centre' },
    { name: 'contact', type: 'text' },
    { name: 'quality_requirements', type: 'textarea', wide: true },
    { name: 'profile', type: 'textarea', wide: true, hint: 'hint.profile' },
    { name: 'history', type: 'textarea', wide: true },
    { name: 'notes', type: 'textarea', wide: true, hint: 'hint.notes_private' },
  ],
  trademark: [
    { name: 'reg_no', type: 'text', required: true, mono: true },
    { name: 'name', type: 'text', required: true },
    { name: 'classes', type: 'tags', mono: true, hint: 'hint.classes' },
    { name: 'kind', type: 'select', options: 'markKind' },
    { name: 'registrant', type: 'ref', ref: 'enterprise', required: true },
    { name: 'gi', type: 'bool' },
    { name: 'filed_on', type: 'date', hint: 'hint.date' },
    { name: 'registered_on', type: 'date', hint: 'hint.date' },
    { name: 'goods', type: 'text', wide: true },
    { name: 'notes', type: 'textarea', wide: true },
  ],
  user: [
    { name: 'gi', type: 'ref', ref: 'gi', required: true },
    { name: 'enterprise', type: 'ref', ref: 'enterprise', required: true },
    { name: 'kind', type: 'select', options: 'userKind' },
    { name: 'applied_on', type: 'date', required: true, hint: 'hint.date' },
    { name: 'notes', type: 'textarea', wide: true },
  ],
  candidate: [
    { name: 'trademark', type: 'ref', ref: 'trademark', required: true },
    { name: 'enterprise', type: 'ref', ref: 'enterprise', required: true },
    { name: 'proceeding', type: 'select', options: 'proceeding', hint: 'hint.proceeding' },
    { name: 'counterpart', type: 'text', hint: 'hint.counterpart' },
    { name: 'reference_on', type: 'date', hint: 'hint.reference_on' },
    { name: 'notes', type: 'textarea', wide: true },
  ],
  incentive_rule: [
    { name: 'title', type: 'text', required: true, wide: true, label: 'fields.rule_title' },
    { name: 'item', type: 'select', options: 'awardItem', required: true },
    { name: 'amount', type: 'text', mono: true, required: true, hint: 'hint.amount' },
    { name: 'jurisdiction', type: 'division', required: true, hint: 'hint.jurisdiction' },
    { name: 'window_years', type: 'text', mono: true, hint: 'hint.window_years' },
    { name: 'stacking', type: 'select', options: 'stacking', required: true },
    { name: 'group', type: 'text', hint: 'hint.group' },
    { name: 'top_up', type: 'select', options: 'topUp', hint: 'hint.top_up' },
    { name: 'once_per', type: 'select', options: 'oncePer', hint: 'hint.once_per' },
    { name: 'policy_no', type: 'text', required: true },
    { name: 'valid_from', type: 'date', required: true, hint: 'hint.date' },
    { name: 'valid_to', type: 'date', hint: 'hint.valid_to' },
    { name: 'budget_line', type: 'text' },
    { name: 'notes', type: 'textarea', wide: true },
  ],
  application: [
    { name: 'kind', type: 'select', options: 'appKind', required: true, label: 'fields.app_kind' },
    { name: 'enterprise', type: 'ref', ref: 'enterprise', required: true },
    { name: 'subject_kind', type: 'select', options: 'subjectKind' },
    { name: 'subject', type: 'text', mono: true, hint: 'hint.subject' },
    { name: 'title', type: 'text', required: true, wide: true, label: 'fields.app_title' },
    { name: 'notes', type: 'textarea', wide: true },
  ],
  case: [
    { name: 'case_no', type: 'text', required: true, wide: true },
    { name: 'kind', type: 'select', options: 'caseKind', required: true, label: 'fields.case_kind' },
    { name: 'source', type: 'select', options: 'caseSource', required: true },
    { name: 'jurisdiction', type: 'division', required: true, hint: 'hint.case_jurisdiction', label: 'fields.case_jurisdiction' },
    { name: 'opened_on', type: 'date', required: true, hint: 'hint.date' },
    { name: 'turnover', type: 'text', mono: true, hint: 'hint.turnover' },
    { name: 'related', type: 'refs', wide: true, hint: 'hint.related' },
    { name: 'legal_basis', type: 'text', wide: true },
    { name: 'facts', type: 'textarea', wide: true },
    { name: 'notes', type: 'textarea', wide: true },
  ],
  target: [
    { name: 'title', type: 'text', required: true, wide: true, label: 'fields.target_title' },
    { name: 'paragraph', type: 'text', hint: 'hint.paragraph' },
    { name: 'jurisdiction', type: 'division', required: true, hint: 'hint.target_jurisdiction', label: 'fields.plan_jurisdiction' },
    { name: 'starts_on', type: 'date', required: true, hint: 'hint.date' },
    { name: 'ends_on', type: 'date', required: true, hint: 'hint.date' },
    { name: 'metric', type: 'select', options: 'metric', required: true },
    { name: 'measure', type: 'select', options: 'planMeasure', hint: 'hint.measure' },
    { name: 'baseline', type: 'text', mono: true, hint: 'hint.baseline' },
    { name: 'target', type: 'text', mono: true, required: true, hint: 'hint.target_value', label: 'fields.target_value' },
    { name: 'unit', type: 'text', hint: 'hint.unit' },
    { name: 'notes', type: 'textarea', wide: true },
  ],
  financing: [
    { name: 'pledgor', type: 'ref', ref: 'enterprise', required: true },
    { name: 'jurisdiction', type: 'division', required: true, hint: 'hint.financing_jurisdiction', label: 'fields.plan_jurisdiction' },
    { name: 'bank', type: 'text', required: true },
    { name: 'amount', type: 'text', mono: true, required: true, hint: 'hint.amount', label: 'fields.loan_amount' },
    { name: 'loan_on', type: 'date', required: true, hint: 'hint.loan_on' },
    { name: 'term_ends', type: 'date', hint: 'hint.date', label: 'fields.loan_term_ends' },
    { name: 'released_on', type: 'date', hint: 'hint.released_on' },
    { name: 'interest_subsidy', type: 'text', mono: true, hint: 'hint.yuan_optional' },
    { name: 'risk_compensation', type: 'text', mono: true, hint: 'hint.yuan_optional' },
    { name: 'notes', type: 'textarea', wide: true },
  ],
  zone: [
    { name: 'gi', type: 'ref', ref: 'gi', required: true },
    { name: 'name', type: 'text', hint: 'hint.zone_name', label: 'fields.zone_name' },
    { name: 'government', type: 'text', required: true, hint: 'hint.government' },
    { name: 'jurisdiction', type: 'division', required: true, label: 'fields.plan_jurisdiction' },
    { name: 'status', type: 'select', options: 'zoneStatus', required: true, hint: 'hint.zone_status', label: 'fields.zone_status' },
    { name: 'preparation_ends', type: 'date', hint: 'hint.preparation_ends' },
    { name: 'applied_on', type: 'date', label: 'fields.zone_applied_on' },
    { name: 'applied_doc', type: 'text', label: 'fields.zone_applied_doc' },
    { name: 'preparing_on', type: 'date' },
    { name: 'preparing_doc', type: 'text' },
    { name: 'accepted_on', type: 'date' },
    { name: 'accepted_doc', type: 'text' },
    { name: 'revoked_on', type: 'date', label: 'fields.zone_revoked_on' },
    { name: 'revoked_doc', type: 'text', label: 'fields.zone_revoked_doc' },
    { name: 'kpi_set', type: 'select', options: 'kpiSet', hint: 'hint.kpi_set' },
    { name: 'notes', type: 'textarea', wide: true },
  ],
}

/** The list fields of a GI product edited as rows. */
export const GI_LISTS = ['protections', 'status_history'] as const

/** What subject an application can be about. */
export const SUBJECT_KINDS: RecordKind[] = ['candidate', 'trademark', 'gi', 'user']

/** Which records' search hits the case form offers as related (a suggestion only: Rust reads
 * the kind from the code and refuses another). */
export const RELATED_KINDS: RecordKind[] = ['gi', 'trademark', 'user', 'candidate']

const BLANK: { [K in RecordKind]: () => Draft<InputOf[K]> } = {
  enterprise: () => ({ name: null, credit_code: null, division: null, address: null, contact_person: null, phone: null, notes: null }),
  gi: () => ({
    name: null,
    category: null,
    responsible: null,
    protections: [],
    divisions: [],
    places: [],
    area_description: null,
    centre: null,
    quality_requirements: null,
    history: null,
    status_history: [],
    contact: null,
    profile: null,
    notes: null,
  }),
  trademark: () => ({ reg_no: null, name: null, classes: [], goods: null, registrant: null, kind: null, gi: null, filed_on: null, registered_on: null, notes: null }),
  user: () => ({ gi: null, enterprise: null, kind: 'approved_producer', applied_on: null, notes: null }),
  candidate: () => ({ trademark: null, enterprise: null, proceeding: null, counterpart: null, reference_on: null, notes: null }),
  incentive_rule: () => ({
    title: null,
    item: null,
    amount: null,
    jurisdiction: null,
    window_years: null,
    stacking: 'cumulative',
    group: null,
    top_up: null,
    once_per: null,
    policy_no: null,
    valid_from: null,
    valid_to: null,
    budget_line: null,
    notes: null,
  }),
  application: () => ({ kind: 'award', enterprise: null, subject_kind: null, subject: null, title: null, claims: [], notes: null }),
  case: () => ({
    case_no: null,
    kind: null,
    source: null,
    jurisdiction: null,
    opened_on: null,
    parties: [blankParty()],
    related: [],
    facts: null,
    legal_basis: null,
    turnover: null,
    notes: null,
  }),
  target: () => ({
    title: null,
    paragraph: null,
    jurisdiction: null,
    starts_on: null,
    ends_on: null,
    metric: null,
    measure: null,
    baseline: null,
    target: null,
    unit: null,
    notes: null,
  }),
  financing: () => ({
    pledgor: null,
    jurisdiction: null,
    bank: null,
    amount: null,
    loan_on: null,
    term_ends: null,
    released_on: null,
    items: [blankPledgedItem()],
    interest_subsidy: null,
    risk_compensation: null,
    notes: null,
  }),
  zone: () => ({
    gi: null,
    name: null,
    government: null,
    jurisdiction: null,
    status: null,
    applied_on: null,
    applied_doc: null,
    preparing_on: null,
    preparing_doc: null,
    preparation_ends: null,
    accepted_on: null,
    accepted_doc: null,
    revoked_on: null,
    revoked_doc: null,
    kpi_set: null,
    notes: null,
  }),
}

/** An empty form for `kind`, with every field Rust reads. */
export function blankInput(kind: RecordKind): Input {
  return BLANK[kind]()
}

/** A party row: an enterprise of the register, an organisation by name, or a person (`person`). */
export function blankParty(): Draft<PartyInput> {
  return { enterprise: null, name: null, credit_code: null, person: null }
}

/** How a party row is filled in: the register's enterprise, an organisation by name (with its
 * credit code if known), or a natural person (a name only). */
export type PartyMode = 'enterprise' | 'organisation' | 'person'
export const PARTY_MODES: readonly PartyMode[] = ['enterprise', 'organisation', 'person']

/** The fields a party row shows in each mode (the others are cleared when the mode changes). */
export const PARTY_FIELDS: Record<PartyMode, (keyof PartyInput)[]> = {
  enterprise: ['enterprise'],
  organisation: ['name', 'credit_code'],
  person: ['name'],
}

/** The mode a stored or typed row reads as. */
export function partyMode(row: Input): PartyMode {
  const filled = (v: unknown) => typeof v === 'string' && v.trim() !== ''
  if (row.person === true) return 'person'
  if (filled(row.enterprise)) return 'enterprise'
  return filled(row.name) || filled(row.credit_code) ? 'organisation' : 'enterprise'
}

/** The row switched to `mode`: what the mode does not show is cleared, so nothing hidden is sent. */
export function switchParty(row: Input, mode: PartyMode): void {
  if (mode !== 'enterprise') row.enterprise = null
  if (mode === 'enterprise') row.name = null
  if (mode !== 'organisation') row.credit_code = null
  row.person = mode === 'person' ? true : null
}

/** What a pledged item is: a trademark of the register (its pledge registration is on the mark),
 * or a patent by number and title. */
export type ItemMode = 'trademark' | 'patent'
export const ITEM_MODES: readonly ItemMode[] = ['trademark', 'patent']

/** The fields an item row shows in each mode (the others are cleared when the mode changes). */
export const ITEM_FIELDS: Record<ItemMode, (keyof PledgedItemInput)[]> = {
  trademark: ['trademark', 'pledge_no'],
  patent: ['patent_no', 'patent_title'],
}

export function blankPledgedItem(): Draft<PledgedItemInput> {
  return { trademark: null, pledge_no: null, patent_no: null, patent_title: null }
}

/** The mode a stored or typed item row reads as. */
export function itemMode(row: Input): ItemMode {
  const filled = (v: unknown) => typeof v === 'string' && v.trim() !== ''
  return filled(row.patent_no) || filled(row.patent_title) ? 'patent' : 'trademark'
}

/** The row switched to `mode`: what the mode does not show is cleared, so nothing hidden is sent. */
export function switchItem(row: Input, mode: ItemMode): void {
  for (const f of ITEM_FIELDS[mode === 'trademark' ? 'patent' : 'trademark']) row[f] = null
}

export function blankClaim(): Draft<ClaimInput> {
  return { item: null, achieved_on: null, document: null, proof: null }
}

export function blankProtection(): Draft<ProtectionInput> {
  return {
    regime: 'product_approval',
    announcement_no: null,
    announced_on: null,
    standard_no: null,
    mark_kind: null,
    trademark: null,
    certificate_no: null,
    registered_on: null,
  }
}

export function blankStatusEvent(): Draft<StatusEventInput> {
  return { status: 'applied', on: null, document_no: null, note: null }
}

/** Fields each regime reads (ProtectionInput). */
export const REGIME_FIELDS: Record<string, (keyof ProtectionInput)[]> = {
  product_approval: ['announcement_no', 'announced_on', 'standard_no'],
  gi_trademark: ['mark_kind', 'trademark'],
  agricultural_gi: ['certificate_no', 'registered_on'],
  origin_mark: ['announcement_no', 'announced_on'],
}

/** Does the form for `kind` show the field path Rust named? (`protections[0].trademark` → yes for gi) */
export function formShows(kind: RecordKind, path: string): boolean {
  const top = path.split(/[.[]/)[0]
  if (kind === 'gi' && (GI_LISTS as readonly string[]).includes(top)) return true
  if (kind === 'application' && top === 'claims') return true
  if (kind === 'case' && top === 'parties') return true
  if (kind === 'financing' && top === 'items') return true
  return FORMS[kind].some((f) => f.name === top)
}

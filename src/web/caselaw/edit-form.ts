/** Turning the case edit form (flat string fields, party rows, citation lines) into service input, with a message per bad field. */
import { z } from 'zod';
import { TIERS } from '../../core/access.js';
import type { Form } from '../legislation/edit-form.js';
import { eid, iso3, isoDate, languageCode } from '../../core/codes.js';
import { fieldErrors, type FieldErrors } from '../shell/fields.js';
import {
  courtLevel,
  outcome,
  partyRole,
  type CaseInput,
  type CasePatch,
} from '../../domains/caselaw/input.js';
import type { CaseRecord } from '../../domains/caselaw/service.js';

export type { Form };
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };
export type PartyRow = { role: string; name: string; kind: string; charges: string };
export type PartyOp = { name: 'add' } | { name: 'remove'; index: number };

export const BRIEF = [
  'facts',
  'procedural_history',
  'issues',
  'decision',
  'reasoning',
  'commentary',
] as const;
export const PARTY_KINDS = ['person', 'legal_person', 'state'] as const;

/** Browsers send text areas with CRLF line ends. */
export const lines = (s: string) => s.replace(/\r\n?/g, '\n');
export const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
export const required = (message: string) => z.string().trim().min(1, message);
/** YYYY-MM-DD and a day that exists. */
export const realDate = isoDate.refine(
  (s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  'a date as YYYY-MM-DD that exists',
);

const fields = z.object({
  title: required('Give the title of the case, e.g. Republic v. J.K.'),
  court: required('Name the court that decided the case'),
  court_level: courtLevel,
  date: realDate,
  case_number: required('The number the court gave the case'),
  ecli: z.string().trim(),
  language: languageCode,
  outcome,
  sentence: z.string().trim(),
  tier: z.enum(TIERS),
  concepts: commaList,
  keywords: commaList,
});

/** Charges split at commas outside brackets: "Fraud (s. 9(c), (d)), Theft" is two charges. */
export function splitCharges(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    if ((ch === ')' || ch === ']') && depth > 0) depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  return [...out, current].map((c) => c.trim()).filter(Boolean);
}

const party = z.object({
  role: partyRole,
  name: required('Give the party’s name or initials'),
  kind: z.enum(PARTY_KINDS),
  charges: z.string().transform(splitCharges),
});

/** Party rows from form fields named party.N.role, party.N.name, … (renumbered from 0). */
export function partiesFromForm(form: Form): PartyRow[] {
  const rows = new Map<number, PartyRow>();
  for (const [key, value] of Object.entries(form)) {
    const m = /^party\.(\d{1,3})\.(role|name|kind|charges)$/.exec(key);
    if (!m) continue;
    const row = rows.get(Number(m[1])) ?? { role: 'defendant', name: '', kind: 'person', charges: '' };
    row[m[2] as keyof PartyRow] = String(value ?? '');
    rows.set(Number(m[1]), row);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
}

export const partyRowsOf = (c: CaseRecord): PartyRow[] =>
  c.parties.map((p) => ({ role: p.role, name: p.name, kind: p.kind, charges: p.charges.join(', ') }));

export function parsePartyOp(value: unknown): PartyOp | undefined {
  if (value === 'add-party') return { name: 'add' };
  const m = /^remove-party:(\d+)$/.exec(String(value ?? ''));
  return m ? { name: 'remove', index: Number(m[1]) } : undefined;
}

export function applyPartyOp(rows: PartyRow[], op: PartyOp): PartyRow[] {
  if (op.name === 'add') return [...rows, { role: 'defendant', name: '', kind: 'person', charges: '' }];
  return rows.filter((_, i) => i !== op.index);
}

function partiesFrom(rows: PartyRow[]): Parsed<CaseInput['parties']> {
  const errors: FieldErrors = {};
  const out: CaseInput['parties'] = [];
  rows.forEach((row, i) => {
    if (!row.name.trim() && !row.charges.trim()) return; // an empty row is dropped
    const r = party.safeParse(row);
    if (r.success) out.push(r.data);
    else
      for (const [field, message] of Object.entries(fieldErrors(r.error.issues)))
        errors[`party.${i}.${field}`] = message;
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: out };
}

type Citations = Pick<CaseInput, 'cites_provisions' | 'cites_articles'>;

/** "ke-act-2019-14 sec_4" (a provision) or "ETS185 2" (an instrument article), one per line. */
export function citationsFromText(text: string): Parsed<Citations> {
  const value: Citations = { cites_provisions: [], cites_articles: [] };
  const list = lines(text)
    .split('\n')
    .map((l) => l.trim());
  for (const [i, line] of list.entries()) {
    if (!line) continue;
    const [first, second, ...rest] = line.split(/\s+/);
    if (second && !rest.length && /^[A-Z0-9]+$/.test(first))
      value.cites_articles.push({ instrument: first, article: second });
    else if (second && !rest.length && /^[a-z0-9-]+$/.test(first) && eid.safeParse(second).success)
      value.cites_provisions.push({ work: first, eid: second });
    else
      return {
        ok: false,
        errors: {
          citations: `Line ${i + 1} ("${line}"): write a law id and a provision eId (ke-act-2019-14 sec_4) or an instrument and an article (ETS185 2)`,
        },
      };
  }
  return { ok: true, value };
}

export const citationsText = (c: Pick<CaseRecord, 'cites_provisions' | 'cites_articles'>) =>
  [
    ...c.cites_provisions.map((p) => `${p.work} ${p.eid}`),
    ...c.cites_articles.map((a) => `${a.instrument} ${a.article}`),
  ].join('\n');

function briefFrom(form: Form, base: CaseInput['brief'] = {}): CaseInput['brief'] {
  const brief: CaseInput['brief'] = { ...base };
  for (const s of BRIEF) {
    const v = form[`brief.${s}`];
    if (v === undefined) continue;
    if (lines(v).trim()) brief[s] = lines(v).trim();
    else delete brief[s];
  }
  return brief;
}

const pick = (form: Form) =>
  Object.fromEntries(
    Object.keys(fields.shape)
      .filter((k) => form[k] !== undefined)
      .map((k) => [k, form[k]]),
  );

/** Party rows and citations, which a new case and a patch read alike. */
function links(form: Form) {
  const parties = partiesFrom(partiesFromForm(form));
  const cites = citationsFromText(form.citations ?? '');
  return {
    parties,
    cites,
    errors: { ...(parties.ok ? {} : parties.errors), ...(cites.ok ? {} : cites.errors) },
  };
}

export function newCaseFromForm(form: Form): Parsed<CaseInput> {
  const s = fields.safeParse({ ecli: '', sentence: '', concepts: '', keywords: '', ...pick(form) });
  const country = iso3.safeParse(form.country ?? '');
  const { parties, cites, errors: linkErrors } = links(form);
  const errors = {
    ...(s.success ? {} : fieldErrors(s.error.issues)),
    ...(country.success ? {} : { country: 'Choose a country' }),
    ...linkErrors,
  };
  if (!s.success || !country.success || !parties.ok || !cites.ok) return { ok: false, errors };
  const { ecli, sentence, ...rest } = s.data;
  return {
    ok: true,
    value: {
      ...rest,
      country: country.data,
      ecli: ecli || undefined,
      sentence: sentence || undefined,
      brief: briefFrom(form),
      parties: parties.value,
      ...cites.value,
    },
  };
}

/** A patch with what the form has: party rows and citations only when the form shows them. */
export function casePatchFromForm(form: Form, current: CaseRecord): Parsed<CasePatch> {
  const s = fields.partial().safeParse(pick(form));
  const { parties, cites, errors } = links(form);
  if (!s.success || !parties.ok || !cites.ok)
    return { ok: false, errors: { ...(s.success ? {} : fieldErrors(s.error.issues)), ...errors } };
  const patch: CasePatch = { ...s.data, brief: briefFrom(form, current.brief) };
  if (Object.keys(form).some((k) => k.startsWith('party.'))) patch.parties = parties.value;
  if (form.citations !== undefined) Object.assign(patch, cites.value);
  return { ok: true, value: patch };
}

export const caseFormOf = (c: CaseRecord): Form => ({
  title: c.title,
  court: c.court,
  court_level: c.court_level,
  date: c.date,
  case_number: c.case_number,
  ecli: c.ecli ?? '',
  language: c.language,
  outcome: c.outcome,
  sentence: c.sentence ?? '',
  tier: c.tier,
  concepts: c.concepts.join(', '),
  keywords: c.keywords.join(', '),
  citations: citationsText(c),
  ...Object.fromEntries(BRIEF.map((s) => [`brief.${s}`, c.brief[s] ?? ''])),
});

/** A comparable form of a value: null, undefined and '' are the same; object keys in order. */
const canon = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '';
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => canon(o[k]) !== '')
      .sort()
      .map((k) => `${k}:${canon(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
};

/** Only the fields of a patch that differ from the item as it is (so that history shows real changes). */
export function changedOnly<P extends object>(patch: P, current: Record<string, unknown>): P {
  return Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && canon(v) !== canon(current[k])),
  ) as P;
}

/** The current case in the shape of a patch, for changedOnly. */
export const caseAsInput = (c: CaseRecord): Record<string, unknown> => ({
  ...c,
  cites_provisions: c.cites_provisions.map(({ work, eid: e }) => ({ work, eid: e })),
  cites_articles: c.cites_articles.map(({ instrument, article }) => ({ instrument, article })),
});

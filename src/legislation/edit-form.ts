/** Turning the law edit form (flat string fields) into service input, with a message per bad field. */
import { z } from 'zod';
import { TIERS } from '../accounts/access.js';
import { fieldErrors, type FieldErrors } from '../web/forms.js';
import { iso3, isoDate, languageCode } from '../reference/codes.js';
import { workStatus, workType, type ExpressionInput, type WorkInput, type WorkPatch } from './input.js';
import { rowsFromForm, treeFromRows, type Row } from './provisions-editor.js';

export type Form = Record<string, string>;

const optionalDate = z.union([z.literal(''), isoDate]).transform((v) => v || undefined);
const optionalText = z.string().trim().transform((v) => v || undefined);

/** "eng = Computer Misuse Act" lines → { eng: 'Computer Misuse Act' } */
const titles = z
  .string()
  .transform((text, ctx) => {
    const out: Record<string, string> = {};
    for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
      const m = /^([a-z]{3})\s*[=:]\s*(.+)$/.exec(line);
      if (!m) ctx.addIssue({ code: 'custom', message: `Write each title as "eng = Title" (got "${line}")` });
      else out[m[1]] = m[2].trim();
    }
    if (!Object.keys(out).length) ctx.addIssue({ code: 'custom', message: 'Give at least one title, e.g. "eng = Computer Misuse Act"' });
    return out;
  });

const meta = z.object({
  titles,
  short_title: optionalText,
  date_adopted: optionalDate,
  date_in_force: optionalDate,
  status: workStatus,
  source: optionalText,
  licence: optionalText,
  tier: z.enum(TIERS),
  concepts: z.string().transform((s) => s.split(/[\s,]+/).filter(Boolean)),
});

const identity = z.object({
  country: iso3,
  type: workType,
  number: z.string().trim().min(1, 'The number of the law, e.g. 5 or 14/X/2022'),
  year: z.coerce.number().int().min(1800, 'A year such as 2018').max(2100),
  language: languageCode,
  date: isoDate,
  expression_title: z.string().trim().min(1, 'The title in the language of the text'),
  authoritative: z.string().optional().transform((v) => v === 'on' || v === 'true'),
});

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

function metaFrom(form: Form): Parsed<z.infer<typeof meta>> {
  const blank = { titles: '', short_title: '', date_adopted: '', date_in_force: '', source: '', licence: '', concepts: '' };
  const r = meta.safeParse({ ...blank, ...form });
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: fieldErrors(r.error.issues) };
}

export function patchFromForm(form: Form): Parsed<WorkPatch> {
  const m = metaFrom(form);
  if (!m.ok) return m;
  const { titles: title, ...rest } = m.value;
  return { ok: true, value: { ...rest, title } };
}

export function provisionsFromForm(form: Form): Parsed<{ rows: Row[]; provisions: ExpressionInput['provisions'] }> {
  const rows = rowsFromForm(form);
  const { tree, problems } = treeFromRows(rows);
  return Object.keys(problems).length ? { ok: false, errors: problems } : { ok: true, value: { rows, provisions: tree } };
}

export function newWorkFromForm(form: Form): Parsed<WorkInput> {
  const m = metaFrom(form);
  const id = identity.safeParse(form);
  const p = provisionsFromForm(form);
  const errors = { ...(m.ok ? {} : m.errors), ...(id.success ? {} : fieldErrors(id.error.issues)), ...(p.ok ? {} : p.errors) };
  if (!m.ok || !id.success || !p.ok) return { ok: false, errors };
  const { titles: title, ...rest } = m.value;
  const { language, date, expression_title, authoritative, ...ident } = id.data;
  return { ok: true, value: { ...ident, ...rest, title, expressions: [{ language, date, title: expression_title, authoritative, provisions: p.value.provisions }] } };
}

export const titlesText = (title: Record<string, string>) => Object.entries(title).map(([l, v]) => `${l} = ${v}`).join('\n');

/** Turning the law edit form (flat string fields) into service input, with a message per bad field. */
import { z } from 'zod';
import { TIERS } from '../../core/access.js';
import { fieldErrors, type FieldErrors } from '../shell/fields.js';
import { titleFields, titlesFromForm } from '../shell/titles.js';
import { translator, type Translate } from '../../core/i18n.js';
import { iso3, isoDate, languageCode } from '../../core/codes.js';
import {
  workStatus,
  workType,
  type ExpressionInput,
  type WorkInput,
  type WorkPatch,
} from '../../domains/legislation/input.js';
import { rowsFromForm, treeFromRows, type Row } from '../../domains/legislation/provisions-editor.js';
import type { Work } from '../../domains/legislation/service.js';

export type Form = Record<string, string>;

const optionalDate = z.union([z.literal(''), isoDate]).transform((v) => v || undefined);
const optionalText = z
  .string()
  .trim()
  .transform((v) => v || undefined);

const meta = z.object({
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
  authoritative: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
});

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const english = translator('en');

/** The metadata with the titles (one row per language); `keep` lists title languages already stored, which stay valid. */
function metaFrom(
  form: Form,
  t: Translate,
  keep: string[] = [],
): Parsed<z.infer<typeof meta> & { title: Record<string, string> }> {
  const blank = {
    short_title: '',
    date_adopted: '',
    date_in_force: '',
    source: '',
    licence: '',
    concepts: '',
  };
  const r = meta.safeParse({ ...blank, ...form });
  const title = titlesFromForm(form, t, keep);
  if (r.success && title.ok) return { ok: true, value: { ...r.data, title: title.value } };
  return {
    ok: false,
    errors: { ...(r.success ? {} : fieldErrors(r.error.issues)), ...(title.ok ? {} : title.errors) },
  };
}

export function patchFromForm(
  form: Form,
  t: Translate = english,
  keepTitles: string[] = [],
): Parsed<WorkPatch> {
  return metaFrom(form, t, keepTitles);
}

export function provisionsFromForm(
  form: Form,
): Parsed<{ rows: Row[]; provisions: ExpressionInput['provisions'] }> {
  const rows = rowsFromForm(form);
  const { tree, problems } = treeFromRows(rows);
  return Object.keys(problems).length
    ? { ok: false, errors: problems }
    : { ok: true, value: { rows, provisions: tree } };
}

export function newWorkFromForm(form: Form, t: Translate = english): Parsed<WorkInput> {
  const m = metaFrom(form, t);
  const id = identity.safeParse(form);
  const p = provisionsFromForm(form);
  const errors = {
    ...(m.ok ? {} : m.errors),
    ...(id.success ? {} : fieldErrors(id.error.issues)),
    ...(p.ok ? {} : p.errors),
  };
  if (!m.ok || !id.success || !p.ok) return { ok: false, errors };
  const { title, ...rest } = m.value;
  const { language, date, expression_title, authoritative, ...ident } = id.data;
  return {
    ok: true,
    value: {
      ...ident,
      ...rest,
      title,
      expressions: [
        { language, date, title: expression_title, authoritative, provisions: p.value.provisions },
      ],
    },
  };
}

/** The older "eng = Title" lines (still read by the form, e.g. from an import). */
export { titleFields };

/** What the new-law and import forms say of a law whose text is still to come, so its text joins it. */
export function textFieldsOf(w: Work): Form {
  const [language, title] = Object.entries(w.title)[0] ?? ['eng', ''];
  return {
    country: w.country,
    type: w.type,
    number: w.number,
    year: String(w.year),
    language,
    title,
    expression_title: title,
    date: w.date_adopted ?? '',
  };
}

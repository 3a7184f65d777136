/** Turning the document edit form (flat string fields) into service input, with a message per bad field. */
import { z } from 'zod';
import { TIERS } from '../../core/access.js';
import { commaList, lines, realDate, required, type Form, type Parsed } from '../caselaw/edit-form.js';
import { httpUrl, iso3, languageCode } from '../../core/codes.js';
import { fieldErrors } from '../shell/fields.js';
import { documentType, type DocumentInput, type DocumentPatch } from '../../domains/documents/input.js';
import type { DocumentRecord } from '../../domains/documents/service.js';

const fields = z.object({
  type: documentType,
  title: required('Give the title of the document'),
  country: z.union([z.literal(''), iso3]).transform((v) => v || null),
  region: z.string().trim(),
  language: languageCode,
  date: realDate,
  authors: z.string().transform((s) =>
    lines(s)
      .split('\n')
      .map((a) => a.trim())
      .filter(Boolean),
  ),
  summary: z
    .string()
    .transform((s) => lines(s).trim())
    .pipe(z.string().min(1, 'Summarise the document in a few sentences')),
  body: z.string().transform(lines),
  url: z.union([z.literal(''), httpUrl]),
  concepts: commaList,
  tier: z.enum(TIERS),
});

const pick = (form: Form) =>
  Object.fromEntries(
    Object.keys(fields.shape)
      .filter((k) => form[k] !== undefined)
      .map((k) => [k, form[k]]),
  );

export function newDocumentFromForm(form: Form): Parsed<DocumentInput> {
  const r = fields.safeParse({
    country: '',
    region: '',
    authors: '',
    body: '',
    url: '',
    concepts: '',
    ...pick(form),
  });
  if (!r.success) return { ok: false, errors: fieldErrors(r.error.issues) };
  const { region, url, ...rest } = r.data;
  return { ok: true, value: { ...rest, region: region || undefined, url: url || undefined } };
}

/** A patch with the fields the form has; an emptied region or address is stored empty. */
export function documentPatchFromForm(form: Form): Parsed<DocumentPatch> {
  const r = fields.partial().safeParse(pick(form));
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: fieldErrors(r.error.issues) };
}

export const documentFormOf = (d: DocumentRecord): Form => ({
  type: d.type,
  title: d.title,
  country: d.country ?? '',
  region: d.region ?? '',
  language: d.language,
  date: d.date,
  authors: d.authors.join('\n'),
  summary: d.summary,
  body: d.body,
  url: d.url ?? '',
  concepts: d.concepts.join(', '),
  tier: d.tier,
});

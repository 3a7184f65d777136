/** Server-side helpers shared by the back-office forms: flat form bodies, the pickers' choices (by name in the viewer's language) and their checks. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Orm } from '../../core/db/connect.js';
import { AppError, fromPgError } from '../../core/errors.js';
import { listConcepts, listCountries, listRegions } from '../../domains/reference/service.js';
import { byName, listValue, type FieldErrors, type Option } from '../shell/fields.js';
import { LANGUAGES, type ConceptOption } from '../shell/pickers.js';
import { localName, type Translate } from '../../core/i18n.js';

/** A urlencoded form as flat strings (repeated fields joined with commas). */
export const formBody = z.record(
  z.string(),
  z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v.join(',') : v)),
);

/** Every country by its name in the viewer's language, sorted as that language sorts (value: ISO alpha-3). */
export async function allCountryOptions(db: Orm, req: FastifyRequest): Promise<Option[]> {
  const all = await listCountries(db, req.viewer);
  return byName(
    all.map((c) => [c.iso3, localName(c.names, req.ui.lang).text || c.iso3]),
    req.ui.lang,
  );
}

/** The countries the viewer may file items for: a contributor's own, else all. */
export async function countryOptions(db: Orm, req: FastifyRequest): Promise<Option[]> {
  const all = await allCountryOptions(db, req);
  return req.viewer.role === 'contributor'
    ? all.filter(([iso3]) => req.viewer.countries.includes(iso3))
    : all;
}

/** UN M49 regions, sub-regions and intermediate regions by name in the viewer's language (value: the M49 code). */
export async function regionOptions(db: Orm, req: FastifyRequest): Promise<Option[]> {
  return byName(
    (await listRegions(db)).map((r) => [r.code, localName(r.names, req.ui.lang).text || r.code]),
    req.ui.lang,
  );
}

/** The concept taxonomy with labels in the viewer's language, in the taxonomy's order. */
export async function conceptOptions(db: Orm, req: FastifyRequest): Promise<ConceptOption[]> {
  return (await listConcepts(db)).map((c) => ({
    code: c.code,
    kind: c.kind,
    label: localName(c.labels, req.ui.lang).text || c.code,
  }));
}

/** Everything the item forms (laws, cases, documents) offer to choose from. */
export type Choices = { countries: Option[]; regions: Option[]; concepts: ConceptOption[] };
export async function formChoices(db: Orm, req: FastifyRequest): Promise<Choices> {
  const [countries, regions, concepts] = await Promise.all([
    countryOptions(db, req),
    regionOptions(db, req),
    conceptOptions(db, req),
  ]);
  return { countries, regions, concepts };
}

type Check = {
  field: string;
  allowed: Iterable<string>;
  message: string;
  list?: boolean;
  optional?: boolean;
};

/**
 * A message next to each picker whose value is not one it offers (a tampered or stale form):
 * `list` fields hold comma-joined codes; `optional` ones may be empty.
 */
export function choiceErrors(form: Record<string, string | undefined>, checks: Check[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const c of checks) {
    const value = form[c.field];
    if (value === undefined) continue;
    const allowed = new Set(c.allowed);
    const values = c.list ? listValue(value) : [value.trim()];
    if (c.list ? values.some((v) => !allowed.has(v)) : values[0] ? !allowed.has(values[0]) : !c.optional)
      errors[c.field] = c.message;
  }
  return errors;
}

/** The usual checks of the item forms: country, language, region and concepts (with the values already stored kept valid). */
export function itemChoiceErrors(
  t: Translate,
  form: Record<string, string | undefined>,
  choices: Choices,
  keep: { language?: string; concepts?: string[]; region?: string | null; countryOptional?: boolean } = {},
): FieldErrors {
  const unknown = listValue(form.concepts).filter(
    (c) => !choices.concepts.some((x) => x.code === c) && !(keep.concepts ?? []).includes(c),
  );
  return choiceErrors(form, [
    {
      field: 'country',
      allowed: choices.countries.map(([v]) => v),
      message: t('form.choose_country'),
      optional: keep.countryOptional,
    },
    {
      field: 'language',
      allowed: [...LANGUAGES, ...(keep.language ? [keep.language] : [])],
      message: t('form.choose_language'),
    },
    {
      field: 'region',
      allowed: [...choices.regions.map(([v]) => v), ...(keep.region ? [keep.region] : [])],
      message: t('form.choose_region'),
      optional: true,
    },
    {
      field: 'concepts',
      allowed: [...choices.concepts.map((c) => c.code), ...(keep.concepts ?? [])],
      message: t('form.unknown_concepts', { codes: unknown.join(', ') }),
      list: true,
    },
  ]);
}

/**
 * A service error the form can show next to a field (unknown citations, a duplicate), or
 * undefined for errors that end the request (forbidden, not found, server errors).
 */
export function formError(
  err: unknown,
  fields: { reference?: string; conflict: string; other: string },
  unknownReference: string,
): { status: number; errors: FieldErrors } | undefined {
  const e = err instanceof AppError ? err : fromPgError(err);
  if (!e || e.status >= 500 || [401, 403, 404].includes(e.status)) return undefined;
  if (e.code === 'invalid_reference' && fields.reference)
    return { status: 400, errors: { [fields.reference]: `${unknownReference} ${e.message}` } };
  return { status: e.status, errors: { [e.status === 409 ? fields.conflict : fields.other]: e.message } };
}

/** A list from a picker (in the picker's order) in the order it was stored: those kept first, as they were, then the new ones. */
export function inStoredOrder(next: string[], stored: string[]): string[] {
  return [...stored.filter((x) => next.includes(x)), ...next.filter((x) => !stored.includes(x))];
}

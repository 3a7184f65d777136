/** The activity form: its fields read as an activity and checked against what it offers, and an activity as its fields. */
import type { FastifyRequest } from 'fastify';
import type { Orm } from '../../core/db/connect.js';
import { AppError } from '../../core/errors.js';
import { allCountryOptions, choiceErrors, conceptOptions, regionOptions } from '../editorial/form-support.js';
import { fieldErrors, listValue, type FieldErrors } from '../shell/fields.js';
import {
  activityInput,
  AUDIENCES,
  PARTICIPANT_ROLES,
  SEXES,
  type Activity,
} from '../../domains/assistance/activities.js';
import { openRequests, organisationOptions, type Form } from './route-support.js';

/** The partner rows of the form (organisation chosen) as partners. */
function partnersOf(form: Form) {
  return Object.keys(form)
    .map((k) => /^partner\.(\d+)\.org$/.exec(k))
    .filter((m): m is RegExpExecArray => !!m && !!form[m[0]])
    .map((m) => ({ organisation: Number(form[m[0]]), role: form[`partner.${m[1]}.role`] }));
}

/** A form's fields as an activity (numbers parsed, countries and requests split, participants from the grid). */
function activityFromForm(form: Form) {
  const participants = PARTICIPANT_ROLES.flatMap((role) =>
    SEXES.map((sex) => ({ role, sex, count: Number(form[`p.${role}.${sex}`] || 0) })),
  ).filter((p) => p.count !== 0);
  const optional = (k: string) => (form[k]?.trim() ? form[k].trim() : undefined);
  const number = (k: string) => (optional(k) === undefined ? undefined : Number(form[k]));
  const parsed = activityInput.safeParse({
    kind: form.kind,
    title: form.title,
    countries: (form.countries ?? '')
      .split(/[\s,]+/)
      .map((c) => c.toUpperCase())
      .filter(Boolean),
    status: form.status,
    planned_start: optional('planned_start'),
    planned_end: optional('planned_end'),
    actual_start: optional('actual_start'),
    actual_end: optional('actual_end'),
    mode: optional('mode'),
    hours: number('hours'),
    region: optional('region'),
    audience: optional('audience'),
    concepts: listValue(form.concepts),
    cost: number('cost'),
    currency: optional('currency'),
    cost_usd: number('cost_usd'),
    implementer: optional('implementer'),
    tier: optional('tier'),
    requests: (form.requests ?? '').split(',').filter(Boolean).map(Number),
    participants,
    audiences: AUDIENCES.map((audience) => ({
      audience,
      count: Number(form[`aud.${audience}`] || 0),
    })).filter((x) => x.count !== 0),
    channels: (form.channels ?? '').split(',').filter(Boolean),
    partners: partnersOf(form),
  });
  if (parsed.success) return parsed;
  // "countries.1: an ISO code" is shown at the countries picker
  const errors = fieldErrors(
    parsed.error.issues.map((i) => ({ ...i, path: i.path[0] === 'countries' ? ['countries'] : i.path })),
  );
  return { success: false as const, errors };
}

/** An activity as the form's fields. */
export function formOf(a: Activity): Form {
  const text = (v: string | number | null | undefined) => (v === undefined || v === null ? '' : String(v));
  const form: Form = {
    kind: a.kind,
    title: a.title,
    countries: a.countries.join(','),
    status: a.status,
    planned_start: text(a.planned_start),
    planned_end: text(a.planned_end),
    actual_start: text(a.actual_start),
    actual_end: text(a.actual_end),
    mode: a.mode ?? 'in_person',
    hours: text(a.hours),
    region: text(a.region),
    audience: text(a.audience),
    concepts: a.concepts.join(','),
    cost: text(a.cost),
    currency: text(a.currency),
    cost_usd: text(a.cost_usd),
    implementer: text(a.implementer),
    tier: a.tier,
    requests: a.requests.map((r) => r.id).join(','),
  };
  for (const p of a.participants)
    form[`p.${p.role}.${p.sex}`] = String((Number(form[`p.${p.role}.${p.sex}`]) || 0) + p.count);
  for (const x of a.audiences) form[`aud.${x.audience}`] = String(x.count);
  form.channels = a.channels.join(',');
  a.partners.forEach((p, i) => {
    form[`partner.${i}.org`] = String(p.organisation);
    form[`partner.${i}.role`] = p.role;
  });
  return form;
}

/** What the activity form offers: open requests, organisations, countries, regions and concepts by name. */
export const activityChoices = async (db: Orm, req: FastifyRequest) => {
  const [open, orgs, countries, regions, concepts] = await Promise.all([
    openRequests(db, req),
    organisationOptions(db),
    allCountryOptions(db, req),
    regionOptions(db, req),
    conceptOptions(db, req),
  ]);
  return { open, orgs, countries, regions, concepts };
};
type ActivityChoices = Awaited<ReturnType<typeof activityChoices>>;

/** The form read and checked: the activity, or a message per field (a picker sent a value it does not offer, a bad number …). */
export const readActivity = (req: FastifyRequest, form: Form, choices: ActivityChoices, keep?: Activity) => {
  const parsed = activityFromForm(form);
  const picked = choiceErrors(form, [
    {
      field: 'countries',
      allowed: choices.countries.map(([v]) => v),
      message: req.ui.t('form.choose_country'),
      list: true,
    },
    {
      field: 'region',
      allowed: [...choices.regions.map(([v]) => v), ...(keep?.region ? [keep.region] : [])],
      message: req.ui.t('form.choose_region'),
      optional: true,
    },
    {
      field: 'concepts',
      allowed: [...choices.concepts.map((c) => c.code), ...(keep?.concepts ?? [])],
      message: req.ui.t('form.unknown_concepts', { codes: listValue(form.concepts).join(', ') }),
      list: true,
    },
  ]);
  if (!listValue(form.countries).length) picked.countries = req.ui.t('form.choose_country');
  const errors: FieldErrors = { ...(parsed.success ? {} : parsed.errors), ...picked };
  return parsed.success && !Object.keys(errors).length
    ? { ok: true as const, value: parsed.data }
    : { ok: false as const, errors };
};

/** A refusal of the service (an unknown organisation or request) shown on the form, not as an error page. */
export const serviceRefusal = (err: unknown): FieldErrors | undefined =>
  err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status)
    ? { form: err.message }
    : undefined;

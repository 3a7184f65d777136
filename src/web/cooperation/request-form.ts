/** The request writer's form: read into a request, and what it offers to choose from (by name). */
import type { FastifyRequest } from 'fastify';
import type { Orm } from '../../core/db/connect.js';
import { languageName } from '../../core/i18n.js';
import { listAuthorities } from '../../domains/cooperation/authorities.js';
import { type LegalBasis, legalBasis } from '../../domains/cooperation/legal-basis.js';
import { TEMPLATE_LANGUAGES } from '../../domains/cooperation/request-document.js';
import { type RequestInput, requestInput } from '../../domains/cooperation/requests.js';
import { instrumentName } from '../../domains/reference/names.js';
import { allCountryOptions, conceptOptions } from '../editorial/form-support.js';
import type { Option } from '../shell/fields.js';
import { listValue } from '../shell/fields.js';
import type { ConceptOption } from '../shell/pickers.js';

export type WriterChoices = {
  countries: Option[];
  offences: ConceptOption[];
  bases: Option[];
  authorities: Option[];
  languages: Option[];
  basis?: LegalBasis;
};

const ISO3 = /^[A-Z]{3}$/;

/** Choices for the form; the legal bases and authorities follow the two states chosen. */
export async function writerChoices(
  db: Orm,
  req: FastifyRequest,
  values: Record<string, string>,
): Promise<WriterChoices> {
  const t = req.ui.t;
  const [countries, concepts] = await Promise.all([allCountryOptions(db, req), conceptOptions(db, req)]);
  const { requesting: from, requested: to } = values;
  const basis =
    from && to && ISO3.test(from) && ISO3.test(to) && from !== to
      ? await legalBasis(db, { from, to, on: values.sent_on || undefined }).catch(() => undefined)
      : undefined;
  const authorities = to && ISO3.test(to) ? await listAuthorities(db, req.viewer, { country: to }) : [];
  return {
    countries,
    offences: concepts.filter((c) => c.kind === 'offence'),
    bases: [
      ...(basis?.bases ?? []).map(
        (b): Option => [b.instrument, instrumentName(req.ui.lang, b.instrument, b.short_name)],
      ),
      ['reciprocity', t('auth.basis.reciprocity')],
    ],
    authorities: authorities.map((a): Option => [String(a.id), `${a.name} (${t(`auth.kind.${a.kind}`)})`]),
    languages: TEMPLATE_LANGUAGES.map((l): Option => [l, languageName(l, req.ui.lang)]),
    basis,
  };
}

/** The form's fields as a request (checked by the same schema as the API's). */
export function fromForm(f: Record<string, string>): RequestInput {
  const orNull = (v: string | undefined) => (v ? v : null);
  return requestInput.parse({
    direction: f.direction || undefined,
    requesting: f.requesting,
    requested: f.requested,
    kind: f.kind,
    legal_basis: f.legal_basis,
    authority_id: f.authority_id ? Number(f.authority_id) : null,
    requesting_authority: f.requesting_authority ?? '',
    reference: f.reference ?? '',
    offences: listValue(f.offences),
    facts: f.facts ?? '',
    data_sought: {
      provider: f.provider ?? '',
      identifiers: (f.identifiers ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      date_from: orNull(f.date_from),
      date_to: orNull(f.date_to),
      time_zone: f.time_zone ?? '',
      description: f.description ?? '',
    },
    urgency: f.urgency ?? '',
    confidential: f.confidential === 'on',
    language: orNull(f.language),
    status: f.status || undefined,
    sent_on: orNull(f.sent_on),
    answered_on: orNull(f.answered_on),
  });
}

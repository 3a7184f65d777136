/**
 * From a read Akoma Ntoso document to what cyrepo stores: a work with one expression (acts,
 * bills, portions, collections) or a case (judgments). Country and language codes are mapped;
 * what the file does not say can be given by the editor (country, language, date, title).
 */
import type { CaseInput } from '../../caselaw/input.js';
import type { Orm } from '../../../core/db/connect.js';
import type { ProvisionInput, WorkInput } from '../../legislation/input.js';
import { countryFrom, languageFrom } from '../codes.js';
import { IntakeError } from '../errors.js';
import type { AknDocument } from './parse.js';
import { isRealDate } from '../../../core/codes.js';

export type Overrides = { country?: string; language?: string; date?: string; title?: string };

const fullDate = (s: string | null | undefined) => (s && isRealDate(s.slice(0, 10)) ? s.slice(0, 10) : null);

/** The expression's date: the one in its URI (…/eng@2003-12-19), else its FRBR date, else the work's. */
function expressionDate(doc: AknDocument, given?: string): string | null {
  return (
    given ??
    fullDate(/@(\d{4}-\d{2}-\d{2})/.exec(doc.expression.uri ?? '')?.[1]) ??
    fullDate(doc.expression.date) ??
    fullDate(doc.work.date)
  );
}

/** The work's number: FRBRnumber, else the last part of its URI that is not a type, date or language. */
function workNumber(doc: AknDocument): string {
  if (doc.work.number) return doc.work.number;
  const parts = (doc.work.uri ?? '').split('/').filter(Boolean);
  return parts.at(-1) ?? 'unnumbered';
}

const WORK_TYPE: Partial<Record<AknDocument['type'], WorkInput['type']>> = {
  act: 'act',
  bill: 'bill',
  portion: 'code',
  documentCollection: 'bill',
};

export async function toWork(db: Orm, doc: AknDocument, file: string, o: Overrides): Promise<WorkInput> {
  const type = WORK_TYPE[doc.type];
  if (!type)
    throw new IntakeError(
      'unsupported_document',
      `${file}: <${doc.type}> documents are not imported; cyrepo takes acts, bills, portions, collections and judgments`,
    );
  if (!doc.provisions.length)
    throw new IntakeError('no_provisions', `${file}: the document has no provisions in its body`);
  const country =
    o.country ??
    (
      await countryFrom(
        db,
        doc.work.country ?? /^\/(?:akn\/)?([a-z]{2})\//.exec(doc.work.uri ?? '')?.[1],
        file,
      )
    ).iso3;
  const language = languageFrom(o.language ?? doc.expression.language, file);
  const date = expressionDate(doc, o.date);
  if (!date)
    throw new IntakeError(
      'no_date',
      `${file}: the document gives no date; say which it is (--date YYYY-MM-DD)`,
    );
  const year =
    Number((doc.work.date ?? '').slice(0, 4)) ||
    Number(/\/(\d{4})(?:-\d\d-\d\d)?\//.exec(doc.work.uri ?? '')?.[1]) ||
    Number(date.slice(0, 4));
  const title = o.title ?? doc.title ?? `${type} ${workNumber(doc)} of ${year}`;
  return {
    country,
    type,
    number: workNumber(doc),
    year,
    title: { [language]: title },
    date_adopted: fullDate(doc.work.date) ?? undefined,
    status: type === 'bill' ? 'draft' : 'in_force',
    source: doc.work.uri ?? undefined,
    expressions: [
      {
        language,
        date,
        authoritative: true,
        title,
        provisions: doc.provisions,
        definitions: doc.definitions,
      },
    ],
  };
}

const ROLES = [
  'defendant',
  'victim',
  'appellant',
  'respondent',
  'applicant',
  'complainant',
  'intervener',
] as const;
const courtLevel = (court: string): CaseInput['court_level'] =>
  /constitution/i.test(court)
    ? 'constitutional'
    : /supreme|cassation/i.test(court)
      ? 'supreme'
      : /appeal|appellate/i.test(court)
        ? 'appeal'
        : /high court|district|magistrate|first instance|tribunal/i.test(court)
          ? 'first_instance'
          : 'other';

/** Text of the body parts of a judgment, by kind. */
function parts(list: ProvisionInput[], kinds: string[]): string {
  const text = (p: ProvisionInput): string =>
    [p.number, p.heading, p.text, ...(p.children ?? []).map(text)].filter(Boolean).join('\n');
  return list
    .filter((p) => kinds.includes(p.kind ?? ''))
    .map(text)
    .join('\n\n');
}

export async function toCase(db: Orm, doc: AknDocument, file: string, o: Overrides): Promise<CaseInput> {
  const country =
    o.country ??
    (
      await countryFrom(
        db,
        doc.work.country ?? /^\/(?:akn\/)?([a-z]{2})\//.exec(doc.work.uri ?? '')?.[1],
        file,
      )
    ).iso3;
  const language = languageFrom(o.language ?? doc.expression.language, file);
  const date = o.date ?? fullDate(doc.work.date) ?? fullDate(doc.expression.date);
  if (!date)
    throw new IntakeError(
      'no_date',
      `${file}: the judgment gives no date; say which it is (--date YYYY-MM-DD)`,
    );
  const court = doc.court ?? 'Court not stated';
  const body = doc.provisions;
  return {
    country,
    title: o.title ?? doc.title ?? doc.citation ?? workNumber(doc),
    court,
    court_level: courtLevel(court),
    date,
    case_number: doc.citation ?? doc.work.number ?? workNumber(doc),
    language,
    brief: {
      facts: parts(body, ['introduction', 'background']) || undefined,
      reasoning: parts(body, ['arguments', 'motivation']) || undefined,
      decision: parts(body, ['decision', 'remedies']) || undefined,
    },
    parties: doc.parties.flatMap((p) => {
      const role = ROLES.find((r) => p.role?.toLowerCase().includes(r));
      return role ? [{ name: p.name, role, kind: 'person' as const, charges: [] }] : [];
    }),
    outcome: 'other',
    concepts: [],
    keywords: [],
    cites_provisions: [],
    cites_articles: [],
  };
}

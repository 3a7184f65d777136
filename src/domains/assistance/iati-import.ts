/**
 * IATI import and export. Other organisations' activities come in from publisher files, streamed
 * chunk by chunk, each file in its own transaction (nothing is kept from a file with a problem);
 * an activity already imported (same IATI identifier) is updated. The programme's own activities
 * go out as an IATI 2.03 activity file.
 */
import { sql } from 'drizzle-orm';
import { forPublication, tierVisible, type Viewer } from '../../core/access.js';
import type { Database, Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { inTransaction } from '../../core/db/tx.js';
import { AppError } from '../../core/errors.js';
import { iatiXml, IatiReader, type IatiActivity } from './iati.js';
import { IATI_SCHEMA, SchemaCheck } from './iati-schema.js';
import { readIatiOrganisations } from './iati-org.js';
import { saveIatiOrganisations } from './iati-organisation.js';

export type IatiReport = {
  file: string;
  ok: boolean;
  /** What an activity file held */
  activities: number;
  transactions: number;
  /** What an organisation file held */
  organisations: number;
  budgets: number;
  documents: number;
  warnings: string[];
  error: string | null;
};

/**
 * The kind of an imported activity, read from its title in English, French, Spanish or Portuguese
 * (IATI has no field for it; sector codes name the field of work, not the form): the first kind
 * whose words appear, else "other" — so that coordination can compare it with the programme's own.
 */
const KIND_WORDS: [string, RegExp][] = [
  [
    'assessment_mission',
    /\b(needs? assessments?|assessment missions?|évaluation des besoins|mission d'évaluation|evaluaci[oó]n de necesidades|diagn[oó]stico|avalia[cç][aã]o de necessidades)\b/i,
  ],
  ['mentoring', /\b(mentor(ing|ship)?|accompagnement|mentor[ií]a|tutor[ií]a)\b/i],
  [
    'legal_drafting_support',
    /\b(legislative drafting|drafting of (the )?law|law reform|legal reform|rédaction législative|réforme législative|reforma (legal|legislativa)|redacci[oó]n legislativa)\b/i,
  ],
  ['equipment_delivery', /\b(equipment|équipement|equipamiento|equipos|equipamento)\b/i],
  [
    'outreach_campaign',
    /\b(awareness|campaigns?|outreach|sensibilisation|sensibilizaci[oó]n|campañas?|conscientiza[cç][aã]o)\b/i,
  ],
  ['conference', /\b(conferences?|conférences?|conferencias?|confer[eê]ncias?|summit)\b/i],
  ['study_visit', /\b(study (visits?|tours?)|visites? d'études?|visitas? de estudio)\b/i],
  ['workshop', /\b(workshops?|ateliers?|talleres?|seminars?|séminaires?|seminarios?|oficinas?)\b/i],
  [
    'training_course',
    /\b(training|courses?|formation|capacitaci[oó]n|cursos?|treinamento|forma[cç][aã]o)\b/i,
  ],
];
export const kindOfTitle = (title: string) =>
  KIND_WORDS.find(([, words]) => words.test(title))?.[0] ?? 'other';

const STATUS: Record<string, string> = {
  '1': 'planned',
  '2': 'ongoing',
  '3': 'delivered',
  '4': 'delivered',
  '5': 'cancelled',
  '6': 'ongoing',
};

async function saveActivities(
  db: Orm,
  by: Viewer,
  list: IatiActivity[],
  iso3Of: Map<string, string>,
  warnings: Set<string>,
): Promise<number> {
  let transactions = 0;
  for (const a of list) {
    const countries = a.countries
      .map((c) => iso3Of.get(c) ?? (c.length === 3 ? c : undefined))
      .filter((c): c is string => !!c && [...iso3Of.values()].includes(c));
    for (const c of a.countries)
      if (!iso3Of.has(c) && ![...iso3Of.values()].includes(c))
        warnings.add(`unknown recipient-country code ${c}`);
    const values = sql`${kindOfTitle(a.title)}::text, ${a.title || a.identifier || '(untitled)'}::text, ${a.description}::text, ${a.identifier || null}::text, ${sql.param(a.sectors)}::text[], ${a.dates['1'] ?? null}::date, ${a.dates['3'] ?? null}::date,
      ${a.dates['2'] ?? null}::date, ${a.dates['4'] ?? null}::date, ${STATUS[a.status ?? ''] ?? 'ongoing'}::text, ${a.reporting_org.name || a.reporting_org.ref}::text, ${by.name}::text`;
    // Dates out of order in a publisher's file are kept as they are for the start, the end dropped.
    const [row] = await rows<{ id: number }>(
      db,
      sql`INSERT INTO activity (kind, tier, title, description, iati_identifier, sectors, planned_start, planned_end, actual_start, actual_end, status, implementer, created_by, updated_by)
          SELECT k, 'public', t, d, i, s, ps, CASE WHEN pe >= ps OR ps IS NULL THEN pe END, ast, CASE WHEN ae >= ast OR ast IS NULL THEN ae END, st, impl, b, b
          FROM (VALUES (${values})) AS v(k, t, d, i, s, ps, pe, ast, ae, st, impl, b)
          ON CONFLICT (iati_identifier) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title, description = EXCLUDED.description, sectors = EXCLUDED.sectors, planned_start = EXCLUDED.planned_start,
            planned_end = EXCLUDED.planned_end, actual_start = EXCLUDED.actual_start, actual_end = EXCLUDED.actual_end, status = EXCLUDED.status, implementer = EXCLUDED.implementer,
            updated_at = now(), updated_by = EXCLUDED.updated_by
          RETURNING id`,
    );
    await db.execute(sql`DELETE FROM activity_country WHERE activity_id = ${row.id}`);
    if (countries.length)
      await db.execute(
        sql`INSERT INTO activity_country (activity_id, country) SELECT ${row.id}, unnest(${sql.param([...new Set(countries)])}::text[])`,
      );
    await db.execute(sql`DELETE FROM activity_transaction WHERE activity_id = ${row.id}`);
    const dated = a.transactions.filter((t) => t.date);
    if (dated.length)
      await db.execute(sql`INSERT INTO activity_transaction (activity_id, type, date, value, currency, value_date)
        SELECT ${row.id}, type, date, value, currency, value_date FROM jsonb_to_recordset(${JSON.stringify(dated)}::jsonb) AS x(type text, date date, value numeric, currency text, value_date date)`);
    transactions += dated.length;
  }
  return transactions;
}

type Chunks = AsyncIterable<string | Buffer>;
const NONE = { activities: 0, transactions: 0, organisations: 0, budgets: 0, documents: 0 };

/** An activity file, streamed: each activity saved as soon as it is read; the whole file validated at the end. */
async function importActivityFile(tx: Orm, by: Viewer, chunks: Chunks, iso3Of: Map<string, string>) {
  const warnings = new Set<string>();
  const reader = new IatiReader();
  const schema = new SchemaCheck(IATI_SCHEMA.activities);
  const decoder = new TextDecoder();
  let transactions = 0;
  for await (const chunk of chunks) {
    schema.add(chunk);
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    transactions += await saveActivities(tx, by, reader.write(text), iso3Of, warnings);
  }
  const last = [...reader.write(decoder.decode()), ...reader.finish()];
  transactions += await saveActivities(tx, by, last, iso3Of, warnings);
  const unchecked = await schema.finish(reader.version);
  if (unchecked) warnings.add(unchecked);
  return { ...NONE, activities: reader.count, transactions, warnings: [...warnings] };
}

/** An organisation file (small: read whole), validated, then its organisations' budgets and documents saved. */
async function importOrganisationFile(tx: Orm, by: Viewer, chunks: Chunks, iso3Of: Map<string, string>) {
  const warnings = new Set<string>();
  const schema = new SchemaCheck(IATI_SCHEMA.organisations);
  const parts: Buffer[] = [];
  for await (const chunk of chunks) {
    schema.add(chunk);
    parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  const file = readIatiOrganisations(
    Buffer.concat(parts)
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
  );
  const unchecked = await schema.finish(file.version);
  if (unchecked) warnings.add(unchecked);
  const saved = await saveIatiOrganisations(tx, by, file.organisations, iso3Of, warnings);
  return { ...NONE, organisations: file.organisations.length, ...saved, warnings: [...warnings] };
}

/** Whether a file's first chunk opens an organisation file (`<iati-organisations>`), past the declaration and comments. */
const isOrganisationFile = (head: string) =>
  /^<iati-organisations[\s>]/.test(
    head.replace(/^\uFEFF/, '').replace(/^(\s*(<\?[\s\S]*?\?>|<!--[\s\S]*?-->))*\s*/, ''),
  );

/** The file's chunks, the first of which has been read (to tell an organisation file from an activity file). */
async function firstAndRest(chunks: Chunks): Promise<{ head: string; all: Chunks }> {
  const it = chunks[Symbol.asyncIterator]();
  const first = await it.next();
  async function* all() {
    if (!first.done) yield first.value;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  const head = first.done ? '' : Buffer.from(first.value).toString('utf8');
  return { head, all: all() };
}

/**
 * Imports IATI activity and organisation files one by one, each in its own transaction (nothing
 * kept from a file with a problem, which is named with its line).
 */
export async function importIati(
  database: Database,
  by: Viewer,
  files: { file: string; chunks: () => Chunks }[],
  onFile?: (r: IatiReport) => void,
): Promise<IatiReport[]> {
  const iso3Of = new Map(
    (await rows<{ iso2: string; iso3: string }>(database.orm, sql`SELECT iso2, iso3 FROM country`)).map(
      (c) => [c.iso2, c.iso3],
    ),
  );
  const reports: IatiReport[] = [];
  for (const f of files) {
    let report: IatiReport;
    try {
      const counts = await inTransaction(database, async (tx) => {
        const { head, all } = await firstAndRest(f.chunks());
        return isOrganisationFile(head)
          ? importOrganisationFile(tx, by, all, iso3Of)
          : importActivityFile(tx, by, all, iso3Of);
      });
      report = { file: f.file, ok: true, ...counts, error: null };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      report = { file: f.file, ok: false, ...NONE, warnings: [], error: `${f.file}: ${err.message}` };
    }
    reports.push(report);
    onFile?.(report);
  }
  return reports;
}

/**
 * The programme's own activities (no other implementer) that the viewer may see, restricted ones
 * never, as IATI 2.03 XML, with those left out (an activity without any date cannot be published) named.
 */
export async function exportIati(
  db: Orm,
  viewer: Viewer,
  org: { ref: string; name: string },
): Promise<{ xml: string; written: number; left: string[] }> {
  const list = await rows<{
    id: number;
    iati_identifier: string | null;
    title: string;
    description: string | null;
    kind: string;
    mode: string | null;
    audience: string | null;
    status: string;
    planned_start: string | null;
    planned_end: string | null;
    actual_start: string | null;
    actual_end: string | null;
    cost: number | null;
    currency: string | null;
    countries: { code: string; name: string }[];
  }>(
    db,
    sql`SELECT a.id, a.iati_identifier, a.title, a.description, a.kind, a.mode, a.audience, a.status, a.planned_start::text, a.planned_end::text, a.actual_start::text, a.actual_end::text, a.cost::float, a.currency,
          coalesce((SELECT jsonb_agg(jsonb_build_object('code', c.iso2, 'name', coalesce(c.names->>'en', c.iso3)) ORDER BY c.iso2)
                    FROM activity_country ac JOIN country c ON c.iso3 = ac.country WHERE ac.activity_id = a.id), '[]') AS countries
        FROM activity a WHERE a.implementer IS NULL AND ${tierVisible(forPublication(viewer), 'a')} ORDER BY a.id`,
  );
  return iatiXml(
    org,
    list.map((a) => ({
      ...a,
      identifier: a.iati_identifier ?? `${org.ref}-${a.id}`,
      dates: {
        planned_start: a.planned_start,
        planned_end: a.planned_end,
        actual_start: a.actual_start,
        actual_end: a.actual_end,
      },
    })),
  );
}

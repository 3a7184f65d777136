/** Read access to the reference data: countries, M49 areas, instruments, articles, crosswalk, concepts. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows, where } from '../../core/db/query.js';
import { notFound } from '../../core/errors.js';
import { Named } from '../../core/names.js';
import { UI_LANGUAGES } from '../../core/i18n.js';

export type Names = Record<string, string>;
export type Country = {
  iso3: string;
  iso2: string;
  numeric: string;
  names: Names;
  region_code: string | null;
  subregion_code: string | null;
  intermediate_code: string | null;
  region: Names | null;
  subregion: Names | null;
  intermediate: Names | null;
  un_member: boolean;
  works: number;
  cases: number;
  documents: number;
};

type CountryReference = Omit<Country, 'works' | 'cases' | 'documents'>;

/**
 * The countries with their names and M49 areas, as the database orders them by English name (its
 * collation decides) — reference data, loaded from the files shipped with cyrepo (src/domains/reference/data)
 * and so changed only by an upgrade, which restarts the server. Read once per database handle: the
 * country pages and filters ask for it on nearly every request.
 */
const referenceByDb = new WeakMap<Orm, Promise<CountryReference[]>>();
function countryReference(db: Orm): Promise<CountryReference[]> {
  let cached = referenceByDb.get(db);
  if (!cached) {
    cached = rows<CountryReference>(
      db,
      sql`SELECT c.iso3, c.iso2, c.numeric, c.names, c.region_code, c.subregion_code, c.intermediate_code,
            r.names AS region, s.names AS subregion, i.names AS intermediate, c.un_member
          FROM country c LEFT JOIN m49_area r ON r.code = c.region_code LEFT JOIN m49_area s ON s.code = c.subregion_code
          LEFT JOIN m49_area i ON i.code = c.intermediate_code ORDER BY c.names->>'en', c.iso3`,
    );
    referenceByDb.set(db, cached);
    cached.catch(() => referenceByDb.delete(db)); // a failed read is tried again next time
  }
  return cached;
}

/** Each country's names in the six UN languages, by ISO alpha-3 code. */
export const countryNames = async (db: Orm): Promise<Map<string, Names>> =>
  new Map((await countryReference(db)).map((c) => [c.iso3, c.names]));

const namedByDb = new WeakMap<Orm, Promise<Named>>();
/** Short names as people write them (Tanzania, Royaume-Uni, Россия), from the CLDR data Node carries. */
const COMMON_NAMES = UI_LANGUAGES.map((lang) => new Intl.DisplayNames([lang], { type: 'region' }));

/**
 * Countries by what a person may type: the ISO 3166 codes, the official names in the six UN
 * languages, with and without what they add in brackets ("Bolivia (Plurinational State of)"), and
 * the short names in common use.
 */
export function countriesNamed(db: Orm): Promise<Named> {
  let named = namedByDb.get(db);
  if (!named) {
    named = countryReference(db).then((list) => {
      const out = new Named();
      for (const c of list)
        out.add(
          c.iso3,
          c.iso3,
          c.iso2,
          ...Object.values(c.names).flatMap((n) => [n, n.replace(/\s*\(.*\)\s*$/, '')]),
          ...COMMON_NAMES.map((names) => names.of(c.iso2)),
        );
      return out;
    });
    namedByDb.set(db, named);
    named.catch(() => namedByDb.delete(db));
  }
  return named;
}

/** UN M49 regions and sub-regions by what a person may type (code, or name in the six UN languages), and their names by code. */
export async function areasNamed(db: Orm): Promise<{ named: Named; names: Map<string, Names> }> {
  const list = await rows<{ code: string; names: Names }>(db, sql`SELECT code, names FROM m49_area`);
  const named = new Named();
  for (const a of list) named.add(a.code, a.code, ...Object.values(a.names));
  return { named, names: new Map(list.map((a) => [a.code, a.names])) };
}

/** How many works, cases and documents of each country the viewer may see (countries with none left out). */
async function countsFor(
  db: Orm,
  viewer: Viewer,
  iso3?: string,
): Promise<Map<string, { works: number; cases: number; documents: number }>> {
  const only = (alias: string) => (iso3 ? sql` AND ${sql.raw(alias)}.country = ${iso3}` : sql``);
  const list = await rows<{ country: string; works: number; cases: number; documents: number }>(
    db,
    sql`SELECT x.country, sum(x.w)::int AS works, sum(x.k)::int AS cases, sum(x.d)::int AS documents FROM (
          SELECT w.country, count(*) AS w, 0 AS k, 0 AS d FROM legal_work w WHERE ${visibleTo(viewer, 'w')}${only('w')} GROUP BY w.country
          UNION ALL SELECT k.country, 0, count(*), 0 FROM legal_case k WHERE ${visibleTo(viewer, 'k')}${only('k')} GROUP BY k.country
          UNION ALL SELECT d.country, 0, 0, count(*) FROM document d WHERE ${visibleTo(viewer, 'd')}${only('d')} GROUP BY d.country
        ) x GROUP BY x.country`,
  );
  return new Map(list.map(({ country, ...counts }) => [country, counts]));
}

export const countryListQuery = z.object({
  region: z
    .string()
    .regex(/^\d{3}$/, 'an M49 area code such as 014')
    .optional(),
  un_member: z.enum(['true', 'false']).optional(),
  has_content: z.enum(['true', 'false']).optional(),
  sort: z
    .enum(['name', 'iso3', '-items'])
    .default('name')
    .describe('name (English), iso3, or -items (most repository items first)'),
});

/** Countries with how many works, cases and documents the viewer may see. */
export async function listCountries(
  db: Orm,
  viewer: Viewer,
  q: Partial<z.infer<typeof countryListQuery>> = {},
): Promise<Country[]> {
  const [reference, counts] = await Promise.all([countryReference(db), countsFor(db, viewer)]);
  const none = { works: 0, cases: 0, documents: 0 };
  let list: Country[] = reference
    .filter(
      (c) =>
        (!q.region || [c.region_code, c.subregion_code, c.intermediate_code].includes(q.region)) &&
        (!q.un_member || c.un_member === (q.un_member === 'true')),
    )
    .map((c) => ({ ...c, ...(counts.get(c.iso3) ?? none) }));
  // Already in name order; sort is stable, so equal totals stay in name order.
  if (q.sort === 'iso3') list = list.sort((a, b) => (a.iso3 < b.iso3 ? -1 : a.iso3 > b.iso3 ? 1 : 0));
  else if (q.sort === '-items')
    list = list.sort((a, b) => b.works + b.cases + b.documents - (a.works + a.cases + a.documents));
  if (q.has_content === undefined) return list;
  const want = q.has_content === 'true';
  return list.filter((c) => c.works + c.cases + c.documents > 0 === want);
}

export async function getCountry(db: Orm, viewer: Viewer, iso3: string): Promise<Country> {
  const code = iso3.toUpperCase();
  const [reference, counts] = await Promise.all([countryReference(db), countsFor(db, viewer, code)]);
  const c = reference.find((r) => r.iso3 === code);
  if (!c) throw notFound(`Country ${iso3}`);
  return { ...c, ...(counts.get(code) ?? { works: 0, cases: 0, documents: 0 }) };
}

export type Party = {
  instrument: string;
  short_name: string;
  status: string;
  signature: string | null;
  ratification: string | null;
  entry_into_force: string | null;
  reservations: string | null;
  source_note: string | null;
};

export async function partiesOf(db: Orm, iso3: string): Promise<Party[]> {
  return rows<Party>(
    db,
    sql`SELECT p.instrument, i.short_name, p.status, p.signature, p.ratification, p.entry_into_force, p.reservations, p.source_note
        FROM instrument_party p JOIN instrument i ON i.code = p.instrument WHERE p.country = ${iso3} ORDER BY i.adopted`,
  );
}

export type Instrument = {
  code: string;
  short_name: string;
  title: string;
  body: string;
  adopted: string | null;
  opened_for_signature: string | null;
  in_force: string | null;
  articles: number;
  parties: number;
};

const INSTRUMENT_SELECT = sql`SELECT i.code, i.short_name, i.title, i.body, i.adopted, i.opened_for_signature, i.in_force,
  (SELECT count(*)::int FROM instrument_article a WHERE a.instrument = i.code) AS articles,
  (SELECT count(*)::int FROM instrument_party p WHERE p.instrument = i.code AND p.status IN ('party', 'ratified', 'acceded')) AS parties
  FROM instrument i`;

export const listInstruments = (db: Orm) =>
  rows<Instrument>(db, sql`${INSTRUMENT_SELECT} ORDER BY i.adopted`);

export async function getInstrument(db: Orm, code: string): Promise<Instrument> {
  const i = await one<Instrument>(db, sql`${INSTRUMENT_SELECT} WHERE i.code = ${code.toUpperCase()}`);
  if (!i) throw notFound(`Instrument ${code}`);
  return i;
}

export type Article = {
  instrument: string;
  number: string;
  title: string;
  chapter: string;
  section: string | null;
  category: string;
  text: Names;
  provenance: string | null;
  mapped_provisions: number;
  mapped_countries: number;
};

/** Articles with how many provisions (and countries) the viewer may see are mapped to each. */
const articleSelect = (
  viewer: Viewer,
) => sql`SELECT a.instrument, a.number, a.title, a.chapter, a.section, a.category, a.text, a.provenance,
  (SELECT count(*)::int FROM mapping m JOIN legal_work w ON w.id = m.work_id
     WHERE m.instrument = a.instrument AND m.article = a.number AND m.status = 'accepted' AND ${visibleTo(viewer, 'w')}) AS mapped_provisions,
  (SELECT count(DISTINCT w.country)::int FROM mapping m JOIN legal_work w ON w.id = m.work_id
     WHERE m.instrument = a.instrument AND m.article = a.number AND m.status = 'accepted' AND ${visibleTo(viewer, 'w')}) AS mapped_countries
  FROM instrument_article a`;

export const articleListQuery = z.object({
  instrument: z.string().optional(),
  category: z.string().optional(),
});

export async function listArticles(
  db: Orm,
  viewer: Viewer,
  q: z.infer<typeof articleListQuery> = {},
): Promise<Article[]> {
  return rows<Article>(
    db,
    sql`${articleSelect(viewer)} WHERE ${where(q.instrument && sql`a.instrument = ${q.instrument.toUpperCase()}`, q.category && sql`a.category = ${q.category}`)}
        ORDER BY a.instrument, a.position`,
  );
}

export async function getArticle(db: Orm, viewer: Viewer, instrument: string, number: string) {
  const a = await one<Article>(
    db,
    sql`${articleSelect(viewer)} WHERE a.instrument = ${instrument.toUpperCase()} AND a.number = ${number}`,
  );
  if (!a) throw notFound(`Article ${number} of ${instrument}`);
  const [crosswalk, concepts] = await Promise.all([
    rows<{ instrument: string; article: string; title: string; note: string | null }>(
      db,
      sql`SELECT x.to_instrument AS instrument, x.to_article AS article, t.title, x.note FROM article_crosswalk x
            JOIN instrument_article t ON t.instrument = x.to_instrument AND t.number = x.to_article
            WHERE x.from_instrument = ${a.instrument} AND x.from_article = ${a.number}
          UNION ALL
          SELECT x.from_instrument, x.from_article, t.title, x.note FROM article_crosswalk x
            JOIN instrument_article t ON t.instrument = x.from_instrument AND t.number = x.from_article
            WHERE x.to_instrument = ${a.instrument} AND x.to_article = ${a.number}`,
    ),
    rows<{ code: string; labels: Names }>(
      db,
      sql`SELECT c.code, c.labels FROM concept_article ca JOIN concept c ON c.code = ca.concept
          WHERE ca.instrument = ${a.instrument} AND ca.article = ${a.number} ORDER BY c.position`,
    ),
  ]);
  return { ...a, crosswalk, concepts };
}

export type CrosswalkRow = {
  from_article: string;
  from_title: string;
  to_article: string;
  to_title: string;
  note: string | null;
};

export const crosswalk = (db: Orm, from = 'ETS185', to = 'UNCC2024') =>
  rows<CrosswalkRow>(
    db,
    sql`SELECT x.from_article, f.title AS from_title, x.to_article, t.title AS to_title, x.note FROM article_crosswalk x
        JOIN instrument_article f ON f.instrument = x.from_instrument AND f.number = x.from_article
        JOIN instrument_article t ON t.instrument = x.to_instrument AND t.number = x.to_article
        WHERE x.from_instrument = ${from} AND x.to_instrument = ${to} ORDER BY f.position`,
  );

export type Concept = {
  code: string;
  kind: string;
  labels: Names;
  synonyms: Record<string, string[]>;
  definition: string | null;
  articles: { instrument: string; article: string }[];
};

const CONCEPT_SELECT = sql`SELECT c.code, c.kind, c.labels, c.synonyms, c.definition,
  coalesce((SELECT json_agg(json_build_object('instrument', ca.instrument, 'article', ca.article) ORDER BY ca.instrument, a.position)
    FROM concept_article ca JOIN instrument_article a ON a.instrument = ca.instrument AND a.number = ca.article WHERE ca.concept = c.code), '[]') AS articles
  FROM concept c`;

export const conceptListQuery = z.object({
  kind: z.enum(['offence', 'procedural_power', 'cooperation', 'cross_cutting']).optional(),
});

export const listConcepts = (db: Orm, q: z.infer<typeof conceptListQuery> = {}) =>
  rows<Concept>(
    db,
    sql`${CONCEPT_SELECT} WHERE ${where(q.kind && sql`c.kind = ${q.kind}`)} ORDER BY c.position`,
  );

export async function getConcept(db: Orm, code: string): Promise<Concept> {
  const c = await one<Concept>(db, sql`${CONCEPT_SELECT} WHERE c.code = ${code}`);
  if (!c) throw notFound(`Concept ${code}`);
  return c;
}

export type UnmatchedArticle = { instrument: string; number: string; title: string; note: string };

/** Articles the crosswalk says have no counterpart in the other convention. */
export const unmatchedArticles = (db: Orm) =>
  rows<UnmatchedArticle>(
    db,
    sql`SELECT instrument, number, title, unmatched_note AS note FROM instrument_article WHERE unmatched_note IS NOT NULL ORDER BY instrument, position`,
  );

/** UN M49 regions, sub-regions and intermediate regions, by English name. */
export const listRegions = (db: Orm) =>
  rows<{ code: string; names: Names }>(
    db,
    sql`SELECT code, names FROM m49_area WHERE level IN ('subregion', 'intermediate', 'region') ORDER BY names->>'en'`,
  );

/**
 * What a query asks for, worked out once per search: the tsquery matching it in every indexed
 * language's configuration, and the concepts it names (by a label or synonym in any language, as
 * written or inflected), whose tagged and mapped items it also finds.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { keptPerDatabase, rows } from '../../core/db/query.js';
import { conceptsNamedIn, namedByLexemes, termConfigs, type Expansion } from './concepts.js';
import { normalise, prepareQuery, UNSPACED } from './text.js';

/** The text search configurations the index uses (a query is matched in each), read once a minute. */
const indexedConfigs = keptPerDatabase(60_000, async (db) => {
  const list = await rows<{ c: string }>(db, sql`SELECT DISTINCT config::text AS c FROM search_entry`);
  return list.length ? list.map((r) => r.c) : ['simple'];
});

export type Understood = {
  /** The query as one tsquery value (a parameter, so that the planner sees its selectivity). */
  tq: SQL;
  /** Any of the query's words (for a query of plain words that matched nothing with all of them). */
  relaxed: SQL | undefined;
  /** How densely an entry (`s`) uses the query's words, each by how rare it is (plain queries of several words). */
  density: SQL | undefined;
  /** The configurations the query was read in. */
  configs: string[];
  expansions: Expansion[];
};

/**
 * The query in every indexed language's configuration, OR'ed, with duplicates removed (most
 * configurations turn most words into the same lexemes), and its words as each configuration
 * stems them (for naming concepts in inflected forms) — in one round trip.
 */
export async function understand(db: Orm, text: string): Promise<Understood> {
  let understood = understoodIn.get(db);
  if (!understood) understoodIn.set(db, (understood = new Map()));
  const known = understood.get(text);
  if (known && Date.now() - known.at < 60_000) return known.value;
  const value = await understandNow(db, text);
  if (understood.size >= 1000) understood.delete(understood.keys().next().value!);
  understood.set(text, { at: Date.now(), value });
  return value;
}

/** Per database, queries recently understood (as configurations and concepts were then: both are kept a minute). */
const understoodIn = new WeakMap<Orm, Map<string, { at: number; value: Understood }>>();

async function understandNow(db: Orm, text: string): Promise<Understood> {
  const prepared = prepareQuery(text);
  const [configs, stemming] = await Promise.all([indexedConfigs(db), termConfigs(db)]);
  const variants = sql.join(
    configs.map((c) => sql`websearch_to_tsquery(${c}::regconfig, ${prepared})`),
    sql`, `,
  );
  const [{ tq, stems }] = await rows<{ tq: string; stems: Record<string, [string, number[]][]> | null }>(
    db,
    sql`SELECT (SELECT coalesce(string_agg(DISTINCT '(' || v::text || ')', ' | '), '') FROM unnest(ARRAY[${variants}]) AS v WHERE v::text <> '') AS tq,
               (SELECT jsonb_object_agg(c, (SELECT coalesce(jsonb_agg(jsonb_build_array(t.lexeme, t.positions)), '[]') FROM unnest(to_tsvector(c::regconfig, ${prepared})) AS t))
                FROM unnest(${sql.param([...new Set([...configs, ...stemming])])}::text[]) AS c) AS stems`,
  );
  const lexemes = Object.fromEntries(
    Object.entries(stems ?? {}).map(([c, list]) => [c, list.map(([l]) => l)]),
  );
  const forms = wordForms(stems ?? {}, configs, text);
  const words = new Set(forms.flat());
  const plain = !/["()]|(^|\s)-|\bOR\b/.test(text);
  const relaxed =
    plain && words.size > 1
      ? sql`${[...words].map((w) => `'${w.replace(/'/g, "''")}'`).join(' | ')}::tsquery`
      : undefined;
  const named = conceptsNamedIn(db, text);
  const inflected = namedByLexemes(db, lexemes);
  const found = new Map<string, Expansion>();
  for (const e of [...(await named), ...(await inflected)]) if (!found.has(e.code)) found.set(e.code, e);
  return {
    tq: sql`${tq}::tsquery`,
    relaxed,
    density: plain && forms.length > 1 ? await weightedDensity(db, forms) : undefined,
    configs,
    expansions: longestOnly([...found.values()]),
  };
}

/**
 * Each word of the query in its forms as the indexed languages stem it (the concepts' languages
 * stem it only to name them; 'simple', which keeps stop words, only for scripts no other reads):
 * a language's lexemes are at the positions of the words they stem.
 */
function wordForms(stems: Record<string, [string, number[]][]>, configs: string[], text: string): string[][] {
  const byPosition = new Map<number, Set<string>>();
  for (const [c, list] of Object.entries(stems))
    if (configs.includes(c) && (c !== 'simple' || UNSPACED.test(text)))
      for (const [lexeme, positions] of list)
        for (const at of positions) byPosition.set(at, (byPosition.get(at) ?? new Set()).add(lexeme));
  const distinct = new Map([...byPosition.values()].map((set) => [[...set].sort().join(' '), [...set]]));
  return [...distinct.values()];
}

/**
 * The concepts named, without those whose term is only part of another's ("interception" within
 * "interception of content data" names one concept, not two).
 */
function longestOnly(list: Expansion[]): Expansion[] {
  const words = (e: Expansion) => ` ${normalise(e.matched)} `;
  return list.filter(
    (e) => !list.some((o) => o !== e && words(o).length > words(e).length && words(o).includes(words(e))),
  );
}

/** Languages written in the query's script, when that script says much (Arabic, Cyrillic, Thai, Han). */
export function scriptLanguages(text: string): string[] {
  if (/\p{Script=Arabic}/u.test(text)) return ['ara'];
  if (/\p{Script=Cyrillic}/u.test(text)) return ['rus'];
  if (/\p{Script=Thai}/u.test(text)) return ['tha'];
  if (/\p{Script=Han}/u.test(text)) return ['zho', 'jpn'];
  return [];
}

/**
 * The share of entries using each common word, as PostgreSQL's statistics of the index hold it
 * (ANALYZE keeps the most common lexemes of a tsvector column); a word missing from them is rarer
 * than the rarest listed. Read once a minute.
 */
const wordFrequencies = keptPerDatabase(60_000, async (db) => {
  const list = await rows<{ e: string; f: number }>(
    db,
    sql`SELECT x.e, x.f FROM pg_stats, unnest(most_common_elems::text::text[], most_common_elem_freqs[1:cardinality(most_common_elems::text::text[])]) AS x(e, f)
        WHERE schemaname = current_schema() AND tablename = 'search_entry' AND attname = 'tsv'`,
  );
  const of = new Map(list.map((r) => [r.e, r.f]));
  return { of, rarest: Math.min(0.01, ...of.values()) / 2 };
});

/**
 * Density with each word weighted by its rarity (inverse document frequency, which ts_rank lacks):
 * in "computer fraud", a text saying "fraud" often ranks above one saying "computer" often. A word
 * is given as its forms in every language's stemming, and is as common as its commonest form.
 */
async function weightedDensity(db: Orm, words: string[][]): Promise<SQL> {
  const { of, rarest } = await wordFrequencies(db);
  const idf = words.map((forms) =>
    Math.log(1 / Math.min(0.99, Math.max(...forms.map((f) => of.get(f) ?? rarest)))),
  );
  const total = idf.reduce((a, b) => a + b, 0);
  const tsquery = (forms: string[]) => forms.map((f) => `'${f.replace(/'/g, "''")}'`).join(' | ');
  return sql.join(
    words.map((forms, i) => sql`${idf[i] / total} * ts_rank(s.tsv, ${tsquery(forms)}::tsquery, 32)`),
    sql` + `,
  );
}

/**
 * What a query asks for, worked out once per search: the tsquery matching it in every indexed
 * language's configuration, and the concepts it names (by a label or synonym in any language, as
 * written or inflected), whose tagged and mapped items it also finds.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { conceptsNamedIn, namedByLexemes, type Expansion } from './concepts.js';
import { normalise, prepareQuery, UNSPACED } from './text.js';

let configsCache: { at: number; list: string[] } | undefined;
/** The text search configurations the index uses (a query is matched in each). */
async function indexedConfigs(db: Orm): Promise<string[]> {
  if (!configsCache || Date.now() - configsCache.at > 60_000)
    configsCache = {
      at: Date.now(),
      list: (await rows<{ c: string }>(db, sql`SELECT DISTINCT config::text AS c FROM search_entry`)).map(
        (r) => r.c,
      ),
    };
  return configsCache.list.length ? configsCache.list : ['simple'];
}

export type Understood = {
  /** The query as one tsquery value (a parameter, so that the planner sees its selectivity). */
  tq: SQL;
  /** Any of the query's words (for a query of plain words that matched nothing with all of them). */
  relaxed: SQL | undefined;
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
  const known = understood.get(text);
  if (known && Date.now() - known.at < 60_000) return known.value;
  const value = await understandNow(db, text);
  if (understood.size >= 1000) understood.delete(understood.keys().next().value!);
  understood.set(text, { at: Date.now(), value });
  return value;
}

/** Queries recently understood (as configurations and concepts were then: both are kept a minute). */
const understood = new Map<string, { at: number; value: Understood }>();

async function understandNow(db: Orm, text: string): Promise<Understood> {
  const prepared = prepareQuery(text);
  const configs = await indexedConfigs(db);
  const variants = sql.join(
    configs.map((c) => sql`websearch_to_tsquery(${c}::regconfig, ${prepared})`),
    sql`, `,
  );
  const [{ tq, lexemes }] = await rows<{ tq: string; lexemes: Record<string, string[]> | null }>(
    db,
    sql`SELECT (SELECT coalesce(string_agg(DISTINCT '(' || v::text || ')', ' | '), '') FROM unnest(ARRAY[${variants}]) AS v WHERE v::text <> '') AS tq,
               (SELECT jsonb_object_agg(c, tsvector_to_array(to_tsvector(c::regconfig, ${prepared}))) FROM unnest(${sql.param(configs)}::text[]) AS c) AS lexemes`,
  );
  // Any word, as each language stems it; the configuration without stop words ('simple') only
  // for scripts that no other one reads.
  const words = new Set(
    Object.entries(lexemes ?? {}).flatMap(([c, list]) => (c !== 'simple' || UNSPACED.test(text) ? list : [])),
  );
  const plain = !/["()]|(^|\s)-|\bOR\b/.test(text);
  const relaxed =
    plain && words.size > 1
      ? sql`${[...words].map((w) => `'${w.replace(/'/g, "''")}'`).join(' | ')}::tsquery`
      : undefined;
  const named = conceptsNamedIn(db, text);
  const inflected = namedByLexemes(db, lexemes ?? {});
  const found = new Map<string, Expansion>();
  for (const e of [...(await named), ...(await inflected)]) if (!found.has(e.code)) found.set(e.code, e);
  return { tq: sql`${tq}::tsquery`, relaxed, configs, expansions: longestOnly([...found.values()]) };
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

/**
 * What a search needs to know of each matching entry besides its text (kind, country, language,
 * year, court, status, concepts, articles, group), held in this process's memory: ranking signals,
 * grouping translations and counting facets over thousands of matches then costs microseconds, not
 * a pass over PostgreSQL's rows (a GROUP BY over 15,000 matches took 25 ms of the 36 ms a search
 * cost). PostgreSQL still decides what matches and who may see it; this is a cache of columns only.
 *
 * An entry is held with its row version (xmin): a match whose version is not the one held is read
 * again before it is counted, so that what is counted is always the row PostgreSQL matched. Entries
 * of rows that no longer exist are dropped when the cache holds twice as many as the table (or its
 * last full read) — after a rebuild, which numbers every entry anew.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';

export type Entry = {
  version: number;
  kind: string;
  country: string | null;
  language: string;
  year: number | null;
  court: string | null;
  status: string | null;
  /** The provision a translation belongs to (only for entries whose group has several). */
  group: string | null;
  /** Which of the samples its group falls in (sample.ts). */
  sample: number;
  /** Length of the text: shorter texts first among equals. */
  size: number;
  /** The date as text, '0001-01-01' when unknown (the sort key by date). */
  date: string;
  concepts: readonly string[];
  articles: readonly string[];
  headConcepts: readonly string[];
  termConcepts: readonly string[];
  /** Its facet values (type, country, region, language, year, court, status, concepts, articles) as codes (`facetOf`). */
  facets: Int32Array;
  /** The search that last saw it (to count an entry found twice once). */
  seen: number;
};

/** Matches as PostgreSQL returned them: entries' ids and row versions, 8 bytes each (big-endian). */
export class Matches {
  readonly ids: Int32Array;
  readonly versions: Int32Array;
  /** Each match's columns, once `readColumns` has read them (undefined: the entry is gone). */
  entries: (Entry | undefined)[] = [];
  constructor(packed: Buffer | null) {
    const n = packed ? packed.length / 8 : 0;
    const view = packed ? new DataView(packed.buffer, packed.byteOffset, packed.length) : undefined;
    this.ids = new Int32Array(n);
    this.versions = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.ids[i] = view!.getInt32(i * 8);
      this.versions[i] = view!.getInt32(i * 8 + 4);
    }
  }
}

/** The entries held, the first full read (shared by the searches that wait for it) and how many it read. */
type Cache = { entries: Map<number, Entry>; loading: Promise<void> | undefined; loaded: number };
const caches = new WeakMap<Orm, Cache>();
const BATCH = 20_000;
const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Sets the columns of every match (`Matches.entries`), reading those the cache of the database
 * searched does not hold as they are.
 */
export async function readColumns(db: Orm, found: Matches[], tableRows: number): Promise<void> {
  let cache = caches.get(db);
  // entries of rows since deleted (a rebuild numbers every entry anew): start again
  if (!cache || cache.entries.size > 2 * Math.max(tableRows, cache.loaded, 1000)) {
    cache = { entries: new Map(), loading: undefined, loaded: 0 };
    caches.set(db, cache);
  }
  const { entries } = cache;
  if (!entries.size) {
    const current = cache;
    // a failed read is tried again by the next search (entries not held are read one by one meanwhile)
    current.loading ??= loadAll(db, entries).then(
      () => void (current.loaded = entries.size),
      () => void (current.loading = undefined),
    );
    await current.loading;
  }
  const stale: number[] = [];
  for (const f of found) {
    f.entries = new Array(f.ids.length);
    for (let i = 0; i < f.ids.length; i++) {
      const e = entries.get(f.ids[i]);
      if (e?.version === f.versions[i]) f.entries[i] = e;
      else stale.push(f.ids[i]);
    }
  }
  if (!stale.length) return;
  for (let i = 0; i < stale.length; i += BATCH)
    for (const [id, e] of await read(db, sql`s.id = ANY(${sql.param(stale.slice(i, i + BATCH))}::bigint[])`))
      entries.set(id, e);
  for (const f of found) for (let i = 0; i < f.ids.length; i++) f.entries[i] ??= entries.get(f.ids[i]);
}

/** Every entry, in batches (a first search after a start reads the whole table once). */
async function loadAll(db: Orm, entries: Map<number, Entry>): Promise<void> {
  let after = 0;
  for (;;) {
    const batch = await read(db, sql`s.id > ${after} ORDER BY s.id LIMIT ${BATCH}`);
    for (const [id, e] of batch) entries.set(id, e);
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1][0];
  }
}

type Row = {
  id: string;
  version: number;
  kind: string;
  country: string | null;
  language: string;
  year: number | null;
  court: string | null;
  status: string | null;
  group_key: string | null;
  sample: number;
  size: number;
  date: string;
  concepts: string[];
  articles: string[];
  head_concepts: string[];
  term_concepts: string[];
  region: string | null;
};

async function read(db: Orm, condition: ReturnType<typeof sql>): Promise<[number, Entry][]> {
  const list = await rows<Row>(
    db,
    sql`SELECT s.id, ${VERSION} AS version, s.kind, s.country, s.language, s.year, s.court, s.status,
               CASE WHEN s.grouped THEN s.group_key END AS group_key, s.sample, octet_length(s.body) AS size,
               coalesce(s.date, '0001-01-01')::text AS date, s.concepts, s.articles, s.head_concepts, s.term_concepts,
               (SELECT coalesce(c.intermediate_code, c.subregion_code, c.region_code) FROM country c WHERE c.iso3 = s.country) AS region
        FROM search_entry s WHERE ${condition}`,
  );
  return list.map((r) => [
    Number(r.id),
    {
      version: r.version,
      kind: intern(r.kind),
      country: r.country && intern(r.country),
      language: intern(r.language),
      year: r.year,
      court: r.court && intern(r.court),
      status: r.status && intern(r.status),
      group: r.group_key,
      sample: r.sample,
      size: r.size,
      date: intern(r.date),
      concepts: codes(r.concepts),
      articles: codes(r.articles),
      headConcepts: codes(r.head_concepts),
      termConcepts: codes(r.term_concepts),
      facets: facetCodes(r),
      seen: 0,
    },
  ]);
}

/** A row's version as a signed 32-bit number (xmin is an unsigned 32-bit transaction id). */
export const VERSION = sql`(s.xmin::text::bigint - 2147483648)::int`;

/** Each facet value once, numbered: counting a facet is adding one in an array. */
const facetNames: string[] = [];
const facetValues: string[] = [];
const facetCode = new Map<string, number>();

/** The facet and value a code stands for. */
export const facetOf = (code: number) => ({ facet: facetNames[code], value: facetValues[code] });
/** How many facet values have a code (the size of an array counting them). */
export const facetValueCount = () => facetNames.length;

function facetCodes(r: Row): Int32Array {
  const pairs: [string, string | number | null][] = [
    ['type', r.kind],
    ['country', r.country],
    ['region', r.region],
    ['language', r.language],
    ['year', r.year],
    ['court', r.court],
    ['status', r.status],
    ...r.concepts.map((c): [string, string] => ['concept', c]),
    ...r.articles.map((a): [string, string] => ['article', a]),
  ];
  const out: number[] = [];
  for (const [facet, value] of pairs) {
    if (value === null) continue;
    const key = `${facet}\u0000${value}`;
    let code = facetCode.get(key);
    if (code === undefined) {
      code = facetNames.length;
      facetCode.set(key, code);
      facetNames.push(facet);
      facetValues.push(String(value));
    }
    out.push(code);
  }
  return Int32Array.from(out);
}

/** Codes, countries and dates repeat across entries: each held once. */
const interned = new Map<string, string>();
function intern(s: string): string {
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size < 200_000) interned.set(s, s);
  return s;
}
const codes = (list: string[]): readonly string[] => (list.length ? list.map(intern) : EMPTY);

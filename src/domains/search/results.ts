/**
 * A search's page, total and facet counts: PostgreSQL finds the matches, memory ranks and counts
 * them (columns.ts, ranking.ts), PostgreSQL ranks the best by density and writes the snippets.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { decodeCursor, encodeCursor, rows } from '../../core/db/query.js';
import { type Entry, Matches, readColumns } from './columns.js';
import { byDateOf, type Found, findMatches, type Matching } from './matches.js';
import { SAMPLES } from './sample.js';
import type { Facets, SearchHit, SearchParams, SearchReason } from './params.js';
import {
  afterCursor,
  bySignals,
  collapse,
  countOf,
  covers,
  type FacetCount,
  facetCounts,
  firstOf,
  type Hit,
  order,
  signals,
} from './ranking.js';

export const HL_START = '\u27E6';
export const HL_STOP = '\u27E7';

/** Above any other signal: when few items have all the words, they come before those with some. */
const ALL_WORDS = 1;

/** How many of the best matches by signals are ranked by density. */
const CANDIDATES = 300;

const SNIPPET = `StartSel=${HL_START}, StopSel=${HL_STOP}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

type PageRow = Pick<
  SearchHit,
  'type' | 'title' | 'country' | 'language' | 'date' | 'url' | 'snippet' | 'other_versions'
> & {
  id: number;
  item_id: string;
};

/**
 * A search's page, total and facet counts. PostgreSQL finds the matches (through the indexes) and
 * returns their ids; signals, grouping, facets and order are worked out in memory; PostgreSQL then
 * ranks the best candidates by density and writes the page's snippets.
 */
export async function pageAndFacets(db: Orm, q: SearchParams, m: Matching) {
  const byDate = byDateOf(q, m);
  const desc = q.sort !== 'date';
  const cursor = decodeCursor(q.cursor, byDate ? 'text' : 'number');
  // By date, the newest of every match; by relevance, a broad query is read in samples.
  const found = await findMatches(db, m, !byDate);
  const hits = collapse(await hitsOf(db, found, m, byDate));
  if (!byDate) await rankDensity(db, m, hits);
  const after = cursor ? hits.filter((h) => afterCursor(h, cursor, desc)) : hits;
  const page = firstOf(after, q.limit + 1, order(desc));
  const shown = await pageRows(
    db,
    m,
    page.slice(0, q.limit).map((h) => h.id),
  );
  const last = page[q.limit - 1];
  return {
    total: countOf(hits),
    approximate: !isExact(found),
    facets: facetsOf(facetCounts(hits)),
    items: page.slice(0, q.limit).flatMap((h) => {
      const row = shown.get(h.id);
      return row ? [hitOf(row, h, m, byDate)] : [];
    }),
    next_cursor: page.length > q.limit && last ? encodeCursor({ k: last.k, id: last.id }) : null,
  };
}

/** Numbers each search, so that an entry found twice (by its words and a concept) is counted once. */
let searches = 0;

/**
 * Each match once, with its columns, signals and the number of matches it stands for (by words
 * first: an item found both ways is found by its words). When matches were read in samples, the
 * items whose heading has the words and those with all of them are added (they come first).
 */
async function hitsOf(db: Orm, found: Found, m: Matching, byDate: boolean): Promise<Hit[]> {
  const [direct, named, heading, allWords] = [found.direct, found.named, found.heading, found.all_words].map(
    (list) => new Matches(list),
  );
  const exact = isExact(found);
  const lists = exact ? [direct, named] : [direct, named, heading, allWords];
  await readColumns(db, lists, found.live);
  const inHeading = new Set(heading.ids);
  const withAllWords = new Set(allWords.ids);
  const weigh = exact ? () => 1 : weights(found, new Set(named.ids));
  const serial = ++searches;
  const hits: Hit[] = [];
  for (const list of lists) {
    const d = list !== named;
    for (let i = 0; i < list.ids.length; i++) {
      const id = list.ids[i];
      const e = list.entries[i];
      if (!e || e.seen === serial) continue;
      e.seen = serial;
      const pre = byDate
        ? 0
        : signals(e, d, inHeading.has(id), m.spec) + (withAllWords.has(id) ? ALL_WORDS : 0);
      const preferred = m.spec.languages.includes(e.language);
      hits.push({ id, e, direct: d, pre, preferred, k: byDate ? e.date : pre, weight: weigh(id, e) });
    }
  }
  return hits;
}

const isExact = (found: Found) => found.samples.direct === SAMPLES && found.samples.named === SAMPLES;

/**
 * How many matches an item stands for when matches were read in samples: the items found through
 * the concepts, counted (all read) or estimated from their samples; plus the others found by their
 * words, estimated from the samples in which both sources were read (where it is known whether the
 * concepts found them too). An item outside those samples stands for none.
 */
function weights(found: Found, namedIds: Set<number>) {
  const { direct, named } = found.samples;
  const both = named === SAMPLES ? direct : Math.min(direct, named);
  return (id: number, e: Entry) => {
    if (namedIds.has(id)) return named === SAMPLES ? 1 : e.sample < named ? SAMPLES / named : 0;
    return e.sample < both ? SAMPLES / both : 0;
  };
}

/** The best CANDIDATES by signals get their density added: the cost does not grow with the number of matches. */
async function rankDensity(tx: Orm, m: Matching, hits: Hit[]) {
  const best = hits.length > CANDIDATES ? firstOf(hits, CANDIDATES, bySignals) : hits;
  if (!best.length) return;
  const byId = new Map(best.map((h) => [h.id, h]));
  const ranked = await rows<{ id: number; r: number }>(
    tx,
    sql`SELECT s.id, ${m.density} AS r FROM search_entry s WHERE s.id = ANY(${sql.param([...byId.keys()])}::bigint[])`,
  );
  for (const { id, r } of ranked) {
    const h = byId.get(Number(id));
    if (h) h.k = h.pre + r;
  }
}

async function pageRows(tx: Orm, m: Matching, ids: number[]): Promise<Map<number, PageRow>> {
  if (!ids.length) return new Map();
  const list = await rows<PageRow>(
    tx,
    sql`SELECT s.id, s.kind AS type, s.item_id, s.title, s.country, s.language, s.date, s.url, s.other_versions,
               ${m.tq ? sql`ts_headline(s.config, s.body, ${m.tq}, ${SNIPPET})` : sql`left(s.body, 240)`} AS snippet
        FROM search_entry s WHERE s.id = ANY(${sql.param(ids)}::bigint[])`,
  );
  return new Map(list.map((r) => [Number(r.id), r]));
}

function hitOf(row: PageRow, h: Hit, m: Matching, byDate: boolean): SearchHit {
  const reason: SearchReason | null =
    h.direct || !m.expansions.length
      ? null
      : {
          match: covers(h.e.concepts, m.spec) ? 'tagged' : 'term',
          concepts: m.expansions.map((e) => e.code),
        };
  return {
    type: row.type,
    id: row.item_id,
    title: row.title,
    country: row.country,
    language: row.language,
    date: row.date,
    snippet: row.snippet,
    url: row.url,
    score: byDate ? 0 : Number(Number(h.k).toFixed(4)),
    reason,
    other_versions: row.other_versions,
  };
}

/** The counts of each facet, most frequent first (years newest first), at most 40 values. */
function facetsOf(list: FacetCount[]): Facets {
  const facets: Facets = {};
  for (const r of list) (facets[r.facet] ??= []).push({ value: r.value, count: r.count });
  for (const [name, values] of Object.entries(facets))
    facets[name] = values
      .sort((a, b) =>
        name === 'year'
          ? Number(b.value) - Number(a.value)
          : b.count - a.count || a.value.localeCompare(b.value),
      )
      .slice(0, 40);
  return facets;
}

/** The snippet, split into plain and highlighted pieces (for pages) — text is never HTML. */
export function snippetParts(snippet: string): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  for (const chunk of snippet.split(HL_START)) {
    const [marked, rest] = chunk.includes(HL_STOP) ? chunk.split(HL_STOP, 2) : [null, chunk];
    if (marked !== null) parts.push({ text: marked, mark: true });
    if (rest) parts.push({ text: rest, mark: false });
  }
  return parts;
}

/** The snippet as HTML for API clients: text escaped, highlights in <mark>. */
export const snippetHtml = (snippet: string) =>
  snippetParts(snippet)
    .map((p) => {
      const safe = p.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return p.mark ? `<mark>${safe}</mark>` : safe;
    })
    .join('');

/**
 * Search relevance (`npm run bench:relevance`): nDCG@10 of the judged queries in
 * bench/data/search-judged.json on a fresh database holding the demo and every real law of
 * bench/real-laws.ts. Each law is imported as a user's text import would save it (published,
 * public) and its expert's mapping recorded as accepted mappings, as an editor records them; then
 * the search index is rebuilt and each query searched as an anonymous visitor, ten hits.
 *
 * Judgments come from the experts' mappings, never from cyrepo's ranking or lexicon. A query names
 * ETS 185 articles; relevant are (gain 2) the provisions mapped to one of them, or to the UN
 * Convention article the crosswalk pairs with it (gain 1 when the expert marked the mapping
 * debatable), a subsection counting as the section that carries the mapping; (gain 1) the article
 * entries themselves; (gain 2) the demo cases and documents a query lists as `items`. With a country
 * filter only that country's provisions are relevant. A provision counts once: a later hit on the
 * same provision (another version or translation, or a subsection of a section already shown) has
 * gain 0. DCG = Σ gain / log2(rank + 1); the ideal ranks every relevant item by gain.
 * Prints to stdout; appends to bench/RESULTS.md only with BENCH_WRITE=1; BENCH_DETAILS=FILE writes
 * every query's hits and gains as JSON.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { ANONYMOUS, system } from '../src/core/access.js';
import { openDatabase, type Database } from '../src/core/db/connect.js';
import { rows } from '../src/core/db/query.js';
import { loadEnv } from '../src/core/env.js';
import { AppError } from '../src/core/errors.js';
import { createMapping } from '../src/domains/analysis/mappings.js';
import { importFiles } from '../src/domains/intake/service.js';
import { rebuildSearch } from '../src/domains/search/rebuild.js';
import { parseSearch, type SearchHit } from '../src/domains/search/params.js';
import { search } from '../src/domains/search/service.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';
import { LAW_DIRS, loadRealLaws, sameNumber } from './real-laws.js';
import { appendResults } from './results.js';

type Judged = {
  id: string;
  q: string;
  language: string;
  articles: string[];
  country?: string;
  items?: string[];
  note?: string;
};
type LawMeta = {
  id: string;
  file: string;
  type: string;
  year: number;
  number: string | null;
  date: string | null;
};
type Scored = { query: Judged; ndcg: number; hits: SearchHit[]; gains: number[]; repeated: boolean };

const log = pino({ level: 'silent' });
const BY = system('bench:relevance');
const K = 10;
const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};
const f3 = (n: number) => n.toFixed(3);

/** Imports each real law as a text file (like the web importer) and records its expert's mapping. */
async function importRealLaws(db: Database, debatable: Set<string>) {
  const meta = new Map<string, LawMeta>();
  for (const dir of LAW_DIRS) {
    const index = new URL('laws.json', dir);
    if (!existsSync(index)) continue; // ../shared missing: loadRealLaws skips it too
    for (const l of JSON.parse(readFileSync(index, 'utf8')) as LawMeta[])
      meta.set(l.id, { ...l, file: new URL(l.file, dir).pathname });
  }
  const laws = loadRealLaws();
  let mapped = 0;
  const missing: string[] = [];
  for (const law of laws) {
    const m = meta.get(law.id)!;
    const [report] = await importFiles(
      db,
      BY,
      [{ file: `${law.id}.txt`, format: 'text', bytes: readFileSync(m.file) }],
      {
        country: law.country,
        language: law.language,
        title: law.title,
        date: m.date ?? `${m.year}-01-01`,
        type: m.type === 'law' ? 'act' : (m.type as 'act' | 'code' | 'decree'),
        number: m.number ?? law.id,
      },
      { status: 'published', reader: 'operator' },
    );
    if (!report.ok) throw new Error(`${law.id}: ${report.error}`);
    const [{ id: work }] = await rows<{ id: string }>(
      db.orm,
      sql`SELECT id FROM legal_work WHERE uri = ${report.work}`,
    );
    const truth = new Map(law.truth.map((t) => [sameNumber(t.section), t]));
    for (const e of law.examples) {
      const t = truth.get(sameNumber(e.number));
      for (const article of e.articles) {
        try {
          await createMapping(
            db.orm,
            BY,
            { work, eid: e.eid, instrument: 'ETS185', article, coverage: t?.debatable ? 'partial' : 'full' },
            { status: 'accepted' },
          );
          mapped++;
          if (t?.debatable) debatable.add(`${work}|${e.eid}|ETS185:${article}`);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          missing.push(`${law.id} ${e.number} → ${article}: ${err.message}`);
        }
      }
    }
  }
  return { laws: laws.length, mapped, missing };
}

/** The crosswalk's UN Convention counterparts of ETS 185 articles (reference data, not the lexicon). */
function counterparts(): Map<string, string[]> {
  const csv = readFileSync(
    new URL('../src/domains/reference/data/crosswalk-ets185-uncc2024.csv', import.meta.url),
    'utf8',
  );
  const map = new Map<string, string[]>();
  for (const r of parse(csv, { columns: true }) as Record<string, string>[])
    if (r.ets185_article && r.uncc2024_article)
      map.set(`ETS185:${r.ets185_article}`, [
        ...(map.get(`ETS185:${r.ets185_article}`) ?? []),
        `UNCC2024:${r.uncc2024_article}`,
      ]);
  return map;
}

/** What the database says: every provision (work, eId, parent), the accepted mappings, the works' countries. */
async function loadTruth(db: Database, debatable: Set<string>) {
  const provisions = await rows<{
    id: number;
    work: string;
    eid: string;
    parent: string | null;
    uri: string;
  }>(
    db.orm,
    sql`SELECT p.id, e.work_id AS work, p.eid, pp.eid AS parent, w.uri FROM provision p JOIN legal_expression e ON e.id = p.expression_id
        JOIN legal_work w ON w.id = e.work_id LEFT JOIN provision pp ON pp.id = p.parent_id`,
  );
  const maps = await rows<{ work: string; eid: string; article: string; country: string }>(
    db.orm,
    sql`SELECT m.work_id AS work, m.eid, m.instrument || ':' || m.article AS article, w.country FROM mapping m JOIN legal_work w ON w.id = m.work_id
        WHERE m.status = 'accepted' AND w.tier = 'public' AND w.editorial_status = 'published'`,
  );
  const byId = new Map(provisions.map((p) => [String(p.id), { work: p.work, eid: p.eid }]));
  const workOfUri = new Map(provisions.map((p) => [p.uri, p.work]));
  const parent = new Map<string, string>();
  for (const p of provisions) if (p.parent) parent.set(`${p.work}|${p.eid}`, p.parent);
  const mapped = new Map<string, Map<string, number>>();
  const country = new Map<string, string>();
  for (const m of maps) {
    const key = `${m.work}|${m.eid}`;
    const gains = mapped.get(key) ?? new Map<string, number>();
    gains.set(m.article, debatable.has(`${key}|${m.article}`) ? 1 : 2);
    mapped.set(key, gains);
    country.set(m.work, m.country);
  }
  const articles = new Set(
    (
      await rows<{ a: string }>(db.orm, sql`SELECT instrument || ':' || number AS a FROM instrument_article`)
    ).map((r) => r.a),
  );
  const items = new Set(
    (
      await rows<{ k: string }>(
        db.orm,
        sql`SELECT 'case:' || id AS k FROM legal_case UNION ALL SELECT 'document:' || id FROM document`,
      )
    ).map((r) => r.k),
  );
  return { byId, workOfUri, parent, mapped, country, articles, items };
}
type Truth = Awaited<ReturnType<typeof loadTruth>>;

/** The provision a hit is: by its id, else by its URL (…/eng@2019-05-21/~sec_3). */
function provisionOf(truth: Truth, hit: SearchHit): { work: string; eid: string } | undefined {
  const known = truth.byId.get(hit.id);
  if (known) return known;
  const m = /^(.*?)(?:\/[a-z]{3}@[^/~]*)?\/~([^/?#]+)/.exec(hit.url);
  const work = m && truth.workOfUri.get(m[1]);
  return work ? { work, eid: decodeURIComponent(m[2]) } : undefined;
}

/** Gains of the hits in order, and whether the same provision (work + eId) was shown twice. */
function judge(truth: Truth, q: Judged, relevant: Set<string>, hits: SearchHit[]) {
  const credited = new Set<string>();
  const shown = new Set<string>();
  let repeated = false;
  const gainOf = (key: string) => {
    let g = 0;
    for (const [a, v] of truth.mapped.get(key) ?? []) if (relevant.has(a)) g = Math.max(g, v);
    return g;
  };
  const gains = hits.map((h) => {
    let unit: string | undefined;
    let gain = 0;
    if (h.type === 'provision') {
      const p = provisionOf(truth, h);
      if (!p) return 0;
      if (shown.has(`${p.work}|${p.eid}`)) repeated = true;
      shown.add(`${p.work}|${p.eid}`);
      if (q.country && truth.country.get(p.work) !== q.country) return 0;
      for (let eid: string | undefined = p.eid; eid && !gain; eid = truth.parent.get(`${p.work}|${eid}`)) {
        gain = gainOf(`${p.work}|${eid}`);
        unit = `${p.work}|${eid}`;
      }
    } else if (h.type === 'article' && !q.country && relevant.has(h.id)) [unit, gain] = [h.id, 1];
    else if (q.items?.includes(`${h.type}:${h.id}`)) [unit, gain] = [`${h.type}:${h.id}`, 2];
    if (!gain || !unit || credited.has(unit)) return 0;
    credited.add(unit);
    return gain;
  });
  const ideal: number[] = [...(q.items ?? []).map(() => 2)];
  for (const [key, map] of truth.mapped) {
    if (q.country && truth.country.get(key.split('|')[0]) !== q.country) continue;
    const g = Math.max(0, ...[...map].filter(([a]) => relevant.has(a)).map(([, v]) => v));
    if (g) ideal.push(g);
  }
  if (!q.country) for (const a of relevant) if (truth.articles.has(a)) ideal.push(1);
  return { gains, ideal: ideal.sort((a, b) => b - a), repeated };
}

const dcg = (gains: number[]) => gains.slice(0, K).reduce((s, g, i) => s + g / Math.log2(i + 2), 0);

async function runQueries(db: Database, truth: Truth, queries: Judged[]): Promise<Scored[]> {
  const pairs = counterparts();
  const scored: Scored[] = [];
  for (const query of queries) {
    const unknown = [...query.articles, ...(query.items ?? [])].filter(
      (x) => !truth.articles.has(x) && !truth.items.has(x),
    );
    if (unknown.length) throw new Error(`${query.id}: unknown ${unknown.join(', ')}`);
    const relevant = new Set(query.articles.flatMap((a) => [a, ...(pairs.get(a) ?? [])]));
    const { items: hits } = await search(
      db.orm,
      ANONYMOUS,
      parseSearch({ q: query.q, limit: K, ...(query.country ? { country: query.country } : {}) }),
    );
    const { gains, ideal, repeated } = judge(truth, query, relevant, hits);
    const best = dcg(ideal);
    scored.push({ query, ndcg: best ? dcg(gains) / best : 0, hits, gains, repeated });
  }
  return scored;
}

const GROUPS: [string, (n: number) => boolean][] = [
  ['offences and sanctions (Arts 1–13)', (n) => n <= 13],
  ['procedural powers (Arts 14–21)', (n) => n >= 14 && n <= 21],
  ['jurisdiction (Art 22)', (n) => n === 22],
  ['international co-operation (Arts 23–35)', (n) => n >= 23],
];
const groupOf = (q: Judged) => {
  if (!q.articles.length) return 'demo cases and documents';
  const n = Number(q.articles[0].split(':')[1]);
  return GROUPS.find(([, test]) => test(n))![0];
};
const mean = (list: Scored[]) => list.reduce((s, x) => s + x.ndcg, 0) / Math.max(1, list.length);

function table(title: string, scored: Scored[], keyOf: (s: Scored) => string) {
  const groups = new Map<string, Scored[]>();
  for (const s of scored) groups.set(keyOf(s), [...(groups.get(keyOf(s)) ?? []), s]);
  out(`| ${title} | queries | mean nDCG@10 |`);
  out('|---|---|---|');
  for (const [k, list] of [...groups].sort((a, b) => b[1].length - a[1].length))
    out(`| ${k} | ${list.length} | ${f3(mean(list))} |`);
  out();
}

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\|/g, '/');
const hitLabel = (h: SearchHit, gain: number) =>
  `${
    h.type === 'provision'
      ? `${h.country} ${h.language} ${short(h.title.split(' — ').at(-1)!, 24)}`
      : h.type === 'article'
        ? h.id
        : `${h.type} ${short(h.type === 'work' ? h.title : h.id, 28)}`
  } [${gain}]`;

/** The issue's cross-language cases: an English provision mapped to the article among the first five. */
function crossLanguage(truth: Truth, scored: Scored[]) {
  const cases = [
    { q: 'interceptación ilícita', article: 'ETS185:3' },
    { q: 'ordonnance de production', article: 'ETS185:18' },
  ];
  for (const c of cases) {
    const s = scored.find((x) => x.query.q === c.q && !x.query.country);
    const rank = s?.hits.slice(0, 5).findIndex((h) => {
      const p = h.type === 'provision' && h.language === 'eng' ? provisionOf(truth, h) : undefined;
      for (let eid = p?.eid; p && eid; eid = truth.parent.get(`${p.work}|${eid}`))
        if (truth.mapped.get(`${p.work}|${eid}`)?.has(c.article)) return true;
      return false;
    });
    out(
      `- "${c.q}" → an English provision mapped to ${c.article} in the top 5: **${rank !== undefined && rank >= 0 ? `yes (rank ${rank + 1})` : 'no'}**`,
    );
  }
  out();
}

function report(truth: Truth, scored: Scored[], setup: string) {
  out(
    `## Search relevance (\`npm run bench:relevance\`, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version})`,
  );
  out();
  out(setup);
  out();
  out(
    `**Mean nDCG@10 over ${scored.length} judged queries: ${f3(mean(scored))}** (target ≥ 0.85). Queries with no relevant hit in the first ten: ${scored.filter((s) => !s.gains.some(Boolean)).length}.`,
  );
  const repeated = scored.filter((s) => s.repeated);
  out(
    `Queries showing the same provision (same work and eId: another version or translation) more than once in their ten hits: ${repeated.length}${repeated.length ? ` (${repeated.map((s) => s.query.id).join(', ')})` : ''}.`,
  );
  out();
  crossLanguage(truth, scored);
  table('article group', scored, (s) => groupOf(s.query));
  table('query language', scored, (s) => s.query.language);
  table('filter', scored, (s) => (s.query.country ? 'country filter' : 'none'));
  out('The 15 worst queries (first three hits, [gain]):');
  out();
  out('| query | country | articles | nDCG@10 | first hits |');
  out('|---|---|---|---|---|');
  for (const s of [...scored].sort((a, b) => a.ndcg - b.ndcg).slice(0, 15))
    out(
      `| ${s.query.id} "${short(s.query.q, 40)}" | ${s.query.country ?? ''} | ${s.query.articles.map((a) => a.replace('ETS185:', '')).join(', ') || 'items'} | ${f3(s.ndcg)} | ${s.hits
        .slice(0, 3)
        .map((h, i) => hitLabel(h, s.gains[i]))
        .join('; ')} |`,
    );
  out();
}

async function main() {
  const queries = (
    JSON.parse(readFileSync(new URL('./data/search-judged.json', import.meta.url), 'utf8')) as {
      queries: Judged[];
    }
  ).queries;
  const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-relevance-'));
  let details = '';
  const db = await openDatabase(loadEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), log);
  try {
    const t0 = performance.now();
    const env = loadEnv({ LOG_LEVEL: 'silent' });
    await prepareDatabase(db, env, log, { demo: true });
    const debatable = new Set<string>();
    const imported = await importRealLaws(db, debatable);
    const entries = await rebuildSearch(db.orm);
    await db.pool.query('ANALYZE');
    const truth = await loadTruth(db, debatable);
    const t1 = performance.now();
    const scored = await runQueries(db, truth, queries);
    const t2 = performance.now();
    details = JSON.stringify(
      scored.map((x) => ({
        ...x.query,
        ndcg: x.ndcg,
        hits: x.hits.map((h, i) => ({
          type: h.type,
          id: h.id,
          url: h.url,
          title: h.title,
          gain: x.gains[i],
        })),
      })),
      null,
      1,
    );
    const [counts] = await rows<{ works: number; provisions: number }>(
      db.orm,
      sql`SELECT (SELECT count(*)::int FROM legal_work) AS works, (SELECT count(*)::int FROM provision) AS provisions`,
    );
    report(
      truth,
      scored,
      `Embedded PostgreSQL; the demo and ${imported.laws} real laws imported as text (${counts.works} works, ${counts.provisions} provisions, ${entries} index entries), ${imported.mapped} expert mappings recorded as accepted${imported.missing.length ? ` (${imported.missing.length} could not be: ${imported.missing.join('; ')})` : ''}; set-up ${((t1 - t0) / 1000).toFixed(0)} s, ${queries.length} queries in ${((t2 - t1) / 1000).toFixed(1)} s. Judged set: bench/data/search-judged.json.`,
    );
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (process.env.BENCH_DETAILS) writeFileSync(process.env.BENCH_DETAILS, details);
  if (process.env.BENCH_WRITE === '1') appendResults(lines);
}

await main();

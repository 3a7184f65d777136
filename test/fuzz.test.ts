/**
 * Deterministic fuzz over every route: parameters and bodies filled with hostile values (NUL and
 * control characters, lone surrogates, ids past 2^31, impossible dates, forged cursors, very long
 * strings, deep JSON, wrong types) as an anonymous visitor, a reader's session and the admin
 * token. No response may be a 5xx. The routes come from the app's own OpenAPI document and its
 * route table (pages included), so a new route is fuzzed without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON_CSRF_COOKIE } from '../src/web/shell/auth.js';
import { sessionAs, testApp, type Session, type TestApp } from './helpers.js';

const SEED = 0x13c0ffee;
/** mulberry32: a small deterministic generator, so a failure replays exactly. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
let deep: unknown = 'x';
for (let i = 0; i < 2000; i++) deep = { children: [deep] };
const deepJson = deep;

/** Hostile values for a text parameter (URL or body). */
const HOSTILE: unknown[] = [
  '\u0000',
  'x\u0000y',
  'x\u0001y',
  'a\u0085b',
  '\ud800',
  '2147483648',
  '-1',
  '0',
  '99999999999999999999999',
  '1e309',
  'NaN',
  '2020-02-30',
  '9999-99-99',
  '0000-00-00',
  'eng@9999-99-99',
  b64({ k: { a: 1 }, id: 'x' }),
  b64({ k: 'zzz', id: 'zzz' }),
  b64({ k: 1e308, id: 2 ** 40 }),
  b64({ k: null, id: [1] }),
  b64('not json'),
  '!!!',
  'x'.repeat(20_000),
  '../../etc/passwd',
  "' OR 1=1--",
  '<script>alert(1)</script>',
  'ض٣🙂\u202e',
];
/** Hostile values for a JSON body field: the text ones plus wrong types. */
const HOSTILE_JSON: unknown[] = [
  ...HOSTILE,
  2 ** 31,
  -(2 ** 31) - 1,
  1e308,
  1.5,
  true,
  null,
  [],
  {},
  ['\u0000'],
  { a: '\u0001' },
  deepJson,
];

/** Plausible values so that other parameters do not hide the one being fuzzed. */
const PLAUSIBLE: Record<string, string> = {
  id: '1',
  iso3: 'KEN',
  code: 'ETS185',
  number: '2',
  instrument: 'ETS185',
  kind: 'law',
  eid: 'sec_1',
  event: '1',
  file: '1',
  person: '1',
  q: 'access',
  from: '2020-01-01',
  to: '2026-12-31',
  date: '2020-01-01',
  at: '2020-01-01',
  year: '2020',
  language: 'eng',
  country: 'KEN',
  format: 'json',
};
const plausible = (name: string) => PLAUSIBLE[name] ?? 'x';
/** Query names tried on pages, whose schemas are not in the OpenAPI document. */
const PAGE_QUERY = [
  'q',
  'cursor',
  'from',
  'to',
  'year',
  'date',
  'at',
  'sort',
  'limit',
  'id',
  'country',
  'language',
  'expression',
  'next',
  'donor',
  'partner',
];
const FORM_FIELDS = [
  'title',
  'name',
  'body',
  'text',
  'date',
  'year',
  'email',
  'password',
  'id',
  'status',
  'notes',
  'country',
  'event',
  'q',
  'next',
];

type Op = {
  method: string;
  path: string;
  params: string[];
  query: string[];
  body?: Record<string, unknown>;
  page: boolean;
};
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  default?: unknown;
  format?: string;
  anyOf?: Schema[];
};

/** A plausible value for a JSON schema (so that one mutated field is what the server sees as wrong). */
function sample(s: Schema | undefined, name = '', depth = 0): unknown {
  if (!s || depth > 4) return 'x';
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  if (s.anyOf?.length) return sample(s.anyOf[0], name, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object')
    return Object.fromEntries(
      Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, k, depth + 1)]),
    );
  if (type === 'array') return [sample(s.items, name, depth + 1)];
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  return PLAUSIBLE[name] ?? (s.format === 'date' ? '2020-01-01' : 'text');
}

function operations(t: TestApp): Op[] {
  const doc = t.app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { in: string; name: string }[];
          requestBody?: { content?: Record<string, { schema?: Schema }> };
        }
      >
    >;
  };
  const ops: Op[] = [];
  const documented = new Set<string>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const route = path.replace(/\{(\w+)\}/g, ':$1');
      documented.add(`${method.toUpperCase()} ${route}`);
      const params = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const schema = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path: route,
        params,
        query,
        body: schema ? (sample(schema) as Record<string, unknown>) : undefined,
        page: false,
      });
    }
  }
  for (const r of t.app.routeTable) {
    if (documented.has(`${r.method} ${r.url}`) || r.url.startsWith('/assets/')) continue;
    const params = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    if (r.url.includes('*')) params.push('*');
    const body =
      r.method === 'GET' ? undefined : Object.fromEntries(FORM_FIELDS.map((f) => [f, plausible(f)]));
    ops.push({
      method: r.method,
      path: r.url,
      params,
      query: PAGE_QUERY,
      body,
      page: !r.url.startsWith('/api/'),
    });
  }
  // Reads first, deletions last, so that the admin's writes do not remove what later requests fuzz.
  const rank = (m: string) => ({ GET: 0, POST: 1, PUT: 1, PATCH: 1, DELETE: 2 })[m] ?? 1;
  return ops.sort((a, b) => rank(a.method) - rank(b.method));
}

type Who = 'anonymous' | 'reader' | 'admin';
type Req = { who: Who; method: string; url: string; json?: unknown; form?: Record<string, string> };

/** Percent-encodes as a client would; a lone surrogate goes as the bytes a careless encoder sends. */
const enc = (v: unknown) =>
  String(v)
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
/** Fills a route's path; `*` (Akoma Ntoso URIs) gets a hostile work/expression path. */
function urlFor(op: Op, values: Record<string, unknown>, query: Record<string, unknown>): string {
  let url = op.path.replace(/:(\w+)/g, (_, n: string) =>
    n in values ? (values[n] === '%00' ? '%00' : enc(values[n])) : plausible(n),
  );
  if (url.includes('*')) url = url.replace('*', String(values['*'] ?? 'ke/act/2019/14/eng@2019-05-21'));
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${v === '%00' ? '%00' : enc(v)}`)
    .join('&');
  return qs ? `${url}?${qs}` : url;
}

const AKN_PATHS = [
  'ke/act/2019/14/eng@9999-99-99',
  'ke/act/2019/14/eng@2020-02-30/~sec_1',
  `ke/act/2019/14/eng@2019-05-21/~${'a'.repeat(5000)}`,
  'ke/act/99999999999/1',
  'ke/act/2019/%00',
  'ke/act/2019/14/%01@',
];

function requests(ops: Op[]): Req[] {
  const rnd = prng(SEED);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const whos: Who[] = ['anonymous', 'reader', 'admin'];
  const out: Req[] = [];
  for (const op of ops) {
    const variants: {
      values: Record<string, unknown>;
      query: Record<string, unknown>;
      body?: Record<string, unknown>;
    }[] = [];
    for (const p of op.params)
      for (let i = 0; i < 3; i++)
        variants.push({ values: { [p]: p === '*' ? pick(AKN_PATHS) : pick(HOSTILE) }, query: {} });
    // Pages ignore unknown query names, so two picked at random are enough there.
    const queryNames = op.page ? [pick(PAGE_QUERY), pick(PAGE_QUERY)] : op.query;
    for (const q of queryNames) variants.push({ values: {}, query: { [q]: pick(HOSTILE) } });
    if (op.body) {
      const fields = Object.keys(op.body);
      for (const f of fields)
        variants.push({
          values: {},
          query: {},
          body: { ...op.body, [f]: pick(op.page ? HOSTILE : HOSTILE_JSON) },
        });
      if (!op.page)
        variants.push(
          { values: {}, query: {}, body: deepJson as Record<string, unknown> },
          { values: {}, query: {}, body: { ...op.body, extra: pick(HOSTILE_JSON) } },
        );
    }
    if (!variants.length) variants.push({ values: {}, query: { [pick(PAGE_QUERY)]: pick(HOSTILE) } });
    for (const v of variants) {
      const who = op.page && op.method !== 'GET' ? pick(['anonymous', 'reader'] as Who[]) : pick(whos);
      const req: Req = { who, method: op.method, url: urlFor(op, v.values, v.query) };
      if (v.body && op.page)
        req.form = Object.fromEntries(Object.entries(v.body).map(([k, x]) => [k, String(x)]));
      else if (v.body) req.json = v.body;
      out.push(req);
    }
  }
  return out;
}

describe('fuzz: no 5xx on any input', () => {
  let t: TestApp;
  let reader: Session;
  beforeAll(async () => {
    t = await testApp({ demo: true });
    reader = await sessionAs(t, 'reader');
    await t.app.ready();
  });
  afterAll(() => t?.close());

  it('answers every hostile request of every route, role and parameter with less than 500', async () => {
    const list = requests(operations(t));
    expect(list.length).toBeGreaterThanOrEqual(1000);
    const failures: string[] = [];
    for (const r of list) {
      const anonymous = { cookie: `${ANON_CSRF_COOKIE}=fuzz-csrf-token`, 'x-csrf-token': 'fuzz-csrf-token' };
      const headers: Record<string, string> =
        r.who === 'admin'
          ? { authorization: `Bearer ${t.token}` }
          : r.who === 'reader'
            ? { ...reader.headers }
            : { ...anonymous };
      let payload: string | undefined;
      if (r.json !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(r.json);
      } else if (r.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        payload = new URLSearchParams({
          ...r.form,
          _csrf: r.who === 'reader' ? reader.csrf : 'fuzz-csrf-token',
        }).toString();
      }
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url, headers, payload });
      if (res.statusCode >= 500)
        failures.push(
          `${res.statusCode} ${r.who} ${r.method} ${r.url.slice(0, 300)}${payload ? ` body=${payload.slice(0, 300)}` : ''} → ${res.body.slice(0, 200)}`,
        );
    }
    expect(failures, `${failures.length} of ${list.length} requests answered 5xx`).toEqual([]);
  }, 120_000);
});

/**
 * Whole answers for anonymous readers, kept in each process's memory and served again only while
 * the database has not changed.
 *
 * - Kept: a GET of a public route by someone without a session or token, answered 200 with text (a
 *   page, JSON, a feed, a CSV) whose body does not hold the visitor's CSRF token (pages with forms).
 *   Cookies are not kept: those a reader gets (language, CSRF) are set by the hooks before the
 *   handler, which run on a hit as well.
 * - Keyed by the address, the page language, the demo flag and the Accept and Accept-Language
 *   headers; tagged with the database's state (`databaseState`, read before the handler runs, so the
 *   answer is at least as new as its tag) and with the day. Any committed write — from this process,
 *   another worker, the CLI or another instance — changes the state, so no answer outlives the data it
 *   was built from; the day and an age limit (page-store.ts) bound what depends on the clock (what is in force today).
 * - Kept with its brotli and gzip versions, so a hit costs one short query and a write to the socket.
 * - Everything before the handler still runs on a hit: rate limits, the route's policy, input checks,
 *   the visitor's cookies and security headers; what a handler records for counting
 *   (`req.searchUsage`) is recorded again.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { databaseState, type Database } from '../../core/db/connect.js';
import { type Flight, PageStore, type Stored } from './page-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** A search whose query and total the usage counter records once the answer is sent. */
    searchUsage?: { q: string; total: number };
    pageCache?: Pending;
  }
}

type Encoding = 'br' | 'gzip';
type Headers = [string, ReturnType<FastifyReply['getHeader']>][];
type Entry = Stored & {
  headers: Headers;
  identity: Buffer;
  encoded?: Record<Encoding, Buffer>;
  searchUsage?: FastifyRequest['searchUsage'];
};
type Pending = {
  key: string;
  state: string;
  day: string;
  headersBefore?: Map<string, string>;
  flight?: Flight<Entry>;
  hit: boolean;
};

/** Smaller answers go as they are (the compression plugin's threshold). */
const COMPRESS_FROM = 1024;
/** Headers that belong to this response alone, or that the hit sets itself. */
const NOT_KEPT = new Set(['set-cookie', 'content-length', 'content-encoding', 'vary', 'x-cyrepo-cache']);
/** How long a request waits for the same answer being built by another before building its own. */
const WAIT_MS = 10_000;

const isCacheable = (req: FastifyRequest) =>
  req.method === 'GET' &&
  req.viewer?.role === 'anonymous' &&
  req.routeOptions.config?.policy === 'public' &&
  req.routeOptions.url !== '/health' &&
  !req.url.startsWith('/assets/');

const keyOf = (req: FastifyRequest) =>
  [
    req.url,
    req.headers.accept ?? '',
    req.ui ? `${req.ui.lang} ${req.ui.demo}` : (req.headers['accept-language'] ?? ''),
  ].join('\n');

/** The best encoding the client takes of those kept (brotli, then gzip), or none. */
export function preferredEncoding(header: string | undefined): Encoding | undefined {
  const accepted = new Map(
    (header ?? '').split(',').map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return [name, q ? Number(q.slice(2)) : 1] as const;
    }),
  );
  const takes = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : undefined;
}

const headerMap = (reply: FastifyReply) =>
  new Map(Object.entries(reply.getHeaders()).map(([k, v]) => [k, JSON.stringify(v)]));

function encode(body: Buffer): Record<Encoding, Buffer> | undefined {
  if (body.length < COMPRESS_FROM) return undefined;
  return {
    br: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
    gzip: gzipSync(body, { level: 6 }),
  };
}

/** Sends `body` in the client's preferred encoding when a compressed version is at hand. */
function sendEncoded(req: FastifyRequest, reply: FastifyReply, entry: Entry): Buffer {
  const encoding = entry.encoded && preferredEncoding(req.headers['accept-encoding']);
  if (entry.encoded) reply.header('vary', 'accept-encoding');
  if (!encoding || !entry.encoded) return entry.identity;
  reply.header('content-encoding', encoding);
  return entry.encoded[encoding];
}

async function waitAtMost<T>(promise: Promise<T | undefined>, ms: number): Promise<T | undefined> {
  let expire!: (value: undefined) => void;
  const timeout = new Promise<undefined>((resolve) => {
    expire = resolve;
  });
  const timer = setTimeout(() => expire(undefined), ms);
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function installPageCache(app: FastifyInstance, db: Database, maxMb: number): void {
  if (maxMb <= 0) return;
  const store = new PageStore<Entry>(maxMb * 1024 * 1024);

  app.addHook('preHandler', async (req, reply) => {
    if (!isCacheable(req)) return;
    const key = keyOf(req);
    const state = await databaseState(db);
    const day = new Date().toISOString().slice(0, 10);
    const found = store.lookup(key, state, day);
    const entry =
      'entry' in found ? found.entry : 'wait' in found ? await waitAtMost(found.wait, WAIT_MS) : undefined;
    if (!entry) {
      const flight = 'build' in found ? found.build : undefined;
      req.pageCache = { key, state, day, headersBefore: headerMap(reply), flight, hit: false };
      return;
    }
    req.pageCache = { key, state, day, hit: true };
    if (entry.searchUsage) req.searchUsage = entry.searchUsage;
    for (const [name, value] of entry.headers) if (value !== undefined) reply.header(name, value);
    reply.header('x-cyrepo-cache', 'hit');
    return reply.code(200).send(sendEncoded(req, reply, entry));
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const pending = req.pageCache;
    if (!pending || pending.hit) return payload;
    const text = typeof payload === 'string' || Buffer.isBuffer(payload);
    if (!text || reply.statusCode !== 200 || (req.csrf && String(payload).includes(req.csrf))) {
      store.drop(pending.key, pending.flight);
      return payload;
    }
    const identity = Buffer.from(payload);
    const after = headerMap(reply);
    const headers: Headers = [...after.keys()]
      .filter((name) => !NOT_KEPT.has(name) && after.get(name) !== pending.headersBefore?.get(name))
      .map((name) => [name, reply.getHeader(name)]);
    const encoded = encode(identity);
    const entry: Entry = {
      state: pending.state,
      day: pending.day,
      born: Date.now(),
      bytes: identity.length + (encoded ? encoded.br.length + encoded.gzip.length : 0),
      headers,
      identity,
      encoded,
      searchUsage: req.searchUsage,
    };
    store.keep(pending.key, entry, pending.flight);
    reply.header('x-cyrepo-cache', 'miss');
    return sendEncoded(req, reply, entry);
  });

  // A request that ended without sending (aborted, hijacked) lets those waiting for it go.
  app.addHook('onResponse', async (req) => {
    const pending = req.pageCache;
    if (pending?.flight) pending.flight.settle(undefined);
  });
}

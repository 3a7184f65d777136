/**
 * Answers to searches, kept in this process's memory while the database has not changed: a query
 * asked again (the same words, filters, page and access) costs one short query instead of a search.
 *
 * Each answer is tagged with PostgreSQL's snapshot of the database searched (`pg_current_snapshot`),
 * read before the search runs, so it is at least as new as its tag; any committed write, by any
 * process, changes the snapshot and empties the cache at the next search. A search inside a
 * transaction that has written is never kept (its own writes do not change the snapshot). Answers
 * are also kept a minute at most: what a search reads besides the index (its languages, the
 * concepts' names) is read once a minute, and an answer is never older than that. The same
 * search asked while it is being worked out waits for that answer (a burst of the same query after a
 * change is worked out once).
 * For every viewer: the key holds what the viewer may see, not who they are.
 */
import { sql } from 'drizzle-orm';
import { isNewerState, type Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';

/** Per state: the answers kept, and those being worked out (asked again meanwhile: awaited, not worked out twice). */
type Store<T> = { state: string; since: number; answers: Map<string, T>; pending: Map<string, Promise<T>> };
const MAX_AGE_MS = 60_000;
const stores = new WeakMap<Orm, Store<unknown>>();
let capacity = 1000;

/** How many answers each database's cache holds (0: none kept). */
export function setSearchCacheSize(entries: number): void {
  capacity = entries;
}

type State = { state: string; clean: boolean } | undefined;
/** Per database, the state asked for by the searches that came since the last question was sent. */
const asking = new WeakMap<Orm, Promise<State>>();

/**
 * The database's state (snapshot), and whether `db` is a transaction that has written. The searches
 * arriving together (in one turn of the event loop) share one question, sent after all of them came:
 * the answer is at least as new as each of them.
 */
function stateOf(db: Orm): Promise<State> {
  let question = asking.get(db);
  if (!question) {
    question = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      asking.delete(db); // searches coming from now on ask again
      return one<{ state: string; clean: boolean }>(
        db,
        sql`SELECT pg_current_snapshot()::text AS state, pg_current_xact_id_if_assigned() IS NULL AS clean`,
      );
    });
    asking.set(db, question);
  }
  return question;
}

/**
 * The answer kept for `key` in the database's current state, else `compute`'s (kept). A kept answer
 * is shared by every caller asking for it: frozen, so that none can change it for the others.
 */
export async function cachedSearch<T>(db: Orm, key: string, compute: () => Promise<T>): Promise<T> {
  if (capacity <= 0) return compute();
  const now = await stateOf(db);
  if (!now?.clean) return compute();
  let store = stores.get(db) as Store<T> | undefined;
  const stale = !store || Date.now() - store.since > MAX_AGE_MS;
  if (!store || stale || (store.state !== now.state && isNewerState(now.state, store.state))) {
    store = { state: now.state, since: Date.now(), answers: new Map(), pending: new Map() };
    stores.set(db, store);
  }
  if (store.state !== now.state) return compute(); // an older snapshot than the cache's: not kept
  const kept = store.answers.get(key);
  if (kept !== undefined) {
    // most recently used last
    store.answers.delete(key);
    store.answers.set(key, kept);
    return kept;
  }
  const pending = store.pending.get(key);
  if (pending) return structuredClone(await pending);
  const working = compute();
  store.pending.set(key, working);
  try {
    const answer = await working;
    if (store.answers.size >= capacity) store.answers.delete(store.answers.keys().next().value!);
    store.answers.set(key, frozen(structuredClone(answer)));
    return answer;
  } finally {
    store.pending.delete(key);
  }
}

/** `value` with every object and array in it frozen (binary data, which cannot be frozen, aside). */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The memory of the page cache (page-cache.ts): entries of one process for the newest database
 * state seen, least recently used first within a budget of bytes, and the answers being built, so
 * that the requests that arrive while one is built wait for it instead of each building it again
 * (after every write, all the readers of a popular page would otherwise render it at once).
 */

import { isNewerState } from '../../core/db/connect.js';

/** What the store needs of an entry. */
export type Stored = { state: string; day: string; born: number; bytes: number };

/** An answer being built by one request for one state; `settle` hands it to those waiting (once). */
export type Flight<E> = { state: string; done: Promise<E | undefined>; settle(entry?: E): void };

export type Lookup<E> =
  | { entry: E }
  /** Another request is building it: wait for its entry (undefined: it could not be kept). */
  | { wait: Promise<E | undefined> }
  /** Build it; settle the flight (if any) when done. */
  | { build?: Flight<E> };

const MAX_AGE_MS = 10 * 60_000;
/** Keys whose answers cannot be kept (forms, errors) are remembered so that nobody waits for them. */
const MAX_UNKEEPABLE = 10_000;

function flight<E>(state: string): Flight<E> {
  let settle!: (entry?: E) => void;
  const done = new Promise<E | undefined>((resolve) => {
    settle = resolve;
  });
  let settled = false;
  return {
    state,
    done,
    settle(entry) {
      if (settled) return;
      settled = true;
      settle(entry);
    },
  };
}

export class PageStore<E extends Stored> {
  private entries = new Map<string, E>();
  private flights = new Map<string, Flight<E>>();
  private unkeepable = new Set<string>();
  private bytes = 0;
  private state = '';
  constructor(private readonly maxBytes: number) {}

  /** The kept entry for this key in this state, the answer being built for it, or the task of building it. */
  lookup(key: string, state: string, day: string): Lookup<E> {
    this.observe(state);
    // A request that read an older state builds its own answer; nothing is kept from it.
    if (state !== this.state) return {};
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      if (entry.day === day && Date.now() - entry.born <= MAX_AGE_MS) {
        this.entries.set(key, entry);
        return { entry };
      }
      this.bytes -= entry.bytes;
    }
    if (this.unkeepable.has(key)) return {};
    const current = this.flights.get(key);
    if (current?.state === state) return { wait: current.done };
    const build = flight<E>(state);
    this.flights.set(key, build);
    return { build };
  }

  /** Keeps a built entry (if its state is still the newest) and hands it to those waiting. */
  keep(key: string, entry: E, built?: Flight<E>): void {
    built?.settle(entry);
    if (this.flights.get(key) === built) this.flights.delete(key);
    if (entry.state !== this.state || entry.bytes > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.bytes;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  /** The answer could not be kept (a form, an error): those waiting build their own, and later ones do not wait. */
  drop(key: string, built?: Flight<E>): void {
    built?.settle(undefined);
    if (this.flights.get(key) === built) this.flights.delete(key);
    if (built?.state !== this.state) return;
    if (this.unkeepable.size >= MAX_UNKEEPABLE) this.unkeepable.clear();
    this.unkeepable.add(key);
  }

  /** A newer state makes every entry stale: let them go at once. */
  private observe(state: string): void {
    if (state === this.state || (this.state && !isNewerState(state, this.state))) return;
    this.state = state;
    this.entries.clear();
    this.unkeepable.clear();
    this.bytes = 0;
  }
}

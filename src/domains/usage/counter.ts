/**
 * Repository use, counted without personal data: page views per day and section, and searches per
 * day and query text (with how many found nothing). Nothing about the visitor — no IP address,
 * user agent, account or session — is ever kept. Counts are buffered in memory and written in one
 * statement every half minute (and when the server stops), so a page view costs no query.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { cleanText } from '../../core/text.js';

const today = () => new Date().toISOString().slice(0, 10);
/** A search as counted: clean text, lower-cased, spaces collapsed, at most 100 characters (never half a surrogate pair). */
export const normaliseTerm = (q: string) =>
  Array.from(cleanText(q).trim().toLowerCase().replace(/\s+/g, ' ')).slice(0, 100).join('').trim();

/** Section of a page path: its first segment, or "home". */
export function sectionOf(url: string): string {
  const first = url.split('?')[0]!.split('/')[1] ?? '';
  if (!first) return 'home';
  try {
    return Array.from(cleanText(decodeURIComponent(first)))
      .slice(0, 40)
      .join('');
  } catch {
    return first.slice(0, 40); // not valid percent-encoding: counted as written
  }
}

/** Back-office sections: staff at work, not use of the repository. */
const INTERNAL = new Set([
  'edit',
  'admin',
  'account',
  'login',
  'logout',
  'assistance',
  'assessments',
  'frameworks',
  'reports',
  'usage',
  'review',
  'files',
  'recommendations',
]);

/** Whether PostgreSQL refused a statement for its data (classes 22 data exception, 23 integrity), not for being unreachable. */
function refusedData(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = String(e?.code ?? e?.cause?.code ?? '');
  return code.startsWith('22') || code.startsWith('23');
}

export class UsageCounter {
  private views = new Map<string, number>();
  private searches = new Map<string, { searches: number; zero: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: () => Orm,
    flushEveryMs = 30_000,
  ) {
    if (flushEveryMs > 0)
      this.timer = setInterval(() => void this.flush().catch(() => undefined), flushEveryMs).unref();
  }

  /** Counts a page of the repository served (back-office pages are not counted). */
  pageView(url: string): void {
    const section = sectionOf(url);
    if (INTERNAL.has(section) || /\/progress(\?|$)/.test(url)) return;
    this.addView(`${today()}|${section}`, 1);
  }

  search(q: string, found: number): void {
    const term = normaliseTerm(q);
    if (!term) return;
    this.addSearch(`${today()}|${term}`, 1, found === 0 ? 1 : 0);
  }

  /**
   * Writes what is buffered (adding to the day's counts). Views and searches are written
   * separately; if the database is unreachable the counts go back into the buffer for the next
   * flush (and the error is thrown). Should the database refuse a batch for its data, the entries
   * are written one by one and only those it refuses are dropped, so one bad entry never loses
   * the others.
   */
  async flush(): Promise<void> {
    const views = [...this.views].map(([k, n]) => ({ day: k.slice(0, 10), section: k.slice(11), n }));
    const searches = [...this.searches].map(([k, s]) => ({ day: k.slice(0, 10), term: k.slice(11), ...s }));
    this.views.clear();
    this.searches.clear();
    const failures = await Promise.allSettled([
      this.write(
        views,
        (list) =>
          this.db().execute(sql`INSERT INTO usage_daily (day, section, views) SELECT day, section, n FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb) AS x(day date, section text, n int)
        ON CONFLICT (day, section) DO UPDATE SET views = usage_daily.views + EXCLUDED.views`),
        (v) => this.addView(`${v.day}|${v.section}`, v.n),
      ),
      this.write(
        searches,
        (list) =>
          this.db().execute(sql`INSERT INTO search_daily (day, term, searches, zero_results) SELECT day, term, searches, zero FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb) AS x(day date, term text, searches int, zero int)
        ON CONFLICT (day, term) DO UPDATE SET searches = search_daily.searches + EXCLUDED.searches, zero_results = search_daily.zero_results + EXCLUDED.zero_results`),
        (s) => this.addSearch(`${s.day}|${s.term}`, s.searches, s.zero),
      ),
    ]);
    const failed = failures.find((f) => f.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Entries dropped because the database refused them (not because it was unreachable). */
  dropped = 0;

  private async write<T>(
    list: T[],
    insert: (list: T[]) => Promise<unknown>,
    restore: (entry: T) => void,
  ): Promise<void> {
    if (!list.length) return;
    try {
      await insert(list);
      return;
    } catch (err) {
      if (!refusedData(err)) {
        list.forEach(restore);
        throw err;
      }
    }
    for (const [i, entry] of list.entries()) {
      try {
        await insert([entry]);
      } catch (err) {
        if (!refusedData(err)) {
          list.slice(i).forEach(restore);
          throw err;
        }
        this.dropped += 1;
      }
    }
  }

  private addView(key: string, n: number) {
    this.views.set(key, (this.views.get(key) ?? 0) + n);
  }

  private addSearch(key: string, searches: number, zero: number) {
    const s = this.searches.get(key) ?? { searches: 0, zero: 0 };
    this.searches.set(key, { searches: s.searches + searches, zero: s.zero + zero });
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

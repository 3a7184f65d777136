/**
 * Repository use, counted without personal data: page views per day and section, and searches per
 * day and query text (with how many found nothing). Nothing about the visitor — no IP address,
 * user agent, account or session — is ever kept. Counts are buffered in memory and written in one
 * statement every half minute (and when the server stops), so a page view costs no query.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../db/connect.js';

const today = () => new Date().toISOString().slice(0, 10);
export const normaliseTerm = (q: string) => q.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 100);

/** Section of a page path: its first segment, or "home". */
export function sectionOf(url: string): string {
  const first = url.split('?')[0]!.split('/')[1] ?? '';
  if (!first) return 'home';
  try {
    return decodeURIComponent(first).slice(0, 40);
  } catch {
    return first.slice(0, 40); // not valid percent-encoding: counted as written
  }
}

/** Back-office sections: staff at work, not use of the repository. */
const INTERNAL = new Set(['edit', 'admin', 'account', 'login', 'logout', 'assistance', 'assessments', 'frameworks', 'reports', 'usage', 'review', 'files', 'recommendations']);

export class UsageCounter {
  private views = new Map<string, number>();
  private searches = new Map<string, { searches: number; zero: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: () => Orm, flushEveryMs = 30_000) {
    if (flushEveryMs > 0) this.timer = setInterval(() => void this.flush().catch(() => undefined), flushEveryMs).unref();
  }

  /** Counts a page of the repository served (back-office pages are not counted). */
  pageView(url: string): void {
    const section = sectionOf(url);
    if (INTERNAL.has(section) || /\/progress(\?|$)/.test(url)) return;
    const key = `${today()}|${section}`;
    this.views.set(key, (this.views.get(key) ?? 0) + 1);
  }

  search(q: string, found: number): void {
    const term = normaliseTerm(q);
    if (!term) return;
    const key = `${today()}|${term}`;
    const s = this.searches.get(key) ?? { searches: 0, zero: 0 };
    s.searches += 1;
    if (found === 0) s.zero += 1;
    this.searches.set(key, s);
  }

  /** Writes what is buffered (adding to the day's counts). */
  async flush(): Promise<void> {
    const views = [...this.views].map(([k, n]) => ({ day: k.slice(0, 10), section: k.slice(11), n }));
    const searches = [...this.searches].map(([k, s]) => ({ day: k.slice(0, 10), term: k.slice(11), ...s }));
    this.views.clear();
    this.searches.clear();
    if (views.length)
      await this.db().execute(sql`INSERT INTO usage_daily (day, section, views) SELECT day, section, n FROM jsonb_to_recordset(${JSON.stringify(views)}::jsonb) AS x(day date, section text, n int)
        ON CONFLICT (day, section) DO UPDATE SET views = usage_daily.views + EXCLUDED.views`);
    if (searches.length)
      await this.db().execute(sql`INSERT INTO search_daily (day, term, searches, zero_results) SELECT day, term, searches, zero FROM jsonb_to_recordset(${JSON.stringify(searches)}::jsonb) AS x(day date, term text, searches int, zero int)
        ON CONFLICT (day, term) DO UPDATE SET searches = search_daily.searches + EXCLUDED.searches, zero_results = search_daily.zero_results + EXCLUDED.zero_results`);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

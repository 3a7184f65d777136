/**
 * The search index's rows (search_entry): each item's text with its tsvectors (weighted title, body
 * and context; the heading apart), the concepts its text and heading use, and its access tier and
 * editorial status; and the words "did you mean" may propose.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { termMatcher } from './concepts.js';
import { sampleOf, sampleWord } from './sample.js';
import { configFor, normalise, searchable, shownAndSearched } from './text.js';

export type Entry = {
  kind: 'provision' | 'work' | 'case' | 'document' | 'article';
  item_id: string;
  work_id: string | null;
  country: string | null;
  language: string;
  date: string | null;
  title: string;
  body: string;
  url: string;
  concepts: string[];
  articles: string[];
  court: string | null;
  status: string | null;
  tier: string;
  editorial_status: string;
  /** weaker text, e.g. the law's title on each of its provisions */
  context?: string;
  /** what ranks a match above a passing mention: a provision's number and heading, else the title */
  heading?: string;
  /** a provision in all its languages (work and eId); by default the item itself */
  group_key?: string;
  grouped?: boolean;
  other_versions?: number;
};

const CHUNK = 100;

/**
 * Writes entries 100 a statement; each chunk is prepared (segmentation, concept terms) while the
 * database writes the one before, so that both processors work. Preparing a chunk takes a few tens of
 * milliseconds of CPU: the event loop is let go between chunks, so that saving a law of thousands of
 * provisions does not hold up other requests.
 */
export async function insertEntries(db: Orm, entries: Entry[]): Promise<void> {
  const usesTerms = await termMatcher(db);
  let writing: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < entries.length; i += CHUNK) {
    await new Promise(setImmediate);
    const chunk = entries.slice(i, i + CHUNK).map(({ context, heading, ...e }) => {
      const body = shownAndSearched(e.body, e.language);
      const group = e.group_key ?? `${e.kind}:${e.item_id}`;
      const sample = sampleOf(group);
      return {
        ...e,
        group_key: group,
        sample,
        sample_word: sampleWord(sample),
        grouped: e.grouped ?? false,
        other_versions: e.other_versions ?? 0,
        term_concepts: usesTerms(`${e.title}\n${e.body}`, e.language),
        head_concepts: usesTerms(heading ?? e.title, e.language),
        config: configFor(e.language),
        year: e.date ? Number(e.date.slice(0, 4)) : null,
        body: body.shown,
        body_seg: body.searched,
        title_seg: searchable(e.title, e.language),
        head_seg: searchable(heading ?? e.title, e.language),
        context_seg: searchable(context ?? '', e.language),
      };
    });
    await writing;
    writing = db.execute(sql`
      INSERT INTO search_entry (kind, item_id, work_id, group_key, grouped, other_versions, country, language, config, date, year, title, body, url, concepts, term_concepts, head_concepts,
                                articles, court, status, tier, editorial_status, sample, tsv, head_tsv)
      SELECT kind, item_id, work_id, group_key, grouped, other_versions, country, language, config::regconfig, date, year, title, body, url, concepts, term_concepts, head_concepts,
             articles, court, status, tier, editorial_status, sample,
             setweight(to_tsvector(config::regconfig, title_seg), 'A') || setweight(to_tsvector(config::regconfig, coalesce(body_seg, body)), 'B') || setweight(to_tsvector(config::regconfig, context_seg), 'C')
               || array_to_tsvector(ARRAY[sample_word]),
             strip(to_tsvector(config::regconfig, head_seg))
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(kind text, item_id text, work_id text, group_key text, grouped boolean, other_versions int, country text, language text,
        config text, date date, year int, title text, body text, url text, concepts text[], term_concepts text[], head_concepts text[], articles text[], court text, status text, tier text,
        editorial_status text, sample int, sample_word text, body_seg text, title_seg text, head_seg text, context_seg text)
      ON CONFLICT (kind, item_id) DO UPDATE SET work_id = EXCLUDED.work_id, group_key = EXCLUDED.group_key, grouped = EXCLUDED.grouped, other_versions = EXCLUDED.other_versions,
        country = EXCLUDED.country, language = EXCLUDED.language, config = EXCLUDED.config, date = EXCLUDED.date, year = EXCLUDED.year, title = EXCLUDED.title, body = EXCLUDED.body,
        url = EXCLUDED.url, concepts = EXCLUDED.concepts, term_concepts = EXCLUDED.term_concepts, head_concepts = EXCLUDED.head_concepts, articles = EXCLUDED.articles, court = EXCLUDED.court,
        status = EXCLUDED.status, tier = EXCLUDED.tier, editorial_status = EXCLUDED.editorial_status, sample = EXCLUDED.sample, tsv = EXCLUDED.tsv, head_tsv = EXCLUDED.head_tsv`);
  }
  await writing;
  // Only public, published titles feed "did you mean": a suggestion must not reveal a hidden item.
  await addVocabulary(
    db,
    entries
      .filter((e) => e.kind !== 'provision' && e.tier === 'public' && e.editorial_status === 'published')
      .map((e) => e.title),
  );
}

export async function addVocabulary(db: Orm, texts: string[]): Promise<void> {
  const words = [
    ...new Set(
      texts.flatMap((t) => normalise(t).split(' ')).filter((w) => w.length >= 4 && !/^\d+$/.test(w)),
    ),
  ];
  if (words.length)
    await db.execute(
      sql`INSERT INTO search_vocab (term) SELECT unnest(${sql.param(words)}::text[]) ON CONFLICT DO NOTHING`,
    );
}

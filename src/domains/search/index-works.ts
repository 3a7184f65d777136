/**
 * The index entries of laws: one per provision of the current text in each language (the latest
 * version not in the future, as a reader sees the law today), a provision's translations grouped
 * so that a search shows it once, and one entry for the work itself (its titles and the text of its
 * files). Many works are indexed with a few statements, so that rebuilding and bulk imports are fast.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { insertEntries, type Entry } from './entries.js';

type WorkRow = {
  id: string;
  country: string;
  uri: string;
  title: Record<string, string>;
  short_title: string | null;
  concepts: string[];
  tier: string;
  editorial_status: string;
  status: string;
  date_adopted: string | null;
  year: number;
  language: string | null;
  main_title: string | null;
  articles: string[];
  mapped_concepts: string[];
  files: string;
  provisions: boolean;
};

type ProvisionRow = {
  work_id: string;
  e: number;
  position: number;
  id: number;
  eid: string;
  number: string | null;
  heading: string | null;
  text: string;
  language: string;
  date: string;
  title: string;
  articles: string[];
  concepts: string[];
  versions: number;
  languages: number;
};

/** What each provision (by work and eId) is mapped to: accepted mappings and their concepts. */
const mapped = (ids: string[]) =>
  sql`SELECT m.work_id, m.eid, array_agg(DISTINCT m.instrument || ':' || m.article) AS articles,
             coalesce(array_agg(DISTINCT ca.concept) FILTER (WHERE ca.concept IS NOT NULL), '{}') AS concepts
      FROM mapping m LEFT JOIN concept_article ca ON ca.instrument = m.instrument AND ca.article = m.article
      WHERE m.work_id = ANY(${sql.param(ids)}::text[]) AND m.status = 'accepted' GROUP BY m.work_id, m.eid`;

/** The current text of each work in each language: the latest not in the future (else the latest). */
const current = (ids: string[]) =>
  sql`SELECT DISTINCT ON (work_id, language) id FROM legal_expression WHERE work_id = ANY(${sql.param(ids)}::text[])
      ORDER BY work_id, language, (date <= current_date) DESC, date DESC`;

/** How many versions and translations hold each provision, and how many current texts. */
const held = (ids: string[]) =>
  sql`SELECT e.work_id, p.eid, count(*)::int AS versions, count(*) FILTER (WHERE p.expression_id IN (${current(ids)}))::int AS languages
      FROM provision p JOIN legal_expression e ON e.id = p.expression_id WHERE e.work_id = ANY(${sql.param(ids)}::text[]) GROUP BY e.work_id, p.eid`;

/**
 * Indexes works: each of their provisions and the works themselves. `only: 'work'` redoes just the
 * works' own entries, e.g. after a file was attached.
 */
export async function indexWorks(db: Orm, ids: string[], only?: 'work'): Promise<void> {
  if (!ids.length) return;
  const list = sql.param(ids);
  await db.execute(
    only
      ? sql`DELETE FROM search_entry WHERE work_id = ANY(${list}::text[]) AND kind = 'work'`
      : sql`DELETE FROM search_entry WHERE work_id = ANY(${list}::text[])`,
  );
  const works = await rows<WorkRow>(
    db,
    sql`SELECT w.id, w.country, w.uri, w.title, w.short_title, w.concepts, w.tier, w.editorial_status, w.status, w.date_adopted, w.year,
               main.language, main.title AS main_title, coalesce(t.articles, '{}') AS articles, coalesce(t.concepts, '{}') AS mapped_concepts,
               coalesce(f.text, '') AS files,
               EXISTS (SELECT 1 FROM legal_expression e JOIN provision p ON p.expression_id = e.id WHERE e.work_id = w.id) AS provisions
        FROM legal_work w
        LEFT JOIN LATERAL (SELECT language, title FROM legal_expression WHERE work_id = w.id ORDER BY authoritative DESC, date DESC LIMIT 1) main ON true
        LEFT JOIN (SELECT m.work_id, array_agg(DISTINCT a) AS articles, array_agg(DISTINCT c) FILTER (WHERE c IS NOT NULL) AS concepts
                   FROM (${mapped(ids)}) m CROSS JOIN LATERAL unnest(m.articles) a LEFT JOIN LATERAL unnest(m.concepts) c ON true GROUP BY m.work_id) t ON t.work_id = w.id
        LEFT JOIN (SELECT owner_id, string_agg(left(extracted_text, 200000), E'\n') AS text FROM attachment
                   WHERE owner_type = 'work' AND owner_id = ANY(${list}::text[]) AND extracted_text IS NOT NULL GROUP BY owner_id) f ON f.owner_id = w.id
        WHERE w.id = ANY(${list}::text[])`,
  );
  const byId = new Map(works.map((w) => [w.id, w]));
  // Provisions in batches, so that laws of any size are indexed in bounded memory.
  for (let after = { e: 0, position: 0 }; !only; ) {
    const batch = await rows<ProvisionRow>(
      db,
      sql`SELECT e.work_id, e.id AS e, p.position, p.id, p.eid, p.number, p.heading, p.text, e.language, e.date, e.title,
                 coalesce(m.articles, '{}') AS articles, coalesce(m.concepts, '{}') AS concepts, h.versions, h.languages
          FROM provision p JOIN legal_expression e ON e.id = p.expression_id
          LEFT JOIN (${mapped(ids)}) m ON m.work_id = e.work_id AND m.eid = p.eid
          JOIN (${held(ids)}) h ON h.work_id = e.work_id AND h.eid = p.eid
          WHERE e.id IN (${current(ids)}) AND (e.id, p.position) > (${after.e}, ${after.position}) ORDER BY e.id, p.position LIMIT 5000`,
    );
    if (!batch.length) break;
    await insertEntries(
      db,
      batch.flatMap((p) => {
        const w = byId.get(p.work_id);
        return w ? [provisionEntry(w, p)] : [];
      }),
    );
    after = { e: batch.at(-1)!.e, position: batch.at(-1)!.position };
  }
  await insertEntries(db, works.map(workEntry));
}

const shared = (w: WorkRow) => ({
  work_id: w.id,
  country: w.country,
  court: null,
  status: w.status,
  tier: w.tier,
  editorial_status: w.editorial_status,
});

function provisionEntry(w: WorkRow, p: ProvisionRow): Entry {
  const heading = [p.number, p.heading].filter(Boolean).join(' ');
  return {
    ...shared(w),
    kind: 'provision',
    item_id: String(p.id),
    language: p.language,
    date: p.date,
    title: `${p.title} — ${heading || p.eid}`,
    heading,
    group_key: `${w.id}~${p.eid}`,
    grouped: p.languages > 1,
    other_versions: p.versions - 1,
    body: p.text,
    context: `${heading} ${p.title}`,
    url: `${w.uri}/${p.language}@${p.date}/~${p.eid}`,
    concepts: p.concepts, // what the provision is mapped to, not everything the law deals with
    articles: p.articles,
  };
}

function workEntry(w: WorkRow): Entry {
  return {
    ...shared(w),
    kind: 'work',
    item_id: w.id,
    // a law whose text is still to come: the language of its title
    language: w.language ?? Object.keys(w.title)[0] ?? 'eng',
    date: w.date_adopted ?? `${w.year}-01-01`,
    title: w.main_title ?? w.title.eng ?? Object.values(w.title)[0],
    // The law's own words are searched in its provisions; a file's text only stands in for them
    // when the law has none (a gazette not yet segmented) — else every query would find every law.
    body: [...Object.values(w.title), w.short_title ?? '', w.provisions ? '' : w.files].join('. '),
    url: w.uri,
    concepts: [...new Set([...w.concepts, ...w.mapped_concepts])],
    articles: w.articles,
  };
}

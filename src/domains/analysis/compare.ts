/**
 * Comparison of national law on one article or one concept: for each chosen country, the
 * provisions mapped (accepted) to the article — or to any article the concept stands for — with
 * their language and a link, side by side.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { visibleTo, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one, rows } from '../../core/db/query.js';
import { badRequest, notFound } from '../../core/errors.js';
import { fullText, provisionLabel } from './coverage.js';
import { iso3 } from '../../core/codes.js';

export const compareQuery = z
  .object({
    article: z
      .string()
      .regex(/^[A-Z0-9]+:[0-9A-Za-z.-]+$/, 'CODE:NUMBER, e.g. ETS185:2')
      .optional(),
    concept: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    countries: z
      .string()
      .optional()
      .transform((s) =>
        (s ?? '')
          .split(',')
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean),
      )
      .pipe(z.array(iso3).max(12)),
  })
  .refine((q) => !!q.article !== !!q.concept, {
    message: 'give an article or a concept (one of them)',
    path: ['article'],
  });

export type ComparedProvision = {
  uri: string;
  label: string;
  language: string;
  authoritative: boolean;
  text: string;
  coverage: string;
  article: string;
};
export type Comparison = {
  subject: {
    kind: 'article' | 'concept';
    code: string;
    title: string;
    articles: string[];
    labels?: Record<string, string>;
  };
  available: { iso3: string; names: Record<string, string>; provisions: number }[];
  columns: { iso3: string; names: Record<string, string>; provisions: ComparedProvision[] }[];
};

/**
 * The comparison; each provision in the newest version of its law, in `language` (ISO 639-2/T)
 * where a translation of that version is stored, else in its authoritative language.
 */
export async function compare(
  db: Orm,
  viewer: Viewer,
  input: z.input<typeof compareQuery>,
  language?: string,
): Promise<Comparison> {
  const parsed = compareQuery.safeParse(input);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => i.message).join('; '));
  const q = parsed.data;
  let subject: Comparison['subject'];
  if (q.article) {
    const [instrument, number] = q.article.split(':');
    const a = await one<{ title: string }>(
      db,
      sql`SELECT title FROM instrument_article WHERE instrument = ${instrument} AND number = ${number}`,
    );
    if (!a) throw notFound(`Article ${q.article}`);
    subject = {
      kind: 'article',
      code: q.article,
      title: `${instrument} Art. ${number} — ${a.title}`,
      articles: [q.article],
    };
  } else {
    const c = await one<{ label: string; labels: Record<string, string>; articles: string[] }>(
      db,
      sql`SELECT labels->>'en' AS label, labels, coalesce((SELECT array_agg(instrument || ':' || article) FROM concept_article WHERE concept = c.code), '{}') AS articles FROM concept c WHERE code = ${q.concept!}`,
    );
    if (!c) throw notFound(`Concept ${q.concept}`);
    subject = { kind: 'concept', code: q.concept!, title: c.label, labels: c.labels, articles: c.articles };
  }
  const found = await rows<ComparedProvision & { country: string; names: Record<string, string> }>(
    db,
    sql`SELECT DISTINCT ON (w.country, x.uri) w.country, co.names, x.uri, x.label, x.language, x.authoritative, x.text, m.coverage, m.instrument || ':' || m.article AS article
        FROM mapping m JOIN legal_work w ON w.id = m.work_id JOIN country co ON co.iso3 = w.country
        CROSS JOIN LATERAL (SELECT w.uri || '/' || e.language || '@' || e.date || '/~' || p.eid AS uri, ${provisionLabel} AS label, e.language, e.authoritative, ${fullText} AS text
                            FROM legal_expression e JOIN provision p ON p.expression_id = e.id AND p.eid = m.eid
                            WHERE e.work_id = w.id ORDER BY e.date DESC, e.language = ${language ?? null} DESC, e.authoritative DESC LIMIT 1) x
        WHERE m.status = 'accepted' AND m.coverage <> 'none' AND (m.instrument || ':' || m.article) = ANY(${sql.param(subject.articles)}::text[]) AND ${visibleTo(viewer, 'w')}
        ORDER BY w.country, x.uri, m.coverage = 'full' DESC`,
  );
  const byCountry = new Map<string, { names: Record<string, string>; provisions: ComparedProvision[] }>();
  for (const { country, names, ...p } of found) {
    const entry = byCountry.get(country) ?? { names, provisions: [] };
    entry.provisions.push(p);
    byCountry.set(country, entry);
  }
  const available = [...byCountry]
    .map(([iso3, v]) => ({ iso3, names: v.names, provisions: v.provisions.length }))
    .sort((a, b) => (a.names.en ?? '').localeCompare(b.names.en ?? ''));
  const chosen = q.countries.length ? q.countries : available.slice(0, 3).map((a) => a.iso3);
  const names = await rows<{ iso3: string; names: Record<string, string> }>(
    db,
    sql`SELECT iso3, names FROM country WHERE iso3 = ANY(${sql.param(chosen)}::text[])`,
  );
  const unknown = chosen.filter((c) => !names.some((n) => n.iso3 === c));
  if (unknown.length) throw badRequest(`Unknown country: ${unknown.join(', ')}`);
  return {
    subject,
    available,
    columns: chosen.map((iso3) => ({
      iso3,
      names: names.find((n) => n.iso3 === iso3)!.names,
      provisions: byCountry.get(iso3)?.provisions ?? [],
    })),
  };
}

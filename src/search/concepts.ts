/**
 * Concept expansion: which concepts a query names (by a label or synonym, in any language), and
 * the tsquery that finds their labels and synonyms in every language's text.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Orm } from '../db/connect.js';
import { rows } from '../db/query.js';
import { configFor, normalise, segmentFor } from './text.js';

const UI_TO_CONTENT: Record<string, string> = { en: 'eng', fr: 'fra', es: 'spa', pt: 'por', ar: 'ara', ru: 'rus', zh: 'zho' };

export type ConceptTerms = { code: string; label: string; terms: { language: string; text: string }[] };

let cache: { at: number; list: ConceptTerms[] } | undefined;

/** Every concept with its labels and synonyms (cached for a minute). */
async function concepts(db: Orm): Promise<ConceptTerms[]> {
  if (cache && Date.now() - cache.at < 60_000) return cache.list;
  const list = await rows<{ code: string; labels: Record<string, string>; synonyms: Record<string, string[]> }>(db, sql`SELECT code, labels, synonyms FROM concept`);
  cache = {
    at: Date.now(),
    list: list.map((c) => ({
      code: c.code,
      label: c.labels.en ?? c.code,
      terms: [
        ...Object.entries(c.labels).map(([l, text]) => ({ language: UI_TO_CONTENT[l] ?? l, text })),
        ...Object.entries(c.synonyms).flatMap(([l, list2]) => list2.map((text) => ({ language: UI_TO_CONTENT[l] ?? l, text }))),
      ],
    })),
  };
  return cache.list;
}

export type Expansion = { code: string; label: string; matched: string };

/** Concepts whose label or a synonym (any language) the query contains as a phrase. */
export async function conceptsNamedIn(db: Orm, q: string): Promise<Expansion[]> {
  const query = ` ${normalise(q)} `;
  if (query.trim().length < 3) return [];
  const found: Expansion[] = [];
  for (const c of await concepts(db)) {
    const hit = c.terms.find((t) => {
      const n = normalise(t.text);
      return n.length >= 3 && query.includes(` ${n} `);
    });
    if (hit) found.push({ code: c.code, label: c.label, matched: hit.text });
  }
  return found;
}

/** A tsquery matching any label or synonym of the concepts, each as a phrase in its own language's configuration. */
export async function expansionQuery(db: Orm, codes: string[]): Promise<SQL | undefined> {
  const terms = (await concepts(db)).filter((c) => codes.includes(c.code)).flatMap((c) => c.terms);
  if (!terms.length) return undefined;
  const parts = terms.map((t) => sql`phraseto_tsquery(${configFor(t.language)}::regconfig, ${segmentFor(t.text, t.language)})`);
  return sql.join(parts, sql` || `);
}

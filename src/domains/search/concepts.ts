/**
 * Concept expansion: which concepts a query names (by a label or synonym, in any language), and
 * the tsquery that finds their labels and synonyms in every language's text.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { normalise } from './text.js';
import { toContentLanguage } from '../../core/languages.js';

export type ConceptTerms = {
  code: string;
  label: string;
  terms: { language: string; text: string; normalised: string }[];
};

let cache: { at: number; list: ConceptTerms[] } | undefined;

/** Every concept with its labels and synonyms (cached for a minute). */
async function concepts(db: Orm): Promise<ConceptTerms[]> {
  if (cache && Date.now() - cache.at < 60_000) return cache.list;
  const list = await rows<{
    code: string;
    labels: Record<string, string>;
    synonyms: Record<string, string[]>;
  }>(db, sql`SELECT code, labels, synonyms FROM concept`);
  cache = {
    at: Date.now(),
    list: list.map((c) => ({
      code: c.code,
      label: c.labels.en ?? c.code,
      terms: [
        ...Object.entries(c.labels).map(([l, text]) => ({
          language: toContentLanguage(l) ?? l,
          text,
          normalised: normalise(text),
        })),
        ...Object.entries(c.synonyms).flatMap(([l, list2]) =>
          list2.map((text) => ({ language: toContentLanguage(l) ?? l, text, normalised: normalise(text) })),
        ),
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
    const hit = c.terms.find((t) => t.normalised.length >= 3 && query.includes(` ${t.normalised} `));
    if (hit) found.push({ code: c.code, label: c.label, matched: hit.text });
  }
  return found;
}

/**
 * A function telling which concepts a text in a given language uses (by a label or synonym in
 * that language, as a phrase) — run when indexing, so that searching for a concept in any
 * language finds texts in every language by a simple array lookup.
 */
export async function termMatcher(db: Orm): Promise<(text: string, language: string) => string[]> {
  const byLanguage = new Map<string, { code: string; term: string }[]>();
  for (const c of await concepts(db))
    for (const t of c.terms) {
      const term = normalise(
        t.language === 'tha' || t.language === 'zho' ? t.text.replace(/\s+/g, '') : t.text,
      );
      if (term.length < 3) continue;
      byLanguage.set(t.language, [...(byLanguage.get(t.language) ?? []), { code: c.code, term }]);
    }
  return (text, language) => {
    const list = byLanguage.get(language);
    if (!list) return [];
    const spaced =
      language === 'tha' || language === 'zho' ? normalise(text).replace(/\s+/g, '') : ` ${normalise(text)} `;
    const found = new Set<string>();
    for (const { code, term } of list)
      if (spaced.includes(language === 'tha' || language === 'zho' ? term : ` ${term} `)) found.add(code);
    return [...found];
  };
}

/** "Did you mean": a query with misspelt words replaced by the closest known ones — only one that finds something. */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { queryWords } from './text.js';

/** Edit distance counting a swap of two neighbouring letters as one edit (keyna → kenya: 1). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

export type Suggestion = { text: string; similarity: number };

/**
 * Each word that is not a known word — or, when the query found nothing, any word (a word of
 * another language can be the misspelling: "ilegal acess") — replaced by the closest known one.
 */
export async function suggest(db: Orm, text: string, anyWord: boolean): Promise<Suggestion | null> {
  const words = queryWords(text);
  if (!words.length) return null;
  // Candidates: known words with the same first letter and nearly the same length (through their
  // index), by trigram similarity; then the closest by edit distance (a transposition is one edit).
  const found = await rows<{ word: string; term: string; similarity: number }>(
    db,
    sql`SELECT w AS word, c.term, c.similarity FROM unnest(${sql.param(words)}::text[]) AS w
        CROSS JOIN LATERAL (SELECT term, similarity(term, w) AS similarity FROM search_vocab
                            WHERE left(term, 1) = left(w, 1) AND length(term) BETWEEN length(w) - 2 AND length(w) + 2 AND term <> w
                            ORDER BY similarity(term, w) DESC, term LIMIT 12) c
        WHERE ${anyWord} OR NOT EXISTS (SELECT 1 FROM search_vocab WHERE term = w)`,
  );
  const best = new Map<string, { term: string; similarity: number; distance: number }>();
  for (const f of found) {
    const distance = editDistance(f.word, f.term);
    if (distance > Math.max(2, Math.floor(f.word.length / 3))) continue;
    const current = best.get(f.word);
    if (
      !current ||
      distance < current.distance ||
      (distance === current.distance && f.similarity > current.similarity)
    )
      best.set(f.word, { term: f.term, similarity: Number(f.similarity), distance });
  }
  if (!best.size) return null;
  // How sure: 1 for a single edit, less for more.
  const sureness = Math.min(...[...best.values()].map((b) => (b.distance <= 1 ? 1 : b.similarity)));
  return { text: words.map((w) => best.get(w)?.term ?? w).join(' '), similarity: sureness };
}

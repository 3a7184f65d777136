/**
 * Real national laws with an expert's mapping to the Budapest Convention, as the benchmark and the
 * training-data builder read them: the development set in ../shared/data/real/laws-dev/ (where it
 * exists) and the laws added in bench/data/laws/ (sources in bench/data/SOURCES.md). Each law is
 * segmented as a user's plain-text import would be, and its top-level provisions are joined to the
 * expert's rows by their own number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Example, Unit } from '../src/domains/analysis/learn/types.js';
import { unitsOf } from '../src/domains/analysis/learn/units.js';
import { normaliseNumber } from '../src/domains/intake/text/evaluate.js';
import { segmentText } from '../src/domains/intake/text/segment.js';

export const LAW_DIRS = [
  new URL('../../shared/data/real/laws-dev/', import.meta.url),
  new URL('./data/laws/', import.meta.url),
];

export type TruthRow = { section: string; articles: string[]; debatable: boolean };
export type RealLaw = {
  id: string;
  language: string;
  country: string;
  title: string;
  truth: TruthRow[];
  /** The top-level provisions the segmenter found. */
  units: Unit[];
  warnings: string[];
  /** Units joined to the truth; debatable rows without a preferred article are left out. */
  examples: Example[];
};

/** A provision number as printed, read the way the segmenter reads it ("1°", "1.º", "الأولى" are "1"). */
export const sameNumber = (n: string | null) => normaliseNumber((n ?? '').normalize('NFKC'));

export function loadRealLaws(): RealLaw[] {
  const out: RealLaw[] = [];
  for (const dir of LAW_DIRS) {
    const index = new URL('laws.json', dir);
    if (!existsSync(index)) continue;
    for (const law of JSON.parse(readFileSync(index, 'utf8')) as {
      id: string;
      file: string;
      truth: string;
      language: string;
      country: string;
      title: string;
    }[]) {
      const text = readFileSync(new URL(law.file, dir), 'utf8');
      const truth = (
        parse(readFileSync(new URL(law.truth, dir), 'utf8'), { columns: true }) as Record<string, string>[]
      ).map((r) => ({
        section: r.section,
        articles: r.ets185 ? r.ets185.split(';').map((a) => a.trim()) : [],
        debatable: r.note.startsWith('debatable'),
      }));
      const { provisions, warnings } = segmentText(text);
      const units = unitsOf(provisions, law.language, { subsections: false });
      const byNumber = new Map(truth.map((t) => [sameNumber(t.section), t]));
      const examples: Example[] = [];
      for (const u of units) {
        const t = byNumber.get(sameNumber(u.number));
        if (!t || (t.debatable && !t.articles.length)) continue;
        examples.push({ ...u, law: law.id, articles: t.articles, rejected: [] });
      }
      out.push({ ...law, truth, units, warnings, examples });
    }
  }
  return out;
}

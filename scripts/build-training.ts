/**
 * Builds the suggester's shipped training data (src/domains/analysis/learn/data/real-laws.jsonl) from
 * the real laws with an expert's mapping (bench/real-laws.ts: ../shared/data/real/laws-dev and
 * bench/data/laws; sources in bench/data/SOURCES.md): one line per provision, segmented as a
 * plain-text import would be, with the articles the expert mapped it to (none: no counterpart).
 * Debatable provisions without a preferred article are left out. Run: `npx tsx scripts/build-training.ts`.
 */
import { writeFileSync } from 'node:fs';
import { loadRealLaws } from '../bench/real-laws.js';

const laws = loadRealLaws();
const lines = laws.flatMap((l) => l.examples).map((e) => JSON.stringify(e));
writeFileSync(
  new URL('../src/domains/analysis/learn/data/real-laws.jsonl', import.meta.url),
  `${lines.join('\n')}\n`,
);
console.log(
  `${lines.length} provisions of ${laws.length} laws: ${laws.map((l) => `${l.id} (${l.examples.length})`).join(', ')}`,
);

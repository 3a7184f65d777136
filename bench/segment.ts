/**
 * Segmentation of the real laws in ../shared/data/real/laws-dev: per law, the truth units found
 * by their own number, those merged (not found) and the spurious ones, with the warnings.
 * `npx tsx bench/segment.ts [-v] [dir]`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentationScore } from '../src/domains/intake/text/evaluate.js';

const dir = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '/work/shared/data/real/laws-dev';
const verbose = process.argv.includes('-v');
const laws: { id: string; file: string; truth: string }[] = JSON.parse(
  readFileSync(join(dir, 'laws.json'), 'utf8'),
);
const total = { truth: 0, found: 0, merged: 0, spurious: 0 };
for (const law of laws) {
  const truth = readFileSync(join(dir, law.truth), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0].replace(/^"|"$/g, ''));
  const s = segmentationScore(readFileSync(join(dir, law.file), 'utf8'), truth);
  for (const k of ['truth', 'found', 'merged', 'spurious'] as const) total[k] += s[k];
  console.log(
    `${law.id.padEnd(32)} truth ${s.truth}  found ${s.found}  merged ${s.merged}  spurious ${s.spurious}  warnings ${s.warnings.length}`,
  );
  if (verbose) for (const w of s.warnings) console.log(`    ${w}`);
}
console.log(
  `${'total'.padEnd(32)} truth ${total.truth}  found ${total.found}  merged ${total.merged}  spurious ${total.spurious}`,
);

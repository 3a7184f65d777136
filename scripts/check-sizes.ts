/**
 * House rule on size, checked in CI (`npm run lint`): no source file over 400 lines (tests aside).
 * Functions over 120 lines are Biome's to find (complexity/noExcessiveLinesPerFunction).
 * Prints the count, median and largest files; exits 1 naming each file over the limit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const MAX = 400;
const files = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
  .map((f) => join('src', f));
const sized = files
  .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
  .sort((a, b) => a.lines - b.lines);
const median = sized[Math.floor(sized.length / 2)]!.lines;
console.log(`${sized.length} source files, median ${median} lines, largest ${sized.at(-1)!.lines}`);
const over = sized.filter((s) => s.lines > MAX);
for (const s of over) console.error(`${s.file}: ${s.lines} lines (at most ${MAX})`);
process.exit(over.length ? 1 : 0);

/** Appending a benchmark's report to bench/RESULTS.md, formatted as the linter wants it (tables aligned). */
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function appendResults(lines: string[]): void {
  appendFileSync(new URL('./RESULTS.md', import.meta.url), `\n${lines.join('\n')}\n`);
  try {
    execFileSync('npx', ['biome', 'format', '--write', 'bench/RESULTS.md'], {
      stdio: 'ignore',
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
  } catch {
    console.error('npx biome format --write bench/RESULTS.md failed; RESULTS.md is written unformatted');
  }
}

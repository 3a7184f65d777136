/**
 * Suggester quality (`npm run bench:suggest`): the suggester is run on the demo laws and scored
 * against the labelled set in bench/suggest-labels.json — top-1 and top-3 accuracy on provisions
 * that implement an article, and the false-suggestion rate (a strong suggestion) on provisions
 * with no counterpart — per language and per category of article. Results are appended to
 * bench/RESULTS.md (with --write) and printed.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { system } from '../src/core/access.js';
import { suggestForWork, type ProvisionSuggestions } from '../src/domains/analysis/suggest.js';
import { openDatabase } from '../src/core/db/connect.js';
import { loadEnv } from '../src/core/env.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';

type Label = {
  work: string;
  eid: string;
  language: string;
  heading: string;
  articles: string[];
  category: string;
};
const labels = JSON.parse(readFileSync(new URL('./suggest-labels.json', import.meta.url), 'utf8')) as {
  instrument: string;
  items: Label[];
};
const log = pino({ level: 'silent' });
const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)} %` : '—');

type Tally = { positives: number; top1: number; top3: number; negatives: number; falseStrong: number };
const tally = (): Tally => ({ positives: 0, top1: 0, top3: 0, negatives: 0, falseStrong: 0 });

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-suggest-'));
  const env = loadEnv({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const db = await openDatabase(env, log);
  const byLanguage = new Map<string, Tally>();
  const byCategory = new Map<string, Tally>();
  const all = tally();
  const misses: string[] = [];
  let missing = 0;
  const t0 = performance.now();
  let provisions = 0;
  try {
    await prepareDatabase(db, env, log, { demo: true });
    const results = new Map<string, ProvisionSuggestions[]>();
    for (const key of new Set(labels.items.map((l) => `${l.work}|${l.language}`))) {
      const [work, language] = key.split('|');
      const r = await suggestForWork(db.orm, system('bench'), work, labels.instrument, language);
      results.set(key, r.items);
      provisions += r.items.length;
    }
    const ms = performance.now() - t0;
    for (const l of labels.items) {
      const item = results.get(`${l.work}|${l.language}`)!.find((i) => i.eid === l.eid);
      if (!item) {
        missing++;
        continue;
      }
      const ranked = item.suggestions.map((s) => s.article);
      for (const t of [
        all,
        byLanguage.set(l.language, byLanguage.get(l.language) ?? tally()).get(l.language)!,
        byCategory.set(l.category, byCategory.get(l.category) ?? tally()).get(l.category)!,
      ]) {
        if (l.articles.length) {
          t.positives++;
          if (l.articles.includes(ranked[0])) t.top1++;
          if (ranked.slice(0, 3).some((a) => l.articles.includes(a))) t.top3++;
        } else {
          t.negatives++;
          if (item.suggestions[0]?.strong) t.falseStrong++;
        }
      }
      if (l.articles.length && !ranked.slice(0, 3).some((a) => l.articles.includes(a)))
        misses.push(
          `${l.work} ${l.eid} (${l.language}) "${l.heading}": expected ${l.articles.join('/')}, got ${ranked.slice(0, 3).join(', ') || 'nothing'}`,
        );
      if (!l.articles.length && item.suggestions[0]?.strong)
        misses.push(
          `${l.work} ${l.eid} (${l.language}) "${l.heading}": no counterpart, but a strong suggestion of ${item.suggestions[0].article}`,
        );
    }
    const row = (name: string, t: Tally) =>
      `| ${name} | ${t.positives} | ${pct(t.top1, t.positives)} | ${pct(t.top3, t.positives)} | ${t.negatives} | ${pct(t.falseStrong, t.negatives)} |`;
    out(
      `## Suggester (\`npm run bench:suggest\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0].model}, ${cpus().length} cores, Node ${process.version})`,
    );
    out();
    out(
      `Labelled set: ${labels.items.length} provisions of the demo laws (bench/suggest-labels.json), instrument ${labels.instrument}; ${missing} labels not found. Suggestions for ${provisions} provisions in ${(ms / 1000).toFixed(1)} s.`,
    );
    out();
    out(
      '| language | provisions with an article | top-1 | top-3 | with no counterpart | false strong suggestion |',
    );
    out('|---|---|---|---|---|---|');
    for (const [lang, t] of [...byLanguage].sort()) out(row(lang, t));
    out(row('**all**', all));
    out();
    out('| category | provisions | top-1 | top-3 | | |');
    out('|---|---|---|---|---|---|');
    for (const [cat, t] of [...byCategory].sort()) out(row(cat, t));
    const core = ['criminalisation', 'procedural', 'international_cooperation'].map(
      (c) => byCategory.get(c) ?? tally(),
    );
    const coreTop3 = core.reduce((n, t) => n + t.top3, 0) / core.reduce((n, t) => n + t.positives, 0);
    out();
    out(
      `Top-3 on criminalisation, procedural and cooperation provisions: ${(100 * coreTop3).toFixed(1)} % (target 90 %).`,
    );
    if (process.argv.includes('--misses')) for (const m of misses) console.log(`  miss: ${m}`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.argv.includes('--write'))
    appendFileSync(new URL('./RESULTS.md', import.meta.url), `\n${lines.join('\n')}\n`);
}

await main();

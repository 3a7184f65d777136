/**
 * Suggester quality on real laws only (`npm run bench:suggest`): each real law (bench/real-laws.ts)
 * is segmented as a plain-text import would be, and suggested for by a model trained on every other
 * real law and the demo's reviewed laws — never on itself (leave one law out). Reported per
 * language: top-1 and top-3 on provisions that implement an article, false strong suggestions on
 * provisions with no counterpart (debatable rows apart), and the lexicon alone for comparison;
 * segmentation per law (articles found by their own number, missed, spurious); and timing
 * (suggestions for a 100-provision law, retraining on 5,000 decisions). `--write` appends to
 * bench/RESULTS.md; `--misses` lists what was missed.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openDatabase } from '../src/core/db/connect.js';
import { loadEnv } from '../src/core/env.js';
import { decidedExamples } from '../src/domains/analysis/learn/examples.js';
import {
  emptyEvaluation,
  trainModel,
  tally,
  trainingRows,
  type Evaluation,
} from '../src/domains/analysis/learn/fit.js';
import { rank } from '../src/domains/analysis/learn/rank.js';
import { suggesterInputs } from '../src/domains/analysis/learn/store.js';
import type { Example } from '../src/domains/analysis/learn/types.js';
import { prepareDatabase } from '../src/domains/setup/prepare.js';
import { loadRealLaws, sameNumber, type RealLaw } from './real-laws.js';

const INSTRUMENT = 'ETS185';
const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)} %` : '—');

/** Scores a law's ranked units against its truth; a truth row whose provision was not found is a miss. */
function score(
  law: RealLaw,
  ranked: { article: string; strong: boolean }[][],
  ev: Evaluation,
  misses: string[],
) {
  const byNumber = new Map(law.units.map((u, i) => [sameNumber(u.number), i]));
  for (const t of law.truth) {
    if (t.debatable) continue;
    const i = byNumber.get(sameNumber(t.section));
    const got = i === undefined ? [] : ranked[i];
    const e = { language: law.language, articles: t.articles } as Example;
    tally(ev, e, got);
    const hit = t.articles.length
      ? got.slice(0, 3).some((s) => t.articles.includes(s.article))
      : !got[0]?.strong;
    if (!hit)
      misses.push(
        `${law.id} ${t.section}: expected ${t.articles.join('/') || 'none'}, got ${got
          .slice(0, 3)
          .map((s) => `${s.article}${s.strong ? '!' : ''}`)
          .join(', ')}${i === undefined ? ' (provision not found)' : ''}`,
      );
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cyrepo-bench-suggest-'));
  const env = loadEnv({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const log = pino({ level: 'silent' });
  const db = await openDatabase(env, log);
  try {
    await prepareDatabase(db, env, log, { demo: true });
    const inputs = await suggesterInputs(db.orm, INSTRUMENT);
    const demo = await decidedExamples(db.orm, INSTRUMENT);
    const laws = loadRealLaws();
    const real = laws.flatMap((l) => l.examples);
    const rowsAll = trainingRows([...real, ...demo], inputs.lexicon, inputs.articles);
    const learned = emptyEvaluation();
    const lexiconOnly = emptyEvaluation();
    const misses: string[] = [];
    for (const law of laws) {
      const model = trainModel(
        rowsAll.filter((r) => r.law !== law.id),
        inputs.articles,
      );
      const ctx = { ...inputs, law: law.id };
      score(law, rank(law.units, { ...ctx, model: { version: 0, model } }), learned, misses);
      score(law, rank(law.units, { ...ctx, model: null }), lexiconOnly, []);
    }
    report(laws, learned, lexiconOnly, demo.length);
    if (!process.argv.includes('--quick')) timing(laws, [...real, ...demo], inputs);
    if (process.argv.includes('--misses')) for (const m of misses) console.log(`  miss: ${m}`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.argv.includes('--write'))
    appendFileSync(new URL('./RESULTS.md', import.meta.url), `\n${lines.join('\n')}\n`);
}

function report(laws: RealLaw[], learned: Evaluation, lexiconOnly: Evaluation, demo: number) {
  out(
    `## Suggester on real laws (\`npm run bench:suggest\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0].model}, ${cpus().length} cores, Node ${process.version})`,
  );
  out();
  out(
    `${laws.length} real laws, leave one law out: each is scored by a model trained on the ${laws.length - 1} others and the demo's ${demo} reviewed provisions. Debatable rows left out.`,
  );
  out();
  out(
    '| language | provisions with an article | top-1 | top-3 | top-3, lexicon alone | first right and strong | with no counterpart | false strong | false strong, lexicon alone |',
  );
  out('|---|---|---|---|---|---|---|---|---|');
  for (const [lang, t] of Object.entries(learned.by_language).sort()) {
    const l = lexiconOnly.by_language[lang];
    out(
      `| ${lang} | ${t.provisions} | ${pct(t.top1, t.provisions)} | ${pct(t.top3, t.provisions)} | ${pct(l.top3, l.provisions)} | | | | |`,
    );
  }
  out(
    `| **all** | ${learned.provisions} | ${pct(learned.top1, learned.provisions)} | ${pct(learned.top3, learned.provisions)} | ${pct(lexiconOnly.top3, lexiconOnly.provisions)} | ${pct(learned.strong_right, learned.provisions)} | ${learned.negatives} | ${pct(learned.false_strong, learned.negatives)} | ${pct(lexiconOnly.false_strong, lexiconOnly.negatives)} |`,
  );
  out();
  out('| law | language | provisions (truth) | found by own number | not found | spurious | warnings |');
  out('|---|---|---|---|---|---|---|');
  let truth = 0;
  let found = 0;
  for (const law of laws) {
    const numbers = new Set(law.units.map((u) => sameNumber(u.number)));
    const wanted = new Set(law.truth.map((t) => sameNumber(t.section)));
    const f = [...wanted].filter((n) => numbers.has(n)).length;
    truth += wanted.size;
    found += f;
    const spurious = [...numbers].filter((n) => !wanted.has(n)).length;
    out(
      `| ${law.id} | ${law.language} | ${wanted.size} | ${f} | ${wanted.size - f} | ${spurious} | ${law.warnings.length} |`,
    );
  }
  out(`| **all** | | ${truth} | ${pct(found, truth)} | | | |`);
}

function timing(laws: RealLaw[], examples: Example[], inputs: Awaited<ReturnType<typeof suggesterInputs>>) {
  // 5,000 decisions: the real and demo provisions, repeated as if from other laws.
  const many: Example[] = [];
  for (let i = 0; many.length < 5000; i++)
    many.push(...examples.slice(0, 5000 - many.length).map((e) => ({ ...e, law: `${e.law}#${i}` })));
  const t0 = performance.now();
  const model = trainModel(trainingRows(many, inputs.lexicon, inputs.articles), inputs.articles);
  const trainMs = performance.now() - t0;
  const units = laws.flatMap((l) => l.units).slice(0, 100);
  const t1 = performance.now();
  rank(units, { ...inputs, model: { version: 0, model }, law: null });
  const rankMs = performance.now() - t1;
  out();
  out(
    `Timing: suggestions for a law of ${units.length} provisions ${rankMs.toFixed(0)} ms (rules, model and evidence); retraining on ${many.length} decisions ${(trainMs / 1000).toFixed(1)} s (features and model, one process).`,
  );
}

await main();

/**
 * `cyrepo suggest WORK --instrument ETS185 [--json]`: the suggester's ranked articles, with evidence, for each provision of a law.
 * `cyrepo suggest --retrain [--instrument ETS185]`: retrains the suggester's model now; `cyrepo suggest --status`: what it learnt from and its figures.
 * `cyrepo accept-strong COUNTRY --instrument ETS185 [--json]`: accepts the strong suggestions of a review queue, as the queue's button does.
 */
import type { Command } from 'commander';
import { system } from '../core/access.js';
import { CliError, withDatabase } from './support.js';
import { workByUri } from '../domains/legislation/service.js';
import { inTransaction } from '../core/db/tx.js';
import { acceptStrong } from '../domains/analysis/review.js';
import { suggestForWork } from '../domains/analysis/suggest.js';
import { modelStatus, retrain } from '../domains/analysis/learn/store.js';
import type { Orm } from '../core/db/connect.js';

type SuggestOptions = {
  instrument: string;
  language?: string;
  json?: boolean;
  retrain?: boolean;
  status?: boolean;
  by: string;
};

const pctOf = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)} %` : '—');

async function modelCommand(db: Orm, opts: SuggestOptions) {
  const instrument = opts.instrument.toUpperCase();
  if (opts.retrain) {
    const r = await retrain(db, opts.by, instrument);
    if (r.outcome === 'kept')
      throw new CliError(`kept the previous model${r.version ? ` (version ${r.version})` : ''}: ${r.reason}`);
    console.log(
      `trained version ${r.version} on ${r.examples} provisions (${r.decisions} decided here) in ${r.seconds.toFixed(1)} s`,
    );
  }
  const s = await modelStatus(db, instrument);
  if (opts.json) return console.log(JSON.stringify(s, null, 1));
  if (!s.version) return console.log(`${instrument}: no model yet; suggestions come from the lexicon alone`);
  console.log(
    `${instrument}: model version ${s.version}, trained ${s.trained_at} on ${s.examples} provisions of ${s.laws} laws (${s.decisions} decided here) in ${s.languages.join(', ')}`,
  );
  const e = s.evaluation;
  if (e)
    console.log(
      `on laws it had not learnt from (${e.folds} groups of laws): top-1 ${pctOf(e.top1, e.provisions)}, top-3 ${pctOf(e.top3, e.provisions)} of ${e.provisions} mapped provisions; false strong ${pctOf(e.false_strong, e.negatives)} of ${e.negatives} without a counterpart`,
    );
}

export function analysisCommands(program: Command) {
  program
    .command('suggest')
    .description(
      'suggest the articles of an instrument each provision of a law implements (nothing is accepted)',
    )
    .argument('[work]', 'work URI (/akn/ke/act/2019/14) or id')
    .option('--instrument <code>', 'ETS185, UNCC2024, ETS189 or CETS224', 'ETS185')
    .option('--language <code>', 'which language version')
    .option('--json', 'print [{ eid, number, heading, suggestions: [{ article, score, evidence }] }]')
    .option('--retrain', "retrain the suggester's model on the shipped data and the review decisions, now")
    .option(
      '--status',
      "show the suggester's model: version, what it learnt from, its cross-validated figures",
    )
    .option('--by <who>', 'who asked for the retraining (recorded with the model)', 'cli')
    .action((ref: string | undefined, opts: SuggestOptions) =>
      withDatabase(async (db) => {
        if (opts.retrain || opts.status) return modelCommand(db.orm, opts);
        if (!ref) throw new CliError('name a law (its URI or id), or use --retrain or --status');
        const viewer = system('cli');
        const id = ref.startsWith('/akn/') ? (await workByUri(db.orm, viewer, ref))?.id : ref;
        if (!id) throw new CliError(`no work ${ref}`);
        const result = await suggestForWork(db.orm, viewer, id, opts.instrument.toUpperCase(), opts.language);
        // The notice goes to standard error, so that --json output stays the list it always was.
        if (result.support.notice) console.error(`note: ${result.support.notice}`);
        if (opts.json) {
          console.log(
            JSON.stringify(
              result.items.map(({ eid, number, heading, suggestions }) => ({
                eid,
                number,
                heading,
                suggestions: suggestions.map(({ article, score, strong, evidence }) => ({
                  article,
                  score,
                  strong,
                  evidence,
                })),
              })),
              null,
              1,
            ),
          );
          return;
        }
        if (result.note) console.log(result.note);
        for (const item of result.items) {
          const best = item.suggestions
            .slice(0, 3)
            .map((s) => `Art. ${s.article} ${s.score.toFixed(2)}${s.strong ? '*' : ''}`);
          console.log(
            `${item.eid.padEnd(24)} ${[item.number, item.heading].filter(Boolean).join(' ').slice(0, 50).padEnd(50)} ${best.join('  ') || '—'}`,
          );
        }
        console.log(
          `${result.items.length} provisions of ${result.work} (${result.language}) against ${result.instrument}; * strong suggestion`,
        );
      }),
    );
  program
    .command('accept-strong')
    .description(
      "accept, as full coverage, every strong top suggestion of a country's review queue (provisions not yet mapped), in one transaction",
    )
    .argument('<country>', 'ISO alpha-3 code, e.g. KEN')
    .option('--instrument <code>', 'ETS185, UNCC2024, ETS189 or CETS224', 'ETS185')
    .option('--json', 'print { accepted, mappings: [{ work, eid, article, score }], skipped_works }')
    .action((country: string, opts: { instrument: string; json?: boolean }) =>
      withDatabase(async (db) => {
        const result = await inTransaction(db, (tx) =>
          acceptStrong(tx, system('cli'), country.toUpperCase(), opts.instrument.toUpperCase()),
        );
        if (opts.json) {
          console.log(JSON.stringify(result, null, 1));
          return;
        }
        for (const m of result.mappings)
          console.log(`${m.work} ${m.eid.padEnd(24)} Art. ${m.article} ${m.score.toFixed(2)}`);
        console.log(
          `${result.accepted} strong suggestions accepted for ${result.country} against ${result.instrument}`,
        );
      }),
    );
}

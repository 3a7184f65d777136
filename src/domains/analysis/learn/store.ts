/**
 * The suggester's models in the database: retraining (on the shipped data and the repository's
 * decisions) saves a new version with its cross-validated figures; the suggester uses the latest
 * version of its instrument, kept in memory until a newer one appears. Retraining on an empty or
 * one-sided set keeps the previous model and records why.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../../core/db/connect.js';
import { one, rows } from '../../../core/db/query.js';
import { notFound } from '../../../core/errors.js';
import { loadLexicon, type LexConcept } from '../../reference/lexicon.js';
import { decidedExamples, SHIPPED_INSTRUMENT, shippedExamples, trainingBasis } from './examples.js';
import { crossValidate, trainModel, trainingRows, type Evaluation } from './fit.js';
import { deserialise, serialise } from './model.js';
import type { LoadedModel } from './rank.js';
import { articleSet, type ArticleSet } from './rules.js';

export type SuggesterInputs = { lexicon: LexConcept[]; articles: ArticleSet };

/** The lexicon and the instrument's articles. */
export async function suggesterInputs(db: Orm, instrument: string): Promise<SuggesterInputs> {
  const list = await rows<{ number: string; title: string; category: string; text: string | null }>(
    db,
    sql`SELECT number, title, category, text->>'eng' AS text FROM instrument_article WHERE instrument = ${instrument} ORDER BY position`,
  );
  if (!list.length) throw notFound(`Instrument ${instrument}`);
  return { lexicon: await loadLexicon(db, instrument), articles: articleSet(list) };
}

/** Per database (a process may hold several: tests do), each instrument's latest model as read. */
const loadedIn = new WeakMap<Orm, Map<string, LoadedModel>>();

/** The latest model of an instrument, or null while it has none. */
export async function latestModel(db: Orm, instrument: string): Promise<LoadedModel | null> {
  const latest = await one<{ version: number }>(
    db,
    sql`SELECT max(version) AS version FROM suggester_model WHERE instrument = ${instrument}`,
  );
  if (!latest?.version) return null;
  let cache = loadedIn.get(db);
  if (!cache) loadedIn.set(db, (cache = new Map()));
  const cached = cache.get(instrument);
  if (cached?.version === latest.version) return cached;
  const row = await one<{ model: Buffer }>(
    db,
    sql`SELECT model FROM suggester_model WHERE version = ${latest.version}`,
  );
  const loaded = { version: latest.version, model: deserialise(row!.model) };
  cache.set(instrument, loaded);
  return loaded;
}

export type RetrainResult =
  | {
      outcome: 'trained';
      version: number;
      examples: number;
      decisions: number;
      seconds: number;
      evaluation: Evaluation | null;
    }
  | { outcome: 'kept'; version: number | null; reason: string };

/** Laws held out at a time when a new model is measured. */
const FOLDS = 5;

/** Trains a new model version from the shipped data and the decisions so far, or says why not. */
export async function retrain(
  db: Orm,
  by: string,
  instrument: string,
  options: { evaluate?: boolean } = {},
): Promise<RetrainResult> {
  const t0 = performance.now();
  const inputs = await suggesterInputs(db, instrument);
  const decided = await decidedExamples(db, instrument);
  const examples = [...shippedExamples(instrument), ...decided];
  const articles = new Set(examples.flatMap((e) => e.articles));
  const reason = !examples.length
    ? 'there are no reviewed provisions to learn from'
    : articles.size < 2
      ? `the reviewed provisions are one-sided: ${articles.size ? `all map to article ${[...articles][0]}` : 'none maps to an article'}`
      : !examples.some((e) => !e.articles.length)
        ? 'no reviewed provision is marked as having no counterpart, so the model could not learn when to stay silent'
        : null;
  if (reason) {
    const current = await one<{ version: number }>(
      db,
      sql`SELECT max(version) AS version FROM suggester_model WHERE instrument = ${instrument}`,
    );
    await db.execute(
      sql`INSERT INTO suggester_run (instrument, by, outcome, version, reason) VALUES (${instrument}, ${by}, 'kept', ${current?.version ?? null}, ${reason})`,
    );
    return { outcome: 'kept', version: current?.version ?? null, reason };
  }
  const rowsIn = trainingRows(examples, inputs.lexicon, inputs.articles);
  const model = trainModel(rowsIn, inputs.articles);
  const seconds = (performance.now() - t0) / 1000;
  const evaluation =
    options.evaluate !== false && new Set(examples.map((e) => e.law)).size >= 2
      ? crossValidate(examples, rowsIn, inputs.lexicon, inputs.articles, FOLDS)
      : null;
  const saved = await one<{ version: number }>(
    db,
    sql`INSERT INTO suggester_model (instrument, trained_by, examples, decisions, laws, languages, seconds, evaluation, basis, model)
        VALUES (${instrument}, ${by}, ${model.examples}, ${decided.length}, ${model.laws}, ${sql.param(model.languages)}::text[], ${seconds},
          ${evaluation ? JSON.stringify(evaluation) : null}::jsonb, ${trainingBasis(instrument)}, ${serialise(model)}) RETURNING version`,
  );
  await db.execute(
    sql`INSERT INTO suggester_run (instrument, by, outcome, version) VALUES (${instrument}, ${by}, 'trained', ${saved!.version})`,
  );
  return {
    outcome: 'trained',
    version: saved!.version,
    examples: model.examples,
    decisions: decided.length,
    seconds,
    evaluation,
  };
}

export type ModelStatus = {
  instrument: string;
  version: number | null;
  trained_at: string | null;
  examples: number;
  decisions: number;
  laws: number;
  languages: string[];
  seconds: number | null;
  evaluation: Evaluation | null;
  last_run: { at: string; outcome: 'trained' | 'kept'; reason: string | null } | null;
};

/** What the current model of an instrument learnt from and how it scored. */
export async function modelStatus(db: Orm, instrument: string): Promise<ModelStatus> {
  const m = await one<Omit<ModelStatus, 'instrument' | 'last_run'>>(
    db,
    sql`SELECT version, trained_at, examples, decisions, laws, languages, seconds, evaluation
        FROM suggester_model WHERE instrument = ${instrument} ORDER BY version DESC LIMIT 1`,
  );
  const run = await one<NonNullable<ModelStatus['last_run']>>(
    db,
    sql`SELECT at, outcome, reason FROM suggester_run WHERE instrument = ${instrument} ORDER BY id DESC LIMIT 1`,
  );
  return {
    instrument,
    version: m?.version ?? null,
    trained_at: m?.trained_at ?? null,
    examples: m?.examples ?? 0,
    decisions: m?.decisions ?? 0,
    laws: m?.laws ?? 0,
    languages: m?.languages ?? [],
    seconds: m?.seconds ?? null,
    evaluation: m?.evaluation ?? null,
    last_run: run ?? null,
  };
}

/** The background job that retrains the suggester after review decisions. */
export const RETRAIN_JOB = 'suggester-retrain';

/** The instruments with shipped training data or review decisions: those a model is trained for. */
export async function instrumentsToTrain(db: Orm): Promise<string[]> {
  const decided = await rows<{ instrument: string }>(
    db,
    sql`SELECT DISTINCT instrument FROM mapping WHERE status IN ('accepted', 'rejected') ORDER BY instrument`,
  );
  return [...new Set([SHIPPED_INSTRUMENT, ...decided.map((d) => d.instrument)])];
}

/** Retrains the model of every instrument that has shipped training data or review decisions. */
export async function retrainAll(db: Orm, by: string): Promise<Record<string, RetrainResult>> {
  const out: Record<string, RetrainResult> = {};
  for (const instrument of await instrumentsToTrain(db)) out[instrument] = await retrain(db, by, instrument);
  return out;
}

/** Trains the shipped model when there is none, or when it was built on other shipped data or code (without measuring it). */
export async function ensureSuggesterModel(db: Orm): Promise<RetrainResult | null> {
  const current = await one<{ basis: string }>(
    db,
    sql`SELECT basis FROM suggester_model WHERE instrument = ${SHIPPED_INSTRUMENT} ORDER BY version DESC LIMIT 1`,
  );
  if (current?.basis === trainingBasis(SHIPPED_INSTRUMENT)) return null;
  // Measured later, in the background (see unmeasured): start-up does not wait for it.
  return retrain(db, 'setup', SHIPPED_INSTRUMENT, { evaluate: false });
}

/** Whether the latest model of some instrument has not been measured on held-out laws yet. */
export async function unmeasured(db: Orm): Promise<boolean> {
  return !!(await one(
    db,
    sql`SELECT 1 FROM suggester_model m WHERE m.evaluation IS NULL
          AND m.version = (SELECT max(version) FROM suggester_model WHERE instrument = m.instrument)`,
  ));
}

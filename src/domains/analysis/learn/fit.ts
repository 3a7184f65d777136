/**
 * From reviewed provisions to a model: each provision's features are computed as the suggester
 * computes them (rule scores within its own law), then one model is trained; and an honest measure
 * of a model trained this way — cross-validation by law, so no provision is scored by a model that
 * learnt from its own law.
 */
import type { LexConcept } from '../../reference/lexicon.js';
import { features } from './features.js';
import { train, type Model, type TrainingRow } from './model.js';
import { rank } from './rank.js';
import { commonConcepts, ruleScores, type ArticleSet } from './rules.js';
import type { Example } from './types.js';

export type Evaluation = {
  folds: number;
  laws: number;
  provisions: number;
  top1: number;
  top3: number;
  /** Mapped provisions whose first suggestion is right and strong (what "accept all strong" takes). */
  strong_right: number;
  negatives: number;
  false_strong: number;
  by_language: Record<string, { provisions: number; top1: number; top3: number }>;
};

function byLaw<T extends { law: string }>(list: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) out.set(x.law, [...(out.get(x.law) ?? []), x]);
  return out;
}

/** Training rows: the examples' features, rule scores computed within each law. */
export function trainingRows(
  examples: Example[],
  lexicon: LexConcept[],
  articles: ArticleSet,
): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (const list of byLaw(examples).values()) {
    const common = commonConcepts(list, lexicon);
    for (const e of list)
      rows.push({
        law: e.law,
        number: e.number,
        heading: e.heading,
        language: e.language,
        features: features(e, lexicon, ruleScores(e, lexicon, articles, common)),
        articles: e.articles,
        rejected: e.rejected,
      });
  }
  return rows;
}

export function trainModel(rows: TrainingRow[], articles: ArticleSet): Model {
  return train(rows, [...articles.list.keys()]);
}

/** Scores the model on held-out laws: `folds` groups of laws, each scored by a model trained on the rest. */
export function crossValidate(
  examples: Example[],
  rows: TrainingRow[],
  lexicon: LexConcept[],
  articles: ArticleSet,
  folds: number,
): Evaluation {
  const laws = [...new Set(examples.map((e) => e.law))].sort();
  const k = Math.min(folds, laws.length);
  const ev: Evaluation = { ...emptyEvaluation(), folds: k, laws: laws.length };
  for (let fold = 0; fold < k; fold++) {
    const held = new Set(laws.filter((_, i) => i % k === fold));
    const model = trainModel(
      rows.filter((r) => !held.has(r.law)),
      articles,
    );
    for (const [law, list] of byLaw(examples.filter((e) => held.has(e.law)))) {
      const ranked = rank(list, { lexicon, articles, model: { version: 0, model }, law });
      for (const [i, e] of list.entries()) tally(ev, e, ranked[i]);
    }
  }
  return ev;
}

/** An evaluation with nothing counted yet. */
export const emptyEvaluation = (): Evaluation => ({
  folds: 0,
  laws: 0,
  provisions: 0,
  top1: 0,
  top3: 0,
  strong_right: 0,
  negatives: 0,
  false_strong: 0,
  by_language: {},
});

/** Adds one scored provision to an evaluation. */
export function tally(ev: Evaluation, e: Example, ranked: { article: string; strong: boolean }[]) {
  if (!e.articles.length) {
    ev.negatives++;
    if (ranked[0]?.strong) ev.false_strong++;
    return;
  }
  const lang = (ev.by_language[e.language] ??= { provisions: 0, top1: 0, top3: 0 });
  const hit1 = e.articles.includes(ranked[0]?.article);
  const hit3 = ranked.slice(0, 3).some((s) => e.articles.includes(s.article));
  ev.provisions++;
  lang.provisions++;
  if (hit1) {
    ev.top1++;
    lang.top1++;
    if (ranked[0].strong) ev.strong_right++;
  }
  if (hit3) {
    ev.top3++;
    lang.top3++;
  }
}

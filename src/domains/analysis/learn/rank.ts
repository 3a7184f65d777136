/**
 * Ranks the articles for each provision of a law: the learned model's probability where it knows
 * the article, the rule score where it does not (or where there is no model yet), each with its
 * evidence. Pure: the lexicon, the articles and the model are given.
 */
import type { LexConcept } from '../lexicon.js';
import { features, readable } from './features.js';
import { nearest, predict, type Model } from './model.js';
import { commonConcepts, ruleScore, ruleScores, type ArticleSet } from './rules.js';
import type { Suggestion, Unit } from './types.js';

export type LoadedModel = { version: number; model: Model };
export type RankContext = {
  lexicon: LexConcept[];
  articles: ArticleSet;
  model: LoadedModel | null;
  /** The law the units belong to: its own reviewed provisions are not shown as examples. */
  law: string | null;
};

/** A suggestion this strong is one a reviewer may accept in bulk; below MIN it is not shown. */
export const STRONG = 0.5;
const MIN = 0.05;
const SHOWN = 5;

/** The suggestions for each unit of a law, in the order given (or for those in `range` only). */
export function rank(units: Unit[], ctx: RankContext, range?: [number, number]): Suggestion[][] {
  const common = commonConcepts(units, ctx.lexicon);
  const labels = new Map(ctx.lexicon.map((c) => [c.code, c.label]));
  return (range ? units.slice(...range) : units).map((unit) => {
    const rules = ruleScores(unit, ctx.lexicon, ctx.articles, common);
    const scores = new Map<string, Suggestion>();
    const put = (article: string, score: number) => {
      const a = ctx.articles.list.get(article);
      if (!a || score < MIN) return;
      scores.set(article, {
        article,
        title: a.title,
        category: a.category,
        score: Number(score.toFixed(3)),
        strong: score >= STRONG,
        evidence: [...(rules.get(article)?.evidence ?? [])],
      });
    };
    const learnt = new Set(ctx.model?.model.classes ?? []);
    for (const [article, { value }] of rules) if (!learnt.has(article)) put(article, ruleScore(value));
    if (ctx.model) {
      const f = features(unit, ctx.lexicon, rules);
      for (const p of predict(ctx.model.model, f)) {
        put(p.article, p.probability);
        const s = scores.get(p.article);
        if (s)
          s.evidence.push({
            type: 'learned',
            model: ctx.model.version,
            cues: [...new Set(p.cues.map((c) => readable(c, labels)).filter((c): c is string => !!c))].slice(
              0,
              6,
            ),
            examples: nearest(ctx.model.model, f, p.article, ctx.law),
          });
      }
    }
    return [...scores.values()]
      .sort((x, y) => y.score - x.score || Number.parseFloat(x.article) - Number.parseFloat(y.article))
      .slice(0, SHOWN);
  });
}

/**
 * Ranks the articles for each provision of a law: the learned model's probability where it knows
 * the article, the rule score where it does not (or where there is no model yet), each with its
 * evidence. Pure: the lexicon, the articles and the model are given.
 */
import type { LexConcept } from '../../reference/lexicon.js';
import { features, readable } from './features.js';
import { alike, predict, type Model } from './model.js';
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

/**
 * A suggestion this strong is one a reviewer may accept in bulk: a rule score without a model, a
 * learned probability with one (set where, across held-out real laws, fewer than one in twenty
 * provisions without a counterpart got one). Below MIN a suggestion is not shown.
 */
export const STRONG = 0.5;
export const STRONG_LEARNED = 0.7;
const MIN = 0.01;
/** How much a rule score counts beside the learned probability (never enough to make it strong). */
const RULES_BESIDE_MODEL = 0.5;
const SHOWN = 5;
/** Wording this close (cosine) to a reviewed provision suggests its article (never strongly on its own). */
const ALIKE = 0.8;

/** The suggestions for each unit of a law, in the order given (or for those in `range` only). */
export function rank(units: Unit[], ctx: RankContext, range?: [number, number]): Suggestion[][] {
  const common = commonConcepts(units, ctx.lexicon);
  const labels = new Map(ctx.lexicon.map((c) => [c.code, c.label]));
  return (range ? units.slice(...range) : units).map((unit) => {
    const rules = ruleScores(unit, ctx.lexicon, ctx.articles, common);
    const scores = new Map<string, Suggestion>();
    const strong = ctx.model ? STRONG_LEARNED : STRONG;
    const put = (article: string, score: number) => {
      const a = ctx.articles.list.get(article);
      if (!a || score < MIN) return;
      scores.set(article, {
        article,
        title: a.title,
        category: a.category,
        score: Number(score.toFixed(3)),
        strong: score >= strong,
        evidence: [...(rules.get(article)?.evidence ?? [])],
      });
    };
    const learnt = new Set(ctx.model?.model.classes ?? []);
    // An article no reviewer has mapped a provision to yet is suggested on the rules alone, and, once
    // there is a model, never strongly: nothing reviewed supports it.
    const cap = ctx.model ? STRONG_LEARNED - 0.01 : 1;
    for (const [article, { value }] of rules)
      if (!learnt.has(article)) put(article, Math.min(cap, ruleScore(value)));
    if (ctx.model) {
      const f = features(unit, ctx.lexicon, rules);
      const like = alike(ctx.model.model, f, ctx.law);
      for (const p of predict(ctx.model.model, f)) {
        // Wording close to a provision reviewers mapped to the article speaks for it; wording close to
        // one they rejected it for silences the rules' vote for it.
        const similar = like.mapped.get(p.article);
        const wording = similar && similar.similarity >= ALIKE ? Math.min(cap, similar.similarity) : 0;
        const vetoed = (like.rejected.get(p.article) ?? 0) >= ALIKE;
        const rule = vetoed ? 0 : Math.min(cap, ruleScore(rules.get(p.article)?.value ?? 0));
        put(p.article, Math.max(p.probability, RULES_BESIDE_MODEL * rule, wording));
        const s = scores.get(p.article);
        if (s)
          s.evidence.push({
            type: 'learned',
            model: ctx.model.version,
            cues: [...new Set(p.cues.map((c) => readable(c, labels)).filter((c): c is string => !!c))].slice(
              0,
              6,
            ),
            examples: similar?.examples ?? [],
          });
      }
    }
    return [...scores.values()]
      .sort((x, y) => y.score - x.score || Number.parseFloat(x.article) - Number.parseFloat(y.article))
      .slice(0, SHOWN);
  });
}

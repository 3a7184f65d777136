/**
 * The mapping suggester: for each provision of a law, the articles of an instrument it may
 * implement, ranked, each with its evidence — the concepts of the multilingual lexicon, the part of
 * the law it sits in, and the learned model (trained on real laws and on this repository's review
 * decisions: learn/). It only suggests: nothing is accepted by it. It says so when it has no lexicon
 * for the law's language, and what the learned model can still do there.
 */
import { sql } from 'drizzle-orm';
import { visibleTo, type Viewer } from '../../core/access.js';
import { rows } from '../../core/db/query.js';
import type { Orm } from '../../core/db/connect.js';
import { badRequest } from '../../core/errors.js';
import { languageName } from '../../core/i18n.js';
import { chooseExpression, expressionsOf, getWorkRow, provisionTree } from '../legislation/service.js';
import { rank } from './learn/rank.js';
import { SHIPPED_INSTRUMENT, shippedExamples } from './learn/examples.js';
import { latestModel, suggesterInputs } from './learn/store.js';
import type { Suggestion } from './learn/types.js';
import { unitsOf } from './learn/units.js';

export type { Evidence, Suggestion } from './learn/types.js';
export type WorkSuggestions = {
  work: string;
  instrument: string;
  language: string;
  items: ProvisionSuggestions[];
  note: string | null;
  /** What the suggester can do in the law's language: a lexicon, learned examples, the model version. */
  support: LanguageSupport;
  /** Provisions suggested for in the whole law; `next_after` is the eId to ask for the next page after, if any. */
  total: number;
  next_after: string | null;
};
export type LanguageSupport = {
  lexicon: boolean;
  /** Provisions in this language the model learnt from. */
  learned_examples: number;
  model_version: number | null;
  /** Said on the review page, the API and the CLI when the suggester is weaker in this language. */
  notice: string | null;
};
/** A page of a law's provisions: those after the eId `after`, at most `limit`. */
export type SuggestPage = { after?: string; limit: number };
export type ProvisionSuggestions = {
  eid: string;
  number: string | null;
  heading: string | null;
  excerpt: string;
  suggestions: Suggestion[];
};

const excerpt = (text: string) =>
  text.length > 400 ? `${text.slice(0, 400).replace(/\s+\S*$/, '')} …` : text;

/** What the suggester can do for a language, and the notice to show when that is less than usual. */
export function languageSupport(
  language: string,
  lexicon: { terms: Map<string, unknown[]> }[],
  model: { version: number; model: { profiles: { language: string }[] } } | null,
): LanguageSupport {
  const hasLexicon = lexicon.some((c) => (c.terms.get(language)?.length ?? 0) > 0);
  const learned = model?.model.profiles.filter((p) => p.language === language).length ?? 0;
  const name = languageName(language, 'en');
  const notice = hasLexicon
    ? null
    : learned
      ? `cyrepo has no lexicon for ${name}: suggestions come from the learned model alone, which has learnt from ${learned} reviewed provisions in ${name}. Check each one.`
      : `cyrepo has no lexicon for ${name} and has learnt from no reviewed provision in ${name}: it can suggest only from numbers and words shared with other languages, and will miss most mappings. Map the provisions by hand; each decision teaches the model.`;
  return { lexicon: hasLexicon, learned_examples: learned, model_version: model?.version ?? null, notice };
}

/**
 * The suggestions with, as learned examples, only provisions of laws the viewer may see: the shipped
 * real laws, and the repository's laws in the viewer's tier (a draft's decisions teach the model, but
 * its provisions are not named to those who may not see it).
 */
async function withVisibleExamples(db: Orm, viewer: Viewer, ranked: Suggestion[][]): Promise<Suggestion[][]> {
  const named = new Set(
    ranked
      .flat()
      .flatMap((s) => s.evidence.flatMap((e) => (e.type === 'learned' ? e.examples.map((x) => x.law) : []))),
  );
  const shipped = new Set(shippedExamples(SHIPPED_INSTRUMENT).map((e) => e.law));
  const asked = [...named].filter((l) => !shipped.has(l));
  const visible = new Set([
    ...shipped,
    ...(asked.length
      ? (
          await rows<{ id: string }>(
            db,
            sql`SELECT w.id FROM legal_work w WHERE w.id = ANY(${sql.param(asked)}::text[]) AND ${visibleTo(viewer, 'w')}`,
          )
        ).map((w) => w.id)
      : []),
  ]);
  return ranked.map((list) =>
    list.map((s) => ({
      ...s,
      evidence: s.evidence.map((e) =>
        e.type === 'learned' ? { ...e, examples: e.examples.filter((x) => visible.has(x.law)) } : e,
      ),
    })),
  );
}

/** Suggestions for a law's provisions, all of them or one page (a large code is asked for page by page). */
export async function suggestForWork(
  db: Orm,
  viewer: Viewer,
  workId: string,
  instrument: string,
  language?: string,
  page?: SuggestPage,
): Promise<WorkSuggestions> {
  const work = await getWorkRow(db, viewer, workId);
  const inputs = await suggesterInputs(db, instrument);
  const model = await latestModel(db, instrument);
  const expression = chooseExpression(await expressionsOf(db, work), { language });
  if (!expression)
    return {
      work: work.uri,
      instrument,
      language: language ?? '',
      items: [],
      note: 'The law has no text in this language.',
      support: languageSupport(language ?? '', inputs.lexicon, model),
      total: 0,
      next_after: null,
    };
  const list = unitsOf(await provisionTree(db, expression.id), expression.language, { subsections: true });
  const start = page?.after ? list.findIndex((u) => u.eid === page.after) + 1 : 0;
  if (page?.after && start === 0)
    throw badRequest(`The law has no provision ${page.after} to continue after`, { field: 'after' });
  const end = page ? start + page.limit : list.length;
  const ranked = await withVisibleExamples(
    db,
    viewer,
    rank(list, { ...inputs, model, law: work.id }, [start, end]),
  );
  return {
    work: work.uri,
    instrument,
    language: expression.language,
    items: list.slice(start, end).map((u, i) => ({
      eid: u.eid,
      number: u.number,
      heading: u.heading || null,
      excerpt: excerpt(u.text),
      suggestions: ranked[i],
    })),
    note: list.length ? null : 'The law has no provisions to suggest for.',
    support: languageSupport(expression.language, inputs.lexicon, model),
    total: list.length,
    next_after: end < list.length && page ? list[end - 1].eid : null,
  };
}

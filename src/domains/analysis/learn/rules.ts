/**
 * The rule-based part of the suggester, pure: for one provision, the articles that the concepts of
 * the multilingual lexicon named in its heading, text or enclosing headings point to, the
 * definitions pattern, the part of the law it sits in, and (English) the words it shares with the
 * article. The learned model takes these scores as features; without a model they are the ranking.
 */
import { occurrences, prepared, words, type LexConcept } from '../../reference/lexicon.js';
import type { Evidence, Unit } from './types.js';

export type Article = {
  number: string;
  title: string;
  category: string;
  words: Map<string, number>;
};
export type ArticleSet = { list: Map<string, Article>; idf: Map<string, number> };
export type RuleScores = Map<string, { value: number; evidence: Evidence[] }>;

/** Words in the heading of a part or chapter that say what its provisions are. */
const CHAPTER_WORDS: [string, RegExp][] = [
  [
    'definitions',
    /interpret|definition|définition|definici|definiç|begriffsbestimmung|tafsiri|บทนิยาม|giải thích từ ngữ|تعريف|определени|定義|定义|用語/iu,
  ],
  [
    'international_cooperation',
    /co-?operation|coopéra|cooperaci|cooperaç|zusammenarbeit|rechtshilfe|kerja sama|ushirikiano|ความร่วมมือ|hợp tác|التعاون|сотрудничеств|合作|協助|协助/iu,
  ],
  [
    'procedural',
    /procedur|procédur|procedimient|procesal|processual|verfahren|ermittlung|investigat|enquête|investigaci|investigaç|penyidik|uchunguzi|สอบสวน|tố tụng|điều tra|الإجراءات|التحقيق|процессуал|расследован|程序|偵查|侦查/iu,
  ],
  [
    'criminalisation',
    /offen[cs]e|crime|criminal|infraction|délit|delito|straftat|strafbar|tindak pidana|pidana|makosa|ความผิด|tội phạm|الجرائم|العقوب|преступлен|罪/iu,
  ],
];
/** "x" means …, « x » désigne …: a definitions provision. */
const DEFINES =
  /["“«‘„]\s*[^"”»’“]{2,60}\s*["”»’“]\s*(means|includes|désigne|s'entend|se entiende|significa|entende-se|bezeichnet|ist|berarti|adalah|หมายความว่า|là|يقصد|يعني|означает|maana yake)/giu;
/** The opening of a definitions provision. */
const DEFINITIONS_INTRO =
  /unless the context otherwise requires|for the purposes? of this (act|law|part|chapter)|aux fins de la présente|au sens de la présente|para (los )?efectos de (la presente|esta)|para efeitos d[ao] presente|im sinne dieses gesetzes|يقصد ب|المعاني المخصصة لها|في تطبيق أحكام هذا|dalam undang-undang ini yang dimaksud|ในพระราชบัญญัตินี้|trong luật này,? các từ ngữ|в настоящем (законе|федеральном законе|кодексе) используются|для целей настоящ/iu;
const DEFINITIONS_HEADING =
  /^(interpretation|definitions?|définitions?|definiciones|definições|begriffsbestimmungen|tafsiri|บทนิยาม|giải thích từ ngữ|التعريفات|تعريفات|определения|основные понятия|定義|定义|用語)/iu;
const STOP = new Set(
  'the of and or to in a an any by for with on as is be which that this from at other such its it may shall person who under section act'.split(
    ' ',
  ),
);

export const chapterCategory = (heading: string) => CHAPTER_WORDS.find(([, re]) => re.test(heading))?.[0];

/** Content words of an English text. */
export const contentWords = (text: string) =>
  words(text, 'eng').filter((w) => w.length > 2 && !STOP.has(w) && !/^\d+$/.test(w));

export const counts = (list: string[]) =>
  list.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());

/** The articles of an instrument with their words, and the inverse document frequency of those words. */
export function articleSet(list: { number: string; title: string; category: string; text: string | null }[]) {
  const articles = new Map<string, Article>(
    list.map((a) => [a.number, { ...a, words: counts(contentWords(`${a.title} ${a.text ?? ''}`)) }]),
  );
  const df = new Map<string, number>();
  for (const a of articles.values()) for (const w of a.words.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = new Map([...df].map(([w, n]) => [w, Math.log((articles.size + 1) / (n + 0.5))]));
  return { list: articles, idf };
}

function cosine(a: Map<string, number>, b: Map<string, number>, idf: Map<string, number>) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const shared: [string, number][] = [];
  for (const [w, x] of a) {
    const weight = idf.get(w) ?? 0;
    na += (x * weight) ** 2;
    const y = b.get(w);
    if (y) {
      dot += x * y * weight * weight;
      shared.push([w, x * y * weight * weight]);
    }
  }
  for (const [w, y] of b) nb += (y * (idf.get(w) ?? 0)) ** 2;
  return {
    value: na && nb ? dot / Math.sqrt(na * nb) : 0,
    shared: shared
      .sort((x, y) => y[1] - x[1])
      .slice(0, 6)
      .map(([w]) => w),
  };
}

/** Whether a provision reads as a definitions provision. */
export function isDefinitions(unit: Unit): { yes: boolean; terms: number } {
  const terms = [...unit.text.matchAll(DEFINES)].length;
  return {
    yes:
      terms >= 2 || DEFINITIONS_INTRO.test(unit.text.slice(0, 300)) || DEFINITIONS_HEADING.test(unit.heading),
    terms,
  };
}

export type ConceptHit = {
  c: LexConcept;
  heading?: string;
  text?: string;
  textCount: number;
  context?: string;
};
const hitCache = new WeakMap<LexConcept[], WeakMap<Unit, ConceptHit[]>>();

/** Concepts named in a unit: where (heading, text, enclosing heading) and how often (computed once per unit). */
export function conceptHits(unit: Unit, lexicon: LexConcept[]): ConceptHit[] {
  const byUnit = hitCache.get(lexicon) ?? new WeakMap<Unit, ConceptHit[]>();
  hitCache.set(lexicon, byUnit);
  const cached = byUnit.get(unit);
  if (cached) return cached;
  const hits = findConcepts(unit, lexicon);
  byUnit.set(unit, hits);
  return hits;
}

function findConcepts(unit: Unit, lexicon: LexConcept[]): ConceptHit[] {
  const heading = prepared(unit.heading, unit.language);
  const body = prepared(unit.text, unit.language);
  const context = prepared(unit.context.map((c) => c.heading).join(' \n '), unit.language);
  const out: ConceptHit[] = [];
  for (const c of lexicon) {
    const terms = c.terms.get(unit.language) ?? [];
    if (!terms.length) continue;
    const inHeading = terms.find((t) => occurrences(t, heading, unit.language) > 0);
    const inText = terms.map((t) => ({ t, n: occurrences(t, body, unit.language) })).filter((x) => x.n > 0);
    const inContext = terms.find((t) => occurrences(t, context, unit.language) > 0);
    if (!inHeading && !inText.length && !inContext) continue;
    out.push({
      c,
      heading: inHeading?.text,
      text: inText[0]?.t.text,
      textCount: inText.reduce((n, x) => n + x.n, 0),
      context: inContext?.text,
    });
  }
  return out;
}

/** The rule scores of the articles for one provision (`common`: concepts the law uses everywhere). */
export function ruleScores(
  unit: Unit,
  lexicon: LexConcept[],
  articles: ArticleSet,
  common: Set<string>,
): RuleScores {
  const raw: RuleScores = new Map();
  const add = (article: string, value: number, evidence?: Evidence) => {
    if (!articles.list.has(article)) return;
    const entry = raw.get(article) ?? { value: 0, evidence: [] };
    entry.value += value;
    if (evidence) entry.evidence.push(evidence);
    raw.set(article, entry);
  };
  for (const hit of conceptHits(unit, lexicon)) {
    const { c } = hit;
    if (!c.articles.length) continue;
    // A concept standing for many articles (mutual assistance) says less about each of them.
    const spread = Math.sqrt(c.articles.length);
    // A concept the law's text uses everywhere (penalties) says little when it is only in the text.
    const textWeight =
      common.has(c.code) || (c.kind === 'cross_cutting' && !hit.heading)
        ? 0.2
        : 0.6 + 0.1 * Math.min(hit.textCount - 1, 3);
    // The heading of the part or chapter around a provision speaks for it when its own words are silent.
    const value =
      ((hit.heading ? 1.0 : 0) + (hit.text ? textWeight : 0) + (hit.context && !hit.heading ? 0.35 : 0)) /
      spread;
    const base = { type: 'concept' as const, concept: c.code, label: c.label };
    for (const a of c.articles) {
      add(a, value);
      if (hit.heading) add(a, 0, { ...base, term: hit.heading, where: 'heading', count: 1 });
      if (hit.text) add(a, 0, { ...base, term: hit.text, where: 'text', count: hit.textCount });
      if (hit.context && !hit.heading) add(a, 0, { ...base, term: hit.context, where: 'context', count: 1 });
    }
  }
  const defs = isDefinitions(unit);
  if (defs.yes)
    for (const a of articles.list.values())
      if (a.category === 'definitions') add(a.number, 1.4, { type: 'definitions', terms: defs.terms });
  if (unit.language === 'eng') englishWords(unit, articles, add);
  const chapter = unit.context.findLast((c) => c.category);
  if (chapter)
    for (const [number, entry] of raw) {
      if (articles.list.get(number)?.category === chapter.category) {
        entry.value += 0.3;
        entry.evidence.push({ type: 'chapter', heading: chapter.heading, category: chapter.category! });
      } else entry.value *= 0.6;
    }
  return raw;
}

function englishWords(
  unit: Unit,
  articles: ArticleSet,
  add: (article: string, value: number, evidence?: Evidence) => void,
) {
  const mine = counts(contentWords(`${unit.heading} ${unit.text}`));
  const head = new Set(contentWords(unit.heading));
  for (const a of articles.list.values()) {
    const sim = cosine(mine, a.words, articles.idf);
    if (sim.value >= 0.12) add(a.number, 1.2 * sim.value, { type: 'words', words: sim.shared });
    const title = new Set(contentWords(a.title));
    const both = [...head].filter((w) =>
      [...title].some((t) => t.startsWith(w.slice(0, 5)) || w.startsWith(t.slice(0, 5))),
    ).length;
    const jaccard = head.size && title.size ? both / (head.size + title.size - both) : 0;
    if (jaccard >= 0.3)
      add(a.number, 0.8 * jaccard, { type: 'title', similarity: Number(jaccard.toFixed(2)) });
  }
}

/** A rule value as a score between 0 and 1. */
export const ruleScore = (value: number) => 1 - Math.exp(-value / 1.2);

/** Concepts whose terms occur in the text of more than 40 % of a law's provisions (at least four). */
export function commonConcepts(list: Unit[], lexicon: LexConcept[]): Set<string> {
  if (!list.length) return new Set();
  const language = list[0].language;
  const texts = list.map((u) => prepared(u.text, language));
  const out = new Set<string>();
  for (const c of lexicon) {
    const terms = c.terms.get(language) ?? [];
    const n = texts.filter((t) => terms.some((term) => occurrences(term, t, language) > 0)).length;
    if (n >= 4 && n > 0.4 * list.length) out.add(c.code);
  }
  return out;
}

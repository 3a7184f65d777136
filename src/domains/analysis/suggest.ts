/**
 * The mapping suggester: for each provision of a law, the articles of an instrument it may
 * implement, ranked, each with the evidence for it — concepts of the multilingual lexicon named in
 * its heading or text, the part of the law it sits in (offences, procedure, cooperation,
 * definitions), and for English texts the words and heading it shares with the article. It is
 * deterministic, works in every language of the lexicon, and only suggests: nothing is accepted
 * by it. A provision with no counterpart gets no strong suggestion.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import { badRequest, notFound } from '../../core/errors.js';
import {
  expressionsOf,
  getWorkRow,
  chooseExpression,
  provisionTree,
  type ProvisionNode,
} from '../legislation/service.js';
import { loadLexicon, occurrences, prepared, words, type LexConcept } from './lexicon.js';

export type Evidence =
  | {
      type: 'concept';
      concept: string;
      label: string;
      term: string;
      where: 'heading' | 'text';
      count: number;
    }
  | { type: 'chapter'; heading: string; category: string }
  | { type: 'definitions'; terms: number }
  | { type: 'title'; similarity: number }
  | { type: 'words'; words: string[] };
export type Suggestion = {
  article: string;
  title: string;
  category: string;
  score: number;
  strong: boolean;
  evidence: Evidence[];
};
export type WorkSuggestions = {
  work: string;
  instrument: string;
  language: string;
  items: ProvisionSuggestions[];
  note: string | null;
  /** Provisions suggested for in the whole law; `next_after` is the eId to ask for the next page after, if any. */
  total: number;
  next_after: string | null;
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

/** Kinds that hold provisions rather than being one. */
const CONTAINERS = new Set([
  'part',
  'chapter',
  'title',
  'book',
  'division',
  'subpart',
  'subchapter',
  'subtitle',
  'tome',
  'schedule',
  'schedules',
  'attachment',
  'component',
  'crossheading',
  'preamble',
  'hcontainer',
]);
/** Words in the heading of a part or chapter that say what its provisions are. */
const CHAPTER_WORDS: [string, RegExp][] = [
  [
    'definitions',
    /interpret|definition|définition|definici|definiç|tafsiri|บทนิยาม|giải thích từ ngữ|تعريف|определени/iu,
  ],
  [
    'international_cooperation',
    /co-?operation|coopéra|cooperaci|cooperaç|kerja sama|ushirikiano|ความร่วมมือ|hợp tác|التعاون|сотрудничеств/iu,
  ],
  [
    'procedural',
    /procedur|procédur|procedimient|procesal|processual|investigat|enquête|investigaci|investigaç|penyidik|uchunguzi|สอบสวน|tố tụng|điều tra|الإجراءات|التحقيق|процессуал|расследован/iu,
  ],
  [
    'criminalisation',
    /offen[cs]e|crime|criminal|infraction|délit|delito|tindak pidana|pidana|makosa|ความผิด|tội phạm|الجرائم|العقوب|преступлен/iu,
  ],
];
/** "x" means …, « x » désigne …: a definitions provision. */
const DEFINES =
  /["“«‘]\s*[^"”»’]{2,60}\s*["”»’]\s*(means|includes|désigne|s'entend|se entiende|significa|entende-se|berarti|adalah|หมายความว่า|là|يقصد|يعني|означает|maana yake)/giu;
/** The opening of a definitions provision, in the languages of the lexicon. */
const DEFINITIONS_INTRO =
  /unless the context otherwise requires|for the purposes? of this (act|law)|aux fins de la présente|au sens de la présente|para (los )?efectos de (la presente|esta)|para efeitos d[ao] presente|يقصد ب|المعاني المخصصة لها|dalam undang-undang ini yang dimaksud|ในพระราชบัญญัตินี้|trong luật này,? các từ ngữ|в настоящем (законе|федеральном законе) используются/iu;
const STOP = new Set(
  'the of and or to in a an any by for with on as is be which that this from at other such its it may shall person who under section act'.split(
    ' ',
  ),
);

const chapterCategory = (heading: string) => CHAPTER_WORDS.find(([, re]) => re.test(heading))?.[0];
const excerpt = (text: string) =>
  text.length > 400 ? `${text.slice(0, 400).replace(/\s+\S*$/, '')} …` : text;
const textOf = (p: ProvisionNode): string => [p.text, ...p.children.map(textOf)].filter(Boolean).join('\n');

/** Content words of an English text. */
const contentWords = (text: string) =>
  words(text, 'eng').filter((w) => w.length > 2 && !STOP.has(w) && !/^\d+$/.test(w));

type Article = {
  number: string;
  title: string;
  category: string;
  text: string | null;
  words: Map<string, number>;
};

function cosine(
  a: Map<string, number>,
  b: Map<string, number>,
  idf: Map<string, number>,
): { value: number; shared: string[] } {
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

const counts = (list: string[]) =>
  list.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());

/** The scored articles for one provision. */
function score(
  p: ProvisionNode,
  chapter: { heading: string; category: string } | undefined,
  language: string,
  lexicon: LexConcept[],
  articles: Map<string, Article>,
  idf: Map<string, number>,
  common: Set<string>,
): Suggestion[] {
  const raw = new Map<string, { value: number; evidence: Evidence[] }>();
  const add = (article: string, value: number, evidence: Evidence) => {
    if (!articles.has(article)) return;
    const entry = raw.get(article) ?? { value: 0, evidence: [] };
    entry.value += value;
    entry.evidence.push(evidence);
    raw.set(article, entry);
  };
  const heading = prepared([p.heading ?? ''].join(' '), language);
  const body = prepared(textOf(p), language);
  for (const c of lexicon) {
    if (!c.articles.length) continue;
    const terms = c.terms.get(language) ?? [];
    const inHeading = terms.map((t) => ({ t, n: occurrences(t, heading, language) })).find((x) => x.n > 0);
    const inText = terms.map((t) => ({ t, n: occurrences(t, body, language) })).filter((x) => x.n > 0);
    if (!inHeading && !inText.length) continue;
    const textCount = inText.reduce((n, x) => n + x.n, 0);
    // A concept standing for many articles (mutual assistance) says less about each of them.
    const spread = Math.sqrt(c.articles.length);
    // A concept the law's text uses everywhere (penalties) says little when it is only in the text.
    // So does a cross-cutting concept (sanctions, safeguards, evidence) named only in passing.
    const textWeight =
      common.has(c.code) || (c.kind === 'cross_cutting' && !inHeading)
        ? 0.2
        : 0.6 + 0.1 * Math.min(textCount - 1, 3);
    const value = ((inHeading ? 1.0 : 0) + (inText.length ? textWeight : 0)) / spread;
    for (const a of c.articles) {
      if (inHeading)
        add(a, 0, {
          type: 'concept',
          concept: c.code,
          label: c.label,
          term: inHeading.t.text,
          where: 'heading',
          count: inHeading.n,
        });
      if (inText.length)
        add(a, 0, {
          type: 'concept',
          concept: c.code,
          label: c.label,
          term: inText[0].t.text,
          where: 'text',
          count: textCount,
        });
      raw.get(a)!.value += value;
    }
  }
  const defined = [...textOf(p).matchAll(DEFINES)].length;
  if (
    defined >= 2 ||
    DEFINITIONS_INTRO.test(textOf(p).slice(0, 300)) ||
    /^(interpretation|definitions?|définitions?|definiciones|definições|tafsiri|บทนิยาม|giải thích từ ngữ|التعريفات|определения)/iu.test(
      p.heading ?? '',
    )
  )
    for (const a of articles.values())
      if (a.category === 'definitions') add(a.number, 1.4, { type: 'definitions', terms: defined });
  if (language === 'eng') {
    const mine = counts(contentWords(`${p.heading ?? ''} ${textOf(p)}`));
    const head = new Set(contentWords(p.heading ?? ''));
    for (const a of articles.values()) {
      const sim = cosine(mine, a.words, idf);
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
  const out: Suggestion[] = [];
  for (const [number, { value, evidence }] of raw) {
    const a = articles.get(number)!;
    let v = value;
    if (chapter) {
      if (chapter.category === a.category) {
        v += 0.3;
        evidence.push({ type: 'chapter', heading: chapter.heading, category: chapter.category });
      } else v *= 0.6;
    }
    const s = Number((1 - Math.exp(-v / 1.2)).toFixed(3));
    if (s >= 0.2)
      out.push({
        article: number,
        title: a.title,
        category: a.category,
        score: s,
        strong: s >= 0.5,
        evidence,
      });
  }
  return out
    .sort((x, y) => y.score - x.score || Number.parseFloat(x.article) - Number.parseFloat(y.article))
    .slice(0, 5);
}

/** Concepts whose terms occur in the text of more than 40 % of the provisions (at least four). */
function commonConcepts(list: ProvisionNode[], language: string, lexicon: LexConcept[]): Set<string> {
  const texts = list.map((p) => prepared(textOf(p), language));
  const out = new Set<string>();
  for (const c of lexicon) {
    const terms = c.terms.get(language) ?? [];
    const n = texts.filter((t) => terms.some((term) => occurrences(term, t, language) > 0)).length;
    if (n >= 4 && n > 0.4 * list.length) out.add(c.code);
  }
  return out;
}

/** The provisions that are suggested for: sections and articles, and their subsections; with the part or chapter around them. */
function units(
  tree: ProvisionNode[],
): { p: ProvisionNode; chapter?: { heading: string; category: string } }[] {
  const out: { p: ProvisionNode; chapter?: { heading: string; category: string } }[] = [];
  const walk = (nodes: ProvisionNode[], chapter?: { heading: string; category: string }, inUnit = false) => {
    for (const p of nodes) {
      if (CONTAINERS.has(p.kind)) {
        const category = chapterCategory(`${p.heading ?? ''} ${p.number ?? ''}`);
        walk(p.children, category ? { heading: p.heading ?? p.number ?? p.eid, category } : chapter);
      } else if (!inUnit || p.kind === 'subsection') {
        if (textOf(p).trim() || p.heading) out.push({ p, chapter });
        walk(p.children, chapter, true);
      }
    }
  };
  walk(tree);
  return out;
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
  const articleRows = await rows<{ number: string; title: string; category: string; text: string | null }>(
    db,
    sql`SELECT number, title, category, text->>'eng' AS text FROM instrument_article WHERE instrument = ${instrument} ORDER BY position`,
  );
  if (!articleRows.length) throw notFound(`Instrument ${instrument}`);
  const expression = chooseExpression(await expressionsOf(db, work), { language });
  if (!expression)
    return {
      work: work.uri,
      instrument,
      language: language ?? '',
      items: [],
      note: 'The law has no text in this language.',
      total: 0,
      next_after: null,
    };
  const tree = await provisionTree(db, expression.id);
  const articles = new Map<string, Article>(
    articleRows.map((a) => [a.number, { ...a, words: counts(contentWords(`${a.title} ${a.text ?? ''}`)) }]),
  );
  // Inverse document frequency over the articles' words: words every article uses weigh little.
  const df = new Map<string, number>();
  for (const a of articles.values()) for (const w of a.words.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = new Map([...df].map(([w, n]) => [w, Math.log((articles.size + 1) / (n + 0.5))]));
  const lexicon = await loadLexicon(db, instrument);
  const list = units(tree);
  const common = commonConcepts(
    list.map((u) => u.p),
    expression.language,
    lexicon,
  );
  const start = page?.after ? list.findIndex((u) => u.p.eid === page.after) + 1 : 0;
  if (page?.after && start === 0)
    throw badRequest(`The law has no provision ${page.after} to continue after`, { field: 'after' });
  const slice = page ? list.slice(start, start + page.limit) : list;
  const more = page && start + page.limit < list.length;
  return {
    work: work.uri,
    instrument,
    language: expression.language,
    items: slice.map(({ p, chapter }) => ({
      eid: p.eid,
      number: p.number,
      heading: p.heading,
      excerpt: excerpt(textOf(p)),
      suggestions: score(p, chapter, expression.language, lexicon, articles, idf, common),
    })),
    note: list.length ? null : 'The law has no provisions to suggest for.',
    total: list.length,
    next_after: more ? slice[slice.length - 1].p.eid : null,
  };
}

/**
 * How a law numbers its provisions, read from all its markers before the tree is built: with
 * keywords (Article, Section, §, 第…条) or bare numbers ("14."), how its own articles are written
 * (ARTICULO 1º — against the quoted "Artículo 128:" of the code it amends), whether "Section" is
 * a grouping there, and whether the words after an article's number are its title.
 */
import { type Marker, SECTION_WORD } from './markers.js';
import { ANNOUNCES } from './reading.js';
import { compareKeys, numberKey } from './tree.js';

export type Plan = {
  family: 'article' | 'section' | 'numbered' | 'chinese' | 'none';
  /** How the law's own provisions are written (see styleOf), and their keyword as printed. */
  style: string;
  word: string;
  /** "Section 1 – Des atteintes…" groups articles (the law numbers its provisions "Article"). */
  sectionsAreGroupings: boolean;
  /** § numbered anew within each article: the article's paragraphs, read as its text. */
  paragraphsInArticles: boolean;
  /** "Статья 272.1. Title" with the text on the next line: the words after the number are the title. */
  titleLines: boolean;
  /** Markers not to take: "12 Computer Misuse Act" at the top of every page. */
  ignore: Set<number>;
  /** "الفصل 3" numbers articles (as in Tunisian and Moroccan laws), not chapters. */
  chapterIsArticle: boolean;
};

/**
 * How a provision's marker is written: the kind of keyword and whether it is in capitals (ARTICULO
 * 1º against a quoted "Artículo 128:"; SECTION 1 and SEC. 2 alike), Roman numerals (Pasal I
 * against a quoted Pasal 27) and an opening quote mark.
 */
export const styleOf = (m: Marker) => {
  const caps = /\p{Lu}\p{Lu}/u.test(m.word) ? 'caps' : /\p{Lu}/u.test(m.word) ? 'title' : '';
  const word = m.family === 'numbered' ? 'numbered' : m.word === '§' ? '§' : `${m.family}|${caps}`;
  return `${word}|${m.roman ? 'roman' : ''}|${m.quoted ? 'q' : ''}`;
};

/** A title rather than a sentence: no clause left open, no second sentence, no full stop after many words. */
export const titleish = (rest: string) =>
  rest.length > 0 &&
  rest.length <= 350 &&
  !/[:;,—–-]$/.test(rest) &&
  !/[.!?]\s+[\p{Lu}\d(]/u.test(rest) &&
  (!/\.$/.test(rest) || rest.split(/\s+/).length <= 15);

/**
 * The marker the law writes its own provisions like: of the ways its provisions are written, the
 * one most often used where no line before announces text to insert ("por el siguiente:") — a
 * quoted article follows one; the first provision's way counts for a little more.
 */
function ownStyle(chosen: { m: Marker; i: number }[], lines: string[]): { m: Marker; i: number } | undefined {
  const score = new Map<string, number>();
  const first = chosen.find(({ m }) => !m.quoted) ?? chosen[0];
  for (const c of chosen) {
    const style = styleOf(c.m);
    const announced = c.i > 0 && ANNOUNCES.test(lines[c.i - 1]);
    score.set(style, (score.get(style) ?? (c === first ? 2 : 0)) + (announced ? 0 : 1));
  }
  let best = first;
  for (const c of chosen) if ((score.get(styleOf(c.m)) ?? 0) > (score.get(styleOf(best.m)) ?? 0)) best = c;
  return best;
}

export function planText(marks: (Marker | null)[], lines: string[]): Plan {
  const end = marks.findIndex((m) => m?.family === 'schedule');
  const body = (end < 0 ? marks : marks.slice(0, end)).map((m, i) => ({ m, i }));
  const of = (f: string) =>
    body.filter(({ m }) => m && !m.reference && m.family === f) as { m: Marker; i: number }[];
  const distinct = (l: { m: Marker }[]) => new Set(l.map(({ m }) => m.number)).size;
  const zh = of('chinese').filter(({ m }) => m.kind === 'article');
  const articles = of('article');
  const sections = of('section');
  // Sections numbered "1 Heading" without a full stop, where no section has one and the headings
  // are not a running header repeated on every page.
  const dotted = of('numbered').filter(({ m }) => m.sep);
  const seen = new Map<string, number>();
  for (const { m } of of('numbered')) seen.set(m.rest, (seen.get(m.rest) ?? 0) + 1);
  const bare = of('numbered').filter(({ m }) => !m.sep && seen.get(m.rest) === 1);
  const key = (m: Marker) => numberKey(m.number) ?? [];
  const rising = bare.filter(({ m }, k) => k > 0 && compareKeys(key(m), key(bare[k - 1].m)) > 0);
  const bareSections = dotted.length === 0 && bare.length >= 3 && rising.length >= 0.8 * (bare.length - 1);
  const numbered = bareSections ? bare : dotted;
  const ignore = new Set(
    of('numbered')
      .filter((n) => !numbered.includes(n))
      .map(({ i }) => i),
  );
  const chapters = of('container').filter(({ m }) => m.word === 'الفصل');
  let keyword = distinct(articles) >= distinct(sections) ? articles : sections;
  const sectionWords = sections.filter(({ m }) => SECTION_WORD.test(m.word));
  // Sections are groupings where provisions are articles; their § are provisions all the same —
  // unless § is numbered anew within articles ("Art. 5º … § 1º … § 2º; Art. 7º … § 1º"): then each §
  // is a paragraph of its article.
  const paragraphs = sections.filter(({ m }) => m.word === '§');
  const restarts = paragraphs.filter(({ m }) => Number.parseInt(m.number, 10) === 1).length;
  const ownSections = sections.filter(
    (s) => !sectionWords.includes(s) && !(restarts >= 2 && paragraphs.includes(s)),
  );
  if (keyword === articles && articles.length)
    keyword = [...articles, ...ownSections].sort((a, b) => a.i - b.i);
  const resets = numbered.filter(
    ({ m }, k) => k > 0 && Number.parseInt(m.number, 10) <= Number.parseInt(numbered[k - 1].m.number, 10),
  ).length;
  // Keywords, unless bare numbers come first and far outnumber them (a stray "Article 3" in an Act).
  const k = distinct(keyword.filter(({ m }) => !m.quoted));
  const useKeyword =
    k > 0 &&
    (numbered.length === 0 ||
      keyword[0].i < numbered[0].i ||
      k * 2 >= distinct(numbered) ||
      (k >= 2 && resets > 0));
  let chosen: { m: Marker; i: number }[] = [];
  let family: Plan['family'] = 'none';
  let chapterIsArticle = false;
  if (zh.length) [chosen, family] = [zh, 'chinese'];
  else if (useKeyword) [chosen, family] = [keyword, keyword === sections ? 'section' : 'article'];
  else if (numbered.length) [chosen, family] = [numbered, 'numbered'];
  else if (chapters.length >= 3) [chosen, family, chapterIsArticle] = [chapters, 'article', true];
  if (chapterIsArticle)
    chosen = chosen.map(({ m, i }) => ({ m: { ...m, family: 'article', kind: 'article' }, i }));
  const own = ownStyle(chosen, lines);
  const style = own ? styleOf(own.m) : '';
  const mine = chosen.filter(({ m }) => styleOf(m) === style && m.rest);
  const provisions = new Set(chosen.map(({ i }) => i));
  const titled = mine.filter(
    ({ m, i }) => titleish(m.rest) && i + 1 < marks.length && !provisions.has(i + 1),
  );
  return {
    ignore,
    family,
    style,
    word: own?.m.word ?? '',
    sectionsAreGroupings: family === 'article' && !chapterIsArticle && sectionWords.length > 0,
    paragraphsInArticles: family === 'article' && restarts >= 2,
    titleLines: titled.length >= 2 && titled.length >= 0.6 * mine.length,
    chapterIsArticle,
  };
}

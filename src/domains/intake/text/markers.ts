/**
 * The markers drafters number provisions and groupings with, per language, and how to read their
 * numbers: `classify` reads one line and says what it could be — a grouping (Part, Chapter,
 * الباب, Раздел, Abschnitt…), an article or section (Article 5, Artículo primero, المادة الثانية
 * عشرة, Статья 272.1, § 202a, 第 339-3 條), a bare "14." or a heading such as "DISPOSICIONES
 * TRANSITORIAS". Whether it is taken as one is decided with the whole text in view (segment.ts).
 */
import { asciiDigits, chineseNumber, readArabicOrdinal, readWordNumber } from './ordinals.js';

export type Family =
  | 'container'
  | 'article'
  | 'section'
  | 'numbered'
  | 'chinese'
  | 'grouping'
  | 'schedule'
  | 'bare';
export type Marker = {
  family: Family;
  /** The kind of provision: part, chapter, division, article, section, hcontainer, schedule. */
  kind: string;
  /** Which level of grouping (a sub-section and a section are both divisions, at two levels). */
  level: string;
  /** The keyword as printed: ARTICULO, Artículo, Art., §, المادة. */
  word: string;
  /** The number as stored: digits for numbers written in words ("الثانية عشرة" → "12"). */
  number: string;
  roman: boolean;
  rest: string;
  /** Punctuation (". ", " – ", ":") between the number and the rest of the line. */
  sep: boolean;
  /** The line opens with a quote mark (“Artículo 128, «CHAPITRE II). */
  quoted: boolean;
  /** "Article 5 of the Convention…", "Section 14 is amended…": a reference, not a marker. */
  reference: boolean;
  /** The grouping a provision belongs to by its own marker (Disposición transitoria primera). */
  group?: string;
};

const KW = (s: string) => new RegExp(String.raw`^(${s})(?=[\s\d(.\-–—:]|$)`, 'iu');
const ARTICLE_WORDS = KW(
  String.raw`article|art[íi]culo|artigo|articolo|artikel|статья|стаття|المادة|مادة|pasal|ibara|điều|art\.|art(?=\s+\d)`,
);
const SECTION_WORDS = KW(String.raw`section|sect\.|sec\.|s\.(?=\s*\d)|§|มาตรา`);
/** English "Section" (a provision in English laws, a grouping where provisions are articles). */
export const SECTION_WORD = /^(section|sect\.|sec\.|s\.)$/i;
const CONTAINER_WORDS: [string, string, RegExp][] = [
  ['book', 'book', KW('book|livre|libro|livro|книга|buch|الكتاب|kitab')],
  ['part', 'part', KW('part|partie|parte|раздел|розділ|часть|teil|الباب|الجزء|sehemu')],
  ['title', 'title', KW('title|titre|t[íi]tulo|titolo|titel')],
  [
    'chapter',
    'chapter',
    KW('chapter|chapitre|cap[íi]tulo|capitolo|capo|глава|kapitel|الفصل|bab|sura|chương|หมวด'),
  ],
  [
    'division',
    'subdivision',
    KW('sous-section|subsecci[óo]n|subse[çc]?[çc][ãa]o|unterabschnitt|paragraphe|paragraf|p[áa]rrafo'),
  ],
  [
    'division',
    'division',
    KW('division|secci[óo]n|se[çc]?[çc][ãa]o|sezione|abschnitt|параграф|الفرع|القسم|bagian|mục'),
  ],
];
const GERMAN_GROUPS = /^(abschnitt|unterabschnitt|teil|titel|kapitel|buch)(?![\p{L}])\s*(.*)$/iu;
const GERMAN_KIND: Record<string, string> = {
  abschnitt: 'division',
  unterabschnitt: 'division',
  teil: 'part',
  titel: 'title',
  kapitel: 'chapter',
  buch: 'book',
};
const SCHEDULE =
  /^(schedules?|annex|annexe|anexo|anlage|приложение|الملحق|lampiran|jadwali|penjelasan)(?![\p{L}])(?:\s+(?:no\.?\s*)?([0-9IVXLC]+|[A-Z]))?\s*[.:\-–—]?\s*(.*)$/iu;
/** Headings of groupings without a number: transitional, final, additional provisions. */
const GROUPINGS: [string, RegExp][] = [
  [
    'transitional',
    /^(?:(?:art[íi]culos|disposici[óo]n(?:es)?(?:\s+complementari[ao]s?)?|dispositions?|disposi[çc](?:[õo]es|[ãa]o)|provisions?)\s+)?(?:transitori[ao]s?|transitoires?|transit[óo]ri[ao]s?)$|^(?:savings?\s+and\s+)?transitional(?:\s+and\s+(?:final|savings?))?\s+provisions$|^переходные(?:\s+и\s+заключительные)?\s+положения$|^(?:ال)?أحكام\s+(?:ال)?انتقالية$|^ketentuan\s+peralihan$|^übergangs(?:vorschriften|bestimmungen)$|^übergangs-\s+und\s+schluss(?:vorschriften|bestimmungen)$|^masharti\s+ya\s+mpito$/iu,
  ],
  [
    'final',
    /^(?:disposici[óo]n(?:es)?|dispositions?|disposi[çc](?:[õo]es|[ãa]o))\s+(?:complementari[ao]s?\s+)?(?:finales?|finais|final|diverses?(?:\s+et\s+finales)?)$|^(?:final|miscellaneous|concluding)\s+provisions$|^заключительные\s+положения$|^(?:ال)?أحكام\s+(?:ال)?ختامية$|^ketentuan\s+penutup$|^schluss(?:vorschriften|bestimmungen)$|^masharti\s+ya\s+mwisho$|^附[则則]$/iu,
  ],
  [
    'additional',
    /^(?:disposici[óo]n(?:es)?|disposi[çc](?:[õo]es|[ãa]o))\s+(?:adicional(?:es)?|complementari[ao]s?|complementares)$/iu,
  ],
  [
    'repeal',
    /^(?:disposici[óo]n(?:es)?|dispositions?)\s+(?:complementari[ao]s?\s+)?(?:derogatori[ao]s?|abrogatoires?)$|^repeals?(?:\s+and\s+savings?)?$/iu,
  ],
  ['amending', /^disposici[óo]n(?:es)?\s+(?:complementari[ao]s?\s+)?modificatori[ao]s?$/iu],
];
const DISPOSITION = /^disposici[óo]n\s+(transitoria|adicional|final|derogatoria)\s+(.+)$/iu;
const DISPOSITION_GROUP: Record<string, string> = {
  transitoria: 'transitional',
  adicional: 'additional',
  final: 'final',
  derogatoria: 'repeal',
};
const OPEN_QUOTE = /^[“”«»"'‘’„‹›]\s*/u;
const SEP = /^(?:\s*[)\]])?(?:\s*[º°ª])?\.?\s*(?:[-—–:.]+\s*)*/u;
const LATIN = /^[\s-]?(bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies)(?![\p{L}\d])/iu;
const CHINESE =
  /^第\s*([一二三四五六七八九十百千零〇两兩\d]+(?:\s*-\s*\d+)*)\s*(编|編|章|节|節|条|條)(?:\s*之\s*([一二三四五六七八九十\d]+))?\s*(.*)$/u;
const CHINESE_KIND: Record<string, string> = {
  编: 'part',
  編: 'part',
  章: 'chapter',
  节: 'division',
  節: 'division',
  条: 'article',
  條: 'article',
};

/** The number at the start of `s` (digits, Roman numerals or words), as stored, and its length. */
export function readNumber(s: string): { number: string; roman: boolean; length: number } | null {
  // "Article L. 34-1", "Art. R. 10-13": a French code's part before the number.
  const paren = /^(?:\(|[LRDA]\.?\s?(?=\d))\s*/u.exec(s)?.[0] ?? '';
  const t = s.slice(paren.length);
  let m = /^[0-9٠-٩۰-۹๐-๙]+/u.exec(t);
  if (m) {
    let at = m[0].length;
    let number = m[0];
    const step = (re: RegExp, keep = true) => {
      const x = re.exec(t.slice(at));
      if (!x) return false;
      at += x[0].length;
      if (keep) number += x[0];
      return true;
    };
    step(/^(?:\.?\s?[º°ª]|o(?=\.)|(?:er|re)(?![\p{L}\d]))/u, false);
    step(/^[A-Za-z]{1,2}(?![\p{L}\d])/u);
    while (step(/^[.\-–/](?:[0-9٠-٩]+[A-Za-z]?(?![\p{L}])|[A-Z](?![\p{L}\d]))/u)) step(/^\s?[º°ª]/u, false);
    const latin = LATIN.exec(t.slice(at));
    if (latin) {
      at += latin[0].length;
      number += ` ${latin[1].toLowerCase()}`;
    }
    const bis = /^\s*مكرر(?:اً|ا|ً)?/u.exec(t.slice(at));
    if (bis) {
      at += bis[0].length;
      number += ' مكرر';
    }
    const code = /^[LRDA]/.test(paren) ? paren[0] : '';
    return { number: code + asciiDigits(number).replace('–', '-'), roman: false, length: paren.length + at };
  }
  m = /^([IVXLCDM]+)(?:er|re)?(?![\p{L}\d])/u.exec(t);
  if (m) {
    const latin = LATIN.exec(t.slice(m[0].length));
    const number = latin ? `${m[1]} ${latin[1].toLowerCase()}` : m[1];
    return { number, roman: true, length: paren.length + m[0].length + (latin?.[0].length ?? 0) };
  }
  const preliminary = /^(?:preliminary|preliminar|préliminaire|preliminare)(?![\p{L}])/iu.exec(t);
  if (preliminary)
    return { number: 'preliminary', roman: false, length: paren.length + preliminary[0].length };
  const word = readArabicOrdinal(t) ?? readWordNumber(t);
  if (word) return { number: String(word.value), roman: false, length: paren.length + word.length };
  return null;
}

/**
 * "…paragraph 1(1) of the / First Schedule. [Act 16 of 2023]": a line wrapped on the page (a PDF, a
 * scan) that finishes the sentence of the line before it — which ends on a lower-case word — by
 * naming a schedule (`word`, not in capitals), then goes on: a note in brackets, "; and", ", or",
 * a lower-case word. A schedule's heading ("Schedule 1. Repealed Acts", "SCHEDULE 2, PART 1") does not.
 */
export function finishesSentence(previous: string, line: string, word: string): boolean {
  if (!/\p{Ll}$/u.test(previous) || word === word.toUpperCase()) return false;
  const at = line.toLowerCase().indexOf(word.toLowerCase());
  const after = at < 0 ? '' : line.slice(at + word.length);
  return /^\s*(?:no\.?\s*)?(?:[0-9IVXLC]+|[A-Z])?\s*(?:[.;,]\s*[[(\p{Ll}]|\s\p{Ll})/u.test(after);
}

/** An ordinal before a keyword: "Fünfzehnter Abschnitt", "1. Abschnitt", "FIRST SCHEDULE". */
function ordinalThen(line: string, re: RegExp): { number: string; m: RegExpExecArray } | null {
  const digits = /^(\d+)\.\s+/.exec(line);
  const word = digits ? { value: Number(digits[1]), length: digits[0].length } : readWordNumber(line);
  const m = word && re.exec(line.slice(word.length).trimStart());
  return m ? { number: String(word.value), m } : null;
}

/** Keyword, number, punctuation and the rest of the line, or null when `line` does not open so. */
function keyworded(line: string, words: RegExp) {
  const kw = words.exec(line);
  if (!kw || /^\p{Ll}/u.test(kw[1])) return null;
  const after = line.slice(kw[0].length);
  const filler = /^[\s.]*(?:(?:n[°ºo]\.?|no\.|núm\.|nr\.|رقم|ya)\s*)?/iu.exec(after)![0];
  const num = readNumber(after.slice(filler.length));
  if (!num) return null;
  let tail = after.slice(filler.length + num.length);
  // "Artículo primero transitorio.-": an article of the transitional provisions.
  const transitional = /^\s+transitori[oa](?![\p{L}])/iu.exec(tail);
  if (transitional) tail = tail.slice(transitional[0].length);
  const sep = SEP.exec(tail)![0];
  const rest = tail.slice(sep.length).trim();
  const punct = /[^\s)\]]/.test(sep);
  const reference = !punct && /^(?:\p{Ll}|[,;]|(?:من|في|على|إلى|الى|و)(?:\s|$))/u.test(rest);
  const group = transitional ? 'transitional' : undefined;
  return { word: kw[1], number: num.number, roman: num.roman, rest, sep: punct, reference, group };
}

const bareKind = (family: Family, kind: string, line: string, number: string, quoted: boolean): Marker => ({
  family,
  kind,
  level: kind,
  word: '',
  number,
  roman: false,
  rest: line,
  sep: true,
  quoted,
  reference: false,
});

/** What `line` could be, read on its own; null for a line of text. */
export function classify(raw: string): Marker | null {
  const q = OPEN_QUOTE.exec(raw);
  const line = q ? raw.slice(q[0].length) : raw;
  const quoted = !!q;
  const zh = CHINESE.exec(line);
  if (zh) {
    const n = /\d/.test(zh[1]) ? zh[1].replace(/\s+/g, '') : String(chineseNumber(zh[1]));
    const number = zh[3] ? `${n}-${/\d/.test(zh[3]) ? zh[3] : chineseNumber(zh[3])}` : n;
    // "第三百五十八條至第三百六十條之罪…" opens a sentence that refers to articles.
    const reference = /^(?:至|及|、|或|和|與|与|之|規定|规定|所|第|前|後|后|中|內|内|以)/u.test(zh[4]);
    return {
      ...bareKind('chinese', CHINESE_KIND[zh[2]], zh[4], number, quoted),
      word: zh[2],
      sep: false,
      reference,
    };
  }
  for (const [kind, level, re] of CONTAINER_WORDS) {
    const k = keyworded(line, re);
    if (k) return { family: 'container', kind, level, ...k, quoted };
  }
  const german = ordinalThen(line, GERMAN_GROUPS);
  if (german) {
    const word = german.m[1].toLowerCase();
    const kind = GERMAN_KIND[word];
    const level = word === 'unterabschnitt' ? 'subdivision' : kind;
    const rest = german.m[2].replace(/^[-–—:.\s]+/, '');
    return { ...bareKind('container', kind, rest, german.number, quoted), level, word: german.m[1] };
  }
  for (const [family, re] of [
    ['article', ARTICLE_WORDS],
    ['section', SECTION_WORDS],
  ] as const) {
    const k = keyworded(line, re);
    if (k) return { family, kind: family, level: family, ...k, quoted };
  }
  const numbered = /^(\d+[A-Z]{0,2})\.(?!\d)\s*(.*)$/u.exec(line);
  if (numbered)
    return bareKind('numbered', 'section', numbered[2].replace(/^[-—–]+\s*(?=\()/u, ''), numbered[1], quoted);
  // "1 Unauthorised access to computer material" (as legislation.gov.uk prints sections): taken
  // only where the law numbers all its sections so (plan.ts).
  const bareNumber = /^(\d{1,3}[A-Z]{0,2})\s+(\p{Lu}.{2,120})$/u.exec(line);
  if (bareNumber && !/[.:;,]$/.test(bareNumber[2]))
    return { ...bareKind('numbered', 'section', bareNumber[2], bareNumber[1], quoted), sep: false };
  const heading = line.replace(/[.:]$/, '').trim();
  const grouping = GROUPINGS.find(([, re]) => re.test(heading));
  if (grouping) return { ...bareKind('grouping', 'hcontainer', heading, '', quoted), word: grouping[0] };
  const schedule = SCHEDULE.exec(line) ?? ordinalThen(line, SCHEDULE)?.m;
  if (schedule && /^\p{Lu}/u.test(line) && !/^\p{Ll}/u.test(schedule[3]) && schedule[3].length < 120) {
    const number = schedule[2] ?? ordinalThen(line, SCHEDULE)?.number ?? '';
    return { ...bareKind('schedule', 'schedule', schedule[3], number, quoted), word: schedule[1] };
  }
  const disposition = DISPOSITION.exec(line);
  const dn = disposition && readNumber(disposition[2]);
  if (disposition && dn) {
    // "Disposición transitoria primera. Heading": an article of the transitional provisions.
    const rest = disposition[2].slice(dn.length).replace(SEP, '');
    return {
      ...bareKind('bare', 'article', rest, dn.number, quoted),
      group: DISPOSITION_GROUP[disposition[1].toLowerCase()],
    };
  }
  const bare = /^\p{Lu}/u.test(line) && readWordNumber(line);
  if (bare) {
    const tail = /^\s*(?:\.-|\.—|\.–|\.|-|–|—|:)\s*(.*)$/u.exec(line.slice(bare.length));
    if (tail) return bareKind('bare', 'article', tail[1], String(bare.value), quoted);
  }
  return null;
}

/** Subdivisions of a section, by the style of their number; how they nest is learnt per section. */
export const SUBDIVISIONS: [string, RegExp][] = [
  ['roman', /^\(((?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv))\)\s*(.*)$/u],
  ['num', /^(?:subsection\s*)?\((\d+[A-Za-z]?)\)\s*(.*)$/iu],
  ['alpha', /^(?:(?:paragraph|item|PARAGRAPH|ITEM)\s*)?\(([a-z]{1,2})\)\s*(.*)$/u],
  ['ALPHA', /^\(([A-Z]{1,2})\)\s*(.*)$/u],
  ['alpha', /^([a-z])\)\s+(.*)$/u],
];
export const NUMBERED_SUB = /^(\d+)(?:[.)]|\s?[—–-])\s+(.*)$/u;
export const SUB_KINDS = ['subsection', 'paragraph', 'subparagraph', 'clause', 'subclause', 'item'];
export const ARRANGEMENT =
  /^(arrangement of (sections|clauses|articles)|table of contents|contents|índice|sommaire|table des matières|sumário|содержание|الفهرس|فهرس|目录|目錄|inhaltsübersicht|daftar isi)$/iu;

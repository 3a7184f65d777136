/**
 * Splits the text of a law into provisions by the markers drafters use, in English, French,
 * Spanish, Portuguese, Russian, Arabic and Chinese: parts, titles and chapters; sections and
 * articles (`Section 14`, `14.`, `Article 2`, `Artículo 5`, `Art. 3º`, `Статья 272`, `المادة 5`,
 * `第二百八十五条`); subsections `(1)`, paragraphs `(a)`, `a)` and subparagraphs `(i)`.
 * The result is a proposal: the editor corrects it in the preview before it is saved.
 */
import type { ProvisionInput } from '../../legislation/input.js';
import { normaliseEid } from '../akn/parse.js';

type Node = {
  kind: string;
  rank: number;
  number: string;
  heading: string;
  lines: string[];
  children: Node[];
  eid: string;
  style?: string;
  levels?: string[];
};

const DIGITS = String.raw`[0-9٠-٩]+[A-Za-z]?(?:[.\-/][0-9]+[A-Za-z]?)*`;
const ORDINALS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|preliminary|premier|première|deuxième|troisième|primero|segundo|tercero|cuarto|quinto|único|unico|preliminar|primeiro|terceiro';
/** A container's number: digits, Roman numerals, an ordinal word, or an Arabic word (الأول). */
const CNUM = String.raw`(${DIGITS}|[IVXLCDM]+\b|(?:${ORDINALS})\b|[\u0600-\u06FF]+)`;
/** An article's number: digits, or an Arabic ordinal word (المادة الأولى). */
const ANUM = String.raw`(${DIGITS}|[\u0600-\u06FF]+)`;
const SEP = String.raw`(?:\s*[º°ª])?\.?\s*(?:[-—–:.]+\s*)*`;
/** Containers (part, title, chapter, …): their order of first appearance sets how they nest. */
const CONTAINERS: [string, RegExp][] = [
  ['book', new RegExp(String.raw`^(?:book|livre|libro|livro|книга)\s+${CNUM}${SEP}(.*)$`, 'iu')],
  ['part', new RegExp(String.raw`^(?:part|partie|parte|раздел|الباب)\s+${CNUM}${SEP}(.*)$`, 'iu')],
  ['title', new RegExp(String.raw`^(?:title|titre|t[íi]tulo)\s+${CNUM}${SEP}(.*)$`, 'iu')],
  [
    'chapter',
    new RegExp(String.raw`^(?:chapter|chapitre|cap[íi]tulo|глава|الفصل)\s+${CNUM}${SEP}(.*)$`, 'iu'),
  ],
  [
    'division',
    new RegExp(String.raw`^(?:division|secci[óo]n|sec[çc][ãa]o|параграф|القسم)\s+${CNUM}${SEP}(.*)$`, 'iu'),
  ],
];
const ARTICLE = new RegExp(
  String.raw`^(?:(?:article|art[íi]culo|artigo|articolo|artikel|статья|المادة|مادة)\s+|art\.\s*|ст\.\s*)\(?${ANUM}\)?${SEP}(.*)$`,
  'iu',
);
const SECTION = new RegExp(String.raw`^(?:section\s+|sec\.\s*|s\.\s*|§\s*)${ANUM}${SEP}(.*)$`, 'iu');
const NUMBERED = /^(\d+[A-Z]?)\.\s*(.*)$/u;
/** Subdivisions of a section, by the style of their number; how they nest is learnt per section. */
const SUBDIVISIONS: [string, RegExp][] = [
  ['roman', /^\(((?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv))\)\s*(.*)$/u],
  ['num', /^(?:subsection\s*)?\((\d+[A-Za-z]?)\)\s*(.*)$/iu],
  ['alpha', /^(?:(?:paragraph|item|PARAGRAPH|ITEM)\s*)?\(([a-z]{1,2})\)\s*(.*)$/u],
  ['ALPHA', /^\(([A-Z]{1,2})\)\s*(.*)$/u],
  ['alpha', /^([a-z])\)\s+(.*)$/u],
];
const NUMBERED_SUB = /^(\d+)[.)]\s+(.*)$/u;
const SUB_KINDS = ['subsection', 'paragraph', 'subparagraph', 'clause', 'subclause', 'item'];
const CHINESE = /^第([一二三四五六七八九十百千零〇两\d]+)(编|章|节|条)\s*(.*)$/u;
const CHINESE_KIND: Record<string, string> = { 编: 'part', 章: 'chapter', 节: 'division', 条: 'article' };
const ARRANGEMENT =
  /^(arrangement of (sections|clauses|articles)|table of contents|contents|índice|sommaire|table des matières|sumário|содержание|الفهرس|فهرس|目录)$/iu;
const SECTION_RANK = 100;

/** Chinese numerals to a number (二百八十五 → 285). */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const digits: Record<string, number> = {
    零: 0,
    〇: 0,
    一: 1,
    二: 2,
    两: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  };
  const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in digits) digit = digits[ch];
    else if (ch in units) {
      total += (digit || 1) * units[ch];
      digit = 0;
    }
  }
  return total + digit;
}

const arabicDigits = (s: string) => s.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
const ABBREV: Record<string, string> = {
  book: 'book',
  part: 'part',
  title: 'title',
  chapter: 'chp',
  division: 'dvs',
  section: 'sec',
  article: 'art',
  subsection: 'subsec',
  paragraph: 'para',
  subparagraph: 'subpara',
  clause: 'clause',
  subclause: 'subclause',
  preamble: 'preamble',
};

/** A heading is short and does not read as a sentence. */
const looksLikeHeading = (s: string) =>
  s.length > 0 &&
  s.length <= 100 &&
  s.split(/\s+/).length <= 14 &&
  !/[;,:—–-]$/.test(s) &&
  !/^\p{Ll}/u.test(s) &&
  (!/\.$/.test(s) || s.split(/\s+/).length <= 8);
/** "Acceso abusivo. El que…": a short first sentence before the text is the heading. */
const HEADING_THEN_TEXT = /^([^.;:]{3,90}?)\s*[.:]\s*[-—–]?\s*(\p{Lu}.*)$/u;

export type Segmented = { provisions: ProvisionInput[]; warnings: string[] };

export function segmentText(text: string): Segmented {
  const warnings: string[] = [];
  let lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) =>
      l
        .replace(/[\s\u00A0]+/g, ' ')
        .trim()
        .replace(/^(?:\\|#{1,6}\s+)/, '')
        .trim(),
    )
    .filter((l) => l && !/^\d+$/.test(l) && !/^(page|página|page)\s+\d+(\s+(of|de|sur)\s+\d+)?$/i.test(l));
  lines = dropArrangement(joinWrapped(lines), warnings);
  const keywords = lines.some((l) => ARTICLE.test(l) || SECTION.test(l) || CHINESE.test(l));
  const containerRank = new Map<string, number>();
  const top: Node[] = [];
  const stack: Node[] = [];
  let preamble: Node | null = null;
  let pendingHeading = false;

  const open = (kind: string, rank: number, number: string, rest: string) => {
    while (stack.length && stack.at(-1)!.rank >= rank) stack.pop();
    const parent = stack.at(-1);
    const siblings = parent ? parent.children : top;
    // A heading repeated in the text (e.g. at the top of every page or chunk) continues the same provision.
    const again =
      rank <= SECTION_RANK &&
      siblings.find(
        (n) => n.kind === kind && n.number === number && (!rest || n.heading === rest.replace(/\.$/, '')),
      );
    if (again) {
      stack.push(again);
      pendingHeading = false;
      return again;
    }
    const node: Node = { kind, rank, number, heading: '', lines: [], children: [], eid: '' };
    if (rest) {
      if (rank < SECTION_RANK || looksLikeHeading(rest)) node.heading = rest.replace(/\.$/, '');
      else node.lines.push(rest);
    }
    siblings.push(node);
    stack.push(node);
    pendingHeading = !rest && rank <= SECTION_RANK;
    return node;
  };

  for (const line of lines) {
    const current = stack.at(-1);
    const container = CONTAINERS.find(([, re]) => re.test(line));
    const zh = CHINESE.exec(line);
    if (zh) {
      const kind = CHINESE_KIND[zh[2]];
      if (kind !== 'article') open(kind, rankOf(containerRank, kind), zh[1], zh[3]);
      else {
        const node = open('article', SECTION_RANK, zh[1], '');
        const bracket = /^【(.+?)】\s*(.*)$/u.exec(zh[3]);
        if (bracket) node.heading = bracket[1];
        const body = bracket ? bracket[2] : zh[3];
        if (body) node.lines.push(body);
        pendingHeading = false;
      }
      continue;
    }
    if (container) {
      const m = container[1].exec(line)!;
      open(container[0], rankOf(containerRank, container[0]), m[1], m[2]);
      continue;
    }
    const article = ARTICLE.exec(line) ?? SECTION.exec(line);
    if (article) {
      const kind = ARTICLE.test(line) ? 'article' : 'section';
      const node = open(kind, SECTION_RANK, arabicDigits(article[1]), '');
      startBody(article[2], node);
      continue;
    }
    const numbered = !keywords && NUMBERED.exec(line);
    if (numbered) {
      // "Unauthorised access" on the line before "14. (1) A person who…" is the section's heading.
      const previous = current?.lines.at(-1);
      const heading =
        previous && looksLikeHeading(previous) && !/\.$/.test(previous) && /^\p{Lu}/u.test(previous)
          ? current!.lines.pop()!
          : '';
      const node = open('section', SECTION_RANK, numbered[1], '');
      if (heading) node.heading = heading;
      startBody(numbered[2], node);
      continue;
    }
    if (subdivide(line)) continue;
    if (pendingHeading && current && !current.heading && looksLikeHeading(line) && !/\.$/.test(line)) {
      current.heading = line;
      pendingHeading = false;
      continue;
    }
    pendingHeading = false;
    if (current) current.lines.push(line);
    else
      (preamble ??=
        (top.push({ kind: 'preamble', rank: 0, number: '', heading: '', lines: [], children: [], eid: '' }),
        top.at(-1)!)).lines.push(line);
  }

  /** The rest of a section's first line: a heading, or text that may open with "(1)". */
  function startBody(rest: string, node: Node) {
    pendingHeading = !rest && !node.heading;
    if (!rest || rest.replace(/\.$/, '') === node.heading || subdivide(rest)) return;
    const split = HEADING_THEN_TEXT.exec(rest);
    if (!node.heading && looksLikeHeading(rest) && !/^\(/.test(rest)) node.heading = rest.replace(/\.$/, '');
    else if (!node.heading && split && split[1].split(/\s+/).length <= 10) {
      node.heading = split[1];
      node.lines.push(split[2]);
    } else node.lines.push(rest);
  }

  /**
   * Subsections, paragraphs and below inside a section or article. The first style of number seen
   * in a section is its first level — (1) then (a) then (i) in Commonwealth laws, (a) then (1)
   * then (A) in the US Code. "(i)" after "(h)" is a letter.
   */
  function subdivide(line: string): boolean {
    const section = stack.findLast((n) => n.rank === SECTION_RANK);
    if (!section) return false;
    let found: [string, RegExpExecArray] | undefined;
    for (const [style, re] of SUBDIVISIONS) {
      const m = re.exec(line);
      if (!m) continue;
      if (style === 'roman') {
        const letter = stack.findLast((n) => n.style === 'alpha' && n.rank > SECTION_RANK);
        const follows =
          letter &&
          letter.number.length === 1 &&
          String.fromCharCode(letter.number.charCodeAt(0) + 1) === m[1];
        if (follows || !stack.some((n) => n.rank > SECTION_RANK)) continue;
      }
      found = [style, m];
      break;
    }
    if (!found && keywords) {
      const m = NUMBERED_SUB.exec(line);
      if (m) found = ['num', m];
    }
    if (!found) return false;
    const [style, m] = found;
    const levels = (section.levels ??= []);
    if (!levels.includes(style)) levels.push(style);
    const depth = levels.indexOf(style);
    open(SUB_KINDS[depth] ?? 'item', SECTION_RANK + 1 + depth, m[1], '').style = style;
    push(m[2]);
    return true;
  }

  function push(rest: string) {
    pendingHeading = false;
    if (rest && !subdivide(rest)) stack.at(-1)!.lines.push(rest);
  }

  const used = new Set<string>();
  const toInput = (nodes: Node[], parent: string | null): ProvisionInput[] =>
    nodes.map((n, i) => {
      const num =
        n.kind === 'preamble'
          ? ''
          : /[一二三四五六七八九十百千零〇两]/.test(n.number)
            ? String(chineseNumber(n.number))
            : arabicDigits(n.number);
      const own = `${ABBREV[n.kind] ?? n.kind}_${/[a-z0-9]/i.test(num) ? num : i + 1}`;
      const nested = n.rank > SECTION_RANK && parent ? `${parent}__${own}` : own;
      const base = normaliseEid(n.kind === 'preamble' ? 'preamble' : nested, n.kind);
      let eid = base;
      for (let k = 2; used.has(eid); k++) eid = `${base}_${k}`;
      if (eid !== base && n.rank === SECTION_RANK)
        warnings.push(`${n.kind} ${n.number} appears more than once`);
      used.add(eid);
      const text = n.lines.join('\n');
      const children = toInput(n.children, eid);
      return {
        eid,
        kind: n.kind,
        ...(n.number && { number: n.number }),
        ...(n.heading && { heading: n.heading }),
        ...(text && { text }),
        ...(children.length && { children }),
      };
    });
  const provisions = toInput(top, null);
  if (!top.some((n) => n.kind !== 'preamble'))
    warnings.push(
      'no article or section markers were recognised: the text is one provision; divide it in the preview',
    );
  return { provisions, warnings };
}

/** A line that goes on in lower case after a line without closing punctuation is the same paragraph, wrapped (as in PDFs). */
function joinWrapped(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const prev = out.at(-1);
    if (prev && /^\p{Ll}/u.test(l) && !/[.;:—–\-)]$/.test(prev) && !/^\(?[a-z]{1,4}[).]/.test(l))
      out[out.length - 1] = `${prev} ${l}`;
    else out.push(l);
  }
  return out;
}

function rankOf(ranks: Map<string, number>, kind: string): number {
  if (!ranks.has(kind)) ranks.set(kind, ranks.size + 1);
  return ranks.get(kind)!;
}

/**
 * A table of contents ("Arrangement of sections") repeats the markers of the body; it is dropped,
 * from its heading to where the first entry appears again.
 */
function dropArrangement(lines: string[], warnings: string[]): string[] {
  const start = lines.findIndex((l) => ARRANGEMENT.test(l));
  if (start < 0) return lines;
  const firstMarker = lines.findIndex(
    (l, i) => i > start && (NUMBERED.test(l) || ARTICLE.test(l) || SECTION.test(l)),
  );
  if (firstMarker < 0) return lines;
  const key = (l: string) => (NUMBERED.exec(l) ?? ARTICLE.exec(l) ?? SECTION.exec(l))?.[1];
  const again = lines.findIndex(
    (l, i) =>
      i > firstMarker + 1 &&
      key(l) === key(lines[firstMarker]) &&
      (ARTICLE.test(l) || SECTION.test(l) || NUMBERED.test(l)),
  );
  if (again < 0) return lines;
  // Keep the heading of the body's first container if it sits just before the first provision.
  let end = again;
  while (end > firstMarker && CONTAINERS.some(([, re]) => re.test(lines[end - 1]))) end--;
  warnings.push(`a table of contents (${again - start} lines) was left out`);
  return [...lines.slice(0, start), ...lines.slice(end)];
}

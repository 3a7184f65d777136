/**
 * Splits the text of a law into provisions by the markers drafters use, in English, French,
 * Spanish, Portuguese, Russian, Arabic and Chinese: parts, titles and chapters; sections and
 * articles (`Section 14`, `14.`, `Article 2`, `Artículo 5`, `Art. 3º`, `Статья 272`, `المادة 5`,
 * `第二百八十五条`); subsections `(1)`, paragraphs `(a)`, `a)` and subparagraphs `(i)`.
 * The result is a proposal: the editor corrects it in the preview before it is saved.
 */
import type { ProvisionInput } from '../../legislation/input.js';
import { normaliseEid } from '../akn/provisions.js';
import {
  ARRANGEMENT,
  ARTICLE,
  arabicDigits,
  CHINESE,
  CHINESE_KIND,
  CONTAINERS,
  chineseNumber,
  NUMBERED,
  NUMBERED_SUB,
  SECTION,
  SUB_KINDS,
  SUBDIVISIONS,
} from './markers.js';

export { chineseNumber } from './markers.js';

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

const SECTION_RANK = 100;
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

/** The provisions of a law's text, with warnings for what the editor should check. */
export function segmentText(text: string): Segmented {
  const warnings: string[] = [];
  const lines = dropArrangement(joinWrapped(cleanLines(text)), warnings);
  const tree = new ProvisionTree(lines.some((l) => ARTICLE.test(l) || SECTION.test(l) || CHINESE.test(l)));
  for (const line of lines) tree.read(line);
  const provisions = toProvisions(tree.top, warnings);
  if (!tree.top.some((n) => n.kind !== 'preamble'))
    warnings.push(
      'no article or section markers were recognised: the text is one provision; divide it in the preview',
    );
  return { provisions, warnings };
}

/** The lines of a text, whitespace collapsed, Markdown markers and bare page numbers dropped. */
function cleanLines(text: string): string[] {
  return text
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
}

/**
 * The provisions as the lines are read one by one: the open ones from the outermost in, the rank
 * of each kind of container, and whether the next line may be the heading of the last opened.
 */
class ProvisionTree {
  readonly top: Node[] = [];
  private readonly stack: Node[] = [];
  private readonly containerRank = new Map<string, number>();
  private preamble: Node | null = null;
  private pendingHeading = false;

  /** keywords: the text numbers its provisions with words (Article, Section, 第…条), not bare "14." */
  constructor(private readonly keywords: boolean) {}

  read(line: string): void {
    const current = this.stack.at(-1);
    if (
      this.readChinese(line) ||
      this.readContainer(line) ||
      this.readArticle(line) ||
      this.readNumbered(line, current) ||
      this.subdivide(line)
    )
      return;
    if (this.pendingHeading && current && !current.heading && looksLikeHeading(line) && !/\.$/.test(line)) {
      current.heading = line;
      this.pendingHeading = false;
      return;
    }
    this.pendingHeading = false;
    if (current) current.lines.push(line);
    else this.addToPreamble(line);
  }

  /** Text before the first provision. */
  private addToPreamble(line: string) {
    if (!this.preamble) {
      this.preamble = {
        kind: 'preamble',
        rank: 0,
        number: '',
        heading: '',
        lines: [],
        children: [],
        eid: '',
      };
      this.top.push(this.preamble);
    }
    this.preamble.lines.push(line);
  }

  private open(kind: string, rank: number, number: string, rest: string): Node {
    const stack = this.stack;
    while (stack.length && stack.at(-1)!.rank >= rank) stack.pop();
    const parent = stack.at(-1);
    const siblings = parent ? parent.children : this.top;
    // A heading repeated in the text (e.g. at the top of every page or chunk) continues the same provision.
    const again =
      rank <= SECTION_RANK &&
      siblings.find(
        (n) => n.kind === kind && n.number === number && (!rest || n.heading === rest.replace(/\.$/, '')),
      );
    if (again) {
      stack.push(again);
      this.pendingHeading = false;
      return again;
    }
    const node: Node = { kind, rank, number, heading: '', lines: [], children: [], eid: '' };
    if (rest) {
      if (rank < SECTION_RANK || looksLikeHeading(rest)) node.heading = rest.replace(/\.$/, '');
      else node.lines.push(rest);
    }
    siblings.push(node);
    stack.push(node);
    this.pendingHeading = !rest && rank <= SECTION_RANK;
    return node;
  }

  /** 第一章 (a container) or 第二条【heading】text (an article). */
  private readChinese(line: string): boolean {
    const zh = CHINESE.exec(line);
    if (!zh) return false;
    const kind = CHINESE_KIND[zh[2]];
    if (kind !== 'article') this.open(kind, rankOf(this.containerRank, kind), zh[1], zh[3]);
    else {
      const node = this.open('article', SECTION_RANK, zh[1], '');
      const bracket = /^【(.+?)】\s*(.*)$/u.exec(zh[3]);
      if (bracket) node.heading = bracket[1];
      const body = bracket ? bracket[2] : zh[3];
      if (body) node.lines.push(body);
      this.pendingHeading = false;
    }
    return true;
  }

  private readContainer(line: string): boolean {
    const container = CONTAINERS.find(([, re]) => re.test(line));
    if (!container) return false;
    const m = container[1].exec(line)!;
    this.open(container[0], rankOf(this.containerRank, container[0]), m[1], m[2]);
    return true;
  }

  private readArticle(line: string): boolean {
    const article = ARTICLE.exec(line) ?? SECTION.exec(line);
    if (!article) return false;
    const kind = ARTICLE.test(line) ? 'article' : 'section';
    const node = this.open(kind, SECTION_RANK, arabicDigits(article[1]), '');
    this.startBody(article[2], node);
    return true;
  }

  /** "14. …" as a section, where the text has no article or section keywords. */
  private readNumbered(line: string, current: Node | undefined): boolean {
    const numbered = !this.keywords && NUMBERED.exec(line);
    if (!numbered) return false;
    // "Unauthorised access" on the line before "14. (1) A person who…" is the section's heading.
    const previous = current?.lines.at(-1);
    const heading =
      previous && looksLikeHeading(previous) && !/\.$/.test(previous) && /^\p{Lu}/u.test(previous)
        ? current!.lines.pop()!
        : '';
    const node = this.open('section', SECTION_RANK, numbered[1], '');
    if (heading) node.heading = heading;
    this.startBody(numbered[2], node);
    return true;
  }

  /** The rest of a section's first line: a heading, or text that may open with "(1)". */
  private startBody(rest: string, node: Node) {
    this.pendingHeading = !rest && !node.heading;
    if (!rest || rest.replace(/\.$/, '') === node.heading || this.subdivide(rest)) return;
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
  private subdivide(line: string): boolean {
    const stack = this.stack;
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
    if (!found && this.keywords) {
      const m = NUMBERED_SUB.exec(line);
      if (m) found = ['num', m];
    }
    if (!found) return false;
    const [style, m] = found;
    const levels = (section.levels ??= []);
    if (!levels.includes(style)) levels.push(style);
    const depth = levels.indexOf(style);
    this.open(SUB_KINDS[depth] ?? 'item', SECTION_RANK + 1 + depth, m[1], '').style = style;
    this.push(m[2]);
    return true;
  }

  private push(rest: string) {
    this.pendingHeading = false;
    if (rest && !this.subdivide(rest)) this.stack.at(-1)!.lines.push(rest);
  }
}

/** The tree as provisions, each with an eId made from its kind and number (a repeated section is warned of). */
function toProvisions(top: Node[], warnings: string[]): ProvisionInput[] {
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
  return toInput(top, null);
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

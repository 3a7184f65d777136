/**
 * Splits the text of a law into provisions by the markers drafters use (markers.ts): parts,
 * titles, chapters and sections as groupings; articles and sections (`Section 14`, `14.`,
 * `Article 2`, `Artículo primero`, `Art. 3º-A`, `Статья 272.1`, `§ 202a`, `المادة الثانية عشرة`,
 * `第 339-3 條`); subsections `(1)`, paragraphs `(a)`, `a)` and subparagraphs `(i)`. How the law
 * numbers its own provisions is read first (plan.ts), so that an article quoted inside an amending
 * article stays in it. The result is a proposal: the editor corrects it in the preview before it
 * is saved, warned of what to check.
 */
import type { ProvisionInput } from '../../legislation/input.js';
import { textLines } from './lines.js';
import { classify, finishesSentence, type Marker, NUMBERED_SUB, SUB_KINDS, SUBDIVISIONS } from './markers.js';
import { Notes } from './notes.js';
import { type Plan, planText, styleOf, titleish } from './plan.js';
import {
  ANNOUNCES,
  CLOSING_QUOTE,
  follows,
  HEADING_THEN_TEXT,
  headingAbove,
  lastLine,
  looksLikeHeading,
  OPENING_QUOTE,
  QUOTED_TERM,
} from './reading.js';
import { type Node, SECTION_RANK, toProvisions } from './tree.js';

export { chineseNumber } from './ordinals.js';

export type Segmented = { provisions: ProvisionInput[]; warnings: string[] };

/** The provisions of a law's text, with warnings for what the editor should check. */
export function segmentText(text: string): Segmented {
  const warnings: string[] = [];
  const lines = textLines(text, warnings);
  const marks = lines.map(classify);
  const plan = planText(marks, lines);
  const tree = new ProvisionTree(plan);
  lines.forEach((line, i) => {
    tree.read(line, plan.ignore.has(i) ? null : marks[i]);
  });
  tree.finish();
  const provisions = toProvisions(tree.top, warnings);
  warnings.push(...tree.notes.list());
  if (!tree.top.some((n) => n.kind !== 'preamble'))
    warnings.push(
      'no article or section markers were recognised: the text is one provision; divide it in the preview',
    );
  return { provisions, warnings };
}

/**
 * The provisions as the lines are read one by one: the open ones from the outermost in, the rank
 * of each level of grouping, whether the next line may be the heading of the last opened, and an
 * article holding quoted text.
 */
class ProvisionTree {
  readonly top: Node[] = [];
  private readonly stack: Node[] = [];
  private readonly containerRank = new Map<string, number>();
  private preamble: Node | null = null;
  private pendingHeading = false;
  /** The provision that holds the quoted text being read (replacement articles of an amending law). */
  private quoting: Node | null = null;
  private quotedByMark = false;
  private lastText = '';
  /** The law's own last article, and the one whose text announces inserted articles. */
  private lastOwn: Node | null = null;
  private inserting: Node | null = null;
  private run: Node[] = [];
  private inSchedule = () => this.stack.some((n) => n.kind === 'schedule');
  /** The last provision of the law itself (not inserted, not quoted). */
  private lastUnit: Node | null = null;
  readonly notes = new Notes();

  constructor(private readonly plan: Plan) {}

  read(line: string, m: Marker | null): void {
    if (this.quoting && !this.endsQuote(m)) {
      this.quote(line, m);
      return;
    }
    this.quoting = null;
    this.quotedByMark = false;
    if (
      OPENING_QUOTE.test(line) &&
      !QUOTED_TERM.test(line) &&
      m?.family !== 'container' &&
      this.announcing()
    ) {
      // “Art. 154-A. … ” after "acrescido dos seguintes arts.:": quoted until the quote closes.
      this.quoting = this.stack.at(-1)!;
      this.quotedByMark = true;
      this.quote(line, m);
      return;
    }
    if (m && !m.reference && this.readMarker(line, m)) {
      if (m.family !== 'article' && m.family !== 'section' && m.family !== 'numbered') this.lastText = line;
      return;
    }
    this.lastText = line;
    const provision = this.stack.findLast((n) => n.rank === SECTION_RANK);
    if (m?.reference) this.notes.reference(provision, line, m);
    else if (!m) this.notes.inline(provision, this.plan.word, line);
    const current = this.stack.at(-1);
    if (current?.kind === 'schedule' || this.stack.some((n) => n.kind === 'schedule')) {
      current!.lines.push(line);
      return;
    }
    if (m?.family === 'numbered') this.notes.numbered(provision, line, m);
    if (this.subdivide(line)) return;
    if (this.pendingHeading && current && !current.heading && this.headingLike(line, current)) {
      current.heading = line;
      this.pendingHeading = false;
      return;
    }
    this.pendingHeading = false;
    if (current) current.lines.push(line);
    else this.addToPreamble(line);
  }

  /** The line after "CHAPTER II" or "Article 5" alone: its heading? A grouping's may be longer. */
  private headingLike(line: string, node: Node): boolean {
    if (/[.。]$/.test(line)) return false;
    return node.rank < SECTION_RANK ? titleish(line) && line.length <= 200 : looksLikeHeading(line);
  }

  /** A marker read as one: true when the line is used up. */
  private readMarker(line: string, m: Marker): boolean {
    const plan = this.plan;
    switch (m.family) {
      case 'chinese':
        return this.readChinese(m);
      case 'container':
        if (plan.chapterIsArticle && m.word === 'الفصل')
          return this.provision(line, { ...m, family: 'article', kind: 'article' });
        this.openContainer(m.kind, m.level, m);
        return true;
      case 'grouping':
        if (this.pendingHeading && this.stack.at(-1) && this.stack.at(-1)!.rank < SECTION_RANK) return false;
        this.openGroup('hcontainer', m.word, m.rest);
        return true;
      case 'schedule':
        if (finishesSentence(this.lastText, line, m.word)) return false;
        this.openGroup('schedule', m.number ? '' : 'schedule', m.rest, m.number);
        return true;
      case 'article':
      case 'section':
        if (m.group && plan.family !== 'none' && this.stack[0]?.name !== m.group)
          this.openGroup('hcontainer', m.group, '');
        if (
          m.family === 'section' &&
          plan.sectionsAreGroupings &&
          /^(section|sect\.|sec\.|s\.)$/i.test(m.word)
        ) {
          this.openContainer('division', 'division', m);
          return true;
        }
        if (m.family === 'section' && m.word === '§' && plan.paragraphsInArticles) return false;
        return plan.family !== 'none' && !this.inSchedule() && this.provision(line, m);
      case 'numbered':
        return plan.family === 'numbered' && !this.inSchedule() && this.provision(line, m);
      case 'bare':
        if (plan.family === 'numbered') return false;
        if (m.group && this.stack[0]?.name !== m.group) this.openGroup('hcontainer', m.group, '');
        return this.stack[0]?.kind === 'hcontainer' && this.provision(line, m);
      default:
        return false;
    }
  }

  /**
   * An article or section of the law, or — written unlike the law's own and following a line that
   * announces text ("por el siguiente:", "the following:") — an article quoted inside the current one.
   */
  private provision(line: string, m: Marker): boolean {
    const own = styleOf(m) === this.plan.style;
    // …unless its number goes on with the law's own (ARTICLE 2 after Article 1er, typeset unlike it).
    if (!own && m.family !== 'bare' && this.announcing() && !this.goesOn(m)) {
      this.quoting = this.stack.at(-1)!;
      this.quote(line, m);
      return true;
    }
    if (!own && m.family !== 'bare') this.notes.odd(m, this.plan.word, m.number);
    const inserted = own && this.insertedBy(m);
    const above = this.stack.at(-1)?.lines.at(-1);
    const previous = above && headingAbove(above, m) ? this.stack.at(-1)!.lines.pop()! : '';
    const node = this.open(m.family === 'bare' ? 'article' : m.kind, SECTION_RANK, m.number, '');
    node.roman = m.roman;
    if (inserted) {
      node.inserted = true;
      this.run.push(node);
    } else {
      this.lastUnit = node;
      if (own) this.lastOwn = node;
    }
    if (previous) node.heading = previous;
    this.startBody(m.rest, node);
    this.notes.inline(node, this.plan.word, m.rest);
    this.lastText = m.rest;
    return true;
  }

  /**
   * Whether an article written as the law's own follows one that announces text to insert ("del
   * siguiente tenor:", "así:") and does not go on with the law's numbering (269A after 1): an
   * inserted article, laid out as one of the law's, kept as a unit and named in a warning.
   */
  private insertedBy(m: Marker): boolean {
    const last = this.lastOwn;
    if (!this.inserting && last && ANNOUNCES.test(lastLine(last))) this.inserting = last;
    const by = this.inserting;
    if (!by) return false;
    if (follows(by, m)) {
      this.inserting = null;
      this.run = [];
      return false;
    }
    this.notes.insert(by, m.number);
    return true;
  }

  /** Articles that never gave way to the law's own numbering again were its own, after a gap. */
  finish(): void {
    if (!this.inserting) return;
    for (const n of this.run) n.inserted = false;
    this.notes.uninsert(this.inserting);
  }

  /** A line of quoted text, kept in the provision that quotes it. */
  private quote(line: string, m: Marker | null) {
    const holder = this.quoting!;
    holder.lines.push(line);
    if (
      m &&
      !m.reference &&
      (m.family === 'article' || m.family === 'section' || m.family === this.plan.family)
    )
      this.notes.quote(
        this.stack.findLast((n) => n.rank === SECTION_RANK) ?? holder,
        `${m.word || m.kind} ${m.number}`,
      );
    if (CLOSING_QUOTE.test(line)) this.quoting = null;
    if (!this.quoting) this.quotedByMark = false;
    this.lastText = line;
  }

  /**
   * Quoted text ends at the law's own next provision or grouping; text opened by a quote mark, at
   * its closing mark or at a provision that goes on with the law's own numbering.
   */
  private endsQuote(m: Marker | null): boolean {
    if (!m || m.reference) return false;
    if (['container', 'grouping', 'schedule', 'chinese'].includes(m.family)) return true;
    const own =
      styleOf(m) === this.plan.style && (m.family !== 'numbered' || this.plan.family === 'numbered');
    if (!own) return !this.quotedByMark && this.goesOn(m);
    return !this.quotedByMark || !this.lastOwn || follows(this.lastOwn, m);
  }

  /** A provision whose number goes on with the law's last one (2 after 1), whatever its style. */
  private goesOn(m: Marker): boolean {
    const provision = m.family === 'article' || m.family === 'section' || this.plan.family === m.family;
    return provision && !!this.lastUnit && follows(this.lastUnit, m);
  }

  /** The last line read announces text to insert or substitute, inside a provision. */
  private announcing(): boolean {
    return this.stack.some((n) => n.rank === SECTION_RANK) && ANNOUNCES.test(this.lastText);
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
    // A grouping heading repeated in the text (at the top of every page) continues the same grouping.
    const again =
      rank < SECTION_RANK &&
      number !== '' &&
      siblings.find(
        (n) => n.kind === kind && n.number === number && (!rest || n.heading === rest.replace(/\.$/, '')),
      );
    if (again) {
      stack.push(again);
      this.pendingHeading = !again.heading && !rest;
      return again;
    }
    const node: Node = { kind, rank, number, heading: '', lines: [], children: [], eid: '' };
    if (rest) node.heading = rest.replace(/\.$/, '');
    siblings.push(node);
    stack.push(node);
    this.pendingHeading = !rest;
    return node;
  }

  private openContainer(kind: string, level: string, m: Marker) {
    if (!this.containerRank.has(level)) this.containerRank.set(level, this.containerRank.size + 1);
    const node = this.open(kind, this.containerRank.get(level)!, m.number, m.rest);
    node.roman = m.roman;
  }

  /** Transitional or final provisions, or a schedule: a grouping outside the law's parts and chapters. */
  private openGroup(kind: string, name: string, heading: string, number = '') {
    const node = this.open(kind, 0, number, heading);
    if (name) node.name = name;
  }

  /** 第一章 (a grouping) or 第二条【heading】text (an article). */
  private readChinese(m: Marker): boolean {
    if (m.kind !== 'article') {
      this.openContainer(m.kind, m.kind, m);
      return true;
    }
    const node = this.open('article', SECTION_RANK, m.number, '');
    const bracket = /^【(.+?)】\s*(.*)$/u.exec(m.rest);
    if (bracket) node.heading = bracket[1];
    const body = bracket ? bracket[2] : m.rest;
    if (body) node.lines.push(body);
    this.pendingHeading = false;
    return true;
  }

  /** The rest of a provision's first line: a heading, or text that may open with "(1)". */
  private startBody(rest: string, node: Node) {
    this.pendingHeading = !rest && !node.heading;
    if (!rest || rest.replace(/\.$/, '') === node.heading || this.subdivide(rest)) return;
    // Thai sections run on after the number, without a heading.
    if (node.heading || /[\u0E00-\u0E7F]/u.test(rest)) {
      node.lines.push(rest);
      return;
    }
    const split = HEADING_THEN_TEXT.exec(rest);
    if (split && split[1].split(/\s+/).length <= 10) {
      // "Acceso abusivo a un sistema informático. El que…"
      node.heading = split[1];
      node.lines.push(split[2]);
    } else if ((this.plan.titleLines && titleish(rest)) || (looksLikeHeading(rest) && !/^\(/.test(rest))) {
      node.heading = rest.replace(/\.$/, '');
      // "Artículo 15.- Comuníquese al Poder Ejecutivo." with nothing after: a sentence, not a heading.
      node.sentence = /\.$/.test(rest) && rest.split(/\s+/).length >= 3;
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
    if (!found && this.plan.family !== 'numbered') {
      const m = NUMBERED_SUB.exec(line);
      if (m) found = ['num', m];
    }
    if (!found) return false;
    const [style, m] = found;
    const levels = (section.levels ??= []);
    if (!levels.includes(style)) levels.push(style);
    const depth = levels.indexOf(style);
    this.open(SUB_KINDS[depth] ?? 'item', SECTION_RANK + 1 + depth, m[1], '').style = style;
    this.pendingHeading = false;
    if (m[2] && !this.subdivide(m[2])) this.stack.at(-1)!.lines.push(m[2]);
    return true;
  }
}

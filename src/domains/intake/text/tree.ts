/**
 * The provisions read from a text as the provision tree the editor gets, each with an eId made
 * from its kind and number, and the checks of their numbering an editor should see: a number
 * used twice, a number going backwards without a new grouping, numbers skipped (a provision may
 * be merged into the one before), and a long text before the first provision.
 */
import type { ProvisionInput } from '../../legislation/input.js';
import { normaliseEid } from '../akn/provisions.js';

export type Node = {
  kind: string;
  rank: number;
  number: string;
  heading: string;
  lines: string[];
  children: Node[];
  eid: string;
  roman?: boolean;
  /** The heading was read from a short sentence after the number: text if nothing follows. */
  sentence?: boolean;
  /** An article of another law that this one inserts, laid out as one of its own. */
  inserted?: boolean;
  /** The name of a grouping without a number: transitional, final… */
  name?: string;
  style?: string;
  levels?: string[];
};

/** The rank of sections and articles; groupings rank below, subdivisions above. */
export const SECTION_RANK = 100;
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
  schedule: 'sched',
};
const LATIN = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'nonies', 'decies'];

/** "5 bis" → "5bis", "9 مكرر" → "9bis", "préliminaire" → "preliminaire": the number as it goes in an eId. */
const eidNumber = (n: string) =>
  n
    .replace(/\s*مكرر/u, 'bis')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s-]+(?=(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies)$)/i, '');

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
export const romanValue = (s: string) =>
  [...s].reduce((sum, c, i) => sum + (ROMAN[c] < (ROMAN[s[i + 1]] ?? 0) ? -ROMAN[c] : ROMAN[c]), 0);

/** A number as a list to compare (8 < 8A < 8B < 9; 323-3 < 323-3-1; 5 < 5 bis), or null for words. */
export function numberKey(n: string, roman = false): (number | string)[] | null {
  if (roman) return [romanValue(n.split(' ')[0])];
  if (!/^\d/.test(n)) return null;
  return [...n.toLowerCase().matchAll(/\d+|[a-z]+/g)].map(([p]) =>
    /\d/.test(p) ? Number(p) : LATIN.includes(p) ? LATIN.indexOf(p) / 100 : p,
  );
}
export function compareKeys(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === undefined || b[i] === undefined) return a[i] === undefined ? -1 : 1;
    if (a[i] === b[i]) continue;
    if (typeof a[i] === typeof b[i]) return a[i] < b[i] ? -1 : 1;
    return typeof a[i] === 'number' ? -1 : 1;
  }
  return 0;
}

/** How a provision is named in a warning: article 12, section 8A. */
export const named = (n: Node) => `${n.kind} ${n.number}`.trim();

type Unit = { node: Node; group: Node | null };

/** The tree as provisions with eIds, and the warnings about its numbering. */
export function toProvisions(top: Node[], warnings: string[]): ProvisionInput[] {
  const units: Unit[] = [];
  const collect = (nodes: Node[], group: Node | null) => {
    for (const n of nodes) {
      if (n.rank === SECTION_RANK && !n.inserted) units.push({ node: n, group });
      else if (n.rank < SECTION_RANK && n.kind !== 'preamble') collect(n.children, n);
    }
  };
  collect(top, null);
  const restarts = checkOrder(units, warnings);
  checkGaps(units, warnings);
  checkPreamble(top, units, warnings);
  const used = new Set<string>();
  const toInput = (nodes: Node[], parent: string | null, restarted: string | null): ProvisionInput[] =>
    nodes.map((n, i) => {
      const num = n.kind === 'preamble' ? '' : eidNumber(n.number);
      const own = n.name ?? `${ABBREV[n.kind] ?? n.kind}_${/[a-z0-9]/i.test(num) ? num : i + 1}`;
      // Numbers that start again in a grouping (transitional articles) are prefixed with its eId.
      const prefix = n.rank > SECTION_RANK ? parent : n.rank === SECTION_RANK ? restarted : null;
      const base = normaliseEid(
        n.kind === 'preamble' ? 'preamble' : prefix ? `${prefix}__${own}` : own,
        n.kind,
      );
      let eid = base;
      for (let k = 2; used.has(eid); k++) eid = `${base}_${k}`;
      used.add(eid);
      if (n.sentence && !n.lines.length && !n.children.length) [n.lines, n.heading] = [[`${n.heading}.`], ''];
      const text = n.lines.join('\n');
      const children = toInput(
        n.children,
        eid,
        restarts.has(n) ? eid : n.rank < SECTION_RANK ? null : restarted,
      );
      return {
        eid,
        kind: n.kind,
        ...(n.number && { number: n.number }),
        ...(n.heading && { heading: n.heading }),
        ...(text && { text }),
        ...(children.length && { children }),
      };
    });
  return toInput(top, null, null);
}

/**
 * Numbers used twice or going backwards. A grouping whose numbering starts again (transitional
 * articles numbered from one) explains it: the groupings that do are returned.
 */
function checkOrder(units: Unit[], warnings: string[]): Set<Node> {
  const restarts = new Set<Node>();
  const seen = new Map<Node | null, Set<string>>();
  let previous: Unit | null = null;
  for (const u of units) {
    const a = previous && numberKey(previous.node.number, previous.node.roman);
    const b = numberKey(u.node.number, u.node.roman);
    const backwards = !!(a && b && compareKeys(b, a) <= 0);
    if (previous && u.group && previous.group !== u.group && backwards) restarts.add(u.group);
    const scope = u.group && restarts.has(u.group) ? u.group : null;
    const keys = seen.get(scope) ?? seen.set(scope, new Set()).get(scope)!;
    const key = `${u.node.kind}|${u.node.number}`;
    if (keys.has(key))
      warnings.push(`${named(u.node)} appears more than once: check whether the second is another provision`);
    else if (previous && backwards && !(u.group && restarts.has(u.group) && previous.group !== u.group))
      warnings.push(
        `${named(u.node)} follows ${named(previous.node)}: the numbers go backwards without a new part or chapter; check the order`,
      );
    keys.add(key);
    previous = u;
  }
  return restarts;
}

/** Numbers skipped (11 → 13): where they are few, each is named; in an extract, one warning says so. */
function checkGaps(units: Unit[], warnings: string[]): void {
  const gaps: string[] = [];
  let steps = 0;
  for (let i = 1; i < units.length; i++) {
    const [p, c] = [units[i - 1].node, units[i].node];
    if (!/^\d+$/.test(p.number) || !/^\d+$/.test(c.number) || p.kind !== c.kind) continue;
    steps++;
    const [a, b] = [Number(p.number), Number(c.number)];
    if (b <= a + 1) continue;
    const missing = b === a + 2 ? `${p.kind} ${a + 1} is` : `${p.kind}s ${a + 1}–${b - 1} are`;
    const it = b === a + 2 ? 'it is' : 'they are';
    gaps.push(
      `${missing} missing (${named(p)} is followed by ${named(c)}): check that ${it} not inside ${named(p)}`,
    );
  }
  if (gaps.length <= 3 || gaps.length <= steps / 5) warnings.push(...gaps);
  else
    warnings.push(
      `the numbers skip in ${gaps.length} places (${gaps
        .slice(0, 3)
        .map((g) => g.replace(/^.*\((.+) is followed by (.+)\).*$/, '$1 → $2'))
        .join(', ')}…): expected in an extract; otherwise check for provisions merged into the one before`,
    );
}

/** Text before the first provision that is more than a title. */
function checkPreamble(top: Node[], units: Unit[], warnings: string[]): void {
  const preamble = top.find((n) => n.kind === 'preamble');
  if (!preamble || !units.length) return;
  const chars = preamble.lines.join(' ').length;
  if (preamble.lines.length > 3 || chars > 300)
    warnings.push(
      `the text before ${named(units[0].node)} (${preamble.lines.length} lines: “${preamble.lines[0].slice(0, 60)}…”) is kept as a preamble: check that no provision is in it`,
    );
}

/**
 * The provisions editor without JavaScript: the form posts the provisions as flat rows (with a
 * depth), and a button names an operation — add, delete, move, indent, outdent, split, merge —
 * which is applied here before the form is shown again. Saving turns the rows into a tree.
 */
import { MAX_PROVISION_DEPTH, type ProvisionInput } from './input.js';
import { EID_MAX, eid as eidSchema } from '../../core/codes.js';
import type { ProvisionNode } from './service.js';

export type Row = { eid: string; kind: string; number: string; heading: string; text: string; depth: number };
export type Op = {
  name: 'add' | 'delete' | 'up' | 'down' | 'indent' | 'outdent' | 'split' | 'merge';
  index: number;
};

export const OPS = ['add', 'delete', 'up', 'down', 'indent', 'outdent', 'split', 'merge'] as const;

export function parseOp(value: unknown): Op | undefined {
  const m = /^(add|delete|up|down|indent|outdent|split|merge):(\d+)$/.exec(String(value ?? ''));
  return m ? { name: m[1] as Op['name'], index: Number(m[2]) } : undefined;
}

/** Rows from form fields named p.N.eid, p.N.number, … */
export function rowsFromForm(body: Record<string, unknown>): Row[] {
  const rows = new Map<number, Partial<Row>>();
  for (const [key, value] of Object.entries(body)) {
    const m = /^p\.(\d+)\.(eid|kind|number|heading|text|depth)$/.exec(key);
    if (!m) continue;
    const row = rows.get(Number(m[1])) ?? {};
    (row as Record<string, unknown>)[m[2]] =
      m[2] === 'depth'
        ? Math.max(0, Math.min(5, Number(value) || 0))
        : String(value ?? '').replace(/\r\n/g, '\n');
    rows.set(Number(m[1]), row);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, r]) => ({
      eid: (r.eid ?? '').trim(),
      kind: (r.kind ?? 'section').trim() || 'section',
      number: (r.number ?? '').trim(),
      heading: (r.heading ?? '').trim(),
      text: (r.text ?? '').trim(),
      depth: r.depth ?? 0,
    }));
}

export function rowsFromTree(nodes: ProvisionNode[] | ProvisionInput[], depth = 0, out: Row[] = []): Row[] {
  for (const n of nodes) {
    out.push({
      eid: n.eid,
      kind: n.kind ?? 'section',
      number: n.number ?? '',
      heading: n.heading ?? '',
      text: n.text ?? '',
      depth,
    });
    if (n.children?.length) rowsFromTree(n.children, depth + 1, out);
  }
  return out;
}

/** Applies an editing operation; returns a new list of rows. */
export function applyOp(rows: Row[], op: Op): Row[] {
  const r = rows.map((x) => ({ ...x }));
  const i = op.index;
  if (i < 0 || i >= Math.max(r.length, 1)) return r;
  const row = r[i];
  const prevDepth = i > 0 ? r[i - 1].depth : -1;
  switch (op.name) {
    case 'add':
      r.splice(i + 1, 0, {
        eid: '',
        kind: row?.kind ?? 'section',
        number: '',
        heading: '',
        text: '',
        depth: row?.depth ?? 0,
      });
      break;
    case 'delete':
      r.splice(i, 1);
      break;
    case 'up':
      if (i > 0) [r[i - 1], r[i]] = [r[i], r[i - 1]];
      break;
    case 'down':
      if (i < r.length - 1) [r[i + 1], r[i]] = [r[i], r[i + 1]];
      break;
    case 'indent':
      if (row.depth <= prevDepth) row.depth += 1;
      break;
    case 'outdent':
      if (row.depth > 0) row.depth -= 1;
      break;
    case 'split': {
      // At the first blank line, else in the middle of the text at a sentence end.
      const at = row.text.search(/\n\s*\n/);
      const cut = at > 0 ? at : row.text.indexOf('. ', Math.floor(row.text.length / 2)) + 1;
      if (cut <= 0) break;
      r.splice(i + 1, 0, { ...row, eid: '', number: '', heading: '', text: row.text.slice(cut).trim() });
      row.text = row.text.slice(0, cut).trim();
      break;
    }
    case 'merge':
      if (i < r.length - 1) {
        row.text = [row.text, r[i + 1].text].filter(Boolean).join('\n\n');
        r.splice(i + 1, 1);
      }
      break;
  }
  return r;
}

const slugPart = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
const CONTAINERS = new Set(['part', 'chapter', 'title', 'division']);
const KIND_PREFIX: Record<string, string> = {
  part: 'part',
  chapter: 'chp',
  section: 'sec',
  article: 'art',
  subsection: 'subsec',
  paragraph: 'para',
};

/** Builds the provision tree from rows, giving rows without an eId one from their kind and number. */
export function treeFromRows(rows: Row[]): { tree: ProvisionInput[]; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const tree: ProvisionInput[] = [];
  const stack: ProvisionInput[] = [];
  const used = new Set<string>();
  rows.forEach((row, i) => {
    if (!row.text && !row.heading && !row.number) return; // an empty row is dropped
    const depth = Math.min(row.depth, stack.length);
    stack.length = depth;
    const parent = stack[depth - 1];
    let eid = row.eid;
    if (eid && !eidSchema.safeParse(eid).success)
      problems[`p.${i}.eid`] = 'An eId is lower-case letters, digits and underscores, e.g. sec_14__subsec_2';
    if (depth >= MAX_PROVISION_DEPTH)
      problems[`p.${i}.depth`] = `Provisions are nested at most ${MAX_PROVISION_DEPTH} levels deep`;
    if (!eid) {
      const own = `${KIND_PREFIX[row.kind] ?? slugPart(row.kind) ?? 'sec'}_${slugPart(row.number) || i + 1}`;
      // As in Akoma Ntoso practice, sections keep flat eIds inside parts and chapters; subdivisions are prefixed.
      eid = parent && !CONTAINERS.has(parent.kind ?? '') ? `${parent.eid}__${own}` : own;
    }
    if (used.has(eid)) {
      if (row.eid) problems[`p.${i}.eid`] = `The eId ${eid} is used twice`;
      let n = 2;
      while (used.has(`${eid}_${n}`)) n++;
      eid = `${eid}_${n}`;
    }
    if (eid.length > EID_MAX)
      problems[`p.${i}.eid`] = `An eId has at most ${EID_MAX} characters; give this provision a shorter one`;
    used.add(eid);
    const node: ProvisionInput = {
      eid,
      kind: row.kind,
      number: row.number || undefined,
      heading: row.heading || undefined,
      text: row.text,
      children: [],
    };
    (parent ? parent.children! : tree).push(node);
    stack.push(node);
  });
  if (!tree.length) problems['p.0.text'] = 'A law needs at least one provision';
  return { tree, problems };
}

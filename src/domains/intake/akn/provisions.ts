/** Provisions and definitions from the tree the reader collects: eIds settled, text collapsed. */
import type { ProvisionInput } from '../../legislation/input.js';

/** A provision as the reader collects it, before its eId is settled. */
export type AknNode = {
  id: string | null;
  kind: string;
  number: string;
  heading: string;
  text: string;
  children: AknNode[];
};
/** A defined term, found inside the provision that defines it. */
export type AknTerm = { node: AknNode; term: string };
export type AknDefinition = { eid: string; term: string; definition: string };

/** Lines of text with whitespace collapsed; empty lines dropped. */
export const collapseWhitespace = (raw: string) =>
  raw
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');

/** An eId as cyrepo stores it: lower case, letters, digits and underscores, starting with a letter. */
export function normaliseEid(value: string, kind: string): string {
  const e = value
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(e) ? e : `${kind.toLowerCase().replace(/[^a-z]/g, '') || 'p'}_${e || '1'}`;
}

/**
 * The provisions of the collected tree and the definitions of its terms. eIds are settled at the
 * end, parents first: the file's own (normalised, made unique), or one made from the parent's, the
 * kind and the number.
 */
export function buildProvisions(
  top: AknNode[],
  terms: AknTerm[],
): { provisions: ProvisionInput[]; definitions: AknDefinition[] } {
  const used = new Set<string>();
  const eids = new Map<AknNode, string>();
  const toInput = (nodes: AknNode[], parent: string | null): ProvisionInput[] =>
    nodes.map((n, i) => {
      const base = n.id
        ? normaliseEid(n.id, n.kind)
        : normaliseEid(`${parent ? `${parent}__` : ''}${n.kind.slice(0, 10)}_${n.number || i + 1}`, n.kind);
      let eid = base;
      for (let k = 2; used.has(eid); k++) eid = `${base}_${k}`;
      used.add(eid);
      eids.set(n, eid);
      const text = collapseWhitespace(n.text);
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
  const seen = new Set<string>();
  const definitions = terms
    .map((t) => ({ eid: eids.get(t.node)!, term: t.term, definition: collapseWhitespace(t.node.text) }))
    .filter(
      (d) => d.term.length <= 200 && !seen.has(`${d.eid}|${d.term}`) && !!seen.add(`${d.eid}|${d.term}`),
    );
  return { provisions, definitions };
}

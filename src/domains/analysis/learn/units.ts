/** The provisions of a law that the suggester suggests for, as units with the headings around them. */
import { chapterCategory } from './rules.js';
import type { Context, Unit } from './types.js';

/** What a provision tree node needs to have: a saved law's provisions and a segmented text both do. */
export type TreeNode = {
  eid: string;
  kind?: string | null;
  number?: string | null;
  heading?: string | null;
  text?: string | null;
  children?: TreeNode[];
};

/** Kinds that hold provisions rather than being one. */
export const CONTAINERS = new Set([
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

export const textOf = (p: TreeNode): string =>
  [p.text, ...(p.children ?? []).map(textOf)].filter(Boolean).join('\n');

/**
 * Sections and articles (`top`), and with `subsections` their subsections too, each with the
 * headings of the parts and chapters around it (and, for a subsection, its section's heading).
 */
export function unitsOf(tree: TreeNode[], language: string, options: { subsections: boolean }): Unit[] {
  const out: Unit[] = [];
  const unit = (p: TreeNode, context: Context[]): Unit => ({
    eid: p.eid,
    number: p.number ?? null,
    heading: p.heading ?? '',
    text: textOf(p),
    context,
    language,
  });
  const walk = (nodes: TreeNode[], context: Context[], inUnit: boolean) => {
    for (const p of nodes) {
      if (CONTAINERS.has(p.kind ?? '')) {
        const heading = [p.number, p.heading].filter(Boolean).join(' ');
        walk(p.children ?? [], [...context, { heading, category: chapterCategory(heading) }], false);
      } else if (!inUnit || (options.subsections && p.kind === 'subsection')) {
        if (textOf(p).trim() || p.heading) out.push(unit(p, context));
        if (options.subsections)
          walk(p.children ?? [], p.heading ? [...context, { heading: p.heading }] : context, true);
      }
    }
  };
  walk(tree, [], false);
  return out;
}

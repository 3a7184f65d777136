/** What the segmentation tests share: segment lines, and read the provisions back (tests only). */
import type { ProvisionInput } from '../../legislation/input.js';
import { topUnits } from './evaluate.js';
import { segmentText } from './segment.js';

export const seg = (...lines: string[]) => segmentText(lines.join('\n'));
export const units = (s: { provisions: ProvisionInput[] }) => topUnits(s.provisions);
export const numbers = (s: { provisions: ProvisionInput[] }) => units(s).map((u) => u.number);

/** The first provision, at any depth, that `pred` holds for. */
export const find = (
  list: ProvisionInput[],
  pred: (p: ProvisionInput) => boolean,
): ProvisionInput | undefined => {
  for (const p of list) {
    if (pred(p)) return p;
    const inner = find(p.children ?? [], pred);
    if (inner) return inner;
  }
  return undefined;
};

/** What the technical assistance pages share: a form's fields, and codes as options named in the UI language. */
import type { Ui } from '../shell/ui.js';

export type Form = Record<string, string>;
export const opts = (ui: Ui, prefix: string, list: readonly string[]): [string, string][] =>
  list.map((v) => [v, ui.t(`${prefix}.${v}`)]);

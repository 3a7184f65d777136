/**
 * A report as plain data, the same for the page, the DOCX and the JSON: sections holding named
 * figures and tables, each figure and table row linking to the records it counts.
 */
import type { Translate, UiLang } from '../core/i18n.js';

export type Figure = { name: string; label: string; value: number; usd?: boolean; href?: string };
export type TableRow = { key: string; cells: (string | number)[]; href?: string };
/** columns: [stable id, label]; the first column is the row's label. */
export type Table = { name: string; caption: string; columns: [string, string][]; rows: TableRow[] };
/** note: how the section's figures are counted (what, and which period rule), shown with them. */
export type Section = {
  id: string;
  title: string;
  text?: string;
  note?: string;
  figures: Figure[];
  tables: Table[];
};
export type Report = {
  kind: 'programme' | 'donor' | 'country';
  title: string;
  subject: string | null;
  from: string;
  to: string;
  generated: string;
  empty: boolean;
  sections: Section[];
};
export type ReportPeriod = { from: string; to: string };
export type ReportContext = { t: Translate; period: ReportPeriod; lang?: UiLang };

/** Makes the named figures of a report, labelled from the catalog (rep.fig.NAME). */
export const figureMaker =
  (t: Translate) =>
  (name: string, value: number, href?: string, usd?: boolean): Figure => ({
    name,
    label: t(`rep.fig.${name}`),
    value,
    href,
    usd,
  });

/** Every figure of a report by name; a table contributes `table.row` (one number) or `table.row.column` per number. */
export function figuresByName(report: Report): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of report.sections) {
    for (const f of s.figures) out[f.name] = f.value;
    for (const t of s.tables)
      for (const r of t.rows) {
        const numbers = r.cells.map((c, i) => [i, c] as const).filter(([, c]) => typeof c === 'number');
        if (numbers.length === 1) out[`${t.name}.${r.key}`] = numbers[0]![1] as number;
        else for (const [i, c] of numbers) out[`${t.name}.${r.key}.${t.columns[i]?.[0] ?? i}`] = c as number;
      }
  }
  return out;
}

export const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** Query string of a period (and more), for links to the records. */
export function qs(params: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}

/** A figure as written in the report's language (grouping as the language groups). */
export const formatNumber = (n: number, usd = false, lang: UiLang = 'en') =>
  usd ? `USD ${Math.round(n).toLocaleString(lang)}` : n.toLocaleString(lang);

/** Tables more than one report shows: activities by region, and the funding position (each adds up to the figures it explains). */
import type { RegionRow } from '../domains/assistance/figures.js';
import { SEVERAL_REGIONS } from '../domains/assistance/activities.js';
import type { FundingFigures } from '../domains/assistance/funding-figures.js';
import { localName, type Translate, type UiLang } from '../core/i18n.js';
import type { Table } from './model.js';

export const regionName = (
  t: Translate,
  lang: UiLang,
  r: { region: string; names: Record<string, string> | null },
) => (r.region === SEVERAL_REGIONS || !r.names ? t('rep.several_regions') : localName(r.names, lang).text);

/** Activities, Member States, people trained and reached by region; the rows add up to the summary's figures. */
export function regionTable(
  t: Translate,
  lang: UiLang,
  list: RegionRow[],
  link: (region: string) => string,
): Table {
  return {
    name: 'by_region',
    caption: t('rep.tab.by_region'),
    columns: [
      ['region', t('rep.col.region')],
      ['activities', t('rep.col.activities')],
      ['countries', t('rep.col.countries')],
      ['trained', t('rep.col.trained')],
      ['reached', t('rep.col.reached')],
    ],
    rows: list.map((r) => ({
      key: r.region,
      cells: [regionName(t, lang, r), r.activities, r.countries, r.trained, r.reached],
      href: link(r.region),
    })),
  };
}

/** Needed, received and gap per year and need line, with the money no line takes; the received column adds up to the funding received. */
export function positionTable(t: Translate, lang: UiLang, f: FundingFigures): Table {
  const lines = f.lines.map((p) => ({
    key: `${p.year}.${p.region ?? 'global'}`,
    cells: [
      `${p.year} ${p.region_names ? localName(p.region_names, lang).text : t('rep.global')}`,
      Math.round(p.needed),
      Math.round(p.received),
      Math.round(p.gap),
      p.months,
    ] as (string | number)[],
    href: '/assistance/funding',
  }));
  const rest = f.years
    .filter((y) => y.unallocated > 0)
    .map((y) => ({
      key: `${y.year}.unallocated`,
      cells: [`${y.year} ${t('rep.unallocated')}`, 0, Math.round(y.unallocated), 0, '—'] as (
        | string
        | number
      )[],
      href: '/assistance/funding',
    }));
  return {
    name: 'position',
    caption: t('rep.tab.position'),
    columns: [
      ['line', t('rep.col.region')],
      ['needed', t('rep.col.needed')],
      ['received', t('rep.col.received')],
      ['gap', t('rep.col.gap')],
      ['months', t('rep.col.months')],
    ],
    rows: [...lines, ...rest],
  };
}

/**
 * Contributions and funding needs kept in spreadsheets (previewed and written as every sheet is,
 * core/files/sheet-import.ts): donors by name, regions and countries by their names in any of the
 * six UN languages or codes, themes by concept code or name. A contribution row with an `id`
 * updates that contribution; a need is the one of its year, region and post.
 */
import { sql } from 'drizzle-orm';
import { tierVisible, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import type { SheetColumn } from '../../core/files/sheet.js';
import { cellNumber, numberedIds, type SheetKind } from '../../core/files/sheet-import.js';
import { localName, type Translate, type UiLang } from '../../core/i18n.js';
import { labelled, Named } from '../../core/names.js';
import { areasNamed, countriesNamed, countryNames } from '../reference/service.js';
import {
  contributionInput,
  createContribution,
  listContributions,
  needInput,
  saveNeed,
  updateContribution,
  type ContributionInput,
} from './funding.js';

type Sheet = { title: string; columns: SheetColumn[]; rows: (string | number | null)[][] };
const EARMARKS = ['none', 'region', 'country', 'theme'] as const;
const earmarks = labelled('fund.earmark', EARMARKS);

export type NeedRow = { year: number; region?: string; post: string; usd: number };

/** Funding needs: the one of a row's year, region (none: the whole programme) and post is set to its amount. */
export async function needsKind(db: Orm, by: Viewer): Promise<SheetKind<NeedRow>> {
  const { named } = await areasNamed(db);
  return {
    required: ['year', 'post', 'usd'],
    ids: new Map(),
    read({ cell, problem, issues }) {
      const region = cell('region') ? named.find(cell('region')) : undefined;
      if (cell('region') && !region)
        problem('region', `“${cell('region')}” is not a UN M49 region cyrepo knows`);
      const parsed = needInput.safeParse({
        year: cellNumber(cell('year')),
        region,
        post: cell('post'),
        usd: cellNumber(cell('usd')),
      });
      if (!parsed.success) issues(parsed.error.issues);
      return parsed.success ? parsed.data : null;
    },
    write: (_id, need) => saveNeed(db, by, need),
  };
}

export async function needsSheet(db: Orm, lang: UiLang): Promise<Sheet> {
  const { names } = await areasNamed(db);
  const list = await rows<{ year: number; region: string | null; post: string; usd: number }>(
    db,
    sql`SELECT year, region, post, usd::float FROM funding_need ORDER BY year DESC, region NULLS FIRST, post`,
  );
  return {
    title: 'funding-needs',
    columns: [
      { name: 'year', width: 8 },
      { name: 'region', width: 28 },
      { name: 'post', width: 36 },
      { name: 'usd', width: 14 },
    ],
    rows: list.map((n) => [
      n.year,
      n.region ? localName(names.get(n.region), lang).text : null,
      n.post,
      n.usd,
    ]),
  };
}

/** Contributions the viewer may see: a row with an id updates it, one without records a new one. */
export async function contributionsKind(db: Orm, by: Viewer): Promise<SheetKind<ContributionInput>> {
  const [{ named: regions }, countries, donors, concepts, visible] = await Promise.all([
    areasNamed(db),
    countriesNamed(db),
    rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM organisation`),
    rows<{ code: string; labels: Record<string, string> }>(db, sql`SELECT code, labels FROM concept`),
    rows<{ id: number }>(db, sql`SELECT id FROM contribution c WHERE ${tierVisible(by, 'c')}`),
  ]);
  const donorNamed = new Named();
  for (const d of donors) donorNamed.add(String(d.id), d.name);
  const themes = new Named();
  for (const c of concepts) themes.add(c.code, c.code, ...Object.values(c.labels ?? {}));
  const values = { region: regions, country: countries, theme: themes };
  return {
    required: ['donor', 'amount', 'currency', 'pledged', 'period_start', 'period_end'],
    ids: numberedIds(visible.map((c) => c.id)),
    read({ cell, problem, named, issues, closed }) {
      const donor =
        donorNamed.find(cell('donor')) ?? (/^\d+$/.test(cell('donor')) ? cell('donor') : undefined);
      if (!donor || !donors.some((d) => String(d.id) === donor))
        problem(
          'donor',
          cell('donor')
            ? `no organisation called “${cell('donor')}”; record it first`
            : 'a donor is required',
        );
      const earmark = cell('earmark') ? closed('earmark', earmarks) : 'none';
      const target =
        earmark && earmark !== 'none'
          ? values[earmark as 'region' | 'country' | 'theme'].find(cell('earmark_value'))
          : undefined;
      if (earmark && earmark !== 'none' && cell('earmark_value') && !target)
        problem('earmark_value', `“${cell('earmark_value')}” is not a ${earmark} cyrepo knows`);
      const parsed = contributionInput.safeParse({
        donor: named('donor') ? 1 : Number(donor), // named already: the other columns are checked still
        amount: cellNumber(cell('amount')),
        currency: cell('currency').toUpperCase(),
        usd: cellNumber(cell('usd')),
        pledged: cell('pledged'),
        received: cell('received') || undefined,
        period_start: cellNumber(cell('period_start')),
        period_end: cellNumber(cell('period_end')),
        earmark: earmark ?? 'none',
        earmark_value: earmark === 'none' ? undefined : (target ?? (cell('earmark_value') || undefined)),
        note: cell('note') || undefined,
      });
      if (!parsed.success) issues(parsed.error.issues);
      return parsed.success ? parsed.data : null;
    },
    write: async (id, c) =>
      void (id === null ? await createContribution(db, by, c) : await updateContribution(db, by, id, c)),
  };
}

export async function contributionsSheet(
  db: Orm,
  viewer: Viewer,
  lang: UiLang,
  t: Translate,
): Promise<Sheet> {
  const [{ names: areaNames }, countries, list] = await Promise.all([
    areasNamed(db),
    countryNames(db),
    listContributions(db, viewer),
  ]);
  const target = (kind: string, value: string | null | undefined) =>
    !value
      ? null
      : kind === 'region'
        ? localName(areaNames.get(value), lang).text
        : kind === 'country'
          ? localName(countries.get(value), lang).text
          : value;
  return {
    title: 'contributions',
    columns: [
      { name: 'id', width: 8 },
      { name: 'donor', width: 30 },
      { name: 'amount', width: 14 },
      { name: 'currency', width: 9 },
      { name: 'usd', width: 14 },
      { name: 'pledged', width: 12 },
      { name: 'received', width: 12 },
      { name: 'period_start', width: 12 },
      { name: 'period_end', width: 12 },
      { name: 'earmark', width: 16, accepts: EARMARKS.map((e) => t(`fund.earmark.${e}`)) },
      { name: 'earmark_value', width: 24 },
      { name: 'note', width: 40 },
    ],
    rows: list.map((c) => [
      c.id,
      c.donor_name,
      c.amount,
      c.currency,
      c.usd ?? null,
      c.pledged,
      c.received ?? null,
      c.period_start,
      c.period_end,
      t(`fund.earmark.${c.earmark}`),
      target(c.earmark, c.earmark_value),
      c.note ?? null,
    ]),
  };
}

/**
 * Activities kept in spreadsheets (previewed and written as every sheet is,
 * core/files/sheet-import.ts): kinds, statuses, modes and tiers by their names in any of the six UN
 * languages or codes; countries (several, separated by ";") and the region by name or code. A row
 * with an `id` changes that activity's own columns — its participants, partners, requests and
 * audiences stay as they are; one without records a new activity.
 */
import { TIERS, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import type { SheetColumn } from '../../core/files/sheet.js';
import { cellNumber, numberedIds, type SheetKind } from '../../core/files/sheet-import.js';
import { localName, type Translate, type UiLang } from '../../core/i18n.js';
import { labelled } from '../../core/names.js';
import { areasNamed, countriesNamed, countryNames } from '../reference/service.js';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  activityInput,
  type ActivityInput,
  createActivity,
  getActivity,
  listActivities,
  updateActivity,
} from './activities.js';

const MODES = ['in_person', 'online', 'hybrid'] as const;
const kinds = labelled('ta.kind', ACTIVITY_KINDS);
const statuses = labelled('ta.act_status', ACTIVITY_STATUSES);
const modes = labelled('ta.mode', MODES);
const tiers = labelled('tier', TIERS);
const DATES = ['planned_start', 'planned_end', 'actual_start', 'actual_end'] as const;

/** The programme's activities the viewer may see, as a kind of sheet record. */
export async function activitiesKind(db: Orm, by: Viewer): Promise<SheetKind<ActivityInput>> {
  const [countries, { named: areas }, visible] = await Promise.all([
    countriesNamed(db),
    areasNamed(db),
    listActivities(db, by, {}),
  ]);
  return {
    required: ['kind', 'title', 'countries'],
    ids: numberedIds(visible.map((a) => a.id)),
    read({ cell, problem, issues, closed }) {
      const listed = cell('countries')
        .split(/[;\n]/)
        .map((c) => c.trim())
        .filter(Boolean);
      const unknown = listed.filter((c) => !countries.find(c));
      if (unknown.length) problem('countries', `not countries cyrepo knows: ${unknown.join('; ')}`);
      const region = cell('region') ? areas.find(cell('region')) : undefined;
      if (cell('region') && !region)
        problem('region', `“${cell('region')}” is not a UN M49 region cyrepo knows`);
      const parsed = activityInput.safeParse({
        kind: closed('kind', kinds) ?? (cell('kind') ? 'other' : undefined),
        title: cell('title'),
        countries: listed.flatMap((c) => countries.find(c) ?? []), // unknown ones named already
        region,
        ...Object.fromEntries(DATES.map((d) => [d, cell(d) || undefined])),
        hours: cellNumber(cell('hours')),
        mode: closed('mode', modes),
        audience: cell('audience') || undefined,
        cost: cellNumber(cell('cost')),
        currency: cell('currency').toUpperCase() || undefined,
        cost_usd: cellNumber(cell('cost_usd')),
        status: closed('status', statuses),
        implementer: cell('implementer') || undefined,
        tier: closed('tier', tiers),
      });
      if (!parsed.success) issues(parsed.error.issues);
      return parsed.success ? parsed.data : null;
    },
    async write(id, values) {
      if (id === null) return void (await createActivity(db, by, values));
      const current = await getActivity(db, by, id);
      await updateActivity(
        db,
        by,
        id,
        activityInput.parse({
          ...values,
          concepts: current.concepts,
          channels: current.channels,
          participants: current.participants,
          requests: current.requests.map((r) => r.id),
          audiences: current.audiences,
          partners: current.partners.map((p) => ({ organisation: p.organisation, role: p.role })),
        }),
      );
    },
  };
}

export async function activitiesSheet(
  db: Orm,
  viewer: Viewer,
  lang: UiLang,
  t: Translate,
): Promise<{ title: string; columns: SheetColumn[]; rows: (string | number | null)[][] }> {
  const [names, { names: areaNames }, list] = await Promise.all([
    countryNames(db),
    areasNamed(db),
    listActivities(db, viewer, {}),
  ]);
  const accepts = (prefix: string, values: readonly string[]) => values.map((v) => t(`${prefix}.${v}`));
  return {
    title: 'activities',
    columns: [
      { name: 'id', width: 8 },
      { name: 'kind', width: 22, accepts: accepts('ta.kind', ACTIVITY_KINDS) },
      { name: 'title', width: 40 },
      { name: 'countries', width: 28 },
      { name: 'region', width: 20 },
      ...DATES.map((name) => ({ name, width: 12 })),
      { name: 'status', width: 12, accepts: accepts('ta.act_status', ACTIVITY_STATUSES) },
      { name: 'mode', width: 12, accepts: accepts('ta.mode', MODES) },
      { name: 'hours', width: 8 },
      { name: 'audience', width: 30 },
      { name: 'cost', width: 12 },
      { name: 'currency', width: 9 },
      { name: 'cost_usd', width: 12 },
      { name: 'implementer', width: 28 },
      { name: 'tier', width: 12, accepts: accepts('tier', TIERS) },
    ],
    rows: list.map((a) => [
      a.id,
      t(`ta.kind.${a.kind}`),
      a.title,
      a.countries.map((c) => localName(names.get(c), lang).text).join('; '),
      a.region ? localName(areaNames.get(a.region), lang).text : null,
      ...DATES.map((d) => a[d] ?? null),
      t(`ta.act_status.${a.status}`),
      a.mode ? t(`ta.mode.${a.mode}`) : null,
      a.hours ?? null,
      a.audience ?? null,
      a.cost ?? null,
      a.currency ?? null,
      a.cost_usd ?? null,
      a.implementer ?? null,
      t(`tier.${a.tier}`),
    ]),
  };
}

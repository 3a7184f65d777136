/**
 * An activity's participants (counts by role, sex, country and agency) as a spreadsheet: written
 * with names in the reader's language (an empty one is the template), read back with names in any
 * of the six UN languages or codes, previewed and written as every sheet is (core/files/sheet-import.ts).
 * A row with an `id` updates that participant row of the activity; one without adds a row.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows as query } from '../../core/db/query.js';
import type { SheetColumn, SheetRow } from '../../core/files/sheet.js';
import { importSheet, numberedIds, type SheetKind } from '../../core/files/sheet-import.js';
import { localName, type Translate, type UiLang } from '../../core/i18n.js';
import { labelled } from '../../core/names.js';
import { audit } from '../accounts/audit.js';
import { countriesNamed } from '../reference/service.js';
import { getActivity, PARTICIPANT_ROLES, SEXES } from './activities.js';

export type ParticipantRow = {
  role: string;
  sex: string;
  country: string | null;
  agency: string | null;
  count: number;
};

const MAX_COUNT = 1_000_000;
const roles = labelled('ta.role', PARTICIPANT_ROLES);
const sexes = labelled('ta.sex', SEXES);

/** The activity's participant rows as a kind of sheet record (the viewer may see the activity). */
export async function participantsKind(
  db: Orm,
  by: Viewer,
  activity: number,
): Promise<SheetKind<ParticipantRow>> {
  await getActivity(db, by, activity);
  const countries = await countriesNamed(db);
  const ids = await query<{ id: number }>(
    db,
    sql`SELECT id FROM participant_count WHERE activity_id = ${activity}`,
  );
  return {
    required: ['role', 'count'],
    ids: numberedIds(ids.map((r) => r.id)),
    read({ cell, problem }) {
      const role = roles.find(cell('role'));
      if (!cell('role')) problem('role', 'a role is required');
      else if (!role) problem('role', `“${cell('role')}” is not a role (the template lists them)`);
      const sex = cell('sex') ? sexes.find(cell('sex')) : 'not_recorded';
      if (!sex) problem('sex', `“${cell('sex')}” is not a sex the template lists`);
      const country = cell('country') ? countries.find(cell('country')) : null;
      if (country === undefined) problem('country', `“${cell('country')}” is not a country cyrepo knows`);
      if (cell('agency').length > 300) problem('agency', 'at most 300 characters');
      const count = Number(cell('count'));
      if (!cell('count')) problem('count', 'a number of people is required');
      else if (!Number.isInteger(count) || count < 0 || count > MAX_COUNT)
        problem('count', `“${cell('count')}” is not a whole number of people`);
      return { role: role!, sex: sex!, country: country ?? null, agency: cell('agency') || null, count };
    },
    async write(id, v) {
      if (id === null)
        await db.execute(sql`INSERT INTO participant_count (activity_id, role, sex, country, agency, count)
          VALUES (${activity}, ${v.role}, ${v.sex}, ${v.country}, ${v.agency}, ${v.count})`);
      else
        await db.execute(sql`UPDATE participant_count SET role = ${v.role}, sex = ${v.sex}, country = ${v.country}, agency = ${v.agency}, count = ${v.count}
          WHERE id = ${id} AND activity_id = ${activity}`);
    },
  };
}

/** Writes every row, or nothing when a row is wrong; the activity's history keeps its participants before and after. Pass a transaction. */
export async function importParticipants(db: Orm, by: Viewer, activity: number, sheet: SheetRow[]) {
  const before = await getActivity(db, by, activity);
  const done = await importSheet(await participantsKind(db, by, activity), sheet);
  await db.execute(
    sql`UPDATE activity SET updated_at = now(), updated_by = ${by.name} WHERE id = ${activity}`,
  );
  const after = await getActivity(db, by, activity);
  await audit(db, by, 'import', 'activity', String(activity), before.participants, after.participants);
  return done;
}

/** The activity's participant rows as a sheet, with names in `lang` (the accepted values listed for each closed column). */
export async function participantSheet(
  db: Orm,
  viewer: Viewer,
  activity: number,
  lang: UiLang,
  t: Translate,
): Promise<{ columns: SheetColumn[]; rows: (string | number | null)[][] }> {
  await getActivity(db, viewer, activity); // the viewer may see it
  const list = await query<ParticipantRow & { id: number; names: Record<string, string> | null }>(
    db,
    sql`SELECT p.id, p.role, p.sex, p.country, c.names, p.agency, p.count FROM participant_count p LEFT JOIN country c ON c.iso3 = p.country
        WHERE p.activity_id = ${activity} ORDER BY p.id`,
  );
  return {
    columns: [
      { name: 'id', width: 8 },
      { name: 'role', width: 24, accepts: PARTICIPANT_ROLES.map((r) => t(`ta.role.${r}`)) },
      { name: 'sex', width: 14, accepts: SEXES.map((s) => t(`ta.sex.${s}`)) },
      { name: 'country', width: 24 },
      { name: 'agency', width: 30 },
      { name: 'count', width: 8 },
    ],
    rows: list.map((p) => [
      p.id,
      t(`ta.role.${p.role}`),
      t(`ta.sex.${p.sex}`),
      p.names ? localName(p.names, lang).text : null,
      p.agency,
      p.count,
    ]),
  };
}

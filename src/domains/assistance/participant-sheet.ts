/**
 * An activity's participants (counts by role, sex, country and agency) as a spreadsheet: written
 * with names in the reader's language (an empty one is the template), read back with names in any
 * of the six UN languages or codes. Each row is checked on its own — a preview names each problem's
 * line and column — and all rows are written in one transaction, only when none has a problem. A
 * row with an `id` updates that participant row of the activity; one without adds a row.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows as query } from '../../core/db/query.js';
import { AppError, badRequest } from '../../core/errors.js';
import type { SheetColumn, SheetRow } from '../../core/files/sheet.js';
import { localName, type Translate, type UiLang } from '../../core/i18n.js';
import { labelled } from '../../core/names.js';
import { audit } from '../accounts/audit.js';
import { countriesNamed } from '../reference/service.js';
import { getActivity, PARTICIPANT_ROLES, SEXES } from './activities.js';

export const PARTICIPANT_COLUMNS = ['id', 'role', 'sex', 'country', 'agency', 'count'] as const;
const MAX_ROWS = 5000;
const MAX_COUNT = 1_000_000;

export type ParticipantRow = {
  role: string;
  sex: string;
  country: string | null;
  agency: string | null;
  count: number;
};
export type PreviewRow = {
  /** the row's line in the file (the header is line 1) */
  line: number;
  action: 'create' | 'update';
  id: number | null;
  values: ParticipantRow | null;
  errors: { field: string; message: string }[];
};

const roles = labelled('ta.role', PARTICIPANT_ROLES);
const sexes = labelled('ta.sex', SEXES);

/** Every row read and checked against the activity's participants, nothing written. */
export async function previewParticipants(
  db: Orm,
  activity: number,
  sheet: SheetRow[],
): Promise<PreviewRow[]> {
  if (!sheet.length)
    throw badRequest('The file has no rows', { fields: [{ field: 'file', message: 'no rows' }] });
  if (sheet.length > MAX_ROWS)
    throw badRequest(`At most ${MAX_ROWS.toLocaleString('en')} rows a file`, {
      fields: [{ field: 'file', message: 'too many rows' }],
    });
  const missing = ['role', 'count'].filter((c) => !(c in sheet[0].cells));
  if (missing.length)
    throw badRequest(`The file has no ${missing.join(' or ')} column; start from the template`, {
      fields: missing.map((c) => ({ field: c, message: 'no such column' })),
    });
  const countries = await countriesNamed(db);
  const own = new Set(
    (
      await query<{ id: number }>(db, sql`SELECT id FROM participant_count WHERE activity_id = ${activity}`)
    ).map((r) => r.id),
  );
  const seen = new Set<number>();
  return sheet.map(({ line, cells, formulas }) => {
    const errors = formulas.map((field) => ({ field, message: 'a formula: type its value instead' }));
    const problem = (field: string, message: string) => errors.push({ field, message });
    const text = (c: string) => (cells[c] ?? '').trim();
    let id: number | null = null;
    if (text('id')) {
      id = Number(text('id'));
      if (!Number.isSafeInteger(id) || !own.has(id))
        problem('id', `no participant row ${text('id')} in this activity`);
      else if (seen.has(id)) problem('id', `row ${id} comes twice in the file`);
      seen.add(id);
    }
    const role = roles.find(text('role'));
    if (!text('role')) problem('role', 'a role is required');
    else if (!role) problem('role', `“${text('role')}” is not a role (${PARTICIPANT_ROLES.join(', ')})`);
    const sex = text('sex') ? sexes.find(text('sex')) : 'not_recorded';
    if (!sex) problem('sex', `“${text('sex')}” is not one of ${SEXES.join(', ')}`);
    const country = text('country') ? countries.find(text('country')) : null;
    if (country === undefined) problem('country', `“${text('country')}” is not a country cyrepo knows`);
    if (text('agency').length > 300) problem('agency', 'at most 300 characters');
    const count = Number(text('count'));
    if (!text('count')) problem('count', 'a number of people is required');
    else if (!Number.isInteger(count) || count < 0 || count > MAX_COUNT)
      problem('count', `“${text('count')}” is not a whole number of people`);
    return {
      line,
      action: id !== null && own.has(id) ? 'update' : 'create',
      id: id !== null && own.has(id) ? id : null,
      values: errors.length
        ? null
        : { role: role!, sex: sex!, country: country ?? null, agency: text('agency') || null, count },
      errors,
    };
  });
}

/** Writes every row, or nothing when a row is wrong (400 import_invalid naming the rows). Pass a transaction. */
export async function importParticipants(db: Orm, by: Viewer, activity: number, sheet: SheetRow[]) {
  const before = await getActivity(db, by, activity);
  const rows = await previewParticipants(db, activity, sheet);
  const bad = rows.filter((r) => r.errors.length);
  if (bad.length)
    throw new AppError(400, 'import_invalid', `${bad.length} rows have problems; nothing was imported`, {
      rows: bad.map(({ line, errors }) => ({ line, errors })),
    });
  for (const { id, values: v } of rows)
    if (id === null)
      await db.execute(sql`INSERT INTO participant_count (activity_id, role, sex, country, agency, count)
        VALUES (${activity}, ${v!.role}, ${v!.sex}, ${v!.country}, ${v!.agency}, ${v!.count})`);
    else
      await db.execute(sql`UPDATE participant_count SET role = ${v!.role}, sex = ${v!.sex}, country = ${v!.country}, agency = ${v!.agency}, count = ${v!.count}
        WHERE id = ${id} AND activity_id = ${activity}`);
  await db.execute(
    sql`UPDATE activity SET updated_at = now(), updated_by = ${by.name} WHERE id = ${activity}`,
  );
  await audit(
    db,
    by,
    'import',
    'activity',
    String(activity),
    before.participants,
    (await getActivity(db, by, activity)).participants,
  );
  return {
    created: rows.filter((r) => r.action === 'create').length,
    updated: rows.filter((r) => r.action === 'update').length,
  };
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

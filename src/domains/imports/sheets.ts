/**
 * The kinds of records kept in spreadsheets, by name: the sheet written for them, and how its rows
 * are checked and written back. One home for all three, so that the web, the command line and a sheet imported while its request waits and a large one imported by a
 * background job (./sheet-job.ts) go the same way. `scope` is the record a sheet belongs to, as its
 * address writes it (an activity's id for its participants, a law's id for its mappings), or ''.
 */
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import type { SheetRow } from '../../core/files/sheet.js';
import { importSheet, type SheetKind } from '../../core/files/sheet-import.js';
import type { SheetColumn } from '../../core/files/sheet.js';
import type { Translate, UiLang } from '../../core/i18n.js';
import { importMappings, mappingsKind, mappingsSheet } from '../analysis/mapping-sheet.js';
import { activitiesKind, activitiesSheet } from '../assistance/activity-sheet.js';
import {
  contributionsKind,
  contributionsSheet,
  needsKind,
  needsSheet,
} from '../assistance/funding-sheets.js';
import { importParticipants, participantSheet, participantsKind } from '../assistance/participant-sheet.js';
import { authoritiesKind, authoritiesSheet } from '../cooperation/authority-import.js';
import { worksKind, worksSheet } from '../legislation/sheet.js';

/** What a sheet's import did: records added, changed, and left as they were (their rows said what they held). */
export type Counts = { created: number; updated: number; unchanged: number };
/** A sheet as written: its title, columns and rows. */
export type SheetContent = { title: string; columns: SheetColumn[]; rows: (string | number | null)[][] };
export type SheetRecords<V, Id = number> = {
  name: string;
  /** the records the viewer may see, names in `lang`: the sheet to fill and import back */
  sheet(db: Orm, viewer: Viewer, scope: string, lang: UiLang, t: Translate): Promise<SheetContent>;
  kind(db: Orm, by: Viewer, scope: string): Promise<SheetKind<V, Id>>;
  /** the import, in a transaction; importSheet of the kind unless the records need more */
  import?(tx: Orm, by: Viewer, scope: string, rows: SheetRow[]): Promise<Counts>;
};
const records = <V, Id = number>(r: SheetRecords<V, Id>) => r;

export const SHEETS = {
  activities: records({
    name: 'activities',
    kind: activitiesKind,
    sheet: (db, viewer, _scope, lang, t) => activitiesSheet(db, viewer, lang, t),
  }),
  participants: records({
    name: 'participants',
    sheet: async (db, viewer, scope, lang, t) => ({
      title: `activity-${scope}-participants`,
      ...(await participantSheet(db, viewer, Number(scope), lang, t)),
    }),
    kind: (db, by, scope) => participantsKind(db, by, Number(scope)),
    import: (tx, by, scope, rows) => importParticipants(tx, by, Number(scope), rows),
  }),
  contributions: records({
    name: 'contributions',
    kind: contributionsKind,
    sheet: (db, viewer, _scope, lang, t) => contributionsSheet(db, viewer, lang, t),
  }),
  needs: records({
    name: 'needs',
    kind: needsKind,
    sheet: (db, _viewer, _scope, lang) => needsSheet(db, lang),
  }),
  laws: records({
    name: 'laws',
    kind: worksKind,
    sheet: (db, viewer, _scope, lang, t) => worksSheet(db, viewer, lang, t),
  }),
  mappings: records({
    name: 'mappings',
    kind: mappingsKind,
    import: importMappings,
    sheet: (db, viewer, scope, _lang, t) => mappingsSheet(db, viewer, scope, t),
  }),
  authorities: records({
    name: 'authorities',
    kind: authoritiesKind,
    sheet: (db, viewer, _scope, lang, t) => authoritiesSheet(db, viewer, lang, t),
  }),
};
export type SheetName = keyof typeof SHEETS;
export const isSheetName = (name: string): name is SheetName => name in SHEETS;

/** Writes a sheet's rows (every row right, or nothing: 400 import_invalid naming them). Pass a transaction. */
export async function saveSheet<V, Id>(
  tx: Orm,
  by: Viewer,
  sheet: SheetRecords<V, Id>,
  scope: string,
  rows: SheetRow[],
): Promise<Counts> {
  return sheet.import
    ? sheet.import(tx, by, scope, rows)
    : importSheet(await sheet.kind(tx, by, scope), rows);
}

/**
 * The kinds of records kept in spreadsheets, by name: how a sheet's rows are checked and written.
 * One home for both, so that a sheet imported while its request waits and a large one imported by a
 * background job (./sheet-job.ts) go the same way. `scope` is the record a sheet belongs to, as its
 * address writes it (an activity's id for its participants, a law's id for its mappings), or ''.
 */
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import type { SheetRow } from '../../core/files/sheet.js';
import { importSheet, type SheetKind } from '../../core/files/sheet-import.js';
import { importMappings, mappingsKind } from '../analysis/mapping-sheet.js';
import { activitiesKind } from '../assistance/activity-sheet.js';
import { contributionsKind, needsKind } from '../assistance/funding-sheets.js';
import { importParticipants, participantsKind } from '../assistance/participant-sheet.js';
import { authoritiesKind } from '../cooperation/authority-import.js';
import { worksKind } from '../legislation/sheet.js';

export type Counts = { created: number; updated: number };
export type SheetRecords<V, Id = number> = {
  name: string;
  kind(db: Orm, by: Viewer, scope: string): Promise<SheetKind<V, Id>>;
  /** the import, in a transaction; importSheet of the kind unless the records need more */
  import?(tx: Orm, by: Viewer, scope: string, rows: SheetRow[]): Promise<Counts>;
};
const records = <V, Id = number>(r: SheetRecords<V, Id>) => r;

export const SHEETS = {
  activities: records({ name: 'activities', kind: activitiesKind }),
  participants: records({
    name: 'participants',
    kind: (db, by, scope) => participantsKind(db, by, Number(scope)),
    import: (tx, by, scope, rows) => importParticipants(tx, by, Number(scope), rows),
  }),
  contributions: records({ name: 'contributions', kind: contributionsKind }),
  needs: records({ name: 'needs', kind: needsKind }),
  laws: records({ name: 'laws', kind: worksKind }),
  mappings: records({ name: 'mappings', kind: mappingsKind, import: importMappings }),
  authorities: records({ name: 'authorities', kind: authoritiesKind }),
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

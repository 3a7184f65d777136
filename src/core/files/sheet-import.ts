/**
 * Records from a spreadsheet, the same way for every kind: each row read and checked on its own —
 * a preview names each problem's line and column, nothing written — then every row written in the
 * caller's transaction, only when none has a problem. A row with an `id` updates that record (it
 * must be one the kind lets the sheet change, and come once); a row without one adds a record, unless
 * the kind knows the record by what the row says. A formula is never evaluated: its cell is a problem.
 */
import { AppError, badRequest } from '../errors.js';
import type { SheetRow } from './sheet.js';

export type RowProblem = { field: string; message: string };
export type PreviewRow<V, Id = number> = {
  /** the row's line in the file (the header is line 1) */
  line: number;
  action: 'create' | 'update';
  id: Id | null;
  values: V | null;
  errors: RowProblem[];
};

/** A row being read: its cells, and the problems named at their columns. */
export type RowReader = {
  /** the row's line in the file */
  line: number;
  cell(column: string): string;
  /** whether the file has this column (a column it has not keeps what the record holds) */
  has(column: string): boolean;
  problem(field: string, message: string): void;
  /** whether a problem was named at this column */
  named(field: string): boolean;
  /** a schema's problems at their columns, but for the columns already named */
  issues(list: { path: PropertyKey[]; message: string }[]): void;
  /** the value a closed column names (in any language its lookup knows); a problem when it names none */
  closed(column: string, lookup: { find(text: string): string | undefined }): string | undefined;
};

/** What a kind of record brings: its columns, the records a row may update, and how a row reads and is written. */
export type SheetKind<V, Id = number> = {
  /** the columns a file must have (besides `id`, which only rows updating a record fill) */
  required: readonly string[];
  /** the records the sheet may update, by their id as a cell writes it (an id not among them is a problem) */
  ids: ReadonlyMap<string, Id>;
  /** a row's values, naming each thing wrong (then the values are not used); `id`: the record it updates */
  read(row: RowReader, id: Id | null): V | null;
  /** the record a row without an id is, when the kind knows records by what they say (e.g. a country's authority by its name) */
  match?(values: V): Id | undefined;
  /** writes a row; 'unchanged' when the record already says what the row says (nothing written) */
  write(id: Id | null, values: V): Promise<void | 'unchanged'>;
};

/** Numbered records' ids as cells write them. */
export const numberedIds = (ids: number[]) => new Map(ids.map((id) => [String(id), id]));

const MAX_ROWS = 5000;

/** A cell as a number (thousands separators aside), undefined when empty (NaN when not a number: the schema names it). */
export const cellNumber = (text: string) => (text === '' ? undefined : Number(text.replace(/[\s,]/g, '')));

/** Every row read and checked, nothing written. */
export function previewSheet<V, Id>(kind: SheetKind<V, Id>, sheet: SheetRow[]): PreviewRow<V, Id>[] {
  if (!sheet.length)
    throw badRequest('The file has no rows', { fields: [{ field: 'file', message: 'no rows' }] });
  if (sheet.length > MAX_ROWS)
    throw badRequest(`At most ${MAX_ROWS.toLocaleString('en')} rows a file`, {
      fields: [{ field: 'file', message: 'too many rows' }],
    });
  const missing = kind.required.filter((c) => !(c in sheet[0].cells));
  if (missing.length)
    throw badRequest(`The file has no ${missing.join(', ')} column; start from the template`, {
      fields: missing.map((c) => ({ field: c, message: 'no such column' })),
    });
  const seen = new Set<string>();
  return sheet.map(({ line, cells, formulas }) => {
    const errors: RowProblem[] = formulas.map((field) => ({
      field,
      message: 'a formula: type its value instead',
    }));
    const problem = (field: string, message: string) => void errors.push({ field, message });
    const cell = (c: string) => (formulas.includes(c) ? '' : (cells[c] ?? '').trim());
    let id: Id | null = null;
    const wanted = cell('id');
    if (wanted) {
      if (!kind.ids.has(wanted)) problem('id', `no record ${wanted} to change here`);
      else if (seen.has(wanted)) problem('id', `record ${wanted} comes twice in the file`);
      else id = kind.ids.get(wanted)!;
      seen.add(wanted);
    }
    const values = kind.read(
      {
        line,
        cell,
        has: (column) => column in cells,
        problem,
        named: (field) => errors.some((e) => e.field === field),
        issues(list) {
          for (const i of list) {
            const field = String(i.path[0] ?? 'row');
            if (!errors.some((e) => e.field === field)) problem(field, i.message);
          }
        },
        closed(column, lookup) {
          const value = cell(column) ? lookup.find(cell(column)) : undefined;
          if (cell(column) && !value) problem(column, `“${cell(column)}” is not one the template lists`);
          return value;
        },
      },
      id,
    );
    const matched = id === null && values && !errors.length ? kind.match?.(values) : undefined;
    if (matched !== undefined) {
      if (seen.has(String(matched))) problem('id', `record ${matched} comes twice in the file`);
      else id = matched;
      seen.add(String(matched));
    }
    return {
      line,
      action: id === null ? 'create' : 'update',
      id,
      values: errors.length ? null : values,
      errors,
    };
  });
}

/** Writes every row, or nothing when a row is wrong (400 import_invalid naming the rows). Pass a transaction's kind. */
export async function importSheet<V, Id>(kind: SheetKind<V, Id>, sheet: SheetRow[]) {
  const rows = assertRight(previewSheet(kind, sheet));
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const r of rows)
    if ((await kind.write(r.id, r.values!)) === 'unchanged') counts.unchanged++;
    else counts[r.action === 'create' ? 'created' : 'updated']++;
  return counts;
}

/** The previewed rows when none has a problem; else 400 import_invalid naming the rows and their problems. */
export function assertRight<V, Id>(rows: PreviewRow<V, Id>[]): PreviewRow<V, Id>[] {
  const bad = rows.filter((r) => r.errors.length);
  if (bad.length)
    throw new AppError(400, 'import_invalid', `${bad.length} rows have problems; nothing was imported`, {
      rows: bad.map(({ line, errors }) => ({ line, errors })),
    });
  return rows;
}

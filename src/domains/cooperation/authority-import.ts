/**
 * The directory from a spreadsheet (CSV, or the first sheet of an XLSX), in the columns of its CSV
 * export: each row read and checked on its own — a preview with each row's problems at its column —
 * and written only when every row is right, all in one transaction. A row updates the authority of
 * its `id`, or the one of the same country, kind and name; otherwise it adds one.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import { AppError, badRequest } from '../../core/errors.js';
import { readSheet } from '../../core/files/sheet.js';
import {
  type AuthorityInput,
  authorityInput,
  CONTACT_FIELDS,
  createAuthority,
  referenceProblems,
  updateAuthority,
} from './authorities.js';

export type ImportRow = {
  /** the row's line in the file (the header is line 1) */
  line: number;
  action: 'create' | 'update';
  id: number | null;
  authority: AuthorityInput | null;
  errors: { field: string; message: string }[];
};

/** The rows of a CSV or XLSX file as records of text by column name. */
export const sheetRecords = async (bytes: Buffer, filename: string) =>
  (await readSheet(bytes, filename)).map((r) => r.cells);

const list = (v: string | undefined) =>
  (v ?? '')
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** One row as an authority (or its problems, named by the file's columns). */
function rowInput(r: Record<string, string>) {
  const contact = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, r[`contact_${f}`] ?? '']));
  return authorityInput.safeParse({
    country: (r.country ?? '').toUpperCase(),
    kind: r.kind,
    name: r.name ?? '',
    designations: list(r.designations).map((d) => {
      const [instrument, ...article] = d.split(/\s+/);
      return { instrument: instrument?.toUpperCase() ?? '', article: article.join(' ') };
    }),
    languages: list(r.languages).map((l) => l.toLowerCase()),
    channels: list(r.channels),
    legal_bases: list(r.legal_bases),
    requirements: r.requirements ?? '',
    urgent_procedure: r.urgent_procedure ?? '',
    turnaround_days: r.turnaround_days ? Number(r.turnaround_days) : null,
    verified_on: r.verified_on || null,
    source: r.source ?? '',
    fictional: /^(yes|true|1)$/i.test(r.fictional ?? ''),
    contact: Object.values(contact).some(Boolean) ? contact : undefined,
  });
}

/** Every row read and checked, nothing written. */
export async function previewImport(db: Orm, records: Record<string, string>[]): Promise<ImportRow[]> {
  if (!records.length)
    throw badRequest('The file has no rows', { fields: [{ field: 'file', message: 'no rows' }] });
  if (records.length > 5000)
    throw badRequest('At most 5,000 rows a file', { fields: [{ field: 'file', message: 'too many rows' }] });
  const out: ImportRow[] = [];
  for (const [i, r] of records.entries()) {
    const parsed = rowInput(r);
    // The country is checked whatever else is wrong with the row; the instruments once the row reads.
    const country = /^[A-Z]{3}$/i.test(r.country ?? '') ? r.country.toUpperCase() : undefined;
    const references = await referenceProblems(db, parsed.success ? parsed.data : { country });
    const errors = [
      ...(parsed.success
        ? []
        : parsed.error.issues.map((x) => ({ field: x.path.join('.') || 'row', message: x.message }))),
      ...references.map((p) => ({ field: p.field.replace(/^body\./, ''), message: p.message })),
    ];
    const wanted = r.id ? Number(r.id) : null;
    const existing =
      parsed.success || wanted
        ? await one<{ id: number }>(
            db,
            wanted
              ? sql`SELECT id FROM authority WHERE id = ${Number.isSafeInteger(wanted) ? wanted : -1}`
              : sql`SELECT id FROM authority WHERE country = ${parsed.data!.country} AND kind = ${parsed.data!.kind} AND name = ${parsed.data!.name}`,
          )
        : undefined;
    if (wanted && !existing) errors.push({ field: 'id', message: `no authority ${r.id}` });
    out.push({
      line: i + 2,
      action: existing ? 'update' : 'create',
      id: existing?.id ?? null,
      authority: parsed.success ? parsed.data : null,
      errors,
    });
  }
  return out;
}

/** Writes every row, or nothing when a row is wrong (400 import_invalid with the rows). Pass a transaction. */
export async function runImport(db: Orm, by: Viewer, records: Record<string, string>[]) {
  const rows = await previewImport(db, records);
  if (rows.some((r) => r.errors.length))
    throw new AppError(
      400,
      'import_invalid',
      `${rows.filter((r) => r.errors.length).length} rows have problems; nothing was imported`,
      {
        rows: rows.filter((r) => r.errors.length).map(({ line, errors }) => ({ line, errors })),
      },
    );
  for (const r of rows)
    if (r.id === null) await createAuthority(db, by, r.authority!);
    else await updateAuthority(db, by, r.id, r.authority!);
  return {
    created: rows.filter((r) => r.action === 'create').length,
    updated: rows.filter((r) => r.action === 'update').length,
  };
}

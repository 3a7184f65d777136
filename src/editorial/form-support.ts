/** Server-side helpers shared by the back-office edit routes of laws, cases and documents. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Orm } from '../db/connect.js';
import { AppError, fromPgError } from '../errors.js';
import { listCountries } from '../reference/service.js';
import type { FieldErrors } from '../web/forms.js';
import { localName } from '../web/i18n.js';

/** A urlencoded form as flat strings (repeated fields joined with commas). */
export const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v.join(',') : v)));

/** The countries the viewer may file items for: a contributor's own, else all. */
export async function countryOptions(db: Orm, req: FastifyRequest): Promise<[string, string][]> {
  const all = await listCountries(db, req.viewer);
  const mine = req.viewer.role === 'contributor' ? all.filter((c) => req.viewer.countries.includes(c.iso3)) : all;
  return mine.map((c) => [c.iso3, localName(c.names, req.ui.lang).text]);
}

/**
 * A service error the form can show next to a field (unknown citations, a duplicate), or
 * undefined for errors that end the request (forbidden, not found, server errors).
 */
export function formError(err: unknown, fields: { reference?: string; conflict: string; other: string }, unknownReference: string): { status: number; errors: FieldErrors } | undefined {
  const e = err instanceof AppError ? err : fromPgError(err);
  if (!e || e.status >= 500 || [401, 403, 404].includes(e.status)) return undefined;
  if (e.code === 'invalid_reference' && fields.reference) return { status: 400, errors: { [fields.reference]: `${unknownReference} ${e.message}` } };
  return { status: e.status, errors: { [e.status === 409 ? fields.conflict : fields.other]: e.message } };
}


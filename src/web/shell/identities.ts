/**
 * Staff identities stay internal: who created, changed or reviewed a record ("user:EMAIL",
 * "token:NAME") is shown to signed-in users who may see internal items, never to the public. One
 * rule for every API answer, applied as it is serialised, so no endpoint can forget it.
 */
import type { FastifyInstance } from 'fastify';
import { tiersFor, type Viewer } from '../../core/access.js';

/** The fields that name a member of staff. */
const IDENTITY_FIELDS = new Set(['created_by', 'updated_by', 'reviewed_by', 'reviewer', 'actor']);

export const seesIdentities = (viewer: Viewer | undefined) =>
  !!viewer && tiersFor(viewer).includes('internal');

/** A copy of `value` with every identity field set to null (plain data: objects and arrays). */
export function withoutIdentities<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutIdentities) as T;
  if (!value || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      IDENTITY_FIELDS.has(k) && v !== null ? null : withoutIdentities(v),
    ]),
  ) as T;
}

export function installIdentityFilter(app: FastifyInstance) {
  app.addHook('preSerialization', async (req, _reply, payload) =>
    seesIdentities(req.viewer) ? payload : withoutIdentities(payload),
  );
}

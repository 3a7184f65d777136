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

/**
 * `value` with every identity field set to null (plain data: objects and arrays): the objects and
 * arrays holding one are copied, the rest is `value`'s own (most answers hold none: nothing copied).
 */
export function withoutIdentities<T>(value: T): T {
  if (!value || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const w = typeof v === 'object' ? withoutIdentities(v) : v;
      if (w !== v) (copy ??= [...value])[i] = w;
    }
    return (copy ?? value) as T;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const k of Object.keys(record)) {
    const v = record[k];
    const w = IDENTITY_FIELDS.has(k) && v !== null ? null : typeof v === 'object' ? withoutIdentities(v) : v;
    if (w !== v) (copy ??= { ...record })[k] = w;
  }
  return (copy ?? value) as T;
}

export function installIdentityFilter(app: FastifyInstance) {
  app.addHook('preSerialization', async (req, _reply, payload) =>
    seesIdentities(req.viewer) ? payload : withoutIdentities(payload),
  );
}

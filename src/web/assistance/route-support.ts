/** What the technical assistance routes share: the id parameter, the API's security, and the choices a form offers. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Orm } from '../../core/db/connect.js';
import { recordId } from '../../core/codes.js';
import { listOrganisations } from '../../domains/assistance/funding.js';
import { listRequests } from '../../domains/assistance/requests.js';

export const idParam = z.object({ id: recordId });
export const secured = { tags: ['assistance'], security: [{ token: [] }] };
export type Form = Record<string, string>;

/** The organisations as choices (id, name). */
export const organisationOptions = async (db: Orm): Promise<[string, string][]> =>
  (await listOrganisations(db)).map((o) => [String(o.id), o.name]);

/** The requests an activity can answer: those accepted or in progress. */
export const openRequests = async (db: Orm, req: FastifyRequest) =>
  (await listRequests(db, req.viewer, {})).filter((r) => ['accepted', 'in_progress'].includes(r.status));

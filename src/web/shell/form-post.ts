/**
 * A back-office form post: the action runs in one transaction and the browser is sent on (303);
 * a problem with the input (a 4xx or a zod error) sends it back with the message instead.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database, Orm } from '../../core/db/connect.js';
import { inTransaction } from '../../core/db/tx.js';
import { AppError } from '../../core/errors.js';

export type Form = Record<string, string>;

export async function runForm(
  database: Database,
  req: FastifyRequest,
  reply: FastifyReply,
  back: string,
  action: (tx: Orm, form: Form) => Promise<string | void>,
) {
  try {
    const next = await inTransaction(database, (tx) => action(tx, req.body as Form));
    return reply.redirect(next ?? back, 303);
  } catch (err) {
    const message =
      err instanceof z.ZodError
        ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
        : err instanceof AppError && err.status < 500
          ? err.message
          : null;
    if (message === null) throw err;
    return reply.redirect(
      `${back}${back.includes('?') ? '&' : '?'}error=${encodeURIComponent(message)}`,
      303,
    );
  }
}

/**
 * Every request's text checked before its schema: path parameters, query and JSON or form bodies
 * (keys and values, at any depth). A character that may not be stored (see text.ts) is refused
 * with 400 `invalid_characters` naming the field; a body nested deeper than MAX_NESTING levels is
 * refused with 400 `too_deep` before anything walks it recursively (multipart fields and file
 * names: files/upload.ts, with the same check).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkInput } from '../../core/text.js';

export function installInputCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    checkInput(req.params, 'params');
    checkInput(req.query, 'querystring');
    checkInput(req.body, 'body');
  });
}

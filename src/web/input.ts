/**
 * Every request's text checked before its schema: path parameters, query and JSON or form bodies
 * (keys and values, at any depth). A character that may not be stored (see text.ts) is refused
 * with 400 `invalid_characters` naming the field; a body nested deeper than MAX_NESTING levels is
 * refused with 400 `too_deep` before anything walks it recursively.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { badCharacter } from '../text.js';

export const MAX_NESTING = 128;

/** Parsed text (JSON, form, query, params objects, some without a prototype), not a file or stream. */
const isParsed = (v: object) => !(ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Date || typeof (v as { pipe?: unknown }).pipe === 'function');

function refuse(field: string, char: string): never {
  const message = `The field "${field}" contains a character that cannot be stored (${char}); remove it and send it again`;
  throw new AppError(400, 'invalid_characters', message, { field, fields: [{ field, message }] });
}

/** Throws a 400 for the first disallowed character or excessive nesting in `value`. */
export function checkInput(value: unknown, field: string, depth = 0): void {
  if (typeof value === 'string') {
    const bad = badCharacter(value);
    if (bad) refuse(field, bad);
    return;
  }
  if (!value || typeof value !== 'object') return;
  if (depth >= MAX_NESTING)
    throw new AppError(400, 'too_deep', `The field "${field}" is nested more than ${MAX_NESTING} levels deep`, { field });
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkInput(v, `${field}.${i}`, depth + 1));
    return;
  }
  if (!isParsed(value)) return; // files and streams are checked by their importers
  for (const [k, v] of Object.entries(value)) {
    const bad = badCharacter(k);
    if (bad) refuse(`${field}.${k.replace(/[^\x20-\x7e]/g, '?')}`, bad);
    checkInput(v, `${field}.${k}`, depth + 1);
  }
}

export function installInputCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    checkInput(req.params, 'params');
    checkInput(req.query, 'querystring');
    checkInput(req.body, 'body');
  });
}

/**
 * The one rule for characters cyrepo stores and writes: text is Unicode that XML 1.0 can carry.
 * Not allowed: C0 control characters other than tab, line feed and carriage return; DEL and the
 * C1 controls (U+007F–U+009F); the non-characters U+FFFE and U+FFFF; lone surrogates (half of a
 * UTF-16 pair, which no encoding can write). PostgreSQL refuses NUL outright, and every XML file
 * (Akoma Ntoso, IATI, DOCX) with one of the others is ill-formed.
 *
 * - HTTP input is refused (see web/input.ts): the person sending it learns which field is wrong.
 * - Imported files are cleaned with `cleanText`: a stray control character in a PDF or a CSV
 *   should not stop an import, and it carries no meaning.
 * - Writers escape with `xmlText`, which also drops them, so that an export is well-formed even
 *   if such text reached the database before this rule existed.
 */

import { AppError } from './errors.js';

// Without the u flag, so that each half of a surrogate pair is seen on its own.
const BAD =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BAD_ALL = new RegExp(BAD.source, 'g');

/** The first character that may not be stored, as "U+0001", or undefined when the text is clean. */
export function badCharacter(text: string): string | undefined {
  const m = BAD.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** The text without characters that may not be stored (vertical tab and form feed become a space). */
export function cleanText(text: string): string {
  if (!BAD.test(text)) return text;
  return text.replace(BAD_ALL, (c) => (c === '\u000B' || c === '\u000C' ? ' ' : ''));
}

/** Every string in a value (objects and arrays walked) cleaned with `cleanText`. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanDeep(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanDeep(v)])) as T;
  return value;
}

/** Text escaped for an XML element or attribute, without characters XML cannot carry. */
export const xmlText = (text: string) =>
  cleanText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const MAX_NESTING = 128;

/** Parsed text (JSON, form, query, params objects, some without a prototype), not a file or stream. */
const isParsed = (v: object) =>
  !(
    ArrayBuffer.isView(v) ||
    v instanceof ArrayBuffer ||
    v instanceof Date ||
    typeof (v as { pipe?: unknown }).pipe === 'function'
  );

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
    throw new AppError(
      400,
      'too_deep',
      `The field "${field}" is nested more than ${MAX_NESTING} levels deep`,
      { field },
    );
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      checkInput(v, `${field}.${i}`, depth + 1);
    });
    return;
  }
  if (!isParsed(value)) return; // files and streams are checked by their importers
  for (const [k, v] of Object.entries(value)) {
    const bad = badCharacter(k);
    if (bad) refuse(`${field}.${k.replace(/[^\x20-\x7e]/g, '?')}`, bad);
    checkInput(v, `${field}.${k}`, depth + 1);
  }
}

/**
 * The one error type services throw: an HTTP status, a stable code and a human message.
 * Unknown errors become a plain 500 with nothing internal (see server.ts).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'invalid_request', message, details);
/** A file refused for what reading it would take (size unpacked, nesting, pages, time, memory). */
export const tooComplex = (what: string | null, why: string) =>
  new AppError(413, 'file_too_complex', `${what ? `${what}: ` : ''}the file is too complex to read (${why})`);
export const unauthorized = () =>
  new AppError(401, 'unauthorized', 'A valid API token is required (Authorization: Bearer …)');

export const databaseUnavailable = () =>
  new AppError(
    503,
    'database_unavailable',
    'The database is not available at the moment; please try again in a few seconds',
  );

// Socket errors (ECONNREFUSED/ENOENT: nothing listens; ECONNRESET/EPIPE: dropped), SQLSTATE class 08
// (connection exception), 57P01–57P03 (server shutting down, crashed, starting up) and 53300 (no
// connection slot), and what pg says when a connection ends under a query or a pool waits too long.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/** True when the error says the database cannot be reached (not that a query was wrong). */
export function isConnectionError(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; syscall?: unknown; message?: unknown; cause?: unknown } | undefined,
      depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (
      UNAVAILABLE_CODES.has(code) ||
      code.startsWith('08') ||
      (code === 'ENOENT' && e.syscall === 'connect')
    )
      return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** Maps PostgreSQL constraint violations to client errors, and a database out of reach to 503. */
export function fromPgError(err: unknown): AppError | undefined {
  // Drizzle wraps the driver's error in `cause`.
  const outer = err as { code?: string; cause?: unknown };
  const e = (outer?.code ? outer : outer?.cause) as { code?: string; detail?: string } | undefined;
  if (e?.code === '23505') return conflict(e.detail ?? 'An item with the same key already exists');
  if (e?.code === '23503')
    return new AppError(400, 'invalid_reference', e.detail ?? 'A referenced item does not exist');
  // Class 22, data exception: a value the database cannot hold (out of range, malformed, a NUL) that
  // slipped past the input checks is still the request's fault, not a server error.
  if (e?.code?.startsWith('22'))
    return new AppError(
      400,
      'invalid_value',
      'A value in the request cannot be stored (out of range or malformed)',
    );
  if (isConnectionError(err)) return databaseUnavailable();
  return undefined;
}

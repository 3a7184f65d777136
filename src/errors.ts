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
export const badRequest = (message: string, details?: unknown) => new AppError(400, 'invalid_request', message, details);
export const unauthorized = () => new AppError(401, 'unauthorized', 'A valid API token is required (Authorization: Bearer …)');

/** Maps PostgreSQL constraint violations to client errors. */
export function fromPgError(err: unknown): AppError | undefined {
  // Drizzle wraps the driver's error in `cause`.
  const outer = err as { code?: string; cause?: unknown };
  const e = (outer?.code ? outer : outer?.cause) as { code?: string; detail?: string } | undefined;
  if (e?.code === '23505') return conflict(e.detail ?? 'An item with the same key already exists');
  if (e?.code === '23503') return new AppError(400, 'invalid_reference', e.detail ?? 'A referenced item does not exist');
  return undefined;
}

/**
 * Typed configuration, read once from the environment and validated at start.
 * A bad value stops the process with a readable list of every problem.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

const schema = z.object({
  /** Folder for the embedded PostgreSQL cluster and its socket. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… of an external server; unset → the embedded PostgreSQL in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * postgres://… of a read replica of the database (streaming replication); searches, their pages and
   * feeds read from it, everything else from the primary. Unset → everything from the primary.
   */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Address the HTTP server binds to. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port the HTTP server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL used in citations, feeds, JSON-LD and the links the command line prints; unset → http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** The programme's IATI organisation identifier and name, for the IATI export. */
  IATI_ORG_REF: z.string().min(1).default('XX-CYREPO'),
  IATI_ORG_NAME: z.string().min(1).default('Global Programme on Cybercrime'),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted request body and attachment, in megabytes. */
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(25),
  /** Requests per minute allowed from one address. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** A session ends after this many minutes without a request. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  /** A session ends this many hours after sign-in, however active. */
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  /** scrypt cost N for new password hashes (OWASP: 2^17); lower only for tests. */
  SCRYPT_N: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1024 && (n & (n - 1)) === 0, 'a power of two, at least 1024')
    .default(131072),
  /** Failed sign-ins in a row on one account before it must wait between checks (an address: four times as many). */
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** The longest wait between sign-in checks of one account after repeated failures (the wait doubles from 30 s), in minutes. */
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), so that rate limits,
   * sign-in throttling and logs see the client behind a reverse proxy: unset or `false` → none
   * (the address is the connection's); a number → that many proxy hops; otherwise a comma-separated
   * list of proxy addresses or CIDR ranges (`127.0.0.1,10.0.0.0/8`, `loopback`). `true` trusts any.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v): boolean | number | string[] =>
      v === 'false'
        ? false
        : v === 'true'
          ? true
          : /^\d+$/.test(v)
            ? Number(v)
            : v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
    )
    .refine(
      (v) =>
        typeof v !== 'object' ||
        v.every((a) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(a)),
      'false, true, a number of hops, or addresses / CIDR ranges separated by commas',
    ),
  /**
   * How many processes serve HTTP (node:cluster, one port; the first process owns the database and
   * replaces a worker that dies). 1 (the default) → a single process; `auto` → one per CPU core.
   */
  WORKERS: z
    .union(
      [z.literal('auto').transform(() => availableParallelism()), z.coerce.number().int().min(1).max(64)],
      { error: 'a number of processes from 1 to 64, or auto' },
    )
    .default(1),
  /**
   * Memory per process for whole answers to anonymous readers, kept while the database is unchanged
   * (src/web/shell/page-cache.ts); 0 turns the cache off.
   */
  PAGE_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  /**
   * Search answers each process keeps while the database has not changed, for every viewer
   * (src/domains/search/cache.ts); 0 turns that cache off.
   */
  SEARCH_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(1000),
  /** Email of the administrator made on first start (sets a password with `cyrepo user reset`). */
  ADMIN_EMAIL: z.string().email().default('admin@cyrepo.invalid'),
});

export type Env = z.infer<typeof schema> & {
  PUBLIC_URL: string;
  dataDir: string;
  /** Where PUBLIC_URL came from: set as such, made from a HOST or PORT that was set, or from the defaults. */
  publicUrlFrom: 'PUBLIC_URL' | 'HOST and PORT' | 'defaults';
};

export class ConfigError extends Error {}

/** Parses the given variables (process.env by default); throws ConfigError listing every problem. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(source[String(i.path[0])])})`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return {
    ...env,
    PUBLIC_URL: (
      env.PUBLIC_URL ?? `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`
    ).replace(/\/$/, ''),
    dataDir: resolve(env.DATA_DIR),
    publicUrlFrom: env.PUBLIC_URL
      ? 'PUBLIC_URL'
      : cleaned.HOST !== undefined || cleaned.PORT !== undefined
        ? 'HOST and PORT'
        : 'defaults',
  };
}

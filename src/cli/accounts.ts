/**
 * Account commands: `cyrepo user add | list | role | disable | reset` and
 * `cyrepo token [show] | create | revoke | list`. The CLI acts with full access and is audited as "cli".
 */
import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import type { Orm } from '../core/db/connect.js';
import { rows } from '../core/db/query.js';
import { CliError, withDatabase } from './support.js';
import { migrate } from '../core/db/migrate.js';
import { inTransaction } from '../core/db/tx.js';
import { baseUrl } from '../core/serving.js';
import { ROLES, SCOPES, system, type Role } from '../core/access.js';
import {
  createToken,
  ensureAdminToken,
  listTokens,
  revokeToken,
  type TokenScope,
} from '../domains/accounts/tokens.js';
import {
  createUser,
  ensureAdminUser,
  issueReset,
  listUsers,
  setDisabled,
  setOrganisation,
  setRole,
  userByEmail,
  userInput,
} from '../domains/accounts/users.js';

const CLI = system('cli');
const countries = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean)
    : [];

/** The roles as people write them: "programme officer" (as the pages say), programme-officer or programme_officer. */
const ROLE_NAMES = ROLES.map((r) => r.replace(/_/g, ' '));
const ROLE_HELP = ROLE_NAMES.join(' | ');

/** A role as typed (any case; words joined by spaces, hyphens or underscores) → its code; else one line naming the roles. */
export function parseRole(value: string): Role {
  const code = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (!(ROLES as readonly string[]).includes(code))
    throw new CliError(
      `unknown role "${value}"; use one of: ${ROLE_NAMES.map((n) => (n.includes(' ') ? `"${n}"` : n)).join(', ')}`,
    );
  return code as Role;
}

export function accountCommands(program: Command) {
  userCommands(program);
  tokenCommands(program);
}

/** `cyrepo user add | list | role | disable | reset`. */
function userCommands(program: Command) {
  const user = program.command('user').description('manage user accounts');
  user
    .command('add')
    .description('create a user (then send them the link from `user reset`)')
    .argument('<email>')
    .requiredOption('--name <name>', 'name shown in the history')
    .option('--role <role>', ROLE_HELP, 'reader')
    .option('--countries <ISO3,…>', 'countries a contributor drafts for')
    .option('--organisation <name>', 'organisation the user works for (shares its cooperation requests)')
    .action(
      (email: string, opts: { name: string; role: string; countries?: string; organisation?: string }) => {
        const role = parseRole(opts.role);
        return withDatabase(async (db) => {
          await migrate(db.pool);
          const parsed = userInput.safeParse({
            email,
            display_name: opts.name,
            role,
            countries: countries(opts.countries),
            organisation_id: opts.organisation ? await organisationId(db.orm, opts.organisation) : null,
          });
          if (!parsed.success)
            throw new CliError(`${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
          const u = await inTransaction(db, (tx) => createUser(tx, CLI, parsed.data));
          console.log(
            `created ${u.email} (${u.role}${u.countries.length ? `: ${u.countries.join(', ')}` : ''})`,
          );
        });
      },
    );
  user
    .command('list')
    .description('list users')
    .action(() =>
      withDatabase(async (db) => {
        await migrate(db.pool);
        for (const u of await listUsers(db.orm))
          console.log(
            [
              u.email,
              u.role,
              u.countries.join(',') || '-',
              u.disabled_at ? 'disabled' : 'active',
              u.has_password ? 'password set' : 'no password',
            ].join('\t'),
          );
      }),
    );
  user
    .command('role')
    .description("change a user's role (and a contributor's countries)")
    .argument('<email>')
    .argument('<role>', ROLE_HELP)
    .option('--countries <ISO3,…>', 'countries a contributor drafts for')
    .option('--organisation <name>', 'organisation the user works for ("" for none)')
    .action((email: string, newRole: string, opts: { countries?: string; organisation?: string }) => {
      const role = parseRole(newRole);
      return withDatabase(async (db) => {
        await migrate(db.pool);
        const u = await userByEmail(db.orm, email);
        const organisation =
          opts.organisation === undefined
            ? undefined
            : opts.organisation
              ? await organisationId(db.orm, opts.organisation)
              : null;
        const changed = await inTransaction(db, async (tx) => {
          if (organisation !== undefined) await setOrganisation(tx, CLI, u.id, organisation);
          return setRole(tx, CLI, u.id, role, opts.countries ? countries(opts.countries) : u.countries);
        });
        console.log(
          `${changed.email} is now ${changed.role}${changed.countries.length ? ` (${changed.countries.join(', ')})` : ''}`,
        );
      });
    });
  user
    .command('disable')
    .description('disable an account (ends its sessions; its tokens stop working)')
    .argument('<email>')
    .option('--enable', 'enable it again')
    .action((email: string, opts: { enable?: boolean }) =>
      withDatabase(async (db) => {
        await migrate(db.pool);
        const u = await userByEmail(db.orm, email);
        await inTransaction(db, (tx) => setDisabled(tx, CLI, u.id, !opts.enable));
        console.log(`${u.email} ${opts.enable ? 'enabled' : 'disabled'}`);
      }),
    );
  user
    .command('reset')
    .description(
      'print a one-time link (valid 24 hours) to set the password, on PUBLIC_URL (else HOST and PORT, else the server running on DATA_DIR)',
    )
    .argument('<email>')
    .action((email: string) =>
      withDatabase(async (db, _log, env) => {
        await migrate(db.pool);
        // The first administrator exists before the first `serve` too.
        if (email.trim().toLowerCase() === env.ADMIN_EMAIL.toLowerCase())
          await ensureAdminUser(db.orm, env.ADMIN_EMAIL);
        const token = await inTransaction(db, (tx) => issueReset(tx, CLI, email));
        const base = baseUrl(env);
        // The link alone on standard output (for scripts); which base URL and why on standard error.
        console.log(`${base.url}/reset/${token}`);
        console.error(
          `one-time link to set the password of ${email}, valid 24 hours; base URL ${base.url} from ${base.from}`,
        );
      }),
    );
}

/** `cyrepo token` (the first administrator's token) and `token create | list | revoke`. */
function tokenCommands(program: Command) {
  const token = program
    .command('token')
    .description('API tokens; without a subcommand, print the first admin token');
  token.action(() =>
    withDatabase(async (db, _log, env) => {
      await migrate(db.pool);
      console.log(await ensureAdminToken(db.orm, env.ADMIN_EMAIL));
    }),
  );
  token
    .command('create')
    .description('make a token for a user; it is printed once')
    .requiredOption('--user <email>')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--scope <scope>', 'read | write | admin (administrators only)', 'read')
    .action((opts: { user: string; name: string; scope: string }) =>
      withDatabase(async (db) => {
        if (!(SCOPES as readonly string[]).includes(opts.scope))
          throw new CliError(`unknown scope "${opts.scope}"; use read, write or admin`);
        await migrate(db.pool);
        const u = await userByEmail(db.orm, opts.user);
        const made = await inTransaction(db, (tx) =>
          createToken(tx, CLI, { userId: u.id, name: opts.name, scope: opts.scope as TokenScope }),
        );
        console.log(made.token);
      }),
    );
  token
    .command('list')
    .description('list tokens (never their values)')
    .action(() =>
      withDatabase(async (db) => {
        await migrate(db.pool);
        for (const t of await listTokens(db.orm))
          console.log(
            [
              t.id,
              t.name,
              t.scope,
              t.email ?? '-',
              t.last_used_at ?? 'never used',
              t.revoked_at ? 'revoked' : 'active',
            ].join('\t'),
          );
      }),
    );
  token
    .command('revoke')
    .description('revoke a token by its id (see `token list`)')
    .argument('<id>')
    .action((id: string) =>
      withDatabase(async (db) => {
        if (!/^\d+$/.test(id)) throw new CliError(`"${id}" is not a token id; see \`cyrepo token list\``);
        await migrate(db.pool);
        await inTransaction(db, (tx) => revokeToken(tx, CLI, Number(id)));
        console.log(`token ${id} revoked`);
      }),
    );
}

/** An organisation by its name (any case), or a CLI error naming it. */
async function organisationId(db: Orm, name: string): Promise<number> {
  const [found] = await rows<{ id: number }>(
    db,
    sql`SELECT id FROM organisation WHERE lower(name) = lower(${name.trim()})`,
  );
  if (!found)
    throw new CliError(
      `unknown organisation "${name}" (add it under Technical assistance › Organisations first)`,
    );
  return found.id;
}

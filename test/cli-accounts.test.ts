/** `cyrepo user …` and `cyrepo token …` as an administrator runs them. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDb } from './helpers.js';

const exec = promisify(execFile);
const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
let db: TestDb;
const cyrepo = async (...args: string[]) => {
  try {
    const r = await exec('node', [bin, ...args], { env: { ...process.env, DATABASE_URL: db.url, PUBLIC_URL: 'https://laws.example.org', LOG_LEVEL: 'warn' } });
    return { code: 0, out: r.stdout.trim(), err: r.stderr.trim() };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout.trim(), err: x.stderr.trim() };
  }
};

beforeAll(async () => {
  db = await testDatabase();
});
afterAll(() => db.close());

describe('account commands', () => {
  it('adds, lists, changes, disables users and prints one-time reset links', async () => {
    expect(await cyrepo('user', 'add', 'focal@example.org', '--name', 'Focal Point', '--role', 'contributor', '--countries', 'ken,uga')).toMatchObject({ code: 0, out: 'created focal@example.org (contributor: KEN, UGA)' });
    expect((await cyrepo('user', 'add', 'focal@example.org', '--name', 'Again')).err).toMatch(/already exists/);
    const bad = await cyrepo('user', 'add', 'x@example.org', '--name', 'X', '--role', 'wizard');
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.err).toBe('cyrepo: unknown role "wizard"; use one of reader, contributor, editor, programme_officer, admin');
    expect((await cyrepo('user', 'add', 'y@example.org', '--name', 'Y', '--role', 'contributor')).err).toMatch(/at least one country/);
    expect((await cyrepo('user', 'role', 'focal@example.org', 'editor')).out).toBe('focal@example.org is now editor (KEN, UGA)');
    const link = await cyrepo('user', 'reset', 'focal@example.org');
    expect(link.out).toMatch(/^https:\/\/laws\.example\.org\/reset\/[A-Za-z0-9_-]{32}$/);
    expect((await cyrepo('user', 'disable', 'focal@example.org')).out).toBe('focal@example.org disabled');
    const list = (await cyrepo('user', 'list')).out.split('\n');
    expect(list).toContainEqual('focal@example.org\teditor\tKEN,UGA\tdisabled\tno password');
    expect((await cyrepo('user', 'reset', 'nobody@example.org')).code).toBe(1);
  });

  it('creates tokens that work with the API, lists and revokes them', async () => {
    await cyrepo('user', 'add', 'reader@example.org', '--name', 'Reader');
    const made = await cyrepo('token', 'create', '--user', 'reader@example.org', '--name', 'script', '--scope', 'read');
    expect(made.out).toMatch(/^cyr_[A-Za-z0-9_-]{32}$/);
    const { rows } = await db.pool.query(`SELECT id FROM api_token WHERE name = 'script'`);
    const listed = (await cyrepo('token', 'list')).out;
    expect(listed).toContain(`${rows[0].id}\tscript\tread\treader@example.org\tnever used\tactive`);
    expect(listed).not.toContain(made.out);
    expect((await cyrepo('token', 'revoke', String(rows[0].id))).out).toBe(`token ${rows[0].id} revoked`);
    expect((await cyrepo('token', 'revoke', 'abc')).err).toMatch(/not a token id/);
    expect((await cyrepo('token', 'create', '--user', 'reader@example.org', '--name', 'x', '--scope', 'root')).err).toMatch(/unknown scope/);
    expect((await cyrepo('token', 'create', '--user', 'reader@example.org', '--name', 'x', '--scope', 'admin')).err).toMatch(/Only an administrator can have a token with the admin scope/);
  });
});

/** `cyrepo user …` and `cyrepo token …` as an administrator runs them. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDb } from './helpers.js';

const exec = promisify(execFile);
const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
let db: TestDb;
const run = async (env: Record<string, string | undefined>, args: string[]) => {
  try {
    const merged: Record<string, string | undefined> = {
      ...process.env,
      DATABASE_URL: db.url,
      LOG_LEVEL: 'warn',
      ...env,
    };
    for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k]; // unset, not "undefined"
    const r = await exec('node', [bin, ...args], { env: merged });
    return { code: 0, out: r.stdout.trim(), err: r.stderr.trim() };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout.trim(), err: x.stderr.trim() };
  }
};
const cyrepo = (...args: string[]) => run({ PUBLIC_URL: 'https://laws.example.org' }, args);

beforeAll(async () => {
  db = await testDatabase();
});
afterAll(() => db.close());

describe('account commands', () => {
  it('adds, lists, changes, disables users and prints one-time reset links', async () => {
    expect(
      await cyrepo(
        'user',
        'add',
        'focal@example.org',
        '--name',
        'Focal Point',
        '--role',
        'contributor',
        '--countries',
        'ken,uga',
      ),
    ).toMatchObject({ code: 0, out: 'created focal@example.org (contributor: KEN, UGA)' });
    expect((await cyrepo('user', 'add', 'focal@example.org', '--name', 'Again')).err).toMatch(
      /already exists/,
    );
    const bad = await cyrepo('user', 'add', 'x@example.org', '--name', 'X', '--role', 'wizard');
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.err).toBe(
      'cyrepo: unknown role "wizard"; use one of: reader, practitioner, contributor, editor, "programme officer", admin',
    );
    expect(
      (await cyrepo('user', 'add', 'y@example.org', '--name', 'Y', '--role', 'contributor')).err,
    ).toMatch(/at least one country/);
    expect((await cyrepo('user', 'role', 'focal@example.org', 'editor')).out).toBe(
      'focal@example.org is now editor (KEN, UGA)',
    );
    const link = await cyrepo('user', 'reset', 'focal@example.org');
    expect(link.out).toMatch(/^https:\/\/laws\.example\.org\/reset\/[A-Za-z0-9_-]{32}$/);
    expect(link.err).toBe(
      'one-time link to set the password of focal@example.org, valid 24 hours; base URL https://laws.example.org from PUBLIC_URL',
    );
    expect((await cyrepo('user', 'disable', 'focal@example.org')).out).toBe('focal@example.org disabled');
    const list = (await cyrepo('user', 'list')).out.split('\n');
    expect(list).toContainEqual('focal@example.org\teditor\tKEN,UGA\tdisabled\tno password');
    expect((await cyrepo('user', 'reset', 'nobody@example.org')).code).toBe(1);
    const unknownOffice = await cyrepo(
      'user',
      'add',
      'p@example.org',
      '--name',
      'P',
      '--role',
      'practitioner',
      '--organisation',
      'Nowhere Office',
    );
    expect(unknownOffice).toMatchObject({ code: 1 });
    expect(unknownOffice.err).toMatch(/^cyrepo: unknown organisation "Nowhere Office"/);
  }, 150_000); // ten commands, each a new process

  it('takes a role as the README writes it ("programme officer") or as the API does, and names the roles in one line otherwise', async () => {
    for (const [i, spelling] of ['programme officer', 'Programme-Officer', 'programme_officer'].entries())
      expect(
        await cyrepo('user', 'add', `po${i}@example.org`, '--name', 'PO', '--role', spelling),
      ).toMatchObject({ out: `created po${i}@example.org (programme_officer)`, err: '' });
    expect(await cyrepo('user', 'role', 'po0@example.org', 'programme  officers')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^cyrepo: unknown role "programme {2}officers"; use one of: [^\n]+$/),
    });
    expect((await cyrepo('user', 'role', 'po0@example.org', 'Editor')).out).toBe(
      'po0@example.org is now editor',
    );
  }, 120_000);

  it('prints reset links on PUBLIC_URL, else the PORT given, else where the server on DATA_DIR serves, and says which', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cyrepo-reset-'));
    try {
      const noUrl = { PUBLIC_URL: undefined, HOST: undefined, PORT: undefined, DATA_DIR: dataDir };
      const link = (r: { out: string }) => r.out.replace(/\/reset\/[A-Za-z0-9_-]{32}$/, '/reset/…');
      // the first administrator has a link before the first start
      const first = await run(noUrl, ['user', 'reset', 'admin@cyrepo.invalid']);
      expect(link(first)).toBe('http://127.0.0.1:3000/reset/…');
      expect(first.err).toMatch(
        /base URL http:\/\/127\.0\.0\.1:3000 from the default HOST and PORT; set PUBLIC_URL/,
      );
      const port = await run({ ...noUrl, PORT: '3999' }, ['user', 'reset', 'admin@cyrepo.invalid']);
      expect([link(port), port.err]).toEqual([
        'http://127.0.0.1:3999/reset/…',
        expect.stringMatching(/base URL http:\/\/127\.0\.0\.1:3999 from HOST and PORT$/),
      ]);
      // a server running on this DATA_DIR (this test process stands in for it), then one that is gone
      writeFileSync(
        join(dataDir, 'serving.json'),
        JSON.stringify({ url: 'http://127.0.0.1:4123', pid: process.pid }),
      );
      const live = await run(noUrl, ['user', 'reset', 'admin@cyrepo.invalid']);
      expect([link(live), live.err]).toEqual([
        'http://127.0.0.1:4123/reset/…',
        expect.stringMatching(/from the cyrepo server running on this DATA_DIR \(pid \d+\)$/),
      ]);
      writeFileSync(
        join(dataDir, 'serving.json'),
        JSON.stringify({ url: 'http://127.0.0.1:4123', pid: 2 ** 22 + 1 }),
      );
      expect(link(await run(noUrl, ['user', 'reset', 'admin@cyrepo.invalid']))).toBe(
        'http://127.0.0.1:3000/reset/…',
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('creates tokens that work with the API, lists and revokes them', async () => {
    await cyrepo('user', 'add', 'reader@example.org', '--name', 'Reader');
    const made = await cyrepo(
      'token',
      'create',
      '--user',
      'reader@example.org',
      '--name',
      'script',
      '--scope',
      'read',
    );
    expect(made.out).toMatch(/^cyr_[A-Za-z0-9_-]{32}$/);
    const { rows } = await db.pool.query(`SELECT id FROM api_token WHERE name = 'script'`);
    const listed = (await cyrepo('token', 'list')).out;
    expect(listed).toContain(`${rows[0].id}\tscript\tread\treader@example.org\tnever used\tactive`);
    expect(listed).not.toContain(made.out);
    expect((await cyrepo('token', 'revoke', String(rows[0].id))).out).toBe(`token ${rows[0].id} revoked`);
    expect((await cyrepo('token', 'revoke', 'abc')).err).toMatch(/not a token id/);
    expect(
      (await cyrepo('token', 'create', '--user', 'reader@example.org', '--name', 'x', '--scope', 'root')).err,
    ).toMatch(/unknown scope/);
    expect(
      (await cyrepo('token', 'create', '--user', 'reader@example.org', '--name', 'x', '--scope', 'admin'))
        .err,
    ).toMatch(/Only an administrator can have a token with the admin scope/);
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDb } from './helpers.js';

const exec = promisify(execFile);
const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cyrepo-cli-'));

async function cyrepo(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await exec('node', [bin, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let demo: TestDb;
let empty: TestDb;
beforeAll(async () => {
  [demo, empty] = await Promise.all([testDatabase({ demo: true }), testDatabase({ empty: true })]);
});
afterAll(async () => {
  await demo.close();
  await empty.close();
});

describe('cyrepo command line', () => {
  it('lists its commands', async () => {
    const { code, stdout } = await cyrepo(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'export', 'import', 'token'])
      expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('exports, and imports the bundle into an empty database giving the same export', async () => {
    const out = join(dir, 'a.json');
    const exported = await cyrepo(['export', '--out', out], { DATABASE_URL: demo.url });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^exported 14 works/);
    const imported = await cyrepo(['import', 'bundle', out], { DATABASE_URL: empty.url });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/^imported 14 works/);
    const again = join(dir, 'b.json');
    await cyrepo(['export', '--out', again], { DATABASE_URL: empty.url });
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('rejects a malformed bundle with one line naming the problem, exit code 1, nothing imported', async () => {
    const bad = join(dir, 'bad.json');
    const bundle = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
    bundle.works[2].expressions[0].provisions[4].eid = 'Section 5';
    writeFileSync(bad, JSON.stringify(bundle));
    const target = await testDatabase();
    try {
      const res = await cyrepo(['import', bad], { DATABASE_URL: target.url });
      expect(res.code).toBe(1);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toContain(`${bad}: works[2].expressions[0].provisions[4].eid:`);
      const { rows } = await target.pool.query('SELECT count(*)::int AS n FROM legal_work');
      expect(rows[0].n).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('refuses to import into a database that already holds the same items', async () => {
    const res = await cyrepo(['import', join(dir, 'a.json')], { DATABASE_URL: demo.url });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/already in the database/);
  });

  it('seeds a fresh database with the demo through the same start-up path as serve (framework included), once', async () => {
    const fresh = await testDatabase({ empty: true });
    try {
      const seeded = await cyrepo(['seed', '--demo'], { DATABASE_URL: fresh.url });
      expect(seeded.stderr).toBe('');
      expect(seeded).toMatchObject({ code: 0 });
      expect(seeded.stdout).toMatch(
        /^reference data: 250 countries, 4 instruments, 157 articles, \d+ concepts, \d+ parties\ndemo content: 14 laws \(717 provisions\) in 14 countries, 44 cases, 20 documents\n/,
      );
      expect(seeded.stdout).toContain('set a password with: npx cyrepo user reset admin@cyrepo.invalid');
      const { rows } = await fresh.pool.query(
        `SELECT (SELECT count(*) FROM framework WHERE status = 'published')::int AS frameworks, (SELECT count(*) FROM assessment)::int AS assessments, (SELECT count(*) FROM search_entry)::int AS indexed`,
      );
      expect(rows[0]).toMatchObject({ frameworks: 1, assessments: 2 });
      expect(rows[0].indexed).toBeGreaterThan(900);
      const again = await cyrepo(['seed', '--demo'], { DATABASE_URL: fresh.url });
      expect([again.code, again.stderr.trim()]).toEqual([
        1,
        'cyrepo: the repository is not empty; the demo content loads only into an empty repository',
      ]);
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('prints the admin token and says what is wrong with the configuration', async () => {
    const token = await cyrepo(['token'], { DATABASE_URL: demo.url });
    expect(token.stdout.trim()).toMatch(/^cyr_[A-Za-z0-9_-]{32}$/);
    const bad = await cyrepo(['migrate'], { DATABASE_URL: 'mysql://nope', PORT: 'x' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Invalid configuration:/);
    expect(bad.stderr).toMatch(/DATABASE_URL/);
    expect(bad.stderr).toMatch(/PORT/);
  });

  it('writes the programme report as JSON, HTML and DOCX, and says in one line what is wrong with bad input', async () => {
    const json = join(dir, 'report.json');
    const res = await cyrepo(
      [
        'report',
        'programme',
        '--from',
        '2016-01-01',
        '--to',
        '2016-12-31',
        '--format',
        'json',
        '--out',
        json,
      ],
      { DATABASE_URL: demo.url },
    );
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(
      /^wrote Implementation of the Global Programme on Cybercrime \(2016-01-01 – 2016-12-31, \d+ figures\)/,
    );
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const { rows } = await demo.pool.query(
      `SELECT sum(x.count)::int AS n FROM audience_count x JOIN activity a ON a.id = x.activity_id WHERE a.status = 'delivered' AND a.actual_start BETWEEN '2016-01-01' AND '2016-12-31'`,
    );
    expect(report.figures.people_reached).toBe(rows[0].n);
    const html = join(dir, 'report.html');
    expect(
      (
        await cyrepo(
          [
            'report',
            'country',
            '--country',
            'ken',
            '--from',
            '2016-01-01',
            '--to',
            '2016-12-31',
            '--out',
            html,
          ],
          { DATABASE_URL: demo.url },
        )
      ).code,
    ).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/<h1>Country profile: Kenya<\/h1>/);
    const docx = join(dir, 'report.docx');
    expect(
      (
        await cyrepo(
          [
            'report',
            'programme',
            '--from',
            '2016-01-01',
            '--to',
            '2016-12-31',
            '--format',
            'docx',
            '--out',
            docx,
          ],
          { DATABASE_URL: demo.url },
        )
      ).code,
    ).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    for (const [args, message] of [
      [
        ['report', 'annual', '--from', '2016-01-01', '--to', '2016-12-31', '--out', json],
        'unknown report "annual"; use programme, donor or country',
      ],
      [
        ['report', 'programme', '--from', '2016-12-31', '--to', '2016-01-01', '--out', json],
        '--to: the period ends before it starts',
      ],
      [
        ['report', 'donor', '--from', '2016-01-01', '--to', '2016-12-31', '--out', json],
        'a donor report needs --donor ID (the organisation id of the donor)',
      ],
    ] as const) {
      const bad = await cyrepo([...args], { DATABASE_URL: demo.url });
      expect(bad.code).toBe(1);
      expect(bad.stderr.trim()).toBe(`cyrepo: ${message}`);
    }
  });
});

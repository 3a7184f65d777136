/**
 * A new user's command line: `cyrepo seed --demo` into a fresh data folder (the embedded PostgreSQL,
 * no DATABASE_URL), then `cyrepo report programme … --format json` on it. The report's figures are
 * those the programme report page and its API show for the same demo and period.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

const exec = promisify(execFile);
const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cyrepo-fresh-'));
const PERIOD = '--from 2016-01-01 --to 2016-12-31'.split(' ');

async function cyrepo(args: string[]) {
  const { DATABASE_URL: _server, ...env } = process.env;
  try {
    const out = await exec('node', [bin, ...args], {
      env: { ...env, DATA_DIR: join(dir, 'data'), PORT: '0', LOG_LEVEL: 'warn' },
    });
    return { code: 0, ...out };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cyrepo on a fresh data folder', () => {
  it('seeds the demo, then writes the 2016 programme report with the figures of the page and the API', async () => {
    const seeded = await cyrepo(['seed', '--demo']);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/demo content: 14 laws/);

    const out = join(dir, 'programme-2016.json');
    const report = await cyrepo(['report', 'programme', ...PERIOD, '--format', 'json', '--out', out]);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    const cli = JSON.parse(readFileSync(out, 'utf8')) as { figures: Record<string, number> };
    expect(cli.figures.people_trained).toBeGreaterThan(0);

    const officer = await tokenAs(t, 'programme_officer');
    const api = await t.app.inject({
      url: '/api/v1/reports/programme?from=2016-01-01&to=2016-12-31',
      headers: officer,
    });
    expect(api.statusCode).toBe(200);
    expect(cli.figures).toEqual(api.json().figures);

    const s = await sessionAs(t, 'programme_officer');
    const page = await t.app.inject({
      url: '/reports/programme?from=2016-01-01&to=2016-12-31',
      headers: s.headers,
    });
    const shown = parse(page.body).querySelectorAll('[id^="fig-"][data-value]');
    expect(shown.length).toBeGreaterThan(3);
    for (const el of shown) {
      const name = el.id.slice('fig-'.length);
      expect(Number(el.getAttribute('data-value')), name).toBe(cli.figures[name]);
    }
  }, 240_000);
});

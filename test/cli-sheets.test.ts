/**
 * Spreadsheets from the command line: `cyrepo export sheet` writes the XLSX of a page, `cyrepo import
 * sheet` checks each row (problems printed with their line and column, exit 1, nothing written) and
 * writes them all, changing the same records by their id (a round trip adds nothing).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDb } from './helpers.js';

const exec = promisify(execFile);
const bin = new URL('../bin/cyrepo.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cyrepo-cli-sheets-'));

async function cyrepo(args: string[]) {
  try {
    const { stdout, stderr } = await exec('node', [bin, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: db.url },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const works = async () =>
  (await db.pool.query('SELECT count(*)::int AS n FROM legal_work')).rows[0].n as number;

let db: TestDb;
beforeAll(async () => {
  db = await testDatabase({ demo: true });
});
afterAll(() => db.close());

describe('spreadsheets from the command line', () => {
  it('checks, imports and round-trips laws; names each problem with its line and column', async () => {
    const list = join(dir, 'laws.csv');
    writeFileSync(
      list,
      'country,type,year,number,title,language\nGhana,act,2020,1038,Cybersecurity Act,English\nAtlantis,act,2020,1,X,klingon\n',
    );
    const before = await works();
    const bad = await cyrepo(['import', 'sheet', 'laws', list]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      `cyrepo: ${list}: line 3, column country: “Atlantis” is not one the template lists`,
    );
    expect(bad.stderr).toContain(`cyrepo: ${list}: line 3, column language:`);
    expect(await works()).toBe(before);

    writeFileSync(
      list,
      'country,type,year,number,title,language\nGhana,act,2020,1038,Cybersecurity Act,English\n',
    );
    expect((await cyrepo(['import', 'sheet', 'laws', list, '--check'])).stdout).toBe(
      `${list}: 1 row, all right: 1 to add, 0 to change\n`,
    );
    expect(await works()).toBe(before);
    const done = await cyrepo(['import', 'sheet', 'laws', list]);
    expect(done.stdout, done.stderr).toBe(`${list}: 1 added, 0 changed, 0 unchanged\n`);
    expect(await works()).toBe(before + 1);

    const xlsx = join(dir, 'laws.xlsx');
    const exported = await cyrepo(['export', 'sheet', 'laws', '--out', xlsx, '--lang', 'fr']);
    expect(exported.stdout).toBe(`${xlsx}: ${before + 1} rows\n`);
    const again = await cyrepo(['import', 'sheet', 'laws', xlsx]);
    expect(again.stdout, again.stderr).toBe(`${xlsx}: 0 added, 0 changed, ${before + 1} unchanged\n`);
    expect(await works()).toBe(before + 1);
  });

  it('says which records there are, and whose', async () => {
    expect((await cyrepo(['import', 'sheet', 'cats', 'x.csv'])).stderr).toBe(
      'cyrepo: unknown records "cats"; use activities, participants, contributions, needs, laws, mappings, authorities\n',
    );
    expect((await cyrepo(['export', 'sheet', 'mappings', '--out', join(dir, 'm.xlsx')])).stderr).toBe(
      'cyrepo: say whose mappings: --of WORK_ID\n',
    );
  });
});

/**
 * A law's mappings in a spreadsheet, for a reviewer who works offline: export → fill → import changes,
 * removes and adds mappings as one change of the law (one history entry) without duplicating any;
 * each problem is named at its line and column and nothing is written; only those who may edit the
 * law may use it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './intake-files.js';
import { sessionAs, testApp, tokenAs, type TestApp } from './helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let editor: Record<string, string>;
let work: string;
beforeAll(async () => {
  t = await testApp({ demo: true });
  editor = await tokenAs(t, 'editor');
  const { rows } = await t.db.pool.query(
    `SELECT work_id FROM mapping WHERE status = 'accepted' GROUP BY work_id HAVING count(*) >= 2 ORDER BY work_id LIMIT 1`,
  );
  work = rows[0].work_id;
});
afterAll(() => t.close());

const upload = (bytes: Buffer, name: string, confirm: boolean, headers = editor) => {
  const form = multipart({}, [{ name, type: name.endsWith('.xlsx') ? XLSX : 'text/csv', bytes }]);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/works/${work}/mappings/import?confirm=${confirm}`,
    payload: form.payload,
    headers: { ...form.headers, ...headers },
  });
};
const accepted = async () =>
  (
    await t.db.pool.query(
      `SELECT id, eid, instrument, article, coverage, rationale FROM mapping WHERE work_id = $1 AND status = 'accepted' ORDER BY id`,
      [work],
    )
  ).rows as {
    id: number;
    eid: string;
    instrument: string;
    article: string;
    coverage: string;
    rationale: string;
  }[];
const history = async () =>
  (
    await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'work' AND entity_id = $1`,
      [work],
    )
  ).rows[0].n as number;

async function download(lang: string) {
  const res = await t.app.inject({
    url: `/api/v1/works/${work}/mappings.xlsx?lang=${lang}`,
    headers: editor,
  });
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const header = (sheet.getRow(1).values as string[]).slice(1);
  return { book, sheet, col: (name: string) => header.indexOf(name) + 1 };
}

describe("a law's mappings in a spreadsheet", () => {
  it('export → fill → import changes, removes and adds mappings as one change of the law', async () => {
    const before = await accepted();
    const { book, sheet, col } = await download('fr');
    const rows = sheet.getRows(2, sheet.rowCount - 1)!;
    const mapped = rows.filter((r) => r.getCell(col('id')).value);
    expect(mapped.map((r) => Number(r.getCell(col('id')).value)).sort((a, b) => a - b)).toEqual(
      before.map((m) => m.id),
    );
    expect(['complet', 'partiel', 'non couvert']).toContain(mapped[0].getCell(col('coverage')).value);
    const unmapped = rows.find((r) => !r.getCell(col('id')).value && r.getCell(col('text')).value);
    expect(unmapped).toBeDefined();
    const [changed, removed] = mapped;
    changed.getCell(col('coverage')).value = 'partiel';
    changed.getCell(col('rationale')).value = 'Seul l’accès intentionnel est visé.';
    removed.getCell(col('article')).value = null;
    unmapped!.getCell(col('instrument')).value = 'Convention de Budapest';
    unmapped!.getCell(col('article')).value = '4';
    unmapped!.getCell(col('coverage')).value = 'complet';
    const entries = await history();

    const done = await upload(Buffer.from(await book.xlsx.writeBuffer()), 'mappings.xlsx', true);
    expect(done.statusCode, done.body).toBe(200);
    const after = await accepted();
    expect(after).toHaveLength(before.length); // one removed, one added
    expect(after.find((m) => m.id === Number(changed.getCell(col('id')).value))).toMatchObject({
      coverage: 'partial',
      rationale: 'Seul l’accès intentionnel est visé.',
    });
    expect(after.some((m) => m.id === Number(removed.getCell(col('id')).value))).toBe(false);
    expect(after).toContainEqual(
      expect.objectContaining({
        eid: unmapped!.getCell(col('provision')).value,
        instrument: 'ETS185',
        article: '4',
        coverage: 'full',
      }),
    );
    expect(await history()).toBe(entries + 1);

    // The same sheet again changes nothing and adds no duplicate.
    const again = await download('en');
    const twice = await upload(Buffer.from(await again.book.xlsx.writeBuffer()), 'mappings.xlsx', true);
    expect(twice.statusCode, twice.body).toBe(200);
    expect(twice.json()).toMatchObject({ created: 0, updated: 0 });
    expect(await accepted()).toEqual(after);
    expect(await history()).toBe(entries + 1); // no change, no history entry
  });

  it('names the problems at their line and column, and writes nothing', async () => {
    const before = await accepted();
    const [first] = before;
    const csv =
      'id,provision,instrument,article,coverage,rationale\n' +
      `,${first.eid},ETS185,999,full,\n` +
      ',sec_nowhere,ETS185,2,full,\n' +
      `,${first.eid},Atlantis Convention,2,full,\n` +
      `,${first.eid},ETS185,${first.article},full,\n` +
      `,${first.eid},ETS185,5,somewhat,\n` +
      `,${first.eid},ETS185,6,full,\n` +
      `,${first.eid},ETS185,6,partial,\n` +
      `${first.id},${first.eid},UNCC2024,${first.article},full,\n`;
    const res = await upload(Buffer.from(csv), 'mappings.csv', true);
    expect(res.statusCode).toBe(400);
    expect(
      (res.json().error.details.rows as { line: number; errors: { field: string }[] }[]).map((r) => [
        r.line,
        r.errors.map((e) => e.field),
      ]),
    ).toEqual([
      [2, ['article']],
      [3, ['provision']],
      [4, ['instrument']],
      [5, ['article']],
      [6, ['coverage']],
      [8, ['article']],
      [9, ['instrument']],
    ]);
    expect(await accepted()).toEqual(before);
  });

  it('is for those who may edit the law', async () => {
    const other = await tokenAs(t, 'contributor', ['ZZZ']);
    const csv = Buffer.from('provision,instrument,article,coverage\n');
    expect((await upload(csv, 'm.csv', false, other)).statusCode).toBe(403);
    const reader = await tokenAs(t, 'reader');
    expect((await upload(csv, 'm.csv', false, reader)).statusCode).toBe(403);
    const s = await sessionAs(t, 'editor');
    const page = await t.app.inject({ url: `/edit/work/${work}/mappings/import`, headers: s.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/api/v1/works/${work}/mappings.xlsx?lang=en`);
    const edit = await t.app.inject({ url: `/edit/work/${work}`, headers: s.headers });
    expect(edit.body).toContain(`/edit/work/${work}/mappings/import`);
  });
});

/**
 * Every real Akoma Ntoso file in ../shared/data/real imports, spot checks of what it holds, and the
 * Akoma Ntoso export reads back to the same provisions. Runs where ../shared exists (CI).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../core/access.js';
import { rows } from '../../core/db/query.js';
import { exportAkn } from './akn/export.js';
import { readAkn } from './akn/parse.js';
import { importFiles, type FileReport } from './service.js';
import type { ProvisionInput } from '../legislation/input.js';
import { provisionTree, workByUri, type ProvisionNode } from '../legislation/service.js';
import { testDatabase, type TestDb } from '../../../test/helpers.js';

const REAL = new URL('../../../../shared/data/real/', import.meta.url).pathname;
const AKN_DIRS = ['akn/legislation', 'akn/legacy-akn2', 'akn/oasis-examples', 'case-law'];
const files = existsSync(REAL)
  ? AKN_DIRS.flatMap((d) =>
      readdirSync(join(REAL, d))
        .filter((f) => f.endsWith('.xml'))
        .map((f) => join(REAL, d, f)),
    )
  : [];
const CLI = system('test');

let db: TestDb;
let reports: FileReport[];
beforeAll(async () => {
  if (!files.length) return;
  db = await testDatabase();
  reports = await importFiles(
    db,
    CLI,
    files.map((file) => ({ file, format: 'akn' as const, bytes: readFileSync(file) })),
    {},
    { status: 'published' },
  );
}, 120_000);
afterAll(() => db?.close());

const report = (name: string) => reports.find((r) => r.file.endsWith(name))!;
const tree = async (uri: string) => {
  const work = (await workByUri(db.orm, CLI, uri))!;
  const [{ id }] = await rows<{ id: number }>(
    db.orm,
    sql`SELECT id FROM legal_expression WHERE work_id = ${work.id} ORDER BY id LIMIT 1`,
  );
  return provisionTree(db.orm, id);
};
const flat = (
  list: (ProvisionNode | ProvisionInput)[],
): { eid: string; number: string; heading: string; text: string; depth: number }[] => {
  const out: { eid: string; number: string; heading: string; text: string; depth: number }[] = [];
  const walk = (l: (ProvisionNode | ProvisionInput)[], depth: number) =>
    l.forEach((p) => {
      out.push({ eid: p.eid, number: p.number ?? '', heading: p.heading ?? '', text: p.text ?? '', depth });
      walk(p.children ?? [], depth + 1);
    });
  walk(list, 0);
  return out;
};

describe.skipIf(!files.length)('real Akoma Ntoso files', () => {
  it('imports every file without error', () => {
    expect(reports.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
    expect(reports).toHaveLength(files.length);
  });

  it('keeps the 14 chapters and the section numbering of the South African constitution', async () => {
    const za = report('za-constitution-1996-eng.akn.xml');
    expect(za.work).toBe('/akn/za/act/1996/constitution');
    const t = await tree(za.work!);
    const chapters = t.filter((p) => p.kind === 'chapter');
    expect(chapters.map((c) => c.number)).toEqual(Array.from({ length: 14 }, (_, i) => String(i + 1)));
    expect(chapters[0].heading).toBe('Founding provisions');
    const sections = flat(chapters).filter((p) => p.depth === 1);
    expect(sections.slice(0, 3).map((s) => s.number)).toEqual(['1', '2', '3']);
    expect(t.filter((p) => p.kind === 'attachment')).toHaveLength(10);
  });

  it('keeps the parts, sections, schedules and definitions of the UK Data Protection Act 1998', async () => {
    const dpa = report('uk-ukpga-1998-29-data-protection-act-1998.akn.xml');
    const t = flat(await tree(dpa.work!));
    const kinds = (
      await rows<{ kind: string; n: number }>(
        db.orm,
        sql`SELECT p.kind, count(*)::int AS n FROM provision p JOIN legal_expression e ON e.id = p.expression_id JOIN legal_work w ON w.id = e.work_id WHERE w.uri = ${dpa.work} GROUP BY 1`,
      )
    ).reduce<Record<string, number>>((o, r) => Object.assign(o, { [r.kind]: r.n }), {});
    expect(kinds).toMatchObject({ part: 18, section: 97, schedule: 16 });
    expect(t.find((p) => p.eid === 'section_1')).toMatchObject({
      number: '1',
      heading: 'Basic interpretative provisions.',
    });
    const [{ n }] = await rows<{ n: number }>(
      db.orm,
      sql`SELECT count(*)::int AS n FROM definition d JOIN legal_expression e ON e.id = d.expression_id JOIN legal_work w ON w.id = e.work_id WHERE w.uri = ${dpa.work} AND d.term = 'data'`,
    );
    expect(n).toBeGreaterThan(0);
  });

  it('stores the Tanzanian constitution as Swahili, and maps country and language codes', async () => {
    expect(report('tz-constitution-1977-swa.akn.xml').expression).toBe('/akn/tz/act/1977/1/swa@2002-07-31');
    expect(report('uk-ukpga-2014-27-data-retention-investigatory-powers-act-2014.akn.xml').work).toMatch(
      /^\/akn\/gb\//,
    ); // GB-UKM
    expect(report('sv_Act_Ley_604_1993_spa.akn2.xml').expression).toMatch(/\/spa@/); // legacy "esp"
    expect(report('it_senato_ddl_2013.xml').expression).toMatch(/^\/akn\/it\/bill\/2013\/356\/ita@/); // "ita" country, "it" language
  });

  it('turns judgments into cases with their court, citation and text', async () => {
    const bridges = report('uk-2020-ewca-civ-1058-bridges-v-south-wales-police.akn.xml');
    expect(bridges.case).toBeTruthy();
    const [c] = await rows<{
      court: string;
      court_level: string;
      case_number: string;
      decision: string;
      date: string;
    }>(
      db.orm,
      sql`SELECT court, court_level, case_number, brief->>'decision' AS decision, date::text FROM legal_case WHERE id = ${bridges.case!.split('/').pop()}`,
    );
    expect(c).toMatchObject({
      court: 'The Court of Appeal of England and Wales (Civil Division)',
      court_level: 'appeal',
      case_number: '[2020] EWCA Civ 1058',
      date: '2020-08-11',
    });
    expect(c.decision).toMatch(/automated facial recognition/i);
  });

  it('exports each work as Akoma Ntoso that reads back to the same provisions', async () => {
    for (const r of reports.filter((x) => x.work)) {
      const stored = flat(await tree(r.work!));
      const { xml } = await exportAkn(db.orm, CLI, r.work!);
      const again = await readAkn(Readable.from([xml]));
      expect(flat(again.provisions), r.file).toEqual(stored);
    }
  });
});

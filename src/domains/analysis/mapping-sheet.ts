/**
 * A law's mappings kept in a spreadsheet, for a reviewer who works offline (previewed and written as
 * every sheet is, core/files/sheet-import.ts): one row per provision of its main text — one per
 * mapping where it has several — with the provision's number and text to read. A row with an `id`
 * changes that mapping's article, coverage or rationale (an empty article removes it); a row without
 * one maps its provision (an empty article leaves it unmapped). Instruments by code or name,
 * coverage in any of the six UN languages. The whole sheet is one change of the law: one entry in
 * its history, one update of the search index.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../core/access.js';
import { coverage as coverages } from '../../core/codes.js';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import type { SheetColumn, SheetRow } from '../../core/files/sheet.js';
import { importSheet, numberedIds, type SheetKind } from '../../core/files/sheet-import.js';
import type { Translate } from '../../core/i18n.js';
import { labelled, Named } from '../../core/names.js';
import { assertCanEdit } from '../../core/policy.js';
import { captureBefore, recordWork } from '../legislation/snapshot.js';
import { chooseExpression, expressionsOf, getWorkRow } from '../legislation/service.js';
import { indexWork } from '../search/indexer.js';

export type MappingRow = {
  eid: string;
  instrument: string | null;
  /** none: the mapping is removed (a row with an id) or the provision left unmapped */
  article: string | null;
  coverage: (typeof coverages.options)[number];
  rationale: string | null;
};

type Stored = {
  id: number;
  eid: string;
  instrument: string;
  article: string;
  status: string;
  coverage: string;
  rationale: string | null;
};
const covered = labelled('coverage', coverages.options);
const keyOf = (m: { eid: string; instrument: string; article: string }) =>
  `${m.eid} ${m.instrument} ${m.article}`;
const TEXT_SHOWN = 300;

/** The law's mappings (any status) and what a row may name: its provisions, the instruments and their articles. */
async function loadTargets(db: Orm, workId: string) {
  const [mappings, provisions, instruments, articles] = await Promise.all([
    rows<Stored>(
      db,
      sql`SELECT id, eid, instrument, article, status, coverage, rationale FROM mapping WHERE work_id = ${workId} ORDER BY id`,
    ),
    rows<{ eid: string }>(
      db,
      sql`SELECT DISTINCT p.eid FROM provision p JOIN legal_expression e ON e.id = p.expression_id WHERE e.work_id = ${workId}`,
    ),
    rows<{ code: string; short_name: string; title: string; names: Record<string, string> }>(
      db,
      sql`SELECT code, short_name, title, names FROM instrument`,
    ),
    rows<{ key: string }>(db, sql`SELECT instrument || ' ' || number AS key FROM instrument_article`),
  ]);
  const named = new Named();
  for (const i of instruments)
    named.add(i.code, i.code, i.short_name, i.title, ...Object.values(i.names ?? {}));
  return {
    mappings,
    eids: new Set(provisions.map((p) => p.eid)),
    instruments: named,
    articles: new Set(articles.map((a) => a.key)),
  };
}

/** The sheet's rows as a kind of record: mappings of the law, checked against what the law and instruments hold. */
export async function mappingsKind(db: Orm, by: Viewer, workId: string): Promise<SheetKind<MappingRow>> {
  const work = await getWorkRow(db, by, workId);
  assertCanEdit(by, work);
  const { mappings, eids, instruments, articles } = await loadTargets(db, work.id);
  const accepted = mappings.filter((m) => m.status === 'accepted');
  const byId = new Map(accepted.map((m) => [m.id, m]));
  const taken = new Map(accepted.map((m) => [keyOf(m), m.id]));
  const held = new Map(mappings.map((m) => [keyOf(m), m])); // of any status: a mapping's article moves only to a free one
  const inFile = new Map<string, number>(); // the mappings the file names, by provision, instrument and article
  return {
    required: ['provision', 'instrument', 'article', 'coverage'],
    ids: numberedIds(accepted.map((m) => m.id)),
    read({ line, cell, problem, closed, named }, id) {
      const current = id === null ? undefined : byId.get(id);
      const eid = cell('provision');
      if (!eids.has(eid)) problem('provision', eid ? `the law has no provision ${eid}` : 'which provision');
      if (current && eid !== current.eid)
        problem('provision', `mapping ${id} is of ${current.eid}: add a row for another provision`);
      const article = cell('article') || null;
      const instrument = closed('instrument', instruments) ?? null;
      const level = closed('coverage', covered) as MappingRow['coverage'] | undefined;
      if (article) {
        if (!cell('instrument')) problem('instrument', 'which instrument the article is of');
        else if (instrument && !articles.has(`${instrument} ${article}`))
          problem('article', `${instrument} has no article ${article}`);
        if (!level && !named('coverage'))
          problem('coverage', `how far the provision covers the article: ${coverages.options.join(', ')}`);
      }
      if (current && instrument && instrument !== current.instrument)
        problem('instrument', `mapping ${id} is to ${current.instrument}: add a row for another instrument`);
      if (article && instrument) {
        const key = keyOf({ eid, instrument, article });
        const other = taken.get(key);
        const suggested = held.get(key);
        if (other !== undefined && other !== id)
          problem('article', `${eid} is already mapped to it (mapping ${other})`);
        else if (current && suggested && suggested.id !== id)
          problem(
            'article',
            `a ${suggested.status} mapping of ${eid} to it exists: add a row without an id instead`,
          );
        else if (inFile.has(key)) problem('article', `the same mapping as line ${inFile.get(key)}`);
        inFile.set(key, line);
      }
      return { eid, instrument, article, coverage: level ?? 'full', rationale: cell('rationale') || null };
    },
    async write(id, row) {
      const reviewed = sql`reviewer = ${by.name}, reviewed_at = now()`;
      if (id !== null && !row.article)
        return void (await db.execute(sql`DELETE FROM mapping WHERE id = ${id}`));
      const was = id === null ? undefined : byId.get(id);
      if (
        was &&
        was.article === row.article &&
        was.coverage === row.coverage &&
        was.rationale === row.rationale
      )
        return 'unchanged';
      if (id !== null)
        return void (await db.execute(
          sql`UPDATE mapping SET article = ${row.article}, coverage = ${row.coverage}, rationale = ${row.rationale}, ${reviewed} WHERE id = ${id}`,
        ));
      if (!row.article || !row.instrument) return 'unchanged'; // a provision left unmapped
      // A suggestion (or a rejected one) of the same article becomes the reviewer's mapping.
      await db.execute(
        sql`INSERT INTO mapping (work_id, eid, instrument, article, coverage, status, source, rationale, reviewer, reviewed_at, created_by)
            VALUES (${work.id}, ${row.eid}, ${row.instrument}, ${row.article}, ${row.coverage}, 'accepted', 'editor', ${row.rationale}, ${by.name}, now(), ${by.name})
            ON CONFLICT (work_id, eid, instrument, article) DO UPDATE SET status = 'accepted', coverage = EXCLUDED.coverage,
              rationale = coalesce(EXCLUDED.rationale, mapping.rationale), reviewer = EXCLUDED.reviewer, reviewed_at = now()`,
      );
    },
  };
}

/** Writes the sheet (every row right, or nothing), as one change of the law. */
export async function importMappings(db: Orm, by: Viewer, workId: string, sheet: SheetRow[]) {
  const kind = await mappingsKind(db, by, workId);
  await captureBefore(db, workId);
  const done = await importSheet(kind, sheet);
  if (!done.created && !done.updated) return done; // the sheet changed nothing: no history entry
  await indexWork(db, workId);
  await recordWork(db, by, 'update', workId);
  return done;
}

/** The law's provisions (of its main text) with their mappings: the sheet a reviewer fills. */
export async function mappingsSheet(
  db: Orm,
  viewer: Viewer,
  workId: string,
  t: Translate,
): Promise<{ title: string; columns: SheetColumn[]; rows: (string | number | null)[][] }> {
  const work = await getWorkRow(db, viewer, workId);
  const expression = chooseExpression(await expressionsOf(db, work), {});
  const [provisions, mappings] = await Promise.all([
    expression
      ? rows<{ eid: string; number: string | null; heading: string | null; text: string }>(
          db,
          sql`SELECT eid, number, heading, left(text, ${TEXT_SHOWN}) AS text FROM provision WHERE expression_id = ${expression.id} ORDER BY position`,
        )
      : [],
    rows<Stored>(
      db,
      sql`SELECT id, eid, instrument, article, status, coverage, rationale FROM mapping WHERE work_id = ${work.id} AND status = 'accepted' ORDER BY eid, instrument, article`,
    ),
  ]);
  const of = new Map<string, typeof mappings>();
  for (const m of mappings) of.set(m.eid, [...(of.get(m.eid) ?? []), m]);
  return {
    title: `${work.id}-mappings`,
    columns: [
      { name: 'id', width: 8 },
      { name: 'provision', width: 22 },
      { name: 'number', width: 24 },
      { name: 'text', width: 60 },
      { name: 'instrument', width: 12 },
      { name: 'article', width: 9 },
      { name: 'coverage', width: 12, accepts: coverages.options.map((c) => t(`coverage.${c}`)) },
      { name: 'rationale', width: 40 },
    ],
    rows: provisions.flatMap((p) => {
      const shown = [p.eid, [p.number, p.heading].filter(Boolean).join(' '), p.text];
      const mapped = of.get(p.eid) ?? [];
      if (!mapped.length) return [[null, ...shown, null, null, null, null]];
      return mapped.map((m) => [
        m.id,
        ...shown,
        m.instrument,
        m.article,
        t(`coverage.${m.coverage}`),
        m.rationale,
      ]);
    }),
  };
}

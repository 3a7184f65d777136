/** Exports all repository data as a bundle (see format.ts), in a fixed order. */
import type pg from 'pg';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Bundle,
  CASE_COLUMNS,
  DOCUMENT_COLUMNS,
  WORK_COLUMNS,
} from './format.js';

type Row = Record<string, unknown>;

async function query<T = Row>(pool: pg.Pool, text: string): Promise<T[]> {
  return (await pool.query(text)).rows as T[];
}

const pick = <K extends string>(row: Row, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, row[k] ?? null])) as Record<K, unknown>;

const MAPPING_KEYS = [
  'work',
  'eid',
  'instrument',
  'article',
  'coverage',
  'status',
  'source',
  'score',
  'rationale',
  'reviewer',
  'reviewed_at',
  'created_at',
  'created_by',
] as const;
const ATTACHMENT_KEYS = [
  'owner_type',
  'owner_id',
  'filename',
  'media_type',
  'size',
  'sha256',
  'page_count',
  'extracted_text',
  'created_at',
  'created_by',
  'content_base64',
] as const;

function groupBy<T extends Row>(list: T[], key: string): Map<unknown, T[]> {
  const map = new Map<unknown, T[]>();
  for (const item of list) map.set(item[key], [...(map.get(item[key]) ?? []), item]);
  return map;
}

export async function exportBundle(pool: pg.Pool): Promise<Bundle> {
  const [
    works,
    expressions,
    provisions,
    mappings,
    cases,
    parties,
    citesP,
    citesA,
    documents,
    attachments,
    definitions,
    events,
  ] = await Promise.all([
    query(pool, 'SELECT * FROM legal_work ORDER BY id'),
    query(pool, 'SELECT * FROM legal_expression ORDER BY work_id, language, date'),
    query(
      pool,
      `SELECT p.expression_id, p.eid, parent.eid AS parent, p.kind, p.number, p.heading, p.text
                 FROM provision p LEFT JOIN provision parent ON parent.id = p.parent_id ORDER BY p.expression_id, p.position`,
    ),
    query(pool, 'SELECT work_id AS work, * FROM mapping ORDER BY work_id, eid, instrument, article'),
    query(pool, 'SELECT * FROM legal_case ORDER BY id'),
    query(pool, 'SELECT * FROM case_party ORDER BY case_id, position'),
    query(
      pool,
      'SELECT case_id, work_id AS work, eid FROM case_cites_provision ORDER BY case_id, work_id, eid',
    ),
    query(
      pool,
      'SELECT case_id, instrument, article FROM case_cites_article ORDER BY case_id, instrument, article',
    ),
    query(pool, 'SELECT * FROM document ORDER BY id'),
    query(
      pool,
      `SELECT *, encode(bytes, 'base64') AS content_base64 FROM attachment WHERE owner_type IN ('work', 'case', 'document') ORDER BY owner_type, owner_id, sha256`,
    ),
    query(
      pool,
      'SELECT expression_id, eid, term, definition FROM definition ORDER BY expression_id, eid, term',
    ),
    query(
      pool,
      'SELECT work_id, kind, date, amending_work_id AS amending_work, amending_title, provisions, note, created_at, created_by FROM work_event ORDER BY work_id, date, kind, id',
    ),
  ]);
  const defsByExpr = groupBy(definitions, 'expression_id');
  const eventsByWork = groupBy(events, 'work_id');
  const exprByWork = groupBy(expressions, 'work_id');
  const provByExpr = groupBy(provisions, 'expression_id');
  const partiesByCase = groupBy(parties, 'case_id');
  const citesPByCase = groupBy(citesP, 'case_id');
  const citesAByCase = groupBy(citesA, 'case_id');
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    works: works.map((w) => ({
      ...pick(w, WORK_COLUMNS),
      expressions: (exprByWork.get(w.id) ?? []).map((e) => ({
        ...pick(e, ['language', 'date', 'authoritative', 'title', 'created_at', 'created_by'] as const),
        provisions: (provByExpr.get(e.id) ?? []).map((p) =>
          pick(p, ['eid', 'parent', 'kind', 'number', 'heading', 'text'] as const),
        ),
        definitions: (defsByExpr.get(e.id) ?? []).map((d) => pick(d, ['eid', 'term', 'definition'] as const)),
      })),
      events: (eventsByWork.get(w.id) ?? []).map((e) =>
        pick(e, [
          'kind',
          'date',
          'amending_work',
          'amending_title',
          'provisions',
          'note',
          'created_at',
          'created_by',
        ] as const),
      ),
    })),
    mappings: mappings.map((m) => pick(m, MAPPING_KEYS)),
    cases: cases.map((c) => ({
      ...pick(c, CASE_COLUMNS),
      parties: (partiesByCase.get(c.id) ?? []).map((p) =>
        pick(p, ['role', 'name', 'kind', 'charges'] as const),
      ),
      cites_provisions: (citesPByCase.get(c.id) ?? []).map((p) => pick(p, ['work', 'eid'] as const)),
      cites_articles: (citesAByCase.get(c.id) ?? []).map((a) => pick(a, ['instrument', 'article'] as const)),
    })),
    documents: documents.map((d) => pick(d, DOCUMENT_COLUMNS)),
    attachments: attachments.map((a) => ({
      ...pick(a, ATTACHMENT_KEYS),
      content_base64: String(a.content_base64).replace(/\n/g, ''),
    })),
  } as Bundle;
}

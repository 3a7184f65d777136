/**
 * Imports a bundle in one transaction: the whole bundle is validated first (the first problem is
 * reported with where it is), then written with bulk inserts; on any error nothing is kept.
 */
import type pg from 'pg';
import { bundleSchema, type Bundle, CASE_COLUMNS, DOCUMENT_COLUMNS, WORK_COLUMNS } from './format.js';
import { cleanDeep } from '../../core/text.js';

export class BundleError extends Error {}

/** Parses and validates bundle text; throws BundleError naming the first problem and where it is. */
export function parseBundle(text: string, source = 'bundle'): Bundle {
  let raw: unknown;
  try {
    raw = cleanDeep(JSON.parse(text)); // text as cyrepo stores it (text.ts)
  } catch (err) {
    throw new BundleError(`${source}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.reduce<string>(
      (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
      '',
    );
    throw new BundleError(`${source}: ${where || 'top level'}: ${issue.message}`);
  }
  return parsed.data;
}

const insertJson = (
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: object[],
  returning = '',
) =>
  client.query(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) ${returning}`,
    [JSON.stringify(rows)],
  );

export type ImportCounts = {
  works: number;
  expressions: number;
  provisions: number;
  mappings: number;
  cases: number;
  documents: number;
  attachments: number;
};

type Client = pg.PoolClient;

const WORK_EVENT_COLUMNS = [
  'work_id',
  'kind',
  'date',
  'amending_work_id',
  'amending_title',
  'provisions',
  'note',
  'created_at',
  'created_by',
];
const MAPPING_COLUMNS = [
  'work_id',
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
];

/** Writes the whole bundle in one transaction, in dependency order; on any error nothing is kept. */
export async function importBundle(pool: pg.Pool, bundle: Bundle, actor: string): Promise<ImportCounts> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { works, mappings, cases, documents, attachments } = bundle;
    await insertJson(client, 'legal_work', WORK_COLUMNS, works);
    const { expressions, provisions } = await writeExpressions(client, works);
    await writeWorkEvents(client, works);
    await client.query(
      `UPDATE legal_expression e SET provision_count = (SELECT count(*) FROM provision p WHERE p.expression_id = e.id)`,
    );
    await insertJson(
      client,
      'mapping',
      MAPPING_COLUMNS,
      mappings.map((m) => ({ ...m, work_id: m.work })),
    );
    await writeCases(client, cases);
    await insertJson(client, 'document', DOCUMENT_COLUMNS, documents);
    await writeAttachments(client, attachments);
    await writeAuditEvents(client, actor, bundle);
    await client.query('COMMIT');
    return {
      works: works.length,
      expressions: expressions.length,
      provisions: provisions.length,
      mappings: mappings.length,
      cases: cases.length,
      documents: documents.length,
      attachments: attachments.length,
    };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/** The works' expressions, their provisions (then each provision's parent) and definitions. */
async function writeExpressions(client: Client, works: Bundle['works']) {
  const expressions = works.flatMap((w) => w.expressions.map((e) => ({ ...e, work_id: w.id })));
  const { rows: ids } = await insertJson(
    client,
    'legal_expression',
    ['work_id', 'language', 'date', 'authoritative', 'title', 'created_at', 'created_by'],
    expressions,
    'RETURNING id, work_id, language, date',
  );
  const idOf = new Map(
    ids.map((r: { id: number; work_id: string; language: string; date: string }) => [
      `${r.work_id}|${r.language}|${r.date}`,
      r.id,
    ]),
  );
  const provisions = expressions.flatMap((e) => {
    const expression_id = idOf.get(`${e.work_id}|${e.language}|${e.date}`);
    return e.provisions.map((p, i) => ({ ...p, expression_id, position: i + 1 }));
  });
  await insertJson(
    client,
    'provision',
    ['expression_id', 'eid', 'position', 'kind', 'number', 'heading', 'text'],
    provisions,
  );
  await client.query(
    `UPDATE provision c SET parent_id = p.id FROM jsonb_to_recordset($1::jsonb) AS x(expression_id int, eid text, parent text)
     JOIN provision p ON p.expression_id = x.expression_id AND p.eid = x.parent
     WHERE c.expression_id = x.expression_id AND c.eid = x.eid`,
    [JSON.stringify(provisions.filter((p) => p.parent))],
  );
  const definitions = expressions.flatMap((e) =>
    e.definitions.map((d) => ({ ...d, expression_id: idOf.get(`${e.work_id}|${e.language}|${e.date}`) })),
  );
  await insertJson(client, 'definition', ['expression_id', 'eid', 'term', 'definition'], definitions);
  return { expressions, provisions };
}

async function writeWorkEvents(client: Client, works: Bundle['works']) {
  const workEvents = works.flatMap((w) =>
    w.events.map((e) => ({ ...e, work_id: w.id, amending_work_id: e.amending_work })),
  );
  await insertJson(client, 'work_event', WORK_EVENT_COLUMNS, workEvents);
}

/** Cases with their parties and what they cite (provisions of laws, articles of instruments). */
async function writeCases(client: Client, cases: Bundle['cases']) {
  await insertJson(client, 'legal_case', CASE_COLUMNS, cases);
  await insertJson(
    client,
    'case_party',
    ['case_id', 'position', 'role', 'name', 'kind', 'charges'],
    cases.flatMap((c) => c.parties.map((p, i) => ({ ...p, case_id: c.id, position: i + 1 }))),
  );
  await insertJson(
    client,
    'case_cites_provision',
    ['case_id', 'work_id', 'eid'],
    cases.flatMap((c) => c.cites_provisions.map((p) => ({ case_id: c.id, work_id: p.work, eid: p.eid }))),
  );
  await insertJson(
    client,
    'case_cites_article',
    ['case_id', 'instrument', 'article'],
    cases.flatMap((c) => c.cites_articles.map((a) => ({ case_id: c.id, ...a }))),
  );
}

async function writeAttachments(client: Client, attachments: Bundle['attachments']) {
  for (const a of attachments) {
    const bytes = Buffer.from(a.content_base64, 'base64');
    await client.query(
      `INSERT INTO attachment (owner_type, owner_id, filename, media_type, size, sha256, bytes, extracted_text, page_count, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        a.owner_type,
        a.owner_id,
        a.filename,
        a.media_type,
        bytes.length,
        a.sha256,
        bytes,
        a.extracted_text,
        a.page_count,
        a.created_at,
        a.created_by,
      ],
    );
  }
}

/** One audit event per imported work, case and document. */
async function writeAuditEvents(client: Client, actor: string, { works, cases, documents }: Bundle) {
  const events = [
    ...works.map((w) => ({ entity_type: 'work', entity_id: w.id })),
    ...cases.map((c) => ({ entity_type: 'case', entity_id: c.id })),
    ...documents.map((d) => ({ entity_type: 'document', entity_id: d.id })),
  ];
  await client.query(
    `INSERT INTO audit_event (actor, action, entity_type, entity_id) SELECT $1, 'import', entity_type, entity_id FROM jsonb_to_recordset($2::jsonb) AS x(entity_type text, entity_id text)`,
    [actor, JSON.stringify(events)],
  );
}

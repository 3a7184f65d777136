/**
 * Checks the demo content files: shape, at least 15 provisions per law, unique eIds,
 * references to instrument articles, concepts and cited provisions that exist.
 * Run: npx tsx src/domains/demo/validate.ts  (exits 1 and lists every problem)
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { ProvisionInput } from '../legislation/input.js';
import { demoCountryFile } from './schema.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, 'data', 'countries');
const refDir = join(here, '..', 'reference', 'data');

const articles = new Set(
  (
    parse(readFileSync(join(refDir, 'instrument-articles.csv')), { columns: true }) as {
      instrument: string;
      article: string;
    }[]
  ).map((r) => `${r.instrument}:${r.article}`),
);
const conceptsPath = join(refDir, 'concepts.json');
const concepts = existsSync(conceptsPath)
  ? new Set((JSON.parse(readFileSync(conceptsPath, 'utf8')) as { code: string }[]).map((c) => c.code))
  : null;

function flatten(list: ProvisionInput[], out: ProvisionInput[] = []): ProvisionInput[] {
  for (const p of list) {
    out.push(p);
    if (p.children) flatten(p.children, out);
  }
  return out;
}

export function validateDemo(): string[] {
  const problems: string[] = [];
  const eids = new Map<string, Set<string>>();
  const cites: { file: string; work: string; eid: string }[] = [];
  for (const name of readdirSync(dataDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = demoCountryFile.safeParse(JSON.parse(readFileSync(join(dataDir, name), 'utf8')));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${name}: ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    const file = parsed.data;
    if (name !== `${file.country.toLowerCase()}.json`)
      problems.push(`${name}: file name should be ${file.country.toLowerCase()}.json`);
    const checkConcepts = (where: string, list: string[] = []) => {
      for (const c of list)
        if (concepts && !concepts.has(c)) problems.push(`${name}: ${where}: unknown concept ${c}`);
    };
    for (const work of file.works) {
      checkConcepts(`work ${work.id}`, work.concepts);
      const workEids = new Set<string>();
      for (const expr of work.expressions) {
        const all = flatten(expr.provisions);
        if (all.length < 15)
          problems.push(`${name}: ${work.id} ${expr.language}: only ${all.length} provisions (need 15)`);
        const seen = new Set<string>();
        for (const p of all) {
          if (seen.has(p.eid)) problems.push(`${name}: ${work.id} ${expr.language}: duplicate eid ${p.eid}`);
          seen.add(p.eid);
          workEids.add(p.eid);
          for (const m of p.mappings ?? [])
            if (!articles.has(`${m.instrument}:${m.article}`))
              problems.push(`${name}: ${p.eid}: unknown article ${m.instrument} ${m.article}`);
        }
      }
      eids.set(work.id, workEids);
    }
    for (const c of file.cases) {
      checkConcepts(`case ${c.id}`, c.concepts);
      for (const a of c.cites_articles)
        if (!articles.has(`${a.instrument}:${a.article}`))
          problems.push(`${name}: case ${c.id}: unknown article ${a.instrument} ${a.article}`);
      for (const p of c.cites_provisions) cites.push({ file: name, work: p.work, eid: p.eid });
    }
    for (const d of file.documents) checkConcepts(`document ${d.id}`, d.concepts);
  }
  for (const c of cites)
    if (!eids.get(c.work)?.has(c.eid))
      problems.push(`${c.file}: a case cites ${c.work} ${c.eid}, which does not exist`);
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = validateDemo();
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log('demo data OK');
}

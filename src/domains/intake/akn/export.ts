/**
 * Akoma Ntoso 3.0 out of an expression: FRBR identifiers, the title, the provision tree (each
 * with its eId, number, heading and text as paragraphs) and definitions marked with <def>.
 * Reading the result back gives the same provisions.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../../core/access.js';
import type { Orm } from '../../../core/db/connect.js';
import { rows } from '../../../core/db/query.js';
import { notFound } from '../../../core/errors.js';
import {
  expressionsOf,
  chooseExpression,
  provisionTree,
  workByUri,
  getWorkRow,
  type ProvisionNode,
  type Work,
} from '../../legislation/service.js';
import { xmlText } from '../../../core/text.js';
import { AKN_HIERARCHICAL } from './vocabulary.js';

const NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
/** Kinds that are AKN hierarchical elements of their own; any other kind is written as <hcontainer name="…">. */
const ELEMENTS = new Set<string>(AKN_HIERARCHICAL);

/** Escaped, without characters XML cannot carry (the file stays well-formed whatever the database holds). */
const esc = xmlText;
const termId = (term: string) =>
  `term-${term
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_|_$/g, '')}`;

/** A line of text with the first use of each defined term marked (longest terms first, never overlapping). */
function line(text: string, terms: string[]): string {
  const marks: { at: number; end: number; term: string }[] = [];
  for (const term of terms) {
    const at = text.indexOf(term);
    if (at >= 0 && !marks.some((m) => at < m.end && at + term.length > m.at))
      marks.push({ at, end: at + term.length, term });
  }
  marks.sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  for (const m of marks) {
    out += `${esc(text.slice(from, m.at))}<def refersTo="#${esc(termId(m.term))}">${esc(m.term)}</def>`;
    from = m.end;
  }
  return out + esc(text.slice(from));
}

function provisionXml(p: ProvisionNode, defs: Map<string, string[]>, indent: string): string {
  const tag = ELEMENTS.has(p.kind) ? p.kind : 'hcontainer';
  const name = tag === 'hcontainer' ? ` name="${esc(p.kind)}"` : '';
  const parts = [`${indent}<${tag} eId="${esc(p.eid)}"${name}>`];
  if (p.number) parts.push(`${indent}  <num>${esc(p.number)}</num>`);
  if (p.heading) parts.push(`${indent}  <heading>${esc(p.heading)}</heading>`);
  const paragraphs = p.text
    ? p.text
        .split('\n')
        .map((l) => `<p>${line(l, defs.get(p.eid) ?? [])}</p>`)
        .join('')
    : '';
  if (p.children.length) {
    if (paragraphs) parts.push(`${indent}  <intro>${paragraphs}</intro>`);
    for (const c of p.children) parts.push(provisionXml(c, defs, `${indent}  `));
  } else parts.push(`${indent}  <content>${paragraphs || '<p/>'}</content>`);
  parts.push(`${indent}</${tag}>`);
  return parts.join('\n');
}

export async function exportAkn(
  db: Orm,
  viewer: Viewer,
  ref: string,
  wanted: { language?: string; date?: string } = {},
): Promise<{ xml: string; filename: string }> {
  const work: Work | undefined = ref.startsWith('/akn/')
    ? await workByUri(db, viewer, ref)
    : await getWorkRow(db, viewer, ref);
  if (!work) throw notFound(`Work ${ref}`);
  const expressions = await expressionsOf(db, work);
  const expression = chooseExpression(expressions, { date: wanted.date, prefer: wanted.language });
  if (!expression) throw notFound(`Expression ${wanted.language ?? ''}@${wanted.date ?? ''} of ${work.uri}`);
  const [tree, definitions, country] = await Promise.all([
    provisionTree(db, expression.id),
    rows<{ eid: string; term: string }>(
      db,
      sql`SELECT eid, term FROM definition WHERE expression_id = ${expression.id} ORDER BY length(term) DESC`,
    ),
    rows<{ iso2: string }>(db, sql`SELECT iso2 FROM country WHERE iso3 = ${work.country}`),
  ]);
  const defs = new Map<string, string[]>();
  for (const d of definitions) defs.set(d.eid, [...(defs.get(d.eid) ?? []), d.term]);
  const doc = work.type === 'bill' ? 'bill' : 'act';
  const exprUri = `${work.uri}/${expression.language}@${expression.date}`;
  const preamble = tree.filter((p) => p.kind === 'preamble');
  const body = tree.filter((p) => p.kind !== 'preamble');
  const terms = [...new Set(definitions.map((d) => d.term))];
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<akomaNtoso xmlns="${NS}">`,
    `<${doc} name="${esc(work.type)}">`,
    '<meta>',
    '<identification source="#cyrepo">',
    `<FRBRWork><FRBRthis value="${esc(work.uri)}/!main"/><FRBRuri value="${esc(work.uri)}"/><FRBRdate date="${esc(work.date_adopted ?? String(work.year))}" name="Generation"/><FRBRauthor href="#cyrepo"/><FRBRcountry value="${esc((country[0]?.iso2 ?? '').toLowerCase())}"/><FRBRnumber value="${esc(work.number)}"/><FRBRname value="${esc(expression.title)}"/></FRBRWork>`,
    `<FRBRExpression><FRBRthis value="${esc(exprUri)}/!main"/><FRBRuri value="${esc(exprUri)}"/><FRBRdate date="${expression.date}" name="Generation"/><FRBRauthor href="#cyrepo"/><FRBRlanguage language="${expression.language}"/></FRBRExpression>`,
    `<FRBRManifestation><FRBRthis value="${esc(exprUri)}/!main.xml"/><FRBRuri value="${esc(exprUri)}.akn"/><FRBRdate date="${new Date().toISOString().slice(0, 10)}" name="Generation"/><FRBRauthor href="#cyrepo"/></FRBRManifestation>`,
    '</identification>',
    `<references source="#cyrepo"><TLCOrganization eId="cyrepo" href="/" showAs="cyrepo"/>${terms.map((t) => `<TLCTerm eId="${esc(termId(t))}" href="/ontology/term/${esc(termId(t))}" showAs="${esc(t)}"/>`).join('')}</references>`,
    '</meta>',
    `<preface><p><docTitle>${esc(expression.title)}</docTitle></p></preface>`,
    ...preamble.map(
      (p) =>
        `<preamble eId="${esc(p.eid)}">${(p.text || '')
          .split('\n')
          .map((l) => `<p>${esc(l)}</p>`)
          .join('')}</preamble>`,
    ),
    '<body>',
    ...body.map((p) => provisionXml(p, defs, '  ')),
    '</body>',
    `</${doc}>`,
    '</akomaNtoso>',
    '',
  ].join('\n');
  return { xml, filename: `${work.id}-${expression.language}@${expression.date}.akn.xml` };
}

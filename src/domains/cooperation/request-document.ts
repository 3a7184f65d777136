/**
 * The request writer's document: a request filled in from what cyrepo knows — the legal basis and
 * its articles, the requested authority, the offences with the requesting state's provisions
 * quoted and the requested state's dual-criminality provisions, the data sought — in the language
 * the authority accepts when a template exists in it (the six UN languages), with a checklist of
 * what is still missing. One model, rendered as DOCX here and as the print view by the web layer.
 */
import { sql } from 'drizzle-orm';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { CONTENT_CODE, formatDate, localName, type UiLang } from '../../core/i18n.js';
import { rows } from '../../core/db/query.js';
import { AppError } from '../../core/errors.js';
import { cleanDeep } from '../../core/text.js';
import { instrumentName } from '../reference/names.js';
import { type Authority, getAuthority } from './authorities.js';
import { dualCriminality, type StateCriminalises } from './dual-criminality.js';
import { measuresByInstrument } from './measures.js';
import { type CooperationRequest, WRITER_KINDS } from './requests.js';
import templates from './request-templates.json' with { type: 'json' };

type Template = (typeof templates)['eng'];
export const TEMPLATE_LANGUAGES = Object.keys(templates) as (keyof typeof templates)[];
const UI_OF = Object.fromEntries(
  Object.entries(CONTENT_CODE).map(([ui, content]) => [content, ui]),
) as Record<string, UiLang>;
const DATA_KINDS = ['preservation', 'subscriber', 'traffic_data', 'stored_content', 'emergency', 'real_time'];

export type Line = { text: string; bold?: boolean; quote?: boolean; lang?: string };
export type Block = { heading?: string; lines: Line[] };
/** What is still missing, by code (the page and the API word it), with what it is about. */
export type Missing = { code: string; detail?: string };
export type RequestDocument = {
  language: string;
  rtl: boolean;
  title: string;
  blocks: Block[];
  checklist: Missing[];
};

const fill = (s: string, values: Record<string, string>) =>
  s.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? `{${k}}`);

/** The template language: the request's own, else the first the authority accepts that has a template, else English. */
export function documentLanguage(
  r: Pick<CooperationRequest, 'language'>,
  authority: Authority | null,
): string {
  const offered = [r.language, ...(authority?.languages ?? [])].filter((l): l is string => !!l);
  return offered.find((l) => (TEMPLATE_LANGUAGES as string[]).includes(l)) ?? 'eng';
}

export async function requestDocument(
  db: Orm,
  viewer: Viewer,
  r: CooperationRequest,
): Promise<RequestDocument> {
  // An authority removed from the directory since leaves the request without one (listed as missing).
  const authority =
    r.authority_id === null
      ? null
      : await getAuthority(db, viewer, r.authority_id).catch((err) => {
          if (err instanceof AppError && err.status === 404) return null;
          throw err;
        });
  const language = documentLanguage(r, authority);
  const t = templates[language as keyof typeof templates] as Template;
  const ui = { lang: UI_OF[language] ?? 'en' } as { lang: UiLang };
  const names = await rows<{ iso3: string; names: Record<string, string> }>(
    db,
    sql`SELECT iso3, names FROM country WHERE iso3 IN (${r.requesting}, ${r.requested})`,
  );
  const country = (iso3: string) =>
    localName(names.find((n) => n.iso3 === iso3)?.names, ui.lang).text || iso3;
  const offences = await dualCriminality(db, viewer, { from: r.requesting, to: r.requested }, r.offences);
  const labels = await offenceLabels(db, r.offences, ui.lang);
  const missing = (v: string | null | undefined) => (v ? v : t.missing);
  const values = {
    requesting_authority: missing(r.requesting_authority),
    requesting: country(r.requesting),
    authority: missing(authority?.name),
    requested: country(r.requested),
  };
  const kind = WRITER_KINDS.find((k) => k === r.kind) ?? 'other';
  const blocks: Block[] = [
    {
      lines: [
        { text: `${t.to}: ${values.authority}, ${values.requested}`, bold: true },
        ...(authority?.contact?.address ? [{ text: authority.contact.address }] : []),
        { text: `${t.from}: ${values.requesting_authority}, ${values.requesting}`, bold: true },
        { text: `${t.reference}: ${missing(r.reference)}` },
        { text: `${t.date}: ${formatDate(r.sent_on ?? new Date().toISOString().slice(0, 10), ui)}` },
      ],
    },
    { lines: [{ text: fill(t[`ask.${kind}`], values) }] },
    { heading: t.legal_basis, lines: [{ text: await basisSentence(db, r, t, ui.lang) }] },
    { heading: t.urgency, lines: [{ text: r.urgency || t.not_urgent }] },
    {
      heading: t.confidentiality,
      lines: [{ text: r.confidential ? t['confidential.yes'] : t['confidential.no'] }],
    },
    { heading: t.facts, lines: [{ text: missing(r.facts) }] },
    { heading: t.requesting_law, lines: lawOf(offences, labels, 'requesting', t) },
    { heading: t.requested_law, lines: lawOf(offences, labels, 'requested', t) },
    { heading: t.data, lines: dataLines(r, t, ui) },
    { heading: t.signature, lines: [{ text: '' }] },
  ];
  return {
    language,
    rtl: language === 'ara',
    title: t[`title.${kind}`],
    blocks: cleanDeep(blocks),
    checklist: checklist(r, authority, offences, language),
  };
}

async function offenceLabels(db: Orm, codes: string[], lang: UiLang): Promise<Record<string, string>> {
  const found = await rows<{ code: string; labels: Record<string, string> }>(
    db,
    sql`SELECT code, labels FROM concept WHERE code = ANY(${sql.param(codes)}::text[])`,
  );
  return Object.fromEntries(found.map((c) => [c.code, localName(c.labels, lang).text || c.code]));
}

async function basisSentence(db: Orm, r: CooperationRequest, t: Template, lang: UiLang): Promise<string> {
  if (r.legal_basis === 'reciprocity') return t['basis.reciprocity'];
  const measures = (await measuresByInstrument(db)).get(r.legal_basis) ?? [];
  const own = measures.find((m) => m.kind === r.kind) ?? measures.find((m) => m.kind === 'general');
  const articles = (own?.articles ?? []).map((a) => fill(t.article, { n: a.number })).join(', ');
  return fill(t['basis.instrument'], { instrument: instrumentName(lang, r.legal_basis), articles });
}

/** Each offence with one state's provisions, or "to be completed" when the request names none. */
function lawOf(
  offences: Awaited<ReturnType<typeof dualCriminality>>,
  labels: Record<string, string>,
  side: 'requesting' | 'requested',
  t: Template,
): Line[] {
  if (!offences.length) return [{ text: t.missing }];
  return offences.flatMap((o) => lawLines(labels[o.concept], o[side], t));
}

/** An offence, then each provision criminalising it (label, then its text quoted), or that none is recorded. */
function lawLines(label: string | undefined, state: StateCriminalises, t: Template): Line[] {
  const provisions = state.articles.flatMap((a) => a.provisions);
  const unique = provisions.filter((p, i) => provisions.findIndex((q) => q.uri === p.uri) === i);
  return [
    { text: label ?? '', bold: true },
    ...(unique.length
      ? unique.flatMap((p) => [{ text: p.label }, { text: p.text, quote: true, lang: p.language }])
      : [{ text: t.none_recorded }]),
  ];
}

function dataLines(r: CooperationRequest, t: Template, ui: { lang: UiLang }): Line[] {
  const d = r.data_sought;
  const period =
    d.date_from || d.date_to
      ? fill(t.period_text, {
          from: formatDate(d.date_from, ui) || t.missing,
          to: formatDate(d.date_to, ui) || t.missing,
        })
      : t.missing;
  return [
    { text: `${t.provider}: ${d.provider || t.missing}` },
    { text: `${t.identifiers}:`, bold: true },
    ...(d.identifiers.length ? d.identifiers.map((i) => ({ text: `• ${i}` })) : [{ text: t.missing }]),
    { text: `${t.period}: ${period}` },
    { text: `${t.time_zone}: ${d.time_zone || t.missing}` },
    ...(d.description ? [{ text: `${t.description}: ${d.description}` }] : []),
  ];
}

/** What a requested authority will ask for and is not there yet. */
function checklist(
  r: CooperationRequest,
  authority: Authority | null,
  offences: Awaited<ReturnType<typeof dualCriminality>>,
  language: string,
): Missing[] {
  const list: Missing[] = [];
  const add = (when: unknown, code: string, detail?: string) => {
    if (when) list.push(detail === undefined ? { code } : { code, detail });
  };
  add(!r.requesting_authority, 'requesting_authority');
  add(!authority, 'authority');
  add(r.facts.length < 40, 'facts');
  add(!r.offences.length, 'offences');
  for (const o of offences) add(!o.both, 'dual_criminality', o.concept);
  if (DATA_KINDS.includes(r.kind)) {
    const d = r.data_sought;
    add(!d.provider, 'provider');
    add(!d.identifiers.length, 'identifiers');
    add(!d.date_from || !d.date_to, 'period');
    add(!d.time_zone, 'time_zone');
  }
  add(r.kind === 'emergency' && !r.urgency, 'urgency');
  add(
    authority?.languages.length && !authority.languages.includes(language),
    'translation',
    authority?.languages.join(', '),
  );
  add(
    r.legal_basis === 'reciprocity' &&
      authority?.legal_bases.length &&
      !authority.legal_bases.includes('reciprocity'),
    'reciprocity',
  );
  return list;
}

export async function requestDocx(doc: RequestDocument): Promise<Buffer> {
  const rtl = (lang?: string) => (lang ?? doc.language) === 'ara';
  const paragraph = (line: Line) =>
    new Paragraph({
      bidirectional: rtl(line.lang),
      alignment: rtl(line.lang) ? AlignmentType.RIGHT : undefined,
      indent: line.quote ? { left: 567 } : undefined,
      children: [
        new TextRun({ text: line.text, bold: line.bold, italics: line.quote, rightToLeft: rtl(line.lang) }),
      ],
    });
  const children = [
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE, bidirectional: doc.rtl }),
    ...doc.blocks.flatMap((b) => [
      ...(b.heading
        ? [new Paragraph({ text: b.heading, heading: HeadingLevel.HEADING_1, bidirectional: doc.rtl })]
        : []),
      ...b.lines.flatMap((l) => l.text.split('\n').map((text) => paragraph({ ...l, text }))),
    ]),
  ];
  return Packer.toBuffer(new Document({ creator: 'cyrepo', title: doc.title, sections: [{ children }] }));
}

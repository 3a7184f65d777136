/**
 * The gap report of a country's legislation against an instrument: the articles covered, partly
 * covered, reserved and missing (or not yet reviewed), the national provisions and the country's
 * reservations and declarations quoted, the reviewer's
 * recommendations, date and name — computed from the accepted mappings each time it is asked for,
 * so it is current after every review step. As data (for the page and the API) and as DOCX.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { getCountry, getInstrument } from '../reference/service.js';
import { coverage, type ArticleStatus, type CoveredBy } from './coverage.js';
import { reviewFor, type ReviewView } from './review-access.js';
import { cleanDeep } from '../../core/text.js';
import { articleTitle, instrumentName } from '../reference/names.js';
import { listReservations, type RESERVATION_KINDS, type Reservation } from '../reference/reservations.js';

export type GapArticle = {
  number: string;
  title: string;
  category: string;
  status: ArticleStatus;
  provisions: CoveredBy[];
  /** the country's reservations and declarations on the article */
  reservations: Pick<Reservation, 'kind' | 'text' | 'made_on' | 'withdrawn_on'>[];
  recommendation: string | null;
};
export type GapReport = {
  country: { iso3: string; name: string };
  instrument: { code: string; name: string };
  generated: string;
  /** the review as the viewer may see it (see review-access.ts) */
  review: Omit<ReviewView, 'country' | 'instrument' | 'recommendations'> | null;
  counts: Record<ArticleStatus, number>;
  articles: GapArticle[];
};

/** Gaps first: what is missing, then what is partly covered, reserved, not yet reviewed, and covered. */
export const GAP_ORDER: ArticleStatus[] = ['missing', 'partial', 'reserved', 'not_reviewed', 'covered'];

export async function gapReport(
  db: Orm,
  viewer: Viewer,
  iso3: string,
  instrument: string,
  lang = 'en',
): Promise<GapReport> {
  const country = await getCountry(db, viewer, iso3);
  const inst = await getInstrument(db, instrument);
  const data = await coverage(db, viewer, { instrument, country: country.iso3 });
  const review = await reviewFor(db, viewer, country.iso3, instrument);
  const made = await listReservations(db, { country: country.iso3, instrument });
  const row = data.countries[0];
  const articles = data.articles.map((a) => ({
    ...a,
    title: articleTitle(lang, instrument, a.number, a.title),
    status: row?.statuses[a.number] ?? 'not_reviewed',
    provisions: row?.provisions[a.number] ?? [],
    reservations: made
      .filter((r) => r.article === a.number)
      .map(({ kind, text, made_on, withdrawn_on }) => ({ kind, text, made_on, withdrawn_on })),
    recommendation: review?.recommendations[a.number] ?? null,
  }));
  const counts = { covered: 0, partial: 0, reserved: 0, missing: 0, not_reviewed: 0 };
  for (const a of articles) counts[a.status]++;
  return {
    country: { iso3: country.iso3, name: country.names[lang] ?? country.names.en ?? country.iso3 },
    instrument: { code: inst.code, name: instrumentName(lang, inst.code, inst.short_name) },
    generated: new Date().toISOString().slice(0, 10),
    review: review && {
      status: review.status,
      reviewer: review.reviewer,
      reviewed_at: review.reviewed_at?.slice(0, 10) ?? null,
      summary: review.summary,
    },
    counts,
    articles: articles.sort((x, y) => GAP_ORDER.indexOf(x.status) - GAP_ORDER.indexOf(y.status)),
  };
}

/** Labels the DOCX uses, in the reader's language (given by the page that offers it). */
export type GapLabels = {
  title: string;
  article: string;
  meta: string;
  summary: string;
  statuses: Record<ArticleStatus, string>;
  reservation: Record<(typeof RESERVATION_KINDS)[number], string>;
  recommendation: string;
  none: string;
};

export async function gapReportDocx(stored: GapReport, given: GapLabels): Promise<Buffer> {
  // Word files are XML: text without the characters XML cannot carry, whatever the database holds.
  const report = cleanDeep(stored);
  const labels = cleanDeep(given);
  const children: Paragraph[] = [
    new Paragraph({ text: labels.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: labels.meta, italics: true })] }),
  ];
  if (report.review?.summary)
    children.push(
      new Paragraph({ text: labels.summary, heading: HeadingLevel.HEADING_1 }),
      ...report.review.summary.split('\n').map((l) => new Paragraph(l)),
    );
  for (const status of GAP_ORDER) {
    const list = report.articles.filter((a) => a.status === status);
    if (!list.length) continue;
    children.push(
      new Paragraph({ text: `${labels.statuses[status]} (${list.length})`, heading: HeadingLevel.HEADING_1 }),
    );
    for (const a of list) {
      children.push(
        new Paragraph({
          text: `${labels.article} ${a.number} — ${a.title}`,
          heading: HeadingLevel.HEADING_2,
        }),
      );
      if (!a.provisions.length && status === 'missing')
        children.push(new Paragraph({ children: [new TextRun({ text: labels.none, italics: true })] }));
      for (const p of a.provisions) {
        children.push(new Paragraph({ children: [new TextRun({ text: p.label, bold: true })] }));
        for (const line of p.text.split('\n').filter(Boolean))
          children.push(
            new Paragraph({
              indent: { left: 567 },
              alignment: ['ara', 'heb', 'fas', 'urd'].includes(p.language) ? AlignmentType.RIGHT : undefined,
              bidirectional: ['ara', 'heb', 'fas', 'urd'].includes(p.language),
              children: [new TextRun({ text: line, italics: true })],
            }),
          );
      }
      for (const r of a.reservations)
        children.push(
          new Paragraph({
            children: [
              new TextRun({
                text: `${labels.reservation[r.kind]}${r.made_on ? ` (${r.made_on})` : ''}${r.withdrawn_on ? ` – ${r.withdrawn_on}` : ''}: `,
                bold: true,
              }),
              new TextRun(r.text),
            ],
          }),
        );
      if (a.recommendation)
        children.push(
          new Paragraph({
            children: [
              new TextRun({ text: `${labels.recommendation}: `, bold: true }),
              new TextRun(a.recommendation),
            ],
          }),
        );
    }
  }
  const doc = new Document({ creator: 'cyrepo', title: labels.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/**
 * A version of a law as a Word document: its title, the version (date, language, translation or
 * not), its provisions in order with their numbers and headings, subsections indented, right to
 * left for Arabic and other RTL scripts, and the address it came from.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { notFound } from '../../core/errors.js';
import { cleanDeep } from '../../core/text.js';
import { chooseExpression, expressionsOf, getWorkRow, provisionTree, type ProvisionNode } from './service.js';

const RTL = ['ara', 'heb', 'fas', 'urd'];

/** The lines of the document for a provision and its descendants (headings for parts to sections, paragraphs below). */
function blocks(p: ProvisionNode, depth: number, rtl: boolean): Paragraph[] {
  const head = [p.number, p.heading].filter(Boolean).join(' ');
  const options = { bidirectional: rtl, alignment: rtl ? AlignmentType.RIGHT : undefined };
  const out: Paragraph[] = [];
  const nested = p.eid.includes('__');
  if (!nested && head)
    out.push(
      new Paragraph({
        ...options,
        text: head,
        heading: depth === 0 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
      }),
    );
  if (nested) {
    const runs = [
      head && new TextRun({ text: `${head} `, bold: !!p.heading }),
      p.text && new TextRun(p.text),
    ].filter((r): r is TextRun => !!r);
    if (runs.length)
      out.push(new Paragraph({ ...options, indent: { start: 567 * Math.min(depth, 4) }, children: runs }));
  } else if (p.text)
    for (const line of p.text.split('\n')) out.push(new Paragraph({ ...options, text: line }));
  for (const c of p.children) out.push(...blocks(c, depth + 1, rtl));
  return out;
}

export async function workDocx(
  db: Orm,
  viewer: Viewer,
  id: string,
  wanted: { language?: string; date?: string },
  publicUrl: string,
): Promise<{ bytes: Buffer; filename: string }> {
  const work = await getWorkRow(db, viewer, id);
  const expressions = await expressionsOf(db, work);
  const expression = chooseExpression(expressions, { date: wanted.date, prefer: wanted.language });
  if (!expression) throw notFound(`Version ${wanted.language ?? ''}@${wanted.date ?? ''} of ${work.uri}`);
  // Word files are XML: text without the characters XML cannot carry, whatever the database holds.
  const tree = cleanDeep(await provisionTree(db, expression.id));
  const rtl = RTL.includes(expression.language);
  const title = cleanDeep(expression.title || Object.values(work.title)[0] || work.uri);
  const doc = new Document({
    creator: 'cyrepo',
    title,
    sections: [
      {
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.TITLE, bidirectional: rtl }),
          new Paragraph({
            children: [
              new TextRun({
                text: `${publicUrl}${expression.uri} · ${expression.language}@${expression.date}${expression.authoritative ? '' : ' (translation)'}`,
                italics: true,
              }),
            ],
          }),
          ...tree.flatMap((p) => blocks(p, 0, rtl)),
        ],
      },
    ],
  });
  return {
    bytes: await Packer.toBuffer(doc),
    filename: `${work.id}-${expression.language}@${expression.date}.docx`,
  };
}

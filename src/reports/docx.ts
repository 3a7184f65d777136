/** A report as a Word document: the same sections, figures and tables as the page, each figure linked to its records. */
import {
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatNumber, type Report } from './model.js';
import { cleanDeep } from '../core/text.js';

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

export async function reportDocx(
  stored: Report,
  publicUrl: string,
  given: { period: string; empty: string; howCounted?: string },
): Promise<Buffer> {
  // Word files are XML: text without the characters XML cannot carry, whatever the database holds.
  const r = cleanDeep(stored);
  const labels = cleanDeep(given);
  const link = (text: string, href?: string) =>
    href
      ? new ExternalHyperlink({
          link: new URL(href, publicUrl).toString(),
          children: [new TextRun({ text, style: 'Hyperlink' })],
        })
      : new TextRun(text);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: r.title, heading: HeadingLevel.TITLE }),
    new Paragraph(labels.period),
  ];
  if (r.empty)
    children.push(new Paragraph({ children: [new TextRun({ text: labels.empty, italics: true })] }));
  for (const s of r.sections) {
    children.push(new Paragraph({ text: s.title, heading: HeadingLevel.HEADING_1 }));
    if (s.text) children.push(new Paragraph(s.text));
    if (s.note)
      children.push(
        new Paragraph({
          children: [new TextRun({ text: `${labels.howCounted ?? ''} ${s.note}`.trim(), italics: true })],
        }),
      );
    for (const f of s.figures)
      children.push(
        new Paragraph({
          children: [new TextRun(`${f.label}: `), link(formatNumber(f.value, f.usd), f.href)],
        }),
      );
    for (const tab of s.tables) {
      children.push(new Paragraph({ text: tab.caption, heading: HeadingLevel.HEADING_2 }));
      if (!tab.rows.length) continue;
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: tab.columns.map(([, label]) => cell(label, true)) }),
            ...tab.rows.map(
              (row) =>
                new TableRow({
                  children: row.cells.map((c, i) =>
                    i === 0
                      ? new TableCell({
                          children: [new Paragraph({ children: [link(String(c), row.href)] })],
                        })
                      : cell(typeof c === 'number' ? c.toLocaleString('en') : c),
                  ),
                }),
            ),
          ],
        }),
      );
    }
  }
  return Packer.toBuffer(new Document({ creator: 'cyrepo', title: r.title, sections: [{ children }] }));
}

/**
 * Lines a scan's OCR read with low confidence, marked in the law editor's preview: under the
 * provision whose text holds each, so the editor compares them with the scan and corrects them
 * before saving. The list travels with the form (a hidden field) through the editor's operations;
 * a line the editor has corrected is no longer found, and its mark goes. Lines that were in no
 * provision from the start (a title, a page heading) are listed above the provisions until saved.
 */
import { z } from 'zod';
import { formatNumber } from '../../core/i18n.js';
import type { Row } from '../../domains/legislation/provisions-editor.js';
import type { UncertainLine } from '../../domains/intake/scan.js';
import type { Ui } from '../shell/ui.js';

/** A line to check; `elsewhere`: in no provision when the preview was made. */
export type Check = UncertainLine & { elsewhere?: boolean };

/** The most lines a preview marks (the least sure), and so the most the hidden field may hold. */
export const MAX_CHECKS = 500;
const list = z
  .array(
    z.object({
      page: z.number().int(),
      confidence: z.number(),
      text: z.string().max(1000),
      elsewhere: z.boolean().optional(),
    }),
  )
  .max(MAX_CHECKS);

/** The lines from the form's hidden field (nothing when absent, altered or too long). */
export function uncertainFrom(value: string | undefined): Check[] {
  if (!value || value.length > MAX_CHECKS * 1200) return [];
  try {
    return list.parse(JSON.parse(value));
  } catch {
    return [];
  }
}

/** Letters and digits only: the editor's splitting of a line into number, heading and text does not hide it. */
const plain = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
/** What of a line must still be in a provision: past its first characters, which may have become the provision's number. */
const MARKER = 12;

const holder = (texts: string[], line: UncertainLine) => {
  const text = plain(line.text);
  const tail = text.length >= MARKER + 8 ? text.slice(MARKER) : text;
  return tail ? texts.findIndex((t) => t.includes(tail)) : -1;
};
const rowTexts = (rows: Row[]) => rows.map((r) => plain(`${r.number} ${r.heading} ${r.text}`));

/** The lines of a new preview (the least sure first, at most MAX_CHECKS), those in no provision marked as such. */
export function placeChecks(rows: Row[], lines: UncertainLine[]): Check[] {
  const texts = rowTexts(rows);
  return [...lines]
    .sort((a, b) => a.confidence - b.confidence)
    .slice(0, MAX_CHECKS)
    .map((l) => ({ ...l, text: l.text.slice(0, 1000) }))
    .map((l) => (holder(texts, l) < 0 ? { ...l, elsewhere: true } : l));
}

/** For each row, the lines its number, heading and text still hold (corrected ones are gone); and the lines in no provision. */
export function uncertainByRow(rows: Row[], lines: Check[]): { byRow: Check[][]; elsewhere: Check[] } {
  const texts = rowTexts(rows);
  const byRow: Check[][] = rows.map(() => []);
  for (const line of lines) {
    const i = line.elsewhere ? -1 : holder(texts, line);
    if (i >= 0) byRow[i].push(line);
  }
  return { byRow, elsewhere: lines.filter((l) => l.elsewhere) };
}

export function UncertainField({ lines }: { lines: Check[] }) {
  return lines.length ? <input type="hidden" name="uncertain" value={JSON.stringify(lines)} /> : null;
}

/** The marks under a provision's text; `elsewhere`: the lines in no provision (above them all). */
export function UncertainLines({
  ui,
  lines,
  id,
  elsewhere = false,
}: {
  ui: Ui;
  lines: UncertainLine[];
  id: string;
  elsewhere?: boolean;
}) {
  if (!lines.length) return null;
  return (
    <div class="ocr-check" id={id}>
      <p>{ui.t(elsewhere ? 'editwork.check_elsewhere' : 'editwork.check_lines')}</p>
      <ul>
        {lines.map((l) => (
          <li>
            <span class="ocr-line" dir="auto">
              {l.text}
            </span>{' '}
            <small>
              {ui.t('editwork.check_line', {
                page: formatNumber(l.page, ui),
                confidence: formatNumber(l.confidence, ui),
              })}
            </small>
          </li>
        ))}
      </ul>
    </div>
  );
}

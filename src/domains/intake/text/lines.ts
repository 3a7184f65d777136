/**
 * The lines of a law's text as the segmenter reads them: whitespace collapsed, page numbers
 * dropped, lines wrapped by a PDF joined again, and a table of contents left out.
 */
import { ARRANGEMENT, classify } from './markers.js';
import { titleish } from './plan.js';

/** The lines of a text, ready to be read one by one; what was left out is said in `warnings`. */
export function textLines(text: string, warnings: string[]): string[] {
  return dropArrangement(joinWrapped(cleanLines(text)), warnings);
}

/** The lines of a text, whitespace collapsed, Markdown markers and bare page numbers dropped. */
function cleanLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) =>
      l
        .replace(/[\s\u00A0]+/g, ' ')
        .trim()
        .replace(/^(?:\\|#{1,6}\s+)/, '')
        .replace(/^(\*\*|__)(.+?)\1/, '$2')
        .trim(),
    )
    .filter((l) => l && !/^\d+$/.test(l) && !/^(page|página|page)\s+\d+(\s+(of|de|sur)\s+\d+)?$/i.test(l));
}

/** A line that goes on in lower case after a line without closing punctuation is the same paragraph, wrapped (as in PDFs). */
function joinWrapped(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const prev = out.at(-1);
    if (prev && /^\p{Ll}/u.test(l) && !/[.;:—–\-)]$/.test(prev) && !/^\(?[a-z]{1,4}[).]/.test(l))
      out[out.length - 1] = `${prev} ${l}`;
    else out.push(l);
  }
  return out;
}

/**
 * A table of contents ("Arrangement of sections", or a run of short entries without a heading)
 * repeats the markers of the body; it is dropped, from its heading or first entry to where the
 * first entry appears again.
 */
function dropArrangement(lines: string[], warnings: string[]): string[] {
  const marks = lines.map(classify);
  const key = (i: number) => {
    const m = marks[i];
    return m && !m.reference && ['article', 'section', 'numbered', 'chinese'].includes(m.family)
      ? `${m.family}|${m.number}`
      : null;
  };
  const headed = lines.findIndex((l) => ARRANGEMENT.test(l));
  const firstMarker = lines.findIndex((_, i) => i > headed && key(i));
  if (firstMarker < 0) return lines;
  const again = lines.findIndex((_, i) => i > firstMarker + 1 && key(i) === key(firstMarker));
  if (again < 0) return lines;
  let start = headed >= 0 ? headed : firstMarker;
  while (headed < 0 && start > 0 && marks[start - 1]?.family === 'container') start--;
  // Without a heading, only a run of short entries is a table of contents.
  const entries = lines.slice(firstMarker, again);
  const short = (l: string, i: number) => {
    const m = marks[firstMarker + i];
    return l.length <= 120 && (m ? !m.rest || titleish(m.rest) : titleish(l));
  };
  if (
    headed < 0 &&
    (entries.length < 3 ||
      !entries.every(short) ||
      entries.filter((_, i) => marks[firstMarker + i]).length < 0.6 * entries.length)
  )
    return lines;
  // Keep the heading of the body's first container if it sits just before the first provision.
  let end = again;
  for (;;) {
    if (end > firstMarker && marks[end - 1]?.family === 'container') end--;
    else if (end - 1 > firstMarker && !marks[end - 1] && marks[end - 2]?.family === 'container') end -= 2;
    else break;
  }
  warnings.push(`a table of contents (${again - start} lines) was left out`);
  return [...lines.slice(0, start), ...lines.slice(end)];
}

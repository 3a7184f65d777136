/**
 * What the segmenter tells the editor to check besides the numbering: articles quoted inside the
 * article that inserts them, articles inserted in the law's own layout, provisions written unlike
 * the law's own, and lines that may start a provision but were read as text.
 */
import type { Marker } from './markers.js';
import { looksLikeHeading } from './reading.js';
import { named, type Node } from './tree.js';

const list = (kind: string, numbers: string[]) =>
  numbers.length === 1 ? `${kind} ${numbers[0]}` : `${kind}s ${numbers.join(', ')}`;

export class Notes {
  private readonly quoted: string[] = [];
  private readonly inserted = new Map<Node, string[]>();
  private readonly oddStyle = new Map<string, string[]>();
  private readonly suspicious: string[] = [];

  /** `what` ("Artículo 128") is quoted text kept in `holder`. */
  quote(holder: Node, what: string) {
    this.quoted.push(`${what} (in ${named(holder)})`);
  }

  /** Article `number` is inserted by `by`, laid out as one of the law's own. */
  insert(by: Node, number: string) {
    const numbers = this.inserted.get(by) ?? this.inserted.set(by, []).get(by)!;
    numbers.push(number);
  }

  uninsert(by: Node) {
    this.inserted.delete(by);
  }

  /** Provision `number` is written unlike the law's own (written `own`). */
  odd(m: Marker, own: string, number: string) {
    const how = m.word
      ? `written “${m.word}”${own && own !== m.word ? ` where the law's own are written “${own}”` : ''}`
      : m.quoted
        ? 'written after an opening quote mark'
        : "written unlike the law's own";
    const numbers = this.oddStyle.get(how) ?? this.oddStyle.set(how, []).get(how)!;
    numbers.push(number);
  }

  /** "Article 12 of …" at the start of a line inside article 11: was article 12 merged into it? */
  reference(current: Node | undefined, line: string, m: Marker) {
    if (current && /^\d+$/.test(current.number) && m.number === String(Number(current.number) + 1))
      this.suspicious.push(
        `a line in ${named(current)} begins “${line.slice(0, 50)}” and was read as text: check whether ${current.kind} ${m.number} starts there`,
      );
  }

  /** "… será sancionado. Artículo 12.- El que …": the next article run into a line of this one. */
  inline(current: Node | undefined, word: string, line: string) {
    if (!current || !word || !/^\d+$/.test(current.number) || !line.includes(word)) return;
    const next = Number(current.number) + 1;
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const at = new RegExp(`[.;:]\\s+${escaped}\\s*${next}(?![\\d\\p{L}])\\s*[º°.:\\-–—]`, 'u').exec(line);
    if (at)
      this.suspicious.push(
        `a line in ${named(current)} contains “${line.slice(at.index + 1, at.index + 50).trim()}…”: check whether ${current.kind} ${next} starts there`,
      );
  }

  /** "12. Interception" inside article 11 of a law of articles: a list item, or article 12 merged in? */
  numbered(current: Node | undefined, line: string, m: Marker) {
    if (!current || !/^\d+$/.test(current.number) || m.number !== String(Number(current.number) + 1)) return;
    const items = current.children.map((c) => c.number);
    if (!items.includes(String(Number(m.number) - 1)) && looksLikeHeading(m.rest))
      this.suspicious.push(
        `a line in ${named(current)} begins “${line.slice(0, 50)}”: check whether ${current.kind} ${m.number} starts there`,
      );
  }

  list(): string[] {
    const one = (n: unknown[], a: string, b: string) => (n.length === 1 ? a : b);
    const q = this.quoted;
    return [
      ...(q.length
        ? [
            `${one(q, 'a quoted provision is', 'quoted provisions are')} kept inside the provision that inserts or substitutes ${one(q, 'it', 'them')}, not taken as ${one(q, 'a provision', 'provisions')} of this law: ${q.join(', ')}`,
          ]
        : []),
      ...[...this.inserted].map(
        ([by, n]) =>
          `${list(by.kind, n)} ${one(n, 'follows', 'follow')} ${named(by)}, which introduces text to insert, and ${one(n, 'is', 'are')} laid out as the law's own: kept as ${one(n, 'a provision', 'provisions')} of ${one(n, 'its', 'their')} own; if ${one(n, 'it is', 'they are')} text quoted by ${named(by)}, move ${one(n, 'it', 'them')} into it`,
      ),
      ...[...this.oddStyle].map(
        ([how, n]) =>
          `${list('provision', n)} ${one(n, 'is', 'are')} ${how}: taken as ${one(n, 'a provision', 'provisions')} of this law; check that ${one(n, 'it is', 'they are')} not quoted text`,
      ),
      ...this.suspicious,
    ];
  }
}

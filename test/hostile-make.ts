/**
 * Hostile files, made on the spot (for test/hostile-files.test.ts and bench/hostile.ts): ZIP bombs
 * as DOCX and XLSX (honest, lying about their sizes, overlapping entries, thousands of entries),
 * Akoma Ntoso nested tens of thousands deep, PDFs of thousands of pages, and Akoma Ntoso in other
 * encodings than UTF-8.
 */
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

type Packed = { name: string; method: 0 | 8; data: Buffer; size: number; crc: number; offset?: number };

/** A deflated entry from its content. */
export const packed = (name: string, content: Buffer | string): Packed => {
  const raw = Buffer.from(content);
  return { name, method: 8, data: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
};

/** `mb` MiB of one byte, deflated as a stream (never held whole). */
export async function deflatedRun(name: string, mb: number, byte = 0x20): Promise<Packed> {
  const block = Buffer.alloc(2 ** 20, byte);
  const out: Buffer[] = [];
  const d = createDeflateRaw({ level: 9 });
  d.on('data', (c: Buffer) => out.push(c));
  let crc = 0;
  for (let i = 0; i < mb; i++) {
    crc = crc32(block, crc);
    if (!d.write(block)) await new Promise((r) => d.once('drain', r));
  }
  await new Promise((r) => {
    d.once('end', r);
    d.end();
  });
  return { name, method: 8, data: Buffer.concat(out), size: mb * 2 ** 20, crc };
}

/**
 * A ZIP archive. Entries with `offset` set are not written again: their central directory record
 * points at the data of the entry written at that offset (overlapping entries).
 */
export function zip(entries: Packed[], declare: (e: Packed) => number = (e) => e.size): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let at = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    let offset = e.offset;
    if (offset === undefined) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(e.method, 8);
      local.writeUInt32LE(e.crc >>> 0, 14);
      local.writeUInt32LE(e.data.length, 18);
      local.writeUInt32LE(declare(e), 22);
      local.writeUInt16LE(name.length, 26);
      parts.push(local, name, e.data);
      offset = at;
      at += 30 + name.length + e.data.length;
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(declare(e), 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(at, 16);
  return Buffer.concat([...parts, dir, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

/** A DOCX whose document.xml unpacks to `mb` MiB of spaces; `lie`: the archive says 1 KB. */
export async function docxBomb(mb: number, options: { lie?: boolean } = {}): Promise<Buffer> {
  const body = await deflatedRun('word/document.xml', mb);
  return zip([packed('[Content_Types].xml', CONTENT_TYPES), body], (e) =>
    options.lie ? Math.min(e.size, 1024) : e.size,
  );
}

/** A DOCX of `n` tiny parts. */
export function docxOfManyParts(n: number): Buffer {
  return zip([
    packed('[Content_Types].xml', CONTENT_TYPES),
    ...Array.from({ length: n }, (_, i) => packed(`word/media/part${i}.xml`, '<a/>')),
  ]);
}

/** An XLSX whose one stored sheet (`mb` MiB) is listed `times` times: each listing unpacks it again. */
export async function xlsxOverlapBomb(times: number, mb: number): Promise<Buffer> {
  const sheet = await deflatedRun('xl/worksheets/sheet1.xml', mb);
  const first = packed('[Content_Types].xml', CONTENT_TYPES);
  const sheetOffset = 30 + first.name.length + first.data.length;
  return zip([
    first,
    sheet,
    ...Array.from({ length: times - 1 }, (_, i) => ({
      ...sheet,
      name: `xl/worksheets/sheet${i + 2}.xml`,
      offset: sheetOffset,
    })),
  ]);
}

const AKN_META = (number: string) =>
  `<meta><identification source="#x"><FRBRWork><FRBRthis value="/akn/ke/act/2020/${number}/main"/><FRBRuri value="/akn/ke/act/2020/${number}"/><FRBRdate date="2020-01-01" name="Generation"/><FRBRauthor href="#p"/><FRBRcountry value="ke"/><FRBRnumber value="${number}"/></FRBRWork><FRBRExpression><FRBRthis value="/akn/ke/act/2020/${number}/eng@2020-01-01/main"/><FRBRuri value="/akn/ke/act/2020/${number}/eng@2020-01-01"/><FRBRdate date="2020-01-01" name="Generation"/><FRBRauthor href="#p"/><FRBRlanguage language="eng"/></FRBRExpression></identification></meta>`;

/** An act whose sections are nested `depth` deep. */
export function nestedAkn(depth: number): Buffer {
  const open = Array.from({ length: depth }, (_, i) => `<section eId="s${i}"><num>${i}</num>`).join('');
  return Buffer.from(
    `<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>${AKN_META('nested')}<body>${open}${'</section>'.repeat(depth)}</body></act></akomaNtoso>`,
  );
}

/** An act of `n` empty sections side by side. */
export function flatAkn(n: number): Buffer {
  return Buffer.from(
    `<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>${AKN_META('flat')}<body>${Array.from({ length: n }, (_, i) => `<section eId="s${i}"/>`).join('')}</body></act></akomaNtoso>`,
  );
}

/** A short act in the given encoding, declared in its XML declaration (UTF-16 with a byte-order mark). */
export function aknEncoded(
  encoding: 'ISO-8859-1' | 'windows-1252' | 'UTF-16',
  number: string,
  text: string,
): Buffer {
  const xml = `<?xml version="1.0" encoding="${encoding}"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>${AKN_META(number)}<preface><p><docTitle>Loi n° ${number} sur la sécurité</docTitle></p></preface><body><section eId="sec_1"><num>1.</num><heading>Définitions</heading><content><p>${text}</p></content></section></body></act></akomaNtoso>`;
  if (encoding === 'UTF-16') return Buffer.from(`\uFEFF${xml}`, 'utf16le');
  if (encoding === 'ISO-8859-1') return Buffer.from(xml, 'latin1');
  // windows-1252: latin1 plus the typographic quotes and dashes in 0x80–0x9F
  const cp1252: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '€': 0x80 };
  return Buffer.from([...xml].map((c) => cp1252[c] ?? c.charCodeAt(0)));
}

/** A PDF of `pages` small pages, each with a line of text. */
export function manyPagePdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let i = 1; i <= pages; i++) doc.addPage({ size: [200, 200] }).text(`Section ${i}. Page ${i}.`);
  doc.end();
  return done;
}

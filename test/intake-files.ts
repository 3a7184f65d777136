/** Files made by the tests for intake: PDFs (pdfkit) and DOCX (docx), and multipart bodies. */
import { AlignmentType, Document, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';

/** A PDF with a text layer, one line per entry (none: an image-only PDF as scanners make them). */
export function makePdf(lines: string[], options: { password?: string } = {}): Promise<Buffer> {
  const doc = new PDFDocument(
    options.password ? { userPassword: options.password, ownerPassword: options.password } : {},
  );
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (!lines.length) doc.rect(50, 50, 200, 100).fill('#888');
  for (const l of lines) doc.text(l);
  doc.end();
  return done;
}

/** A DOCX with one paragraph per entry (right to left for Arabic). */
export async function makeDocx(lines: string[], rtl = false): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: lines.map(
          (text) =>
            new Paragraph({ text, bidirectional: rtl, alignment: rtl ? AlignmentType.RIGHT : undefined }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A multipart/form-data body with fields and files. */
export function multipart(
  fields: Record<string, string>,
  files: { name: string; type: string; bytes: Buffer }[],
  token?: string,
) {
  const boundary = '----cyrepointake';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(token && { authorization: `Bearer ${token}` }),
    },
  };
}

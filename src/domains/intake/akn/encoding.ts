/** The character encoding of an XML file, from its byte-order mark or declaration, and a decoder for it. */
import { IntakeError } from '../errors.js';

/**
 * The encoding of an XML file from its first bytes: a byte-order mark, else the encoding of the
 * XML declaration (UTF-16 recognised by its zero bytes), else UTF-8.
 */
export function xmlEncoding(head: Uint8Array): string {
  const [a, b, c, d] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a === 0x3c && b === 0 && c === 0x3f && d === 0) return 'utf-16le';
  if (a === 0 && b === 0x3c && c === 0 && d === 0x3f) return 'utf-16be';
  const declaration = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/.exec(
    Buffer.from(head.subarray(0, 512)).toString('latin1'),
  );
  return declaration?.[1].toLowerCase() ?? 'utf-8';
}

/** A decoder for the file's encoding; unsupported_encoding when the runtime has none for it. */
export function decoderFor(head: Uint8Array): TextDecoder {
  const encoding = xmlEncoding(head);
  try {
    return new TextDecoder(encoding);
  } catch {
    throw new IntakeError(
      'unsupported_encoding',
      `the file is encoded as "${encoding}", which cyrepo cannot read; save it as UTF-8`,
    );
  }
}

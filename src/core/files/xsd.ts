/**
 * XML checked against an official W3C XML Schema by libxml2 itself (xmllint compiled to
 * WebAssembly, run in a worker thread): what the standards' own validator says, not a reading of
 * it. The schema files are read once and given to xmllint with the files they include.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

export type SchemaProblem = { line: number; message: string };
/** A schema: its main file, and the files it includes or imports (from the same folder). */
export type XmlSchema = { main: URL; includes: URL[] };

const loaded = new Map<string, { schema: XMLFileInfo; preload: XMLFileInfo[] }>();
const fileInfo = (url: URL): XMLFileInfo => ({
  fileName: basename(fileURLToPath(url)),
  contents: readFileSync(url),
});

/** Files larger than this are validated with xmllint's streaming reader (memory bounded by the tree's depth, not its size). */
const STREAM_FROM_BYTES = 32 * 1024 * 1024;
/** WebAssembly pages of 64 KiB: 2 GiB, for the file itself held in xmllint's in-memory file system. */
const MAX_MEMORY_PAGES = 32_768;

/** The problems xmllint finds in `xml` against `schema` (none: the file is valid), each with its line. */
export async function schemaProblems(xml: string | Uint8Array, schema: XmlSchema): Promise<SchemaProblem[]> {
  const key = schema.main.href;
  let files = loaded.get(key);
  if (!files) {
    files = { schema: fileInfo(schema.main), preload: schema.includes.map(fileInfo) };
    loaded.set(key, files);
  }
  const size = typeof xml === 'string' ? Buffer.byteLength(xml) : xml.byteLength;
  const result = await validateXML({
    xml: { fileName: 'document.xml', contents: xml },
    schema: files.schema,
    preload: files.preload,
    maxMemoryPages: MAX_MEMORY_PAGES,
    stream: size > STREAM_FROM_BYTES,
  });
  if (!result.valid && !result.errors.length)
    return [{ line: 0, message: result.rawOutput.trim() || 'the file does not validate' }];
  return result.errors.map((e) => ({
    line: e.loc?.lineNumber ?? 0,
    message: e.message.replace(/^Schemas validity error : /, '').trim(),
  }));
}

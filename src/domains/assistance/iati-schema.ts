/**
 * IATI files checked against the official IATI 2.03 schemas (copied unchanged into
 * `iati-schemas/`) by libxml2: an imported file's chunks are kept as they stream past, then the
 * whole file is validated before its transaction commits.
 */
import { schemaProblems, type XmlSchema } from '../../core/files/xsd.js';
import { IatiError } from './iati.js';

const SCHEMAS = new URL('./iati-schemas/', import.meta.url);
const COMMON = ['iati-common.xsd', 'xml.xsd'].map((f) => new URL(f, SCHEMAS));
export const IATI_SCHEMA: Record<'activities' | 'organisations', XmlSchema> = {
  activities: { main: new URL('iati-activities-schema.xsd', SCHEMAS), includes: COMMON },
  organisations: { main: new URL('iati-organisations-schema.xsd', SCHEMAS), includes: COMMON },
};

/** Files larger than this are checked by the streaming reader's rules only: validation holds the file in memory (about 6 times its size at peak, measured by bench:iati). */
const MAX_SCHEMA_BYTES = 100 * 1024 * 1024;

/** Collects a file's chunks, then validates it against `schema` if it says it is IATI 2.03. */
export class SchemaCheck {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;

  constructor(private readonly schema: XmlSchema) {}

  add(chunk: string | Buffer): void {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (this.bytes <= MAX_SCHEMA_BYTES)
      this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    else this.chunks.length = 0;
  }

  /**
   * Throws IatiError naming the line and the first problem the schema finds; else says, as a
   * warning, why the file was not validated (another version of IATI, or too large), if it was not.
   */
  async finish(version: string | null): Promise<string | null> {
    if (version !== '2.03')
      return `IATI ${version}: checked against the rules cyrepo reads, not against a schema (cyrepo holds the 2.03 schemas)`;
    if (this.bytes > MAX_SCHEMA_BYTES)
      return `not validated against the IATI schema: larger than ${MAX_SCHEMA_BYTES / 1024 / 1024} MB`;
    const [first] = await schemaProblems(Buffer.concat(this.chunks), this.schema);
    this.chunks.length = 0;
    if (first) throw new IatiError(`line ${first.line}: ${first.message} (IATI 2.03 schema)`);
    return null;
  }
}

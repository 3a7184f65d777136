/**
 * Akoma Ntoso reader (AKN 3.0 and the legacy 2.0 namespace), streaming: the XML is read with a
 * SAX parser chunk by chunk and only the result is kept — FRBR identifiers, title, the hierarchy
 * of provisions (number, heading, text, eId), definitions, schedules and attachments, and for
 * judgments the court, parties and the parts of the body. A DOCTYPE is refused, so no entity can
 * make the parser read a file or the network. The declared encoding is honoured (ISO-8859-1,
 * windows-1252, UTF-16…), and a hostile structure is refused as 413 file_too_complex: elements
 * nested too deep, too many elements or provisions (AKN_LIMITS).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { AppError } from '../../../core/errors.js';
import { tooComplex } from '../../../core/errors.js';
import type { ProvisionInput } from '../../legislation/input.js';
import { IntakeError } from '../errors.js';
import { decoderFor } from './encoding.js';
import { type AknDefinition, type AknNode, type AknTerm, buildProvisions } from './provisions.js';
import { BLOCKS, BODIES, HIERARCHY, namespaceVersion, ROOT_TYPES, SKIP } from './vocabulary.js';

export { xmlEncoding } from './encoding.js';
export { type AknDefinition, collapseWhitespace, normaliseEid } from './provisions.js';

/** Real acts nest a few dozen elements deep; the largest hold some 30,000 provisions. */
export type AknLimits = { depth: number; elements: number; provisions: number };
export const AKN_LIMITS: AknLimits = { depth: 128, elements: 2_000_000, provisions: 200_000 };

export type AknDocument = {
  version: '3.0' | '2.0';
  type: (typeof ROOT_TYPES)[number];
  name: string | null;
  work: {
    uri: string | null;
    country: string | null;
    number: string | null;
    date: string | null;
    name: string | null;
    subtype: string | null;
  };
  expression: { uri: string | null; language: string | null; date: string | null };
  title: string | null;
  provisions: ProvisionInput[];
  definitions: AknDefinition[];
  /** judgments: court (from the FRBR author), parties and the neutral citation */
  court: string | null;
  parties: { name: string; role: string | null }[];
  citation: string | null;
};

type Target = 'num' | 'heading' | 'title' | 'longTitle' | 'term' | 'party' | 'citation';
type Frame = { local: string; node?: AknNode; target?: Target; role?: string | null; skip?: boolean };

const emptyDoc = (): Omit<AknDocument, 'provisions' | 'definitions'> => ({
  version: '3.0',
  type: 'act',
  name: null,
  title: null,
  court: null,
  parties: [],
  citation: null,
  work: { uri: null, country: null, number: null, date: null, name: null, subtype: null },
  expression: { uri: null, language: null, date: null },
});

export class AknReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly stack: Frame[] = [];
  private readonly open: AknNode[] = [];
  private readonly top: AknNode[] = [];
  private readonly terms: AknTerm[] = [];
  private readonly doc = emptyDoc();
  private readonly organisations = new Map<string, string>();
  private meta: 'before' | 'inside' | 'done' = 'before';
  private frbr: 'work' | 'expression' | null = null;
  private authorRef: string | null = null;
  private aliasTitle: string | null = null;
  private longTitle: string | null = null;
  private buffer = '';
  private bodyDepth = 0;
  private capturing = 0;
  private skipping = 0;
  /** open elements that capture a defined term (text inside them is the term) */
  private inTerm = 0;
  private elements = 0;
  private provisions = 0;
  private error: AppError | null = null;

  constructor(private readonly limits: AknLimits = AKN_LIMITS) {
    const p = this.parser;
    p.on('doctype', () =>
      this.fail('a DOCTYPE declaration is not allowed (external entities are never read)'),
    );
    p.on('error', (err) => this.fail(err.message.replace(/^undefined:/, 'line ')));
    p.on('opentag', (tag) => this.onOpen(tag));
    p.on('closetag', () => this.onClose());
    p.on('text', (t) => this.onText(t));
    p.on('cdata', (t) => this.onText(t));
  }

  private fail(message: string) {
    this.error ??= new IntakeError('invalid_akn', message);
  }

  private refuse(why: string) {
    this.error ??= tooComplex(null, why);
  }

  write(chunk: string): void {
    if (this.error) throw this.error;
    this.parser.write(chunk);
    if (this.error) throw this.error;
  }

  private onOpen(tag: SaxesTagNS) {
    if (this.error) return;
    const local = tag.local;
    const attr = (name: string) => tag.attributes[name]?.value ?? null;
    const parentFrame = this.stack.at(-1);
    const frame: Frame = { local };
    this.stack.push(frame);
    if (this.stack.length > this.limits.depth)
      return this.refuse(`elements nested more than ${this.limits.depth} deep`);
    if (++this.elements > this.limits.elements)
      return this.refuse(`more than ${this.limits.elements.toLocaleString('en')} elements`);
    if (!parentFrame) {
      const version = namespaceVersion(tag.uri);
      if (local !== 'akomaNtoso') return this.fail(`the root element is <${tag.name}>, not <akomaNtoso>`);
      if (!version) return this.fail(`unknown Akoma Ntoso namespace "${tag.uri || '(none)'}"`);
      this.doc.version = version;
      return;
    }
    if (this.stack.length === 2 && !(local === 'components' && this.meta === 'done')) {
      if (!(ROOT_TYPES as readonly string[]).includes(local))
        return this.fail(`<${local}> is not an Akoma Ntoso document type`);
      this.doc.type = local as AknDocument['type'];
      this.doc.name = attr('name');
    }
    if (this.meta === 'inside') return this.readMeta(local, attr);
    if (local === 'meta' && this.meta === 'before') {
      this.meta = 'inside';
      return;
    }
    if (this.skipping || SKIP.has(local)) {
      frame.skip = true;
      this.skipping++;
      return;
    }
    if (BODIES.has(local)) this.bodyDepth++;
    const node = this.open.at(-1);
    if (this.bodyDepth > 0 && HIERARCHY.has(local)) {
      if (++this.provisions > this.limits.provisions)
        return this.refuse(`more than ${this.limits.provisions.toLocaleString('en')} provisions`);
      frame.node = {
        id: attr('eId') ?? attr('id'),
        kind: local === 'hcontainer' ? (attr('name') ?? 'hcontainer') : local,
        number: '',
        heading: '',
        text: '',
        children: [],
      };
      (node ? node.children : this.top).push(frame.node);
      this.open.push(frame.node);
      return;
    }
    const direct = !!node && parentFrame.node === node;
    const titled = !!node && ['attachment', 'component'].includes(node.kind);
    if (local === 'num' && direct && !node.number) frame.target = 'num';
    else if (local === 'heading' && direct && !node.heading) frame.target = 'heading';
    else if (local === 'docTitle' && titled && !node.heading) frame.target = 'heading';
    else if ((local === 'docTitle' || local === 'shortTitle') && this.bodyDepth === 0 && !this.doc.title)
      frame.target = 'title';
    else if (local === 'longTitle' && this.bodyDepth === 0 && !this.doc.title && !this.longTitle)
      frame.target = 'longTitle';
    else if ((local === 'def' || local === 'term') && node) frame.target = 'term';
    else if (local === 'party' && this.doc.type === 'judgment') frame.target = 'party';
    else if (local === 'neutralCitation' && !this.doc.citation) frame.target = 'citation';
    if (frame.target && frame.target !== 'term') {
      this.capturing++;
      this.buffer = '';
      frame.role = attr('as');
    } else if (frame.target === 'term') {
      this.buffer = '';
      this.inTerm++;
    }
    if (BLOCKS.has(local)) this.newline();
  }

  private readMeta(local: string, attr: (name: string) => string | null) {
    if (local === 'FRBRWork') this.frbr = 'work';
    else if (local === 'FRBRExpression') this.frbr = 'expression';
    else if (local === 'FRBRManifestation' || local === 'FRBRItem') this.frbr = null;
    else if (local === 'TLCOrganization' && (attr('eId') ?? attr('id')) && attr('showAs'))
      this.organisations.set((attr('eId') ?? attr('id'))!, attr('showAs')!);
    const w = this.doc.work;
    const e = this.doc.expression;
    if (this.frbr === 'work') {
      if (local === 'FRBRuri') w.uri = attr('value');
      else if (local === 'FRBRthis') w.uri ??= attr('value');
      else if (local === 'FRBRcountry') w.country = attr('value');
      else if (local === 'FRBRnumber') w.number = attr('value');
      else if (local === 'FRBRdate') w.date = attr('date');
      else if (local === 'FRBRname') w.name = attr('value');
      else if (local === 'FRBRsubtype') w.subtype = attr('value');
      else if (local === 'FRBRauthor') this.authorRef ??= attr('href');
      else if (
        local === 'FRBRalias' &&
        ['title', 'short', 'shortTitle'].includes(attr('name') ?? '') &&
        attr('value') !== 'Untitled'
      )
        this.aliasTitle ??= attr('value');
    } else if (this.frbr === 'expression') {
      if (local === 'FRBRuri') e.uri = attr('value');
      else if (local === 'FRBRlanguage') e.language ??= attr('language');
      else if (local === 'FRBRdate') e.date = attr('date');
    }
  }

  private newline() {
    const node = this.open.at(-1);
    if (node && !this.capturing && this.bodyDepth > 0) node.text += '\n';
  }

  private onText(t: string) {
    if (this.meta === 'inside' || this.skipping) return;
    if (this.capturing) {
      this.buffer += t;
      return;
    }
    if (this.inTerm) this.buffer += t;
    const node = this.open.at(-1);
    if (node && this.bodyDepth > 0) node.text += t;
  }

  private onClose() {
    const frame = this.stack.pop();
    if (!frame || this.error) return;
    if (this.meta === 'inside') {
      if (frame.local === 'meta') this.meta = 'done';
      else if (frame.local === 'FRBRWork' || frame.local === 'FRBRExpression') this.frbr = null;
      return;
    }
    if (frame.skip) {
      this.skipping--;
      return;
    }
    const node = this.open.at(-1);
    const value = this.buffer.replace(/\s+/g, ' ').trim();
    if (frame.target && frame.target !== 'term') {
      this.capturing--;
      this.buffer = '';
      // The number and heading of a provision are not part of its text.
      if (frame.target === 'num' && node) node.number = value.replace(/[.:]$/, '').trim();
      else if (frame.target === 'heading' && node) node.heading = value;
      else if (frame.target === 'title') this.doc.title = value || null;
      else if (frame.target === 'longTitle') this.longTitle = value || null;
      else if (frame.target === 'party' && value)
        this.doc.parties.push({ name: value, role: frame.role?.replace(/^#/, '') ?? null });
      else if (frame.target === 'citation') this.doc.citation = value || null;
      return;
    }
    if (frame.target === 'term') this.inTerm--;
    if (frame.target === 'term' && node && value)
      this.terms.push({ node, term: value.replace(/^["“‘']+|["”’']+$/g, '') });
    if (BLOCKS.has(frame.local)) this.newline();
    if (frame.node) this.open.pop();
    if (BODIES.has(frame.local)) this.bodyDepth--;
  }

  finish(): AknDocument {
    if (!this.error) this.parser.close();
    if (this.error) throw this.error;
    if (!this.stack.length && this.doc.work.uri === null && !this.top.length && this.meta === 'before')
      throw new IntakeError('invalid_akn', 'the file holds no Akoma Ntoso document');
    const { provisions, definitions } = buildProvisions(this.top, this.terms);
    const court = this.authorRef ? (this.organisations.get(this.authorRef.replace(/^#/, '')) ?? null) : null;
    return {
      ...this.doc,
      title: this.doc.title ?? this.aliasTitle ?? this.doc.work.name ?? this.longTitle,
      court,
      provisions,
      definitions,
    };
  }
}

/** Reads a whole Akoma Ntoso document from a stream of chunks (bytes in the encoding the file declares). */
export async function readAkn(
  chunks: AsyncIterable<string | Buffer>,
  limits: AknLimits = AKN_LIMITS,
): Promise<AknDocument> {
  const reader = new AknReader(limits);
  let decoder: TextDecoder | null = null;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') reader.write(chunk);
    else reader.write((decoder ??= decoderFor(chunk)).decode(chunk, { stream: true }));
  }
  if (decoder) reader.write(decoder.decode());
  return reader.finish();
}

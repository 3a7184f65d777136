/**
 * IATI 2.0x organisation files: what an organisation declares about itself — its total budgets,
 * budgets per recipient country, region and organisation, total expenditure, and the documents it
 * publishes. Organisation files are small (one organisation, a few years), so a file is read into
 * a tree of elements (by saxes, which never resolves entities; a DOCTYPE is refused) and then read.
 */
import { SaxesParser } from 'saxes';
import { isRealDate } from '../../core/codes.js';
import { cleanText, xmlText } from '../../core/text.js';
import { IatiError } from './iati.js';

type Node = { name: string; attrs: Record<string, string>; children: Node[]; text: string; line: number };

export type OrgBudget = {
  kind: 'total' | 'country' | 'region' | 'organisation' | 'expenditure';
  status: 'indicative' | 'committed' | null;
  period_start: string;
  period_end: string;
  value: number;
  currency: string;
  value_date: string;
  /** ISO 3166-1 alpha-2, as IATI gives it */
  country: string | null;
  /** VOCABULARY:CODE */
  region: string | null;
  recipient: string | null;
};
export type OrgDocument = {
  url: string;
  format: string;
  title: string;
  description: string | null;
  categories: string[];
  languages: string[];
  date: string | null;
  /** ISO 3166-1 alpha-2 */
  countries: string[];
};
export type IatiOrganisation = {
  identifier: string;
  name: string;
  /** IATI OrganisationType code of the reporting organisation (10 government, 40 multilateral…) */
  type: string | null;
  budgets: OrgBudget[];
  documents: OrgDocument[];
};
export type IatiOrganisationFile = { version: string; organisations: IatiOrganisation[] };

/** The elements of `xml` as a tree; throws IatiError naming the line of a well-formedness problem. */
function tree(xml: string): Node {
  const parser = new SaxesParser<{ position: true }>({ position: true });
  const root: Node = { name: '', attrs: {}, children: [], text: '', line: 0 };
  const stack = [root];
  let error: string | null = null;
  parser.on('doctype', () => (error ??= `line ${parser.line}: a DOCTYPE declaration is not allowed`));
  parser.on(
    'error',
    (e) => (error ??= `line ${parser.line}: ${e.message.replace(/^undefined:\d+:\d+: /, '')}`),
  );
  parser.on('opentag', (tag) => {
    const node = {
      name: tag.name,
      attrs: tag.attributes as Record<string, string>,
      children: [],
      text: '',
      line: parser.line,
    };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => (stack.at(-1)!.text += t));
  parser.on('cdata', (t) => (stack.at(-1)!.text += t));
  parser.write(xml);
  if (!error) parser.close();
  if (error) throw new IatiError(error);
  const [top] = root.children;
  if (!top) throw new IatiError('the file holds no XML element');
  return top;
}

const child = (n: Node, name: string) => n.children.find((c) => c.name === name);
const childrenNamed = (n: Node, name: string) => n.children.filter((c) => c.name === name);
const fail = (n: Node, message: string) => new IatiError(`line ${n.line}: <${n.name}>: ${message}`);

/** The English narrative of an element (or one without a language), else its first. */
function narrative(n: Node | undefined, lang: string): string | null {
  const list = n ? childrenNamed(n, 'narrative') : [];
  const english = list.find((x) => (x.attrs['xml:lang'] ?? lang).startsWith('en'));
  const text = cleanText((english ?? list[0])?.text ?? '').trim();
  return text || null;
}

/** The date in `n`'s `attribute` (iso-date unless said), which must be there and exist. */
function date(n: Node | undefined, parent: Node, what: string, attribute = 'iso-date'): string {
  const iso = n?.attrs[attribute];
  if (!n || !iso) throw fail(parent, `${what} is required`);
  if (!isRealDate(iso)) throw fail(n, `${attribute} must be a date that exists (YYYY-MM-DD), not "${iso}"`);
  return iso;
}

const BUDGETS: Record<string, OrgBudget['kind']> = {
  'total-budget': 'total',
  'recipient-country-budget': 'country',
  'recipient-region-budget': 'region',
  'recipient-org-budget': 'organisation',
  'total-expenditure': 'expenditure',
};
const STATUS: Record<string, OrgBudget['status']> = { '1': 'indicative', '2': 'committed' };

function budget(n: Node, currency: string | null, lang: string): OrgBudget {
  const kind = BUDGETS[n.name];
  const value = child(n, 'value');
  if (!value) throw fail(n, 'a value is required');
  const amount = cleanText(value.text).trim();
  if (!/^-?\d+(\.\d+)?$/.test(amount)) throw fail(value, `a value must be a decimal number, not "${amount}"`);
  const valueCurrency = value.attrs.currency ?? currency;
  if (!valueCurrency || !/^[A-Z]{3}$/.test(valueCurrency))
    throw fail(value, 'a currency is required (on the value or as the default-currency)');
  const start = date(child(n, 'period-start'), n, 'period-start');
  const end = date(child(n, 'period-end'), n, 'period-end');
  if (end < start) throw fail(n, `the period ends (${end}) before it starts (${start})`);
  const region = child(n, 'recipient-region');
  const org = child(n, 'recipient-org');
  const country = child(n, 'recipient-country')?.attrs.code?.toUpperCase() ?? null;
  if (kind === 'country' && !country) throw fail(n, 'a recipient-country with its code is required');
  if (kind === 'region' && !region?.attrs.code) throw fail(n, 'a recipient-region with its code is required');
  return {
    kind,
    status: kind === 'expenditure' ? null : (STATUS[n.attrs.status ?? '1'] ?? 'indicative'),
    period_start: start,
    period_end: end,
    value: Number(amount),
    currency: valueCurrency,
    value_date: date(value, n, 'the value-date of the value', 'value-date'),
    country: kind === 'country' ? country : null,
    region: kind === 'region' ? `${region!.attrs.vocabulary ?? '1'}:${region!.attrs.code}` : null,
    recipient: kind === 'organisation' && org ? (narrative(org, lang) ?? org.attrs.ref ?? null) : null,
  };
}

function document(n: Node, lang: string): OrgDocument {
  if (!n.attrs.url) throw fail(n, 'the url is required');
  const title = narrative(child(n, 'title'), lang);
  if (!title) throw fail(n, 'a title with a narrative is required');
  const when = child(n, 'document-date');
  return {
    url: n.attrs.url,
    format: n.attrs.format ?? 'application/octet-stream',
    title,
    description: narrative(child(n, 'description'), lang),
    categories: childrenNamed(n, 'category').flatMap((c) => (c.attrs.code ? [c.attrs.code] : [])),
    languages: childrenNamed(n, 'language').flatMap((c) => (c.attrs.code ? [c.attrs.code] : [])),
    date: when ? date(when, n, 'document-date') : null,
    countries: childrenNamed(n, 'recipient-country').flatMap((c) =>
      c.attrs.code ? [c.attrs.code.toUpperCase()] : [],
    ),
  };
}

/** Reads an IATI organisation file; throws IatiError naming the line and element of the first problem. */
export function readIatiOrganisations(xml: string): IatiOrganisationFile {
  const root = tree(xml);
  if (root.name !== 'iati-organisations')
    throw fail(root, 'the root element must be <iati-organisations> (an IATI organisation file)');
  if (!root.attrs.version) throw fail(root, 'the version attribute is required');
  const organisations = childrenNamed(root, 'iati-organisation').map((o) => {
    const lang = o.attrs['xml:lang'] ?? 'en';
    const identifier = cleanText(child(o, 'organisation-identifier')?.text ?? '').trim();
    if (!identifier) throw fail(o, 'an organisation-identifier is required');
    const name = narrative(child(o, 'name'), lang);
    if (!name) throw fail(o, 'a name with a narrative is required');
    const currency = o.attrs['default-currency'] ?? null;
    return {
      identifier,
      name,
      type: child(o, 'reporting-org')?.attrs.type ?? null,
      budgets: o.children.filter((c) => c.name in BUDGETS).map((b) => budget(b, currency, lang)),
      documents: childrenNamed(o, 'document-link').map((d) => document(d, lang)),
    };
  });
  if (!organisations.length) throw fail(root, 'the file holds no <iati-organisation>');
  return { version: root.attrs.version, organisations };
}

/** The programme's organisation file: its budget per year, and per region of the world (UN M49) per year. */
export type OwnOrganisation = {
  ref: string;
  name: string;
  budgets: { year: number; usd: number; region: string | null }[];
};

/** IATI 2.03 organisation XML of the programme (valid against the official schema; amounts in US dollars). */
export function iatiOrganisationXml(org: OwnOrganisation, generated = new Date().toISOString()): string {
  const stamp = `${generated.slice(0, 19)}Z`;
  const amount = (year: number, usd: number) =>
    `<period-start iso-date="${year}-01-01"/><period-end iso-date="${year}-12-31"/><value currency="USD" value-date="${year}-01-01">${Math.round(usd)}</value>`;
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<iati-organisations version="2.03" generated-datetime="${stamp}">`,
    `  <iati-organisation default-currency="USD" last-updated-datetime="${stamp}" xml:lang="en">`,
    `    <organisation-identifier>${xmlText(org.ref)}</organisation-identifier>`,
    `    <name><narrative>${xmlText(org.name)}</narrative></name>`,
    `    <reporting-org ref="${xmlText(org.ref)}" type="40"><narrative>${xmlText(org.name)}</narrative></reporting-org>`,
  ];
  for (const b of org.budgets.filter((x) => x.region === null))
    out.push(`    <total-budget status="2">${amount(b.year, b.usd)}</total-budget>`);
  for (const b of org.budgets.filter((x) => x.region !== null))
    out.push(
      `    <recipient-region-budget status="2"><recipient-region vocabulary="2" code="${xmlText(b.region!)}"/>${amount(b.year, b.usd)}</recipient-region-budget>`,
    );
  out.push('  </iati-organisation>', '</iati-organisations>', '');
  return out.join('\n');
}

/**
 * IATI 2.0x activity files: a streaming reader (SAX; each activity is handed over as soon as it is
 * read, so files of hundreds of MB pass in bounded memory) that checks what the IATI schema
 * requires — one reporting-org and one title with a narrative per activity, at most one
 * activity-status, integer hierarchy, decimal values, transaction types, ISO dates — and says the
 * element and line of the first problem; and a writer of the programme's own activities.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../../core/errors.js';
import { cleanText, xmlText } from '../../core/text.js';
import { isRealDate } from '../../core/codes.js';
import { translator } from '../../core/i18n.js';

export type IatiTransaction = {
  type: string;
  date: string;
  value: number;
  currency: string | null;
  value_date: string | null;
  description: string | null;
};
export type IatiActivity = {
  identifier: string;
  reporting_org: { ref: string | null; name: string };
  title: string;
  description: string | null;
  status: string | null;
  dates: Record<string, string>;
  countries: string[];
  sectors: string[];
  implementers: string[];
  currency: string | null;
  transactions: IatiTransaction[];
  line: number;
};

export class IatiError extends AppError {
  constructor(message: string) {
    super(422, 'invalid_iati', message);
  }
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Reads IATI activities from text chunks, calling `onActivity` for each; throws IatiError on the first problem. */
export class IatiReader {
  private readonly parser = new SaxesParser<{ xmlns: false; position: true }>({
    xmlns: false,
    position: true,
  });
  private readonly stack: string[] = [];
  private activity: (IatiActivity & { counts: Record<string, number> }) | null = null;
  private text = '';
  private narrativeLang: string | null = null;
  private transaction: (Partial<IatiTransaction> & { typeSeen?: boolean }) | null = null;
  private error: IatiError | null = null;
  private seenRoot = false;
  readonly pending: IatiActivity[] = [];
  count = 0;
  /** The IATI version the file says it follows (the root's version attribute). */
  version: string | null = null;

  constructor() {
    const p = this.parser;
    p.on('doctype', () => this.fail('a DOCTYPE declaration is not allowed'));
    p.on('error', (e) => this.fail(e.message.replace(/^undefined:/, '')));
    p.on('opentag', (tag) => this.open(tag));
    p.on('closetag', (tag) => this.close(tag));
    p.on('text', (t) => (this.text += t));
    p.on('cdata', (t) => (this.text += t));
  }

  private fail(message: string, element?: string) {
    this.error ??= new IatiError(
      element ? `line ${this.parser.line}: <${element}>: ${message}` : `line ${this.parser.line}: ${message}`,
    );
  }

  write(chunk: string): IatiActivity[] {
    if (this.error) throw this.error;
    this.parser.write(chunk);
    if (this.error) throw this.error;
    return this.pending.splice(0);
  }

  finish(): IatiActivity[] {
    if (!this.error) this.parser.close();
    if (this.error) throw this.error;
    if (!this.seenRoot) throw new IatiError('the file holds no XML element');
    return this.pending.splice(0);
  }

  private open(tag: SaxesTagPlain) {
    const name = tag.name;
    const attr = (k: string) => (tag.attributes[k] as string | undefined) ?? null;
    const parent = this.stack.at(-1);
    this.stack.push(name);
    this.text = '';
    if (!this.seenRoot) {
      this.seenRoot = true;
      if (name !== 'iati-activities')
        return this.fail(`the root element is <${name}>, not <iati-activities> (an IATI activity file)`);
      this.version = attr('version');
      if (!this.version) return this.fail('the version attribute is required', 'iati-activities');
      return;
    }
    if (name === 'iati-activity' && parent === 'iati-activities') {
      const hierarchy = attr('hierarchy');
      if (hierarchy !== null && !/^\d+$/.test(hierarchy))
        return this.fail(`hierarchy must be an integer, not "${hierarchy}"`, 'iati-activity');
      this.activity = {
        identifier: '',
        reporting_org: { ref: null, name: '' },
        title: '',
        description: null,
        status: null,
        dates: {},
        countries: [],
        sectors: [],
        implementers: [],
        currency: attr('default-currency'),
        transactions: [],
        line: this.parser.line,
        counts: {},
      };
      return;
    }
    const a = this.activity;
    if (!a) return;
    if (parent === 'iati-activity') a.counts[name] = (a.counts[name] ?? 0) + 1;
    if (name === 'reporting-org' && parent === 'iati-activity') a.reporting_org.ref = attr('ref');
    else if (name === 'activity-status' && parent === 'iati-activity') a.status = attr('code');
    else if (name === 'activity-date' && parent === 'iati-activity') {
      const iso = attr('iso-date');
      if (iso && !isRealDate(iso))
        return this.fail(`iso-date must be a date that exists (YYYY-MM-DD), not "${iso}"`, 'activity-date');
      if (iso && attr('type')) a.dates[attr('type')!] = iso;
    } else if (name === 'recipient-country' && parent === 'iati-activity' && attr('code'))
      a.countries.push(attr('code')!.toUpperCase());
    else if (name === 'sector' && parent === 'iati-activity' && attr('code'))
      a.sectors.push(`${attr('vocabulary') ?? '1'}:${attr('code')}`);
    else if (name === 'participating-org' && parent === 'iati-activity' && attr('role') === '4')
      a.implementers.push(attr('ref') ?? '');
    else if (name === 'transaction' && parent === 'iati-activity')
      this.transaction = { currency: null, value_date: null, description: null };
    else if (this.transaction && parent === 'transaction') {
      if (name === 'transaction-type') {
        this.transaction.type = attr('code') ?? undefined;
        this.transaction.typeSeen = true;
      } else if (name === 'transaction-date') this.transaction.date = attr('iso-date') ?? undefined;
      else if (name === 'value') {
        const vd = attr('value-date');
        if (vd && !isRealDate(vd))
          return this.fail(`value-date must be a date that exists (YYYY-MM-DD), not "${vd}"`, 'value');
        this.transaction.value_date = vd;
        this.transaction.currency = attr('currency');
      }
    } else if (name === 'value' && parent === 'budget') {
      const vd = attr('value-date');
      if (vd && !isRealDate(vd))
        return this.fail(`value-date must be a date that exists (YYYY-MM-DD), not "${vd}"`, 'value');
    }
    if (name === 'narrative') this.narrativeLang = attr('xml:lang');
  }

  private close(tag: SaxesTagPlain) {
    const name = tag.name;
    this.stack.pop();
    const parent = this.stack.at(-1);
    const value = cleanText(this.text).trim(); // text as cyrepo stores it (text.ts)
    const a = this.activity;
    if (!a || this.error) return;
    if (name === 'iati-identifier' && parent === 'iati-activity') a.identifier = value;
    else if (name === 'narrative') {
      // The first narrative, or the English one, of a title, description or reporting-org.
      const english = !this.narrativeLang || this.narrativeLang.startsWith('en');
      if (parent === 'title' && this.stack.at(-2) === 'iati-activity' && (english || !a.title))
        a.title = a.title && !english ? a.title : value;
      else if (
        parent === 'description' &&
        this.stack.at(-2) === 'iati-activity' &&
        (!a.description || english)
      )
        a.description = a.description && !english ? a.description : value;
      else if (parent === 'reporting-org' && (!a.reporting_org.name || english)) a.reporting_org.name = value;
      else if (parent === 'participating-org') a.implementers[a.implementers.length - 1] ||= value;
    } else if (name === 'title' && parent === 'iati-activity' && !a.title)
      this.fail('a title needs at least one narrative', 'title');
    else if (name === 'value' && parent === 'budget') {
      if (!DECIMAL.test(value)) this.fail(`a budget value must be a decimal number, not "${value}"`, 'value');
    } else if (name === 'value' && parent === 'transaction' && this.transaction) {
      if (!DECIMAL.test(value))
        this.fail(`a transaction value must be a decimal number, not "${value}"`, 'value');
      else this.transaction.value = Number(value);
    } else if (name === 'transaction' && parent === 'iati-activity' && this.transaction) {
      const t = this.transaction;
      if (!t.typeSeen || !t.type) return this.fail('a transaction needs its transaction-type', 'transaction');
      if (t.date !== undefined && !isRealDate(t.date))
        return this.fail(`transaction-date must be a date that exists, not "${t.date}"`, 'transaction-date');
      a.transactions.push({
        type: t.type,
        date: t.date ?? t.value_date ?? '',
        value: t.value ?? 0,
        currency: t.currency ?? a.currency,
        value_date: t.value_date ?? null,
        description: t.description ?? null,
      });
      this.transaction = null;
    } else if (name === 'iati-activity' && parent === 'iati-activities') {
      const c = a.counts;
      if ((c['reporting-org'] ?? 0) !== 1)
        return this.fail(
          `an activity has exactly one reporting-org (found ${c['reporting-org'] ?? 0})`,
          'iati-activity',
        );
      if ((c.title ?? 0) !== 1)
        return this.fail(`an activity has exactly one title (found ${c.title ?? 0})`, 'iati-activity');
      if ((c['activity-status'] ?? 0) > 1)
        return this.fail(
          `an activity has at most one activity-status (found ${c['activity-status']})`,
          'iati-activity',
        );
      const { counts: _c, ...activity } = a;
      this.pending.push(activity);
      this.count++;
      this.activity = null;
    }
  }
}

/** Escaped, without characters XML cannot carry (the file stays well-formed whatever the database holds). */
const esc = xmlText;

export type ExportActivity = {
  identifier: string;
  title: string;
  /** What the activity does, as written; else worded from its kind, mode, countries and audience. */
  description: string | null;
  kind: string;
  mode: string | null;
  audience: string | null;
  status: string;
  dates: {
    planned_start?: string | null;
    planned_end?: string | null;
    actual_start?: string | null;
    actual_end?: string | null;
  };
  /** ISO 3166-1 alpha-2 codes with the English names. */
  countries: { code: string; name: string }[];
  cost: number | null;
  currency: string | null;
};
const STATUS_CODE: Record<string, string> = { planned: '1', ongoing: '2', delivered: '4', cancelled: '5' };
const en = translator('en');

/** A description worded from the record, for an activity whose own is empty (IATI requires one). */
function describe(a: ExportActivity): string {
  const kind = en(`ta.kind.${a.kind}`);
  const words = [`${kind[0].toUpperCase()}${kind.slice(1)}${a.mode ? ` (${en(`ta.mode.${a.mode}`)})` : ''}`];
  if (a.countries.length) words.push(`in ${a.countries.map((c) => c.name).join(', ')}`);
  if (a.audience) words.push(`for ${a.audience}`);
  return `${words.join(' ')}.`;
}

/** Percentages to two decimals that add up to exactly 100 (the last takes what rounding left). */
function shares(n: number): string[] {
  const each = Math.floor(10_000 / n);
  return Array.from({ length: n }, (_, i) =>
    ((i === n - 1 ? 10_000 - each * (n - 1) : each) / 100).toString(),
  );
}

/**
 * IATI 2.03 XML of the programme's own activities, valid against the official schema (elements in
 * the order it requires). An activity needs at least one date to be published (the schema requires
 * an activity-date): those without are left out and named in `left`.
 */
export function iatiXml(
  org: { ref: string; name: string },
  list: ExportActivity[],
  generated = new Date().toISOString(),
): { xml: string; written: number; left: string[] } {
  const stamp = `${generated.slice(0, 19)}Z`;
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<iati-activities version="2.03" generated-datetime="${stamp}">`,
  ];
  const left: string[] = [];
  let written = 0;
  for (const a of list) {
    const d = a.dates;
    const dates = (
      [
        ['1', d.planned_start],
        ['2', d.actual_start],
        ['3', d.planned_end],
        ['4', d.actual_end],
      ] as const
    ).filter(([, date]) => date);
    if (!dates.length) {
      left.push(`${a.identifier} (${a.title}): no planned or actual date`);
      continue;
    }
    written++;
    out.push(
      `  <iati-activity default-currency="${esc(a.currency ?? 'USD')}" hierarchy="1" last-updated-datetime="${stamp}" xml:lang="en">`,
      `    <iati-identifier>${esc(a.identifier)}</iati-identifier>`,
      `    <reporting-org ref="${esc(org.ref)}" type="40"><narrative>${esc(org.name)}</narrative></reporting-org>`,
      `    <title><narrative>${esc(a.title)}</narrative></title>`,
      `    <description type="1"><narrative>${esc(a.description?.trim() || describe(a))}</narrative></description>`,
      `    <participating-org ref="${esc(org.ref)}" role="4" type="40"><narrative>${esc(org.name)}</narrative></participating-org>`,
      `    <activity-status code="${STATUS_CODE[a.status] ?? '2'}"/>`,
      ...dates.map(([type, date]) => `    <activity-date type="${type}" iso-date="${date}"/>`),
    );
    const percentages = shares(a.countries.length);
    for (const [i, c] of a.countries.entries())
      out.push(`    <recipient-country code="${esc(c.code)}" percentage="${percentages[i]}"/>`);
    const start = d.planned_start ?? d.actual_start;
    const end = d.planned_end ?? d.actual_end;
    if (a.cost !== null && a.currency && start && end)
      out.push(
        `    <budget type="1" status="2"><period-start iso-date="${start}"/><period-end iso-date="${end}"/><value currency="${esc(a.currency)}" value-date="${start}">${a.cost}</value></budget>`,
      );
    out.push('  </iati-activity>');
  }
  out.push('</iati-activities>', '');
  return { xml: out.join('\n'), written, left };
}

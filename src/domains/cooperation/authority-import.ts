/**
 * The directory of competent authorities kept in spreadsheets (previewed and written as every sheet
 * is, core/files/sheet-import.ts): countries, kinds, channels and languages by their names in any of
 * the six UN languages or codes; lists separated by ";"; designations as "ETS185 35". A row updates
 * the authority of its `id`, or the one of the same country, kind and name; otherwise it adds one.
 * Contacts are read and written only for those who may see them.
 */
import { sql } from 'drizzle-orm';
import { canSeeContacts, type Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import type { SheetColumn } from '../../core/files/sheet.js';
import { cellNumber, numberedIds, type SheetKind } from '../../core/files/sheet-import.js';
import { localName, type Translate, type UiLang } from '../../core/i18n.js';
import { labelled, languagesNamed, type Named } from '../../core/names.js';
import { countriesNamed, countryNames } from '../reference/service.js';
import {
  AUTHORITY_KINDS,
  type AuthorityInput,
  authorityInput,
  CHANNELS,
  CONTACT_FIELDS,
  createAuthority,
  listAuthorities,
  updateAuthority,
} from './authorities.js';

const kinds = labelled('auth.kind', AUTHORITY_KINDS);
const channels = labelled('auth.channel', CHANNELS);
const listed = (v: string) =>
  v
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
const keyOf = (a: { country: string; kind: string; name: string }) => `${a.country} ${a.kind} ${a.name}`;

/** Every authority, as a kind of sheet record (the directory is public; changing it is for programme staff). */
export async function authoritiesKind(db: Orm, by: Viewer): Promise<SheetKind<AuthorityInput>> {
  const [countries, instruments, existing] = await Promise.all([
    countriesNamed(db),
    rows<{ code: string }>(db, sql`SELECT code FROM instrument`),
    rows<{ id: number; country: string; kind: string; name: string }>(
      db,
      sql`SELECT id, country, kind, name FROM authority`,
    ),
  ]);
  const known = new Set(instruments.map((i) => i.code));
  const byKey = new Map(existing.map((a) => [keyOf(a), a.id]));
  const languages = languagesNamed();
  const contacts = canSeeContacts(by);
  return {
    required: ['country', 'kind', 'name'],
    ids: numberedIds(existing.map((a) => a.id)),
    read({ cell, problem, issues, closed, named }) {
      for (const column of ['country', 'kind', 'name'])
        if (!cell(column)) problem(column, `the authority's ${column} is required`);
      /** each value of a list column, or a problem naming the ones it does not know */
      const each = (column: string, lookup: Named) => {
        const values = listed(cell(column)).map((v) => [v, lookup.find(v)] as const);
        const unknown = values.filter(([, found]) => !found).map(([v]) => v);
        if (unknown.length) problem(column, `not ones the template lists: ${unknown.join('; ')}`);
        return values.flatMap(([, found]) => (found ? [found] : []));
      };
      const designations = listed(cell('designations')).map((d) => {
        const [instrument = '', ...article] = d.split(/\s+/);
        return { instrument: instrument.toUpperCase(), article: article.join(' ') };
      });
      const bases = listed(cell('legal_bases')).map((b) => (/^[a-z]+$/.test(b) ? b : b.toUpperCase()));
      const unknown = [
        ...designations.map((d) => d.instrument),
        ...bases.filter((b) => /^[A-Z0-9]+$/.test(b)),
      ].filter((code) => !known.has(code));
      if (unknown.length)
        problem(
          designations.some((d) => !known.has(d.instrument)) ? 'designations' : 'legal_bases',
          `unknown instruments: ${unknown.join(', ')}`,
        );
      const contact = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, cell(`contact_${f}`)]));
      const parsed = authorityInput.safeParse({
        country: closed('country', countries), // none: named at the column, or by the schema when empty
        kind: closed('kind', kinds),
        name: cell('name'),
        designations,
        languages: each('languages', languages),
        channels: each('channels', channels),
        legal_bases: bases,
        requirements: cell('requirements'),
        urgent_procedure: cell('urgent_procedure'),
        turnaround_days: cell('turnaround_days') ? cellNumber(cell('turnaround_days')) : null,
        verified_on: cell('verified_on') || null,
        source: cell('source'),
        fictional: /^(yes|true|1|oui|sí|si)$/i.test(cell('fictional')),
        contact: contacts && Object.values(contact).some(Boolean) ? contact : undefined,
      });
      if (parsed.success) return parsed.data;
      issues(
        parsed.error.issues
          .filter((i) => !named(String(i.path[0])))
          .map((i) => ({ ...i, path: i.path[0] === 'contact' ? [`contact_${String(i.path[1])}`] : i.path })),
      );
      return null;
    },
    match: (a) => byKey.get(keyOf(a)),
    async write(id, authority) {
      if (id === null) await createAuthority(db, by, authority);
      else await updateAuthority(db, by, id, authority);
    },
  };
}

/** The directory, names in the reader's language (contacts for those who may see them): the sheet to fill and import back. */
export async function authoritiesSheet(
  db: Orm,
  viewer: Viewer,
  lang: UiLang,
  t: Translate,
): Promise<{ title: string; columns: SheetColumn[]; rows: (string | number | null)[][] }> {
  const [names, list] = await Promise.all([countryNames(db), listAuthorities(db, viewer)]);
  const contacts = canSeeContacts(viewer) ? CONTACT_FIELDS : [];
  return {
    title: 'authorities',
    columns: [
      { name: 'id', width: 8 },
      { name: 'country', width: 20 },
      { name: 'kind', width: 30, accepts: AUTHORITY_KINDS.map((k) => t(`auth.kind.${k}`)) },
      { name: 'name', width: 40 },
      { name: 'designations', width: 20 },
      { name: 'languages', width: 16 },
      { name: 'channels', width: 24, accepts: CHANNELS.map((c) => t(`auth.channel.${c}`)) },
      { name: 'legal_bases', width: 20 },
      { name: 'requirements', width: 40 },
      { name: 'urgent_procedure', width: 30 },
      { name: 'turnaround_days', width: 10 },
      { name: 'verified_on', width: 12 },
      { name: 'source', width: 30 },
      { name: 'fictional', width: 8 },
      ...contacts.map((f) => ({ name: `contact_${f}`, width: 24 })),
    ],
    rows: list.map((a) => [
      a.id,
      localName(names.get(a.country), lang).text,
      t(`auth.kind.${a.kind}`),
      a.name,
      a.designations.map((d) => `${d.instrument} ${d.article}`).join('; '),
      a.languages.join('; '),
      a.channels.map((c) => t(`auth.channel.${c}`)).join('; '),
      a.legal_bases.join('; '),
      a.requirements,
      a.urgent_procedure,
      a.turnaround_days,
      a.verified_on,
      a.source,
      a.fictional ? 'yes' : 'no',
      ...contacts.map((f) => a.contact?.[f] ?? null),
    ]),
  };
}

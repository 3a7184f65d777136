/**
 * Laws kept in spreadsheets (previewed and written as every sheet is, core/files/sheet-import.ts):
 * a focal point's list of laws to add — each row a work whose text is still to come, a draft until
 * its text is read or typed and an editor publishes it — and, with their ids, the metadata of laws
 * the repository has, exported, edited and imported back. Countries, languages, types, statuses and
 * tiers by their names in any of the six UN languages or codes. A law's country, type, year and
 * number make its address: they name it and do not change; an empty cell clears what it held, a
 * column the file has not leaves it; a row that changes nothing writes nothing.
 */
import { sql } from 'drizzle-orm';
import { TIERS, tiersFor, type Tier, type Viewer, visibleTo } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';
import type { SheetColumn } from '../../core/files/sheet.js';
import { cellNumber, type SheetKind } from '../../core/files/sheet-import.js';
import { languageName, localName, type Translate, type UiLang } from '../../core/i18n.js';
import { labelled, languagesNamed } from '../../core/names.js';
import { canEdit } from '../../core/policy.js';
import { countriesNamed, countryNames } from '../reference/service.js';
import { type WorkInput, workInput, type WorkPatch, workStatus, workType } from './input.js';
import { WORK_COLUMNS, type Work } from './service.js';
import { createWork, updateWork } from './write.js';

const types = labelled('work.type', workType.options);
const statuses = labelled('work.status', workStatus.options);
const tiers = labelled('tier', TIERS);
const DATES = ['date_adopted', 'date_published', 'date_in_force', 'date_repealed'] as const;
/** The columns naming a law: its address, fixed once the law is in the repository. */
const IDENTITY = ['country', 'type', 'year', 'number'] as const;
const REQUIRED = [...IDENTITY, 'title', 'language'];

type Listed = Work & { texts: number };

/** The laws the viewer may see, with how many texts each has (none: its text is still to come). */
const visibleWorks = (db: Orm, viewer: Viewer) =>
  rows<Listed>(
    db,
    sql`SELECT ${WORK_COLUMNS}, (SELECT count(*)::int FROM legal_expression e WHERE e.work_id = w.id) AS texts
        FROM legal_work w WHERE ${visibleTo(viewer, 'w')} ORDER BY w.country, w.year DESC, w.id`,
  );

/** Laws to add and laws to change: a row with an id changes that law's metadata, one without adds a law whose text is to come. */
export async function worksKind(db: Orm, by: Viewer): Promise<SheetKind<WorkInput, string>> {
  const [countries, visible, addresses] = await Promise.all([
    countriesNamed(db),
    visibleWorks(db, by),
    rows<{ address: string }>(
      db,
      sql`SELECT concat_ws(' ', country, type, year, number) AS address FROM legal_work`,
    ),
  ]);
  const byId = new Map(visible.map((w) => [w.id, w]));
  const editable = new Set(visible.filter((w) => canEdit(by, w)).map((w) => w.id));
  const shown = new Map(visible.map((w) => [addressOf(w), w.id]));
  const taken = new Set(addresses.map((a) => a.address)); // every law's, seen or not: an address is unique
  const languages = languagesNamed();
  const added = new Map<string, number>(); // the laws the file adds, by address: once each
  return {
    required: REQUIRED,
    // every law the viewer may see, so that the sheet they downloaded comes back whole: a row of a
    // law they may not change is a problem only when it changes something
    ids: new Map([...byId.keys()].map((id) => [id, id])),
    read({ line, cell, has, problem, issues, closed, named }, id) {
      for (const column of REQUIRED) if (!cell(column)) problem(column, `the law's ${column} is required`);
      if (cell('year') && !/^\d{4}$/.test(cell('year'))) problem('year', 'a year such as 2018');
      const current = id === null ? undefined : byId.get(id);
      // a column the file has not keeps what the law holds; an empty one clears it (a tier or status: keeps it)
      const optional = (column: string, held: string | null | undefined) =>
        current && !has(column) ? (held ?? undefined) : cell(column) || undefined;
      const country = closed('country', countries);
      const language = closed('language', languages);
      const tier = closed('tier', tiers) ?? current?.tier ?? 'public';
      const parsed = workInput.safeParse({
        country, // none: named at the column already
        type: closed('type', types),
        number: cell('number'),
        year: cellNumber(cell('year')),
        title: { [language ?? 'eng']: cell('title') },
        short_title: optional('short_title', current?.short_title),
        ...Object.fromEntries(DATES.map((d) => [d, optional(d, current?.[d])])),
        status: closed('status', statuses) ?? (cell('status') ? undefined : (current?.status ?? 'in_force')),
        source: optional('source', current?.source),
        tier,
      });
      if (tier !== current?.tier && !tiersFor(by).includes(tier as Tier))
        problem('tier', `you cannot make laws ${tier}`);
      if (!parsed.success) {
        issues(parsed.error.issues);
        return null;
      }
      const work = parsed.data;
      for (const column of current ? IDENTITY : [])
        if (!named(column) && String(work[column]) !== String(current![column]))
          problem(column, `a law's ${column} names it and cannot change (${current![column]} here)`);
      if (current && !editable.has(current.id) && changesOf(work, current))
        problem('id', `you may not change ${current.id}`);
      if (!current && by.role === 'contributor' && !by.countries.includes(work.country))
        problem('country', `you add laws for ${by.countries.join(', ') || 'no country'} only`);
      if (!current) {
        const address = addressOf(work);
        if (shown.has(address))
          problem(
            'number',
            `this law is in the repository as ${shown.get(address)}: put that in the id column to change it`,
          );
        else if (taken.has(address))
          problem('number', 'a law with this country, type, year and number exists');
        else if (added.has(address)) problem('number', `the same law as line ${added.get(address)}`);
        added.set(address, line);
      }
      return work;
    },
    async write(id, work) {
      if (id === null) return void (await createWork(db, by, work));
      const patch = changesOf(work, byId.get(id)!);
      if (!patch) return 'unchanged';
      await updateWork(db, by, id, patch);
    },
  };
}

/** What a row changes of a law's metadata (its title in the row's language among the others), or null when nothing. */
function changesOf(work: WorkInput, current: Work): WorkPatch | null {
  const patch: WorkPatch = {};
  const [[language, title]] = Object.entries(work.title);
  if (current.title[language] !== title) patch.title = { ...current.title, [language]: title };
  for (const field of ['short_title', ...DATES, 'source'] as const)
    if ((work[field] ?? null) !== current[field]) patch[field] = work[field] ?? null;
  if (work.status !== current.status) patch.status = work.status;
  if (work.tier !== current.tier) patch.tier = work.tier;
  return Object.keys(patch).length ? patch : null;
}

const addressOf = (w: { country: string; type: string; year: number; number: string }) =>
  `${w.country} ${w.type} ${w.year} ${w.number}`;

/** The laws the viewer may see, names in the reader's language: the template of laws to add, and the sheet to import back. */
export async function worksSheet(
  db: Orm,
  viewer: Viewer,
  lang: UiLang,
  t: Translate,
): Promise<{ title: string; columns: SheetColumn[]; rows: (string | number | null)[][] }> {
  const [names, list] = await Promise.all([countryNames(db), visibleWorks(db, viewer)]);
  const accepts = (prefix: string, values: readonly string[]) => values.map((v) => t(`${prefix}.${v}`));
  return {
    title: 'laws',
    columns: [
      { name: 'id', width: 24 },
      { name: 'country', width: 20 },
      { name: 'type', width: 12, accepts: accepts('work.type', workType.options) },
      { name: 'year', width: 8 },
      { name: 'number', width: 12 },
      { name: 'title', width: 48 },
      { name: 'language', width: 12 },
      { name: 'short_title', width: 24 },
      ...DATES.map((name) => ({ name, width: 12 })),
      { name: 'status', width: 14, accepts: accepts('work.status', workStatus.options) },
      { name: 'source', width: 36 },
      { name: 'tier', width: 12, accepts: accepts('tier', TIERS) },
      { name: 'texts', width: 8 },
    ],
    rows: list.map((w) => {
      const title = localName(w.title, lang);
      return [
        w.id,
        localName(names.get(w.country), lang).text,
        t(`work.type.${w.type}`),
        w.year,
        w.number,
        title.text,
        languageName(title.lang, lang),
        w.short_title,
        ...DATES.map((d) => w[d]),
        t(`work.status.${w.status}`),
        w.source,
        t(`tier.${w.tier}`),
        w.texts,
      ];
    }),
  };
}

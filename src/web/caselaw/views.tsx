/** Pages: the case list with filters, and a case with its structured brief. */
import type { AttachmentMeta } from '../../domains/attachments/service.js';
import { Attachments } from '../attachments/views.js';
import { EditorLinks } from '../editorial/edit-views.js';
import type { Country } from '../../domains/reference/service.js';
import { Cite } from '../shell/cite.js';
import { articleHref, countryHref, Facts, InLang, Name, Pager, Paragraphs } from '../shell/components.js';
import { formatDate } from '../../core/i18n.js';
import { bcp47 } from '../../core/languages.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { CaseListQuery, CaseRecord, CaseSummary } from '../../domains/caselaw/service.js';
import { articleTitle, instrumentName } from '../../domains/reference/names.js';

const BRIEF_SECTIONS = [
  'facts',
  'procedural_history',
  'issues',
  'decision',
  'reasoning',
  'commentary',
] as const;
const COURT_LEVELS = ['first_instance', 'appeal', 'supreme', 'constitutional', 'regional', 'other'];

export function CasesPage({
  ui,
  result,
  countries,
  filters,
}: {
  ui: Ui;
  result: { items: CaseSummary[]; next_cursor: string | null };
  countries: Country[];
  filters: CaseListQuery;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('cases.title')}>
      <h1>{t('cases.title')}</h1>
      <form class="filters" method="get" action="/cases">
        <label>
          {t('filter.country')}{' '}
          <select name="country">
            <option value="">{t('filter.all')}</option>
            {countries.map((c) => (
              <option value={c.iso3} selected={filters.country === c.iso3}>
                {c.names[ui.lang] ?? c.names.en}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('case.court_level')}{' '}
          <select name="court_level">
            <option value="">{t('filter.all')}</option>
            {COURT_LEVELS.map((l) => (
              <option value={l} selected={filters.court_level === l}>
                {t(`case.level.${l}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">{t('filter.apply')}</button>
      </form>
      {result.items.length === 0 && <p>{t('list.empty')}</p>}
      <ul class="results">
        {result.items.map((c) => (
          <li>
            <a href={`/cases/${c.id}`}>
              <InLang ui={ui} code={c.language}>
                {c.title}
              </InLang>
            </a>
            <div class="meta">
              {c.court} · {c.case_number} · {formatDate(c.date, ui)} · {t(`case.outcome.${c.outcome}`)}
            </div>
          </li>
        ))}
      </ul>
      <Pager ui={ui} next={result.next_cursor} />
    </Layout>
  );
}

export function CasePage({
  ui,
  record: c,
  country,
  attachments,
}: {
  ui: Ui;
  record: CaseRecord;
  country: Country;
  attachments: AttachmentMeta[];
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={c.title}>
      <p class="crumbs">
        <a href="/cases">{t('nav.cases')}</a> ›{' '}
        <a href={countryHref(country.iso3)}>
          <Name ui={ui} names={country.names} />
        </a>
      </p>
      <h1>
        <InLang ui={ui} code={c.language}>
          {c.title}
        </InLang>
      </h1>
      <EditorLinks ui={ui} kind="case" id={c.id} item={c} />
      <Cite
        ui={ui}
        text={`${[c.title, c.court, c.case_number, formatDate(c.date, ui)].filter(Boolean).join(', ')}. ${ui.publicUrl}/cases/${c.id}`}
      />
      <Facts
        items={[
          [t('case.court'), c.court],
          [t('case.court_level'), t(`case.level.${c.court_level}`)],
          [t('case.date'), formatDate(c.date, ui)],
          [t('case.number'), c.case_number],
          [t('case.ecli'), c.ecli],
          [t('case.outcome'), t(`case.outcome.${c.outcome}`)],
          [t('case.sentence'), c.sentence],
          [t('case.keywords'), c.keywords.join(', ')],
        ]}
      />
      {c.parties.length > 0 && (
        <section>
          <h2>{t('case.parties')}</h2>
          <ul>
            {c.parties.map((p) => (
              <li>
                <strong>{p.name}</strong> — {t(`case.role.${p.role}`)}
                {p.charges.length > 0 && <span lang={bcp47(c.language)}>: {p.charges.join('; ')}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {BRIEF_SECTIONS.filter((s) => c.brief[s]).map((s) => (
        <section>
          <h2>{t(`case.brief.${s}`)}</h2>
          <Paragraphs text={c.brief[s]!} lang={c.language} />
        </section>
      ))}
      {(c.cites_provisions.length > 0 || c.cites_articles.length > 0) && (
        <section>
          <h2>{t('case.cites')}</h2>
          <ul>
            {c.cites_provisions.map((p) => (
              <li>
                <a href={`${p.work_uri}/~${p.eid}`}>
                  {[[p.section, p.number].filter(Boolean).join(' '), p.heading].filter(Boolean).join(' ') ||
                    p.eid}
                </a>{' '}
                — <Name ui={ui} names={p.work_title} />
              </li>
            ))}
            {c.cites_articles.map((a) => (
              <li>
                <a
                  href={articleHref(a.instrument, a.article)}
                >{`${instrumentName(ui.lang, a.instrument)} ${t('article.short')} ${a.article} — ${articleTitle(ui.lang, a.instrument, a.article, a.title)}`}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Attachments ui={ui} items={attachments} />
    </Layout>
  );
}

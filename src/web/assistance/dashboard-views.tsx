/** The technical assistance dashboard (each figure a table with bars) and the list of possible duplicates. */
import { canRunProgramme } from '../../core/access.js';
import { Figure } from '../shell/figure.js';
import { Csrf } from '../shell/fields.js';
import { localName } from '../../core/i18n.js';
import { Layout } from '../shell/layout.js';
import { WorldMap } from '../shell/map.js';
import type { Ui } from '../shell/ui.js';
import { qs } from '../../reports/model.js';
import { regionName } from '../../reports/tables.js';
import type { Dashboard, PublicFigures } from '../../domains/assistance/dashboard.js';
import { yearScope } from '../../domains/assistance/figures.js';
import type { Overlap } from '../../domains/assistance/overlaps.js';
import { Nav } from '../shell/nav.js';
import { formatNumber } from '../../core/i18n.js';

/** A filter's choices: value and label; the first is "all". */
export type Choices = [string, string][];

export function DashboardPage({
  ui,
  data,
  countries = [],
  donors = [],
}: {
  ui: Ui;
  data: Dashboard;
  countries?: Choices;
  donors?: Choices;
}) {
  const t = ui.t;
  const period = yearScope(data.year);
  const acts: ActivitiesLink = (extra = {}) =>
    `/assistance/activities?${qs({ status: 'delivered', own: 'true', ...period, country: data.country ?? undefined, partner: data.donor ?? undefined, partner_role: data.donor ? 'funding' : undefined, ...extra })}`;
  return (
    <Layout ui={ui} title={t('ta.dashboard')}>
      <h1>{t('ta.dashboard')}</h1>
      <Nav ui={ui} />
      <DashboardFilters ui={ui} data={data} countries={countries} donors={donors} />
      <p class="meta how-counted" id="how-counted">
        {t('rep.how_counted')} {t('rep.note.activities')} {t('rep.note.by_region')} {t('rep.note.requests')}{' '}
        {data.country && t('rep.note.country')} {t('rep.note.mentoring')} {t('ta.note.funding')}
      </p>
      <SummaryFigures ui={ui} data={data} acts={acts} />
      <WorldMap
        label={t('ta.map_label')}
        measure={t('ta.map_measure')}
        countries={data.countries.map((c) => ({
          numeric: c.numeric,
          iso3: c.iso3,
          name: localName(c.names, ui.lang).text,
          value: c.activities,
        }))}
        thresholds={[1, 2, 4, 8]}
        href={(iso3) => acts({ country: iso3 })}
        legend={[t('map.none'), '1', '2–3', '4–7', '8+']}
      />
      <DashboardFigures ui={ui} data={data} acts={acts} />
    </Layout>
  );
}

/** Link to the delivered activities a dashboard figure counts (with more filters). */
type ActivitiesLink = (extra?: Record<string, string>) => string;

/** The filter form (year, country, donor) with the links to download the dashboard as CSV and XLSX. */
function DashboardFilters({
  ui,
  data,
  countries,
  donors,
}: {
  ui: Ui;
  data: Dashboard;
  countries: Choices;
  donors: Choices;
}) {
  const t = ui.t;
  const filter = {
    year: data.year ?? undefined,
    country: data.country ?? undefined,
    donor: data.donor ?? undefined,
  };
  const csv = `/api/v1/assistance/dashboard?${qs({ ...filter, format: 'csv' })}`;
  const xlsx = `/api/v1/assistance/dashboard?${qs({ ...filter, format: 'xlsx' })}`;
  return (
    <form method="get" action="/assistance" class="filters inline">
      <label>
        {t('ta.year')} <input type="number" name="year" value={data.year ?? ''} min="1990" max="2100" />
      </label>{' '}
      <FilterSelect
        ui={ui}
        name="country"
        label={t('filter.country')}
        value={data.country}
        options={countries}
      />{' '}
      <FilterSelect
        ui={ui}
        name="donor"
        label={t('rep.col.donor')}
        value={data.donor === null ? null : String(data.donor)}
        options={donors}
      />{' '}
      <button type="submit">{t('filter.apply')}</button> <a href={csv}>{t('coverage.download_csv')}</a>{' '}
      <a href={xlsx}>{t('coverage.download_xlsx')}</a>
    </form>
  );
}

/** A filter's select, "all" first, with the chosen value selected. */
function FilterSelect({
  ui,
  name,
  label,
  value,
  options,
}: {
  ui: Ui;
  name: string;
  label: string;
  value: string | null;
  options: Choices;
}) {
  return (
    <label>
      {label}{' '}
      <select name={name}>
        <option value="">{ui.t('filter.all')}</option>
        {options.map(([v, l]) => (
          <option value={v} selected={v === value}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The headline figures: activities delivered, member states served, people trained and reached. */
function SummaryFigures({ ui, data, acts }: { ui: Ui; data: Dashboard; acts: ActivitiesLink }) {
  const t = ui.t;
  return (
    <dl class="report-figures" id="summary">
      {(['activities', 'served', 'trained', 'trained_cj', 'reached'] as const).map((k) => (
        <div id={`fig-${k}`} data-figure={k} data-value={String(data.summary[k])}>
          <dt>{t(`rep.fig.${SUMMARY_LABELS[k]}`)}</dt>
          <dd>
            <a href={acts()}>{formatNumber(data.summary[k], ui)}</a>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Each figure as a table with bars: requests, people, activities, outreach, funding, mentoring. */
function DashboardFigures({ ui, data, acts }: { ui: Ui; data: Dashboard; acts: ActivitiesLink }) {
  const t = ui.t;
  return (
    <div class="figures">
      <Figure
        caption={t('ta.fig.requests')}
        rows={[
          [t('ta.req.received'), data.requests.received],
          [t('ta.req.met'), data.requests.met],
          [t('ta.req.open'), data.requests.open],
          [t('ta.req.declined_no_funding'), data.requests.declined_no_funding],
          [t('ta.req.declined_other'), data.requests.declined_other],
          [t('ta.req.withdrawn'), data.requests.withdrawn],
        ]}
      />
      <Figure
        lang={ui.lang}
        caption={t('ta.fig.people_role', { total: data.people.total })}
        rows={data.people.by_role.map((x) => [t(`ta.role.${x.role}`), x.n])}
      />
      <Figure
        lang={ui.lang}
        caption={t('ta.fig.people_sex')}
        rows={data.people.by_sex.map((x) => [t(`ta.sex.${x.sex}`), x.n])}
      />
      <Figure
        lang={ui.lang}
        id="people-by-region"
        caption={t('ta.fig.people_region')}
        rows={data.people.by_region.map((x) => [
          regionName(t, ui.lang, x),
          x.trained,
          acts({ region: x.region }),
        ])}
      />
      <Figure
        lang={ui.lang}
        caption={t('ta.fig.activities')}
        rows={data.activities.by_kind.map((x) => [t(`ta.kind.${x.kind}`), x.n, acts({ kind: x.kind })])}
      />
      <Figure
        lang={ui.lang}
        caption={t('ta.fig.outreach', { total: data.outreach.total })}
        rows={data.outreach.by_audience.map((x) => [t(`ta.aud.${x.audience}`), x.n])}
      />
      <Figure
        caption={t('ta.fig.funding')}
        rows={data.funding.flatMap((f) => [
          [t('ta.fund_needed', { year: f.year }), Math.round(f.needed)],
          [t('ta.fund_received', { year: f.year }), Math.round(f.received)],
        ])}
      />
      <Figure
        caption={t('ta.fig.mentored', { countries: data.mentored.countries })}
        rows={[
          [t('rep.fig.investigations_mentored'), data.mentored.mentored],
          [t('rep.fig.investigations_opened'), data.mentored.opened],
          [t('rep.fig.investigations_closed'), data.mentored.closed],
        ]}
      />
    </div>
  );
}

const SUMMARY_LABELS = {
  activities: 'activities_delivered',
  served: 'member_states_served',
  trained: 'people_trained',
  trained_cj: 'investigators_prosecutors_judges_trained',
  reached: 'people_reached',
} as const;

export function OverlapsPage({ ui, list }: { ui: Ui; list: Overlap[] }) {
  const t = ui.t;
  const who = (x: Overlap['a']) => x.implementer ?? t('ta.own_programme');
  return (
    <Layout ui={ui} title={t('ta.overlaps')}>
      <h1>{t('ta.overlaps')}</h1>
      <Nav ui={ui} />
      <p>{t('ta.overlaps_intro')}</p>
      {list.length === 0 && <p>{t('ta.no_overlaps')}</p>}
      {list.map((o) => (
        <section class="overlap" id={`overlap-${o.a.id}-${o.b.id}`}>
          <h2>
            <a href={`/assistance/activities/${o.a.id}`}>{o.a.title}</a> ({who(o.a)}) ↔{' '}
            <a href={`/assistance/activities/${o.b.id}`}>{o.b.title}</a> ({who(o.b)})
          </h2>
          <p class="reason">
            {t('ta.overlap_reason', {
              countries: o.countries.join(', '),
              a: `${o.a.start ?? ''}–${o.a.end ?? ''}`,
              b: `${o.b.start ?? ''}–${o.b.end ?? ''}`,
            })}{' '}
            {o.shared.same_kind && t('ta.overlap_same_kind')}{' '}
            {o.shared.concepts.length > 0 &&
              t('ta.overlap_concepts', { concepts: o.shared.concepts.join(', ') })}
          </p>
          {o.review ? (
            <p class="meta">
              {t('ta.overlap_reviewed', {
                verdict: t(`ta.verdict.${o.review.verdict}`),
                by: o.review.reviewed_by,
              })}
            </p>
          ) : (
            canRunProgramme(ui.viewer) && (
              <form method="post" action="/assistance/overlaps" class="inline">
                <Csrf ui={ui} />
                <input type="hidden" name="a" value={String(o.a.id)} />
                <input type="hidden" name="b" value={String(o.b.id)} />
                {(['duplicate', 'complementary', 'not_related'] as const).map((v) => (
                  <button type="submit" name="verdict" value={v}>
                    {t(`ta.verdict.${v}`)}
                  </button>
                ))}
              </form>
            )
          )}
        </section>
      ))}
    </Layout>
  );
}

export function PublicFiguresPage({ ui, data }: { ui: Ui; data: PublicFigures }) {
  const t = ui.t;
  const show = (n: number | null) =>
    n === null ? t('pub.withheld', { n: data.withheld_below }) : n.toLocaleString(ui.lang);
  return (
    <Layout ui={ui} title={t('pub.title')}>
      <h1>{t('pub.title')}</h1>
      <p>{t('pub.intro', { n: data.withheld_below })}</p>
      <p class="meta how-counted" id="how-counted">
        {t('rep.how_counted')} {t('rep.note.activities')} {t('rep.note.by_region')}
      </p>
      <table class="list public-figures">
        <thead>
          <tr>
            <th>{t('ta.year')}</th>
            <th>{t('document.region')}</th>
            <th class="n">{t('pub.activities')}</th>
            <th class="n">{t('pub.people')}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr data-key={`${r.year}.${r.region}`}>
              <td>{r.year}</td>
              <td>{regionName(t, ui.lang, r)}</td>
              <td class="n">{show(r.activities)}</td>
              <td class="n">{show(r.people)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

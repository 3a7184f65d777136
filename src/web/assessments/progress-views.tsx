/** A country's progress: a radar per assessment, the change between two, and the chain recommendation → request → activities. */
import { Message } from '../shell/fields.js';
import { localName } from '../../core/i18n.js';
import { Nav } from '../shell/nav.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { countryProgress } from '../../domains/assessments/progress.js';
import { Radar } from './radar.js';

type Progress = Awaited<ReturnType<typeof countryProgress>>;
type ProgressAssessment = Progress['assessments'][number];
const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));

export function ProgressPage({ ui, data: p }: { ui: Ui; data: Progress }) {
  const t = ui.t;
  const name = localName(p.country.names, ui.lang).text;
  const from = p.assessments.find((a) => a.id === p.from);
  const to = p.assessments.find((a) => a.id === p.to);
  return (
    <Layout ui={ui} title={t('asm.progress_of', { country: name })}>
      <h1>{t('asm.progress_of', { country: name })}</h1>
      <Nav ui={ui} />
      <p>
        <a href={`/countries/${p.country.iso3}`}>{t('asm.country_page')}</a> ·{' '}
        <a href={`/coverage/${p.country.iso3}`}>{t('asm.law_coverage')}</a> ·{' '}
        {t('asm.works_cases', { works: p.works, cases: p.cases })}
      </p>
      {!p.assessments.length && <Message kind="ok">{t('asm.none_for_country')}</Message>}
      <AssessmentRadars ui={ui} assessments={p.assessments} />
      {from && to && <ChangeSection ui={ui} data={p} from={from} to={to} />}
      <h2>{t('asm.chain')}</h2>
      <ChainTable ui={ui} chain={p.chain} />
      {p.coverage.length > 0 && <CoverageFeed ui={ui} coverage={p.coverage} />}
    </Layout>
  );
}

/** A radar per assessment, the latest first, with its date, status and overall score. */
function AssessmentRadars({ ui, assessments }: { ui: Ui; assessments: Progress['assessments'] }) {
  const t = ui.t;
  return (
    <div class="radars">
      {[...assessments].reverse().map((a) => (
        <figure>
          <Radar
            axes={a.dimensions}
            label={t('asm.radar_label', { date: a.started, overall: a.overall ?? '—' })}
          />
          <figcaption>
            <a href={`/assessments/${a.id}`}>{a.started}</a> · {t(`asm.status.${a.status}`)} ·{' '}
            {t('asm.overall')}: {a.overall ?? '—'}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}

/** The change between two assessments: the form to choose them, their radars overlaid and the change per dimension. */
function ChangeSection({
  ui,
  data: p,
  from,
  to,
}: {
  ui: Ui;
  data: Progress;
  from: ProgressAssessment;
  to: ProgressAssessment;
}) {
  const t = ui.t;
  return (
    <section>
      <h2>{t('asm.change', { from: from.started, to: to.started })}</h2>
      <form method="get" class="filters inline">
        {(['from', 'to'] as const).map((k) => (
          <label>
            {t(`asm.compare_${k}`)}{' '}
            <select name={k}>
              {p.assessments.map((a) => (
                <option value={String(a.id)} selected={a.id === p[k]}>
                  {a.started}
                </option>
              ))}
            </select>{' '}
          </label>
        ))}
        <button type="submit">{t('filter.apply')}</button>
      </form>
      <Radar
        axes={to.dimensions}
        compare={from.dimensions}
        label={t('asm.change', { from: from.started, to: to.started })}
      />
      <table class="list changes">
        <thead>
          <tr>
            <th>{t('asm.dimension')}</th>
            <th>{from.started}</th>
            <th>{to.started}</th>
            <th>{t('asm.change_col')}</th>
          </tr>
        </thead>
        <tbody>
          {p.changes.map((c) => (
            <tr id={`change-${c.code}`}>
              <th scope="row">{c.title}</th>
              <td class="n">{c.before ?? '—'}</td>
              <td class="n">{c.after ?? '—'}</td>
              <td class={`n ${c.change && c.change > 0 ? 'up' : c.change && c.change < 0 ? 'down' : ''}`}>
                {signed(c.change)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The chain: each recommendation, its status, the request made for it and the activities that answered it. */
function ChainTable({ ui, chain }: { ui: Ui; chain: Progress['chain'] }) {
  const t = ui.t;
  return (
    <table class="list chain">
      <thead>
        <tr>
          <th>{t('asm.recommendation')}</th>
          <th>{t('asm.status')}</th>
          <th>{t('asm.request_col')}</th>
          <th>{t('asm.activities_col')}</th>
        </tr>
      </thead>
      <tbody>
        {chain.map((r) => (
          <tr id={`chain-${r.id}`}>
            <td>
              <a href={`/assessments/${r.assessment_id}#rec-${r.id}`}>{r.text}</a>{' '}
              <span class="meta">({r.assessed})</span>
            </td>
            <td>{t(`asm.rec_status.${r.status}`)}</td>
            <td>
              {r.request_id ? (
                <a href={`/assistance/requests/${r.request_id}`}>
                  {t('asm.request', { id: r.request_id, status: t(`ta.req_status.${r.request_status}`) })}
                </a>
              ) : (
                '—'
              )}
            </td>
            <td>
              {r.activities.map((x) => (
                <div>
                  <a href={`/assistance/activities/${x.id}`}>{x.title}</a> — {t(`ta.act_status.${x.status}`)}
                  {x.date ? `, ${x.date}` : ''}, {t('asm.people', { n: x.people })}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The coverage of the country's law, per category, as fed from the review of legislation. */
function CoverageFeed({ ui, coverage }: { ui: Ui; coverage: Progress['coverage'] }) {
  const t = ui.t;
  return (
    <>
      <h2>{t('asm.law_coverage')}</h2>
      <ul>
        {coverage.map((f) => (
          <li>
            {t(`article.category.${f.category}`)}:{' '}
            {t('asm.coverage_feed', {
              share: f.share,
              covered: f.covered,
              partial: f.partial,
              articles: f.articles,
              instrument: f.instrument,
            })}
          </li>
        ))}
      </ul>
    </>
  );
}

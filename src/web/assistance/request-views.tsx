/** Requests for technical assistance: the list with the form to record one, and a request (status changes, activities, history). */
import { Csrf, Field, Message, Select, type FieldErrors } from '../shell/fields.js';
import { CountrySelect } from '../shell/pickers.js';
import { formatDate } from '../../core/i18n.js';
import { Layout } from '../shell/layout.js';
import { Nav } from '../shell/nav.js';
import type { Ui } from '../shell/ui.js';
import { canRunProgramme } from '../../core/access.js';
import {
  DECLINE_REASONS,
  REQUEST_KINDS,
  type AssistanceRequest,
  type RequestDetail,
} from '../../domains/assistance/requests.js';
import { opts, type Form } from './view-support.js';

export function RequestsPage({
  ui,
  list,
  countries,
  form = {},
  errors = {},
}: {
  ui: Ui;
  list: AssistanceRequest[];
  countries: [string, string][];
  form?: Form;
  errors?: FieldErrors;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('ta.requests')}>
      <h1>{t('ta.requests')}</h1>
      <Nav ui={ui} />
      <table class="list">
        <thead>
          <tr>
            <th>{t('ta.received')}</th>
            <th>{t('filter.country')}</th>
            <th>{t('ta.agency')}</th>
            <th>{t('ta.kind')}</th>
            <th>{t('ta.status')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr id={`request-${r.id}`}>
              <td>{formatDate(r.received, ui)}</td>
              <td>{r.country_name}</td>
              <td>
                <a href={`/assistance/requests/${r.id}`}>{r.agency}</a>
              </td>
              <td>{t(`ta.req_kind.${r.kind}`)}</td>
              <td class={`status-${r.status}`}>{t(`ta.req_status.${r.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canRunProgramme(ui.viewer) && (
        <form method="post" action="/assistance/requests" class="stack">
          <h2>{t('ta.new_request')}</h2>
          {Object.keys(errors).length > 0 && <Message kind="error">{t('edit.fix_errors')}</Message>}
          <Csrf ui={ui} />
          <div class="grid2">
            <CountrySelect
              ui={ui}
              countries={countries}
              value={form.country}
              errors={errors}
              blank={form.country ? undefined : t('form.choose')}
            />
            <Field label={t('ta.agency')} name="agency" value={form.agency} errors={errors} required />
            <Field
              label={t('ta.received')}
              name="received"
              type="date"
              value={form.received}
              errors={errors}
              required
            />
            <Select
              label={t('ta.kind')}
              name="kind"
              value={form.kind}
              options={opts(ui, 'ta.req_kind', REQUEST_KINDS)}
              errors={errors}
            />
            <Select
              label={t('ta.priority')}
              name="priority"
              value={form.priority ?? 'medium'}
              options={opts(ui, 'ta.priority', ['low', 'medium', 'high'])}
            />
          </div>
          <Field
            label={t('ta.description')}
            name="description"
            rows={3}
            value={form.description}
            errors={errors}
            required
          />
          <button type="submit" class="primary">
            {t('ta.record_request')}
          </button>
        </form>
      )}
    </Layout>
  );
}

export function RequestPage({ ui, request, error }: { ui: Ui; request: RequestDetail; error?: string }) {
  const t = ui.t;
  const r = request;
  return (
    <Layout ui={ui} title={`${t('ta.request')} ${r.id}`}>
      <Nav ui={ui} />
      <h1>
        {r.agency} — {r.country_name}
      </h1>
      {error && <Message kind="error">{error}</Message>}
      <p role="status">
        {t('ta.status')}: <strong class={`status-${r.status}`}>{t(`ta.req_status.${r.status}`)}</strong>
        {r.decline_reason && ` (${t(`ta.reason.${r.decline_reason}`)})`}
      </p>
      <p>
        {t(`ta.req_kind.${r.kind}`)} · {t('ta.received')} {formatDate(r.received, ui)} ·{' '}
        {t(`ta.priority.${r.priority}`)}
      </p>
      <p>{r.description}</p>
      {r.recommendations.map((x) => (
        <p class="from-recommendation">
          {t('ta.from_recommendation')} <a href={`/assessments/${x.assessment_id}#rec-${x.id}`}>{x.text}</a> (
          {x.assessed})
        </p>
      ))}
      {canRunProgramme(ui.viewer) && r.next.length > 0 && (
        <form method="post" action={`/assistance/requests/${r.id}/transition`} class="inline">
          <Csrf ui={ui} />
          {r.next.includes('declined') && (
            <Select
              label={t('ta.decline_reason')}
              name="reason"
              value=""
              options={[['', '—'], ...opts(ui, 'ta.reason', DECLINE_REASONS)]}
            />
          )}
          {r.next.map((to) => (
            <button
              type="submit"
              name="to"
              value={to}
              class={to === 'declined' || to === 'withdrawn' ? 'danger' : undefined}
            >
              {t(`ta.to.${to}`)}
            </button>
          ))}
        </form>
      )}
      <h2>{t('ta.activities')}</h2>
      <ul>
        {r.activities.map((a) => (
          <li>
            <a href={`/assistance/activities/${a.id}`}>{a.title}</a> ({t(`ta.act_status.${a.status}`)})
          </li>
        ))}
      </ul>
      <h2>{t('ta.history')}</h2>
      <ol class="history">
        {r.transitions.map((x) => (
          <li>
            {x.at.slice(0, 16)} · {x.by}: {x.from_status ? `${t(`ta.req_status.${x.from_status}`)} → ` : ''}
            {t(`ta.req_status.${x.to_status}`)}
            {x.reason && ` (${t(`ta.reason.${x.reason}`)})`}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

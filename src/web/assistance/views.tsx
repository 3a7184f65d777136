/** Technical assistance pages: dashboard, requests (list, new, status changes), activities (list, new, delivery and participants). */
import {
  ConceptPicker,
  Csrf,
  CountrySelect,
  Field,
  listValue,
  Message,
  RegionSelect,
  Select,
  type ConceptOption,
  type FieldErrors,
  type Option,
} from '../shell/forms.js';
import { formatDate } from '../../core/i18n.js';
import { Layout } from '../shell/layout.js';
import { Nav } from '../shell/nav.js';
import type { Ui } from '../shell/ui.js';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  AUDIENCES,
  CHANNELS,
  CURRENCIES,
  PARTICIPANT_ROLES,
  SEXES,
  type Activity,
} from '../../domains/assistance/activities.js';
import type { AttachmentMeta } from '../../domains/attachments/service.js';
import { canRunProgramme, TIERS, tiersFor } from '../../core/access.js';
import { Attachments } from '../attachments/views.js';
import { UploadForm } from '../attachments/upload.js';
import type { Attendee } from '../../domains/assistance/people.js';
import { Attendees } from './people-views.js';
import {
  DECLINE_REASONS,
  REQUEST_KINDS,
  type AssistanceRequest,
  type RequestDetail,
} from '../../domains/assistance/requests.js';

type Form = Record<string, string>;
const opts = (ui: Ui, prefix: string, list: readonly string[]): [string, string][] =>
  list.map((v) => [v, ui.t(`${prefix}.${v}`)]);

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

/** What the activity form offers to choose from. */
type ActivityChoices = {
  open: AssistanceRequest[];
  orgs: Option[];
  countries: Option[];
  regions: Option[];
  concepts: ConceptOption[];
};

/** Country codes as names in the viewer's language (the code when unknown). */
const countryNames = (codes: string[], countries: Option[]) =>
  codes.map((c) => countries.find(([v]) => v === c)?.[1] ?? c).join(', ');

/** A problem with the form as a whole (e.g. the service refused it); the rest are shown at their fields. */
function FormErrors({ ui, errors }: { ui: Ui; errors: FieldErrors }) {
  if (!Object.keys(errors).length) return null;
  return <Message kind="error">{errors.form ?? ui.t('edit.fix_errors')}</Message>;
}

export function ActivitiesPage({
  ui,
  list,
  form = {},
  errors = {},
  ...choices
}: {
  ui: Ui;
  list: Omit<Activity, 'requests' | 'participants' | 'audiences' | 'partners'>[];
  form?: Form;
  errors?: FieldErrors;
} & ActivityChoices) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('ta.activities')}>
      <h1>{t('ta.activities')}</h1>
      <Nav ui={ui} />
      <table class="list">
        <thead>
          <tr>
            <th>{t('ta.dates')}</th>
            <th>{t('ta.title')}</th>
            <th>{t('ta.kind')}</th>
            <th>{t('ta.countries')}</th>
            <th>{t('ta.status')}</th>
            <th>{t('ta.people')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr id={`activity-${a.id}`}>
              <td>{formatDate(a.actual_start ?? a.planned_start ?? null, ui)}</td>
              <td>
                <a href={`/assistance/activities/${a.id}`}>{a.title}</a>
              </td>
              <td>{t(`ta.kind.${a.kind}`)}</td>
              <td>{countryNames(a.countries, choices.countries)}</td>
              <td>{t(`ta.act_status.${a.status}`)}</td>
              <td class="n">{a.people}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canRunProgramme(ui.viewer) && (
        <form method="post" action="/assistance/activities" class="stack">
          <h2>{t('ta.plan_activity')}</h2>
          <FormErrors ui={ui} errors={errors} />
          <Csrf ui={ui} />
          <ActivityFields ui={ui} form={form} errors={errors} choices={choices} />
          <button type="submit" class="primary">
            {t('ta.save_activity')}
          </button>
        </form>
      )}
    </Layout>
  );
}

/** Partner rows on the activity form: those recorded, and two more to fill in. */
const PARTNER_ROWS = 2;
const PARTNER_ROLES = ['implementing', 'funding', 'host', 'beneficiary'] as const;

function PartnerFields({ ui, form, orgs }: { ui: Ui; form: Form; orgs: Option[] }) {
  const t = ui.t;
  const filled = Object.keys(form).filter((k) => /^partner\.\d+\.org$/.test(k) && form[k]).length;
  return (
    <fieldset class="partners">
      <legend>{t('rep.tab.partners')}</legend>
      {Array.from({ length: filled + PARTNER_ROWS }, (_, i) => (
        <div class="inline">
          <select name={`partner.${i}.org`} aria-label={`${t('rep.col.organisation')} ${i + 1}`}>
            <option value="">—</option>
            {orgs.map(([id, name]) => (
              <option value={id} selected={form[`partner.${i}.org`] === id}>
                {name}
              </option>
            ))}
          </select>{' '}
          <select name={`partner.${i}.role`} aria-label={`${t('rep.col.role')} ${i + 1}`}>
            {PARTNER_ROLES.map((r) => (
              <option value={r} selected={form[`partner.${i}.role`] === r}>
                {t(`ta.partner.${r}`)}
              </option>
            ))}
          </select>
        </div>
      ))}
    </fieldset>
  );
}

function ActivityFields({
  ui,
  form,
  errors,
  choices,
}: {
  ui: Ui;
  form: Form;
  errors: FieldErrors;
  choices: ActivityChoices;
}) {
  const t = ui.t;
  const { open, orgs } = choices;
  const chosen = (form.requests ?? '').split(',');
  return (
    <>
      <div class="grid2">
        <Select
          label={t('ta.kind')}
          name="kind"
          value={form.kind}
          options={opts(ui, 'ta.kind', ACTIVITY_KINDS)}
          errors={errors}
        />
        <Field label={t('ta.title')} name="title" value={form.title} errors={errors} required />
        <CountrySelect
          ui={ui}
          label={t('ta.countries')}
          name="countries"
          countries={choices.countries}
          multiple
          values={listValue(form.countries)}
          errors={errors}
        />
        <RegionSelect
          ui={ui}
          regions={choices.regions}
          label={t('ta.region')}
          value={form.region}
          errors={errors}
          blank={t('ta.region_from_countries')}
        />
        <Select
          label={t('ta.status')}
          name="status"
          value={form.status ?? 'planned'}
          options={opts(ui, 'ta.act_status', ACTIVITY_STATUSES)}
        />
        <Select
          label={t('editwork.tier')}
          name="tier"
          value={form.tier ?? 'internal'}
          options={TIERS.filter((x) => tiersFor(ui.viewer).includes(x)).map((x) => [x, t(`tier.${x}`)])}
          errors={errors}
        />
        <Field
          label={t('ta.planned_start')}
          name="planned_start"
          type="date"
          value={form.planned_start}
          errors={errors}
        />
        <Field
          label={t('ta.planned_end')}
          name="planned_end"
          type="date"
          value={form.planned_end}
          errors={errors}
        />
        <Field
          label={t('ta.actual_start')}
          name="actual_start"
          type="date"
          value={form.actual_start}
          errors={errors}
        />
        <Field
          label={t('ta.actual_end')}
          name="actual_end"
          type="date"
          value={form.actual_end}
          errors={errors}
        />
        <Select
          label={t('ta.mode')}
          name="mode"
          value={form.mode ?? 'in_person'}
          options={opts(ui, 'ta.mode', ['in_person', 'online', 'hybrid'])}
        />
        <Field
          label={t('ta.hours')}
          name="hours"
          type="number"
          value={form.hours}
          errors={errors}
          min="0"
          step="any"
        />
        <Field
          label={t('ta.implementer')}
          name="implementer"
          value={form.implementer}
          errors={errors}
          hint={t('ta.implementer_hint')}
        />
      </div>
      <fieldset>
        <legend>{t('ta.cost')}</legend>
        <div class="grid2">
          <Field
            label={t('ta.cost_amount')}
            name="cost"
            type="number"
            value={form.cost}
            errors={errors}
            min="0"
            step="any"
          />
          <Select
            label={t('fund.currency')}
            name="currency"
            value={form.currency ?? ''}
            options={[['', '—'], ...CURRENCIES.map((c): Option => [c, c])]}
            errors={errors}
          />
          <Field
            label={t('ta.cost_usd')}
            name="cost_usd"
            type="number"
            value={form.cost_usd}
            errors={errors}
            min="0"
            step="any"
            hint={t('ta.cost_usd_hint')}
          />
        </div>
      </fieldset>
      <Field label={t('ta.audience')} name="audience" value={form.audience} errors={errors} />
      <ConceptPicker ui={ui} concepts={choices.concepts} values={listValue(form.concepts)} errors={errors} />
      <PartnerFields ui={ui} form={form} orgs={orgs} />
      {open.length > 0 && (
        <fieldset>
          <legend>{t('ta.answers_requests')}</legend>
          {open.map((r) => (
            <label class="inline">
              <input
                type="checkbox"
                name="requests"
                value={String(r.id)}
                checked={chosen.includes(String(r.id))}
              />{' '}
              #{r.id} {r.country_name} — {r.agency} ({t(`ta.req_status.${r.status}`)}){' '}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>{t('ta.participants')}</legend>
        <table class="participants">
          <thead>
            <tr>
              <td />
              {SEXES.map((s) => (
                <th scope="col">{t(`ta.sex.${s}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PARTICIPANT_ROLES.map((role) => (
              <tr>
                <th scope="row">{t(`ta.role.${role}`)}</th>
                {SEXES.map((sex) => (
                  <td>
                    <input
                      type="number"
                      min="0"
                      name={`p.${role}.${sex}`}
                      value={form[`p.${role}.${sex}`] ?? ''}
                      aria-label={`${t(`ta.role.${role}`)} · ${t(`ta.sex.${sex}`)}`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {errors.participants && <strong class="error">{errors.participants}</strong>}
      </fieldset>
      <fieldset>
        <legend>{t('ta.outreach')}</legend>
        <div class="grid2">
          {AUDIENCES.map((a) => (
            <Field label={t(`ta.aud.${a}`)} name={`aud.${a}`} type="number" value={form[`aud.${a}`]} />
          ))}
        </div>
        <p>
          {CHANNELS.map((c) => (
            <label class="inline">
              <input
                type="checkbox"
                name="channels"
                value={c}
                checked={(form.channels ?? '').split(',').includes(c)}
              />{' '}
              {t(`ta.channel.${c}`)}{' '}
            </label>
          ))}
        </p>
      </fieldset>
    </>
  );
}

export function ActivityPage({
  ui,
  activity,
  form,
  errors = {},
  saved,
  attendees = [],
  files = [],
  ...choices
}: {
  ui: Ui;
  activity: Activity;
  form: Form;
  errors?: FieldErrors;
  saved?: boolean;
  attendees?: Attendee[];
  files?: AttachmentMeta[];
} & ActivityChoices) {
  const t = ui.t;
  const a = activity;
  return (
    <Layout ui={ui} title={a.title}>
      <Nav ui={ui} />
      <h1>{a.title}</h1>
      {/* One status line: the confirmation after a save, then what the activity is. */}
      <p role="status" class={saved ? 'saved' : undefined}>
        {saved && (
          <>
            <strong>{t('ta.activity_saved')}</strong>
            <br />
          </>
        )}
        {t(`ta.kind.${a.kind}`)} · {countryNames(a.countries, choices.countries)} ·{' '}
        {t(`ta.act_status.${a.status}`)} · {t('ta.people_count', { n: a.people })}
        {a.reached > 0 && ` · ${t('ta.reached_count', { n: a.reached })}`}
      </p>
      {(a.implementer || (a.cost !== null && a.cost !== undefined)) && (
        <p class="meta">
          {a.implementer && `${t('ta.implementer')}: ${a.implementer}`}
          {a.implementer && a.cost !== null && a.cost !== undefined && ' · '}
          {a.cost !== null &&
            a.cost !== undefined &&
            `${t('ta.cost')}: ${a.cost.toLocaleString(ui.lang)} ${a.currency ?? ''}${a.cost_usd !== null && a.cost_usd !== undefined && a.currency !== 'USD' ? ` (${a.cost_usd.toLocaleString(ui.lang)} USD)` : ''}`}
        </p>
      )}
      {a.partners.length > 0 && (
        <p>{a.partners.map((p) => `${p.name} (${t(`ta.partner.${p.role}`)})`).join(' · ')}</p>
      )}
      {a.requests.length > 0 && (
        <p>
          {t('ta.answers_requests')}:{' '}
          {a.requests.map((r) => (
            <a href={`/assistance/requests/${r.id}`}>
              #{r.id} ({t(`ta.req_status.${r.status}`)}){' '}
            </a>
          ))}
        </p>
      )}
      <Attachments ui={ui} items={files} />
      {canRunProgramme(ui.viewer) && <UploadForm ui={ui} owner="activity" id={a.id} />}
      <Attendees ui={ui} activity={a.id} list={attendees} />
      {canRunProgramme(ui.viewer) && (
        <form method="post" action={`/assistance/activities/${a.id}`} class="stack">
          <FormErrors ui={ui} errors={errors} />
          <Csrf ui={ui} />
          <ActivityFields ui={ui} form={form} errors={errors} choices={choices} />
          <button type="submit" class="primary">
            {t('ta.save_activity')}
          </button>
        </form>
      )}
    </Layout>
  );
}

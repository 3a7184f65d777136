/** Technical assistance activities: the list with the form to plan one, and an activity (delivery, participants, files). */
import { Csrf, Message, type FieldErrors, type Option } from '../shell/fields.js';
import { formatDate } from '../../core/i18n.js';
import { Layout } from '../shell/layout.js';
import { Nav } from '../shell/nav.js';
import type { Ui } from '../shell/ui.js';
import type { Activity } from '../../domains/assistance/activities.js';
import type { AttachmentMeta } from '../../domains/attachments/service.js';
import { canRunProgramme } from '../../core/access.js';
import { Attachments } from '../attachments/views.js';
import { UploadForm } from '../attachments/upload.js';
import type { Attendee } from '../../domains/assistance/people.js';
import { Attendees } from './people-views.js';
import { ActivityFields, type ActivityChoices } from './activity-fields.js';
import type { Form } from './view-support.js';

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
      {canRunProgramme(ui.viewer) && (
        <p>
          <a href="/assistance/activities/import">{t('ta.import_activities')}</a>
        </p>
      )}
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
        <p>
          <a href={`/assistance/activities/${a.id}/participants/import`}>{t('ta.part_import')}</a>
        </p>
      )}
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

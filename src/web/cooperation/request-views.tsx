/** The request writer's pages: the log, the writer's form, a request (print view, checklist, DOCX), the statistics. */
import { isProgrammeStaff } from '../../core/access.js';
import { formatDate } from '../../core/i18n.js';
import { bcp47 } from '../../core/languages.js';
import { instrumentName } from '../../domains/reference/names.js';
import type { RequestDocument } from '../../domains/cooperation/request-document.js';
import {
  type CooperationRequest,
  REQUEST_KINDS,
  REQUEST_STATUSES,
} from '../../domains/cooperation/requests.js';
import type { Figures, Statistics } from '../../domains/cooperation/statistics.js';
import { Csrf, Field, type FieldErrors, type Option, Select } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import { ConceptPicker, CountrySelect } from '../shell/pickers.js';
import type { Ui } from '../shell/ui.js';
import type { WriterChoices } from './request-form.js';

const nameOf = (options: Option[], code: string) => options.find(([c]) => c === code)?.[1] ?? code;
const kindLabel = (ui: Ui, kind: string) => ui.t(`req.kind.${kind}`);

export function RequestsPage({
  ui,
  list,
  choices,
}: {
  ui: Ui;
  list: CooperationRequest[];
  choices: WriterChoices;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('req.title')}>
      <h1>{t('req.title')}</h1>
      <p>{t('req.intro')}</p>
      <p>
        <a href="/cooperation/requests/new">{t('req.new')}</a>
        {isProgrammeStaff(ui.viewer) && (
          <>
            {' · '}
            <a href="/cooperation/statistics">{t('req.statistics')}</a>
          </>
        )}
      </p>
      {list.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('req.request')}</th>
                <th>{t('coop.from')}</th>
                <th>{t('coop.to')}</th>
                <th>{t('req.status')}</th>
                <th>{t('req.sent_on')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr>
                  <td>
                    <a href={`/cooperation/requests/${r.id}`}>
                      {kindLabel(ui, r.kind)} {r.reference && `(${r.reference})`}
                    </a>
                  </td>
                  <td>{nameOf(choices.countries, r.requesting)}</td>
                  <td>{nameOf(choices.countries, r.requested)}</td>
                  <td>{t(`req.status.${r.status}`)}</td>
                  <td>{formatDate(r.sent_on, ui)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('req.none')}</p>
      )}
    </Layout>
  );
}

type FormProps = {
  ui: Ui;
  values: Record<string, string>;
  errors: FieldErrors;
  choices: WriterChoices;
  action: string;
};

/** The writer's form. "Find the legal basis and authorities" reloads the choices for the states chosen, without JavaScript. */
function WriterForm({ ui, values: v, errors, choices, action }: FormProps) {
  const t = ui.t;
  const kinds = REQUEST_KINDS.map((k): Option => [k, kindLabel(ui, k)]);
  return (
    <form method="post" action={action} class="stack">
      <Csrf ui={ui} />
      <div class="filters">
        <CountrySelect
          ui={ui}
          countries={choices.countries}
          name="requesting"
          label={t('coop.from')}
          value={v.requesting}
          blank=""
          errors={errors}
        />
        <CountrySelect
          ui={ui}
          countries={choices.countries}
          name="requested"
          label={t('coop.to')}
          value={v.requested}
          blank=""
          errors={errors}
        />
        <button type="submit" formaction="/cooperation/requests/new" formmethod="get" class="secondary">
          {t('req.refresh')}
        </button>
      </div>
      <Select label={t('req.kind')} name="kind" value={v.kind} options={kinds} errors={errors} />
      <Select
        label={t('req.legal_basis')}
        name="legal_basis"
        value={v.legal_basis}
        options={choices.bases}
        errors={errors}
        hint={t('req.basis_hint')}
      />
      <Select
        label={t('req.authority')}
        name="authority_id"
        value={v.authority_id}
        options={[
          ['', choices.authorities.length ? t('form.choose') : t('req.no_authority')],
          ...choices.authorities,
        ]}
        errors={errors}
      />
      <Field
        label={t('req.requesting_authority')}
        name="requesting_authority"
        value={v.requesting_authority}
        errors={errors}
      />
      <Field label={t('req.reference')} name="reference" value={v.reference} errors={errors} />
      <ConceptPicker
        ui={ui}
        concepts={choices.offences}
        values={(v.offences ?? '').split(',').filter(Boolean)}
        name="offences"
        label={t('coop.offences')}
        errors={errors}
      />
      <Field label={t('req.facts')} name="facts" value={v.facts} rows={6} errors={errors} />
      <DataFields ui={ui} values={v} errors={errors} />
      <Field
        label={t('req.urgency')}
        name="urgency"
        value={v.urgency}
        rows={2}
        hint={t('req.urgency_hint')}
        errors={errors}
      />
      <label class="inline">
        <input type="checkbox" name="confidential" checked={v.confidential === 'on'} />{' '}
        {t('req.confidential')}
      </label>
      <Select
        label={t('req.language')}
        name="language"
        value={v.language}
        options={[['', t('req.language_auto')], ...choices.languages]}
        errors={errors}
      />
      <StatusFields ui={ui} values={v} errors={errors} />
      <button type="submit">{t('req.save')}</button>
    </form>
  );
}

type Part = { ui: Ui; values: Record<string, string>; errors: FieldErrors };

/** The data sought: provider, identifiers, period and time zone, what is sought. */
function DataFields({ ui, values: v, errors }: Part) {
  const t = ui.t;
  return (
    <fieldset class="stack">
      <legend>{t('req.data')}</legend>
      <Field label={t('req.provider')} name="provider" value={v.provider} errors={errors} />
      <Field
        label={t('req.identifiers')}
        name="identifiers"
        value={v.identifiers}
        rows={4}
        hint={t('req.identifiers_hint')}
        errors={errors}
      />
      <div class="filters">
        <Field label={t('req.date_from')} name="date_from" type="date" value={v.date_from} errors={errors} />
        <Field label={t('req.date_to')} name="date_to" type="date" value={v.date_to} errors={errors} />
        <Field
          label={t('req.time_zone')}
          name="time_zone"
          value={v.time_zone}
          hint={t('req.time_zone_hint')}
          errors={errors}
        />
      </div>
      <Field label={t('req.description')} name="description" value={v.description} rows={3} errors={errors} />
    </fieldset>
  );
}

/** Where the request stands: its status, when it was sent and answered. */
function StatusFields({ ui, values: v, errors }: Part) {
  const t = ui.t;
  return (
    <div class="filters">
      <Select
        label={t('req.status')}
        name="status"
        value={v.status ?? 'draft'}
        options={REQUEST_STATUSES.map((s): Option => [s, t(`req.status.${s}`)])}
        errors={errors}
      />
      <Field label={t('req.sent_on')} name="sent_on" type="date" value={v.sent_on} errors={errors} />
      <Field
        label={t('req.answered_on')}
        name="answered_on"
        type="date"
        value={v.answered_on}
        errors={errors}
      />
    </div>
  );
}

export function WriterPage(props: Omit<FormProps, 'action'>) {
  const t = props.ui.t;
  return (
    <Layout ui={props.ui} title={t('req.new')}>
      <p class="crumbs">
        <a href="/cooperation/requests">{t('req.title')}</a>
      </p>
      <h1>{t('req.new')}</h1>
      {Object.keys(props.errors).length > 0 && <p class="error">{t('req.fix_errors')}</p>}
      <WriterForm {...props} action="/cooperation/requests" />
    </Layout>
  );
}

export function RequestPage(
  props: Omit<FormProps, 'action'> & { request: CooperationRequest; document: RequestDocument },
) {
  const { ui, request: r, document: doc } = props;
  const t = ui.t;
  return (
    <Layout ui={ui} title={doc.title}>
      <p class="crumbs">
        <a href="/cooperation/requests">{t('req.title')}</a>
      </p>
      <section id="checklist">
        <h2>{t('req.checklist')}</h2>
        {doc.checklist.length ? (
          <ul>
            {doc.checklist.map((m) => (
              <li>
                {t(`req.missing.${m.code}`)}
                {m.detail &&
                  ` — ${
                    m.code === 'dual_criminality'
                      ? nameOf(
                          props.choices.offences.map((o): Option => [o.code, o.label]),
                          m.detail,
                        )
                      : m.detail
                  }`}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('req.complete')}</p>
        )}
        <p>
          <a href={`/cooperation/requests/${r.id}/docx`}>{t('req.docx')}</a>
        </p>
      </section>
      <article id="document" class="letter" lang={bcp47(doc.language)} dir={doc.rtl ? 'rtl' : 'ltr'}>
        <h1>{doc.title}</h1>
        {doc.blocks.map((b) => (
          <section>
            {b.heading && <h2>{b.heading}</h2>}
            {b.lines.map((l) =>
              l.quote ? (
                <blockquote lang={l.lang}>{l.text}</blockquote>
              ) : (
                <p>{l.bold ? <strong>{l.text}</strong> : l.text}</p>
              ),
            )}
          </section>
        ))}
      </article>
      <section>
        <h2>{t('req.edit')}</h2>
        <WriterForm {...props} action={`/cooperation/requests/${r.id}`} />
      </section>
    </Layout>
  );
}

export function StatisticsPage({
  ui,
  stats,
  choices,
}: {
  ui: Ui;
  stats: Statistics;
  choices: WriterChoices;
}) {
  const t = ui.t;
  const table = (title: string, list: Figures[], name: (key: string) => string, keyLabel = title) => (
    <section>
      <h2>{title}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{keyLabel}</th>
              {(['sent', 'executed', 'partly_executed', 'refused', 'withdrawn', 'pending'] as const).map(
                (k) => (
                  <th>{t(`req.fig.${k}`)}</th>
                ),
              )}
              <th>{t('req.fig.median_days')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((f) => (
              <tr>
                <th scope="row">{name(f.key)}</th>
                <td>{f.sent}</td>
                <td>{f.executed}</td>
                <td>{f.partly_executed}</td>
                <td>{f.refused}</td>
                <td>{f.withdrawn}</td>
                <td>{f.pending}</td>
                <td>{f.median_days ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
  const offence = (code: string) => choices.offences.find((o) => o.code === code)?.label ?? code;
  const basis = (code: string) =>
    code === 'reciprocity' ? t('auth.basis.reciprocity') : instrumentName(ui.lang, code);
  return (
    <Layout ui={ui} title={t('req.statistics')}>
      <h1>{t('req.statistics')}</h1>
      <p>{t('req.statistics_intro')}</p>
      <form method="get" action="/cooperation/statistics" class="filters">
        <Field label={t('req.period_from')} name="from" type="date" value={stats.from} />
        <Field label={t('req.period_to')} name="to" type="date" value={stats.to} />
        <Select
          label={t('req.direction')}
          name="direction"
          value={stats.direction}
          options={(['outgoing', 'incoming'] as const).map((d): Option => [d, t(`req.direction.${d}`)])}
        />
        <button type="submit">{t('filter.apply')}</button>
      </form>
      {table(
        t('req.fig.total'),
        [stats.total].filter((f) => f.sent > 0),
        () => t('req.fig.all'),
      )}
      {table(t('req.by_requested'), stats.by_requested, (k) => nameOf(choices.countries, k), t('coop.to'))}
      {table(t('req.by_basis'), stats.by_legal_basis, basis, t('req.legal_basis'))}
      {table(t('req.by_kind'), stats.by_kind, (k) => kindLabel(ui, k), t('req.kind'))}
      {table(t('req.by_offence'), stats.by_offence, offence)}
    </Layout>
  );
}

/** Reservations and declarations: an instrument's, with the form staff editors record one with; and a list for the article and country pages. */
import { formatDate, localName } from '../../../core/i18n.js';
import type { Article, Instrument } from '../../../domains/reference/service.js';
import { RESERVATION_KINDS, type Reservation } from '../../../domains/reference/reservations.js';
import { articleTitle, instrumentName } from '../../../domains/reference/names.js';
import { articleHref } from '../../shell/components.js';
import { Csrf, Field, type FieldErrors, Message, Select } from '../../shell/fields.js';
import { Layout } from '../../shell/layout.js';
import type { Ui } from '../../shell/ui.js';

type Names = Map<string, Record<string, string>>;

/** Reservations and declarations as a table: party, article, kind and date, text and source; a delete button for staff editors. */
export function ReservationTable({
  ui,
  list,
  countries,
  canEdit = false,
}: {
  ui: Ui;
  list: Reservation[];
  countries: Names;
  canEdit?: boolean;
}) {
  const t = ui.t;
  if (!list.length) return <p class="meta">{t('reservation.none')}</p>;
  return (
    <div class="table-wrap">
      <table class="list reservations">
        <thead>
          <tr>
            <th>{t('filter.country')}</th>
            <th>{t('article.number')}</th>
            <th>{t('reservation.kind')}</th>
            <th>{t('reservation.text')}</th>
            {canEdit && <th />}
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr id={`reservation-${r.id}`}>
              <td>{localName(countries.get(r.country), ui.lang).text || r.country}</td>
              <td>
                <a href={articleHref(r.instrument, r.article)}>
                  {instrumentName(ui.lang, r.instrument)} {t('article.short')} {r.article}
                </a>
              </td>
              <td>
                {t(`reservation.kind.${r.kind}`)}
                {r.made_on && <div class="meta">{formatDate(r.made_on, ui)}</div>}
                {r.withdrawn_on && (
                  <div class="meta">
                    {t('reservation.withdrawn', { date: formatDate(r.withdrawn_on, ui) })}
                  </div>
                )}
              </td>
              <td>
                <q dir="auto">{r.text}</q>
                {r.source && <div class="meta">{r.source}</div>}
              </td>
              {canEdit && (
                <td>
                  <form method="post" action={`/reservations/${r.id}/delete`} class="inline">
                    <Csrf ui={ui} />
                    <button type="submit" class="danger">
                      {t('editwork.op.delete')}
                    </button>
                  </form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReservationsPage({
  ui,
  instrument,
  articles,
  list,
  countries,
  countryOptions,
  canEdit,
  form = {},
  errors = {},
}: {
  ui: Ui;
  instrument: Instrument;
  articles: Article[];
  list: Reservation[];
  countries: Names;
  countryOptions: [string, string][];
  canEdit: boolean;
  form?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const t = ui.t;
  const name = instrumentName(ui.lang, instrument.code, instrument.short_name);
  return (
    <Layout ui={ui} title={`${name}: ${t('gap.reservations')}`}>
      <p class="crumbs">
        <a href="/instruments">{t('nav.instruments')}</a> ›{' '}
        <a href={`/instruments/${instrument.code}`}>{name}</a>
      </p>
      <h1>
        {name}: {t('gap.reservations')}
      </h1>
      <p>{t('reservation.intro')}</p>
      <ReservationTable ui={ui} list={list} countries={countries} canEdit={canEdit} />
      {canEdit && (
        <form method="post" action={`/instruments/${instrument.code}/reservations`} class="stack" id="record">
          <h2>{t('reservation.record')}</h2>
          {Object.keys(errors).length > 0 && <Message kind="error">{t('edit.fix_errors')}</Message>}
          <Csrf ui={ui} />
          <div class="grid2">
            <Select
              label={t('filter.country')}
              name="country"
              value={form.country}
              options={[['', '—'], ...countryOptions]}
              errors={errors}
              required
            />
            <Select
              label={t('article.number')}
              name="article"
              value={form.article}
              options={[
                ['', '—'],
                ...articles.map((a): [string, string] => [
                  a.number,
                  `${a.number} — ${articleTitle(ui.lang, a.instrument, a.number, a.title)}`,
                ]),
              ]}
              errors={errors}
              required
            />
            <Select
              label={t('reservation.kind')}
              name="kind"
              value={form.kind ?? 'reservation'}
              options={RESERVATION_KINDS.map((k) => [k, t(`reservation.kind.${k}`)])}
              errors={errors}
            />
            <Field
              label={t('reservation.made_on')}
              name="made_on"
              type="date"
              value={form.made_on}
              errors={errors}
            />
          </div>
          <Field
            label={t('reservation.text')}
            name="text"
            rows={4}
            value={form.text}
            errors={errors}
            required
          />
          <Field label={t('reservation.source')} name="source" value={form.source} errors={errors} />
          <Field
            label={t('reservation.withdrawn_on')}
            name="withdrawn_on"
            type="date"
            value={form.withdrawn_on}
            errors={errors}
          />
          <button type="submit" class="primary">
            {t('reservation.save')}
          </button>
        </form>
      )}
    </Layout>
  );
}

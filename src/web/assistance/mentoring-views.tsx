/** Mentored investigations (restricted): the list for a period or country, and the form to record one. */
import { Csrf, Field, Message, Select } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { Investigation } from '../../domains/assistance/mentoring.js';
import { Nav } from '../shell/nav.js';

export function MentoringPage({
  ui,
  list,
  query,
  countries,
  error,
}: {
  ui: Ui;
  list: Investigation[];
  query: Record<string, string | undefined>;
  countries: [string, string][];
  error?: string;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('men.title')}>
      <h1>{t('men.title')}</h1>
      <Nav ui={ui} />
      <p class="notice">{t('men.restricted')}</p>
      {error && <Message kind="error">{error}</Message>}
      <form method="get" class="filters inline">
        <label>
          {t('rep.from')} <input type="date" name="from" value={query.from ?? ''} />
        </label>{' '}
        <label>
          {t('rep.to')} <input type="date" name="to" value={query.to ?? ''} />
        </label>{' '}
        <button type="submit">{t('filter.apply')}</button>
      </form>
      <p role="status">{t('men.count', { n: list.length })}</p>
      <table class="list" id="investigations">
        <thead>
          <tr>
            <th>{t('asm.country')}</th>
            <th>{t('men.opened')}</th>
            <th>{t('men.closed')}</th>
            <th>{t('rep.col.status')}</th>
            <th>{t('men.concept')}</th>
            <th>{t('men.mentor')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((i) => (
            <tr>
              <td>{i.country}</td>
              <td>{i.opened}</td>
              <td>{i.closed ?? '—'}</td>
              <td>{t(`ta.inv.${i.status}`)}</td>
              <td>{i.concept ?? '—'}</td>
              <td>{i.mentor}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/assistance/mentoring" class="stack narrow">
        <h2>{t('men.record')}</h2>
        <Csrf ui={ui} />
        <Select label={t('asm.country')} name="country" options={countries} />
        <Field label={t('men.opened')} name="opened" type="date" required />
        <Field label={t('men.closed')} name="closed" type="date" />
        <Select
          label={t('rep.col.status')}
          name="status"
          options={(['open', 'suspended', 'closed'] as const).map((s) => [s, t(`ta.inv.${s}`)])}
        />
        <Field label={t('men.concept')} name="concept" hint={t('men.concept_hint')} />
        <Field label={t('men.mentor')} name="mentor" required />
        <button type="submit" class="primary">
          {t('men.record')}
        </button>
      </form>
    </Layout>
  );
}

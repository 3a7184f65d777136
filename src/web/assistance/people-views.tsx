/** Named participants: the list on an activity, a person's history, and a printable certificate. */
import { formatDate } from '../../core/i18n.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { Activity } from '../../domains/assistance/activities.js';
import type { Attendee, Participation, Person } from '../../domains/assistance/people.js';
import { Nav } from '../shell/nav.js';

const gain = (pre: number | null, post: number | null) =>
  pre !== null && post !== null ? `${post - pre >= 0 ? '+' : ''}${Math.round(post - pre)}` : '';

export function Attendees({ ui, activity, list }: { ui: Ui; activity: number; list: Attendee[] }) {
  const t = ui.t;
  if (!list.length) return null;
  return (
    <section>
      <h2>{t('ppl.named')}</h2>
      <table class="list attendees">
        <thead>
          <tr>
            <th>{t('fund.name')}</th>
            <th>{t('ppl.role')}</th>
            <th class="n">{t('ppl.pre')}</th>
            <th class="n">{t('ppl.post')}</th>
            <th class="n">{t('ppl.gain')}</th>
            <th>{t('ppl.certificate')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((p) => (
            <tr>
              <td>
                <a href={`/assistance/people/${p.id}`}>{p.name}</a>
                {p.as_trainer && ` (${t('ppl.trainer')})`}
              </td>
              <td>{t(`ta.role.${p.role}`)}</td>
              <td class="n">{p.pre_score ?? ''}</td>
              <td class="n">{p.post_score ?? ''}</td>
              <td class="n">{gain(p.pre_score, p.post_score)}</td>
              <td>
                {p.certificate && (
                  <a href={`/assistance/activities/${activity}/certificates/${p.id}`}>{t('ppl.print')}</a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function PersonPage({ ui, person }: { ui: Ui; person: Person & { history: Participation[] } }) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={person.name}>
      <Nav ui={ui} />
      <h1>{person.name}</h1>
      <p>
        {t(`ta.role.${person.role}`)} · {person.agency ?? ''} {person.country ?? ''} ·{' '}
        {t('ppl.consent', { date: person.consent_date })}
      </p>
      <h2>{t('ppl.history')}</h2>
      <table class="list">
        <tbody>
          {person.history.map((h) => (
            <tr>
              <td>{formatDate(h.date, ui)}</td>
              <td>
                <a href={`/assistance/activities/${h.activity}`}>{h.title}</a>
              </td>
              <td>{h.as_trainer ? t('ppl.trainer') : t('ppl.trainee')}</td>
              <td class="n">{gain(h.pre_score, h.post_score)}</td>
              <td>{h.certificate ? t('ppl.certificate') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function CertificatePage({ ui, person, activity }: { ui: Ui; person: Person; activity: Activity }) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('ppl.certificate')}>
      <article class="certificate">
        <h1>{t('ppl.certificate_title')}</h1>
        <p class="who">{person.name}</p>
        <p>
          {t('ppl.certificate_text', {
            title: activity.title,
            from: formatDate(activity.actual_start ?? activity.planned_start ?? null, ui),
            to: formatDate(activity.actual_end ?? activity.planned_end ?? null, ui),
          })}
        </p>
      </article>
    </Layout>
  );
}

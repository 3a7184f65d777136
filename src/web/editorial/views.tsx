/** The history page of a work, case or document: workflow steps and every change, field by field. */
import { formatDate } from '../../core/i18n.js';
import { ActionButton, Message } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { HistoryEvent } from '../../domains/editorial/history.js';
import type { ItemKind } from '../../domains/editorial/content-kinds.js';

const clip = (s: string | null) => (s === null ? '—' : s.length > 400 ? `${s.slice(0, 400)}…` : s);

export function HistoryPage(props: {
  ui: Ui;
  kind: ItemKind;
  id: string;
  title: string;
  href: string;
  status: string;
  events: HistoryEvent[];
  canRestore: boolean;
  notice?: string;
}) {
  const { ui, kind, id, events } = props;
  const t = ui.t;
  return (
    <Layout ui={ui} title={`${t('history.title')}: ${props.title}`}>
      <p class="crumbs">
        <a href={props.href}>{props.title}</a>
      </p>
      <h1>{t('history.title')}</h1>
      {props.notice && <Message kind="ok">{props.notice}</Message>}
      <p>
        {t('history.status')}: <strong>{t(`editorial.${props.status}`)}</strong>
      </p>
      <ol class="history" reversed>
        {events.map((e) => (
          <li id={`event-${e.id}`}>
            <p>
              <strong>{t(`history.action.${e.action}`)}</strong> · {e.actor} ·{' '}
              <time datetime={e.at}>{`${formatDate(e.at, ui)} ${e.at.slice(11, 16)}`}</time>
            </p>
            {e.changes.length > 0 && (
              <table class="diff">
                <thead>
                  <tr>
                    <th>{t('history.field')}</th>
                    <th>{t('history.before')}</th>
                    <th>{t('history.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {e.changes.slice(0, 60).map((c) => (
                    <tr>
                      <td>
                        <code>{c.field}</code>
                      </td>
                      <td class="del">{clip(c.before)}</td>
                      <td class="ins">{clip(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {e.changes.length > 60 && <p class="meta">{t('history.more', { n: e.changes.length - 60 })}</p>}
            {props.canRestore && e.restorable && e !== events[0] && (
              <ActionButton
                ui={ui}
                action={`/history/${kind}/${id}/restore`}
                name="event"
                value={String(e.id)}
                label={t('history.restore')}
              />
            )}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

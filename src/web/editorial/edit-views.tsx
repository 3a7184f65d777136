/** Back-office pieces shared by the edit pages: status and workflow buttons, history link, files. */
import type { Viewer } from '../../core/access.js';
import type { QueueSummary } from '../../domains/analysis/review.js';
import type { AttachmentMeta } from '../../domains/attachments/service.js';
import { canEdit as canEditItem } from '../../core/policy.js';
import { formatDate, formatNumber } from '../../core/i18n.js';
import { ActionButton, Csrf } from '../shell/fields.js';
import { localName } from '../../core/i18n.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import { allowedTransitions, canEdit, type Item } from '../../core/policy.js';
import type { ItemKind } from '../../domains/editorial/content-kinds.js';
import { instrumentName } from '../../domains/reference/names.js';
import type { RecentLaw } from '../../domains/legislation/service.js';

export function WorkflowBar({
  ui,
  kind,
  id,
  item,
  viewer,
}: {
  ui: Ui;
  kind: ItemKind;
  id: string;
  item: Item;
  viewer: Viewer;
}) {
  const t = ui.t;
  return (
    <div class="workflow">
      <span class={`status-badge status-${item.editorial_status}`}>
        {t(`editorial.${item.editorial_status}`)}
      </span>{' '}
      <span class="status-badge">{t(`tier.${item.tier}`)}</span>{' '}
      {allowedTransitions(viewer, item).map((to) => (
        <ActionButton
          ui={ui}
          action={`/edit/${kind}/${id}/transition`}
          name="to"
          value={to}
          label={t(`workflow.to.${to}`)}
        />
      ))}{' '}
      <a href={`/history/${kind}/${id}`}>{t('history.title')}</a>
    </div>
  );
}

export function AttachmentsEditor({
  ui,
  kind,
  id,
  items,
}: {
  ui: Ui;
  kind: ItemKind;
  id: string;
  items: AttachmentMeta[];
}) {
  const t = ui.t;
  return (
    <section class="attachments">
      <h2>{t('attachments.title')}</h2>
      <ul>
        {items.map((a) => (
          <li>
            <a href={`/api/v1/attachments/${a.id}/download`}>{a.filename}</a>{' '}
            <span class="meta">{a.media_type}</span>{' '}
            <ActionButton
              ui={ui}
              action={`/edit/${kind}/${id}/attachments/${a.id}/delete`}
              label={t('attachments.delete')}
              danger
            />
          </li>
        ))}
      </ul>
      <form
        method="post"
        action={`/edit/${kind}/${id}/attachments`}
        enctype="multipart/form-data"
        class="inline"
      >
        <Csrf ui={ui} />
        <label>
          {t('attachments.add')} <input type="file" name="file" required />
        </label>{' '}
        <button type="submit">{t('attachments.upload')}</button>
      </form>
    </section>
  );
}

/** On a public page: for those who may change the item, its status and links to edit it and to its history. */
export function EditorLinks({ ui, kind, id, item }: { ui: Ui; kind: ItemKind; id: string; item: Item }) {
  if (['anonymous', 'reader', 'practitioner'].includes(ui.viewer.role)) return null;
  const t = ui.t;
  return (
    <p class="editor-links">
      {item.editorial_status !== 'published' && (
        <span class={`status-badge status-${item.editorial_status}`}>
          {t(`editorial.${item.editorial_status}`)}
        </span>
      )}{' '}
      {item.tier !== 'public' && <span class="status-badge">{t(`tier.${item.tier}`)}</span>}{' '}
      {canEdit(ui.viewer, item) && <a href={`/edit/${kind}/${id}`}>{t('edit.edit')}</a>}{' '}
      <a href={`/history/${kind}/${id}`}>{t('history.title')}</a>
    </p>
  );
}

type Listed = {
  kind: ItemKind;
  id: string;
  title: string;
  country: string | null;
  editorial_status: string;
  tier: string;
  href: string;
};

/** The laws most recently changed, of every status the viewer may see, with links to edit and read them. */
function RecentLaws({ ui, laws }: { ui: Ui; laws: RecentLaw[] }) {
  const t = ui.t;
  return (
    <section id="recent-laws">
      <h2>{t('edit.recent_laws')}</h2>
      {laws.length === 0 ? (
        <p class="meta">{t('list.empty')}</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{t('edit.item_title')}</th>
              <th scope="col">{t('filter.country')}</th>
              <th scope="col">{t('history.status')}</th>
              <th scope="col">{t('editwork.tier')}</th>
              <th scope="col">{t('edit.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {laws.map((w) => (
              <tr id={`law-${w.id}`}>
                <th scope="row">
                  {canEditItem(ui.viewer, {
                    tier: w.tier,
                    editorial_status: w.editorial_status,
                    country: w.country,
                  }) ? (
                    <a href={`/edit/work/${w.id}`}>{localName(w.title, ui.lang).text || w.id}</a>
                  ) : (
                    localName(w.title, ui.lang).text || w.id
                  )}{' '}
                  <a href={w.uri} class="meta">
                    {t('edit.view')}
                  </a>
                </th>
                <td>{localName(w.country_names, ui.lang).text}</td>
                <td>
                  <span class={`status-badge status-${w.editorial_status}`}>
                    {t(`editorial.${w.editorial_status}`)}
                  </span>
                </td>
                <td>{t(`tier.${w.tier}`)}</td>
                <td>{formatDate(w.updated_at, ui)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The review queues: each country against each instrument, with how far the review has come. */
function ReviewQueues({ ui, queues }: { ui: Ui; queues: QueueSummary[] }) {
  const t = ui.t;
  return (
    <section id="review-queues">
      <h2>{t('edit.review_queues')}</h2>
      {ui.viewer.role !== 'contributor' && (
        <p class="meta">
          <a href="/suggester">{t('suggester.title')}</a>
        </p>
      )}
      {queues.length === 0 ? (
        <p class="meta">{t('list.empty')}</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{t('filter.country')}</th>
              <th scope="col">{t('edit.instrument')}</th>
              <th scope="col" class="n">
                {t('edit.q_laws')}
              </th>
              <th scope="col" class="n">
                {t('edit.q_mapped')}
              </th>
              <th scope="col">{t('edit.q_status')}</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr id={`queue-${q.country}-${q.instrument}`}>
                <th scope="row">
                  <a href={`/review/${q.country}/${q.instrument}`}>{localName(q.names, ui.lang).text}</a>
                </th>
                <td>{instrumentName(ui.lang, q.instrument, q.instrument_name)}</td>
                <td class="n">{formatNumber(q.laws, ui)}</td>
                <td class="n">{formatNumber(q.mapped, ui)}</td>
                <td>{t(`edit.review_status.${q.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function DashboardPage({
  ui,
  items,
  laws = [],
  queues = [],
}: {
  ui: Ui;
  items: Listed[];
  laws?: RecentLaw[];
  queues?: QueueSummary[];
}) {
  const t = ui.t;
  const groups = ['draft', 'in_review', 'unpublished'] as const;
  return (
    <Layout ui={ui} title={t('edit.title')}>
      <h1>{t('edit.title')}</h1>
      <p class="chips">
        <a href="/edit/work/new">{t('edit.new_work')}</a>
        <a href="/edit/import">{t('import.title')}</a>
        <a href="/edit/laws/import">{t('sheet.laws_title')}</a>
        <a href="/edit/case/new">{t('edit.new_case')}</a>
        <a href="/edit/document/new">{t('edit.new_document')}</a>
        <a href="#recent-laws">{t('edit.recent_laws')}</a>
        <a href="#review-queues">{t('edit.review_queues')}</a>
      </p>
      {groups.map((status) => (
        <section>
          <h2>{t(`editorial.${status}`)}</h2>
          {items.filter((i) => i.editorial_status === status).length === 0 && (
            <p class="meta">{t('list.empty')}</p>
          )}
          <ul class="results">
            {items
              .filter((i) => i.editorial_status === status)
              .map((i) => (
                <li>
                  <span class="kind">{t(`kind.${i.kind}`)}</span>{' '}
                  <a href={`/edit/${i.kind}/${i.id}`}>{i.title}</a>{' '}
                  <span class="meta">
                    {i.country ?? ''} · {t(`tier.${i.tier}`)}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
      <RecentLaws ui={ui} laws={laws} />
      <ReviewQueues ui={ui} queues={queues} />
    </Layout>
  );
}

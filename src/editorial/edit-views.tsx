/** Back-office pieces shared by the edit pages: status and workflow buttons, history link, files. */
import type { Viewer } from '../accounts/access.js';
import type { AttachmentMeta } from '../attachments/service.js';
import { ActionButton, Csrf } from '../web/forms.js';
import { Layout } from '../web/layout.js';
import type { Ui } from '../web/ui.js';
import { allowedTransitions, canEdit, type Item } from './policy.js';
import type { ItemKind } from './workflow.js';

export function WorkflowBar({ ui, kind, id, item, viewer }: { ui: Ui; kind: ItemKind; id: string; item: Item; viewer: Viewer }) {
  const t = ui.t;
  return (
    <div class="workflow">
      <span class={`status-badge status-${item.editorial_status}`}>{t(`editorial.${item.editorial_status}`)}</span> <span class="status-badge">{t(`tier.${item.tier}`)}</span>{' '}
      {allowedTransitions(viewer, item).map((to) => (
        <ActionButton ui={ui} action={`/edit/${kind}/${id}/transition`} name="to" value={to} label={t(`workflow.to.${to}`)} />
      ))}{' '}
      <a href={`/history/${kind}/${id}`}>{t('history.title')}</a>
    </div>
  );
}

export function AttachmentsEditor({ ui, kind, id, items }: { ui: Ui; kind: ItemKind; id: string; items: AttachmentMeta[] }) {
  const t = ui.t;
  return (
    <section class="attachments">
      <h2>{t('attachments.title')}</h2>
      <ul>
        {items.map((a) => (
          <li>
            <a href={`/api/v1/attachments/${a.id}/download`}>{a.filename}</a> <span class="meta">{a.media_type}</span>{' '}
            <ActionButton ui={ui} action={`/edit/${kind}/${id}/attachments/${a.id}/delete`} label={t('attachments.delete')} danger />
          </li>
        ))}
      </ul>
      <form method="post" action={`/edit/${kind}/${id}/attachments`} enctype="multipart/form-data" class="inline">
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
  if (ui.viewer.role === 'anonymous' || ui.viewer.role === 'reader') return null;
  const t = ui.t;
  return (
    <p class="editor-links">
      {item.editorial_status !== 'published' && <span class={`status-badge status-${item.editorial_status}`}>{t(`editorial.${item.editorial_status}`)}</span>}{' '}
      {item.tier !== 'public' && <span class="status-badge">{t(`tier.${item.tier}`)}</span>}{' '}
      {canEdit(ui.viewer, item) && <a href={`/edit/${kind}/${id}`}>{t('edit.edit')}</a>} <a href={`/history/${kind}/${id}`}>{t('history.title')}</a>
    </p>
  );
}

type Listed = { kind: ItemKind; id: string; title: string; country: string | null; editorial_status: string; tier: string; href: string };

export function DashboardPage({ ui, items }: { ui: Ui; items: Listed[] }) {
  const t = ui.t;
  const groups = ['draft', 'in_review', 'unpublished'] as const;
  return (
    <Layout ui={ui} title={t('edit.title')}>
      <h1>{t('edit.title')}</h1>
      <p class="chips">
        <a href="/edit/work/new">{t('edit.new_work')}</a>
        <a href="/edit/import">{t('import.title')}</a>
        <a href="/edit/case/new">{t('edit.new_case')}</a>
        <a href="/edit/document/new">{t('edit.new_document')}</a>
      </p>
      {groups.map((status) => (
        <section>
          <h2>{t(`editorial.${status}`)}</h2>
          {items.filter((i) => i.editorial_status === status).length === 0 && <p class="meta">{t('list.empty')}</p>}
          <ul class="results">
            {items
              .filter((i) => i.editorial_status === status)
              .map((i) => (
                <li>
                  <span class="kind">{t(`kind.${i.kind}`)}</span> <a href={`/edit/${i.kind}/${i.id}`}>{i.title}</a>{' '}
                  <span class="meta">
                    {i.country ?? ''} · {t(`tier.${i.tier}`)}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

/** Pages: the document list by type, and one document. */
import type { AttachmentMeta } from '../../domains/attachments/service.js';
import { Attachments } from '../attachments/views.js';
import { EditorLinks } from '../editorial/edit-views.js';
import { countryHref, Facts, InLang, Pager, Paragraphs } from '../shell/components.js';
import { formatDate } from '../../core/i18n.js';
import { isHttpUrl } from '../../core/codes.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { DocumentListQuery, DocumentRecord } from '../../domains/documents/service.js';

const TYPES = [
  'lesson_learned',
  'good_practice',
  'strategy',
  'bibliography',
  'training_material',
  'policy',
  'report',
];

export function DocumentsPage({
  ui,
  result,
  filters,
}: {
  ui: Ui;
  result: { items: DocumentRecord[]; next_cursor: string | null };
  filters: DocumentListQuery;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('documents.title')}>
      <h1>{t('documents.title')}</h1>
      <p class="chips">
        <a href="/documents" aria-current={!filters.type ? 'true' : undefined}>
          {t('filter.all')}
        </a>
        {TYPES.map((type) => (
          <a href={`/documents?type=${type}`} aria-current={filters.type === type ? 'true' : undefined}>
            {t(`document.type.${type}`)}
          </a>
        ))}
      </p>
      {result.items.length === 0 && <p>{t('list.empty')}</p>}
      <ul class="results">
        {result.items.map((d) => (
          <li>
            <a href={`/documents/${d.id}`}>
              <InLang ui={ui} code={d.language}>
                {d.title}
              </InLang>
            </a>
            <div class="meta">
              {t(`document.type.${d.type}`)} · {formatDate(d.date, ui)}
              {d.region && ` · ${d.region}`}
            </div>
          </li>
        ))}
      </ul>
      <Pager ui={ui} next={result.next_cursor} />
    </Layout>
  );
}

export function DocumentPage({
  ui,
  doc: d,
  attachments,
}: {
  ui: Ui;
  doc: DocumentRecord;
  attachments: AttachmentMeta[];
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={d.title} description={d.summary}>
      <p class="crumbs">
        <a href="/documents">{t('nav.documents')}</a> › {t(`document.type.${d.type}`)}
      </p>
      <h1>
        <InLang ui={ui} code={d.language}>
          {d.title}
        </InLang>
      </h1>
      <EditorLinks ui={ui} kind="document" id={d.id} item={d} />
      <Facts
        items={[
          [t('document.date'), formatDate(d.date, ui)],
          [t('document.country'), d.country ? <a href={countryHref(d.country)}>{d.country}</a> : null],
          [t('document.region'), d.region],
          [t('document.authors'), d.authors.join(', ')],
          [t('document.url'), d.url ? isHttpUrl(d.url) ? <a href={d.url}>{d.url}</a> : d.url : null],
        ]}
      />
      <section>
        <h2>{t('document.summary')}</h2>
        <Paragraphs text={d.summary} lang={d.language} />
      </section>
      {d.body && (
        <section>
          <h2>{t('document.body')}</h2>
          <Paragraphs text={d.body} lang={d.language} />
        </section>
      )}
      <Attachments ui={ui} items={attachments} />
    </Layout>
  );
}

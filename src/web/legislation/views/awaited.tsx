/** The page of a law whose text is still to come (listed from a focal point's sheet): its facts, and where its text may come from. */
import { Attachments } from '../../attachments/views.js';
import { EditorLinks } from '../../editorial/edit-views.js';
import type { AttachmentMeta } from '../../../domains/attachments/service.js';
import type { Country } from '../../../domains/reference/service.js';
import type { Work } from '../../../domains/legislation/service.js';
import { canEdit } from '../../../core/policy.js';
import { localName } from '../../../core/i18n.js';
import { InLang } from '../../shell/components.js';
import { Layout } from '../../shell/layout.js';
import type { Ui } from '../../shell/ui.js';
import { CountryCrumbs, WorkFacts } from './shared.js';

export function AwaitedWorkPage({
  ui,
  work,
  country,
  attachments,
}: {
  ui: Ui;
  work: Work;
  country: Country;
  attachments: AttachmentMeta[];
}) {
  const t = ui.t;
  const title = localName(work.title, ui.lang);
  return (
    <Layout ui={ui} title={title.text}>
      <CountryCrumbs ui={ui} country={country} />
      <h1>
        <InLang ui={ui} code={title.lang}>
          {title.text}
        </InLang>
      </h1>
      <EditorLinks ui={ui} kind="work" id={work.id} item={work} />
      <p class="notice" role="status">
        {t('work.text_to_come')}{' '}
        {work.source && /^https?:\/\//i.test(work.source) && (
          <a href={work.source}>{t('work.official_source')}</a>
        )}
      </p>
      {canEdit(ui.viewer, work) && <TextLinks ui={ui} work={work} />}
      <WorkFacts ui={ui} work={work} />
      <Attachments ui={ui} items={attachments} />
    </Layout>
  );
}

/** Where an editor gives a law its text: read from a file, or typed in the law editor. */
export function TextLinks({ ui, work }: { ui: Ui; work: Work }) {
  const id = encodeURIComponent(work.id);
  return (
    <p class="chips">
      <a class="button primary" href={`/edit/import?work=${id}`}>
        {ui.t('work.add_text_file')}
      </a>
      <a href={`/edit/work/new?work=${id}`}>{ui.t('work.add_text_typed')}</a>
    </p>
  );
}

/** The document editor: a new document, or an existing one with its workflow buttons and files. */
import { TIERS, tiersFor } from '../../core/access.js';
import type { AttachmentMeta } from '../../domains/attachments/service.js';
import { DefaultSave } from '../caselaw/edit-views.js';
import { AttachmentsEditor, WorkflowBar } from '../editorial/edit-views.js';
import { Csrf, Field, listValue, Message, Select, type FieldErrors } from '../shell/fields.js';
import { ConceptPicker, CountrySelect, LanguageSelect, RegionSelect } from '../shell/pickers.js';
import type { Choices } from '../editorial/form-support.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { Form } from '../caselaw/edit-form.js';
import { documentType } from '../../domains/documents/input.js';
import type { DocumentRecord } from '../../domains/documents/service.js';

type FormProps = { ui: Ui; form: Form; errors: FieldErrors; choices: Choices };

function DocumentFields({ ui, form, errors, choices }: FormProps) {
  const t = ui.t;
  return (
    <>
      <div class="grid2">
        <Select
          label={t('work.type')}
          name="type"
          value={form.type}
          options={documentType.options.map((x) => [x, t(`document.type.${x}`)])}
          errors={errors}
        />
        {/* Contributors file documents for one of their countries; others may leave the country empty. */}
        <CountrySelect
          ui={ui}
          label={t('document.country')}
          countries={choices.countries}
          value={form.country ?? ''}
          errors={errors}
          blank={ui.viewer.role === 'contributor' ? undefined : t('editdoc.no_country')}
        />
      </div>
      <Field label={t('edit.item_title')} name="title" value={form.title} errors={errors} required />
      <div class="grid2">
        <RegionSelect ui={ui} regions={choices.regions} value={form.region} errors={errors} />
        <LanguageSelect ui={ui} value={form.language ?? 'eng'} errors={errors} />
        <Field
          label={t('document.date')}
          name="date"
          type="date"
          value={form.date}
          errors={errors}
          required
        />
        <Select
          label={t('editwork.tier')}
          name="tier"
          value={form.tier ?? 'public'}
          options={TIERS.filter((x) => tiersFor(ui.viewer).includes(x)).map((x) => [x, t(`tier.${x}`)])}
          errors={errors}
        />
      </div>
      <Field
        label={t('document.authors')}
        name="authors"
        value={form.authors}
        rows={3}
        errors={errors}
        hint={t('editdoc.authors_hint')}
      />
      <Field
        label={t('document.summary')}
        name="summary"
        value={form.summary}
        rows={4}
        errors={errors}
        required
      />
      <Field label={t('document.body')} name="body" value={form.body} rows={14} errors={errors} />
      <Field label={t('document.url')} name="url" type="url" value={form.url} errors={errors} />
      <ConceptPicker
        ui={ui}
        concepts={choices.concepts}
        values={listValue(form.concepts)}
        errors={errors}
        hint={t('editwork.concepts_hint')}
      />
    </>
  );
}

export function NewDocumentPage(props: FormProps) {
  const { ui, errors } = props;
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('edit.new_document')}>
      <p class="crumbs">
        <a href="/edit">{t('edit.title')}</a>
      </p>
      <h1>{t('edit.new_document')}</h1>
      {Object.keys(errors).length > 0 && <Message kind="error">{t('edit.fix_errors')}</Message>}
      <form method="post" action="/edit/document/new" class="stack">
        <DefaultSave ui={ui} />
        <Csrf ui={ui} />
        <DocumentFields {...props} />
        <button type="submit" name="op" value="save" class="primary">
          {t('edit.save_draft')}
        </button>
      </form>
    </Layout>
  );
}

type EditProps = FormProps & { doc: DocumentRecord; attachments: AttachmentMeta[]; notice?: string };

export function EditDocumentPage({ doc, attachments, notice, ...props }: EditProps) {
  const { ui, errors } = props;
  const t = ui.t;
  return (
    <Layout ui={ui} title={`${t('edit.edit')}: ${doc.title}`}>
      <p class="crumbs">
        <a href="/edit">{t('edit.title')}</a> › <a href={`/documents/${doc.id}`}>{`/documents/${doc.id}`}</a>
      </p>
      <h1>{doc.title}</h1>
      <WorkflowBar ui={ui} kind="document" id={doc.id} item={doc} viewer={ui.viewer} />
      {notice && <Message kind="ok">{notice}</Message>}
      {Object.keys(errors).length > 0 && <Message kind="error">{t('edit.fix_errors')}</Message>}
      <form method="post" action={`/edit/document/${doc.id}`} class="stack">
        <DefaultSave ui={ui} />
        <Csrf ui={ui} />
        <DocumentFields {...props} />
        <button type="submit" name="op" value="save" class="primary">
          {t('edit.save')}
        </button>
      </form>
      <div id="files">
        <AttachmentsEditor ui={ui} kind="document" id={doc.id} items={attachments} />
      </div>
    </Layout>
  );
}

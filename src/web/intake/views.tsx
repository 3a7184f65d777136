/** The editors' import page: a file and what it does not say about itself. */
import { Csrf, Field, Message, Select } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import { LanguageSelect } from '../shell/pickers.js';
import type { Ui } from '../shell/ui.js';

const TYPES = ['act', 'code', 'decree', 'regulation', 'bill', 'order'];

export function UploadPage({
  ui,
  countries,
  fields,
  error,
}: {
  ui: Ui;
  countries: [string, string][];
  fields: Record<string, string>;
  error?: string;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('import.title')}>
      <p class="crumbs">
        <a href="/edit">{t('edit.title')}</a>
      </p>
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      {error && <Message kind="error">{error}</Message>}
      <form method="post" action="/edit/import" enctype="multipart/form-data" class="stack">
        <Csrf ui={ui} />
        <div class="field">
          <label for="f-file">{t('import.law_file')}</label>
          <input
            id="f-file"
            type="file"
            name="file"
            required
            accept=".xml,.akn,.pdf,.docx,.txt,.md,.png,.jpg,.jpeg,.tif,.tiff"
            aria-describedby="f-file-hint"
          />
          <small id="f-file-hint">{t('import.file_hint')}</small>
        </div>
        <Select
          label={t('import.format')}
          name="format"
          value={fields.format ?? ''}
          options={[
            ['', t('import.format_auto')],
            ['akn', 'Akoma Ntoso'],
            ['pdf', 'PDF'],
            ['docx', 'DOCX'],
            ['text', t('import.format_text')],
            ['image', t('import.format_image')],
          ]}
        />
        <fieldset>
          <legend>{t('import.metadata')}</legend>
          <p class="meta">{t('import.metadata_hint')}</p>
          <div class="grid2">
            <Select
              label={t('filter.country')}
              name="country"
              value={fields.country ?? ''}
              options={[['', '—'], ...countries]}
            />
            <LanguageSelect ui={ui} value={fields.language} blank="—" />
            <Field label={t('editwork.date')} name="date" type="date" value={fields.date} />
            <Select
              label={t('work.type')}
              name="type"
              value={fields.type ?? 'act'}
              options={TYPES.map((x) => [x, t(`work.type.${x}`)])}
            />
          </div>
          <Field label={t('editwork.expression_title')} name="title" value={fields.title} />
          <div class="grid2">
            <Field label={t('editwork.number')} name="number" value={fields.number} />
            <Field
              label={t('editwork.year')}
              name="year"
              type="number"
              value={fields.year}
              hint={t('import.year_hint')}
            />
          </div>
        </fieldset>
        <button type="submit" class="primary">
          {t('import.preview')}
        </button>
      </form>
    </Layout>
  );
}

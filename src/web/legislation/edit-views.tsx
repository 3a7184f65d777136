/** The law editor: metadata, the first expression (for a new law) and the provisions editor. */
import { TextLinks } from './views/awaited.js';
import { TIERS, tiersFor } from '../../core/access.js';
import type { AttachmentMeta } from '../../domains/attachments/service.js';
import { AttachmentsEditor, WorkflowBar } from '../editorial/edit-views.js';
import { Csrf, Field, listValue, Message, Select, type FieldErrors, type Option } from '../shell/fields.js';
import { ConceptPicker, CountrySelect, LanguageSelect, type ConceptOption } from '../shell/pickers.js';
import { TitlesField } from '../shell/titles.js';
import { Name } from '../shell/components.js';
import { localName } from '../../core/i18n.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { Form } from './edit-form.js';
import type { Row } from '../../domains/legislation/provisions-editor.js';
import type { Expression, Work } from '../../domains/legislation/service.js';
import type { WorkEvent } from '../../domains/legislation/versions.js';
import { UncertainField, UncertainLines, uncertainByRow, type Check } from './ocr-checks.js';

const TYPES = ['act', 'code', 'decree', 'regulation', 'bill', 'order'];
const STATUSES = ['in_force', 'partly_in_force', 'not_in_force', 'repealed', 'draft'];
const KINDS = ['part', 'chapter', 'section', 'article', 'subsection', 'paragraph'];

function MetaFields({
  ui,
  form,
  errors,
  concepts,
}: {
  ui: Ui;
  form: Form;
  errors: FieldErrors;
  concepts: ConceptOption[];
}) {
  const t = ui.t;
  return (
    <>
      <TitlesField ui={ui} form={form} errors={errors} />
      <Field label={t('editwork.short_title')} name="short_title" value={form.short_title} errors={errors} />
      <div class="grid2">
        <Field
          label={t('work.adopted')}
          name="date_adopted"
          type="date"
          value={form.date_adopted}
          errors={errors}
        />
        <Field
          label={t('work.in_force')}
          name="date_in_force"
          type="date"
          value={form.date_in_force}
          errors={errors}
        />
      </div>
      <Select
        label={t('work.status')}
        name="status"
        value={form.status ?? 'in_force'}
        options={STATUSES.map((s) => [s, t(`work.status.${s}`)])}
        errors={errors}
      />
      <Select
        label={t('editwork.tier')}
        name="tier"
        value={form.tier ?? 'public'}
        options={TIERS.filter((x) => tiersFor(ui.viewer).includes(x)).map((x) => [x, t(`tier.${x}`)])}
        errors={errors}
      />
      <Field label={t('work.source')} name="source" value={form.source} errors={errors} />
      <Field label={t('editwork.licence')} name="licence" value={form.licence} errors={errors} />
      <ConceptPicker
        ui={ui}
        concepts={concepts}
        values={listValue(form.concepts)}
        errors={errors}
        hint={t('editwork.concepts_hint')}
      />
    </>
  );
}

function ProvisionsEditor({
  ui,
  rows,
  errors,
  uncertain = [],
}: {
  ui: Ui;
  rows: Row[];
  errors: FieldErrors;
  /** lines a scan's OCR read with low confidence, marked under the provisions holding them */
  uncertain?: Check[];
}) {
  const t = ui.t;
  const list = rows.length
    ? rows
    : [{ eid: '', kind: 'section', number: '', heading: '', text: '', depth: 0 }];
  const { byRow: checks, elsewhere } = uncertainByRow(list, uncertain);
  return (
    <fieldset class="provisions">
      <legend>{t('editwork.provisions')}</legend>
      <p class="meta">{t('editwork.provisions_hint')}</p>
      <UncertainLines ui={ui} lines={elsewhere} id="check-elsewhere" elsewhere />
      {list.map((r, i) => (
        <div
          class={checks[i].length ? 'prov-row uncertain' : 'prov-row'}
          style={`margin-inline-start:${r.depth * 1.5}rem`}
          id={`row-${i}`}
        >
          <input type="hidden" name={`p.${i}.depth`} value={String(r.depth)} />
          <div class="line">
            <Select
              label={t('editwork.kind')}
              name={`p.${i}.kind`}
              value={r.kind}
              options={[...new Set([...KINDS, r.kind])].map((k) => [k, k])}
            />
            <Field label={t('editwork.number')} name={`p.${i}.number`} value={r.number} />
            <Field label={t('editwork.heading')} name={`p.${i}.heading`} value={r.heading} />
          </div>
          <Field label={t('editwork.text')} name={`p.${i}.text`} value={r.text} rows={3} errors={errors} />
          <UncertainLines ui={ui} lines={checks[i]} id={`check-${i}`} />
          <Field
            label="eId"
            name={`p.${i}.eid`}
            value={r.eid}
            errors={errors}
            hint={t('editwork.eid_hint')}
          />
          <div class="ops">
            {(['add', 'up', 'down', 'indent', 'outdent', 'split', 'merge', 'delete'] as const).map((op) => (
              <button
                type="submit"
                name="op"
                value={`${op}:${i}`}
                formnovalidate
                class={op === 'delete' ? 'danger' : undefined}
              >
                {t(`editwork.op.${op}`)}
              </button>
            ))}
          </div>
        </div>
      ))}
    </fieldset>
  );
}

/** `concepts`: the taxonomy for the concept picker (without it, only the codes the form holds are shown). */
export function NewWorkPage({
  ui,
  form,
  rows,
  errors,
  countries,
  concepts = [],
  warnings = [],
  uncertain = [],
}: {
  ui: Ui;
  form: Form;
  rows: Row[];
  errors: FieldErrors;
  countries: Option[];
  concepts?: ConceptOption[];
  warnings?: string[];
  uncertain?: Check[];
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('edit.new_work')}>
      <p class="crumbs">
        <a href="/edit">{t('edit.title')}</a>
      </p>
      <h1>{t('edit.new_work')}</h1>
      {Object.keys(errors).length > 0 && <Message kind="error">{t('edit.fix_errors')}</Message>}
      {warnings.length > 0 && (
        <div class="notice" role="status">
          <ul>
            {warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action="/edit/work/new" class="stack">
        <Csrf ui={ui} />
        {form.upload && <input type="hidden" name="upload" value={form.upload} />}
        <UncertainField lines={uncertain} />
        <div class="grid2">
          <CountrySelect
            ui={ui}
            countries={countries}
            value={form.country}
            errors={errors}
            blank={countries.length > 1 && !form.country ? t('form.choose') : undefined}
          />
          <Select
            label={t('work.type')}
            name="type"
            value={form.type ?? 'act'}
            options={TYPES.map((x) => [x, t(`work.type.${x}`)])}
            errors={errors}
          />
          <Field label={t('editwork.number')} name="number" value={form.number} errors={errors} required />
          <Field
            label={t('editwork.year')}
            name="year"
            type="number"
            value={form.year}
            errors={errors}
            required
          />
        </div>
        <MetaFields ui={ui} form={form} errors={errors} concepts={concepts} />
        <fieldset>
          <legend>{t('editwork.expression')}</legend>
          <div class="grid2">
            <LanguageSelect ui={ui} value={form.language ?? 'eng'} errors={errors} />
            <Field label={t('editwork.date')} name="date" type="date" value={form.date} errors={errors} />
          </div>
          <Field
            label={t('editwork.expression_title')}
            name="expression_title"
            value={form.expression_title}
            errors={errors}
          />
          <label>
            <input
              type="checkbox"
              name="authoritative"
              checked={form.authoritative !== undefined ? form.authoritative === 'on' : true}
            />{' '}
            {t('work.authoritative')}
          </label>
        </fieldset>
        <ProvisionsEditor ui={ui} rows={rows} errors={errors} uncertain={uncertain} />
        <button type="submit" name="op" value="save" class="primary">
          {t('edit.save_draft')}
        </button>
      </form>
    </Layout>
  );
}

type EditProps = {
  ui: Ui;
  work: Work;
  form: Form;
  rows: Row[];
  errors: FieldErrors;
  expressions: Expression[];
  /** none while the law's text is still to come */
  expression?: Expression;
  attachments: AttachmentMeta[];
  events: WorkEvent[];
  eventError?: string;
  notice?: string;
  concepts: ConceptOption[];
};

export function EditWorkPage({
  ui,
  work,
  form,
  rows,
  errors,
  expressions,
  expression,
  attachments,
  events,
  eventError,
  notice,
  concepts,
}: EditProps) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={`${t('edit.edit')}: ${localName(work.title, ui.lang).text || work.id}`}>
      <p class="crumbs">
        <a href="/edit">{t('edit.title')}</a> ›{' '}
        <a href={work.uri} dir="ltr">
          <bdi>{work.uri}</bdi>
        </a>
      </p>
      <h1>
        <Name ui={ui} names={work.title} />
      </h1>
      <WorkflowBar ui={ui} kind="work" id={work.id} item={work} viewer={ui.viewer} />
      {notice && <Message kind="ok">{notice}</Message>}
      {Object.keys(errors).length > 0 && <Message kind="error">{t('edit.fix_errors')}</Message>}
      <form method="post" action={`/edit/work/${work.id}/meta`} class="stack">
        <Csrf ui={ui} />
        <MetaFields ui={ui} form={form} errors={errors} concepts={concepts} />
        <button type="submit">{t('edit.save')}</button>
      </form>
      {expression ? (
        <>
          <nav class="versions">
            {t('work.versions')}:{' '}
            {expressions.map((e) => (
              <a
                href={`/edit/work/${work.id}?expression=${e.id}`}
                aria-current={e.id === expression.id ? 'page' : undefined}
              >
                {e.language}@{e.date}
              </a>
            ))}
          </nav>
          <form
            method="post"
            action={`/edit/work/${work.id}/provisions?expression=${expression.id}`}
            class="stack"
          >
            <Csrf ui={ui} />
            <ProvisionsEditor ui={ui} rows={rows} errors={errors} />
            <button type="submit" name="op" value="save" class="primary">
              {t('editwork.save_provisions')}
            </button>
          </form>
          <p class="chips">
            <a href={`/edit/work/${encodeURIComponent(work.id)}/mappings/import`}>
              {t('sheet.mappings_title')}
            </a>
          </p>
        </>
      ) : (
        <section>
          <p class="notice">{t('work.text_to_come')}</p>
          <TextLinks ui={ui} work={work} />
        </section>
      )}
      <div id="files">
        <AttachmentsEditor ui={ui} kind="work" id={work.id} items={attachments} />
      </div>
      <EventsEditor ui={ui} work={work} events={events} error={eventError} />
    </Layout>
  );
}

/** Amendments, commencements and repeals: listed with a delete button, and a form to record one. */
function EventsEditor({
  ui,
  work,
  events,
  error,
}: {
  ui: Ui;
  work: Work;
  events: WorkEvent[];
  error?: string;
}) {
  const t = ui.t;
  return (
    <section id="events">
      <h2>{t('work.timeline')}</h2>
      {error && <Message kind="error">{error}</Message>}
      <ul>
        {events.map((e) => (
          <li>
            {e.date} · {t(`work.event.${e.kind}`)} {e.amending_title && `— ${e.amending_title}`}{' '}
            {e.provisions.length > 0 && `(${e.provisions.join(', ')})`}{' '}
            <form method="post" action={`/edit/work/${work.id}/events/${e.id}/delete`} class="inline">
              <Csrf ui={ui} />
              <button type="submit" class="danger">
                {t('editwork.op.delete')}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action={`/edit/work/${work.id}/events`} class="stack">
        <Csrf ui={ui} />
        <div class="grid2">
          <Select
            label={t('editwork.event_kind')}
            name="kind"
            value="amendment"
            options={['amendment', 'commencement', 'repeal'].map((k) => [k, t(`work.event.${k}`)])}
          />
          <Field label={t('editwork.date')} name="date" type="date" required />
        </div>
        <Field label={t('editwork.amending_title')} name="amending_title" />
        <Field
          label={t('editwork.event_provisions')}
          name="provisions"
          hint={t('editwork.event_provisions_hint')}
        />
        <Field label={t('editwork.event_note')} name="note" />
        <button type="submit">{t('editwork.add_event')}</button>
      </form>
    </section>
  );
}

/** The case editor: a new case, or an existing one with its workflow buttons and files. */
import { TIERS, tiersFor } from '../../core/access.js';
import type { AttachmentMeta } from '../../domains/attachments/service.js';
import { AttachmentsEditor, WorkflowBar } from '../editorial/edit-views.js';
import { Csrf, Field, listValue, Message, Select, type FieldErrors, type Option } from '../shell/fields.js';
import { ConceptPicker, CountrySelect, LanguageSelect, type ConceptOption } from '../shell/pickers.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import { BRIEF, PARTY_KINDS, type Form, type PartyRow } from './edit-form.js';
import { courtLevel, outcome, partyRole } from '../../domains/caselaw/input.js';
import type { CaseRecord } from '../../domains/caselaw/service.js';

type FormProps = { ui: Ui; form: Form; parties: PartyRow[]; errors: FieldErrors; concepts: ConceptOption[] };

/** Pressing Enter in a field saves (the first submit button of a form is its default). */
export const DefaultSave = ({ ui }: { ui: Ui }) => (
  <button type="submit" name="op" value="save" class="skip" tabindex={-1} aria-hidden="true">
    {ui.t('edit.save')}
  </button>
);

function PartiesEditor({ ui, parties, errors }: Omit<FormProps, 'form' | 'concepts'>) {
  const t = ui.t;
  const rows = parties.length ? parties : [{ role: 'defendant', name: '', kind: 'person', charges: '' }];
  return (
    <fieldset class="parties">
      <legend>{t('case.parties')}</legend>
      <p class="meta">{t('editcase.parties_hint')}</p>
      {rows.map((r, i) => (
        <div class="prov-row party-row" id={`party-${i}`}>
          <div class="grid2">
            <Select
              label={t('editcase.party_role')}
              name={`party.${i}.role`}
              value={r.role}
              options={partyRole.options.map((x) => [x, t(`case.role.${x}`)])}
              errors={errors}
            />
            <Select
              label={t('editcase.party_kind')}
              name={`party.${i}.kind`}
              value={r.kind}
              options={PARTY_KINDS.map((x) => [x, t(`editcase.kind.${x}`)])}
              errors={errors}
            />
          </div>
          <Field label={t('editcase.party_name')} name={`party.${i}.name`} value={r.name} errors={errors} />
          <Field
            label={t('editcase.charges')}
            name={`party.${i}.charges`}
            value={r.charges}
            errors={errors}
            hint={t('editcase.comma_hint')}
          />
          <div class="ops">
            <button type="submit" name="op" value={`remove-party:${i}`} formnovalidate class="danger">
              {t('editcase.remove_party')}
            </button>
          </div>
        </div>
      ))}
      <button type="submit" name="op" value="add-party" formnovalidate>
        {t('editcase.add_party')}
      </button>
    </fieldset>
  );
}

function CaseFields({ ui, form, parties, errors, concepts }: FormProps) {
  const t = ui.t;
  return (
    <>
      <Field label={t('edit.item_title')} name="title" value={form.title} errors={errors} required />
      <div class="grid2">
        <Field label={t('case.court')} name="court" value={form.court} errors={errors} required />
        <Select
          label={t('case.court_level')}
          name="court_level"
          value={form.court_level ?? 'first_instance'}
          options={courtLevel.options.map((x) => [x, t(`case.level.${x}`)])}
          errors={errors}
        />
        <Field label={t('case.date')} name="date" type="date" value={form.date} errors={errors} required />
        <Field
          label={t('case.number')}
          name="case_number"
          value={form.case_number}
          errors={errors}
          required
        />
        <Field label={t('case.ecli')} name="ecli" value={form.ecli} errors={errors} />
        <LanguageSelect ui={ui} value={form.language ?? 'eng'} errors={errors} />
        <Select
          label={t('case.outcome')}
          name="outcome"
          value={form.outcome}
          options={outcome.options.map((x) => [x, t(`case.outcome.${x}`)])}
          errors={errors}
        />
        <Select
          label={t('editwork.tier')}
          name="tier"
          value={form.tier ?? 'public'}
          options={TIERS.filter((x) => tiersFor(ui.viewer).includes(x)).map((x) => [x, t(`tier.${x}`)])}
          errors={errors}
        />
      </div>
      <Field label={t('case.sentence')} name="sentence" value={form.sentence} rows={2} errors={errors} />
      <ConceptPicker
        ui={ui}
        concepts={concepts}
        values={listValue(form.concepts)}
        errors={errors}
        hint={t('editwork.concepts_hint')}
      />
      <Field
        label={t('case.keywords')}
        name="keywords"
        value={form.keywords}
        errors={errors}
        hint={t('editcase.comma_hint')}
      />
      <PartiesEditor ui={ui} parties={parties} errors={errors} />
      <fieldset>
        <legend>{t('editcase.brief')}</legend>
        {BRIEF.map((s) => (
          <Field
            label={t(`case.brief.${s}`)}
            name={`brief.${s}`}
            value={form[`brief.${s}`]}
            rows={s === 'facts' || s === 'reasoning' ? 6 : 3}
            errors={errors}
          />
        ))}
      </fieldset>
      <Field
        label={t('case.cites')}
        name="citations"
        value={form.citations}
        rows={4}
        errors={errors}
        hint={t('editcase.citations_hint')}
      />
    </>
  );
}

export function NewCasePage({
  ui,
  form,
  parties,
  errors,
  countries,
  concepts,
}: FormProps & { countries: Option[] }) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('edit.new_case')}>
      <p class="crumbs">
        <a href="/edit">{t('edit.title')}</a>
      </p>
      <h1>{t('edit.new_case')}</h1>
      {Object.keys(errors).length > 0 && <Message kind="error">{t('edit.fix_errors')}</Message>}
      <form method="post" action="/edit/case/new" class="stack">
        <DefaultSave ui={ui} />
        <Csrf ui={ui} />
        <CountrySelect
          ui={ui}
          countries={countries}
          value={form.country}
          errors={errors}
          blank={countries.length > 1 && !form.country ? t('form.choose') : undefined}
        />
        <CaseFields ui={ui} form={form} parties={parties} errors={errors} concepts={concepts} />
        <button type="submit" name="op" value="save" class="primary">
          {t('edit.save_draft')}
        </button>
      </form>
    </Layout>
  );
}

type EditProps = FormProps & { record: CaseRecord; attachments: AttachmentMeta[]; notice?: string };

export function EditCasePage({
  ui,
  record,
  form,
  parties,
  errors,
  attachments,
  notice,
  concepts,
}: EditProps) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={`${t('edit.edit')}: ${record.title}`}>
      <p class="crumbs">
        <a href="/edit">{t('edit.title')}</a> › <a href={`/cases/${record.id}`}>{`/cases/${record.id}`}</a>
      </p>
      <h1>{record.title}</h1>
      <p class="meta">
        {t('filter.country')}: {record.country}
      </p>
      <WorkflowBar ui={ui} kind="case" id={record.id} item={record} viewer={ui.viewer} />
      {notice && <Message kind="ok">{notice}</Message>}
      {Object.keys(errors).length > 0 && <Message kind="error">{t('edit.fix_errors')}</Message>}
      <form method="post" action={`/edit/case/${record.id}`} class="stack">
        <DefaultSave ui={ui} />
        <Csrf ui={ui} />
        <CaseFields ui={ui} form={form} parties={parties} errors={errors} concepts={concepts} />
        <button type="submit" name="op" value="save" class="primary">
          {t('edit.save')}
        </button>
      </form>
      <div id="files">
        <AttachmentsEditor ui={ui} kind="case" id={record.id} items={attachments} />
      </div>
    </Layout>
  );
}

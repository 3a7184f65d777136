/** The fields of the activity form: what, where and when, cost, concepts, partners, requests answered, participants and outreach. */
import { Field, listValue, Select, type FieldErrors, type Option } from '../shell/fields.js';
import { ConceptPicker, CountrySelect, RegionSelect, type ConceptOption } from '../shell/pickers.js';
import type { Ui } from '../shell/ui.js';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  AUDIENCES,
  CHANNELS,
  CURRENCIES,
  PARTICIPANT_ROLES,
  SEXES,
} from '../../domains/assistance/activities.js';
import { TIERS, tiersFor } from '../../core/access.js';
import type { AssistanceRequest } from '../../domains/assistance/requests.js';
import { opts, type Form } from './view-support.js';

/** What the activity form offers to choose from. */
export type ActivityChoices = {
  open: AssistanceRequest[];
  orgs: Option[];
  countries: Option[];
  regions: Option[];
  concepts: ConceptOption[];
};

type Fields = { ui: Ui; form: Form; errors: FieldErrors };

/** Partner rows on the activity form: those recorded, and two more to fill in. */
const PARTNER_ROWS = 2;
const PARTNER_ROLES = ['implementing', 'funding', 'host', 'beneficiary'] as const;

function PartnerFields({ ui, form, orgs }: { ui: Ui; form: Form; orgs: Option[] }) {
  const t = ui.t;
  const filled = Object.keys(form).filter((k) => /^partner\.\d+\.org$/.test(k) && form[k]).length;
  return (
    <fieldset class="partners">
      <legend>{t('rep.tab.partners')}</legend>
      {Array.from({ length: filled + PARTNER_ROWS }, (_, i) => (
        <div class="inline">
          <select name={`partner.${i}.org`} aria-label={`${t('rep.col.organisation')} ${i + 1}`}>
            <option value="">—</option>
            {orgs.map(([id, name]) => (
              <option value={id} selected={form[`partner.${i}.org`] === id}>
                {name}
              </option>
            ))}
          </select>{' '}
          <select name={`partner.${i}.role`} aria-label={`${t('rep.col.role')} ${i + 1}`}>
            {PARTNER_ROLES.map((r) => (
              <option value={r} selected={form[`partner.${i}.role`] === r}>
                {t(`ta.partner.${r}`)}
              </option>
            ))}
          </select>
        </div>
      ))}
    </fieldset>
  );
}

/** What the activity is and where: kind, title, countries, region, status and tier. */
function WhatAndWhereFields({ ui, form, errors, choices }: Fields & { choices: ActivityChoices }) {
  const t = ui.t;
  return (
    <>
      <Select
        label={t('ta.kind')}
        name="kind"
        value={form.kind}
        options={opts(ui, 'ta.kind', ACTIVITY_KINDS)}
        errors={errors}
      />
      <Field label={t('ta.title')} name="title" value={form.title} errors={errors} required />
      <CountrySelect
        ui={ui}
        label={t('ta.countries')}
        name="countries"
        countries={choices.countries}
        multiple
        values={listValue(form.countries)}
        errors={errors}
      />
      <RegionSelect
        ui={ui}
        regions={choices.regions}
        label={t('ta.region')}
        value={form.region}
        errors={errors}
        blank={t('ta.region_from_countries')}
      />
      <Select
        label={t('ta.status')}
        name="status"
        value={form.status ?? 'planned'}
        options={opts(ui, 'ta.act_status', ACTIVITY_STATUSES)}
      />
      <Select
        label={t('editwork.tier')}
        name="tier"
        value={form.tier ?? 'internal'}
        options={TIERS.filter((x) => tiersFor(ui.viewer).includes(x)).map((x) => [x, t(`tier.${x}`)])}
        errors={errors}
      />
    </>
  );
}

/** When and how: planned and actual dates, mode, hours and the implementer. */
function WhenAndHowFields({ ui, form, errors }: Fields) {
  const t = ui.t;
  return (
    <>
      <Field
        label={t('ta.planned_start')}
        name="planned_start"
        type="date"
        value={form.planned_start}
        errors={errors}
      />
      <Field
        label={t('ta.planned_end')}
        name="planned_end"
        type="date"
        value={form.planned_end}
        errors={errors}
      />
      <Field
        label={t('ta.actual_start')}
        name="actual_start"
        type="date"
        value={form.actual_start}
        errors={errors}
      />
      <Field
        label={t('ta.actual_end')}
        name="actual_end"
        type="date"
        value={form.actual_end}
        errors={errors}
      />
      <Select
        label={t('ta.mode')}
        name="mode"
        value={form.mode ?? 'in_person'}
        options={opts(ui, 'ta.mode', ['in_person', 'online', 'hybrid'])}
      />
      <Field
        label={t('ta.hours')}
        name="hours"
        type="number"
        value={form.hours}
        errors={errors}
        min="0"
        step="any"
      />
      <Field
        label={t('ta.implementer')}
        name="implementer"
        value={form.implementer}
        errors={errors}
        hint={t('ta.implementer_hint')}
      />
    </>
  );
}

/** The cost: amount, currency and its value in USD. */
function CostFields({ ui, form, errors }: Fields) {
  const t = ui.t;
  return (
    <fieldset>
      <legend>{t('ta.cost')}</legend>
      <div class="grid2">
        <Field
          label={t('ta.cost_amount')}
          name="cost"
          type="number"
          value={form.cost}
          errors={errors}
          min="0"
          step="any"
        />
        <Select
          label={t('fund.currency')}
          name="currency"
          value={form.currency ?? ''}
          options={[['', '—'], ...CURRENCIES.map((c): Option => [c, c])]}
          errors={errors}
        />
        <Field
          label={t('ta.cost_usd')}
          name="cost_usd"
          type="number"
          value={form.cost_usd}
          errors={errors}
          min="0"
          step="any"
          hint={t('ta.cost_usd_hint')}
        />
      </div>
    </fieldset>
  );
}

/** The open requests the activity can answer, those it answers ticked. */
function RequestsAnswered({ ui, form, open }: { ui: Ui; form: Form; open: AssistanceRequest[] }) {
  const t = ui.t;
  const chosen = (form.requests ?? '').split(',');
  if (!open.length) return null;
  return (
    <fieldset>
      <legend>{t('ta.answers_requests')}</legend>
      {open.map((r) => (
        <label class="inline">
          <input
            type="checkbox"
            name="requests"
            value={String(r.id)}
            checked={chosen.includes(String(r.id))}
          />{' '}
          #{r.id} {r.country_name} — {r.agency} ({t(`ta.req_status.${r.status}`)}){' '}
        </label>
      ))}
    </fieldset>
  );
}

/** The participants by role and sex, as a grid of counts. */
function ParticipantFields({ ui, form, errors }: Fields) {
  const t = ui.t;
  return (
    <fieldset>
      <legend>{t('ta.participants')}</legend>
      <table class="participants">
        <thead>
          <tr>
            <td />
            {SEXES.map((s) => (
              <th scope="col">{t(`ta.sex.${s}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PARTICIPANT_ROLES.map((role) => (
            <tr>
              <th scope="row">{t(`ta.role.${role}`)}</th>
              {SEXES.map((sex) => (
                <td>
                  <input
                    type="number"
                    min="0"
                    name={`p.${role}.${sex}`}
                    value={form[`p.${role}.${sex}`] ?? ''}
                    aria-label={`${t(`ta.role.${role}`)} · ${t(`ta.sex.${sex}`)}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {errors.participants && <strong class="error">{errors.participants}</strong>}
    </fieldset>
  );
}

/** The outreach: people reached per audience, and the channels. */
function OutreachFields({ ui, form }: { ui: Ui; form: Form }) {
  const t = ui.t;
  return (
    <fieldset>
      <legend>{t('ta.outreach')}</legend>
      <div class="grid2">
        {AUDIENCES.map((a) => (
          <Field label={t(`ta.aud.${a}`)} name={`aud.${a}`} type="number" value={form[`aud.${a}`]} />
        ))}
      </div>
      <p>
        {CHANNELS.map((c) => (
          <label class="inline">
            <input
              type="checkbox"
              name="channels"
              value={c}
              checked={(form.channels ?? '').split(',').includes(c)}
            />{' '}
            {t(`ta.channel.${c}`)}{' '}
          </label>
        ))}
      </p>
    </fieldset>
  );
}

export function ActivityFields({ ui, form, errors, choices }: Fields & { choices: ActivityChoices }) {
  const t = ui.t;
  const { open, orgs } = choices;
  return (
    <>
      <div class="grid2">
        <WhatAndWhereFields ui={ui} form={form} errors={errors} choices={choices} />
        <WhenAndHowFields ui={ui} form={form} errors={errors} />
      </div>
      <CostFields ui={ui} form={form} errors={errors} />
      <Field label={t('ta.audience')} name="audience" value={form.audience} errors={errors} />
      <ConceptPicker ui={ui} concepts={choices.concepts} values={listValue(form.concepts)} errors={errors} />
      <PartnerFields ui={ui} form={form} orgs={orgs} />
      <RequestsAnswered ui={ui} form={form} open={open} />
      <ParticipantFields ui={ui} form={form} errors={errors} />
      <OutreachFields ui={ui} form={form} />
    </>
  );
}

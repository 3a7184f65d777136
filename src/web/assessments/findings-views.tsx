/** An assessment's findings and recommendations (with their requests and status), and the forms to add, remove or follow them up. */
import { canRunProgramme } from '../../core/access.js';
import { ActionButton, Csrf, Field, Select } from '../shell/fields.js';
import type { Ui } from '../shell/ui.js';
import type { getAssessment } from '../../domains/assessments/service.js';
import { RECOMMENDATION_STATUSES } from '../../domains/assessments/workflow.js';

type Full = Awaited<ReturnType<typeof getAssessment>>;
type Recommendation = Full['recommendations'][number];
/** The assessment, and whether it is open to changes (planned or in progress). */
type Part = { ui: Ui; a: Full; open: boolean };

export function Findings({ ui, a, open }: Part) {
  const t = ui.t;
  const dims = a.framework_definition.definition.dimensions;
  return (
    <>
      <h2>{t('asm.findings')}</h2>
      <ul id="findings">
        {a.findings.map((f) => (
          <li>
            {f.dimension && <strong>{dims.find((d) => d.code === f.dimension)?.title}: </strong>}
            {f.text}{' '}
            {canRunProgramme(ui.viewer) && open && (
              <ActionButton
                ui={ui}
                action={`/findings/${f.id}/delete`}
                label={t('attachments.delete')}
                danger
              />
            )}
          </li>
        ))}
      </ul>
      {canRunProgramme(ui.viewer) && open && (
        <details>
          <summary>{t('asm.add_finding')}</summary>
          <form method="post" action={`/assessments/${a.id}/findings`} class="stack">
            <Csrf ui={ui} />
            <Select
              label={t('asm.dimension')}
              name="dimension"
              options={[['', t('asm.overall')], ...dims.map((d): [string, string] => [d.code, d.title])]}
            />
            <Field label={t('asm.finding')} name="text" rows={2} required />
            <button type="submit">{t('asm.add_finding')}</button>
          </form>
        </details>
      )}
    </>
  );
}

/** A recommendation: its priority and status, its request (or the button to make one), and the forms on it. */
function RecommendationItem({ ui, r, open }: { ui: Ui; r: Recommendation; open: boolean }) {
  const t = ui.t;
  return (
    <li id={`rec-${r.id}`}>
      {r.text} ({t(`ta.priority.${r.priority}`)}
      {r.institution ? `, ${r.institution}` : ''}) · {t(`asm.rec_status.${r.status}`)}{' '}
      {r.request_id ? (
        <a href={`/assistance/requests/${r.request_id}`}>
          {t('asm.request', { id: r.request_id, status: t(`ta.req_status.${r.request_status}`) })}
        </a>
      ) : (
        canRunProgramme(ui.viewer) && (
          <ActionButton ui={ui} action={`/recommendations/${r.id}/request`} label={t('asm.to_request')} />
        )
      )}
      {canRunProgramme(ui.viewer) && (
        <form method="post" action={`/recommendations/${r.id}/status`} class="inline">
          <Csrf ui={ui} />
          <select name="status" aria-label={t('asm.rec_status_label')}>
            {RECOMMENDATION_STATUSES.map((s) => (
              <option value={s} selected={s === r.status}>
                {t(`asm.rec_status.${s}`)}
              </option>
            ))}
          </select>{' '}
          <button type="submit">{t('asm.set_status')}</button>
        </form>
      )}
      {canRunProgramme(ui.viewer) && open && !r.request_id && (
        <ActionButton
          ui={ui}
          action={`/recommendations/${r.id}/delete`}
          label={t('attachments.delete')}
          danger
        />
      )}
    </li>
  );
}

export function Recommendations({ ui, a, open }: Part) {
  const t = ui.t;
  const dims = a.framework_definition.definition.dimensions;
  return (
    <>
      <h2>{t('asm.recommendations')}</h2>
      <ul id="recommendations">
        {a.recommendations.map((r) => (
          <RecommendationItem ui={ui} r={r} open={open} />
        ))}
      </ul>
      {canRunProgramme(ui.viewer) && open && (
        <details>
          <summary>{t('asm.add_recommendation')}</summary>
          <form method="post" action={`/assessments/${a.id}/recommendations`} class="stack">
            <Csrf ui={ui} />
            <Select
              label={t('asm.dimension')}
              name="dimension"
              options={[['', '—'], ...dims.map((d): [string, string] => [d.code, d.title])]}
            />
            <Field label={t('asm.recommendation')} name="text" rows={2} required />
            <Select
              label={t('ta.priority')}
              name="priority"
              value="medium"
              options={(['high', 'medium', 'low'] as const).map((p) => [p, t(`ta.priority.${p}`)])}
            />
            <Field label={t('asm.institution')} name="institution" />
            <button type="submit">{t('asm.add_recommendation')}</button>
          </form>
        </details>
      )}
    </>
  );
}

/** Assessments: the list with a form to start one, and an assessment (status, details, files; its scores, findings and recommendations are in their own files). */
import { canRunProgramme } from '../../core/access.js';
import type { AttachmentMeta } from '../../domains/attachments/service.js';
import { UploadForm } from '../attachments/upload.js';
import { Attachments } from '../attachments/views.js';
import { ActionButton, Csrf, Field, Message, Select } from '../shell/fields.js';
import { Nav } from '../shell/nav.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { Framework } from '../../domains/assessments/frameworks.js';
import type { Assessment, getAssessment } from '../../domains/assessments/service.js';
import { ASSESSMENT_MACHINE, type AssessmentCoverage } from '../../domains/assessments/workflow.js';
import { Findings, Recommendations } from './findings-views.js';
import { DimensionScores, Scores } from './scores-views.js';

type Full = Awaited<ReturnType<typeof getAssessment>>;

export function AssessmentsPage({
  ui,
  list,
  frameworks,
  countries,
  error,
}: {
  ui: Ui;
  list: Assessment[];
  frameworks: Framework[];
  countries: [string, string][];
  error?: string;
}) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('asm.list')}>
      <h1>{t('asm.list')}</h1>
      <Nav ui={ui} />
      {error && <Message kind="error">{error}</Message>}
      <table class="list">
        <thead>
          <tr>
            <th>{t('asm.country')}</th>
            <th>{t('asm.started')}</th>
            <th>{t('asm.framework')}</th>
            <th>{t('asm.status')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr>
              <td>
                <a href={`/assessments/${a.id}`}>{a.country_name}</a> ·{' '}
                <a href={`/countries/${a.country}/progress`}>{t('asm.progress')}</a>
              </td>
              <td>{a.started}</td>
              <td>{a.framework}</td>
              <td>{t(`asm.status.${a.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!list.length && <p>{t('asm.none')}</p>}
      {canRunProgramme(ui.viewer) && (
        <form method="post" action="/assessments" class="stack">
          <h2>{t('asm.start')}</h2>
          <Csrf ui={ui} />
          <Select label={t('asm.country')} name="country" options={countries} />
          <Select
            label={t('asm.framework')}
            name="framework"
            options={frameworks
              .filter((f) => f.status === 'published')
              .map((f) => [String(f.id), `${f.title} v${f.version}`])}
          />
          <Field label={t('asm.started')} name="started" type="date" required />
          <Field label={t('asm.ended')} name="ended" type="date" />
          <Field label={t('asm.team')} name="team" hint={t('asm.team_hint')} />
          <button type="submit" class="primary">
            {t('asm.start')}
          </button>
        </form>
      )}
    </Layout>
  );
}

/** Where the assessment stands, the buttons to move it along, its summary and the form to correct its details. */
function AssessmentStatus({ ui, a }: { ui: Ui; a: Full }) {
  const t = ui.t;
  return (
    <>
      <p role="status" id="asm-status">
        {a.framework} · {t(`asm.status.${a.status}`)} · {a.team.join(', ')} ·{' '}
        <a href={`/countries/${a.country}/progress`}>{t('asm.progress')}</a>
      </p>
      {canRunProgramme(ui.viewer) &&
        ASSESSMENT_MACHINE.next(a.status as Parameters<typeof ASSESSMENT_MACHINE.next>[0]).map((to) => (
          <ActionButton
            ui={ui}
            action={`/assessments/${a.id}/status`}
            name="to"
            value={to}
            label={t(to === 'in_progress' && a.status !== 'planned' ? 'asm.to.reopen' : `asm.to.${to}`)}
          />
        ))}
      {a.summary && <p class="summary">{a.summary}</p>}
      {canRunProgramme(ui.viewer) && a.status !== 'published' && (
        <details>
          <summary>{t('asm.edit_details')}</summary>
          <form method="post" action={`/assessments/${a.id}/details`} class="stack">
            <Csrf ui={ui} />
            <Field label={t('asm.started')} name="started" type="date" value={a.started} required />
            <Field label={t('asm.ended')} name="ended" type="date" value={a.ended} />
            <Field label={t('asm.team')} name="team" value={a.team.join(', ')} hint={t('asm.team_hint')} />
            <Field label={t('asm.summary')} name="summary" value={a.summary} rows={3} />
            <button type="submit">{t('fund.save')}</button>
          </form>
        </details>
      )}
    </>
  );
}

/** The assessment's files, and while it is open the form to add one (for the whole assessment or an indicator). */
function AssessmentFiles({
  ui,
  a,
  files,
  open,
}: {
  ui: Ui;
  a: Full;
  files: Map<string, AttachmentMeta[]>;
  open: boolean;
}) {
  const t = ui.t;
  const dims = a.framework_definition.definition.dimensions;
  return (
    <>
      <Attachments ui={ui} items={files.get(String(a.id)) ?? []} />
      {canRunProgramme(ui.viewer) && open && (
        <UploadForm
          ui={ui}
          owner="assessment"
          id={a.id}
          parts={{
            label: t('asm.evidence_of'),
            options: [
              ['', t('asm.whole_assessment')],
              ...dims.flatMap((d) =>
                d.indicators.map((i): [string, string] => [i.code, `${d.title}: ${i.title}`]),
              ),
            ],
          }}
        />
      )}
    </>
  );
}

export function AssessmentPage({
  ui,
  assessment: a,
  law,
  files,
  error,
}: {
  ui: Ui;
  assessment: Full;
  law: AssessmentCoverage;
  files: Map<string, AttachmentMeta[]>;
  error?: string;
}) {
  const t = ui.t;
  const open = a.status === 'planned' || a.status === 'in_progress';
  return (
    <Layout ui={ui} title={`${t('asm.title')} — ${a.country_name}`}>
      <h1>
        {t('asm.title')} — {a.country_name} ({a.started})
      </h1>
      <Nav ui={ui} />
      {error && <Message kind="error">{error}</Message>}
      <AssessmentStatus ui={ui} a={a} />
      <DimensionScores ui={ui} a={a} />
      <AssessmentFiles ui={ui} a={a} files={files} open={open} />
      <Findings ui={ui} a={a} open={open} />
      <Recommendations ui={ui} a={a} open={open} />
      <Scores ui={ui} a={a} law={law} files={files} editable={canRunProgramme(ui.viewer) && open} />
    </Layout>
  );
}

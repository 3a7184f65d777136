/** Assessments: the list with a form to start one, and an assessment (status, scores against the rubric, findings, recommendations and their requests). */
import { canRunProgramme } from '../../core/access.js';
import type { AttachmentMeta } from '../../domains/attachments/service.js';
import { UploadForm } from '../attachments/upload.js';
import { Attachments, EvidenceFiles } from '../attachments/views.js';
import { ActionButton, Csrf, Field, Message, Select } from '../shell/forms.js';
import { Nav } from '../shell/nav.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { Framework } from '../../domains/assessments/frameworks.js';
import type { Assessment, getAssessment } from '../../domains/assessments/service.js';
import { formatDate } from '../../core/i18n.js';
import { localName } from '../../core/i18n.js';
import {
  NEXT_STATUS,
  RECOMMENDATION_STATUSES,
  type AssessmentCoverage,
  type CoverageFeed,
} from '../../domains/assessments/workflow.js';

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

/** The highest stage of the framework's rubrics (5 in the default framework). */
const maxStage = (a: Full) =>
  Math.max(
    ...a.framework_definition.definition.dimensions.flatMap((d) => d.indicators.map((i) => i.rubric.length)),
  );
/** "3 / 5", "2.5 / 5" in the UI language's digits and separators. */
const outOf = (ui: Ui, score: number | null, max: number) =>
  score === null
    ? '—'
    : ui.t('asm.score_of', { score: score.toLocaleString(ui.lang, { maximumFractionDigits: 2 }), max });

/** Which law the legal indicators' coverage comes from: the versions in force on the assessment's date, or that there was none. */
function LawInForceNote({ ui, law }: { ui: Ui; law: AssessmentCoverage }) {
  const t = ui.t;
  if (!law.feed.length) return null;
  return (
    <p class="meta" id="law-in-force">
      {law.laws.length ? (
        <>
          {t('asm.coverage_as_of', { date: formatDate(law.on, ui) })}{' '}
          {law.laws.map((l, i) => (
            <>
              {i > 0 && '; '}
              <a href={`${l.uri}/${l.language}@${l.version}`}>{localName(l.title, ui.lang).text}</a> (
              {t('asm.version_of', { date: formatDate(l.version, ui) })})
            </>
          ))}
        </>
      ) : (
        t('asm.no_law_then', { date: formatDate(law.on, ui) })
      )}
    </p>
  );
}

function FeedLine({ ui, a, f, law }: { ui: Ui; a: Full; f: CoverageFeed; law: AssessmentCoverage }) {
  const t = ui.t;
  if (!law.laws.length)
    return <p class="meta coverage-feed">{t('asm.no_law_then', { date: formatDate(law.on, ui) })}</p>;
  return (
    <p class="meta coverage-feed">
      <a href={`/coverage/${a.country}?instrument=${f.instrument}`}>
        {t('asm.coverage_feed', {
          share: f.share,
          covered: f.covered,
          partial: f.partial,
          articles: f.articles,
          instrument: f.instrument,
        })}
      </a>{' '}
      → {t('asm.suggested', { stage: f.suggested })}
    </p>
  );
}

/** The scores as a document: each indicator's stage out of the rubric's, with the stage's words, the evidence and notes. */
function ScoresDocument({
  ui,
  a,
  law,
  files,
}: {
  ui: Ui;
  a: Full;
  law: AssessmentCoverage;
  files: Map<string, AttachmentMeta[]>;
}) {
  const t = ui.t;
  const given = new Map(a.scores.map((s) => [s.indicator, s]));
  const fed = new Map(law.feed.map((f) => [f.indicator, f]));
  return (
    <div id="scores" class="scores-document">
      {a.framework_definition.definition.dimensions.map((d) => (
        <section class="dimension" id={`scores-${d.code}`}>
          <h3>
            {d.title} — {outOf(ui, a.dimensions.find((x) => x.code === d.code)?.score ?? null, maxStage(a))}
          </h3>
          <dl>
            {d.indicators.map((i) => {
              const s = given.get(i.code);
              const f = fed.get(i.code);
              return (
                <>
                  <dt id={`ind-${i.code}`}>
                    <strong>{i.title}</strong> <span class="meta">— {i.question}</span>
                  </dt>
                  <dd>
                    <p class="score">
                      {s ? (
                        <>
                          <strong>{outOf(ui, s.score, i.rubric.length)}</strong> — {i.rubric[s.score - 1]}
                        </>
                      ) : (
                        <span class="meta">{t('asm.not_scored')}</span>
                      )}
                    </p>
                    {f && <FeedLine ui={ui} a={a} f={f} law={law} />}
                    {s?.evidence && (
                      <p class="evidence">
                        <strong>{t('asm.evidence')}:</strong> {s.evidence}
                      </p>
                    )}
                    {s?.notes && (
                      <p class="notes">
                        <strong>{t('asm.notes')}:</strong> {s.notes}
                      </p>
                    )}
                    <EvidenceFiles ui={ui} items={files.get(`${a.id}:${i.code}`) ?? []} />
                  </dd>
                </>
              );
            })}
          </dl>
        </section>
      ))}
    </div>
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
  const given = new Map(a.scores.map((s) => [s.indicator, s]));
  const fed = new Map(law.feed.map((f) => [f.indicator, f]));
  const dims = a.framework_definition.definition.dimensions;
  const open = a.status === 'planned' || a.status === 'in_progress';
  const max = maxStage(a);
  return (
    <Layout ui={ui} title={`${t('asm.title')} — ${a.country_name}`}>
      <h1>
        {t('asm.title')} — {a.country_name} ({a.started})
      </h1>
      <Nav ui={ui} />
      {error && <Message kind="error">{error}</Message>}
      <p role="status" id="asm-status">
        {a.framework} · {t(`asm.status.${a.status}`)} · {a.team.join(', ')} ·{' '}
        <a href={`/countries/${a.country}/progress`}>{t('asm.progress')}</a>
      </p>
      {canRunProgramme(ui.viewer) &&
        NEXT_STATUS[a.status as keyof typeof NEXT_STATUS].map((to) => (
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
      <table class="list dimension-scores">
        <tbody>
          {a.dimensions.map((d) => (
            <tr id={`dim-${d.code}`}>
              <th scope="row">{d.title}</th>
              <td class="n">{outOf(ui, d.score, max)}</td>
              <td class="meta">{t('asm.scored', { n: d.scored, of: d.indicators })}</td>
            </tr>
          ))}
          <tr id="dim-overall">
            <th scope="row">{t('asm.overall')}</th>
            <td class="n">{outOf(ui, a.overall, max)}</td>
            <td />
          </tr>
        </tbody>
      </table>
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
      <h2>{t('asm.recommendations')}</h2>
      <ul id="recommendations">
        {a.recommendations.map((r) => (
          <li id={`rec-${r.id}`}>
            {r.text} ({t(`ta.priority.${r.priority}`)}
            {r.institution ? `, ${r.institution}` : ''}) · {t(`asm.rec_status.${r.status}`)}{' '}
            {r.request_id ? (
              <a href={`/assistance/requests/${r.request_id}`}>
                {t('asm.request', { id: r.request_id, status: t(`ta.req_status.${r.request_status}`) })}
              </a>
            ) : (
              canRunProgramme(ui.viewer) && (
                <ActionButton
                  ui={ui}
                  action={`/recommendations/${r.id}/request`}
                  label={t('asm.to_request')}
                />
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
      <h2>{t('asm.scores')}</h2>
      <LawInForceNote ui={ui} law={law} />
      {!(canRunProgramme(ui.viewer) && open) ? (
        <ScoresDocument ui={ui} a={a} law={law} files={files} />
      ) : (
        <form method="post" action={`/assessments/${a.id}/scores`} class="stack">
          <Csrf ui={ui} />
          {dims.map((d) => (
            <fieldset>
              <legend>{d.title}</legend>
              {d.indicators.map((i) => {
                const f = fed.get(i.code);
                return (
                  <div class="indicator" id={`ind-${i.code}`}>
                    <p>
                      <strong>{i.title}</strong> — {i.question}
                    </p>
                    {f && <FeedLine ui={ui} a={a} f={f} law={law} />}
                    <fieldset class="stages">
                      <legend>{t('asm.stage_of', { title: i.title })}</legend>
                      {i.rubric.map((stage, k) => (
                        <label class="stage">
                          <input
                            type="radio"
                            name={`score.${i.code}`}
                            value={String(k + 1)}
                            checked={given.get(i.code)?.score === k + 1}
                          />{' '}
                          {t('asm.score_of', { score: k + 1, max: i.rubric.length })} — {stage}
                        </label>
                      ))}
                    </fieldset>
                    <label>
                      {t('asm.evidence')} <small class="meta">{i.evidence}</small>{' '}
                      <textarea name={`evidence.${i.code}`} rows={1}>
                        {given.get(i.code)?.evidence ?? ''}
                      </textarea>
                    </label>
                    <EvidenceFiles ui={ui} items={files.get(`${a.id}:${i.code}`) ?? []} />
                    <label>
                      {t('asm.notes')}{' '}
                      <textarea name={`notes.${i.code}`} rows={1}>
                        {given.get(i.code)?.notes ?? ''}
                      </textarea>
                    </label>
                  </div>
                );
              })}
            </fieldset>
          ))}
          <button type="submit" class="primary">
            {t('asm.save_scores')}
          </button>
        </form>
      )}
    </Layout>
  );
}

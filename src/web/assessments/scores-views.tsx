/** An assessment's scores: per dimension and overall, and per indicator as a document to read or a form to fill in (with the law's coverage). */
import type { AttachmentMeta } from '../../domains/attachments/service.js';
import { EvidenceFiles } from '../attachments/views.js';
import { Csrf } from '../shell/fields.js';
import type { Ui } from '../shell/ui.js';
import type { getAssessment } from '../../domains/assessments/service.js';
import { formatDate } from '../../core/i18n.js';
import { localName } from '../../core/i18n.js';
import type { AssessmentCoverage, CoverageFeed } from '../../domains/assessments/workflow.js';

type Full = Awaited<ReturnType<typeof getAssessment>>;
type Scored = { ui: Ui; a: Full; law: AssessmentCoverage; files: Map<string, AttachmentMeta[]> };

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

/** The scores as a form: each indicator's stage picked from the rubric, with the evidence and notes. */
function ScoresForm({ ui, a, law, files }: Scored) {
  const t = ui.t;
  const given = new Map(a.scores.map((s) => [s.indicator, s]));
  const fed = new Map(law.feed.map((f) => [f.indicator, f]));
  const dims = a.framework_definition.definition.dimensions;
  return (
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
  );
}

/** The scores per indicator: a form while the assessment is open to whoever runs the programme, else a document. */
export function Scores({ ui, a, law, files, editable }: Scored & { editable: boolean }) {
  return (
    <>
      <h2>{ui.t('asm.scores')}</h2>
      <LawInForceNote ui={ui} law={law} />
      {!editable ? (
        <ScoresDocument ui={ui} a={a} law={law} files={files} />
      ) : (
        <ScoresForm ui={ui} a={a} law={law} files={files} />
      )}
    </>
  );
}

/** The score of each dimension and the overall score, out of the rubrics' highest stage. */
export function DimensionScores({ ui, a }: { ui: Ui; a: Full }) {
  const t = ui.t;
  const max = maxStage(a);
  return (
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
  );
}

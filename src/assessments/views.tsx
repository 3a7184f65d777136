/** An assessment: dimension scores, each indicator with its rubric and the stage given, and the recommendations with their requests. */
import { Csrf, Message } from '../web/forms.js';
import { Layout } from '../web/layout.js';
import type { Ui } from '../web/ui.js';
import type { getAssessment } from './service.js';

type Props = { ui: Ui; assessment: Awaited<ReturnType<typeof getAssessment>>; error?: string };

export function AssessmentPage({ ui, assessment: a, error }: Props) {
  const t = ui.t;
  const given = new Map(a.scores.map((s) => [s.indicator, s]));
  return (
    <Layout ui={ui} title={`${t('asm.title')} — ${a.country_name}`}>
      <h1>
        {t('asm.title')} — {a.country_name} ({a.started})
      </h1>
      {error && <Message kind="error">{error}</Message>}
      <p role="status">
        {a.framework} · {t(`asm.status.${a.status}`)} · {a.team.join(', ')}
      </p>
      <table class="list dimension-scores">
        <tbody>
          {a.dimensions.map((d) => (
            <tr id={`dim-${d.code}`}>
              <th scope="row">{d.title}</th>
              <td class="n">{d.score ?? '—'}</td>
              <td class="meta">{t('asm.scored', { n: d.scored, of: d.indicators })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action={`/assessments/${a.id}/scores`} class="stack">
        <Csrf ui={ui} />
        {a.framework_definition.definition.dimensions.map((d) => (
          <fieldset>
            <legend>{d.title}</legend>
            {d.indicators.map((i) => (
              <div class="indicator" id={`ind-${i.code}`}>
                <p>
                  <strong>{i.title}</strong> — {i.question}
                </p>
                {i.rubric.map((stage, k) => (
                  <label class="stage">
                    <input type="radio" name={`score.${i.code}`} value={String(k + 1)} checked={given.get(i.code)?.score === k + 1} /> {stage}
                  </label>
                ))}
                <label>
                  {t('asm.evidence')} <textarea name={`evidence.${i.code}`} rows={1}>{given.get(i.code)?.evidence ?? ''}</textarea>
                </label>
              </div>
            ))}
          </fieldset>
        ))}
        {ui.viewer.canWrite && <button type="submit" class="primary">{t('asm.save_scores')}</button>}
      </form>
      <h2>{t('asm.recommendations')}</h2>
      <ul>
        {a.recommendations.map((r) => (
          <li id={`rec-${r.id}`}>
            {r.text} ({t(`ta.priority.${r.priority}`)}) {r.request_id && <a href={`/assistance/requests/${r.request_id}`}>{t('asm.request', { id: r.request_id, status: t(`ta.req_status.${r.request_status}`) })}</a>}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

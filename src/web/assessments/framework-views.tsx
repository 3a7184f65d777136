/** Assessment frameworks: the versions, and a version with its dimensions, indicators, weights and rubrics; drafts are edited and published here. */
import { canRunProgramme } from '../../core/access.js';
import { Nav } from '../shell/nav.js';
import { ActionButton, Csrf, Message } from '../shell/fields.js';
import { Layout } from '../shell/layout.js';
import type { Ui } from '../shell/ui.js';
import type { Framework } from '../../domains/assessments/frameworks.js';

export function FrameworksPage({ ui, list }: { ui: Ui; list: Framework[] }) {
  const t = ui.t;
  return (
    <Layout ui={ui} title={t('fw.title')}>
      <h1>{t('fw.title')}</h1>
      <Nav ui={ui} />
      <ul>
        {list.map((f) => (
          <li>
            <a href={`/frameworks/${f.id}`}>
              {f.title} v{f.version}
            </a>{' '}
            — {t(`fw.status.${f.status}`)}
            {f.published_at ? ` ${f.published_at.slice(0, 10)}` : ''}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function FrameworkPage({ ui, framework: f, error }: { ui: Ui; framework: Framework; error?: string }) {
  const t = ui.t;
  const json = JSON.stringify(f.definition, null, 1);
  return (
    <Layout ui={ui} title={`${f.title} v${f.version}`}>
      <h1>
        {f.title} v{f.version}
      </h1>
      <Nav ui={ui} />
      {error && <Message kind="error">{error}</Message>}
      <p role="status">{t(`fw.status.${f.status}`)}</p>
      {f.definition.dimensions.map((d) => (
        <section id={`dim-${d.code}`}>
          <h2>{d.title}</h2>
          {d.description && <p>{d.description}</p>}
          {d.indicators.map((i) => (
            <details>
              <summary>
                {i.title} <span class="meta">({t('fw.weight', { n: i.weight })})</span>
              </summary>
              <p>{i.question}</p>
              <p class="meta">
                {t('asm.evidence')}: {i.evidence}
              </p>
              <ol>
                {i.rubric.map((stage) => (
                  <li>{stage}</li>
                ))}
              </ol>
            </details>
          ))}
        </section>
      ))}
      {canRunProgramme(ui.viewer) && (
        <>
          {f.status === 'draft' && (
            <ActionButton ui={ui} action={`/frameworks/${f.id}/publish`} label={t('fw.publish')} />
          )}
          <form
            method="post"
            action={f.status === 'draft' ? `/frameworks/${f.id}` : `/frameworks/${f.id}/versions`}
            class="stack"
          >
            <h2>{f.status === 'draft' ? t('fw.edit_draft') : t('fw.new_version')}</h2>
            <p class="meta">{t('fw.json_hint')}</p>
            <Csrf ui={ui} />
            <textarea name="definition" rows={20} class="code" aria-label={t('fw.definition')}>
              {json}
            </textarea>
            <button type="submit" class="primary">
              {f.status === 'draft' ? t('fw.save_draft') : t('fw.start_version')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

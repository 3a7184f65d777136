/** The work's timeline: its versions (each compared with the one before), amendments, commencements and repeals; and a date to read it as it stood. */
import { formatDate } from '../../../core/i18n.js';
import { languageName } from '../../../core/i18n.js';
import type { Ui } from '../../shell/ui.js';
import type { Expression, Work } from '../../../domains/legislation/service.js';
import type { TimelineEntry } from '../../../domains/legislation/versions.js';
import { eidLabel } from './shared.js';

const ref = (e: Expression) => `${e.language}@${e.date}`;

export function PointInTime({
  ui,
  work,
  current,
  at,
}: {
  ui: Ui;
  work: Work;
  current: Expression;
  at?: string;
}) {
  return (
    <form method="get" action={work.uri} class="filters inline point-in-time">
      <input type="hidden" name="language" value={current.language} />
      <label>
        {ui.t('work.as_at')} <input type="date" name="at" value={at ?? ''} required />
      </label>
      <button type="submit">{ui.t('work.as_at_go')}</button>
    </form>
  );
}

export function Timeline({
  ui,
  work,
  entries,
  current,
  labels,
}: {
  ui: Ui;
  work: Work;
  entries: TimelineEntry[];
  current: Expression;
  labels: Map<string, string>;
}) {
  const t = ui.t;
  if (entries.length < 2) return null;
  return (
    <section class="timeline" aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t('work.timeline')}</h2>
      <ol>
        {entries.map((e) => (
          <li class={`tl-${e.kind}`}>
            <time datetime={e.date}>{formatDate(e.date, ui)}</time>{' '}
            {e.expression ? (
              <>
                <a href={e.expression.uri} aria-current={e.expression.id === current.id ? 'page' : undefined}>
                  {t('work.version_of', { language: languageName(e.expression.language, ui.lang) })}
                </a>
                {e.previous && (
                  <>
                    {' · '}
                    <a href={`/works/${work.id}/compare?a=${ref(e.previous)}&b=${ref(e.expression)}`}>
                      {t('work.changes_since', { date: formatDate(e.previous.date, ui) })}
                    </a>
                  </>
                )}
              </>
            ) : (
              e.event && (
                <>
                  <strong>{t(`work.event.${e.event.kind}`)}</strong>
                  {e.event.amending_title && (
                    <>
                      {' — '}
                      {e.event.amending_uri ? (
                        <a href={e.event.amending_uri}>{e.event.amending_title}</a>
                      ) : (
                        e.event.amending_title
                      )}
                    </>
                  )}
                  {e.event.provisions.length > 0 && (
                    <>
                      {' · '}
                      {t('work.affects')}{' '}
                      {e.event.provisions.map((p, i) => (
                        <>
                          {i > 0 && ', '}
                          <a href={`#${p}`}>{labels.get(p) ?? eidLabel(ui, p)}</a>
                        </>
                      ))}
                    </>
                  )}
                  {e.event.note && <span class="meta"> — {e.event.note}</span>}
                </>
              )
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

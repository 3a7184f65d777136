/** Two versions compared (changes word by word) and expressions side by side (translations). */
import { formatDate } from '../../../core/i18n.js';
import { languageName, localName } from '../../../core/i18n.js';
import { bcp47, isRtl } from '../../../core/languages.js';
import { Layout } from '../../shell/layout.js';
import type { Ui } from '../../shell/ui.js';
import type { Expression, Work } from '../../../domains/legislation/service.js';
import type { DiffRow, ParallelRow, WordChange } from '../../../domains/legislation/versions.js';

const exprLabel = (ui: Ui, e: Expression) =>
  `${languageName(e.language, ui.lang)} · ${formatDate(e.date, ui)}${e.authoritative ? ` · ${ui.t('work.authoritative')}` : ''}`;

function Words({ parts }: { parts: WordChange[] }) {
  return (
    <>
      {parts.map((p) =>
        p.op === 'insert' ? <ins>{p.text}</ins> : p.op === 'delete' ? <del>{p.text}</del> : p.text,
      )}
    </>
  );
}

/** Choose the two expressions to compare. */
function Chooser({
  ui,
  work,
  expressions,
  a,
  b,
  view,
  all,
}: {
  ui: Ui;
  work: Work;
  expressions: Expression[];
  a: Expression;
  b: Expression;
  view: string;
  all?: boolean;
}) {
  const ref = (e: Expression) => `${e.language}@${e.date}`;
  const pick = (name: string, current: Expression) => (
    <label>
      {ui.t(`compare.${name}`)}{' '}
      <select name={name}>
        {expressions.map((e) => (
          <option value={ref(e)} selected={e.id === current.id}>
            {exprLabel(ui, e)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form method="get" action={`/works/${work.id}/compare`} class="filters inline">
      {pick('a', a)} {pick('b', b)}
      <label>
        {ui.t('compare.view')}{' '}
        <select name="view">
          {['diff', 'parallel'].map((v) => (
            <option value={v} selected={v === view}>
              {ui.t(`compare.view.${v}`)}
            </option>
          ))}
        </select>
      </label>
      {view === 'diff' && (
        <label>
          <input type="checkbox" name="all" value="1" checked={all} /> {ui.t('compare.show_unchanged')}
        </label>
      )}
      <button type="submit">{ui.t('compare.go')}</button>
    </form>
  );
}

type Common = { ui: Ui; work: Work; expressions: Expression[]; a: Expression; b: Expression };

export function DiffPage(
  props: Common & { rows: DiffRow[]; summary: Record<DiffRow['status'], number>; all: boolean },
) {
  const { ui, work, a, b, rows, summary, all } = props;
  const t = ui.t;
  const title = t('compare.diff_title', { work: a.title || localName(work.title, ui.lang).text });
  const shown = all ? rows : rows.filter((r) => r.status !== 'unchanged');
  return (
    <Layout ui={ui} title={title}>
      <p class="crumbs">
        <a href={b.uri}>{b.title}</a>
      </p>
      <h1>{title}</h1>
      <Chooser ui={ui} work={work} expressions={props.expressions} a={a} b={b} view="diff" all={all} />
      <p class="diff-summary" role="status">
        {t('compare.summary', {
          changed: summary.changed,
          added: summary.added,
          removed: summary.removed,
          unchanged: summary.unchanged,
          a: exprLabel(ui, a),
          b: exprLabel(ui, b),
        })}
      </p>
      <div class="diff" lang={bcp47(b.language)} dir={isRtl(b.language) ? 'rtl' : 'ltr'}>
        {shown.length === 0 && <p>{t('compare.no_changes')}</p>}
        {shown.map((r) => (
          <section
            class={`diff-row ${r.status}`}
            style={`margin-inline-start:${Math.min(r.depth, 4) * 1.2}rem`}
            id={r.eid}
          >
            <h3>
              <span class="badge">{t(`compare.status.${r.status}`)}</span>{' '}
              {r.status === 'removed' ? (
                <Words parts={r.label} />
              ) : (
                <a href={`${b.uri}/~${r.eid}`}>
                  <Words parts={r.label} />
                </a>
              )}
            </h3>
            <p class="text">
              <Words parts={r.text} />
            </p>
          </section>
        ))}
      </div>
    </Layout>
  );
}

export function ParallelPage(props: Common & { columns: Expression[]; rows: ParallelRow[] }) {
  const { ui, work, columns, rows } = props;
  const t = ui.t;
  const title = t('compare.parallel_title', { work: localName(work.title, ui.lang).text });
  return (
    <Layout ui={ui} title={title}>
      <p class="crumbs">
        <a href={work.uri}>{localName(work.title, ui.lang).text}</a>
      </p>
      <h1>{title}</h1>
      <Chooser ui={ui} work={work} expressions={props.expressions} a={props.a} b={props.b} view="parallel" />
      {columns.some((c) => !c.authoritative) && <p class="notice">{t('work.translation_notice')}</p>}
      <table class="parallel">
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col">
                <a href={c.uri}>{exprLabel(ui, c)}</a>
                {!c.authoritative && <small> — {t('work.translation')}</small>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr id={r.eid}>
              {r.cells.map((p, i) => (
                <td
                  lang={bcp47(columns[i].language)}
                  dir={isRtl(columns[i].language) ? 'rtl' : 'ltr'}
                  style={`padding-inline-start:${Math.min(r.depth, 4) * 0.8 + 0.4}rem`}
                >
                  {p ? (
                    <>
                      {(p.number || p.heading) && (
                        <strong>{[p.number, p.heading].filter(Boolean).join(' ')}</strong>
                      )}
                      {p.text && <p class="text">{p.text}</p>}
                    </>
                  ) : (
                    <em class="meta">{t('compare.missing')}</em>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

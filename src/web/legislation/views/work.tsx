/** The work page: metadata, versions, table of contents, every provision with permalink, mapped articles and citation. */
import { Attachments } from '../../attachments/views.js';
import { EditorLinks } from '../../editorial/edit-views.js';
import type { AttachmentMeta } from '../../../domains/attachments/service.js';
import type { Country } from '../../../domains/reference/service.js';
import { articleHref, compareHref, InLang } from '../../shell/components.js';
import { formatDate } from '../../../core/i18n.js';
import { localName } from '../../../core/i18n.js';
import { bcp47, isRtl } from '../../../core/languages.js';
import { JsonLd, Layout } from '../../shell/layout.js';
import type { Ui } from '../../shell/ui.js';
import type { WorkMapping } from '../../../domains/legislation/provisions.js';
import type { Expression, ProvisionNode, Work } from '../../../domains/legislation/service.js';
import type { TimelineEntry } from '../../../domains/legislation/versions.js';
import { Cite, PrintButton } from '../../shell/cite.js';
import { citation, CountryCrumbs, ExpressionSwitcher, legislationLd, WorkFacts } from './shared.js';
import { PointInTime, Timeline } from './timeline.js';
import { articleTitle, instrumentName } from '../../../domains/reference/names.js';

type Props = {
  ui: Ui;
  work: Work;
  country: Country;
  expression: Expression;
  expressions: Expression[];
  tree: ProvisionNode[];
  mappings: WorkMapping[];
  attachments: AttachmentMeta[];
  timeline: TimelineEntry[];
  definitions: { eid: string; term: string }[];
  at?: string;
};

const label = (p: ProvisionNode) => [p.number, p.heading].filter(Boolean).join(' ');
/** Parts, chapters and sections go in the table of contents; their subsections and paragraphs do not. */
const inToc = (p: ProvisionNode) =>
  !p.eid.includes('__') && (!!p.heading || !!p.number || p.children.length > 0);

/** Every provision's label by eId, to name the provisions an amendment affects. */
function labels(nodes: ProvisionNode[], into = new Map<string, string>()): Map<string, string> {
  for (const p of nodes) {
    into.set(p.eid, label(p) || p.eid);
    labels(p.children, into);
  }
  return into;
}

/** The contents: provisions carry their own numbers, so the list adds none. */
function Toc({ nodes }: { nodes: ProvisionNode[] }) {
  return (
    <ol class="plain">
      {nodes.map((p) => (
        <li>
          <a href={`#${p.eid}`}>{label(p) || p.eid}</a>
          {p.children.some(inToc) && <Toc nodes={p.children.filter(inToc)} />}
        </li>
      ))}
    </ol>
  );
}

function ProvisionBlock({ p, props, depth }: { p: ProvisionNode; props: Props; depth: number }) {
  const { ui, expression, mappings } = props;
  const mine = mappings.filter((m) => m.eid === p.eid);
  const Heading = depth === 0 ? 'h2' : 'h3';
  return (
    <section class={`provision depth-${Math.min(depth, 3)} kind-${p.kind}`} id={p.eid}>
      {label(p) && (
        <Heading>
          <a class="permalink" href={`${expression.uri}/~${p.eid}`} title={ui.t('provision.permalink')}>
            {label(p)}
          </a>
        </Heading>
      )}
      {p.text && <p class="text">{p.text}</p>}
      {mine.length > 0 && (
        <p class="mapped-to" lang={ui.lang}>
          {mine.map((m) => (
            <span class="mapping">
              <a
                class={`badge cov-${m.coverage}`}
                href={articleHref(m.instrument, m.article)}
                title={`${instrumentName(ui.lang, m.instrument, m.instrument_name)}: ${ui.t(`coverage.${m.coverage}`)}`}
              >
                {`${instrumentName(ui.lang, m.instrument, m.instrument_name)} ${ui.t('article.short')} ${m.article} — ${articleTitle(ui.lang, m.instrument, m.article, m.title)}`}
              </a>{' '}
              <a
                class="meta"
                href={compareHref({ article: `${m.instrument}:${m.article}` }, [props.country.iso3])}
              >
                {ui.t('compare.link')}
              </a>
            </span>
          ))}
        </p>
      )}
      {p.children.map((c) => (
        <ProvisionBlock p={c} props={props} depth={depth + 1} />
      ))}
    </section>
  );
}

export function WorkPage(props: Props) {
  const { ui, work, country, expression } = props;
  const t = ui.t;
  const title = expression.title || localName(work.title, ui.lang).text;
  return (
    <Layout ui={ui} title={title} head={<JsonLd data={legislationLd(ui, work, country, expression)} />}>
      <CountryCrumbs ui={ui} country={country} />
      <h1>
        <InLang ui={ui} code={expression.language}>
          {title}
        </InLang>
      </h1>
      <EditorLinks ui={ui} kind="work" id={work.id} item={work} />
      {!expression.authoritative && <p class="notice">{t('work.translation_notice')}</p>}
      {props.at && (
        <p class="notice" role="status">
          {t('work.in_force_on', { at: formatDate(props.at, ui), date: formatDate(expression.date, ui) })}
        </p>
      )}
      <WorkFacts ui={ui} work={work} />
      <ExpressionSwitcher ui={ui} expressions={props.expressions} current={expression} />
      {props.expressions.length > 1 && (
        <p class="chips">
          <PointInTime ui={ui} work={work} current={expression} at={props.at} />
          {props.expressions.some(
            (e) => e.date === expression.date && e.language !== expression.language,
          ) && (
            <a
              href={`/works/${work.id}/compare?a=${expression.language}@${expression.date}&b=${props.expressions.find((e) => e.date === expression.date && e.language !== expression.language)!.language}@${expression.date}&view=parallel`}
            >
              {t('work.side_by_side')}
            </a>
          )}
        </p>
      )}
      <Attachments ui={ui} items={props.attachments} />
      <Timeline
        ui={ui}
        work={work}
        entries={props.timeline}
        current={expression}
        labels={labels(props.tree)}
      />
      <Cite ui={ui} text={citation(ui, work, country, expression)} />
      <p class="chips no-print">
        <a
          href={`/api/v1/works/${work.id}/akn?language=${expression.language}&date=${expression.date}`}
          download
        >
          {t('work.download_akn')}
        </a>
        <a
          href={`/api/v1/works/${work.id}/docx?language=${expression.language}&date=${expression.date}`}
          download
        >
          {t('work.download_docx')}
        </a>
        <a href={`/api/v1/works/${work.id}`}>JSON</a> <PrintButton ui={ui} />
      </p>
      <div class="work-layout">
        <nav class="toc" aria-label={t('work.contents')}>
          <h2>{t('work.contents')}</h2>
          <Toc nodes={props.tree} />
          {props.definitions.length > 0 && (
            <details class="definitions">
              <summary>{t('work.definitions', { count: props.definitions.length })}</summary>
              <ul lang={bcp47(expression.language)}>
                {props.definitions.map((d) => (
                  <li>
                    <a href={`#${d.eid}`}>{d.term}</a>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </nav>
        <div class="body" lang={bcp47(expression.language)} dir={isRtl(expression.language) ? 'rtl' : 'ltr'}>
          {props.tree.map((p) => (
            <ProvisionBlock p={p} props={props} depth={0} />
          ))}
        </div>
      </div>
    </Layout>
  );
}

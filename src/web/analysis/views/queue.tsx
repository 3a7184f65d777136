/** The review queue: each provision with its accepted mappings and the suggestions to accept or reject in one click. */
import type { Country, Instrument } from '../../../domains/reference/service.js';
import { Csrf, Message } from '../../shell/fields.js';
import { Name } from '../../shell/components.js';
import { languageName } from '../../../core/i18n.js';
import { bcp47, isRtl } from '../../../core/languages.js';
import { Layout } from '../../shell/layout.js';
import type { Ui } from '../../shell/ui.js';
import type { QueueItem, QueueWork, Review } from '../../../domains/analysis/review.js';
import type { Evidence, Suggestion } from '../../../domains/analysis/suggest.js';

type Props = {
  ui: Ui;
  country: Country;
  instrument: string;
  instruments: Instrument[];
  articles: { number: string; title: string }[];
  works: QueueWork[];
  review: Review | null;
  counts: { provisions: number; mapped: number; strong: number };
  show: 'open' | 'all';
  error?: string;
  accepted?: number;
};

function evidenceText(ui: Ui, e: Evidence): string {
  if (e.type === 'concept') return ui.t(`review.ev.concept_${e.where}`, { label: e.label, term: e.term });
  if (e.type === 'chapter') return ui.t('review.ev.chapter', { heading: e.heading });
  if (e.type === 'definitions') return ui.t('review.ev.definitions', { terms: e.terms });
  if (e.type === 'title') return ui.t('review.ev.title', { similarity: Math.round(e.similarity * 100) });
  if (e.type === 'words') return ui.t('review.ev.words', { words: e.words.join(', ') });
  const learned = ui.t('review.ev.learned', { model: e.model, cues: e.cues.join(', ') });
  if (!e.examples.length) return learned;
  const examples = e.examples.map((x) => `${x.law} ${x.number ?? ''}${x.heading ? ` “${x.heading}”` : ''}`);
  return `${learned}; ${ui.t('review.ev.examples', { examples: examples.join('; ') })}`;
}

/** Said above a law's provisions when the suggester has no lexicon for its language. */
function SupportNotice({ ui, work }: { ui: Ui; work: QueueWork }) {
  const s = work.support;
  if (s.lexicon) return null;
  const language = languageName(work.language, ui.lang);
  return (
    <p class="notice" role="note">
      {s.learned_examples
        ? ui.t('review.no_lexicon_learned', { language, n: s.learned_examples })
        : ui.t('review.no_lexicon_none', { language })}
    </p>
  );
}

function Hidden({ values }: { values: Record<string, string> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

function SuggestionRow({
  ui,
  base,
  work,
  item,
  s,
  show,
  model,
}: {
  ui: Ui;
  base: string;
  work: string;
  item: QueueItem;
  s: Suggestion;
  show: string;
  model: number | null;
}) {
  const t = ui.t;
  // The suggestion was ranked by this version of the learned model: the decision records it.
  const values = {
    work,
    eid: item.eid,
    article: s.article,
    score: String(s.score),
    show,
    ...(model ? { model: String(model) } : {}),
  };
  return (
    <li class={`suggestion${s.strong ? ' strong' : ''}`}>
      <strong>
        {t('article.short')} {s.article}
      </strong>{' '}
      {s.title} <span class="meta">· {t('review.score', { score: Math.round(s.score * 100) })}</span>
      <ul class="evidence meta">
        {[...new Set(s.evidence.map((e) => evidenceText(ui, e)))].map((e) => (
          <li>{e}</li>
        ))}
      </ul>
      <div class="ops">
        <form method="post" action={`${base}/accept`} class="inline">
          <Csrf ui={ui} />
          <Hidden values={{ ...values, coverage: 'full' }} />
          <button type="submit" class="primary">
            {t('review.accept')}
          </button>
        </form>
        <form method="post" action={`${base}/accept`} class="inline">
          <Csrf ui={ui} />
          <Hidden values={{ ...values, coverage: 'partial' }} />
          <button type="submit">{t('review.accept_partial')}</button>
        </form>
        <form method="post" action={`${base}/reject`} class="inline">
          <Csrf ui={ui} />
          <Hidden values={values} />
          <button type="submit" class="danger">
            {t('review.reject')}
          </button>
        </form>
      </div>
    </li>
  );
}

function Item({ props, work, item }: { props: Props; work: QueueWork; item: QueueItem }) {
  const { ui, articles } = props;
  const t = ui.t;
  const base = `/review/${props.country.iso3}/${props.instrument}`;
  const top = item.suggestions[0]?.article;
  return (
    <section class="review-item" id={item.eid}>
      <h3>
        <a href={`${work.uri}/~${item.eid}`}>
          {[item.number, item.heading].filter(Boolean).join(' ') || item.eid}
        </a>
      </h3>
      <p class="text" lang={bcp47(work.language)} dir={isRtl(work.language) ? 'rtl' : 'ltr'}>
        {item.excerpt}
      </p>
      {item.accepted.length > 0 && (
        <ul class="accepted">
          {item.accepted.map((m) => (
            <li>
              <form method="post" action={`${base}/mapping/${m.id}`} class="inline">
                <Csrf ui={ui} />
                <Hidden values={{ eid: item.eid, show: props.show }} />
                <span class={`badge cov-${m.coverage}`}>
                  {t('review.mapped_to', { article: m.article })} · {t(`coverage.${m.coverage}`)}
                </span>{' '}
                <select name="coverage" aria-label={t('review.coverage')}>
                  {['full', 'partial', 'none'].map((c) => (
                    <option value={c} selected={c === m.coverage}>
                      {t(`coverage.${c}`)}
                    </option>
                  ))}
                </select>
                <button type="submit" name="op" value="change">
                  {t('review.change')}
                </button>
                <button type="submit" name="op" value="delete" class="danger">
                  {t('review.remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {item.suggestions.length > 0 ? (
        <ol class="suggestions">
          {item.suggestions.map((s) => (
            <SuggestionRow
              ui={ui}
              base={base}
              work={work.id}
              item={item}
              s={s}
              show={props.show}
              model={work.support.model_version}
            />
          ))}
        </ol>
      ) : (
        !item.accepted.length && <p class="meta">{t('review.no_suggestion')}</p>
      )}
      {item.rejected.length > 0 && (
        <p class="meta">{t('review.rejected', { articles: item.rejected.join(', ') })}</p>
      )}
      <form method="post" action={`${base}/accept`} class="inline map-other">
        <Csrf ui={ui} />
        <Hidden values={{ work: work.id, eid: item.eid, show: props.show }} />
        <label>
          {t('review.map_to')}{' '}
          <select name="article" required>
            {/* The top open suggestion is chosen; with none, the reviewer picks one. */}
            <option value="" selected={!top}>
              {t('review.choose_article')}
            </option>
            {articles
              .filter((a) => !item.accepted.some((m) => m.article === a.number))
              .map((a) => (
                <option value={a.number} selected={a.number === top}>
                  {t('article.short')} {a.number}
                  {a.title ? ` — ${a.title}` : ''}
                </option>
              ))}
          </select>
        </label>{' '}
        <select name="coverage" aria-label={t('review.coverage')}>
          {['full', 'partial'].map((c) => (
            <option value={c}>{t(`coverage.${c}`)}</option>
          ))}
        </select>{' '}
        <button type="submit">{t('review.map')}</button>
      </form>
    </section>
  );
}

export function ReviewQueuePage(props: Props) {
  const { ui, country, instrument, works, review, counts } = props;
  const t = ui.t;
  const base = `/review/${country.iso3}/${instrument}`;
  const complete = review?.status === 'complete';
  return (
    <Layout ui={ui} title={t('review.title', { instrument })}>
      <p class="crumbs">
        <a href="/edit">{t('edit.title')}</a> ›{' '}
        <a href={`/countries/${country.iso3}`}>
          <Name ui={ui} names={country.names} />
        </a>
      </p>
      <h1>
        {t('review.title', { instrument })} — <Name ui={ui} names={country.names} />
      </h1>
      <p class="chips">
        {props.instruments.map((i) => (
          <a
            href={`/review/${country.iso3}/${i.code}`}
            aria-current={i.code === instrument ? 'page' : undefined}
          >
            {i.short_name}
          </a>
        ))}
      </p>
      {props.error && <Message kind="error">{props.error}</Message>}
      {props.accepted !== undefined && (
        <Message kind="ok">{t('review.accepted_strong', { n: props.accepted })}</Message>
      )}
      <p role="status" class="counts">
        {t('review.counts', counts)}
      </p>
      {counts.strong > 0 && (
        <form method="post" action={`${base}/accept-strong`} class="inline accept-strong">
          <Csrf ui={ui} />
          <input type="hidden" name="show" value={props.show} />
          <button type="submit" class="primary">
            {t('review.accept_strong', { n: counts.strong })}
          </button>{' '}
          <span class="meta">{t('review.accept_strong_hint')}</span>
        </form>
      )}
      <form method="post" action={`${base}/status`} class="inline">
        <Csrf ui={ui} />
        <input type="hidden" name="show" value={props.show} />
        <span>
          {complete
            ? t('review.complete_by', {
                reviewer: review?.reviewer ?? '',
                date: (review?.reviewed_at ?? '').slice(0, 10),
              })
            : t('review.in_progress')}
        </span>{' '}
        <button type="submit" name="status" value={complete ? 'in_progress' : 'complete'}>
          {complete ? t('review.reopen') : t('review.mark_complete')}
        </button>
      </form>{' '}
      <a href={`/coverage/${country.iso3}?instrument=${instrument}`}>{t('review.coverage_link')}</a>
      <p class="chips">
        <a href={`${base}?show=open`} aria-current={props.show === 'open' ? 'page' : undefined}>
          {t('review.show_open')}
        </a>
        <a href={`${base}?show=all`} aria-current={props.show === 'all' ? 'page' : undefined}>
          {t('review.show_all')}
        </a>
      </p>
      {works.length === 0 && <p>{t('review.no_laws')}</p>}
      {works.map((w) => {
        const items = props.show === 'all' ? w.items : w.items.filter((i) => !i.accepted.length);
        return (
          <section class="review-work">
            <h2>
              <a href={w.uri}>{w.title}</a>
            </h2>
            <SupportNotice ui={ui} work={w} />
            {items.length === 0 && <p class="meta">{t('review.all_mapped')}</p>}
            {items.map((item) => (
              <Item props={props} work={w} item={item} />
            ))}
          </section>
        );
      })}
    </Layout>
  );
}

/** Small shared view pieces: localized text with its language marked, links, pagers, definition lists. */
import type { ComponentChildren } from 'preact';
import { languageName, localName } from '../../core/i18n.js';
import { bcp47, isRtl } from '../../core/languages.js';
import type { Ui } from './ui.js';

/** Text in a content language: marked with lang/dir, and labelled when it is not the reader's language. */
export function InLang({ ui, code, children }: { ui: Ui; code: string; children: ComponentChildren }) {
  const tag = bcp47(code);
  const foreign = tag !== ui.lang;
  return (
    <>
      <span lang={tag} dir={isRtl(code) ? 'rtl' : 'ltr'}>
        {children}
      </span>
      {foreign && <span class="lang-tag"> [{languageName(code, ui.lang)}]</span>}
    </>
  );
}

/** A multilingual name (keyed by UI or content language codes) shown in the reader's language where it exists. */
export function Name({ ui, names }: { ui: Ui; names: Record<string, string> | null | undefined }) {
  const { text, lang } = localName(names, ui.lang);
  return lang.length === 2 ? (
    text
  ) : (
    <InLang ui={ui} code={lang}>
      {text}
    </InLang>
  );
}

export const articleHref = (instrument: string, article: string) =>
  `/instruments/${instrument}/articles/${encodeURIComponent(article)}`;
export const countryHref = (iso3: string) => `/countries/${iso3}`;
/** The link to compare countries on an article (CODE:NUMBER) or a concept, optionally with chosen countries. */
export const compareHref = (subject: { article?: string; concept?: string }, countries: string[] = []) =>
  `/compare?${new URLSearchParams([...(subject.article ? [['article', subject.article]] : subject.concept ? [['concept', subject.concept]] : []), ...countries.map((c) => ['country', c])])}`;

export function Pager({ ui, next }: { ui: Ui; next: string | null }) {
  if (!next) return null;
  const params = new URLSearchParams(ui.query);
  params.set('cursor', next);
  return (
    <p class="pager">
      <a rel="next" href={`${ui.path}?${params}`}>
        {ui.t('list.next')} →
      </a>
    </p>
  );
}

/** A titled section with a list, or a sentence saying the list is empty. */
export function ListSection<T>(props: {
  title: string;
  items: T[];
  empty: string;
  item: (item: T) => ComponentChildren;
}) {
  return (
    <section>
      <h2>{props.title}</h2>
      {props.items.length ? (
        <ul>
          {props.items.map((i) => (
            <li>{props.item(i)}</li>
          ))}
        </ul>
      ) : (
        <p>{props.empty}</p>
      )}
    </section>
  );
}

export function Facts({ items }: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {items
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
    </dl>
  );
}

export function Paragraphs({ text, lang }: { text: string; lang?: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p) => (
          <p lang={lang ? bcp47(lang) : undefined} dir={lang ? (isRtl(lang) ? 'rtl' : 'ltr') : undefined}>
            {p}
          </p>
        ))}
    </>
  );
}

/** The mark of each coverage status (covered, partly covered, reserved, missing, not yet reviewed), beside its word. */
export const COVERAGE_SYMBOL: Record<string, string> = {
  covered: '●',
  partial: '◐',
  reserved: '⊘',
  missing: '○',
  not_reviewed: '·',
};

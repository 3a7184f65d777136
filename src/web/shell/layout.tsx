/** The page frame: head, header with navigation and language switcher, demo notice, footer. */
import type { ComponentChildren } from 'preact';
import { LANGUAGE_NATIVE, UI_LANGUAGES } from '../../core/i18n.js';
import { Csrf } from './fields.js';
import type { Ui } from './ui.js';

export const CSS_URL = '/assets/app.css';
export const FAVICON_URL = '/favicon.svg';
/** The one client script: copy buttons and print buttons (pages work without it). */
export const SCRIPT_URL = '/assets/copy.js';

export function JsonLd({ data }: { data: object }) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, '\\u003c') }}
    />
  );
}

function UserNav({ ui }: { ui: Ui }) {
  const t = ui.t;
  const v = ui.viewer;
  if (v.role === 'anonymous')
    return (
      <nav class="user" aria-label={t('nav.account')}>
        <a href={`/login?next=${encodeURIComponent(ui.path)}`}>{t('nav.sign_in')}</a>
      </nav>
    );
  return (
    <nav class="user" aria-label={t('nav.account')}>
      {v.role !== 'reader' && v.role !== 'practitioner' && <a href="/edit">{t('nav.edit')}</a>}
      {v.role !== 'practitioner' && <a href="/assistance">{t('nav.assistance')}</a>}
      {['editor', 'programme_officer', 'admin'].includes(v.role) && (
        <a href="/admin/audit">{t('nav.audit')}</a>
      )}
      {v.role === 'admin' && <a href="/admin/users">{t('nav.users')}</a>}
      <a href="/account">{v.name.replace(/^user:/, '')}</a>
      <form method="post" action="/logout" class="inline">
        <Csrf ui={ui} />
        <button type="submit" class="link">
          {t('nav.sign_out')}
        </button>
      </form>
    </nav>
  );
}

export function Layout(props: {
  ui: Ui;
  title: string;
  children: ComponentChildren;
  head?: ComponentChildren;
  description?: string;
}) {
  const { ui, title } = props;
  const t = ui.t;
  const sep = ui.query ? '&' : '?';
  return (
    <html lang={ui.lang} dir={ui.lang === 'ar' ? 'rtl' : 'ltr'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · cyrepo`}</title>
        {props.description && <meta name="description" content={props.description} />}
        <link rel="icon" href={FAVICON_URL} type="image/svg+xml" />
        <link rel="stylesheet" href={CSS_URL} />
        <script src={SCRIPT_URL} defer />
        <link rel="alternate" type="application/atom+xml" title="cyrepo" href="/feeds/search.atom" />
        {props.head}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site">
          <a class="brand" href="/">
            cyrepo
          </a>
          <nav aria-label={t('nav.main')}>
            <a href="/countries">{t('nav.countries')}</a>
            <a href="/instruments">{t('nav.instruments')}</a>
            <a href="/crosswalk">{t('nav.crosswalk')}</a>
            <a href="/coverage">{t('nav.coverage')}</a>
            <a href="/cooperation">{t('nav.cooperation')}</a>
            <a href="/cases">{t('nav.cases')}</a>
            <a href="/documents">{t('nav.documents')}</a>
            <a href="/concepts">{t('nav.concepts')}</a>
            <a href="/api/docs">{t('nav.api')}</a>
          </nav>
          {/* The search page has its own search form: one search landmark per page. */}
          {ui.path !== '/search' && (
            <form method="get" action="/search" role="search" class="headsearch">
              <input
                type="search"
                name="q"
                aria-label={t('search.title')}
                placeholder={t('search.placeholder')}
              />
            </form>
          )}
          <UserNav ui={ui} />
          <nav class="langs" aria-label={t('nav.language')}>
            {UI_LANGUAGES.map((l) => (
              <a
                href={`${ui.path}${ui.query}${sep}lang=${l}`}
                lang={l}
                hreflang={l}
                aria-current={l === ui.lang ? 'true' : undefined}
              >
                {LANGUAGE_NATIVE[l]}
              </a>
            ))}
          </nav>
        </header>
        <main id="main">
          {ui.demo && <p class="notice">{t('site.demo_notice')}</p>}
          {props.children}
        </main>
        <footer class="site">
          <p>
            {t('site.footer')} · <a href="/api/docs">{t('nav.api')}</a> ·{' '}
            <a href="/api/openapi.json">OpenAPI</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** The home page: what cyrepo holds, how to browse it, latest additions. */
import { InLang } from '../../shell/components.js';
import { Layout } from '../../shell/layout.js';
import type { Addition, Stats } from '../../../domains/repository/holdings.js';
import type { Ui } from '../../shell/ui.js';

export function HomePage({ ui, stats, latest }: { ui: Ui; stats: Stats; latest: Addition[] }) {
  const t = ui.t;
  const figures: [number, string, string][] = [
    [stats.countries, t('home.countries'), '/countries'],
    [stats.works, t('home.laws'), '/countries'],
    [stats.provisions, t('home.provisions'), '/instruments'],
    [stats.cases, t('home.cases'), '/cases'],
    [stats.documents, t('home.documents'), '/documents'],
    [stats.mappings, t('home.mappings'), '/instruments'],
  ];
  return (
    <Layout ui={ui} title={t('home.title')} description={t('home.lead')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <ul class="figures">
        {figures.map(([n, label, href]) => (
          <li>
            <a href={href}>
              <strong>{n.toLocaleString(ui.lang)}</strong> {label}
            </a>
          </li>
        ))}
      </ul>
      <div class="grid2">
        <section>
          <h2>{t('home.browse')}</h2>
          <ul>
            <li>
              <a href="/countries">{t('home.by_country')}</a>
            </li>
            <li>
              <a href="/instruments/ETS185">{t('home.by_budapest')}</a>
            </li>
            <li>
              <a href="/instruments/UNCC2024">{t('home.by_un')}</a>
            </li>
            <li>
              <a href="/crosswalk">{t('nav.crosswalk')}</a>
            </li>
            <li>
              <a href="/concepts">{t('nav.concepts')}</a>
            </li>
            <li>
              <a href="/compare">{t('compare.pick_title')}</a>
            </li>
          </ul>
        </section>
        <section>
          <h2>{t('home.latest')}</h2>
          <ul class="results">
            {latest.map((a) => (
              <li>
                <span class="kind">{t(`kind.${a.type}`)}</span>{' '}
                <a href={a.url}>
                  {a.language ? (
                    <InLang ui={ui} code={a.language}>
                      {a.title}
                    </InLang>
                  ) : (
                    a.title
                  )}
                </a>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Layout>
  );
}

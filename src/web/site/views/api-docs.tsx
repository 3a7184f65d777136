/** The API reference page, rendered from the OpenAPI document the routes generate. */
import { Layout } from '../../shell/layout.js';
import type { Ui } from '../../shell/ui.js';

type Param = {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string | string[]; enum?: unknown[] };
};
type Operation = {
  summary?: string;
  tags?: string[];
  parameters?: Param[];
  requestBody?: unknown;
  security?: unknown[];
};
export type OpenApiDoc = {
  info: { title: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
};

export function ApiDocsPage({ ui, doc }: { ui: Ui; doc: OpenApiDoc }) {
  const t = ui.t;
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method: method.toUpperCase(), path, op }]);
    }
  return (
    <Layout ui={ui} title={t('api.title')}>
      <h1>{t('api.title')}</h1>
      <p>{doc.info.description}</p>
      <p>{t('api.intro')}</p>
      <p>
        <a href="/api/openapi.json">OpenAPI 3.1 (JSON)</a>
      </p>
      {[...byTag.entries()].map(([tag, ops]) => (
        <section>
          <h2>{tag}</h2>
          {ops.map(({ method, path, op }) => (
            <article class="endpoint" id={`${method}-${path}`}>
              <h3>
                <code>
                  {method} {path}
                </code>
                {op.security && <span class="badge">{t('api.token')}</span>}
              </h3>
              <p>{op.summary}</p>
              {op.parameters && op.parameters.length > 0 && (
                <table>
                  <tbody>
                    {op.parameters.map((p) => (
                      <tr>
                        <td>
                          <code>{p.name}</code>
                        </td>
                        <td>{p.in}</td>
                        <td>{p.required ? t('api.required') : t('api.optional')}</td>
                        <td>{p.schema?.enum ? p.schema.enum.join(' | ') : String(p.schema?.type ?? '')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {op.requestBody ? <p class="meta">{t('api.body')}</p> : null}
            </article>
          ))}
        </section>
      ))}
    </Layout>
  );
}

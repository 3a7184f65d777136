/** The error page: status and a human message, nothing internal. */
import { Layout } from '../../shell/layout.js';
import type { Ui } from '../../shell/ui.js';

export function ErrorPage({ ui, status, message }: { ui: Ui; status: number; message: string }) {
  return (
    <Layout ui={ui} title={`${status}`}>
      <h1>{status === 404 ? ui.t('error.not_found_title') : ui.t('error.title')}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{ui.t('error.home')}</a>
      </p>
    </Layout>
  );
}

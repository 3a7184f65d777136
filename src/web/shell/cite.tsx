/** The "cite this" line of a law, provision or case, with a button that copies it (shown by /assets/copy.js; without JavaScript the text stays selectable). */
import type { Ui } from './ui.js';

export function Cite({ ui, text }: { ui: Ui; text: string }) {
  return (
    <p class="cite">
      <strong>{ui.t('provision.cite')}:</strong> <bdi class="cite-text">{text}</bdi>{' '}
      <button type="button" class="copy no-print" data-copy={text} data-copied={ui.t('cite.copied')} hidden>
        {ui.t('cite.copy')}
      </button>
    </p>
  );
}

/** A button that opens the browser's print dialog, to print or save as PDF (shown by /assets/copy.js). */
export function PrintButton({ ui }: { ui: Ui }) {
  return (
    <button type="button" class="no-print" data-print hidden>
      {ui.t('work.print')}
    </button>
  );
}

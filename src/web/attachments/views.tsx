/** The list of files attached to a work, case or document, with download links. */
import type { Ui } from '../shell/ui.js';
import type { AttachmentMeta } from '../../domains/attachments/service.js';

const size = (bytes: number, lang: string) =>
  bytes < 1024 * 1024
    ? `${Math.ceil(bytes / 1024).toLocaleString(lang)} KB`
    : `${(bytes / 1024 / 1024).toLocaleString(lang, { maximumFractionDigits: 1 })} MB`;

/** What a file is, in words: "PDF document", not application/pdf. */
const KINDS: [RegExp, string][] = [
  [/pdf$/, 'pdf'],
  [/wordprocessingml/, 'docx'],
  [/msword$/, 'doc'],
  [/spreadsheetml|ms-excel$/, 'xlsx'],
  [/xml$/, 'xml'],
  [/^text\//, 'text'],
  [/^image\//, 'image'],
];
const fileKind = (ui: Ui, mediaType: string) =>
  ui.t(`file.type.${KINDS.find(([re]) => re.test(mediaType))?.[1] ?? 'other'}`);

export function Attachments({ ui, items }: { ui: Ui; items: AttachmentMeta[] }) {
  if (!items.length) return null;
  return (
    <section class="attachments">
      <h2>{ui.t('attachments.title')}</h2>
      <ul>
        {items.map((a) => (
          <li>
            <a href={`/api/v1/attachments/${a.id}/download`} download={a.filename}>
              {a.filename}
            </a>{' '}
            <span class="meta">
              {fileKind(ui, a.media_type)} · {size(a.size, ui.lang)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Files kept as the evidence of one part of a record (an indicator of an assessment), inline. */
export function EvidenceFiles({ ui, items }: { ui: Ui; items: AttachmentMeta[] }) {
  if (!items.length) return null;
  return (
    <ul class="evidence-files">
      {items.map((a) => (
        <li>
          <a href={`/api/v1/attachments/${a.id}/download`} download={a.filename}>
            {a.filename}
          </a>{' '}
          <span class="meta">{size(a.size, ui.lang)}</span>
        </li>
      ))}
    </ul>
  );
}

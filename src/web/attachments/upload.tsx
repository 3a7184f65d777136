/** A form to attach a file to a programme record from its page (optionally to one of its parts, chosen before the file). */
import { Csrf } from '../shell/fields.js';
import type { Ui } from '../shell/ui.js';

export function UploadForm({
  ui,
  owner,
  id,
  parts,
}: {
  ui: Ui;
  owner: 'activity' | 'assessment';
  id: number;
  parts?: { label: string; options: [string, string][] };
}) {
  return (
    <form
      method="post"
      action={`/files/${owner}/${id}`}
      enctype="multipart/form-data"
      class="inline"
      id="files"
    >
      {/* First: the token is read before the file. */}
      <Csrf ui={ui} />
      {parts && (
        <label>
          {parts.label}{' '}
          <select name="indicator">
            {parts.options.map(([value, text]) => (
              <option value={value}>{text}</option>
            ))}
          </select>{' '}
        </label>
      )}
      <label>
        {ui.t('attachments.add')} <input type="file" name="file" required />
      </label>{' '}
      <button type="submit">{ui.t('attachments.upload')}</button>
    </form>
  );
}

/** A form to attach a file to a programme record from its page. */
import type { Ui } from '../web/ui.js';

export function UploadForm({ ui, owner, id }: { ui: Ui; owner: 'activity' | 'assessment'; id: number }) {
  return (
    <form method="post" action={`/files/${owner}/${id}?_csrf=${encodeURIComponent(ui.csrf)}`} enctype="multipart/form-data" class="inline" id="files">
      <label>
        {ui.t('attachments.add')} <input type="file" name="file" required />
      </label>{' '}
      <button type="submit">{ui.t('attachments.upload')}</button>
    </form>
  );
}

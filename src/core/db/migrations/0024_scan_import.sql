-- Scanned laws read by OCR in the background: an import job of kind 'scan' keeps what the editor
-- said about the law and its progress page by page (each page read is kept as it is read, so that
-- a job stopped mid-way resumes after it); images are kept for the editor's preview like other files.
ALTER TABLE import_job DROP CONSTRAINT import_job_kind_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check CHECK (kind IN ('iati', 'scan'));
ALTER TABLE import_job DROP CONSTRAINT import_job_status_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_status_check CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled'));
ALTER TABLE import_job ADD COLUMN options jsonb;
ALTER TABLE import_job ADD COLUMN created_by_user integer REFERENCES app_user (id) ON DELETE SET NULL;
ALTER TABLE import_job ADD COLUMN pages_done integer NOT NULL DEFAULT 0;
ALTER TABLE import_job ADD COLUMN pages_total integer;
COMMENT ON COLUMN import_job.kind IS 'what the file is: iati (an IATI activity or organisation file) or scan (a scanned law or judgment, read by OCR)';
COMMENT ON COLUMN import_job.file IS 'the file, until the job has run (a scan: until the law is saved from it)';
COMMENT ON COLUMN import_job.status IS 'queued, running, done, failed or cancelled (by its sender or an editor; a scan while it is read, other files while they wait)';
COMMENT ON COLUMN import_job.created_by_user IS 'the account that sent it (its sender follows and may cancel it; null: the command line, or an account since removed)';
COMMENT ON COLUMN import_job.options IS 'what the uploader said the file does not (a scan: country, language, date, title, type, number)';
COMMENT ON COLUMN import_job.pages_done IS 'pages read so far (a scan)';
COMMENT ON COLUMN import_job.pages_total IS 'pages in the file (a scan), once known';

ALTER TABLE pending_upload DROP CONSTRAINT pending_upload_format_check;
ALTER TABLE pending_upload ADD CONSTRAINT pending_upload_format_check CHECK (format IN ('akn', 'pdf', 'docx', 'text', 'image'));
COMMENT ON COLUMN pending_upload.format IS 'akn, pdf, docx, text or image (a scan)';
COMMENT ON COLUMN pending_upload.page_count IS 'pages of a PDF or a scan';

CREATE TABLE import_page (
  job_id integer NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
  page integer NOT NULL CHECK (page >= 1),
  content jsonb NOT NULL,
  PRIMARY KEY (job_id, page)
);
COMMENT ON TABLE import_page IS 'A page of a scan read by OCR, kept as soon as it is read';
COMMENT ON COLUMN import_page.job_id IS 'the import job of the scan';
COMMENT ON COLUMN import_page.page IS 'page number, from 1';
COMMENT ON COLUMN import_page.content IS 'what was read: its text, its lines with their confidence (0–100), the page''s confidence';

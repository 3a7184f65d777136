-- Law files (Akoma Ntoso, PDF, DOCX, text) imported in the background: an import job of kind 'law'
-- keeps one file, what its sender said about it, and (done) the law or case it became.
ALTER TABLE import_job DROP CONSTRAINT import_job_kind_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check CHECK (kind IN ('iati', 'scan', 'law'));
COMMENT ON COLUMN import_job.kind IS 'what the file is: iati (an IATI activity or organisation file), scan (a scanned law or judgment, read by OCR) or law (a law or judgment in Akoma Ntoso, PDF, DOCX or text)';

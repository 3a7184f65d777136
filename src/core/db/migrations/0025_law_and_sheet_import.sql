-- Law files (Akoma Ntoso, PDF, DOCX, text) imported in the background: an import job of kind 'law'
-- keeps one file, what its sender said about it, and (done) the law or case it became. Large
-- spreadsheets too: a job of kind 'sheet' keeps the rows checked in the preview, and which records
-- they are (activities, laws, mappings …).
ALTER TABLE import_job DROP CONSTRAINT import_job_kind_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check CHECK (kind IN ('iati', 'scan', 'law', 'sheet'));
COMMENT ON COLUMN import_job.kind IS 'what the file is: iati (an IATI activity or organisation file), scan (a scanned law or judgment, read by OCR), law (a law or judgment in Akoma Ntoso, PDF, DOCX or text) or sheet (the rows of a large spreadsheet)';

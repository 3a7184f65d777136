-- Long imports run as background jobs (pg-boss): the uploaded file waits here until a server
-- process takes the job (any instance), and the job's status and report stay for the imports page.
CREATE TABLE import_job (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('iati')),
  filename text NOT NULL,
  file bytea,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  report jsonb,
  error text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
COMMENT ON TABLE import_job IS 'A file imported in the background, with its status and report';
COMMENT ON COLUMN import_job.id IS 'identifier';
COMMENT ON COLUMN import_job.kind IS 'what the file is: iati (an IATI activity or organisation file)';
COMMENT ON COLUMN import_job.filename IS 'the file''s name as uploaded';
COMMENT ON COLUMN import_job.file IS 'the file, until the job has run (then cleared)';
COMMENT ON COLUMN import_job.status IS 'queued, running, done or failed';
COMMENT ON COLUMN import_job.report IS 'what the import did (counts, warnings)';
COMMENT ON COLUMN import_job.error IS 'why it failed (the file''s first problem, with its line)';
COMMENT ON COLUMN import_job.created_by IS 'who uploaded it';
COMMENT ON COLUMN import_job.created_at IS 'when it was uploaded';
COMMENT ON COLUMN import_job.started_at IS 'when a server process began it (last attempt)';
COMMENT ON COLUMN import_job.finished_at IS 'when it ended';

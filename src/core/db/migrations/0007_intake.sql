-- Intake: the definitions a law's text gives (from Akoma Ntoso <def>/<term>), and the events on a
-- work's timeline (amendments, commencements, repeals) with the provisions they affect.
CREATE TABLE definition (
  id serial PRIMARY KEY,
  expression_id integer NOT NULL REFERENCES legal_expression(id) ON DELETE CASCADE,
  eid text NOT NULL,
  term text NOT NULL,
  definition text NOT NULL,
  UNIQUE (expression_id, eid, term)
);
COMMENT ON TABLE definition IS 'A term defined by a provision of an expression';
COMMENT ON COLUMN definition.expression_id IS 'the expression (language version) whose text defines the term';
COMMENT ON COLUMN definition.eid IS 'eId of the provision that defines the term';
COMMENT ON COLUMN definition.term IS 'the term defined';
COMMENT ON COLUMN definition.definition IS 'the text of the defining provision';

CREATE TABLE work_event (
  id serial PRIMARY KEY,
  work_id text NOT NULL REFERENCES legal_work(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('amendment', 'commencement', 'repeal')),
  date date NOT NULL,
  amending_work_id text REFERENCES legal_work(id) ON DELETE SET NULL,
  amending_title text,
  provisions text[] NOT NULL DEFAULT '{}',
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL
);
CREATE INDEX work_event_work ON work_event (work_id, date);
COMMENT ON TABLE work_event IS 'An amendment, commencement or repeal on the timeline of a work';
COMMENT ON COLUMN work_event.work_id IS 'the work affected';
COMMENT ON COLUMN work_event.kind IS 'amendment, commencement or repeal';
COMMENT ON COLUMN work_event.date IS 'date the event takes effect';
COMMENT ON COLUMN work_event.amending_work_id IS 'the amending (or commencing) work when it is in the repository';
COMMENT ON COLUMN work_event.amending_title IS 'title or citation of the amending instrument, when it is not in the repository';
COMMENT ON COLUMN work_event.provisions IS 'eIds of the provisions affected (empty: the whole work)';
COMMENT ON COLUMN work_event.note IS 'what changed, in a sentence';
COMMENT ON COLUMN work_event.created_at IS 'when it was recorded';
COMMENT ON COLUMN work_event.created_by IS 'who recorded it';

-- A file uploaded for import while the editor checks the proposed provisions; attached to the
-- work when it is saved, and removed then (or after a day).
CREATE TABLE pending_upload (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_name text NOT NULL,
  filename text NOT NULL,
  format text NOT NULL CHECK (format IN ('akn', 'pdf', 'docx', 'text')),
  bytes bytea NOT NULL,
  extracted_text text,
  page_count integer,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE pending_upload IS 'A file uploaded for import, kept until the editor saves the previewed law';
COMMENT ON COLUMN pending_upload.user_name IS 'who uploaded it (only they can use it)';
COMMENT ON COLUMN pending_upload.filename IS 'name of the uploaded file';
COMMENT ON COLUMN pending_upload.format IS 'akn, pdf, docx or text';
COMMENT ON COLUMN pending_upload.bytes IS 'the file';
COMMENT ON COLUMN pending_upload.extracted_text IS 'its text (PDF, DOCX, text)';
COMMENT ON COLUMN pending_upload.page_count IS 'pages of a PDF';
COMMENT ON COLUMN pending_upload.created_at IS 'when it was uploaded';

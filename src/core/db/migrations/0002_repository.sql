-- The repository: legal works, expressions and provisions; cases; documents; attachments;
-- provision ↔ article mappings; API tokens and the append-only audit log.

CREATE TABLE legal_work (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]+$'),
  country text NOT NULL REFERENCES country(iso3),
  type text NOT NULL CHECK (type IN ('act', 'code', 'decree', 'regulation', 'bill', 'order')),
  number text NOT NULL,
  year integer NOT NULL,
  uri text NOT NULL UNIQUE,
  title jsonb NOT NULL,
  short_title text,
  date_adopted date,
  date_published date,
  date_in_force date,
  date_repealed date,
  status text NOT NULL CHECK (status IN ('in_force', 'partly_in_force', 'not_in_force', 'repealed', 'draft')),
  source text,
  licence text,
  concepts text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX legal_work_country ON legal_work(country, year DESC);
CREATE INDEX legal_work_created ON legal_work(created_at DESC);
COMMENT ON TABLE legal_work IS 'A legal work: act, code, decree, regulation or bill (FRBR work)';
COMMENT ON COLUMN legal_work.id IS 'readable stable id, e.g. ke-act-2018-5';
COMMENT ON COLUMN legal_work.country IS 'enacting country (ISO alpha-3)';
COMMENT ON COLUMN legal_work.type IS 'act, code, decree, regulation, bill or order';
COMMENT ON COLUMN legal_work.number IS 'number of the work within its year and type';
COMMENT ON COLUMN legal_work.year IS 'year of the work';
COMMENT ON COLUMN legal_work.uri IS 'Akoma Ntoso FRBR work URI, /akn/{country}/{type}/{year}/{number}';
COMMENT ON COLUMN legal_work.title IS 'title per language code (eng, spa, …)';
COMMENT ON COLUMN legal_work.short_title IS 'short title or common name';
COMMENT ON COLUMN legal_work.date_adopted IS 'date of adoption or assent';
COMMENT ON COLUMN legal_work.date_published IS 'date of publication in the official gazette';
COMMENT ON COLUMN legal_work.date_in_force IS 'date of commencement';
COMMENT ON COLUMN legal_work.date_repealed IS 'date of repeal';
COMMENT ON COLUMN legal_work.status IS 'in_force, partly_in_force, not_in_force, repealed or draft';
COMMENT ON COLUMN legal_work.source IS 'where the text comes from (gazette, publisher, URL)';
COMMENT ON COLUMN legal_work.licence IS 'licence or copyright status of the text';
COMMENT ON COLUMN legal_work.concepts IS 'concept codes the work deals with';
COMMENT ON COLUMN legal_work.created_by IS 'actor that created the row';
COMMENT ON COLUMN legal_work.updated_by IS 'actor that last changed the row';

CREATE TABLE legal_expression (
  id serial PRIMARY KEY,
  work_id text NOT NULL REFERENCES legal_work(id) ON DELETE CASCADE,
  language text NOT NULL CHECK (language ~ '^[a-z]{3}$'),
  date date NOT NULL,
  authoritative boolean NOT NULL,
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  UNIQUE (work_id, language, date)
);
COMMENT ON TABLE legal_expression IS 'One language version of a work at one point in time (FRBR expression)';
COMMENT ON COLUMN legal_expression.language IS 'ISO 639-2/T language code, e.g. eng, spa';
COMMENT ON COLUMN legal_expression.date IS 'point in time of the text (date of the version)';
COMMENT ON COLUMN legal_expression.authoritative IS 'true for an official text, false for a translation';
COMMENT ON COLUMN legal_expression.title IS 'title in the language of the expression';
COMMENT ON COLUMN legal_expression.created_by IS 'actor that created the row';

CREATE TABLE provision (
  id bigserial PRIMARY KEY,
  expression_id integer NOT NULL REFERENCES legal_expression(id) ON DELETE CASCADE,
  eid text NOT NULL,
  parent_id bigint REFERENCES provision(id) ON DELETE CASCADE,
  position integer NOT NULL,
  kind text NOT NULL DEFAULT 'section',
  number text,
  heading text,
  text text NOT NULL DEFAULT '',
  UNIQUE (expression_id, eid)
);
CREATE INDEX provision_parent ON provision(parent_id);
CREATE INDEX provision_order ON provision(expression_id, position);
COMMENT ON TABLE provision IS 'An article, section, subsection or grouping (part, chapter) of an expression';
COMMENT ON COLUMN provision.eid IS 'Akoma Ntoso eId, stable across expressions of a work, e.g. sec_14__subsec_2';
COMMENT ON COLUMN provision.parent_id IS 'enclosing provision (chapter, section) or null at top level';
COMMENT ON COLUMN provision.position IS 'document order within the expression';
COMMENT ON COLUMN provision.kind IS 'part, chapter, section, article, subsection, paragraph, …';
COMMENT ON COLUMN provision.number IS 'number as printed, e.g. 14 or (2)';
COMMENT ON COLUMN provision.heading IS 'heading of the provision';
COMMENT ON COLUMN provision.text IS 'the provision''s own text (children excluded)';

CREATE TABLE mapping (
  id serial PRIMARY KEY,
  work_id text NOT NULL REFERENCES legal_work(id) ON DELETE CASCADE,
  eid text NOT NULL,
  instrument text NOT NULL,
  article text NOT NULL,
  coverage text NOT NULL CHECK (coverage IN ('full', 'partial', 'none')),
  status text NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
  source text NOT NULL CHECK (source IN ('editor', 'suggester')),
  score real,
  rationale text,
  reviewer text,
  reviewed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  UNIQUE (work_id, eid, instrument, article),
  FOREIGN KEY (instrument, article) REFERENCES instrument_article(instrument, number)
);
CREATE INDEX mapping_article ON mapping(instrument, article) WHERE status = 'accepted';
COMMENT ON TABLE mapping IS 'A national provision (by work and eId, in every expression) mapped to an instrument article';
COMMENT ON COLUMN mapping.eid IS 'eId of the provision within the work';
COMMENT ON COLUMN mapping.coverage IS 'how far the provision implements the article: full, partial or none';
COMMENT ON COLUMN mapping.status IS 'suggested, accepted or rejected';
COMMENT ON COLUMN mapping.source IS 'editor (by hand) or suggester (computed)';
COMMENT ON COLUMN mapping.score IS 'suggester score, 0–1';
COMMENT ON COLUMN mapping.rationale IS 'why the provision does or does not implement the article';
COMMENT ON COLUMN mapping.reviewer IS 'actor that accepted or rejected the mapping';
COMMENT ON COLUMN mapping.reviewed_at IS 'when the mapping was reviewed';
COMMENT ON COLUMN mapping.created_by IS 'actor that created the row';

CREATE TABLE legal_case (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]+$'),
  country text NOT NULL REFERENCES country(iso3),
  title text NOT NULL,
  court text NOT NULL,
  court_level text NOT NULL,
  date date NOT NULL,
  case_number text NOT NULL,
  ecli text,
  language text NOT NULL,
  brief jsonb NOT NULL DEFAULT '{}',
  outcome text NOT NULL,
  sentence text,
  concepts text[] NOT NULL DEFAULT '{}',
  keywords text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  UNIQUE (country, court, case_number)
);
CREATE INDEX legal_case_country ON legal_case(country, date DESC);
COMMENT ON TABLE legal_case IS 'A court decision on cybercrime or electronic evidence';
COMMENT ON COLUMN legal_case.id IS 'readable stable id, e.g. ke-2021-hc-cr-45';
COMMENT ON COLUMN legal_case.country IS 'country of the court (ISO alpha-3)';
COMMENT ON COLUMN legal_case.title IS 'case name (anonymised)';
COMMENT ON COLUMN legal_case.court IS 'name of the court';
COMMENT ON COLUMN legal_case.court_level IS 'first_instance, appeal, supreme, constitutional, regional or other';
COMMENT ON COLUMN legal_case.date IS 'date of the decision';
COMMENT ON COLUMN legal_case.case_number IS 'the court''s case number';
COMMENT ON COLUMN legal_case.ecli IS 'European Case Law Identifier or similar, where one exists';
COMMENT ON COLUMN legal_case.language IS 'language of the decision (ISO 639-2/T)';
COMMENT ON COLUMN legal_case.brief IS 'structured brief: facts, procedural_history, issues, decision, reasoning, commentary';
COMMENT ON COLUMN legal_case.outcome IS 'convicted, acquitted, partly_convicted, dismissed, upheld, overturned, remanded, settled or other';
COMMENT ON COLUMN legal_case.sentence IS 'sentence imposed, where any';
COMMENT ON COLUMN legal_case.concepts IS 'concept codes of the offences and issues decided';
COMMENT ON COLUMN legal_case.keywords IS 'free keywords';

CREATE TABLE case_party (
  case_id text NOT NULL REFERENCES legal_case(id) ON DELETE CASCADE,
  position integer NOT NULL,
  role text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL DEFAULT 'person',
  charges text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (case_id, position)
);
COMMENT ON TABLE case_party IS 'An anonymised party to a case';
COMMENT ON COLUMN case_party.role IS 'defendant, victim, appellant, respondent, applicant, complainant or intervener';
COMMENT ON COLUMN case_party.name IS 'anonymised name or initials';
COMMENT ON COLUMN case_party.kind IS 'person, legal_person or state';
COMMENT ON COLUMN case_party.charges IS 'charges against the party';

CREATE TABLE case_cites_provision (
  case_id text NOT NULL REFERENCES legal_case(id) ON DELETE CASCADE,
  work_id text NOT NULL REFERENCES legal_work(id) ON DELETE CASCADE,
  eid text NOT NULL,
  PRIMARY KEY (case_id, work_id, eid)
);
COMMENT ON TABLE case_cites_provision IS 'A national provision cited by a case (by work and eId)';

CREATE TABLE case_cites_article (
  case_id text NOT NULL REFERENCES legal_case(id) ON DELETE CASCADE,
  instrument text NOT NULL,
  article text NOT NULL,
  PRIMARY KEY (case_id, instrument, article),
  FOREIGN KEY (instrument, article) REFERENCES instrument_article(instrument, number)
);
COMMENT ON TABLE case_cites_article IS 'An instrument article cited by a case';

CREATE TABLE document (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]+$'),
  type text NOT NULL CHECK (type IN ('lesson_learned', 'good_practice', 'strategy', 'bibliography', 'training_material', 'policy', 'report')),
  title text NOT NULL,
  country text REFERENCES country(iso3),
  region text,
  language text NOT NULL,
  date date NOT NULL,
  authors text[] NOT NULL DEFAULT '{}',
  summary text NOT NULL,
  body text NOT NULL DEFAULT '',
  url text,
  concepts text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX document_country ON document(country, date DESC);
COMMENT ON TABLE document IS 'Lessons learned, good practices, strategies, bibliography and training material';
COMMENT ON COLUMN document.id IS 'readable stable id';
COMMENT ON COLUMN document.type IS 'lesson_learned, good_practice, strategy, bibliography, training_material, policy or report';
COMMENT ON COLUMN document.title IS 'title in the document''s language';
COMMENT ON COLUMN document.country IS 'country the document is about, if one';
COMMENT ON COLUMN document.region IS 'region the document is about (free text, e.g. Eastern Africa)';
COMMENT ON COLUMN document.language IS 'language of the document (ISO 639-2/T)';
COMMENT ON COLUMN document.date IS 'date of publication';
COMMENT ON COLUMN document.authors IS 'authors or issuing bodies';
COMMENT ON COLUMN document.summary IS 'abstract';
COMMENT ON COLUMN document.body IS 'full text, paragraphs separated by blank lines';
COMMENT ON COLUMN document.url IS 'where the original is published';
COMMENT ON COLUMN document.concepts IS 'concept codes';

CREATE TABLE attachment (
  id serial PRIMARY KEY,
  owner_type text NOT NULL CHECK (owner_type IN ('work', 'case', 'document')),
  owner_id text NOT NULL,
  filename text NOT NULL,
  media_type text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  bytes bytea NOT NULL,
  extracted_text text,
  page_count integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  UNIQUE (owner_type, owner_id, sha256)
);
CREATE INDEX attachment_owner ON attachment(owner_type, owner_id);
COMMENT ON TABLE attachment IS 'A file attached to a work, case or document, stored in the database';
COMMENT ON COLUMN attachment.owner_type IS 'work, case or document';
COMMENT ON COLUMN attachment.owner_id IS 'id of the owning item';
COMMENT ON COLUMN attachment.filename IS 'original file name';
COMMENT ON COLUMN attachment.media_type IS 'IANA media type';
COMMENT ON COLUMN attachment.size IS 'size in bytes';
COMMENT ON COLUMN attachment.sha256 IS 'SHA-256 of the bytes, hex';
COMMENT ON COLUMN attachment.bytes IS 'the file';
COMMENT ON COLUMN attachment.extracted_text IS 'text extracted for search';
COMMENT ON COLUMN attachment.page_count IS 'number of pages, for paged formats';

CREATE TABLE api_token (
  id serial PRIMARY KEY,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  scope text NOT NULL DEFAULT 'admin',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
COMMENT ON TABLE api_token IS 'API tokens; only a SHA-256 of the token is stored';
COMMENT ON COLUMN api_token.name IS 'what the token is for';
COMMENT ON COLUMN api_token.token_hash IS 'SHA-256 of the token, hex';
COMMENT ON COLUMN api_token.scope IS 'what the token may do';
COMMENT ON COLUMN api_token.last_used_at IS 'last successful use';
COMMENT ON COLUMN api_token.revoked_at IS 'when the token was revoked';

CREATE TABLE app_secret (
  name text PRIMARY KEY,
  value text NOT NULL
);
COMMENT ON TABLE app_secret IS 'Values made once per installation (e.g. the first admin token, readable by the token command)';
COMMENT ON COLUMN app_secret.value IS 'the secret value';

CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import')),
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_event_entity ON audit_event(entity_type, entity_id, at);
COMMENT ON TABLE audit_event IS 'Append-only log of every change to repository data';
COMMENT ON COLUMN audit_event.at IS 'when the change happened';
COMMENT ON COLUMN audit_event.actor IS 'who made the change (token:NAME, cli, seed)';
COMMENT ON COLUMN audit_event.action IS 'create, update, delete or import';
COMMENT ON COLUMN audit_event.entity_type IS 'work, case, document, attachment, mapping, …';
COMMENT ON COLUMN audit_event.entity_id IS 'id of the changed item';
COMMENT ON COLUMN audit_event.before IS 'the item before the change';
COMMENT ON COLUMN audit_event.after IS 'the item after the change';

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

COMMENT ON COLUMN legal_case.created_by IS 'actor that created the row';
COMMENT ON COLUMN legal_case.updated_by IS 'actor that last changed the row';
COMMENT ON COLUMN case_cites_provision.eid IS 'eId of the cited provision within the work';
COMMENT ON COLUMN document.created_by IS 'actor that created the row';
COMMENT ON COLUMN document.updated_by IS 'actor that last changed the row';
COMMENT ON COLUMN attachment.created_by IS 'actor that uploaded the file';

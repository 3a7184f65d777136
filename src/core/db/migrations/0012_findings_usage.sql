-- Findings of assessments, and the repository's use counted per day without any personal data:
-- no IP address, user agent, account or session is stored, only counts.
CREATE TABLE finding (
  id serial PRIMARY KEY,
  assessment_id integer NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
  dimension text,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL
);
CREATE INDEX finding_assessment ON finding (assessment_id);
COMMENT ON TABLE finding IS 'What an assessment found, per dimension of its framework (or overall)';
COMMENT ON COLUMN finding.assessment_id IS 'The assessment that found it';
COMMENT ON COLUMN finding.dimension IS 'Code of the framework dimension it concerns; null for an overall finding';
COMMENT ON COLUMN finding.text IS 'The finding, in the words of the assessment team';
COMMENT ON COLUMN finding.created_at IS 'When it was recorded';
COMMENT ON COLUMN finding.created_by IS 'Who recorded it';

CREATE TABLE usage_daily (
  day date NOT NULL,
  section text NOT NULL,
  views integer NOT NULL DEFAULT 0 CHECK (views >= 0),
  PRIMARY KEY (day, section)
);
COMMENT ON TABLE usage_daily IS 'Page views of the repository per day and section; counts only, nothing about who viewed';
COMMENT ON COLUMN usage_daily.day IS 'Day (UTC) of the views';
COMMENT ON COLUMN usage_daily.section IS 'First segment of the page path (laws, cases, search, countries, …; home for /)';
COMMENT ON COLUMN usage_daily.views IS 'Pages served successfully in that section that day';

CREATE TABLE search_daily (
  day date NOT NULL,
  term text NOT NULL,
  searches integer NOT NULL DEFAULT 0 CHECK (searches >= 0),
  zero_results integer NOT NULL DEFAULT 0 CHECK (zero_results >= 0),
  PRIMARY KEY (day, term)
);
COMMENT ON TABLE search_daily IS 'Searches of the repository per day and query text; counts only, nothing about who searched';
COMMENT ON COLUMN search_daily.day IS 'Day (UTC) of the searches';
COMMENT ON COLUMN search_daily.term IS 'The query text, lower-cased, spaces collapsed, at most 100 characters';
COMMENT ON COLUMN search_daily.searches IS 'How many times it was searched that day';
COMMENT ON COLUMN search_daily.zero_results IS 'How many of those searches found nothing';

-- Assessments keep their evidence (mission reports, questionnaires, statistics) as attachments.
ALTER TABLE attachment DROP CONSTRAINT attachment_owner_type_check;
ALTER TABLE attachment ADD CONSTRAINT attachment_owner_type_check CHECK (owner_type IN ('work', 'case', 'document', 'activity', 'assessment'));
COMMENT ON COLUMN attachment.owner_type IS 'work, case, document, activity or assessment';

-- Assessments of national capacity: versioned frameworks (dimension → indicator, each with a 1–5
-- rubric, evidence guidance and a weight), assessments of a country against a published version,
-- scores with evidence, findings, and recommendations that can become requests for assistance.
CREATE TABLE framework (
  id serial PRIMARY KEY,
  code text NOT NULL,
  version integer NOT NULL,
  title text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  published_at timestamptz,
  UNIQUE (code, version)
);
COMMENT ON TABLE framework IS 'A version of an assessment framework; a published version never changes';
COMMENT ON COLUMN framework.code IS 'the framework, across its versions';
COMMENT ON COLUMN framework.version IS 'version number';
COMMENT ON COLUMN framework.title IS 'title';
COMMENT ON COLUMN framework.status IS 'draft (editable) or published (used by assessments, frozen)';
COMMENT ON COLUMN framework.definition IS 'dimensions with their indicators (code, title, question, weight, evidence guidance, 1–5 rubric)';
COMMENT ON COLUMN framework.created_at IS 'when created';
COMMENT ON COLUMN framework.created_by IS 'who created it';
COMMENT ON COLUMN framework.published_at IS 'when published';

CREATE TABLE assessment (
  id serial PRIMARY KEY,
  country text NOT NULL REFERENCES country(iso3),
  framework_id integer NOT NULL REFERENCES framework(id),
  started date NOT NULL,
  ended date,
  team text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'validated', 'published')),
  summary text,
  tier text NOT NULL DEFAULT 'internal' CHECK (tier IN ('public', 'internal', 'restricted')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  CHECK (ended IS NULL OR ended >= started)
);
COMMENT ON TABLE assessment IS 'An assessment of a country''s capacity against a framework version';
COMMENT ON COLUMN assessment.country IS 'country assessed';
COMMENT ON COLUMN assessment.framework_id IS 'the (published) framework version used';
COMMENT ON COLUMN assessment.started IS 'first day';
COMMENT ON COLUMN assessment.ended IS 'last day';
COMMENT ON COLUMN assessment.team IS 'assessors';
COMMENT ON COLUMN assessment.status IS 'planned → in_progress → validated → published';
COMMENT ON COLUMN assessment.summary IS 'summary of the assessment';
COMMENT ON COLUMN assessment.tier IS 'access tier (internal by default)';
COMMENT ON COLUMN assessment.created_at IS 'when recorded';
COMMENT ON COLUMN assessment.created_by IS 'who recorded it';
COMMENT ON COLUMN assessment.updated_at IS 'last change';
COMMENT ON COLUMN assessment.updated_by IS 'who changed it last';

CREATE TABLE assessment_score (
  assessment_id integer NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
  indicator text NOT NULL,
  score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  evidence text,
  notes text,
  PRIMARY KEY (assessment_id, indicator)
);
COMMENT ON TABLE assessment_score IS 'The stage (1–5) an assessment gives an indicator, with its evidence';
COMMENT ON COLUMN assessment_score.assessment_id IS 'the assessment';
COMMENT ON COLUMN assessment_score.indicator IS 'indicator code in the framework version';
COMMENT ON COLUMN assessment_score.score IS 'stage of the rubric, 1 to 5';
COMMENT ON COLUMN assessment_score.evidence IS 'evidence the score rests on';
COMMENT ON COLUMN assessment_score.notes IS 'notes';

CREATE TABLE recommendation (
  id serial PRIMARY KEY,
  assessment_id integer NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
  dimension text,
  text text NOT NULL,
  priority text NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high')),
  institution text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'implemented', 'dropped')),
  request_id integer REFERENCES assistance_request(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL
);
COMMENT ON TABLE recommendation IS 'A recommendation of an assessment';
COMMENT ON COLUMN recommendation.assessment_id IS 'the assessment';
COMMENT ON COLUMN recommendation.dimension IS 'framework dimension it concerns';
COMMENT ON COLUMN recommendation.text IS 'what is recommended';
COMMENT ON COLUMN recommendation.priority IS 'low, medium or high';
COMMENT ON COLUMN recommendation.institution IS 'institution responsible';
COMMENT ON COLUMN recommendation.status IS 'open, in_progress, implemented or dropped';
COMMENT ON COLUMN recommendation.request_id IS 'the request for assistance it became';
COMMENT ON COLUMN recommendation.created_at IS 'when recorded';
COMMENT ON COLUMN recommendation.created_by IS 'who recorded it';

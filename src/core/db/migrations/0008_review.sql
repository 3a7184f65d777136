-- Review of legislation: a country's laws reviewed against an instrument — who reviewed them,
-- whether the review is complete (then an article without an accepted mapping is missing, not
-- merely unreviewed), and the reviewer's recommendations per article for the gap report.
CREATE TABLE legislation_review (
  country text NOT NULL REFERENCES country(iso3),
  instrument text NOT NULL REFERENCES instrument(code),
  status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'complete')),
  reviewer text,
  reviewed_at timestamptz,
  recommendations jsonb NOT NULL DEFAULT '{}',
  summary text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (country, instrument)
);
COMMENT ON TABLE legislation_review IS 'The review of a country''s legislation against an instrument';
COMMENT ON COLUMN legislation_review.country IS 'country reviewed (ISO alpha-3)';
COMMENT ON COLUMN legislation_review.instrument IS 'instrument reviewed against';
COMMENT ON COLUMN legislation_review.status IS 'in_progress, or complete (every article reviewed: unmapped ones are missing)';
COMMENT ON COLUMN legislation_review.reviewer IS 'who reviewed (name shown in the gap report)';
COMMENT ON COLUMN legislation_review.reviewed_at IS 'when the review was completed';
COMMENT ON COLUMN legislation_review.recommendations IS 'the reviewer''s recommendation per article number';
COMMENT ON COLUMN legislation_review.summary IS 'overall assessment written by the reviewer';
COMMENT ON COLUMN legislation_review.updated_at IS 'last change';
COMMENT ON COLUMN legislation_review.updated_by IS 'who changed it last';

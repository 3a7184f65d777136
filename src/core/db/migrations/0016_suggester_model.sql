-- The suggester's learned models: each retraining on the shipped training data and the repository's
-- own review decisions saves a new version (the suggester uses the latest of its instrument), with
-- what it learnt from and how it scored on laws it had not learnt from. Each attempt is logged,
-- also one that kept the previous model, with the reason.
CREATE TABLE suggester_model (
  version serial PRIMARY KEY,
  instrument text NOT NULL REFERENCES instrument (code),
  trained_at timestamptz NOT NULL DEFAULT now(),
  trained_by text NOT NULL,
  examples integer NOT NULL,
  decisions integer NOT NULL,
  laws integer NOT NULL,
  languages text[] NOT NULL,
  seconds real NOT NULL,
  evaluation jsonb,
  basis text NOT NULL,
  model bytea NOT NULL
);
CREATE INDEX suggester_model_instrument ON suggester_model (instrument, version DESC);
COMMENT ON TABLE suggester_model IS 'Versions of the suggester''s learned model, per instrument';
COMMENT ON COLUMN suggester_model.version IS 'Model version, recorded on the suggestions it made';
COMMENT ON COLUMN suggester_model.instrument IS 'Instrument whose articles it suggests';
COMMENT ON COLUMN suggester_model.trained_at IS 'When it was trained';
COMMENT ON COLUMN suggester_model.trained_by IS 'Who or what asked for it (a user, the review queue, setup)';
COMMENT ON COLUMN suggester_model.examples IS 'Provisions it was trained on (shipped and decided)';
COMMENT ON COLUMN suggester_model.decisions IS 'Of those, provisions with a decision in this repository';
COMMENT ON COLUMN suggester_model.laws IS 'Laws the training provisions belong to';
COMMENT ON COLUMN suggester_model.languages IS 'Languages of the training provisions (ISO 639-2/T)';
COMMENT ON COLUMN suggester_model.seconds IS 'How long training took';
COMMENT ON COLUMN suggester_model.evaluation IS 'Cross-validation by law: top-1, top-3 and false strong suggestions on held-out laws';
COMMENT ON COLUMN suggester_model.basis IS 'Digest of the shipped training data and the feature code it was built with: a new release retrains';
COMMENT ON COLUMN suggester_model.model IS 'The model: weights and training profiles, gzipped JSON';

CREATE TABLE suggester_run (
  id serial PRIMARY KEY,
  instrument text NOT NULL REFERENCES instrument (code),
  at timestamptz NOT NULL DEFAULT now(),
  by text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('trained', 'kept')),
  version integer REFERENCES suggester_model (version) ON DELETE SET NULL,
  reason text
);
COMMENT ON TABLE suggester_run IS 'Each retraining attempt of the suggester and its outcome';
COMMENT ON COLUMN suggester_run.id IS 'Attempt number';
COMMENT ON COLUMN suggester_run.instrument IS 'Instrument of the model';
COMMENT ON COLUMN suggester_run.at IS 'When it ran';
COMMENT ON COLUMN suggester_run.by IS 'Who or what asked for it';
COMMENT ON COLUMN suggester_run.version IS 'The version it trained, if any';
COMMENT ON COLUMN suggester_run.outcome IS 'trained: a new version; kept: the previous model stays';
COMMENT ON COLUMN suggester_run.reason IS 'Why the previous model was kept';

ALTER TABLE mapping ADD COLUMN model_version integer;
COMMENT ON COLUMN mapping.model_version IS 'Version of the learned model that suggested it, if any';

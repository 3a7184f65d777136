-- The search index is derived data. cyrepo records which version of the indexer built it and rebuilds
-- it when preparing the database if that differs from the running code's (SEARCH_INDEX_VERSION in
-- domains/search/indexer.ts) — e.g. now that concept terms in Indonesian, Thai, Vietnamese and Swahili
-- match content in those languages. An installation without a record rebuilds once.
CREATE TABLE search_index_state (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version integer NOT NULL,
  built_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE search_index_state IS 'Which version of the indexer built the search index (one row)';
COMMENT ON COLUMN search_index_state.only_row IS 'Always true: the table holds one row';
COMMENT ON COLUMN search_index_state.version IS 'SEARCH_INDEX_VERSION of the code that built the index';
COMMENT ON COLUMN search_index_state.built_at IS 'When the index was last rebuilt';

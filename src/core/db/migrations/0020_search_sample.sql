-- A broad query is counted from a sample of its matches (domains/search/sample.ts): each entry's
-- sample, also a word of its tsvector. Filled when the index is next rebuilt (SEARCH_INDEX_VERSION 8).
ALTER TABLE search_entry ADD COLUMN sample smallint NOT NULL DEFAULT 0;
COMMENT ON COLUMN search_entry.sample IS 'which of the 64 samples the entry''s group falls in (a broad query is counted from some of them)';

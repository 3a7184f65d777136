-- Search ranks what a lawyer expects first and shows each provision once. The index keeps only the
-- current version of each language's text of a law (the latest not in the future); a provision's
-- translations share a group and a search shows the best of them, saying in how many other versions
-- and translations it also exists. Headings are indexed on their own, so that a provision whose
-- heading (or a concept term in it) matches ranks above one that only mentions the words.
ALTER TABLE search_entry
  ADD COLUMN group_key text NOT NULL DEFAULT '',
  ADD COLUMN grouped boolean NOT NULL DEFAULT false,
  ADD COLUMN other_versions integer NOT NULL DEFAULT 0,
  ADD COLUMN head_tsv tsvector NOT NULL DEFAULT '',
  ADD COLUMN head_concepts text[] NOT NULL DEFAULT '{}';
UPDATE search_entry SET group_key = kind || ':' || item_id;
COMMENT ON COLUMN search_entry.group_key IS 'what a search shows once: a provision in all its languages (work and eId), else the item';
COMMENT ON COLUMN search_entry.grouped IS 'whether other entries share the group (the provision''s translations)';
COMMENT ON COLUMN search_entry.other_versions IS 'how many other versions and translations of the provision the law has';
COMMENT ON COLUMN search_entry.head_tsv IS 'the heading (a provision''s number and heading; the title of other items), for ranking';
COMMENT ON COLUMN search_entry.head_concepts IS 'concepts whose label or a synonym in the item''s language its heading uses';
-- Which items' headings match a query, found through an index rather than by reading every match.
CREATE INDEX search_entry_head ON search_entry USING gin (head_tsv);
-- "Did you mean" looks among known words with the same first letter and nearly the same length.
CREATE INDEX search_vocab_initial ON search_vocab (left(term, 1), length(term));
-- Items whose heading names a concept the query names are found through an index.
CREATE INDEX search_entry_head_concepts ON search_entry USING gin (head_concepts);

-- A search reads, for every match, the row's id, access columns and filters; PostgreSQL reads a
-- row's columns in order, so those that come after the text (1 KB on average) cost a walk through
-- it: for 13,000 matches, 18 ms instead of 8. The index is derived data: the table is made again
-- with the short columns first and rebuilt when the database is next prepared (SEARCH_INDEX_VERSION).
DROP TABLE search_entry;
DELETE FROM search_index_state;
CREATE TABLE search_entry (
  id bigserial PRIMARY KEY,
  year integer,
  other_versions integer NOT NULL DEFAULT 0,
  date date,
  config regconfig NOT NULL,
  grouped boolean NOT NULL DEFAULT false,
  tier text NOT NULL DEFAULT 'public',
  editorial_status text NOT NULL DEFAULT 'published',
  kind text NOT NULL CHECK (kind IN ('provision', 'work', 'case', 'document', 'article')),
  country text,
  language text NOT NULL,
  court text,
  status text,
  concepts text[] NOT NULL DEFAULT '{}',
  articles text[] NOT NULL DEFAULT '{}',
  head_concepts text[] NOT NULL DEFAULT '{}',
  term_concepts text[] NOT NULL DEFAULT '{}',
  group_key text NOT NULL DEFAULT '',
  item_id text NOT NULL,
  work_id text,
  title text NOT NULL,
  url text NOT NULL,
  head_tsv tsvector NOT NULL DEFAULT '',
  tsv tsvector NOT NULL,
  body text NOT NULL,
  UNIQUE (kind, item_id)
);
CREATE INDEX search_entry_tsv ON search_entry USING gin (tsv);
CREATE INDEX search_entry_head ON search_entry USING gin (head_tsv);
CREATE INDEX search_entry_work ON search_entry (work_id);
CREATE INDEX search_entry_filters ON search_entry (kind, country, year);
CREATE INDEX search_entry_concepts ON search_entry USING gin (concepts);
CREATE INDEX search_entry_head_concepts ON search_entry USING gin (head_concepts);
CREATE INDEX search_entry_term_concepts ON search_entry USING gin (term_concepts);
CREATE INDEX search_entry_articles ON search_entry USING gin (articles);
COMMENT ON TABLE search_entry IS 'Search index: one row per searchable item, kept by the search module';
COMMENT ON COLUMN search_entry.id IS 'entry number (a search returns matches by it)';
COMMENT ON COLUMN search_entry.year IS 'year of the item';
COMMENT ON COLUMN search_entry.other_versions IS 'how many other versions and translations of the provision the law has';
COMMENT ON COLUMN search_entry.date IS 'date of the item (decision, adoption, publication, expression)';
COMMENT ON COLUMN search_entry.config IS 'text search configuration used for the language';
COMMENT ON COLUMN search_entry.grouped IS 'whether other entries share the group (the provision''s translations)';
COMMENT ON COLUMN search_entry.tier IS 'access tier, copied from the item';
COMMENT ON COLUMN search_entry.editorial_status IS 'editorial status, copied from the item';
COMMENT ON COLUMN search_entry.kind IS 'provision, work, case, document or article';
COMMENT ON COLUMN search_entry.country IS 'country of the item (ISO alpha-3)';
COMMENT ON COLUMN search_entry.language IS 'language of the text (ISO 639-2/T)';
COMMENT ON COLUMN search_entry.court IS 'court of a case';
COMMENT ON COLUMN search_entry.status IS 'legal status of a work, outcome of a case, type of a document';
COMMENT ON COLUMN search_entry.concepts IS 'concept codes the item is tagged with or mapped to';
COMMENT ON COLUMN search_entry.articles IS 'instrument articles (CODE:NUMBER) the item is mapped to or cites';
COMMENT ON COLUMN search_entry.head_concepts IS 'concepts whose label or a synonym in the item''s language its heading uses';
COMMENT ON COLUMN search_entry.term_concepts IS 'concepts whose label or a synonym in the item''s language its text uses (found when indexing)';
COMMENT ON COLUMN search_entry.group_key IS 'what a search shows once: a provision in all its languages (work and eId), else the item';
COMMENT ON COLUMN search_entry.item_id IS 'id of the item (provision id, work id, case id, document id, INSTRUMENT:NUMBER)';
COMMENT ON COLUMN search_entry.work_id IS 'the work of a provision or work';
COMMENT ON COLUMN search_entry.title IS 'title shown in results';
COMMENT ON COLUMN search_entry.url IS 'page of the item';
COMMENT ON COLUMN search_entry.head_tsv IS 'the heading (a provision''s number and heading; the title of other items), for ranking';
COMMENT ON COLUMN search_entry.tsv IS 'weighted tsvector: title A, body B (segmented for zho, jpn, tha)';
COMMENT ON COLUMN search_entry.body IS 'text searched and used for snippets';

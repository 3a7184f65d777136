-- One search index over provisions, works, cases, documents and instrument articles. Rows are
-- written by the search module (src/search/index.ts) whenever an item changes, with the text
-- word-segmented first for Chinese, Japanese and Thai, and a text search configuration per language.
CREATE TABLE search_entry (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('provision', 'work', 'case', 'document', 'article')),
  item_id text NOT NULL,
  work_id text,
  country text,
  language text NOT NULL,
  config regconfig NOT NULL,
  date date,
  year integer,
  title text NOT NULL,
  body text NOT NULL,
  url text NOT NULL,
  concepts text[] NOT NULL DEFAULT '{}',
  term_concepts text[] NOT NULL DEFAULT '{}',
  articles text[] NOT NULL DEFAULT '{}',
  court text,
  status text,
  tier text NOT NULL DEFAULT 'public',
  editorial_status text NOT NULL DEFAULT 'published',
  tsv tsvector NOT NULL,
  UNIQUE (kind, item_id)
);
CREATE INDEX search_entry_tsv ON search_entry USING gin (tsv);
CREATE INDEX search_entry_work ON search_entry (work_id);
CREATE INDEX search_entry_filters ON search_entry (kind, country, year);
CREATE INDEX search_entry_concepts ON search_entry USING gin (concepts);
CREATE INDEX search_entry_term_concepts ON search_entry USING gin (term_concepts);
CREATE INDEX search_entry_articles ON search_entry USING gin (articles);
COMMENT ON TABLE search_entry IS 'Search index: one row per searchable item, kept by the search module';
COMMENT ON COLUMN search_entry.kind IS 'provision, work, case, document or article';
COMMENT ON COLUMN search_entry.item_id IS 'id of the item (provision id, work id, case id, document id, INSTRUMENT:NUMBER)';
COMMENT ON COLUMN search_entry.work_id IS 'the work of a provision or work';
COMMENT ON COLUMN search_entry.country IS 'country of the item (ISO alpha-3)';
COMMENT ON COLUMN search_entry.language IS 'language of the text (ISO 639-2/T)';
COMMENT ON COLUMN search_entry.config IS 'text search configuration used for the language';
COMMENT ON COLUMN search_entry.date IS 'date of the item (decision, adoption, publication, expression)';
COMMENT ON COLUMN search_entry.year IS 'year of the item';
COMMENT ON COLUMN search_entry.title IS 'title shown in results';
COMMENT ON COLUMN search_entry.body IS 'text searched and used for snippets';
COMMENT ON COLUMN search_entry.url IS 'page of the item';
COMMENT ON COLUMN search_entry.concepts IS 'concept codes the item is tagged with or mapped to';
COMMENT ON COLUMN search_entry.term_concepts IS 'concepts whose label or a synonym in the item''s language its text uses (found when indexing)';
COMMENT ON COLUMN search_entry.articles IS 'instrument articles (CODE:NUMBER) the item is mapped to or cites';
COMMENT ON COLUMN search_entry.court IS 'court of a case';
COMMENT ON COLUMN search_entry.status IS 'legal status of a work, outcome of a case, type of a document';
COMMENT ON COLUMN search_entry.tier IS 'access tier, copied from the item';
COMMENT ON COLUMN search_entry.editorial_status IS 'editorial status, copied from the item';
COMMENT ON COLUMN search_entry.tsv IS 'weighted tsvector: title A, body B (segmented for zho, jpn, tha)';

-- Words for "did you mean": titles, country names and concept labels, with trigram similarity.
CREATE TABLE search_vocab (
  term text PRIMARY KEY
);
CREATE INDEX search_vocab_trgm ON search_vocab USING gin (term gin_trgm_ops);
COMMENT ON TABLE search_vocab IS 'Known words of titles, country names and concept labels, for spelling suggestions';
COMMENT ON COLUMN search_vocab.term IS 'a lower-case word';

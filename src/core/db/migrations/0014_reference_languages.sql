-- Names of the instruments and titles of their articles in the six UN languages (English stays in
-- short_name, title), so every page, report and export can name an article in its reader's language.
ALTER TABLE instrument ADD COLUMN names jsonb NOT NULL DEFAULT '{}';
ALTER TABLE instrument ADD COLUMN titles jsonb NOT NULL DEFAULT '{}';
ALTER TABLE instrument_article ADD COLUMN titles jsonb NOT NULL DEFAULT '{}';
COMMENT ON COLUMN instrument.names IS 'short name per UI language (en, fr, es, ar, ru, zh); English also in short_name';
COMMENT ON COLUMN instrument.titles IS 'full title per UI language; English also in title';
COMMENT ON COLUMN instrument_article.titles IS 'article title per UI language (en, fr, es, ar, ru, zh); English also in title';

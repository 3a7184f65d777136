-- Reference data: countries and UN M49 areas, international instruments and their articles,
-- the Budapest ↔ UN crosswalk, the concept taxonomy and instrument parties.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE m49_area (
  code text PRIMARY KEY,
  level text NOT NULL CHECK (level IN ('region', 'subregion', 'intermediate')),
  parent_code text REFERENCES m49_area(code),
  names jsonb NOT NULL
);
COMMENT ON TABLE m49_area IS 'UN M49 geographic areas (region, sub-region, intermediate region)';
COMMENT ON COLUMN m49_area.code IS 'M49 numeric code as three digits, e.g. 014 for Eastern Africa';
COMMENT ON COLUMN m49_area.level IS 'region, subregion or intermediate';
COMMENT ON COLUMN m49_area.parent_code IS 'enclosing area (sub-region of an intermediate region, region of a sub-region)';
COMMENT ON COLUMN m49_area.names IS 'name per UI language code (en, fr, …)';

CREATE TABLE country (
  iso3 text PRIMARY KEY CHECK (iso3 ~ '^[A-Z]{3}$'),
  iso2 text NOT NULL UNIQUE CHECK (iso2 ~ '^[A-Z]{2}$'),
  numeric text NOT NULL,
  names jsonb NOT NULL,
  region_code text REFERENCES m49_area(code),
  subregion_code text REFERENCES m49_area(code),
  intermediate_code text REFERENCES m49_area(code),
  un_member boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE country IS 'ISO 3166-1 countries and territories';
COMMENT ON COLUMN country.iso3 IS 'ISO 3166-1 alpha-3 code';
COMMENT ON COLUMN country.iso2 IS 'ISO 3166-1 alpha-2 code';
COMMENT ON COLUMN country.numeric IS 'ISO 3166-1 numeric code (= UN M49 code), three digits';
COMMENT ON COLUMN country.names IS 'name in the six UN languages, keyed ar, zh, en, fr, ru, es';
COMMENT ON COLUMN country.region_code IS 'UN M49 region';
COMMENT ON COLUMN country.subregion_code IS 'UN M49 sub-region';
COMMENT ON COLUMN country.intermediate_code IS 'UN M49 intermediate region, where one exists';
COMMENT ON COLUMN country.un_member IS 'true for UN Member States';

CREATE TABLE instrument (
  code text PRIMARY KEY,
  short_name text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  adopted date,
  opened_for_signature date,
  in_force date
);
COMMENT ON TABLE instrument IS 'International instruments on cybercrime (Budapest Convention, its protocols, UN Convention)';
COMMENT ON COLUMN instrument.code IS 'stable code, e.g. ETS185, UNCC2024';
COMMENT ON COLUMN instrument.short_name IS 'common name, e.g. Budapest Convention';
COMMENT ON COLUMN instrument.title IS 'full official title';
COMMENT ON COLUMN instrument.body IS 'adopting body';
COMMENT ON COLUMN instrument.adopted IS 'date of adoption';
COMMENT ON COLUMN instrument.opened_for_signature IS 'date opened for signature';
COMMENT ON COLUMN instrument.in_force IS 'date of entry into force, if in force';

CREATE TABLE instrument_article (
  instrument text NOT NULL REFERENCES instrument(code),
  number text NOT NULL,
  position integer NOT NULL,
  title text NOT NULL,
  chapter text NOT NULL,
  section text,
  category text NOT NULL CHECK (category IN ('definitions', 'criminalisation', 'procedural', 'jurisdiction',
    'international_cooperation', 'prevention', 'technical_assistance', 'final')),
  text jsonb NOT NULL DEFAULT '{}',
  provenance text,
  unmatched_note text,
  PRIMARY KEY (instrument, number)
);
COMMENT ON TABLE instrument_article IS 'Articles of an instrument';
COMMENT ON COLUMN instrument_article.number IS 'article number as printed, e.g. 2';
COMMENT ON COLUMN instrument_article.position IS 'order within the instrument';
COMMENT ON COLUMN instrument_article.title IS 'article title (English)';
COMMENT ON COLUMN instrument_article.chapter IS 'chapter, e.g. II Measures to be taken at the national level';
COMMENT ON COLUMN instrument_article.section IS 'section/title path within the chapter';
COMMENT ON COLUMN instrument_article.category IS 'definitions, criminalisation, procedural, jurisdiction, international_cooperation, prevention, technical_assistance or final';
COMMENT ON COLUMN instrument_article.text IS 'article text per language code, where known';
COMMENT ON COLUMN instrument_article.provenance IS 'how the title and text were checked';
COMMENT ON COLUMN instrument_article.unmatched_note IS 'why the article has no counterpart in the crosswalk, when it has none'; 

CREATE TABLE article_crosswalk (
  from_instrument text NOT NULL,
  from_article text NOT NULL,
  to_instrument text NOT NULL,
  to_article text NOT NULL,
  note text,
  PRIMARY KEY (from_instrument, from_article, to_instrument, to_article),
  FOREIGN KEY (from_instrument, from_article) REFERENCES instrument_article(instrument, number),
  FOREIGN KEY (to_instrument, to_article) REFERENCES instrument_article(instrument, number)
);
COMMENT ON TABLE article_crosswalk IS 'Correspondence between articles of two instruments (e.g. Budapest Art. 2 ↔ UN Art. 7)';
COMMENT ON COLUMN article_crosswalk.note IS 'how the two articles correspond';

CREATE TABLE concept (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]+$'),
  kind text NOT NULL CHECK (kind IN ('offence', 'procedural_power', 'cooperation', 'cross_cutting')),
  position integer NOT NULL,
  labels jsonb NOT NULL,
  synonyms jsonb NOT NULL DEFAULT '{}',
  definition text
);
COMMENT ON TABLE concept IS 'Taxonomy of cybercrime concepts: offences, procedural powers, cooperation, cross-cutting issues';
COMMENT ON COLUMN concept.code IS 'stable kebab-case code, e.g. illegal-access';
COMMENT ON COLUMN concept.kind IS 'offence, procedural_power, cooperation or cross_cutting';
COMMENT ON COLUMN concept.position IS 'display order';
COMMENT ON COLUMN concept.labels IS 'preferred label per language code (en, fr, es, pt, ar, ru, zh)';
COMMENT ON COLUMN concept.synonyms IS 'alternative terms per language code';
COMMENT ON COLUMN concept.definition IS 'short English definition';

CREATE TABLE concept_article (
  concept text NOT NULL REFERENCES concept(code) ON DELETE CASCADE,
  instrument text NOT NULL,
  article text NOT NULL,
  PRIMARY KEY (concept, instrument, article),
  FOREIGN KEY (instrument, article) REFERENCES instrument_article(instrument, number)
);
COMMENT ON TABLE concept_article IS 'Instrument articles a concept corresponds to';

CREATE TABLE instrument_party (
  country text NOT NULL REFERENCES country(iso3),
  instrument text NOT NULL REFERENCES instrument(code),
  status text NOT NULL CHECK (status IN ('signed', 'ratified', 'acceded', 'party')),
  signature date,
  ratification date,
  entry_into_force date,
  reservations text,
  source_note text,
  PRIMARY KEY (country, instrument)
);
COMMENT ON TABLE instrument_party IS 'Signatures, ratifications and entry into force of instruments per country';
COMMENT ON COLUMN instrument_party.status IS 'signed, ratified, acceded or party (in force for the country)';
COMMENT ON COLUMN instrument_party.signature IS 'date of signature';
COMMENT ON COLUMN instrument_party.ratification IS 'date of ratification, acceptance, approval or accession';
COMMENT ON COLUMN instrument_party.entry_into_force IS 'date the instrument entered into force for the country';
COMMENT ON COLUMN instrument_party.reservations IS 'reservations and declarations, summarised';
COMMENT ON COLUMN instrument_party.source_note IS 'where the dates come from and how sure they are';

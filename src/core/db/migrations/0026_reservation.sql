-- Reservations and declarations a party made to an instrument, per article: the gap report says an
-- article reserved is "reserved", not "missing".
CREATE TABLE reservation (
  id serial PRIMARY KEY,
  country text NOT NULL REFERENCES country (iso3),
  instrument text NOT NULL,
  article text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('reservation', 'declaration')),
  text text NOT NULL CHECK (length(text) > 0),
  made_on date,
  withdrawn_on date CHECK (withdrawn_on IS NULL OR made_on IS NULL OR withdrawn_on >= made_on),
  source text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (instrument, article) REFERENCES instrument_article (instrument, number)
);
CREATE INDEX reservation_instrument ON reservation (instrument, country);
COMMENT ON TABLE reservation IS 'Reservations and declarations made by a party to an instrument, per article';
COMMENT ON COLUMN reservation.id IS 'identifier';
COMMENT ON COLUMN reservation.country IS 'the party (ISO 3166-1 alpha-3)';
COMMENT ON COLUMN reservation.instrument IS 'the instrument (its code, e.g. ETS185)';
COMMENT ON COLUMN reservation.article IS 'the article reserved or declared on (its number in the instrument)';
COMMENT ON COLUMN reservation.kind IS 'reservation (the party does not apply the article, or applies it in part) or declaration (how it applies it)';
COMMENT ON COLUMN reservation.text IS 'the text of the reservation or declaration, as deposited (in any language)';
COMMENT ON COLUMN reservation.made_on IS 'the date it was made or took effect, when known';
COMMENT ON COLUMN reservation.withdrawn_on IS 'the date it was withdrawn, if it was';
COMMENT ON COLUMN reservation.source IS 'where it was taken from (a treaty office, a gazette)';
COMMENT ON COLUMN reservation.created_by IS 'who recorded it';
COMMENT ON COLUMN reservation.created_at IS 'when it was recorded';
COMMENT ON COLUMN reservation.updated_by IS 'who changed it last';
COMMENT ON COLUMN reservation.updated_at IS 'when it was changed last';

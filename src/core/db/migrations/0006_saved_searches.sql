-- Searches a signed-in user keeps, to run again and to follow as an Atom feed.
CREATE TABLE saved_search (
  id serial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  name text NOT NULL,
  params text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);
COMMENT ON TABLE saved_search IS 'A search kept by a user';
COMMENT ON COLUMN saved_search.user_id IS 'whose search it is';
COMMENT ON COLUMN saved_search.name IS 'name the user gave it';
COMMENT ON COLUMN saved_search.params IS 'the search as a query string (q, type, country, …)';

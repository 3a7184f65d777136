-- International cooperation: the directory of competent national authorities (central authorities
-- for mutual legal assistance and extradition, 24/7 points of contact, authorities designated under
-- other articles, police-to-police channels). What an authority is and what a request to it needs is
-- public; who to write to (names, phone numbers, e-mail addresses) is kept apart and shown only to
-- vetted practitioners, programme officers and administrators.
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
  CHECK (role IN ('reader', 'practitioner', 'contributor', 'editor', 'programme_officer', 'admin'));
COMMENT ON COLUMN app_user.role IS 'reader, practitioner (vetted: sees authority contacts), contributor, editor, programme_officer or admin';

CREATE TABLE authority (
  id serial PRIMARY KEY,
  country text NOT NULL REFERENCES country(iso3),
  kind text NOT NULL CHECK (kind IN ('central_mla', 'central_extradition', 'contact_24_7', 'designated', 'police')),
  name text NOT NULL,
  designations jsonb NOT NULL DEFAULT '[]',
  languages text[] NOT NULL DEFAULT '{}',
  channels text[] NOT NULL DEFAULT '{}',
  legal_bases text[] NOT NULL DEFAULT '{}',
  requirements text NOT NULL DEFAULT '',
  urgent_procedure text NOT NULL DEFAULT '',
  turnaround_days integer CHECK (turnaround_days BETWEEN 0 AND 3650),
  verified_on date,
  source text NOT NULL DEFAULT '',
  fictional boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  UNIQUE (country, kind, name)
);
CREATE INDEX authority_country ON authority(country);
COMMENT ON TABLE authority IS 'A competent national authority for international cooperation (public part)';
COMMENT ON COLUMN authority.country IS 'country of the authority (ISO alpha-3)';
COMMENT ON COLUMN authority.kind IS 'central_mla, central_extradition, contact_24_7, designated (under another article) or police (police-to-police channel)';
COMMENT ON COLUMN authority.name IS 'name of the institution (not of a person)';
COMMENT ON COLUMN authority.designations IS 'articles it is designated under: [{instrument, article}] (e.g. ETS185 24(7), 27(2), 35)';
COMMENT ON COLUMN authority.languages IS 'languages requests are accepted in (ISO 639-2/T)';
COMMENT ON COLUMN authority.channels IS 'channels it accepts: post, email, secure_platform, diplomatic, interpol, fax';
COMMENT ON COLUMN authority.legal_bases IS 'legal bases it accepts: instrument codes, reciprocity, bilateral';
COMMENT ON COLUMN authority.requirements IS 'what a request must contain';
COMMENT ON COLUMN authority.urgent_procedure IS 'how urgent requests are made';
COMMENT ON COLUMN authority.turnaround_days IS 'typical time to answer, in days';
COMMENT ON COLUMN authority.verified_on IS 'when the entry was last checked';
COMMENT ON COLUMN authority.source IS 'where the entry comes from';
COMMENT ON COLUMN authority.fictional IS 'demo data, not a real authority';
COMMENT ON COLUMN authority.updated_at IS 'last change';
COMMENT ON COLUMN authority.updated_by IS 'who changed it last';

CREATE TABLE authority_contact (
  authority_id integer PRIMARY KEY REFERENCES authority(id) ON DELETE CASCADE,
  person text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  address text NOT NULL DEFAULT '',
  platform text NOT NULL DEFAULT '',
  hours text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
COMMENT ON TABLE authority_contact IS 'Who to write to at an authority: restricted (vetted practitioners, programme officers, administrators)';
COMMENT ON COLUMN authority_contact.person IS 'name or title of the person or desk';
COMMENT ON COLUMN authority_contact.email IS 'e-mail address';
COMMENT ON COLUMN authority_contact.phone IS 'telephone number(s)';
COMMENT ON COLUMN authority_contact.address IS 'postal address';
COMMENT ON COLUMN authority_contact.platform IS 'secure platform or channel identifier (e.g. e-Evidence portal account)';
COMMENT ON COLUMN authority_contact.hours IS 'when it can be reached';
COMMENT ON COLUMN authority_contact.updated_at IS 'last change';
COMMENT ON COLUMN authority_contact.updated_by IS 'who changed it last';

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
COMMENT ON COLUMN authority_contact.authority_id IS 'the authority this is the contact of';
COMMENT ON COLUMN authority_contact.person IS 'name or title of the person or desk';
COMMENT ON COLUMN authority_contact.email IS 'e-mail address';
COMMENT ON COLUMN authority_contact.phone IS 'telephone number(s)';
COMMENT ON COLUMN authority_contact.address IS 'postal address';
COMMENT ON COLUMN authority_contact.platform IS 'secure platform or channel identifier (e.g. e-Evidence portal account)';
COMMENT ON COLUMN authority_contact.hours IS 'when it can be reached';
COMMENT ON COLUMN authority_contact.updated_at IS 'last change';
COMMENT ON COLUMN authority_contact.updated_by IS 'who changed it last';

-- The organisation a user works for (a prosecutor's office, a police unit): requests for
-- cooperation drafted by one of its members are the organisation's records.
ALTER TABLE app_user ADD COLUMN organisation_id integer REFERENCES organisation(id) ON DELETE SET NULL;
COMMENT ON COLUMN app_user.organisation_id IS 'organisation the user works for (whose cooperation requests they share)';

-- Requests for international cooperation, outgoing and incoming: drafted with the request writer or
-- logged. Restricted records of the author's organisation; only counts leave that circle.
CREATE TABLE cooperation_request (
  id serial PRIMARY KEY,
  direction text NOT NULL DEFAULT 'outgoing' CHECK (direction IN ('outgoing', 'incoming')),
  requesting text NOT NULL REFERENCES country(iso3),
  requested text NOT NULL REFERENCES country(iso3),
  kind text NOT NULL CHECK (kind IN ('preservation', 'subscriber', 'traffic_data', 'stored_content', 'emergency', 'real_time', 'interception', 'extradition', 'other')),
  legal_basis text NOT NULL,
  authority_id integer REFERENCES authority(id) ON DELETE SET NULL,
  requesting_authority text NOT NULL DEFAULT '',
  reference text NOT NULL DEFAULT '',
  offences text[] NOT NULL DEFAULT '{}',
  facts text NOT NULL DEFAULT '',
  data_sought jsonb NOT NULL DEFAULT '{}',
  urgency text NOT NULL DEFAULT '',
  confidential boolean NOT NULL DEFAULT true,
  language text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'executed', 'partly_executed', 'refused', 'withdrawn')),
  sent_on date,
  answered_on date,
  organisation_id integer REFERENCES organisation(id) ON DELETE SET NULL,
  author_id integer REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (answered_on IS NULL OR sent_on IS NULL OR answered_on >= sent_on),
  CHECK (requesting <> requested)
);
CREATE INDEX cooperation_request_requested ON cooperation_request(requested);
COMMENT ON TABLE cooperation_request IS 'A request for international cooperation (restricted to its organisation; counts only outside it)';
COMMENT ON COLUMN cooperation_request.direction IS 'outgoing (sent by the organisation) or incoming (received by it)';
COMMENT ON COLUMN cooperation_request.requesting IS 'requesting state';
COMMENT ON COLUMN cooperation_request.requested IS 'requested state';
COMMENT ON COLUMN cooperation_request.kind IS 'preservation, subscriber, traffic_data, stored_content, emergency, real_time, interception, extradition or other';
COMMENT ON COLUMN cooperation_request.legal_basis IS 'instrument code binding both states, or reciprocity';
COMMENT ON COLUMN cooperation_request.authority_id IS 'the requested authority';
COMMENT ON COLUMN cooperation_request.requesting_authority IS 'the authority making the request (prosecutor''s office, court)';
COMMENT ON COLUMN cooperation_request.reference IS 'the requesting authority''s file reference';
COMMENT ON COLUMN cooperation_request.offences IS 'offence concepts of the request';
COMMENT ON COLUMN cooperation_request.facts IS 'summary of the facts';
COMMENT ON COLUMN cooperation_request.data_sought IS '{provider, identifiers[], date_from, date_to, time_zone, description}';
COMMENT ON COLUMN cooperation_request.urgency IS 'why the request is urgent (empty: not urgent)';
COMMENT ON COLUMN cooperation_request.confidential IS 'whether the request and its contents must be kept confidential';
COMMENT ON COLUMN cooperation_request.language IS 'language the request is written in (ISO 639-2/T)';
COMMENT ON COLUMN cooperation_request.status IS 'draft, sent, executed, partly_executed, refused or withdrawn';
COMMENT ON COLUMN cooperation_request.sent_on IS 'when it was sent (received, for incoming requests)';
COMMENT ON COLUMN cooperation_request.answered_on IS 'when it was executed, refused or withdrawn';
COMMENT ON COLUMN cooperation_request.organisation_id IS 'organisation whose record it is';
COMMENT ON COLUMN cooperation_request.author_id IS 'user who drafted or logged it';
COMMENT ON COLUMN cooperation_request.created_at IS 'when it was created';
COMMENT ON COLUMN cooperation_request.updated_at IS 'last change';

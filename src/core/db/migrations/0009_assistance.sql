-- Technical assistance: requests from member states (with every status change), the activities
-- that answer them (countries, partners, participants by role and sex), and the organisations
-- involved.
CREATE TABLE organisation (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('international_organisation', 'government', 'private_sector', 'civil_society', 'academia')),
  country text REFERENCES country(iso3),
  roles text[] NOT NULL DEFAULT '{}',
  iati_ref text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL
);
COMMENT ON TABLE organisation IS 'An organisation: partner, donor, implementer or beneficiary agency';
COMMENT ON COLUMN organisation.name IS 'name of the organisation';
COMMENT ON COLUMN organisation.kind IS 'international organisation, government, private sector, civil society or academia';
COMMENT ON COLUMN organisation.country IS 'country of the organisation, when it has one';
COMMENT ON COLUMN organisation.roles IS 'roles it plays: donor, implementing partner, beneficiary, host';
COMMENT ON COLUMN organisation.iati_ref IS 'IATI organisation identifier';
COMMENT ON COLUMN organisation.created_at IS 'when it was recorded';
COMMENT ON COLUMN organisation.created_by IS 'who recorded it';

CREATE TABLE assistance_request (
  id serial PRIMARY KEY,
  country text NOT NULL REFERENCES country(iso3),
  agency text NOT NULL,
  received date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('assessment', 'training', 'mentoring', 'legal_drafting', 'equipment', 'outreach', 'other')),
  description text NOT NULL,
  priority text NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high')),
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'under_review', 'accepted', 'in_progress', 'completed', 'declined', 'withdrawn')),
  decline_reason text CHECK (decline_reason IN ('no_funding', 'out_of_mandate', 'duplicate', 'other')),
  tier text NOT NULL DEFAULT 'internal' CHECK (tier IN ('public', 'internal', 'restricted')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX assistance_request_country ON assistance_request (country, received);
COMMENT ON TABLE assistance_request IS 'A request for technical assistance from a member state';
COMMENT ON COLUMN assistance_request.country IS 'requesting country';
COMMENT ON COLUMN assistance_request.agency IS 'requesting agency (e.g. the national police cybercrime unit)';
COMMENT ON COLUMN assistance_request.received IS 'date the request was received';
COMMENT ON COLUMN assistance_request.kind IS 'kind of help asked for';
COMMENT ON COLUMN assistance_request.description IS 'what is asked for';
COMMENT ON COLUMN assistance_request.priority IS 'low, medium or high';
COMMENT ON COLUMN assistance_request.status IS 'received → under_review → accepted → in_progress → completed; or declined, withdrawn';
COMMENT ON COLUMN assistance_request.decline_reason IS 'why a request was declined: no_funding, out_of_mandate, duplicate, other';
COMMENT ON COLUMN assistance_request.tier IS 'access tier (internal by default)';
COMMENT ON COLUMN assistance_request.created_at IS 'when it was recorded';
COMMENT ON COLUMN assistance_request.created_by IS 'who recorded it';
COMMENT ON COLUMN assistance_request.updated_at IS 'last change';
COMMENT ON COLUMN assistance_request.updated_by IS 'who changed it last';

CREATE TABLE request_transition (
  id serial PRIMARY KEY,
  request_id integer NOT NULL REFERENCES assistance_request(id) ON DELETE CASCADE,
  from_status text,
  to_status text NOT NULL,
  reason text,
  note text,
  at timestamptz NOT NULL DEFAULT now(),
  by text NOT NULL
);
COMMENT ON TABLE request_transition IS 'Each status change of a request: who and when';
COMMENT ON COLUMN request_transition.request_id IS 'the request';
COMMENT ON COLUMN request_transition.from_status IS 'status before (none when received)';
COMMENT ON COLUMN request_transition.to_status IS 'status after';
COMMENT ON COLUMN request_transition.reason IS 'decline reason, when declined';
COMMENT ON COLUMN request_transition.note IS 'a note on the change';
COMMENT ON COLUMN request_transition.at IS 'when';
COMMENT ON COLUMN request_transition.by IS 'who';

CREATE TABLE activity (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('assessment_mission', 'training_course', 'workshop', 'mentoring', 'legal_drafting_support', 'equipment_delivery', 'outreach_campaign', 'conference', 'study_visit', 'other')),
  title text NOT NULL,
  description text,
  iati_identifier text UNIQUE,
  sectors text[] NOT NULL DEFAULT '{}',
  region text REFERENCES m49_area(code),
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  hours numeric CHECK (hours >= 0),
  mode text CHECK (mode IN ('in_person', 'online', 'hybrid')),
  audience text,
  concepts text[] NOT NULL DEFAULT '{}',
  cost numeric CHECK (cost >= 0),
  currency text CHECK (currency ~ '^[A-Z]{3}$'),
  cost_usd numeric CHECK (cost_usd >= 0),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'ongoing', 'delivered', 'cancelled')),
  implementer text,
  tier text NOT NULL DEFAULT 'internal' CHECK (tier IN ('public', 'internal', 'restricted')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
  CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start)
);
COMMENT ON TABLE activity IS 'A technical assistance activity: mission, course, mentoring, drafting support, delivery, campaign';
COMMENT ON COLUMN activity.kind IS 'kind of activity';
COMMENT ON COLUMN activity.title IS 'title';
COMMENT ON COLUMN activity.description IS 'what the activity does';
COMMENT ON COLUMN activity.iati_identifier IS 'IATI activity identifier (imported activities, and ours once exported)';
COMMENT ON COLUMN activity.sectors IS 'IATI sectors, VOCABULARY:CODE (e.g. 1:15210)';
COMMENT ON COLUMN activity.region IS 'UN M49 region the activity serves';
COMMENT ON COLUMN activity.planned_start IS 'planned first day';
COMMENT ON COLUMN activity.planned_end IS 'planned last day';
COMMENT ON COLUMN activity.actual_start IS 'actual first day';
COMMENT ON COLUMN activity.actual_end IS 'actual last day';
COMMENT ON COLUMN activity.hours IS 'hours of training or work delivered';
COMMENT ON COLUMN activity.mode IS 'in person, online or hybrid';
COMMENT ON COLUMN activity.audience IS 'who it is for, in words';
COMMENT ON COLUMN activity.concepts IS 'concepts the activity deals with (taxonomy codes)';
COMMENT ON COLUMN activity.cost IS 'cost in its currency';
COMMENT ON COLUMN activity.currency IS 'ISO 4217 code of the cost';
COMMENT ON COLUMN activity.cost_usd IS 'cost in US dollars';
COMMENT ON COLUMN activity.status IS 'planned, ongoing, delivered or cancelled';
COMMENT ON COLUMN activity.implementer IS 'organisation that carries it out; none for the programme itself';
COMMENT ON COLUMN activity.tier IS 'access tier (internal by default)';
COMMENT ON COLUMN activity.created_at IS 'when it was recorded';
COMMENT ON COLUMN activity.created_by IS 'who recorded it';
COMMENT ON COLUMN activity.updated_at IS 'last change';
COMMENT ON COLUMN activity.updated_by IS 'who changed it last';

CREATE TABLE activity_country (
  activity_id integer NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  country text NOT NULL REFERENCES country(iso3),
  PRIMARY KEY (activity_id, country)
);
COMMENT ON TABLE activity_country IS 'Countries an activity serves';
COMMENT ON COLUMN activity_country.activity_id IS 'the activity';
COMMENT ON COLUMN activity_country.country IS 'a country it serves';

CREATE TABLE activity_request (
  activity_id integer NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  request_id integer NOT NULL REFERENCES assistance_request(id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, request_id)
);
COMMENT ON TABLE activity_request IS 'Requests an activity answers';
COMMENT ON COLUMN activity_request.activity_id IS 'the activity';
COMMENT ON COLUMN activity_request.request_id IS 'a request it answers';

CREATE TABLE activity_partner (
  activity_id integer NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  organisation_id integer NOT NULL REFERENCES organisation(id),
  role text NOT NULL CHECK (role IN ('implementing', 'funding', 'host', 'beneficiary')),
  PRIMARY KEY (activity_id, organisation_id, role)
);
COMMENT ON TABLE activity_partner IS 'Organisations taking part in an activity, and how';
COMMENT ON COLUMN activity_partner.activity_id IS 'the activity';
COMMENT ON COLUMN activity_partner.organisation_id IS 'the organisation';
COMMENT ON COLUMN activity_partner.role IS 'implementing, funding, host or beneficiary';

CREATE TABLE participant_count (
  id serial PRIMARY KEY,
  activity_id integer NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('investigator', 'prosecutor', 'judge', 'forensic_examiner', 'policy_maker', 'other')),
  sex text NOT NULL CHECK (sex IN ('female', 'male', 'other', 'not_recorded')),
  country text REFERENCES country(iso3),
  agency text,
  count integer NOT NULL CHECK (count >= 0)
);
CREATE INDEX participant_count_activity ON participant_count (activity_id);
COMMENT ON TABLE participant_count IS 'How many people of a role and sex took part in an activity (counts only, no names)';
COMMENT ON COLUMN participant_count.activity_id IS 'the activity';
COMMENT ON COLUMN participant_count.role IS 'investigator, prosecutor, judge, forensic examiner, policy maker or other';
COMMENT ON COLUMN participant_count.sex IS 'female, male, other or not recorded';
COMMENT ON COLUMN participant_count.country IS 'country of the participants';
COMMENT ON COLUMN participant_count.agency IS 'their agency';
COMMENT ON COLUMN participant_count.count IS 'number of people';

-- Two activities that may duplicate each other, once someone has looked at them.
CREATE TABLE overlap_review (
  activity_a integer NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  activity_b integer NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  verdict text NOT NULL CHECK (verdict IN ('duplicate', 'complementary', 'not_related')),
  note text,
  reviewed_at timestamptz NOT NULL DEFAULT now(),
  reviewed_by text NOT NULL,
  PRIMARY KEY (activity_a, activity_b),
  CHECK (activity_a < activity_b)
);
COMMENT ON TABLE overlap_review IS 'A potential duplicate (two activities) reviewed by someone';
COMMENT ON COLUMN overlap_review.activity_a IS 'the activity with the lower id';
COMMENT ON COLUMN overlap_review.activity_b IS 'the activity with the higher id';
COMMENT ON COLUMN overlap_review.verdict IS 'duplicate, complementary or not related';
COMMENT ON COLUMN overlap_review.note IS 'what was decided';
COMMENT ON COLUMN overlap_review.reviewed_at IS 'when';
COMMENT ON COLUMN overlap_review.reviewed_by IS 'who';

-- Live investigations the programme mentors: restricted; no personal data; only counts leave the tier.
CREATE TABLE mentored_investigation (
  id serial PRIMARY KEY,
  country text NOT NULL REFERENCES country(iso3),
  concept text REFERENCES concept(code),
  opened date NOT NULL,
  closed date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'suspended', 'closed')),
  mentor text NOT NULL,
  notes text,
  tier text NOT NULL DEFAULT 'restricted' CHECK (tier = 'restricted'),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  CHECK (closed IS NULL OR closed >= opened)
);
COMMENT ON TABLE mentored_investigation IS 'An investigation mentored by the programme (restricted; no personal data)';
COMMENT ON COLUMN mentored_investigation.country IS 'country of the investigating agency';
COMMENT ON COLUMN mentored_investigation.concept IS 'offence concept investigated';
COMMENT ON COLUMN mentored_investigation.opened IS 'when mentoring began';
COMMENT ON COLUMN mentored_investigation.closed IS 'when it ended';
COMMENT ON COLUMN mentored_investigation.status IS 'open, suspended or closed';
COMMENT ON COLUMN mentored_investigation.mentor IS 'the programme''s mentor';
COMMENT ON COLUMN mentored_investigation.notes IS 'mentoring notes (no personal data)';
COMMENT ON COLUMN mentored_investigation.tier IS 'always restricted';
COMMENT ON COLUMN mentored_investigation.created_at IS 'when it was recorded';
COMMENT ON COLUMN mentored_investigation.created_by IS 'who recorded it';

-- Financial transactions of activities imported from IATI (commitments, disbursements, expenditure).
CREATE TABLE activity_transaction (
  id serial PRIMARY KEY,
  activity_id integer NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  type text NOT NULL,
  date date NOT NULL,
  value numeric NOT NULL,
  currency text CHECK (currency ~ '^[A-Z]{3}$'),
  value_date date,
  description text
);
CREATE INDEX activity_transaction_activity ON activity_transaction (activity_id);
COMMENT ON TABLE activity_transaction IS 'A financial transaction of an activity (from IATI)';
COMMENT ON COLUMN activity_transaction.activity_id IS 'the activity';
COMMENT ON COLUMN activity_transaction.type IS 'IATI transaction type code (2 commitment, 3 disbursement, 4 expenditure, …)';
COMMENT ON COLUMN activity_transaction.date IS 'transaction date';
COMMENT ON COLUMN activity_transaction.value IS 'amount';
COMMENT ON COLUMN activity_transaction.currency IS 'ISO 4217 currency';
COMMENT ON COLUMN activity_transaction.value_date IS 'date for the exchange rate';
COMMENT ON COLUMN activity_transaction.description IS 'description';

-- Money: donors' contributions (with their earmarking) and the programme's funding needs per year,
-- region and post; the funding position is computed from both.
CREATE TABLE contribution (
  id serial PRIMARY KEY,
  donor_id integer NOT NULL REFERENCES organisation(id),
  amount numeric NOT NULL CHECK (amount > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  usd numeric NOT NULL CHECK (usd > 0),
  pledged date NOT NULL,
  received date,
  period_start integer NOT NULL,
  period_end integer NOT NULL,
  earmark text NOT NULL DEFAULT 'none' CHECK (earmark IN ('none', 'region', 'country', 'theme')),
  earmark_value text,
  note text,
  tier text NOT NULL DEFAULT 'internal' CHECK (tier IN ('public', 'internal', 'restricted')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  CHECK (period_end >= period_start),
  CHECK (received IS NULL OR received >= pledged),
  CHECK ((earmark = 'none') = (earmark_value IS NULL))
);
COMMENT ON TABLE contribution IS 'A donor''s contribution to the programme';
COMMENT ON COLUMN contribution.donor_id IS 'the donor';
COMMENT ON COLUMN contribution.amount IS 'amount in its currency';
COMMENT ON COLUMN contribution.currency IS 'ISO 4217 currency of the amount';
COMMENT ON COLUMN contribution.usd IS 'value in US dollars at the date it was received (or pledged)';
COMMENT ON COLUMN contribution.pledged IS 'date pledged';
COMMENT ON COLUMN contribution.received IS 'date received (none while only pledged)';
COMMENT ON COLUMN contribution.period_start IS 'first year it funds';
COMMENT ON COLUMN contribution.period_end IS 'last year it funds';
COMMENT ON COLUMN contribution.earmark IS 'none, region, country or theme';
COMMENT ON COLUMN contribution.earmark_value IS 'the M49 region, ISO alpha-3 country or concept code it is earmarked for';
COMMENT ON COLUMN contribution.note IS 'note';
COMMENT ON COLUMN contribution.tier IS 'access tier (internal by default)';
COMMENT ON COLUMN contribution.created_at IS 'when it was recorded';
COMMENT ON COLUMN contribution.created_by IS 'who recorded it';

CREATE TABLE funding_need (
  id serial PRIMARY KEY,
  year integer NOT NULL,
  region text REFERENCES m49_area(code),
  post text NOT NULL,
  usd numeric NOT NULL CHECK (usd >= 0),
  created_by text NOT NULL,
  UNIQUE (year, region, post)
);
COMMENT ON TABLE funding_need IS 'What the programme needs for a post (or line) in a year and region, in US dollars';
COMMENT ON COLUMN funding_need.year IS 'year';
COMMENT ON COLUMN funding_need.region IS 'M49 region (none: global)';
COMMENT ON COLUMN funding_need.post IS 'post or budget line, e.g. Regional coordinator';
COMMENT ON COLUMN funding_need.usd IS 'amount needed for the year, US dollars';
COMMENT ON COLUMN funding_need.created_by IS 'who recorded it';

-- Outreach: how many people of each audience an awareness activity reached, and through which channels.
ALTER TABLE activity ADD COLUMN channels text[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN activity.channels IS 'outreach channels: events, schools, social media, radio, television, print, online';
CREATE TABLE audience_count (
  activity_id integer NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  audience text NOT NULL CHECK (audience IN ('children', 'adults', 'caregivers', 'teachers', 'other')),
  count integer NOT NULL CHECK (count >= 0),
  PRIMARY KEY (activity_id, audience)
);
COMMENT ON TABLE audience_count IS 'How many people of an audience an outreach activity reached';
COMMENT ON COLUMN audience_count.activity_id IS 'the activity';
COMMENT ON COLUMN audience_count.audience IS 'children, adults, caregivers, teachers or other';
COMMENT ON COLUMN audience_count.count IS 'number reached';

-- Named participants, only with their consent (internal): attendance, certificates, pre- and
-- post-test scores, and who trains others next (train-the-trainer).
CREATE TABLE person (
  id serial PRIMARY KEY,
  name text NOT NULL,
  sex text NOT NULL DEFAULT 'not_recorded' CHECK (sex IN ('female', 'male', 'other', 'not_recorded')),
  role text NOT NULL CHECK (role IN ('investigator', 'prosecutor', 'judge', 'forensic_examiner', 'policy_maker', 'other')),
  agency text,
  country text REFERENCES country(iso3),
  consent_date date NOT NULL,
  tier text NOT NULL DEFAULT 'internal' CHECK (tier IN ('internal', 'restricted')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL
);
COMMENT ON TABLE person IS 'A participant named with their consent (internal)';
COMMENT ON COLUMN person.name IS 'full name';
COMMENT ON COLUMN person.sex IS 'female, male, other or not recorded';
COMMENT ON COLUMN person.role IS 'professional role';
COMMENT ON COLUMN person.agency IS 'agency';
COMMENT ON COLUMN person.country IS 'country';
COMMENT ON COLUMN person.consent_date IS 'when they consented to be named';
COMMENT ON COLUMN person.tier IS 'internal or restricted';
COMMENT ON COLUMN person.created_at IS 'when recorded';
COMMENT ON COLUMN person.created_by IS 'who recorded them';

CREATE TABLE participation (
  person_id integer NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  activity_id integer NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  as_trainer boolean NOT NULL DEFAULT false,
  attended boolean NOT NULL DEFAULT true,
  certificate boolean NOT NULL DEFAULT false,
  pre_score numeric CHECK (pre_score BETWEEN 0 AND 100),
  post_score numeric CHECK (post_score BETWEEN 0 AND 100),
  PRIMARY KEY (person_id, activity_id)
);
COMMENT ON TABLE participation IS 'A named person in an activity';
COMMENT ON COLUMN participation.person_id IS 'the person';
COMMENT ON COLUMN participation.activity_id IS 'the activity';
COMMENT ON COLUMN participation.as_trainer IS 'took part as a trainer (train-the-trainer progression)';
COMMENT ON COLUMN participation.attended IS 'attended';
COMMENT ON COLUMN participation.certificate IS 'earned a certificate';
COMMENT ON COLUMN participation.pre_score IS 'pre-test score, 0–100';
COMMENT ON COLUMN participation.post_score IS 'post-test score, 0–100';

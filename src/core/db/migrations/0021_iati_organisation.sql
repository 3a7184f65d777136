-- What organisations declare in their IATI organisation files: budgets (in total, per recipient
-- country, region or organisation), expenditure, and documents. Replaced as a whole when the
-- organisation's file is imported again.
CREATE TABLE organisation_budget (
  id serial PRIMARY KEY,
  organisation_id integer NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('total', 'country', 'region', 'organisation', 'expenditure')),
  status text CHECK (status IN ('indicative', 'committed')),
  period_start date NOT NULL,
  period_end date NOT NULL CHECK (period_end >= period_start),
  value numeric NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  value_date date NOT NULL,
  country text REFERENCES country(iso3),
  region text,
  recipient text,
  CHECK ((kind = 'country') = (country IS NOT NULL)),
  CHECK ((kind = 'region') = (region IS NOT NULL)),
  CHECK ((kind = 'expenditure') = (status IS NULL))
);
CREATE INDEX organisation_budget_organisation ON organisation_budget (organisation_id);
CREATE INDEX organisation_budget_country ON organisation_budget (country) WHERE country IS NOT NULL;
COMMENT ON TABLE organisation_budget IS 'A budget or expenditure an organisation declares in its IATI organisation file';
COMMENT ON COLUMN organisation_budget.id IS 'identifier';
COMMENT ON COLUMN organisation_budget.organisation_id IS 'the organisation whose file declares it';
COMMENT ON COLUMN organisation_budget.kind IS 'total budget, budget for a recipient country, region or organisation, or total expenditure';
COMMENT ON COLUMN organisation_budget.status IS 'indicative or committed (IATI BudgetStatus 1, 2); none for expenditure';
COMMENT ON COLUMN organisation_budget.period_start IS 'first day of the period';
COMMENT ON COLUMN organisation_budget.period_end IS 'last day of the period';
COMMENT ON COLUMN organisation_budget.value IS 'amount in its currency';
COMMENT ON COLUMN organisation_budget.currency IS 'ISO 4217 code of the amount';
COMMENT ON COLUMN organisation_budget.value_date IS 'date of the exchange rate the amount is given at';
COMMENT ON COLUMN organisation_budget.country IS 'recipient country (country budgets)';
COMMENT ON COLUMN organisation_budget.region IS 'recipient region as VOCABULARY:CODE (region budgets; IATI vocabulary 1 OECD DAC, 2 UN M49)';
COMMENT ON COLUMN organisation_budget.recipient IS 'recipient organisation, by name or identifier (organisation budgets)';

CREATE TABLE organisation_document (
  id serial PRIMARY KEY,
  organisation_id integer NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  url text NOT NULL,
  format text NOT NULL,
  title text NOT NULL,
  description text,
  categories text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  date date,
  countries text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX organisation_document_organisation ON organisation_document (organisation_id);
COMMENT ON TABLE organisation_document IS 'A document an organisation links to in its IATI organisation file (annual report, strategy…)';
COMMENT ON COLUMN organisation_document.id IS 'identifier';
COMMENT ON COLUMN organisation_document.organisation_id IS 'the organisation whose file links it';
COMMENT ON COLUMN organisation_document.url IS 'where the document is';
COMMENT ON COLUMN organisation_document.format IS 'its media type (IANA)';
COMMENT ON COLUMN organisation_document.title IS 'title (English, else the first given)';
COMMENT ON COLUMN organisation_document.description IS 'what it is about';
COMMENT ON COLUMN organisation_document.categories IS 'IATI document category codes (B01 annual report…)';
COMMENT ON COLUMN organisation_document.languages IS 'languages it is written in (ISO 639-1)';
COMMENT ON COLUMN organisation_document.date IS 'date of the document';
COMMENT ON COLUMN organisation_document.countries IS 'recipient countries it concerns (ISO 3166-1 alpha-3)';

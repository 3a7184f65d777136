-- How many provisions each expression has, kept by the code that writes provisions, so that
-- counts on the home page and in lists do not scan every provision.
ALTER TABLE legal_expression ADD COLUMN provision_count integer NOT NULL DEFAULT 0;
UPDATE legal_expression e SET provision_count = (SELECT count(*) FROM provision p WHERE p.expression_id = e.id);
COMMENT ON COLUMN legal_expression.provision_count IS 'number of provisions in the expression (kept up to date by the writers)';

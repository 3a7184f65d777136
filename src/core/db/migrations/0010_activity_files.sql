-- Activities keep their documents (agenda, report, list of participants) as attachments too.
ALTER TABLE attachment DROP CONSTRAINT attachment_owner_type_check;
ALTER TABLE attachment ADD CONSTRAINT attachment_owner_type_check CHECK (owner_type IN ('work', 'case', 'document', 'activity'));
COMMENT ON COLUMN attachment.owner_type IS 'work, case, document or activity';

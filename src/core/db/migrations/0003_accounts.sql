-- Accounts, sessions, password resets, login attempts; per-user scoped API tokens; access tiers and
-- the editorial workflow on works, cases and documents.

CREATE TABLE app_user (
  id serial PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL,
  password_hash text,
  role text NOT NULL CHECK (role IN ('reader', 'contributor', 'editor', 'programme_officer', 'admin')),
  countries text[] NOT NULL DEFAULT '{}',
  disabled_at timestamptz,
  password_changed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));
COMMENT ON TABLE app_user IS 'A person who signs in: editor, country focal point, programme officer, admin';
COMMENT ON COLUMN app_user.email IS 'sign-in name, unique regardless of case';
COMMENT ON COLUMN app_user.display_name IS 'name shown in the history and audit log';
COMMENT ON COLUMN app_user.password_hash IS 'scrypt$N$r$p$salt$hash; null until a password is set through a reset link';
COMMENT ON COLUMN app_user.role IS 'reader, contributor, editor, programme_officer or admin';
COMMENT ON COLUMN app_user.countries IS 'ISO alpha-3 codes a contributor may draft for';
COMMENT ON COLUMN app_user.disabled_at IS 'when the account was disabled; disabled accounts cannot sign in or use tokens';
COMMENT ON COLUMN app_user.password_changed_at IS 'when the password was last set';

CREATE TABLE user_session (
  id text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user ON user_session(user_id);
COMMENT ON TABLE user_session IS 'Signed-in browser sessions, shared by every app instance';
COMMENT ON COLUMN user_session.id IS 'SHA-256 of the session cookie value, hex';
COMMENT ON COLUMN user_session.user_id IS 'the signed-in user';
COMMENT ON COLUMN user_session.csrf_token IS 'token every form of this session must send back';
COMMENT ON COLUMN user_session.last_seen_at IS 'last request; the session ends after the idle timeout';
COMMENT ON COLUMN user_session.expires_at IS 'absolute end of the session';

CREATE TABLE password_reset (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
COMMENT ON TABLE password_reset IS 'One-time links to set a password, issued by an admin';
COMMENT ON COLUMN password_reset.token_hash IS 'SHA-256 of the token in the link, hex';
COMMENT ON COLUMN password_reset.user_id IS 'whose password the link sets';
COMMENT ON COLUMN password_reset.expires_at IS 'the link stops working then';
COMMENT ON COLUMN password_reset.used_at IS 'when the link was used (it works once)';

CREATE TABLE login_attempt (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  address text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  success boolean NOT NULL
);
CREATE INDEX login_attempt_email ON login_attempt (lower(email), at);
CREATE INDEX login_attempt_address ON login_attempt (address, at);
COMMENT ON TABLE login_attempt IS 'Sign-in attempts, for rate limiting per account and per address';
COMMENT ON COLUMN login_attempt.email IS 'the email typed, known or not';
COMMENT ON COLUMN login_attempt.address IS 'client IP address';
COMMENT ON COLUMN login_attempt.at IS 'when';
COMMENT ON COLUMN login_attempt.success IS 'whether the sign-in succeeded';

ALTER TABLE api_token ADD COLUMN user_id integer REFERENCES app_user(id) ON DELETE CASCADE;
ALTER TABLE api_token ALTER COLUMN scope SET DEFAULT 'read';
UPDATE api_token SET scope = 'write' WHERE scope = 'admin';
ALTER TABLE api_token ADD CONSTRAINT api_token_scope CHECK (scope IN ('read', 'write'));
COMMENT ON COLUMN api_token.user_id IS 'the user the token acts as';
COMMENT ON COLUMN api_token.scope IS 'read (GET with the user''s access) or write (also create, change, delete)';

-- Access tiers and the editorial workflow. Existing rows were public and published.
ALTER TABLE legal_work ADD COLUMN tier text NOT NULL DEFAULT 'public' CHECK (tier IN ('public', 'internal', 'restricted'));
ALTER TABLE legal_case ADD COLUMN tier text NOT NULL DEFAULT 'public' CHECK (tier IN ('public', 'internal', 'restricted'));
ALTER TABLE document ADD COLUMN tier text NOT NULL DEFAULT 'public' CHECK (tier IN ('public', 'internal', 'restricted'));
ALTER TABLE legal_work ADD COLUMN editorial_status text NOT NULL DEFAULT 'published' CHECK (editorial_status IN ('draft', 'in_review', 'published', 'unpublished'));
ALTER TABLE legal_case ADD COLUMN editorial_status text NOT NULL DEFAULT 'published' CHECK (editorial_status IN ('draft', 'in_review', 'published', 'unpublished'));
ALTER TABLE document ADD COLUMN editorial_status text NOT NULL DEFAULT 'published' CHECK (editorial_status IN ('draft', 'in_review', 'published', 'unpublished'));
ALTER TABLE legal_work ALTER COLUMN editorial_status SET DEFAULT 'draft';
ALTER TABLE legal_case ALTER COLUMN editorial_status SET DEFAULT 'draft';
ALTER TABLE document ALTER COLUMN editorial_status SET DEFAULT 'draft';
COMMENT ON COLUMN legal_work.tier IS 'who may see it: public, internal (signed-in staff) or restricted (programme officers and admins)';
COMMENT ON COLUMN legal_case.tier IS 'who may see it: public, internal or restricted';
COMMENT ON COLUMN document.tier IS 'who may see it: public, internal or restricted';
COMMENT ON COLUMN legal_work.editorial_status IS 'draft, in_review, published or unpublished; the public sees published items only';
COMMENT ON COLUMN legal_case.editorial_status IS 'draft, in_review, published or unpublished';
COMMENT ON COLUMN document.editorial_status IS 'draft, in_review, published or unpublished';
CREATE INDEX legal_work_visible ON legal_work (tier, editorial_status);
CREATE INDEX legal_case_visible ON legal_case (tier, editorial_status);
CREATE INDEX document_visible ON document (tier, editorial_status);

ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check CHECK (action IN ('create', 'update', 'delete', 'import', 'transition', 'restore', 'sign_in', 'user'));
ALTER TABLE audit_event ADD COLUMN user_id integer REFERENCES app_user(id) ON DELETE SET NULL;
CREATE INDEX audit_event_user ON audit_event(user_id, at);
CREATE INDEX audit_event_at ON audit_event(at);
COMMENT ON COLUMN audit_event.user_id IS 'the signed-in user or token owner that made the change, when one did';

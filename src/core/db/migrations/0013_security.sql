-- Security round: tokens scoped admin; sign-in throttling with counters updated in one statement
-- (counted before the password is checked) and exponential back-off; known devices, whose sign-in
-- with the right password is not held up by failures on the account from elsewhere.
ALTER TABLE api_token DROP CONSTRAINT api_token_scope;
ALTER TABLE api_token ADD CONSTRAINT api_token_scope CHECK (scope IN ('read', 'write', 'admin'));
UPDATE api_token SET scope = 'admin'
 WHERE token_hash = (SELECT encode(sha256(convert_to(value, 'UTF8')), 'hex') FROM app_secret WHERE name = 'admin_token');
COMMENT ON COLUMN api_token.scope IS 'read (GET and HEAD with the user''s access), write (also create, change, delete) or admin (also users, tokens and reset links; administrators only)';

CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  next_at timestamptz NOT NULL,
  refused boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_throttle_updated ON login_throttle (updated_at);
COMMENT ON TABLE login_throttle IS 'Sign-in back-off per account (the email typed), per address and per known device';
COMMENT ON COLUMN login_throttle.key IS 'account:EMAIL, address:IP or device:HASH';
COMMENT ON COLUMN login_throttle.failures IS 'failed sign-ins in a row, counting attempts still being checked';
COMMENT ON COLUMN login_throttle.next_at IS 'no password is checked for this key before this time';
COMMENT ON COLUMN login_throttle.refused IS 'whether the latest attempt was refused without a check';
COMMENT ON COLUMN login_throttle.updated_at IS 'when the latest attempt was counted';

CREATE TABLE login_device (
  id text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_device_user ON login_device (user_id);
COMMENT ON TABLE login_device IS 'Browsers a user has signed in from (a long-lived cookie), so that failures elsewhere do not lock them out';
COMMENT ON COLUMN login_device.id IS 'SHA-256 of the device cookie value';
COMMENT ON COLUMN login_device.user_id IS 'the user who signed in on that device';
COMMENT ON COLUMN login_device.created_at IS 'first sign-in on the device';
COMMENT ON COLUMN login_device.last_used_at IS 'latest sign-in on the device';

DROP TABLE login_attempt;

-- Signing in to `labnet serve`: a bcrypt hash per account, sessions stored
-- only as the SHA-256 of their token (with idle and absolute expiry), and
-- failed sign-ins per login for the lockout.
CREATE TABLE account_password (
  account_id INTEGER PRIMARY KEY REFERENCES account (id),
  bcrypt TEXT NOT NULL CHECK (length(bcrypt) = 60),
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE session (
  token_sha256 TEXT PRIMARY KEY CHECK (length(token_sha256) = 64),
  account_id INTEGER NOT NULL REFERENCES account (id),
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  CHECK (expires_at > created_at)
) STRICT;
CREATE INDEX session_account ON session (account_id);

CREATE TABLE sign_in_failure (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL,
  failed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sign_in_failure_login ON sign_in_failure (login, failed_at);

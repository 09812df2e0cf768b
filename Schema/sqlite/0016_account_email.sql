-- Accounts gain an e-mail address, where the outbox's messages are delivered
-- (`labnet notify send`). Kept beside the account: an account may have none.
CREATE TABLE account_email (
  account_id INTEGER PRIMARY KEY REFERENCES account (id),
  address TEXT NOT NULL CHECK (length(address) BETWEEN 3 AND 254 AND address LIKE '%_@_%'),
  updated_at INTEGER NOT NULL
) STRICT;

-- Accounts gain an e-mail address, where the outbox's messages are delivered
-- (`labnet notify send`). Kept beside the account: an account may have none.
CREATE TABLE account_email (
  account_id bigint PRIMARY KEY REFERENCES account (id),
  address text NOT NULL CHECK (length(address) BETWEEN 3 AND 254 AND address LIKE '%_@_%'),
  updated_at bigint NOT NULL
);
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'labnet_owner') THEN
    ALTER TABLE account_email OWNER TO labnet_owner;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'labnet_app') THEN
    GRANT SELECT, INSERT ON account_email TO labnet_app;
    GRANT UPDATE (address, updated_at) ON account_email TO labnet_app;
  END IF;
END $$;

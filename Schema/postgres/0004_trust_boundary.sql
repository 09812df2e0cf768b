-- The trust boundary. People hold no database login that can change anything:
-- the schema belongs to labnet_owner, and labnet's programs connect as a login
-- granted labnet_app, which holds exactly what the operations need (labnet's
-- own rules then decide who may do what, --as). init and seed run as a member
-- of labnet_owner or a superuser; a later migration that adds a table, column
-- or sequence gives it to labnet_owner and grants labnet_app what it needs.

-- Roles are cluster-wide: another database's `labnet init` may create them meanwhile.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'labnet_owner') THEN
    CREATE ROLE labnet_owner NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'labnet_app') THEN
    CREATE ROLE labnet_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- labnet_user, granted to people's own logins until now, could write every table.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM labnet_user;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM labnet_user;
REVOKE ALL ON SCHEMA public FROM labnet_user;
DO $$
DECLARE
  creator text;
BEGIN
  FOR creator IN
    SELECT DISTINCT pg_get_userbyid(d.defaclrole) FROM pg_default_acl AS d
    WHERE d.defaclnamespace = 'public'::regnamespace
      AND EXISTS (SELECT 1 FROM aclexplode(d.defaclacl) AS a
                  WHERE a.grantee = 'labnet_user'::regrole)
  LOOP
    EXECUTE format(
      'ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public REVOKE ALL ON TABLES FROM labnet_user',
      creator);
    EXECUTE format(
      'ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public REVOKE ALL ON SEQUENCES FROM labnet_user',
      creator);
  END LOOP;
END $$;
-- Nobody but the owner creates objects where labnet's functions look.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO labnet_owner;

-- The owner: every table (with its identity sequence and indexes) and function.
ALTER TABLE unit OWNER TO labnet_owner;
ALTER TABLE account OWNER TO labnet_owner;
ALTER TABLE account_role OWNER TO labnet_owner;
ALTER TABLE instrument OWNER TO labnet_owner;
ALTER TABLE maintenance_block OWNER TO labnet_owner;
ALTER TABLE reservation OWNER TO labnet_owner;
ALTER TABLE voucher_policy OWNER TO labnet_owner;
ALTER TABLE voucher_acceptance OWNER TO labnet_owner;
ALTER TABLE voucher OWNER TO labnet_owner;
ALTER TABLE voucher_ledger OWNER TO labnet_owner;
ALTER TABLE voucher_code_counter OWNER TO labnet_owner;
ALTER TABLE schema_migrations OWNER TO labnet_owner;

-- The ledger keeps voucher.balance_fen, which labnet_app may not update: the
-- trigger runs as the owner, with a search path nobody else can write to.
CREATE OR REPLACE FUNCTION voucher_ledger_apply() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE public.voucher SET balance_fen = balance_fen + NEW.amount_fen WHERE id = NEW.voucher_id;
  RETURN NULL;
END $$;
ALTER FUNCTION voucher_ledger_apply() OWNER TO labnet_owner;
ALTER FUNCTION voucher_ledger_append_only() OWNER TO labnet_owner;

-- labnet_app: what the operations read and write, and nothing else: no DDL,
-- TRUNCATE, REFERENCES or TRIGGER, and UPDATE only of the columns labnet
-- changes (no table-wide UPDATE, so LOCK TABLE beyond ACCESS SHARE only on
-- voucher_acceptance, whose DELETE allows it; labnet's lock_timeout bounds that).
GRANT USAGE ON SCHEMA public TO labnet_app;
GRANT SELECT ON unit, account, account_role, instrument, maintenance_block, reservation,
  voucher_policy, voucher_acceptance, voucher, voucher_ledger, voucher_code_counter,
  schema_migrations TO labnet_app;
GRANT INSERT ON unit, account, account_role, instrument, maintenance_block, reservation,
  voucher_acceptance, voucher, voucher_ledger, voucher_code_counter TO labnet_app;
GRANT UPDATE (name, model, manufacturer, category, value_fen, hourly_rate_fen, location,
  opening_hours, status, shared, granularity_minutes, updated_at) ON instrument TO labnet_app;
GRANT UPDATE (status, status_reason, used_from, used_to, charged_fee_fen, updated_at)
  ON reservation TO labnet_app;
GRANT UPDATE (cover_basis_points, cap_fen, updated_at) ON voucher_policy TO labnet_app;
GRANT UPDATE (last_number) ON voucher_code_counter TO labnet_app;
-- SELECT … FOR UPDATE needs UPDATE on some column; status is the only one
-- of a voucher that is not money.
GRANT UPDATE (status) ON voucher TO labnet_app;
-- `voucher policy set --accept` replaces a province's list.
GRANT DELETE ON voucher_acceptance TO labnet_app;
-- nextval (USAGE), not setval (UPDATE) nor reading it (SELECT).
GRANT USAGE ON SEQUENCE unit_id_seq, account_id_seq, instrument_id_seq,
  maintenance_block_id_seq, reservation_id_seq, voucher_id_seq, voucher_ledger_id_seq
  TO labnet_app;

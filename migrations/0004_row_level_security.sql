-- Row-level security: request work runs under platform_app, a NOLOGIN role that owns nothing and does not
-- bypass RLS (superusers, table owners and BYPASSRLS roles do). The kernel switches to it per transaction
-- (set_config('role', 'platform_app', true)) and sets app.tenant_id; the policies on every table with a
-- tenant_id column (installed at every migrate, core/src/db/row-level-security.ts) compare the two.
-- Roles belong to the whole cluster: several databases on one server share this one.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'platform_app') THEN
    BEGIN
      CREATE ROLE platform_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database on this server created it at the same moment
    END;
  END IF;
  -- The connecting role must be a member to switch to it (a superuser always may).
  IF NOT pg_has_role(current_user, 'platform_app', 'MEMBER') THEN
    EXECUTE format('GRANT platform_app TO %I', current_user);
  END IF;
END
$$;

-- Tables and sequences created later by the migrating role (a job adding a partition) are granted at once;
-- the policies themselves are installed at every migrate.
DO $$
BEGIN
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO platform_app', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO platform_app', current_schema());
END
$$;

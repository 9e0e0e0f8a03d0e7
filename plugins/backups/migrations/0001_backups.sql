-- Backups: one row per backup (its blobs live in the blob store under backups/<tenant>/<id>/), one per restore, and the schedules.
CREATE TABLE backups_backups (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  scope text NOT NULL CHECK (scope IN ('full', 'partial')),
  plugins text[] NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  rows_done bigint NOT NULL DEFAULT 0,
  rows_total bigint NOT NULL DEFAULT 0,
  bytes bigint NOT NULL DEFAULT 0,
  parts integer NOT NULL DEFAULT 0,
  manifest_sha256 text,
  error text,
  schedule_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX backups_backups_tenant_idx ON backups_backups (tenant_id, created_at DESC);

CREATE TABLE backups_restores (
  id uuid PRIMARY KEY,
  backup_id uuid NOT NULL,
  source_tenant_id uuid NOT NULL,
  -- The tenant restored into (the backup's own for a replace, another for a clone).
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('replace', 'clone')),
  status text NOT NULL CHECK (status IN ('verifying', 'restoring', 'completed', 'failed')),
  rows_done bigint NOT NULL DEFAULT 0,
  rows_total bigint NOT NULL DEFAULT 0,
  rows_deleted bigint NOT NULL DEFAULT 0,
  rows_inserted bigint NOT NULL DEFAULT 0,
  error text,
  failed_part text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX backups_restores_tenant_idx ON backups_restores (tenant_id, created_at DESC);

CREATE TABLE backups_schedules (
  id uuid PRIMARY KEY,
  -- NULL: every active tenant.
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  plugins text[],
  hour_utc integer NOT NULL DEFAULT 2 CHECK (hour_utc BETWEEN 0 AND 23),
  keep_daily integer NOT NULL DEFAULT 7 CHECK (keep_daily BETWEEN 0 AND 366),
  keep_weekly integer NOT NULL DEFAULT 4 CHECK (keep_weekly BETWEEN 0 AND 520),
  enabled boolean NOT NULL DEFAULT true,
  last_run_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

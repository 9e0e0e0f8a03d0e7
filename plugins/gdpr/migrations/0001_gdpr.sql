-- GDPR requests of one tenant: about one person (export, deletion or both) or the tenant's own data (export).
CREATE TABLE gdpr_requests (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('export', 'deletion', 'both')),
  about text NOT NULL CHECK (about IN ('person', 'tenant')),
  status text NOT NULL CHECK (status IN ('awaiting_verification', 'verified', 'completed', 'rejected')),
  subject_email text,
  subject_name text,
  subject_phone text,
  requested_by text,
  verify_email text,
  verify_token_hash text UNIQUE,
  verify_expires_at timestamptz,
  verified_at timestamptz,
  deadline_at timestamptz NOT NULL,
  export_blob_key text,
  download_token_hash text UNIQUE,
  download_expires_at timestamptz,
  downloaded_at timestamptz,
  certificate_id uuid,
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gdpr_requests_tenant_idx ON gdpr_requests (tenant_id, created_at DESC);

-- Deletion certificates: kept permanently, no personal data (categories, counts, time, operator's user id).
CREATE TABLE gdpr_certificates (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  request_id uuid NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  operator_id text,
  body jsonb NOT NULL,
  sha256 text NOT NULL
);
CREATE FUNCTION gdpr_certificates_permanent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'deletion certificates are permanent: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER gdpr_certificates_no_change BEFORE UPDATE OR DELETE ON gdpr_certificates FOR EACH ROW EXECUTE FUNCTION gdpr_certificates_permanent();

-- Retention per personal-data category (platform-wide): rows older than retention_days get that category's fields
-- erased (or are deleted, for tables whose deletion rule is delete) by the nightly job.
CREATE TABLE gdpr_retention_settings (
  category text PRIMARY KEY,
  retention_days integer NOT NULL CHECK (retention_days > 0),
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_applied_at timestamptz,
  last_applied_rows integer
);

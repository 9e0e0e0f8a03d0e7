-- A test plugin's tenant data, with the column types a backup must carry exactly.
CREATE TABLE bnotes_notebooks (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  title text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE bnotes_notes (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  notebook_id uuid NOT NULL REFERENCES bnotes_notebooks (id) ON DELETE CASCADE,
  body text NOT NULL,
  author_email text,
  meta jsonb NOT NULL DEFAULT '{}',
  amount_minor bigint NOT NULL DEFAULT 0,
  ratio numeric(12, 4),
  score double precision,
  blob bytea,
  due_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX bnotes_notes_tenant_body ON bnotes_notes (tenant_id, body);
-- A child without a tenant column: it belongs to its note's tenant.
CREATE TABLE bnotes_revisions (
  id bigserial PRIMARY KEY,
  note_id uuid NOT NULL REFERENCES bnotes_notes (id) ON DELETE CASCADE,
  revision integer NOT NULL,
  diff text NOT NULL
);

-- The benchmark's own tenant tables, three of them as if of three plugins.
CREATE TABLE benchbk_orders (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  customer_email text NOT NULL,
  total_minor bigint NOT NULL,
  currency text NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX benchbk_orders_tenant ON benchbk_orders (tenant_id);
CREATE TABLE benchbk_events (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX benchbk_events_tenant ON benchbk_events (tenant_id);
CREATE TABLE benchbk_notes (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  title text NOT NULL,
  body text NOT NULL,
  tags text[] NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX benchbk_notes_tenant ON benchbk_notes (tenant_id);

-- Support tickets. Every table carries tenant_id, so the kernel's row-level security policy applies: a tenant's
-- transaction sees only its own tickets, messages, attachments and snapshots.
CREATE TABLE support_tickets (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  number bigint GENERATED ALWAYS AS IDENTITY,
  subject text NOT NULL,
  body text NOT NULL,
  category text NOT NULL CHECK (category IN ('question', 'problem', 'billing', 'feature_request', 'account', 'other')),
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status text NOT NULL CHECK (status IN ('open', 'pending', 'on_hold', 'solved', 'closed')),
  reporter_user_id uuid,
  reporter_email text,
  reporter_name text,
  assignee_user_id uuid,
  assignee_label text,
  first_response_due_at timestamptz NOT NULL,
  resolution_due_at timestamptz NOT NULL,
  first_response_at timestamptz,
  solved_at timestamptz,
  closed_at timestamptz,
  -- Set by the SLA job (support.sla-breaches) when a timer runs out; kept once set.
  first_response_breached_at timestamptz,
  resolution_breached_at timestamptz,
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX support_tickets_number ON support_tickets (number);
CREATE INDEX support_tickets_tenant ON support_tickets (tenant_id, created_at DESC);
CREATE INDEX support_tickets_queue ON support_tickets (status, priority, created_at);
CREATE INDEX support_tickets_reporter ON support_tickets (reporter_user_id);

-- The thread: replies from the tenant and from staff. `internal` notes are staff-only and never shown to the tenant.
CREATE TABLE support_ticket_messages (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  ticket_id uuid NOT NULL REFERENCES support_tickets (id) ON DELETE CASCADE,
  author_kind text NOT NULL CHECK (author_kind IN ('tenant', 'staff')),
  author_user_id uuid,
  author_label text,
  body text NOT NULL,
  internal boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_ticket_messages_ticket ON support_ticket_messages (ticket_id, created_at);

-- Files attached to a ticket; the bytes live in the blob store under `support/<tenant>/<ticket>/<id>`.
-- content_type is what the bytes are (sniffed from magic bytes), never what the client said.
CREATE TABLE support_attachments (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  ticket_id uuid NOT NULL REFERENCES support_tickets (id) ON DELETE CASCADE,
  filename text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  blob_key text NOT NULL,
  uploaded_by_user_id uuid,
  uploaded_by_kind text NOT NULL CHECK (uploaded_by_kind IN ('tenant', 'staff')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_attachments_ticket ON support_attachments (ticket_id, created_at);

-- Debug snapshots staff take on a ticket: what the tenant's platform looked like at that moment, secrets redacted.
CREATE TABLE support_snapshots (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  ticket_id uuid NOT NULL REFERENCES support_tickets (id) ON DELETE CASCADE,
  taken_by_user_id uuid,
  taken_by_label text,
  sections jsonb NOT NULL,
  redacted_count int NOT NULL DEFAULT 0,
  taken_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_snapshots_ticket ON support_snapshots (ticket_id, taken_at DESC);

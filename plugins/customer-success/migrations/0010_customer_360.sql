-- Customer 360 (issue 21 item 2): staff's internal notes, contact log and admin tags per tenant. Each table carries
-- tenant_id, so the kernel's row-level security policy applies; only platform (staff) routes read or write them.
CREATE TABLE customer_success_notes (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  user_id uuid,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  author_id uuid,
  author_label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_success_notes_tenant ON customer_success_notes (tenant_id, created_at DESC);

CREATE TABLE customer_success_contacts (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'phone', 'meeting', 'chat', 'other')),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
  contacted_at timestamptz NOT NULL,
  author_id uuid,
  author_label text,
  message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_success_contacts_tenant ON customer_success_contacts (tenant_id, contacted_at DESC);

CREATE TABLE customer_success_tags (
  tenant_id uuid NOT NULL,
  tag text NOT NULL CHECK (tag ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  author_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, tag)
);
CREATE INDEX customer_success_tags_tag ON customer_success_tags (tag);

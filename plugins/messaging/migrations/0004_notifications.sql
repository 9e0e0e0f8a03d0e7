-- Notification rules: a durable event (by name pattern, `*` one segment, `**` any) sent as a template on a
-- channel to explicit recipients and/or recipients read from the event's payload. tenant_id NULL: a platform
-- rule, which sees every matching event whatever its tenant (sent as a platform message, no tenant credits).
CREATE TABLE messaging_notification_rules (
  id uuid PRIMARY KEY,
  tenant_id uuid,
  name text NOT NULL,
  event_pattern text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  template_key text NOT NULL,
  recipients text[] NOT NULL DEFAULT '{}',
  recipient_paths text[] NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (cardinality(recipients) + cardinality(recipient_paths) > 0)
);
CREATE INDEX messaging_notification_rules_tenant ON messaging_notification_rules (tenant_id) WHERE enabled;

-- One row per (event, rule, recipient): what the worker did for it. `sent` and `failed` are final (the worker
-- never sends again for that row); `pending` rows are retried with the event (the kernel's backoff, then its
-- dead letter). The message id is the MessageSender's record; the same idempotency key is sent every time.
CREATE TABLE messaging_notification_deliveries (
  event_id bigint NOT NULL,
  rule_id uuid NOT NULL REFERENCES messaging_notification_rules (id) ON DELETE CASCADE,
  recipient text NOT NULL,
  tenant_id uuid,
  event_name text NOT NULL,
  channel text NOT NULL,
  idempotency_key text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  message_id uuid,
  message_status text,
  error_code text,
  error text,
  attempts int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, rule_id, recipient)
);
CREATE INDEX messaging_notification_deliveries_tenant_created ON messaging_notification_deliveries (tenant_id, created_at DESC);
CREATE INDEX messaging_notification_deliveries_rule ON messaging_notification_deliveries (rule_id, created_at DESC);

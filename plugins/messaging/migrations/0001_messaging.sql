-- Provider configurations: platform-level, any number per provider (two Twilio accounts...). `config` holds the
-- provider's settings with its Secret() fields sealed by the kernel (never plain text at rest).
CREATE TABLE messaging_provider_configs (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  provider_id text NOT NULL,
  name text NOT NULL,
  config jsonb NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  last_test_at timestamptz,
  last_test_ok boolean,
  last_test_detail text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX messaging_provider_configs_name ON messaging_provider_configs (channel, lower(name));

-- Which configurations a tenant's messages go through, in priority order (failover takes the next one).
-- tenant_id NULL is the platform default, used for tenants without an order of their own.
CREATE TABLE messaging_assignments (
  id uuid PRIMARY KEY,
  tenant_id uuid,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  provider_config_ids uuid[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX messaging_assignments_tenant_channel ON messaging_assignments (COALESCE(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), channel);

-- Every message, from queued to its last delivery status. tenant_id NULL: a platform message (no credits).
CREATE TABLE messaging_messages (
  id uuid PRIMARY KEY,
  tenant_id uuid,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  status text NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed', 'undelivered', 'bounced', 'complained', 'opened')),
  recipient text NOT NULL,
  recipients jsonb NOT NULL DEFAULT '[]',
  sender jsonb,
  reply_to jsonb,
  subject text,
  body text,
  html text,
  template_key text,
  template_version_id text,
  language text,
  purpose text,
  segments int NOT NULL DEFAULT 0,
  credits_reserved int NOT NULL DEFAULT 0,
  provider_config_id uuid REFERENCES messaging_provider_configs (id) ON DELETE SET NULL,
  provider_id text,
  provider_message_id text,
  cost_minor bigint,
  cost_currency text,
  error text,
  idempotency_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX messaging_messages_idempotency ON messaging_messages (COALESCE(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX messaging_messages_provider_message ON messaging_messages (provider_config_id, provider_message_id)
  WHERE provider_message_id IS NOT NULL;
CREATE INDEX messaging_messages_tenant_created ON messaging_messages (tenant_id, created_at DESC);
CREATE INDEX messaging_messages_created ON messaging_messages (created_at DESC);

-- One row per try with one configuration: failover is visible on the message.
CREATE TABLE messaging_message_attempts (
  id uuid PRIMARY KEY,
  message_id uuid NOT NULL REFERENCES messaging_messages (id) ON DELETE CASCADE,
  seq int NOT NULL,
  provider_config_id uuid REFERENCES messaging_provider_configs (id) ON DELETE SET NULL,
  provider_id text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('sent', 'auth', 'unavailable', 'timeout', 'rejected')),
  detail text,
  http_status int,
  at timestamptz NOT NULL,
  UNIQUE (message_id, seq)
);

-- The message's status history (sending, then the providers' callbacks). A status reported twice is kept once.
CREATE TABLE messaging_message_events (
  id bigserial PRIMARY KEY,
  message_id uuid NOT NULL REFERENCES messaging_messages (id) ON DELETE CASCADE,
  status text NOT NULL,
  source text NOT NULL CHECK (source IN ('send', 'callback')),
  reason text,
  provider_at timestamptz,
  at timestamptz NOT NULL,
  UNIQUE (message_id, status, source)
);

-- Callbacks that arrive before the provider's answer to the send is recorded (fast providers): kept here and
-- applied when the send is recorded. Only signed callbacks get here; unclaimed ones are dropped after 7 days.
CREATE TABLE messaging_pending_updates (
  id bigserial PRIMARY KEY,
  provider_config_id uuid NOT NULL REFERENCES messaging_provider_configs (id) ON DELETE CASCADE,
  provider_message_id text NOT NULL,
  status text NOT NULL,
  reason text,
  provider_at timestamptz,
  received_at timestamptz NOT NULL
);
CREATE INDEX messaging_pending_updates_message ON messaging_pending_updates (provider_config_id, provider_message_id);
CREATE INDEX messaging_pending_updates_received ON messaging_pending_updates (received_at);

-- Payments through provider plugins, manual payments, webhooks (idempotent per provider event), credit notes, dunning.

ALTER TABLE billing_invoices
  ADD COLUMN amount_credited_minor bigint NOT NULL DEFAULT 0 CHECK (amount_credited_minor >= 0),
  -- dunning: failed collection attempts, when the first failed, when to try next, the action taken after the last
  ADD COLUMN payment_failures integer NOT NULL DEFAULT 0 CHECK (payment_failures >= 0),
  ADD COLUMN first_failed_at timestamptz,
  ADD COLUMN next_collection_at timestamptz,
  ADD COLUMN dunning_action text;
CREATE INDEX billing_invoices_collection ON billing_invoices (next_collection_at) WHERE next_collection_at IS NOT NULL AND state = 'open';

-- A payment provider account (which provider plugin, its settings with Secret() fields sealed by the kernel).
CREATE TABLE billing_payment_configs (
  id uuid PRIMARY KEY,
  provider_id text NOT NULL CHECK (provider_id ~ '^[a-z][a-z0-9-]{0,62}$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  settings jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX billing_payment_configs_one_default ON billing_payment_configs (is_default) WHERE is_default;

-- The tenant's customer at a provider account.
CREATE TABLE billing_customers (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  config_id uuid NOT NULL REFERENCES billing_payment_configs (id),
  customer_ref text NOT NULL,
  payment_method_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_customers_once UNIQUE (tenant_id, config_id)
);

CREATE TABLE billing_payments (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  invoice_id uuid NOT NULL REFERENCES billing_invoices (id),
  -- null for a manual payment
  config_id uuid REFERENCES billing_payment_configs (id),
  method text NOT NULL CHECK (method IN ('provider', 'bank_transfer', 'cash', 'cheque', 'other')),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status text NOT NULL CHECK (status IN ('processing', 'requires_action', 'succeeded', 'failed')),
  provider_ref text,
  failure_reason text,
  action_url text,
  -- manual payments: why and who
  reason text,
  recorded_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_payments_manual_reason CHECK (method = 'provider' OR (reason IS NOT NULL AND length(btrim(reason)) > 0))
);
CREATE UNIQUE INDEX billing_payments_provider_ref ON billing_payments (config_id, provider_ref) WHERE provider_ref IS NOT NULL;
CREATE INDEX billing_payments_invoice ON billing_payments (invoice_id);
CREATE INDEX billing_payments_tenant ON billing_payments (tenant_id, created_at DESC);

-- Every provider event applied, once: the same event delivered twice finds its row and changes nothing.
CREATE TABLE billing_webhook_events (
  id uuid PRIMARY KEY,
  config_id uuid NOT NULL REFERENCES billing_payment_configs (id),
  event_id text NOT NULL,
  type text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_webhook_events_once UNIQUE (config_id, event_id)
);

CREATE TABLE billing_credit_notes (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  invoice_id uuid NOT NULL REFERENCES billing_invoices (id),
  issuer text NOT NULL REFERENCES billing_invoice_counters (issuer),
  sequence bigint NOT NULL,
  number text NOT NULL,
  -- refund: money goes back (through the provider that took it, or recorded as paid back manually);
  -- correction: lowers what an unpaid invoice asks for
  kind text NOT NULL CHECK (kind IN ('refund', 'correction')),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  refund_status text NOT NULL CHECK (refund_status IN ('none', 'pending', 'succeeded', 'failed', 'manual')),
  refund_ref text,
  payment_id uuid REFERENCES billing_payments (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_credit_notes_number UNIQUE (issuer, sequence)
);
CREATE INDEX billing_credit_notes_invoice ON billing_credit_notes (invoice_id);
INSERT INTO billing_invoice_counters (issuer, prefix) VALUES ('platform-credit-notes', 'CN');

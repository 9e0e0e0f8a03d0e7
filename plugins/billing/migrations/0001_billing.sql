-- Billing: accounts, tax rates, meter prices, pending charges, invoices with gapless numbers per issuer.
-- Money is integer minor units (bigint) of an ISO-4217 currency; no float column anywhere.

-- One billing account per tenant: how often and when it is invoiced, in which currency, to whom.
CREATE TABLE billing_accounts (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL UNIQUE,
  cycle text NOT NULL CHECK (cycle IN ('monthly', 'annual')),
  -- periods start on this day of the month (1–28, so every month has it)
  anchor_day integer NOT NULL CHECK (anchor_day BETWEEN 1 AND 28),
  -- for annual cycles, the month (1–12) periods start in
  anchor_month integer NOT NULL DEFAULT 1 CHECK (anchor_month BETWEEN 1 AND 12),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  contact_name text,
  contact_email text,
  tax_id text,
  -- ISO-3166 alpha-2
  country text CHECK (country IS NULL OR country ~ '^[A-Z]{2}$'),
  -- the first period invoiced is the one containing this date
  billing_starts_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Tax rates by country (platform-wide) or for one tenant (takes precedence over its country's).
CREATE TABLE billing_tax_rates (
  id uuid PRIMARY KEY,
  country text CHECK (country IS NULL OR country ~ '^[A-Z]{2}$'),
  tenant_id uuid,
  label text NOT NULL CHECK (length(btrim(label)) > 0),
  -- basis points: 20 % = 2000
  rate_bp integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  mode text NOT NULL CHECK (mode IN ('inclusive', 'exclusive')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_tax_rates_target CHECK ((country IS NULL) <> (tenant_id IS NULL))
);
CREATE UNIQUE INDEX billing_tax_rates_one_per_country ON billing_tax_rates (country) WHERE country IS NOT NULL;
CREATE UNIQUE INDEX billing_tax_rates_one_per_tenant ON billing_tax_rates (tenant_id) WHERE tenant_id IS NOT NULL;

-- Price per unit of a meter beyond the plan's quota, per currency (optionally for one plan only).
CREATE TABLE billing_meter_prices (
  id uuid PRIMARY KEY,
  meter text NOT NULL CHECK (length(meter) BETWEEN 1 AND 100),
  -- null: every plan
  plan_id uuid,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX billing_meter_prices_one ON billing_meter_prices (meter, currency, coalesce(plan_id, '00000000-0000-0000-0000-000000000000'));

-- Gapless invoice numbers per issuer: the row is locked FOR UPDATE in the transaction that inserts the invoice.
CREATE TABLE billing_invoice_counters (
  issuer text PRIMARY KEY,
  prefix text NOT NULL,
  last_number bigint NOT NULL DEFAULT 0 CHECK (last_number >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO billing_invoice_counters (issuer, prefix) VALUES ('platform', 'INV');

CREATE TABLE billing_invoices (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  issuer text NOT NULL REFERENCES billing_invoice_counters (issuer),
  -- assigned when the invoice leaves draft (gapless per issuer); null while draft
  sequence bigint,
  number text,
  kind text NOT NULL CHECK (kind IN ('cycle', 'manual')),
  state text NOT NULL CHECK (state IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  period_start date,
  period_end date,
  subtotal_minor bigint NOT NULL,
  tax_minor bigint NOT NULL,
  total_minor bigint NOT NULL,
  amount_paid_minor bigint NOT NULL DEFAULT 0 CHECK (amount_paid_minor >= 0),
  tax_label text,
  tax_rate_bp integer NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  tax_mode text NOT NULL DEFAULT 'exclusive' CHECK (tax_mode IN ('inclusive', 'exclusive')),
  -- snapshot of the billing contact when issued (anonymized on erasure; the invoice itself is retained)
  bill_to jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(bill_to) = 'object'),
  memo text NOT NULL DEFAULT '',
  issued_at timestamptz,
  due_at timestamptz,
  paid_at timestamptz,
  voided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_invoices_numbered CHECK ((state = 'draft') = (sequence IS NULL) OR state = 'void'),
  CONSTRAINT billing_invoices_period CHECK (kind <> 'cycle' OR (period_start IS NOT NULL AND period_end > period_start)),
  CONSTRAINT billing_invoices_totals CHECK (total_minor = subtotal_minor + CASE WHEN tax_mode = 'exclusive' THEN tax_minor ELSE 0 END)
);
CREATE UNIQUE INDEX billing_invoices_number ON billing_invoices (issuer, sequence) WHERE sequence IS NOT NULL;
-- one cycle invoice per tenant and period, ever (re-runs and racing instances)
CREATE UNIQUE INDEX billing_invoices_one_per_period ON billing_invoices (tenant_id, period_start) WHERE kind = 'cycle';
CREATE INDEX billing_invoices_tenant ON billing_invoices (tenant_id, created_at DESC);
CREATE INDEX billing_invoices_state ON billing_invoices (state, due_at);

CREATE TABLE billing_invoice_lines (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  invoice_id uuid NOT NULL REFERENCES billing_invoices (id),
  position integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('plan', 'proration', 'overage', 'charge', 'manual', 'credit')),
  description text NOT NULL,
  quantity bigint NOT NULL DEFAULT 1,
  unit_amount_minor bigint NOT NULL,
  amount_minor bigint NOT NULL,
  -- where the line comes from (e.g. `plans.change` + assignment id, `marketplace.purchase` + purchase id)
  source text,
  source_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_invoice_lines_position UNIQUE (invoice_id, position)
);
CREATE INDEX billing_invoice_lines_tenant ON billing_invoice_lines (tenant_id);

-- Charges waiting for the tenant's next invoice (add-ons, one-off services, carried credits).
CREATE TABLE billing_pending_charges (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
  source_id text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 500),
  amount_minor bigint NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
  -- the invoice that carries it; null while pending
  invoice_id uuid REFERENCES billing_invoices (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT billing_pending_charges_once UNIQUE (source, source_id)
);
CREATE INDEX billing_pending_charges_open ON billing_pending_charges (tenant_id) WHERE invoice_id IS NULL;

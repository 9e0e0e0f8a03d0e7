-- SMS credits: a per-tenant account (a lock and a cached balance) and an append-only ledger of movements.
-- The ledger is the source of truth: the account's balance is the sum of its movements, kept in step in
-- the same transaction as each append (the tests compare them).

CREATE TABLE messaging_credit_accounts (
  tenant_id uuid PRIMARY KEY,
  balance bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),
  -- Below this many credits the tenant is "low" (NULL: the plugin default); low_notified is set once the
  -- `messaging.credits_low` event went out for the current crossing and cleared when the balance is back.
  low_balance_threshold int CHECK (low_balance_threshold >= 0),
  low_notified boolean NOT NULL DEFAULT false,
  -- The expiry job's last pass over this tenant's lots.
  expiry_checked_at timestamptz NOT NULL DEFAULT '-infinity',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE messaging_credit_ledger (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  tenant_id uuid NOT NULL REFERENCES messaging_credit_accounts (tenant_id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('purchase', 'top_up', 'grant', 'reservation', 'consumption', 'refund', 'expiry')),
  amount bigint NOT NULL,
  -- Credits in: purchases, admin top-ups, plan grants and refunds add; reservations and expiries take;
  -- a consumption settles a reservation and takes only what the provider counted beyond it (usually 0).
  CONSTRAINT messaging_credit_ledger_amount_sign CHECK (
    (kind IN ('purchase', 'top_up', 'grant', 'refund') AND amount > 0)
    OR (kind IN ('reservation', 'expiry') AND amount < 0)
    OR (kind = 'consumption' AND amount <= 0)
  ),
  -- Only credits coming in can carry an expiry date.
  expires_at timestamptz CHECK (expires_at IS NULL OR kind IN ('purchase', 'top_up', 'grant')),
  message_id text,
  CHECK ((message_id IS NOT NULL) = (kind IN ('reservation', 'consumption', 'refund'))),
  -- The lot (purchase, top-up or grant) an expiry closes.
  lot_id uuid REFERENCES messaging_credit_ledger (id),
  CHECK ((lot_id IS NOT NULL) = (kind = 'expiry')),
  -- One movement per key and tenant: `reserve:<message>`, `settle:<message>`, `grant:<period start>`, a client's key.
  idempotency_key text,
  reason text,
  actor_id text,
  actor_label text NOT NULL,
  details jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX messaging_credit_ledger_key ON messaging_credit_ledger (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX messaging_credit_ledger_tenant ON messaging_credit_ledger (tenant_id, seq);
CREATE INDEX messaging_credit_ledger_message ON messaging_credit_ledger (tenant_id, message_id) WHERE message_id IS NOT NULL;
CREATE INDEX messaging_credit_ledger_expiring ON messaging_credit_ledger (expires_at) WHERE expires_at IS NOT NULL;

-- Append-only: no UPDATE, no TRUNCATE, and no DELETE except the kernel's purge of a deleted tenant (which
-- removes every tenant-owned table's rows, then the tenant, in one transaction).
CREATE FUNCTION messaging_credit_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM tenants WHERE id = OLD.tenant_id AND status = 'deleted') THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'messaging_credit_ledger is append-only: % is not allowed; append a correcting movement instead', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER messaging_credit_ledger_no_change BEFORE UPDATE OR DELETE ON messaging_credit_ledger FOR EACH ROW EXECUTE FUNCTION messaging_credit_ledger_append_only();
CREATE TRIGGER messaging_credit_ledger_no_truncate BEFORE TRUNCATE ON messaging_credit_ledger FOR EACH STATEMENT EXECUTE FUNCTION messaging_credit_ledger_append_only();

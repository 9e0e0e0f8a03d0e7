-- The integrations catalog: a tenant's connected third-party services, each with credentials validated at
-- save (sealed by the kernel), its own inbound webhook endpoint and signing secret, and its deliveries.

CREATE TABLE marketplace_integrations (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  type text NOT NULL,
  name text NOT NULL,
  -- The type's configuration with its Secret() fields sealed.
  config jsonb NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  validated_at timestamptz NOT NULL,
  validation_detail text,
  -- The public part of the inbound webhook URL (/api/marketplace/hooks/<token>), random and unique.
  webhook_token text NOT NULL UNIQUE,
  -- The HMAC-SHA256 signing secret of inbound deliveries, sealed ({"secret": <sealed>}).
  webhook_secret jsonb NOT NULL,
  last_delivery_at timestamptz,
  last_delivery_status text CHECK (last_delivery_status IN ('accepted', 'bad_signature', 'rejected')),
  last_delivery_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, type)
);

CREATE TABLE marketplace_webhook_deliveries (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  integration_id uuid NOT NULL REFERENCES marketplace_integrations (id) ON DELETE CASCADE,
  received_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL CHECK (status IN ('accepted', 'bad_signature', 'rejected')),
  error text,
  -- The first 4 KB of the body, for the console.
  payload text,
  size_bytes int NOT NULL
);
CREATE INDEX marketplace_webhook_deliveries_integration ON marketplace_webhook_deliveries (integration_id, received_at DESC);

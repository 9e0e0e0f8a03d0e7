-- Each plugin's `onTenantProvisioned` hook, per tenant: its outcome, so that a re-run after a failure runs only what
-- has not succeeded yet, and the console can say which plugin holds a tenant in `provisioning`.
CREATE TABLE tenant_provisioning_steps (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  plugin text NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
  error text,
  attempts int NOT NULL DEFAULT 1,
  finished_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, plugin)
);

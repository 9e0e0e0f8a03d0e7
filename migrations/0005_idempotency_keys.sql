-- Answers to mutations sent with an `Idempotency-Key` header, so that a retry (on any instance) gets the
-- first answer instead of doing the work twice. One row per (caller, tenant, key):
--   committed    the request's write transaction committed; its answer is not stored yet. The row is
--                inserted inside that transaction, so it exists exactly when the write does.
--   completed    the answer (status, a few headers, the sealed body) is stored and is replayed.
--   unavailable  the work was done but its answer is not kept (a 5xx after the commit, or too large or streamed).
-- Rows older than the retention period are purged by the kernel job `purge-idempotency-keys`.
CREATE TABLE kernel_idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  tenant_id uuid,
  fingerprint text NOT NULL,
  state text NOT NULL CHECK (state IN ('committed', 'completed', 'unavailable')),
  owner text NOT NULL,
  status_code integer,
  headers jsonb,
  body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (scope, key)
);
CREATE INDEX kernel_idempotency_keys_created_at ON kernel_idempotency_keys (created_at);

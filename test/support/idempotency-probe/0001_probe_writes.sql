CREATE TABLE idem_probe_writes (
  id bigserial PRIMARY KEY,
  label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

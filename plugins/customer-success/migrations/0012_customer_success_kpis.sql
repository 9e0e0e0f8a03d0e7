-- Cross-tenant KPIs: one snapshot per KPI and calendar month (UTC), refreshed daily for the current month and
-- written once more when the month closes; backfilled on demand. `by_tenant` is the drill-down (tenant id → value),
-- `breakdown` splits the total (per meter, per plan...). A KPI that failed keeps its error and no figures.
CREATE TABLE customer_success_kpi_snapshots (
  kpi_id text NOT NULL CHECK (kpi_id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  total double precision,
  by_tenant jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(by_tenant) = 'object'),
  breakdown jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(breakdown) = 'object'),
  error text,
  computed_at timestamptz NOT NULL,
  PRIMARY KEY (kpi_id, month)
);
CREATE INDEX customer_success_kpi_snapshots_month ON customer_success_kpi_snapshots (month);

-- Maintenance windows; the state moves scheduled -> in_progress -> completed by a job (or cancelled by hand).
CREATE TABLE status_maintenance_windows (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  scheduled_start timestamptz NOT NULL,
  scheduled_end timestamptz NOT NULL,
  actual_start timestamptz NULL,
  actual_end timestamptz NULL,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
  affects_portal boolean NOT NULL DEFAULT true,
  affects_crm boolean NOT NULL DEFAULT false,
  components jsonb NOT NULL DEFAULT '[]',
  created_by text NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (scheduled_end > scheduled_start)
);
CREATE INDEX status_maintenance_windows_due_idx ON status_maintenance_windows (status, scheduled_start);

-- Incidents and known issues (the seed's system_status), in Statuspage's vocabulary.
CREATE TABLE status_incidents (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  status text NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved', 'postmortem')),
  impact text NOT NULL CHECK (impact IN ('none', 'minor', 'major', 'critical')),
  component_status text NOT NULL DEFAULT 'degraded_performance'
    CHECK (component_status IN ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
  components jsonb NOT NULL DEFAULT '[]',
  message text NOT NULL DEFAULT '',
  started_at timestamptz NOT NULL,
  resolved_at timestamptz NULL,
  updates jsonb NOT NULL DEFAULT '[]',
  created_by text NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_incidents_started_idx ON status_incidents (started_at DESC);

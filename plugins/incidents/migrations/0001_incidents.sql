CREATE TABLE incidents_incidents (
  id uuid PRIMARY KEY,
  incident_key text,
  title text NOT NULL,
  severity int NOT NULL CHECK (severity BETWEEN 1 AND 4),
  status text NOT NULL DEFAULT 'investigating' CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
  affected_systems jsonb NOT NULL DEFAULT '[]',
  affected_tenant_ids jsonb NOT NULL DEFAULT '[]',
  status_page_message text,
  publish_to_status_page boolean NOT NULL DEFAULT false,
  description text,
  started_at timestamptz NOT NULL,
  resolved_at timestamptz,
  created_by text,
  created_by_label text NOT NULL,
  resolved_by text,
  resolved_by_label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- incident_key dedupes: one incident per key, ever (e.g. "alert:<fingerprint>:<fired at>").
CREATE UNIQUE INDEX incidents_incidents_key ON incidents_incidents (incident_key) WHERE incident_key IS NOT NULL;
CREATE INDEX incidents_incidents_started ON incidents_incidents (started_at DESC);
CREATE INDEX incidents_incidents_open ON incidents_incidents (status) WHERE status <> 'resolved';

-- The timeline is append-only: corrections are new entries (entry_type 'correction', corrects_entry_id).
CREATE TABLE incidents_timeline (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  incident_id uuid NOT NULL REFERENCES incidents_incidents (id),
  at timestamptz NOT NULL,
  entry_type text NOT NULL CHECK (entry_type IN ('created', 'manual', 'status_change', 'severity_change', 'update', 'alert_linked', 'alert_fired',
                                                 'alert_acknowledged', 'alert_resolved', 'correction', 'postmortem', 'status_page')),
  message text NOT NULL,
  corrects_entry_id uuid REFERENCES incidents_timeline (id),
  author_id text,
  author text NOT NULL,
  details jsonb
);
CREATE INDEX incidents_timeline_incident ON incidents_timeline (incident_id, seq);

CREATE FUNCTION incidents_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incidents_timeline is append-only: add a new entry of type correction instead' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER incidents_timeline_no_update BEFORE UPDATE ON incidents_timeline FOR EACH ROW EXECUTE FUNCTION incidents_timeline_append_only();
CREATE TRIGGER incidents_timeline_no_delete BEFORE DELETE ON incidents_timeline FOR EACH ROW EXECUTE FUNCTION incidents_timeline_append_only();
CREATE TRIGGER incidents_timeline_no_truncate BEFORE TRUNCATE ON incidents_timeline FOR EACH STATEMENT EXECUTE FUNCTION incidents_timeline_append_only();

CREATE TABLE incidents_postmortems (
  incident_id uuid PRIMARY KEY REFERENCES incidents_incidents (id),
  what_happened text,
  impact text,
  root_cause text,
  lessons_learned text,
  action_items jsonb NOT NULL DEFAULT '[]',
  updated_by_label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE incidents_alert_links (
  incident_id uuid NOT NULL REFERENCES incidents_incidents (id),
  fingerprint text NOT NULL,
  alert_id uuid NOT NULL,
  rule_name text NOT NULL,
  severity text NOT NULL,
  labels jsonb NOT NULL DEFAULT '{}',
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (incident_id, fingerprint)
);
CREATE INDEX incidents_alert_links_fingerprint ON incidents_alert_links (fingerprint);

-- Incidents published by the incidents plugin (`incidents.status_page_updated`) carry their origin, so
-- that each update lands on the same row and stale (out-of-order) deliveries are ignored.
ALTER TABLE status_incidents ADD COLUMN source text NOT NULL DEFAULT 'status';
ALTER TABLE status_incidents ADD COLUMN source_id text NULL;
ALTER TABLE status_incidents ADD COLUMN source_updated_at timestamptz NULL;
CREATE UNIQUE INDEX status_incidents_source_idx ON status_incidents (source, source_id) WHERE source_id IS NOT NULL;

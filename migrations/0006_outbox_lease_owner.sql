-- Outbox leases: which instance holds a claimed delivery, so only it renews the lease while its handler runs
-- (heartbeat) and a lapsed lease taken over by another instance is not extended by the first.
ALTER TABLE kernel_outbox_delivery ADD COLUMN locked_by text;

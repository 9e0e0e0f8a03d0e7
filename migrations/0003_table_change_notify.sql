-- Statement-level triggers on tables whose reads are cached call this: it NOTIFYs the table's name when
-- the writing transaction commits (NOTIFY folds duplicates within a transaction), so every instance drops
-- what it read from that table, whoever wrote it.
CREATE OR REPLACE FUNCTION platform_notify_table_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('platform_table_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

-- Word search finds words inside paths, dotted names and query strings: `GET /api/tenants` is found by
-- "tenants" (the text search parser keeps `/api/tenants` as one file-path token). Messages and searches go
-- through the same separator rule (logging_search_text); the index is on the resulting vector.
CREATE FUNCTION logging_search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT regexp_replace(t, '[/?=&#:.]+', ' ', 'g') $$;

CREATE INDEX platform_logs_words_idx ON platform_logs USING gin (to_tsvector('simple'::regconfig, logging_search_text(message)));
DROP INDEX platform_logs_message_fts_idx;

-- Audit mentions: which audit entries name which model version, filled by a trigger on audit_log
-- See docs/schema.md, "Audit mentions (schema V009)": SQLite's V009 with PostgreSQL's JSON functions. The payload is
-- read as json (not jsonb, which keeps one of two equal member names), a payload that is not JSON names nothing.

SET LOCAL ROLE steward_owner;
SET LOCAL search_path = steward;

CREATE TABLE audit_mentions (
    seq      bigint NOT NULL REFERENCES audit_log (seq),
    model_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (seq, model_id)
);
CREATE INDEX audit_mentions_model ON audit_mentions (model_id, seq);

-- Every string and member name of a JSON text, at any depth, as SQLite's json_tree lists them; none when the text is
-- not JSON.
CREATE FUNCTION json_strings(p_text text) RETURNS SETOF text
    LANGUAGE plpgsql IMMUTABLE SET search_path = steward, pg_temp
AS $$
DECLARE
    v_strings text[];
BEGIN
    BEGIN
        WITH RECURSIVE node(v, name) AS (
            SELECT p_text::json, NULL::text
            UNION ALL
            SELECT c.value, c.key
              FROM node n
             CROSS JOIN LATERAL (
                   SELECT e.key, e.value
                     FROM pg_catalog.json_each(CASE WHEN pg_catalog.json_typeof(n.v) = 'object' THEN n.v END) e
                   UNION ALL
                   SELECT NULL, a.value
                     FROM pg_catalog.json_array_elements(CASE WHEN pg_catalog.json_typeof(n.v) = 'array' THEN n.v END) a) c
        )
        SELECT array_agg(s) INTO v_strings
          FROM (SELECT n.v #>> '{}' AS s FROM node n WHERE pg_catalog.json_typeof(n.v) = 'string'
                UNION ALL
                SELECT n.name FROM node n WHERE n.name IS NOT NULL) strings;
    EXCEPTION WHEN others THEN
        RETURN;
    END;
    RETURN QUERY SELECT unnest(v_strings);
END
$$;

CREATE FUNCTION audit_log_mentions() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    INSERT INTO audit_mentions (seq, model_id)
    SELECT NEW.seq, substr(NEW.entity, 7) WHERE substr(NEW.entity, 1, 6) IN ('model:', 'model/')
    UNION
    SELECT NEW.seq, m.model_id FROM model_registry m
     WHERE m.model_id IN (SELECT NEW.entity UNION SELECT s FROM json_strings(NEW.payload_json) s);
    RETURN NULL;
END
$$;
CREATE TRIGGER audit_log_mentions AFTER INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_mentions();

CREATE FUNCTION audit_mentions_append_only() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', CASE TG_OP WHEN 'DELETE' THEN 'E_AUDIT_APPEND_ONLY: an audit mention is never deleted'
                                        ELSE 'E_AUDIT_APPEND_ONLY: an audit mention is never changed' END USING ERRCODE = 'P0001';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER audit_mentions_no_update BEFORE UPDATE ON audit_mentions FOR EACH ROW EXECUTE FUNCTION audit_mentions_append_only();
CREATE TRIGGER audit_mentions_no_delete BEFORE DELETE ON audit_mentions FOR EACH ROW EXECUTE FUNCTION audit_mentions_append_only();

-- The entries already in the log, by the same rule, against the versions registered now.
INSERT INTO audit_mentions (seq, model_id)
SELECT a.seq, substr(a.entity, 7) FROM audit_log a WHERE substr(a.entity, 1, 6) IN ('model:', 'model/')
UNION
SELECT a.seq, m.model_id
  FROM audit_log a
 CROSS JOIN LATERAL (SELECT a.entity AS s UNION ALL SELECT json_strings(a.payload_json)) n
  JOIN model_registry m ON m.model_id = n.s;

REVOKE ALL ON audit_mentions FROM PUBLIC;
GRANT SELECT ON audit_mentions TO steward_auditor, steward_console;

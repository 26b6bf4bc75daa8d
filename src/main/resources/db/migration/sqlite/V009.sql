-- Audit mentions: which audit entries name which model version, filled by a trigger on audit_log
-- See docs/schema.md, "Audit mentions (schema V009)". A version's lineage and model card list the entries that name it;
-- finding them by searching every payload cost a pass over the whole log per version. The trigger records, for each
-- entry as it is inserted, the versions it names: the entity model:ID or model/ID, an entity or a string (value or
-- member name) of the payload's JSON equal to the id of a version registered at that moment. Whoever inserts the entry,
-- the app or another writer, the trigger fills the table; audit verify recomputes it from the log and names a row that
-- is missing, and a reader keeps only the rows whose entry does name the version.

CREATE TABLE audit_mentions (
    seq      INTEGER NOT NULL REFERENCES audit_log (seq),
    model_id TEXT NOT NULL,
    PRIMARY KEY (seq, model_id)
) WITHOUT ROWID;
CREATE INDEX audit_mentions_model ON audit_mentions (model_id, seq);

CREATE TRIGGER audit_log_mentions AFTER INSERT ON audit_log
BEGIN
    INSERT OR IGNORE INTO audit_mentions (seq, model_id)
    SELECT NEW.seq, substr(NEW.entity, 7) WHERE substr(NEW.entity, 1, 6) IN ('model:', 'model/');
    INSERT OR IGNORE INTO audit_mentions (seq, model_id)
    SELECT NEW.seq, m.model_id FROM model_registry m
     WHERE m.model_id IN (SELECT NEW.entity
                          UNION SELECT t.atom FROM json_tree(CASE WHEN json_valid(NEW.payload_json) THEN NEW.payload_json ELSE '0' END) t
                                 WHERE t.type = 'text'
                          UNION SELECT t.key FROM json_tree(CASE WHEN json_valid(NEW.payload_json) THEN NEW.payload_json ELSE '0' END) t
                                 WHERE typeof(t.key) = 'text');
END;

CREATE TRIGGER audit_mentions_no_update BEFORE UPDATE ON audit_mentions
BEGIN
    SELECT RAISE(ABORT, 'E_AUDIT_APPEND_ONLY: an audit mention is never changed');
END;

CREATE TRIGGER audit_mentions_no_delete BEFORE DELETE ON audit_mentions
BEGIN
    SELECT RAISE(ABORT, 'E_AUDIT_APPEND_ONLY: an audit mention is never deleted');
END;

-- The entries already in the log, by the same rule, against the versions registered now.
INSERT OR IGNORE INTO audit_mentions (seq, model_id)
SELECT a.seq, substr(a.entity, 7) FROM audit_log a WHERE substr(a.entity, 1, 6) IN ('model:', 'model/');
INSERT OR IGNORE INTO audit_mentions (seq, model_id)
SELECT n.seq, m.model_id
  FROM (SELECT a.seq AS seq, a.entity AS name FROM audit_log a
        UNION ALL
        SELECT a.seq, t.atom FROM audit_log a,
               json_tree(CASE WHEN json_valid(a.payload_json) THEN a.payload_json ELSE '0' END) t WHERE t.type = 'text'
        UNION ALL
        SELECT a.seq, t.key FROM audit_log a,
               json_tree(CASE WHEN json_valid(a.payload_json) THEN a.payload_json ELSE '0' END) t WHERE typeof(t.key) = 'text') n
  JOIN model_registry m ON m.model_id = n.name;

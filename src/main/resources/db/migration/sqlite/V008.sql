-- Scorecard imports: one row per imported file, its SHA-256 the idempotency key
-- See docs/schema.md, "Scorecard imports (schema V008)". The import's rows and this row commit in one transaction, so a
-- retried or repeated import of the same bytes finds the row and applies nothing.

CREATE TABLE scorecard_imports (
    file_sha256      TEXT PRIMARY KEY CHECK (length(file_sha256) = 64),
    file_name        TEXT NOT NULL,
    rows             INTEGER NOT NULL CHECK (rows > 0),
    models           INTEGER NOT NULL CHECK (models > 0),
    model_ids_sha256 TEXT NOT NULL,
    source           TEXT NOT NULL,
    imported_by      TEXT NOT NULL,
    imported_at      TEXT NOT NULL
);

CREATE TRIGGER scorecard_imports_no_update BEFORE UPDATE ON scorecard_imports
BEGIN
    SELECT RAISE(ABORT, 'E_IMPORT_RECORD: a recorded scorecard import is never changed');
END;

CREATE TRIGGER scorecard_imports_no_delete BEFORE DELETE ON scorecard_imports
BEGIN
    SELECT RAISE(ABORT, 'E_IMPORT_RECORD: a recorded scorecard import is never deleted');
END;

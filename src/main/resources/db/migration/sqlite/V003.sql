-- Drift: incidents opened by drift breaches (E_LEARN_DRIFT_BREACH), and the policy and KS location of each result
-- See docs/schema.md, "Drift (schema V003)". New columns have defaults so that the pipeline's plain INSERTs keep working.

CREATE TABLE incidents (
    incident_id  INTEGER PRIMARY KEY,
    code         TEXT NOT NULL DEFAULT 'E_LEARN_DRIFT_BREACH',
    model_id     TEXT NOT NULL,
    feature      TEXT NOT NULL,
    drift_kind   TEXT NOT NULL DEFAULT 'FEATURE',
    severity     TEXT NOT NULL DEFAULT 'SEVERE',
    metric       TEXT NOT NULL DEFAULT 'psi',
    value        REAL,
    threshold    REAL,
    drift_id     INTEGER REFERENCES model_drift (drift_id),
    status       TEXT NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    opened_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    opened_by    TEXT NOT NULL DEFAULT 'pipeline',
    closed_at    TEXT,
    closed_by    TEXT,
    details_json TEXT
);
CREATE INDEX incidents_model ON incidents (model_id, status);
-- At most one open incident per (model, feature, kind): a daily job re-finding the same breach does not pile up alerts.
CREATE UNIQUE INDEX incidents_one_open ON incidents (model_id, feature, drift_kind) WHERE status = 'OPEN';

ALTER TABLE model_drift ADD COLUMN policy_name TEXT NOT NULL DEFAULT 'default';
ALTER TABLE model_drift ADD COLUMN ks_location REAL;

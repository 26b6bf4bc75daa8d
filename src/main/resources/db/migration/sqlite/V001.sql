-- Base registry schema: the public contract (docs/schema.md)
-- Timestamps are ISO-8601 UTC text with millisecond precision, e.g. 2026-11-22T10:15:30.123Z.

CREATE TABLE schema_version (
    version     INTEGER PRIMARY KEY,
    description TEXT    NOT NULL,
    applied_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE registry_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE model_registry (
    model_id             TEXT PRIMARY KEY,
    model_name           TEXT    NOT NULL,
    model_type           TEXT    NOT NULL,
    version              TEXT    NOT NULL,
    state                TEXT    NOT NULL DEFAULT 'CANDIDATE',
    parent_id            TEXT,
    path_ref             TEXT,
    training_config_json TEXT,
    training_config_hash TEXT,
    data_snapshot_ref    TEXT,
    data_snapshot_hash   TEXT,
    feature_graph_hash   TEXT,
    code_commit          TEXT,
    created_at           TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    created_by           TEXT    NOT NULL DEFAULT 'pipeline',
    updated_at           TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    row_version          INTEGER NOT NULL DEFAULT 1,
    state_changed_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    archived             INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    UNIQUE (model_name, version)
);
CREATE INDEX model_registry_name ON model_registry (model_name, created_at);
CREATE INDEX model_registry_state ON model_registry (state);
CREATE INDEX model_registry_type ON model_registry (model_type);
CREATE INDEX model_registry_parent ON model_registry (parent_id);
-- At most one ACTIVE version per model name, whoever writes the file.
CREATE UNIQUE INDEX model_registry_one_active ON model_registry (model_name) WHERE state = 'ACTIVE';

CREATE TABLE scorecards (
    scorecard_id INTEGER PRIMARY KEY,
    model_id     TEXT NOT NULL,
    pack_id      TEXT NOT NULL,
    metric       TEXT NOT NULL,
    value        REAL,
    generated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    source       TEXT NOT NULL DEFAULT 'pipeline'
);
CREATE INDEX scorecards_model ON scorecards (model_id, pack_id, metric, generated_at);

CREATE TABLE principals (
    user_name    TEXT PRIMARY KEY,
    display_name TEXT,
    roles        TEXT NOT NULL DEFAULT '',
    public_key   TEXT,
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    created_by   TEXT NOT NULL DEFAULT 'system'
);

CREATE TABLE transition_requests (
    request_id         TEXT PRIMARY KEY,
    model_id           TEXT    NOT NULL REFERENCES model_registry (model_id),
    from_state         TEXT    NOT NULL,
    to_state           TEXT    NOT NULL,
    requested_by       TEXT    NOT NULL,
    requested_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    justification      TEXT    NOT NULL CHECK (length(trim(justification)) > 0),
    status             TEXT    NOT NULL DEFAULT 'PENDING',
    gate_report_json   TEXT,
    gate_passed        INTEGER,
    model_row_version  INTEGER NOT NULL,
    scorecard_digest   TEXT,
    required_approvals INTEGER NOT NULL DEFAULT 1,
    required_role      TEXT    NOT NULL DEFAULT 'RISK_OFFICER',
    decided_at         TEXT,
    executed_at        TEXT
);
CREATE INDEX transition_requests_status ON transition_requests (status, requested_at);
CREATE INDEX transition_requests_model ON transition_requests (model_id);

CREATE TABLE approvals (
    approval_id INTEGER PRIMARY KEY,
    request_id  TEXT NOT NULL REFERENCES transition_requests (request_id),
    approver    TEXT NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
    comment     TEXT NOT NULL CHECK (length(trim(comment)) > 0),
    decided_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    signature   TEXT,
    UNIQUE (request_id, approver)
);

CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    ts           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity       TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity);

CREATE TABLE model_drift (
    drift_id     INTEGER PRIMARY KEY,
    model_id     TEXT NOT NULL,
    feature      TEXT NOT NULL,
    drift_kind   TEXT NOT NULL DEFAULT 'FEATURE',
    psi          REAL,
    ks_statistic REAL,
    ks_pvalue    REAL,
    n_reference  INTEGER,
    n_current    INTEGER,
    n_dropped    INTEGER,
    severity     TEXT NOT NULL,
    window_start TEXT,
    window_end   TEXT,
    computed_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    details_json TEXT
);
CREATE INDEX model_drift_model ON model_drift (model_id, feature, computed_at);

-- One row per observed value. role is REFERENCE (the training/baseline window) or CURRENT (live);
-- value holds numeric features, category holds categorical ones.
CREATE TABLE drift_samples (
    sample_id   INTEGER PRIMARY KEY,
    model_id    TEXT NOT NULL,
    feature     TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('REFERENCE', 'CURRENT')),
    value       REAL,
    category    TEXT,
    observed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX drift_samples_lookup ON drift_samples (model_id, feature, role, observed_at);

CREATE TABLE events (
    event_id     INTEGER PRIMARY KEY,
    event_type   TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    published_at TEXT
);
CREATE INDEX events_created ON events (created_at);

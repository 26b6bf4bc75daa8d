-- PostgreSQL registry at schema 8: SQLite V001..V008 in schema steward, with grants, identity checks and append_audit
-- See docs/schema.md, "PostgreSQL", and docs/security.md, "PostgreSQL". Needs roles.sql first. Run in one transaction by a
-- superuser or a member of steward_owner; the migration runner then inserts (8, <the line above>) into schema_version.
-- Names, columns, indexes and the triggers' names and messages are SQLite's; the differences are listed in the docs.

CREATE SCHEMA steward AUTHORIZATION steward_owner;
SET LOCAL ROLE steward_owner;
SET LOCAL search_path = steward;

-- The audit chain hashes the UTF-8 bytes of the stored text; convert_to(..., 'UTF8') cannot carry every character of
-- another database encoding, and two encodings would give two chains.
DO $$
BEGIN
    IF current_setting('server_encoding') <> 'UTF8' THEN
        RAISE EXCEPTION '%', 'E_SCHEMA: a registry database is created with ENCODING ''UTF8'' (this one is '
                             || current_setting('server_encoding') || ')' USING ERRCODE = 'P0001';
    END IF;
END
$$;

-- Functions made by the owner from now on in this database are not executable by PUBLIC until granted.
ALTER DEFAULT PRIVILEGES FOR ROLE steward_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------------------------
-- Helpers. Every function pins its search_path: a trigger runs with the writer's own search_path otherwise, and a
-- writer's temporary table named principals would stand in for ours.
-- ---------------------------------------------------------------------------------------------------------------

-- Timestamps are ISO-8601 UTC text with milliseconds, as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', 'now') writes them.
-- Volatile on purpose: append_audit takes the time after it holds the chain's lock, so ts follows seq.
CREATE FUNCTION now_text() RETURNS text
    LANGUAGE sql VOLATILE PARALLEL SAFE SET search_path = steward, pg_temp
AS $$ SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

-- A login counts as in a group when it has the group's privileges or may SET ROLE to it. ADMIN OPTION alone (what
-- PostgreSQL 16 gives a CREATEROLE login over the roles it creates) manages members and does not count. Before 16 there
-- is no SET privilege and no ADMIN OPTION without membership: a member is in the group (CASE keeps 15 from seeing 'SET').
CREATE FUNCTION login_in_group(p_group text) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = steward, pg_temp
AS $$
    SELECT coalesce(pg_has_role(session_user, p_group, 'USAGE')
                    OR CASE WHEN current_setting('server_version_num')::int >= 160000 THEN pg_has_role(session_user, p_group, 'SET')
                            ELSE pg_has_role(session_user, p_group, 'MEMBER') END, false)
$$;

-- The owner (a superuser counts) copies whole histories (migrate, demo) and could drop every trigger anyway: no
-- trigger refuses it, and no identity is forced on it. session_user, not current_user: SECURITY DEFINER functions and
-- SET ROLE change current_user, never the login.
CREATE FUNCTION is_owner() RETURNS boolean
    LANGUAGE sql STABLE SET search_path = steward, pg_temp
AS $$ SELECT steward.login_in_group('steward_owner') $$;

-- The group whose members may act in a registry role (see "Roles twice" below).
CREATE FUNCTION role_group(p_role text) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = steward, pg_temp
AS $$
    SELECT CASE p_role WHEN 'ANALYST' THEN 'steward_analyst'
                       WHEN 'RISK_OFFICER' THEN 'steward_risk_officer'
                       WHEN 'ADMIN' THEN 'steward_admin' END
$$;

-- The server vouches for who wrote a row: the column naming the person must be the login.
CREATE FUNCTION require_login(p_column text, p_value text) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = steward, pg_temp
AS $$
BEGIN
    IF p_value IS DISTINCT FROM session_user THEN
        RAISE EXCEPTION '%', format('E_IDENTITY: %s must be the user you are logged in as (%s)', p_column, session_user)
            USING ERRCODE = 'P0001';
    END IF;
END
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Tables (SQLite V001..V008 applied). Text compares bytewise as in SQLite (COLLATE "C"); timestamps stay ISO-8601
-- text, because the audit chain hashes the stored text; REAL is double precision.
-- ---------------------------------------------------------------------------------------------------------------

-- The registry's write lock (docs/decisions/0016-postgresql.md): the app's writers lock this table, which holds no rows,
-- in EXCLUSIVE mode right after BEGIN, and wait in the server's queue. Locking a table in that mode takes UPDATE on it,
-- which only the writing groups hold; an advisory lock could be taken and held by any login — the auditor included —
-- and would stall every governed write, a rollback during an incident among them. Readers are never blocked by it.
CREATE TABLE write_lock (
    held boolean PRIMARY KEY DEFAULT true CHECK (held)
);

CREATE TABLE schema_version (
    -- Not an identity column: versions are the migrations' numbers, never generated.
    version     bigint PRIMARY KEY,
    description text COLLATE "C" NOT NULL,
    applied_at  text COLLATE "C" NOT NULL DEFAULT steward.now_text()
);

CREATE TABLE registry_meta (
    key   text COLLATE "C" PRIMARY KEY,
    value text COLLATE "C" NOT NULL
);

CREATE TABLE model_registry (
    model_id             text COLLATE "C" PRIMARY KEY,
    model_name           text COLLATE "C" NOT NULL,
    model_type           text COLLATE "C" NOT NULL,
    version              text COLLATE "C" NOT NULL,
    state                text COLLATE "C" NOT NULL DEFAULT 'CANDIDATE',
    parent_id            text COLLATE "C",
    path_ref             text COLLATE "C",
    training_config_json text COLLATE "C",
    training_config_hash text COLLATE "C",
    data_snapshot_ref    text COLLATE "C",
    data_snapshot_hash   text COLLATE "C",
    feature_graph_hash   text COLLATE "C",
    code_commit          text COLLATE "C",
    created_at           text COLLATE "C" NOT NULL DEFAULT steward.now_text(),
    -- Set to the login on insert by model_registry_created_by_login (the owner's copies keep theirs).
    created_by           text COLLATE "C" NOT NULL DEFAULT 'pipeline',
    updated_at           text COLLATE "C" NOT NULL DEFAULT steward.now_text(),
    row_version          bigint  NOT NULL DEFAULT 1,
    state_changed_at     text COLLATE "C" NOT NULL DEFAULT steward.now_text(),
    archived             integer NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    UNIQUE (model_name, version)
);
CREATE INDEX model_registry_name ON model_registry (model_name, created_at);
CREATE INDEX model_registry_state ON model_registry (state);
CREATE INDEX model_registry_type ON model_registry (model_type);
CREATE INDEX model_registry_parent ON model_registry (parent_id);
-- At most one ACTIVE (one PRODUCTION) version per model name, whoever writes.
CREATE UNIQUE INDEX model_registry_one_active ON model_registry (model_name) WHERE state = 'ACTIVE';
CREATE UNIQUE INDEX model_registry_one_production ON model_registry (model_name) WHERE state = 'PRODUCTION';
CREATE INDEX model_registry_created ON model_registry (created_at DESC, model_id);
CREATE INDEX model_registry_name_state ON model_registry (model_name, state);
CREATE INDEX model_registry_retention ON model_registry (model_type, state, archived, state_changed_at);

CREATE TABLE scorecards (
    scorecard_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    model_id     text COLLATE "C" NOT NULL,
    pack_id      text COLLATE "C" NOT NULL,
    metric       text COLLATE "C" NOT NULL,
    value        double precision,
    generated_at text COLLATE "C" NOT NULL DEFAULT steward.now_text(),
    source       text COLLATE "C" NOT NULL DEFAULT 'pipeline'
);
CREATE INDEX scorecards_model ON scorecards (model_id, pack_id, metric, generated_at);

CREATE TABLE principals (
    user_name       text COLLATE "C" PRIMARY KEY,
    display_name    text COLLATE "C",
    roles           text COLLATE "C" NOT NULL DEFAULT '',
    public_key      text COLLATE "C",
    active          integer NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at      text COLLATE "C" NOT NULL DEFAULT steward.now_text(),
    created_by      text COLLATE "C" NOT NULL DEFAULT 'system',
    key_endorsed_by text COLLATE "C",
    key_endorsement text COLLATE "C",
    key_enrolled_at text COLLATE "C"
);

CREATE TABLE transition_requests (
    request_id         text COLLATE "C" PRIMARY KEY,
    model_id           text COLLATE "C" NOT NULL REFERENCES model_registry (model_id),
    from_state         text COLLATE "C" NOT NULL,
    to_state           text COLLATE "C" NOT NULL,
    requested_by       text COLLATE "C" NOT NULL,
    requested_at       text COLLATE "C" NOT NULL DEFAULT steward.now_text(),
    justification      text COLLATE "C" NOT NULL CHECK (length(trim(justification)) > 0),
    status             text COLLATE "C" NOT NULL DEFAULT 'PENDING',
    gate_report_json   text COLLATE "C",
    gate_passed        integer CHECK (gate_passed IN (0, 1)),
    model_row_version  bigint  NOT NULL,
    scorecard_digest   text COLLATE "C",
    required_approvals bigint  NOT NULL DEFAULT 1,
    required_role      text COLLATE "C" NOT NULL DEFAULT 'RISK_OFFICER',
    decided_at         text COLLATE "C",
    executed_at        text COLLATE "C",
    kind               text COLLATE "C" NOT NULL DEFAULT 'PROMOTION' CHECK (kind IN ('PROMOTION', 'ROLLBACK')),
    policy_name        text COLLATE "C"
);
CREATE INDEX transition_requests_status ON transition_requests (status, requested_at);
CREATE INDEX transition_requests_model ON transition_requests (model_id);

CREATE TABLE approvals (
    approval_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    request_id  text COLLATE "C" NOT NULL REFERENCES transition_requests (request_id),
    approver    text COLLATE "C" NOT NULL,
    decision    text COLLATE "C" NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
    comment     text COLLATE "C" NOT NULL CHECK (length(trim(comment)) > 0),
    decided_at  text COLLATE "C" NOT NULL DEFAULT steward.now_text(),
    signature   text COLLATE "C",
    UNIQUE (request_id, approver)
);
CREATE INDEX approvals_request ON approvals (request_id, decision);

-- Written only through append_audit (and by the owner).
CREATE TABLE audit_log (
    seq          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    ts           text COLLATE "C" NOT NULL,
    actor        text COLLATE "C" NOT NULL,
    action       text COLLATE "C" NOT NULL,
    entity       text COLLATE "C" NOT NULL,
    payload_json text COLLATE "C" NOT NULL,
    prev_hash    text COLLATE "C" NOT NULL,
    hash         text COLLATE "C" NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity);
CREATE INDEX audit_log_action ON audit_log (action, seq);

CREATE TABLE model_drift (
    drift_id     bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    model_id     text COLLATE "C" NOT NULL,
    feature      text COLLATE "C" NOT NULL,
    drift_kind   text COLLATE "C" NOT NULL DEFAULT 'FEATURE',
    psi          double precision,
    ks_statistic double precision,
    ks_pvalue    double precision,
    n_reference  bigint,
    n_current    bigint,
    n_dropped    bigint,
    severity     text COLLATE "C" NOT NULL,
    window_start text COLLATE "C",
    window_end   text COLLATE "C",
    computed_at  text COLLATE "C" NOT NULL DEFAULT steward.now_text(),
    details_json text COLLATE "C",
    policy_name  text COLLATE "C" NOT NULL DEFAULT 'default',
    ks_location  double precision
);
CREATE INDEX model_drift_model ON model_drift (model_id, feature, computed_at);
CREATE INDEX model_drift_latest ON model_drift (model_id, feature, drift_kind, drift_id);

-- One row per observed value. role is REFERENCE (the training/baseline window) or CURRENT (live);
-- value holds numeric features, category holds categorical ones.
CREATE TABLE drift_samples (
    sample_id   bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    model_id    text COLLATE "C" NOT NULL,
    feature     text COLLATE "C" NOT NULL,
    role        text COLLATE "C" NOT NULL CHECK (role IN ('REFERENCE', 'CURRENT')),
    value       double precision,
    category    text COLLATE "C",
    observed_at text COLLATE "C" NOT NULL DEFAULT steward.now_text()
);
CREATE INDEX drift_samples_lookup ON drift_samples (model_id, feature, role, observed_at);

CREATE TABLE events (
    event_id     bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    event_type   text COLLATE "C" NOT NULL,
    payload_json text COLLATE "C" NOT NULL,
    created_at   text COLLATE "C" NOT NULL DEFAULT steward.now_text(),
    published_at text COLLATE "C"
);
CREATE INDEX events_created ON events (created_at);

-- One row per model name: the ACTIVE version and the version a rollback returns to.
CREATE TABLE active_pointer (
    model_name         text COLLATE "C" PRIMARY KEY,
    active_model_id    text COLLATE "C" REFERENCES model_registry (model_id),
    last_known_good_id text COLLATE "C" REFERENCES model_registry (model_id),
    updated_at         text COLLATE "C" NOT NULL DEFAULT steward.now_text(),
    updated_by         text COLLATE "C" NOT NULL DEFAULT 'system'
);

CREATE TABLE incidents (
    incident_id  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    code         text COLLATE "C" NOT NULL DEFAULT 'E_LEARN_DRIFT_BREACH',
    model_id     text COLLATE "C" NOT NULL,
    feature      text COLLATE "C" NOT NULL,
    drift_kind   text COLLATE "C" NOT NULL DEFAULT 'FEATURE',
    severity     text COLLATE "C" NOT NULL DEFAULT 'SEVERE',
    metric       text COLLATE "C" NOT NULL DEFAULT 'psi',
    value        double precision,
    threshold    double precision,
    drift_id     bigint REFERENCES model_drift (drift_id),
    status       text COLLATE "C" NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    opened_at    text COLLATE "C" NOT NULL DEFAULT steward.now_text(),
    opened_by    text COLLATE "C" NOT NULL DEFAULT 'pipeline',
    closed_at    text COLLATE "C",
    closed_by    text COLLATE "C",
    details_json text COLLATE "C"
);
CREATE INDEX incidents_model ON incidents (model_id, status);
-- At most one open incident per (model, feature, kind): a daily job re-finding the same breach does not pile up alerts.
CREATE UNIQUE INDEX incidents_one_open ON incidents (model_id, feature, drift_kind) WHERE status = 'OPEN';

-- Any number of rows may name a seq (SQLite V006): a row inserted ahead never blocks the next signed head.
CREATE TABLE audit_signatures (
    signature_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    seq          bigint NOT NULL,
    head_hash    text COLLATE "C" NOT NULL,
    signer       text COLLATE "C" NOT NULL,
    signed_at    text COLLATE "C" NOT NULL,
    signature    text COLLATE "C" NOT NULL
);
CREATE INDEX audit_signatures_seq ON audit_signatures (seq);

CREATE TABLE rule_changes (
    change_id           text COLLATE "C" PRIMARY KEY,
    kind                text COLLATE "C" NOT NULL CHECK (kind IN ('POLICY_SET', 'ROLE_GRANT', 'ROLE_REVOKE', 'DEACTIVATE', 'ACTIVATE')),
    target              text COLLATE "C" NOT NULL,
    target_user         text COLLATE "C",
    role                text COLLATE "C" CHECK (role IS NULL OR role IN ('ANALYST', 'RISK_OFFICER', 'ADMIN')),
    policy_name         text COLLATE "C",
    policy_text         text COLLATE "C",
    policy_format       text COLLATE "C" CHECK (policy_format IS NULL OR policy_format IN ('yaml', 'json')),
    policy_sha256       text COLLATE "C",
    base_sha256         text COLLATE "C",
    requested_by        text COLLATE "C" NOT NULL,
    requested_at        text COLLATE "C" NOT NULL,
    requester_signature text COLLATE "C" NOT NULL,
    four_eyes           integer NOT NULL DEFAULT 1 CHECK (four_eyes IN (0, 1)),
    status              text COLLATE "C" NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPLIED', 'REJECTED', 'STALE')),
    decided_by          text COLLATE "C",
    decided_at          text COLLATE "C",
    decision_comment    text COLLATE "C",
    decision_signature  text COLLATE "C"
);
CREATE INDEX rule_changes_status ON rule_changes (status, change_id);

-- One row per imported scorecard file, its SHA-256 the idempotency key.
CREATE TABLE scorecard_imports (
    file_sha256      text COLLATE "C" PRIMARY KEY CHECK (length(file_sha256) = 64),
    file_name        text COLLATE "C" NOT NULL,
    rows             bigint NOT NULL CHECK (rows > 0),
    models           bigint NOT NULL CHECK (models > 0),
    model_ids_sha256 text COLLATE "C" NOT NULL,
    source           text COLLATE "C" NOT NULL,
    imported_by      text COLLATE "C" NOT NULL,
    imported_at      text COLLATE "C" NOT NULL
);

-- ---------------------------------------------------------------------------------------------------------------
-- Roles twice (these read principals, so they follow the tables): what principals.roles says, as SQLite tests it,
-- and the server's own group membership.
-- ---------------------------------------------------------------------------------------------------------------

-- SQLite's test of a role in principals.roles, verbatim: an active principal whose comma-separated roles name it.
CREATE FUNCTION principal_has_role(p_user text, p_role text) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = steward, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM principals u
                    WHERE u.user_name = p_user AND u.active = 1
                      AND ',' || replace(u.roles, ' ', '') || ',' LIKE '%,' || p_role || ',%')
$$;

-- Roles twice: the principal holds the role in principals.roles and the login is in the role's group.
CREATE FUNCTION acts_in_role(p_user text, p_role text) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = steward, pg_temp
AS $$
    SELECT steward.principal_has_role(p_user, p_role)
       AND coalesce(steward.login_in_group(steward.role_group(p_role)), false)
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- SQLite's triggers, by the same names on the same tables and with the same messages. Each body first lets the owner
-- through (is_owner above). A trigger function is named after its trigger.
-- ---------------------------------------------------------------------------------------------------------------

-- Versions. Nothing becomes ACTIVE (or PRODUCTION) except through a request in status EXECUTING; the state change
-- consumes the marker at once (EXECUTING -> EXECUTED).

CREATE FUNCTION model_registry_created_by_login() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    -- Who registered a version is the login, whatever the writer claims: maker-checker compares approvers with it.
    IF NOT steward.is_owner() THEN
        NEW.created_by := session_user;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER model_registry_created_by_login BEFORE INSERT ON model_registry
    FOR EACH ROW EXECUTE FUNCTION model_registry_created_by_login();

CREATE FUNCTION model_registry_no_insert_live() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_LEARN_APPROVAL_MISSING: a version cannot be inserted as ACTIVE; register it as a candidate and promote it through an approved request'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER model_registry_no_insert_live BEFORE INSERT ON model_registry
    FOR EACH ROW WHEN (NEW.state IN ('ACTIVE', 'PRODUCTION'))
    EXECUTE FUNCTION model_registry_no_insert_live();

CREATE FUNCTION model_registry_live_needs_executing_request() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner()
       AND NOT EXISTS (SELECT 1 FROM transition_requests r
                        WHERE r.model_id = NEW.model_id AND r.to_state = NEW.state AND r.status = 'EXECUTING') THEN
        RAISE EXCEPTION '%', 'E_LEARN_APPROVAL_MISSING: a version becomes ACTIVE only through an approved request executed by the governance engine'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER model_registry_live_needs_executing_request BEFORE UPDATE OF state ON model_registry
    FOR EACH ROW WHEN (NEW.state IN ('ACTIVE', 'PRODUCTION') AND OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION model_registry_live_needs_executing_request();

CREATE FUNCTION model_registry_consume_executing_request() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    UPDATE transition_requests
       SET status = 'EXECUTED', executed_at = NEW.state_changed_at
     WHERE model_id = NEW.model_id AND to_state = NEW.state AND status = 'EXECUTING';
    RETURN NULL;
END
$$;
CREATE TRIGGER model_registry_consume_executing_request AFTER UPDATE OF state ON model_registry
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION model_registry_consume_executing_request();

CREATE FUNCTION model_registry_frozen_once_governed() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: the artifacts of a version are frozen once it has left CANDIDATE; register a new version instead'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER model_registry_frozen_once_governed BEFORE UPDATE ON model_registry
    FOR EACH ROW WHEN (OLD.state NOT IN ('CANDIDATE', 'DRAFT', 'TRAINED')
        AND (NEW.model_id IS DISTINCT FROM OLD.model_id OR NEW.model_name IS DISTINCT FROM OLD.model_name
             OR NEW.version IS DISTINCT FROM OLD.version OR NEW.model_type IS DISTINCT FROM OLD.model_type
             OR NEW.path_ref IS DISTINCT FROM OLD.path_ref
             OR NEW.training_config_json IS DISTINCT FROM OLD.training_config_json
             OR NEW.training_config_hash IS DISTINCT FROM OLD.training_config_hash
             OR NEW.data_snapshot_ref IS DISTINCT FROM OLD.data_snapshot_ref
             OR NEW.data_snapshot_hash IS DISTINCT FROM OLD.data_snapshot_hash
             OR NEW.feature_graph_hash IS DISTINCT FROM OLD.feature_graph_hash
             OR NEW.code_commit IS DISTINCT FROM OLD.code_commit OR NEW.created_by IS DISTINCT FROM OLD.created_by))
    EXECUTE FUNCTION model_registry_frozen_once_governed();

CREATE FUNCTION model_registry_no_delete_governed() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: a governed version is never deleted; retention marks old versions archived'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER model_registry_no_delete_governed BEFORE DELETE ON model_registry
    FOR EACH ROW WHEN (OLD.state NOT IN ('CANDIDATE', 'DRAFT', 'TRAINED'))
    EXECUTE FUNCTION model_registry_no_delete_governed();

-- Any change a writer makes counts as a new row version, so a request made before it goes stale. SQLite bumps in an
-- AFTER trigger with a second UPDATE; here the row is bumped before it is written, in the same UPDATE.
CREATE FUNCTION model_registry_bump_row_version() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    NEW.row_version := OLD.row_version + 1;
    RETURN NEW;
END
$$;
CREATE TRIGGER model_registry_bump_row_version BEFORE UPDATE ON model_registry
    FOR EACH ROW WHEN (NEW.row_version = OLD.row_version)
    EXECUTE FUNCTION model_registry_bump_row_version();

-- Requests: born PENDING, in the requester's own name; only the listed status changes; content never changes; never
-- deleted.

CREATE FUNCTION transition_requests_insert() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF steward.is_owner() THEN
        RETURN NEW;
    END IF;
    PERFORM steward.require_login('requested_by', NEW.requested_by);
    IF NEW.status IS DISTINCT FROM 'PENDING' THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: a request is created in status PENDING' USING ERRCODE = 'P0001';
    END IF;
    IF NEW.kind = 'PROMOTION' AND NEW.to_state IN ('ACTIVE', 'PRODUCTION')
       AND (NEW.required_approvals < 1 OR NEW.required_role IS DISTINCT FROM 'RISK_OFFICER') THEN
        RAISE EXCEPTION '%', 'E_LEARN_APPROVAL_MISSING: a promotion to ACTIVE needs at least one RISK_OFFICER approval'
            USING ERRCODE = 'P0001';
    END IF;
    IF NEW.kind = 'ROLLBACK'
       AND (NOT EXISTS (SELECT 1 FROM active_pointer p JOIN model_registry m ON m.model_name = p.model_name
                         WHERE m.model_id = NEW.model_id AND p.last_known_good_id = NEW.model_id)
            OR NOT steward.acts_in_role(NEW.requested_by, 'RISK_OFFICER')) THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: a rollback returns to the recorded last-known-good version and is made by a RISK_OFFICER'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER transition_requests_insert BEFORE INSERT ON transition_requests
    FOR EACH ROW EXECUTE FUNCTION transition_requests_insert();

CREATE FUNCTION transition_requests_content_frozen() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: a request cannot be edited; only its status moves forward'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER transition_requests_content_frozen BEFORE UPDATE ON transition_requests
    FOR EACH ROW WHEN (NEW.request_id IS DISTINCT FROM OLD.request_id OR NEW.model_id IS DISTINCT FROM OLD.model_id
        OR NEW.from_state IS DISTINCT FROM OLD.from_state OR NEW.to_state IS DISTINCT FROM OLD.to_state
        OR NEW.requested_by IS DISTINCT FROM OLD.requested_by OR NEW.requested_at IS DISTINCT FROM OLD.requested_at
        OR NEW.justification IS DISTINCT FROM OLD.justification OR NEW.gate_report_json IS DISTINCT FROM OLD.gate_report_json
        OR NEW.gate_passed IS DISTINCT FROM OLD.gate_passed OR NEW.model_row_version IS DISTINCT FROM OLD.model_row_version
        OR NEW.scorecard_digest IS DISTINCT FROM OLD.scorecard_digest
        OR NEW.required_approvals IS DISTINCT FROM OLD.required_approvals
        OR NEW.required_role IS DISTINCT FROM OLD.required_role OR NEW.kind IS DISTINCT FROM OLD.kind
        OR NEW.policy_name IS DISTINCT FROM OLD.policy_name)
    EXECUTE FUNCTION transition_requests_content_frozen();

CREATE FUNCTION transition_requests_status_flow() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: a request moves only PENDING -> EXECUTING -> EXECUTED, or PENDING -> REJECTED or STALE'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER transition_requests_status_flow BEFORE UPDATE OF status ON transition_requests
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
        AND NOT ((OLD.status = 'PENDING' AND NEW.status IN ('EXECUTING', 'REJECTED', 'STALE'))
                 OR (OLD.status = 'EXECUTING' AND NEW.status = 'EXECUTED')))
    EXECUTE FUNCTION transition_requests_status_flow();

CREATE FUNCTION transition_requests_executing_needs_quorum() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF steward.is_owner() THEN
        RETURN NEW;
    END IF;
    IF (SELECT count(DISTINCT a.approver) FROM approvals a
         WHERE a.request_id = NEW.request_id AND a.decision = 'APPROVE') < NEW.required_approvals THEN
        RAISE EXCEPTION '%', 'E_LEARN_APPROVAL_MISSING: the request does not have its quorum of approvals' USING ERRCODE = 'P0001';
    END IF;
    IF EXISTS (SELECT 1 FROM approvals a WHERE a.request_id = NEW.request_id AND a.decision = 'REJECT') THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: the request was rejected' USING ERRCODE = 'P0001';
    END IF;
    IF NEW.kind = 'PROMOTION' AND NEW.gate_passed IS DISTINCT FROM 1 AND NEW.to_state IN ('ACTIVE', 'PRODUCTION') THEN
        RAISE EXCEPTION '%', 'E_LEARN_GATE_FAILED: the request''s gate report did not pass' USING ERRCODE = 'P0001';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM model_registry m WHERE m.model_id = NEW.model_id
                    AND m.row_version = NEW.model_row_version AND m.state = NEW.from_state) THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: the request is stale (the version changed after it was made)'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER transition_requests_executing_needs_quorum BEFORE UPDATE OF status ON transition_requests
    FOR EACH ROW WHEN (NEW.status = 'EXECUTING' AND OLD.status = 'PENDING')
    EXECUTE FUNCTION transition_requests_executing_needs_quorum();

CREATE FUNCTION transition_requests_rejected_needs_rejection() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner()
       AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.request_id = NEW.request_id AND a.decision = 'REJECT') THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: a request is rejected by recording a rejection with a comment'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER transition_requests_rejected_needs_rejection BEFORE UPDATE OF status ON transition_requests
    FOR EACH ROW WHEN (NEW.status = 'REJECTED' AND OLD.status = 'PENDING')
    EXECUTE FUNCTION transition_requests_rejected_needs_rejection();

CREATE FUNCTION transition_requests_no_delete() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: requests are part of the governance record and are never deleted'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER transition_requests_no_delete BEFORE DELETE ON transition_requests
    FOR EACH ROW EXECUTE FUNCTION transition_requests_no_delete();

-- Approvals: maker-checker enforced by the database, in the approver's own name; append-only.

CREATE FUNCTION approvals_insert() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF steward.is_owner() THEN
        RETURN NEW;
    END IF;
    PERFORM steward.require_login('approver', NEW.approver);
    IF NOT EXISTS (SELECT 1 FROM transition_requests r WHERE r.request_id = NEW.request_id AND r.status = 'PENDING') THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: only a PENDING request can be approved or rejected' USING ERRCODE = 'P0001';
    END IF;
    IF EXISTS (SELECT 1 FROM transition_requests r WHERE r.request_id = NEW.request_id AND r.requested_by = NEW.approver) THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: the requester cannot approve or reject their own request' USING ERRCODE = 'P0001';
    END IF;
    IF EXISTS (SELECT 1 FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id
                WHERE r.request_id = NEW.request_id AND m.created_by = NEW.approver) THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: the creator of a version cannot approve or reject its promotion'
            USING ERRCODE = 'P0001';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM transition_requests r
                    WHERE r.request_id = NEW.request_id AND steward.acts_in_role(NEW.approver, r.required_role)) THEN
        RAISE EXCEPTION '%', 'E_LEARN_APPROVAL_MISSING: the approver does not hold the role the request needs' USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER approvals_insert BEFORE INSERT ON approvals
    FOR EACH ROW EXECUTE FUNCTION approvals_insert();

CREATE FUNCTION approvals_append_only() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: approvals are append-only' USING ERRCODE = 'P0001';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER approvals_no_update BEFORE UPDATE ON approvals FOR EACH ROW EXECUTE FUNCTION approvals_append_only();
CREATE TRIGGER approvals_no_delete BEFORE DELETE ON approvals FOR EACH ROW EXECUTE FUNCTION approvals_append_only();

-- The audit log is append-only (the hash chain detects edits made by the owner or with these triggers dropped).

CREATE FUNCTION audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_AUDIT_APPEND_ONLY: the audit log is append-only' USING ERRCODE = 'P0001';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- The ACTIVE pointer follows the engine: it names a version being made live, and last-known-good is only ever the
-- version that was ACTIVE before (or is cleared).

CREATE FUNCTION active_pointer_insert() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF steward.is_owner() THEN
        RETURN NEW;
    END IF;
    IF NEW.last_known_good_id IS NOT NULL THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: a new ACTIVE pointer has no last-known-good version' USING ERRCODE = 'P0001';
    END IF;
    IF NEW.active_model_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id
                        WHERE r.model_id = NEW.active_model_id AND m.model_name = NEW.model_name AND r.status = 'EXECUTING') THEN
        RAISE EXCEPTION '%', 'E_LEARN_APPROVAL_MISSING: the ACTIVE pointer moves only to a version being promoted by an executing request'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER active_pointer_insert BEFORE INSERT ON active_pointer
    FOR EACH ROW EXECUTE FUNCTION active_pointer_insert();

CREATE FUNCTION active_pointer_update() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF steward.is_owner() THEN
        RETURN NEW;
    END IF;
    IF NEW.last_known_good_id IS NOT NULL AND NEW.last_known_good_id IS DISTINCT FROM OLD.active_model_id
       AND NEW.last_known_good_id IS DISTINCT FROM OLD.last_known_good_id THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: the last-known-good version is the one that was ACTIVE before'
            USING ERRCODE = 'P0001';
    END IF;
    IF NEW.active_model_id IS NOT NULL AND NEW.active_model_id IS DISTINCT FROM OLD.active_model_id
       AND NOT EXISTS (SELECT 1 FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id
                        WHERE r.model_id = NEW.active_model_id AND m.model_name = NEW.model_name AND r.status = 'EXECUTING') THEN
        RAISE EXCEPTION '%', 'E_LEARN_APPROVAL_MISSING: the ACTIVE pointer moves only to a version being promoted by an executing request'
            USING ERRCODE = 'P0001';
    END IF;
    IF NEW.model_name IS DISTINCT FROM OLD.model_name THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: the model name of a pointer never changes' USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER active_pointer_update BEFORE UPDATE ON active_pointer
    FOR EACH ROW EXECUTE FUNCTION active_pointer_update();

CREATE FUNCTION active_pointer_no_delete() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: the ACTIVE pointer is never deleted' USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER active_pointer_no_delete BEFORE DELETE ON active_pointer
    FOR EACH ROW EXECUTE FUNCTION active_pointer_no_delete();

-- Signed audit heads: append-only, each signed in its signer's own name.

CREATE FUNCTION audit_signatures_signer_is_login() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        PERFORM steward.require_login('signer', NEW.signer);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_signatures_signer_is_login BEFORE INSERT ON audit_signatures
    FOR EACH ROW EXECUTE FUNCTION audit_signatures_signer_is_login();

CREATE FUNCTION audit_signatures_append_only() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_AUDIT_APPEND_ONLY: audit signatures are append-only' USING ERRCODE = 'P0001';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER audit_signatures_no_update BEFORE UPDATE ON audit_signatures
    FOR EACH ROW EXECUTE FUNCTION audit_signatures_append_only();
CREATE TRIGGER audit_signatures_no_delete BEFORE DELETE ON audit_signatures
    FOR EACH ROW EXECUTE FUNCTION audit_signatures_append_only();

-- Principals' keys. An endorsed key is never replaced in place: swapping a key would silently re-attribute every
-- signature made with it.

CREATE FUNCTION principals_endorsed_key_frozen() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_KEY_ENDORSED: an endorsed key cannot be replaced; keys are enrolled once' USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER principals_endorsed_key_frozen
    BEFORE UPDATE OF public_key, key_endorsed_by, key_endorsement, key_enrolled_at ON principals
    FOR EACH ROW WHEN (OLD.key_endorsement IS NOT NULL
        AND (NEW.public_key IS DISTINCT FROM OLD.public_key OR NEW.key_endorsed_by IS DISTINCT FROM OLD.key_endorsed_by
             OR NEW.key_endorsement IS DISTINCT FROM OLD.key_endorsement
             OR NEW.key_enrolled_at IS DISTINCT FROM OLD.key_enrolled_at))
    EXECUTE FUNCTION principals_endorsed_key_frozen();

-- One root: only the first ADMIN to enrol may endorse their own key.
CREATE FUNCTION principals_single_root() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner()
       AND EXISTS (SELECT 1 FROM principals p WHERE p.key_endorsed_by = p.user_name AND p.user_name IS DISTINCT FROM NEW.user_name) THEN
        RAISE EXCEPTION '%', 'E_KEY_ENDORSED: this registry already has a root key; an ADMIN with an endorsed key endorses new keys'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER principals_single_root BEFORE UPDATE OF key_endorsed_by ON principals
    FOR EACH ROW WHEN (NEW.key_endorsed_by = NEW.user_name)
    EXECUTE FUNCTION principals_single_root();

-- Every console person may write the key columns (principal enroll submits one's own key); only ADMINs write the rest
-- of principals (grants below). Someone who is not an ADMIN submits a key for themselves and endorses nothing; an
-- endorsement is made in the endorsing ADMIN's own name.
CREATE FUNCTION principals_key_writer() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF steward.is_owner() THEN
        RETURN NEW;
    END IF;
    IF NEW.key_endorsed_by IS NOT NULL AND NEW.key_endorsed_by IS DISTINCT FROM OLD.key_endorsed_by THEN
        PERFORM steward.require_login('key_endorsed_by', NEW.key_endorsed_by);
    END IF;
    IF NOT steward.login_in_group('steward_admin') THEN
        PERFORM steward.require_login('user_name', OLD.user_name);
        IF NEW.key_endorsed_by IS NOT NULL OR NEW.key_endorsement IS NOT NULL OR NEW.key_enrolled_at IS NOT NULL THEN
            RAISE EXCEPTION '%', 'E_KEY_ENDORSED: only an ADMIN (steward_admin) endorses a key; submit yours and read its fingerprint out to one'
                USING ERRCODE = 'P0001';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER principals_key_writer
    BEFORE UPDATE OF public_key, key_endorsed_by, key_endorsement, key_enrolled_at ON principals
    FOR EACH ROW EXECUTE FUNCTION principals_key_writer();

-- The stored policy governs every promotion: only an ADMIN applying a rule change writes it.
CREATE FUNCTION registry_meta_policy_by_admin() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF (NEW.key IN ('policy_text', 'policy_format') OR (TG_OP = 'UPDATE' AND OLD.key IN ('policy_text', 'policy_format')))
       AND NOT steward.is_owner() AND NOT steward.login_in_group('steward_admin') THEN
        RAISE EXCEPTION '%', 'E_PRIVILEGE: only an ADMIN (steward_admin) applying a rule change writes the stored policy'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER registry_meta_policy_by_admin BEFORE INSERT OR UPDATE ON registry_meta
    FOR EACH ROW EXECUTE FUNCTION registry_meta_policy_by_admin();

-- Rule changes (four eyes on the rules): requested and decided by ADMINs in their own names.

CREATE FUNCTION rule_changes_insert() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF steward.is_owner() THEN
        RETURN NEW;
    END IF;
    PERFORM steward.require_login('requested_by', NEW.requested_by);
    IF NEW.status IS DISTINCT FROM 'PENDING' OR NEW.decided_by IS NOT NULL OR NEW.decided_at IS NOT NULL
       OR NEW.decision_comment IS NOT NULL OR NEW.decision_signature IS NOT NULL THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: a rule change is created PENDING and undecided' USING ERRCODE = 'P0001';
    END IF;
    IF NOT steward.acts_in_role(NEW.requested_by, 'ADMIN') THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: only an active ADMIN requests a rule change' USING ERRCODE = 'P0001';
    END IF;
    IF NEW.four_eyes = 0
       AND (SELECT count(*) FROM principals u
             WHERE u.active = 1 AND ',' || replace(u.roles, ' ', '') || ',' LIKE '%,ADMIN,%') > 1 THEN
        RAISE EXCEPTION '%', 'E_LEARN_APPROVAL_MISSING: a rule change skips the second ADMIN only while the registry has one active ADMIN'
            USING ERRCODE = 'P0001';
    END IF;
    IF NEW.kind = 'POLICY_SET' AND (NEW.policy_name IS NULL OR NEW.policy_text IS NULL OR NEW.policy_format IS NULL
                                    OR NEW.policy_sha256 IS NULL OR NEW.target_user IS NOT NULL OR NEW.role IS NOT NULL) THEN
        RAISE EXCEPTION '%', 'E_INVALID_INPUT: a policy change carries the policy name, text, format and digest' USING ERRCODE = 'P0001';
    END IF;
    IF NEW.kind <> 'POLICY_SET'
       AND (NEW.target_user IS NULL OR NEW.policy_text IS NOT NULL
            OR (NEW.kind IN ('ROLE_GRANT', 'ROLE_REVOKE')) <> (NEW.role IS NOT NULL)) THEN
        RAISE EXCEPTION '%', 'E_INVALID_INPUT: a principal change names its user (and, for a role change, the role) and no policy'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER rule_changes_insert BEFORE INSERT ON rule_changes
    FOR EACH ROW EXECUTE FUNCTION rule_changes_insert();

-- What was requested and signed never changes.
CREATE FUNCTION rule_changes_content_frozen() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: a rule change cannot be edited; only its decision is recorded, once'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER rule_changes_content_frozen BEFORE UPDATE ON rule_changes
    FOR EACH ROW WHEN (NEW.change_id IS DISTINCT FROM OLD.change_id OR NEW.kind IS DISTINCT FROM OLD.kind
        OR NEW.target IS DISTINCT FROM OLD.target OR NEW.target_user IS DISTINCT FROM OLD.target_user
        OR NEW.role IS DISTINCT FROM OLD.role OR NEW.policy_name IS DISTINCT FROM OLD.policy_name
        OR NEW.policy_text IS DISTINCT FROM OLD.policy_text OR NEW.policy_format IS DISTINCT FROM OLD.policy_format
        OR NEW.policy_sha256 IS DISTINCT FROM OLD.policy_sha256 OR NEW.base_sha256 IS DISTINCT FROM OLD.base_sha256
        OR NEW.requested_by IS DISTINCT FROM OLD.requested_by OR NEW.requested_at IS DISTINCT FROM OLD.requested_at
        OR NEW.requester_signature IS DISTINCT FROM OLD.requester_signature OR NEW.four_eyes IS DISTINCT FROM OLD.four_eyes)
    EXECUTE FUNCTION rule_changes_content_frozen();

-- One decision, recorded once: PENDING -> APPLIED, REJECTED or STALE, and nothing moves after that.
CREATE FUNCTION rule_changes_status_flow() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: a rule change moves only PENDING -> APPLIED, REJECTED or STALE, once, with its decision'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER rule_changes_status_flow BEFORE UPDATE ON rule_changes
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM 'PENDING'
        OR (NEW.status NOT IN ('APPLIED', 'REJECTED', 'STALE')
            AND (NEW.status IS DISTINCT FROM OLD.status OR NEW.decided_by IS DISTINCT FROM OLD.decided_by
                 OR NEW.decided_at IS DISTINCT FROM OLD.decided_at
                 OR NEW.decision_comment IS DISTINCT FROM OLD.decision_comment
                 OR NEW.decision_signature IS DISTINCT FROM OLD.decision_signature)))
    EXECUTE FUNCTION rule_changes_status_flow();

-- The decision: signed, commented, by an active ADMIN other than the requester (the requester only for a change made
-- while the registry had one ADMIN), in the decider's own name.
CREATE FUNCTION rule_changes_decision() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF steward.is_owner() THEN
        RETURN NEW;
    END IF;
    IF NEW.decided_by IS NULL OR NEW.decided_at IS NULL OR trim(coalesce(NEW.decision_comment, '')) = ''
       OR (NEW.status IN ('APPLIED', 'REJECTED') AND NEW.decision_signature IS NULL) THEN
        RAISE EXCEPTION '%', 'E_LEARN_APPROVAL_MISSING: a rule change is decided with the decider, the time, a comment and a signature'
            USING ERRCODE = 'P0001';
    END IF;
    PERFORM steward.require_login('decided_by', NEW.decided_by);
    IF NOT steward.acts_in_role(NEW.decided_by, 'ADMIN') THEN
        RAISE EXCEPTION '%', 'E_LEARN_APPROVAL_MISSING: only an active ADMIN decides a rule change' USING ERRCODE = 'P0001';
    END IF;
    IF NEW.decided_by = OLD.requested_by AND NEW.status IN ('APPLIED', 'REJECTED') AND OLD.four_eyes = 1 THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: the requester of a rule change cannot decide it (four eyes)' USING ERRCODE = 'P0001';
    END IF;
    IF OLD.four_eyes = 0 AND (NEW.status IS DISTINCT FROM 'APPLIED' OR NEW.decided_by IS DISTINCT FROM OLD.requested_by) THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: a change made without a second ADMIN is applied by its requester at once'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER rule_changes_decision BEFORE UPDATE OF status ON rule_changes
    FOR EACH ROW WHEN (OLD.status = 'PENDING' AND NEW.status IN ('APPLIED', 'REJECTED', 'STALE'))
    EXECUTE FUNCTION rule_changes_decision();

CREATE FUNCTION rule_changes_no_delete() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_LEARN_ROLLOUT_DENIED: rule changes are part of the governance record and are never deleted'
            USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER rule_changes_no_delete BEFORE DELETE ON rule_changes
    FOR EACH ROW EXECUTE FUNCTION rule_changes_no_delete();

-- Scorecard imports: a recorded import is the idempotency key of its file and never changes.

CREATE FUNCTION scorecard_imports_no_update() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_IMPORT_RECORD: a recorded scorecard import is never changed' USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER scorecard_imports_no_update BEFORE UPDATE ON scorecard_imports
    FOR EACH ROW EXECUTE FUNCTION scorecard_imports_no_update();

CREATE FUNCTION scorecard_imports_no_delete() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    IF NOT steward.is_owner() THEN
        RAISE EXCEPTION '%', 'E_IMPORT_RECORD: a recorded scorecard import is never deleted' USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER scorecard_imports_no_delete BEFORE DELETE ON scorecard_imports
    FOR EACH ROW EXECUTE FUNCTION scorecard_imports_no_delete();

-- ---------------------------------------------------------------------------------------------------------------
-- The audit trail: one way in. Nobody but the owner may INSERT into audit_log; everyone appends through this function,
-- which serialises appenders, links and hashes the entry exactly as AuditTrail.hash does, and names the login as actor.
-- ---------------------------------------------------------------------------------------------------------------

CREATE FUNCTION append_audit(p_action text, p_entity text, p_payload text)
    RETURNS TABLE (seq bigint, ts text, actor text, prev_hash text, hash text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = steward, pg_temp
AS $$
DECLARE
    v_seq   bigint;
    v_prev  text;
    v_ts    text;
    v_actor text := session_user;
    v_hash  text;
BEGIN
    IF p_action IS NULL OR p_entity IS NULL OR p_payload IS NULL THEN
        RAISE EXCEPTION '%', 'E_INVALID_INPUT: an audit entry needs an action, an entity and a payload' USING ERRCODE = 'P0001';
    END IF;
    -- The pipeline records what it does (registrations, imports, drift) and never a governance decision.
    IF NOT steward.is_owner() AND NOT steward.login_in_group('steward_console')
       AND p_action NOT IN ('REGISTER', 'SCORECARDS_IMPORTED', 'scorecards.imported', 'drift.breach', 'EVENT_EMITTED') THEN
        RAISE EXCEPTION '%', format('E_PRIVILEGE: %s may append only REGISTER, SCORECARDS_IMPORTED, scorecards.imported, '
                                    'drift.breach and EVENT_EMITTED entries, not %s', v_actor, p_action)
            USING ERRCODE = 'P0001';
    END IF;
    -- One appender at a time for the whole chain, until the appending transaction ends: two transactions never read the
    -- same head. The head is read after the lock, so it is the last committed one (READ COMMITTED). A table lock, not an
    -- advisory one: any login may take any advisory lock and hold it, and so stall every governed write. SHARE ROW
    -- EXCLUSIVE conflicts with itself and with other writers of audit_log (the owner's copies), not with readers, and
    -- takes a privilege on audit_log that only its owner has.
    LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE;
    SELECT a.seq, a.hash INTO v_seq, v_prev FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
    v_seq := coalesce(v_seq, 0) + 1;
    v_prev := coalesce(v_prev, repeat('0', 64));
    v_ts := steward.now_text();
    v_hash := encode(sha256(convert_to(v_prev || E'\n' || v_seq::text || E'\n' || v_ts || E'\n' || v_actor || E'\n'
                                       || p_action || E'\n' || p_entity || E'\n' || p_payload, 'UTF8')), 'hex');
    INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash)
    VALUES (v_seq, v_ts, v_actor, p_action, p_entity, p_payload, v_prev, v_hash);
    PERFORM pg_notify('steward_changes', v_seq::text);
    RETURN QUERY SELECT v_seq, v_ts, v_actor, v_prev, v_hash;
END
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Change announcements: every committed write to a data table is heard by every console on channel steward_changes
-- (payload: the table; append_audit announces audit entries by seq). Once per statement, not per row.
-- ---------------------------------------------------------------------------------------------------------------

CREATE FUNCTION announce_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = steward, pg_temp
AS $$
BEGIN
    PERFORM pg_notify('steward_changes', TG_TABLE_NAME);
    RETURN NULL;
END
$$;
CREATE TRIGGER registry_meta_announce AFTER INSERT OR UPDATE ON registry_meta
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER model_registry_announce AFTER INSERT OR UPDATE ON model_registry
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER scorecards_announce AFTER INSERT OR UPDATE ON scorecards
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER principals_announce AFTER INSERT OR UPDATE ON principals
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER transition_requests_announce AFTER INSERT OR UPDATE ON transition_requests
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER approvals_announce AFTER INSERT OR UPDATE ON approvals
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER model_drift_announce AFTER INSERT OR UPDATE ON model_drift
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER drift_samples_announce AFTER INSERT OR UPDATE ON drift_samples
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER events_announce AFTER INSERT OR UPDATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER active_pointer_announce AFTER INSERT OR UPDATE ON active_pointer
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER incidents_announce AFTER INSERT OR UPDATE ON incidents
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER audit_signatures_announce AFTER INSERT OR UPDATE ON audit_signatures
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER rule_changes_announce AFTER INSERT OR UPDATE ON rule_changes
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();
CREATE TRIGGER scorecard_imports_announce AFTER INSERT OR UPDATE ON scorecard_imports
    FOR EACH STATEMENT EXECUTE FUNCTION announce_change();

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: nothing for PUBLIC; each group exactly what its people do. DELETE, TRUNCATE, REFERENCES and TRIGGER
-- stay the owner's alone, and so does INSERT on audit_log (append_audit above is the way in).
-- ---------------------------------------------------------------------------------------------------------------

REVOKE ALL ON SCHEMA steward FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA steward FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA steward FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA steward FROM PUBLIC;

GRANT USAGE ON SCHEMA steward
    TO steward_console, steward_analyst, steward_risk_officer, steward_admin, steward_pipeline, steward_auditor;
-- The write lock is taken by everyone who writes through the app (the pipeline's command line included), by no one else.
GRANT UPDATE ON write_lock TO steward_console, steward_pipeline;

-- The helpers run inside the triggers and defaults with the writer's privileges.
GRANT EXECUTE ON FUNCTION now_text(), login_in_group(text), is_owner(), role_group(text), principal_has_role(text, text),
    acts_in_role(text, text), require_login(text, text) TO steward_console, steward_pipeline;
GRANT EXECUTE ON FUNCTION append_audit(text, text, text) TO steward_console, steward_pipeline;

GRANT SELECT ON ALL TABLES IN SCHEMA steward TO steward_auditor, steward_console;

GRANT INSERT ON transition_requests, approvals, audit_signatures, rule_changes, events, model_drift, incidents,
    drift_samples, scorecards, scorecard_imports, model_registry, active_pointer, registry_meta TO steward_console;
GRANT UPDATE (status, decided_at, executed_at) ON transition_requests TO steward_console;
GRANT UPDATE (state, state_changed_at, updated_at, row_version, archived) ON model_registry TO steward_console;
GRANT UPDATE ON active_pointer, rule_changes, incidents, registry_meta TO steward_console;
GRANT UPDATE (published_at) ON events TO steward_console;
-- principal enroll: everyone submits their own key (principals_key_writer keeps it to their own row).
GRANT UPDATE (public_key, key_endorsed_by, key_endorsement, key_enrolled_at) ON principals TO steward_console;
-- ADMINs add principals and apply approved rule changes to them.
GRANT INSERT, UPDATE ON principals TO steward_admin;
GRANT USAGE ON SEQUENCE approvals_approval_id_seq, audit_signatures_signature_id_seq, events_event_id_seq,
    model_drift_drift_id_seq, incidents_incident_id_seq, drift_samples_sample_id_seq, scorecards_scorecard_id_seq
    TO steward_console;

-- The trading system registers candidates and writes evidence; it reads what it needs to and decides nothing.
GRANT SELECT ON model_registry, scorecards, scorecard_imports, drift_samples, model_drift, incidents, events, principals,
    active_pointer, registry_meta, schema_version TO steward_pipeline;
GRANT INSERT ON model_registry, scorecards, scorecard_imports, drift_samples, model_drift, incidents, events
    TO steward_pipeline;
GRANT USAGE ON SEQUENCE scorecards_scorecard_id_seq, drift_samples_sample_id_seq, model_drift_drift_id_seq,
    incidents_incident_id_seq, events_event_id_seq TO steward_pipeline;

-- ---------------------------------------------------------------------------------------------------------------
-- SQLite's instr and json_each(text), so that the app's statements run as written on both engines (registry.sql).
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION instr(haystack text, needle text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = steward, pg_temp AS $$ SELECT strpos(haystack, needle) $$;
CREATE FUNCTION json_each(items text) RETURNS TABLE (value text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = steward, pg_temp AS $$ SELECT jsonb_array_elements_text(items::jsonb) $$;
GRANT EXECUTE ON FUNCTION instr(text, text), json_each(text) TO steward_console, steward_pipeline, steward_auditor;

-- Governance: ACTIVE pointer with last-known-good, request kinds, and triggers that make the registry defend itself
-- See docs/schema.md, "Governance (schema V002)". Live states (guarded like ACTIVE): ACTIVE and PRODUCTION.
-- Governed states (artifacts frozen): every state except CANDIDATE, DRAFT and TRAINED.

ALTER TABLE transition_requests ADD COLUMN kind TEXT NOT NULL DEFAULT 'PROMOTION' CHECK (kind IN ('PROMOTION', 'ROLLBACK'));
ALTER TABLE transition_requests ADD COLUMN policy_name TEXT;

-- One row per model name: the ACTIVE version and the version a rollback returns to. Rollback is one update by primary key.
CREATE TABLE active_pointer (
    model_name         TEXT PRIMARY KEY,
    active_model_id    TEXT REFERENCES model_registry (model_id),
    last_known_good_id TEXT REFERENCES model_registry (model_id),
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_by         TEXT NOT NULL DEFAULT 'system'
);
-- Registries written before V002 already have ACTIVE versions: the pointer starts from them (no last-known-good yet).
INSERT INTO active_pointer (model_name, active_model_id, updated_by)
SELECT model_name, model_id, 'migration V002' FROM model_registry WHERE state IN ('ACTIVE', 'PRODUCTION');

CREATE UNIQUE INDEX model_registry_one_production ON model_registry (model_name) WHERE state = 'PRODUCTION';
CREATE INDEX approvals_request ON approvals (request_id, decision);

-- ---------------------------------------------------------------------------------------------------------------
-- Nothing becomes ACTIVE (or PRODUCTION) except through a request in status EXECUTING. A request reaches EXECUTING
-- only with its quorum of approvals from qualified principals (or, for a rollback, from a RISK_OFFICER returning to the
-- recorded last-known-good), and the state change consumes the marker at once (EXECUTING -> EXECUTED).
-- ---------------------------------------------------------------------------------------------------------------

CREATE TRIGGER model_registry_no_insert_live
BEFORE INSERT ON model_registry
WHEN NEW.state IN ('ACTIVE', 'PRODUCTION')
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_APPROVAL_MISSING: a version cannot be inserted as ACTIVE; register it as a candidate and promote it through an approved request');
END;

CREATE TRIGGER model_registry_live_needs_executing_request
BEFORE UPDATE OF state ON model_registry
WHEN NEW.state IN ('ACTIVE', 'PRODUCTION') AND OLD.state IS NOT NEW.state
 AND NOT EXISTS (SELECT 1 FROM transition_requests r
                  WHERE r.model_id = NEW.model_id AND r.to_state = NEW.state AND r.status = 'EXECUTING')
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_APPROVAL_MISSING: a version becomes ACTIVE only through an approved request executed by the governance engine');
END;

CREATE TRIGGER model_registry_consume_executing_request
AFTER UPDATE OF state ON model_registry
WHEN OLD.state IS NOT NEW.state
BEGIN
    UPDATE transition_requests
       SET status = 'EXECUTED', executed_at = NEW.state_changed_at
     WHERE model_id = NEW.model_id AND to_state = NEW.state AND status = 'EXECUTING';
END;

CREATE TRIGGER model_registry_frozen_once_governed
BEFORE UPDATE ON model_registry
WHEN OLD.state NOT IN ('CANDIDATE', 'DRAFT', 'TRAINED')
 AND (NEW.model_id IS NOT OLD.model_id OR NEW.model_name IS NOT OLD.model_name OR NEW.version IS NOT OLD.version
      OR NEW.model_type IS NOT OLD.model_type OR NEW.path_ref IS NOT OLD.path_ref
      OR NEW.training_config_json IS NOT OLD.training_config_json OR NEW.training_config_hash IS NOT OLD.training_config_hash
      OR NEW.data_snapshot_ref IS NOT OLD.data_snapshot_ref OR NEW.data_snapshot_hash IS NOT OLD.data_snapshot_hash
      OR NEW.feature_graph_hash IS NOT OLD.feature_graph_hash OR NEW.code_commit IS NOT OLD.code_commit
      OR NEW.created_by IS NOT OLD.created_by)
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: the artifacts of a version are frozen once it has left CANDIDATE; register a new version instead');
END;

CREATE TRIGGER model_registry_no_delete_governed
BEFORE DELETE ON model_registry
WHEN OLD.state NOT IN ('CANDIDATE', 'DRAFT', 'TRAINED')
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: a governed version is never deleted; retention marks old versions archived');
END;

-- Any change a writer makes counts as a new row version, so a request made before it goes stale.
CREATE TRIGGER model_registry_bump_row_version
AFTER UPDATE ON model_registry
WHEN NEW.row_version = OLD.row_version
BEGIN
    UPDATE model_registry SET row_version = OLD.row_version + 1 WHERE model_id = NEW.model_id;
END;

-- ---------------------------------------------------------------------------------------------------------------
-- Requests: born PENDING; only the listed status changes; their content never changes; never deleted.
-- ---------------------------------------------------------------------------------------------------------------

CREATE TRIGGER transition_requests_insert
BEFORE INSERT ON transition_requests
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: a request is created in status PENDING')
     WHERE NEW.status IS NOT 'PENDING';
    SELECT RAISE(ABORT, 'E_LEARN_APPROVAL_MISSING: a promotion to ACTIVE needs at least one RISK_OFFICER approval')
     WHERE NEW.kind = 'PROMOTION' AND NEW.to_state IN ('ACTIVE', 'PRODUCTION')
       AND (NEW.required_approvals < 1 OR NEW.required_role IS NOT 'RISK_OFFICER');
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: a rollback returns to the recorded last-known-good version and is made by a RISK_OFFICER')
     WHERE NEW.kind = 'ROLLBACK'
       AND (NOT EXISTS (SELECT 1 FROM active_pointer p JOIN model_registry m ON m.model_name = p.model_name
                         WHERE m.model_id = NEW.model_id AND p.last_known_good_id = NEW.model_id)
            OR NOT EXISTS (SELECT 1 FROM principals u WHERE u.user_name = NEW.requested_by AND u.active = 1
                            AND ',' || replace(u.roles, ' ', '') || ',' LIKE '%,RISK_OFFICER,%'));
END;

CREATE TRIGGER transition_requests_content_frozen
BEFORE UPDATE ON transition_requests
WHEN NEW.request_id IS NOT OLD.request_id OR NEW.model_id IS NOT OLD.model_id OR NEW.from_state IS NOT OLD.from_state
  OR NEW.to_state IS NOT OLD.to_state OR NEW.requested_by IS NOT OLD.requested_by OR NEW.requested_at IS NOT OLD.requested_at
  OR NEW.justification IS NOT OLD.justification OR NEW.gate_report_json IS NOT OLD.gate_report_json
  OR NEW.gate_passed IS NOT OLD.gate_passed OR NEW.model_row_version IS NOT OLD.model_row_version
  OR NEW.scorecard_digest IS NOT OLD.scorecard_digest OR NEW.required_approvals IS NOT OLD.required_approvals
  OR NEW.required_role IS NOT OLD.required_role OR NEW.kind IS NOT OLD.kind OR NEW.policy_name IS NOT OLD.policy_name
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: a request cannot be edited; only its status moves forward');
END;

CREATE TRIGGER transition_requests_status_flow
BEFORE UPDATE OF status ON transition_requests
WHEN OLD.status IS NOT NEW.status
 AND NOT ((OLD.status = 'PENDING' AND NEW.status IN ('EXECUTING', 'REJECTED', 'STALE'))
          OR (OLD.status = 'EXECUTING' AND NEW.status = 'EXECUTED'))
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: a request moves only PENDING -> EXECUTING -> EXECUTED, or PENDING -> REJECTED or STALE');
END;

CREATE TRIGGER transition_requests_executing_needs_quorum
BEFORE UPDATE OF status ON transition_requests
WHEN NEW.status = 'EXECUTING' AND OLD.status = 'PENDING'
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_APPROVAL_MISSING: the request does not have its quorum of approvals')
     WHERE (SELECT count(DISTINCT a.approver) FROM approvals a
             WHERE a.request_id = NEW.request_id AND a.decision = 'APPROVE') < NEW.required_approvals;
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: the request was rejected')
     WHERE EXISTS (SELECT 1 FROM approvals a WHERE a.request_id = NEW.request_id AND a.decision = 'REJECT');
    SELECT RAISE(ABORT, 'E_LEARN_GATE_FAILED: the request''s gate report did not pass')
     WHERE NEW.kind = 'PROMOTION' AND NEW.gate_passed IS NOT 1 AND NEW.to_state IN ('ACTIVE', 'PRODUCTION');
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: the request is stale (the version changed after it was made)')
     WHERE NOT EXISTS (SELECT 1 FROM model_registry m WHERE m.model_id = NEW.model_id
                        AND m.row_version = NEW.model_row_version AND m.state = NEW.from_state);
END;

CREATE TRIGGER transition_requests_rejected_needs_rejection
BEFORE UPDATE OF status ON transition_requests
WHEN NEW.status = 'REJECTED' AND OLD.status = 'PENDING'
 AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.request_id = NEW.request_id AND a.decision = 'REJECT')
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: a request is rejected by recording a rejection with a comment');
END;

CREATE TRIGGER transition_requests_no_delete
BEFORE DELETE ON transition_requests
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: requests are part of the governance record and are never deleted');
END;

-- ---------------------------------------------------------------------------------------------------------------
-- Approvals: maker-checker enforced by the database; append-only.
-- ---------------------------------------------------------------------------------------------------------------

CREATE TRIGGER approvals_insert
BEFORE INSERT ON approvals
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: only a PENDING request can be approved or rejected')
     WHERE NOT EXISTS (SELECT 1 FROM transition_requests r WHERE r.request_id = NEW.request_id AND r.status = 'PENDING');
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: the requester cannot approve or reject their own request')
     WHERE EXISTS (SELECT 1 FROM transition_requests r WHERE r.request_id = NEW.request_id AND r.requested_by = NEW.approver);
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: the creator of a version cannot approve or reject its promotion')
     WHERE EXISTS (SELECT 1 FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id
                    WHERE r.request_id = NEW.request_id AND m.created_by = NEW.approver);
    SELECT RAISE(ABORT, 'E_LEARN_APPROVAL_MISSING: the approver does not hold the role the request needs')
     WHERE NOT EXISTS (SELECT 1 FROM transition_requests r JOIN principals u ON u.user_name = NEW.approver
                        WHERE r.request_id = NEW.request_id AND u.active = 1
                          AND ',' || replace(u.roles, ' ', '') || ',' LIKE '%,' || r.required_role || ',%');
END;

CREATE TRIGGER approvals_no_update
BEFORE UPDATE ON approvals
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: approvals are append-only');
END;

CREATE TRIGGER approvals_no_delete
BEFORE DELETE ON approvals
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: approvals are append-only');
END;

-- ---------------------------------------------------------------------------------------------------------------
-- The audit log is append-only (the hash chain detects edits made with these triggers dropped).
-- ---------------------------------------------------------------------------------------------------------------

CREATE TRIGGER audit_log_no_update
BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'E_AUDIT_APPEND_ONLY: the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete
BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'E_AUDIT_APPEND_ONLY: the audit log is append-only');
END;

-- ---------------------------------------------------------------------------------------------------------------
-- The ACTIVE pointer follows the engine: it names a version being made live, and last-known-good is only ever the
-- version that was ACTIVE before (or is cleared).
-- ---------------------------------------------------------------------------------------------------------------

CREATE TRIGGER active_pointer_insert
BEFORE INSERT ON active_pointer
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: a new ACTIVE pointer has no last-known-good version')
     WHERE NEW.last_known_good_id IS NOT NULL;
    SELECT RAISE(ABORT, 'E_LEARN_APPROVAL_MISSING: the ACTIVE pointer moves only to a version being promoted by an executing request')
     WHERE NEW.active_model_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id
                        WHERE r.model_id = NEW.active_model_id AND m.model_name = NEW.model_name AND r.status = 'EXECUTING');
END;

CREATE TRIGGER active_pointer_update
BEFORE UPDATE ON active_pointer
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: the last-known-good version is the one that was ACTIVE before')
     WHERE NEW.last_known_good_id IS NOT NULL
       AND NEW.last_known_good_id IS NOT OLD.active_model_id AND NEW.last_known_good_id IS NOT OLD.last_known_good_id;
    SELECT RAISE(ABORT, 'E_LEARN_APPROVAL_MISSING: the ACTIVE pointer moves only to a version being promoted by an executing request')
     WHERE NEW.active_model_id IS NOT NULL AND NEW.active_model_id IS NOT OLD.active_model_id
       AND NOT EXISTS (SELECT 1 FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id
                        WHERE r.model_id = NEW.active_model_id AND m.model_name = NEW.model_name AND r.status = 'EXECUTING');
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: the model name of a pointer never changes')
     WHERE NEW.model_name IS NOT OLD.model_name;
END;

CREATE TRIGGER active_pointer_no_delete
BEFORE DELETE ON active_pointer
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: the ACTIVE pointer is never deleted');
END;

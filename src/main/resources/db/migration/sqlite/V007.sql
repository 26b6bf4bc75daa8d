-- Four eyes on the rules: policy and principal changes are rule changes a second ADMIN decides
-- See docs/schema.md, "Rule changes (schema V007)", and docs/security.md, "Four eyes on the rules". A rule change takes
-- effect (principals, registry_meta policy) only in the transaction that records its approval by an ADMIN other than
-- its requester; while a registry has exactly one active ADMIN, that ADMIN's changes apply at once (four_eyes = 0).

CREATE TABLE rule_changes (
    change_id           TEXT PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('POLICY_SET', 'ROLE_GRANT', 'ROLE_REVOKE', 'DEACTIVATE', 'ACTIVATE')),
    target              TEXT NOT NULL,
    target_user         TEXT,
    role                TEXT CHECK (role IS NULL OR role IN ('ANALYST', 'RISK_OFFICER', 'ADMIN')),
    policy_name         TEXT,
    policy_text         TEXT,
    policy_format       TEXT CHECK (policy_format IS NULL OR policy_format IN ('yaml', 'json')),
    policy_sha256       TEXT,
    base_sha256         TEXT,
    requested_by        TEXT NOT NULL,
    requested_at        TEXT NOT NULL,
    requester_signature TEXT NOT NULL,
    four_eyes           INTEGER NOT NULL DEFAULT 1 CHECK (four_eyes IN (0, 1)),
    status              TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPLIED', 'REJECTED', 'STALE')),
    decided_by          TEXT,
    decided_at          TEXT,
    decision_comment    TEXT,
    decision_signature  TEXT
);
CREATE INDEX rule_changes_status ON rule_changes (status, change_id);

-- Born PENDING, undecided, requested by an active ADMIN, with the content its kind needs. Only a registry with at most
-- one active ADMIN may record a change that skips the second pair of eyes.
CREATE TRIGGER rule_changes_insert
BEFORE INSERT ON rule_changes
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: a rule change is created PENDING and undecided')
     WHERE NEW.status IS NOT 'PENDING' OR NEW.decided_by IS NOT NULL OR NEW.decided_at IS NOT NULL
        OR NEW.decision_comment IS NOT NULL OR NEW.decision_signature IS NOT NULL;
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: only an active ADMIN requests a rule change')
     WHERE NOT EXISTS (SELECT 1 FROM principals u WHERE u.user_name = NEW.requested_by AND u.active = 1
                        AND ',' || replace(u.roles, ' ', '') || ',' LIKE '%,ADMIN,%');
    SELECT RAISE(ABORT, 'E_LEARN_APPROVAL_MISSING: a rule change skips the second ADMIN only while the registry has one active ADMIN')
     WHERE NEW.four_eyes = 0
       AND (SELECT count(*) FROM principals u WHERE u.active = 1 AND ',' || replace(u.roles, ' ', '') || ',' LIKE '%,ADMIN,%') > 1;
    SELECT RAISE(ABORT, 'E_INVALID_INPUT: a policy change carries the policy name, text, format and digest')
     WHERE NEW.kind = 'POLICY_SET' AND (NEW.policy_name IS NULL OR NEW.policy_text IS NULL OR NEW.policy_format IS NULL
                                        OR NEW.policy_sha256 IS NULL OR NEW.target_user IS NOT NULL OR NEW.role IS NOT NULL);
    SELECT RAISE(ABORT, 'E_INVALID_INPUT: a principal change names its user (and, for a role change, the role) and no policy')
     WHERE NEW.kind <> 'POLICY_SET'
       AND (NEW.target_user IS NULL OR NEW.policy_text IS NOT NULL
            OR (NEW.kind IN ('ROLE_GRANT', 'ROLE_REVOKE')) <> (NEW.role IS NOT NULL));
END;

-- What was requested and signed never changes.
CREATE TRIGGER rule_changes_content_frozen
BEFORE UPDATE ON rule_changes
WHEN NEW.change_id IS NOT OLD.change_id OR NEW.kind IS NOT OLD.kind OR NEW.target IS NOT OLD.target
  OR NEW.target_user IS NOT OLD.target_user OR NEW.role IS NOT OLD.role OR NEW.policy_name IS NOT OLD.policy_name
  OR NEW.policy_text IS NOT OLD.policy_text OR NEW.policy_format IS NOT OLD.policy_format
  OR NEW.policy_sha256 IS NOT OLD.policy_sha256 OR NEW.base_sha256 IS NOT OLD.base_sha256
  OR NEW.requested_by IS NOT OLD.requested_by OR NEW.requested_at IS NOT OLD.requested_at
  OR NEW.requester_signature IS NOT OLD.requester_signature OR NEW.four_eyes IS NOT OLD.four_eyes
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: a rule change cannot be edited; only its decision is recorded, once');
END;

-- One decision, recorded once: PENDING -> APPLIED, REJECTED or STALE, and nothing moves after that.
CREATE TRIGGER rule_changes_status_flow
BEFORE UPDATE ON rule_changes
WHEN OLD.status IS NOT 'PENDING'
  OR (NEW.status NOT IN ('APPLIED', 'REJECTED', 'STALE')
      AND (NEW.status IS NOT OLD.status OR NEW.decided_by IS NOT OLD.decided_by OR NEW.decided_at IS NOT OLD.decided_at
           OR NEW.decision_comment IS NOT OLD.decision_comment OR NEW.decision_signature IS NOT OLD.decision_signature))
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: a rule change moves only PENDING -> APPLIED, REJECTED or STALE, once, with its decision');
END;

-- The decision: signed, commented, by an active ADMIN other than the requester (the requester only for a change made
-- while the registry had one ADMIN). STALE is recorded with the reason and the ADMIN who found it.
CREATE TRIGGER rule_changes_decision
BEFORE UPDATE OF status ON rule_changes
WHEN OLD.status = 'PENDING' AND NEW.status IN ('APPLIED', 'REJECTED', 'STALE')
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_APPROVAL_MISSING: a rule change is decided with the decider, the time, a comment and a signature')
     WHERE NEW.decided_by IS NULL OR NEW.decided_at IS NULL OR trim(coalesce(NEW.decision_comment, '')) = ''
        OR (NEW.status IN ('APPLIED', 'REJECTED') AND NEW.decision_signature IS NULL);
    SELECT RAISE(ABORT, 'E_LEARN_APPROVAL_MISSING: only an active ADMIN decides a rule change')
     WHERE NOT EXISTS (SELECT 1 FROM principals u WHERE u.user_name = NEW.decided_by AND u.active = 1
                        AND ',' || replace(u.roles, ' ', '') || ',' LIKE '%,ADMIN,%');
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: the requester of a rule change cannot decide it (four eyes)')
     WHERE NEW.decided_by = OLD.requested_by AND NEW.status IN ('APPLIED', 'REJECTED') AND OLD.four_eyes = 1;
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: a change made without a second ADMIN is applied by its requester at once')
     WHERE OLD.four_eyes = 0 AND (NEW.status IS NOT 'APPLIED' OR NEW.decided_by IS NOT OLD.requested_by);
END;

CREATE TRIGGER rule_changes_no_delete
BEFORE DELETE ON rule_changes
BEGIN
    SELECT RAISE(ABORT, 'E_LEARN_ROLLOUT_DENIED: rule changes are part of the governance record and are never deleted');
END;

-- Signed history: every write transaction signs the audit head, and a pre-filled signature row never blocks a writer
-- See docs/security.md. audit_signatures had seq as its primary key, so a row inserted ahead at a future seq made the
-- next transaction's signature collide and fail (a rollback held hostage). Any number of rows may now name a seq; a
-- head counts when one of its rows verifies, and every row that does not is reported by `audit verify`.

CREATE TABLE audit_signatures_v6 (
    signature_id INTEGER PRIMARY KEY,
    seq          INTEGER NOT NULL,
    head_hash    TEXT    NOT NULL,
    signer       TEXT    NOT NULL,
    signed_at    TEXT    NOT NULL,
    signature    TEXT    NOT NULL
);
INSERT INTO audit_signatures_v6 (seq, head_hash, signer, signed_at, signature)
SELECT seq, head_hash, signer, signed_at, signature FROM audit_signatures ORDER BY seq;
DROP TRIGGER audit_signatures_no_update;
DROP TRIGGER audit_signatures_no_delete;
DROP TABLE audit_signatures;
ALTER TABLE audit_signatures_v6 RENAME TO audit_signatures;
CREATE INDEX audit_signatures_seq ON audit_signatures (seq);

CREATE TRIGGER audit_signatures_no_update
BEFORE UPDATE ON audit_signatures
BEGIN
    SELECT RAISE(ABORT, 'E_AUDIT_APPEND_ONLY: audit signatures are append-only');
END;

CREATE TRIGGER audit_signatures_no_delete
BEFORE DELETE ON audit_signatures
BEGIN
    SELECT RAISE(ABORT, 'E_AUDIT_APPEND_ONLY: audit signatures are append-only');
END;

-- The policy in force is checked against the newest POLICY_SET entry; without this index that look-up reads the log.
CREATE INDEX audit_log_action ON audit_log (action, seq);

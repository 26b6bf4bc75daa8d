-- Signatures: endorsed principal keys, signed approvals, signed audit-chain heads
-- See docs/security.md. Private keys never enter this file: only public keys, endorsements and signatures.

-- principals.public_key (V001) holds "ed25519:<base64 X.509>". The endorsement is the Ed25519 signature of an ADMIN
-- (key_endorsed_by) over the enrolment's canonical content; the registry's root key is the one ADMIN key that endorses
-- itself, and its fingerprint is what every user's console and command line pin on first use.
ALTER TABLE principals ADD COLUMN key_endorsed_by TEXT;
ALTER TABLE principals ADD COLUMN key_endorsement TEXT;
ALTER TABLE principals ADD COLUMN key_enrolled_at TEXT;

-- The executor's signature over the audit chain's head after each transition (approvals.signature is in V001).
CREATE TABLE audit_signatures (
    seq       INTEGER PRIMARY KEY,
    head_hash TEXT NOT NULL,
    signer    TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    signature TEXT NOT NULL
);

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

-- An endorsed key is never replaced in place: swapping a key would silently re-attribute every signature made with it.
CREATE TRIGGER principals_endorsed_key_frozen
BEFORE UPDATE OF public_key, key_endorsed_by, key_endorsement, key_enrolled_at ON principals
WHEN OLD.key_endorsement IS NOT NULL
 AND (NEW.public_key IS NOT OLD.public_key OR NEW.key_endorsed_by IS NOT OLD.key_endorsed_by
      OR NEW.key_endorsement IS NOT OLD.key_endorsement OR NEW.key_enrolled_at IS NOT OLD.key_enrolled_at)
BEGIN
    SELECT RAISE(ABORT, 'E_KEY_ENDORSED: an endorsed key cannot be replaced; keys are enrolled once');
END;

-- One root: only the first ADMIN to enrol may endorse their own key.
CREATE TRIGGER principals_single_root
BEFORE UPDATE OF key_endorsed_by ON principals
WHEN NEW.key_endorsed_by = NEW.user_name
 AND EXISTS (SELECT 1 FROM principals p WHERE p.key_endorsed_by = p.user_name AND p.user_name IS NOT NEW.user_name)
BEGIN
    SELECT RAISE(ABORT, 'E_KEY_ENDORSED: this registry already has a root key; an ADMIN with an endorsed key endorses new keys');
END;

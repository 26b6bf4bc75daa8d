package com.modelsteward.governance;

import com.modelsteward.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every signature in a registry: each enrolled key against the root, each approval and rejection against its
 * approver's key, each signed audit head against the chain, and that the newest transition is covered by a signed
 * head. What {@code audit verify} reports next to the hash chain.
 */
public final class SignatureAudit {

    /**
     * @param rootFingerprint the root key's fingerprint, empty when no key is enrolled
     * @param demoKeys        true on a demo registry, whose keys are public by design and prove nothing
     * @param problems        one sentence per unsigned or badly signed record; empty when everything verifies
     */
    public record Report(Optional<String> rootFingerprint, boolean demoKeys, int keysChecked, int decisionsChecked, int headsChecked,
                         List<String> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private SignatureAudit() {
    }

    public static Report verify(Registry registry) {
        return registry.read(handle -> {
            List<String> problems = new ArrayList<>();
            Optional<Signatures.KeyCheck> root = Signatures.root(handle);
            root.filter(r -> !r.trusted()).ifPresent(r -> problems.add("root key of " + r.user() + ": " + r.problem()));
            if (Signatures.demoMarker(handle).isPresent()) {
                Signatures.demoProblem(handle).ifPresent(notADemo -> problems.add("registry_meta carries the demo marker, but " + notADemo));
            }
            List<String> enrolled = handle.createQuery("SELECT user_name FROM principals WHERE public_key IS NOT NULL ORDER BY user_name")
                    .mapTo(String.class).list();
            for (String user : enrolled) {
                Signatures.KeyCheck key = Signatures.trustedKey(handle, user);
                if (!key.trusted()) {
                    problems.add("key of " + user + ": " + key.problem());
                }
            }
            List<Map<String, Object>> decisions = handle.createQuery("""
                            SELECT a.approval_id, a.approver, a.decision, a.comment, a.decided_at, a.signature, a.request_id
                              FROM approvals a ORDER BY a.approval_id""").mapToMap().list();
            for (Map<String, Object> decision : decisions) {
                String requestId = (String) decision.get("request_id");
                Optional<GovernanceService.Request> request = GovernanceService.findRequest(handle, requestId);
                String label = "approval " + decision.get("approval_id") + " (" + decision.get("decision") + " of " + requestId + " by "
                        + decision.get("approver") + ")";
                if (request.isEmpty()) {
                    problems.add(label + " refers to a request that does not exist");
                    continue;
                }
                Signatures.decisionProblem(handle, request.get(), (String) decision.get("approver"), (String) decision.get("decision"),
                        (String) decision.get("comment"), (String) decision.get("decided_at"), (String) decision.get("signature"))
                        .ifPresent(problem -> problems.add(label + " " + problem));
            }
            List<Map<String, Object>> heads = handle.createQuery("""
                            SELECT s.seq, s.head_hash, s.signer, s.signed_at, s.signature, l.hash AS chain_hash
                              FROM audit_signatures s LEFT JOIN audit_log l ON l.seq = s.seq ORDER BY s.seq""").mapToMap().list();
            for (Map<String, Object> head : heads) {
                long seq = ((Number) head.get("seq")).longValue();
                String signer = (String) head.get("signer");
                String label = "signed audit head at entry " + seq + " (by " + signer + ")";
                if (!String.valueOf(head.get("head_hash")).equals(head.get("chain_hash"))) {
                    problems.add(label + " does not match the audit chain at that entry");
                    continue;
                }
                Signatures.KeyCheck key = Signatures.trustedKey(handle, signer);
                if (!key.trusted()) {
                    problems.add(label + " cannot be checked: " + key.problem());
                } else if (!Keys.verify(key.publicKey(), Signatures.headContent(seq, (String) head.get("head_hash"), signer,
                        (String) head.get("signed_at")), (String) head.get("signature"))) {
                    problems.add(label + " carries a signature that does not verify");
                }
            }
            Optional<Long> lastTransition = handle.createQuery(
                            "SELECT max(seq) FROM audit_log WHERE action IN ('TRANSITION', 'ROLLBACK')").mapTo(Long.class).findOne();
            long lastSigned = heads.isEmpty() ? 0 : ((Number) heads.getLast().get("seq")).longValue();
            if (lastTransition.isPresent() && lastTransition.get() > lastSigned) {
                problems.add("audit entry " + lastTransition.get() + " (a transition) is not covered by a signed audit head"
                        + (heads.isEmpty() ? " (no head was ever signed)" : "; the newest signed head is entry " + lastSigned));
            }
            return new Report(root.filter(Signatures.KeyCheck::trusted).map(r -> Keys.fingerprint(r.publicKey())),
                    Signatures.isDemo(handle), enrolled.size(), decisions.size(), heads.size(), List.copyOf(problems));
        });
    }
}

package com.modelsteward.governance;

import com.modelsteward.registry.Registry;
import com.modelsteward.registry.sqlite.SchemaTriggers;
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
        return registry.readHandle(handle -> {
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
            problems.addAll(SchemaTriggers.problems(handle));
            SignedHistory.Report history = SignedHistory.check(handle);
            problems.addAll(history.sentences());
            Optional<String> marker = handle.createQuery("SELECT value FROM registry_meta WHERE key = :k").bind("k", Principals.DEMO_MARKER)
                    .mapTo(String.class).findOne();
            if (marker.isPresent() && !Signatures.isDemo(handle)) {
                problems.add("registry_meta holds a demo marker, but this registry's root key is not the demo key: the marker was "
                        + "inserted behind the app's back (it does not make a registry a demo)");
            }
            int heads = handle.createQuery("SELECT count(*) FROM audit_signatures").mapTo(Integer.class).one();
            return new Report(root.filter(Signatures.KeyCheck::trusted).map(r -> Keys.fingerprint(r.publicKey())),
                    Signatures.isDemo(handle), enrolled.size(), decisions.size(), heads, List.copyOf(problems));
        });
    }
}

package com.modelsteward.trust;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Principals;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.SignedDecision;
import com.modelsteward.registry.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

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
        return registry.read(SignatureAudit::verify);
    }

    /** The hash chain's walk and the signatures' check of {@code audit verify}. */
    public record Full(AuditTrail.Verification chain, Report signatures) {
    }

    /**
     * {@link AuditTrail#verify} and {@link #verify(Store)} from one pass over the log
     * ({@link SignedHistory#checkWithChain}): each entry read and hashed once, and {@code audit_mentions} checked against
     * it ({@link MentionCheck}). Run inside one snapshot.
     */
    public static Full verifyAll(Store store) {
        return verifyAll(store, walked -> {
        });
    }

    /** The same, telling {@code walked} how many of the log's entries have been read, as the walk goes. */
    public static Full verifyAll(Store store, LongConsumer walked) {
        // The approvals' signatures are checked on a thread of their own while this one walks the log: what they need
        // from the registry is read first, in this snapshot, and their Ed25519 checks need nothing more from it.
        ExecutorService verifier = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("signed-decisions").factory());
        try {
            List<CompletableFuture<Optional<String>>> decisions = decisionProblems(store, verifier);
            SignedHistory.Audit audit = SignedHistory.checkWithChain(store, walked);
            Report signatures = verify(store, audit.history(), decisions);
            if (audit.mentionProblems().isEmpty()) {
                return new Full(audit.chain(), signatures);
            }
            List<String> problems = new ArrayList<>(signatures.problems());
            problems.addAll(audit.mentionProblems());
            return new Full(audit.chain(), new Report(signatures.rootFingerprint(), signatures.demoKeys(), signatures.keysChecked(),
                    signatures.decisionsChecked(), signatures.headsChecked(), List.copyOf(problems)));
        } finally {
            verifier.shutdownNow();
        }
    }

    /** The same inside a transaction the caller holds: {@code migrate} checks its copy before it commits it. */
    public static Report verify(Store store) {
        return verify(store, null, decisionProblems(store, Runnable::run));
    }

    /**
     * Each approval's and rejection's problem, in the order they are stored, its signature checked by {@code verifier};
     * empty where it verifies.
     */
    private static List<CompletableFuture<Optional<String>>> decisionProblems(Store store, Executor verifier) {
        List<CompletableFuture<Optional<String>>> problems = new ArrayList<>();
        // One approver signs many decisions; their key chain is the same in one snapshot.
        Map<String, Signatures.KeyCheck> keys = new HashMap<>();
        for (SignedDecision decision : store.approvals().allSignedDecisions()) {
            String requestId = decision.requestId();
            Optional<GovernanceEngine.Request> request = GovernanceEngine.findRequest(store, requestId);
            String label = "approval " + decision.approvalId() + " (" + decision.decision() + " of " + requestId + " by "
                    + decision.approver() + ")";
            if (request.isEmpty()) {
                problems.add(CompletableFuture.completedFuture(Optional.of(label + " refers to a request that does not exist")));
                continue;
            }
            problems.add(Signatures.decisionProblem(request.get(), decision.approver(), decision.decision(), decision.comment(),
                            decision.decidedAt(), decision.signature(), user -> keys.computeIfAbsent(user,
                                    u -> Signatures.trustedKey(store, u)), verifier)
                    .thenApply(problem -> problem.map(sentence -> label + " " + sentence)));
        }
        return problems;
    }

    /**
     * {@link #verify(Store)} with the signed history's replay already made ({@code history}), or made here when null, and
     * the decisions' checks already under way.
     */
    private static Report verify(Store store, SignedHistory.Report replayed, List<CompletableFuture<Optional<String>>> decisions) {
        List<String> problems = new ArrayList<>();
        Optional<Signatures.KeyCheck> root = Signatures.root(store);
        root.filter(r -> !r.trusted()).ifPresent(r -> problems.add("root key of " + r.user() + ": " + r.problem()));
        if (Signatures.demoMarker(store).isPresent()) {
            Signatures.demoProblem(store).ifPresent(notADemo -> problems.add("registry_meta carries the demo marker, but " + notADemo));
        }
        List<String> enrolled = store.principals().withKeys();
        for (String user : enrolled) {
            Signatures.KeyCheck key = Signatures.trustedKey(store, user);
            if (!key.trusted()) {
                problems.add("key of " + user + ": " + key.problem());
            }
        }
        for (CompletableFuture<Optional<String>> decision : decisions) {
            try {
                decision.join().ifPresent(problems::add);
            } catch (CompletionException failed) {
                throw failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
            }
        }
        problems.addAll(store.meta().triggerProblems());
        SignedHistory.Report history = replayed != null ? replayed : SignedHistory.check(store);
        problems.addAll(history.sentences());
        Optional<String> marker = store.meta().value(Principals.DEMO_MARKER);
        if (marker.isPresent() && !Signatures.isDemo(store)) {
            problems.add("registry_meta holds a demo marker, but this registry's root key is not the demo key: the marker was "
                    + "inserted behind the app's back (it does not make a registry a demo)");
        }
        int heads = store.audit().signedHeadCount();
        return new Report(root.filter(Signatures.KeyCheck::trusted).map(r -> Keys.fingerprint(r.publicKey())),
                Signatures.isDemo(store), enrolled.size(), decisions.size(), heads, List.copyOf(problems));
    }
}

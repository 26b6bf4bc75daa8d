package com.modelsteward.trust;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.Principals;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.ChainHead;
import com.modelsteward.registry.EnrolledKey;
import com.modelsteward.registry.RecordedDecision;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.Timestamps;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * What is signed, by whom, and how a signature is checked against the registry's root of trust.
 *
 * <p>Three kinds of signed content, each the canonical JSON (RFC 8785; form 1 still verifies, ADR 0014) of a small object with a {@code kind}, so a
 * signature of one kind can never be replayed as another: an approval or rejection ({@link #decisionContent}), a key
 * enrolment ({@link #enrolmentContent}) and the audit chain's head ({@link #headContent}). A key is trusted when its
 * enrolment is endorsed by an ADMIN whose own key is trusted, ending at the root: the one ADMIN key that endorses itself.
 */
public final class Signatures {

    /**
     * Demo key pairs already derived: deriving one is an Ed25519 key generation, which every signed transition paid
     * once more. They are public by design, so keeping them in memory gives nothing away.
     */
    private static final Map<String, KeyPair> DEMO_KEYS = new ConcurrentHashMap<>();

    /** How deep an endorsement chain may go before it is treated as a loop. */
    private static final int MAX_CHAIN = 16;

    /** A principal's key and, when it cannot be trusted, why not. */
    public record KeyCheck(String user, String publicKey, String problem) {

        public boolean trusted() {
            return problem == null;
        }
    }

    private Signatures() {
    }

    public static String decisionContent(String requestId, String modelId, String fromState, String toState, String gateReportJson,
                                         String decision, String comment, String decidedAt, String approver) {
        return CanonicalJson.write(decisionFields(requestId, modelId, fromState, toState, gateReportJson, decision, comment, decidedAt,
                approver));
    }

    /** The fields of {@link #decisionContent}, for {@link Keys#verifyCanonical}, which checks them in either form. */
    static Map<String, Object> decisionFields(String requestId, String modelId, String fromState, String toState, String gateReportJson,
                                              String decision, String comment, String decidedAt, String approver) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", "approval");
        content.put("request_id", requestId);
        content.put("model_id", modelId);
        content.put("from_state", fromState);
        content.put("to_state", toState);
        content.put("gate_report_digest", gateReportJson == null ? null : CanonicalJson.sha256Hex(gateReportJson));
        content.put("decision", decision);
        content.put("comment", comment);
        content.put("decided_at", decidedAt);
        content.put("approver", approver);
        return content;
    }

    public static String enrolmentContent(String user, String publicKey, String endorsedBy, String enrolledAt) {
        return CanonicalJson.write(enrolmentFields(user, publicKey, endorsedBy, enrolledAt));
    }

    static Map<String, Object> enrolmentFields(String user, String publicKey, String endorsedBy, String enrolledAt) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", "key_enrolment");
        content.put("user", user);
        content.put("public_key", publicKey);
        content.put("endorsed_by", endorsedBy);
        content.put("enrolled_at", enrolledAt);
        return content;
    }

    public static String headContent(long seq, String hash, String signer, String signedAt) {
        return CanonicalJson.write(headFields(seq, hash, signer, signedAt));
    }

    static Map<String, Object> headFields(long seq, String hash, String signer, String signedAt) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", "audit_head");
        content.put("seq", seq);
        content.put("hash", hash);
        content.put("signer", signer);
        content.put("signed_at", signedAt);
        return content;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hooks called by the governance engine inside its write transaction
    // ---------------------------------------------------------------------------------------------------------------

    /** The approver's signature over a decision about to be recorded; refuses when the approver cannot sign. */
    public static String signDecision(Store store, String approver, GovernanceEngine.Request request, String decision,
                                      String comment, String decidedAt) {
        PrivateKey key = signingKey(store, approver);
        return Keys.sign(key, decisionContent(request.requestId(), request.modelId(), request.fromState(), request.toState(),
                request.gateReportJson(), decision, comment, decidedAt, approver));
    }

    /**
     * Refuses ({@code E_LEARN_APPROVAL_MISSING}) unless every approval of the request carries a valid signature by a
     * trusted key: an approval row written into the file by hand, or altered after signing, does not count.
     */
    public static void requireValidApprovals(Store store, GovernanceEngine.Request request) {
        for (RecordedDecision approval : store.approvals().forRequest(request.requestId())) {
            String approver = approval.approver();
            Optional<String> problem = decisionProblem(store, request, approver, approval.decision(), approval.comment(),
                    approval.decidedAt(), approval.signature());
            if (problem.isPresent()) {
                throw new GovernanceException(GovernanceException.APPROVAL_MISSING, "request " + request.requestId()
                        + " cannot execute: the " + approval.decision() + " by " + approver + " " + problem.get()
                        + ". Nothing was changed");
            }
        }
    }

    /**
     * Ends every write transaction that appended audit entries: {@code actor} signs the chain's head as it stands now,
     * so no entry is ever outside a signature and each signed head attests the entries of one transaction by one person
     * (docs/security.md, "Signed history"). Refuses ({@code E_KEY_MISSING}) when the actor has no usable key, and then
     * nothing of the transaction is written.
     */
    public static void seal(Store store, Clock clock, String actor) {
        seal(store, clock, actor, signingKey(store, actor));
    }

    /** True when {@code user} holds a trusted key in this registry and can sign with it (their own key file, or a demo key). */
    public static boolean canSign(Store store, String user) {
        try {
            if (!trustedKey(store, user).trusted()) {
                return false;
            }
            signingKey(store, user);
            return true;
        } catch (GovernanceException noKey) {
            if (!"E_KEY_MISSING".equals(noKey.code())) {
                throw noKey;
            }
            return false;
        } catch (RuntimeException notALogin) {
            return false;
        }
    }

    /** {@link #seal} with a key already at hand (the registry's first key, enrolled in this very transaction). */
    static void seal(Store store, Clock clock, String actor, PrivateKey key) {
        ChainHead head = store.audit().head();
        String now = Timestamps.now(clock);
        String signature = Keys.sign(key, headContent(head.seq(), head.hash(), actor, now));
        store.audit().addSignedHead(head.seq(), head.hash(), actor, now, signature);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checking
    // ---------------------------------------------------------------------------------------------------------------

    /** Why a recorded decision's signature does not verify, or empty when it does. */
    public static Optional<String> decisionProblem(Store store, GovernanceEngine.Request request, String approver, String decision,
                                            String comment, String decidedAt, String signature) {
        try {
            return decisionProblem(request, approver, decision, comment, decidedAt, signature, user -> trustedKey(store, user),
                    Runnable::run).join();
        } catch (java.util.concurrent.CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
        }
    }

    /**
     * {@link #decisionProblem} with the approver's key found by {@code keys} ({@link #trustedKey}) now and the signature's
     * check run by {@code verifier}: {@code audit verify} checks the approvals on a thread of their own while it walks the log.
     */
    static CompletableFuture<Optional<String>> decisionProblem(GovernanceEngine.Request request, String approver, String decision,
                                                              String comment, String decidedAt, String signature,
                                                              java.util.function.Function<String, KeyCheck> keys, Executor verifier) {
        if (signature == null || signature.isBlank()) {
            return CompletableFuture.completedFuture(Optional.of("is not signed"));
        }
        KeyCheck key = keys.apply(approver);
        if (!key.trusted()) {
            return CompletableFuture.completedFuture(Optional.of("cannot be checked: " + key.problem()));
        }
        Map<String, Object> content = decisionFields(request.requestId(), request.modelId(), request.fromState(), request.toState(),
                request.gateReportJson(), decision, comment, decidedAt, approver);
        return CompletableFuture.supplyAsync(() -> Keys.verifyCanonical(key.publicKey(), content, signature) ? Optional.<String>empty()
                : Optional.of("carries a signature that does not match its content and " + approver + "'s key"), verifier);
    }

    /** The root principal: the one whose key endorses itself. */
    public static Optional<KeyCheck> root(Store store) {
        List<String> roots = store.principals().selfEndorsed();
        if (roots.isEmpty()) {
            return Optional.empty();
        }
        if (roots.size() > 1) {
            return Optional.of(new KeyCheck(roots.getFirst(), null, "the registry claims " + roots.size() + " root keys " + roots
                    + "; a registry has exactly one"));
        }
        return Optional.of(trustedKey(store, roots.getFirst()));
    }

    /** Follows the endorsements of {@code user}'s key up to the root. */
    public static KeyCheck trustedKey(Store store, String user) {
        Set<String> seen = new HashSet<>();
        String current = user;
        String userKey = null;
        for (int depth = 0; depth < MAX_CHAIN; depth++) {
            if (!seen.add(current)) {
                return new KeyCheck(user, userKey, "its endorsements go round in a loop through " + current);
            }
            Optional<EnrolledKey> row = store.principals().enrolledKey(current);
            String who = current.equals(user) ? user : "endorser " + current;
            if (row.isEmpty()) {
                return new KeyCheck(user, userKey, who + " is not a principal of this registry");
            }
            EnrolledKey principal = row.get();
            String publicKey = principal.publicKey();
            if (depth == 0) {
                userKey = publicKey;
            }
            if (publicKey == null) {
                return new KeyCheck(user, null, who + " has no enrolled key (run `principal enroll`)");
            }
            String endorser = principal.endorsedBy();
            String endorsement = principal.endorsement();
            if (endorser == null || endorsement == null) {
                return new KeyCheck(user, userKey, who + "'s key has not been endorsed by an ADMIN yet (`principal enroll --user "
                        + current + " --fingerprint SHA256:…`, with the fingerprint " + current + " reads out)");
            }
            Optional<String> endorserKey = store.principals().publicKey(endorser);
            if (endorserKey.isEmpty() || endorserKey.get() == null) {
                return new KeyCheck(user, userKey, who + "'s key is endorsed by " + endorser + ", who has no key");
            }
            if (!Keys.verifyCanonical(endorserKey.get(), enrolmentFields(current, publicKey, endorser, principal.enrolledAt()),
                    endorsement)) {
                return new KeyCheck(user, userKey, who + "'s key endorsement by " + endorser + " does not verify (the key or its "
                        + "enrolment was altered)");
            }
            boolean endorserIsAdmin = store.principals().roles(endorser)
                    .map(roles -> (',' + roles.replace(" ", "") + ',').contains(",ADMIN,")).orElse(false);
            if (!endorserIsAdmin) {
                return new KeyCheck(user, userKey, who + "'s key is endorsed by " + endorser + ", who is not an ADMIN");
            }
            if (endorser.equals(current)) {
                return new KeyCheck(user, userKey, null);
            }
            current = endorser;
        }
        return new KeyCheck(user, userKey, "its endorsement chain is longer than " + MAX_CHAIN + " keys");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Private keys
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * True only on a registry whose demo origin is proven: it carries the demo marker AND its root principal's key is the
     * demo key derived from that marker AND the root's self-endorsement verifies. A real registry's root is a random key,
     * so a marker row inserted into it by hand changes nothing.
     */
    public static boolean isDemo(Store store) {
        return demoProblem(store).isEmpty();
    }

    /** Why this registry is not a proven demo, as the end of a sentence ("… is not a demo: it …"); empty when it is one. */
    public static Optional<String> demoProblem(Store store) {
        Optional<String> marker = demoMarker(store);
        if (marker.isEmpty()) {
            return Optional.of("it was not created by `demo`");
        }
        Optional<KeyCheck> root = root(store);
        if (root.isEmpty()) {
            return Optional.of("it has no root key; a marker row does not make a registry a demo");
        }
        KeyCheck rootKey = root.get();
        if (!rootKey.trusted()) {
            return Optional.of("its root key cannot be trusted (" + rootKey.problem() + "); a marker row does not make a registry a demo");
        }
        if (!rootKey.publicKey().equals(Keys.publicText(demoKeyPair(marker.get(), rootKey.user()).getPublic()))) {
            return Optional.of("its root key is not the demo key; a marker row does not make a registry a demo");
        }
        return Optional.empty();
    }

    /** The marker row, proven or not: whether it may be trusted is {@link #demoProblem}'s question. */
    static Optional<String> demoMarker(Store store) {
        return store.meta().value(Principals.DEMO_MARKER);
    }

    /**
     * The demo key pair of a demo user: derived from the demo registry's marker and the user name, so anyone can
     * recompute it. Demo signatures show the machinery working; they prove nothing about who acted (docs/security.md).
     */
    public static KeyPair demoKeyPair(String demoMarker, String user) {
        return DEMO_KEYS.computeIfAbsent(demoMarker + "\n" + user,
                markerAndUser -> Keys.fromSeed("model-steward demo key (public by design)\n" + markerAndUser));
    }

    /**
     * The private key {@code user} signs with: on a proven demo registry ({@link #isDemo}) the derived demo key; otherwise
     * the key file in this account's data directory, which must belong to the key enrolled for {@code user} in this
     * registry.
     */
    public static PrivateKey signingKey(Store store, String user) {
        if (isDemo(store)) {
            return demoKeyPair(demoMarker(store).orElseThrow(), user).getPrivate();
        }
        PrivateKey key = ownKey(user).orElseThrow(() -> new GovernanceException("E_KEY_MISSING",
                user + " has no signing key in " + Keys.directory() + "; run `principal enroll` (and have an ADMIN endorse the key)"));
        String enrolled = store.principals().publicKey(user).orElse(null);
        String probe = "model-steward key probe";
        if (enrolled == null || !Keys.verify(enrolled, probe, Keys.sign(key, probe))) {
            throw new GovernanceException("E_KEY_MISSING", "the signing key of " + user + " in " + Keys.directory()
                    + " is not the key enrolled for " + user + " in this registry; run `principal enroll`");
        }
        return key;
    }

    /** A key file read once per process and used again while the file is unchanged (same path, time and size). */
    private record ReadKey(java.nio.file.attribute.FileTime modified, long size, PrivateKey key) {
    }

    private static final Map<Path, ReadKey> READ_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Reads {@code user}'s key file and loads the signature code, so that a write that follows holds the registry's
     * lock for its statements only: in a fresh process the first read and signature took most of a second, inside the
     * lock, while every other writer waited (issue 19). Problems are left for the write itself to report.
     */
    public static void prepare(String user) {
        try {
            ownKey(user).ifPresent(key -> Keys.sign(key, "model-steward warm-up"));
            KeyPair probe = Keys.fromSeed("model-steward warm-up");
            Keys.verifyNow(Keys.publicText(probe.getPublic()), "warm-up", Keys.sign(probe.getPrivate(), "warm-up"));
        } catch (RuntimeException reportedLater) {
            // The write reads the key again and reports what is wrong with it.
        }
    }

    /** {@link #prepare} on a background thread: a command starts it and goes on opening the registry meanwhile. */
    public static void prepareInBackground(String user) {
        Thread.ofVirtual().name("signing-key-warm-up").start(() -> prepare(user));
    }

    private static Optional<PrivateKey> ownKey(String user) {
        Path file = Keys.privateKeyFile(Keys.directory(), user);
        java.nio.file.attribute.BasicFileAttributes now;
        try {
            now = java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (java.io.IOException unreadable) {
            return Keys.readPrivateKey(Keys.directory(), user);
        }
        ReadKey known = READ_KEYS.get(file);
        if (known != null && known.modified().equals(now.lastModifiedTime()) && known.size() == now.size()) {
            return Optional.of(known.key());
        }
        Optional<PrivateKey> key = Keys.readPrivateKey(Keys.directory(), user);
        key.ifPresent(read -> READ_KEYS.put(file, new ReadKey(now.lastModifiedTime(), now.size(), read)));
        return key;
    }
}

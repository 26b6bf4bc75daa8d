package com.modelsteward.trust;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyStore;
import com.modelsteward.registry.AuditAction;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.SignedHead;
import com.modelsteward.registry.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The signed history replayed: which audit entries it vouches for, the governed rows those entries say the registry
 * holds, and every row that disagrees (docs/security.md, "Signed history").
 *
 * <p>An entry is <em>attested</em> when the signed head of its own transaction covers it: the first head at or after it
 * whose signature verifies (by a trusted key, or — for a key submission alone — by the key it submits), whose hash is the
 * chain's hash at that entry, with every link and hash between intact, and signed by the entry's own actor. Only attested
 * entries are replayed, so an entry written behind the app's back — even correctly chained after the last signed head,
 * or covered later by an honest head — never changes what the history says.
 */
public final class SignedHistory {

    /** A row that disagrees with the history, or an entry the history cannot vouch for. */
    public record Finding(String subject, long seq, String problem) {

        public String sentence() {
            return subject + " " + problem + (seq > 0 ? " (audit entry " + seq + ")" : "");
        }
    }

    /** What a replay found: entries walked, entries attested, and the findings about entries and about rows. */
    public record Report(long entries, long attested, List<Finding> entryFindings, List<Finding> rowFindings) {

        public boolean ok() {
            return entryFindings.isEmpty() && rowFindings.isEmpty();
        }

        public List<String> sentences() {
            List<String> all = new ArrayList<>();
            entryFindings.forEach(f -> all.add(f.sentence()));
            rowFindings.forEach(f -> all.add(f.sentence()));
            return all;
        }
    }

    /** The columns of a version that its history records: artifacts, hashes, creator. */
    private static final List<String> EVIDENCE = List.of("model_name", "model_type", "version", "parent_id", "path_ref",
            "training_config_json", "training_config_hash", "data_snapshot_ref", "data_snapshot_hash", "feature_graph_hash",
            "code_commit", "created_by");
    private static final Set<String> UNGOVERNED = Policy.UNGOVERNED_STATES;
    private static final Set<String> GOVERNED_ACTIONS = Set.of("PRINCIPAL_ROLE_ADDED", "PRINCIPAL_CHANGED", "KEY_SUBMITTED",
            "KEY_ENROLLED", "POLICY_SET", "REGISTER", "REQUEST", "APPROVE", "REJECT", "STALE", "TRANSITION", "ROLLBACK",
            "ACTIVE_CHANGED", "RETENTION", "EVENT_EMITTED", "RULE_CHANGE_REQUESTED", "RULE_CHANGE_APPROVED", "RULE_CHANGE_REJECTED",
            "RULE_CHANGE_STALE");

    private record Entry(long seq, String actor, String action, String entity, String payload) {

        static Entry of(AuditAction action) {
            return new Entry(action.seq(), action.actor(), action.action(), action.entity(), action.payloadJson());
        }
    }

    private record Head(long seq, String signer, boolean trusted) {
    }

    /**
     * What the history says of one version: each {@link #EVIDENCE} column it recorded with the entry that recorded it, its
     * state and whether it is archived. Fields rather than a map per version: a registry has as many as its log has entries.
     */
    private static final class Version {

        final String[] evidence = new String[EVIDENCE.size()];
        final boolean[] recorded = new boolean[EVIDENCE.size()];
        /** The entry that recorded each column; null for {@code created_by} taken from a REGISTER's actor alone. */
        final Long[] evidenceSeq = new Long[EVIDENCE.size()];
        boolean hasState;
        String state;
        String stateChangedAt;
        Long stateSeq;
        Boolean archived;
        long archivedSeq;
        /** Set by the comparison when the registry holds a row of this version. */
        boolean seen;

        void record(int column, String value, Long seq) {
            recorded[column] = true;
            evidence[column] = value;
            evidenceSeq[column] = seq;
        }
    }

    private static final int CREATED_BY = EVIDENCE.indexOf("created_by");

    // ---- the state the history says ----
    private final Map<String, Version> versions = new HashMap<>();
    private final Map<String, Map<String, Object>> requests = new HashMap<>();
    private final Map<String, Map<String, Object>> approvals = new HashMap<>();
    private final Map<String, Map<String, Object>> principals = new HashMap<>();
    private final Map<String, Map<String, Object>> pointers = new HashMap<>();
    private final Map<Long, Map<String, Object>> events = new HashMap<>();
    private final Map<String, Map<String, Object>> ruleChanges = new HashMap<>();
    private Map<String, Object> policy;

    private final boolean demo;
    private final List<Finding> entryFindings = new ArrayList<>();
    private long entries;
    private long attested;
    /** The chain's own check, made in the same walk ({@link #checkWithChain}). */
    private AuditTrail.Verification chain;

    private SignedHistory(boolean demo) {
        this.demo = demo;
    }

    /** Replays the whole history and compares every governed row with it. */
    public static Report check(Store store) {
        return check(store, Scope.ALL);
    }

    /** The chain's walk, the whole replay and the check of {@code audit_mentions} ({@link MentionCheck}) of {@code audit verify}. */
    public record Audit(AuditTrail.Verification chain, Report history, List<String> mentionProblems) {
    }

    /**
     * {@link #check(Store)} with {@link AuditTrail#verify}'s checks of the chain made in the same pass, with the same
     * sentences: each entry is read and hashed once. Run inside one snapshot ({@code Registry.readSnapshot}), so that
     * the two agree on what the log holds.
     */
    public static Audit checkWithChain(Store store) {
        return checkWithChain(store, walked -> {
        });
    }

    /**
     * The same, telling {@code walked} how many entries the walk has read, every {@link AuditTrail#PROGRESS_EVERY} entries
     * and once the walk has ended (the rows' comparison with the history follows), on the caller's thread.
     */
    public static Audit checkWithChain(Store store, LongConsumer walked) {
        SignedHistory history = new SignedHistory(Signatures.isDemo(store));
        MentionCheck mentions = MentionCheck.read(store);
        long[] read = {0};
        history.replay(store, mentions.and(entry -> {
            if (++read[0] % AuditTrail.PROGRESS_EVERY == 0) {
                walked.accept(read[0]);
            }
            return true;
        }));
        if (read[0] % AuditTrail.PROGRESS_EVERY != 0) {
            walked.accept(read[0]);
        }
        List<Finding> rows = history.compare(store, Scope.ALL);
        return new Audit(history.chain, new Report(history.entries, history.attested, List.copyOf(history.entryFindings), List.copyOf(rows)),
                mentions.problems());
    }

    /**
     * Replays the history and compares only the rows in {@code scope}: what the engine does before a transition, so that a
     * disagreeing row it does not depend on never blocks it (a rollback cannot be held hostage by an unrelated edit).
     */
    public static Report check(Store store, Scope scope) {
        SignedHistory history = new SignedHistory(Signatures.isDemo(store));
        history.replay(store, null);
        List<Finding> rows = history.compare(store, scope);
        return new Report(history.entries, history.attested, List.copyOf(history.entryFindings), List.copyOf(rows));
    }

    /**
     * What the engine runs inside the write transaction of every transition: the rows in {@code scope} compared with
     * the entries of those rows alone (found by entity), each attested on its own — the chain from it to the first valid
     * head at or after it intact, that head its actor's. The work depends on the rows involved, not on the size of the
     * history; {@code audit verify} replays everything.
     */
    public static Report checkTransition(Store store, Scope scope) {
        SignedHistory history = new SignedHistory(Signatures.isDemo(store));
        new Attestation(store, history).replayEntities(entities(store, scope));
        List<Finding> rows = history.compare(store, scope);
        return new Report(history.entries, history.attested, List.copyOf(history.entryFindings), List.copyOf(rows));
    }

    /**
     * The rows {@code status} shows compared with the signed history, as {@link #checkTransition} compares a transition's:
     * the versions in {@code modelIds} (the live ones, those with a pending request) with their requests and approvals,
     * and the pointer of each name in {@code names} with both versions it names. The entries of those rows alone are read
     * and attested, so the work grows with what is shown, not with the history.
     */
    public static Report checkShown(Store store, Set<String> modelIds, Set<String> names) {
        Set<String> models = new HashSet<>(modelIds);
        for (Map<String, Object> pointer : store.versions().pointerRowsAsStored(names)) {
            Stream.of(pointer.get("active_model_id"), pointer.get("last_known_good_id")).filter(Objects::nonNull)
                    .forEach(id -> models.add((String) id));
        }
        return checkTransition(store, Scope.transition(models, Set.of(), Set.of(), names));
    }

    /** The audit entities whose entries set the rows of a transition scope. */
    private static List<String> entities(Store store, Scope scope) {
        Set<String> entities = new TreeSet<>();
        List<String> models = List.copyOf(scope.modelIds());
        scope.modelIds().forEach(id -> entities.add("model:" + id));
        scope.requestIds().forEach(id -> entities.add("request:" + id));
        scope.users().forEach(user -> entities.add("principal:" + user));
        scope.names().forEach(name -> entities.add("model_name:" + name));
        if (!models.isEmpty()) {
            store.requests().idsForModels(models).forEach(id -> entities.add("request:" + id));
            store.versions().typesOf(models).forEach(type -> entities.add("model_type:" + type));
        }
        return List.copyOf(entities);
    }

    /** Attests single entries: the chain from each to its covering head, read by sequence number and cached per head. */
    private static final class Attestation {

        private final Store store;
        private final SignedHistory history;
        /** A valid head's signer by sequence number, or "" where no valid head stands; filled as heads are checked. */
        private final Map<Long, String> headSigner = new HashMap<>();
        private final Map<String, Signatures.KeyCheck> keys = new HashMap<>();
        /** The covering head found for every entry already walked through (a bulk transaction's entries share one). */
        private final Map<Long, long[]> coveredBy = new HashMap<>();

        Attestation(Store store, SignedHistory history) {
            this.store = store;
            this.history = history;
        }

        void replayEntities(List<String> entities) {
            if (entities.isEmpty()) {
                return;
            }
            List<Entry> found = store.audit().actionsOn(entities).stream().map(Entry::of).toList();
            for (Entry entry : found) {
                history.entries++;
                if (attested(entry) && GOVERNED_ACTIONS.contains(entry.action())) {
                    history.attested++;
                    history.apply(entry);
                }
            }
        }

        /** True when the chain from the entry to the first valid head at or after it is intact and that head is its actor's. */
        private boolean attested(Entry entry) {
            long[] cover = coveredBy.containsKey(entry.seq()) ? coveredBy.get(entry.seq()) : walk(entry.seq());
            if (cover == null) {
                return false;
            }
            String signer = headSigner.get(cover[0]);
            boolean submission = signer.startsWith("\n");
            return entry.actor().equals(submission ? signer.substring(1) : signer) && (!submission || cover[0] == entry.seq());
        }

        /**
         * Walks from {@code from} to the first valid head, checking every hash and link on the way; remembers that head for
         * every entry walked. Null when the chain breaks first or no valid head follows.
         */
        private long[] walk(long from) {
            List<Long> walked = new ArrayList<>();
            long[][] found = {null};
            String[] previousHash = {null};
            store.audit().walkFrom(from, row -> {
                long seq = row.seq();
                String prevHash = row.prevHash();
                String hash = row.hash();
                boolean hashOk = AuditTrail.hash(prevHash, seq, row.ts(), row.actor(), row.action(), row.entity(), row.payloadJson())
                        .equals(hash);
                if (!hashOk || (previousHash[0] != null && !previousHash[0].equals(prevHash))) {
                    return false;
                }
                walked.add(seq);
                if (!validHead(seq, hash, row.actor(), row.action(), row.payloadJson()).isEmpty()) {
                    long[] cover = {seq};
                    walked.forEach(s -> coveredBy.put(s, cover));
                    found[0] = cover;
                    return false;
                }
                previousHash[0] = hash;
                return true;
            });
            return found[0];
        }

        /**
         * The signer of a valid head at {@code seq} (one whose hash is the chain's there and whose signature verifies by a
         * trusted key, or by the key a key submission at that very entry submits — marked with a leading newline), or "".
         */
        private String validHead(long seq, String chainHash, String actor, String action, String payload) {
            String known = headSigner.get(seq);
            if (known != null) {
                return known;
            }
            String signer = "";
            for (SignedHead row : store.audit().signedHeadsAt(seq)) {
                String user = row.signer();
                if (!chainHash.equals(row.headHash())) {
                    continue;
                }
                Signatures.KeyCheck key = keys.computeIfAbsent(user, u -> Signatures.trustedKey(store, u));
                boolean submission = !key.trusted() && action.equals("KEY_SUBMITTED") && actor.equals(user);
                String publicKey = submission ? text(CanonicalJson.parse(payload), "public_key") : key.publicKey();
                if ((key.trusted() || submission) && Keys.verifyCanonical(publicKey, Signatures.headFields(seq, chainHash, user,
                        row.signedAt()), row.signature())) {
                    signer = submission ? "\n" + user : user;
                    break;
                }
            }
            headSigner.put(seq, signer);
            return signer;
        }
    }

    /** The text and format of the newest policy set through the signed history, if any entry recorded its text. */
    public static Optional<Map.Entry<String, String>> attestedPolicy(Store store) {
        SignedHistory history = new SignedHistory(Signatures.isDemo(store));
        history.replay(store, null);
        if (history.policy == null || history.policy.get("text") == null) {
            return Optional.empty();
        }
        return Optional.of(Map.entry((String) history.policy.get("text"), String.valueOf(history.policy.get("format"))));
    }

    /** Which of these entries the signed history attests, each checked alone (as the engine checks before acting). */
    public static Set<Long> attested(Store store, List<Long> seqs) {
        Attestation attestation = new Attestation(store, new SignedHistory(Signatures.isDemo(store)));
        Set<Long> attested = new java.util.HashSet<>();
        for (long seq : seqs) {
            store.audit().action(seq).map(Entry::of).filter(attestation::attested).ifPresent(entry -> attested.add(entry.seq()));
        }
        return attested;
    }

    /** Which rows to compare. */
    public record Scope(Set<String> modelIds, Set<String> requestIds, Set<String> users, Set<String> names, boolean policy, boolean events) {

        public static final Scope ALL = new Scope(null, null, null, null, true, true);

        boolean models(String id) {
            return modelIds == null || modelIds.contains(id);
        }

        boolean requests(String id) {
            return requestIds == null || requestIds.contains(id);
        }

        boolean principals(String user) {
            return users == null || users.contains(user);
        }

        boolean modelNames(String name) {
            return names == null || names.contains(name);
        }

        /**
         * The rows a transition of {@code modelIds} (and its request) depends on. Not the stored policy: the engine is
         * governed by the policy the history attests whatever that row says (PolicyStore#current), so a rewritten
         * policy row blocks nothing and is left to {@code audit verify}.
         */
        public static Scope transition(Set<String> modelIds, Set<String> requestIds, Set<String> users, Set<String> modelNames) {
            return new Scope(Set.copyOf(modelIds), Set.copyOf(requestIds), Set.copyOf(users), Set.copyOf(modelNames), false, false);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Attestation
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * One pass over the log in seq order: each entry read and hashed once, checked against the chain
     * ({@link AuditTrail#verify}'s rules and sentences), and attested and applied as soon as the first valid head at or
     * after it is read. The signed heads are read first (they are few) and checked as the walk reaches their entries.
     * An entry waits only until the next head's entry; past the last head nothing can cover it, so memory is bounded by
     * the longest stretch between heads (one transaction), not by the log. {@code alsoEach}, when not null, sees every
     * entry of the same walk after it.
     */
    private void replay(Store store, Predicate<AuditEntry> alsoEach) {
        List<SignedHead> heads = store.audit().signedHeads();
        Map<String, Signatures.KeyCheck> keys = new HashMap<>();
        heads.forEach(head -> keys.computeIfAbsent(head.signer(), user -> Signatures.trustedKey(store, user)));
        // A head signed by a trusted key verifies or not whatever the log holds: those signatures are checked on a thread
        // of their own, in seq order, while this one walks the log and waits only for the head it has reached.
        ExecutorService verifier = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("signed-heads").factory());
        try {
            List<Future<Boolean>> verdicts = new ArrayList<>(heads.size());
            for (SignedHead head : heads) {
                Signatures.KeyCheck key = keys.get(head.signer());
                verdicts.add(key.trusted() ? verifier.submit(() -> Keys.verifyCanonical(key.publicKey(),
                        Signatures.headFields(head.seq(), head.headHash(), head.signer(), head.signedAt()), head.signature())) : null);
            }
            Pass pass = new Pass(heads, keys, verdicts);
            try (Relay relay = new Relay(pass)) {
                // alsoEach runs on the walk's thread, after the entry is hashed and handed on.
                store.audit().walk(alsoEach == null ? relay : relay.and(alsoEach));
                relay.finish();
            }
            pass.settle(null);
            chain = pass.verification();
            reportHeads(heads, pass);
        } finally {
            verifier.shutdownNow();
        }
    }

    /**
     * Hashes each entry the walk reads on the walk's thread and hands it to the {@link Pass} on a thread of its own, in
     * order, a batch at a time: reading and hashing the rows (the driver's calls, one per column) cost about what
     * replaying them does, and the machine has a second core. The pass reads nothing from the registry, so the connection
     * stays with the walk's thread; what the pass built is read after {@link #finish}, which waits for it and rethrows
     * what stopped it.
     */
    private static final class Relay implements Predicate<AuditEntry>, AutoCloseable {

        private static final int BATCH = 256;
        private static final List<Read> END = List.of();

        /** An entry as read, and whether its stored hash is that of its content (checked on the reading thread). */
        private record Read(AuditEntry row, boolean hashOk) {
        }

        private final BlockingQueue<List<Read>> queue = new ArrayBlockingQueue<>(16);
        private final Thread worker;
        private final AuditTrail.Hasher hasher = new AuditTrail.Hasher();
        private List<Read> batch = new ArrayList<>(BATCH);
        /** What stopped the pass, if anything: the walk stops reading, and {@link #finish} throws it. */
        private volatile Throwable failure;
        private volatile boolean stopped;
        private boolean ended;

        Relay(Pass pass) {
            worker = Thread.ofPlatform().daemon().name("audit-replay").start(() -> {
                for (List<Read> rows = take(); rows != END; rows = take()) {
                    for (Read read : rows) {
                        // Once the pass stops, the rows still coming are taken and dropped: the walk never waits on a full queue.
                        if (!stopped && failure == null) {
                            try {
                                stopped = !pass.test(read.row(), read.hashOk());
                            } catch (Throwable failed) {
                                failure = failed;
                            }
                        }
                    }
                }
            });
        }

        @Override
        public boolean test(AuditEntry row) {
            batch.add(new Read(row, hasher.matches(row.prevHash(), row.seq(), row.ts(), row.actor(), row.action(), row.entity(),
                    row.payloadJson(), row.hash())));
            if (batch.size() == BATCH) {
                put(batch);
                batch = new ArrayList<>(BATCH);
            }
            return !stopped && failure == null;
        }

        /** Waits until the pass has seen every entry read; rethrows what stopped it. */
        void finish() {
            end();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }

        @Override
        public void close() {
            end();
        }

        private void end() {
            if (ended) {
                return;
            }
            ended = true;
            put(batch);
            put(END);
            try {
                worker.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the audit log was replayed", interrupted);
            }
        }

        private void put(List<Read> rows) {
            try {
                queue.put(rows);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the audit log was replayed", interrupted);
            }
        }

        private List<Read> take() {
            try {
                return queue.take();
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException("interrupted while the audit log was replayed", interrupted);
            }
        }
    }

    /** The heads' findings after the entries', newest first as this report always had them; a head off the log is checked here. */
    private void reportHeads(List<SignedHead> heads, Pass pass) {
        for (int i = 0; i < heads.size(); i++) {
            if (!pass.headReached[i]) {
                pass.checkHead(i, null, null);
            }
        }
        for (int i = heads.size() - 1; i >= 0; i--) {
            if (pass.headProblems[i] != null) {
                SignedHead row = heads.get(i);
                entryFindings.add(new Finding("signed audit head " + row.signatureId() + " at entry " + row.seq() + " (by " + row.signer()
                        + ")", 0, pass.headProblems[i]));
            }
        }
    }

    /** An entry walked whose covering head is not known yet, and whether its hash matched its content. */
    private record Waiting(Entry entry, boolean hashOk) {
    }

    /** The walk of {@link #replay}: the chain's checks, the heads' checks and the attestation, entry by entry. */
    private final class Pass {

        private final List<SignedHead> heads;
        private final Map<String, Signatures.KeyCheck> keys;
        /** Whether each head's signature verifies by its signer's trusted key; null where the key is not trusted. */
        private final List<Future<Boolean>> verdicts;
        /** Indexes into {@link #heads} by seq, in stored order. */
        private final Map<Long, List<Integer>> headsAt = new HashMap<>();
        private final long lastHeadSeq;
        final String[] headProblems;
        final boolean[] headReached;
        private final List<Waiting> waiting = new ArrayList<>();
        private long previousSeq;
        private String previousHash = AuditTrail.GENESIS;
        private long checked;
        private Long firstBadSeq;
        private String problem = "";

        Pass(List<SignedHead> heads, Map<String, Signatures.KeyCheck> keys, List<Future<Boolean>> verdicts) {
            this.heads = heads;
            this.keys = keys;
            this.verdicts = verdicts;
            long last = 0;
            for (int i = 0; i < heads.size(); i++) {
                headsAt.computeIfAbsent(heads.get(i).seq(), seq -> new ArrayList<>()).add(i);
                last = Math.max(last, heads.get(i).seq());
            }
            lastHeadSeq = last;
            headProblems = new String[heads.size()];
            headReached = new boolean[heads.size()];
        }

        /** One entry, {@code hashOk} when its stored hash is that of its content ({@link AuditTrail.Hasher}). */
        boolean test(AuditEntry row, boolean hashOk) {
            entries++;
            long seq = row.seq();
            String action = row.action();
            String prevHash = row.prevHash();
            String hash = row.hash();
            boolean linkOk = seq == previousSeq + 1 && previousHash.equals(prevHash);
            chain(seq, prevHash, hashOk);
            Entry entry = new Entry(seq, row.actor(), action, row.entity(), GOVERNED_ACTIONS.contains(action) ? row.payloadJson() : null);
            // A bad hash or a broken link means nothing before this entry is committed to by the heads after it.
            if (!hashOk || !linkOk) {
                settle(null);
            }
            Head here = null;
            for (int i : headsAt.getOrDefault(seq, List.of())) {
                Head valid = checkHead(i, hash, entry);
                if (here == null) {
                    here = valid;
                }
            }
            if (here != null && !here.trusted()) {
                // A key submission's own head covers that entry alone: the ones before it wait for no later head.
                settle(null);
            }
            waiting.add(new Waiting(entry, hashOk));
            if (here != null || seq >= lastHeadSeq) {
                settle(here);
            }
            previousSeq = seq;
            previousHash = hash;
            return true;
        }

        /** {@link AuditTrail#verify}: stops counting at the first entry missing, unlinked or altered, and names it. */
        private void chain(long seq, String prevHash, boolean hashOk) {
            if (firstBadSeq != null) {
                return;
            }
            if (seq != checked + 1) {
                problem = "entry " + (checked + 1) + " is missing (next entry is " + seq + ")";
            } else if (!previousHash.equals(prevHash)) {
                problem = "entry " + seq + " does not link to the entry before it (prev_hash differs)";
            } else if (!hashOk) {
                problem = "entry " + seq + " was altered (its hash does not match its content)";
            } else {
                checked++;
                return;
            }
            firstBadSeq = seq;
        }

        AuditTrail.Verification verification() {
            return new AuditTrail.Verification(checked, Optional.ofNullable(firstBadSeq), firstBadSeq == null ? "" : problem);
        }

        /**
         * The head {@code heads[index]} checked against the entry it signs ({@code storedHash} and {@code entry} null when
         * the log has no such entry): valid when its hash is the chain's there and its signature verifies by the signer's
         * trusted key, or by the key a key submission at that entry submits. Otherwise its problem is kept and null returned.
         */
        Head checkHead(int index, String storedHash, Entry entry) {
            headReached[index] = true;
            SignedHead row = heads.get(index);
            long seq = row.seq();
            String signer = row.signer();
            if (!Objects.equals(storedHash, row.headHash())) {
                headProblems[index] = "does not match the audit chain at that entry";
                return null;
            }
            Signatures.KeyCheck key = keys.get(signer);
            String publicKey = key.publicKey();
            boolean submission = false;
            if (!key.trusted() && entry != null && entry.action().equals("KEY_SUBMITTED") && entry.actor().equals(signer)) {
                publicKey = text(CanonicalJson.parse(entry.payload()), "public_key");
                submission = true;
            } else if (!key.trusted()) {
                headProblems[index] = "cannot be checked: " + key.problem();
                return null;
            }
            boolean verifies = submission
                    ? Keys.verifyCanonical(publicKey, Signatures.headFields(seq, row.headHash(), signer, row.signedAt()), row.signature())
                    : verdict(index);
            if (!verifies) {
                headProblems[index] = "carries a signature that does not verify";
                return null;
            }
            return new Head(seq, signer, !submission);
        }

        private boolean verdict(int index) {
            try {
                return verdicts.get(index).get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the signed heads were verified", interrupted);
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
            }
        }

        /** Attests (and applies, in seq order) or refuses every waiting entry, with {@code cover} as its covering head. */
        void settle(Head cover) {
            for (Waiting waited : waiting) {
                Entry entry = waited.entry();
                boolean ok = cover != null && waited.hashOk() && entry.actor().equals(cover.signer())
                        && (cover.trusted() || (cover.seq() == entry.seq() && entry.action().equals("KEY_SUBMITTED")));
                if (ok) {
                    attested++;
                    if (entry.payload() != null) {
                        apply(entry);
                    }
                } else {
                    entryFindings.add(new Finding("audit entry " + entry.seq() + " (" + entry.action() + " by " + entry.actor() + ")",
                            0, why(cover, waited.hashOk(), entry)));
                }
            }
            waiting.clear();
        }
    }

    private static String why(Head cover, boolean hashOk, Entry entry) {
        if (!hashOk) {
            return "was altered: its hash does not match its content";
        }
        if (cover == null) {
            return "is not covered by a valid signed audit head (written after the last signed head, or the chain after it was altered)";
        }
        if (!cover.trusted()) {
            return "is covered only by the head of a key submission by " + cover.signer();
        }
        return "is covered by the signed head at entry " + cover.seq() + " of " + cover.signer()
                + ", not by a head of its own actor: it was not written in that person's transaction";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Replay
    // ---------------------------------------------------------------------------------------------------------------

    private void apply(Entry entry) {
        if (entry.action().equals("REGISTER")) {
            // Nearly every entry of a large registry: read as a stream of flat fields, without a tree.
            register(entry, Fields.flat(entry.payload()));
            return;
        }
        JsonNode p = CanonicalJson.parse(entry.payload());
        long seq = entry.seq();
        switch (entry.action()) {
            case "PRINCIPAL_ROLE_ADDED", "PRINCIPAL_CHANGED" -> {
                Map<String, Object> principal = principals.computeIfAbsent(text(p, "user"), u -> new HashMap<>());
                principal.put("roles", roleSet(text(p, "roles")));
                principal.put("active", !p.has("active") || p.get("active").asBoolean());
                principal.put("seq", seq);
            }
            case "KEY_SUBMITTED", "KEY_ENROLLED" -> {
                if (p.has("public_key")) {
                    Map<String, Object> principal = principals.computeIfAbsent(text(p, "user"), u -> new HashMap<>());
                    principal.put("public_key", text(p, "public_key"));
                    principal.put("key_endorsed_by", text(p, "endorsed_by"));
                    principal.put("key_endorsement", text(p, "key_endorsement"));
                    principal.put("key_enrolled_at", text(p, "key_enrolled_at"));
                    principal.put("key_seq", seq);
                }
            }
            case "POLICY_SET" -> {
                policy = new HashMap<>();
                policy.put("sha256", text(p, "sha256"));
                policy.put("text", text(p, "text"));
                policy.put("format", text(p, "format"));
                policy.put("seq", seq);
            }
            case "REQUEST", "ROLLBACK" -> {
                String requestId = text(p, "request_id");
                Map<String, Object> request = new HashMap<>();
                request.put("model_id", text(p, "model_id"));
                request.put("from_state", text(p, "from_state"));
                request.put("to_state", text(p, "to_state"));
                request.put("requested_by", entry.actor());
                request.put("justification", text(p, entry.action().equals("ROLLBACK") ? "reason" : "justification"));
                request.put("gate_report_digest", text(p, "gate_report_digest"));
                request.put("required_approvals", p.has("required_approvals") ? p.get("required_approvals").asInt() : null);
                request.put("required_role", text(p, "required_role"));
                request.put("kind", text(p, "kind"));
                request.put("requested_at", text(p, "requested_at"));
                request.put("model_row_version", p.has("model_row_version") ? p.get("model_row_version").asLong() : null);
                request.put("scorecard_digest", text(p, "scorecard_digest"));
                request.put("status", entry.action().equals("ROLLBACK") ? "EXECUTED" : "PENDING");
                request.put("seq", seq);
                requests.put(requestId, request);
                if (p.has("evidence")) {
                    evidence(versions.computeIfAbsent(text(p, "model_id"), id -> new Version()), Fields.of(p.get("evidence")), seq);
                }
                if (p.has("states")) {
                    p.get("states").properties().forEach(state -> setState(state.getKey(), text(state.getValue(), "state"),
                            text(state.getValue(), "state_changed_at"), seq));
                }
            }
            case "APPROVE", "REJECT" -> {
                String requestId = text(p, "request_id");
                Map<String, Object> approval = new HashMap<>();
                approval.put("decision", entry.action());
                approval.put("comment", text(p, "comment"));
                approval.put("decided_at", text(p, "decided_at"));
                approval.put("signature", text(p, "signature"));
                approval.put("seq", seq);
                approvals.put(requestId + "\n" + entry.actor(), approval);
                if (entry.action().equals("REJECT")) {
                    status(requestId, "REJECTED", seq);
                }
            }
            case "STALE" -> status(text(p, "request_id"), "STALE", seq);
            case "TRANSITION" -> {
                String modelId = text(p, "model_id");
                if (p.has("state_changed_at")) {
                    setState(modelId, text(p, "to_state"), text(p, "state_changed_at"), seq);
                }
                if (p.has("lineage")) {
                    evidence(versions.computeIfAbsent(modelId, id -> new Version()), Fields.of(p.get("lineage")), seq);
                }
                status(text(p, "request_id"), "EXECUTED", seq);
            }
            case "ACTIVE_CHANGED" -> {
                if (p.has("last_known_good_id")) {
                    Map<String, Object> pointer = new HashMap<>();
                    pointer.put("active_model_id", text(p, "active_model_id"));
                    pointer.put("last_known_good_id", text(p, "last_known_good_id"));
                    pointer.put("seq", seq);
                    pointers.put(text(p, "model_name"), pointer);
                }
            }
            case "RETENTION" -> p.path("archived").forEach(id -> {
                Version version = versions.computeIfAbsent(id.asText(), v -> new Version());
                version.archived = true;
                version.archivedSeq = seq;
            });
            case "RULE_CHANGE_REQUESTED" -> {
                boolean fourEyes = !p.has("four_eyes") || p.get("four_eyes").asBoolean();
                Map<String, Object> change = new HashMap<>();
                change.put("kind", text(p, "change"));
                change.put("target", text(p, "target"));
                change.put("role", text(p, "role"));
                change.put("policy_sha256", text(p, "sha256"));
                change.put("requested_by", entry.actor());
                change.put("status", fourEyes ? "PENDING" : "APPLIED");
                change.put("decided_by", fourEyes ? null : entry.actor());
                change.put("seq", seq);
                ruleChanges.put(text(p, "change_id"), change);
            }
            case "RULE_CHANGE_APPROVED", "RULE_CHANGE_REJECTED", "RULE_CHANGE_STALE" -> {
                Map<String, Object> change = ruleChanges.get(text(p, "change_id"));
                if (change != null) {
                    change.put("status", switch (entry.action()) {
                        case "RULE_CHANGE_APPROVED" -> "APPLIED";
                        case "RULE_CHANGE_REJECTED" -> "REJECTED";
                        default -> "STALE";
                    });
                    change.put("decided_by", entry.action().equals("RULE_CHANGE_STALE") ? change.get("decided_by") : entry.actor());
                    change.put("status_seq", seq);
                }
            }
            case "EVENT_EMITTED" -> {
                Map<String, Object> event = new HashMap<>();
                event.put("event_type", text(p, "event_type"));
                event.put("payload_sha256", text(p, "payload_sha256"));
                event.put("seq", seq);
                events.put(p.get("event_id").asLong(), event);
            }
            default -> {
            }
        }
    }

    private void register(Entry entry, Fields p) {
        long seq = entry.seq();
        Version version = versions.computeIfAbsent(entry.entity().substring("model:".length()), id -> new Version());
        evidence(version, p, seq);
        boolean seeded = demo && p.has("demo_seed");
        if (!seeded) {
            // The creator is the entry's actor; the entry that recorded the column, if any, stays as it was.
            version.recorded[CREATED_BY] = true;
            version.evidence[CREATED_BY] = entry.actor();
        }
        String state = p.text("state");
        if (state != null && (seeded || UNGOVERNED.contains(state))) {
            version.hasState = true;
            version.state = state;
            version.stateChangedAt = p.text("state_changed_at");
            version.stateSeq = seq;
        }
        if (seeded && p.has("archived")) {
            version.archived = p.bool("archived");
        }
    }

    /** A payload's fields as the replay reads them: present or not, their text as {@link JsonNode#asText} gives it, or null. */
    private interface Fields {

        boolean has(String field);

        String text(String field);

        /** {@link JsonNode#asBoolean} of a field that is present. */
        boolean bool(String field);

        static Fields of(JsonNode node) {
            return new Fields() {
                @Override
                public boolean has(String field) {
                    return node.has(field);
                }

                @Override
                public String text(String field) {
                    return SignedHistory.text(node, field);
                }

                @Override
                public boolean bool(String field) {
                    return node.get(field).asBoolean();
                }
            };
        }

        /**
         * A payload read with a streaming parser when it is one object of strings, booleans and nulls (a REGISTER's), the
         * later of two equal names winning as in a tree; anything else, or text that is not JSON, is parsed as a tree
         * ({@link CanonicalJson#parse}, whose refusal names a payload that is not JSON).
         */
        static Fields flat(String json) {
            if (json == null) {
                return of(CanonicalJson.parse(json));
            }
            Map<String, String> fields = new HashMap<>();
            try (JsonParser parser = CanonicalJson.mapper().getFactory().createParser(json)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return of(CanonicalJson.parse(json));
                }
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                    String name = parser.currentName();
                    switch (parser.nextToken()) {
                        case VALUE_STRING -> fields.put(name, parser.getText());
                        case VALUE_TRUE -> fields.put(name, "true");
                        case VALUE_FALSE -> fields.put(name, "false");
                        case VALUE_NULL -> fields.put(name, null);
                        case null, default -> {
                            return of(CanonicalJson.parse(json));
                        }
                    }
                }
            } catch (IOException notFlatJson) {
                return of(CanonicalJson.parse(json));
            }
            return new Fields() {
                @Override
                public boolean has(String field) {
                    return fields.containsKey(field);
                }

                @Override
                public String text(String field) {
                    return fields.get(field);
                }

                @Override
                public boolean bool(String field) {
                    String value = fields.get(field);
                    return value != null && value.trim().equals("true");
                }
            };
        }
    }

    private void setState(String modelId, String state, String changedAt, long seq) {
        Version version = versions.computeIfAbsent(modelId, id -> new Version());
        version.hasState = true;
        version.state = state;
        version.stateChangedAt = changedAt;
        version.stateSeq = seq;
    }

    private void status(String requestId, String status, long seq) {
        Map<String, Object> request = requests.get(requestId);
        if (request != null) {
            request.put("status", status);
            request.put("status_seq", seq);
        }
    }

    private static void evidence(Version version, Fields recorded, long seq) {
        for (int column = 0; column < EVIDENCE.size(); column++) {
            String name = EVIDENCE.get(column);
            if (recorded.has(name)) {
                version.record(column, recorded.text(name), seq);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Comparison
    // ---------------------------------------------------------------------------------------------------------------

    private List<Finding> compare(Store store, Scope scope) {
        List<Finding> findings = new ArrayList<>();
        compareVersions(store, scope, findings);
        compareRequests(store, scope, findings);
        compareApprovals(store, scope, findings);
        comparePrincipals(store, scope, findings);
        comparePointers(store, scope, findings);
        if (scope.policy()) {
            comparePolicy(store, findings);
        }
        if (scope.events()) {
            compareEvents(store, findings);
        }
        if (scope.policy()) {
            compareRuleChanges(store, findings);
        }
        return findings;
    }

    private void compareVersions(Store store, Scope scope, List<Finding> findings) {
        store.versions().rowsAsStored(scope.modelIds(), row -> {
                    String id = (String) row.get("model_id");
                    if (!scope.models(id)) {
                        return;
                    }
                    String subject = "version " + id;
                    Version expected = versions.get(id);
                    if (expected != null) {
                        expected.seen = true;
                    }
                    String state = (String) row.get("state");
                    if (expected == null || !expected.hasState) {
                        if (!UNGOVERNED.contains(state)) {
                            findings.add(new Finding(subject, 0, "is " + state + " but the signed history never took it there"));
                        }
                    } else {
                        differs(findings, subject, "state", state, expected.state, expected.stateSeq);
                        if (expected.stateChangedAt != null) {
                            differs(findings, subject, "state_changed_at", row.get("state_changed_at"), expected.stateChangedAt,
                                    expected.stateSeq);
                        }
                    }
                    boolean archived = ((Number) row.get("archived")).intValue() == 1;
                    boolean expectedArchived = expected != null && Boolean.TRUE.equals(expected.archived);
                    if (archived != expectedArchived) {
                        findings.add(new Finding(subject, expected == null ? 0 : expected.archivedSeq,
                                "is " + (archived ? "" : "not ") + "archived, but the signed history says it is" + (expectedArchived ? "" : " not")));
                    }
                    if (expected != null) {
                        for (int column = 0; column < EVIDENCE.size(); column++) {
                            if (expected.recorded[column]) {
                                String name = EVIDENCE.get(column);
                                differs(findings, subject, name, row.get(name), expected.evidence[column], expected.evidenceSeq[column]);
                            }
                        }
                    }
                });
        versions.forEach((id, expected) -> {
            if (scope.models(id) && !expected.seen && expected.hasState) {
                findings.add(new Finding("version " + id, expected.stateSeq, "is in the signed history but missing from the registry"));
            }
        });
    }

    private void compareRequests(Store store, Scope scope, List<Finding> findings) {
        Set<String> seen = new TreeSet<>();
        store.requests().rowsAsStored(scope.requestIds(), scope.modelIds()).forEach(row -> {
                    String id = (String) row.get("request_id");
                    if (!scope.requests(id) && !scope.models((String) row.get("model_id"))) {
                        return;
                    }
                    seen.add(id);
                    String subject = "request " + id;
                    Map<String, Object> expected = requests.get(id);
                    if (expected == null) {
                        findings.add(new Finding(subject, 0, "(" + row.get("kind") + " of " + row.get("model_id") + " to " + row.get("to_state")
                                + ") is not in the signed history: it was written behind the app's back"));
                        return;
                    }
                    long seq = (Long) expected.get("seq");
                    for (String column : List.of("model_id", "from_state", "to_state", "requested_by", "justification", "required_role", "kind",
                            "requested_at", "scorecard_digest")) {
                        if (expected.get(column) != null) {
                            differs(findings, subject, column, row.get(column), expected.get(column), seq);
                        }
                    }
                    if (expected.get("required_approvals") != null) {
                        differs(findings, subject, "required_approvals", ((Number) row.get("required_approvals")).intValue(),
                                expected.get("required_approvals"), seq);
                    }
                    if (expected.get("model_row_version") != null) {
                        differs(findings, subject, "model_row_version", ((Number) row.get("model_row_version")).longValue(),
                                expected.get("model_row_version"), seq);
                    }
                    if (expected.get("gate_report_digest") != null) {
                        String json = (String) row.get("gate_report_json");
                        differs(findings, subject, "gate_report_json (digest)", json == null ? null : CanonicalJson.sha256Hex(json),
                                expected.get("gate_report_digest"), seq);
                    }
                    differs(findings, subject, "status", row.get("status"), expected.get("status"),
                            (Long) expected.getOrDefault("status_seq", seq));
                });
        requests.forEach((id, expected) -> {
            if (!seen.contains(id) && (scope.requests(id) || scope.models((String) expected.get("model_id")))) {
                findings.add(new Finding("request " + id, (Long) expected.get("seq"), "is in the signed history but missing from the registry"));
            }
        });
    }

    private void compareApprovals(Store store, Scope scope, List<Finding> findings) {
        Set<String> seen = new TreeSet<>();
        store.approvals().rowsAsStored(scope.requestIds()).forEach(row -> {
                    String requestId = (String) row.get("request_id");
                    if (!scope.requests(requestId)) {
                        return;
                    }
                    String key = requestId + "\n" + row.get("approver");
                    seen.add(key);
                    String subject = "approval " + row.get("approval_id") + " (" + row.get("decision") + " of " + requestId + " by "
                            + row.get("approver") + ")";
                    Map<String, Object> expected = approvals.get(key);
                    if (expected == null) {
                        findings.add(new Finding(subject, 0, "is not in the signed history: it was written behind the app's back"));
                        return;
                    }
                    long seq = (Long) expected.get("seq");
                    differs(findings, subject, "decision", row.get("decision"), expected.get("decision"), seq);
                    differs(findings, subject, "comment", row.get("comment"), expected.get("comment"), seq);
                    if (expected.get("decided_at") != null) {
                        differs(findings, subject, "decided_at", row.get("decided_at"), expected.get("decided_at"), seq);
                        differs(findings, subject, "signature", row.get("signature"), expected.get("signature"), seq);
                    }
                });
        approvals.forEach((key, expected) -> {
            String requestId = key.substring(0, key.indexOf('\n'));
            if (!seen.contains(key) && scope.requests(requestId)) {
                findings.add(new Finding("the " + expected.get("decision") + " of " + requestId + " by " + key.substring(key.indexOf('\n') + 1),
                        (Long) expected.get("seq"), "is in the signed history but missing from the registry"));
            }
        });
    }

    private void comparePrincipals(Store store, Scope scope, List<Finding> findings) {
        Set<String> seen = new TreeSet<>();
        store.principals().rowsAsStored(scope.users()).forEach(row -> {
                    String user = (String) row.get("user_name");
                    if (!scope.principals(user)) {
                        return;
                    }
                    seen.add(user);
                    String subject = "principal " + user;
                    Map<String, Object> expected = principals.get(user);
                    Set<String> roles = roleSet((String) row.get("roles"));
                    boolean active = ((Number) row.get("active")).intValue() == 1;
                    if (expected == null || !expected.containsKey("roles")) {
                        if (!roles.isEmpty() && active) {
                            findings.add(new Finding(subject, 0, "holds " + roles + " but the signed history never granted a role"));
                        }
                    } else {
                        long seq = (Long) expected.get("seq");
                        differs(findings, subject, "roles", String.join(",", roles), String.join(",", castRoles(expected.get("roles"))), seq);
                        differs(findings, subject, "active", active, expected.get("active"), seq);
                    }
                    if (expected != null && expected.containsKey("public_key")) {
                        long seq = (Long) expected.get("key_seq");
                        for (String column : List.of("public_key", "key_endorsed_by", "key_endorsement", "key_enrolled_at")) {
                            differs(findings, subject, column, row.get(column), expected.get(column), seq);
                        }
                    } else if (row.get("public_key") != null && !demo) {
                        findings.add(new Finding(subject, 0, "has a key (" + Keys.fingerprint((String) row.get("public_key"))
                                + ") that the signed history never enrolled"));
                    }
                });
        principals.forEach((user, expected) -> {
            if (!seen.contains(user) && scope.principals(user)) {
                findings.add(new Finding("principal " + user, (Long) expected.getOrDefault("seq", expected.get("key_seq")),
                        "is in the signed history but missing from the registry"));
            }
        });
    }

    private void comparePointers(Store store, Scope scope, List<Finding> findings) {
        Set<String> seen = new TreeSet<>();
        store.versions().pointerRowsAsStored(scope.names()).forEach(row -> {
            String name = (String) row.get("model_name");
            if (!scope.modelNames(name)) {
                return;
            }
            seen.add(name);
            String subject = "the live pointer of " + name;
            Map<String, Object> expected = pointers.get(name);
            if (expected == null) {
                if (row.get("active_model_id") != null || row.get("last_known_good_id") != null) {
                    findings.add(new Finding(subject, 0, "names " + row.get("active_model_id") + " (last-known-good "
                            + row.get("last_known_good_id") + ") but the signed history never moved it"));
                }
                return;
            }
            long seq = (Long) expected.get("seq");
            differs(findings, subject, "active_model_id", row.get("active_model_id"), expected.get("active_model_id"), seq);
            differs(findings, subject, "last_known_good_id", row.get("last_known_good_id"), expected.get("last_known_good_id"), seq);
        });
        pointers.forEach((name, expected) -> {
            if (!seen.contains(name) && scope.modelNames(name)) {
                findings.add(new Finding("the live pointer of " + name, (Long) expected.get("seq"), "is in the signed history but missing"));
            }
        });
    }

    private void comparePolicy(Store store, List<Finding> findings) {
        Optional<String> text = store.meta().value(PolicyStore.TEXT_KEY);
        if (policy == null) {
            text.ifPresent(stored -> findings.add(new Finding("the stored policy", 0,
                    "(sha256 " + CanonicalJson.sha256Hex(stored) + ") was never set through the signed history")));
            return;
        }
        long seq = (Long) policy.get("seq");
        if (text.isEmpty()) {
            findings.add(new Finding("the stored policy", seq, "set in the signed history is missing from the registry"));
        } else if (!CanonicalJson.sha256Hex(text.get()).equals(policy.get("sha256"))) {
            findings.add(new Finding("the stored policy", seq, "has sha256 " + CanonicalJson.sha256Hex(text.get())
                    + ", but the signed history set " + policy.get("sha256")));
        }
    }

    private void compareRuleChanges(Store store, List<Finding> findings) {
        Set<String> seen = new TreeSet<>();
        store.rules().changeRowsAsStored().forEach(row -> {
                    String id = (String) row.get("change_id");
                    seen.add(id);
                    String subject = "rule change " + id;
                    Map<String, Object> expected = ruleChanges.get(id);
                    if (expected == null) {
                        findings.add(new Finding(subject, 0, "(" + row.get("kind") + " of " + row.get("target")
                                + ") is not in the signed history: it was written behind the app's back"));
                        return;
                    }
                    long seq = (Long) expected.get("seq");
                    for (String column : List.of("kind", "target", "role", "policy_sha256", "requested_by")) {
                        differs(findings, subject, column, row.get(column), expected.get(column), seq);
                    }
                    long statusSeq = (Long) expected.getOrDefault("status_seq", seq);
                    differs(findings, subject, "status", row.get("status"), expected.get("status"), statusSeq);
                    if (!"STALE".equals(expected.get("status"))) {
                        differs(findings, subject, "decided_by", row.get("decided_by"), expected.get("decided_by"), statusSeq);
                    }
                });
        ruleChanges.forEach((id, expected) -> {
            if (!seen.contains(id)) {
                findings.add(new Finding("rule change " + id, (Long) expected.get("seq"), "is in the signed history but missing from the registry"));
            }
        });
    }

    private void compareEvents(Store store, List<Finding> findings) {
        Set<Long> seen = new TreeSet<>();
        store.events().rowsAsStored().forEach(row -> {
            long id = ((Number) row.get("event_id")).longValue();
            seen.add(id);
            String type = (String) row.get("event_type");
            Map<String, Object> expected = events.get(id);
            String subject = "outbox event " + id + " (" + type + ")";
            if (expected == null) {
                // Drift alerts by an account without a key are observations outside the history (docs/security.md);
                // an unattested rollout or rollback event is a forgery the trading system could act on.
                if (!type.equals(com.modelsteward.registry.Outbox.DRIFT_ALERT)) {
                    findings.add(new Finding(subject, 0, "is not attested by the signed history: it was written behind the app's back"));
                }
                return;
            }
            long seq = (Long) expected.get("seq");
            differs(findings, subject, "event_type", type, expected.get("event_type"), seq);
            differs(findings, subject, "payload (digest)", CanonicalJson.sha256Hex((String) row.get("payload_json")),
                    expected.get("payload_sha256"), seq);
        });
        events.forEach((id, expected) -> {
            if (!seen.contains(id)) {
                findings.add(new Finding("outbox event " + id, (Long) expected.get("seq"), "is in the signed history but missing"));
            }
        });
    }

    private static void differs(List<Finding> findings, String subject, String column, Object actual, Object expected, Long seq) {
        if (!Objects.equals(actual == null ? null : String.valueOf(actual), expected == null ? null : String.valueOf(expected))) {
            findings.add(new Finding(subject, seq == null ? 0 : seq, "has " + column + " = " + shorten(actual) + ", but the signed history says "
                    + shorten(expected)));
        }
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() > 80 ? "\"" + text.substring(0, 77) + "…\"" : (value == null ? "null" : "\"" + text + "\"");
    }

    private static Set<String> roleSet(String roles) {
        Set<String> set = new TreeSet<>();
        if (roles != null) {
            Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty()).forEach(set::add);
        }
        return set;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> castRoles(Object roles) {
        return (Set<String>) roles;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

package com.modelsteward.registry.sql;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.ActorPayload;
import com.modelsteward.registry.AuditAction;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.AuditLine;
import com.modelsteward.registry.AuditMentions;
import com.modelsteward.registry.AuditStore;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.ChainHead;
import com.modelsteward.registry.SignedHead;
import com.modelsteward.registry.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/** {@link AuditStore} in SQL that every engine runs ({@link Dialect}). */
final class SqlAuditStore implements AuditStore {

    private final Handle handle;
    private final Dialect dialect;
    /**
     * What the attestation of a transition walks, read ahead in two queries ({@link #actionsOn}, {@link #readAhead}):
     * each entry's stretch of the chain up to the first signed head at or after it, and the heads there. A server
     * answers each query a round trip later; reading these one by one was 100–200 round trips per transition under issue
     * 21's load, most of the time the write lock was held. Forgotten on every write to the log or its heads.
     */
    private final List<long[]> windows = new ArrayList<>();
    private final Map<Long, AuditEntry> rowsAhead = new HashMap<>();
    private final Map<Long, List<SignedHead>> headsAhead = new HashMap<>();

    SqlAuditStore(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    // governance engine

    /** Appends one entry inside the caller's write transaction; the payload is stored as canonical JSON. */
    @Override
    public AuditEntry append(Clock clock, String actor, String action, String entity, Object payload) {
        forgetReadAhead();
        String payloadJson = CanonicalJson.write(payload);
        Optional<AuditEntry> appended = dialect.appendAudit(handle, action, entity, payloadJson);
        if (appended.isPresent()) {
            return appended.get();
        }
        var head = handle.createQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                .map((rows, ctx) -> new Object[] {rows.getLong(1), rows.getString(2)}).findOne();
        long seq = head.map(row -> (Long) row[0] + 1).orElse(1L);
        String prevHash = head.map(row -> (String) row[1]).orElse(AuditTrail.GENESIS);
        String ts = Timestamps.now(clock);
        String hash = AuditTrail.hash(prevHash, seq, ts, actor, action, entity, payloadJson);
        handle.createUpdate("""
                        INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash)
                        VALUES (:seq, :ts, :actor, :action, :entity, :payload, :prev, :hash)""")
                .bind("seq", seq).bind("ts", ts).bind("actor", actor).bind("action", action).bind("entity", entity)
                .bind("payload", payloadJson).bind("prev", prevHash).bind("hash", hash)
                .execute();
        return new AuditEntry(seq, ts, actor, action, entity, payloadJson, prevHash, hash);
    }

    private static final String ACTIVE_CHANGES =
            "SELECT seq, ts, actor, payload_json FROM audit_log WHERE entity = :e AND action = 'ACTIVE_CHANGED' ORDER BY seq";

    @Override
    public List<AuditLine> activeChanges(String entity) {
        return handle.createQuery(ACTIVE_CHANGES).bind("e", entity)
                .map((rs, ctx) -> new AuditLine(rs.getLong("seq"), rs.getString("ts"), rs.getString("actor"), rs.getString("payload_json")))
                .list();
    }

    private static final String ACTIVE_CHANGE_PAYLOADS = """
            SELECT payload_json FROM audit_log WHERE action = 'ACTIVE_CHANGED' AND entity = :e ORDER BY seq""";

    @Override
    public List<String> activeChangePayloads(String entity) {
        return handle.createQuery(ACTIVE_CHANGE_PAYLOADS).bind("e", entity).mapTo(String.class).list();
    }

    private static final String TRANSITION_PAYLOADS = """
            SELECT payload_json FROM audit_log WHERE entity = :e AND action = 'TRANSITION' ORDER BY seq""";

    @Override
    public List<String> transitionPayloads(String entity) {
        return handle.createQuery(TRANSITION_PAYLOADS).bind("e", entity).mapTo(String.class).list();
    }

    private static final String DECISION_ENTRIES = """
            SELECT actor, payload_json FROM audit_log
             WHERE entity = :e AND action IN ('APPROVE', 'REJECT') ORDER BY seq""";

    @Override
    public List<ActorPayload> decisionEntries(String entity) {
        return handle.createQuery(DECISION_ENTRIES).bind("e", entity)
                .map((rs, ctx) -> new ActorPayload(rs.getString("actor"), rs.getString("payload_json"))).list();
    }

    // lineage, scorecards and drift

    /**
     * The entries {@code audit_mentions} lists for the versions asked about, by its index; each row is kept only when its
     * entry does name the version ({@link AuditMentions#names}), so a row added behind the app's back lists nothing.
     */
    private static final String MENTIONING_SQL = """
            SELECT m.model_id AS mentioned, a.seq, a.ts, a.actor, a.action, a.entity, a.payload_json, a.prev_hash, a.hash
              FROM audit_mentions m JOIN audit_log a ON a.seq = m.seq
             WHERE m.model_id IN (SELECT value FROM json_each(:ids))
             ORDER BY m.seq""";

    @Override
    public List<AuditEntry> about(String modelId) {
        return mentioning(List.of(modelId)).getOrDefault(modelId, List.of());
    }

    @Override
    public Map<String, List<AuditEntry>> mentioning(Collection<String> modelIds) {
        Map<String, List<AuditEntry>> byId = new LinkedHashMap<>();
        if (modelIds.isEmpty()) {
            return byId;
        }
        handle.createQuery(MENTIONING_SQL).bind("ids", CanonicalJson.write(List.copyOf(modelIds))).scanResultSet((supplier, context) -> {
            ResultSet rows = supplier.get();
            while (rows.next()) {
                String id = rows.getString("mentioned");
                AuditEntry entry = new AuditEntry(rows.getLong("seq"), rows.getString("ts"), rows.getString("actor"), rows.getString("action"),
                        rows.getString("entity"), rows.getString("payload_json"), rows.getString("prev_hash"), rows.getString("hash"));
                if (AuditMentions.names(entry, id)) {
                    byId.computeIfAbsent(id, key -> new ArrayList<>()).add(entry);
                }
            }
            return null;
        });
        return byId;
    }

    private static final String MENTION_ROWS_SQL = "SELECT seq, model_id FROM audit_mentions ORDER BY seq, model_id";

    @Override
    public void mentionRows(BiConsumer<Long, String> each) {
        handle.createQuery(MENTION_ROWS_SQL).setFetchSize(WALK_FETCH).scanResultSet((supplier, context) -> {
            ResultSet rows = supplier.get();
            while (rows.next()) {
                each.accept(rows.getLong(1), rows.getString(2));
            }
            return null;
        });
    }

    // rules, policy, command line and demo data

    private static final String LATEST_POLICY_SET =
            "SELECT payload_json FROM audit_log WHERE action = 'POLICY_SET' ORDER BY seq DESC LIMIT 1";

    @Override
    public Optional<String> latestPolicySetPayload() {
        return handle.createQuery(LATEST_POLICY_SET).mapTo(String.class).findOne();
    }

    private static final String HEAD_HASH = "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1";

    @Override
    public Optional<String> headHash() {
        return handle.createQuery(HEAD_HASH).mapTo(String.class).findOne();
    }

    private static final String LAST_SEQ = "SELECT coalesce(max(seq), 0) FROM audit_log";

    @Override
    public long lastSeq() {
        return handle.createQuery(LAST_SEQ).mapTo(Long.class).one();
    }

    private static final String INSERT_CHAINED = """
            INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    /** A plain JDBC batch with positional parameters: binding by name cost a map lookup per value (scale registries). */
    @Override
    public void insertChained(List<AuditEntry> entries) {
        forgetReadAhead();
        try (PreparedStatement statement = handle.getConnection().prepareStatement(INSERT_CHAINED)) {
            for (AuditEntry entry : entries) {
                statement.setLong(1, entry.seq());
                statement.setString(2, entry.ts());
                statement.setString(3, entry.actor());
                statement.setString(4, entry.action());
                statement.setString(5, entry.entity());
                statement.setString(6, entry.payloadJson());
                statement.setString(7, entry.prevHash());
                statement.setString(8, entry.hash());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException failed) {
            throw new IllegalStateException(failed.getMessage(), failed);
        }
    }

    // signing and trust

    @Override
    public ChainHead head() {
        return handle.createQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                .map((row, ctx) -> new ChainHead(row.getLong("seq"), row.getString("hash"))).one();
    }

    @Override
    public String hashAt(long seq) {
        return handle.createQuery("SELECT hash FROM audit_log WHERE seq = :s").bind("s", seq).mapTo(String.class).one();
    }

    @Override
    public long intactFrom(long fromSeq, String fromHash, LongConsumer walked) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(
                "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq")) {
            statement.setLong(1, fromSeq);
            try (ResultSet rows = statement.executeQuery()) {
                AuditTrail.Hasher hasher = new AuditTrail.Hasher();
                long last = fromSeq;
                String prev = fromHash;
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    String hash = rows.getString(8);
                    if (seq != last + 1 || !prev.equals(rows.getString(7)) || !hasher.matches(rows.getString(7), seq, rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6), hash)) {
                        break;
                    }
                    last = seq;
                    prev = hash;
                    if ((last - fromSeq) % AuditTrail.PROGRESS_EVERY == 0) {
                        walked.accept(last - fromSeq);
                    }
                }
                return last;
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot read the audit log: " + failed.getMessage(), failed);
        }
    }

    /** One forward-only cursor, no row objects, one reused digest ({@code audit verify} walks the chain with the replay instead). */
    @Override
    public AuditTrail.Verification verifyChain(LongConsumer progress) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(
                     "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log ORDER BY seq");
             ResultSet rows = statement.executeQuery()) {
            AuditTrail.Hasher hasher = new AuditTrail.Hasher();
            String expectedPrev = AuditTrail.GENESIS;
            long checked = 0;
            while (rows.next()) {
                long seq = rows.getLong(1);
                String prevHash = rows.getString(7);
                String problem = null;
                if (seq != checked + 1) {
                    problem = "entry " + (checked + 1) + " is missing (next entry is " + seq + ")";
                } else if (!expectedPrev.equals(prevHash)) {
                    problem = "entry " + seq + " does not link to the entry before it (prev_hash differs)";
                } else {
                    String hash = rows.getString(8);
                    if (!hasher.matches(prevHash, seq, rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                            rows.getString(6), hash)) {
                        problem = "entry " + seq + " was altered (its hash does not match its content)";
                    }
                    expectedPrev = hash;
                }
                if (problem != null) {
                    return new AuditTrail.Verification(checked, Optional.of(seq), problem);
                }
                if (++checked % AuditTrail.PROGRESS_EVERY == 0) {
                    progress.accept(checked);
                }
            }
            return new AuditTrail.Verification(checked, Optional.empty(), "");
        } catch (SQLException failed) {
            // Registry.read turns it into a sentence naming the file (SqliteDialect.translate reads the cause).
            throw new IllegalStateException("cannot read the audit log: " + failed.getMessage(), failed);
        }
    }

    /**
     * Rows a server sends at a time while the whole log is walked. PostgreSQL's driver otherwise reads a query's whole
     * result into memory before the first row; with a fetch size it reads through a cursor, but only inside a
     * transaction ({@code Registry.readSnapshot}). SQLite steps row by row either way.
     */
    private static final int WALK_FETCH = 1000;

    @Override
    public void walk(Predicate<AuditEntry> visitor) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(
                "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log ORDER BY seq")) {
            statement.setFetchSize(WALK_FETCH);
            visit(statement, visitor);
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot read the audit log: " + failed.getMessage(), failed);
        }
    }

    private static final String WALK_PAGE_SQL =
            "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?";
    private static final int FIRST_WALK_PAGE = 32;
    private static final int LAST_WALK_PAGE = 4096;

    /**
     * Reads in pages that double from 32 entries, because a walk usually stops a few entries on (at its transaction's
     * signed head) and a server sends a query's whole result before the first row is read: one query over the rest of
     * the log cost every transition on PostgreSQL a copy of the log's tail, payloads and all, from the entry walked.
     */
    @Override
    public void walkFrom(long fromSeq, Predicate<AuditEntry> visitor) {
        readAhead(fromSeq);
        long next = fromSeq;
        for (AuditEntry ahead = rowsAhead.get(next); ahead != null; ahead = rowsAhead.get(next)) {
            if (!visitor.test(ahead)) {
                return;
            }
            next++;
        }
        try (PreparedStatement statement = handle.getConnection().prepareStatement(WALK_PAGE_SQL)) {
            for (int page = FIRST_WALK_PAGE; ; page = Math.min(page * 2, LAST_WALK_PAGE)) {
                statement.setLong(1, next);
                statement.setInt(2, page);
                long[] last = {Long.MIN_VALUE};
                int[] read = {0};
                boolean more = visit(statement, entry -> {
                    last[0] = entry.seq();
                    read[0]++;
                    return visitor.test(entry);
                });
                if (!more || read[0] < page) {
                    return;
                }
                next = last[0] + 1;
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot read the audit log: " + failed.getMessage(), failed);
        }
    }

    /**
     * One forward-only cursor, no row objects kept: the replay of the whole history is the hot loop of {@code audit verify}.
     * False when the visitor stopped the walk.
     */
    private static boolean visit(PreparedStatement statement, Predicate<AuditEntry> visitor) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                AuditEntry entry = new AuditEntry(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                        rows.getString(6), rows.getString(7), rows.getString(8));
                if (!visitor.test(entry)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** With each entry, the first signed head at or after it (by the heads' index): where its attestation walk ends. */
    private static final String ACTIONS_ON_SQL = """
            SELECT l.seq, l.actor, l.action, l.entity, l.payload_json,
                   (SELECT min(s.seq) FROM audit_signatures s WHERE s.seq >= l.seq) AS next_head
              FROM audit_log l WHERE l.entity IN (<e>) ORDER BY l.seq""";
    /** A walk longer than this (a bulk transaction's entries under one head) goes on page by page from the log. */
    private static final int READ_AHEAD_PER_ENTRY = 64;
    /** Beyond this many entries read ahead, the rest are read as walked. */
    private static final int READ_AHEAD_MAX = 4096;

    @Override
    public List<AuditAction> actionsOn(List<String> entities) {
        List<AuditAction> actions = new ArrayList<>();
        handle.createQuery(ACTIONS_ON_SQL).bindList("e", entities).scanResultSet((supplier, context) -> {
            ResultSet row = supplier.get();
            while (row.next()) {
                long seq = row.getLong(1);
                actions.add(new AuditAction(seq, row.getString(2), row.getString(3), row.getString(4), row.getString(5)));
                long head = row.getLong(6);
                windows.add(new long[] {seq, row.wasNull() ? 0 : head});
            }
            return null;
        });
        return actions;
    }

    /**
     * Reads ahead, when {@code seq} starts a window of {@link #actionsOn} not read yet, every such window: the entries from
     * each to its next head (at most {@link #READ_AHEAD_PER_ENTRY}) and the heads at those. An entry before its next head
     * has no head of its own, so it is known to have none; past the window the walk reads on from the log as before.
     */
    private void readAhead(long seq) {
        if (windows.stream().noneMatch(window -> window[0] == seq)) {
            return;
        }
        Set<Long> wanted = new TreeSet<>();
        Set<Long> heads = new TreeSet<>();
        for (long[] window : windows) {
            long first = window[0];
            long head = window[1];
            long last = head == 0 ? first : Math.min(head, first + READ_AHEAD_PER_ENTRY - 1);
            if (wanted.size() + (last - first + 1) > READ_AHEAD_MAX) {
                break;
            }
            for (long at = first; at <= last; at++) {
                if (!headsAhead.containsKey(at)) {
                    wanted.add(at);
                    headsAhead.put(at, List.of());
                }
            }
            if (head != 0 && head == last) {
                heads.add(head);
            }
        }
        windows.clear();
        if (wanted.isEmpty()) {
            return;
        }
        handle.createQuery("SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log WHERE seq IN (<s>)")
                .bindList("s", List.copyOf(wanted)).mapTo(AuditEntry.class).forEach(entry -> rowsAhead.put(entry.seq(), entry));
        if (!heads.isEmpty()) {
            Map<Long, List<SignedHead>> found = new HashMap<>();
            handle.createQuery("""
                            SELECT seq, head_hash, signer, signed_at, signature FROM audit_signatures
                             WHERE seq IN (<s>) ORDER BY seq, signature_id""")
                    .bindList("s", List.copyOf(heads))
                    .map((row, ctx) -> new SignedHead(0, row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5)))
                    .forEach(head -> found.computeIfAbsent(head.seq(), k -> new ArrayList<>()).add(head));
            heads.forEach(head -> headsAhead.put(head, List.copyOf(found.getOrDefault(head, List.of()))));
        }
    }

    private void forgetReadAhead() {
        windows.clear();
        rowsAhead.clear();
        headsAhead.clear();
    }

    @Override
    public Optional<AuditAction> action(long seq) {
        return handle.createQuery("SELECT seq, actor, action, entity, payload_json FROM audit_log WHERE seq = :s").bind("s", seq)
                .map((row, ctx) -> new AuditAction(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5)))
                .findOne();
    }

    @Override
    public void addSignedHead(long seq, String headHash, String signer, String signedAt, String signature) {
        forgetReadAhead();
        handle.createUpdate("INSERT INTO audit_signatures (seq, head_hash, signer, signed_at, signature) VALUES (:s, :h, :u, :at, :sig)")
                .bind("s", seq).bind("h", headHash).bind("u", signer).bind("at", signedAt).bind("sig", signature).execute();
    }

    @Override
    public List<SignedHead> signedHeads() {
        return handle.createQuery(
                        "SELECT signature_id, seq, head_hash, signer, signed_at, signature FROM audit_signatures ORDER BY seq, signature_id")
                .map((row, ctx) -> new SignedHead(row.getLong("signature_id"), row.getLong("seq"), row.getString("head_hash"),
                        row.getString("signer"), row.getString("signed_at"), row.getString("signature")))
                .list();
    }

    @Override
    public List<SignedHead> signedHeadsAt(long seq) {
        List<SignedHead> ahead = headsAhead.get(seq);
        if (ahead != null) {
            return ahead;
        }
        return handle.createQuery("SELECT head_hash, signer, signed_at, signature FROM audit_signatures WHERE seq = :s ORDER BY signature_id")
                .bind("s", seq)
                .map((row, ctx) -> new SignedHead(0, seq, row.getString("head_hash"), row.getString("signer"), row.getString("signed_at"),
                        row.getString("signature")))
                .list();
    }

    @Override
    public List<SignedHead> signedHeadsOnChain(long afterSeq, long upToSeq) {
        return handle.createQuery("""
                        SELECT s.seq, s.head_hash, s.signer, s.signed_at, s.signature FROM audit_signatures s
                          JOIN audit_log l ON l.seq = s.seq AND l.hash = s.head_hash
                         WHERE s.seq > :from AND s.seq <= :to ORDER BY s.seq DESC""")
                .bind("from", afterSeq).bind("to", upToSeq)
                .map((row, ctx) -> new SignedHead(0, row.getLong("seq"), row.getString("head_hash"), row.getString("signer"),
                        row.getString("signed_at"), row.getString("signature")))
                .list();
    }

    @Override
    public List<SignedHead> signedHeadsOffChain() {
        return handle.createQuery("""
                        SELECT s.seq, s.head_hash, s.signer, s.signed_at, s.signature FROM audit_signatures s
                          LEFT JOIN audit_log l ON l.seq = s.seq
                         WHERE l.hash IS NULL OR l.hash <> s.head_hash ORDER BY s.seq""")
                .map((row, ctx) -> new SignedHead(0, row.getLong("seq"), row.getString("head_hash"), row.getString("signer"),
                        row.getString("signed_at"), row.getString("signature")))
                .list();
    }

    @Override
    public int signedHeadCount() {
        return handle.createQuery("SELECT count(*) FROM audit_signatures").mapTo(Integer.class).one();
    }
}

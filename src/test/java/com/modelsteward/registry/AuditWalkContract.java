package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.InputFiles;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.testsupport.Team;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit store's walks on every engine: a walk reads the log in pages yet sees every entry in order, what a
 * transition's attestation reads ahead ({@code actionsOn}) is exactly what the log holds — also after the transaction
 * itself appends — and each engine's trigger fills {@code audit_mentions} by the one rule ({@link AuditMentions}), which
 * a version's lineage reads. Run by {@link SqliteAuditWalkTest} and {@code PostgresAuditWalkTest}.
 */
abstract class AuditWalkContract {

    private static final int VERSIONS = 80;

    private Team team;

    protected abstract Team newTeam();

    @BeforeEach
    void history() {
        team = newTeam();
        team.enrolTeam();
        GovernanceEngine engine = new GovernanceEngine(team.as("alice"), PolicyLoader.builtIn(Map.of()), Clock.systemUTC());
        for (int i = 0; i < VERSIONS; i++) {
            String config = CanonicalJson.write(Map.of("i", i));
            engine.register(team.who("alice"), new InputFiles.NewVersion("m-" + i, "m", "signal_model", "1." + i, null, "models/m/" + i,
                    config, CanonicalJson.sha256Hex(config), "s3://data/m", "a".repeat(64), null, null));
        }
    }

    @AfterEach
    void close() {
        team.close();
    }

    @Test
    void aWalkSeesEveryEntryInOrderAcrossPagesAndStopsWhereItsVisitorStops() {
        Registry registry = team.as("bob");
        long last = registry.read(store -> store.audit().lastSeq());
        assertTrue(last > 32 + 64, "a log longer than the first two pages of a walk (32, 64): " + last);
        assertEquals(range(1, last), walk(registry, 1, Integer.MAX_VALUE));
        assertEquals(range(5, 74), walk(registry, 5, 70));
        assertEquals(range(last - 2, last), walk(registry, last - 2, Integer.MAX_VALUE));
    }

    @Test
    void whatATransitionReadsAheadIsWhatTheLogHolds() {
        Registry registry = team.as("bob");
        List<String> entities = List.of("principal:alice", "principal:rachel", "model:m-3", "model:m-17", "model:m-79");
        List<Long> starts = registry.read(store -> store.audit().actionsOn(entities).stream().map(AuditAction::seq).toList());
        List<String> ahead = registry.read(store -> {
            store.audit().actionsOn(entities);
            return attestationWalks(store, starts);
        });
        List<String> plain = registry.read(store -> attestationWalks(store, starts));
        assertEquals(plain, ahead);
        assertTrue(starts.size() >= entities.size(), starts.toString());
    }

    @Test
    void anEntryAppendedAfterTheReadAheadIsSeenByTheSameTransaction() {
        Registry registry = team.as("alice");
        RegistryException rolledBack = assertThrows(RegistryException.class, () -> registry.write(store -> {
            long before = store.audit().lastSeq();
            store.audit().actionsOn(List.of("model:m-79"));
            AuditEntry added = store.audit().append(Clock.systemUTC(), "alice", "NOTE", "model:m-79", Map.of("why", "test"));
            List<Long> seen = new ArrayList<>();
            store.audit().walkFrom(before, entry -> seen.add(entry.seq()));
            assertEquals(List.of(before, added.seq()), seen);
            throw new RegistryException("E_TEST", "rolled back on purpose");
        }));
        assertEquals("E_TEST", rolledBack.code());
    }

    @Test
    void aVersionsMentionsAreFoundInPayloadsAndALongerIdIsNotMistakenForIt() {
        Registry registry = team.as("alice");
        RegistryException rolledBack = assertThrows(RegistryException.class, () -> registry.write(store -> {
            AuditEntry mention = store.audit().append(Clock.systemUTC(), "alice", "NOTE", "elsewhere", Map.of("model_id", "m-3"));
            AuditEntry longer = store.audit().append(Clock.systemUTC(), "alice", "NOTE", "elsewhere", Map.of("model_id", "m-30"));
            List<Long> about = store.audit().about("m-3").stream().map(AuditEntry::seq).toList();
            assertTrue(about.contains(mention.seq()), about.toString());
            assertTrue(!about.contains(longer.seq()), about.toString());
            assertTrue(about.size() >= 2, "the REGISTER entry of m-3 and the note: " + about);
            List<Long> searched = store.catalog().searchAudit(new ModelCatalog.AuditFilter(null, "NOTE", "\"m-30\"", null, null), 10)
                    .stream().map(AuditEntry::seq).toList();
            assertEquals(List.of(longer.seq()), searched);
            throw new RegistryException("E_TEST", "rolled back on purpose");
        }));
        assertEquals("E_TEST", rolledBack.code());
    }

    @Test
    void theTriggerRecordsWhatEachEntryNamesAndALaterRegistrationCountsFromThenOn() {
        Registry registry = team.as("alice");
        Clock clock = Clock.systemUTC();
        List<AuditEntry> notes = registry.write(store -> List.of(
                store.audit().append(clock, "alice", "NOTE", "m-1", Map.of("why", "bare entity")),
                store.audit().append(clock, "alice", "NOTE", "model/m-2", Map.of()),
                store.audit().append(clock, "alice", "NOTE", "elsewhere", Map.of("m-4", 1, "nested", List.of(Map.of("deep", List.of("m-5", "m-6x"))))),
                store.audit().append(clock, "alice", "NOTE", "elsewhere", Map.of("text", "about m-7", "quoted", "\"m-8\"")),
                store.audit().append(clock, "alice", "NOTE", "elsewhere", Map.of("early", "m-new"))));
        GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), clock);
        String config = CanonicalJson.write(Map.of("i", "new"));
        engine.register(team.who("alice"), new InputFiles.NewVersion("m-new", "m", "signal_model", "2.0", "m-3", "models/m/new",
                config, CanonicalJson.sha256Hex(config), "s3://data/m", "a".repeat(64), null, null));
        AuditEntry late = registry.write(store -> store.audit().append(clock, "alice", "NOTE", "elsewhere", Map.of("late", "m-new")));

        Map<Long, Set<String>> rows = registry.read(store -> {
            Map<Long, Set<String>> stored = new TreeMap<>();
            store.audit().mentionRows((seq, id) -> stored.computeIfAbsent(seq, s -> new TreeSet<>()).add(id));
            return stored;
        });
        assertEquals(Set.of("m-1"), rows.get(notes.get(0).seq()), "a bare entity");
        assertEquals(Set.of("m-2"), rows.get(notes.get(1).seq()), "a model/ entity");
        assertEquals(Set.of("m-4", "m-5"), rows.get(notes.get(2).seq()), "a member name and a string deep in a list; not a longer id");
        assertEquals(null, rows.get(notes.get(3).seq()), "longer text names nothing");
        assertEquals(null, rows.get(notes.get(4).seq()), "m-new was not registered when the entry was written");
        assertEquals(Set.of("m-new"), rows.get(late.seq()));
        long register = registry.read(store -> store.audit().about("m-new")).getFirst().seq();
        assertEquals(Set.of("m-3", "m-new"), rows.get(register), "a REGISTER entry names its version and its parent");

        Map<String, List<AuditEntry>> about = registry.read(store -> store.audit().mentioning(List.of("m-new", "m-5", "m-1", "no-such")));
        assertEquals(List.of(register, late.seq()), about.get("m-new").stream().map(AuditEntry::seq).toList());
        assertEquals(List.of(notes.get(2)), about.get("m-5").stream().filter(notes::contains).toList());
        assertEquals(2, about.get("m-1").size(), "the REGISTER entry of m-1 and the note: " + about.get("m-1"));
        assertTrue(!about.containsKey("no-such"));
        assertEquals(about.get("m-1"), registry.read(store -> store.audit().about("m-1")));
    }

    /** From each start: the entries walked up to the first that has signed heads, and those heads' signers. */
    private static List<String> attestationWalks(Store store, List<Long> starts) {
        List<String> walks = new ArrayList<>();
        for (long start : starts) {
            StringBuilder walked = new StringBuilder();
            store.audit().walkFrom(start, entry -> {
                walked.append(entry.seq()).append(' ').append(entry.hash(), 0, 8).append(' ');
                List<SignedHead> heads = store.audit().signedHeadsAt(entry.seq());
                heads.forEach(head -> walked.append(head.signer()).append('@').append(head.headHash(), 0, 8).append(' '));
                return heads.isEmpty();
            });
            walks.add(walked.toString());
        }
        return walks;
    }

    private static List<Long> walk(Registry registry, long from, int atMost) {
        return registry.read(store -> {
            List<Long> seen = new ArrayList<>();
            store.audit().walkFrom(from, entry -> {
                seen.add(entry.seq());
                return seen.size() < atMost;
            });
            return seen;
        });
    }

    private static List<Long> range(long first, long last) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = first; seq <= last; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }
}

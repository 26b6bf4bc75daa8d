package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.sqlite.SqliteEngine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void anIntactChainVerifiesAndAnEditedEntryIsNamed() throws Exception {
        Path file = dir.resolve("audit.db");
        try (Registry registry = Registry.create(file)) {
            registry.writeHandle(h -> {
                for (int i = 1; i <= 5; i++) {
                    SqliteEngine.INSTANCE.store(h).audit().append(clock, "rachel", "APPROVE", "request:R-" + i, Map.of("comment", "ok " + i, "n", i));
                }
                return null;
            });
            AuditTrail.Verification intact = AuditTrail.verify(registry);
            assertTrue(intact.ok());
            assertEquals(5, intact.checked());
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
            for (String trigger : new String[] {"audit_log_no_update", "audit_log_no_delete"}) {
                sql.executeUpdate("DROP TRIGGER IF EXISTS " + trigger);
            }
            sql.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
        }
        try (Registry registry = Registry.open(file)) {
            AuditTrail.Verification broken = AuditTrail.verify(registry);
            assertFalse(broken.ok());
            assertEquals(3L, broken.firstBadSeq().orElseThrow());
            assertTrue(broken.problem().contains("altered"));
        }
    }

    @Test
    void theKeptVerificationIsWalkedAgainAfterAnotherProcessAltersAnEntry() throws Exception {
        Path file = dir.resolve("kept.db");
        try (Registry registry = Registry.create(file)) {
            registry.writeHandle(h -> {
                for (int i = 1; i <= 5; i++) {
                    SqliteEngine.INSTANCE.store(h).audit().append(clock, "rachel", "APPROVE", "request:R-" + i, Map.of("n", i));
                }
                return null;
            });
            assertTrue(registry.verifiedChain().ok());
            assertEquals(5, registry.verifiedChain().checked(), "nothing changed: the kept result");

            // A writer outside this Registry (as another process would be) drops the guards and edits entry 2.
            try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
                sql.executeUpdate("DROP TRIGGER IF EXISTS audit_log_no_update");
                sql.executeUpdate("UPDATE audit_log SET payload_json = '{\"n\":99}' WHERE seq = 2");
            }
            AuditTrail.Verification afterEdit = registry.verifiedChain();
            assertFalse(afterEdit.ok(), "the edit is a commit: data_version moves and the chain is walked again");
            assertEquals(2L, afterEdit.firstBadSeq().orElseThrow());
        }
    }

    @Test
    void anAppendThroughThisRegistryIsCountedInTheKeptVerification() {
        Path file = dir.resolve("append.db");
        try (Registry registry = Registry.create(file)) {
            registry.writeHandle(h -> SqliteEngine.INSTANCE.store(h).audit().append(clock, "rachel", "APPROVE", "request:R-1", Map.of("n", 1)));
            assertEquals(1, registry.verifiedChain().checked());
            registry.writeHandle(h -> SqliteEngine.INSTANCE.store(h).audit().append(clock, "rachel", "APPROVE", "request:R-2", Map.of("n", 2)));
            assertEquals(2, registry.verifiedChain().checked());
        }
    }

    @Test
    void theHashIsTheDocumentedRecipe() {
        String expected = CanonicalJson.sha256Hex(AuditTrail.GENESIS + "\n1\n2026-11-01T12:00:00.000Z\nrachel\nAPPROVE\nrequest:R-1\n{\"a\":1}");
        assertEquals(expected, AuditTrail.hash(AuditTrail.GENESIS, 1, "2026-11-01T12:00:00.000Z", "rachel", "APPROVE", "request:R-1", "{\"a\":1}"));
    }
}

package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry made before schema 9 gets its {@code audit_mentions} when it is opened: every entry already in the log,
 * by the rule the trigger applies to new ones ({@link AuditMentions}), against the versions registered then.
 */
class AuditMentionsMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aRegistryOfSchema8IsGivenTheMentionsOfItsWholeLog() throws Exception {
        Path file;
        Map<Long, Set<String>> made;
        try (Registry demo = TestRegistries.demo(dir)) {
            file = demo.file();
            made = rows(demo);
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
            for (String trigger : new String[] {"audit_log_mentions", "audit_mentions_no_update", "audit_mentions_no_delete"}) {
                sql.executeUpdate("DROP TRIGGER " + trigger);
            }
            sql.executeUpdate("DROP TABLE audit_mentions");
            sql.executeUpdate("DELETE FROM schema_version WHERE version >= 9");
        }
        try (Registry reopened = Registry.open(file)) {
            assertTrue(reopened.schemaVersion() >= 9);
            Map<Long, Set<String>> migrated = rows(reopened);
            Map<Long, Set<String>> byRule = reopened.read(store -> {
                Set<String> versions = new TreeSet<>(store.versions().ids());
                Map<Long, Set<String>> named = new TreeMap<>();
                store.audit().walk(entry -> {
                    Set<String> ids = AuditMentions.named(entry.entity(), entry.payloadJson(), versions::contains);
                    if (!ids.isEmpty()) {
                        named.put(entry.seq(), new TreeSet<>(ids));
                    }
                    return true;
                });
                return named;
            });
            assertEquals(byRule, migrated, "the migration's rows are the rule's");
            assertEquals(made, migrated, "the trigger, entry by entry as the demo was made, gave the same rows");
            assertTrue(migrated.size() > 100, "the demo's entries name versions: " + migrated.size());
        }
    }

    private static Map<Long, Set<String>> rows(Registry registry) {
        return registry.read(store -> {
            Map<Long, Set<String>> stored = new TreeMap<>();
            store.audit().mentionRows((seq, id) -> stored.computeIfAbsent(seq, s -> new TreeSet<>()).add(id));
            return stored;
        });
    }
}

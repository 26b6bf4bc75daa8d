package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.testsupport.TableDump;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's copy on registry files: pages that end where the next begins, rows inserted with their keys. */
class CopyStoreTest {

    @TempDir
    Path dir;

    @Test
    void pagesCoverEveryRowOnceInKeyOrderAndInsertAsRead() {
        try (Registry demo = TestRegistries.demo(dir); Registry empty = TestRegistries.empty(dir)) {
            List<Integer> pageSizes = new ArrayList<>();
            empty.write(to -> demo.readSnapshot(from -> {
                for (RegistryTable table : List.of(RegistryTable.SCORECARDS, RegistryTable.DRIFT_SAMPLES, RegistryTable.AUDIT_LOG)) {
                    from.copy().read(table, 997, rows -> {
                        pageSizes.add(rows.size());
                        to.copy().insert(table, rows);
                    });
                }
                return null;
            }));
            assertTrue(pageSizes.stream().allMatch(size -> size > 0 && size <= 997), "bounded pages");
            assertTrue(pageSizes.size() > 100, pageSizes.size() + " pages");
            Map<String, List<List<String>>> source = TableDump.of(demo);
            Map<String, List<List<String>>> copy = TableDump.of(empty);
            for (String table : List.of("scorecards", "drift_samples", "audit_log")) {
                assertEquals(source.get(table), copy.get(table), table);
                assertEquals(source.get(table).size(), (long) empty.read(store -> store.copy().count(RegistryTable.valueOf(table.toUpperCase(java.util.Locale.ROOT)))));
            }
            assertTrue(AuditTrail.verify(empty).ok(), "the copied chain verifies");
        }
    }

    @Test
    void aFileIsNeverFilledRowByRowWithAHistory() {
        try (Registry demo = TestRegistries.demo(dir); Registry empty = TestRegistries.empty(dir)) {
            assertFalse((boolean) empty.read(store -> store.copy().writesRowsAsGiven()), "a file's triggers hold for every writer");
            // Why: an ACTIVE version inserted as such is what the file's triggers refuse.
            RegistryException refused = assertThrows(RegistryException.class, () -> empty.write(to -> demo.readSnapshot(from -> {
                from.copy().read(RegistryTable.MODEL_REGISTRY, 1_000, rows -> to.copy().insert(RegistryTable.MODEL_REGISTRY, rows));
                return null;
            })));
            assertTrue(refused.getMessage().contains("E_LEARN_APPROVAL_MISSING"), refused.getMessage());
            assertEquals(0L, (long) empty.read(store -> store.copy().count(RegistryTable.MODEL_REGISTRY)));
        }
    }
}

package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelsteward.testsupport.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code migrate} copies is the whole schema of both engines: every table but {@code schema_version}, every column,
 * each of the kind its declared type says, the key first. A migration that adds a column fails here until the list has it.
 */
@Tag("postgresql")
class RegistryTableTest {

    @TempDir
    Path dir;

    /** Table → "column KIND" in the order {@link RegistryTable} lists them. */
    private static Map<String, List<String>> listed() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (RegistryTable table : RegistryTable.values()) {
            List<String> columns = new ArrayList<>();
            table.columns().forEach(column -> columns.add(column.name() + " " + column.kind()));
            tables.put(table.sqlName(), columns);
        }
        return tables;
    }

    /** Takes the derived tables out of {@code schema} (a copy does not copy them) and returns their names. */
    private static Set<String> derived(Map<String, List<String>> schema) {
        Set<String> derived = new TreeSet<>(schema.keySet());
        derived.retainAll(RegistryTable.DERIVED);
        schema.keySet().removeAll(derived);
        return derived;
    }

    @Test
    void theListIsTheFileSchema() {
        try (Registry registry = Registry.create(dir.resolve("schema.db"))) {
            Map<String, List<String>> schema = registry.readHandle(h -> {
                Map<String, List<String>> tables = new TreeMap<>();
                for (String table : h.createQuery("""
                        SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version'""")
                        .mapTo(String.class).list()) {
                    List<String> columns = new ArrayList<>();
                    h.createQuery("SELECT name, type, pk FROM pragma_table_info(:t) ORDER BY pk DESC, cid").bind("t", table)
                            .map((rs, ctx) -> rs.getString("name") + " " + rs.getString("type").toUpperCase(Locale.ROOT))
                            .forEach(columns::add);
                    tables.put(table, columns);
                }
                return tables;
            });
            assertEquals(RegistryTable.DERIVED, derived(schema));
            assertEquals(schema.keySet(), listed().keySet());
            schema.forEach((table, columns) -> assertEquals(columns.stream().sorted().toList(), listed().get(table).stream().sorted().toList(), table));
            schema.forEach((table, columns) -> assertEquals(columns.getFirst(), listed().get(table).getFirst(), table + ": the key first"));
        }
    }

    @Test
    void theListIsTheServerSchema() {
        PostgresServer server = PostgresServer.get();
        try (Registry registry = Registry.create(Location.parse(server.superuserUrl(server.freshDatabase())))) {
            Map<String, List<String>> schema = registry.readHandle(h -> {
                Map<String, List<String>> tables = new TreeMap<>();
                h.createQuery("""
                                SELECT c.table_name, c.column_name, c.data_type,
                                       EXISTS (SELECT 1 FROM information_schema.table_constraints t
                                                 JOIN information_schema.key_column_usage k
                                                   ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema
                                                WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name
                                                  AND t.constraint_type = 'PRIMARY KEY' AND k.column_name = c.column_name) AS pk
                                  FROM information_schema.columns c
                                 WHERE c.table_schema = 'steward' AND c.table_name NOT IN ('schema_version', 'write_lock')
                                 ORDER BY c.table_name, pk DESC, c.ordinal_position""")
                        .map((rs, ctx) -> {
                            String kind = switch (rs.getString("data_type")) {
                                case "text" -> "TEXT";
                                case "bigint", "integer" -> "INTEGER";
                                case "double precision" -> "REAL";
                                default -> rs.getString("data_type");
                            };
                            tables.computeIfAbsent(rs.getString("table_name"), t -> new ArrayList<>()).add(rs.getString("column_name") + " " + kind);
                            return null;
                        })
                        .list();
                return tables;
            });
            assertEquals(RegistryTable.DERIVED, derived(schema));
            assertEquals(schema.keySet(), listed().keySet());
            schema.forEach((table, columns) -> assertEquals(columns.stream().sorted().toList(), listed().get(table).stream().sorted().toList(), table));
            schema.forEach((table, columns) -> assertEquals(columns.getFirst(), listed().get(table).getFirst(), table + ": the key first"));
        }
    }

    @Test
    void everyTableComesAfterTheTablesItsForeignKeysName() {
        List<String> order = java.util.Arrays.stream(RegistryTable.values()).map(RegistryTable::sqlName).toList();
        try (Registry registry = Registry.create(dir.resolve("keys.db"))) {
            List<String> edges = registry.readHandle(h -> {
                List<String> found = new ArrayList<>();
                for (String table : order) {
                    h.createQuery("SELECT \"table\" FROM pragma_foreign_key_list(:t)").bind("t", table).mapTo(String.class)
                            .forEach(parent -> found.add(table + " -> " + parent));
                }
                return found;
            });
            for (String edge : edges) {
                String[] ends = edge.split(" -> ");
                assertEquals(true, order.indexOf(ends[1]) < order.indexOf(ends[0]), edge);
            }
            assertEquals(true, edges.size() >= 5, "the schema's foreign keys were found: " + edges);
            assertEquals(true, order.indexOf("model_registry") < order.indexOf("audit_log"),
                    "a copy's audit_mentions trigger finds the versions an entry names only when they are copied first");
        }
    }
}

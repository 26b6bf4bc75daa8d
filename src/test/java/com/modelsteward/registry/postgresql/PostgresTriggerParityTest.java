package com.modelsteward.registry.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.Registry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL schema is SQLite's latest one, object by object: a trigger, column or index added to a SQLite migration
 * without its PostgreSQL twin fails here, naming it.
 */
@Tag("postgresql")
class PostgresTriggerParityTest {

    /** INTEGER columns that hold 0/1 (integer with a CHECK on PostgreSQL); every other INTEGER is bigint. */
    private static final Set<String> FLAGS = Set.of("model_registry.archived", "principals.active", "rule_changes.four_eyes",
            "transition_requests.gate_passed");

    private static final Pattern RAISE = Pattern.compile("RAISE\\(ABORT,\\s*('(?:[^']|'')*')\\)");

    @TempDir
    static Path dir;

    private static final Map<String, String> sqliteTriggers = new TreeMap<>();
    private static final Map<String, List<String[]>> sqliteColumns = new TreeMap<>();
    private static final Map<String, String> sqliteIndexes = new TreeMap<>();
    private static SchemaFixture postgres;

    @BeforeAll
    static void bothSchemas() throws SQLException {
        try (Registry sqlite = Registry.create(dir.resolve("x.db"))) {
            List<String> names = sqlite.readHandle(h -> h.createQuery("SELECT name FROM sqlite_master WHERE type='trigger'")
                    .mapTo(String.class).list());
            for (String name : names) {
                sqliteTriggers.put(name, sqlite.readHandle(h -> h.createQuery("SELECT tbl_name || char(10) || sql FROM sqlite_master "
                        + "WHERE type = 'trigger' AND name = :n").bind("n", name).mapTo(String.class).one()));
            }
            List<String> tables = sqlite.readHandle(h -> h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                    + "AND name NOT LIKE 'sqlite_%'").mapTo(String.class).list());
            for (String table : tables) {
                sqliteColumns.put(table, sqlite.readHandle(h -> h.createQuery("SELECT name, type, pk FROM pragma_table_info(:t) ORDER BY cid")
                        .bind("t", table).map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list()));
            }
            sqlite.readHandle(h -> h.createQuery("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
                    .map((rs, ctx) -> sqliteIndexes.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3).contains("UNIQUE"))).list());
        }
        postgres = SchemaFixture.create();
    }

    @Test
    void everySqliteTriggerExistsOnTheSameTableWithItsMessages() throws SQLException {
        Map<String, String> found = new TreeMap<>();
        try (Connection c = postgres.superuser(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT t.tgname, c.relname, p.prosrc FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid "
                     + "WHERE n.nspname = 'steward' AND NOT t.tgisinternal")) {
            while (rows.next()) {
                found.put(rows.getString(1), rows.getString(2) + "\n" + rows.getString(3));
            }
        }
        assertEquals(34, sqliteTriggers.size(), "the SQLite schema's triggers (36 CREATE TRIGGER statements, two re-created by V006)");
        List<String> problems = new ArrayList<>();
        sqliteTriggers.forEach((name, tableAndSql) -> {
            String table = tableAndSql.substring(0, tableAndSql.indexOf('\n'));
            String pg = found.get(name);
            if (pg == null) {
                problems.add(name + " is missing on PostgreSQL");
                return;
            }
            if (!pg.startsWith(table + "\n")) {
                problems.add(name + " is on " + pg.substring(0, pg.indexOf('\n')) + ", not on " + table);
            }
            Matcher raise = RAISE.matcher(tableAndSql);
            while (raise.find()) {
                if (!pg.contains(raise.group(1))) {
                    problems.add(name + " does not raise " + raise.group(1));
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everySqliteColumnExistsInOrderWithItsPostgresqlType() throws SQLException {
        Map<String, List<String>> expected = new TreeMap<>();
        // Only a primary key of one INTEGER column is SQLite's rowid, which the engine generates: an identity column.
        sqliteColumns.forEach((table, columns) -> expected.put(table, columns.stream().map(column -> column[0] + " "
                + postgresType(table, column[0], column[1], "1".equals(column[2]) && columns.stream().noneMatch(c -> "2".equals(c[2]))))
                .toList()));
        Map<String, List<String>> actual = new TreeMap<>();
        try (Connection c = postgres.superuser(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT table_name, column_name, data_type, coalesce(collation_name, ''), is_identity "
                     + "FROM information_schema.columns WHERE table_schema = 'steward' ORDER BY table_name, ordinal_position")) {
            while (rows.next()) {
                String type = rows.getString(3) + ("C".equals(rows.getString(4)) ? " collate C" : "")
                        + ("YES".equals(rows.getString(5)) ? " identity" : "");
                actual.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2) + " " + type);
            }
        }
        // The server's own: the table its writers lock (SQLite's BEGIN IMMEDIATE locks the file), no rows, no data.
        assertEquals(List.of("held boolean"), actual.remove("write_lock"));
        assertEquals(expected, actual);
    }

    /** The mapping docs/schema.md ("PostgreSQL") states. */
    private static String postgresType(String table, String column, String sqliteType, boolean rowid) {
        return switch (sqliteType) {
            case "TEXT" -> "text collate C";
            case "REAL" -> "double precision";
            case "INTEGER" -> rowid && !table.equals("schema_version") ? "bigint identity"
                    : FLAGS.contains(table + "." + column) ? "integer" : "bigint";
            default -> throw new IllegalStateException(table + "." + column + " has SQLite type " + sqliteType + ", which has no mapping yet");
        };
    }

    @Test
    void everySqliteIndexExistsOnTheSameTableAndIsUniqueAsThere() throws SQLException {
        Map<String, String> actual = new LinkedHashMap<>();
        try (Connection c = postgres.superuser(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT indexname, tablename, indexdef LIKE 'CREATE UNIQUE%' FROM pg_indexes "
                     + "WHERE schemaname = 'steward'")) {
            while (rows.next()) {
                actual.put(rows.getString(1), rows.getString(2) + " " + rows.getBoolean(3));
            }
        }
        sqliteIndexes.forEach((name, tableAndUnique) -> assertEquals(tableAndUnique, actual.get(name), name));
        assertTrue(sqliteIndexes.containsKey("model_registry_one_active") && sqliteIndexes.containsKey("incidents_one_open"));
        List<String> partial = postgres.rows("SELECT indexname || ' ' || substring(indexdef from 'WHERE .*') FROM pg_indexes "
                + "WHERE schemaname = 'steward' AND indexdef LIKE '% WHERE %' ORDER BY indexname");
        assertEquals(List.of("incidents_one_open WHERE (status = 'OPEN'::text)", "model_registry_one_active WHERE (state = 'ACTIVE'::text)",
                "model_registry_one_production WHERE (state = 'PRODUCTION'::text)"), partial);
    }
}

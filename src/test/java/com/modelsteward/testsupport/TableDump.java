package com.modelsteward.testsupport;

import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every data table of a registry, file or server, as text: rows in the order of the table's primary key, each value as
 * Java prints what the driver read (whole numbers as {@link Long}, so that SQLite's and PostgreSQL's widths compare equal).
 * Read from each engine's own catalogue, not from the app's list of tables, so a table the app forgets is seen.
 */
public final class TableDump {

    private TableDump() {
    }

    /** Table name → its rows, for every table but {@code schema_version}, sorted by name. */
    public static Map<String, List<List<String>>> of(Registry registry) {
        return of(registry, java.util.Set.of());
    }

    /** The same without the columns {@code "table.column"} named (values the wall clock wrote, which no two runs share). */
    public static Map<String, List<List<String>>> of(Registry registry, java.util.Set<String> without) {
        return registry.readHandle(handle -> {
            try (Statement statement = handle.getConnection().createStatement()) {
                boolean server = registry.location() instanceof Location.Server;
                Map<String, Columns> keyed = server ? serverTables(statement) : fileTables(statement);
                Map<String, List<List<String>>> dump = new TreeMap<>();
                for (Map.Entry<String, Columns> table : keyed.entrySet()) {
                    List<String> others = table.getValue().others().stream().filter(column -> !without.contains(table.getKey() + "." + column)).toList();
                    dump.put(table.getKey(), rows(statement, table.getKey(), table.getValue().key(), others));
                }
                return dump;
            } catch (SQLException failed) {
                throw new IllegalStateException(failed);
            }
        });
    }

    /**
     * Where two dumps first differ, as a sentence ("scorecards row 17: …"), or empty when they hold the same tables, rows and
     * values: an assertion message a person can read, where the whole dump would be megabytes.
     */
    public static String firstDifference(Map<String, List<List<String>>> expected, Map<String, List<List<String>>> actual) {
        if (!expected.keySet().equals(actual.keySet())) {
            return "the tables differ: " + expected.keySet() + " against " + actual.keySet();
        }
        for (String table : expected.keySet()) {
            List<List<String>> a = expected.get(table);
            List<List<String>> b = actual.get(table);
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    List<String> differing = new ArrayList<>();
                    for (int c = 0; c < Math.min(a.get(i).size(), b.get(i).size()); c++) {
                        if (!a.get(i).get(c).equals(b.get(i).get(c))) {
                            differing.add(a.get(i).get(c) + " against " + b.get(i).get(c));
                        }
                    }
                    return table + " row " + (i + 1) + " (" + a.get(i).getFirst() + "): " + (differing.isEmpty() ? a.get(i) + " against " + b.get(i)
                            : String.join("; ", differing));
                }
            }
            if (a.size() != b.size()) {
                return table + " holds " + a.size() + " rows against " + b.size();
            }
        }
        return "";
    }

    /** The rows of every table, counted. */
    public static Map<String, Integer> counts(Registry registry) {
        Map<String, Integer> counts = new TreeMap<>();
        of(registry).forEach((table, rows) -> counts.put(table, rows.size()));
        return counts;
    }

    /**
     * A table's primary key in the key's own order and its other columns. A key of several columns (audit_mentions'
     * {@code (seq, model_id)}) orders rows only when all of them are named: ordering by one left ties in whatever order
     * each engine read them.
     */
    private record Columns(List<String> key, List<String> others) {
        Columns() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    private static Map<String, Columns> fileTables(Statement statement) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        Map<String, Columns> tables = new LinkedHashMap<>();
        for (String name : names) {
            Columns columns = new Columns();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM pragma_table_info('" + name + "') WHERE pk > 0 ORDER BY pk")) {
                while (rows.next()) {
                    columns.key().add(rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT name FROM pragma_table_info('" + name + "') WHERE pk = 0")) {
                while (rows.next()) {
                    columns.others().add(rows.getString(1));
                }
            }
            tables.put(name, columns);
        }
        return tables;
    }

    private static Map<String, Columns> serverTables(Statement statement) throws SQLException {
        Map<String, Columns> tables = new LinkedHashMap<>();
        try (ResultSet rows = statement.executeQuery("""
                SELECT c.table_name, c.column_name,
                       (SELECT k.ordinal_position FROM information_schema.table_constraints t
                          JOIN information_schema.key_column_usage k
                            ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema
                         WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name
                           AND t.constraint_type = 'PRIMARY KEY' AND k.column_name = c.column_name) AS key_position
                  FROM information_schema.columns c
                 WHERE c.table_schema = 'steward' AND c.table_name NOT IN ('schema_version', 'write_lock')
                 ORDER BY c.table_name, key_position NULLS LAST, c.ordinal_position""")) {
            while (rows.next()) {
                Columns columns = tables.computeIfAbsent(rows.getString(1), t -> new Columns());
                rows.getInt(3);
                (rows.wasNull() ? columns.others() : columns.key()).add(rows.getString(2));
            }
        }
        return tables;
    }

    /**
     * The rows in the order of their key, compared here rather than by the engines: PostgreSQL orders text by its
     * database's collation (which may set punctuation aside), SQLite by its bytes. Numbers compare as numbers, text by
     * its characters.
     */
    private static List<List<String>> rows(Statement statement, String table, List<String> key, List<String> others) throws SQLException {
        List<String> sorted = new ArrayList<>(others);
        sorted.sort(null);
        sorted.addAll(0, key);
        int keyColumns = key.isEmpty() ? sorted.size() : key.size();
        List<Object[]> keys = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT " + String.join(", ", sorted) + " FROM " + table)) {
            while (result.next()) {
                List<String> row = new ArrayList<>();
                Object[] keyValues = new Object[keyColumns];
                for (int i = 1; i <= sorted.size(); i++) {
                    Object value = result.getObject(i);
                    if (i <= keyColumns) {
                        keyValues[i - 1] = value;
                    }
                    row.add(sorted.get(i - 1) + "=" + (value instanceof Integer || value instanceof Short ? Long.toString(((Number) value).longValue())
                            : String.valueOf(value)));
                }
                keys.add(keyValues);
                rows.add(row);
            }
        }
        Integer[] order = new Integer[rows.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> compareKeys(keys.get(x), keys.get(y)));
        return Arrays.stream(order).map(rows::get).toList();
    }

    private static int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c;
            if (a[i] == null || b[i] == null) {
                c = Boolean.compare(a[i] != null, b[i] != null);
            } else if (a[i] instanceof Number x && b[i] instanceof Number y) {
                c = Double.compare(x.doubleValue(), y.doubleValue()) != 0 ? Double.compare(x.doubleValue(), y.doubleValue())
                        : Long.compare(x.longValue(), y.longValue());
            } else {
                c = String.valueOf(a[i]).compareTo(String.valueOf(b[i]));
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}

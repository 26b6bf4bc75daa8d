package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.testsupport.TestRegistries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the engine, the audit trail, the outbox, the generators and the schema's own triggers finds its rows of a
 * large table through an index: {@code EXPLAIN QUERY PLAN} must not say {@code SCAN} for any of the tables that grow with
 * the registry, except for the few queries whose purpose is to read the whole table (listed below with the reason).
 *
 * <p>The SQL is not copied here: it is read from the main sources (the literal SQL argument of every Jdbi/JDBC call in
 * {@code registry} and {@code governance}, which {@code NoSqlConcatenationTest} keeps constant) and from the triggers
 * stored in a real registry's {@code sqlite_master}, so a new query or trigger is checked the day it is written.
 */
class QueryPlanTest {

    /** The tables whose size grows with versions, scorecards, history and drift. */
    static final Set<String> LARGE_TABLES = Set.of("model_registry", "scorecards", "audit_log", "audit_mentions", "model_drift",
            "drift_samples", "events", "approvals", "transition_requests");

    /** Queries that read a large table whole on purpose, by a fragment of their SQL, with the reason. */
    static final Map<String, String> WHOLE_TABLE_BY_DESIGN = Map.of(
            "FROM audit_log ORDER BY seq", "audit verify walks the whole hash chain in order (by primary key)",
            "FROM approvals a ORDER BY a.approval_id", "the signature audit checks every recorded decision",
            "FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id ORDER BY r.requested_at DESC",
            "the Approvals view's queue lists every request (paging it is the console's half of issue 9)",
            "staging.", "an import reads its whole staging file (attached as \"staging\", absent here) into the registry",
            "SELECT count(*) FROM model_registry", "the demo command reports how many versions it made",
            "SELECT model_id FROM model_registry", "an import checks each row's model_id against every registered version, read once",
            "code_commit FROM model_registry", "the Lineage search matches every version's hashes, read once per change of the file",
            "payload_json LIKE :needle", "a drift samples import looks its file's digest up among the import events once per "
                    + "import; events has no index on its type, and one is a schema change (ADR 0018, amendment)",
            "FROM audit_mentions ORDER BY seq", "audit verify checks every row of audit_mentions against the log it walks");

    /**
     * Queries that read a large table whole on purpose, by the END of their SQL (their keyed variants, the same text
     * followed by a WHERE, are checked): audit verify compares every governed row with the signed history, so it reads
     * each governed table whole by design.
     */
    static final Set<String> WHOLE_TABLE_BY_DESIGN_ENDING = Set.of("archived FROM model_registry", "kind FROM transition_requests",
            "signature FROM approvals", "payload_json FROM events");

    /** Checked by {@code CatalogQueryPlanTest}, from the catalog's own SQL constants (the console's queries). */
    static final Set<String> NOT_SCANNED = Set.of("SqlCatalog.java",
            // runs on an import's own staging file (its tables are not the registry's), read whole by design
            "SqliteScorecardStagingFile.java",
            // migrate: reads and counts every table whole, in key order, by design; its table names are defined per call
            "SqlCopyStore.java");

    private static final Pattern CALL = Pattern.compile(
            "(\\w+)\\s*\\.\\s*(createQuery|createUpdate|prepareBatch|executeUpdate|executeQuery|prepareStatement|execute)\\s*\\(");
    private static final Set<String> SQL_EXECUTORS = Set.of("handle", "h", "statement", "sql", "connection");
    private static final Pattern CONSTANT = Pattern.compile(
            "static\\s+final\\s+String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*(\"\"\"[\\s\\S]*?\"\"\"|\"(?:[^\"\\\\]|\\\\.)*\")\\s*;");
    private static final Pattern ALIAS = Pattern.compile("(?i)\\b(?:FROM|JOIN|UPDATE|INTO)\\s+(\\w+)(?:\\s+(?:AS\\s+)?(\\w+))?");
    private static final Set<String> KEYWORDS = Set.of("where", "join", "on", "order", "group", "left", "inner", "cross", "limit", "set",
            "using", "natural", "union", "values", "select", "default", "as", "having", "window", "and", "or");
    /** A full scan, or an automatic index (built from a full scan on every execution). */
    private static final Pattern SCAN = Pattern.compile("^(?:SCAN (\\w+)|SEARCH (\\w+) USING AUTOMATIC)");

    @TempDir
    Path dir;

    /** One query found in the sources: where it is and its SQL. */
    record Query(String where, String sql) {
    }

    @Test
    void theEnginesAndAuditsQueriesUseAnIndexOnEveryLargeTable() throws Exception {
        List<Query> queries = sourceQueries();
        assertTrue(queries.size() > 60, "found only " + queries.size() + " queries in the sources; is the scan still looking in the right place?");
        List<String> scans = new ArrayList<>();
        try (Registry registry = TestRegistries.demo(dir)) {
            registry.readHandle(handle -> {
                for (Query query : queries) {
                    if (WHOLE_TABLE_BY_DESIGN.keySet().stream().anyMatch(fragment -> normalized(query.sql()).contains(fragment))
                            || WHOLE_TABLE_BY_DESIGN_ENDING.stream().anyMatch(ending -> normalized(query.sql()).endsWith(ending))) {
                        continue;
                    }
                    largeTableScans(handle.getConnection(), query.sql()).forEach(scan -> scans.add(query.where() + ": " + scan
                            + "\n    " + normalized(query.sql())));
                }
                return null;
            });
        }
        assertEquals("", String.join("\n", scans), "queries that scan a large table instead of using an index");
    }

    @Test
    void theSchemasTriggersUseAnIndexOnEveryLargeTable() {
        List<String> scans = new ArrayList<>();
        int checked = 0;
        try (Registry registry = TestRegistries.demo(dir)) {
            List<Map<String, Object>> triggers = registry.readHandle(handle -> handle.createQuery(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").mapToMap().list());
            assertTrue(triggers.size() >= 20, "the schema's triggers were not found: " + triggers.size());
            for (Map<String, Object> trigger : triggers) {
                for (String statement : triggerStatements((String) trigger.get("sql"))) {
                    checked++;
                    registry.readHandle(handle -> {
                        largeTableScans(handle.getConnection(), statement).forEach(scan -> scans.add("trigger " + trigger.get("name")
                                + ": " + scan + "\n    " + statement));
                        return null;
                    });
                }
            }
        }
        assertTrue(checked > 30, "only " + checked + " trigger statements were checked");
        assertEquals("", String.join("\n", scans), "trigger queries that scan a large table instead of using an index");
    }

    @Test
    void aQueryWithoutAnIndexForItsFilterIsReported() {
        try (Registry registry = TestRegistries.demo(dir)) {
            List<String> scans = registry.readHandle(handle -> largeTableScans(handle.getConnection(),
                    "SELECT a.seq FROM audit_log a JOIN principals p ON p.user_name = a.actor WHERE a.actor = :who"));
            assertEquals(List.of("SCAN a (audit_log)"), scans);
            List<String> none = registry.readHandle(handle -> largeTableScans(handle.getConnection(),
                    "SELECT * FROM audit_log WHERE entity = :e ORDER BY seq"));
            assertEquals(List.of(), none, "an indexed filter is not a scan");
        }
        List<String> trigger = triggerStatements("""
                CREATE TRIGGER t BEFORE UPDATE OF state ON model_registry
                WHEN NEW.state = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.request_id = NEW.model_id)
                BEGIN
                    SELECT RAISE(ABORT, 'E_X: no; really not') WHERE OLD.archived = 1;
                    UPDATE events SET published_at = NEW.updated_at WHERE event_type = OLD.model_id;
                END""");
        assertEquals(List.of("SELECT 1 WHERE ? = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.request_id = ?)",
                "SELECT NULL WHERE ? = 1", "UPDATE events SET published_at = ? WHERE event_type = ?"), trigger);
        assertFalse(sourceQueries(Path.of("src", "main", "java", "com", "modelsteward", "registry", "sql", "SqlAuditStore.java")).isEmpty());
    }

    /** "SCAN alias (table)" for every full scan of a large table in the plan of {@code sql}. */
    static List<String> largeTableScans(Connection connection, String sql) {
        Map<String, String> tables = aliases(sql);
        List<String> scans = new ArrayList<>();
        try (PreparedStatement plan = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql);
             ResultSet rows = plan.executeQuery()) {
            while (rows.next()) {
                Matcher scan = SCAN.matcher(rows.getString("detail"));
                if (scan.find()) {
                    String name = scan.group(1) != null ? scan.group(1) : scan.group(2);
                    String table = tables.getOrDefault(name.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
                    if (LARGE_TABLES.contains(table)) {
                        scans.add(name.equals(table) ? "SCAN " + table : "SCAN " + name + " (" + table + ")");
                    }
                }
            }
        } catch (SQLException failed) {
            throw new AssertionError("EXPLAIN QUERY PLAN failed for: " + sql + ": " + failed.getMessage(), failed);
        }
        return scans;
    }

    /** alias or table name (lower case) → table name, from the FROM/JOIN/UPDATE/INTO clauses. */
    private static Map<String, String> aliases(String sql) {
        Map<String, String> names = new HashMap<>();
        Matcher from = ALIAS.matcher(sql);
        while (from.find()) {
            String table = from.group(1).toLowerCase(Locale.ROOT);
            names.put(table, table);
            String alias = from.group(2);
            if (alias != null && !KEYWORDS.contains(alias.toLowerCase(Locale.ROOT))) {
                names.put(alias.toLowerCase(Locale.ROOT), table);
            }
        }
        return names;
    }

    /**
     * The statements a trigger runs, as plain SQL: its WHEN condition as {@code SELECT 1 WHERE …} and each statement of its
     * body, with {@code NEW.x}/{@code OLD.x} as parameters and {@code RAISE(…)} as NULL (both only mean something inside a
     * trigger; the plan does not depend on them).
     */
    static List<String> triggerStatements(String createTrigger) {
        String sql = createTrigger.replaceAll("(?i)RAISE\\s*\\(\\s*ABORT\\s*,\\s*'(?:[^']|'')*'\\s*\\)", "NULL")
                .replaceAll("\\b(?:NEW|OLD)\\.\\w+", "?");
        Matcher parts = Pattern.compile("(?is)\\bON\\s+\\w+\\s+(?:FOR\\s+EACH\\s+ROW\\s+)?(?:WHEN\\s+(.*?)\\s+)?BEGIN\\s+(.*)\\bEND\\s*$")
                .matcher(sql);
        if (!parts.find()) {
            throw new AssertionError("not a trigger this test understands: " + createTrigger);
        }
        List<String> statements = new ArrayList<>();
        if (parts.group(1) != null) {
            statements.add(normalized("SELECT 1 WHERE " + parts.group(1)));
        }
        for (String statement : parts.group(2).split(";")) {
            if (!statement.isBlank()) {
                statements.add(normalized(statement));
            }
        }
        return statements;
    }

    static List<Query> sourceQueries() throws IOException {
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java", "com", "modelsteward"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                // PostgreSQL's own statements (catalog look-ups, locks) run on the server; its plans are its own business.
                if (!NOT_SCANNED.contains(file.getFileName().toString()) && !file.toString().contains("registry/postgresql")) {
                    queries.addAll(sourceQueries(file));
                }
            }
        }
        return queries;
    }

    /** The SQL of every call in one source file whose SQL argument is literals and same-file constants (PRAGMA and DDL left out). */
    static List<Query> sourceQueries(Path file) {
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
        Map<String, String> constants = new HashMap<>();
        Matcher constant = CONSTANT.matcher(source);
        while (constant.find()) {
            constants.put(constant.group(1), literal(constant.group(2)));
        }
        List<Query> queries = new ArrayList<>();
        Matcher call = CALL.matcher(source);
        while (call.find()) {
            if (call.group(2).equals("execute") && !SQL_EXECUTORS.contains(call.group(1))) {
                continue;
            }
            String sql = sqlArgument(source, call.end(), constants);
            if (sql == null) {
                continue;
            }
            // A Jdbi list (IN (<ids>)) is planned as a list of one: an index serves IN (?) as it serves IN (?, ?, …).
            sql = sql.replaceAll("<\\w+>", "?");
            String verb = sql.strip().split("\\s+")[0].toUpperCase(Locale.ROOT);
            if (Set.of("SELECT", "UPDATE", "DELETE", "INSERT", "WITH").contains(verb)) {
                int line = (int) source.substring(0, call.start()).chars().filter(c -> c == '\n').count() + 1;
                queries.add(new Query(file.getFileName() + ":" + line, sql));
            }
        }
        return queries;
    }

    /** The SQL of a call's first argument when it is literals joined by + to same-file constants; null otherwise. */
    private static String sqlArgument(String source, int from, Map<String, String> constants) {
        StringBuilder sql = new StringBuilder();
        int i = from;
        while (true) {
            while (Character.isWhitespace(source.charAt(i))) {
                i++;
            }
            if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3) + 3;
                sql.append(literal(source.substring(i, end)));
                i = end;
            } else if (source.charAt(i) == '"') {
                int end = i + 1;
                while (source.charAt(end) != '"') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                sql.append(literal(source.substring(i, end + 1)));
                i = end + 1;
            } else {
                Matcher name = Pattern.compile("(?:\\w+\\.)?([A-Z][A-Z0-9_]*)\\b").matcher(source).region(i, source.length());
                if (!name.lookingAt() || !constants.containsKey(name.group(1))) {
                    return null;
                }
                sql.append(constants.get(name.group(1)));
                i = name.end();
            }
            while (Character.isWhitespace(source.charAt(i))) {
                i++;
            }
            if (source.charAt(i) != '+') {
                return source.charAt(i) == ',' || source.charAt(i) == ')' ? sql.toString() : null;
            }
            i++;
        }
    }

    /** The value of a Java string literal or text block (the escapes SQL uses). */
    private static String literal(String java) {
        String body = java.startsWith("\"\"\"") ? java.substring(java.indexOf('\n') + 1, java.length() - 3) : java.substring(1, java.length() - 1);
        return body.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
    }

    private static String normalized(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }
}

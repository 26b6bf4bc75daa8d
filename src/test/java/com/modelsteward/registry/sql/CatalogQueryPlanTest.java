package com.modelsteward.registry.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code EXPLAIN QUERY PLAN} of every query {@link ModelCatalog} runs, taken from its SQL constants (not copies): none may
 * scan a table that grows with the registry without an index. A scan in key order that stops at a LIMIT is allowed (the
 * newest audit entries, the newest events); so is reading every row through an index when every row is wanted.
 */
class CatalogQueryPlanTest {

    /** Tables whose size grows with versions, scorecards and history: 100 000 versions make millions of rows here. */
    static final Set<String> LARGE_TABLES = Set.of("model_registry", "scorecards", "model_drift", "drift_samples", "audit_log", "events");
    private static final Pattern FROM_OR_JOIN = Pattern.compile("\\b(?:FROM|JOIN)\\s+(\\w+)(?:\\s+(?:AS\\s+)?(\\w+))?", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_ALIASES = Set.of("where", "order", "group", "join", "on", "limit", "left", "inner", "cross");

    @TempDir
    Path dir;
    private Registry registry;

    @BeforeEach
    void open() {
        registry = TestRegistries.demo(dir);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void noCatalogQueryScansALargeTableWithoutAnIndex() throws Exception {
        Map<String, String> queries = catalogQueries();
        assertFalse(queries.isEmpty());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            if (!WHOLE_TABLE_BY_DESIGN.containsKey(query.getKey())) {
                problems.addAll(problems(query.getKey(), query.getValue(), plan(query.getValue())));
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Catalog queries that read a large table whole on purpose, with the reason. */
    static final Map<String, String> WHOLE_TABLE_BY_DESIGN = Map.of(
            "AUDIT_ACTORS_SQL", "the Audit view's Actor filter offers every actor of the whole trail: one pass per load, in the background");

    /** Every exception is a query the catalog still has, and one the check would otherwise report. */
    @Test
    void theExceptionsAreRealScans() throws Exception {
        Map<String, String> queries = catalogQueries();
        for (String name : WHOLE_TABLE_BY_DESIGN.keySet()) {
            assertTrue(queries.containsKey(name), name + " is no longer a catalog query");
            assertFalse(problems(name, queries.get(name), plan(queries.get(name))).isEmpty(), name + " no longer scans: drop its exception");
        }
    }

    /** A query written inline in a method would escape the plan check: every createQuery takes a checked constant. */
    @Test
    void everyCatalogQueryIsAConstantThisTestChecks() throws Exception {
        String source = Files.readString(Path.of("src/main/java/com/modelsteward/registry/sql/SqlCatalog.java"));
        Matcher call = Pattern.compile("createQuery\\(([^)]*)\\)").matcher(source);
        Set<String> checked = catalogQueries().keySet();
        int calls = 0;
        while (call.find()) {
            calls++;
            // A constant handed through the store's Dialect (which only renames or picks a function per engine) is still it.
            String query = call.group(1).strip().replaceFirst("^dialect\\.\\w+\\(", "");
            assertTrue(checked.contains(query), "SqlCatalog runs SQL that is not a *_SQL constant: " + call.group());
        }
        assertTrue(calls >= checked.size(), calls + " queries run, " + checked.size() + " constants");
    }

    @Test
    void theVersionsListIsReadInIndexOrderWithoutSortingEveryRow() {
        for (String sql : List.of(SqlCatalog.VERSIONS_SQL, SqlCatalog.VERSIONS_PAGE_SQL)) {
            List<String> plan = plan(sql);
            assertTrue(plan.stream().anyMatch(step -> step.contains("model_registry_created")), sql + ": " + plan);
            assertFalse(plan.stream().anyMatch(step -> step.contains("TEMP B-TREE")), sql + ": " + plan);
        }
    }

    @Test
    void theLatestDriftIsGroupedOverTheCoveringIndex() {
        for (String sql : List.of(SqlCatalog.LATEST_DRIFT_SQL, SqlCatalog.DRIFT_ALERT_COUNT_SQL)) {
            List<String> plan = plan(sql);
            assertTrue(plan.stream().anyMatch(step -> step.contains("COVERING INDEX model_drift_latest")), sql + ": " + plan);
        }
    }

    /** The inbox's severe drift seeks each live version's latest results; it never reads every drift row. */
    @Test
    void theSevereLiveDriftSeeksTheLatestResultsInsteadOfGroupingEveryRow() {
        List<String> plan = plan(SqlCatalog.SEVERE_LIVE_DRIFT_SQL);
        assertTrue(plan.stream().anyMatch(step -> step.contains("model_drift_latest (model_id=? AND feature=? AND drift_kind<?)")), plan.toString());
        assertTrue(plan.stream().anyMatch(step -> step.contains("model_drift_latest (model_id=? AND feature<?)")), plan.toString());
        assertFalse(plan.stream().anyMatch(step -> step.contains("GROUP BY") || step.matches("SCAN (x|d|c)\\b.*")), plan.toString());
    }

    /**
     * The seeking query gives what grouping every row gives: random results (features, all four kinds, severities) added
     * in rounds to the demo's live and other versions, in random order, so that the latest of a (feature, kind) changes.
     */
    @Test
    void theSevereLiveDriftIsTheLatestSevereResultOfEachLiveVersionsFeatureAndKind() {
        String grouped = "SELECT d.drift_id FROM" + " (SELECT max(drift_id) AS drift_id FROM model_drift GROUP BY model_id, feature, drift_kind) latest "
                + "JOIN model_drift d ON d.drift_id = latest.drift_id JOIN model_registry m ON m.model_id = d.model_id "
                + "WHERE d.severity = 'SEVERE' AND m.state = 'ACTIVE' ORDER BY d.model_id, d.psi DESC, d.feature, d.drift_kind";
        List<String> versions = registry.readHandle(h -> h.createQuery("SELECT model_id FROM model_registry ORDER BY model_id").mapTo(String.class).list());
        java.util.Random random = new java.util.Random(23);
        String[] kinds = {"FEATURE", "PREDICTION", "PERFORMANCE", "LLM"};
        String[] severities = {"SEVERE", "MODERATE", "NORMAL"};
        for (int round = 0; round < 6; round++) {
            registry.writeHandle(h -> {
                var insert = h.prepareBatch("INSERT INTO model_drift (model_id, feature, drift_kind, psi, severity, computed_at) "
                        + "VALUES (?, ?, ?, ?, ?, '2026-10-31T00:00:00.000Z')");
                for (int i = 0; i < 400; i++) {
                    insert.add(versions.get(random.nextInt(versions.size())), "f" + random.nextInt(6), kinds[random.nextInt(kinds.length)],
                            random.nextInt(100) / 100.0, severities[random.nextInt(severities.length)]);
                }
                insert.execute();
                return null;
            });
            List<Long> expected = registry.readHandle(h -> h.createQuery(grouped).mapTo(Long.class).list());
            List<Long> seeking = registry.read(store -> store.catalog().severeLiveDrift("ACTIVE")).stream()
                    .map(com.modelsteward.registry.DriftResultRow::driftId).toList();
            assertFalse(expected.isEmpty());
            assertEquals(expected, seeking, "round " + round);
        }
    }

    /** The check itself must catch what it is for. */
    @Test
    void theCheckReportsAScanOfALargeTable() {
        String unindexed = "SELECT * FROM model_drift d WHERE d.severity = 'SEVERE'";
        List<String> found = problems("UNINDEXED", unindexed, plan(unindexed));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.getFirst().contains("model_drift"), found.getFirst());
        String unlimited = "SELECT * FROM audit_log ORDER BY actor";
        assertEquals(1, problems("UNLIMITED", unlimited, plan(unlimited)).size());
        assertEquals(List.of(), problems("INDEXED", SqlCatalog.VERSION_SQL, plan(SqlCatalog.VERSION_SQL)));
    }

    static Map<String, String> catalogQueries() throws IllegalAccessException {
        Map<String, String> queries = new TreeMap<>();
        for (Field field : SqlCatalog.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class && field.getName().endsWith("_SQL")) {
                field.setAccessible(true);
                queries.put(field.getName(), (String) field.get(null));
            }
        }
        return queries;
    }

    /** The plan's steps; named parameters stay unbound (NULL), which does not change the plan's access paths. */
    private List<String> plan(String sql) {
        return registry.readHandle(handle -> {
            List<String> steps = new ArrayList<>();
            try (Statement statement = handle.getConnection().createStatement();
                    ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            } catch (SQLException failed) {
                throw new IllegalStateException(sql + ": " + failed.getMessage(), failed);
            }
            return steps;
        });
    }

    static List<String> problems(String name, String sql, List<String> plan) {
        Map<String, String> tableOf = new HashMap<>();
        Matcher from = FROM_OR_JOIN.matcher(sql);
        while (from.find()) {
            String table = from.group(1).toLowerCase(Locale.ROOT);
            tableOf.put(table, table);
            if (from.group(2) != null && !NOT_ALIASES.contains(from.group(2).toLowerCase(Locale.ROOT))) {
                tableOf.put(from.group(2).toLowerCase(Locale.ROOT), table);
            }
        }
        boolean stopsAtLimit = sql.toUpperCase(Locale.ROOT).contains("LIMIT") && plan.stream().noneMatch(step -> step.contains("TEMP B-TREE"));
        List<String> problems = new ArrayList<>();
        for (String step : plan) {
            Matcher scan = Pattern.compile("^SCAN (\\w+)").matcher(step);
            if (scan.find()) {
                String table = tableOf.getOrDefault(scan.group(1).toLowerCase(Locale.ROOT), scan.group(1).toLowerCase(Locale.ROOT));
                if (LARGE_TABLES.contains(table) && !step.contains("INDEX") && !stopsAtLimit) {
                    problems.add(name + " scans " + table + " without an index: " + step + " in " + plan);
                }
            }
        }
        return problems;
    }
}

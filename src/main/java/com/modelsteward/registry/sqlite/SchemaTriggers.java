package com.modelsteward.registry.sqlite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * The triggers the migrations create, compared with those in the file: a trigger dropped, altered or added behind the
 * app's back is how a writer with file access disarms the registry, and SQLite cannot refuse it ({@code DROP TRIGGER} is
 * one statement). {@code audit verify} reports each difference.
 */
public final class SchemaTriggers {

    private static final Pattern CREATE = Pattern.compile("(?ims)^CREATE TRIGGER\\s+(\\w+).*?^END;");
    private static final Pattern DROP = Pattern.compile("(?im)^DROP TRIGGER\\s+(?:IF EXISTS\\s+)?(\\w+)\\s*;");

    private SchemaTriggers() {
    }

    /** The triggers the latest schema has, by name, with their normalised text. */
    static Map<String, String> expected() {
        Map<String, String> triggers = new LinkedHashMap<>();
        for (Migrations.Migration migration : Migrations.all()) {
            String sql = migration.sql();
            // Drops and creates apply in file order.
            List<Object[]> steps = new ArrayList<>();
            Matcher create = CREATE.matcher(sql);
            while (create.find()) {
                steps.add(new Object[] {create.start(), create.group(1), normalise(create.group())});
            }
            Matcher drop = DROP.matcher(sql);
            while (drop.find()) {
                steps.add(new Object[] {drop.start(), drop.group(1), null});
            }
            steps.sort((a, b) -> Integer.compare((Integer) a[0], (Integer) b[0]));
            for (Object[] step : steps) {
                if (step[2] == null) {
                    triggers.remove((String) step[1]);
                } else {
                    triggers.put((String) step[1], (String) step[2]);
                }
            }
        }
        return triggers;
    }

    /**
     * One sentence per trigger that is missing, altered or unknown; empty when the file's triggers are the schema's, and
     * for a file of a newer schema than this app's, whose triggers are the newer app's: a rule it added is not an attack.
     */
    public static List<String> problems(Handle handle) {
        if (handle.createQuery("SELECT coalesce(max(version), 0) FROM schema_version").mapTo(Integer.class).one() > Migrations.latest()) {
            return List.of();
        }
        Map<String, String> expected = expected();
        Map<String, String> actual = new LinkedHashMap<>();
        handle.createQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
                .map((rows, ctx) -> actual.put(rows.getString(1), normalise(rows.getString(2)))).list();
        List<String> problems = new ArrayList<>();
        expected.forEach((name, sql) -> {
            if (!actual.containsKey(name)) {
                problems.add("trigger " + name + " is missing: it was dropped behind the app's back, so the rule it enforces was off");
            } else if (!actual.get(name).equals(sql)) {
                problems.add("trigger " + name + " differs from the schema's: it was dropped and recreated with other text");
            }
        });
        actual.keySet().stream().filter(name -> !expected.containsKey(name))
                .forEach(name -> problems.add("trigger " + name + " is not part of the schema: it was added behind the app's back"));
        return problems;
    }

    private static String normalise(String sql) {
        return sql == null ? "" : sql.replaceAll("--[^\\n]*", "").replaceAll("\\s+", " ").strip().replaceAll(";$", "");
    }
}

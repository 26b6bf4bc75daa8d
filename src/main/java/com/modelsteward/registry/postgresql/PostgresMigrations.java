package com.modelsteward.registry.postgresql;

import com.modelsteward.registry.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * PostgreSQL's schema: {@code db/migration/postgresql/roles.sql} (the registry's group roles, cluster-wide, made once)
 * and one script per schema version from 8 on, {@code V008.sql} being the whole schema as SQLite's V001–V008 left it
 * (there were no PostgreSQL registries before). Each runs in the transaction that records its {@code schema_version}
 * row, as the superuser or a member of {@code steward_owner} (docs/deployment.md).
 */
public final class PostgresMigrations implements Engine.SchemaMigrations {

    /** The first schema version a PostgreSQL registry has. */
    static final int BASELINE = 8;
    static final String ROLES = "/db/migration/postgresql/roles.sql";
    /** The registry's group roles; a cluster that has them all needs no roles.sql. */
    static final List<String> GROUPS = List.of("steward_owner", "steward_console", "steward_analyst", "steward_risk_officer",
            "steward_admin", "steward_pipeline", "steward_auditor");

    private static final Pattern TRIGGER = Pattern.compile("(?i)CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:CONSTRAINT\\s+)?TRIGGER\\s+(\\w+)");

    record Script(int version, String description, String sql) {
    }

    private static final List<Script> SCRIPTS = discover();

    @Override
    public int latest() {
        return SCRIPTS.getLast().version();
    }

    @Override
    public int current(Handle handle) {
        boolean exists = handle.createQuery("SELECT to_regclass('steward.schema_version') IS NOT NULL").mapTo(Boolean.class).one();
        return exists ? handle.createQuery("SELECT coalesce(max(version), 0) FROM steward.schema_version").mapTo(Integer.class).one() : 0;
    }

    @Override
    public void applyAfter(Handle handle, int current) {
        if (current == 0 && !hasGroups(handle)) {
            execute(handle, new Script(0, "roles.sql", resource(ROLES)));
        }
        for (Script script : SCRIPTS) {
            if (script.version() > current) {
                execute(handle, script);
                handle.createUpdate("INSERT INTO steward.schema_version (version, description) VALUES (:v, :d)")
                        .bind("v", script.version()).bind("d", script.description()).execute();
            }
        }
    }

    /** Everything {@link #applyAfter}(0) runs, as one script a DBA can read and run by hand ({@code init --print-sql}). */
    public static String fullScript() {
        StringBuilder sql = new StringBuilder();
        sql.append("-- Model Steward registry on PostgreSQL, schema version ").append(SCRIPTS.getLast().version()).append('\n');
        sql.append("-- Run as a superuser (or a member of steward_owner with CREATE on the database), in the registry's database.\n");
        sql.append("BEGIN;\n\n").append(resource(ROLES).strip()).append("\n\n");
        for (Script script : SCRIPTS) {
            sql.append(script.sql().strip()).append("\n\n");
            sql.append("INSERT INTO steward.schema_version (version, description) VALUES (").append(script.version()).append(", '")
                    .append(script.description().replace("'", "''")).append("');\n\n");
        }
        return sql.append("COMMIT;\n").toString();
    }

    /** The names of every trigger the latest schema defines. */
    static List<String> triggerNames() {
        List<String> names = new ArrayList<>();
        for (Script script : SCRIPTS) {
            Matcher trigger = TRIGGER.matcher(script.sql());
            while (trigger.find()) {
                names.add(trigger.group(1));
            }
        }
        return names;
    }

    static boolean hasGroups(Handle handle) {
        return handle.createQuery("SELECT count(*) FROM pg_roles WHERE rolname IN (<groups>)").bindList("groups", GROUPS)
                .mapTo(Integer.class).one() == GROUPS.size();
    }

    private static void execute(Handle handle, Script migration) {
        try (Statement statement = handle.getConnection().createStatement()) {
            statement.execute(migration.sql());
        } catch (SQLException failed) {
            throw new IllegalStateException((migration.version() == 0 ? migration.description() : "V%03d".formatted(migration.version()))
                    + " failed: " + failed.getMessage(), failed);
        }
    }

    private static List<Script> discover() {
        List<Script> found = new ArrayList<>();
        for (int version = BASELINE; ; version++) {
            String name = "/db/migration/postgresql/V%03d.sql".formatted(version);
            if (PostgresMigrations.class.getResource(name) == null) {
                if (found.isEmpty()) {
                    throw new IllegalStateException("the PostgreSQL schema " + name + " is missing from the app");
                }
                return List.copyOf(found);
            }
            String sql = resource(name);
            String firstLine = sql.lines().findFirst().orElse("").replaceFirst("^--\\s*", "").strip();
            found.add(new Script(version, firstLine, sql));
        }
    }

    private static String resource(String name) {
        try (InputStream in = PostgresMigrations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the app");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + name, unreadable);
        }
    }
}

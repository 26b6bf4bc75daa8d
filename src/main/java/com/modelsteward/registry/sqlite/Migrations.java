package com.modelsteward.registry.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * SQLite's forward-only schema migrations: {@code V001.sql}, {@code V002.sql}, … on the class path, applied in order, each
 * in the same transaction as its {@code schema_version} row. The first line of each script (a comment) is its description.
 * Adding a migration is adding the next numbered file. Each version is looked up first in {@code db/migration/common/}
 * (statements every engine runs as written) and then in {@code db/migration/sqlite/}; today every script is in the SQLite
 * folder, because the triggers, the column types and the partial indexes are all written in SQLite's dialect.
 */
public final class Migrations {

    public record Migration(int version, String description, String sql) {
    }

    private static final List<Migration> ALL = discover();

    private Migrations() {
    }

    public static List<Migration> all() {
        return ALL;
    }

    /** The schema version this build of the app writes. */
    public static int latest() {
        return ALL.isEmpty() ? 0 : ALL.getLast().version();
    }

    /** Applies every migration above {@code current} inside the caller's transaction. */
    public static void applyAfter(Handle handle, int current) {
        for (Migration migration : ALL) {
            if (migration.version() > current) {
                try {
                    handle.getConnection().createStatement().executeUpdate(migration.sql());
                } catch (java.sql.SQLException failed) {
                    throw new IllegalStateException("migration V" + migration.version() + " failed: " + failed.getMessage(), failed);
                }
                handle.createUpdate("INSERT INTO schema_version (version, description) VALUES (:v, :d)")
                        .bind("v", migration.version())
                        .bind("d", migration.description())
                        .execute();
            }
        }
    }

    private static List<Migration> discover() {
        List<Migration> found = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = "/db/migration/common/V%03d.sql".formatted(version);
            if (Migrations.class.getResource(resource) == null) {
                resource = "/db/migration/sqlite/V%03d.sql".formatted(version);
            }
            try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return List.copyOf(found);
                }
                String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String firstLine = sql.lines().findFirst().orElse("").replaceFirst("^--\\s*", "").strip();
                found.add(new Migration(version, firstLine, sql));
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read " + resource, unreadable);
            }
        }
    }
}

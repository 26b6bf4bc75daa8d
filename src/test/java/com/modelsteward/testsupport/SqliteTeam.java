package com.modelsteward.testsupport;

import com.modelsteward.registry.Registry;
import java.nio.file.Path;

/** A team sharing one registry file; each person is the OS account name the test passes. */
public final class SqliteTeam implements Team {

    private final Registry registry;

    public SqliteTeam(Path folder) {
        this.registry = Registry.create(folder.resolve("team.db"));
    }

    @Override
    public String engine() {
        return "SQLite";
    }

    @Override
    public Registry as(String user) {
        return registry;
    }

    @Override
    public Registry owner() {
        return registry;
    }

    @Override
    public void close() {
        registry.close();
    }
}

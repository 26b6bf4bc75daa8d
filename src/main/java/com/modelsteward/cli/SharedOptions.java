package com.modelsteward.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --db} and {@code --json}, which every command takes: a picocli mixin. */
public final class SharedOptions {

    @Option(names = "--db", paramLabel = "PATH", order = 100,
            description = "the registry: a file, or a server postgresql://[user@]host[:port]/database (default: the per-user demo registry)")
    private String db;

    @Option(names = "--json", order = 101, description = "print the result as JSON (snake_case fields) instead of text")
    private boolean json;

    /** What --db names, empty when it is not given. */
    public Optional<String> db() {
        return Optional.ofNullable(db);
    }

    public boolean json() {
        return json;
    }
}

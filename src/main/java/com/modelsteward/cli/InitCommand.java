package com.modelsteward.cli;

import com.modelsteward.registry.Registry;
import java.util.Map;
import java.util.Set;

/** {@code init --db PATH}: creates an empty registry; the user who runs it becomes its first ADMIN. */
final class InitCommand implements Command {

    @Override
    public String name() {
        return "init";
    }

    @Override
    public String summary() {
        return "create an empty registry; you become its first ADMIN";
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(Set.of());
        try (Registry registry = Registry.create(args.requiredPath("db"))) {
            registry.write(handle -> handle.createUpdate(
                            "INSERT INTO principals (user_name, display_name, roles, created_by) VALUES (:u, :u, 'ADMIN', :u)")
                    .bind("u", context.user()).execute());
            if (args.flag("json")) {
                context.printJson(Map.of("db", registry.file().toString(), "admin", context.user(), "schema_version", registry.schemaVersion()));
            } else {
                context.out().println("Created registry " + registry.file() + " (schema version " + registry.schemaVersion()
                        + "); " + context.user() + " is its first ADMIN");
            }
        }
        return 0;
    }
}

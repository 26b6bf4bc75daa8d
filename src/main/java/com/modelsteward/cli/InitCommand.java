package com.modelsteward.cli;

import com.modelsteward.registry.Registry;
import com.modelsteward.trust.Enrolment;
import com.modelsteward.trust.Keys;
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
            Enrolment.Result root = Enrolment.initialAdmin(registry, context.clock(), context.user(), Keys.directory());
            if (args.flag("json")) {
                context.printJson(Map.of("db", registry.file().toString(), "admin", context.user(), "schema_version", registry.schemaVersion(),
                        "root_key", root.fingerprint()));
            } else {
                context.out().println("Created registry " + registry.file() + " (schema version " + registry.schemaVersion()
                        + "); " + context.user() + " is its first ADMIN");
                context.out().println("Its root key is " + root.fingerprint() + (root.createdPrivateKey() ? " (new private key: "
                        + root.privateKeyFile() + ")" : " (your existing key)") + "; give this fingerprint to every user out of band.");
            }
        }
        return 0;
    }
}

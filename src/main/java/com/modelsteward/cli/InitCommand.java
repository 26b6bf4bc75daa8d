package com.modelsteward.cli;

import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.trust.Enrolment;
import com.modelsteward.trust.Keys;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code init --db FILE|postgresql://…}: creates an empty registry; the user who runs it (on a server, the login) becomes its
 * first ADMIN. {@code init --print-sql} prints what it runs on a server, for a DBA; {@code init --schema-only} makes the
 * schema without an ADMIN, for {@code migrate} to fill with a registry's own principals and root key.
 */
@Command(name = "init", mixinStandardHelpOptions = true, description = "create an empty registry; you become its first ADMIN")
final class InitCommand implements CliCommand {

    @Option(names = "--print-sql", description = "print what init runs on a PostgreSQL server, for a DBA; connects to nothing")
    private boolean printSql;

    @Option(names = "--schema-only", description = "make a server registry's schema without an ADMIN, for `migrate` to fill")
    private boolean schemaOnly;

    @Mixin
    private SharedOptions shared;

    @Override
    public int run(CliContext context) {
        if (printSql) {
            // What init runs on a server, for a DBA who runs it by hand (docs/deployment.md); nothing is connected to.
            context.out().print(Registry.serverSetupSql());
            return 0;
        }
        if (shared.db().filter(db -> !db.isBlank()).isEmpty()) {
            throw new CliException("E_USAGE", "--db is required");
        }
        if (schemaOnly && !(context.registryLocation(shared) instanceof Location.Server)) {
            throw new CliException("E_USAGE", "--schema-only makes a server registry for `migrate` to fill; a registry file is copied as a file");
        }
        if (schemaOnly) {
            try (Registry registry = context.withRegistryLocation(shared, Registry::create)) {
                if (shared.json()) {
                    context.printJson(Map.of("db", registry.location().toString(), "schema_version", registry.schemaVersion()));
                } else {
                    context.out().println("Created registry " + registry.location() + " (schema version " + registry.schemaVersion()
                            + ") with no principal: fill it with `migrate --from FILE --to " + registry.location() + "`");
                }
                return 0;
            }
        }
        try (Registry registry = context.withRegistryLocation(shared, InitCommand::createOrAdopt)) {
            String admin = registry.actingUser(context.user());
            Enrolment.Result root = Enrolment.initialAdmin(registry, context.clock(), admin, Keys.directory());
            if (shared.json()) {
                context.printJson(Map.of("db", registry.location().toString(), "admin", admin, "schema_version", registry.schemaVersion(),
                        "root_key", root.fingerprint()));
            } else {
                context.out().println("Created registry " + registry.location() + " (schema version " + registry.schemaVersion()
                        + "); " + admin + " is its first ADMIN");
                context.out().println("Its root key is " + root.fingerprint() + (root.createdPrivateKey() ? " (new private key: "
                        + root.privateKeyFile() + ")" : " (your existing key)") + "; give this fingerprint to every user out of band.");
            }
        }
        return 0;
    }

    /**
     * Creates the registry; on a server whose schema a DBA already made by hand ({@code init --print-sql}) and that has
     * no principal yet, the person running {@code init} becomes its first ADMIN instead (their login must be in
     * steward_admin, which the server checks).
     */
    private static Registry createOrAdopt(Location location) {
        try {
            return Registry.create(location);
        } catch (RegistryException exists) {
            if (!(location instanceof Location.Server) || !"E_REGISTRY_EXISTS".equals(exists.code())) {
                throw exists;
            }
            Registry registry = Registry.open(location);
            if (registry.read(store -> store.principals().rolesByName().isEmpty())) {
                return registry;
            }
            registry.close();
            throw new RegistryException("E_REGISTRY_EXISTS", location + " already holds a registry with principals; nothing was changed");
        }
    }
}

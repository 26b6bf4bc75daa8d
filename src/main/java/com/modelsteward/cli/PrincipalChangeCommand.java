package com.modelsteward.cli;

import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Role;
import com.modelsteward.governance.RuleChanges;
import com.modelsteward.registry.Registry;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code principal add|revoke --user U --role ROLE}, {@code principal deactivate|activate --user U} (ADMIN): each a rule
 * change that a second ADMIN approves ({@code rules approve}), applied at once only while the registry has one ADMIN.
 */
abstract class PrincipalChangeCommand implements CliCommand {

    enum Change { ADD, REVOKE, DEACTIVATE, ACTIVATE }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "give --user U the --role ANALYST, RISK_OFFICER or ADMIN (ADMIN; a second ADMIN approves)")
    static final class Add extends WithRole {
        Add() {
            super(Change.ADD);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "take the --role from --user U (ADMIN; a second ADMIN approves)")
    static final class Revoke extends WithRole {
        Revoke() {
            super(Change.REVOKE);
        }
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true,
            description = "deactivate --user U: no roles count until reactivated (ADMIN; a second ADMIN approves)")
    static final class Deactivate extends PrincipalChangeCommand {
        Deactivate() {
            super(Change.DEACTIVATE);
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, description = "reactivate --user U (ADMIN; a second ADMIN approves)")
    static final class Activate extends PrincipalChangeCommand {
        Activate() {
            super(Change.ACTIVATE);
        }
    }

    /** The changes that name a role. */
    abstract static class WithRole extends PrincipalChangeCommand {

        @Option(names = "--role", required = true, paramLabel = "ROLE", order = 2, description = "ANALYST, RISK_OFFICER or ADMIN")
        private Role role;

        WithRole(Change change) {
            super(change);
        }

        @Override
        Role role() {
            return role;
        }
    }

    private final Change change;

    @Option(names = "--user", required = true, paramLabel = "U", order = 1, converter = Converters.Text.class,
            description = "the principal's user name (their OS login, or their login on a server)")
    private String user;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ActingOptions acting;

    PrincipalChangeCommand(Change change) {
        this.change = change;
    }

    /** The role the change names; none for a deactivation or reactivation. */
    Role role() {
        return null;
    }

    @Override
    public int run(CliContext context) {
        Role role = role();
        try (Registry registry = context.openRegistry(shared)) {
            Identity admin = CommandSupport.identity(registry, acting, context);
            RuleChanges.Outcome outcome = switch (change) {
                case ADD -> RuleChanges.requestRoleGrant(registry, context.clock(), admin, user, role);
                case REVOKE -> RuleChanges.requestRoleRevoke(registry, context.clock(), admin, user, role);
                case DEACTIVATE -> RuleChanges.requestDeactivation(registry, context.clock(), admin, user);
                case ACTIVATE -> RuleChanges.requestActivation(registry, context.clock(), admin, user);
            };
            RuleChanges.PrincipalState now = registry.read(store -> RuleChanges.principal(store, user));
            RulesCommand.printRequested(context, shared, outcome, Map.of("roles", now.roles(), "active", now.active()));
            if (outcome.applied() && !shared.json()) {
                context.out().println(user + " now holds " + (now.roles().isEmpty() ? "no role" : String.join(", ", now.roles()))
                        + (now.active() ? "" : " (inactive)"));
            }
        }
        return 0;
    }
}

package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Role;
import com.modelsteward.governance.RuleChanges;
import com.modelsteward.registry.Registry;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * {@code principal add|revoke --user U --role ROLE}, {@code principal deactivate|activate --user U} (ADMIN): each a rule
 * change that a second ADMIN approves ({@code rules approve}), applied at once only while the registry has one ADMIN.
 */
final class PrincipalChangeCommand implements Command {

    enum Change { ADD, REVOKE, DEACTIVATE, ACTIVATE }

    private final Change change;

    PrincipalChangeCommand(Change change) {
        this.change = change;
    }

    @Override
    public String name() {
        return "principal " + change.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String summary() {
        return switch (change) {
            case ADD -> "give --user U the --role ANALYST, RISK_OFFICER or ADMIN (ADMIN; a second ADMIN approves)";
            case REVOKE -> "take the --role from --user U (ADMIN; a second ADMIN approves)";
            case DEACTIVATE -> "deactivate --user U: no roles count until reactivated (ADMIN; a second ADMIN approves)";
            case ACTIVATE -> "reactivate --user U (ADMIN; a second ADMIN approves)";
        };
    }

    @Override
    public int run(Args args, CliContext context) {
        boolean withRole = change == Change.ADD || change == Change.REVOKE;
        args.allowOnly(withRole ? CommandSupport.options("user", "role") : CommandSupport.options("user"));
        String user = args.required("user");
        Role role = withRole ? role(args.required("role")) : null;
        try (Registry registry = context.openRegistry(args)) {
            Identity admin = CommandSupport.identity(registry, args, context);
            RuleChanges.Outcome outcome = switch (change) {
                case ADD -> RuleChanges.requestRoleGrant(registry, context.clock(), admin, user, role);
                case REVOKE -> RuleChanges.requestRoleRevoke(registry, context.clock(), admin, user, role);
                case DEACTIVATE -> RuleChanges.requestDeactivation(registry, context.clock(), admin, user);
                case ACTIVATE -> RuleChanges.requestActivation(registry, context.clock(), admin, user);
            };
            RuleChanges.PrincipalState now = registry.read(store -> RuleChanges.principal(store, user));
            RulesCommand.printRequested(context, args, outcome, Map.of("roles", now.roles(), "active", now.active()));
            if (outcome.applied() && !args.flag("json")) {
                context.out().println(user + " now holds " + (now.roles().isEmpty() ? "no role" : String.join(", ", now.roles()))
                        + (now.active() ? "" : " (inactive)"));
            }
        }
        return 0;
    }

    private static Role role(String name) {
        return Arrays.stream(Role.values()).filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new GovernanceException("E_INVALID_INPUT", "--role must be ANALYST, RISK_OFFICER or ADMIN, not \"" + name + "\""));
    }
}

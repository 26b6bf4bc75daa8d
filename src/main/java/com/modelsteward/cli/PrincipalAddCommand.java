package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.registry.Registry;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** {@code principal add --user U --role ROLE}: gives a user a role (ADMIN only). */
final class PrincipalAddCommand implements Command {

    @Override
    public String name() {
        return "principal add";
    }

    @Override
    public String summary() {
        return "give --user U the --role ANALYST, RISK_OFFICER or ADMIN (ADMIN)";
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(Set.of("user", "role", "as"));
        String user = args.required("user");
        String roleName = args.required("role");
        Role role = Arrays.stream(Role.values()).filter(r -> r.name().equals(roleName)).findFirst()
                .orElseThrow(() -> new GovernanceException("E_INVALID_INPUT", "--role must be ANALYST, RISK_OFFICER or ADMIN, not \"" + roleName + "\""));
        try (Registry registry = context.openRegistry(args)) {
            Set<String> roles = Principals.addRole(registry, context.clock(), GovernanceCli.identity(registry, args, context), user, role);
            if (args.flag("json")) {
                context.printJson(Map.of("user", user, "roles", roles));
            } else {
                context.out().println(user + " now holds " + String.join(", ", roles));
            }
        }
        return 0;
    }
}

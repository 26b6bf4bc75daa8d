package com.modelsteward.governance;

import java.util.Set;

/**
 * Who is acting and which roles they hold in this registry. A user not in {@code principals} has no roles and may only look.
 *
 * @param actingAsDemoUser true when {@code --as} selected a demo user on a demo registry
 */
public record Identity(String user, Set<Role> roles, boolean actingAsDemoUser) {

    public Identity {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Refuses, naming the user, the role and what they tried to do. */
    public void require(Role role, String toDoWhat) {
        if (!has(role)) {
            String held = roles.isEmpty() ? "is not a principal of this registry (and may only look)" : "holds " + roles;
            throw new GovernanceException(GovernanceException.ROLLOUT_DENIED, user + " " + held + "; " + toDoWhat + " needs the "
                    + role + " role");
        }
    }
}

package com.modelsteward.governance;

import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Store;
import com.modelsteward.trust.Signatures;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Identity and roles. Identity is the OS account running the process ({@code config.OsAccount}, passed in by the entry
 * points); roles come from {@code principals}. Only on a proven demo registry ({@link Signatures#isDemo}: the marker
 * {@value #DEMO_MARKER} AND a root key derived from it) may someone act as a demo user, so that one person can try both
 * sides of maker-checker; on any other registry nothing lets anyone act as somebody else.
 */
public final class Principals {

    public static final String DEMO_MARKER = "created_by_demo";

    private Principals() {
    }

    /**
     * @param osUser the OS account of the person running the app (tests, trusted code, pass any name to play several
     *               people); on a server registry the login the server authenticated acts instead, whatever this says
     * @param actAs  a demo user to act as ({@code --as}); refused unless the registry is a proven demo
     */
    public static Identity resolve(Registry registry, String osUser, Optional<String> actAs) {
        Optional<String> login = registry.authenticatedUser();
        if (login.isPresent() && actAs.isPresent()) {
            throw new GovernanceException(GovernanceException.ROLLOUT_DENIED, "acting as another user (--as " + actAs.get()
                    + ") is not possible on a server registry: the server knows you as " + login.get() + "; log in as the other user instead");
        }
        String user = login.orElse(osUser);
        return registry.read(store -> {
            if (actAs.isEmpty()) {
                return new Identity(user, roles(store, user), false);
            }
            Optional<String> notADemo = Signatures.demoProblem(store);
            if (notADemo.isPresent()) {
                throw new GovernanceException(GovernanceException.ROLLOUT_DENIED, "acting as another user (--as " + actAs.get()
                        + ") is only possible on a demo registry, and " + registry.location() + " is not one: " + notADemo.get() + " (you act as "
                        + osUser + ")");
            }
            Set<Role> roles = roles(store, actAs.get());
            if (roles.isEmpty()) {
                throw new GovernanceException(GovernanceException.ROLLOUT_DENIED, "--as " + actAs.get()
                        + ": there is no active principal of that name in this demo registry");
            }
            return new Identity(actAs.get(), roles, true);
        });
    }

    static Set<Role> roles(Store store, String user) {
        String text = store.principals().activeRoles(user).orElse("");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : text.split(",")) {
            for (Role known : Role.values()) {
                if (known.name().equals(role.strip())) {
                    roles.add(known);
                }
            }
        }
        return roles;
    }

    /**
     * Proposes giving a user a role (creating the principal if needed): a rule change ({@link RuleChanges#requestRoleGrant})
     * that takes effect only when a second ADMIN approves it, or at once while the registry has one ADMIN. Returns the
     * user's roles afterwards (unchanged while the grant is pending).
     */
    public static Set<String> addRole(Registry registry, Clock clock, Identity admin, String user, Role role) {
        RuleChanges.requestRoleGrant(registry, clock, admin, user, role);
        return registry.read(store -> RuleChanges.principal(store, user).roles());
    }
}

package com.modelsteward.testsupport;

import com.modelsteward.governance.Principals;
import com.modelsteward.registry.Registry;
import com.modelsteward.trust.Enrolment;
import com.modelsteward.trust.Keys;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Enrols a signing key for every principal of a test registry, as the real procedure does: {@code admin} enrols first and
 * becomes the root, everyone else submits a key that {@code admin} endorses with the fingerprint the submission printed. Keys live in the tests' data directory
 * (target/test-home/keys, set by surefire), one per user name, reused across registries as a person's key would be.
 */
public final class TestKeys {

    private TestKeys() {
    }

    /**
     * A registry's principals made as the real procedure makes them: {@code admin} is its first ADMIN (root key enrolled
     * at once), grants everyone else their roles, and endorses the key each of them submits.
     */
    public static void principals(Registry registry, String admin, java.util.Map<String, java.util.List<com.modelsteward.governance.Role>> roles) {
        Clock clock = Clock.systemUTC();
        Enrolment.initialAdmin(registry, clock, admin, Keys.directory());
        roles.forEach((user, granted) -> granted.forEach(role -> com.modelsteward.governance.Principals.addRole(registry, clock,
                Principals.resolve(registry, admin, Optional.empty()), user, role)));
        enrollAll(registry, admin);
    }

    public static void enrollAll(Registry registry, String admin) {
        Clock clock = Clock.systemUTC();
        if (registry.readHandle(h -> h.createQuery("SELECT public_key FROM principals WHERE user_name = :a").bind("a", admin)
                .mapTo(String.class).findOne().orElse(null)) == null) {
            Enrolment.enrollSelf(registry, clock, Principals.resolve(registry, admin, Optional.empty()), Keys.directory());
        }
        List<String> others = registry.readHandle(h -> h.createQuery("SELECT user_name FROM principals WHERE user_name <> :a AND public_key IS NULL ORDER BY user_name")
                .bind("a", admin).mapTo(String.class).list());
        for (String user : others) {
            String fingerprint = Enrolment.enrollSelf(registry, clock, Principals.resolve(registry, user, Optional.empty()), Keys.directory())
                    .fingerprint();
            Enrolment.endorse(registry, clock, Principals.resolve(registry, admin, Optional.empty()), user, fingerprint);
        }
    }
}

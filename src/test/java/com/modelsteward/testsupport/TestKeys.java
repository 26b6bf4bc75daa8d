package com.modelsteward.testsupport;

import com.modelsteward.governance.Enrolment;
import com.modelsteward.governance.Keys;
import com.modelsteward.governance.Principals;
import com.modelsteward.registry.Registry;
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

    public static void enrollAll(Registry registry, String admin) {
        Clock clock = Clock.systemUTC();
        Enrolment.enrollSelf(registry, clock, Principals.resolve(registry, admin, Optional.empty()), Keys.directory());
        List<String> others = registry.read(h -> h.createQuery("SELECT user_name FROM principals WHERE user_name <> :a ORDER BY user_name")
                .bind("a", admin).mapTo(String.class).list());
        for (String user : others) {
            String fingerprint = Enrolment.enrollSelf(registry, clock, Principals.resolve(registry, user, Optional.empty()), Keys.directory())
                    .fingerprint();
            Enrolment.endorse(registry, clock, Principals.resolve(registry, admin, Optional.empty()), user, fingerprint);
        }
    }
}

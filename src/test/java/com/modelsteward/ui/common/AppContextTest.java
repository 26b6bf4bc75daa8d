package com.modelsteward.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppContextTest {

    /** The status bar lists the roles in this order: it must be the same on every start, not the JVM's hash order. */
    @Test
    void rolesAreListedAlphabeticallyWhateverOrderTheyCameIn() {
        Set<String> roles = Set.of("RISK_OFFICER", "ANALYST", "ADMIN", "PIPELINE", "AUDITOR");
        AppContext context = new AppContext(null, new SameThreadTaskRunner(), null, "ana", roles, Clock.systemUTC());
        assertEquals(List.of("ADMIN", "ANALYST", "AUDITOR", "PIPELINE", "RISK_OFFICER"), List.copyOf(context.roles()));
    }
}

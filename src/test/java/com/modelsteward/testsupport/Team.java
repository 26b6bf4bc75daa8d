package com.modelsteward.testsupport;

import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.registry.Registry;
import com.modelsteward.trust.Enrolment;
import com.modelsteward.trust.Keys;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One registry and the people of a team who use it, for the contract suite that runs on both engines: on a SQLite file
 * every person shares one open registry and is named by the OS account the test passes; on a PostgreSQL server every
 * person logs in as their own login, and the server says who they are.
 */
public interface Team extends AutoCloseable {

    /** The team of every contract test: an ADMIN who made the registry, two analysts, three risk officers. */
    String ADMIN = "ines";
    Map<String, List<Role>> MEMBERS = members();

    private static Map<String, List<Role>> members() {
        Map<String, List<Role>> roles = new LinkedHashMap<>();
        roles.put("alice", List.of(Role.ANALYST));
        roles.put("bob", List.of(Role.ANALYST));
        roles.put("rachel", List.of(Role.RISK_OFFICER));
        roles.put("omar", List.of(Role.RISK_OFFICER));
        roles.put("tara", List.of(Role.RISK_OFFICER));
        return roles;
    }

    /** "SQLite" or "PostgreSQL", for test names. */
    String engine();

    /** The registry as {@code user} uses it (the same object for everyone on a file). */
    Registry as(String user);

    /** The registry as its owner: the file itself, or the server's superuser, who can do what the app never does. */
    Registry owner();

    /** Who {@code user} is in the registry, as the engine resolves them. */
    default Identity who(String user) {
        return Principals.resolve(as(user), user, Optional.empty());
    }

    /** The team's principals made as the real procedure makes them, each step by the person who does it. */
    default void enrolTeam() {
        Clock clock = Clock.systemUTC();
        Enrolment.initialAdmin(as(ADMIN), clock, ADMIN, Keys.directory());
        MEMBERS.forEach((user, roles) -> roles.forEach(role -> Principals.addRole(as(ADMIN), clock, who(ADMIN), user, role)));
        for (String user : MEMBERS.keySet()) {
            String fingerprint = Enrolment.enrollSelf(as(user), clock, who(user), Keys.directory()).fingerprint();
            Enrolment.endorse(as(ADMIN), clock, who(ADMIN), user, fingerprint);
        }
    }

    @Override
    void close();
}

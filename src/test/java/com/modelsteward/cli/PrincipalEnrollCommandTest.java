package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.CliHarness;
import com.modelsteward.trust.SignatureAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PrincipalEnrollCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private int run(String user, String... args) {
        return cli.run(user, args);
    }

    @Test
    void anAdminEnrolsAsRootThenEndorsesAnOfficerAndNoKeyMaterialIsPrinted() throws Exception {
        Path db = dir.resolve("r.db");
        // init makes ada the first ADMIN and enrols the root key in the registry's first, signed transaction.
        assertEquals(0, run("ada", "init", "--db", db.toString()), cli.err());
        assertTrue(cli.out().contains("Its root key is SHA256:"), cli.out());
        try (Registry registry = Registry.open(db)) {
            Principals.addRole(registry, Clock.systemUTC(), new Identity("ada", Set.of(Role.ADMIN), false), "rita", Role.RISK_OFFICER);
        }
        assertEquals(1, run("ada", "principal", "enroll", "--db", db.toString()));
        assertTrue(cli.err().startsWith("E_KEY_EXISTS: ada already has a key"), cli.err());
        String adaKey = Files.readString(cli.home().resolve("keys/ada.key"));
        assertEquals(0, run("rita", "principal", "enroll", "--db", db.toString()), cli.err());
        java.util.regex.Matcher printed = java.util.regex.Pattern.compile("principal enroll --user rita --fingerprint (SHA256:[0-9a-f]{64})")
                .matcher(cli.out());
        assertTrue(printed.find(), cli.out());
        assertTrue(cli.out().contains("Read this fingerprint out to an ADMIN"), cli.out());
        String ritasFingerprint = printed.group(1);
        try (Registry registry = Registry.open(db)) {
            assertEquals(com.modelsteward.trust.TrustStore.Outcome.MATCH, com.modelsteward.trust.TrustStore.load().check(registry).outcome(),
                    "the root was pinned on first use");
        }
        assertEquals(2, run("ada", "principal", "enroll", "--db", db.toString(), "--fingerprint", ritasFingerprint));
        assertTrue(cli.err().startsWith("E_USAGE: --fingerprint goes with --user NAME"), cli.err());
        assertEquals(1, run("ada", "principal", "enroll", "--db", db.toString(), "--user", "rita"));
        assertTrue(cli.err().startsWith("E_KEY_FINGERPRINT: endorsing rita's key needs --fingerprint"), cli.err());
        assertEquals(0, run("ada", "principal", "enroll", "--db", db.toString(), "--user", "rita", "--fingerprint", ritasFingerprint, "--json"),
                cli.err());
        assertTrue(cli.out().contains("\"endorsed_by\" : \"ada\""), cli.out());
        assertEquals(1, run("ada", "principal", "enroll", "--db", db.toString(), "--user", "rita", "--fingerprint", ritasFingerprint));
        assertTrue(cli.err().startsWith("E_KEY_EXISTS: rita's key"), cli.err());
        assertEquals(1, run("rita", "principal", "enroll", "--db", db.toString(), "--user", "ada", "--fingerprint", ritasFingerprint));
        assertTrue(cli.err().startsWith("E_LEARN_ROLLOUT_DENIED: rita holds [RISK_OFFICER]"), cli.err());
        String body = adaKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(cli.out().contains(body) || cli.err().contains(body));
        try (Registry registry = Registry.open(db)) {
            assertTrue(SignatureAudit.verify(registry).ok(), SignatureAudit.verify(registry).problems().toString());
            String stored = registry.readHandle(h -> String.join("\n", h.createQuery("SELECT coalesce(public_key, '') FROM principals").mapTo(String.class).list()));
            assertFalse(stored.contains(body), "only public keys enter the registry");
        }
        assertTrue(Files.readString(cli.home().resolve("settings.properties")).contains("trust.root."));
    }
}

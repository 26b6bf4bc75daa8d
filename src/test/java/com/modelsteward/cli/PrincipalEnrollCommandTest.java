package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppDirs;
import com.modelsteward.governance.Role;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.SignatureAudit;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrincipalEnrollCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String previousHome;

    @BeforeEach
    void ownDataDirectory() {
        previousHome = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, dir.resolve("home").toString());
    }

    @AfterEach
    void restoreDataDirectory() {
        if (previousHome == null) {
            System.clearProperty(AppDirs.HOME_PROPERTY);
        } else {
            System.setProperty(AppDirs.HOME_PROPERTY, previousHome);
        }
    }

    private int run(String user, String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC), user);
        return new Cli(context).execute(args);
    }

    @Test
    void anAdminEnrolsAsRootThenEndorsesAnOfficerAndNoKeyMaterialIsPrinted() throws Exception {
        Path db = dir.resolve("r.db");
        // init makes ada the first ADMIN and enrols the root key in the registry's first, signed transaction.
        assertEquals(0, run("ada", "init", "--db", db.toString()), err.toString());
        assertTrue(out.toString().contains("Its root key is SHA256:"), out.toString());
        try (Registry registry = Registry.open(db)) {
            Principals.addRole(registry, Clock.systemUTC(), new Identity("ada", Set.of(Role.ADMIN), false), "rita", Role.RISK_OFFICER);
        }
        assertEquals(1, run("ada", "principal", "enroll", "--db", db.toString()));
        assertTrue(err.toString().startsWith("E_KEY_EXISTS: ada already has a key"), err.toString());
        String adaKey = Files.readString(dir.resolve("home/keys/ada.key"));
        assertEquals(0, run("rita", "principal", "enroll", "--db", db.toString()), err.toString());
        java.util.regex.Matcher printed = java.util.regex.Pattern.compile("principal enroll --user rita --fingerprint (SHA256:[0-9a-f]{64})")
                .matcher(out.toString());
        assertTrue(printed.find(), out.toString());
        assertTrue(out.toString().contains("Read this fingerprint out to an ADMIN"), out.toString());
        String ritasFingerprint = printed.group(1);
        try (Registry registry = Registry.open(db)) {
            assertEquals(com.modelsteward.governance.TrustStore.Outcome.MATCH, com.modelsteward.governance.TrustStore.load().check(registry).outcome(),
                    "the root was pinned on first use");
        }
        assertEquals(2, run("ada", "principal", "enroll", "--db", db.toString(), "--fingerprint", ritasFingerprint));
        assertTrue(err.toString().startsWith("E_USAGE: --fingerprint goes with --user NAME"), err.toString());
        assertEquals(1, run("ada", "principal", "enroll", "--db", db.toString(), "--user", "rita"));
        assertTrue(err.toString().startsWith("E_KEY_FINGERPRINT: endorsing rita's key needs --fingerprint"), err.toString());
        assertEquals(0, run("ada", "principal", "enroll", "--db", db.toString(), "--user", "rita", "--fingerprint", ritasFingerprint, "--json"),
                err.toString());
        assertTrue(out.toString().contains("\"endorsed_by\" : \"ada\""), out.toString());
        assertEquals(1, run("ada", "principal", "enroll", "--db", db.toString(), "--user", "rita", "--fingerprint", ritasFingerprint));
        assertTrue(err.toString().startsWith("E_KEY_EXISTS: rita's key"), err.toString());
        assertEquals(1, run("rita", "principal", "enroll", "--db", db.toString(), "--user", "ada", "--fingerprint", ritasFingerprint));
        assertTrue(err.toString().startsWith("E_LEARN_ROLLOUT_DENIED: rita holds [RISK_OFFICER]"), err.toString());
        String body = adaKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(out.toString().contains(body) || err.toString().contains(body));
        try (Registry registry = Registry.open(db)) {
            assertTrue(SignatureAudit.verify(registry).ok(), SignatureAudit.verify(registry).problems().toString());
            String stored = registry.read(h -> String.join("\n", h.createQuery("SELECT coalesce(public_key, '') FROM principals").mapTo(String.class).list()));
            assertFalse(stored.contains(body), "only public keys enter the registry");
        }
        assertTrue(Files.readString(dir.resolve("home/settings.properties")).contains("trust.root."));
    }
}

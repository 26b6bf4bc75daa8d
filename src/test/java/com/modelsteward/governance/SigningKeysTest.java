package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppDirs;
import com.modelsteward.config.AppSettings;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.trust.Enrolment;
import com.modelsteward.trust.Keys;
import com.modelsteward.trust.SignatureAudit;
import com.modelsteward.trust.TrustStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ed25519 keys, enrolment and endorsement, the signature audit, and trust-on-first-use pinning. */
class SigningKeysTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);
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

    private static Identity person(String user, Role... roles) {
        return new Identity(user, Set.of(roles), false);
    }

    private Enrolment.Result adaRoot;

    private Registry registryWithAdaAndRita(Path file) {
        Registry registry = Registry.create(file);
        // As `init` does: ada becomes the first ADMIN and enrols the root key in the registry's first transaction.
        adaRoot = Enrolment.initialAdmin(registry, clock, "ada", Keys.directory());
        Principals.addRole(registry, clock, person("ada", Role.ADMIN), "rita", Role.RISK_OFFICER);
        return registry;
    }

    @Test
    void theFirstAdminBecomesTheRootAndEndorsesOthers() throws Exception {
        try (Registry registry = registryWithAdaAndRita(dir.resolve("r.db"))) {
            Enrolment.Result ada = adaRoot;
            assertTrue(ada.root());
            assertTrue(ada.createdPrivateKey());
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(ada.privateKeyFile()));
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(Keys.directory()));

            Enrolment.Result rita = Enrolment.enrollSelf(registry, clock, person("rita", Role.RISK_OFFICER), Keys.directory());
            assertFalse(rita.root());
            assertEquals(null, rita.endorsedBy());
            SignatureAudit.Report pending = SignatureAudit.verify(registry);
            assertEquals(1, pending.problems().size(), pending.problems().toString());
            assertTrue(pending.problems().getFirst().contains("rita's key has not been endorsed"), pending.problems().toString());

            GovernanceException notAdmin = assertThrows(GovernanceException.class,
                    () -> Enrolment.endorse(registry, clock, person("rita", Role.RISK_OFFICER), "rita", rita.fingerprint()));
            assertTrue(notAdmin.getMessage().contains("needs the ADMIN role"));

            String otherKey = Keys.fingerprint(Keys.generate().getPublic());
            GovernanceException wrong = assertThrows(GovernanceException.class,
                    () -> Enrolment.endorse(registry, clock, person("ada", Role.ADMIN), "rita", otherKey));
            assertEquals(Enrolment.KEY_FINGERPRINT, wrong.code());
            assertTrue(wrong.getMessage().contains(otherKey) && wrong.getMessage().contains(rita.fingerprint()), wrong.getMessage());
            GovernanceException missing = assertThrows(GovernanceException.class,
                    () -> Enrolment.endorse(registry, clock, person("ada", Role.ADMIN), "rita", null));
            assertEquals(Enrolment.KEY_FINGERPRINT, missing.code());
            assertEquals(pending.problems(), SignatureAudit.verify(registry).problems(), "a refused endorsement changes nothing");

            Enrolment.endorse(registry, clock, person("ada", Role.ADMIN), "rita", rita.fingerprint().toLowerCase());
            SignatureAudit.Report report = SignatureAudit.verify(registry);
            assertTrue(report.ok(), report.problems().toString());
            assertEquals(2, report.keysChecked());
            assertEquals(ada.fingerprint(), report.rootFingerprint().orElseThrow());

            String audit = registry.readHandle(h -> String.join("\n", h.createQuery("SELECT payload_json FROM audit_log").mapTo(String.class).list()));
            assertTrue(audit.contains(rita.fingerprint()), "the enrolment is audited with its fingerprint");
            String privateKeyText = Files.readString(ada.privateKeyFile(), StandardCharsets.US_ASCII);
            String body = privateKeyText.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
            assertFalse(audit.contains(body), "no private key material in the audit log");
            assertTrue(AuditTrail.verify(registry).ok());
        }
    }

    @Test
    void aSwappedKeyOrASecondRootIsCaught() throws Exception {
        Path file = dir.resolve("r.db");
        try (Registry registry = registryWithAdaAndRita(file)) {
            Enrolment.Result rita = Enrolment.enrollSelf(registry, clock, person("rita", Role.RISK_OFFICER), Keys.directory());
            Enrolment.endorse(registry, clock, person("ada", Role.ADMIN), "rita", rita.fingerprint());
            RuntimeException secondRoot = assertThrows(RuntimeException.class, () -> registry.writeHandle(h ->
                    h.execute("UPDATE principals SET key_endorsement = NULL, key_endorsed_by = 'rita' WHERE user_name = 'rita'")));
            assertTrue(secondRoot.getMessage().contains("E_KEY_ENDORSED"), secondRoot.getMessage());
        }
        String mallory = Keys.publicText(Keys.generate().getPublic());
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER principals_endorsed_key_frozen");
            sql.executeUpdate("UPDATE principals SET public_key = '" + mallory + "' WHERE user_name = 'rita'");
        }
        try (Registry registry = Registry.open(file)) {
            SignatureAudit.Report report = SignatureAudit.verify(registry);
            assertTrue(report.problems().stream().anyMatch(p -> p.contains("endorsement by ada does not verify")), report.problems().toString());
            assertTrue(report.problems().stream().anyMatch(p -> p.contains("trigger principals_endorsed_key_frozen is missing")),
                    report.problems().toString());
            assertTrue(report.problems().stream().anyMatch(p -> p.contains("principal rita has public_key")), report.problems().toString());
        }
    }

    /** A key file that is there but cannot be used is named with the reason, never reported as "no signing key". */
    @Test
    void aKeyFileThatCannotBeReadSaysWhyInsteadOfMissing() throws Exception {
        Path keyDir = Files.createDirectories(dir.resolve("keys"));
        assertTrue(Keys.readPrivateKey(keyDir, "nobody").isEmpty(), "no file at all is no key");
        Path dangling = Files.createSymbolicLink(keyDir.resolve("ada.key"), dir.resolve("elsewhere/ada.key"));
        assertEquals("the private key file " + dangling + " is a symbolic link to " + dir.resolve("elsewhere/ada.key")
                + ", which does not exist", refusal(keyDir, "ada"));
        Path folder = Files.createDirectory(keyDir.resolve("bob.key"));
        assertEquals("the private key file " + folder + " is a folder, not a key file", refusal(keyDir, "bob"));
        Path fifo = keyDir.resolve("cy.key");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        assertEquals("the private key file " + fifo + " is a pipe or device, not a key file", refusal(keyDir, "cy"));
        Path huge = Files.write(keyDir.resolve("di.key"), new byte[Keys.MAX_KEY_FILE_BYTES + 1]);
        assertEquals("the private key file " + huge + " is 65537 bytes, over the limit of 65536 bytes for a key file", refusal(keyDir, "di"));
    }

    private static String refusal(Path keyDir, String user) {
        GovernanceException refused = assertThrows(GovernanceException.class, () -> Keys.readPrivateKey(keyDir, user));
        assertEquals("E_KEY_UNREADABLE", refused.code());
        return refused.getMessage();
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedWithoutShowingIt() throws Exception {
        KeyPair pair = Keys.generate();
        Path keyDir = dir.resolve("keys");
        Path file = Keys.writePrivateKey(keyDir, "ada", pair.getPrivate());
        assertTrue(Keys.readPrivateKey(keyDir, "ada").isPresent());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        GovernanceException unsafe = assertThrows(GovernanceException.class, () -> Keys.readPrivateKey(keyDir, "ada"));
        assertEquals("E_KEY_UNSAFE", unsafe.code());
        assertTrue(unsafe.getMessage().contains("chmod 600"));
        GovernanceException exists = assertThrows(GovernanceException.class, () -> Keys.writePrivateKey(keyDir, "ada", pair.getPrivate()));
        assertEquals("E_KEY_EXISTS", exists.code());
        assertThrows(GovernanceException.class, () -> Keys.privateKeyFile(keyDir, "../etc/passwd"));
    }

    @Test
    void signaturesBindTheirContent() {
        KeyPair pair = Keys.generate();
        String key = Keys.publicText(pair.getPublic());
        String signature = Keys.sign(pair.getPrivate(), "approve REQ-1");
        assertTrue(Keys.verify(key, "approve REQ-1", signature));
        assertFalse(Keys.verify(key, "approve REQ-2", signature));
        assertFalse(Keys.verify(Keys.publicText(Keys.generate().getPublic()), "approve REQ-1", signature));
        assertFalse(Keys.verify(key, "approve REQ-1", "not base64!"));
        assertFalse(Keys.verify("rsa:AAAA", "approve REQ-1", signature));
        assertEquals(Keys.publicText(Keys.fromSeed("x").getPublic()), Keys.publicText(Keys.fromSeed("x").getPublic()));
        assertNotEquals(Keys.publicText(Keys.fromSeed("x").getPublic()), Keys.publicText(Keys.fromSeed("y").getPublic()));
    }

    @Test
    void aRegistryRewrittenWithFreshKeysIsReportedLoudly() throws Exception {
        Path file = dir.resolve("shared.db");
        TrustStore trust = new TrustStore(new AppSettings(dir.resolve("settings.properties")));
        try (Registry registry = registryWithAdaAndRita(file)) {
            TrustStore.Check first = trust.check(registry);
            assertEquals(TrustStore.Outcome.FIRST_USE, first.outcome());
            assertEquals(TrustStore.Outcome.MATCH, trust.check(registry).outcome());
        }
        TrustStore reloaded = new TrustStore(new AppSettings(dir.resolve("settings.properties")));
        Files.delete(file);
        System.setProperty(AppDirs.HOME_PROPERTY, dir.resolve("mallory-home").toString());
        try (Registry forged = registryWithAdaAndRita(file)) {
            TrustStore.Check check = reloaded.check(forged);
            assertEquals(TrustStore.Outcome.CHANGED, check.outcome());
            assertTrue(check.alarming());
            assertTrue(check.message().contains("HAS CHANGED"), check.message());
            assertEquals(TrustStore.Outcome.CHANGED, reloaded.check(forged).outcome(), "a changed root is never re-pinned silently");
        }
    }
}

package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.modelsteward.config.AppDirs;
import com.modelsteward.config.OsAccount;
import com.modelsteward.testsupport.SharedClasspath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signatures remembered in the user's data folder decide what counts as verified without the Ed25519 check, so the
 * file must hold only signatures that verified, and be believed only when it is this account's own and no one else's to
 * write. Each test starts as a new process would ({@link VerifiedSignatures#forget}).
 */
class VerifiedSignaturesTest {

    @TempDir
    Path home;

    private String previousHome;
    private final KeyPair key = Keys.generate();
    private final String publicKey = Keys.publicText(key.getPublic());

    @BeforeEach
    void pointTheDataFolderHere() {
        previousHome = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, home.toString());
        VerifiedSignatures.forget();
    }

    @AfterEach
    void restore() {
        VerifiedSignatures.forget();
        if (previousHome == null) {
            System.clearProperty(AppDirs.HOME_PROPERTY);
        } else {
            System.setProperty(AppDirs.HOME_PROPERTY, previousHome);
        }
    }

    private Path file() {
        return VerifiedSignatures.fileIn(home);
    }

    /** A signature of 64 bytes that {@code publicKey} never made. */
    private static String forgedSignature() {
        return Base64.getEncoder().encodeToString(new byte[64]);
    }

    @Test
    void onlyASignatureThatVerifiedIsRemembered() throws Exception {
        String signature = Keys.sign(key.getPrivate(), "approve REQ-000001");
        assertTrue(Keys.verify(publicKey, "approve REQ-000001", signature));
        assertFalse(Keys.verify(publicKey, "approve REQ-000002", signature), "the same signature over other content");
        assertFalse(Keys.verify(publicKey, "approve REQ-000003", forgedSignature()));
        VerifiedSignatures.save();

        assertEquals(32, Files.size(file()), "one digest: the signature that verified, and nothing else");
        assertArrayEquals(VerifiedSignatures.digest(publicKey, "approve REQ-000001", signature).array(), Files.readAllBytes(file()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())),
                "its folder is the account's alone, whatever the umask made the data folder");

        VerifiedSignatures.forget();
        assertTrue(VerifiedSignatures.known(publicKey, "approve REQ-000001", signature), "a new process reads it back");
        assertFalse(VerifiedSignatures.known(publicKey, "approve REQ-000002", signature));
    }

    @Test
    void theFileIsBelievedOnlyWhenItIsThisAccountsOwnAndPrivate() throws Exception {
        String forged = forgedSignature();
        assertFalse(Keys.verifyNow(publicKey, "approve REQ-000009", forged));
        Files.createDirectory(file().getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.write(file(), VerifiedSignatures.digest(publicKey, "approve REQ-000009", forged).array());

        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
        VerifiedSignatures.forget();
        assertTrue(VerifiedSignatures.known(publicKey, "approve REQ-000009", forged),
                "the account's own private file is believed, as its own key file is");

        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw--w----"));
        VerifiedSignatures.forget();
        assertFalse(VerifiedSignatures.known(publicKey, "approve REQ-000009", forged), "a file the group may write is not");

        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(file().getParent(), PosixFilePermissions.fromString("rwxrwx---"));
        VerifiedSignatures.forget();
        assertFalse(VerifiedSignatures.known(publicKey, "approve REQ-000009", forged),
                "nor one in a folder others may write in: they could swap it while it is read");
        Files.setPosixFilePermissions(file().getParent(), PosixFilePermissions.fromString("rwx------"));

        OsAccount account = OsAccount.current();
        assumeTrue(account.uid() == 0, "giving a file to another account needs root");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
        Files.setAttribute(file(), "unix:uid", 65534);
        VerifiedSignatures.forget();
        assertFalse(VerifiedSignatures.known(publicKey, "approve REQ-000009", forged), "a file another account owns is not");

        String signature = Keys.sign(key.getPrivate(), "approve REQ-000010");
        assertTrue(Keys.verify(publicKey, "approve REQ-000010", signature));
        VerifiedSignatures.save();
        assertEquals(0L, ((Number) Files.getAttribute(file(), "unix:uid")).longValue(), "replaced by this account's own");
        assertEquals(32, Files.size(file()), "without the other account's digest");
    }

    /**
     * Run as a uid the account database does not know, the app cannot name its data folder (it never takes one from
     * $HOME or user.home): signatures are then checked every time, a good one verifies and a wrong one does not, where
     * the memo's lookup of its folder used to make the check itself throw.
     */
    @Test
    void whereTheOsAccountCannotBeNamedSignaturesAreStillChecked() throws Exception {
        assumeTrue(OsAccount.current().uid() == 0 && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "running as another uid needs root and setpriv (CI runs as root)");
        String unknownUid = "54321";
        Process lookUp = new ProcessBuilder("getent", "passwd", unknownUid).start();
        assumeTrue(lookUp.waitFor() != 0, "uid " + unknownUid + " is in this machine's account database");
        Path shared = SharedClasspath.copy();
        Path program = Files.writeString(shared.resolve("Check.java"), """
                import com.modelsteward.config.OsAccount;
                import com.modelsteward.trust.Keys;
                public class Check {
                    public static void main(String[] args) {
                        try {
                            OsAccount.current();
                            System.out.println("named");
                        } catch (OsAccount.Unavailable expected) {
                            System.out.println("unnamed");
                        }
                        var key = Keys.generate();
                        String publicKey = Keys.publicText(key.getPublic());
                        String signature = Keys.sign(key.getPrivate(), "approve REQ-000030");
                        System.out.println(Keys.verify(publicKey, "approve REQ-000030", signature) + " "
                                + Keys.verify(publicKey, "approve REQ-000031", signature));
                    }
                }
                """);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rw-r--r--"));
        Process child = new ProcessBuilder("setpriv", "--reuid", unknownUid, "--regid", unknownUid, "--clear-groups",
                "env", "-i", "PATH=/usr/bin:/bin", ProcessHandle.current().info().command().orElseThrow(),
                "-cp", SharedClasspath.of(shared), program.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the check ends");
        assertEquals(0, child.exitValue(), output);
        assertEquals(List.of("unnamed", "true false"), output.lines().toList(),
                "no account, so no data folder: the good signature verifies, the other content does not");
    }

    @Test
    void aMalformedFileIsIgnoredAndReplaced() throws Exception {
        String signature = Keys.sign(key.getPrivate(), "approve REQ-000020");
        Files.createDirectory(file().getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.write(file(), new byte[33]);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
        assertTrue(Keys.verify(publicKey, "approve REQ-000020", signature));
        VerifiedSignatures.save();
        assertArrayEquals(VerifiedSignatures.digest(publicKey, "approve REQ-000020", signature).array(), Files.readAllBytes(file()));
    }

    @Test
    void canonicalContentIsRememberedByItsFieldsAndNothingElse() {
        Map<String, Object> head = new LinkedHashMap<>(Map.of("kind", "audit_head", "seq", 41L, "hash", "ab12", "signer", "alice"));
        String signature = Keys.sign(key.getPrivate(), com.modelsteward.json.CanonicalJson.write(head));
        assertTrue(Keys.verifyCanonical(publicKey, head, signature));
        VerifiedSignatures.save();
        VerifiedSignatures.forget();

        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("signer", "alice");
        reordered.put("hash", "ab12");
        reordered.put("seq", 41);
        reordered.put("kind", "audit_head");
        assertTrue(VerifiedSignatures.knownCanonical(publicKey, reordered, signature), "the same fields, in another order");
        Map<String, Object> other = new LinkedHashMap<>(head);
        other.put("seq", 42L);
        assertFalse(VerifiedSignatures.knownCanonical(publicKey, other, signature), "another sequence number");
        Map<String, Object> text = new LinkedHashMap<>(head);
        text.put("seq", "41");
        assertFalse(VerifiedSignatures.knownCanonical(publicKey, text, signature), "the number as text is other content");
        Map<String, Object> fraction = new LinkedHashMap<>(head);
        fraction.put("seq", 41.0);
        assertFalse(VerifiedSignatures.knownCanonical(publicKey, fraction, signature), "a value it cannot spell exactly is never looked up");
    }
}

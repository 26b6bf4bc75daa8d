package com.modelsteward.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactVerifierTest {

    @TempDir
    Path dir;

    private Location registryFile() {
        return new Location.File(dir.resolve("registry.db"));
    }

    private byte[] artifact(String relative, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(3).nextBytes(bytes);
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return bytes;
    }

    @Test
    void aMatchingFileIsConfirmedWithProgressUpToItsSize() throws Exception {
        byte[] bytes = artifact("models/a/model.bin", 300_000);
        String ref = "models/a/model.bin#sha256=" + CanonicalJson.sha256Hex(bytes).toUpperCase();
        AtomicLong last = new AtomicLong();
        ArtifactVerifier.Result result = ArtifactVerifier.verify(ref, registryFile(), (done, total) -> last.set(done), () -> false);
        assertEquals(ArtifactVerifier.Status.MATCHES, result.status(), result.message());
        assertEquals(dir.resolve("models/a/model.bin"), result.file());
        assertEquals(300_000, last.get());
    }

    @Test
    void aChangedFileDiffers() throws Exception {
        byte[] bytes = artifact("m.bin", 1000);
        String ref = "m.bin#sha256=" + CanonicalJson.sha256Hex(bytes);
        Files.write(dir.resolve("m.bin"), new byte[] {1, 2, 3});
        ArtifactVerifier.Result result = ArtifactVerifier.verify(ref, registryFile(), (d, t) -> { }, () -> false);
        assertEquals(ArtifactVerifier.Status.DIFFERS, result.status());
        assertTrue(result.message().contains("DIFFERS"), result.message());
        assertEquals(CanonicalJson.sha256Hex(new byte[] {1, 2, 3}), result.actual());
    }

    @Test
    void aMissingFileIsSaidPlainly() {
        ArtifactVerifier.Result result = ArtifactVerifier.verify("models/none.bin#sha256=" + "a".repeat(64), registryFile(), (d, t) -> { }, () -> false);
        assertEquals(ArtifactVerifier.Status.MISSING, result.status());
        assertEquals("the artifact file " + dir.resolve("models/none.bin") + " does not exist", result.message());
    }

    @Test
    void withoutAStoredHashTheComputedHashIsShown() throws Exception {
        byte[] bytes = artifact("plain.bin", 10);
        ArtifactVerifier.Result result = ArtifactVerifier.verify(dir.resolve("plain.bin").toString(), registryFile(), (d, t) -> { }, () -> false);
        assertEquals(ArtifactVerifier.Status.NO_STORED_HASH, result.status());
        assertEquals(CanonicalJson.sha256Hex(bytes), result.actual());
    }

    @Test
    void remoteReferencesAndEmptyPathsAreNotGuessed() {
        assertEquals(ArtifactVerifier.Status.NOT_LOCAL, ArtifactVerifier.verify("s3://bucket/m.bin", registryFile(), (d, t) -> { }, () -> false).status());
        assertEquals(ArtifactVerifier.Status.NO_PATH, ArtifactVerifier.verify(" ", registryFile(), (d, t) -> { }, () -> false).status());
    }

    @Test
    void cancellingStopsTheHash() throws Exception {
        artifact("big.bin", 1 << 20);
        assertThrows(CancellationException.class, () -> ArtifactVerifier.verify("big.bin", registryFile(), (d, t) -> { }, () -> true));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // path_ref is a reference inside the artifact root, never a path to follow anywhere (issue 19)
    // ---------------------------------------------------------------------------------------------------------------

    private static ArtifactVerifier.Result verifyIn(String ref, Location registryFile, ArtifactVerifier.ArtifactRoot root, boolean superuser) {
        return ArtifactVerifier.verify(ref, registryFile, root, superuser, (d, t) -> { }, () -> false);
    }

    private ArtifactVerifier.ArtifactRoot defaultRoot() {
        return ArtifactVerifier.ArtifactRoot.of(registryFile(), java.util.Optional.empty(), java.util.Map.of(), java.util.Optional.empty());
    }

    @Test
    void aDotDotPathRefIsNotOpened() throws Exception {
        Path secret = Files.writeString(dir.resolve("../" + dir.getFileName() + "-secret.txt"), "root:$6$hash");
        try {
            String ref = "../" + secret.getFileName();
            ArtifactVerifier.Result result = verifyIn(ref, registryFile(), defaultRoot(), false);
            assertEquals(ArtifactVerifier.Status.OUTSIDE_ROOT, result.status(), result.message());
            assertEquals("path_ref " + ref + " steps out of its folder with \"..\"; it was not opened", result.message());
            assertEquals(null, result.actual());
            ArtifactVerifier.Result shadow = verifyIn("../../../../etc/shadow", registryFile(), defaultRoot(), false);
            assertEquals(ArtifactVerifier.Status.OUTSIDE_ROOT, shadow.status(), shadow.message());
        } finally {
            Files.delete(secret);
        }
    }

    @Test
    void aSymbolicLinkLeadingOutOfTheRootIsNotOpened(@TempDir Path elsewhere) throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("secret.txt"), "root:$6$hash");
        Files.createDirectories(dir.resolve("models"));
        Files.createSymbolicLink(dir.resolve("models/model.bin"), secret);
        ArtifactVerifier.Result result = verifyIn("models/model.bin", registryFile(), defaultRoot(), false);
        assertEquals(ArtifactVerifier.Status.OUTSIDE_ROOT, result.status(), result.message());
        assertEquals("path_ref models/model.bin leads to " + secret.toRealPath() + ", outside the artifact root " + dir.toRealPath()
                + "; it was not opened", result.message());
        assertEquals(null, result.actual());
        // A link that stays inside the root is followed.
        byte[] bytes = artifact("models/real.bin", 100);
        Files.createSymbolicLink(dir.resolve("models/current.bin"), dir.resolve("models/real.bin"));
        ArtifactVerifier.Result inside = verifyIn("models/current.bin#sha256=" + CanonicalJson.sha256Hex(bytes), registryFile(), defaultRoot(), false);
        assertEquals(ArtifactVerifier.Status.MATCHES, inside.status(), inside.message());
    }

    @Test
    void anAbsolutePathOutsideTheRootIsNotOpenedButAnExplicitRootAllowsIt(@TempDir Path artifacts) throws Exception {
        byte[] bytes = "weights".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = Files.write(artifacts.resolve("model.bin"), bytes);
        String ref = file.toUri() + "#sha256=" + CanonicalJson.sha256Hex(bytes);
        assertEquals(ArtifactVerifier.Status.OUTSIDE_ROOT, verifyIn(ref, registryFile(), defaultRoot(), false).status());
        ArtifactVerifier.ArtifactRoot chosen = ArtifactVerifier.ArtifactRoot.of(registryFile(), java.util.Optional.of(artifacts.toString()),
                java.util.Map.of(ArtifactVerifier.ROOT_ENV, "/ignored"), java.util.Optional.empty());
        assertTrue(chosen.explicit());
        assertEquals(ArtifactVerifier.Status.MATCHES, verifyIn(ref, registryFile(), chosen, false).status());
        assertEquals(ArtifactVerifier.Status.MATCHES, verifyIn(ref, registryFile(), chosen, true).status(),
                "as root, an explicitly chosen root is used");
        ArtifactVerifier.ArtifactRoot fromEnvironment = ArtifactVerifier.ArtifactRoot.of(registryFile(), java.util.Optional.empty(),
                java.util.Map.of(ArtifactVerifier.ROOT_ENV, artifacts.toString()), java.util.Optional.of("/ignored"));
        assertEquals(artifacts.toAbsolutePath(), fromEnvironment.folder());
    }

    /** Run as root, the registry's folder is a root only when root owns it and no one else may write to it. */
    @Test
    void asRootAnImplicitRootOthersCanWriteIsNotUsed() throws Exception {
        byte[] bytes = artifact("models/a.bin", 100);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        ArtifactVerifier.Result result = verifyIn("models/a.bin#sha256=" + CanonicalJson.sha256Hex(bytes), registryFile(), defaultRoot(), true);
        assertEquals(ArtifactVerifier.Status.OUTSIDE_ROOT, result.status(), result.message());
        assertEquals("this program runs as root and the artifact root " + dir.toRealPath() + " is not root's alone, so path_ref models/a.bin#sha256="
                + CanonicalJson.sha256Hex(bytes) + " was not opened; set the artifact root explicitly (--artifact-root, "
                + "MODEL_STEWARD_ARTIFACT_ROOT or artifact.root in the settings) to read artifacts as root", result.message());
        assertEquals(ArtifactVerifier.Status.MATCHES, verifyIn("models/a.bin#sha256=" + CanonicalJson.sha256Hex(bytes), registryFile(),
                defaultRoot(), false).status(), "the same folder is used by an ordinary user");
    }
}

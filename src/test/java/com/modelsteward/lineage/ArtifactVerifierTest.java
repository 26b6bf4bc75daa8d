package com.modelsteward.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.CanonicalJson;
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

    private Path registryFile() {
        return dir.resolve("registry.db");
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
}

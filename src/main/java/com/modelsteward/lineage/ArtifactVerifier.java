package com.modelsteward.lineage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-hashes a version's artifact file and compares it with the hash the registry holds. Only reads.
 *
 * <p>Schema v1 has no artifact-hash column, so the registry holds the expected hash in {@code path_ref} itself, as a
 * {@code #sha256=<hex>} fragment (pip's convention for pinned files): {@code models/alpha/1.0.0/model.bin#sha256=ab12…}.
 * A relative path is resolved against the folder of the registry file, because the pipeline writes paths relative to
 * its data folder, which holds the registry.
 */
public final class ArtifactVerifier {

    private static final Pattern HASH_FRAGMENT = Pattern.compile("#sha256=([0-9a-fA-F]{64})\\s*$");
    private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+://.*");
    private static final int BUFFER = 1 << 16;

    /** What verification found. */
    public enum Status { MATCHES, DIFFERS, MISSING, NO_STORED_HASH, NO_PATH, NOT_LOCAL, UNREADABLE }

    /** Progress of a long hash: bytes read so far of the total. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    public record Result(Status status, String pathRef, Path file, String expected, String actual, long bytes, String message) {

        public boolean ok() {
            return status == Status.MATCHES;
        }
    }

    private ArtifactVerifier() {
    }

    /** The expected hash held in {@code path_ref}, if any. */
    public static Optional<String> expectedHash(String pathRef) {
        if (pathRef == null) {
            return Optional.empty();
        }
        Matcher matcher = HASH_FRAGMENT.matcher(pathRef);
        return matcher.find() ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** The local file {@code path_ref} names, relative paths taken from the registry's folder; empty for remote URIs. */
    public static Optional<Path> resolve(String pathRef, Path registryFile) {
        if (pathRef == null || pathRef.isBlank()) {
            return Optional.empty();
        }
        String location = HASH_FRAGMENT.matcher(pathRef).replaceFirst("").strip();
        if (location.startsWith("file:")) {
            return Optional.of(Path.of(URI.create(location)));
        }
        if (URI_SCHEME.matcher(location).matches()) {
            return Optional.empty();
        }
        Path path = Path.of(location);
        Path folder = registryFile.toAbsolutePath().getParent();
        return Optional.of(path.isAbsolute() || folder == null ? path : folder.resolve(path).normalize());
    }

    /**
     * Streams the file through SHA-256, reporting progress and stopping with {@link CancellationException} as soon as
     * {@code cancelled} says so.
     */
    public static Result verify(String pathRef, Path registryFile, Progress progress, BooleanSupplier cancelled) {
        if (pathRef == null || pathRef.isBlank()) {
            return new Result(Status.NO_PATH, pathRef, null, null, null, 0, "the version has no path_ref, so there is no artifact to verify");
        }
        String expected = expectedHash(pathRef).orElse(null);
        Optional<Path> resolved;
        try {
            resolved = resolve(pathRef, registryFile);
        } catch (IllegalArgumentException bad) {
            return new Result(Status.UNREADABLE, pathRef, null, expected, null, 0, "path_ref \"" + pathRef + "\" is not a valid path: " + bad.getMessage());
        }
        if (resolved.isEmpty()) {
            return new Result(Status.NOT_LOCAL, pathRef, null, expected, null, 0,
                    "path_ref " + pathRef + " is not a local file; verify it where it is stored");
        }
        Path file = resolved.get();
        if (!Files.isRegularFile(file)) {
            return new Result(Status.MISSING, pathRef, file, expected, null, 0, "the artifact file " + file + " does not exist");
        }
        String actual;
        long total;
        try {
            total = Files.size(file);
            actual = sha256(file, total, progress, cancelled);
        } catch (NoSuchFileException gone) {
            return new Result(Status.MISSING, pathRef, file, expected, null, 0, "the artifact file " + file + " does not exist");
        } catch (IOException unreadable) {
            return new Result(Status.UNREADABLE, pathRef, file, expected, null, 0, "cannot read " + file + ": " + unreadable.getMessage());
        }
        if (expected == null) {
            return new Result(Status.NO_STORED_HASH, pathRef, file, null, actual, total,
                    "the registry holds no hash for " + file + " (path_ref has no #sha256= part); its SHA-256 is " + actual);
        }
        if (!expected.equals(actual)) {
            return new Result(Status.DIFFERS, pathRef, file, expected, actual, total,
                    "the artifact DIFFERS from the registry: stored SHA-256 " + expected + ", file " + actual + " (" + file + ")");
        }
        return new Result(Status.MATCHES, pathRef, file, expected, actual, total, "the artifact matches its stored SHA-256 " + actual + " (" + file + ")");
    }

    private static String sha256(Path file, long total, Progress progress, BooleanSupplier cancelled) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
        byte[] buffer = new byte[BUFFER];
        long done = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("verification of " + file + " was cancelled");
                }
                digest.update(buffer, 0, n);
                done += n;
                progress.update(done, total);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

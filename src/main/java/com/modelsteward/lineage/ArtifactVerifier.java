package com.modelsteward.lineage;

import com.modelsteward.config.AppSettings;
import com.modelsteward.config.Environment;
import com.modelsteward.config.OsAccount;
import com.modelsteward.registry.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>{@code path_ref} comes from whoever wrote the registry, so it is a reference, never a path to follow anywhere: a
 * file is opened only when its real path (symbolic links resolved) lies inside the {@link ArtifactRoot artifact root},
 * and a reference with a {@code ..} segment is refused without resolving it. Run as root, the console opens artifacts
 * only under a root set explicitly or one that root owns and no one else can write, so a registry another user controls
 * cannot make root read, and print the hash of, a file such as /etc/shadow.
 */
public final class ArtifactVerifier {

    private static final Pattern HASH_FRAGMENT = Pattern.compile("#sha256=([0-9a-fA-F]{64})\\s*$");
    private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+://.*");
    private static final int BUFFER = 1 << 16;

    /** What verification found. */
    public enum Status { MATCHES, DIFFERS, MISSING, NO_STORED_HASH, NO_PATH, NOT_LOCAL, UNREADABLE, OUTSIDE_ROOT }

    /** The environment variable that sets the artifact root, as {@code --artifact-root} and the setting do. */
    public static final String ROOT_ENV = "MODEL_STEWARD_ARTIFACT_ROOT";
    /** The settings key (settings.properties in the data folder) that sets the artifact root. */
    public static final String ROOT_SETTING = "artifact.root";

    /**
     * The folder artifacts may be read from. {@code explicit} when someone chose it ({@code --artifact-root},
     * {@value #ROOT_ENV}, the {@value #ROOT_SETTING} setting); otherwise it is the registry file's folder.
     */
    public record ArtifactRoot(Path folder, boolean explicit) {

        public ArtifactRoot {
            folder = folder.toAbsolutePath().normalize();
        }

        /** The registry's folder, unless the option, the environment or the settings name another, in that order. */
        public static ArtifactRoot of(Location registry, Optional<String> option, Map<String, String> env, Optional<String> setting) {
            Optional<String> chosen = option.filter(v -> !v.isBlank())
                    .or(() -> Optional.ofNullable(env.get(ROOT_ENV)).filter(v -> !v.isBlank()))
                    .or(() -> setting.filter(v -> !v.isBlank()));
            if (chosen.isPresent()) {
                return new ArtifactRoot(Path.of(chosen.get()), true);
            }
            return new ArtifactRoot(registry.folder(), false);
        }

        /** As {@link #of} with the process's environment and the user's settings and no option. */
        public static ArtifactRoot configured(Location registry) {
            return of(registry, Optional.empty(), Environment.process().asMap(), AppSettings.load().get(ROOT_SETTING));
        }
    }

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
    public static Optional<Path> resolve(String pathRef, Location registry) {
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
        return Optional.of(path.isAbsolute() ? path : registry.folder().resolve(path).normalize());
    }

    /**
     * Streams the file through SHA-256, reporting progress and stopping with {@link CancellationException} as soon as
     * {@code cancelled} says so.
     */
    public static Result verify(String pathRef, Location registry, Progress progress, BooleanSupplier cancelled) {
        return verify(pathRef, registry, ArtifactRoot.configured(registry), superuser(), progress, cancelled);
    }

    /**
     * As {@link #verify(String, Location, Progress, BooleanSupplier)} within {@code root}; {@code superuser} says whether
     * this process runs as root (uid 0), in which case an implicit root must be root's own.
     */
    public static Result verify(String pathRef, Location registry, ArtifactRoot root, boolean superuser, Progress progress,
                                BooleanSupplier cancelled) {
        if (pathRef == null || pathRef.isBlank()) {
            return new Result(Status.NO_PATH, pathRef, null, null, null, 0, "the version has no path_ref, so there is no artifact to verify");
        }
        String expected = expectedHash(pathRef).orElse(null);
        Optional<Path> resolved;
        try {
            resolved = resolve(pathRef, registry);
        } catch (IllegalArgumentException bad) {
            return new Result(Status.UNREADABLE, pathRef, null, expected, null, 0, "path_ref \"" + pathRef + "\" is not a valid path: " + bad.getMessage());
        }
        if (resolved.isEmpty()) {
            return new Result(Status.NOT_LOCAL, pathRef, null, expected, null, 0,
                    "path_ref " + pathRef + " is not a local file; verify it where it is stored");
        }
        Path file = resolved.get();
        Optional<String> outside = outsideRoot(pathRef, file, root, superuser);
        if (outside.isPresent()) {
            return new Result(Status.OUTSIDE_ROOT, pathRef, file, expected, null, 0, outside.get());
        }
        if (!Files.isRegularFile(file)) {
            return new Result(Status.MISSING, pathRef, file, expected, null, 0, "the artifact file " + file + " does not exist");
        }
        try {
            file = file.toRealPath();
        } catch (NoSuchFileException gone) {
            return new Result(Status.MISSING, pathRef, file, expected, null, 0, "the artifact file " + file + " does not exist");
        } catch (IOException unreadable) {
            return new Result(Status.UNREADABLE, pathRef, file, expected, null, 0, "cannot read " + file + ": " + unreadable.getMessage());
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

    /** Why {@code file} may not be opened, or empty when it lies inside the root and the root may be used. */
    private static Optional<String> outsideRoot(String pathRef, Path file, ArtifactRoot root, boolean superuser) {
        String shown = com.modelsteward.registry.Names.forTerminal(pathRef, false);
        String location = HASH_FRAGMENT.matcher(pathRef).replaceFirst("");
        for (String segment : location.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return Optional.of("path_ref " + shown + " steps out of its folder with \"..\"; it was not opened");
            }
        }
        Path realRoot;
        try {
            realRoot = root.folder().toRealPath();
        } catch (IOException missing) {
            return Optional.of("the artifact root " + root.folder() + " does not exist or cannot be read, so no artifact was opened");
        }
        if (superuser && !root.explicit() && !ownedByRootAlone(realRoot)) {
            return Optional.of("this program runs as root and the artifact root " + realRoot + " is not root's alone, so path_ref "
                    + shown + " was not opened; set the artifact root explicitly (--artifact-root, " + ROOT_ENV + " or "
                    + ROOT_SETTING + " in the settings) to read artifacts as root");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Path normal = file.toAbsolutePath().normalize();
            return normal.startsWith(realRoot) || normal.startsWith(root.folder()) ? Optional.empty()
                    : Optional.of("path_ref " + shown + " names " + normal + ", outside the artifact root " + realRoot + "; it was not opened");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException unresolvable) {
            return Optional.of("path_ref " + shown + " cannot be resolved (" + unresolvable.getMessage() + "); it was not opened");
        }
        if (!real.startsWith(realRoot)) {
            return Optional.of("path_ref " + shown + " leads to " + real + ", outside the artifact root " + realRoot + "; it was not opened");
        }
        return Optional.empty();
    }

    /** Owned by uid 0 and writable by no group or other user, so no other account can have placed a link in it. */
    private static boolean ownedByRootAlone(Path folder) {
        try {
            Object uid = Files.getAttribute(folder, "unix:uid");
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
            return Integer.valueOf(0).equals(uid) && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                    && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
            return false;
        }
    }

    /** Whether this process runs as root; never on Windows, where there is no uid 0. */
    public static boolean superuser() {
        try {
            return OsAccount.current().uid() == 0;
        } catch (OsAccount.Unavailable unknown) {
            return true;
        }
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

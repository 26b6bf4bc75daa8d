package com.modelsteward.scorecards;

import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.ScorecardStagingFile;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private file in the temp folder that holds an import's validated rows until they are copied into the registry in one
 * short transaction (docs/decisions/0008). Parsing a large file takes minutes; doing it here takes no lock on the
 * registry, and the memory used does not grow with the file: rows go to disk in batches of {@value #BATCH}. Repeated
 * rows are found as they are written ({@link ScorecardStagingFile}, the engine's side of the file); this class owns the
 * file's name, its life and its removal.
 */
final class ScorecardStaging implements AutoCloseable {

    private static final String PREFIX = "model-steward-import-";
    /** "model-steward-import-PID-RANDOM.db" and its journal; files of older versions have only the random part. */
    private static final Pattern LEFTOVER = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)(-\\d+)?\\.db(?:-journal|-wal|-shm)?");
    /**
     * A file named the old way (no process id) may belong to an import an older version is running right now: it is
     * left alone until it has not changed for this long.
     */
    private static final java.time.Duration UNNAMED_LEFTOVER_AGE = java.time.Duration.ofHours(1);
    /** Staging files of imports running in this process; a shutdown (Ctrl-C, a closed console, SIGTERM) deletes them. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    /** Rows per JDBC batch and per staging commit: large enough to amortise the round trip, small enough to bound memory. */
    static final int BATCH = 10_000;

    private final Path file;
    private final ScorecardStagingFile engine;

    private ScorecardStaging(Path file, ScorecardStagingFile engine) {
        this.file = file;
        this.engine = engine;
    }

    /** A new, empty staging file; the caller closes it, which deletes the file. */
    static ScorecardStaging create(ScorecardStagingFile.Duplicates duplicates) {
        removeLeftovers();
        Path file;
        try {
            file = Files.createTempFile(PREFIX + ProcessHandle.current().pid() + "-", ".db");
            LIVE.add(file);
            ShutdownCleanup.install();
        } catch (IOException noTempSpace) {
            throw new RegistryException("E_IMPORT_CANT_STAGE", "cannot create a staging file in the temp folder "
                    + System.getProperty("java.io.tmpdir") + ": " + noTempSpace.getMessage() + "; nothing was imported");
        }
        try {
            return new ScorecardStaging(file, ScorecardStagingFile.create(file, BATCH, duplicates));
        } catch (RuntimeException failed) {
            deleteQuietly(file);
            throw failed;
        }
    }

    Path file() {
        return file;
    }

    /** Rows kept so far (duplicates left out), counting the batch not yet written. */
    long rows() {
        return engine.rows();
    }

    /** {@code value} null: the file gave no usable number; {@code generatedAt} null: the import time will be used. */
    void add(long line, String modelId, String packId, String metric, Double value, String generatedAt) {
        engine.add(line, modelId, packId, metric, value, generatedAt);
    }

    /** Writes the last batch and commits; afterwards the file is complete and may be attached to the registry. */
    void finish() {
        engine.finish();
    }

    /** Deletes the staging file: after a refusal, a cancel, or a copy into the registry. */
    @Override
    public void close() {
        engine.close();
        deleteQuietly(file);
        LIVE.remove(file);
    }

    /**
     * Deletes the staging files of imports whose process has ended without deleting them (killed, or the machine went
     * down): the file name carries the process id, and a file whose process is gone is no one's. Run before every import.
     */
    static void removeLeftovers() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path found : files) {
                Matcher name = LEFTOVER.matcher(found.getFileName().toString());
                boolean withPid = name.matches() && name.group(2) != null;
                if (name.matches() && (withPid ? !alive(name.group(1)) : untouchedFor(found, UNNAMED_LEFTOVER_AGE))) {
                    try {
                        Files.deleteIfExists(found);
                    } catch (IOException ignored) {
                        // another user's file, or already gone: not ours to worry about
                    }
                }
            }
        } catch (IOException | DirectoryIteratorException unlisted) {
            // an unreadable temp folder: the import that follows reports it when it creates its own file
        }
    }

    private static boolean untouchedFor(Path file, java.time.Duration age) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(java.time.Instant.now().minus(age));
        } catch (IOException gone) {
            return false;
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException notAPid) {
            return false;
        }
    }

    /** Installs the shutdown hook the first time a staging file is made (the holder idiom: once, thread-safe). */
    private static final class ShutdownCleanup {
        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ScorecardStaging::deleteQuietly), "scorecards-staging-cleanup"));
        }

        static void install() {
            // loading the class ran the static block
        }
    }

    private static void deleteQuietly(Path file) {
        for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException ignored) {
                // best effort: a staging file left in the temp folder holds no registry data that matters
            }
        }
    }
}

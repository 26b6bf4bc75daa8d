package com.modelsteward.scorecards;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Staging files do not outlive their import, even when its process was killed. */
class ScorecardStagingTest {

    @Test
    void aKilledImportsStagingFileIsRemovedByTheNextImportAndALiveOneIsKept() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Path orphan = Files.writeString(temp.resolve("model-steward-import-" + ended.pid() + "-42.db"), "rows of a killed import");
        Path orphanJournal = Files.writeString(temp.resolve("model-steward-import-" + ended.pid() + "-42.db-journal"), "journal");
        Path older = Files.writeString(temp.resolve("model-steward-import-8123456789012345678.db"), "an older version's file");
        Files.setLastModifiedTime(older, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
        // Named the old way and written just now: perhaps an older version importing at this moment.
        Path olderRunning = Files.writeString(temp.resolve("model-steward-import-8123456789012345679.db"), "an older version at work");
        Path running = Files.writeString(temp.resolve("model-steward-import-" + ProcessHandle.current().pid() + "-7.db"), "in use");
        Path unrelated = Files.writeString(temp.resolve("model-steward-import-notes.txt"), "not a staging file");
        try {
            try (ScorecardStaging staging = ScorecardStaging.create((line, first, timed) -> { })) {
                assertTrue(Files.exists(staging.file()));
                assertTrue(staging.file().getFileName().toString().startsWith("model-steward-import-" + ProcessHandle.current().pid() + "-"));
            }
            assertFalse(Files.exists(orphan), "the file of a process that has ended is deleted");
            assertFalse(Files.exists(orphanJournal));
            assertFalse(Files.exists(older));
            assertTrue(Files.exists(running), "a running import's file is kept");
            assertTrue(Files.exists(olderRunning), "an old-style file changed within the hour is kept");
            assertTrue(Files.exists(unrelated));
        } finally {
            for (Path file : new Path[] {orphan, orphanJournal, older, olderRunning, running, unrelated}) {
                Files.deleteIfExists(file);
            }
        }
    }
}

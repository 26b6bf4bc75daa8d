package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Registry#write} applies a write exactly once when another connection takes the lock at the worst moments.
 *
 * <p>sqlite-jdbc's {@code commit()} runs {@code commit;} and then at once {@code begin immediate;}; when another program
 * took the lock in between, that second statement timed out, the committed write was reported busy and retried, and
 * an approval was applied twice (issue 19). These tests take the lock from a second, real connection right after the
 * COMMIT and in the middle of a transaction, and count what was written and how often the work ran.
 */
class ExactlyOnceWriteTest {

    private static final String INSERT = "INSERT INTO events (event_type, payload_json) VALUES ('once', '{}')";

    @TempDir
    Path dir;

    @Test
    void aWriteWhoseLockIsTakenRightAfterItsCommitReportsSuccessAndIsAppliedOnce() throws Exception {
        Path file = dir.resolve("once.db");
        Registry.create(file).close();
        try (Registry registry = Registry.open(file);
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement otherStatement = other.createStatement()) {
            AtomicInteger runs = new AtomicInteger();
            registry.afterCommit(() -> execute(otherStatement, "BEGIN IMMEDIATE"));
            String result = registry.writeHandle(h -> {
                runs.incrementAndGet();
                h.execute(INSERT);
                return "done";
            });
            otherStatement.execute("ROLLBACK");
            assertEquals("done", result, "the committed write reports success although another program holds the lock now");
            assertEquals(1, runs.get(), "the work ran once");
            assertEquals(1, onceEvents(registry));
        }
    }

    @Test
    void aFailureAfterTheCommitDoesNotTurnTheWriteIntoAFailure() throws Exception {
        try (Registry registry = Registry.create(dir.resolve("after.db"))) {
            registry.afterCommit(() -> {
                throw new IllegalStateException("something after the commit failed");
            });
            assertEquals("done", registry.writeHandle(h -> {
                h.execute(INSERT);
                return "done";
            }));
            registry.afterCommit(() -> { });
            assertEquals(1, onceEvents(registry), "applied once; the next write finds a clean connection");
            registry.writeHandle(h -> h.execute(INSERT));
            assertEquals(2, onceEvents(registry));
        }
    }

    @Test
    void aCommitRefusedAsBusyIsRolledBackAndRetriedOnce() throws Exception {
        Path file = dir.resolve("retry.db");
        Path side = dir.resolve("side.db");
        try (Connection setup = DriverManager.getConnection("jdbc:sqlite:" + side); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE t (x INTEGER)");
            statement.execute("INSERT INTO t VALUES (1)");
        }
        Registry.create(file).close();
        try (Registry registry = Registry.open(file);
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + side);
             Statement otherStatement = other.createStatement()) {
            // In the first run the second connection starts reading the attached file (a rollback-journal database), so the
            // COMMIT, which needs that file exclusively, fails busy and leaves the transaction open; the write's note
            // that it is waiting is the moment to stop reading.
            registry.onLockWait((path, waited, budget) -> execute(otherStatement, "ROLLBACK"));
            AtomicInteger runs = new AtomicInteger();
            long retriesBefore = WriteStats.snapshot().get("retries");
            long rows = registry.writeHandleWithStaging(side, h -> {
                if (runs.incrementAndGet() == 1) {
                    execute(otherStatement, "BEGIN");
                    execute(otherStatement, "SELECT count(*) FROM t");
                }
                h.execute(INSERT);
                h.execute("INSERT INTO staging.t VALUES (2)");
                return h.createQuery("SELECT count(*) FROM staging.t").mapTo(Long.class).one();
            });
            assertEquals(2, rows);
            assertEquals(2, runs.get(), "the busy attempt rolled back and ran again, once");
            assertEquals(1, WriteStats.snapshot().get("retries") - retriesBefore);
            assertEquals(1, onceEvents(registry), "the rolled-back attempt left nothing");
        }
    }

    private static long onceEvents(Registry registry) {
        return registry.readHandle(h -> h.createQuery("SELECT count(*) FROM events WHERE event_type = 'once'").mapTo(Long.class).one());
    }

    private static void execute(Statement statement, String sql) {
        try {
            statement.execute(sql);
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }
}

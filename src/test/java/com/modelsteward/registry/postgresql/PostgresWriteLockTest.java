package com.modelsteward.registry.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.Registry;
import com.modelsteward.registry.WriteStats;
import com.modelsteward.testsupport.PostgresTeam;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writers of a server registry wait for its write lock in the server's own queue: in the order they came, asking once
 * (no retried tries that would send them to the back), and each is told once the wait has passed a second.
 */
@Tag("postgresql")
class PostgresWriteLockTest {

    @Test
    void writersWaitingForTheLockGetItInTheOrderTheyCameAskingOnceAndAreTold() throws Exception {
        try (PostgresTeam team = new PostgresTeam()) {
            Registry alice = team.as("alice");
            Registry bob = team.as("bob");
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            List<String> told = Collections.synchronizedList(new ArrayList<>());
            alice.onLockWait((where, waited, budget) -> told.add("alice"));
            bob.onLockWait((where, waited, budget) -> told.add("bob"));
            long retriesBefore = WriteStats.snapshot().get("retries");
            List<Thread> writers = new ArrayList<>();
            try (Connection holder = team.server().superConnection(team.database());
                 Connection watcher = team.server().superConnection(team.database())) {
                holder.setAutoCommit(false);
                try (Statement lock = holder.createStatement()) {
                    lock.execute(PostgresEngine.TAKE_WRITE_LOCK);
                }
                writers.add(Thread.ofPlatform().start(() -> alice.writeHandle(h -> order.add("alice"))));
                awaitWaiting(watcher, 1);
                writers.add(Thread.ofPlatform().start(() -> bob.writeHandle(h -> order.add("bob"))));
                awaitWaiting(watcher, 2);
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (told.size() < 2 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(20_000_000);
                }
                assertEquals(2, waiting(watcher), "both still wait, each once, while they are told");
                holder.rollback();
            }
            for (Thread writer : writers) {
                writer.join(30_000);
            }
            assertEquals(List.of("alice", "bob"), order, "first come, first served");
            assertEquals(List.of("alice", "bob"), told, "each told once, in the order they came");
            assertEquals(retriesBefore, WriteStats.snapshot().get("retries"), "no write asked for the lock again");
        }
    }

    private static void awaitWaiting(Connection watcher, int writers) throws SQLException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (waiting(watcher) < writers) {
            assertTrue(System.nanoTime() < deadline, "the writers never waited for the lock");
            LockSupport.parkNanos(10_000_000);
        }
    }

    /** The auditor may read everything and lock nothing that writers wait for; the old advisory key stalls no one. */
    @Test
    void aLoginThatMayOnlyReadCannotStallTheWriters() throws Exception {
        try (PostgresTeam team = new PostgresTeam()) {
            Registry alice = team.as("alice");
            try (Connection audrey = team.server().connectAs("audrey", team.database()); Statement sql = audrey.createStatement()) {
                audrey.setAutoCommit(false);
                java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> sql.execute(PostgresEngine.TAKE_WRITE_LOCK));
                assertEquals("42501", refused.getSQLState(), refused.getMessage());
                audrey.rollback();
                sql.execute("SELECT pg_advisory_lock(6004500444252095537)");
                sql.execute("SELECT count(*) FROM steward.write_lock");
                long started = System.nanoTime();
                alice.writeHandle(h -> h.execute("INSERT INTO registry_meta (key, value) VALUES ('written', 'while audrey held her locks')"));
                org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - started < 30_000_000_000L, "the write did not wait out the budget");
                audrey.rollback();
            }
            assertEquals("while audrey held her locks", team.owner().read(store -> store.meta().value("written")).orElseThrow());
        }
    }

    private static int waiting(Connection watcher) throws SQLException {
        try (PreparedStatement query = watcher.prepareStatement("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'relation' AND NOT granted
                   AND relation = 'steward.write_lock'::regclass""");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}

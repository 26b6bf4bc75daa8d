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
                    lock.execute("SELECT pg_advisory_xact_lock(" + PostgresEngine.WRITE_LOCK_KEY + ")");
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

    private static int waiting(Connection watcher) throws SQLException {
        try (PreparedStatement query = watcher.prepareStatement("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                   AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}

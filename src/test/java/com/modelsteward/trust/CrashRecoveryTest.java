package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL ({@link Process#destroyForcibly()} on Linux) an engine process at random moments of its transitions, again and
 * again; after every kill the registry must open, pass {@code PRAGMA integrity_check}, hold every transition whole (state,
 * ACTIVE pointer, audit entries and outbox event together, nothing left EXECUTING), verify its audit chain and
 * signatures, and contain everything the killed process acknowledged. The default run stops after
 * {@code trust.crash.kills} kills or {@code trust.crash.maxSeconds}, whichever comes first; {@code -Pstress} runs 250.
 */
@Tag("load")
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void killingTheEngineMidTransitionNeverLeavesAHalfWrittenRegistry() throws Exception {
        int wantedKills = Integer.getInteger("trust.crash.kills", 200);
        long budgetNanos = Long.getLong("trust.crash.maxSeconds", 60) * 1_000_000_000L;
        LoadFixture fixture = LoadFixture.create(dir);
        Path ack = dir.resolve("crash.ack");
        Random random = new Random(42);
        long started = System.nanoTime();
        int kills = 0;
        int insideAnOperation = 0;
        while (kills < wantedKills && System.nanoTime() - started < budgetNanos) {
            long before = LoadFixture.count(ack, "ACK");
            Process worker = fixture.worker(ack, "k" + kills, random.nextLong(), Long.MAX_VALUE, 600)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("crash.err").toFile()).start();
            // Kill only once the process is at work (its first acknowledged write), after a further random pause.
            while (worker.isAlive() && LoadFixture.count(ack, "ACK") == before) {
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(120));
            worker.destroyForcibly();
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, worker.exitValue(), "the worker died of SIGKILL, not of an error: " + Files.readString(dir.resolve("crash.err")));
            kills++;
            List<String> lines = Files.readAllLines(ack);
            if (lines.getLast().startsWith("TRY")) {
                insideAnOperation++;
            }
            try (Registry reopened = Registry.open(fixture.db)) {
                assertEquals(List.of(), LoadFixture.problems(reopened), "after kill " + kills);
                assertEquals(List.of(), LoadFixture.missingAcknowledged(reopened, ack), "after kill " + kills);
            }
        }
        try (Registry registry = Registry.open(fixture.db)) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("kills", kills);
            figures.put("kills_inside_an_operation", insideAnOperation);
            figures.put("acknowledged_writes", LoadFixture.count(ack, "ACK"));
            figures.put("executed_requests", registry.readHandle(h -> h.createQuery(
                    "SELECT count(*) FROM transition_requests WHERE status = 'EXECUTED'").mapTo(Long.class).one()));
            figures.put("audit_entries", registry.readHandle(h -> h.createQuery("SELECT count(*) FROM audit_log").mapTo(Long.class).one()));
            figures.put("seconds", (System.nanoTime() - started) / 1_000_000_000L);
            Files.createDirectories(Path.of("target", "trust"));
            String json = CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures);
            Files.writeString(Path.of("target", "trust", "crash-figures.json"), json);
            System.out.println(json);
        }
        assertTrue(kills >= Math.min(wantedKills, 5), "too few kills to mean anything: " + kills);
        assertTrue(insideAnOperation > 0, "no kill landed inside an operation (" + kills + " kills)");
    }
}

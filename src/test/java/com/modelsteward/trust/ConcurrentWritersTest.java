package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several OS processes of the engine plus the pipeline (Python's sqlite3) write one registry at the same time. The run is
 * bounded by work, not by time: each worker stops after its share of transitions, the pipeline after its rows once the
 * workers are done; a time cap only guards against a hang. Sizes come from system properties so that {@code -Pstress}
 * runs the same test bigger (pom.xml); the figures go to target/trust/load-figures.json for docs/reliability.md.
 * Tagged {@code load}, as {@link StormTest}: {@code -DexcludedGroups=load} leaves both out.
 */
@Tag("load")
class ConcurrentWritersTest {

    @TempDir
    Path dir;

    @Test
    void engineProcessesAndThePipelineShareOneRegistryWithoutLosingOrForgingAnything() throws Exception {
        int workers = Integer.getInteger("trust.load.workers", 2);
        long transitions = Long.getLong("trust.load.transitions", 1_000);
        long rows = Long.getLong("trust.load.rows", 10_000);
        long cap = Long.getLong("trust.load.maxSeconds", 300);
        LoadFixture fixture = LoadFixture.create(dir);
        Path stop = dir.resolve("workers-done");
        Path pipelineAck = dir.resolve("pipeline.ack");
        Path script = Path.of(ConcurrentWritersTest.class.getResource("/load/pipeline_writer.py").toURI());
        Process pipeline = new ProcessBuilder("python3", script.toString(), fixture.db.toString(), pipelineAck.toString(), stop.toString(),
                Long.toString(rows), Long.toString(cap))
                .redirectOutput(dir.resolve("pipeline.out").toFile()).redirectError(dir.resolve("pipeline.err").toFile()).start();
        List<Process> processes = new ArrayList<>();
        List<Path> acks = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Path ack = dir.resolve("worker-" + i + ".ack");
            acks.add(ack);
            processes.add(fixture.worker(ack, "w" + i, 1000 + i, (transitions + workers - 1) / workers, cap)
                    .redirectOutput(dir.resolve("worker-" + i + ".out").toFile()).redirectError(dir.resolve("worker-" + i + ".err").toFile())
                    .start());
        }
        for (Process process : processes) {
            assertTrue(process.waitFor(cap + 60, TimeUnit.SECONDS), "a worker did not finish");
            assertEquals(0, process.exitValue(), "a worker failed");
        }
        Files.createFile(stop);
        assertTrue(pipeline.waitFor(cap + 60, TimeUnit.SECONDS), "the pipeline did not finish");
        assertEquals(0, pipeline.exitValue(), Files.readString(dir.resolve("pipeline.err")));

        long attempted = 0;
        long executed = 0;
        long failures = 0;
        long locked = 0;
        Map<String, Long> refused = new LinkedHashMap<>();
        StringBuilder faults = new StringBuilder();
        for (int i = 0; i < workers; i++) {
            JsonNode summary = CanonicalJson.mapper().readTree(Files.readString(dir.resolve("worker-" + i + ".out")).strip());
            attempted += summary.get("attempted").asLong();
            executed += summary.get("executed").asLong();
            failures += summary.get("failures").asLong();
            locked += summary.get("locked").asLong();
            summary.get("refused").properties().forEach(e -> refused.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            faults.append(Files.readString(dir.resolve("worker-" + i + ".err"), StandardCharsets.UTF_8));
        }
        JsonNode python = CanonicalJson.mapper().readTree(Files.readString(dir.resolve("pipeline.out")).strip());

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("engine_processes", workers);
        figures.put("transitions_attempted", attempted);
        figures.put("transitions_executed", executed);
        figures.put("refusals_by_code", refused);
        figures.put("engine_failures", failures);
        figures.put("database_locked_shown", locked);
        figures.put("pipeline", python);
        try (Registry registry = Registry.open(fixture.db)) {
            figures.put("audit_entries", registry.readHandle(h -> h.createQuery("SELECT count(*) FROM audit_log").mapTo(Long.class).one()));
            figures.put("signed_heads", registry.readHandle(h -> h.createQuery("SELECT count(*) FROM audit_signatures").mapTo(Long.class).one()));
            writeFigures(figures);

            assertEquals("", faults.toString(), "no process reported a fault");
            assertEquals(0, failures);
            assertEquals(0, locked, "no 'database is locked' reached a user");
            assertEquals(0, python.get("failures").asLong(), "the pipeline lost no write");
            assertTrue(attempted >= transitions, "transitions attempted: " + attempted);
            assertTrue(python.get("rows").asLong() >= rows, "pipeline rows: " + python);
            assertTrue(executed > 0);
            LoadFixture.assertWhole(registry);
            for (Path ack : acks) {
                assertEquals(List.of(), LoadFixture.missingAcknowledged(registry, ack), "acknowledged by " + ack.getFileName());
            }
            assertEquals(List.of(), LoadFixture.missingAcknowledged(registry, pipelineAck), "acknowledged by the pipeline");
        }
    }

    private static void writeFigures(Map<String, Object> figures) throws Exception {
        Path out = Path.of("target", "trust");
        Files.createDirectories(out);
        String json = CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures);
        Files.writeString(out.resolve("load-figures.json"), json);
        System.out.println(json);
    }
}

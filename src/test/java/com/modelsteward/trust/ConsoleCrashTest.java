package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppDirs;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Role;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyStore;
import com.modelsteward.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console killed while open: a real console process ({@link ConsoleAtWork}) is SIGKILLed at random moments while
 * its background tasks commit transitions; after each kill the registry passes the same checks as after an engine
 * crash ({@link LoadFixture#problems}), holds everything the console acknowledged, and the console opens it again (its
 * {@code --smoke} self-test paints the registry and exits 0). The run stops after {@code trust.consoleCrash.kills}
 * kills or {@code trust.consoleCrash.maxSeconds}, whichever comes first.
 */
@Tag("load")
class ConsoleCrashTest {

    @TempDir
    Path dir;

    @Test
    void killingTheConsoleWhileItWritesLeavesTheRegistryWholeAndItReopens() throws Exception {
        int wantedKills = Integer.getInteger("trust.consoleCrash.kills", 8);
        long budgetNanos = Long.getLong("trust.consoleCrash.maxSeconds", 90) * 1_000_000_000L;
        LoadFixture fixture = LoadFixture.create(dir);
        storeTheLoadPolicy(fixture);
        Path ack = dir.resolve("console.ack");
        Path stderr = dir.resolve("console.err");
        Random random = new Random(7);
        long started = System.nanoTime();
        int kills = 0;
        int insideAWrite = 0;
        while (kills < wantedKills && System.nanoTime() - started < budgetNanos) {
            long before = LoadFixture.count(ack, "ACK");
            Process console = java(fixture, ConsoleAtWork.class.getName(), fixture.db.toString(), ack.toString(), "ann.one",
                    Long.toString(random.nextLong()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
            // Kill once the console has opened the registry and committed, after a further random pause.
            while (console.isAlive() && LoadFixture.count(ack, "ACK") == before) {
                Thread.sleep(10);
            }
            assertTrue(console.isAlive(), "the console ended on its own: " + Files.readString(stderr));
            Thread.sleep(random.nextInt(1500));
            console.destroyForcibly();
            assertTrue(console.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, console.exitValue(), "the console died of SIGKILL, not of an error: " + Files.readString(stderr));
            kills++;
            if (Files.readAllLines(ack, StandardCharsets.UTF_8).getLast().startsWith("TRY")) {
                insideAWrite++;
            }
            try (Registry reopened = Registry.open(fixture.db)) {
                assertEquals(List.of(), LoadFixture.problems(reopened), "after kill " + kills);
                assertEquals(List.of(), LoadFixture.missingAcknowledged(reopened, ack), "after kill " + kills);
            }
        }
        assertTrue(kills >= Math.min(wantedKills, 3), "too few kills to mean anything: " + kills);
        long executed = Files.readAllLines(ack, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("ACK EXECUTED")).count();
        assertTrue(executed > 0, "the killed consoles committed no transition, so the kills proved nothing");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("console_kills", kills);
        figures.put("console_kills_inside_a_write", insideAWrite);
        figures.put("acknowledged_writes", LoadFixture.count(ack, "ACK"));
        figures.put("acknowledged_transitions", executed);
        figures.put("seconds", (System.nanoTime() - started) / 1_000_000_000L);
        Files.createDirectories(Path.of("target", "trust"));
        String json = CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures);
        Files.writeString(Path.of("target", "trust", "console-crash-figures.json"), json);
        System.out.println(json);

        Process smoke = java(fixture, "com.modelsteward.Main", "--smoke", "--db", fixture.db.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        assertTrue(smoke.waitFor(180, TimeUnit.SECONDS), "the console did not reopen the registry");
        assertEquals(0, smoke.exitValue(), "the console reopens the registry after the kills: " + Files.readString(stderr));
    }

    /** The load test's lifecycle (no scorecard gates), stored in the registry by its ADMIN, so the console uses it. */
    private static void storeTheLoadPolicy(LoadFixture fixture) {
        String previousHome = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, fixture.home.toString());
        try (Registry registry = Registry.open(fixture.db)) {
            PolicyStore.set(registry, Clock.systemUTC(), new Identity("ada", Set.of(Role.ADMIN), false), fixture.policy, Map.of());
        } finally {
            if (previousHome == null) {
                System.clearProperty(AppDirs.HOME_PROPERTY);
            } else {
                System.setProperty(AppDirs.HOME_PROPERTY, previousHome);
            }
        }
    }

    /** A JVM on the test's class path with JavaFX's headless platform and the fixture's data directory (its keys). */
    private static ProcessBuilder java(LoadFixture fixture, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dglass.platform=Headless", "-Dprism.order=sw", "--enable-native-access=ALL-UNNAMED",
                "-Dsteward.home=" + fixture.home, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}

package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppDirs;
import com.modelsteward.testsupport.TestRegistries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --smoke}, the self-test the installers and CI run against the packaged launcher, here against the classes of
 * this build: a real JVM process, a real toolkit (headless glass), a real registry file. One JavaFX application per
 * process, hence a child process per case.
 */
@Tag("console")
class ConsoleSmokeTest {

    private static final Pattern MILESTONE = Pattern.compile("(?m)^steward\\.startup (first-frame|registry-frame|first-data-frame)-ms=\\d+ cpu-ms=\\d+$");

    @TempDir
    Path dir;

    private record Run(int exit, String stderr) {
    }

    private Run console(Path home, String... args) throws IOException, InterruptedException {
        return consoleOn("Headless", home, args);
    }

    /** The console on glass {@code platform}; on GTK with no display, as from a shell that has none. */
    private Run consoleOn(String platform, Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dglass.platform=" + platform, "-Dprism.order=sw", "--enable-native-access=ALL-UNNAMED",
                "-D" + FirstFrame.LOG_PROPERTY + "=true",
                "-cp", System.getProperty("java.class.path"), "com.modelsteward.Main"));
        command.addAll(List.of(args));
        Path stderr = dir.resolve("stderr-" + System.nanoTime() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().put(AppDirs.HOME_ENV, home.toString());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the console did not exit: " + command);
        }
        return new Run(process.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
    }

    @Test
    void smokeOpensTheRegistryPaintsItAndExitsZero() throws Exception {
        TestRegistries.demo(dir).close();
        Path db = dir.resolve("demo.db");
        Path home = dir.resolve("home");

        Run run = console(home, "--smoke", "--db", db.toString());

        assertEquals(0, run.exit(), run.stderr());
        assertEquals(3, MILESTONE.matcher(run.stderr()).results().count(), "the three start-up milestones are logged:\n" + run.stderr());
        assertTrue(Files.readString(home.resolve("settings.properties")).contains("registry.last="),
                "the console remembers the registry it opened");
    }

    @Test
    void withNoArgumentsTheConsoleCreatesAndOpensTheDemoRegistryInTheDataDirectory() throws Exception {
        Path home = dir.resolve("fresh-home");

        Run run = console(home, "--smoke");

        assertEquals(0, run.exit(), run.stderr());
        assertTrue(Files.isRegularFile(home.resolve("demo.db")), "the demo registry is created in the user's data directory");
        assertTrue(run.stderr().contains("Model Steward: creating the demo registry " + home.resolve("demo.db") + " (first start"),
                "a terminal is told what the first start waits for:\n" + run.stderr());
    }

    @Test
    void smokeExitsOneWithOneLineNamingTheFileWhenTheRegistryCannotBeOpened() throws Exception {
        Path notARegistry = Files.writeString(dir.resolve("notes.db"), "not a database");

        Run run = console(dir.resolve("home"), "--smoke", "--db", notARegistry.toString());

        assertEquals(1, run.exit(), run.stderr());
        List<String> ours = run.stderr().lines().filter(line -> line.startsWith("E_")).toList();
        assertEquals(1, ours.size(), run.stderr());
        assertTrue(ours.getFirst().startsWith("E_REGISTRY_NOT_SQLITE: ") && ours.getFirst().contains(notARegistry.toString()),
                ours.getFirst());
        assertFalse(run.stderr().contains("\tat "), "no stack trace:\n" + run.stderr());
    }

    @Test
    void withNoDisplayTheConsoleSaysSoInOneLineAndExitsOne() throws Exception {
        TestRegistries.demo(dir).close();

        Run run = consoleOn("gtk", dir.resolve("home"), "--db", dir.resolve("demo.db").toString());

        assertEquals(1, run.exit(), run.stderr());
        List<String> ours = run.stderr().lines().filter(line -> line.startsWith("E_")).toList();
        assertEquals(List.of("E_NO_DISPLAY: the console needs a display and cannot open one (DISPLAY is not set); the command line "
                + "runs without one (`model-steward help` lists its commands)"), ours, run.stderr());
        assertFalse(run.stderr().contains("\tat "), "no stack trace:\n" + run.stderr());
    }
}

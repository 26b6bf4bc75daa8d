package com.modelsteward.testsupport;

import com.modelsteward.cli.Cli;
import com.modelsteward.cli.CliContext;
import com.modelsteward.config.AppDirs;
import com.modelsteward.config.Environment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The command line run in-process as a named user (trusted test code playing several people), with a data folder of
 * its own for each test (keys, pins, settings) and what each run printed. Register with {@code @RegisterExtension}.
 */
public final class CliHarness implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path home;
    private String previousHome;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("cli-home");
        previousHome = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, home.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TempFolders.delete(home);
        if (previousHome == null) {
            System.clearProperty(AppDirs.HOME_PROPERTY);
        } else {
            System.setProperty(AppDirs.HOME_PROPERTY, previousHome);
        }
    }

    /** Runs one command as {@code user} at the tests' fixed "now"; returns its exit status. */
    public int run(String user, String... args) {
        return run(user, Map.of(), args);
    }

    /** The same with {@code environment} as the process's environment (PGPASSWORD, HOME, …). */
    public int run(String user, Map<String, String> environment, String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC), user, Environment.of(environment));
        return new Cli(context).execute(args);
    }

    /** What the last run printed on its standard output. */
    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the last run printed on its error stream. */
    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** This test's data folder. */
    public Path home() {
        return home;
    }
}

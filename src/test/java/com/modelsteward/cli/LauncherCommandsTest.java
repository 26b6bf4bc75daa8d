package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.testsupport.CpuInfo;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux launcher script (packaging/linux/launcher.sh) in an app-image of its own whose {@code java} prints what it
 * was given: which launcher's settings a command gets, and which commands run on C1 alone. The two lists of commands
 * in the script hold every command of the command line, each once: a new command must be put in one of them.
 */
class LauncherCommandsTest {

    private static final Path SCRIPT = Path.of("packaging/linux/launcher.sh");
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final String SMALL_YOUNG_GENERATION = "-Xmn32m";
    private static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";
    /** The script's case patterns: the words before ")" of the branch that adds the options, and of the one that does not. */
    private static final Pattern BRANCHES = Pattern.compile("case \\$1 in\\s+(.*?)\\)\\s*options\\+=\\(" + Pattern.quote(C1_ONLY)
            + "\\).*?;;\\s+(.*?)\\) ;;\\s+esac", Pattern.DOTALL);

    @TempDir
    Path root;

    @Test
    void everyCommandIsInExactlyOneOfTheScriptsTwoLists() throws IOException {
        Matcher branches = BRANCHES.matcher(Files.readString(SCRIPT));
        assertTrue(branches.find(), "launcher.sh has no case of the commands that run on C1 alone");
        Set<String> quick = words(branches.group(1));
        Set<String> bulk = words(branches.group(2));
        Set<String> both = new TreeSet<>(quick);
        both.retainAll(bulk);
        assertEquals(Set.of(), both, "commands in both of launcher.sh's lists");
        Set<String> listed = new TreeSet<>(quick);
        listed.addAll(bulk);
        listed.removeAll(Set.of("-h", "--help", "-V", "--version"));
        assertEquals(new TreeSet<>(Cli.commandLine().getSubcommands().keySet()), listed, "the commands in launcher.sh's lists");
    }

    @Test
    void aCommandWaitedOnRunsOnC1AloneInASmallYoungGenerationAndABulkCommandKeepsTheDefaults() throws Exception {
        install();
        List<String> status = run("model-steward-cli", "status", "--db", "r.db");
        assertTrue(status.containsAll(List.of(C1_ONLY, SMALL_YOUNG_GENERATION, "-Dfrom=cli")), status.toString());
        assertEquals(List.of("status", "--db", "r.db"), status.subList(status.size() - 3, status.size()));
        assertTrue(run("model-steward-cli", "audit", "verify").contains(SMALL_YOUNG_GENERATION));
        for (List<String> bulk : List.of(List.of("drift", "--reference", "a.csv", "--current", "b.csv"), List.of("demo"))) {
            List<String> given = run("model-steward-cli", bulk.toArray(String[]::new));
            assertFalse(given.contains(C1_ONLY) || given.contains(SMALL_YOUNG_GENERATION), given.toString());
        }
        // Without arguments the command-line launcher prints the help: its cfg's default arguments, a quick command.
        List<String> help = run("model-steward-cli");
        assertTrue(help.contains(C1_ONLY), help.toString());
        assertEquals("help", help.getLast());
    }

    @Test
    void aDriftRunsWithTheDriftsOwnCacheWhereTheAppImageHasOne() throws Exception {
        install();
        cfg("model-steward-cli", "cli", "java-options=-XX:AOTCache=$APPDIR/model-steward-cli.aot\n[ArgOptions]\narguments=help\n");
        String drift = "-XX:AOTCache=" + root.resolve("lib/app/model-steward-drift.aot");
        String commands = "-XX:AOTCache=" + root.resolve("lib/app/model-steward-cli.aot");
        assertTrue(run("model-steward-cli", "drift", "--reference", "a.csv").contains(commands), "no drift cache built: the commands' one");
        Files.writeString(root.resolve("lib/app/model-steward-drift.aot"), "a cache");
        for (String launcher : List.of("model-steward-cli", "model-steward")) {
            List<String> given = run(launcher, "drift", "--reference", "a.csv");
            assertTrue(given.contains(drift) && !given.contains(commands), launcher + ": " + given);
        }
        for (String other : List.of("status", "drift-samples", "demo")) {
            List<String> given = run("model-steward-cli", other);
            assertTrue(given.contains(commands) && !given.contains(drift), other + ": " + given);
        }
        // A word after the command is not the command.
        assertTrue(run("model-steward-cli", "help", "drift").contains(commands));
    }

    @Test
    void transparentHugePagesAreKeptOnIntelsCpusOnly() throws Exception {
        install();
        cfg("model-steward-cli", "cli", "java-options=" + HUGE_PAGES + "\njava-options=-Dafter=pages\n[ArgOptions]\narguments=help\n");
        boolean intel = CpuInfo.read().intel();
        for (List<String> command : List.of(List.of("drift", "--reference", "a.csv", "--current", "b.csv"), List.of("status"))) {
            List<String> given = run("model-steward-cli", command.toArray(String[]::new));
            assertEquals(intel, given.contains(HUGE_PAGES), (intel ? "an Intel CPU: " : "not an Intel CPU: ") + given);
            // The options around it are kept, and no empty argument is left in its place (java would take it for the class).
            assertTrue(given.containsAll(List.of("-Dfrom=cli", "-Dafter=pages")), given.toString());
            assertFalse(given.contains(""), given.toString());
            assertEquals(command, given.subList(given.size() - command.size(), given.size()));
        }
    }

    @Test
    void aHeapTheUserBoundedIsLeftToTheCollectorToDivide() throws Exception {
        install();
        for (String bound : List.of("-Xmx32m", "-Dx=1 -XX:MaxHeapSize=40m", "-XX:MaxRAMPercentage=5", "-Xmn8m", "-XX:NewRatio=3")) {
            List<String> given = runWith(bound, "model-steward-cli", "status");
            assertTrue(given.contains(C1_ONLY), bound + ": " + given);
            assertFalse(given.contains(SMALL_YOUNG_GENERATION), bound + ": " + given);
        }
        assertTrue(runWith("-Dx=1 -Xss2m", "model-steward-cli", "status").contains(SMALL_YOUNG_GENERATION));
    }

    @Test
    void theConsoleLauncherGivenACommandRunsItWithTheCommandLinesSettings() throws Exception {
        install();
        List<String> status = run("model-steward", "status", "--db", "r.db");
        assertTrue(status.containsAll(List.of("-Dfrom=cli", C1_ONLY)), status.toString());
        assertFalse(status.contains("-Dfrom=console"), status.toString());
        assertTrue(run("model-steward", "--version").contains("-Dfrom=cli"));
        assertFalse(run("model-steward", "drift", "--reference", "a.csv", "--current", "b.csv").contains(C1_ONLY));
        // The console: no arguments, or console options first.
        for (List<String> console : List.of(List.<String>of(), List.of("--db", "r.db"))) {
            List<String> given = run("model-steward", console.toArray(String[]::new));
            assertTrue(given.contains("-Dfrom=console"), given.toString());
            assertFalse(given.contains(C1_ONLY) || given.contains("-Dfrom=cli"), given.toString());
        }
    }

    @Test
    void theScriptTellsTheConsoleFromTheCommandLineAsMainDoes() throws Exception {
        install();
        Method opensConsole = Class.forName("com.modelsteward.Main").getDeclaredMethod("opensConsole", String[].class);
        opensConsole.setAccessible(true);
        for (List<String> arguments : List.of(List.<String>of(), List.of("--db", "r.db"), List.of("--smoke"), List.of("status"),
                List.of("help"), List.of("--help"), List.of("--version"), List.of("-h"), List.of("-V"), List.of(""), List.of("-x"))) {
            String[] words = arguments.toArray(String[]::new);
            boolean console = (boolean) opensConsole.invoke(null, (Object) words);
            List<String> given = run("model-steward", words);
            assertTrue(given.contains(console ? "-Dfrom=console" : "-Dfrom=cli"), "model-steward " + arguments + ": " + given);
        }
    }

    private static Set<String> words(String pattern) {
        Set<String> words = new HashSet<>();
        for (String word : pattern.replace("\\", " ").split("[|\\s]+")) {
            if (!word.isEmpty()) {
                assertTrue(words.add(word), "launcher.sh lists " + word + " twice");
            }
        }
        return words;
    }

    /** An app-image of the script, two cfgs told apart by a property, and a java that prints its arguments a line each. */
    private void install() throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("lib/app"));
        Files.createDirectories(root.resolve("lib/runtime/bin"));
        for (String launcher : List.of("model-steward", "model-steward-cli")) {
            Files.copy(SCRIPT, root.resolve("bin").resolve(launcher));
            executable(root.resolve("bin").resolve(launcher));
        }
        cfg("model-steward", "console", "");
        cfg("model-steward-cli", "cli", "\n[ArgOptions]\narguments=help\n");
        Path java = root.resolve("lib/runtime/bin/java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        executable(java);
    }

    /** A launcher's cfg as jpackage writes it, its one Java option naming it ({@code -Dfrom=NAME}). */
    private void cfg(String launcher, String name, String more) throws IOException {
        Files.writeString(root.resolve("lib/app/" + launcher + ".cfg"), """
                [Application]
                app.classpath=$APPDIR/model-steward.jar
                app.mainclass=com.modelsteward.Main

                [JavaOptions]
                java-options=-Dfrom=%s
                """.formatted(name) + more);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Every argument the launcher gave java, a line each, with no JAVA_TOOL_OPTIONS. */
    private List<String> run(String launcher, String... arguments) throws IOException, InterruptedException {
        return runWith(null, launcher, arguments);
    }

    /** The same with {@code JAVA_TOOL_OPTIONS} set to {@code toolOptions} (none when null). */
    private List<String> runWith(String toolOptions, String launcher, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("bin").resolve(launcher).toString()));
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        if (toolOptions != null) {
            builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out.lines().toList();
    }
}

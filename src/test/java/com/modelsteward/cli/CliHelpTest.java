package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppVersion;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.CliHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every command answers {@code --help}, {@code -h} and {@code help COMMAND} with its own usage and exit 0; usage errors
 * stay one {@code E_USAGE: sentence} line with exit 2, as scripts read them.
 */
class CliHelpTest {

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private int run(String... args) {
        return cli.run("cli.tester", args);
    }

    /** Every command's words, "scorecards import" for a grouped one. */
    static List<String> commands() {
        return Cli.all(Cli.commandLine().getCommandSpec()).stream()
                .filter(spec -> spec.subcommands().isEmpty() && spec.parent() != null)
                .map(spec -> spec.qualifiedName(" ").substring("model-steward ".length())).toList();
    }

    private static String[] words(String command, String... more) {
        return Stream.concat(Stream.of(command.split(" ")), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void everyCommandPrintsItsOwnUsageOnHelpAndExitsZero() {
        List<String> commands = commands();
        assertTrue(commands.containsAll(List.of("request", "scorecards import", "principal add", "rules approve", "audit verify")), commands.toString());
        for (String command : commands) {
            assertEquals(0, run(words(command, "--help")), command + ": " + cli.err());
            String usage = cli.out();
            assertTrue(usage.startsWith("Usage: model-steward " + command + " "), usage);
            assertTrue(usage.contains("--help") && usage.contains("Show this help message and exit."), usage);
            assertEquals("", cli.err(), command);
            assertEquals(0, run(words(command, "-h")), command);
            assertEquals(usage, cli.out(), command + " -h");
            List<String> help = new ArrayList<>(List.of("help"));
            help.addAll(List.of(command.split(" ")));
            assertEquals(0, run(help.toArray(String[]::new)), command);
            assertEquals(usage, cli.out(), "help " + command);
        }
    }

    @Test
    void requestHelpNamesItsOwnOptionsAndTheSharedOnes() {
        assertEquals(0, run("request", "--help"));
        String usage = cli.out();
        for (String option : List.of("--model=ID", "--to=STATE", "--reason=TEXT", "--db=PATH", "--json", "--as=USER")) {
            assertTrue(usage.contains(option), option + " in\n" + usage);
        }
        assertTrue(usage.contains("request a transition"), usage);
        assertEquals(0, run("status", "--help"));
        assertFalse(cli.out().contains("--as"), "status acts as nobody, so it takes no --as:\n" + cli.out());
    }

    @Test
    void helpListsEveryCommandByItsWordsWithItsSummary() {
        assertEquals(0, run("help"));
        String list = cli.out();
        for (String command : commands()) {
            assertTrue(list.contains("\n  " + command + " "), command + " in\n" + list);
        }
        assertTrue(list.replaceAll("\\s+", " ").contains(" request request a transition: --model ID --to STATE --reason TEXT (ANALYST) "), list);
        assertEquals(0, run());
        assertEquals(list, cli.out(), "no words: the same list");
        assertEquals(0, run("--help"));
        assertEquals(list, cli.out(), "--help: the same list");
    }

    @Test
    void versionNamesTheAppAndTheRegistrySchemaItWrites() {
        assertEquals(0, run("--version"));
        String version = AppVersion.current();
        assertFalse(version.equals("unknown"), "the build filled version.properties in");
        assertEquals("Model Steward " + version + "\nregistry schema v" + Registry.latestSchemaVersion()
                + " (the schema this build reads and writes)\n", cli.out().replace(System.lineSeparator(), "\n"));
        assertEquals(0, run("-V"));
        assertTrue(cli.out().startsWith("Model Steward " + version), cli.out());
    }

    @Test
    void usageErrorsAreOneSentenceWithExitTwo() {
        assertUsage("E_USAGE: --model is given twice", "request", "--model", "m-1", "--model", "m-2", "--to", "SHADOW", "--reason", "r");
        assertUsage("E_USAGE: --model needs a value", "request", "--model");
        assertUsage("E_USAGE: --model needs a value", "request", "--model", "--to", "SHADOW", "--reason", "r");
        assertUsage("E_USAGE: --comment is required", "approve", "--request", "REQ-000001");
        assertUsage("E_USAGE: --comment is required", "approve", "--request", "REQ-000001", "--comment", "  ");
        assertUsage("E_USAGE: --seed must be a whole number, not \"abc\"", "demo", "--seed", "abc");
        assertUsage("E_USAGE: --versions must be a whole number, not \"1.5\"", "demo", "--versions", "1.5");
        assertUsage("E_USAGE: --at must be an ISO-8601 time such as 2026-11-01T12:00:00Z, not \"yesterday\"",
                "history", "--model-name", "momentum_xgb", "--at", "yesterday");
        assertUsage("E_USAGE: --bins must be from 2 to 10000, not 1", "drift", "--bins", "1");
        assertUsage("E_USAGE: `status` takes options only, not \"extra\"; run `status --help`", "status", "extra");
        assertUsage("E_USAGE: `scorecards` needs one of its commands: import, import-csv; run `help scorecards`", "scorecards");
        assertUsage("E_USAGE: unknown command \"scorecards export\"; run `help` for the list", "scorecards", "export");
        assertUsage("E_USAGE: unknown command \"nope\"; run `help` for the list", "help", "nope");
        assertUsage("E_USAGE: unknown option --as", "status", "--as", "alice");
        assertUsage("E_USAGE: unknown option --colour", "status", "--colour=red");
    }

    @Test
    void aRoleThatDoesNotExistIsInvalidInputAsTheRegistrySaysOfRoles() {
        assertEquals(1, run("principal", "add", "--user", "u", "--role", "BOSS"));
        assertEquals("E_INVALID_INPUT: --role must be ANALYST, RISK_OFFICER or ADMIN, not \"BOSS\"\n", cli.err());
    }

    @Test
    void everyCommandRefusesAnOptionItDoesNotKnowBeforeAskingForOnesItNeeds() {
        for (String command : commands()) {
            assertUsage("E_USAGE: unknown option --nope", words(command, "--nope"));
        }
        assertUsage("E_USAGE: unknown option --form", "migrate", "--form", "team.db", "--to", "postgresql://db.example/steward");
    }

    private void assertUsage(String line, String... args) {
        assertEquals(2, run(args), String.join(" ", args) + ": " + cli.err());
        assertEquals(line + "\n", cli.err(), String.join(" ", args));
        assertEquals("", cli.out(), String.join(" ", args));
    }
}

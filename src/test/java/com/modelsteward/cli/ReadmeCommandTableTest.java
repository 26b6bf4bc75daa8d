package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/**
 * README's table of commands against the command tree the help is printed from: every command has a row, every row's
 * command exists, and every option a row shows is one its command takes. Either side changing alone fails here.
 */
class ReadmeCommandTableTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

    @Test
    void everyCommandHasARowAndEveryRowNamesACommandWithOptionsItTakes() throws IOException {
        Map<String, CommandSpec> commands = Cli.all(Cli.commandLine().getCommandSpec()).stream()
                .filter(spec -> spec.subcommands().isEmpty() && spec.parent() != null)
                .collect(Collectors.toMap(spec -> spec.qualifiedName(" ").substring("model-steward ".length()), Function.identity()));
        Set<String> documented = new TreeSet<>();
        for (String row : commandTable()) {
            Matcher code = CODE.matcher(row.substring(0, row.indexOf('|', 2)));
            while (code.find()) {
                String snippet = code.group(1);
                String command = commandOf(snippet, commands.keySet());
                assertNotNull(command, "README's table names `" + snippet + "`, which is no command");
                documented.add(command);
                Matcher option = OPTION.matcher(snippet);
                while (option.find()) {
                    assertNotNull(commands.get(command).findOption(option.group()), "README's `" + snippet + "`: " + command
                            + " takes no " + option.group());
                }
            }
        }
        assertEquals(new TreeSet<>(commands.keySet()), documented, "commands with a row in README's table");
    }

    /** The longest run of the snippet's leading words that names a command ("rules approve" before "rules"). */
    private static String commandOf(String snippet, Set<String> commands) {
        List<String> words = Arrays.stream(snippet.split(" ")).takeWhile(word -> word.matches("[a-z][a-z-]*")).toList();
        for (int n = words.size(); n > 0; n--) {
            String candidate = String.join(" ", words.subList(0, n));
            if (commands.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The rows under README's "| command | who | what |" header. */
    private static List<String> commandTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int header = lines.indexOf("| command | who | what |");
        assertTrue(header >= 0, "README has a table of commands");
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("| ")) {
                break;
            }
            rows.add(line);
        }
        assertTrue(rows.size() > 10, rows.toString());
        return rows;
    }
}

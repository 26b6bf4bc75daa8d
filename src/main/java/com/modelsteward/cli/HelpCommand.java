package com.modelsteward.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code help [COMMAND …]}: the list of commands, or one command's usage ({@code help scorecards import}). */
@Command(name = "help", mixinStandardHelpOptions = true, description = "this list, or one command's usage and options: help COMMAND")
final class HelpCommand implements CliCommand {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command's words, e.g. request or scorecards import")
    private List<String> words = List.of();

    @Override
    public boolean maySign() {
        return false;
    }

    @Override
    public int run(CliContext context) {
        CommandLine shown = spec.root().commandLine();
        for (String word : words) {
            shown = shown.getSubcommands().get(word);
            if (shown == null) {
                throw new CliException("E_USAGE", "unknown command \"" + String.join(" ", words) + "\"; run `help` for the list");
            }
        }
        shown.usage(context.out());
        return 0;
    }
}

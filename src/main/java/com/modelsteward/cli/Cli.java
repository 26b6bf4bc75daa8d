package com.modelsteward.cli;

import com.modelsteward.config.OsAccount;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.trust.Signatures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code model-steward <command> [--db PATH] [--json] …}. Exit 0 on success, 1 on a refusal or bad
 * input (one line "CODE: message" on stderr), 2 on a usage error. Never prints a stack trace.
 */
public final class Cli {

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final CliContext context;

    public Cli(CliContext context) {
        this.context = context;
        for (Command command : Commands.all()) {
            commands.put(command.name(), command);
        }
    }

    public static int run(String... tokens) {
        CliContext context;
        try {
            context = CliContext.system();
        } catch (OsAccount.Unavailable unknown) {
            System.err.println("E_NO_OS_ACCOUNT: " + unknown.getMessage());
            return 1;
        }
        return new Cli(context).execute(tokens);
    }

    /**
     * Runs the commands a user waits on against a demo registry made in {@code folder}, printing nothing but a failure:
     * the AOT training run of the packaged launchers (docs/decisions/0006). Returns the first non-zero exit status, or 0.
     */
    public static int train(java.nio.file.Path folder) {
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException unwritable) {
            System.err.println("AOT training: cannot create " + folder + ": " + unwritable.getMessage());
            return 1;
        }
        String db = folder.resolve("training.db").toString();
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8);
        Cli cli = new Cli(new CliContext(quiet, System.err, java.time.Clock.systemUTC(), OsAccount.current().name()));
        List<List<String>> commands = List.of(
                List.of("demo", "--db", db),
                List.of("status", "--db", db),
                List.of("status", "--db", db, "--json"),
                List.of("history", "--db", db, "--model-name", "momentum_xgb"),
                List.of("lineage", "--db", db, "--model", "momentum_xgb-3.1.0", "--json"),
                List.of("model-card", "--db", db, "--model", "momentum_xgb-3.1.0", "--out", folder.resolve("training-card.html").toString()),
                List.of("audit", "verify", "--db", db));
        for (List<String> command : commands) {
            int status = cli.execute(command.toArray(String[]::new));
            if (status != 0) {
                System.err.println("AOT training: `" + String.join(" ", command) + "` exited with " + status);
                return status;
            }
        }
        return 0;
    }

    public int execute(String... tokens) {
        try {
            Args args = Args.parse(tokens);
            if (args.words().isEmpty() || args.word(0).orElse("").equals("help") || args.flag("help") && args.words().isEmpty()) {
                printHelp();
                return 0;
            }
            Command command = find(args.words());
            if (command == null) {
                context.err().println("E_USAGE: unknown command \"" + String.join(" ", args.words()) + "\"; run `help` for the list");
                return 2;
            }
            // Most commands write and sign: the key is read while the command opens the registry, not inside its lock.
            if (command.maySign(args)) {
                Signatures.prepareInBackground(context.user());
            }
            return command.run(args, context);
        } catch (CliException refused) {
            context.err().println(refused.code() + ": " + refused.getMessage());
            return refused.code().equals("E_USAGE") ? 2 : 1;
        } catch (OsAccount.Unavailable unknown) {
            context.err().println("E_NO_OS_ACCOUNT: " + unknown.getMessage());
            return 1;
        } catch (RegistryException refused) {
            context.err().println(refused.code() + ": " + refused.getMessage());
            return 1;
        } catch (Exception unexpected) {
            context.err().println("E_INTERNAL: " + unexpected.getClass().getSimpleName()
                    + (unexpected.getMessage() == null ? "" : ": " + unexpected.getMessage()));
            return 1;
        }
    }

    /** The longest run of leading words that names a command: "scorecards import" before "scorecards". */
    private Command find(List<String> words) {
        for (int n = Math.min(words.size(), 3); n >= 1; n--) {
            Command command = commands.get(String.join(" ", words.subList(0, n)));
            if (command != null) {
                return command;
            }
        }
        return null;
    }

    private void printHelp() {
        context.out().println("Model Steward — governance console and command line for the shared model registry");
        context.out().println();
        context.out().println("Usage: model-steward                 open the console on the demo registry (or the last one used)");
        context.out().println("       model-steward --db PATH       open the console on PATH");
        context.out().println("       model-steward --db postgresql://[user@]host[:port]/db   open the console on a server registry");
        context.out().println("       model-steward <command> [--db PATH] [--json] [options]");
        context.out().println("       (PATH is a registry file or a server: postgresql://[user@]host[:port]/database)");
        context.out().println();
        List<Command> sorted = new ArrayList<>(commands.values());
        sorted.sort(Comparator.comparing(Command::name));
        for (Command command : sorted) {
            context.out().printf("  %-22s %s%n", command.name(), command.summary());
        }
    }
}

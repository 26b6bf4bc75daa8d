package com.modelsteward.cli;

import com.modelsteward.config.OsAccount;
import com.modelsteward.governance.Role;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.trust.Signatures;
import com.modelsteward.trust.VerifiedSignatures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line: {@code model-steward <command> [--db PATH] [--json] …}, parsed by picocli ({@link ModelStewardCommand}
 * is the tree). Exit 0 on success, 1 on a refusal or bad input (one line "CODE: message" on stderr), 2 on a usage error,
 * 130 when Ctrl-C cancelled an import. Never prints a stack trace. {@code COMMAND --help} and {@code help COMMAND} print
 * one command's usage; {@code --version} the app's version and the registry schema it writes.
 */
public final class Cli {

    /** The usage text's width: a standard terminal's. */
    private static final int USAGE_WIDTH = 80;
    /** Where the command list's descriptions start: after the longest command's words. */
    private static final int LIST_INDENT = 25;

    private final CliContext context;

    public Cli(CliContext context) {
        this.context = context;
    }

    public static int run(String... tokens) {
        CliContext context;
        try {
            context = CliContext.system();
        } catch (OsAccount.Unavailable unknown) {
            System.err.println("E_NO_OS_ACCOUNT: " + unknown.getMessage());
            return 1;
        }
        try {
            return new Cli(context).execute(tokens);
        } finally {
            // The output is block-buffered when it is not a terminal: what is left is written before the process exits.
            context.out().flush();
            VerifiedSignatures.save();
        }
    }

    /**
     * The whole command tree with this app's converters and usage settings: what the help lists and what the shell
     * completion is generated from, so the two cannot disagree with what runs.
     */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The tree with only the command whose first word is {@code first}, or the whole tree when {@code first} names no
     * single command ({@code help}, {@code --help}, a typo). Reading a command's annotations loads and links its class
     * and what its fields name, so a run reads its own command's and not every other's (issue 23: every command fast).
     */
    static CommandLine commandLine(String first) {
        boolean one = first != null && !first.equals("help")
                && ModelStewardCommand.COMMANDS.stream().anyMatch(command -> ModelStewardCommand.name(command).equals(first));
        CommandLine line = new CommandLine(new ModelStewardCommand());
        for (Class<?> command : ModelStewardCommand.COMMANDS) {
            if (!one || ModelStewardCommand.name(command).equals(first)) {
                line.addSubcommand(command);
            }
        }
        line.registerConverter(Integer.class, new Converters.WholeNumber());
        line.registerConverter(int.class, new Converters.WholeNumber());
        line.registerConverter(Long.class, new Converters.LongNumber());
        line.registerConverter(long.class, new Converters.LongNumber());
        line.registerConverter(Path.class, new Converters.FilePath());
        line.registerConverter(Instant.class, new Converters.IsoTime());
        line.registerConverter(Role.class, new Converters.RoleName());
        // A value that looks like an option is a forgotten value ("--file --db x"), never the value.
        line.setUnmatchedOptionsAllowedAsOptionParameters(false);
        // Colour codes would reach the terminal escaped (TerminalOutput shows control characters), so help is plain text.
        line.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        line.setUsageHelpWidth(USAGE_WIDTH);
        each(line.getCommandSpec(), spec -> spec.usageMessage().sortOptions(false).abbreviateSynopsis(false));
        line.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Cli::commandList);
        return line;
    }

    /**
     * Makes the demo registry {@code folder/training.db} that the packaged launchers' AOT training runs open
     * (docs/decisions/0006), printing nothing but a failure; run in a process of its own, so that neither cache holds
     * the generator. Returns the exit status.
     */
    public static int makeTrainingRegistry(java.nio.file.Path folder) {
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException unwritable) {
            System.err.println("AOT training: cannot create " + folder + ": " + unwritable.getMessage());
            return 1;
        }
        return runQuietly(List.of(List.of("demo", "--db", trainingRegistry(folder).toString())));
    }

    /** The demo registry the AOT training runs open, made by {@link #makeTrainingRegistry}. */
    public static java.nio.file.Path trainingRegistry(java.nio.file.Path folder) {
        return folder.resolve("training.db");
    }

    /**
     * The command-line launcher's AOT training run, after {@link #makeTrainingRegistry} made the demo registry in {@code folder}: one
     * {@code model-card} (the registry, the chain, Jackson, the HTML), one {@code drift} of two CSV files written here
     * (the parallel reader and the engine, so the cache's method profiles let the JIT compile them early), and a
     * {@code request} with its {@code approve} (the gates, signing, the write path). Only
     * what the commands load: a cache holding the console's classes makes every command link them at start.
     */
    public static int trainCommandLine(java.nio.file.Path folder) {
        List<String> drift = trainingDrift(folder);
        if (drift == null) {
            return 1;
        }
        String db = trainingRegistry(folder).toString();
        int status = runQuietly(List.of(
                List.of("model-card", "--db", db, "--model", "momentum_xgb-3.1.0", "--out", folder.resolve("training-cli-card.html").toString()),
                drift));
        if (status != 0) {
            return status;
        }
        // A request and its approval (the demo's users; the demo registry lets --as name them), which sign and write.
        var requested = new java.io.ByteArrayOutputStream();
        Cli cli = new Cli(new CliContext(new java.io.PrintStream(requested, true, java.nio.charset.StandardCharsets.UTF_8), System.err,
                java.time.Clock.systemUTC(), OsAccount.current().name()));
        String retired = com.modelsteward.policy.PolicyLoader.builtIn(com.modelsteward.config.Environment.process().asMap()).retiredState();
        status = cli.execute("request", "--db", db, "--model", "mean_reversion_lgbm-2.3.0", "--to", retired, "--reason", "AOT training",
                "--as", "alice.nguyen");
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("^(REQ-\\d+):")
                .matcher(requested.toString(java.nio.charset.StandardCharsets.UTF_8));
        if (status != 0 || !id.find()) {
            System.err.println("AOT training: `request` exited with " + status);
            return status == 0 ? 1 : status;
        }
        // Then the reads a user waits on, the chain's whole check last: their profiles let the JIT compile them sooner.
        return runQuietly(List.of(List.of("approve", "--db", db, "--request", id.group(1), "--comment", "AOT training", "--as", "rachel.okafor"),
                List.of("status", "--db", db),
                List.of("history", "--db", db, "--model-name", "momentum_xgb"),
                List.of("lineage", "--db", db, "--model", "momentum_xgb-3.1.0"),
                List.of("audit", "verify", "--db", db)));
    }

    /**
     * The Linux launcher's AOT training run for {@code drift}, which has a cache of its own (packaging/linux/launcher.sh):
     * the command line's holds the registry's, Jackson's and the card's classes as well, and a cache loads and links
     * every class it holds at each start, before the drift reads a byte. Returns the exit status.
     */
    public static int trainDrift(java.nio.file.Path folder) {
        List<String> drift = trainingDrift(folder);
        return drift == null ? 1 : runQuietly(List.of(drift));
    }

    /** The training runs' drift of two CSV files written in {@code folder}, or null (said on stderr) when they cannot be. */
    private static List<String> trainingDrift(java.nio.file.Path folder) {
        java.nio.file.Path reference = folder.resolve("training-reference.csv");
        java.nio.file.Path current = folder.resolve("training-current.csv");
        try {
            writeTrainingSamples(reference, 0);
            writeTrainingSamples(current, 1);
        } catch (java.io.IOException unwritable) {
            System.err.println("AOT training: cannot write the drift samples in " + folder + ": " + unwritable.getMessage());
            return null;
        }
        return List.of("drift", "--reference", reference.toString(), "--current", current.toString(), "--json");
    }

    /**
     * Rows enough for the reader's chunks to run on every core and the JIT to see the loops hot; three kinds of values,
     * every fourth column on a grid of 1/1024 (ties). One row in {@value #RARE_EVERY} carries a cell of a shape the
     * reader branches on and random samples seldom show (tiny and huge exponents, subnormals, more than 19 digits,
     * NaN and inf words, empty, quoted or padded cells, CR LF): a branch the training never took is compiled as a trap,
     * and the first such cell of a user's file would throw the reader's compiled code away for a second compilation.
     */
    private static void writeTrainingSamples(java.nio.file.Path file, int side) throws java.io.IOException {
        int features = 6;
        int rows = 200_000;
        String[] kinds = {"bell", "heavy", "int"};
        double[][] columns = new double[features][];
        for (int f = 0; f < features; f++) {
            columns[f] = com.modelsteward.drift.SyntheticSamples.generate(kinds[f % kinds.length], 7L * f + side, rows, 1.0 + 0.01 * side,
                    0.0, f % 4 == 3 ? 1024.0 : 0.0);
        }
        try (var out = new java.io.BufferedWriter(java.nio.file.Files.newBufferedWriter(file), 1 << 16)) {
            for (int f = 0; f < features; f++) {
                out.write((f == 0 ? "" : ",") + "f" + f);
            }
            out.write('\n');
            for (int i = 0; i < rows; i++) {
                int rare = i % RARE_EVERY == RARE_EVERY - 1 ? i / RARE_EVERY : -1;
                for (int f = 0; f < features; f++) {
                    String cell = rare >= 0 && rare % features == f ? RARE_CELLS[rare / features % RARE_CELLS.length] : Double.toString(columns[f][i]);
                    out.write((f == 0 ? "" : ",") + cell);
                }
                out.write(rare >= 0 && rare % 7 == 0 ? "\r\n" : "\n");
            }
        }
    }

    private static final int RARE_EVERY = 499;
    private static final String[] RARE_CELLS = {"1.2345678901234567E-7", "2.5e-30", "1.0E23", "-1.2345678901234567E25", "4.9E-324",
        "1.7976931348623157E308", "12345678901234567890123.5", "0.00001234", "-0.0", "+1.5", ".5", "5.", "NaN", "inf", "-inf", "",
        " 3.25 ", "\"2.5\"", "1e5", "0"};

    private static int runQuietly(List<List<String>> commands) {
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8);
        Cli cli = new Cli(new CliContext(quiet, System.err, java.time.Clock.systemUTC(), OsAccount.current().name()));
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
            CommandLine line = commandLine(tokens.length == 0 ? null : tokens[0]);
            line.setOut(new PrintWriter(context.out(), true));
            line.setErr(new PrintWriter(context.err(), true));
            if (tokens.length == 0) {
                line.usage(context.out());
                return 0;
            }
            ParseResult parsed = line.parseArgs(tokens);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return 0;
            }
            ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            if (!(leaf.commandSpec().userObject() instanceof CliCommand command)) {
                throw new CliException("E_USAGE", "`" + words(leaf.commandSpec()) + "` needs one of its commands: "
                        + String.join(", ", leaf.commandSpec().subcommands().keySet()) + "; run `help " + words(leaf.commandSpec()) + "`");
            }
            // Most commands write and sign: the key is read while the command opens the registry, not inside its lock.
            if (command.maySign()) {
                Signatures.prepareInBackground(context.user());
            }
            return command.run(context);
        } catch (ParameterException badUsage) {
            if (badUsage.getCause() instanceof RegistryException refused) {
                return refuse(refused);
            }
            context.err().println("E_USAGE: " + sentence(badUsage));
            return 2;
        } catch (RegistryException refused) {
            return refuse(refused);
        } catch (OsAccount.Unavailable unknown) {
            context.err().println("E_NO_OS_ACCOUNT: " + unknown.getMessage());
            return 1;
        } catch (Exception unexpected) {
            context.err().println("E_INTERNAL: " + unexpected.getClass().getSimpleName()
                    + (unexpected.getMessage() == null ? "" : ": " + unexpected.getMessage()));
            return 1;
        }
    }

    private int refuse(RegistryException refused) {
        context.err().println(refused.code() + ": " + refused.getMessage());
        return refused.code().equals("E_USAGE") ? 2 : 1;
    }

    /** Picocli's parse errors in this command line's words: one sentence naming the option or the word. */
    private static String sentence(ParameterException bad) {
        CommandSpec where = bad.getCommandLine().getCommandSpec();
        // A word picocli did not know comes first: "--form" is a typo to name, not a missing --from.
        List<String> unknown = bad.getCommandLine().getUnmatchedArguments();
        if (!unknown.isEmpty()) {
            return unmatched(where, unknown);
        }
        return switch (bad) {
            case UnmatchedArgumentException unmatched -> unmatched(where, unmatched.getUnmatched());
            case OverwrittenOptionException twice -> name(twice.getOverwritten()) + " is given twice";
            case MissingParameterException missing when missing.getMessage().startsWith("Missing required option") ->
                    name(missing.getMissing().getFirst()) + " is required";
            case MissingParameterException missing when !missing.getMissing().isEmpty() -> name(missing.getMissing().getFirst()) + " needs a value";
            default -> bad.getArgSpec() != null && bad.getCause() instanceof CommandLine.TypeConversionException conversion
                    ? name(bad.getArgSpec()) + " " + conversion.getMessage()
                    : lowerFirst(bad.getMessage());
        };
    }

    private static String unmatched(CommandSpec where, List<String> words) {
        String first = words.getFirst();
        if (first.startsWith("-")) {
            int equals = first.indexOf('=');
            return "unknown option " + (equals > 0 ? first.substring(0, equals) : first);
        }
        if (!where.subcommands().isEmpty()) {
            String path = words(where);
            return "unknown command \"" + (path.isEmpty() ? "" : path + " ") + String.join(" ", words) + "\"; run `help` for the list";
        }
        return "`" + words(where) + "` takes options only, not \"" + first + "\"; run `" + words(where) + " --help`";
    }

    /** A command's words after the program's name: "scorecards import", or "" for the program itself. */
    private static String words(CommandSpec spec) {
        String qualified = spec.qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? "" : qualified.substring(space + 1);
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    /** Every command of the tree, the groups ({@code scorecards}) and the program itself included. */
    static List<CommandSpec> all(CommandSpec root) {
        List<CommandSpec> specs = new ArrayList<>();
        each(root, specs::add);
        return specs;
    }

    private static void each(CommandSpec spec, java.util.function.Consumer<CommandSpec> action) {
        action.accept(spec);
        // A command's aliases map to the same spec; the names are its own.
        spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct().forEach(sub -> each(sub, action));
    }

    /**
     * The program's list of commands, by their full words ({@code scorecards import}, not {@code scorecards}) in
     * alphabetical order, each with its one-line description.
     */
    private static String commandList(Help help) {
        List<CommandSpec> leaves = new ArrayList<>(all(help.commandSpec()).stream()
                .filter(spec -> spec.subcommands().isEmpty() && spec.parent() != null).toList());
        leaves.sort(Comparator.comparing(Cli::words));
        StringBuilder list = new StringBuilder();
        for (CommandSpec leaf : leaves) {
            String[] description = leaf.usageMessage().description();
            String line = String.format(Locale.ROOT, "  %-" + (LIST_INDENT - 3) + "s ", words(leaf));
            for (String word : (description.length == 0 ? "" : description[0]).split(" ")) {
                if (line.length() + word.length() > USAGE_WIDTH && !line.isBlank()) {
                    list.append(line.stripTrailing()).append(System.lineSeparator());
                    line = " ".repeat(LIST_INDENT + 2);
                }
                line += word + " ";
            }
            list.append(line.stripTrailing()).append(System.lineSeparator());
        }
        return list.toString();
    }
}

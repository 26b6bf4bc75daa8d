package com.modelsteward.cli;

import com.modelsteward.config.AppVersion;
import com.modelsteward.registry.Registry;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The command tree: {@code model-steward <command> [options]}, with the commands of one subject grouped
 * ({@code scorecards import}, {@code principal add}). Adding a command is one class and one entry in {@link #COMMANDS}
 * or in its group's annotation.
 */
@Command(name = "model-steward", mixinStandardHelpOptions = true, versionProvider = ModelStewardCommand.Version.class,
        header = "Model Steward: the governance console and command line of a model registry",
        customSynopsis = {
            "model-steward [--db PATH]",
            "       model-steward <command> [--db PATH] [--json] [options]",
            "       model-steward <command> --help     (or: model-steward help <command>)"},
        description = {"Without a command, opens the console on --db PATH, or else on the registry used last, or the demo registry. "
                + "PATH is a registry file or a server: postgresql://[user@]host[:port]/database."},
        footer = {"", "Exit status: 0 done, 1 refused (one line CODE: sentence on stderr), 2 usage error, 130 cancelled (Ctrl-C)."})
public final class ModelStewardCommand {

    /**
     * The program's commands. Not in the annotation: picocli reads a command's class
     * only when it is added, and a run adds just the one its first word names ({@link Cli#commandLine(String)}).
     */
    static final List<Class<?>> COMMANDS = List.of(
            InitCommand.class,
            DemoCommand.class,
            MigrateCommand.class,
            StatusCommand.class,
            RegisterCommand.class,
            Scorecards.class,
            RequestCommand.class,
            DecideCommand.Approve.class,
            DecideCommand.Reject.class,
            RollbackCommand.class,
            HistoryCommand.class,
            Audit.class,
            Principal.class,
            Policy.class,
            DriftCommand.class,
            DriftSamples.class,
            LineageCommand.class,
            ModelCardCommand.class,
            Rules.class,
            HelpCommand.class);

    /** A command's first word, from its annotation. */
    static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    @Command(name = "scorecards", mixinStandardHelpOptions = true, description = "import BENCH scorecards",
            subcommands = {ScorecardsImportCommand.class, ScorecardsImportCsvCommand.class})
    static final class Scorecards {
    }

    @Command(name = "drift-samples", mixinStandardHelpOptions = true, description = "import drift samples from CSV or Parquet files",
            subcommands = DriftSamplesImportCommand.class)
    static final class DriftSamples {
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, description = "check the audit trail",
            subcommands = AuditVerifyCommand.class)
    static final class Audit {
    }

    @Command(name = "principal", mixinStandardHelpOptions = true, description = "people, their roles and their signing keys",
            subcommands = {PrincipalChangeCommand.Add.class, PrincipalChangeCommand.Revoke.class, PrincipalChangeCommand.Deactivate.class,
                PrincipalChangeCommand.Activate.class, PrincipalEnrollCommand.class})
    static final class Principal {
    }

    @Command(name = "policy", mixinStandardHelpOptions = true, description = "the governance policy: show it, or propose another",
            subcommands = {PolicyCommand.Show.class, PolicyCommand.Set.class})
    static final class Policy {
    }

    @Command(name = "rules", mixinStandardHelpOptions = true, description = "rule changes that wait for, or got, a second ADMIN's decision",
            subcommands = {RulesCommand.ListChanges.class, RulesCommand.Show.class, RulesCommand.Approve.class, RulesCommand.Reject.class})
    static final class Rules {
    }

    /** {@code --version}: the app's version from the build and the registry schema this build reads and writes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Model Steward " + AppVersion.current(), "registry schema v" + Registry.latestSchemaVersion() + " (the schema this build reads and writes)"};
        }
    }
}

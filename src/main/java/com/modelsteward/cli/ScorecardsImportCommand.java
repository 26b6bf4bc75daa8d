package com.modelsteward.cli;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scorecards import --file F}: BENCH results for registered versions, all or nothing, streamed with progress and
 * Ctrl-C to cancel (see {@link ScorecardsImportCsvCommand#importFile}). JSON by default; a file ending in {@code .csv}
 * (model_id,pack_id,metric,value,generated_at) goes through the CSV reader.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "import BENCH scorecards from --file scorecards.json or .csv (ANALYST)")
final class ScorecardsImportCommand implements CliCommand {

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the scorecards: JSON, or CSV for a name ending in .csv")
    private Path file;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ActingOptions acting;

    @Override
    public int run(CliContext context) {
        return ScorecardsImportCsvCommand.importFile(context, shared, acting, file, file.toString().toLowerCase(Locale.ROOT).endsWith(".csv"));
    }
}

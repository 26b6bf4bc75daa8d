package com.modelsteward.cli;

/**
 * {@code scorecards import --file F}: BENCH results for registered versions, all or nothing, streamed with progress and
 * Ctrl-C to cancel (see {@link ScorecardsImportCsvCommand#importFile}). JSON by default; a file ending in {@code .csv}
 * (model_id,pack_id,metric,value,generated_at) goes through the CSV reader.
 */
final class ScorecardsImportCommand implements Command {

    @Override
    public String name() {
        return "scorecards import";
    }

    @Override
    public String summary() {
        return "import BENCH scorecards from --file scorecards.json or .csv (ANALYST)";
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(CommandSupport.options("file"));
        return ScorecardsImportCsvCommand.importFile(args, context, args.required("file").toLowerCase(java.util.Locale.ROOT).endsWith(".csv"));
    }
}

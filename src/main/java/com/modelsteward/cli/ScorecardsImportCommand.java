package com.modelsteward.cli;

import com.modelsteward.governance.InputFiles;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Timestamps;
import java.util.Map;

/**
 * {@code scorecards import --file F}: BENCH results for registered versions, all or nothing. JSON by default; a file
 * ending in {@code .csv} (model_id,pack_id,metric,value,generated_at) is streamed through the CSV importer.
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
        args.allowOnly(GovernanceCli.options("file"));
        if (args.required("file").toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return ScorecardsImportCsvCommand.importCsv(args, context);
        }
        var values = InputFiles.readScorecards(args.requiredPath("file"), Timestamps.now(context.clock()));
        try (Registry registry = context.openRegistry(args)) {
            int count = GovernanceCli.service(registry, args, context).importScorecards(GovernanceCli.identity(registry, args, context), values);
            long models = values.stream().map(InputFiles.ScorecardValue::modelId).distinct().count();
            if (args.flag("json")) {
                context.printJson(Map.of("imported", count, "versions", models));
            } else {
                context.out().println("Imported " + count + " scorecard values for " + models + " version" + (models == 1 ? "" : "s"));
            }
        }
        return 0;
    }
}

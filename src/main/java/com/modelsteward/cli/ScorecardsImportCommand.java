package com.modelsteward.cli;

import com.modelsteward.governance.InputFiles;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Timestamps;
import java.util.Map;

/** {@code scorecards import --file scorecards.json}: BENCH results for registered versions, all or nothing. */
final class ScorecardsImportCommand implements Command {

    @Override
    public String name() {
        return "scorecards import";
    }

    @Override
    public String summary() {
        return "import BENCH scorecards from --file scorecards.json (ANALYST)";
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(GovernanceCli.options("file"));
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

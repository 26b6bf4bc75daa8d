package com.modelsteward.cli;

import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Role;
import com.modelsteward.lineage.ScorecardImport;
import com.modelsteward.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code scorecards import-csv --file F} (also reached as {@code scorecards import --file F.csv}): scorecards from CSV
 * (model_id,pack_id,metric,value,generated_at), all or nothing, by an ANALYST.
 */
final class ScorecardsImportCsvCommand implements Command {

    private static final long PROGRESS_EVERY = 100_000;

    @Override
    public String name() {
        return "scorecards import-csv";
    }

    @Override
    public String summary() {
        return "import scorecards from a CSV file (model_id,pack_id,metric,value,generated_at); all rows or none";
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(GovernanceCli.options("file"));
        return importCsv(args, context);
    }

    static int importCsv(Args args, CliContext context) {
        Path file = args.requiredPath("file");
        if (!Files.isRegularFile(file)) {
            throw new CliException("E_IMPORT_CANT_READ", file + " does not exist or is not a file");
        }
        try (Registry registry = context.openRegistry(args)) {
            Identity who = GovernanceCli.identity(registry, args, context);
            who.require(Role.ANALYST, "importing scorecards");
            // Large files report how far validation got on stderr, so stdout stays the result alone.
            ScorecardImport.Result result = ScorecardImport.importCsv(registry, file, context.clock(), who.user(), (lines, bytes, total) -> {
                if (lines % PROGRESS_EVERY == 0) {
                    context.err().printf("  validated %,d lines (%d %%)%n", lines, total == 0 ? 100 : bytes * 100 / total);
                }
            });
            if (args.flag("json")) {
                context.printJson(Map.of("rows", result.rows(), "models", result.models(), "file_sha256", result.fileSha256()));
            } else {
                context.out().println("Imported " + result.rows() + " scorecard value(s) for " + result.models() + " version(s) from " + file);
            }
            return 0;
        }
    }
}

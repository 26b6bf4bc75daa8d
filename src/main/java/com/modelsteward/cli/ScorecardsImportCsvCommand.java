package com.modelsteward.cli;

import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Role;
import com.modelsteward.registry.Registry;
import com.modelsteward.scorecards.ImportCancelled;
import com.modelsteward.scorecards.ScorecardImport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scorecards import-csv --file F} (also reached as {@code scorecards import --file F.csv}): scorecards from CSV
 * (model_id,pack_id,metric,value,generated_at), all or nothing, by an ANALYST.
 */
@Command(name = "import-csv", mixinStandardHelpOptions = true,
        description = "import scorecards from a CSV file (model_id,pack_id,metric,value,generated_at); all rows or none")
final class ScorecardsImportCsvCommand implements CliCommand {

    /** How long Ctrl-C waits for the import to roll back before the JVM exits anyway (SQLite rolls back on reopen). */
    private static final long CANCEL_WAIT_SECONDS = 60;
    /** A progress line at least every this many percent of the file … */
    private static final long PROGRESS_PERCENT = 5;
    /** … or this often, whichever comes first. */
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the CSV file: model_id,pack_id,metric,value,generated_at")
    private Path file;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ActingOptions acting;

    @Override
    public int run(CliContext context) {
        return importFile(context, shared, acting, file, true);
    }

    /**
     * Imports {@code --file} (CSV, or JSON when {@code csv} is false) with progress lines on stderr, so stdout stays the
     * result alone. Ctrl-C (SIGINT) cancels: the import stops, the registry is left unchanged, and the message says so.
     */
    static int importFile(CliContext context, SharedOptions shared, ActingOptions acting, Path file, boolean csv) {
        try (Registry registry = context.openRegistry(shared)) {
            Identity who = CommandSupport.identity(registry, acting, context);
            who.require(Role.ANALYST, "importing scorecards");
            AtomicBoolean cancel = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(1);
            Thread onInterrupt = new Thread(() -> {
                cancel.set(true);
                try {
                    done.await(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException exiting) {
                    Thread.currentThread().interrupt();
                }
            }, "scorecards-import-cancel");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                ScorecardImport.Listener listener = new ProgressLines(context, file.getFileName().toString(), cancel);
                ScorecardImport.Result result = csv ? ScorecardImport.importCsv(registry, file, context.clock(), who.user(), listener)
                        : ScorecardImport.importJson(registry, file, context.clock(), who.user(), listener);
                if (shared.json()) {
                    // JSON files keep the fields they printed before the two formats shared one importer: scripts read them.
                    context.printJson(csv ? Map.of("rows", result.rows(), "models", result.models(), "file_sha256", result.fileSha256())
                            : Map.of("imported", result.rows(), "versions", result.models()));
                } else if (csv) {
                    context.out().println("Imported " + result.rows() + " scorecard value(s) for " + result.models() + " version(s) from " + file);
                } else {
                    context.out().println("Imported " + result.rows() + " scorecard values for " + result.models() + " version"
                            + (result.models() == 1 ? "" : "s"));
                }
                return 0;
            } catch (ImportCancelled cancelled) {
                // Printed here, not by Cli: on Ctrl-C the JVM exits as soon as the hook returns, which is right after this.
                context.err().println(cancelled.code() + ": " + cancelled.getMessage());
                context.err().flush();
                return 130;
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is running and lets the JVM exit once it sees done
                }
            }
        }
    }

    /** Progress on stderr: every {@value #PROGRESS_PERCENT} % of the file or every 5 s, with rows and megabytes. */
    private static final class ProgressLines implements ScorecardImport.Listener {

        private final CliContext context;
        private final String name;
        private final AtomicBoolean cancel;
        private long nextPercent = PROGRESS_PERCENT;
        private long lastLine = System.nanoTime();
        private boolean copyShown;

        ProgressLines(CliContext context, String name, AtomicBoolean cancel) {
            this.context = context;
            this.name = name;
            this.cancel = cancel;
        }

        @Override
        public void reading(long rows, long bytesRead, long totalBytes) {
            long percent = totalBytes == 0 ? 100 : bytesRead * 100 / totalBytes;
            long now = System.nanoTime();
            if (percent >= nextPercent || now - lastLine >= PROGRESS_NANOS) {
                context.err().printf(Locale.ROOT, "  %s: read %d %% (%,.1f of %,.1f MB), %,d rows valid so far%n", name, percent,
                        bytesRead / 1e6, totalBytes / 1e6, rows);
                nextPercent = (percent / PROGRESS_PERCENT + 1) * PROGRESS_PERCENT;
                lastLine = now;
            }
        }

        @Override
        public void copying(long rowsCopied, long rowsTotal) {
            long now = System.nanoTime();
            if (!copyShown || rowsCopied == rowsTotal || now - lastLine >= PROGRESS_NANOS) {
                context.err().printf(Locale.ROOT, "  %s: writing into the registry, %,d of %,d rows%n", name, rowsCopied, rowsTotal);
                copyShown = true;
                lastLine = now;
            }
        }

        @Override
        public boolean cancelled() {
            return cancel.get();
        }
    }
}

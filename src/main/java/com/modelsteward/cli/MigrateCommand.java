package com.modelsteward.cli;

import com.modelsteward.app.RegistryMigration;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.RegistryTable;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code migrate --from FILE --to postgresql://…}: copies a registry file into an empty registry on a server, as its owner,
 * in one transaction that commits only when the copy verifies ({@link RegistryMigration}; docs/deployment.md, "Moving a
 * team to PostgreSQL"). The file is only read.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "copy a registry file into an empty registry on a PostgreSQL server (--from FILE --to postgresql://…)")
final class MigrateCommand implements CliCommand {

    @Option(names = "--from", required = true, paramLabel = "FILE", converter = Converters.Text.class,
            description = "the registry file to copy; it is only read")
    private String fromAddress;

    @Option(names = "--to", required = true, paramLabel = "postgresql://…", converter = Converters.Text.class,
            description = "the empty server registry to fill: postgresql://[user@]host[:port]/database (made by init --schema-only)")
    private String toAddress;

    @Mixin
    private SharedOptions shared;

    /** A table this large shows its progress on the terminal; smaller ones copy faster than a line could be read. */
    private static final long PROGRESS_FROM = 20_000;

    @Override
    public int run(CliContext context) {
        if (shared.db().isPresent()) {
            throw new CliException("E_USAGE", "migrate takes --from FILE and --to postgresql://…, not --db");
        }
        Location from = context.location(fromAddress);
        if (!(from instanceof Location.File)) {
            throw new CliException("E_USAGE", "--from names the registry file to copy, not a server (" + from + ")");
        }
        Location to = context.location(toAddress);
        if (!(to instanceof Location.Server)) {
            throw new CliException("E_USAGE", "--to names the PostgreSQL registry to fill (postgresql://[user@]host[:port]/database), not a file ("
                    + to + "); a registry file is copied as a file");
        }
        boolean json = shared.json();
        TerminalProgress progress = new TerminalProgress(context);
        try (Registry source = Registry.openReadOnly(from); Registry destination = openDestination(context, to)) {
            RegistryMigration.Result result;
            try {
                result = RegistryMigration.run(source, destination, json ? RegistryMigration.Progress.NONE : progress);
            } finally {
                progress.endLine();
            }
            if (json) {
                printJson(context, result);
            } else {
                print(context, result);
            }
        }
        return 0;
    }

    private static Registry openDestination(CliContext context, Location to) {
        try {
            return context.withLocation(to, Registry::open);
        } catch (RegistryException refused) {
            if ("E_REGISTRY_NOT_REGISTRY".equals(refused.code())) {
                throw new RegistryException("E_MIGRATE_NO_SCHEMA", to + " has no registry yet: make an empty one with `init --schema-only --db "
                        + to + "` as its owner (or have a DBA run the script `init --print-sql` prints), then migrate again; nothing was copied");
            }
            throw refused;
        }
    }

    /**
     * Large tables on standard error: on a terminal a count rewritten as the rows go in, otherwise one line per table once
     * it is copied; then a line while the copy is checked.
     */
    private static final class TerminalProgress implements RegistryMigration.Progress {

        private final CliContext context;
        private final boolean live = ErrorTerminal.isTerminal();
        private final long started = System.nanoTime();
        private boolean shown;
        private boolean lineOpen;

        TerminalProgress(CliContext context) {
            this.context = context;
        }

        @Override
        public void copied(RegistryTable table, long copied, long total) {
            if (total < PROGRESS_FROM) {
                return;
            }
            shown = true;
            if (live) {
                context.err().print("\rcopying " + table.sqlName() + ": " + copied + " / " + total + " rows");
                lineOpen = copied < total;
                if (!lineOpen) {
                    context.err().println();
                }
            } else if (copied == total) {
                context.err().printf("copied %s: %d rows (%.1f s)%n", table.sqlName(), total, (System.nanoTime() - started) / 1e9);
            }
        }

        @Override
        public void verifying() {
            if (shown) {
                context.err().println("verifying the copy before it commits …");
            }
        }

        /** A refusal is printed on a line of its own, not after a half-written count. */
        void endLine() {
            if (lineOpen) {
                context.err().println();
                lineOpen = false;
            }
        }
    }

    private static void print(CliContext context, RegistryMigration.Result result) {
        context.out().printf("Copied %s to %s in %.1f s, in one transaction:%n", result.from(), result.to(), result.elapsed().toMillis() / 1e3);
        for (RegistryMigration.TableCopy table : result.tables()) {
            context.out().printf("  %-20s %10d%n", table.table(), table.rows());
        }
        context.out().printf("  %-20s %10d%n", "rows in all", result.rows());
        context.out().println("Verified at " + result.to() + " before the commit: the audit chain's " + result.chain().checked()
                + " entries link and hash; " + result.signatures().keysChecked() + " keys, " + result.signatures().decisionsChecked()
                + " signed decisions and " + result.signatures().headsChecked() + " signed heads verify; every table holds the file's rows "
                + "(count and SHA-256).");
        result.signatures().rootFingerprint().ifPresent(root -> context.out().println("Its root key is still " + root
                + (result.signatures().demoKeys() ? " (the demo keys)" : "") + "; people log in as their principal's name, each in the "
                + "group of their role (docs/deployment.md, \"Moving a team to PostgreSQL\")."));
    }

    private static void printJson(CliContext context, RegistryMigration.Result result) {
        Map<String, Long> tables = new LinkedHashMap<>();
        result.tables().forEach(table -> tables.put(table.table(), table.rows()));
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("audit_chain_ok", result.chain().ok());
        verification.put("audit_entries", result.chain().checked());
        verification.put("signatures_ok", result.signatures().ok());
        verification.put("keys", result.signatures().keysChecked());
        verification.put("decisions", result.signatures().decisionsChecked());
        verification.put("signed_heads", result.signatures().headsChecked());
        verification.put("rows_identical", true);
        verification.put("root_key", result.signatures().rootFingerprint().orElse(null));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("from", result.from());
        output.put("to", result.to());
        output.put("tables", tables);
        output.put("rows", result.rows());
        output.put("verification", verification);
        output.put("seconds", result.elapsed().toMillis() / 1e3);
        context.printJson(output);
    }
}

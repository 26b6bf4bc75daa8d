package com.modelsteward.app;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.RegistryTable;
import com.modelsteward.registry.Store;
import com.modelsteward.trust.SignatureAudit;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Moves a team's registry from a SQLite file to a PostgreSQL server ({@code migrate}, docs/deployment.md, "Moving a team to
 * PostgreSQL"): every table of {@link RegistryTable}, row for row with its keys, in one transaction on the destination.
 *
 * <p>The destination must be an empty registry at the source's schema version, and its login the schema owner, whose
 * rows the triggers let through as given (an ACTIVE version, an executed request, someone else's approval): the history is
 * copied as it was recorded, never replayed. Before the transaction commits, the copy is checked on the same connection
 * — the audit chain, every signature, each table's row count and the SHA-256 of its rows against the source's — and any
 * difference rolls all of it back. The source is read in one snapshot and never written.
 */
public final class RegistryMigration {

    /** Rows read and written per statement: a few megabytes at most, whatever the registry's size. */
    static final int PAGE = 5_000;

    /** What a long copy tells the person waiting. */
    public interface Progress {

        Progress NONE = new Progress() {
        };

        /** {@code copied} of the table's {@code total} rows are in the destination's transaction. */
        default void copied(RegistryTable table, long copied, long total) {
        }

        /** Every row is copied; the copy is being checked before it commits. */
        default void verifying() {
        }
    }

    /** One table's rows as copied, and their SHA-256 ({@link RowDigest}) as read from the source and again from the copy. */
    public record TableCopy(String table, long rows, String sha256) {
    }

    /**
     * @param tables     every table in the order copied
     * @param chain      the audit chain's verification at the destination
     * @param signatures the signature audit at the destination
     */
    public record Result(String from, String to, List<TableCopy> tables, AuditTrail.Verification chain, SignatureAudit.Report signatures,
                         Duration elapsed) {

        public long rows() {
            return tables.stream().mapToLong(TableCopy::rows).sum();
        }

        Result took(Duration time) {
            return new Result(from, to, tables, chain, signatures, time);
        }
    }

    private final Registry source;
    private final Registry destination;
    private final Progress progress;

    private RegistryMigration(Registry source, Registry destination, Progress progress) {
        this.source = source;
        this.destination = destination;
        this.progress = progress;
    }

    /**
     * Copies {@code source} (opened with {@link Registry#openReadOnly}) into {@code destination}, verifies the copy and commits
     * it, or refuses with a sentence and leaves the destination as it was.
     */
    public static Result run(Registry source, Registry destination, Progress progress) {
        return new RegistryMigration(source, destination, progress).run();
    }

    private Result run() {
        long started = System.nanoTime();
        String to = destination.location().toString();
        if (!destination.read(store -> store.copy().writesRowsAsGiven())) {
            String login = destination.authenticatedUser().orElse("this login");
            throw new RegistryException("E_MIGRATE_NOT_OWNER", to + ": " + login + " is not the registry's owner; migrate writes the "
                    + "history as it was recorded, which the triggers let only the owner do: run it as a superuser or a member of "
                    + "steward_owner; nothing was copied");
        }
        if (source.schemaVersion() != destination.schemaVersion()) {
            throw new RegistryException("E_MIGRATE_SCHEMA", source.schemaVersion() < destination.schemaVersion()
                    ? source.location() + " is at schema version " + source.schemaVersion() + " and the registry at " + to + " at "
                            + destination.schemaVersion() + ": open the file once with this app (`status --db " + source.location()
                            + "`) to bring it up to date, then migrate again; nothing was copied"
                    : source.location() + " is at schema version " + source.schemaVersion() + ", newer than the registry at " + to + " ("
                            + destination.schemaVersion() + "): migrate with the version of Model Steward that wrote it; nothing was copied");
        }
        Result committed = destination.write(store -> {
            store.copy().excludeOtherWriters();
            refuseRowsIn(store);
            return source.readSnapshot(from -> copyAndVerify(from, store));
        });
        return committed.took(Duration.ofNanos(System.nanoTime() - started));
    }

    /** Rows already in the destination would mix two histories (and two root keys): only an empty registry is filled. */
    private void refuseRowsIn(Store store) {
        Map<String, Long> held = new LinkedHashMap<>();
        for (RegistryTable table : RegistryTable.values()) {
            long rows = store.copy().count(table);
            if (rows > 0) {
                held.put(table.sqlName(), rows);
            }
        }
        if (!held.isEmpty()) {
            StringBuilder what = new StringBuilder();
            held.forEach((table, rows) -> what.append(what.isEmpty() ? "" : ", ").append(table).append(' ').append(rows));
            throw new RegistryException("E_MIGRATE_NOT_EMPTY", destination.location() + " already holds rows (" + what
                    + "); migrate fills only an empty registry: make one with `init --schema-only --db " + destination.location()
                    + "` (or a DBA's `init --print-sql`) in a new database; nothing was copied");
        }
    }

    /** Inside the source's snapshot and the destination's transaction: a failure anywhere rolls the whole copy back. */
    private Result copyAndVerify(Store from, Store to) {
        AuditTrail.Verification sourceChain = from.audit().verifyChain();
        SignatureAudit.Report sourceSignatures = SignatureAudit.verify(from);
        if (!sourceChain.ok() || !sourceSignatures.ok()) {
            String problem = !sourceChain.ok() ? "its audit chain is broken at entry " + sourceChain.firstBadSeq().orElseThrow() + " ("
                    + sourceChain.problem() + ")" : sourceSignatures.problems().getFirst();
            throw new RegistryException("E_MIGRATE_SOURCE", source.location() + " does not verify: " + problem + "; migrate copies only "
                    + "a registry whose history verifies (`audit verify --db " + source.location() + "` lists every problem); nothing was copied");
        }
        List<TableCopy> copies = new ArrayList<>();
        for (RegistryTable table : RegistryTable.values()) {
            copies.add(copy(table, from, to));
        }
        progress.verifying();
        return verify(copies, to, sourceChain, sourceSignatures);
    }

    private TableCopy copy(RegistryTable table, Store from, Store to) {
        long total = from.copy().count(table);
        RowDigest digest = new RowDigest();
        long[] copied = {0};
        from.copy().read(table, PAGE, rows -> {
            for (Object[] row : rows) {
                fitColumns(table, row);
            }
            digest.add(rows);
            try {
                atDestination(() -> {
                    to.copy().insert(table, rows);
                    return null;
                });
            } catch (RegistryException refused) {
                String sentence = refused.getMessage().replaceFirst("^" + Pattern.quote(destination.location() + ": "), "");
                throw new RegistryException("E_MIGRATE_REFUSED", destination.location() + " refused a row of " + table.sqlName() + " ("
                        + table.key().name() + " " + rows.getFirst()[0] + " to " + rows.getLast()[0] + "): " + sentence
                        + "; the copy was rolled back and the server holds none of it", refused);
            }
            copied[0] += rows.size();
            progress.copied(table, copied[0], total);
        });
        atDestination(() -> {
            to.copy().continueIdentity(table);
            return null;
        });
        return new TableCopy(table.sqlName(), copied[0], digest.hex());
    }

    /**
     * The copy holds what the source holds: the same rows in every table (counted, and hashed as read back), a chain
     * that verifies over as many entries, and the same keys, decisions and signed heads verifying.
     */
    private Result verify(List<TableCopy> copies, Store to, AuditTrail.Verification sourceChain, SignatureAudit.Report sourceSignatures) {
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < copies.size(); i++) {
            RegistryTable table = RegistryTable.values()[i];
            TableCopy expected = copies.get(i);
            long rows = atDestination(() -> to.copy().count(table));
            RowDigest digest = new RowDigest();
            atDestination(() -> {
                to.copy().read(table, PAGE, digest::add);
                return null;
            });
            if (rows != expected.rows()) {
                differences.add(table.sqlName() + " holds " + rows + " rows, the source " + expected.rows());
            } else if (!digest.hex().equals(expected.sha256())) {
                differences.add(table.sqlName() + " holds other values than the source");
            }
        }
        AuditTrail.Verification chain = atDestination(() -> to.audit().verifyChain());
        if (!chain.ok()) {
            differences.add("the audit chain is broken at entry " + chain.firstBadSeq().orElseThrow() + " (" + chain.problem() + ")");
        } else if (chain.checked() != sourceChain.checked()) {
            differences.add("the audit chain has " + chain.checked() + " entries, the source " + sourceChain.checked());
        }
        SignatureAudit.Report signatures = atDestination(() -> SignatureAudit.verify(to));
        differences.addAll(signatures.problems());
        if (signatures.keysChecked() != sourceSignatures.keysChecked() || signatures.decisionsChecked() != sourceSignatures.decisionsChecked()
                || signatures.headsChecked() != sourceSignatures.headsChecked()) {
            differences.add("the signatures checked differ from the source's (" + signatures.keysChecked() + " keys, "
                    + signatures.decisionsChecked() + " decisions, " + signatures.headsChecked() + " signed heads against "
                    + sourceSignatures.keysChecked() + ", " + sourceSignatures.decisionsChecked() + ", " + sourceSignatures.headsChecked() + ")");
        }
        if (!differences.isEmpty()) {
            throw new RegistryException("E_MIGRATE_VERIFY", "the copy at " + destination.location() + " does not match " + source.location()
                    + ": " + String.join("; ", differences) + "; it was rolled back and the server holds none of it");
        }
        return new Result(source.location().toString(), destination.location().toString(), List.copyOf(copies), chain, signatures, Duration.ZERO);
    }

    /**
     * A value the server's column can hold, or a refusal naming the row: SQLite lets any column hold text, and the file may
     * have been written behind the app's back. A whole number in a REAL column is the same double.
     */
    private void fitColumns(RegistryTable table, Object[] row) {
        List<RegistryTable.Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            Object value = row[i];
            RegistryTable.Column column = columns.get(i);
            boolean fits = switch (column.kind()) {
                case TEXT -> value == null || value instanceof String;
                case INTEGER -> value == null || value instanceof Long;
                case REAL -> value == null || value instanceof Double || value instanceof Long whole && (double) whole == whole
                        && Math.abs(whole) <= 1L << 53;
            };
            if (!fits) {
                throw new RegistryException("E_MIGRATE_SOURCE", source.location() + ": the " + table.sqlName() + " row with " + table.key().name()
                        + " " + row[0] + " holds " + describe(value) + " in " + column.name() + ", a " + column.kind() + " column, which the "
                        + "server cannot store; correct that row in the file (it was written behind the app's back), then migrate again; "
                        + "nothing was copied");
            }
            if (column.kind() == RegistryTable.Kind.REAL && value instanceof Long whole) {
                row[i] = (double) whole;
            }
        }
    }

    private static String describe(Object value) {
        if (value instanceof byte[] bytes) {
            return "a blob of " + bytes.length + " bytes";
        }
        if (value instanceof String text) {
            return "the text \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        return "the number " + value;
    }

    /**
     * Runs a step on the destination's connection, its failures said as the destination's: the steps run inside the
     * source's read, which would otherwise name the file for a refusal by the server.
     */
    private <T> T atDestination(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException failed) {
            throw destination.engine().translate(failed, destination.location());
        }
    }

    /**
     * The SHA-256 of a table's rows in key order, each value tagged with its type: the same rows give the same digest
     * whichever engine they were read from, since both hand over text, whole numbers and doubles as the same Java values.
     */
    static final class RowDigest {

        private final MessageDigest sha256;
        private final ByteBuffer number = ByteBuffer.allocate(Long.BYTES);

        RowDigest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every JDK has SHA-256", impossible);
            }
        }

        void add(List<Object[]> rows) {
            for (Object[] row : rows) {
                for (Object value : row) {
                    switch (value) {
                        case null -> sha256.update((byte) 'N');
                        case String text -> {
                            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                            sha256.update((byte) 'T');
                            update(bytes.length);
                            sha256.update(bytes);
                        }
                        case Long whole -> {
                            sha256.update((byte) 'I');
                            update(whole);
                        }
                        case Double real -> {
                            sha256.update((byte) 'R');
                            update(Double.doubleToRawLongBits(real));
                        }
                        default -> throw new IllegalArgumentException("a row value of type " + value.getClass().getSimpleName());
                    }
                }
                sha256.update((byte) '\n');
            }
        }

        private void update(long value) {
            number.clear();
            number.putLong(value);
            sha256.update(number.array());
        }

        String hex() {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }
}

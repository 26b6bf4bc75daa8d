package com.modelsteward.scorecards;

import com.modelsteward.governance.InputFiles;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.ScorecardImportRow;
import com.modelsteward.registry.ScorecardStagingFile;
import com.modelsteward.registry.ScorecardStore;
import com.modelsteward.registry.StagedScorecardRow;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.Timestamps;
import com.modelsteward.trust.Signatures;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.LongSupplier;

/**
 * Imports a scorecard file (CSV or JSON) of any size, all rows or none, with progress and cancel
 * (docs/decisions/0008-streamed-scorecard-import.md):
 *
 * <ol>
 *   <li>one pass over the file: its bytes are hashed as they are parsed, each row is validated and goes to a private
 *       staging SQLite file in the temp folder in batches — no lock on the registry, memory independent of the size;</li>
 *   <li>an invalid line anywhere, a duplicate (in the file or against the registry) or a cancel deletes the staging file
 *       and leaves the registry untouched;</li>
 *   <li>one short registry transaction attaches the staging file, checks again for rows written meanwhile, copies the rows
 *       with one {@code INSERT … SELECT} in index order (a cancel interrupts it and rolls back) and appends one
 *       audit entry naming the file, its SHA-256, the row count, the model count, the first {@value #AUDIT_MODEL_IDS}
 *       model ids and the SHA-256 of all of them.</li>
 * </ol>
 */
public final class ScorecardImport {

    /** Model ids listed by name in the audit entry; the rest are covered by their count and digest. */
    static final int AUDIT_MODEL_IDS = 100;
    /** Progress is reported about this often (bytes read), and at least every 1/200 of the file. */
    private static final long PROGRESS_BYTES = 4L << 20;

    public record Result(long rows, long models, String fileSha256) {
    }

    /** What an import reports while it runs, and how it learns that the user cancelled. Called on the importing thread. */
    public interface Listener {
        /** While reading: rows kept so far and bytes read of the file's size. */
        void reading(long rows, long bytesRead, long totalBytes);

        /** While copying into the registry (the write lock is held): rows copied of all rows. */
        default void copying(long rowsCopied, long rowsTotal) {
        }

        /** Polled between batches: true stops the import and leaves the registry unchanged. */
        default boolean cancelled() {
            return false;
        }
    }

    /** The two file formats: how a line is named in messages and which error code a refusal carries. */
    private enum Format {
        CSV("E_IMPORT_INVALID"), JSON("E_INVALID_INPUT");

        final String code;

        Format(String code) {
            this.code = code;
        }
    }

    private ScorecardImport() {
    }

    /** model_id,pack_id,metric,value[,generated_at] rows (see {@link ScorecardCsvReader}); the source is "import:NAME". */
    public static Result importCsv(Registry registry, Path file, Clock clock, String actor, Listener listener) {
        String name = fileName(file);
        return run(registry, file, Format.CSV, "import:" + name, clock, actor, listener, (content, known, staging, problems) -> {
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            Reader reader = new InputStreamReader(content, decoder);
            ScorecardCsvReader.read(name, reader, known::contains,
                    row -> staging.add(row.line(), row.modelId(), row.packId(), row.metric(), row.value(), row.generatedAt()), problems);
            return null;
        });
    }

    /** The JSON forms of {@link InputFiles#readScorecards}; the source is the file's {@code source} field, else "import". */
    public static Result importJson(Registry registry, Path file, Clock clock, String actor, Listener listener) {
        String[] source = {"import"};
        return run(registry, file, Format.JSON, null, clock, actor, listener, (content, known, staging, problems) -> {
            InputFiles.readScorecards(file, content, null, value -> {
                if (!known.contains(value.modelId())) {
                    throw new RegistryException("E_INVALID_INPUT", file + " line " + value.line() + ": model_id " + value.modelId()
                            + " is not a registered version; nothing was imported");
                }
                source[0] = value.source();
                staging.add(value.line(), value.modelId(), value.packId(), value.metric(), value.value(), value.generatedAt());
            });
            return source[0];
        });
    }

    /** Parses {@code content} into {@code staging}; returns the source to record, or null to keep the caller's. */
    @FunctionalInterface
    private interface Parser {
        String parse(InputStream content, Set<String> knownModels, ScorecardStaging staging, ImportProblems problems) throws IOException;
    }

    private static Result run(Registry registry, Path file, Format format, String csvSource, Clock clock, String actor, Listener listener,
                              Parser parser) {
        String name = fileName(file);
        long total = size(file);
        // Bounded by the registry, not by the file: one entry per registered version.
        Set<String> known = new HashSet<>(registry.read(store -> store.versions().ids()));
        ImportProblems problems = new ImportProblems();
        try (ScorecardStaging staging = ScorecardStaging.create((line, first, timed) -> problems.add(line, where(format, file, line)
                + " duplicate of line " + first + " (same model_id, pack_id, metric" + (timed ? " and generated_at" : "") + ")"))) {
            String source;
            String sha256;
            try (MeteredStream content = new MeteredStream(Files.newInputStream(file), total, staging::rows, listener, name)) {
                // The parser's stream is not closed by the parser (Jackson closes its source), so the rest can be hashed.
                InputStream buffered = new BufferedInputStream(content, 64 * 1024) {
                    @Override
                    public void close() {
                        // the try block closes the file
                    }
                };
                source = parser.parse(buffered, known, staging, problems);
                staging.finish();
                problems.throwIfAny(format.code, name);
                // The parser may stop before the end (trailing blank lines, content after a JSON list): hash it all.
                content.transferTo(OutputStreamSink.INSTANCE);
                sha256 = content.hex();
            } catch (IOException unreadable) {
                throw cantRead(file, unreadable);
            }
            if (listener.cancelled()) {
                throw new ImportCancelled(name);
            }
            if (staging.rows() == 0) {
                throw new RegistryException(format.code, format == Format.CSV
                        ? name + ":1: the file has a header but no scorecard rows; nothing was imported" : file + ": the file holds no scorecards");
            }
            Summary summary = summarise(registry, staging.file(), sha256);
            summary.prior().ifPresent(prior -> {
                throw alreadyImported(format, file, prior);
            });
            summary.clash().ifPresent(clash -> {
                throw duplicateInRegistry(format, file, clash);
            });
            return copy(registry, staging.file(), format, file, source != null ? source : csvSource, clock, actor, listener, summary, sha256);
        }
    }

    /**
     * What is staged, read without any lock on the registry: row count, distinct models (count, first few, digest), the
     * first row the registry already holds, and a mark (highest scorecard_id and count up to it) so that the copy
     * transaction need only check rows added after this snapshot.
     */
    private record Summary(long rows, long models, List<String> firstModels, String modelsSha256, Optional<StagedScorecardRow> clash, long mark,
                           long countToMark, Optional<ScorecardImportRow> prior) {
    }

    /** The recorded import of a file with the same SHA-256 (schema V008): the idempotency key of an import. */
    private static Optional<ScorecardImportRow> priorImport(Store store, String sha256) {
        return store.scorecards().importOf(sha256);
    }

    /**
     * A retry, or a re-run, of an import that committed: refused with what was recorded, so that a script that is unsure
     * whether its import went through may simply run it again.
     */
    private static RegistryException alreadyImported(Format format, Path file, ScorecardImportRow prior) {
        String name = format == Format.CSV ? fileName(file) : file.toString();
        return new RegistryException("E_ALREADY_IMPORTED", name + ": this file (SHA-256 " + prior.fileSha256().substring(0, 12)
                + "…) was already imported as " + prior.fileName() + " by " + prior.importedBy() + " at " + prior.importedAt()
                + " (" + prior.rows() + " rows); nothing was imported again");
    }

    /** Read beside the registry without its write lock ({@link ScorecardStagingFile#readBeside}): one snapshot for the mark and the check. */
    private static Summary summarise(Registry registry, Path staging, String sha256) {
        return ScorecardStagingFile.readBeside(registry, staging, store -> summarise(store, sha256));
    }

    private static Summary summarise(Store store, String sha256) {
        ScorecardStore scorecards = store.scorecards();
        long rows = scorecards.stagedCount();
        MessageDigest digest = sha256();
        List<String> first = new ArrayList<>();
        long[] models = {0};
        scorecards.stagedModelIds(id -> {
            digest.update((id + "\n").getBytes(StandardCharsets.UTF_8));
            if (models[0]++ < AUDIT_MODEL_IDS) {
                first.add(id);
            }
        });
        long mark = scorecards.highestId();
        long countToMark = scorecards.countUpTo(mark);
        Optional<StagedScorecardRow> clash = scorecards.firstStagedDuplicate();
        return new Summary(rows, models[0], List.copyOf(first), HexFormat.of().formatHex(digest.digest()), clash, mark, countToMark,
                priorImport(store, sha256));
    }

    private static Result copy(Registry registry, Path staging, Format format, Path file, String source, Clock clock, String actor,
                               Listener listener, Summary summary, String sha256) {
        String name = fileName(file);
        String now = Timestamps.now(clock);
        return registry.writeWithStaging(staging, store -> {
            ScorecardStore scorecards = store.scorecards();
            // The same file committed meanwhile (another process, or this import retried after an uncertain end).
            priorImport(store, sha256).ifPresent(prior -> {
                throw alreadyImported(format, file, prior);
            });
            // Rows another writer added since the snapshot: only those can clash now, unless rows up to the mark changed.
            boolean unchanged = scorecards.countUpTo(summary.mark()) == summary.countToMark();
            scorecards.firstStagedDuplicateAfter(unchanged ? summary.mark() : -1).ifPresent(found -> {
                throw duplicateInRegistry(format, file, found);
            });
            scorecards.firstStagedOfUnknownVersion()
                    .map(row -> where(format, file, row.line()) + " model " + row.modelId() + " is no longer in the registry")
                    .ifPresent(gone -> {
                        throw new RegistryException(format.code, gone + "; nothing was imported");
                    });
            listener.copying(0, summary.rows());
            long copied;
            try {
                // Interrupted when the user cancels; the transaction then rolls back.
                copied = scorecards.copyFromStaging(now, source, listener::cancelled);
            } catch (CancellationException cancelled) {
                throw new ImportCancelled(name);
            }
            listener.copying(copied, summary.rows());
            if (listener.cancelled()) {
                throw new ImportCancelled(name);
            }
            scorecards.recordImport(sha256, name, copied, summary.models(), summary.modelsSha256(), source, actor, now);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("file", name);
            payload.put("sha256", sha256);
            payload.put("rows", copied);
            payload.put("models", summary.models());
            payload.put("model_ids_first", summary.firstModels());
            payload.put("model_ids_sha256", summary.modelsSha256());
            // Scorecards are evidence the pipeline also writes unsigned; the import enters the signed history when its actor can sign.
            if (Signatures.canSign(store, actor)) {
                store.audit().append(clock, actor, "scorecards.imported", "scorecards", payload);
                Signatures.seal(store, clock, actor);
            }
            return new Result(copied, summary.models(), sha256);
        });
    }

    private static RegistryException duplicateInRegistry(Format format, Path file, StagedScorecardRow clash) {
        return new RegistryException(format.code, where(format, file, clash.line()) + " duplicate: the registry already holds "
                + clash.modelId() + " " + clash.packId() + " " + clash.metric() + " at " + clash.generatedAt() + "; nothing was imported");
    }

    /** "cards.csv:12:" for CSV (as the reader's messages), "/path/scores.json line 12:" for JSON (as InputFiles'). */
    private static String where(Format format, Path file, long line) {
        return format == Format.CSV ? fileName(file) + ":" + line + ":" : file + " line " + line + ":";
    }

    private static String fileName(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    private static long size(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new RegistryException("E_IMPORT_CANT_READ", file + " does not exist or is not a file; nothing was imported");
            }
            return Files.size(file);
        } catch (IOException unreadable) {
            throw cantRead(file, unreadable);
        }
    }

    private static RegistryException cantRead(Path file, IOException unreadable) {
        String why = unreadable instanceof java.nio.file.NoSuchFileException ? "no such file"
                : unreadable instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(unreadable.getMessage());
        return new RegistryException("E_IMPORT_CANT_READ", "cannot read " + file + ": " + why + "; nothing was imported");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("the JDK always has SHA-256", impossible);
        }
    }

    /** Discards what it is given: draining the rest of a file through the hash. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
            // discarded on purpose
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // discarded on purpose
        }
    }

    /**
     * The file's bytes on their way to the parser: hashed, counted for progress, and the place where a cancel is noticed
     * (every read of a buffer), so a cancel stops even a parser busy on one huge record.
     */
    private static final class MeteredStream extends FilterInputStream {

        private final MessageDigest digest = ScorecardImport.sha256();
        private final long total;
        private final LongSupplier rows;
        private final Listener listener;
        private final String name;
        private final long step;
        private long bytes;
        private long nextReport;

        MeteredStream(InputStream in, long total, LongSupplier rows, Listener listener, String name) {
            super(in);
            this.total = total;
            this.rows = rows;
            this.listener = listener;
            this.name = name;
            this.step = Math.max(64 * 1024, Math.min(PROGRESS_BYTES, total / 200));
            listener.reading(0, 0, total);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (listener.cancelled()) {
                throw new ImportCancelled(name);
            }
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                digest.update(buffer, offset, n);
                bytes += n;
                if (bytes >= nextReport) {
                    nextReport = bytes + step;
                    listener.reading(rows.getAsLong(), bytes, Math.max(total, bytes));
                }
            } else if (n < 0 && nextReport != Long.MAX_VALUE) {
                nextReport = Long.MAX_VALUE;
                listener.reading(rows.getAsLong(), bytes, Math.max(total, bytes));
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes would escape the hash; read them instead.
            return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}

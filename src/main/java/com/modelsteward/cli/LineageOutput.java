package com.modelsteward.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.modelsteward.lineage.LineageCheck;
import com.modelsteward.registry.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code lineage} prints, one version at a time as each is checked: the report of every live version is written
 * while it is made, never held whole (its chains together are as large as the registry).
 */
abstract class LineageOutput implements AutoCloseable {

    /** One version's check and its chain, the version first. */
    abstract void version(LineageCheck check, List<ModelVersion> chain);

    /** After the last version: whether all were complete, and the data problems met on their lines. */
    abstract void end(boolean complete, List<String> problems);

    @Override
    public void close() {
    }

    static LineageOutput text(CliContext context) {
        return new Text(context);
    }

    static LineageOutput json(CliContext context) {
        return new Json(context.jsonStream());
    }

    /** "checked N of M versions" on stderr, about every tenth of the way and at the end, when there are many versions. */
    static final class Progress {

        private static final int QUIET_UP_TO = 20;

        private final CliContext context;
        private final int total;
        private int done;

        Progress(CliContext context, int total) {
            this.context = context;
            this.total = total;
        }

        void step() {
            done++;
            if (total > QUIET_UP_TO && (done % Math.max(1, total / 10) == 0 || done == total)) {
                context.err().println("lineage: checked " + done + " of " + total + " versions");
            }
        }
    }

    private static final class Text extends LineageOutput {

        private final CliContext context;

        Text(CliContext context) {
            this.context = context;
        }

        @Override
        void version(LineageCheck check, List<ModelVersion> chain) {
            ModelVersion version = chain.getFirst();
            context.out().printf("%s  %s %s  [%s]%n", version.modelId(), version.modelName(), version.version(), version.state());
            context.out().println("  chain:");
            for (ModelVersion link : chain) {
                context.out().printf("    %-34s %-10s config %s  data %s (%s)  commit %s%n", link.modelId(), link.state(),
                        shortHash(link.trainingConfigHash()), link.dataSnapshotRef(), shortHash(link.dataSnapshotHash()), shortHash(link.codeCommit()));
            }
            context.out().println(check.complete() ? "  ✓ auditable lineage complete" : "  ✗ auditable lineage incomplete:");
            for (LineageCheck.Item item : check.items()) {
                context.out().printf("    %s %s — %s%n", item.ok() ? "✓" : "✗", item.requirement(), item.detail());
            }
        }

        @Override
        void end(boolean complete, List<String> problems) {
            problems.forEach(problem -> context.out().println("warning: " + problem));
        }

        private static String shortHash(String hash) {
            return hash == null ? "—" : hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
        }
    }

    /** {"versions": [...], "complete": …, "lineage_problems": [...]}, the versions written as they come. */
    private static final class Json extends LineageOutput {

        private final JsonGenerator generator;

        Json(JsonGenerator generator) {
            this.generator = generator;
            write(() -> {
                generator.writeStartObject();
                generator.writeArrayFieldStart("versions");
            });
        }

        @Override
        void version(LineageCheck check, List<ModelVersion> chain) {
            write(() -> generator.writeObject(report(check, chain)));
        }

        @Override
        void end(boolean complete, List<String> problems) {
            write(() -> {
                generator.writeEndArray();
                generator.writeBooleanField("complete", complete);
                generator.writeObjectField("lineage_problems", problems);
                generator.writeEndObject();
            });
        }

        @Override
        public void close() {
            write(() -> {
                generator.writeRaw(System.lineSeparator());
                generator.close();
            });
        }

        private interface Write {
            void run() throws IOException;
        }

        private static void write(Write write) {
            try {
                write.run();
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }

        private static Map<String, Object> report(LineageCheck check, List<ModelVersion> chain) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model_id", check.modelId());
            out.put("state", check.state());
            out.put("complete", check.complete());
            out.put("checks", check.items().stream().map(item -> Map.of("requirement", item.requirement(), "ok", item.ok(), "detail", item.detail())).toList());
            out.put("missing", check.missing().stream().map(LineageCheck.Item::requirement).toList());
            out.put("chain", chain.stream().map(link -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model_id", link.modelId());
                row.put("state", link.state());
                row.put("parent_id", link.parentId());
                row.put("training_config_hash", link.trainingConfigHash());
                row.put("data_snapshot_ref", link.dataSnapshotRef());
                row.put("data_snapshot_hash", link.dataSnapshotHash());
                row.put("feature_graph_hash", link.featureGraphHash());
                row.put("code_commit", link.codeCommit());
                return row;
            }).toList());
            return out;
        }
    }
}

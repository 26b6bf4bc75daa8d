package com.modelsteward.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.modelsteward.csv.CsvWriter;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditEntry;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes audit entries to CSV or JSON; the file appears whole or not at all (temp file, then move). */
public final class AuditExport {

    private AuditExport() {
    }

    public static void csv(List<AuditEntry> entries, Path target) throws IOException {
        writeAtomically(target, out -> {
            CsvWriter csv = new CsvWriter(out);
            csv.row(List.of("seq", "ts", "actor", "action", "entity", "payload_json", "prev_hash", "hash"));
            for (AuditEntry e : entries) {
                csv.row(List.of(Long.toString(e.seq()), e.ts(), e.actor(), e.action(), e.entity(), e.payloadJson(), e.prevHash(), e.hash()));
            }
        });
    }

    public static void json(List<AuditEntry> entries, Path target) throws IOException {
        writeAtomically(target, out -> {
            ArrayNode array = CanonicalJson.mapper().createArrayNode();
            for (AuditEntry e : entries) {
                ObjectNode node = array.addObject();
                node.put("seq", e.seq()).put("ts", e.ts()).put("actor", e.actor()).put("action", e.action()).put("entity", e.entity());
                node.set("payload", CanonicalJson.mapper().readTree(e.payloadJson()));
                node.put("payload_json", e.payloadJson()).put("prev_hash", e.prevHash()).put("hash", e.hash());
            }
            CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValue(out, array);
        });
    }

    @FunctionalInterface
    interface Body {
        void write(Writer out) throws IOException;
    }

    static void writeAtomically(Path target, Body body) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(folder, ".export", ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                body.write(out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

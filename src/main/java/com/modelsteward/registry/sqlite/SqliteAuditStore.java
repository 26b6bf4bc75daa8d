package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.AuditStore;
import java.sql.ResultSet;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;

/** {@link AuditStore} on SQLite. */
final class SqliteAuditStore implements AuditStore {

    private final Handle handle;

    SqliteAuditStore(Handle handle) {
        this.handle = handle;
    }

    // lineage, scorecards and drift

    /** SQLite looks through the log for the payload mention (it cannot be indexed): about 50 ms per 100 000 entries. */
    private static final String ABOUT_SQL = """
            SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log
             WHERE entity = :id OR entity = 'model:' || :id OR entity = 'model/' || :id
                OR instr(payload_json, '"' || :id || '"') > 0
             ORDER BY seq""";

    @Override
    public List<AuditEntry> about(String modelId) {
        return handle.createQuery(ABOUT_SQL).bind("id", modelId).mapTo(AuditEntry.class).list();
    }

    private static final String SCAN_SQL = "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log ORDER BY seq";

    @Override
    public <T> void scan(BiFunction<String, String, T> select, BiConsumer<T, AuditEntry> found) {
        handle.createQuery(SCAN_SQL).scanResultSet((supplier, context) -> {
            ResultSet rows = supplier.get();
            while (rows.next()) {
                T selected = select.apply(rows.getString("entity"), rows.getString("payload_json"));
                if (selected != null) {
                    found.accept(selected, new AuditEntry(rows.getLong("seq"), rows.getString("ts"), rows.getString("actor"),
                            rows.getString("action"), rows.getString("entity"), rows.getString("payload_json"), rows.getString("prev_hash"),
                            rows.getString("hash")));
                }
            }
            return null;
        });
    }
}

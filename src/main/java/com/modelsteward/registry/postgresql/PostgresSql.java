package com.modelsteward.registry.postgresql;

import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/** PostgreSQL's side of the store's statements: the import's rows are a temporary table, tables have no rowid. */
final class PostgresSql implements Dialect {

    static final PostgresSql INSTANCE = new PostgresSql();

    private static final String ENABLED_TRIGGERS = """
            SELECT t.tgname FROM pg_trigger t
              JOIN pg_class c ON c.oid = t.tgrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'steward' AND NOT t.tgisinternal AND t.tgenabled <> 'D'""";

    private PostgresSql() {
    }

    /** Requests and rule changes are never deleted (no one may): their count is the highest number. */
    @Override
    public String nextNumberSql(String table) {
        return "SELECT count(*) + 1 FROM " + table;
    }

    @Override
    public String staged(String sql) {
        return sql.replace("staging.staged_scorecards", "pg_temp.staged_scorecards");
    }

    /**
     * The server's own {@code strpos}, which the planner evaluates in place. The schema's {@code instr} does the same but,
     * like every registry function, pins its search_path, and a function with a SET clause is never inlined: it is
     * called row by row with its setting saved and restored, ten times slower over 100 000 audit entries (a lineage
     * selection at 100 000 versions took 455 ms instead of 100-odd; docs/performance.md, "PostgreSQL beside SQLite").
     */
    @Override
    public String textSearch(String sql) {
        return sql.replace("instr(", "strpos(");
    }

    /** A trigger the schema defines that is missing or disabled (only the owner can do either) is a problem. */
    @Override
    public List<String> triggerProblems(Handle handle) {
        Set<String> present = new TreeSet<>(handle.createQuery(ENABLED_TRIGGERS).mapTo(String.class).list());
        List<String> problems = new ArrayList<>();
        for (String expected : PostgresMigrations.triggerNames()) {
            if (!present.contains(expected)) {
                problems.add("trigger " + expected + " is missing or disabled");
            }
        }
        return problems;
    }

    private static final String IS_OWNER = "SELECT steward.is_owner()";
    private static final String LOCK_CHAIN = "LOCK TABLE steward.audit_log IN SHARE ROW EXCLUSIVE MODE";
    private static final String APPEND = "SELECT seq, ts, actor, prev_hash, hash FROM steward.append_audit(:action, :entity, :payload)";

    /**
     * Everyone but the owner appends through {@code append_audit}, which takes the chain's lock and records
     * {@code session_user} and the server's time; the owner (copying a history in {@code migrate} or {@code demo}) appends
     * the entries as given, under the same lock.
     */
    @Override
    public Optional<AuditEntry> appendAudit(Handle handle, String action, String entity, String payloadJson) {
        if (handle.createQuery(IS_OWNER).mapTo(Boolean.class).one()) {
            handle.execute(LOCK_CHAIN);
            return Optional.empty();
        }
        return Optional.of(handle.createQuery(APPEND).bind("action", action).bind("entity", entity).bind("payload", payloadJson)
                .map((row, ctx) -> new AuditEntry(row.getLong("seq"), row.getString("ts"), row.getString("actor"), action, entity,
                        payloadJson, row.getString("prev_hash"), row.getString("hash")))
                .one());
    }

    /** The server's shared buffers serve every connection; there is no per-connection cache to widen. */
    @Override
    public void pageCache(Handle handle, boolean wide) {
    }
}

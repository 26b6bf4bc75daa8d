package com.modelsteward.registry.postgresql;

import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.RegistryTable;
import com.modelsteward.registry.sql.Dialect;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

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

    /**
     * A trigger the schema defines that is missing or disabled (only the owner can do either) is a problem; a schema newer
     * than this app's is the newer app's to judge.
     */
    @Override
    public List<String> triggerProblems(Handle handle) {
        if (PostgresEngine.INSTANCE.migrations().current(handle) > PostgresEngine.INSTANCE.migrations().latest()) {
            return List.of();
        }
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

    /**
     * {@code COPY … FROM STDIN} in text format for every table: one round trip per page, the rows parsed without an INSERT
     * planned per row. Measured against batched INSERTs it halved the large tables' time and matched the small ones'
     * (figures in the commit that chose it). The statement names a table and columns of {@link RegistryTable} only, never
     * input.
     */
    @Override
    public boolean copyIn(Handle handle, RegistryTable table, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return true;
        }
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                appendCopyValue(text, row[i]);
            }
            text.append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            CopyIn copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table.sqlName() + " (" + table.columnList() + ") FROM STDIN");
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException refused) {
            throw new IllegalStateException(refused.getMessage(), refused);
        }
        return true;
    }

    /**
     * A value in COPY's text format: NULL is {@code \N}; backslash, tab, newline and carriage return are escaped; a number is
     * written as Java writes it, which the server reads back as the same double (the shortest text that round-trips).
     */
    static void appendCopyValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String string) {
            for (int i = 0; i < string.length(); i++) {
                char c = string.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        } else {
            text.append(value);
        }
    }

    private static final String CONTINUE_IDENTITY = """
            SELECT setval(pg_get_serial_sequence(:table, :column), coalesce(max(<column>), 0) + 1, false) FROM <table>""";

    /** The identity column's sequence continues after the highest copied key, so the next insert does not collide. */
    @Override
    public void continueIdentity(Handle handle, RegistryTable table) {
        if (table.identity()) {
            handle.createQuery(CONTINUE_IDENTITY).define("table", table.sqlName()).define("column", table.key().name())
                    .bind("table", table.sqlName()).bind("column", table.key().name()).mapTo(Long.class).one();
        }
    }

    /**
     * {@code steward.is_owner()}'s test, asked without calling it: a login outside the console and pipeline groups (an
     * auditor) may not execute the registry's functions, and is told it is not the owner like anyone else.
     */
    private static final String LOGIN_IS_OWNER = """
            SELECT coalesce(pg_has_role(session_user, 'steward_owner', 'USAGE')
                            OR CASE WHEN current_setting('server_version_num')::int >= 160000
                                    THEN pg_has_role(session_user, 'steward_owner', 'SET')
                                    ELSE pg_has_role(session_user, 'steward_owner', 'MEMBER') END, false)""";

    @Override
    public boolean writesRowsAsGiven(Handle handle) {
        return handle.createQuery(LOGIN_IS_OWNER).mapTo(Boolean.class).one();
    }

    private static final String LOCK_ALL = "LOCK TABLE <tables> IN EXCLUSIVE MODE";

    /** EXCLUSIVE conflicts with every writer (the pipeline's plain INSERTs included) and with no reader. */
    @Override
    public void excludeOtherWriters(Handle handle) {
        handle.createUpdate(LOCK_ALL)
                .define("tables", Arrays.stream(RegistryTable.values()).map(RegistryTable::sqlName).collect(Collectors.joining(", ")))
                .execute();
    }
}

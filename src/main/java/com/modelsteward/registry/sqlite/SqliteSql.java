package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.RegistryTable;
import com.modelsteward.registry.sql.Dialect;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQLite's side of the store's statements: the staging file is attached as schema {@code staging}, rowids number rows. */
final class SqliteSql implements Dialect {

    static final SqliteSql INSTANCE = new SqliteSql();

    // The indexes of 2 million rows do not fit SQLite's default 2 MB page cache: without room, every batch evicts and
    // re-reads index pages (and spills dirty ones to the log).
    private static final String WIDE_PAGE_CACHE = "PRAGMA cache_size = -262144";
    private static final String DEFAULT_PAGE_CACHE = "PRAGMA cache_size = -2000";

    private SqliteSql() {
    }

    /** The rows are never deleted, so max(rowid) + 1 numbers them without counting rows. */
    @Override
    public String nextNumberSql(String table) {
        return "SELECT coalesce(max(rowid), 0) + 1 FROM " + table;
    }

    @Override
    public String staged(String sql) {
        return sql;
    }

    @Override
    public String textSearch(String sql) {
        return sql;
    }

    @Override
    public List<String> triggerProblems(Handle handle) {
        return SchemaTriggers.problems(handle);
    }

    /** The write transaction already holds the file's one write lock: the store chains the entry itself. */
    @Override
    public Optional<AuditEntry> appendAudit(Handle handle, String action, String entity, String payloadJson) {
        return Optional.empty();
    }

    @Override
    public void pageCache(Handle handle, boolean wide) {
        if (wide) {
            handle.execute(WIDE_PAGE_CACHE);
        } else {
            handle.execute(DEFAULT_PAGE_CACHE);
        }
    }

    /** Batched inserts are SQLite's bulk path: one transaction, one prepared statement. */
    @Override
    public boolean copyIn(Handle handle, RegistryTable table, List<Object[]> rows) {
        return false;
    }

    /** An INTEGER PRIMARY KEY is numbered max(rowid) + 1: rows inserted with their own keys need nothing more. */
    @Override
    public void continueIdentity(Handle handle, RegistryTable table) {
    }

    /** A file's triggers refuse a history written row by row (a version inserted as ACTIVE): a file is copied as a file. */
    @Override
    public boolean writesRowsAsGiven(Handle handle) {
        return false;
    }

    /** BEGIN IMMEDIATE already holds the file's one write lock. */
    @Override
    public void excludeOtherWriters(Handle handle) {
    }
}

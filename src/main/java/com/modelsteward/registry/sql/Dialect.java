package com.modelsteward.registry.sql;

import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.RegistryTable;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The few places where the store's statements cannot be written the same for every engine. Everything else in this
 * package runs as written on SQLite and on PostgreSQL (whose registry schema supplies SQLite's {@code instr} and
 * {@code json_each(text)}; docs/schema.md, "PostgreSQL"), and the contract suite runs it on both.
 */
public interface Dialect {

    /** The number after the highest of a table whose rows are never deleted (requests, rule changes). */
    String nextNumberSql(String table);

    /**
     * A statement that names the import's staging rows as {@code staging.staged_scorecards} (SQLite attaches the staging
     * file as schema {@code staging}), rewritten for this engine.
     */
    String staged(String sql);

    /**
     * A statement that looks for text inside a column with SQLite's {@code instr(haystack, needle)} — the audit view's
     * search for any text in the log, which no index serves — rewritten to this engine's own function.
     */
    String textSearch(String sql);

    /** What is wrong with the registry's triggers against the ones the latest schema defines (empty when intact). */
    List<String> triggerProblems(Handle handle);

    /**
     * Appends an audit entry the engine's own way — on a server, its function records the login it authenticated and its
     * own clock — or returns empty after readying the chain for the store to append the entry itself (a file; a server's
     * owner copying a history, under the chain's lock).
     */
    Optional<AuditEntry> appendAudit(Handle handle, String action, String entity, String payloadJson);

    /** Gives a long bulk write more cache than an ordinary transaction, or takes it back; engines that share one do nothing. */
    void pageCache(Handle handle, boolean wide);

    /**
     * Inserts rows given with their keys through the engine's bulk path and returns true, or returns false when the
     * engine has none worth its while and the store inserts them in batches ({@link com.modelsteward.registry.CopyStore#insert}).
     */
    boolean copyIn(Handle handle, RegistryTable table, List<Object[]> rows);

    /** Moves the table's id generator past its highest key after rows were inserted with their own; engines that number rows by max(rowid) do nothing. */
    void continueIdentity(Handle handle, RegistryTable table);

    /** Whether this connection's writes pass the registry's triggers as given: the server's schema owner; never on a file. */
    boolean writesRowsAsGiven(Handle handle);

    /** Keeps every other writer off every registry table until the transaction ends; a file's write transaction already does. */
    void excludeOtherWriters(Handle handle);
}

package com.modelsteward.registry;

import java.util.List;
import java.util.function.Consumer;

/**
 * A registry's tables row by row, for copying a whole registry into another ({@code migrate}). A row is its
 * {@link RegistryTable#columns} in order, each value a {@link String}, a {@link Long}, a {@link Double} or null as the
 * engine stored it (a value of another type, which SQLite's flexible columns can hold, is handed over as read, for the
 * caller to judge). Bound to one transaction or snapshot by {@link Store}.
 */
public interface CopyStore {

    /** How many rows the table holds. */
    long count(RegistryTable table);

    /**
     * Hands the table's rows to {@code page} in the order of its key, at most {@code pageSize} at a time, each page read by
     * its own statement from where the last one ended: memory stays bounded however large the table.
     */
    void read(RegistryTable table, int pageSize, Consumer<List<Object[]>> page);

    /**
     * Whether this connection writes rows exactly as given: on a server only the schema owner (a superuser, or a member of
     * {@code steward_owner}), whom the registry's triggers let through; never on a file, whose triggers refuse a history
     * written row by row (a version inserted as ACTIVE).
     */
    boolean writesRowsAsGiven();

    /** Keeps every other writer off every table until this transaction ends (a file's write lock already does). */
    void excludeOtherWriters();

    /** Inserts the rows, their keys included, by the engine's fastest path; {@code COPY} on PostgreSQL. */
    void insert(RegistryTable table, List<Object[]> rows);

    /** After rows were inserted with their ids: the next id the engine generates is above the highest (PostgreSQL's sequences). */
    void continueIdentity(RegistryTable table);
}

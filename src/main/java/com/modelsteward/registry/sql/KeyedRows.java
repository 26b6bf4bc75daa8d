package com.modelsteward.registry.sql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.statement.Query;

/** The rows of a query by key lists, as the replay of the signed history reads them. */
final class KeyedRows {

    private KeyedRows() {
    }

    /**
     * A scoped check reads only the rows whose keys are in {@code a} (and {@code b}): the engine's check before a
     * transition reads a handful of rows by key, not every table. An empty IN () is not SQL; a key no row has stands in.
     */
    static List<Map<String, Object>> keyed(Query query, Set<String> a, Set<String> b) {
        query.bindList("a", a.isEmpty() ? List.of("") : List.copyOf(a));
        if (b != null) {
            query.bindList("b", b.isEmpty() ? List.of("") : List.copyOf(b));
        }
        return query.mapToMap().list();
    }
}

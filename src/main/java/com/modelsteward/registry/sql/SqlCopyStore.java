package com.modelsteward.registry.sql;

import com.modelsteward.registry.CopyStore;
import com.modelsteward.registry.RegistryTable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link CopyStore} in SQL that every engine runs ({@link Dialect}). The statements name their table and columns through
 * Jdbi's defined attributes ({@code <table>}), filled from {@link RegistryTable} only: identifiers of the schema, never
 * input; every value is bound.
 */
final class SqlCopyStore implements CopyStore {

    private static final String COUNT = "SELECT count(*) FROM <table>";
    private static final String FIRST_PAGE = "SELECT <columns> FROM <table> ORDER BY <key> LIMIT :limit";
    /** Keyset paging: each page starts after the last key of the one before, through the primary key's index. */
    private static final String NEXT_PAGE = "SELECT <columns> FROM <table> WHERE <key> > :after ORDER BY <key> LIMIT :limit";
    private static final String INSERT = "INSERT INTO <table> (<columns>) VALUES (<values>)";

    private final Handle handle;
    private final Dialect dialect;

    SqlCopyStore(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public long count(RegistryTable table) {
        return handle.createQuery(COUNT).define("table", table.sqlName()).mapTo(Long.class).one();
    }

    @Override
    public void read(RegistryTable table, int pageSize, Consumer<List<Object[]>> page) {
        Object after = null;
        while (true) {
            Query query = after == null ? handle.createQuery(FIRST_PAGE) : handle.createQuery(NEXT_PAGE).bind("after", after);
            query.define("table", table.sqlName()).define("columns", table.columnList()).define("key", table.key().name())
                    .bind("limit", pageSize);
            int width = table.columns().size();
            List<Object[]> rows = query.map((rs, ctx) -> row(rs, width)).list();
            if (rows.isEmpty()) {
                return;
            }
            page.accept(Collections.unmodifiableList(rows));
            if (rows.size() < pageSize) {
                return;
            }
            after = rows.getLast()[0];
        }
    }

    /** The values as the driver reads them, whole numbers as {@link Long} whichever width the engine gave them. */
    private static Object[] row(ResultSet rs, int width) throws SQLException {
        Object[] values = new Object[width];
        for (int i = 0; i < width; i++) {
            Object value = rs.getObject(i + 1);
            values[i] = value instanceof Integer || value instanceof Short ? Long.valueOf(((Number) value).longValue()) : value;
        }
        return values;
    }

    @Override
    public boolean writesRowsAsGiven() {
        return dialect.writesRowsAsGiven(handle);
    }

    @Override
    public void excludeOtherWriters() {
        dialect.excludeOtherWriters(handle);
    }

    @Override
    public void insert(RegistryTable table, List<Object[]> rows) {
        if (rows.isEmpty() || dialect.copyIn(handle, table, rows)) {
            return;
        }
        List<RegistryTable.Column> columns = table.columns();
        PreparedBatch batch = handle.prepareBatch(INSERT).define("table", table.sqlName()).define("columns", table.columnList())
                .define("values", String.join(", ", Collections.nCopies(columns.size(), "?")));
        for (Object[] row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (row[i] == null) {
                    batch.bindNull(i, sqlType(columns.get(i).kind()));
                } else {
                    batch.bindByType(i, row[i], row[i].getClass());
                }
            }
            batch.add();
        }
        batch.execute();
    }

    private static int sqlType(RegistryTable.Kind kind) {
        return switch (kind) {
            case TEXT -> Types.VARCHAR;
            case INTEGER -> Types.BIGINT;
            case REAL -> Types.DOUBLE;
        };
    }

    @Override
    public void continueIdentity(RegistryTable table) {
        dialect.continueIdentity(handle, table);
    }
}

package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's written-out row mappers (ADR 28) give every record component the value of its own column, found by
 * label whatever the column order, and read NULLs as Jdbi's mappers did: null for a boxed or text component, 0 or false
 * for a primitive one.
 */
class RowMappersTest {

    /** Every record the stores map rows onto. */
    private static final List<Class<? extends Record>> MAPPED = List.of(ModelSummary.class, ModelVersion.class, Scorecard.class,
            RegistryEvent.class, StateCount.class, TransitionRequestRow.class, AuditEntry.class, DriftResultRow.class,
            RequestApprovalRow.class, RequestQueueRow.class, VersionRequestRow.class, VersionHashRow.class);

    private Jdbi jdbi;

    @BeforeEach
    void registerOnAnInMemoryDatabase() {
        jdbi = Jdbi.create("jdbc:sqlite::memory:");
        RowMappers.register(jdbi);
    }

    @Test
    void everyComponentReadsItsOwnColumnWhateverTheOrder() throws Exception {
        for (Class<? extends Record> type : MAPPED) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                values[i] = distinct(components[i].getType(), i);
                columns.add(literal(values[i]) + " AS " + column(components[i].getName()));
            }
            // Reversed, and a column no component asks for: a mapper by position, or one that stops at an unknown label, fails.
            Collections.reverse(columns);
            columns.add("'not asked for' AS unrelated");

            assertEquals(construct(type, values), mapOne(type, "SELECT " + String.join(", ", columns)), type.getSimpleName());
        }
    }

    @Test
    void nullsAreNullForBoxedAndTextComponentsAndZeroOrFalseForPrimitiveOnes() throws Exception {
        for (Class<? extends Record> type : MAPPED) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                Class<?> kind = components[i].getType();
                values[i] = kind == long.class ? 0L : kind == int.class ? 0 : kind == boolean.class ? false : null;
                columns.add("NULL AS " + column(components[i].getName()));
            }

            assertEquals(construct(type, values), mapOne(type, "SELECT " + String.join(", ", columns)), type.getSimpleName());
        }
    }

    @Test
    void aQueryWithoutAComponentsColumnIsRefusedNamingIt() {
        Exception refused = assertThrows(Exception.class, () -> mapOne(StateCount.class, "SELECT 'ACTIVE' AS state, 3 AS total"));

        String messages = "";
        for (Throwable t = refused; t != null; t = t.getCause()) {
            messages += t.getMessage() + "\n";
        }
        assertTrue(messages.contains("has no column count"), messages);
    }

    @Test
    void labelsMatchWhateverTheirCase() {
        assertEquals(new StateCount("ACTIVE", 3), mapOne(StateCount.class, "SELECT 'ACTIVE' AS STATE, 3 AS Count"));
    }

    private <T> T mapOne(Class<T> type, String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(type).one());
    }

    /** A value of {@code kind} that no other component of the record gets. */
    private static Object distinct(Class<?> kind, int index) {
        if (kind == String.class) {
            return "text " + index;
        }
        if (kind == long.class || kind == Long.class) {
            return 1_000L + index;
        }
        if (kind == int.class || kind == Integer.class) {
            return 2_000 + index;
        }
        if (kind == Double.class) {
            return index + 0.25;
        }
        if (kind == boolean.class || kind == Boolean.class) {
            return index % 2 == 0;
        }
        throw new AssertionError("no test value for a component of type " + kind);
    }

    private static String literal(Object value) {
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof Boolean flag) {
            return flag ? "1" : "0";
        }
        return String.valueOf(value);
    }

    /** The component's column: its name in snake_case ({@code ksPvalue} is {@code ks_pvalue}). */
    private static String column(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Object construct(Class<? extends Record> type, Object[] values) throws Exception {
        Class<?>[] kinds = java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        return type.getDeclaredConstructor(kinds).newInstance(values);
    }
}

package com.modelsteward.registry;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps the registry's rows onto its records by column label, registered once per registry. Written out rather than
 * Jdbi's {@code ConstructorMapper}: that one looks up a column mapper for every constructor parameter and builds method
 * handles for every result set, which in a console's or a command's first queries cost more than reading the rows (ADR
 * 28). Values read as Jdbi's own column mappers read them: a NULL is 0 or false for a primitive component and null for
 * a boxed one.
 */
final class RowMappers {

    private RowMappers() {
    }

    static void register(Jdbi jdbi) {
        jdbi.registerRowMapper(ModelSummary.class, by(row -> new ModelSummary(row.text("model_id"), row.text("model_name"),
                row.text("model_type"), row.text("version"), row.text("state"), row.text("parent_id"), row.text("created_at"),
                row.text("created_by"), row.flag("archived"))));
        jdbi.registerRowMapper(ModelVersion.class, by(row -> new ModelVersion(row.text("model_id"), row.text("model_name"),
                row.text("model_type"), row.text("version"), row.text("state"), row.text("parent_id"), row.text("path_ref"),
                row.text("training_config_json"), row.text("training_config_hash"), row.text("data_snapshot_ref"),
                row.text("data_snapshot_hash"), row.text("feature_graph_hash"), row.text("code_commit"), row.text("created_at"),
                row.text("created_by"), row.text("updated_at"), row.whole("row_version"), row.text("state_changed_at"),
                row.flag("archived"))));
        jdbi.registerRowMapper(Scorecard.class, by(row -> new Scorecard(row.text("model_id"), row.text("pack_id"), row.text("metric"),
                row.optionalNumber("value"), row.text("generated_at"))));
        jdbi.registerRowMapper(RegistryEvent.class, by(row -> new RegistryEvent(row.whole("event_id"), row.text("event_type"),
                row.text("payload_json"), row.text("created_at"), row.text("published_at"))));
        jdbi.registerRowMapper(StateCount.class, by(row -> new StateCount(row.text("state"), row.whole("count"))));
        jdbi.registerRowMapper(TransitionRequestRow.class, by(row -> new TransitionRequestRow(row.text("request_id"),
                row.text("model_id"), row.text("model_name"), row.text("version"), row.text("from_state"), row.text("to_state"),
                row.text("requested_by"), row.text("requested_at"), row.text("justification"), row.text("status"),
                row.optionalFlag("gate_passed"), row.text("decided_at"))));
        jdbi.registerRowMapper(AuditEntry.class, by(row -> new AuditEntry(row.whole("seq"), row.text("ts"), row.text("actor"),
                row.text("action"), row.text("entity"), row.text("payload_json"), row.text("prev_hash"), row.text("hash"))));
        jdbi.registerRowMapper(DriftResultRow.class, by(row -> new DriftResultRow(row.whole("drift_id"), row.text("model_id"),
                row.text("feature"), row.text("drift_kind"), row.optionalNumber("psi"), row.optionalNumber("ks_statistic"),
                row.optionalNumber("ks_pvalue"), row.optionalWhole("n_reference"), row.optionalWhole("n_current"),
                row.optionalWhole("n_dropped"), row.text("severity"), row.text("window_start"), row.text("window_end"),
                row.text("computed_at"))));
        jdbi.registerRowMapper(RequestApprovalRow.class, by(row -> new RequestApprovalRow(row.text("request_id"), row.text("approver"),
                row.text("decision"), row.text("comment"), row.text("decided_at"))));
        jdbi.registerRowMapper(RequestQueueRow.class, by(row -> new RequestQueueRow(row.text("request_id"), row.text("kind"),
                row.text("model_id"), row.text("model_name"), row.text("version"), row.text("from_state"), row.text("to_state"),
                row.text("requested_by"), row.text("requested_at"), row.text("justification"), row.text("status"),
                row.text("gate_report_json"), row.small("required_approvals"), row.text("decided_at"), row.small("approvals"),
                row.text("decided_by"), row.text("decision_comment"))));
        jdbi.registerRowMapper(VersionRequestRow.class, by(row -> new VersionRequestRow(row.text("model_id"), row.text("request_id"),
                row.text("from_state"), row.text("to_state"), row.text("requested_by"), row.text("requested_at"),
                row.text("justification"), row.text("status"), row.optionalFlag("gate_passed"), row.text("gate_report_json"),
                row.text("decided_at"), row.text("executed_at"), row.small("required_approvals"))));
        jdbi.registerRowMapper(VersionHashRow.class, by(row -> new VersionHashRow(row.text("model_id"), row.text("training_config_hash"),
                row.text("data_snapshot_hash"), row.text("feature_graph_hash"), row.text("code_commit"))));
    }

    private static <T> RowMapper<T> by(Build<T> build) {
        return new Labelled<>(build);
    }

    @FunctionalInterface
    private interface Build<T> {
        T from(Row row) throws SQLException;
    }

    /** The current row of one result set, its columns found by lower-case label. */
    private record Row(ResultSet rs, Map<String, Integer> columns) {

        String text(String label) throws SQLException {
            return rs.getString(at(label));
        }

        long whole(String label) throws SQLException {
            return rs.getLong(at(label));
        }

        int small(String label) throws SQLException {
            return rs.getInt(at(label));
        }

        boolean flag(String label) throws SQLException {
            return rs.getBoolean(at(label));
        }

        Long optionalWhole(String label) throws SQLException {
            long value = rs.getLong(at(label));
            return rs.wasNull() ? null : value;
        }

        Double optionalNumber(String label) throws SQLException {
            double value = rs.getDouble(at(label));
            return rs.wasNull() ? null : value;
        }

        Boolean optionalFlag(String label) throws SQLException {
            boolean value = rs.getBoolean(at(label));
            return rs.wasNull() ? null : value;
        }

        private int at(String label) throws SQLException {
            Integer index = columns.get(label);
            if (index == null) {
                throw new SQLException("the query's result has no column " + label + " (it has " + columns.keySet() + ")");
            }
            return index;
        }
    }

    /** Looks each label's index up once per result set, as Jdbi's own mappers do; the first of two equal labels wins. */
    private record Labelled<T>(Build<T> build) implements RowMapper<T> {

        @Override
        public T map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        @Override
        public RowMapper<T> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = meta.getColumnCount(); i >= 1; i--) {
                columns.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
            }
            Row row = new Row(rs, columns);
            return (ignored, context) -> build.from(row);
        }
    }
}
